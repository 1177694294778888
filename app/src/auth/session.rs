//! Sessions: a random token in an `HttpOnly`, `SameSite=Lax` cookie, its hash in the database
//! (so every server instance shares them), and the helpers server functions use to learn who
//! is calling.

use crate::auth::repo;
use crate::auth::types::SafeUser;
use crate::error::AppError;
use crate::platform::state::{AppState, app_state};
use crate::platform::{now, tokens};
use http::HeaderValue;
use http::header::{COOKIE, SET_COOKIE};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "nabij_session";
/// How long a session lives without signing in again.
pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;

/// The cookie that marks a browser its person signed in from before.
pub const DEVICE_COOKIE: &str = "nabij_device";
/// How long a browser stays known without signing in again.
pub const DEVICE_SECONDS: i64 = 365 * 24 * 3600;

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// The `Set-Cookie` value for the session cookie; `max_age` 0 deletes it.
pub fn session_cookie(token: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The session token the current request carries, if any.
pub fn request_token() -> Option<String> {
    token_in(&use_context::<http::request::Parts>()?.headers)
}

/// The session token in a request's headers, if any.
pub fn token_in(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| cookie_value(h, SESSION_COOKIE).map(str::to_string))
        .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
}

pub(crate) fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(value)) {
        response.append_header(SET_COOKIE, value);
    }
}

/// Starts a session for `user_id`, sets its cookie on the response, and moves what the
/// browser's visitor kept (their learning progress) into the account.
pub async fn start(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let token = tokens::new_token();
    let now = now();
    repo::insert_session(&state.pool, &tokens::hash_token(&token), user_id, now, now + SESSION_SECONDS).await?;
    repo::touch_active(&state.pool, user_id, now).await?;
    set_cookie(&session_cookie(&token, SESSION_SECONDS, state.site.secure_cookies));
    // What a visitor did before signing in (what they learned) is kept in the account.
    for part in crate::auth::personal::parts() {
        part.adopt(state, user_id).await?;
    }
    Ok(())
}

/// Marks this browser as one `user_id` signed in from (after a correct password).
pub async fn remember_device(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let token = device_token().filter(|t| t.len() == 64).unwrap_or_else(tokens::new_token);
    repo::remember_device(&state.pool, &tokens::hash_token(&token), user_id, now()).await?;
    let secure = if state.site.secure_cookies { "; Secure" } else { "" };
    set_cookie(&format!("{DEVICE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={DEVICE_SECONDS}{secure}"));
    Ok(())
}

/// Whether this browser is one `user_id` signed in from before.
pub async fn known_device(state: &AppState, user_id: i64) -> Result<bool, AppError> {
    match device_token() {
        Some(token) => Ok(repo::is_known_device(&state.pool, &tokens::hash_token(&token), user_id).await?),
        None => Ok(false),
    }
}

fn device_token() -> Option<String> {
    use_context::<http::request::Parts>()?
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| cookie_value(h, DEVICE_COOKIE).map(str::to_string))
        .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Ends the current session, in the database and in the browser.
pub async fn end(state: &AppState) -> Result<(), AppError> {
    if let Some(token) = request_token() {
        repo::delete_session(&state.pool, &tokens::hash_token(&token)).await?;
    }
    set_cookie(&session_cookie("", 0, state.site.secure_cookies));
    Ok(())
}

/// The signed-in user, if the request carries a live session.
pub async fn current_user() -> Result<Option<SafeUser>, AppError> {
    let Some(token) = request_token() else { return Ok(None) };
    user_for(&app_state()?, &token).await
}

/// The user whose live session `token` is, if any (for handlers outside Leptos).
pub async fn user_for(state: &AppState, token: &str) -> Result<Option<SafeUser>, AppError> {
    let Some(user_id) = repo::session_user(&state.pool, &tokens::hash_token(token), now()).await? else {
        return Ok(None);
    };
    let Some(user) = repo::user_by_id(&state.pool, user_id).await? else { return Ok(None) };
    let grants = repo::grants_of(&state.pool, user_id).await?;
    Ok(Some(SafeUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        lang: user.lang,
        grants,
        unread: 0,
        alerts: 0,
    }))
}

/// The signed-in user, or `not_signed_in`.
pub async fn require_user() -> Result<SafeUser, AppError> {
    current_user().await?.ok_or(AppError::NotSignedIn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let header = "nabij_lang=fr; nabij_session=abc123; other=x";
        assert_eq!(cookie_value(header, SESSION_COOKIE), Some("abc123"));
        assert_eq!(cookie_value(header, "missing"), None);
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_only_over_https() {
        let plain = session_cookie("t", 10, false);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(session_cookie("t", 10, true).ends_with("; Secure"));
    }
}
