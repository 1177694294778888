//! What each domain keeps about a person, reached through one small interface: the data
//! export asks every domain for its part, account deletion has each remove or anonymise its own
//! rows in the same transaction, and signing in has each move what it kept for the visitor into
//! the account. `auth` knows no domain: the application registers
//! the domains' parts once at start ([`register`]).

use crate::error::AppError;
use crate::platform::state::AppState;
use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

/// A boxed future, as a trait object's method returns it.
pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 'a>>;

/// A domain's part of a person's data.
pub trait PersonalData: Send + Sync {
    /// The domain's fields of the person's data export (keys at the top of the JSON).
    fn export<'a>(&'a self, state: &'a AppState, user_id: i64) -> Pending<'a, Map<String, Value>>;

    /// Removes or anonymises what the domain keeps about the person, before their account
    /// row goes, inside the deletion's transaction.
    fn erase<'a>(&'a self, db: &'a mut sqlx::AnyConnection, user_id: i64, now: i64) -> Pending<'a, ()>;

    /// Moves what the domain kept for this browser before it signed in (a visitor's learning
    /// progress) into the account; called at every sign-in. Most domains keep nothing for
    /// visitors.
    fn adopt<'a>(&'a self, _state: &'a AppState, _user_id: i64) -> Pending<'a, ()> {
        Box::pin(async { Ok(()) })
    }
}

static PARTS: OnceLock<Vec<&'static dyn PersonalData>> = OnceLock::new();

/// Names the domains that keep personal data; the first call counts.
pub fn register(parts: Vec<&'static dyn PersonalData>) {
    let _ = PARTS.set(parts);
}

/// The registered domains' parts (none before [`register`]).
pub fn parts() -> &'static [&'static dyn PersonalData] {
    PARTS.get().map(Vec::as_slice).unwrap_or_default()
}

/// A date as the export writes it (RFC 3339), from seconds since the epoch.
pub fn iso(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0).map(|d| d.to_rfc3339()).unwrap_or_default()
}

/// Turns a serialisable value into the export's fields.
pub fn fields(value: impl serde::Serialize) -> Result<Map<String, Value>, AppError> {
    match serde_json::to_value(value).map_err(|_| AppError::Internal)? {
        Value::Object(map) => Ok(map),
        _ => Err(AppError::Internal),
    }
}
