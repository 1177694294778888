//! Integration tests: the real router against real SQLite and PostgreSQL databases, with e-mail
//! over real SMTP to a sink on localhost. Every test runs on both engines.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod backup;
mod dashboard;
mod helpers;
mod hygiene;
mod learning;
mod lifecycle;
mod live;
mod membership;
mod messaging;
mod operations;
mod render_cache;
mod reports;
mod restart;
mod staff;

use helpers::{Engine, TestApp};
use http::StatusCode;

const PASSWORD: &str = "fiets naar de bakker";

on_both_engines!(
    pages_render_in_the_negotiated_language,
    sign_up_confirm_and_sign_in,
    a_wrong_password_and_an_unknown_address_answer_alike,
    sign_in_is_rate_limited,
    bad_sign_up_input_gets_a_code_and_writes_nothing,
    a_confirmation_link_works_once,
    password_reset_works_once_and_expires,
    change_of_email_needs_the_new_address_confirmed,
    export_and_delete_own_data,
    cross_origin_writes_are_refused,
    oversized_server_function_bodies_are_refused_early_with_413,
    only_staff_see_dashboards,
    demo_data_reproduces_the_besafe_table,
    open_api_finds_the_nearest_networks,
    open_api_rejects_bad_input_with_codes,
    the_home_page_searches_and_draws_the_map,
    the_finder_answers_with_html_that_the_page_does_not_carry_twice,
    a_street_and_number_find_the_bin_whose_segment_holds_it,
    national_open_data_reads_the_besafe_figures,
    every_answer_carries_the_security_headers,
    the_directory_shares_the_open_apis_limit_per_client,
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

async fn sign_up_confirm_and_sign_in(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("Anneleen@Example.be", PASSWORD).await;
    let me = app.call("/api/auth/me", &[]).await;
    assert_eq!(me.json()["email"], "anneleen@example.be");
    assert!(me.body.find("password").is_none(), "no hash on the wire");
    app.call("/api/auth/sign_out", &[]).await;
    assert_eq!(app.call("/api/auth/me", &[]).await.body, "null");
    let r = app.call("/api/auth/sign_in", &[("email", "anneleen@example.be"), ("password", PASSWORD)]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let cookie =
        r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>().join("\n");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert_eq!(app.call("/api/auth/me", &[]).await.json()["display_name"], "Test Persoon");
}

async fn a_wrong_password_and_an_unknown_address_answer_alike(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("jan@example.be", PASSWORD).await;
    app.call("/api/auth/sign_out", &[]).await;
    let wrong =
        app.call("/api/auth/sign_in", &[("email", "jan@example.be"), ("password", "verkeerd wachtwoord")]).await;
    let unknown =
        app.call("/api/auth/sign_in", &[("email", "niemand@example.be"), ("password", "verkeerd wachtwoord")]).await;
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    assert!(wrong.body.contains("bad_credentials"));
}

async fn sign_in_is_rate_limited(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("piet@example.be", PASSWORD).await;
    app.call("/api/auth/sign_out", &[]).await;
    let own_browser = app.cookies.clone();
    assert!(own_browser.iter().any(|(k, _)| k == "nabij_device"), "the browser that confirmed is known");
    for _ in 0..5 {
        let r =
            app.call("/api/auth/sign_in", &[("email", "piet@example.be"), ("password", "niet het wachtwoord")]).await;
        assert!(r.body.contains("bad_credentials"));
    }
    // Whoever guesses from elsewhere waits, even with the right password.
    app.cookies.clear();
    let r = app.call("/api/auth/sign_in", &[("email", "piet@example.be"), ("password", PASSWORD)]).await;
    assert!(r.body.contains("rate_limited"), "even the right password waits: {}", r.body);
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // The owner, from the browser they signed in from before, is not locked out; a wrong
    // password there is still wrong.
    app.cookies = own_browser.clone();
    let r = app.call("/api/auth/sign_in", &[("email", "piet@example.be"), ("password", "nog altijd fout")]).await;
    assert!(r.body.contains("bad_credentials"), "{}", r.body);
    let r = app.call("/api/auth/sign_in", &[("email", "piet@example.be"), ("password", PASSWORD)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    assert_eq!(app.call("/api/auth/me", &[]).await.json()["email"], "piet@example.be");

    // Or, from a new browser, by choosing a new password through the e-mailed link.
    app.call("/api/auth/sign_out", &[]).await;
    app.cookies.clear();
    for _ in 0..5 {
        app.call("/api/auth/sign_in", &[("email", "piet@example.be"), ("password", "weer fout")]).await;
    }
    app.call("/api/auth/request_reset", &[("email", "piet@example.be")]).await;
    let token = app.last_link_token("piet@example.be", "/reset").await;
    let new = "een nieuw en lang wachtwoord";
    let r =
        app.call("/api/auth/reset_password", &[("token", &token), ("password", new), ("password_repeat", new)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    app.call("/api/auth/sign_out", &[]).await;
    app.cookies.clear();
    let r = app.call("/api/auth/sign_in", &[("email", "piet@example.be"), ("password", new)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);

    // One client address may only make so many password requests in a while; another may.
    let busy: std::net::SocketAddr = "192.0.2.7:40000".parse().unwrap();
    let now = app::platform::now();
    while app.state.throttle.allow(Some(busy.ip()), now) {}
    let from = |addr: std::net::SocketAddr, app: &TestApp| {
        let mut request = app.request("/api/auth/sign_in", &[("email", "piet@example.be"), ("password", "fout")]);
        request.extensions_mut().insert(axum::extract::ConnectInfo(addr));
        request
    };
    use tower::ServiceExt;
    let r = app.router.clone().oneshot(from(busy, &app)).await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let calm: std::net::SocketAddr = "192.0.2.8:40000".parse().unwrap();
    let r = app.router.clone().oneshot(from(calm, &app)).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "a wrong password, not a refusal");
}

async fn bad_sign_up_input_gets_a_code_and_writes_nothing(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let cases = [
        ("niet-een-adres", PASSWORD, PASSWORD, "invalid_email"),
        ("a@example.be", "kort", "kort", "weak_password"),
        ("a@example.be", PASSWORD, "iets anders helemaal", "passwords_differ"),
        ("<script>alert(1)</script>@x.be", PASSWORD, PASSWORD, "invalid_email"),
    ];
    for (email, pw, repeat, code) in cases {
        let r = app
            .call(
                "/api/auth/sign_up",
                &[
                    ("display_name", "X"),
                    ("email", email),
                    ("password", pw),
                    ("password_repeat", repeat),
                    ("lang", "fr"),
                ],
            )
            .await;
        assert!(r.status.is_client_error(), "{email}: {} {}", r.status, r.body);
        assert!(r.body.contains(code), "{email}: {}", r.body);
    }
    let long_name = "n".repeat(10_000);
    let r = app
        .call(
            "/api/auth/sign_up",
            &[
                ("display_name", &long_name),
                ("email", "b@example.be"),
                ("password", PASSWORD),
                ("password_repeat", PASSWORD),
                ("lang", "nl"),
            ],
        )
        .await;
    assert!(r.body.contains("invalid_name"));
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&app.state.pool).await.unwrap();
    let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!((users, mails), (0, 0));
}

async fn a_confirmation_link_works_once(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.call(
        "/api/auth/sign_up",
        &[
            ("display_name", "Els"),
            ("email", "els@example.be"),
            ("password", PASSWORD),
            ("password_repeat", PASSWORD),
            ("lang", "de"),
        ],
    )
    .await;
    // Not yet confirmed: signing in sends a new link and says so.
    let r = app.call("/api/auth/sign_in", &[("email", "els@example.be"), ("password", PASSWORD)]).await;
    assert!(r.body.contains("email_not_confirmed"));
    let messages = app.deliver_mail().await;
    assert!(messages.iter().any(|m| m.data.contains("Willkommen bei Nabij")), "mail in the person's language");
    let token = app.last_link_token("els@example.be", "/confirm").await;
    // The link alone does not confirm: whoever registers someone else's address cannot have the
    // owner confirm an account whose password they chose. The link stays good for the right one.
    for wrong in ["", "niet het wachtwoord", &"x".repeat(5_000)] {
        let r = app.call("/api/auth/confirm_email", &[("token", &token), ("password", wrong)]).await;
        assert!(r.body.contains("bad_credentials"), "{}", r.body);
        assert!(r.headers.get("set-cookie").is_none(), "nobody is signed in");
    }
    let confirmed: Option<i64> = sqlx::query_scalar("SELECT email_confirmed_at FROM users WHERE email = $1")
        .bind("els@example.be")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(confirmed, None);
    let ok = app.call("/api/auth/confirm_email", &[("token", &token), ("password", PASSWORD)]).await;
    assert!(ok.status.is_success() || ok.status.is_redirection(), "{}", ok.body);
    let replay = app.call("/api/auth/confirm_email", &[("token", &token), ("password", PASSWORD)]).await;
    assert!(replay.body.contains("link_used"), "{}", replay.body);
    let forged = app.call("/api/auth/confirm_email", &[("token", &"a".repeat(64))]).await;
    assert!(forged.body.contains("link_invalid"));
    let garbage = app.call("/api/auth/confirm_email", &[("token", "'; DROP TABLE users; --")]).await;
    assert!(garbage.body.contains("link_invalid"));
}

async fn password_reset_works_once_and_expires(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("mia@example.be", PASSWORD).await;
    app.call("/api/auth/sign_out", &[]).await;
    let r = app.call("/api/auth/request_reset", &[("email", "onbekend@example.be")]).await;
    assert!(r.status.is_success(), "unknown addresses get the same answer");
    app.call("/api/auth/request_reset", &[("email", "mia@example.be")]).await;
    let token = app.last_link_token("mia@example.be", "/reset").await;
    let new_password = "een nieuw lang wachtwoord";
    let r = app
        .call(
            "/api/auth/reset_password",
            &[("token", &token), ("password", new_password), ("password_repeat", new_password)],
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let again = app
        .call(
            "/api/auth/reset_password",
            &[("token", &token), ("password", new_password), ("password_repeat", new_password)],
        )
        .await;
    assert!(again.body.contains("link_used"));
    app.call("/api/auth/sign_out", &[]).await;
    let old = app.call("/api/auth/sign_in", &[("email", "mia@example.be"), ("password", PASSWORD)]).await;
    assert!(old.body.contains("bad_credentials"));
    // An expired link.
    app.call("/api/auth/request_reset", &[("email", "mia@example.be")]).await;
    let token = app.last_link_token("mia@example.be", "/reset").await;
    sqlx::query("UPDATE email_tokens SET expires_at = 0 WHERE used_at IS NULL").execute(&app.state.pool).await.unwrap();
    let expired = app
        .call(
            "/api/auth/reset_password",
            &[("token", &token), ("password", new_password), ("password_repeat", new_password)],
        )
        .await;
    assert!(expired.body.contains("link_expired"), "{}", expired.body);
}

async fn change_of_email_needs_the_new_address_confirmed(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("oud@example.be", PASSWORD).await;
    let wrong =
        app.call("/api/auth/change_email", &[("new_email", "nieuw@example.be"), ("password", "niet juist!!")]).await;
    assert!(wrong.body.contains("bad_credentials"));
    let r = app.call("/api/auth/change_email", &[("new_email", "nieuw@example.be"), ("password", PASSWORD)]).await;
    assert!(r.status.is_success(), "{}", r.body);
    assert_eq!(
        app.call("/api/auth/me", &[]).await.json()["email"],
        "oud@example.be",
        "nothing changes before the link"
    );
    let token = app.last_link_token("nieuw@example.be", "/confirm-email-change").await;
    assert!(app.call("/api/auth/confirm_email_change", &[("token", &token)]).await.status.is_success());
    assert_eq!(app.call("/api/auth/me", &[]).await.json()["email"], "nieuw@example.be");
    let messages = app.deliver_mail().await;
    assert!(
        messages
            .iter()
            .any(|m| m.recipients.contains(&"oud@example.be".to_string()) && m.data.contains("nieuw@example.be"))
    );
}

async fn export_and_delete_own_data(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    assert_eq!(app.get("/api/auth/export").await.status, StatusCode::UNAUTHORIZED);
    app.signed_up("lotte@example.be", PASSWORD).await;
    let export = app.get("/api/auth/export").await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.headers["content-disposition"].to_str().unwrap().contains("attachment"));
    let json = export.json();
    assert_eq!(json["email"], "lotte@example.be");
    assert_eq!(json["active_sessions"], 1);
    let refused = app.call("/api/auth/delete_account", &[("password", "niet mijn wachtwoord")]).await;
    assert!(refused.body.contains("confirmation_mismatch"));
    let r = app.call("/api/auth/delete_account", &[("password", PASSWORD)]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&app.state.pool).await.unwrap();
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&app.state.pool).await.unwrap();
    let tokens: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM email_tokens").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!((left, sessions, tokens), (0, 0, 0));
    assert_eq!(app.call("/api/auth/me", &[]).await.body, "null");
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

async fn only_staff_see_dashboards(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let visitor = app.call("/api/dashboard/mine", &[]).await;
    assert!(visitor.body.contains("not_signed_in"));
    app.signed_up("lid@example.be", PASSWORD).await;
    let member = app.call("/api/dashboard/mine", &[]).await;
    assert_eq!(member.status, StatusCode::FORBIDDEN);
    assert!(member.body.contains("forbidden"));
}

async fn demo_data_reproduces_the_besafe_table(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let summary = app::demo::load(&app.state.pool, &app.state.geo, 1).await.unwrap();
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
        let m = app.state.geo.municipality(nis).unwrap();
        assert_eq!(m.region.code(), region);
        assert_eq!(app.state.geo.zone_of(nis).unwrap().id, zone);
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

async fn with_demo(engine: Engine) -> TestApp {
    let app = TestApp::spawn(engine).await;
    app::demo::load(&app.state.pool, &app.state.geo, 1).await.unwrap();
    app.state.reload_bins().await.unwrap();
    app
}

async fn open_api_finds_the_nearest_networks(engine: Engine) {
    let mut app = with_demo(engine).await;
    let r = app.get("/api/v1/bins?near=9000&limit=5").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers["access-control-allow-origin"], "*");
    let json = r.json();
    let bins = json["bins"].as_array().unwrap();
    assert_eq!(bins.len(), 5);
    let distances: Vec<i64> = bins.iter().map(|b| b["distance_m"].as_i64().unwrap()).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first: {distances:?}");
    assert!(bins[0]["url"].as_str().unwrap().contains("/bin/"));
    assert_eq!(json["near"]["police_zone_number"], 5415);
    // The same place in three languages gives the same answer.
    let nl = app.get("/api/v1/bins?near=Luik&limit=3").await.json();
    let fr = app.get("/api/v1/bins?near=Li%C3%A8ge&limit=3").await.json();
    assert_eq!(nl["bins"], fr["bins"]);
    let bin_z = app.get("/api/v1/bins?near=1000&kind=bin-z&limit=3").await.json();
    assert!(bin_z["bins"].as_array().unwrap().iter().all(|b| b["kind"] == "bin_z"));
    let one = bins[0]["id"].as_i64().unwrap();
    let page = app.get(&format!("/api/v1/bins/{one}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("@"), "no e-mail address on a public page");
    assert!(page.json()["households_band"].is_string());
    let stats = app.get("/api/v1/stats/regions").await.json();
    assert_eq!(stats["regions"][3]["total"], 1557);
    let places = app.get("/api/v1/places?q=sint-gen").await.json();
    assert!(places["places"].as_array().unwrap().iter().any(|p| p["label"] == "Sint-Genesius-Rode"));
    let places = app.get("/api/v1/places?q=gentbrug").await.json();
    let gentbrugge = places["places"].as_array().unwrap().iter().find(|p| p["value"] == "Gentbrugge").cloned();
    assert_eq!(gentbrugge.map(|p| p["kind"].clone()), Some(serde_json::json!("locality")), "{places}");
    let near = app.get("/api/v1/bins?near=Gentbrugge&limit=3").await;
    assert_eq!(near.status, StatusCode::OK, "{}", near.body);
    // The document states the limits the API enforces, with the same numbers.
    let spec = app.get("/api/v1/openapi.json").await.json();
    let parameter = |path: &str, name: &str| {
        spec["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap()
    };
    let max_chars = app::directory::places::MAX_QUERY_CHARS;
    for (path, name) in [("/bins", "near"), ("/places", "q")] {
        let schema = parameter(path, name)["schema"].clone();
        assert_eq!((schema["minLength"].as_u64(), schema["maxLength"].as_u64()), (Some(1), Some(max_chars as u64)));
    }
    assert_eq!(parameter("/places", "q")["schema"]["pattern"], "\\S", "not only spaces");
    // What the document calls a valid `near` is answered (200, or 404 for a place that is not
    // there); what it calls invalid is refused with 400.
    let pattern = parameter("/bins", "near")["schema"]["pattern"].as_str().unwrap().to_string();
    let valid = regex::Regex::new(&pattern).unwrap();
    for near in [
        "9000",
        "9 000",
        "1001",
        "0",
        "123",
        "0999",
        "12345",
        "Gent",
        "abc",
        "50.85,4.35",
        "48.85,2.35",
        "   ",
        "9000a",
    ] {
        let r = app.get(&format!("/api/v1/bins?near={}&limit=1", helpers::encode(near))).await;
        let answered = matches!(r.status.as_u16(), 200 | 404);
        assert_eq!(valid.is_match(near), answered, "{near:?}: {} {}", r.status, r.body);
    }
    let limit = parameter("/bins", "limit")["schema"].clone();
    assert_eq!(
        (limit["minimum"].as_i64(), limit["maximum"].as_i64()),
        (Some(1), Some(app::directory::query::MAX_LIMIT))
    );
    for (path, item) in spec["paths"].as_object().unwrap() {
        assert_eq!(item["get"]["responses"]["429"]["$ref"], "#/components/responses/TooManyRequests", "{path}");
    }
    assert!(spec["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"].is_object());
}

async fn open_api_rejects_bad_input_with_codes(engine: Engine) {
    let mut app = with_demo(engine).await;
    let long = "9".repeat(10_000);
    let cases = [
        ("/api/v1/bins?near=9999".to_string(), 404, "unknown_postcode"),
        ("/api/v1/bins?near=0".to_string(), 400, "unknown_postcode"),
        ("/api/v1/bins?near=".to_string(), 400, "empty_query"),
        ("/api/v1/bins?near=48.85,2.35".to_string(), 404, "outside_belgium"),
        ("/api/v1/bins?near=123.0,4.0".to_string(), 400, "invalid_coordinates"),
        ("/api/v1/bins?near=9000&limit=-1".to_string(), 400, "invalid_limit"),
        ("/api/v1/bins?near=9000&limit=999999999999999999999".to_string(), 400, "invalid_limit"),
        ("/api/v1/bins?near=9000&kind=castle".to_string(), 400, "invalid_input"),
        ("/api/v1/bins?near=9000&looking=-1".to_string(), 400, "invalid_input"),
        ("/api/v1/bins?near=9000&looking=".to_string(), 400, "invalid_input"),
        ("/api/v1/bins?near=9000&kind=".to_string(), 400, "invalid_input"),
        ("/api/v1/bins?near=9000&limit=".to_string(), 400, "invalid_limit"),
        ("/api/v1/bins?near=9000&looking=true&looking=true".to_string(), 400, "invalid_input"),
        ("/api/v1/places?q=Gent&q=Gent".to_string(), 400, "invalid_input"),
        (format!("/api/v1/bins?near={long}"), 400, "query_too_long"),
        ("/api/v1/bins?near=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(), 404, "place_not_found"),
        ("/api/v1/bins?near=%27%3B%20DROP%20TABLE%20bins%3B--".to_string(), 404, "place_not_found"),
        ("/api/v1/bins/999999".to_string(), 404, "not_found"),
        ("/api/v1/bins/abc".to_string(), 404, "not_found"),
        ("/api/v1/places?q=".to_string(), 400, "empty_query"),
    ];
    for (path, status, code) in cases {
        let r = app.get_with(&path, &[("accept-language", "de")]).await;
        assert_eq!(r.status.as_u16(), status, "{path}: {}", r.body);
        assert_eq!(r.json()["error"]["code"], code, "{path}");
        assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    let bins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bins").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(bins, 1557, "nothing was harmed");
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

async fn the_finder_answers_with_html_that_the_page_does_not_carry_twice(engine: Engine) {
    let mut app = with_demo(engine).await;
    // What the browser asks after a search in the page.
    let r = app.get("/api/directory/finder?query%5Bq%5D=Gent&query%5Bkind%5D=&query%5Blooking%5D=&query%5Bmx%5D=&query%5Bmy%5D=&query%5Bmz%5D=&query%5Bsel%5D=").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let html = r.json();
    assert_eq!(html["results"].as_str().unwrap().matches("data-test-hit=").count(), 10);
    assert!(html["map"].as_str().unwrap().contains("data-zoom=\"4\""), "the map centres on the place found");
    assert_eq!(html["view"]["zoom"], 4);
    assert!(html["figures"].as_str().unwrap().contains("data-test-region-table"));
    assert!(html["search"].as_str().unwrap().contains("value=\"Gent\""));
    // A search the reader got wrong is an answer, its markup shown as text; a bad filter too.
    let r = app.get("/api/directory/finder?query%5Bq%5D=%3Cb%3EAtlantis%3C%2Fb%3E&query%5Bkind%5D=castle&query%5Blooking%5D=&query%5Bmx%5D=&query%5Bmy%5D=&query%5Bmz%5D=&query%5Bsel%5D=").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let results = r.json()["results"].as_str().unwrap().to_string();
    assert!(results.contains("data-test-error=\"invalid_input\""), "{results}");
    let r = app.get("/api/directory/finder?query%5Bq%5D=%3Cb%3EAtlantis%3C%2Fb%3E&query%5Bkind%5D=&query%5Blooking%5D=&query%5Bmx%5D=&query%5Bmy%5D=&query%5Bmz%5D=&query%5Bsel%5D=").await;
    let results = r.json()["results"].as_str().unwrap().to_string();
    assert!(results.contains("data-test-error=\"place_not_found\""), "{results}");
    assert!(!results.contains("<b>"), "markup is text: {results}");
    // The page holds the results once: its hydration data carries the map's view, not the HTML.
    let page = app.get("/?q=Gent&sel=1").await;
    assert_eq!(page.body.matches("data-test-found").count(), 1);
    assert_eq!(page.body.matches("data-test-region-table").count(), 1);
    assert_eq!(page.body.matches("id=\"q-suggestions\"").count(), 1);
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
        let r =
            app.get(&format!("/api/v1/bins?near={}%20{number}%2C%20gent&limit=3", helpers::encode(&shouting))).await;
        let json = r.json();
        assert_eq!(json["bins"][0]["id"], *bin_id, "{street} {number}: {}", r.body);
        assert_eq!(json["bins"][0]["covers"], true);
        assert_eq!(json["bins"][1]["covers"], false);
    }
    // A number outside every range: nothing covers it, the nearest come anyway.
    let (_, street, ..) = &segments[0];
    let r = app.get(&format!("/api/v1/bins?near={}%2099999%2C%20Gent", helpers::encode(street))).await.json();
    assert!(
        r["bins"].as_array().unwrap().iter().all(|b| b["covers"] != true || b["distance_m"].as_i64().unwrap() < 1500)
    );
}

/// The national open data on the demo data: the BeSafe table cell by cell, per region and for
/// Belgium; provinces and zones add up to it; no personal data; JSON and CSV agree.
async fn national_open_data_reads_the_besafe_figures(engine: Engine) {
    let mut app = with_demo(engine).await;
    let json = app.get("/api/v1/stats/national.json").await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    assert_eq!(json.headers["access-control-allow-origin"], "*");
    assert!(!json.body.contains("@"), "no e-mail address in open data");
    let areas = json.json()["areas"].as_array().unwrap().clone();
    let line = |level: &str, code: &str| {
        let a = areas.iter().find(|a| a["level"] == level && a["code"] == code).unwrap();
        (a["bin"].as_i64().unwrap(), a["bin_z"].as_i64().unwrap(), a["total"].as_i64().unwrap())
    };
    assert_eq!(line("region", "flanders"), (1060, 153, 1213));
    assert_eq!(line("region", "brussels"), (15, 2, 17));
    assert_eq!(line("region", "wallonia"), (311, 16, 327));
    assert_eq!(line("belgium", "BE"), (1386, 171, 1557));
    for level in ["province", "zone"] {
        let sum: i64 = areas.iter().filter(|a| a["level"] == level).map(|a| a["total"].as_i64().unwrap()).sum();
        assert_eq!(sum, 1557, "{level}s add up to Belgium");
    }
    let households = areas[0]["member_households"].as_str().unwrap().parse::<i64>().unwrap();
    assert!((170_000..=200_000).contains(&households) && households % 10 == 0, "{households}");
    assert!(areas.iter().all(|a| a["member_households"].as_str().is_some()));

    let csv = app.get("/api/v1/stats/national.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let (header, rows) = helpers::open_spreadsheet(&csv.body, b';');
    assert_eq!(header[..6], ["Niveau", "Code", "Naam", "BIN", "BIN-Z", "Totaal"]);
    assert_eq!(rows[0][..6], ["land", "BE", "België", "1386", "171", "1557"]);
    assert_eq!(rows.len(), areas.len());
    let english = app.get_with("/api/v1/stats/national.csv", &[("accept-language", "en")]).await;
    let (header, rows) = helpers::open_spreadsheet(&english.body, b',');
    assert_eq!((header[0].as_str(), rows[0][0].as_str()), ("Level", "country"));
    let spec = app.get("/api/v1/openapi.json").await.json();
    assert!(spec["paths"]["/stats/national.json"].is_object() && spec["paths"]["/stats/national.csv"].is_object());

    // The national dashboard shows the same areas, and the zones most at risk first.
    app.call("/api/auth/sign_in", &[("email", "admin@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    let national = app.call("/api/dashboard/mine", &[]).await.json()["National"].clone();
    assert_eq!(national["areas"].as_array().unwrap().len(), areas.len());
    let share = |z: &serde_json::Value| z["without_coordinator"].as_f64().unwrap() / z["networks"].as_f64().unwrap();
    let risk = national["risk"].as_array().unwrap();
    assert!(!risk.is_empty() && risk.len() <= 20);
    assert!(risk.windows(2).all(|w| share(&w[0]) >= share(&w[1])), "most at risk first");
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
