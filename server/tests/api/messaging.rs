//! Messaging through the real router, on both engines: a coordinator alerts their members, who
//! say they saw it (in the app, or from the e-mail's page); the sender sees the reception; updates
//! and the closing message reach the same people; the role matrix of sending and reading; bad
//! input stores nothing; the sending limit; the call list; and two workers that never deliver
//! one message twice.

use crate::helpers::{Engine, TestApp};
use crate::membership::{demo_network, join_form, sign_in};
use crate::{PASSWORD, with_demo};
use app::demo::DEMO_PASSWORD;
use http::StatusCode;

crate::on_both_engines!(
    a_coordinator_alerts_the_members_who_say_they_saw_it,
    updates_and_the_closing_message_reach_the_same_people,
    only_the_right_people_send_and_read_messages,
    bad_input_is_refused_and_nothing_is_stored,
    the_call_list_names_members_no_channel_reaches,
    two_workers_never_deliver_a_message_twice,
    an_open_alert_reminds_its_sender_and_the_zone_sees_it_left_open,
    members_choose_channels_quiet_hours_and_a_weekly_digest,
    a_reply_to_the_sms_says_seen_and_only_the_gateway_may_say_it,
    past_the_retention_period_a_message_keeps_only_counts,
    the_dashboards_show_how_alerts_are_received_and_reports_handled,
    the_knowledge_centre_runs_campaigns_for_belgium_a_region_or_a_province,
    members_find_a_message_useful_or_ask_the_sender_privately,
    a_missing_persons_alert_carries_one_photo_for_its_recipients_only,
    an_officer_keeps_the_zones_own_templates_and_uses_them,
    an_officer_sends_to_an_area_drawn_on_the_zones_map,
);

const COORDINATOR: &str = "coordinator@demo.nabij.invalid";
const OFFICER: &str = "officer@demo.nabij.invalid";

/// Signs `email` up, asks to join the demo coordinator's network and has the coordinator
/// approve; leaves the coordinator signed in. Returns the new member's user id.
pub(crate) async fn member(app: &mut TestApp, email: &str, phone: &str) -> i64 {
    let (bin_id, street, number, postcode) = demo_network(app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up(email, PASSWORD).await;
    let mut form = join_form(&bin, &street, &number, &postcode);
    form[4] = ("phone", phone);
    let r = app.call("/api/membership/join", &form).await;
    assert_eq!(r.json(), "Requested", "{}", r.body);
    let (request_id, user_id): (i64, i64) =
        sqlx::query_as("SELECT m.id, u.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1")
            .bind(email)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    sign_in(app, COORDINATOR, DEMO_PASSWORD).await;
    let request = request_id.to_string();
    let r = app
        .call("/api/membership/decide", &[("bin_id", &bin), ("request_id", &request), ("decision", "approve")])
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    user_id
}

/// Sends a message with `fields`; returns its id (from where the answer leads) or the error.
async fn send(app: &mut TestApp, fields: &[(&str, &str)]) -> Result<i64, (StatusCode, String)> {
    let r = app.call("/api/messaging/send", fields).await;
    match r.headers.get("location").and_then(|l| l.to_str().ok()) {
        Some(location) if r.status.is_success() || r.status.is_redirection() => {
            let id = location.trim_start_matches("/messages/").split('?').next().unwrap();
            Ok(id.parse().unwrap_or_else(|_| panic!("location {location}")))
        }
        _ => Err((r.status, r.json().as_str().unwrap_or_default().to_string())),
    }
}

fn alert_fields(bin: &str) -> Vec<(String, String)> {
    vec![
        ("kind".into(), "urgent".into()),
        ("category".into(), "suspicious".into()),
        ("title".into(), "Verdachte wagen in de Kerkstraat".into()),
        (
            "body".into(),
            "Een grijze bestelwagen rijdt traag rond. Meer: https://www.politie.be/5415 <b>niet vet</b>".into(),
        ),
        ("lang".into(), "nl".into()),
        ("scope".into(), "bins".into()),
        (format!("bins[{bin}]"), "on".into()),
    ]
}

fn borrowed(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(&app.state.pool).await.unwrap()
}

async fn deliver(app: &TestApp) -> usize {
    server::delivery::deliver_due(&app.state, &app.settings).await.unwrap()
}

async fn a_coordinator_alerts_the_members_who_say_they_saw_it(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let an = member(&mut app, "an@example.be", "0470 12 34 56").await;
    member(&mut app, "bart@example.be", "").await;
    let bin = bin_id.to_string();

    let compose = app.call("/api/messaging/compose", &[]).await.json();
    assert_eq!(compose["role"], "coordinator", "{compose}");
    assert_eq!(compose["bins"][0]["id"], bin_id);
    // The two new members and the demo member.
    assert_eq!(compose["bins"][0]["members"], 3);
    assert!(compose["templates"].as_array().unwrap().len() >= 10);

    let id = send(&mut app, &borrowed(&alert_fields(&bin))).await.unwrap();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM message_recipients WHERE message_id = $1", id).await, 3);
    // E-mail for both new members, SMS for the one who gave a phone number; the made-up demo
    // member gets neither.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM deliveries WHERE message_id = $1 AND channel = 'email'", id).await, 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM deliveries WHERE message_id = $1 AND channel = 'sms'", id).await, 1);

    assert_eq!(deliver(&app).await, 3);
    let mail = app.sink.messages();
    let alert_to = |to: &str| {
        let to = to.to_string();
        mail.iter().find(move |m| m.recipients.contains(&to) && m.data.contains("Verdachte wagen")).unwrap()
    };
    let to_an = alert_to("an@example.be");
    assert!(to_an.data.contains("[Dringend] Verdachte wagen"), "{}", to_an.data);
    assert!(to_an.data.contains("101") && to_an.data.contains("112"), "the standing advice: {}", to_an.data);
    assert!(to_an.data.contains("/seen/"), "{}", to_an.data);
    // The SMS went through the gateway's protocol, to the international number.
    let sms = app.sms.messages();
    assert_eq!(sms.len(), 1, "{sms:?}");
    assert_eq!(sms[0].recipients, vec!["32470123456".to_string()]);
    assert!(sms[0].body.starts_with("Verdachte wagen") && sms[0].body.contains("/seen/"), "{}", sms[0].body);
    assert!(sms[0].reference.starts_with('d') && sms[0].originator == "Nabij");
    // Delivered once: nothing is left to send.
    assert_eq!(deliver(&app).await, 0);

    // The member reads it in the app and says they saw it.
    sign_in(&mut app, "an@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/auth/me", &[]).await.json()["alerts"], 1);
    let received = app.call("/api/messaging/received", &[]).await.json();
    assert_eq!(received[0]["id"], id);
    let view = app.call("/api/messaging/view", &[("id", &id.to_string())]).await.json();
    assert_eq!((view["recipient"].clone(), view["seen"].clone()), (true.into(), false.into()));
    assert!(view["advice"].as_str().unwrap().contains("101"));
    assert!(view["reception"].is_null(), "a member does not see the reception");
    assert!(
        view["body"].as_array().unwrap().iter().any(|s| s["t"] == "link" && s["v"] == "https://www.politie.be/5415")
    );
    assert!(view["body"].as_array().unwrap().iter().all(|s| s["v"] != "<b>niet vet</b>" || s["t"] == "text"));
    let r = app.call("/api/messaging/seen", &[("id", &id.to_string())]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    assert_eq!(app.call("/api/auth/me", &[]).await.json()["alerts"], 0);
    let seen: Option<String> =
        sqlx::query_scalar("SELECT seen_via FROM message_recipients WHERE message_id = $1 AND user_id = $2")
            .bind(id)
            .bind(an)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    assert_eq!(seen.as_deref(), Some("app"));

    // The other member presses the button of the page the e-mail links to, signed out.
    app.call("/api/auth/sign_out", &[]).await;
    let to_bart = alert_to("bart@example.be");
    let start = to_bart.data.find("/seen/").unwrap() + "/seen/".len();
    let token = to_bart.data[start..start + 64].to_string();
    let page = app.get(&format!("/seen/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        count(&app, "SELECT COUNT(seen_at) FROM message_recipients WHERE message_id = $1", id).await,
        1,
        "opening the page is not seeing"
    );
    let r = app.call("/api/messaging/seen_token", &[("token", &token)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let r = app.call("/api/messaging/seen_token", &[("token", &"0".repeat(64))]).await;
    assert_eq!(r.json(), "link_invalid");

    // The coordinator sees how it was received.
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let view = app.call("/api/messaging/view", &[("id", &id.to_string())]).await.json();
    let reception = &view["reception"];
    assert_eq!(
        (
            reception["recipients"].clone(),
            reception["seen"].clone(),
            reception["email"].clone(),
            reception["sms"].clone()
        ),
        (3.into(), 2.into(), 2.into(), 1.into()),
        "{view}"
    );
    assert_eq!(view["can_manage"], true);
    let sent = app.call("/api/messaging/sent", &[]).await.json();
    assert_eq!((sent[0]["id"].clone(), sent[0]["seen_count"].clone()), (id.into(), 2.into()));
}

async fn updates_and_the_closing_message_reach_the_same_people(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    member(&mut app, "an@example.be", "").await;
    let id = send(&mut app, &borrowed(&alert_fields(&bin_id.to_string()))).await.unwrap();
    let message = id.to_string();
    deliver(&app).await;
    let r = app.call("/api/messaging/post", &[("id", &message), ("body", "De wagen is weggereden.")]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let r = app
        .call(
            "/api/messaging/post",
            &[("id", &message), ("body", "Opgelost: het was de nieuwe bakker. Dank u!"), ("close", "yes")],
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let again = app.call("/api/messaging/post", &[("id", &message), ("body", "Nog iets")]).await;
    assert_eq!((again.status, again.json()), (StatusCode::CONFLICT, serde_json::json!("wrong_state")));
    deliver(&app).await;
    let mail: Vec<String> = app
        .sink
        .messages()
        .into_iter()
        .filter(|m| m.recipients.contains(&"an@example.be".to_string()))
        .map(|m| m.data)
        .collect();
    assert!(mail.iter().any(|m| m.contains("Update: Verdachte wagen") && m.contains("weggereden")), "{mail:?}");
    assert!(mail.iter().any(|m| m.contains("Afgesloten: Verdachte wagen") && m.contains("nieuwe bakker")), "{mail:?}");

    sign_in(&mut app, "an@example.be", PASSWORD).await;
    let view = app.call("/api/messaging/view", &[("id", &message)]).await.json();
    assert_eq!(view["status"], "closed");
    assert_eq!(view["posts"].as_array().unwrap().len(), 2);
    assert_eq!(view["posts"][1]["closing"], true);
    // A member may read it but not change it.
    let r = app.call("/api/messaging/post", &[("id", &message), ("body", "Ik wil ook iets zeggen")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

async fn an_open_alert_reminds_its_sender_and_the_zone_sees_it_left_open(engine: Engine) {
    use app::messaging::reminders::send_due;
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let id = send(&mut app, &borrowed(&alert_fields(&bin_id.to_string()))).await.unwrap();
    let sent_at: i64 = count(&app, "SELECT created_at FROM messages WHERE id = $1", id).await;
    let reminders = |app: &TestApp| {
        let pool = app.state.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM inbox i JOIN users u ON u.id = i.user_id \
                 WHERE u.email = $1 AND i.notice LIKE '%alert_still_open%'",
            )
            .bind(COORDINATOR)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    // Not before four hours; then once; then again a day after the last reminder.
    assert_eq!(send_due(&app.state, sent_at + 3 * 3_600).await.unwrap(), 0);
    assert_eq!(send_due(&app.state, sent_at + 4 * 3_600).await.unwrap(), 1);
    assert_eq!(send_due(&app.state, sent_at + 5 * 3_600).await.unwrap(), 0);
    assert_eq!(reminders(&app).await, 1);
    assert_eq!(send_due(&app.state, sent_at + 28 * 3_600).await.unwrap(), 1);
    assert_eq!(reminders(&app).await, 2);
    let notice: String = sqlx::query_scalar(
        "SELECT i.notice FROM inbox i JOIN users u ON u.id = i.user_id WHERE u.email = $1 \
         AND i.notice LIKE '%alert_still_open%' ORDER BY i.id DESC",
    )
    .bind(COORDINATOR)
    .fetch_one(&app.state.pool)
    .await
    .unwrap();
    assert!(notice.contains("Melding nog open: Verdachte wagen") && notice.contains("28 uur"), "{notice}");
    assert!(notice.contains(&format!("/messages/{id}")), "{notice}");

    // The zone sees it once it is open for more than a day.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(app.call("/api/messaging/left_open", &[]).await.json(), serde_json::json!([]));
    sqlx::query("UPDATE messages SET created_at = created_at - 90000 WHERE id = $1")
        .bind(id)
        .execute(&app.state.pool)
        .await
        .unwrap();
    let open = app.call("/api/messaging/left_open", &[]).await.json();
    assert_eq!(open[0]["id"], id, "{open}");
    let page = app.get("/messages").await;
    assert!(page.body.contains("data-test-left-open=\"1\""), "the officer's page lists it");

    // Closed, it reminds nobody and is no longer left open.
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let message = id.to_string();
    let r = app.call("/api/messaging/post", &[("id", &message), ("body", "Voorbij. Dank u!"), ("close", "yes")]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    assert_eq!(send_due(&app.state, sent_at + 100 * 3_600).await.unwrap(), 0);
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(app.call("/api/messaging/left_open", &[]).await.json(), serde_json::json!([]));
    // Another resident sees no zone's alerts.
    sign_in(&mut app, "member@demo.nabij.invalid", DEMO_PASSWORD).await;
    assert_eq!(app.call("/api/messaging/left_open", &[]).await.json(), serde_json::json!([]));
}

async fn members_choose_channels_quiet_hours_and_a_weekly_digest(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let bin = bin_id.to_string();
    let an = member(&mut app, "an@example.be", "0470 12 34 56").await;
    let bart = member(&mut app, "bart@example.be", "").await;

    sign_in(&mut app, "an@example.be", PASSWORD).await;
    let defaults = app.call("/api/messaging/settings", &[]).await.json();
    assert_eq!(
        defaults,
        serde_json::json!({"urgent_email": true, "urgent_sms": true, "normal_email": true, "normal_sms": false,
            "quiet_from": null, "quiet_to": null, "digest": false, "has_phone": true})
    );
    for bad in [
        vec![("quiet_from", "22")],
        vec![("quiet_from", "x"), ("quiet_to", "7")],
        vec![("quiet_from", "8"), ("quiet_to", "8")],
    ] {
        let r = app.call("/api/messaging/save_settings", &bad).await;
        assert_eq!(r.json(), "invalid_input", "{bad:?}");
    }
    // Quiet now and for the coming hours (Belgian time); urgent alerts by e-mail only.
    let now = app::platform::now();
    let local = now + app::time::brussels_offset(now);
    let hour = local.rem_euclid(86_400) / 3_600;
    let (from, to) = (hour.to_string(), ((hour + 2) % 24).to_string());
    let r = app
        .call(
            "/api/messaging/save_settings",
            &[("urgent_email", "on"), ("normal_email", "on"), ("quiet_from", &from), ("quiet_to", &to)],
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let saved = app.call("/api/messaging/settings", &[]).await.json();
    assert_eq!((saved["urgent_sms"].as_bool(), saved["quiet_from"].as_i64()), (Some(false), Some(hour)));

    sign_in(&mut app, "bart@example.be", PASSWORD).await;
    let r = app
        .call("/api/messaging/save_settings", &[("urgent_email", "on"), ("normal_email", "on"), ("digest", "on")])
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);

    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let tip = [
        ("kind", "prevention"),
        ("title", "Sluit uw tuinhuis af"),
        ("body", "Fietsen verdwijnen uit tuinhuizen. Een goed slot helpt."),
        ("lang", "nl"),
        ("scope", "bins"),
        (&format!("bins[{bin}]") as &str, "on"),
    ];
    let tip_id = send(&mut app, &tip).await.unwrap();
    let pool = app.state.pool.clone();
    let delivery = |user: i64, message: i64, channel: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT next_attempt_at FROM deliveries WHERE user_id = $1 AND message_id = $2 AND channel = $3",
            )
            .bind(user)
            .bind(message)
            .bind(channel)
            .fetch_optional(&pool)
            .await
            .unwrap()
        }
    };
    // An's e-mail waits for the end of the quiet hour; Bart's comes in the digest only.
    let held = delivery(an, tip_id, "email").await.expect("a delivery for An");
    let end = now - local.rem_euclid(3_600) + 2 * 3_600;
    assert_eq!(held, end, "held until the quiet hours end, at the top of an hour");
    assert_eq!(delivery(bart, tip_id, "email").await, None);

    // Urgent alerts pass the quiet hours, on the channels chosen.
    let alert = send(&mut app, &borrowed(&alert_fields(&bin))).await.unwrap();
    assert!(delivery(an, alert, "email").await.expect("urgent e-mail") <= app::platform::now());
    assert_eq!(delivery(an, alert, "sms").await, None, "An chose no SMS");
    assert!(delivery(bart, alert, "email").await.is_some(), "the digest is for non-urgent messages only");

    // The digest goes after a week, once, and lists the week's non-urgent messages.
    use app::messaging::preferences::ssr::send_digests;
    assert_eq!(send_digests(&app.state, now + 86_400).await.unwrap(), 0);
    assert_eq!(send_digests(&app.state, now + 7 * 86_400 + 60).await.unwrap(), 1);
    assert_eq!(send_digests(&app.state, now + 8 * 86_400).await.unwrap(), 0);
    let mail = app.deliver_mail().await;
    let digest = mail
        .iter()
        .find(|m| {
            m.recipients.contains(&"bart@example.be".to_string()) && m.data.contains("Uw berichten van deze week")
        })
        .unwrap_or_else(|| panic!("no digest for Bart"));
    assert!(
        digest.data.contains("Sluit uw tuinhuis af") && digest.data.contains(&format!("/messages/{tip_id}")),
        "{}",
        digest.data
    );
    assert!(!digest.data.contains("Verdachte wagen"), "urgent alerts are not in the digest");
}

async fn a_reply_to_the_sms_says_seen_and_only_the_gateway_may_say_it(engine: Engine) {
    use crate::helpers::SMS_INBOUND_KEY;
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let an = member(&mut app, "an@example.be", "0470 12 34 56").await;
    let id = send(&mut app, &borrowed(&alert_fields(&bin_id.to_string()))).await.unwrap();
    deliver(&app).await;
    assert_eq!(app.sms.messages().len(), 1);
    let reply = |key: &str, from: &str| {
        let path = format!("/sms/inbound?key={key}");
        let form =
            [("originator", from.to_string()), ("body", "OK gezien".to_string()), ("recipient", "3240".to_string())];
        (path, form)
    };
    // Without the key, or with a wrong one, nothing happens.
    for key in ["", "wrong-key"] {
        let (path, form) = reply(key, "32470123456");
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = app.call(&path, &form).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{key}");
    }
    // An unknown number sees nothing.
    let (path, form) = reply(SMS_INBOUND_KEY, "32499999999");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&path, &form).await.json()["seen"], serde_json::Value::Null);
    let seen = |app: &TestApp| {
        let pool = app.state.pool.clone();
        async move {
            sqlx::query_as::<_, (Option<i64>, Option<String>)>(
                "SELECT seen_at, seen_via FROM message_recipients WHERE message_id = $1 AND user_id = $2",
            )
            .bind(id)
            .bind(an)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(seen(&app).await.0, None);
    // The member's reply, written as the gateway gives it.
    let (path, form) = reply(SMS_INBOUND_KEY, "+32470123456");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&path, &form).await.json()["seen"], id);
    let (at, via) = seen(&app).await;
    assert!(at.is_some());
    assert_eq!(via.as_deref(), Some("sms"));
    // A second reply finds nothing left to see.
    assert_eq!(app.call(&path, &form).await.json()["seen"], serde_json::Value::Null);
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let view = app.call("/api/messaging/view", &[("id", &id.to_string())]).await.json();
    assert_eq!(view["reception"]["seen"], 1, "{view}");
}

async fn past_the_retention_period_a_message_keeps_only_counts(engine: Engine) {
    use app::messaging::retention::reduce_old;
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    member(&mut app, "an@example.be", "0470 12 34 56").await;
    let id = send(&mut app, &borrowed(&alert_fields(&bin_id.to_string()))).await.unwrap();
    let message = id.to_string();
    deliver(&app).await;
    sign_in(&mut app, "an@example.be", PASSWORD).await;
    app.call("/api/messaging/seen", &[("id", &message)]).await;
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let before = app.call("/api/messaging/view", &[("id", &message)]).await.json()["reception"].clone();
    assert_eq!(
        (before["recipients"].as_i64(), before["seen"].as_i64(), before["sms"].as_i64()),
        (Some(2), Some(1), Some(1))
    );

    let sent_at = count(&app, "SELECT created_at FROM messages WHERE id = $1", id).await;
    assert_eq!(reduce_old(&app.state, sent_at + 364 * 86_400, 365).await.unwrap(), 0);
    assert_eq!(reduce_old(&app.state, sent_at + 366 * 86_400, 365).await.unwrap(), 1);
    assert_eq!(reduce_old(&app.state, sent_at + 367 * 86_400, 365).await.unwrap(), 0);
    // Nobody's address or name is left with it, only the counts.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM deliveries WHERE message_id = $1", id).await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM message_recipients WHERE message_id = $1", id).await, 0);
    let after = app.call("/api/messaging/view", &[("id", &message)]).await.json()["reception"].clone();
    assert_eq!(after, before);
    sign_in(&mut app, "an@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/messaging/view", &[("id", &message)]).await.json(), "not_found");
}

async fn the_dashboards_show_how_alerts_are_received_and_reports_handled(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    // Five recipients (four new members and the demo member), so that what they did may be shown.
    let people = ["an@example.be", "bert@example.be", "carla@example.be", "dirk@example.be"];
    for email in people {
        member(&mut app, email, "").await;
    }
    let id = send(&mut app, &borrowed(&alert_fields(&bin_id.to_string()))).await.unwrap();
    for email in &people[1..] {
        sign_in(&mut app, email, PASSWORD).await;
        app.call("/api/messaging/seen", &[("id", &id.to_string())]).await;
    }
    sign_in(&mut app, "an@example.be", PASSWORD).await;
    let r = app
        .call("/api/messaging/report", &[("what", "Een wagen zonder lichten"), ("place", "9000"), ("when", "")])
        .await;
    assert!(r.headers.contains_key("location"), "{}", r.body);

    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let figure = |dashboard: &serde_json::Value, id: &str| {
        dashboard["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id}"))
    };
    let cells = |figure: &serde_json::Value, row: usize| -> Vec<f64> {
        figure["rows"][row]["cells"].as_array().unwrap().iter().map(|c| c["value"].as_f64().unwrap()).collect()
    };
    let zone = app.call("/api/dashboard/mine", &[]).await.json()["Zones"][0].clone();
    // This month: one urgent alert and no other message; one report.
    let messages = figure(&zone, "messages");
    assert_eq!(cells(&messages, 11), [1.0, 0.0], "{messages}");
    assert_eq!(cells(&figure(&zone, "reports"), 11), [1.0]);
    // Five recipients, three saw it at once: 60 % within 15 minutes, and half of them saw it
    // within the first minute.
    assert_eq!(cells(&figure(&zone, "alerts-seen"), 0), [60.0, 60.0]);
    assert!(cells(&figure(&zone, "alerts-half-seen"), 0)[0] < 1.0);
    assert_eq!(figure(&zone, "alerts-half-seen")["rows"][0]["cells"][0]["kind"], "Decimal");
    let categories = figure(&zone, "alert-categories");
    assert!(categories["summary"].as_str().unwrap().contains("Verdachte situatie"), "{categories}");
    assert_eq!(cells(&figure(&zone, "alerts-closing"), 3), [1.0], "open, less than a day");
    let csv = app.get(&format!("/dashboard/figures/{}/alerts-seen.csv", zone["zone_id"])).await;
    let (_, rows) = crate::helpers::open_spreadsheet(&csv.body, b';');
    assert_eq!(rows[0][1..], ["60,0", "60,0"], "{}", csv.body);

    // The knowledge centre sees the same for Belgium.
    sign_in(&mut app, "admin@demo.nabij.invalid", DEMO_PASSWORD).await;
    let national = app.call("/api/dashboard/mine", &[]).await.json()["National"].clone();
    assert_eq!(cells(&figure(&national, "messages"), 11), [1.0, 0.0]);
    assert_eq!(cells(&figure(&national, "reports"), 11), [1.0]);
}

async fn the_knowledge_centre_runs_campaigns_for_belgium_a_region_or_a_province(engine: Engine) {
    let mut app = with_demo(engine).await;
    let an = member(&mut app, "an@example.be", "").await;
    let campaign = |area: &'static str, kind: &'static str| {
        vec![
            ("kind", kind),
            ("title", "Phishing met valse pakjes"),
            ("body", "Klik niet op links in sms'en over pakjes. Meer: https://safeonweb.be"),
            ("lang", "nl"),
            ("scope", "national"),
            ("area", area),
            ("bin_kind", "all"),
        ]
    };
    // Only the knowledge centre sends national campaigns.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(send(&mut app, &campaign("all", "prevention")).await.unwrap_err().0, StatusCode::FORBIDDEN);

    sign_in(&mut app, "admin@demo.nabij.invalid", DEMO_PASSWORD).await;
    let compose = app.call("/api/messaging/compose", &[]).await.json();
    assert_eq!(compose["role"], "kc");
    let areas: Vec<&str> = compose["areas"].as_array().unwrap().iter().filter_map(|a| a[0].as_str()).collect();
    assert!(
        areas.contains(&"all") && areas.contains(&"region:wallonia") && areas.contains(&"province:40000"),
        "{areas:?}"
    );
    for (area, kind) in
        [("all", "urgent"), ("region:mars", "prevention"), ("province:12345", "prevention"), ("x", "prevention")]
    {
        assert_eq!(send(&mut app, &campaign(area, kind)).await.unwrap_err().1, "invalid_input", "{area} {kind}");
    }
    let reached = |app: &TestApp, message: i64| {
        let pool = app.state.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM message_recipients WHERE message_id = $1 AND user_id = $2",
            )
            .bind(message)
            .bind(an)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    // An lives in Gent: East Flanders, in Flanders.
    let flanders = send(&mut app, &campaign("region:flanders", "prevention")).await.unwrap();
    let east_flanders = send(&mut app, &campaign("province:40000", "newsletter")).await.unwrap();
    assert_eq!((reached(&app, flanders).await, reached(&app, east_flanders).await), (1, 1));
    // The demo's only members live in Gent: a campaign to Wallonia reaches nobody, and is not kept.
    let messages = count(&app, "SELECT COUNT(*) FROM messages WHERE id > $1", 0).await;
    assert_eq!(send(&mut app, &campaign("region:wallonia", "prevention")).await.unwrap_err().1, "no_recipients");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM messages WHERE id > $1", 0).await, messages);
    let networks = |id: i64| count(&app, "SELECT COUNT(*) FROM message_bins WHERE message_id = $1", id);
    let (in_flanders, in_east_flanders) = (networks(flanders).await, networks(east_flanders).await);
    assert!(
        in_flanders > 1_000 && in_east_flanders > 100 && in_east_flanders < in_flanders,
        "{in_flanders} {in_east_flanders}"
    );
    let view = app.call("/api/messaging/view", &[("id", &flanders.to_string())]).await.json();
    assert_eq!(view["reception"]["recipients"], 2, "An and the demo member: {}", view["reception"]);
    assert_eq!(view["from"], "Kenniscentrum BIN");
    assert_eq!(view["bins"], serde_json::json!([format!("{in_flanders} netwerken")]));
}

async fn members_find_a_message_useful_or_ask_the_sender_privately(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    member(&mut app, "an@example.be", "").await;
    member(&mut app, "bart@example.be", "").await;
    let bin = bin_id.to_string();
    let tip = [
        ("kind", "invitation"),
        ("title", "Infoavond over inbraakpreventie"),
        ("body", "Dinsdag om 19.30 uur in het buurthuis."),
        ("lang", "nl"),
        ("scope", "bins"),
        (&format!("bins[{bin}]") as &str, "on"),
    ];
    let tip_id = send(&mut app, &tip).await.unwrap();
    let alert_id = send(&mut app, &borrowed(&alert_fields(&bin))).await.unwrap();
    let (tip, alert) = (tip_id.to_string(), alert_id.to_string());

    sign_in(&mut app, "an@example.be", PASSWORD).await;
    for _ in 0..2 {
        let r = app.call("/api/messaging/react", &[("id", &tip), ("reaction", "useful")]).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    }
    assert_eq!(app.call("/api/messaging/view", &[("id", &tip)]).await.json()["found_useful"], true);
    let r = app.call("/api/messaging/react", &[("id", &tip), ("reaction", "question"), ("question", "  ")]).await;
    assert_eq!(r.json(), "invalid_text");
    let question = "Mag ik mijn buurvrouw meebrengen? Ze is nog geen lid.";
    let r = app.call("/api/messaging/react", &[("id", &tip), ("reaction", "question"), ("question", question)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    for (fields, code) in [
        (vec![("id", alert.as_str()), ("reaction", "useful")], "invalid_input"),
        (vec![("id", tip.as_str()), ("reaction", "like")], "invalid_input"),
    ] {
        assert_eq!(app.call("/api/messaging/react", &fields).await.json(), code, "{fields:?}");
    }
    for _ in 0..2 {
        app.call("/api/messaging/react", &[("id", &tip), ("reaction", "question"), ("question", "Nog een vraag?")])
            .await;
    }
    let r =
        app.call("/api/messaging/react", &[("id", &tip), ("reaction", "question"), ("question", "En nog een?")]).await;
    assert_eq!((r.status, r.json()), (StatusCode::TOO_MANY_REQUESTS, serde_json::json!("send_limit")));

    // The question reaches the sender alone, with An's name; Bart sees nothing of it.
    let inbox_of = |email: &'static str| {
        let pool = app.state.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT i.notice FROM inbox i JOIN users u ON u.id = i.user_id WHERE u.email = $1",
            )
            .bind(email)
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    let coordinator = inbox_of(COORDINATOR).await;
    let asked =
        coordinator.iter().find(|n| n.contains("message_question")).unwrap_or_else(|| panic!("{coordinator:?}"));
    assert!(asked.contains(question) && asked.contains("Test Persoon"), "{asked}");
    assert!(inbox_of("bart@example.be").await.iter().all(|n| !n.contains("message_question")));

    // Someone who did not receive it cannot react.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    assert_eq!(app.call("/api/messaging/react", &[("id", &tip), ("reaction", "useful")]).await.json(), "not_found");
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let view = app.call("/api/messaging/view", &[("id", &tip)]).await.json();
    assert_eq!(view["reactions"], serde_json::json!([1, 3]), "one useful, three questions");
}

async fn a_missing_persons_alert_carries_one_photo_for_its_recipients_only(engine: Engine) {
    use crate::reports::{contains, photo_with_location};
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    member(&mut app, "an@example.be", "").await;
    let bin = bin_id.to_string();
    let missing = [
        ("kind", "urgent"),
        ("category", "missing_person"),
        ("title", "Vermist: Maria, 82 jaar"),
        ("body", "Grijze jas, blauwe sjaal, wandelt met een stok. Gezien? Bel 101."),
        ("lang", "nl"),
        ("scope", "bins"),
        (&format!("bins[{bin}]") as &str, "on"),
    ];
    let id = send(&mut app, &missing).await.unwrap();
    let other = send(&mut app, &borrowed(&alert_fields(&bin))).await.unwrap();
    let photo = photo_with_location();
    let r = app.upload(&format!("/messages/{other}/photo"), "photo", "a.jpg", &photo).await;
    assert_eq!(
        r.headers["location"],
        format!("/messages/{other}?photo_error=wrong_state"),
        "only a missing person's alert"
    );
    let r = app.upload(&format!("/messages/{id}/photo"), "photo", "notes.txt", b"no picture").await;
    assert_eq!(r.headers["location"], format!("/messages/{id}?photo_error=photo_not_image"));
    let r = app.upload(&format!("/messages/{id}/photo"), "photo", "maria.jpg", &photo).await;
    assert_eq!(r.headers["location"], format!("/messages/{id}?photo=1"));
    let view = app.call("/api/messaging/view", &[("id", &id.to_string())]).await.json();
    assert_eq!((view["has_photo"].as_bool(), view["may_add_photo"].as_bool()), (Some(true), Some(true)));

    // A recipient sees it, without the metadata; a member cannot add one.
    sign_in(&mut app, "an@example.be", PASSWORD).await;
    let r = app.get(&format!("/messages/{id}/photo.jpg")).await;
    assert_eq!((r.status, r.headers["content-type"].to_str().unwrap()), (StatusCode::OK, "image/jpeg"));
    assert!(!contains(&r.bytes, b"SECRET-LOCATION") && !contains(&r.bytes, b"Exif"));
    let r = app.upload(&format!("/messages/{id}/photo"), "photo", "b.jpg", &photo).await;
    assert_eq!(r.headers["location"], format!("/messages/{id}?photo_error=forbidden"));
    assert_eq!(app.call("/api/messaging/view", &[("id", &id.to_string())]).await.json()["may_add_photo"], false);
    // Someone the alert did not reach does not see it.
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up("vreemde@example.be", PASSWORD).await;
    assert_eq!(app.get(&format!("/messages/{id}/photo.jpg")).await.status, StatusCode::NOT_FOUND);

    // The e-mail links to the photo through the recipient's own "seen" link, which the page an
    // SMS links to shows too; no sign-in needed, nothing for a made-up or another alert's link.
    app.call("/api/auth/sign_out", &[]).await;
    deliver(&app).await;
    let mail = app.sink.messages();
    let token_in = |subject: &str| {
        let m = mail.iter().find(|m| m.recipients.contains(&"an@example.be".to_string()) && m.data.contains(subject));
        let data = &m.expect("the alert's e-mail").data;
        let start = data.find("/seen/").unwrap() + "/seen/".len();
        (data[start..start + 64].to_string(), data.contains("/photo.jpg"))
    };
    let (token, linked) = token_in("Vermist: Maria");
    assert!(linked, "the missing person's e-mail links to the photo");
    let r = app.get(&format!("/seen/{token}/photo.jpg")).await;
    assert_eq!((r.status, r.headers["content-type"].to_str().unwrap()), (StatusCode::OK, "image/jpeg"));
    assert!(!contains(&r.bytes, b"SECRET-LOCATION") && !contains(&r.bytes, b"Exif"));
    assert_eq!(app.get(&format!("/api/messaging/seen_photo?token={token}")).await.json(), true);
    let (other_token, linked) = token_in("Verdachte wagen");
    assert!(!linked, "an alert without a photo links to none");
    assert_eq!(app.get(&format!("/api/messaging/seen_photo?token={other_token}")).await.json(), false);
    assert_eq!(app.get(&format!("/seen/{other_token}/photo.jpg")).await.status, StatusCode::NOT_FOUND);
    let made_up = "ab".repeat(32);
    assert_eq!(app.get(&format!("/seen/{made_up}/photo.jpg")).await.status.as_u16() / 100, 4);
    assert_eq!(app.get("/seen/..%2F..%2Fetc/photo.jpg").await.status.as_u16() / 100, 4);
}

async fn an_officer_keeps_the_zones_own_templates_and_uses_them(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let bin = bin_id.to_string();
    let tip = |title: &'static str, extra: Vec<(&'static str, &'static str)>| {
        let mut fields: Vec<(String, String)> = vec![
            ("kind".into(), "prevention".into()),
            ("title".into(), title.into()),
            ("body".into(), "Graveer uw fiets gratis bij de politie, elke eerste woensdag van de maand.".into()),
            ("lang".into(), "nl".into()),
            ("scope".into(), "bins".into()),
            (format!("bins[{bin}]"), "on".into()),
        ];
        fields.extend(extra.into_iter().map(|(k, v)| (k.to_string(), v.to_string())));
        fields
    };
    // A coordinator has no zone to keep templates for.
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let r = send(&mut app, &borrowed(&tip("Fietsen graveren", vec![("save_template", "on")]))).await;
    assert_eq!(r.unwrap_err().1, "invalid_input");

    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    send(&mut app, &borrowed(&tip("Fietsen graveren", vec![("save_template", "on")]))).await.unwrap();
    let compose = app.call("/api/messaging/compose", &[]).await.json();
    let own = compose["zone_templates"].as_array().unwrap().clone();
    assert_eq!(own.len(), 1, "{compose}");
    let template_id = own[0][0].as_i64().unwrap();
    let key = format!("zone:{template_id}");
    assert!(compose["templates"].as_array().unwrap().iter().any(|t| t["key"] == key.as_str()));

    // Sent again from the template, with a note; the text is the template's, in its language.
    let target = format!("bins[{bin}]");
    let fields = vec![
        ("kind", "prevention"),
        ("template", key.as_str()),
        ("body", "Deze maand op woensdag 7."),
        ("lang", "fr"),
        ("scope", "bins"),
        (target.as_str(), "on"),
    ];
    let again = send(&mut app, &fields).await.unwrap();
    let view = app.call("/api/messaging/view", &[("id", &again.to_string())]).await.json();
    assert_eq!((view["title"].as_str(), view["lang"].as_str()), (Some("Fietsen graveren"), Some("nl")));
    let text: String = view["body"].as_array().unwrap().iter().filter_map(|s| s["v"].as_str()).collect();
    assert!(text.starts_with("Graveer uw fiets") && text.ends_with("Deze maand op woensdag 7."), "{text}");
    // Of another kind, it does not fit.
    let mut urgent = fields.clone();
    urgent[0] = ("kind", "urgent");
    urgent.push(("category", "burglary"));
    assert_eq!(send(&mut app, &urgent).await.unwrap_err().1, "invalid_input");

    // Another zone's officer may neither use nor delete it.
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up("ander@example.be", PASSWORD).await;
    sqlx::query("INSERT INTO role_grants (user_id, role, zone_id, granted_at) SELECT id, 'zone_officer', 5340, 0 FROM users WHERE email = 'ander@example.be'")
        .execute(&app.state.pool)
        .await
        .unwrap();
    sign_in(&mut app, "ander@example.be", PASSWORD).await;
    let id = template_id.to_string();
    let r = app.call("/api/messaging/delete_template", &[("id", &id), ("confirm", "yes")]).await;
    assert_eq!(r.json(), "not_found");

    // Deleting asks for a confirmation.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let r = app.call("/api/messaging/delete_template", &[("id", &id)]).await;
    assert_eq!(r.json(), "confirmation_mismatch");
    let r = app.call("/api/messaging/delete_template", &[("id", &id), ("confirm", "yes")]).await;
    assert!(r.status.is_success(), "{}", r.body);
    assert_eq!(app.call("/api/messaging/compose", &[]).await.json()["zone_templates"], serde_json::json!([]));
    assert_eq!(send(&mut app, &fields).await.unwrap_err().1, "not_found");
}

/// A new account with one role, signed in.
/// The networks a message was recorded for.
async fn message_bins(app: &TestApp, id: i64) -> Vec<i64> {
    sqlx::query_scalar("SELECT bin_id FROM message_bins WHERE message_id = $1 ORDER BY bin_id")
        .bind(id)
        .fetch_all(&app.state.pool)
        .await
        .unwrap()
}

async fn an_officer_sends_to_an_area_drawn_on_the_zones_map(engine: Engine) {
    use app::messaging::area::Area;
    use app::messaging::types::ComposeInfo;
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    member(&mut app, "an@example.be", "").await;
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let info: ComposeInfo = serde_json::from_value(app.call("/api/messaging/compose", &[]).await.json()).unwrap();
    let map = info.zone_map.expect("an officer gets the zone's map");
    let own = info.bins.iter().find(|b| b.id == bin_id).expect("the demo network is in the zone").clone();
    let (vx, vy, vw, vh) = map.view_box;
    for b in &info.bins {
        assert!((vx..vx + vw).contains(&b.x) && (vy..vy + vh).contains(&b.y), "{} lies in the map's view", b.name);
    }
    // What the compose page previews is what the server records.
    let expect = |area: &Area| -> Vec<i64> {
        let mut ids: Vec<i64> = info.bins.iter().filter(|b| b.in_area(area)).map(|b| b.id).collect();
        ids.sort_unstable();
        ids
    };
    let fields = |scope: &str, extra: &[(&str, &str)]| -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> =
            alert_fields("0").into_iter().filter(|(k, _)| !k.starts_with("bins")).collect();
        f.retain(|(k, _)| k != "scope");
        f.push(("scope".into(), scope.into()));
        f.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    // The page's script asks the server what an area reaches (`area_reach`): the area as the
    // server reads it, and the networks, by the rule of sending.
    let circle = Area::Circle { x: own.x, y: own.y, r: 1 };
    let id = send(&mut app, &borrowed(&fields("area", &[("shape", &circle.code())]))).await.unwrap();
    let reached = message_bins(&app, id).await;
    assert!(reached.contains(&bin_id), "{reached:?}");
    assert_eq!(reached, expect(&circle));
    // The page's script asks the server what an area reaches (`area_reach`): the area as the
    // server reads it, and the networks, by the rule of sending.
    let code = circle.code();
    assert_eq!(preview(&mut app, &[("shape", &code)]).await, Ok((code.clone(), reached.clone())));
    let only_z = preview(&mut app, &[("shape", &code), ("bin_kind", "bin_z")]).await.unwrap();
    let z: Vec<i64> = info.bins.iter().filter(|b| b.kind == "bin_z" && reached.contains(&b.id)).map(|b| b.id).collect();
    assert_eq!(only_z.1, z, "the preview counts only the kind of network chosen");
    assert_eq!(preview(&mut app, &[]).await, Ok((String::new(), vec![])), "nothing drawn, nothing reached");
    let far = info.bins.iter().max_by_key(|b| (b.x - own.x).pow(2) + (b.y - own.y).pow(2)).unwrap();
    if !circle.touches(f64::from(far.x), f64::from(far.y), f64::from(far.reach) / 100.0) {
        assert!(!reached.contains(&far.id), "a network far away is left out");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM message_recipients WHERE message_id = $1", id).await, 2);

    let triangle = Area::Polygon(vec![(own.x - 5, own.y - 5), (own.x + 5, own.y - 5), (own.x, own.y + 5)]);
    let id = send(&mut app, &borrowed(&fields("area", &[("shape", &triangle.code())]))).await.unwrap();
    assert_eq!(message_bins(&app, id).await, expect(&triangle));

    // From the keyboard (or without JavaScript): a distance around one of the zone's networks.
    let own_id = bin_id.to_string();
    let id = send(&mut app, &borrowed(&fields("area", &[("around", &own_id), ("reach", "500")]))).await.unwrap();
    let around = Area::Circle { x: own.x, y: own.y, r: 5 };
    assert_eq!(message_bins(&app, id).await, expect(&around));
    let asked = preview(&mut app, &[("around", &own_id), ("reach", "500")]).await;
    assert_eq!(asked, Ok((around.code(), expect(&around))), "the script draws the circle the server reads");

    // An area beside the zone, nothing drawn, or a shape that is not one: refused, nothing stored.
    let before = count(&app, "SELECT COUNT(*) FROM messages WHERE sender_id > $1", 0).await;
    let corner = Area::Circle { x: vx.max(0), y: vy.max(0), r: 1 };
    assert_eq!(expect(&corner), Vec::<i64>::new(), "the map's corner lies beside every network");
    let outside = corner.code();
    for (extra, code) in [
        (vec![("shape", outside.as_str())], "area_reaches_nothing"),
        (vec![], "area_reaches_nothing"),
        (vec![("shape", "circle:1,1,0")], "invalid_input"),
        (vec![("shape", "polygon:1,1;2,2")], "invalid_input"),
        (vec![("shape", "<svg onload=alert(1)>")], "invalid_input"),
    ] {
        assert_eq!(send(&mut app, &borrowed(&fields("area", &extra))).await.unwrap_err().1, code, "{extra:?}");
        let asked = preview(&mut app, &extra).await;
        match code {
            "area_reaches_nothing" => assert_eq!(asked.map(|(_, reached)| reached), Ok(vec![]), "{extra:?}"),
            _ => assert_eq!(asked, Err(code.to_string()), "{extra:?}"),
        }
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM messages WHERE sender_id > $1", 0).await, before);

    // A coordinator draws no areas; an officer of another zone reaches none of this zone's networks.
    let shape = circle.code();
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    assert_eq!(send(&mut app, &borrowed(&fields("area", &[("shape", &shape)]))).await.unwrap_err().1, "forbidden");
    assert_eq!(preview(&mut app, &[("shape", &shape)]).await, Err("forbidden".to_string()));
    assert_eq!(preview(&mut app, &[]).await, Err("forbidden".to_string()), "a coordinator asks nothing");
    let zone: i64 = count(&app, "SELECT zone_id FROM bins WHERE id = $1", bin_id).await;
    let other_zone: i64 = count(&app, "SELECT MIN(zone_id) FROM bins WHERE zone_id <> $1", zone).await;
    with_role(&mut app, "andere-zone@example.be", "zone_officer", Some(other_zone), None).await;
    let asked = preview(&mut app, &[("around", &own_id), ("reach", "500")]).await;
    assert_eq!(asked, Err("not_found".to_string()), "another zone's network is not one to draw around");
    match send(&mut app, &borrowed(&fields("area", &[("shape", &shape)]))).await {
        Ok(id) => assert!(!message_bins(&app, id).await.contains(&bin_id)),
        Err((_, code)) => assert!(matches!(code.as_str(), "area_reaches_nothing" | "no_recipients"), "{code}"),
    }
}

/// What the compose page's script asks: the area `area_reach` reads from `form` and the networks
/// it reaches (sorted), or the error's code.
async fn preview(app: &mut TestApp, form: &[(&str, &str)]) -> Result<(String, Vec<i64>), String> {
    let r = app.call("/api/messaging/area_reach", form).await;
    if !r.status.is_success() {
        return Err(r.json().as_str().unwrap_or_default().to_string());
    }
    let answer: app::messaging::types::AreaReach = serde_json::from_value(r.json()).unwrap();
    let mut reached = answer.reached;
    reached.sort_unstable();
    Ok((answer.shape, reached))
}

async fn with_role(app: &mut TestApp, email: &str, role: &str, zone: Option<i64>, bin: Option<i64>) {
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up(email, PASSWORD).await;
    let user: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO role_grants (user_id, role, zone_id, bin_id, granted_at) VALUES ($1, $2, $3, $4, 0)")
        .bind(user)
        .bind(role)
        .bind(zone)
        .bind(bin)
        .execute(&app.state.pool)
        .await
        .unwrap();
}

async fn only_the_right_people_send_and_read_messages(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    member(&mut app, "an@example.be", "").await;
    let bin = bin_id.to_string();
    let zone: i64 = count(&app, "SELECT zone_id FROM bins WHERE id = $1", bin_id).await;
    let other_zone_bin: i64 =
        sqlx::query_scalar("SELECT id FROM bins WHERE zone_id <> $1 AND state = 'active' ORDER BY id LIMIT 1")
            .bind(zone)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    let other_zone = count(&app, "SELECT zone_id FROM bins WHERE id = $1", other_zone_bin).await;
    let same_zone_bin: i64 = sqlx::query_scalar(
        "SELECT id FROM bins WHERE zone_id = $1 AND id <> $2 AND state = 'active' ORDER BY id LIMIT 1",
    )
    .bind(zone)
    .bind(bin_id)
    .fetch_one(&app.state.pool)
    .await
    .unwrap();
    let alert = alert_fields(&bin);

    // A visitor can neither send nor read.
    app.call("/api/auth/sign_out", &[]).await;
    assert_eq!(send(&mut app, &borrowed(&alert)).await.unwrap_err().0, StatusCode::UNAUTHORIZED);
    // A member, the knowledge centre and another network's coordinator may not write to it.
    sign_in(&mut app, "an@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/messaging/compose", &[]).await.json(), "forbidden");
    assert_eq!(send(&mut app, &borrowed(&alert)).await.unwrap_err().1, "forbidden");
    sign_in(&mut app, "admin@demo.nabij.invalid", DEMO_PASSWORD).await;
    assert_eq!(send(&mut app, &borrowed(&alert)).await.unwrap_err().1, "forbidden");
    with_role(&mut app, "andere-coordinator@example.be", "coordinator", None, Some(same_zone_bin)).await;
    assert_eq!(send(&mut app, &borrowed(&alert)).await.unwrap_err().1, "forbidden");
    // An officer of another zone neither; an unknown network is not found.
    with_role(&mut app, "andere-zone@example.be", "zone_officer", Some(other_zone), None).await;
    assert_eq!(send(&mut app, &borrowed(&alert)).await.unwrap_err().1, "forbidden");
    assert_eq!(send(&mut app, &borrowed(&alert_fields("999999"))).await.unwrap_err().1, "not_found");

    // The zone's officer may, to one network or to the whole zone of one kind; not mixing zones.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let compose = app.call("/api/messaging/compose", &[]).await.json();
    assert_eq!((compose["role"].clone(), compose["zone_id"].clone()), ("officer".into(), zone.into()));
    let mut mixed = alert.clone();
    mixed.push((format!("bins[{other_zone_bin}]"), "on".into()));
    assert_eq!(send(&mut app, &borrowed(&mixed)).await.unwrap_err().1, "forbidden");
    let id = send(&mut app, &borrowed(&alert)).await.unwrap();
    let mut zone_wide: Vec<(String, String)> = alert.iter().filter(|(k, _)| !k.starts_with("bins")).cloned().collect();
    zone_wide.retain(|(k, _)| k != "scope");
    zone_wide.push(("scope".into(), "zone".into()));
    zone_wide.push(("bin_kind".into(), "bin".into()));
    zone_wide[0].1 = "prevention".into();
    zone_wide.retain(|(k, _)| k != "category");
    let wide = send(&mut app, &borrowed(&zone_wide)).await.unwrap();
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT b.kind FROM message_bins mb JOIN bins b ON b.id = mb.bin_id WHERE mb.message_id = $1",
    )
    .bind(wide)
    .fetch_all(&app.state.pool)
    .await
    .unwrap();
    assert_eq!(kinds, ["bin"]);
    assert!(count(&app, "SELECT COUNT(*) FROM message_bins WHERE message_id = $1", wide).await > 1);

    // Who reads the officer's alert: the member and the zone; not another zone, not a stranger.
    let message = id.to_string();
    let view = app.call("/api/messaging/view", &[("id", &message)]).await.json();
    assert_eq!(view["reception"]["recipients"], 2, "the member and the demo member: {view}");
    sign_in(&mut app, "an@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/messaging/view", &[("id", &message)]).await.json()["recipient"], true);
    for who in ["andere-zone@example.be", "andere-coordinator@example.be"] {
        sign_in(&mut app, who, PASSWORD).await;
        let r = app.call("/api/messaging/view", &[("id", &message)]).await;
        assert_eq!((r.status, r.json()), (StatusCode::NOT_FOUND, serde_json::json!("not_found")), "{who}");
        assert_eq!(app.call("/api/messaging/seen", &[("id", &message)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.call("/api/messaging/call_list", &[("id", &message)]).await.status, StatusCode::NOT_FOUND);
    }
    app.call("/api/auth/sign_out", &[]).await;
    assert_eq!(app.call("/api/messaging/view", &[("id", &message)]).await.status, StatusCode::UNAUTHORIZED);
}

async fn bad_input_is_refused_and_nothing_is_stored(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    member(&mut app, "an@example.be", "").await;
    let bin = bin_id.to_string();
    let with = |changes: &[(&str, &str)]| {
        let mut fields = alert_fields(&bin);
        for (key, value) in changes {
            fields.retain(|(k, _)| k != key);
            if !value.is_empty() || *key == "title" || *key == "body" {
                fields.push((key.to_string(), value.to_string()));
            }
        }
        fields
    };
    let long_title = "t".repeat(121);
    let long_body = "b".repeat(2_001);
    let cases: Vec<(Vec<(String, String)>, &str)> = vec![
        (with(&[("title", "   ")]), "invalid_text"),
        (with(&[("title", &long_title)]), "invalid_text"),
        (with(&[("body", &long_body)]), "invalid_text"),
        (with(&[("body", "")]), "invalid_text"),
        (with(&[("title", "Titel\u{0}")]), "invalid_text"),
        (with(&[("kind", "gossip")]), "invalid_input"),
        (with(&[("category", "")]), "invalid_input"),
        (with(&[("category", "aliens")]), "invalid_input"),
        (with(&[("template", "newsletter")]), "invalid_input"),
        (with(&[("template", "no_such_template")]), "invalid_input"),
        (with(&[("template", "suspicious_person")]), "invalid_text"),
        (with(&[("scope", "everyone")]), "invalid_input"),
        (with(&[("bin_kind", "castle")]), "invalid_input"),
        (with(&[(&format!("bins[{bin}]"), "")]), "no_recipients"),
        (with(&[(&format!("bins[{bin}]"), ""), ("bins[abc]", "on")]), "invalid_input"),
    ];
    for (fields, code) in &cases {
        let (status, error) = send(&mut app, &borrowed(fields)).await.unwrap_err();
        assert_eq!(error, *code, "{fields:?}");
        assert_eq!(status, StatusCode::BAD_REQUEST, "{fields:?}");
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(stored, 0, "nothing is stored");

    // A template with its blanks filled: the member reads it in their own language, the
    // sender's words as written.
    let template = app::messaging::templates::template("suspicious_person").unwrap();
    let values: std::collections::BTreeMap<_, _> =
        template.blanks.iter().map(|b| (*b, format!("waarde voor {}", b.code()))).collect();
    let mut templated = with(&[("template", "suspicious_person"), ("body", ""), ("title", "")]);
    for (blank, value) in &values {
        templated.push((format!("blank[{}]", blank.code()), value.clone()));
    }
    let id = send(&mut app, &borrowed(&templated)).await.unwrap();
    sign_in(&mut app, "an@example.be", PASSWORD).await;
    let page = app.get(&format!("/messages/{id}?lang=fr")).await;
    let (title_fr, _) = template.fill(app::i18n::Lang::Fr, &values);
    let escaped = title_fr.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    assert!(page.body.contains(&escaped), "the template's French title ({title_fr}) is on the page");
    assert!(page.body.contains("waarde voor "), "the sender's words as written");

    // The coordinator's sending limit.
    sign_in(&mut app, COORDINATOR, DEMO_PASSWORD).await;
    let mut sent = 1;
    loop {
        match send(&mut app, &borrowed(&alert_fields(&bin))).await {
            Ok(_) => sent += 1,
            Err((status, code)) => {
                assert_eq!((status, code.as_str()), (StatusCode::TOO_MANY_REQUESTS, "send_limit"));
                break;
            }
        }
        assert!(sent <= 10, "no limit");
    }
    assert_eq!(sent, 5, "five urgent alerts an hour");
}

async fn the_call_list_names_members_no_channel_reaches(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let quiet = member(&mut app, "zonder@example.be", "0470 99 88 77").await;
    member(&mut app, "met@example.be", "").await;
    // This member chose the app only: no e-mail, no SMS.
    sqlx::query("INSERT INTO message_preferences (user_id, urgent, normal) VALUES ($1, 'app', 'app')")
        .bind(quiet)
        .execute(&app.state.pool)
        .await
        .unwrap();
    let id = send(&mut app, &borrowed(&alert_fields(&bin_id.to_string()))).await.unwrap();
    let message = id.to_string();
    let list = app.call("/api/messaging/call_list", &[("id", &message)]).await.json();
    // The member who chose the app only, and the made-up demo member (no e-mail is sent to them).
    let people = list.as_array().unwrap();
    assert_eq!(people.len(), 2, "{list}");
    let entry = people.iter().find(|p| p["user_id"] == quiet).unwrap();
    assert_eq!(entry["phone"], "0470 99 88 77");
    assert!(people.iter().all(|p| p["unreachable"] == true));
    let quiet_id = quiet.to_string();
    let r = app.call("/api/messaging/called", &[("id", &message), ("user_id", &quiet_id)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let list = app.call("/api/messaging/call_list", &[("id", &message)]).await.json();
    assert!(list.as_array().unwrap().iter().any(|p| p["user_id"] == quiet && p["called"] == true), "{list}");
    // Fifteen minutes later, everyone who has not seen it is on the list.
    sqlx::query("UPDATE messages SET created_at = created_at - 960 WHERE id = $1")
        .bind(id)
        .execute(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(app.call("/api/messaging/call_list", &[("id", &message)]).await.json().as_array().unwrap().len(), 3);
    // Nobody else sees the list: a member, the police (aggregates only).
    for (who, password) in [("met@example.be", PASSWORD), (OFFICER, DEMO_PASSWORD)] {
        sign_in(&mut app, who, password).await;
        assert_eq!(
            app.call("/api/messaging/call_list", &[("id", &message)]).await.status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
    }
}

async fn two_workers_never_deliver_a_message_twice(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    for n in 0..6 {
        member(&mut app, &format!("lid{n}@example.be"), "").await;
    }
    let before = app.sink.messages().len();
    let id = send(&mut app, &borrowed(&alert_fields(&bin_id.to_string()))).await.unwrap();
    // A second instance on the same database (its own pool and state).
    let second = server::startup::state(&app.settings).await.unwrap();
    let (a, b) = tokio::join!(
        server::delivery::deliver_due(&app.state, &app.settings),
        server::delivery::deliver_due(&second, &app.settings)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 6);
    let mail = app.sink.messages();
    let new: Vec<_> = mail[before..].iter().filter(|m| m.data.contains("Verdachte wagen")).collect();
    assert_eq!(new.len(), 6, "each member once");
    let mut to: Vec<&String> = new.iter().flat_map(|m| m.recipients.iter()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 6);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM deliveries WHERE message_id = $1 AND state = 'sent'", id).await, 6);
}
