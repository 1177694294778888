//! The account pages: sign in, sign up, the e-mail links, and the account itself.

mod account;
mod links;
mod sign_in;
mod sign_up;

pub use account::AccountPage;
pub use links::{ConfirmEmailChangePage, ConfirmPage, ForgotPage, ForgotSentPage, ResetPage};
pub use sign_in::SignInPage;
pub use sign_up::{SignUpPage, SignUpSentPage};

use crate::auth::texts::T;
use crate::auth::validate::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A new password and its repetition (`password`, `password_repeat`), with the rule under the
/// first; `id` names the first field, and the others after it.
#[component]
fn NewPasswordPair(id: &'static str) -> impl IntoView {
    let (hint, repeat) = (format!("{id}-hint"), format!("{id}-repeat"));
    view! {
        <label for=id>{t(T::NewPassword)}</label>
        <input id=id name="password" type="password" autocomplete="new-password" required
            minlength=MIN_PASSWORD_CHARS.to_string() maxlength=MAX_PASSWORD_CHARS.to_string()
            aria-describedby=hint.clone()/>
        <p class="hint" id=hint>{t(T::PasswordHint)}</p>
        <label for=repeat.clone()>{t(T::RepeatPassword)}</label>
        <input id=repeat name="password_repeat" type="password" autocomplete="new-password" required
            minlength=MIN_PASSWORD_CHARS.to_string() maxlength=MAX_PASSWORD_CHARS.to_string()/>
    }
}

/// The `token` of an e-mail link in the current URL.
fn token_from_url() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("token").unwrap_or_default())
}
