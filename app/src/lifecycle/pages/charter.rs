//! `/bin/{id}/charter`: the charter as a page to print.

use super::life::CharterCard;
use crate::i18n::{Common, colon, t, use_lang};
use crate::lifecycle::api::life;
use crate::lifecycle::texts::T;
use crate::lifecycle::types::LifeView;
use crate::time::format_date;
use crate::ui::PageError;
use crate::ui::loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/bin/{id}/charter`: the charter as a page to print, newest version first, every version listed.
#[component]
pub fn CharterPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let data = Resource::new(id, life);
    view! {
        <Title text=t(Common::Charter)/>
        <section class="page narrow">
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Charter view/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/initiatives" back_label=t(Common::Initiatives)/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Charter(view: LifeView) -> impl IntoView {
    let lang = use_lang();
    let bin_id = view.bin_id;
    let current = view.charters.iter().find(|c| c.is_open()).or(view.charters.first()).cloned();
    let versions = view.charters.clone();
    view! {
        <nav class="breadcrumb no-print" aria-label=t(Common::Breadcrumb)><a href=format!("/bin/{bin_id}/life")>{view.name.clone()}</a></nav>
        <h1>{t(Common::Charter)}{colon()}{view.name.clone()}</h1>
        <p class="lead">{view.municipality.clone()}" · "{t(Common::PoliceZone)}" "{view.zone.clone()}</p>
        <p class="no-print"><button type="button" class="button" data-print="">{t(Common::Print)}</button></p>
        {match current {
            Some(c) => view! { <CharterCard charter=c bin_id/> }.into_any(),
            None => view! { <p class="empty-state">{t(T::NoCharterYet)}</p> }.into_any(),
        }}
        <section aria-labelledby="versions-title">
            <h2 id="versions-title">{t(T::Versions)}</h2>
            <div class="table-scroll" tabindex="0">
            <table data-test-versions="">
                <thead><tr>
                    <th scope="col">{t(Common::VersionColumn)}</th>
                    <th scope="col">{t(T::Signatures)}</th>
                    <th scope="col">{t(Common::RegisteredOnColumn)}</th>
                    <th scope="col">{t(Common::NextReviewColumn)}</th>
                </tr></thead>
                <tbody>
                    {versions.into_iter().map(|c| {
                        let date = move |at: Option<i64>| at.map(|a| format_date(a, lang)).unwrap_or_else(|| "–".into());
                        view! { <tr>
                            <td>{c.version}</td>
                            <td>{format!("{}/4", c.signatures.len())}</td>
                            <td class="nowrap">{date(c.registered_at)}</td>
                            <td class="nowrap">{date(c.next_review_at)}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
