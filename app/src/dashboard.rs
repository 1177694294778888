//! Dashboards for police zones and the knowledge centre. Only aggregates leave the server, and
//! each caller sees only what their role covers.

pub mod api;
pub mod types;

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
                        Ok(Dashboard::National { table, households }) => view! {
                            <p data-test-dashboard="national">{t(T::NationalDashboardIntro)}</p>
                            <CountTable table/>
                            <p>{t(T::MemberHouseholds)}": "{format_count(households, lang)}</p>
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
                                    </dl>
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
