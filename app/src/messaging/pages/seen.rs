//! `/seen/{token}`: the page an e-mail's "seen" link opens. Opening it changes nothing (mail
//! scanners open links); pressing its button says the message was seen.

use crate::i18n::{T, t};
use crate::messaging::api::SeenByToken;
use crate::ui::{ActionError, Notice, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SeenPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let seen = ServerAction::<SeenByToken>::new();
    let query = use_query_map();
    let done = move || matches!(seen.value().get(), Some(Ok(()))) || query.read().get("done").as_deref() == Some("1");
    view! {
        <Title text=t(T::SeenPageTitle)/>
        <section class="page narrow">
            <h1>{t(T::SeenPageTitle)}</h1>
            <p>{t(T::SeenPageLead)}</p>
            <ActionError value=seen.value()/>
            {move || if done() {
                view! { <span data-test-seen-done=""><Notice text=t(T::SeenThanks)/></span> }.into_any()
            } else {
                view! {
                    <ActionForm action=seen attr:data-test-form="seen-token">
                        <input type="hidden" name="token" value=token()/>
                        <Submit label=t(T::SeenButton) pending=seen.pending().into()/>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}
