//! Server-side plumbing shared by every domain: the database, the application state, time,
//! random tokens, live events and the e-mail outbox. Compiled for the server only.

pub mod db;
pub mod live;
pub mod mail;
pub mod markdown;
pub mod spreadsheet;
pub mod state;
pub mod throttle;
pub mod tokens;

/// Seconds since the Unix epoch; every timestamp in the database is one of these.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
