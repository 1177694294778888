//! The account pages: sign in, sign up, the e-mail links, and the account itself.

mod account;
mod links;
mod sign_in;
mod sign_up;

pub use account::AccountPage;
pub use links::{ConfirmEmailChangePage, ConfirmPage, ForgotPage, ForgotSentPage, ResetPage};
pub use sign_in::SignInPage;
pub use sign_up::{SignUpPage, SignUpSentPage};

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The `token` of an e-mail link in the current URL.
fn token_from_url() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("token").unwrap_or_default())
}
