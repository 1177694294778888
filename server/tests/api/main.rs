//! Integration tests: the real router against real SQLite and PostgreSQL databases, with e-mail
//! over real SMTP to a sink on localhost. Every test runs on both engines.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod accounts;
mod backup;
mod dashboard;
mod directory;
mod helpers;
mod hygiene;
mod learning;
mod lifecycle;
mod live;
mod membership;
mod messaging;
mod open_api;
mod operations;
mod render_cache;
mod reports;
mod restart;
mod staff;
mod web;

use helpers::{Engine, TestApp};

pub(crate) const PASSWORD: &str = "fiets naar de bakker";

async fn with_demo(engine: Engine) -> TestApp {
    let app = TestApp::spawn(engine).await;
    app::demo::load(&app.state.pool, &app.directory().geo, 1).await.unwrap();
    app.state.public_changed().await.unwrap();
    app
}
