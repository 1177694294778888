//! The directory through the real router: the demo data against the BeSafe table, the home page
//! and its search, the finder's HTML, a street and number to their network, and the limit the
//! directory shares with the open API.

use crate::helpers::{Engine, TestApp};
use crate::with_demo;
use http::StatusCode;

crate::on_both_engines!(
    demo_data_reproduces_the_besafe_table,
    the_home_page_searches_and_draws_the_map,
    the_home_page_answers_a_search_with_its_results_map_and_figures_once,
    a_street_and_number_find_the_bin_whose_segment_holds_it,
    the_directory_shares_the_open_apis_limit_per_client,
);

async fn demo_data_reproduces_the_besafe_table(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let summary = app::demo::load(&app.state.pool, &app.directory().geo, 1).await.unwrap();
    assert_eq!(summary.bins, 1557);
    assert!((170_000..=190_000).contains(&summary.households), "{}", summary.households);
    let table = app.get("/api/v1/stats/regions").await.json();
    let expected = [
        ("flanders", 1060, 153, 1213),
        ("brussels", 15, 2, 17),
        ("wallonia", 311, 16, 327),
        ("belgium", 1386, 171, 1557),
    ];
    let lines = table["regions"].as_array().unwrap();
    assert_eq!(lines.len(), 4);
    for (line, (region, bin, bin_z, total)) in lines.iter().zip(expected) {
        assert_eq!(line["region"].as_str().unwrap_or(""), region);
        assert_eq!(line["bin"], bin, "{region}");
        assert_eq!(line["bin_z"], bin_z, "{region}");
        assert_eq!(line["bin"].as_i64().unwrap() + line["bin_z"].as_i64().unwrap(), total);
    }
    // Every BIN lies in its own region's municipality and that municipality's police zone.
    let rows: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT nis, zone_id, region FROM bins").fetch_all(&app.state.pool).await.unwrap();
    for (nis, zone, region) in rows {
        let m = app.directory().geo.municipality(nis).unwrap();
        assert_eq!(m.region.code(), region);
        assert_eq!(app.directory().geo.zone_of(nis).unwrap().id, zone);
    }
    // Synthetic people cannot sign in; the demo accounts can.
    let nohash: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE password_hash IS NULL")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert!(nohash > 1500);
    let r = app
        .call("/api/auth/sign_in", &[("email", "admin@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let national = app.call("/api/dashboard/mine", &[]).await.json();
    assert_eq!(national["National"]["table"][3]["bin"], 1386);
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", "officer@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    let zone = app.call("/api/dashboard/mine", &[]).await.json();
    assert_eq!(zone["Zones"][0]["zone_id"], 5415, "the demo officer serves zone Gent only");
    assert_eq!(zone["Zones"].as_array().unwrap().len(), 1);
}

async fn the_home_page_searches_and_draws_the_map(engine: Engine) {
    let mut app = with_demo(engine).await;
    let page = app.get("/?q=Gent").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-test-hit"), "results are rendered on the server");
    assert!(page.body.contains("data-test-cluster") || page.body.contains("data-test-marker"));
    assert!(page.body.contains("data-zoom=\"4\""), "the map centres on the place found");
    let whole = app.get("/").await;
    assert!(whole.body.contains("data-test-cluster"), "the whole country is clustered");
    let bad = app.get("/?q=%3Cb%3Ehi%3C%2Fb%3E").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(!bad.body.contains("<b>hi</b>"), "markup is shown as text");
    assert!(bad.body.contains("data-test-error=\"place_not_found\""));
    let svg = app.get("/map/base.svg").await;
    assert_eq!(svg.headers["content-type"], "image/svg+xml");
    assert!(svg.body.starts_with("<svg"));
    let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM bins").fetch_one(&app.state.pool).await.unwrap();
    let bin = app.get(&format!("/bin/{id}")).await;
    assert_eq!(bin.status, StatusCode::OK);
    assert!(bin.body.contains("data-test-bin-name"));
    assert!(!bin.body.contains("demo.nabij.invalid"), "no personal data on public pages");
    assert_eq!(app.get("/bin/99999999").await.status, StatusCode::NOT_FOUND);
}

async fn the_home_page_answers_a_search_with_its_results_map_and_figures_once(engine: Engine) {
    let mut app = with_demo(engine).await;
    let page = app.get("/?q=Gent").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("data-test-hit=").count(), 10);
    assert!(page.body.contains("data-zoom=\"4\""), "the map centres on the place found");
    assert_eq!(page.body.matches("data-test-region-table").count(), 1);
    // A search the reader got wrong is an answer, its markup shown as text; a bad filter too.
    let page = app.get("/?q=%3Cb%3EAtlantis%3C%2Fb%3E&kind=castle").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-test-error=\"invalid_input\""), "{}", page.body);
    let page = app.get("/?q=%3Cb%3EAtlantis%3C%2Fb%3E").await;
    assert!(page.body.contains("data-test-error=\"place_not_found\""), "{}", page.body);
    assert!(!page.body.contains("<b>Atlantis"), "markup is text");
    // The page holds the results once (there is no hydration data), and its map says its view,
    // which the page's island reads.
    let page = app.get("/?q=Gent&sel=1").await;
    assert_eq!(page.body.matches("data-test-found").count(), 1);
    assert_eq!(page.body.matches("data-test-region-table").count(), 1);
    assert_eq!(page.body.matches("id=\"q-suggestions\"").count(), 1);
    assert!(page.body.contains("data-mx=") && page.body.contains("data-fw="), "the map's view and frame");
    // The finder is no server function of its own any more: the island fetches the page.
    let gone = app.get("/api/directory/finder?query%5Bq%5D=Gent").await;
    assert_ne!(gone.status, StatusCode::OK);
}

async fn a_street_and_number_find_the_bin_whose_segment_holds_it(engine: Engine) {
    let mut app = with_demo(engine).await;
    let segments: Vec<(i64, String, i64, i64, String)> = sqlx::query_as(
        "SELECT bin_id, street_nl, first_no, last_no, parity FROM bin_segments WHERE nis = 44021 ORDER BY id",
    )
    .fetch_all(&app.state.pool)
    .await
    .unwrap();
    assert!(segments.len() >= 2);
    for (bin_id, street, first, _last, parity) in segments.iter().take(6) {
        let number = match parity.as_str() {
            "even" => first + 3,
            _ => first + 4,
        };
        let number = if parity == "odd" && number % 2 == 0 { number + 1 } else { number };
        let shouting = street.to_uppercase();
        let r = app
            .get(&format!("/api/v1/bins?near={}%20{number}%2C%20gent&limit=3", crate::helpers::encode(&shouting)))
            .await;
        let json = r.json();
        assert_eq!(json["bins"][0]["id"], *bin_id, "{street} {number}: {}", r.body);
        assert_eq!(json["bins"][0]["covers"], true);
        assert_eq!(json["bins"][1]["covers"], false);
    }
    // A number outside every range: nothing covers it, the nearest come anyway.
    let (_, street, ..) = &segments[0];
    let r = app.get(&format!("/api/v1/bins?near={}%2099999%2C%20Gent", crate::helpers::encode(street))).await.json();
    assert!(
        r["bins"].as_array().unwrap().iter().all(|b| b["covers"] != true || b["distance_m"].as_i64().unwrap() < 1500)
    );
}

async fn the_directory_shares_the_open_apis_limit_per_client(engine: Engine) {
    use tower::ServiceExt;
    let app = TestApp::spawn(engine).await;
    let from = |path: &str, addr: &str, forwarded: Option<&str>| {
        let mut request = http::Request::get(path);
        if let Some(f) = forwarded {
            request = request.header("x-forwarded-for", f);
        }
        let mut request = request.body(axum::body::Body::empty()).unwrap();
        request.extensions_mut().insert(axum::extract::ConnectInfo(addr.parse::<std::net::SocketAddr>().unwrap()));
        request
    };
    // A client behind the local reverse proxy spends its budget on the open API...
    for _ in 0..120 {
        let r = app
            .router
            .clone()
            .oneshot(from("/api/v1/bins?near=9000&limit=1", "127.0.0.1:5000", Some("203.0.113.5")))
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
    // ...and then finds the directory's server functions closed as well, for a minute, told
    // when to come back, in an answer no shared cache keeps.
    let r = app
        .router
        .clone()
        .oneshot(from("/api/directory/suggest?q=Gent", "127.0.0.1:5000", Some("203.0.113.5")))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // The report form's map and its points read the same places: the same budget.
    for path in ["/api/messaging/report_map?place=9000", "/api/messaging/report_place?x=10&y=10"] {
        let r = app.router.clone().oneshot(from(path, "127.0.0.1:5000", Some("203.0.113.5"))).await.unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
    }
    let r = app
        .router
        .clone()
        .oneshot(from("/api/v1/bins?near=9000&limit=1", "127.0.0.1:5000", Some("203.0.113.5")))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "60");
    assert_eq!(r.headers()["cache-control"], "no-store");
    // Another client behind the same proxy is not held back.
    let r = app
        .router
        .clone()
        .oneshot(from("/api/directory/suggest?q=Gent", "127.0.0.1:5000", Some("203.0.113.6")))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    // A load balancer on another machine, not named: it is the client, one budget for all behind it.
    let mut app = app;
    let bins = "/api/v1/bins?near=9000&limit=1";
    let status = |app: &TestApp, forwarded: &'static str| {
        app.router.clone().oneshot(from(bins, "10.0.0.5:6000", Some(forwarded)))
    };
    for _ in 0..120 {
        assert_eq!(status(&app, "203.0.113.20").await.unwrap().status(), StatusCode::OK);
    }
    assert_eq!(status(&app, "203.0.113.21").await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    // Named, each client behind it has its own budget, read past what the client wrote itself.
    let mut settings = app.settings.clone();
    settings.trusted_proxies = app::platform::throttle::TrustedProxies::parse("10.0.0.0/24").unwrap();
    app.router = server::startup::router(app.state.clone(), &settings, app.ops.clone());
    for _ in 0..120 {
        assert_eq!(status(&app, "6.6.6.6, 203.0.113.30").await.unwrap().status(), StatusCode::OK);
    }
    assert_eq!(status(&app, "1.1.1.1, 203.0.113.30").await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(status(&app, "203.0.113.31").await.unwrap().status(), StatusCode::OK);
}
