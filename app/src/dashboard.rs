//! Dashboards for police zones and the knowledge centre. Only aggregates leave the server, and
//! each caller sees only what their role covers.

pub mod api;
pub mod types;

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
                        Ok(Dashboard::National { table, households, cpa }) => view! {
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
