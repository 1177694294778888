//! The sign-in page.

use crate::auth::api::SignIn;
use crate::auth::texts::T;
use crate::i18n::{Common, t};
use crate::ui::{ActionError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    crate::refresh_auth_on_success(action.value());
    let pending = action.pending();
    // Where to go after signing in (a page on this site that sent the reader here).
    let query = use_query_map();
    let next = move || query.read().get("next").filter(|n| crate::ui::is_local_path(n)).unwrap_or_default();
    view! {
        <Title text=t(Common::SignIn)/>
        <section class="page narrow">
            <h1>{t(Common::SignIn)}</h1>
            <ActionForm action attr:class="stack" attr:data-test-form="sign-in">
                <ActionError value=action.value()/>
                <input type="hidden" name="next" value=next/>
                <label for="signin-email">{t(Common::Email)}</label>
                <input id="signin-email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                <label for="signin-password">{t(T::Password)}</label>
                <input id="signin-password" name="password" type="password" autocomplete="current-password" required maxlength="200"/>
                <Submit label=t(Common::SignIn) pending=pending.into()/>
            </ActionForm>
            <p><a href="/forgot">{t(T::ForgotPassword)}</a></p>
            <p>{t(T::NoAccountYet)}" "<a href=move || match next() {
                n if n.is_empty() => "/signup".to_string(),
                n => format!("/signup?next={}", crate::ui::encode_component(&n)),
            }>{t(Common::SignUp)}</a></p>
        </section>
    }
}
