//! The zone dashboard through the real router: its networks with their continuity, requests
//! and charters, the CSV with the same numbers, and who may read them.

use crate::helpers::{Engine, TestApp};
use crate::with_demo;
use app::demo::DEMO_PASSWORD;
use http::StatusCode;

crate::on_both_engines!(
    a_zone_sees_its_networks_and_gets_the_same_numbers_as_csv,
    the_charter_registry_is_for_the_knowledge_centre_and_filters,
);

async fn sign_in(app: &mut TestApp, email: &str) {
    app.call("/api/auth/sign_out", &[]).await;
    let r = app.call("/api/auth/sign_in", &[("email", email), ("password", DEMO_PASSWORD)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{email}: {}", r.body);
}

async fn a_zone_sees_its_networks_and_gets_the_same_numbers_as_csv(engine: Engine) {
    let mut app = with_demo(engine).await;
    assert_eq!(app.get("/dashboard/zone/5415.csv").await.status, StatusCode::UNAUTHORIZED);
    sign_in(&mut app, "member@demo.nabij.invalid").await;
    assert_eq!(app.get("/dashboard/zone/5415.csv").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("/api/dashboard/mine", &[]).await.status, StatusCode::FORBIDDEN);

    sign_in(&mut app, "officer@demo.nabij.invalid").await;
    let zone = app.call("/api/dashboard/mine", &[]).await.json()["Zones"][0].clone();
    let bins = zone["bins"].as_array().unwrap();
    let in_zone: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM bins WHERE zone_id = 5415").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(bins.len() as i64, in_zone);
    let scores: Vec<u64> = bins.iter().map(|b| b["continuity"]["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "lowest continuity first: {scores:?}");
    let charters = ["charters_in_force", "charters_due_soon", "charters_overdue"]
        .iter()
        .map(|k| zone[k].as_i64().unwrap())
        .sum::<i64>();
    assert!(charters <= in_zone);
    assert_eq!(zone["waiting_requests"], 0);

    // The CSV has the page's networks and scores; another zone's CSV is refused.
    let csv = app.get("/dashboard/zone/5415.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), bins.len() + 1);
    assert!(lines[0].starts_with("id,name,kind,state,continuity"));
    for b in bins {
        let id = b["id"].as_i64().unwrap().to_string();
        let line = lines.iter().find(|l| l.starts_with(&format!("{id},"))).unwrap();
        assert!(line.contains(&format!(",{},", b["continuity"]["score"])), "{line}");
    }
    assert!(!csv.body.contains('@'), "no personal data in the zone CSV");
    assert_eq!(app.get("/dashboard/zone/5340.csv").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/dashboard/zone/abc").await.status, StatusCode::NOT_FOUND);
}

async fn the_charter_registry_is_for_the_knowledge_centre_and_filters(engine: Engine) {
    let mut app = with_demo(engine).await;
    let all = [("region", ""), ("zone", ""), ("status", "")];
    assert_eq!(app.call("/api/dashboard/registry", &all).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/registry.csv").await.status, StatusCode::UNAUTHORIZED);
    sign_in(&mut app, "officer@demo.nabij.invalid").await;
    assert_eq!(app.call("/api/dashboard/registry", &all).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/registry.csv").await.status, StatusCode::FORBIDDEN);
    sign_in(&mut app, "admin@demo.nabij.invalid").await;
    let registry = app.call("/api/dashboard/registry", &all).await.json();
    assert_eq!(registry["matched"], 1557, "every network has a line");
    assert_eq!(registry["lines"].as_array().unwrap().len(), 200, "the page shows the first 200");
    let brussels =
        app.call("/api/dashboard/registry", &[("region", "brussels"), ("zone", ""), ("status", "")]).await.json();
    assert_eq!(brussels["matched"], 17);
    let overdue =
        app.call("/api/dashboard/registry", &[("region", ""), ("zone", ""), ("status", "overdue")]).await.json();
    assert!(overdue["lines"].as_array().unwrap().iter().all(|l| l["status"] == "overdue"));
    let gent = app.call("/api/dashboard/registry", &[("region", ""), ("zone", "5415"), ("status", "")]).await.json();
    assert!(gent["lines"].as_array().unwrap().iter().all(|l| l["zone"] == "5415"));
    let csv = app.get("/registry.csv?region=brussels").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.body.lines().count(), 18, "a header and the 17 Brussels networks");
    assert_eq!(app.get("/registry").await.status, StatusCode::OK);
}
