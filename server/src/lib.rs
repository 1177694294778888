//! The Nabij server: settings, start-up, the axum router with its layers, background workers
//! the small HTTP endpoints that are not pages (language choice, files), and what an operator
//! watches (request ids, metrics, health).

pub mod api_v1;
pub mod backup;
pub mod check;
pub mod delivery;
pub mod live;
pub mod mailer;
pub mod mailsink;
pub mod middleware;
pub mod ops;
pub mod ratelimit;
pub mod render_cache;
pub mod routes;
pub mod settings;
pub mod sms;
pub mod startup;
