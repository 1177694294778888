//! The life of a network through the real router, role by role: a resident proposes a network,
//! the police zone asks for changes and accepts, four parties sign (each only for their own
//! role), the knowledge centre registers, and the network is on the map. Later: a coordinator
//! is appointed for a network that lost its own, the network falls dormant, comes back and is
//! dissolved; a charter is renewed and its review is reminded once; and a declined request
//! waits before it can be asked again.

use crate::helpers::{Engine, TestApp};
use crate::membership::{demo_network, join_form, sign_in};
use crate::{PASSWORD, with_demo};
use app::demo::DEMO_PASSWORD;
use http::StatusCode;
use tower::ServiceExt;

crate::on_both_engines!(
    a_new_network_goes_from_proposal_through_four_signatures_to_the_map,
    the_zone_appoints_a_coordinator_and_a_network_sleeps_wakes_and_ends,
    a_charter_is_renewed_and_its_review_reminded_once,
    a_declined_request_waits_thirty_days,
    the_knowledge_centre_imports_a_registry_line_by_line,
    each_role_sees_and_moves_a_proposal_only_as_the_design_says,
    five_proposals_sent_at_once_open_three,
);

/// The limit of three open proposals holds when they arrive together (two tabs, a double
/// click): they queue on the proposer's account instead of all passing the count.
async fn five_proposals_sent_at_once_open_three(engine: Engine) {
    use tower::ServiceExt;
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("haastig@example.be", PASSWORD).await;
    let names: Vec<String> = (0..5).map(|n| format!("BIN Tegelijk {n}")).collect();
    let mut sends = tokio::task::JoinSet::new();
    for name in &names {
        let request = app.request("/api/lifecycle/propose", &proposal(name, "9000", "Proefstraat", PURPOSE));
        let router = app.router.clone();
        sends.spawn(async move { router.oneshot(request).await.unwrap().status() });
    }
    let statuses = sends.join_all().await;
    let accepted = statuses.iter().filter(|s| s.is_success() || s.is_redirection());
    assert_eq!(accepted.count(), 3);
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bins WHERE name LIKE 'BIN Tegelijk %'")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(open, 3);
}

const OFFICER: &str = "officer@demo.nabij.invalid";
const CHIEF: &str = "zoneadmin@demo.nabij.invalid";
const TOWN: &str = "municipality@demo.nabij.invalid";
const KC: &str = "admin@demo.nabij.invalid";
const MEMBER: &str = "member@demo.nabij.invalid";

fn proposal<'a>(name: &'a str, place: &'a str, streets: &'a str, purpose: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("kind", "bin"),
        ("place", place),
        ("streets", streets),
        ("radius_m", "500"),
        ("purpose", purpose),
    ]
}

const PURPOSE: &str = "Drie inbraken in de straat sinds de zomer; twaalf gezinnen willen meedoen.";

async fn step(app: &mut TestApp, bin: &str, form: &[(&str, &str)]) -> (StatusCode, serde_json::Value) {
    let mut all = vec![("bin_id", bin)];
    all.extend_from_slice(form);
    let r = app.call("/api/lifecycle/step", &all).await;
    let json = if r.body.is_empty() { serde_json::Value::Null } else { r.json() };
    (r.status, json)
}

async fn state_of(app: &TestApp, bin_id: i64) -> String {
    sqlx::query_scalar("SELECT state FROM bins WHERE id = $1").bind(bin_id).fetch_one(&app.state.pool).await.unwrap()
}

async fn near_9050(app: &mut TestApp) -> Vec<i64> {
    let r = app.get("/api/v1/bins?near=9050&limit=50").await;
    r.json()["bins"].as_array().unwrap().iter().map(|b| b["id"].as_i64().unwrap()).collect()
}

async fn a_new_network_goes_from_proposal_through_four_signatures_to_the_map(engine: Engine) {
    let mut app = with_demo(engine).await;
    let form = proposal("BIN Testlaan", "9050", "Testlaan; 1-99; oneven", PURPOSE);
    assert_eq!(app.call("/api/lifecycle/propose", &form).await.status, StatusCode::UNAUTHORIZED);

    // Bad input: a clear code each time, and nothing written.
    app.signed_up("stichter@example.be", PASSWORD).await;
    let bins_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bins").fetch_one(&app.state.pool).await.unwrap();
    for (form, code) in [
        (proposal("ab", "9050", "Testlaan", PURPOSE), "invalid_bin_name"),
        (proposal("BIN Testlaan", "9050", "Testlaan; 99-1", PURPOSE), "invalid_streets"),
        (proposal("BIN Testlaan", "9050", "", PURPOSE), "invalid_streets"),
        (proposal("BIN Testlaan", "9050", "Testlaan", "te kort"), "invalid_text"),
        (proposal("BIN Testlaan", "0000", "Testlaan", PURPOSE), "unknown_postcode"),
        (proposal("BIN Testlaan", "48.85,2.35", "Testlaan", PURPOSE), "outside_belgium"),
        (proposal("BIN Testlaan", "", "Testlaan", PURPOSE), "empty_query"),
    ] {
        let r = app.call("/api/lifecycle/propose", &form).await;
        assert_eq!((r.status, r.json()), (StatusCode::BAD_REQUEST, serde_json::json!(code)), "{form:?}");
    }
    let bins_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bins").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(bins_before, bins_after);

    let r = app.call("/api/lifecycle/propose", &form).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let bin_id: i64 =
        sqlx::query_scalar("SELECT id FROM bins WHERE name = 'BIN Testlaan'").fetch_one(&app.state.pool).await.unwrap();
    let bin = bin_id.to_string();
    assert_eq!(state_of(&app, bin_id).await, "proposed");
    assert!(!near_9050(&mut app).await.contains(&bin_id), "a proposal is not on the map");
    let file = app.get(&format!("/api/lifecycle/life?bin_id={bin}")).await.json();
    assert_eq!(file["state"], "proposed");
    assert_eq!(file["streets"][0]["street_nl"], "Testlaan");
    assert!(file["steps"].as_array().unwrap().is_empty(), "the founder waits for the zone");
    assert!(file["map_svg"].as_str().unwrap().contains("<circle"));
    // The founder cannot review their own proposal.
    assert_eq!(step(&mut app, &bin, &[("step", "accept"), ("rules", &"r".repeat(30))]).await.0, StatusCode::FORBIDDEN);

    // Who may read the file: not a visitor, a member or another zone's officer.
    app.call("/api/auth/sign_out", &[]).await;
    assert_eq!(app.get(&format!("/api/lifecycle/life?bin_id={bin}")).await.status, StatusCode::UNAUTHORIZED);
    sign_in(&mut app, MEMBER, DEMO_PASSWORD).await;
    assert_eq!(app.get(&format!("/api/lifecycle/life?bin_id={bin}")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(step(&mut app, &bin, &[("step", "accept"), ("rules", &"r".repeat(30))]).await.0, StatusCode::FORBIDDEN);

    // The zone asks for changes (a message is required), the founder revises.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let mail = app.deliver_mail().await;
    assert!(mail.iter().any(|m| m.recipients.contains(&OFFICER.to_string()) && m.data.contains("BIN Testlaan")));
    let initiatives = app.get("/api/lifecycle/initiatives").await.json();
    let line = initiatives.as_array().unwrap().iter().find(|i| i["bin_id"] == bin_id).unwrap().clone();
    assert_eq!(line["waiting_for_me"], true);
    assert_eq!(step(&mut app, &bin, &[("step", "ask_changes")]).await.1, "invalid_text");
    let (status, _) = step(&mut app, &bin, &[("step", "ask_changes"), ("message", "Voeg ook de even kant toe.")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(state_of(&app, bin_id).await, "changes_requested");
    assert_eq!(step(&mut app, &bin, &[("step", "accept"), ("rules", &"r".repeat(30))]).await.1, "wrong_state");
    sign_in(&mut app, "stichter@example.be", PASSWORD).await;
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    assert_eq!(inbox[0]["kind"], "life_ask_changes");
    assert!(inbox[0]["body"].as_str().unwrap().contains("Voeg ook de even kant toe."), "{inbox}");
    let revise = [
        ("bin_id", bin.as_str()),
        ("purpose", PURPOSE),
        ("streets", "Testlaan; 1-99; oneven\nTestlaan; 2-98; even"),
        ("message", "Beide kanten staan erin."),
    ];
    assert!(app.call("/api/lifecycle/revise", &revise).await.status.is_success());
    assert_eq!(state_of(&app, bin_id).await, "proposed");
    assert_eq!(app.call("/api/lifecycle/revise", &revise).await.json(), "wrong_state", "only when sent back");

    // The zone accepts: the charter is drafted.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(step(&mut app, &bin, &[("step", "accept"), ("rules", "kort")]).await.1, "invalid_text");
    let rules = "Meldingen eerst aan de politie (101), daarna aan de coördinator.";
    assert_eq!(step(&mut app, &bin, &[("step", "accept"), ("rules", rules)]).await.0, StatusCode::OK);
    assert_eq!(state_of(&app, bin_id).await, "charter");
    assert_eq!(step(&mut app, &bin, &[("step", "accept"), ("rules", rules)]).await.1, "wrong_state");

    // Each party signs through a person holding its role, once.
    sign_in(&mut app, KC, DEMO_PASSWORD).await;
    assert_eq!(step(&mut app, &bin, &[("step", "register")]).await.0, StatusCode::CONFLICT, "nothing signed yet");
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "officer")]).await.0, StatusCode::FORBIDDEN);
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "zone_chief")]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "mayor")]).await.1, "invalid_input");
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "officer")]).await.0, StatusCode::OK);
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "officer")]).await.1, "already_signed");
    sign_in(&mut app, "stichter@example.be", PASSWORD).await;
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "municipality")]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "coordinator")]).await.0, StatusCode::OK);
    sign_in(&mut app, CHIEF, DEMO_PASSWORD).await;
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "zone_chief")]).await.0, StatusCode::OK);
    assert_eq!(state_of(&app, bin_id).await, "charter", "three of four");
    sign_in(&mut app, TOWN, DEMO_PASSWORD).await;
    let file = app.get(&format!("/api/lifecycle/life?bin_id={bin}")).await.json();
    assert_eq!(file["can_sign_for"], serde_json::json!(["municipality"]));
    assert_eq!(step(&mut app, &bin, &[("step", "sign"), ("party", "municipality")]).await.0, StatusCode::OK);
    assert_eq!(state_of(&app, bin_id).await, "signed");

    // The knowledge centre is told, registers, and the network is on the map.
    sign_in(&mut app, KC, DEMO_PASSWORD).await;
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    assert_eq!(inbox[0]["kind"], "life_complete");
    assert_eq!(step(&mut app, &bin, &[("step", "register")]).await.0, StatusCode::OK);
    assert_eq!(state_of(&app, bin_id).await, "active");
    assert_eq!(step(&mut app, &bin, &[("step", "register")]).await.1, "wrong_state");
    assert!(near_9050(&mut app).await.contains(&bin_id), "registered networks are on the map");
    let public = app.get(&format!("/api/v1/bins/{bin_id}")).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.body);
    let file = app.get(&format!("/api/lifecycle/life?bin_id={bin}")).await.json();
    let charter = &file["charters"][0];
    assert_eq!(charter["version"], 1);
    assert_eq!(charter["signatures"].as_array().unwrap().len(), 4);
    assert!(charter["next_review_at"].as_i64().unwrap() > charter["registered_at"].as_i64().unwrap());
    let steps: Vec<&str> = file["events"].as_array().unwrap().iter().map(|e| e["step"].as_str().unwrap()).collect();
    assert_eq!(
        steps,
        ["propose", "ask_changes", "revise", "accept", "sign", "sign", "sign", "sign", "complete", "register"]
    );
    let roles: Vec<&str> = file["events"].as_array().unwrap().iter().map(|e| e["role"].as_str().unwrap()).collect();
    assert_eq!(roles[4..8], ["officer", "coordinator", "zone_chief", "municipality"]);
    // The founder coordinates it, and residents of its streets can join.
    sign_in(&mut app, "stichter@example.be", PASSWORD).await;
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    assert_eq!(inbox[0]["kind"], "life_register");
    app.signed_up("buur-testlaan@example.be", PASSWORD).await;
    let r = app.call("/api/membership/join", &join_form(&bin, "Testlaan", "14", "9050")).await;
    assert_eq!(r.json(), "Requested", "{}", r.body);
    // One person has at most three initiatives open at once.
    for n in 0..3 {
        let name = format!("BIN Proef {n}");
        let r = app.call("/api/lifecycle/propose", &proposal(&name, "9000", "Proefstraat", PURPOSE)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    }
    let r = app.call("/api/lifecycle/propose", &proposal("BIN Proef 4", "9000", "Proefstraat", PURPOSE)).await;
    assert_eq!(r.json(), "too_many_requests");
}

async fn the_zone_appoints_a_coordinator_and_a_network_sleeps_wakes_and_ends(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, street, number, postcode) = demo_network(&app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    for email in ["opvolger@example.be", "helper@example.be", "zwijger@example.be"] {
        app.signed_up(email, PASSWORD).await;
        app.call("/api/membership/join", &join_form(&bin, &street, &number, &postcode)).await;
    }
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    let view = app.call("/api/membership/manage", &[("bin_id", &bin)]).await.json();
    let members: Vec<(String, String)> = view["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["request_id"].to_string(), m["user_id"].to_string()))
        .collect();
    for (request, _) in &members {
        app.call("/api/membership/decide", &[("bin_id", &bin), ("request_id", request), ("decision", "approve")]).await;
    }
    let helper_id = members[1].1.clone();
    let silent_id = members[2].1.clone();
    // The demo gives this network a second, synthetic coordinator; only the demo account stays.
    sqlx::query(
        "DELETE FROM role_grants WHERE bin_id = $1 AND role IN ('coordinator', 'deputy') \
         AND user_id <> (SELECT id FROM users WHERE email = 'coordinator@demo.nabij.invalid')",
    )
    .bind(bin_id)
    .execute(&app.state.pool)
    .await
    .unwrap();
    // Handover to the first; then the new coordinator leaves: the network needs a coordinator.
    app.call("/api/membership/handover_offer", &[("bin_id", &bin), ("to_user", &members[0].1)]).await;
    sign_in(&mut app, "opvolger@example.be", PASSWORD).await;
    let handover: i64 = sqlx::query_scalar("SELECT id FROM handovers WHERE bin_id = $1 AND closed_at IS NULL")
        .bind(bin_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let r = app
        .call("/api/membership/handover_answer", &[("handover_id", &handover.to_string()), ("accept", "true")])
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    assert!(!app.directory().with_bins(|i| i.get(bin_id).unwrap().map.looking));
    app.call("/api/membership/leave", &[("bin_id", &bin), ("confirm", "yes")]).await;
    assert!(app.directory().with_bins(|i| i.get(bin_id).unwrap().map.looking), "looking for a coordinator");

    // A member raises their hand; only the zone appoints, and only a member.
    sign_in(&mut app, "helper@example.be", PASSWORD).await;
    assert!(app.call("/api/membership/raise_hand", &[("bin_id", &bin)]).await.status.is_success());
    assert_eq!(step(&mut app, &bin, &[("step", "appoint"), ("user_id", &helper_id)]).await.0, StatusCode::FORBIDDEN);
    sign_in(&mut app, KC, DEMO_PASSWORD).await;
    assert_eq!(step(&mut app, &bin, &[("step", "appoint"), ("user_id", &helper_id)]).await.0, StatusCode::FORBIDDEN);
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let file = app.get(&format!("/api/lifecycle/life?bin_id={bin}")).await.json();
    assert_eq!(file["looking"], true);
    assert_eq!(file["helpers"][0]["user_id"].to_string(), helper_id);
    let outsider: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(MEMBER)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let outsider = outsider.to_string();
    assert_eq!(step(&mut app, &bin, &[("step", "appoint"), ("user_id", &outsider)]).await.1, "not_a_member");
    let r = step(&mut app, &bin, &[("step", "appoint"), ("user_id", &silent_id)]).await;
    assert_eq!(r.1, "not_a_member", "only a member who offered to help");
    assert_eq!(step(&mut app, &bin, &[("step", "appoint"), ("user_id", &helper_id)]).await.0, StatusCode::OK);
    assert!(!app.directory().with_bins(|i| i.get(bin_id).unwrap().map.looking), "the mark is gone");
    assert_eq!(step(&mut app, &bin, &[("step", "appoint"), ("user_id", &helper_id)]).await.1, "wrong_state");
    sign_in(&mut app, "helper@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/messaging/inbox", &[]).await.json()[0]["kind"], "life_appoint");
    assert!(app.call("/api/membership/manage", &[("bin_id", &bin)]).await.status.is_success());

    // Dormant: off the map and closed to requests; active again; then dissolved by the chief.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(step(&mut app, &bin, &[("step", "suspend")]).await.0, StatusCode::OK);
    assert!(app.directory().with_bins(|i| i.get(bin_id).is_none()), "dormant networks are not on the map");
    assert_eq!(step(&mut app, &bin, &[("step", "suspend")]).await.1, "wrong_state");
    assert_eq!(step(&mut app, &bin, &[("step", "reactivate")]).await.0, StatusCode::OK);
    assert!(app.directory().with_bins(|i| i.get(bin_id).is_some()));
    let dissolve = [("step", "dissolve"), ("message", "Geen leden meer."), ("confirm", "yes")];
    assert_eq!(step(&mut app, &bin, &dissolve).await.0, StatusCode::FORBIDDEN, "officers do not dissolve");
    sign_in(&mut app, CHIEF, DEMO_PASSWORD).await;
    let unconfirmed = [("step", "dissolve"), ("message", "Geen leden meer.")];
    assert_eq!(step(&mut app, &bin, &unconfirmed).await.1, "confirmation_mismatch");
    assert_eq!(state_of(&app, bin_id).await, "active");
    assert_eq!(step(&mut app, &bin, &dissolve).await.0, StatusCode::OK);
    assert_eq!(state_of(&app, bin_id).await, "dissolved");
    assert_eq!(step(&mut app, &bin, &[("step", "reactivate")]).await.1, "wrong_state", "dissolved is final");
    // The coordination ends with the network; its members' data goes after 90 days.
    sign_in(&mut app, "helper@example.be", PASSWORD).await;
    let r = app.call("/api/membership/manage", &[("bin_id", &bin)]).await;
    assert!(matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{} {}", r.status, r.body);
    let members = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM memberships WHERE bin_id = $1")
            .bind(bin_id)
            .fetch_one(&app.state.pool)
            .await
            .unwrap()
    };
    assert!(members().await > 0);
    server::startup::tidy(&app.state, app::platform::now()).await.unwrap();
    assert!(members().await > 0, "kept for a while");
    server::startup::tidy(&app.state, app::platform::now() + 91 * 86_400).await.unwrap();
    assert_eq!(members().await, 0);
    app.signed_up("te-laat@example.be", PASSWORD).await;
    let r = app.call("/api/membership/join", &join_form(&bin, &street, &number, &postcode)).await;
    assert_eq!(r.json(), "bin_not_open");
}

async fn a_charter_is_renewed_and_its_review_reminded_once(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let bin = bin_id.to_string();
    let now = app::platform::now();
    // Time passes: the charter's review comes within the reminder window.
    sqlx::query("UPDATE charters SET next_review_at = $1, reminded_at = NULL WHERE bin_id = $2")
        .bind(now + 10 * 86_400)
        .bind(bin_id)
        .execute(&app.state.pool)
        .await
        .unwrap();
    let sent = app::lifecycle::reminders::send_due(&app.state, now).await.unwrap();
    assert_eq!(sent, 1, "loading the demo counts its near reviews as reminded; only this one is due");
    assert_eq!(app::lifecycle::reminders::send_due(&app.state, now).await.unwrap(), 0, "once");
    let mail = app.deliver_mail().await;
    let to_coordinator: Vec<&str> = mail
        .iter()
        .filter(|m| m.recipients.contains(&"coordinator@demo.nabij.invalid".to_string()))
        .map(|m| m.data.as_str())
        .collect();
    assert!(to_coordinator.iter().any(|m| m.contains("/charter")), "{to_coordinator:?}");
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    assert!(
        inbox
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "review_due" && n["link"] == format!("/bin/{bin_id}/charter"))
    );

    // The zone drafts version 2; the network stays active while it is signed.
    let rules = "Nieuwe afspraken: meldingen via de app van de zone, daarna aan de coördinator.";
    // Two renewals at once: one draft, and the other is told.
    let renew = [("bin_id", bin.as_str()), ("step", "renew"), ("rules", rules)];
    let (a, b) = tokio::join!(
        app.router.clone().oneshot(app.request("/api/lifecycle/step", &renew)),
        app.router.clone().oneshot(app.request("/api/lifecycle/step", &renew)),
    );
    let mut statuses = [a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    assert_eq!(step(&mut app, &bin, &[("step", "renew"), ("rules", rules)]).await.1, "wrong_state", "one draft");
    assert_eq!(state_of(&app, bin_id).await, "active");
    for (email, password, party) in [
        (OFFICER, DEMO_PASSWORD, "officer"),
        (CHIEF, DEMO_PASSWORD, "zone_chief"),
        (TOWN, DEMO_PASSWORD, "municipality"),
        ("coordinator@demo.nabij.invalid", DEMO_PASSWORD, "coordinator"),
    ] {
        sign_in(&mut app, email, password).await;
        let (status, body) = step(&mut app, &bin, &[("step", "sign"), ("party", party)]).await;
        assert_eq!(status, StatusCode::OK, "{party}: {body}");
    }
    sign_in(&mut app, KC, DEMO_PASSWORD).await;
    assert_eq!(step(&mut app, &bin, &[("step", "register")]).await.0, StatusCode::OK);
    let file = app.get(&format!("/api/lifecycle/life?bin_id={bin}")).await.json();
    assert_eq!(file["state"], "active");
    assert_eq!(file["charters"][0]["version"], 2);
    assert_eq!(file["charters"][0]["rules"], rules);
    assert!(file["charters"][0]["next_review_at"].as_i64().unwrap() > now + 1000 * 86_400);
    assert_eq!(file["charters"][1]["version"], 1);
    let page = app.get(&format!("/bin/{bin}/charter")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Nieuwe afspraken"), "the printable charter shows the new version");
    // The new version is reminded in its own time, not now.
    assert_eq!(app::lifecycle::reminders::send_due(&app.state, now).await.unwrap(), 0);
}

async fn a_declined_request_waits_thirty_days(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, street, number, postcode) = demo_network(&app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    let form = join_form(&bin, &street, &number, &postcode);
    app.signed_up("opnieuw@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/membership/join", &form).await.json(), "Requested");
    let request: i64 = sqlx::query_scalar("SELECT id FROM memberships WHERE bin_id = $1 AND state = 'pending'")
        .bind(bin_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    let decline = [("bin_id", bin.as_str()), ("request_id", &request.to_string()), ("decision", "decline")];
    assert!(app.call("/api/membership/decide", &decline).await.status.is_success());
    sign_in(&mut app, "opnieuw@example.be", PASSWORD).await;
    let r = app.call("/api/membership/join", &form).await;
    assert_eq!((r.status, r.json()), (StatusCode::CONFLICT, serde_json::json!("request_too_soon")));
    let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE bin_id = $1 AND state = 'pending'")
        .bind(bin_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(pending, 0, "the coordinators are not asked again");
    // Thirty-one days later.
    sqlx::query("UPDATE memberships SET decided_at = decided_at - $1 WHERE id = $2")
        .bind(31 * 86_400_i64)
        .bind(request)
        .execute(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(app.call("/api/membership/join", &form).await.json(), "Requested");
}

async fn import_report(app: &mut TestApp, file_name: &str, bytes: &[u8]) -> serde_json::Value {
    let r = app.upload("/registry/import", "file", file_name, bytes).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.headers["location"].to_str().unwrap().to_string();
    let id = location.strip_prefix("/registry/import?report=").expect("the report's address");
    let report = app.get(&format!("/api/dashboard/registry_import_report?id={id}")).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    report.json()
}

async fn charter_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM charters").fetch_one(&app.state.pool).await.unwrap()
}

async fn the_knowledge_centre_imports_a_registry_line_by_line(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let file = b"bin_id,version,signed,next_review\n1,2,2025-01-01,2028-01-01\n";
    let r = app.upload("/registry/import", "file", "register.csv", file).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.headers["location"].to_str().unwrap().starts_with("/signin"), "a visitor signs in first");
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(app.upload("/registry/import", "file", "register.csv", file).await.status, StatusCode::FORBIDDEN);
    let before = charter_count(&app).await;
    assert_eq!(before, 1557);

    // The registry's own export goes back in as it is.
    sign_in(&mut app, KC, DEMO_PASSWORD).await;
    let export = app.get("/registry.csv").await;
    assert_eq!(export.status, StatusCode::OK);
    let report = import_report(&mut app, "export.csv", export.body.as_bytes()).await;
    assert_eq!(report["failure"], serde_json::Value::Null, "{report}");
    assert_eq!((report["lines"].as_u64(), report["imported"].as_u64()), (Some(1557), Some(0)));
    assert_eq!(report["rejected"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(report["unchanged"], 1557, "dates are compared by the day: {report}");
    let reminded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charters WHERE reminded_at IS NOT NULL")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let again = import_report(&mut app, "export.csv", export.body.as_bytes()).await;
    assert_eq!(again["unchanged"], 1557, "a second import of the same file changes nothing");
    let still: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charters WHERE reminded_at IS NOT NULL")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(reminded, still, "no reminder is sent again");
    assert_eq!(charter_count(&app).await, before);

    // Line by line: the good line is imported, the others are listed with their reasons.
    let mixed = format!(
        "bin_id;version;signed;registered;next_review\n\
         {bin_id};2;01/02/2025;15/02/2025;01/02/2028\n\
         999999;1;2024-01-01;;2027-01-01\n\
         {bin_id};3;2024-02-30;;2027-01-01\n\
         {bin_id};2;2025-02-01;;2028-02-01\n"
    );
    let report = import_report(&mut app, "gemengd.csv", mixed.as_bytes()).await;
    assert_eq!((report["lines"].as_u64(), report["imported"].as_u64()), (Some(4), Some(1)), "{report}");
    let issues: Vec<(u64, &str)> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["issue"].as_str().unwrap()))
        .collect();
    assert_eq!(issues, [(3, "unknown_network"), (4, "bad_date"), (5, "duplicate_line")]);
    let (registered, review): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT registered_at, next_review_at FROM charters WHERE bin_id = $1 AND version = 2")
            .bind(bin_id)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    assert!(registered.is_some() && review > registered);
    let registry = app.call("/api/dashboard/registry", &[("region", ""), ("zone", ""), ("status", "")]).await.json();
    let line = registry["lines"].as_array().unwrap().iter().find(|l| l["bin_id"] == bin_id).cloned();
    if let Some(line) = line {
        assert_eq!(line["version"], 2, "the registry shows the version in force");
    }

    // A network still in its procedure gets its charter there, not from a file.
    app.signed_up("nieuw-netwerk@example.be", PASSWORD).await;
    let form = proposal("BIN Importstraat", "9050", "Importstraat", PURPOSE);
    app.call("/api/lifecycle/propose", &form).await;
    let proposed: i64 = sqlx::query_scalar("SELECT id FROM bins WHERE name = 'BIN Importstraat'")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    sign_in(&mut app, KC, DEMO_PASSWORD).await;
    let line = format!("bin_id,version,signed,next_review\n{proposed},1,2025-01-01,2028-01-01\n");
    let report = import_report(&mut app, "nieuw.csv", line.as_bytes()).await;
    assert_eq!(report["rejected"][0]["issue"], "network_not_running", "{report}");

    // A file that is not a registry imports nothing, and the report says why.
    let count = charter_count(&app).await;
    let many = std::iter::once("bin_id,version,signed,next_review".to_string())
        .chain((0..10_001).map(|i| format!("{},9,2024-01-01,2027-01-01", 1 + i % 1500)))
        .collect::<Vec<_>>()
        .join("\n");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("kolommen.csv", b"id;versie\n1;1\n".to_vec(), "missing_columns"),
        ("excel.csv", b"bin_id;version;signed;next_review\n1;2;01/02/2025;01/02/2028;caf\xe9\n".to_vec(), "not_utf8"),
        ("groot.csv", many.into_bytes(), "too_many_lines"),
        ("leeg.csv", Vec::new(), "empty"),
    ];
    for (name, bytes, kind) in cases {
        let report = import_report(&mut app, name, &bytes).await;
        assert_eq!(report["failure"]["kind"], kind, "{name}: {report}");
        assert_eq!(report["imported"], 0);
    }
    assert_eq!(charter_count(&app).await, count, "nothing was imported");
    // "versie" is the registry spreadsheet's Dutch heading of `version`, so it is found.
    let missing = import_report(&mut app, "kolommen.csv", b"id;versie\n1;1\n").await;
    assert_eq!(missing["failure"]["columns"], serde_json::json!(["bin_id", "signed", "next_review"]));

    // Reports are for the knowledge centre.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/dashboard/registry_import_report?id=1").await.status, StatusCode::FORBIDDEN);
}

async fn each_role_sees_and_moves_a_proposal_only_as_the_design_says(engine: Engine) {
    let mut app = with_demo(engine).await;
    app.signed_up("voorsteller@example.be", PASSWORD).await;
    let form = proposal("BIN Rollenstraat", "9050", "Rollenstraat", PURPOSE);
    let r = app.call("/api/lifecycle/propose", &form).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let bin_id: i64 = sqlx::query_scalar("SELECT id FROM bins WHERE name = 'BIN Rollenstraat'")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let bin = bin_id.to_string();
    // An officer of another zone (Antwerp's), given the role as an administrator would.
    app.signed_up("agent-elders@example.be", PASSWORD).await;
    let other_zone = app.directory().geo.zone_of(11002).unwrap().id;
    assert_ne!(Some(other_zone), app.directory().geo.zone_of(44021).map(|z| z.id));
    sqlx::query(
        "INSERT INTO role_grants (user_id, role, zone_id, granted_at) \
         SELECT id, 'zone_officer', $1, 0 FROM users WHERE email = 'agent-elders@example.be'",
    )
    .bind(other_zone)
    .execute(&app.state.pool)
    .await
    .unwrap();
    let rules = ("rules", "Meldingen eerst aan de politie (101), daarna aan de coördinator.");
    let life = format!("/api/lifecycle/life?bin_id={bin}");
    // (who, password, may read the file, may accept the proposal)
    let roles: [(&str, &str, StatusCode, StatusCode); 8] = [
        ("", "", StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED),
        (MEMBER, DEMO_PASSWORD, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("coordinator@demo.nabij.invalid", DEMO_PASSWORD, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("agent-elders@example.be", PASSWORD, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("voorsteller@example.be", PASSWORD, StatusCode::OK, StatusCode::FORBIDDEN),
        (KC, DEMO_PASSWORD, StatusCode::OK, StatusCode::FORBIDDEN),
        (TOWN, DEMO_PASSWORD, StatusCode::OK, StatusCode::FORBIDDEN),
        (CHIEF, DEMO_PASSWORD, StatusCode::OK, StatusCode::OK),
    ];
    for (who, password, read, accept) in roles {
        if who.is_empty() {
            app.call("/api/auth/sign_out", &[]).await;
        } else {
            sign_in(&mut app, who, password).await;
        }
        assert_eq!(app.get(&life).await.status, read, "{who} reads");
        let initiatives = app.get("/api/lifecycle/initiatives").await;
        if read == StatusCode::OK {
            assert!(initiatives.json().as_array().unwrap().iter().any(|i| i["bin_id"] == bin_id), "{who} lists it");
        } else if who.is_empty() {
            assert_eq!(initiatives.status, StatusCode::UNAUTHORIZED);
        } else {
            assert!(!initiatives.json().as_array().unwrap().iter().any(|i| i["bin_id"] == bin_id), "{who} does not");
        }
        assert_eq!(step(&mut app, &bin, &[("step", "accept"), rules]).await.0, accept, "{who} accepts");
    }
    assert_eq!(state_of(&app, bin_id).await, "charter", "only the zone's chief moved it");
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bin_events WHERE bin_id = $1")
        .bind(bin_id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(events, 2, "a proposal and one acceptance; refusals record nothing");
}
