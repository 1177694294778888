//! Where progress lives: with the account for a signed-in learner; for a visitor, on the server
//! under a random token that only their browser holds (a cookie), so a copied or replayed cookie
//! cannot turn answers seen in the explanations into passed quizzes. At sign-in the visitor's
//! progress moves into the account and the token is forgotten.

use crate::auth::session::{cookie_value, current_user, set_cookie};
use crate::auth::types::SafeUser;
use crate::error::AppError;
use crate::learning::progress::Progress;
use crate::learning::repo;
use crate::platform::db::Pool;
use crate::platform::state::AppState;
use crate::platform::tokens;

/// The cookie that holds a visitor's token.
pub const PROGRESS_COOKIE: &str = "nabij_learning";
/// A year; the progress is the visitor's, so it stays until they clear it.
const COOKIE_SECONDS: i64 = 365 * 24 * 3600;

/// The learner of this request: who (if signed in), their progress, and a visitor's token.
pub struct Learner {
    pub user: Option<SafeUser>,
    pub progress: Progress,
    visitor_token: Option<String>,
}

/// The visitor's token, if the request carries a well-formed one.
fn visitor_token() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| cookie_value(h, PROGRESS_COOKIE).map(str::to_string))
        .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
}

fn write_cookie(state: &AppState, value: &str, max_age: i64) {
    let secure = if state.site.secure_cookies { "; Secure" } else { "" };
    set_cookie(&format!("{PROGRESS_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"));
}

fn parse(json: Option<String>) -> Progress {
    json.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

async fn visitor(pool: &Pool, token: &str) -> Result<Progress, AppError> {
    Ok(parse(repo::visitor_progress(pool, &tokens::hash_token(token)).await?))
}

/// Loads the caller's progress.
pub async fn load(state: &AppState) -> Result<Learner, AppError> {
    let user = current_user().await?;
    let (progress, visitor_token) = match &user {
        Some(user) => (parse(repo::progress(&state.pool, user.id).await?), None),
        None => match visitor_token() {
            Some(token) => (visitor(&state.pool, &token).await?, Some(token)),
            None => (Progress::default(), None),
        },
    };
    Ok(Learner { user, progress, visitor_token })
}

/// Saves the caller's progress where it belongs; a new visitor gets a token cookie.
pub async fn save(state: &AppState, learner: &Learner) -> Result<(), AppError> {
    let json = serde_json::to_string(&learner.progress).map_err(|_| AppError::Internal)?;
    let now = crate::platform::now();
    match (&learner.user, &learner.visitor_token) {
        (Some(user), _) => repo::save_progress(&state.pool, user.id, &json, now).await?,
        (None, Some(token)) => repo::save_visitor_progress(&state.pool, &tokens::hash_token(token), &json, now).await?,
        (None, None) => {
            let token = tokens::new_token();
            repo::save_visitor_progress(&state.pool, &tokens::hash_token(&token), &json, now).await?;
            write_cookie(state, &token, COOKIE_SECONDS);
        }
    }
    Ok(())
}

/// Moves a visitor's progress into the account that just signed in, and forgets the token.
pub async fn adopt_visitor_progress(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let Some(token) = visitor_token() else { return Ok(()) };
    let hash = tokens::hash_token(&token);
    let found = visitor(&state.pool, &token).await?;
    let mut tx = state.begin().await?;
    if !found.is_empty() {
        let mut mine = parse(repo::progress(&mut *tx, user_id).await?);
        mine.merge(found);
        let json = serde_json::to_string(&mine).map_err(|_| AppError::Internal)?;
        repo::save_progress(&mut *tx, user_id, &json, crate::platform::now()).await?;
    }
    repo::delete_visitor_progress(&mut *tx, &hash).await?;
    tx.commit().await?;
    write_cookie(state, "", 0);
    Ok(())
}
