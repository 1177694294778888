//! `/initiatives`: the networks not active yet that concern the reader.

use crate::i18n::{Common, t, use_lang};
use crate::lifecycle::api::initiatives;
use crate::lifecycle::texts::T;
use crate::lifecycle::types::Initiative;
use crate::time::format_date;
use crate::ui::PageError;
use crate::ui::loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/initiatives`: networks not active yet that concern the reader, and the way to start one.
#[component]
pub fn InitiativesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| initiatives());
    view! {
        <Title text=t(Common::Initiatives)/>
        <section class="page">
            <h1>{t(Common::Initiatives)}</h1>
            <p><a class="button primary" href="/start">{t(Common::StartBin)}</a></p>
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! { <InitiativeList list/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/" back_label=t(Common::BackHome)/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InitiativeList(list: Vec<Initiative>) -> impl IntoView {
    let lang = use_lang();
    if list.is_empty() {
        return view! { <p class="empty-state" data-test-initiatives="0">{t(T::NoInitiatives)}</p> }.into_any();
    }
    let count = list.len().to_string();
    view! {
        <ul class="initiatives" data-test-initiatives=count>
            {list.into_iter().map(|i| view! {
                <li data-test-initiative=i.bin_id.to_string()>
                    <a href=format!("/bin/{}/life", i.bin_id)>{i.name}</a>" · "{i.municipality}" · "
                    <span class=format!("state-badge {}", i.state.code())>{t(i.state.text())}</span>
                    " · "{t(T::Since)}" "{format_date(i.since, lang)}
                    {i.waiting_for_me.then(|| view! { " · " <strong class="waiting">{t(T::WaitingForYou)}</strong> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
