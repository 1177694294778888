//! Membership through the real router, role by role: joining is checked against the network's
//! streets and asked once; only the network's own coordinators see and decide its requests (two
//! at once: one wins); members leave and change what they share; the coordination is handed
//! over in two steps; and notices reach the inbox and the outbox.

use crate::helpers::{Engine, TestApp};
use crate::{PASSWORD, with_demo};
use app::demo::DEMO_PASSWORD;
use http::StatusCode;
use tower::ServiceExt;

crate::on_both_engines!(
    joining_is_checked_against_the_streets_and_asked_once,
    only_a_networks_coordinators_see_and_decide_its_requests,
    members_leave_change_what_they_share_and_hand_the_coordination_over,
    signing_up_on_the_way_leads_back_to_the_join_page,
    hostile_names_stay_text_in_every_csv_however_it_is_split,
    a_network_that_is_not_public_has_no_join_page,
);

fn sign_up_form<'a>(email: &'a str, next: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("display_name", "Buur"),
        ("email", email),
        ("password", PASSWORD),
        ("password_repeat", PASSWORD),
        ("lang", "nl"),
        ("next", next),
    ]
}

async fn signing_up_on_the_way_leads_back_to_the_join_page(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let join = format!("/bin/{bin_id}/join");
    let r = app.call("/api/auth/sign_up", &sign_up_form("onderweg@example.be", &join)).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let mail = app.deliver_mail().await;
    let message = mail.iter().rev().find(|m| m.recipients.contains(&"onderweg@example.be".to_string())).unwrap();
    let encoded = format!("&next=/bin/{bin_id}/join");
    assert!(message.data.contains(&encoded), "the link carries the page: {}", message.data);
    let token = app.last_link_token("onderweg@example.be", "/confirm").await;
    let r = app.call("/api/auth/confirm_email", &[("token", &token), ("password", PASSWORD), ("next", &join)]).await;
    assert_eq!(r.headers.get("location").and_then(|l| l.to_str().ok()), Some(join.as_str()), "{}", r.body);

    // Another site is never where a link leads.
    app.call("/api/auth/sign_out", &[]).await;
    let r = app.call("/api/auth/sign_up", &sign_up_form("elders@example.be", "//evil.example/")).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let token = app.last_link_token("elders@example.be", "/confirm").await;
    let mail = app.deliver_mail().await;
    let message = mail.iter().rev().find(|m| m.recipients.contains(&"elders@example.be".to_string())).unwrap();
    assert!(!message.data.contains("next="), "{}", message.data);
    let r = app
        .call(
            "/api/auth/confirm_email",
            &[("token", &token), ("password", PASSWORD), ("next", "https://evil.example/")],
        )
        .await;
    assert_eq!(r.headers.get("location").and_then(|l| l.to_str().ok()), Some("/account?welcome=1"));
}

/// The demo coordinator's network, a street segment of it, and a postcode of its municipality.
pub(crate) async fn demo_network(app: &TestApp) -> (i64, String, i64, String) {
    let bin_id: i64 = sqlx::query_scalar(
        "SELECT g.bin_id FROM role_grants g JOIN users u ON u.id = g.user_id \
         WHERE u.email = 'coordinator@demo.nabij.invalid' AND g.role = 'coordinator'",
    )
    .fetch_one(&app.state.pool)
    .await
    .unwrap();
    let (street, first, nis): (String, i64, i64) =
        sqlx::query_as("SELECT street_nl, first_no, nis FROM bin_segments WHERE bin_id = $1 ORDER BY id")
            .bind(bin_id)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    let postcode = app.directory().geo.postcodes.iter().find(|p| p.nis == nis).unwrap().postcode.clone();
    (bin_id, street, first, postcode)
}

pub(crate) async fn sign_in(app: &mut TestApp, email: &str, password: &str) {
    app.call("/api/auth/sign_out", &[]).await;
    let r = app.call("/api/auth/sign_in", &[("email", email), ("password", password)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{email}: {}", r.body);
}

pub(crate) fn join_form<'a>(
    bin: &'a str,
    street: &'a str,
    number: &'a str,
    postcode: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("bin_id", bin),
        ("street", street),
        ("house_number", number),
        ("postcode", postcode),
        ("phone", "0470 12 34 56"),
        ("lang", "nl"),
        ("accept_rules", "yes"),
        ("accept_privacy", "yes"),
    ]
}

async fn joining_is_checked_against_the_streets_and_asked_once(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, street, number, postcode) = demo_network(&app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    let form = join_form(&bin, &street, &number, &postcode);
    assert_eq!(app.call("/api/membership/join", &form).await.status, StatusCode::UNAUTHORIZED);

    app.signed_up("buur@example.be", PASSWORD).await;
    let mut no_consent = form.clone();
    no_consent.retain(|(k, _)| *k != "accept_privacy");
    assert_eq!(app.call("/api/membership/join", &no_consent).await.json(), "consent_required");
    let mut bad_phone = form.clone();
    bad_phone[4] = ("phone", "<script>");
    assert_eq!(app.call("/api/membership/join", &bad_phone).await.json(), "invalid_phone");
    let bad_postcode = join_form(&bin, &street, &number, "0000");
    assert_eq!(app.call("/api/membership/join", &bad_postcode).await.json(), "unknown_postcode");
    let far = join_form(&bin, "Straat die niet bestaat", &number, &postcode);
    let r = app.call("/api/membership/join", &far).await;
    assert_eq!((r.status, r.json()), (StatusCode::BAD_REQUEST, serde_json::json!("address_not_covered")));
    let huge = "x".repeat(10_000);
    let long = join_form(&bin, &huge, &number, &postcode);
    assert_eq!(app.call("/api/membership/join", &long).await.status, StatusCode::BAD_REQUEST);

    // An address in another network's streets points there.
    let other: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT s.bin_id, s.street_nl, s.first_no FROM bin_segments s JOIN bin_segments mine ON mine.nis = s.nis \
         WHERE mine.bin_id = $1 AND s.bin_id <> $1 AND s.street_nl <> '' ORDER BY s.id LIMIT 1",
    )
    .bind(bin_id)
    .fetch_optional(&app.state.pool)
    .await
    .unwrap();
    if let Some((other_bin, other_street, other_number)) = other {
        let other_number = other_number.to_string();
        let elsewhere = join_form(&bin, &other_street, &other_number, &postcode);
        let r = app.call("/api/membership/join", &elsewhere).await.json();
        assert_eq!(r["OtherBin"]["id"], other_bin, "{r}");
    }

    let r = app.call("/api/membership/join", &form).await;
    assert_eq!(r.json(), "Requested", "{}", r.body);
    assert_eq!(app.call("/api/membership/join", &form).await.json(), "AlreadyRequested");
    let mine = "(SELECT id FROM users WHERE email = 'buur@example.be')";
    let rows: i64 =
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM memberships WHERE bin_id = $1 AND user_id = {mine}"))
            .bind(bin_id)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    assert_eq!(rows, 1, "asking twice is one request");
    let consent: (String, i64) = sqlx::query_as(&format!(
        "SELECT consent_version, consented_at FROM memberships WHERE bin_id = $1 AND user_id = {mine}"
    ))
    .bind(bin_id)
    .fetch_one(&app.state.pool)
    .await
    .unwrap();
    assert_eq!(consent.0, app::membership::types::CONSENT_VERSION);
    assert!(consent.1 > 0);
    let mine = app.call("/api/membership/mine", &[]).await.json();
    assert_eq!(mine[0]["state"], "pending");
    let export = app.get("/api/auth/export").await.json();
    assert_eq!(export["memberships"][0]["street"], street.as_str(), "the member's own data export has it");
    assert_eq!(export["memberships"][0]["phone"], "0470 12 34 56");

    // The coordinator is told in the inbox and by e-mail, in their language.
    let mail = app.deliver_mail().await;
    assert!(mail.iter().any(
        |m| m.recipients.contains(&"coordinator@demo.nabij.invalid".to_string()) && m.data.contains("Test Persoon")
    ));
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    assert_eq!(app.call("/api/auth/me", &[]).await.json()["unread"], 1);
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    assert_eq!(inbox[0]["kind"], "join_requested");
    app.call("/api/messaging/inbox_read", &[]).await;
    assert_eq!(app.call("/api/auth/me", &[]).await.json()["unread"], 0);
}

async fn only_a_networks_coordinators_see_and_decide_its_requests(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, street, number, postcode) = demo_network(&app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    app.signed_up("aanvrager@example.be", PASSWORD).await;
    app.call("/api/membership/join", &join_form(&bin, &street, &number, &postcode)).await;
    let request_id: i64 = sqlx::query_scalar("SELECT id FROM memberships WHERE bin_id = $1 AND state = 'pending'")
        .bind(bin_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let request = request_id.to_string();
    let approve = [("bin_id", bin.as_str()), ("request_id", request.as_str()), ("decision", "approve")];
    let csv = format!("/bin/{bin_id}/members.csv");

    // A visitor, the applicant, a member, the police and the knowledge centre are all refused.
    app.call("/api/auth/sign_out", &[]).await;
    assert_eq!(app.call("/api/membership/manage", &[("bin_id", &bin)]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(&csv).await.status, StatusCode::UNAUTHORIZED);
    for who in [
        "aanvrager@example.be",
        "member@demo.nabij.invalid",
        "officer@demo.nabij.invalid",
        "zoneadmin@demo.nabij.invalid",
        "admin@demo.nabij.invalid",
    ] {
        let password = if who.ends_with("example.be") { PASSWORD } else { DEMO_PASSWORD };
        sign_in(&mut app, who, password).await;
        assert_eq!(
            app.call("/api/membership/manage", &[("bin_id", &bin)]).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        assert_eq!(app.call("/api/membership/decide", &approve).await.status, StatusCode::FORBIDDEN, "{who}");
        let r = app.get(&csv).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
        assert!(!r.body.contains("aanvrager@example.be"));
    }
    // Another network's coordinator too.
    app.signed_up("andere-coordinator@example.be", PASSWORD).await;
    let other_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'andere-coordinator@example.be'")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let other_bin: i64 = sqlx::query_scalar("SELECT id FROM bins WHERE id <> $1 ORDER BY id LIMIT 1")
        .bind(bin_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    app::membership::repo::grant(&app.state.pool, other_id, app::auth::types::Role::Coordinator, other_bin, 0)
        .await
        .unwrap();
    sign_in(&mut app, "andere-coordinator@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/membership/manage", &[("bin_id", &bin)]).await.status, StatusCode::FORBIDDEN);
    let cross = [("bin_id", other_bin.to_string()), ("request_id", request.clone()), ("decision", "approve".into())];
    let cross: Vec<(&str, &str)> = cross.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call("/api/membership/decide", &cross).await.status, StatusCode::NOT_FOUND, "not its request");

    // The coordinator sees the request first, the CSV, and decides; two decisions at once: one wins.
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    let view = app.call("/api/membership/manage", &[("bin_id", &bin)]).await.json();
    assert_eq!(view["members"][0]["state"], "pending");
    assert_eq!(view["members"][0]["email"], "aanvrager@example.be");
    assert!(view["continuity"]["score"].as_u64().unwrap() <= 100);
    let r = app.get(&csv).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let (header, rows) = crate::helpers::open_spreadsheet(&r.body, b';');
    assert_eq!(header[..3], ["Status", "Naam", "E-mailadres"]);
    let pending = rows.iter().find(|r| r[2] == "aanvrager@example.be").expect("the request is listed");
    assert_eq!(pending[0], "Aanvraag, nog niet goedgekeurd", "a request is told apart from members");
    assert_eq!(rows.last(), Some(pending), "members first, then requests");
    let households: i64 = sqlx::query_scalar("SELECT households FROM bins WHERE id = $1")
        .bind(bin_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let decline = [
        ("bin_id", bin.as_str()),
        ("request_id", request.as_str()),
        ("decision", "decline"),
        ("reason", "Adres buiten de wijk"),
    ];
    let (a, b) = tokio::join!(
        app.router.clone().oneshot(app.request("/api/membership/decide", &approve)),
        app.router.clone().oneshot(app.request("/api/membership/decide", &decline)),
    );
    let mut statuses = [a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "one decision wins, the other is told");
    let state: String = sqlx::query_scalar("SELECT state FROM memberships WHERE id = $1")
        .bind(request_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let after: i64 = sqlx::query_scalar("SELECT households FROM bins WHERE id = $1")
        .bind(bin_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(after - households, i64::from(state == "active"), "households follow the decision that won");
    let again = app.call("/api/membership/decide", &approve).await;
    assert_eq!((again.status, again.json()), (StatusCode::CONFLICT, serde_json::json!("already_decided")));
    // The applicant is told.
    sign_in(&mut app, "aanvrager@example.be", PASSWORD).await;
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    let kind = inbox[0]["kind"].as_str().unwrap();
    assert!(kind == "join_approved" || kind == "join_declined", "{inbox}");
}

async fn members_leave_change_what_they_share_and_hand_the_coordination_over(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, street, number, postcode) = demo_network(&app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    for email in ["opvolger@example.be", "vertrekker@example.be"] {
        app.signed_up(email, PASSWORD).await;
        app.call("/api/membership/join", &join_form(&bin, &street, &number, &postcode)).await;
    }
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    let view = app.call("/api/membership/manage", &[("bin_id", &bin)]).await.json();
    // The two requests (the demo member is already in).
    let ids: Vec<(String, String)> = view["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["state"] == "pending")
        .map(|m| (m["request_id"].to_string(), m["user_id"].to_string()))
        .collect();
    for (request, _) in &ids {
        let r = app
            .call("/api/membership/decide", &[("bin_id", &bin), ("request_id", request), ("decision", "approve")])
            .await;
        assert!(r.status.is_success(), "{}", r.body);
    }
    let (successor, leaver) = (ids[0].1.clone(), ids[1].1.clone());

    // The member who leaves cannot be made deputy or successor afterwards.
    sign_in(&mut app, "vertrekker@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/membership/leave", &[("bin_id", &bin)]).await.json(), "confirmation_mismatch");
    let bad = app.call("/api/membership/sharing", &[("bin_id", &bin), ("phone", "12"), ("lang", "fr")]).await;
    assert_eq!(bad.json(), "invalid_phone");
    assert!(
        app.call("/api/membership/sharing", &[("bin_id", &bin), ("phone", ""), ("lang", "fr")])
            .await
            .status
            .is_success()
    );
    assert!(app.call("/api/membership/leave", &[("bin_id", &bin), ("confirm", "yes")]).await.status.is_success());
    assert_eq!(app.call("/api/membership/mine", &[]).await.json(), serde_json::json!([]));
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    let gone = app.call("/api/membership/handover_offer", &[("bin_id", &bin), ("to_user", &leaver)]).await;
    assert_eq!(gone.json(), "not_a_member");
    let gone = app.call("/api/membership/deputy", &[("bin_id", &bin), ("user_id", &leaver), ("deputy", "true")]).await;
    assert_eq!(gone.json(), "not_a_member");

    // A deputy, then the handover in two steps; the zone is told.
    let r = app.call("/api/membership/deputy", &[("bin_id", &bin), ("user_id", &successor), ("deputy", "true")]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let view = app.call("/api/membership/manage", &[("bin_id", &bin)]).await.json();
    assert!(!view["continuity"]["factors"].as_array().unwrap().iter().any(|f| f == "no_deputy"), "{view}");
    let r = app.call("/api/membership/handover_offer", &[("bin_id", &bin), ("to_user", &successor)]).await;
    assert!(r.status.is_success(), "{}", r.body);
    sign_in(&mut app, "opvolger@example.be", PASSWORD).await;
    let mine = app.call("/api/membership/mine", &[]).await.json();
    let offer = mine[0]["handover_offer"].as_i64().expect("an offer").to_string();
    let r = app.call("/api/membership/handover_answer", &[("handover_id", &offer), ("accept", "true")]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let again = app.call("/api/membership/handover_answer", &[("handover_id", &offer), ("accept", "true")]).await;
    assert_eq!(again.json(), "already_decided");
    assert_eq!(app.call("/api/membership/manage", &[("bin_id", &bin)]).await.status, StatusCode::OK);
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    assert_eq!(app.call("/api/membership/manage", &[("bin_id", &bin)]).await.status, StatusCode::FORBIDDEN);
    sign_in(&mut app, "officer@demo.nabij.invalid", DEMO_PASSWORD).await;
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    assert!(inbox.as_array().unwrap().iter().any(|i| i["kind"] == "handover_accepted"), "{inbox}");

    // The new coordinator leaves: the network looks for a coordinator, and a member can raise a hand.
    // (The demo gives this network a second, synthetic coordinator; only the successor stays.)
    sqlx::query("DELETE FROM role_grants WHERE bin_id = $1 AND role IN ('coordinator', 'deputy') AND user_id <> $2")
        .bind(bin_id)
        .bind(successor.parse::<i64>().unwrap())
        .execute(&app.state.pool)
        .await
        .unwrap();
    app.signed_up("helper@example.be", PASSWORD).await;
    app.call("/api/membership/join", &join_form(&bin, &street, &number, &postcode)).await;
    sign_in(&mut app, "opvolger@example.be", PASSWORD).await;
    let view = app.call("/api/membership/manage", &[("bin_id", &bin)]).await.json();
    let pending = view["members"][0]["request_id"].to_string();
    app.call("/api/membership/decide", &[("bin_id", &bin), ("request_id", &pending), ("decision", "approve")]).await;
    assert!(app.call("/api/membership/leave", &[("bin_id", &bin), ("confirm", "yes")]).await.status.is_success());
    assert!(
        app.directory().with_bins(|index| index.get(bin_id).unwrap().map.looking),
        "the map shows it looks for a coordinator"
    );
    sign_in(&mut app, "helper@example.be", PASSWORD).await;
    assert!(app.call("/api/membership/raise_hand", &[("bin_id", &bin)]).await.status.is_success());
    sign_in(&mut app, "officer@demo.nabij.invalid", DEMO_PASSWORD).await;
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    assert!(inbox.as_array().unwrap().iter().any(|i| i["kind"] == "help_offered"), "{inbox}");
}

/// No piece of any line, split as a Belgian spreadsheet splits it (at `;`, and at `,`), starts a
/// formula.
fn assert_no_formula(what: &str, csv: &str) {
    for line in csv.lines() {
        for piece in line.split([';', ',']) {
            let piece = piece.trim_start_matches([' ', '"']);
            assert!(!piece.starts_with(['=', '+', '-', '@']), "{what}: {piece:?} in {line:?}");
        }
    }
}

async fn hostile_names_stay_text_in_every_csv_however_it_is_split(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let user = crate::messaging::member(&mut app, "jan@example.be", "").await;
    sqlx::query("UPDATE users SET display_name = 'Jan;=1+1;' WHERE id = $1")
        .bind(user)
        .execute(&app.state.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE bins SET name = 'BIN Gent; @SUM(A1:A9)' WHERE id = $1")
        .bind(bin_id)
        .execute(&app.state.pool)
        .await
        .unwrap();
    // The coordinator's member list, the zone's table and the knowledge centre's registry.
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    let members = app.get(&format!("/bin/{bin_id}/members.csv")).await;
    let (header, rows) = crate::helpers::open_spreadsheet(&members.body, b';');
    assert!(rows.iter().any(|r| crate::helpers::cell(&header, r, "Naam") == "Jan;'=1+1;"), "{rows:?}");
    assert_no_formula("members", &members.body);
    sign_in(&mut app, "officer@demo.nabij.invalid", DEMO_PASSWORD).await;
    let zone = app.get("/dashboard/zone/5415.csv").await;
    let (header, rows) = crate::helpers::open_spreadsheet(&zone.body, b';');
    assert!(rows.iter().any(|r| crate::helpers::cell(&header, r, "Netwerk") == "BIN Gent; '@SUM(A1:A9)"), "{rows:?}");
    assert_no_formula("zone", &zone.body);
    sign_in(&mut app, "admin@demo.nabij.invalid", DEMO_PASSWORD).await;
    let registry = app.get("/registry.csv").await;
    assert_eq!(registry.status, StatusCode::OK);
    assert_no_formula("registry", &registry.body);
}

async fn a_network_that_is_not_public_has_no_join_page(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let bin = bin_id.to_string();
    let info = app.call("/api/membership/join_info", &[("bin_id", &bin)]).await.json();
    assert_eq!(info["bin_id"], bin_id, "{info}");
    for state in ["proposed", "declined", "charter", "dormant", "dissolved"] {
        sqlx::query("UPDATE bins SET state = $1 WHERE id = $2")
            .bind(state)
            .bind(bin_id)
            .execute(&app.state.pool)
            .await
            .unwrap();
        app.state.public_changed().await.unwrap();
        let r = app.call("/api/membership/join_info", &[("bin_id", &bin)]).await;
        assert_eq!((r.status, r.json()), (StatusCode::NOT_FOUND, serde_json::json!("not_found")), "{state}");
        // Exactly as the open API and the public page answer.
        assert_eq!(app.get(&format!("/api/v1/bins/{bin_id}")).await.status, StatusCode::NOT_FOUND, "{state}");
    }
    assert_eq!(app.call("/api/membership/join_info", &[("bin_id", "999999")]).await.json(), "not_found");
}
