//! Where progress lives: on the server for a signed-in learner, in the browser for a visitor (a
//! cookie signed with the site's key, so nobody can forge a passed quiz), merged into the
//! account when the visitor signs in.

use crate::auth::session::{cookie_value, current_user, set_cookie};
use crate::auth::types::SafeUser;
use crate::error::AppError;
use crate::learning::content::Catalog;
use crate::learning::progress::Progress;
use crate::learning::repo;
use crate::platform::db::Pool;
use crate::platform::state::AppState;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

/// The cookie that holds a visitor's progress.
pub const PROGRESS_COOKIE: &str = "nabij_learning";
/// A year; the progress is the visitor's, so it stays until they clear it.
const COOKIE_SECONDS: i64 = 365 * 24 * 3600;
/// Browsers keep cookies up to about 4 KB.
const COOKIE_MAX: usize = 3800;

/// The catalogue and the key that signs visitors' progress.
pub struct Learning {
    pub catalog: Catalog,
    key: Vec<u8>,
}

impl std::fmt::Debug for Learning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Learning").field("courses", &self.catalog.courses.len()).finish_non_exhaustive()
    }
}

impl Learning {
    /// Reads the content and the signing key (created on first start, shared by all instances).
    pub async fn load(content_dir: &Path, pool: &Pool) -> Result<Learning, String> {
        let catalog = Catalog::load(content_dir)?;
        let fresh = crate::platform::tokens::new_token();
        let key = repo::site_key(pool, "learning_progress", &fresh).await.map_err(|e| e.to_string())?;
        Ok(Learning { catalog, key: key.into_bytes() })
    }

    /// A catalogue with a given key, for tests.
    pub fn with_key(catalog: Catalog, key: &[u8]) -> Learning {
        Learning { catalog, key: key.to_vec() }
    }

    fn mac(&self) -> Option<Hmac<Sha256>> {
        Hmac::<Sha256>::new_from_slice(&self.key).ok()
    }

    /// The progress as a signed cookie value; review cards and old attempts give way first
    /// when it would not fit.
    pub fn seal(&self, progress: &Progress) -> Option<String> {
        let mut progress = progress.clone();
        loop {
            let json = serde_json::to_vec(&progress).ok()?;
            let payload = URL_SAFE_NO_PAD.encode(json);
            let mut mac = self.mac()?;
            mac.update(payload.as_bytes());
            let value = format!("{payload}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()));
            if value.len() <= COOKIE_MAX {
                return Some(value);
            }
            if let Some(key) = progress.cards.keys().next().cloned() {
                progress.cards.remove(&key);
            } else if let Some(key) = progress.attempts.keys().next().cloned() {
                progress.attempts.remove(&key);
            } else {
                return None;
            }
        }
    }

    /// The progress in a cookie value, if its signature holds.
    pub fn open(&self, value: &str) -> Option<Progress> {
        let (payload, signature) = value.split_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = self.mac()?;
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature).ok()?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
    }
}

/// The learner of this request: who (if signed in) and their progress.
pub struct Learner {
    pub user: Option<SafeUser>,
    pub progress: Progress,
}

fn visitor_cookie(state: &AppState) -> Option<Progress> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| cookie_value(h, PROGRESS_COOKIE).map(str::to_string))
        .and_then(|v| state.learning.open(&v))
}

fn write_cookie(state: &AppState, value: &str, max_age: i64) {
    let secure = if state.site.secure_cookies { "; Secure" } else { "" };
    set_cookie(&format!("{PROGRESS_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"));
}

async fn stored(pool: &Pool, user_id: i64) -> Result<Progress, AppError> {
    Ok(repo::progress(pool, user_id).await?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
}

/// Loads the caller's progress.
pub async fn load(state: &AppState) -> Result<Learner, AppError> {
    let user = current_user().await?;
    let progress = match &user {
        Some(user) => stored(&state.pool, user.id).await?,
        None => visitor_cookie(state).unwrap_or_default(),
    };
    Ok(Learner { user, progress })
}

/// Saves the caller's progress where it belongs.
pub async fn save(state: &AppState, learner: &Learner) -> Result<(), AppError> {
    match &learner.user {
        Some(user) => {
            let json = serde_json::to_string(&learner.progress).map_err(|_| AppError::Internal)?;
            repo::save_progress(&state.pool, user.id, &json, crate::platform::now()).await?;
        }
        None => match state.learning.seal(&learner.progress) {
            Some(value) => write_cookie(state, &value, COOKIE_SECONDS),
            None => tracing::warn!("visitor progress too large for a cookie; not kept"),
        },
    }
    Ok(())
}

/// Moves a visitor's progress into the account that just signed in, and clears the cookie.
pub async fn adopt_visitor_progress(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let Some(visitor) = visitor_cookie(state) else { return Ok(()) };
    if !visitor.is_empty() {
        let mut mine = stored(&state.pool, user_id).await?;
        mine.merge(visitor);
        let json = serde_json::to_string(&mine).map_err(|_| AppError::Internal)?;
        repo::save_progress(&state.pool, user_id, &json, crate::platform::now()).await?;
    }
    write_cookie(state, "", 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::content::source_content_dir;
    use crate::learning::progress::Card;

    fn learning(key: &[u8]) -> Learning {
        match Catalog::load(&source_content_dir().join("..").join("end2end").join("content")) {
            Ok(catalog) => Learning::with_key(catalog, key),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_sealed_progress_opens_with_the_same_key_only() {
        let site = learning(b"one key");
        let mut progress = Progress::default();
        progress.lessons.insert("basics/one".into());
        progress.passed.insert("basics".into(), 100);
        let Some(value) = site.seal(&progress) else { panic!("sealed") };
        assert_eq!(site.open(&value), Some(progress));
        assert_eq!(learning(b"another key").open(&value), None);
    }

    #[test]
    fn a_forged_cookie_is_ignored() {
        let site = learning(b"key");
        let Some(value) = site.seal(&Progress::default()) else { panic!("sealed") };
        let (_, signature) = value.split_once('.').unwrap_or_default();
        let forged = URL_SAFE_NO_PAD.encode(br#"{"p":{"basics":100}}"#);
        assert_eq!(site.open(&format!("{forged}.{signature}")), None);
        assert_eq!(site.open("garbage"), None);
    }

    #[test]
    fn a_large_progress_drops_review_cards_to_fit_a_cookie() {
        let site = learning(b"key");
        let mut progress = Progress::default();
        progress.passed.insert("basics".into(), 100);
        for i in 0..400 {
            progress.cards.insert(format!("course-with-a-long-name/question-{i}"), Card { level: 1, due: 1 });
        }
        let Some(value) = site.seal(&progress) else { panic!("sealed") };
        assert!(value.len() <= COOKIE_MAX);
        let Some(opened) = site.open(&value) else { panic!("opened") };
        assert_eq!(opened.passed, progress.passed);
        assert!(opened.cards.len() < 400);
    }
}
