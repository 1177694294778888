//! The dashboards' pages: `/dashboard` (a zone's or the country's figures, with the period and
//! zone to choose), `/dashboard/registry` (the registry of networks and charters) and
//! `/dashboard/import` (bringing in an existing registry).

mod import;
mod registry;

pub use import::ImportPage;
pub use registry::RegistryPage;

use crate::dashboard::api::my_dashboard;
use crate::dashboard::charts::{FigureView, ZoneMap};
use crate::dashboard::texts::T;
use crate::dashboard::types::Dashboard;
use crate::directory::pages::home::CountTable;
use crate::i18n::format_count;
use crate::i18n::{Common, colon, t, use_lang};
use crate::ui::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    // An unreadable period gets the server's clear refusal rather than a silent default.
    let months = move || query.with(|q| q.get("months").map(|m| m.trim().parse::<i64>().unwrap_or(-1)));
    let zone = move || query.with(|q| q.get("zone").map(|z| z.trim().parse::<i64>().unwrap_or(-1)));
    let data = Resource::new(move || (months(), zone()), |(months, zone)| my_dashboard(months, zone));
    let lang = use_lang();
    view! {
        <Title text=t(Common::NavDashboard)/>
        <section class="page dashboard">
            <h1>{t(Common::NavDashboard)}</h1>
            <p class="no-print"><a href="/initiatives" data-test-initiatives-link="">{t(Common::Initiatives)}</a></p>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Dashboard::National { table, households, areas, figures, period, .. }) => view! {
                            <p data-test-dashboard="national">{t(T::NationalDashboardIntro)}</p>
                            <PeriodForm months=period.months zone=None zones=Vec::new()/>
                            <CountTable table/>
                            <p>{t(Common::MemberHouseholds)}{colon()}{format_count(households, lang)}</p>
                            <p class="no-print"><a href="/registry" data-test-registry-link="">{t(T::CharterRegistry)}</a></p>
                            <h2>{t(T::FiguresHeading)}</h2>
                            <div class="figures">
                                {figures.into_iter().map(|figure| view! {
                                    <FigureView figure scope="national".to_string() months=period.months/>
                                }).collect_view()}
                            </div>
                            <p class="no-print"><a class="button" href="/api/v1/stats/national.csv" download="" rel="external">{t(T::DownloadZoneCsv)}</a></p>
                            <AreaTable areas=areas.clone() level="province" caption=t(T::PerProvince)/>
                            <AreaTable areas level="zone" caption=t(T::PerZone)/>
                        }.into_any(),
                        Ok(Dashboard::Zones(zones)) => {
                            let months = zones.first().map(|z| z.period.months).unwrap_or(crate::dashboard::figure::PERIODS[0]);
                            let shown = zones.first().map(|z| z.zone_id);
                            let choices = zones.first().map(|z| z.choices.clone()).unwrap_or_default();
                            view! {
                                <PeriodForm months zone=shown zones=choices/>
                                {zones.into_iter().map(|z| {
                                    let scope = z.zone_id.to_string();
                                    view! {
                                        <section class="zone" data-test-dashboard="zone" data-test-zone=z.zone_id aria-labelledby=format!("zone-{}-title", z.zone_id)>
                                            <h2 id=format!("zone-{}-title", z.zone_id)>{t(Common::PoliceZone)}" "{z.name.get(lang).to_string()}</h2>
                                            <dl class="facts">
                                                <dt>{t(Common::KindBin)}</dt><dd>{format_count(z.bin, lang)}</dd>
                                                <dt>{t(Common::KindBinZ)}</dt><dd>{format_count(z.bin_z, lang)}</dd>
                                                <dt>{t(Common::LookingForCoordinator)}</dt><dd>{format_count(z.without_coordinator, lang)}</dd>
                                                <dt>{t(Common::MemberHouseholds)}</dt><dd>{z.households_label.clone()}</dd>
                                                <dt>{t(T::CpaCertified)}</dt><dd data-test-zone-certified="">{z.certified_label.clone()}</dd>
                                                <dt>{t(T::CpaListed)}</dt><dd>{z.volunteers.len().to_string()}</dd>
                                            </dl>
                                            <ZoneMap zone=z.clone()/>
                                            <ZoneNetworks figures=z.clone()/>
                                            <div class="figures">
                                                {z.figures.clone().into_iter().map(|figure| view! {
                                                    <FigureView figure scope=scope.clone() months/>
                                                }).collect_view()}
                                            </div>
                                            <Volunteers volunteers=z.volunteers.clone()/>
                                        </section>
                                    }
                                }).collect_view()}
                            }.into_any()
                        }
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

/// The choice of period (a plain GET form, so it works without JavaScript and the URL keeps
/// it), and printing.
#[component]
fn PeriodForm(months: i64, zone: Option<i64>, zones: Vec<(i64, crate::directory::types::Names)>) -> impl IntoView {
    let lang = use_lang();
    let mut choices = crate::dashboard::figure::PERIODS;
    choices.sort_unstable();
    let zone_choice = (zone.is_some() && zones.len() > 1).then(|| {
        view! {
            <label for="dashboard-zone">{t(Common::PoliceZone)}</label>
            <select id="dashboard-zone" name="zone">
                {zones.into_iter().map(|(id, names)| view! {
                    <option value=id.to_string() selected=Some(id) == zone>{names.get(lang).to_string()}</option>
                }).collect_view()}
            </select>
        }
    });
    view! {
        <form method="get" action="/dashboard" class="inline-form no-print" data-test-period=months>
            {zone_choice}
            <label for="period">{t(T::Period)}</label>
            <select id="period" name="months">
                {choices.into_iter().map(|m| {
                    let name = crate::i18n::fill(lang, T::LastMonths.get(lang), &[m.to_string()]);
                    view! { <option value=m.to_string() selected=m == months>{name}</option> }
                }).collect_view()}
            </select>
            <button type="submit">{t(T::ShowPeriod)}</button>
            <button type="button" class="secondary" data-print="">{t(Common::Print)}</button>
        </form>
    }
}

/// A column of the networks' table the reader can sort by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Name,
    Kind,
    Score,
    Charter,
}

impl SortBy {
    fn parse(s: &str) -> Option<SortBy> {
        match s {
            "name" => Some(SortBy::Name),
            "kind" => Some(SortBy::Kind),
            "score" => Some(SortBy::Score),
            "charter" => Some(SortBy::Charter),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Kind => "kind",
            SortBy::Score => "score",
            SortBy::Charter => "charter",
        }
    }
}

/// Sorts a zone's networks by `by`, ties by name then id.
fn sort_bins(bins: &mut [crate::dashboard::zone::ZoneBin], by: SortBy, descending: bool) {
    use crate::dashboard::zone::CharterStatus;
    let charter_rank = |c: CharterStatus| match c {
        CharterStatus::Overdue => 0,
        CharterStatus::DueSoon => 1,
        CharterStatus::None => 2,
        CharterStatus::InForce => 3,
    };
    bins.sort_by(|a, b| {
        let order = match by {
            SortBy::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            SortBy::Kind => a.kind.cmp(&b.kind),
            SortBy::Score => a.continuity.score.cmp(&b.continuity.score),
            SortBy::Charter => charter_rank(a.charter).cmp(&charter_rank(b.charter)),
        };
        let order = if descending { order.reverse() } else { order };
        order.then_with(|| a.name.cmp(&b.name)).then(a.id.cmp(&b.id))
    });
}

/// Requests, charters and succession of a zone, and every network in a table the reader can
/// sort (links, so it works without JavaScript), with the same data as CSV.
#[component]
fn ZoneNetworks(figures: crate::dashboard::types::ZoneFigures) -> impl IntoView {
    use crate::dashboard::zone::CharterStatus;
    use crate::membership::continuity::Band;
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map();
    let sort = move || {
        query.with(|q| {
            let by = q.get("sort").and_then(|s| SortBy::parse(&s)).unwrap_or(SortBy::Score);
            (by, q.get("dir").as_deref() == Some("desc"))
        })
    };
    let looking = figures
        .bins
        .iter()
        .filter(|b| b.state == crate::directory::types::BinState::Active && b.looking_for_coordinator)
        .count();
    let no_deputy =
        figures.bins.iter().filter(|b| b.state == crate::directory::types::BinState::Active && !b.has_deputy).count();
    let median = match (figures.median_decision_days, figures.decisions) {
        (Some(d), _) => format!("{} {}", crate::i18n::format_decimal(d, lang), t(T::Days)),
        (None, 0) => t(T::NoDecisionsYet).to_string(),
        (None, _) => t(T::FewDecisions).to_string(),
    };
    let charter = move |c: CharterStatus| c.text().get(lang);
    let band_name = move |b: Band| match b {
        Band::AtRisk => Common::BandAtRisk.get(lang),
        Band::Watch => Common::BandWatch.get(lang),
        Band::Good => Common::BandGood.get(lang),
    };
    let months = figures.period.months;
    let header = move |by: SortBy, label: &'static str| {
        let (current, descending) = sort();
        let active = current == by;
        let next_desc = active && !descending;
        let href =
            format!("?months={months}&sort={}&dir={}#zone-networks", by.code(), if next_desc { "desc" } else { "asc" });
        let aria = match (active, descending) {
            (false, _) => None,
            (true, false) => Some("ascending"),
            (true, true) => Some("descending"),
        };
        let arrow = match aria {
            Some("ascending") => " ▲",
            Some(_) => " ▼",
            None => "",
        };
        view! { <th scope="col" aria-sort=aria><a href=href>{label}{arrow}</a></th> }
    };
    let bins = figures.bins.clone();
    let count = bins.len().to_string();
    view! {
        <dl class="facts" data-test-zone-figures="">
            <dt>{t(Common::PendingRequests)}</dt><dd data-test-waiting="">{figures.waiting_label.clone()}</dd>
            <dt>{t(T::MedianDecision)}</dt><dd>{median}</dd>
            <dt>{t(T::CharterInForce)}</dt><dd>{format_count(figures.charters_in_force, lang)}</dd>
            <dt>{t(T::CharterDueSoon)}</dt><dd>{format_count(figures.charters_due_soon, lang)}</dd>
            <dt>{t(T::CharterOverdue)}</dt><dd>{format_count(figures.charters_overdue, lang)}</dd>
            <dt>{t(Common::LookingForCoordinator)}</dt><dd>{looking.to_string()}</dd>
            <dt>{t(T::WithoutDeputy)}</dt><dd>{no_deputy.to_string()}</dd>
        </dl>
        <p class="no-print"><a class="button" href=format!("/dashboard/zone/{}.csv", figures.zone_id) download="" rel="external" data-test-zone-csv="">{t(T::DownloadZoneCsv)}</a></p>
        <div class="table-scroll" id="zone-networks" tabindex="0" role="region" aria-label=t(T::NetworksOfZone)>
            <table class="list-table" data-test-zone-bins=count>
                <caption>{t(T::NetworksOfZone)}</caption>
                <thead><tr>
                    {move || header(SortBy::Name, Common::NameColumn.get(lang))}
                    {move || header(SortBy::Kind, Common::Kind.get(lang))}
                    {move || header(SortBy::Score, Common::Continuity.get(lang))}
                    <th scope="col">{t(Common::NextStep)}</th>
                    {move || header(SortBy::Charter, Common::Charter.get(lang))}
                </tr></thead>
                <tbody>
                    {move || {
                        let (by, descending) = sort();
                        let mut bins = bins.clone();
                        sort_bins(&mut bins, by, descending);
                        bins.into_iter().map(|b| view! {
                            <tr data-test-zone-bin=b.id.to_string()>
                                <td><a href=format!("/bin/{}", b.id)>{b.name.clone()}</a></td>
                                <td>{b.kind.text().get(lang)}</td>
                                <td>{format!("{} · {}", b.continuity.score, band_name(b.continuity.band()))}</td>
                                <td>{b.continuity.next_step.map(crate::membership::pages::step_text).unwrap_or("–")}</td>
                                <td>{charter(b.charter)}</td>
                            </tr>
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// One level of the national open data (provinces or zones) as a table.
#[component]
fn AreaTable(areas: Vec<crate::dashboard::types::Area>, level: &'static str, caption: &'static str) -> impl IntoView {
    let lang = use_lang();
    let rows: Vec<_> = areas.into_iter().filter(|a| a.level == level).collect();
    view! {
        <div class="table-scroll" tabindex="0">
        <table class="figures-table" data-test-areas=level>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{t(Common::NameColumn)}</th>
                <th scope="col">{t(Common::KindBin)}</th>
                <th scope="col">{t(Common::KindBinZ)}</th>
                <th scope="col">{t(Common::Total)}</th>
                <th scope="col">{t(Common::MemberHouseholds)}</th>
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
        </div>
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
                <th scope="col">{t(Common::NameColumn)}</th>
                <th scope="col">{t(Common::Email)}</th>
                <th scope="col">{t(Common::CertificateCode)}</th>
                <th scope="col">{t(T::ListedSince)}</th>
            </tr></thead>
            <tbody>
                {volunteers.into_iter().map(|v| view! {
                    <tr>
                        <td>{v.name}</td>
                        <td><a href=format!("mailto:{}", v.email)>{v.email.clone()}</a></td>
                        <td><a href=format!("/verify/{}", v.certificate)>{v.certificate.clone()}</a></td>
                        <td class="nowrap">{crate::time::format_date(v.since, lang)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
