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

/// The learner of this request: who (if signed in), and their progress.
pub struct Learner {
    pub user: Option<SafeUser>,
    pub progress: Progress,
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
    let progress = match &user {
        Some(user) => parse(repo::progress(&state.pool, user.id).await?),
        None => match visitor_token() {
            Some(token) => visitor(&state.pool, &token).await?,
            None => Progress::default(),
        },
    };
    Ok(Learner { user, progress })
}

/// Changes the caller's progress in one transaction: read (on PostgreSQL with the row locked;
/// SQLite's transaction holds the write lock from its start), changed by `change`, written back
/// where it belongs. Two answers sent at once are applied one after the other, not one over the
/// other (a visitor's first change makes their token, so no two requests share one before it
/// exists). A new visitor gets a token cookie. Nothing is written when `change` refuses.
pub async fn update<T>(
    state: &AppState,
    change: impl FnOnce(&mut Progress) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let user = current_user().await?;
    let token = if user.is_some() { None } else { visitor_token() };
    let lock = state.engine == crate::platform::db::Engine::Postgres;
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    let mut progress = match (&user, &token) {
        (Some(user), _) => {
            // A first change needs a row to lock too: two first answers at once must queue.
            if lock {
                let empty = serde_json::to_string(&Progress::default()).map_err(|_| AppError::Internal)?;
                repo::ensure_progress(&mut *tx, user.id, &empty, now).await?;
            }
            parse(repo::progress_locked(&mut *tx, user.id, lock).await?)
        }
        (None, Some(token)) => parse(repo::visitor_progress_locked(&mut *tx, &tokens::hash_token(token), lock).await?),
        (None, None) => Progress::default(),
    };
    let out = change(&mut progress)?;
    let json = serde_json::to_string(&progress).map_err(|_| AppError::Internal)?;
    let new_token = match (&user, &token) {
        (Some(user), _) => {
            repo::save_progress(&mut *tx, user.id, &json, now).await?;
            None
        }
        (None, Some(token)) => {
            repo::save_visitor_progress(&mut *tx, &tokens::hash_token(token), &json, now).await?;
            None
        }
        (None, None) => {
            let token = tokens::new_token();
            repo::save_visitor_progress(&mut *tx, &tokens::hash_token(&token), &json, now).await?;
            Some(token)
        }
    };
    tx.commit().await?;
    if let Some(token) = new_token {
        write_cookie(state, &token, COOKIE_SECONDS);
    }
    Ok(out)
}

/// Moves a visitor's progress into the account that just signed in, and forgets the token.
pub async fn adopt_visitor_progress(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let Some(token) = visitor_token() else { return Ok(()) };
    let hash = tokens::hash_token(&token);
    let lock = state.engine == crate::platform::db::Engine::Postgres;
    let mut tx = state.begin().await?;
    let found = parse(repo::visitor_progress_locked(&mut *tx, &hash, lock).await?);
    if !found.is_empty() {
        let mut mine = parse(repo::progress_locked(&mut *tx, user_id, lock).await?);
        mine.merge(found);
        let json = serde_json::to_string(&mine).map_err(|_| AppError::Internal)?;
        repo::save_progress(&mut *tx, user_id, &json, crate::platform::now()).await?;
    }
    repo::delete_visitor_progress(&mut *tx, &hash).await?;
    tx.commit().await?;
    write_cookie(state, "", 0);
    Ok(())
}
