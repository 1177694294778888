//! The sign-up page and the page that follows it.

use super::NewPasswordPair;
use crate::auth::api::SignUp;
use crate::auth::texts::T;
use crate::i18n::{Common, t, use_lang};
use crate::ui::{ActionError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let pending = action.pending();
    let query = leptos_router::hooks::use_query_map();
    let next = move || query.read().get("next").filter(|n| crate::ui::is_local_path(n)).unwrap_or_default();
    view! {
        <Title text=t(Common::SignUp)/>
        <section class="page narrow">
            <h1>{t(Common::SignUp)}</h1>
            <p>{t(T::SignUpIntro)}</p>
            <ActionForm action attr:class="stack" attr:data-test-form="sign-up">
                <ActionError value=action.value()/>
                <input type="hidden" name="lang" value=use_lang().code()/>
                <input type="hidden" name="next" value=next/>
                <label for="signup-name">{t(T::DisplayName)}</label>
                <input id="signup-name" name="display_name" type="text" autocomplete="name" required maxlength="80"/>
                <label for="signup-email">{t(Common::Email)}</label>
                <input id="signup-email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                <NewPasswordPair id="signup-password"/>
                <p class="hint">{t(T::PrivacyShort)}" "<a href="/privacy" target="_blank" rel="external noopener">{t(Common::ReadPrivacyNotice)}</a></p>
                <Submit label=t(Common::CreateAccount) pending=pending.into()/>
            </ActionForm>
            <p>{t(T::HaveAccount)}" "<a href="/signin">{t(Common::SignIn)}</a></p>
        </section>
    }
}

#[component]
pub fn SignUpSentPage() -> impl IntoView {
    view! {
        <Title text=t(T::CheckYourMail)/>
        <section class="page narrow">
            <h1>{t(T::CheckYourMail)}</h1>
            <p role="status" data-test-signup-sent="">{t(T::SignUpSent)}</p>
        </section>
    }
}
