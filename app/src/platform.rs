//! Server-side plumbing shared by every domain: the database, the application state, time,
//! random tokens, live events and the e-mail outbox. Compiled for the server only.

pub mod db;
pub mod live;
pub mod mail;
pub mod markdown;
pub mod memo;
pub mod spreadsheet;
pub mod state;
pub mod texts;
pub mod throttle;
pub mod tokens;

/// The id of the request being answered: in its log lines, its `X-Request-Id` header and, when
/// it fails, on the page, for the reader to quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId(pub String);

/// Seconds since the Unix epoch; every timestamp in the database is one of these.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
