//! What an operator relies on: `/healthz` and `/readyz` and their difference, `/metrics` behind
//! its token and counting requests by route, a request id on every answer, and a database
//! changed by a newer version refused before anything runs.

use crate::helpers::{Engine, TestApp};
use http::StatusCode;
use server::ops::Ops;
use server::settings::Secret;

crate::on_both_engines!(
    alive_is_not_ready_until_the_mail_worker_runs,
    metrics_need_the_token_and_count_requests_by_route,
    every_answer_carries_a_request_id,
    a_failure_on_our_side_gives_the_reader_its_request_id,
    a_database_from_a_newer_version_is_refused_and_a_behind_one_is_reported,
);

async fn alive_is_not_ready_until_the_mail_worker_runs(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "ok");

    let r = app.get("/readyz").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert_eq!(r.json()["database"], "ok");
    assert_eq!(r.json()["schema"], "ok");
    assert_eq!(r.json()["mail_worker"], "stopped");

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker =
        tokio::spawn(server::mailer::run(app.state.pool.clone(), app.settings.clone(), app.ops.clone(), stopped));
    let mut ready = false;
    for _ in 0..50 {
        if app.get("/readyz").await.status == StatusCode::OK {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "{}", app.get("/readyz").await.body);
    assert_eq!(app.get("/readyz").await.json()["mail_worker"], "running");
    let _ = stop.send(true);
    worker.await.unwrap();
}

async fn metrics_need_the_token_and_count_requests_by_route(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    // Without a token set, nobody reads them.
    assert_eq!(app.get("/metrics").await.status, StatusCode::NOT_FOUND);

    let ops = Ops::new(Some(Secret::new("metrics-test-token")));
    app.router = server::startup::router(app.state.clone(), &app.settings, ops);
    assert_eq!(app.get("/metrics").await.status, StatusCode::UNAUTHORIZED);
    let wrong = app.get_with("/metrics", &[("authorization", "Bearer not-the-token")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(!wrong.body.contains("nabij_http_requests_total"));

    let page = "/learn/phishing";
    assert_eq!(app.get(page).await.status, StatusCode::OK);
    assert_eq!(app.get(page).await.status, StatusCode::OK);
    assert_eq!(app.get("/no-such-page").await.status, StatusCode::NOT_FOUND);
    let r = app.get_with("/metrics", &[("authorization", "Bearer metrics-test-token")]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers[http::header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let route = "/learn/{course}";
    // The route's pattern, never the path with its id.
    let line = format!("nabij_http_requests_total{{method=\"GET\",route=\"{route}\",status=\"200\"}} 2");
    assert!(r.body.contains(&line), "{line} not in\n{}", r.body);
    assert!(r.body.contains("status=\"404\"}"), "{}", r.body);
    assert!(
        r.body.contains(&format!("nabij_http_request_duration_seconds_count{{method=\"GET\",route=\"{route}\"}} 2"))
    );
    assert!(r.body.contains("nabij_outbox_pending{queue=\"mail\"}"), "{}", r.body);
    assert!(r.body.contains("nabij_live_connections 0"), "{}", r.body);
    assert!(r.body.contains("nabij_db_pool_connections{state=\"idle\"}"), "{}", r.body);
}

async fn every_answer_carries_a_request_id(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let first = app.get("/").await;
    let second = app.get("/").await;
    let id = |r: &crate::helpers::TestResponse| r.headers["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id(&first).len(), 16);
    assert_ne!(id(&first), id(&second));
    // The page names its request, for the message shown if something fails on it.
    assert!(first.body.contains(&format!("<meta name=\"request-id\" content=\"{}\"", id(&first))), "{}", first.body);
    // A proxy's id is kept, so its logs and ours meet.
    let r = app.get_with("/healthz", &[("x-request-id", "proxy-7f3a")]).await;
    assert_eq!(id(&r), "proxy-7f3a");
}

async fn a_database_from_a_newer_version_is_refused_and_a_behind_one_is_reported(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let url = app.settings.database_url.expose().to_string();
    let status = app::platform::db::migration_status(&app.state.pool, app.state.engine).await.unwrap();
    assert!(status.up_to_date(), "{status:?}");
    assert!(status.applied.len() > 10);

    // Behind: one migration forgotten (as if this build were newer than the database).
    let last = *status.applied.last().unwrap();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1").bind(last).execute(&app.state.pool).await.unwrap();
    let behind = app::platform::db::migration_status(&app.state.pool, app.state.engine).await.unwrap();
    assert_eq!(behind.pending.iter().map(|(v, _)| *v).collect::<Vec<_>>(), vec![last]);
    let finding = server::check::schema_finding(&behind).unwrap();
    assert_eq!(finding.severity, server::check::Severity::Note);

    // Ahead: a migration this build does not know. Nothing is applied, and it says why.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
         VALUES (99999, 'from the future', CURRENT_TIMESTAMP, TRUE, $1, 0)",
    )
    .bind(vec![0_u8; 48])
    .execute(&app.state.pool)
    .await
    .unwrap();
    let refused = app::platform::db::connect_and_migrate(&url).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("newer version of Nabij") && refused.contains("99999"), "{refused}");
    let still = app::platform::db::migration_status(&app.state.pool, app.state.engine).await.unwrap();
    assert_eq!(still.pending, behind.pending, "nothing was applied");
    assert_eq!(still.unknown, vec![99999]);
}

async fn a_failure_on_our_side_gives_the_reader_its_request_id(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("referentie@example.be", crate::PASSWORD).await;
    // The database goes away.
    app.state.pool.close().await;

    // A page that needs it says so, with the id its response carries.
    let page = app.get("/account").await;
    let id = page.headers["x-request-id"].to_str().unwrap().to_string();
    assert!(page.body.contains("data-test-error=\"unavailable\""), "{}", page.body);
    assert!(page.body.contains(&format!("Vermeld dan deze code: {id}")), "{}", page.body);

    // A call from a running page fails with 503 (try again) and leaves its id for the page.
    let call = app.call("/api/auth/me", &[]).await;
    assert_eq!(call.status, StatusCode::SERVICE_UNAVAILABLE, "{}", call.body);
    assert_eq!(call.headers["retry-after"], "30");
    let id = call.headers["x-request-id"].to_str().unwrap().to_string();
    let cookies: Vec<&str> = call.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(
        cookies.iter().any(|c| c.starts_with(&format!("nabij_ref={id};")) && c.contains("Max-Age=300")),
        "{cookies:?}"
    );
}
