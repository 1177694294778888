//! Accounts through the real router: signing up, confirming, signing in and its limits, resetting
//! a password, changing the address, the personal export and deletion, and who sees the
//! dashboards.

use crate::PASSWORD;
use crate::helpers::{Engine, TestApp};
use http::StatusCode;

crate::on_both_engines!(
    sign_up_confirm_and_sign_in,
    a_wrong_password_and_an_unknown_address_answer_alike,
    sign_in_is_rate_limited,
    bad_sign_up_input_gets_a_code_and_writes_nothing,
    a_confirmation_link_works_once,
    password_reset_works_once_and_expires,
    change_of_email_needs_the_new_address_confirmed,
    export_and_delete_own_data,
    only_staff_see_dashboards,
);

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

async fn only_staff_see_dashboards(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let visitor = app.call("/api/dashboard/mine", &[]).await;
    assert!(visitor.body.contains("not_signed_in"));
    app.signed_up("lid@example.be", PASSWORD).await;
    let member = app.call("/api/dashboard/mine", &[]).await;
    assert_eq!(member.status, StatusCode::FORBIDDEN);
    assert!(member.body.contains("forbidden"));
}
