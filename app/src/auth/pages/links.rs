//! Pages behind the links in e-mails: confirm an address, confirm a new address, and choose a
//! new password. Following a link never changes anything by itself (mail scanners open links);
//! the person presses a button.

use super::NewPasswordPair;
use super::token_from_url;
use crate::auth::api::{ConfirmEmail, ConfirmEmailChange, RequestPasswordReset, ResetPassword};
use crate::auth::texts::T;
use crate::i18n::{Common, t};
use crate::ui::{ActionError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    crate::refresh_auth_on_success(action.value());
    let token = token_from_url();
    let query = leptos_router::hooks::use_query_map();
    let next = move || query.read().get("next").filter(|n| crate::ui::is_local_path(n)).unwrap_or_default();
    view! {
        <Title text=t(T::ConfirmEmailTitle)/>
        <section class="page narrow">
            <h1>{t(T::ConfirmEmailTitle)}</h1>
            <ActionForm action attr:class="stack" attr:data-test-form="confirm">
                <ActionError value=action.value()/>
                <input type="hidden" name="token" value=move || token.get()/>
                <input type="hidden" name="next" value=next/>
                <p>{t(T::ConfirmEmailIntro)}</p>
                <label for="confirm-password">{t(T::Password)}</label>
                <input id="confirm-password" name="password" type="password" required autocomplete="current-password"
                    maxlength=crate::auth::validate::MAX_PASSWORD_CHARS.to_string() aria-describedby="confirm-not-you"/>
                <p class="hint" id="confirm-not-you">{t(T::ConfirmNotYou)}</p>
                <Submit label=t(T::ConfirmEmailButton) pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ConfirmEmailChangePage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmailChange>::new();
    let token = token_from_url();
    view! {
        <Title text=t(T::ConfirmNewEmailTitle)/>
        <section class="page narrow">
            <h1>{t(T::ConfirmNewEmailTitle)}</h1>
            <ActionForm action attr:class="stack" attr:data-test-form="confirm-email-change">
                <ActionError value=action.value()/>
                <input type="hidden" name="token" value=move || token.get()/>
                <Submit label=t(T::ConfirmEmailButton) pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    view! {
        <Title text=t(T::ForgotPassword)/>
        <section class="page narrow">
            <h1>{t(T::ForgotPassword)}</h1>
            <p>{t(T::ForgotIntro)}</p>
            <ActionForm action attr:class="stack" attr:data-test-form="forgot">
                <ActionError value=action.value()/>
                <label for="forgot-email">{t(Common::Email)}</label>
                <input id="forgot-email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                <Submit label=t(T::SendLink) pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ForgotSentPage() -> impl IntoView {
    view! {
        <Title text=t(T::CheckYourMail)/>
        <section class="page narrow">
            <h1>{t(T::CheckYourMail)}</h1>
            <p role="status" data-test-reset-sent="">{t(T::ForgotSent)}</p>
        </section>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    crate::refresh_auth_on_success(action.value());
    let token = token_from_url();
    view! {
        <Title text=t(T::ChooseNewPassword)/>
        <section class="page narrow">
            <h1>{t(T::ChooseNewPassword)}</h1>
            <ActionForm action attr:class="stack" attr:data-test-form="reset">
                <ActionError value=action.value()/>
                <input type="hidden" name="token" value=move || token.get()/>
                <NewPasswordPair id="reset-password"/>
                <Submit label=t(T::SavePassword) pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}
