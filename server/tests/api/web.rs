//! What every answer of the site shares: the negotiated language, refused cross-origin writes,
//! early refusal of oversized bodies, and the security headers.

use crate::PASSWORD;
use crate::helpers::{Engine, TestApp};
use http::StatusCode;

crate::on_both_engines!(
    pages_render_in_the_negotiated_language,
    cross_origin_writes_are_refused,
    oversized_server_function_bodies_are_refused_early_with_413,
    every_answer_carries_the_security_headers,
);

async fn pages_render_in_the_negotiated_language(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let r = app.get_with("/", &[("accept-language", "fr-BE,fr;q=0.9,nl;q=0.5")]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"fr\""), "{}", &r.body[..200.min(r.body.len())]);
    assert!(r.body.contains("Trouver un PLP"));
    let r = app.get("/signin?lang=de").await;
    assert!(r.body.contains("<html lang=\"de\""));
    let r = app.get("/lang/en?next=/signin").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers["location"], "/signin");
    let r = app.get_with("/signin", &[("accept-language", "fr")]).await;
    assert!(r.body.contains("<html lang=\"en\""), "the cookie beats Accept-Language");
    let r = app.get("/no/such/page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Page not found"));
}

async fn cross_origin_writes_are_refused(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let r = app
        .call_with(
            "/api/auth/sign_in",
            &[("email", "a@example.be"), ("password", PASSWORD)],
            &[("origin", "https://evil.example"), ("host", "127.0.0.1:3000"), ("accept-language", "fr")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("Vous n'avez pas accès"));
    let attempts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_attempts").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(attempts, 0, "refused before reaching the server function");
    let same = app
        .call_with(
            "/api/auth/sign_in",
            &[("email", "a@example.be"), ("password", PASSWORD)],
            &[("origin", "http://127.0.0.1:3000")],
        )
        .await;
    assert_eq!(same.status, StatusCode::UNAUTHORIZED);
}

async fn oversized_server_function_bodies_are_refused_early_with_413(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let huge = "x".repeat(300 * 1024);
    let sign_up = |name: &str| {
        vec![
            ("display_name", name.to_string()),
            ("email", "groot@example.be".to_string()),
            ("password", PASSWORD.to_string()),
            ("password_repeat", PASSWORD.to_string()),
            ("lang", "nl".to_string()),
        ]
    };
    let form = sign_up(&huge);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.call("/api/auth/sign_up", &fields).await;
    assert_eq!((r.status, r.json()), (StatusCode::PAYLOAD_TOO_LARGE, serde_json::json!("request_too_large")));
    // A form sent without JavaScript gets the sentence in the reader's language.
    let body = format!("display_name={huge}&email=groot%40example.be");
    let request = http::Request::post("/api/auth/sign_up")
        .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(http::header::ACCEPT, "text/html")
        .body(axum::body::Body::from(body))
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let text = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&text).contains("te groot"), "{text:?}");

    // A body sent in chunks, without a length, is cut off at the limit rather than read whole.
    let chunks = (0..48).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b'a'; 64 * 1024])));
    let request = http::Request::post("/api/auth/sign_in")
        .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(http::header::ACCEPT, "application/json")
        .body(axum::body::Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Just under the limit, the usual checks answer.
    let form = sign_up(&"x".repeat(200 * 1024));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.call("/api/auth/sign_up", &fields).await;
    assert_eq!((r.status, r.json()), (StatusCode::BAD_REQUEST, serde_json::json!("invalid_name")));
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(users, 0, "nothing was stored");
}

async fn every_answer_carries_the_security_headers(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    // A page: a policy whose nonce every inline script of the page carries, and nothing else.
    // (Public pages are sent again from the render cache as they were, nonce included; this
    // page is rendered for each request.)
    let page = app.get("/signin").await;
    let csp = page.headers["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains(" 'unsafe-eval'"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce").to_string();
    assert!(nonce.len() >= 16, "{nonce}");
    let scripts: Vec<&str> = page.body.split("<script").skip(1).map(|s| s.split('>').next().unwrap()).collect();
    assert!(!scripts.is_empty());
    for script in &scripts {
        let data = script.contains("application/json");
        assert!(data || script.contains(&format!("nonce=\"{nonce}\"")), "a script without the nonce: {script}");
    }
    assert!(!page.body.contains(" onclick=") && !page.body.contains(" onload="), "no inline handlers");
    assert_ne!(
        app.get("/signin").await.headers["content-security-policy"].to_str().unwrap(),
        csp,
        "a nonce per answer"
    );
    // Other answers: a strict policy, never framed; no HSTS over plain http.
    let json = app.get("/api/v1/bins?near=9000").await;
    assert!(json.headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert_eq!(json.headers["x-frame-options"], "DENY");
    assert!(json.headers.get("strict-transport-security").is_none());
    // Anything a signed-in person is answered is never stored by a cache; the public base map may be.
    assert_ne!(page.headers["cache-control"], "no-store");
    app.signed_up("cache@example.be", PASSWORD).await;
    for path in ["/account", "/api/auth/export", "/learn"] {
        assert_eq!(app.get(path).await.headers["cache-control"], "no-store", "{path}");
    }
    assert!(app.get("/map/base.svg").await.headers["cache-control"].to_str().unwrap().starts_with("public"));
    // Served over https: HSTS, and the session cookie is Secure.
    let mut state = app.state.clone();
    state.site = std::sync::Arc::new(app::platform::state::Site::new("https://nabij.example"));
    app.router = server::startup::router(state, &app.settings, server::ops::Ops::new(None));
    let r = app.get("/learn").await;
    assert_eq!(r.headers["strict-transport-security"], "max-age=31536000; includeSubDomains");
}
