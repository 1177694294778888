//! The Nabij server: settings, start-up, the axum router with its layers, background workers
//! and the small HTTP endpoints that are not pages (health, language choice).

pub mod api_v1;
pub mod backup;
pub mod delivery;
pub mod live;
pub mod mailer;
pub mod mailsink;
pub mod middleware;
pub mod ratelimit;
pub mod routes;
pub mod settings;
pub mod sms;
pub mod startup;
