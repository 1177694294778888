//! `/seen/{token}`: the page an e-mail's "seen" link opens. Opening it changes nothing (mail
//! scanners open links); pressing its button says the message was seen.

use crate::i18n::t;
use crate::messaging::api::{SeenByToken, seen_photo};
use crate::messaging::texts::T;
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
    let photo = Resource::new(token, seen_photo);
    let done = move || matches!(seen.value().get(), Some(Ok(()))) || query.read().get("done").as_deref() == Some("1");
    view! {
        <Title text=t(T::SeenPageTitle)/>
        <section class="page narrow">
            <h1>{t(T::SeenPageTitle)}</h1>
            <p>{t(T::SeenPageLead)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    photo.await.unwrap_or(false).then(|| view! {
                        <figure class="alert-photo">
                            <img src=format!("/seen/{}/photo.jpg", token()) alt=t(T::MissingPhotoAlt) data-test-seen-photo=""/>
                        </figure>
                    })
                })}
            </Suspense>
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
