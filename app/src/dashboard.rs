//! Dashboards for police zones and the knowledge centre. Only aggregates leave the server, and
//! each caller sees only what their role covers.

pub mod api;
pub mod registry;
pub mod registry_page;
pub mod types;
pub mod zone;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod national;
#[cfg(feature = "ssr")]
pub mod repo;

use crate::dashboard::api::my_dashboard;
use crate::dashboard::types::Dashboard;
use crate::directory::home::{CountTable, format_count};
use crate::i18n::{T, t, use_lang};
use crate::ui::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_dashboard());
    let lang = use_lang();
    view! {
        <Title text=t(T::NavDashboard)/>
        <section class="page">
            <h1>{t(T::NavDashboard)}</h1>
            <Suspense fallback=|| view! { <p class="loading" role="status">{t(T::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Dashboard::National { table, households, cpa, areas, risk }) => view! {
                            <p data-test-dashboard="national">{t(T::NationalDashboardIntro)}</p>
                            <CountTable table/>
                            <p>{t(T::MemberHouseholds)}": "{format_count(households, lang)}</p>
                            <section class="card" aria-labelledby="cpa-title">
                                <h2 id="cpa-title">{t(T::CpaVolunteers)}</h2>
                                <dl class="facts" data-test-cpa-counts="">
                                    <dt>{t(T::CpaLearners)}</dt><dd>{format_count(cpa.learners, lang)}</dd>
                                    <dt>{t(T::CpaCertified)}</dt><dd>{format_count(cpa.certified, lang)}</dd>
                                    <dt>{t(T::CpaListed)}</dt><dd>{format_count(cpa.opted_in, lang)}</dd>
                                </dl>
                            </section>
                            <p><a href="/registry" data-test-registry-link="">{t(T::CharterRegistry)}</a></p>
                            <ZoneRiskTable risk/>
                            <p><a class="button" href="/api/v1/stats/national.csv" download="" rel="external">{t(T::DownloadZoneCsv)}</a></p>
                            <AreaTable areas=areas.clone() level="province" caption=t(T::PerProvince)/>
                            <AreaTable areas level="zone" caption=t(T::PerZone)/>
                        }.into_any(),
                        Ok(Dashboard::Zones(zones)) => view! {
                            {zones.into_iter().map(|z| view! {
                                <section class="card" data-test-dashboard="zone" data-test-zone=z.zone_id>
                                    <h2>{t(T::PoliceZone)}" "{z.name.get(lang).to_string()}</h2>
                                    <dl class="facts">
                                        <dt>"BIN"</dt><dd>{format_count(z.bin, lang)}</dd>
                                        <dt>"BIN-Z"</dt><dd>{format_count(z.bin_z, lang)}</dd>
                                        <dt>{t(T::LookingForCoordinator)}</dt><dd>{format_count(z.without_coordinator, lang)}</dd>
                                        <dt>{t(T::MemberHouseholds)}</dt><dd>{z.households_label.clone()}</dd>
                                        <dt>{t(T::CpaCertified)}</dt><dd data-test-zone-certified="">{z.certified_label.clone()}</dd>
                                        <dt>{t(T::CpaListed)}</dt><dd>{z.volunteers.len().to_string()}</dd>
                                    </dl>
                                    <ZoneNetworks figures=z.clone()/>
                                    <Volunteers volunteers=z.volunteers.clone()/>
                                </section>
                            }).collect_view()}
                        }.into_any(),
                        Err(error) => view! {
                            <ErrorMessage error/>
                            <p>{t(T::DashboardWho)}</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Requests, charters and succession of a zone, a chart of its continuity scores, and every
/// network in a table (the lowest score first), with the same data as CSV.
#[component]
fn ZoneNetworks(figures: crate::dashboard::types::ZoneFigures) -> impl IntoView {
    use crate::dashboard::zone::CharterStatus;
    use crate::membership::continuity::Band;
    let lang = use_lang();
    let bands = [Band::AtRisk, Band::Watch, Band::Good]
        .map(|band| figures.bins.iter().filter(|b| b.state == "active" && b.continuity.band() == band).count());
    let looking = figures.bins.iter().filter(|b| b.state == "active" && b.looking_for_coordinator).count();
    let no_deputy = figures.bins.iter().filter(|b| b.state == "active" && !b.has_deputy).count();
    let median = figures
        .median_decision_days
        .map(|d| format!("{d:.1} {}", t(T::Days)))
        .unwrap_or_else(|| t(T::NoDecisionsYet).to_string());
    let charter = |c: CharterStatus| match c {
        CharterStatus::InForce => t(T::CharterInForce),
        CharterStatus::DueSoon => t(T::CharterDueSoon),
        CharterStatus::Overdue => t(T::CharterOverdue),
        CharterStatus::None => t(T::CharterNone),
    };
    let band_name = |b: Band| match b {
        Band::AtRisk => t(T::BandAtRisk),
        Band::Watch => t(T::BandWatch),
        Band::Good => t(T::BandGood),
    };
    let max = bands.iter().copied().max().unwrap_or(0).max(1);
    let summary = format!(
        "{}: {} {}, {} {}, {} {}.",
        t(T::Continuity),
        bands[0],
        band_name(Band::AtRisk),
        bands[1],
        band_name(Band::Watch),
        bands[2],
        band_name(Band::Good)
    );
    view! {
        <dl class="facts" data-test-zone-figures="">
            <dt>{t(T::PendingRequests)}</dt><dd data-test-waiting="">{format_count(figures.waiting_requests, lang)}</dd>
            <dt>{t(T::MedianDecision)}</dt><dd>{median}</dd>
            <dt>{t(T::CharterInForce)}</dt><dd>{format_count(figures.charters_in_force, lang)}</dd>
            <dt>{t(T::CharterDueSoon)}</dt><dd>{format_count(figures.charters_due_soon, lang)}</dd>
            <dt>{t(T::CharterOverdue)}</dt><dd>{format_count(figures.charters_overdue, lang)}</dd>
            <dt>{t(T::LookingForCoordinator)}</dt><dd>{looking.to_string()}</dd>
            <dt>{t(T::WithoutDeputy)}</dt><dd>{no_deputy.to_string()}</dd>
        </dl>
        <figure class="chart">
            <svg role="img" aria-labelledby=format!("chart-{}", figures.zone_id) viewBox="0 0 400 96" width="400" height="96">
                <title id=format!("chart-{}", figures.zone_id)>{summary.clone()}</title>
                {[Band::AtRisk, Band::Watch, Band::Good].into_iter().enumerate().map(|(i, band)| {
                    let width = 200 * bands[i] / max;
                    let y = 8 + 30 * i;
                    let fill = ["#a4161a", "#b07d00", "#1e6b34"][i];
                    view! {
                        <text x="0" y=y + 16 font-size="13">{band_name(band)}</text>
                        <rect x="160" y=y width=width.max(1) height="20" fill=fill></rect>
                        <text x=164 + width y=y + 16 font-size="13">{bands[i].to_string()}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{summary}</figcaption>
        </figure>
        <p><a class="button" href=format!("/dashboard/zone/{}.csv", figures.zone_id) download="" rel="external" data-test-zone-csv="">{t(T::DownloadZoneCsv)}</a></p>
        <table class="list-table" data-test-zone-bins=figures.bins.len().to_string()>
            <caption>{t(T::NetworksOfZone)}</caption>
            <thead><tr>
                <th scope="col">{t(T::NameColumn)}</th>
                <th scope="col">{t(T::Kind)}</th>
                <th scope="col">{t(T::Continuity)}</th>
                <th scope="col">{t(T::NextStep)}</th>
                <th scope="col">{t(T::Charter)}</th>
            </tr></thead>
            <tbody>
                {figures.bins.iter().map(|b| view! {
                    <tr data-test-zone-bin=b.id.to_string()>
                        <td><a href=format!("/bin/{}", b.id)>{b.name.clone()}</a></td>
                        <td>{if b.kind == "bin_z" { "BIN-Z" } else { "BIN" }}</td>
                        <td>{format!("{} · {}", b.continuity.score, band_name(b.continuity.band()))}</td>
                        <td>{b.continuity.next_step.map(crate::membership::pages::step_text).unwrap_or("–")}</td>
                        <td>{charter(b.charter)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The zones with the largest share of networks without a coordinator or a deputy.
#[component]
fn ZoneRiskTable(risk: Vec<crate::dashboard::types::ZoneRisk>) -> impl IntoView {
    let lang = use_lang();
    let count = risk.len().to_string();
    view! {
        <table class="list-table" data-test-zone-risk=count>
            <caption>{t(T::ZonesByRisk)}</caption>
            <thead><tr>
                <th scope="col">{t(T::PoliceZone)}</th>
                <th scope="col">{t(T::Networks)}</th>
                <th scope="col">{t(T::LookingForCoordinator)}</th>
                <th scope="col">{t(T::WithoutDeputy)}</th>
            </tr></thead>
            <tbody>
                {risk.into_iter().map(|z| view! {
                    <tr>
                        <th scope="row">{z.name}</th>
                        <td>{format_count(z.networks, lang)}</td>
                        <td>{format_count(z.without_coordinator, lang)}</td>
                        <td>{format_count(z.without_deputy, lang)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One level of the national open data (provinces or zones) as a table.
#[component]
fn AreaTable(areas: Vec<crate::dashboard::types::Area>, level: &'static str, caption: &'static str) -> impl IntoView {
    let lang = use_lang();
    let rows: Vec<_> = areas.into_iter().filter(|a| a.level == level).collect();
    view! {
        <table class="figures-table" data-test-areas=level>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{t(T::NameColumn)}</th>
                <th scope="col">"BIN"</th>
                <th scope="col">"BIN-Z"</th>
                <th scope="col">{t(T::Total)}</th>
                <th scope="col">{t(T::MemberHouseholds)}</th>
                <th scope="col">{t(T::CharterInForce)}</th>
                <th scope="col">{t(T::CpaCertified)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|a| view! {
                    <tr>
                        <th scope="row">{a.name}</th>
                        <td>{format_count(a.bin, lang)}</td>
                        <td>{format_count(a.bin_z, lang)}</td>
                        <td>{format_count(a.total, lang)}</td>
                        <td>{a.member_households}</td>
                        <td>{format_count(a.charters_in_force, lang)}</td>
                        <td>{a.certified_cpas}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The zone's listed CPA volunteers (they opted in; they can opt out at any time).
#[component]
fn Volunteers(volunteers: Vec<crate::learning::types::Volunteer>) -> impl IntoView {
    let lang = use_lang();
    if volunteers.is_empty() {
        return view! { <p class="empty-state" data-test-volunteers="0">{t(T::NoVolunteersYet)}</p> }.into_any();
    }
    let count = volunteers.len().to_string();
    view! {
        <table class="list-table" data-test-volunteers=count>
            <caption>{t(T::CpaVolunteers)}</caption>
            <thead><tr>
                <th scope="col">{t(T::NameColumn)}</th>
                <th scope="col">{t(T::Email)}</th>
                <th scope="col">{t(T::CertificateCode)}</th>
                <th scope="col">{t(T::ListedSince)}</th>
            </tr></thead>
            <tbody>
                {volunteers.into_iter().map(|v| view! {
                    <tr>
                        <td>{v.name}</td>
                        <td><a href=format!("mailto:{}", v.email)>{v.email.clone()}</a></td>
                        <td><a href=format!("/verify/{}", v.certificate)>{v.certificate.clone()}</a></td>
                        <td>{crate::ui::format_date(v.since, lang)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
