//! Role administration: the knowledge centre invites a zone administrator, who accepts and
//! invites an officer and a municipal signatory; nobody grants wider than their own role; the
//! invited address alone accepts, once, within the week; resending replaces the link, three
//! times at most; withdrawing ends it; the last administrator stays; and every grant,
//! revocation, invitation and read of a member or volunteer list is in the audit log, as a page
//! and as a spreadsheet, for the zone's administrators and the knowledge centre only.

use crate::helpers::{Engine, TestApp, cell, open_spreadsheet};
use crate::{PASSWORD, with_demo};
use http::StatusCode;

crate::on_both_engines!(
    a_zone_is_staffed_by_invitation_within_the_rules,
    an_invitation_is_accepted_once_by_its_address_within_the_week,
    reads_of_member_and_volunteer_lists_are_in_the_zones_audit_log,
    the_role_matrix_of_role_administration,
);

const GENT_ZONE: &str = "5415";
const ANTWERPEN_ZONE: &str = "5345";
const GENT_NIS: &str = "44021";
const ANTWERPEN_NIS: &str = "11002";

async fn sign_in(app: &mut TestApp, email: &str, password: &str) {
    app.call("/api/auth/sign_out", &[]).await;
    let r = app.call("/api/auth/sign_in", &[("email", email), ("password", password)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{email}: {}", r.body);
}

/// The token of the last invitation link mailed to `to`.
async fn invitation_token(app: &TestApp, to: &str) -> String {
    let messages = app.deliver_mail().await;
    let message = messages.iter().rev().find(|m| m.recipients.contains(&to.to_string())).expect("a mail");
    let start = message.data.find("/invitation/").unwrap_or_else(|| panic!("no link in {}", message.data)) + 12;
    message.data[start..start + 64].to_string()
}

async fn invite(app: &mut TestApp, zone: &str, email: &str, role: &str, nis: &str) -> crate::helpers::TestResponse {
    app.call("/api/staff/invite", &[("zone_id", zone), ("email", email), ("role", role), ("nis", nis)]).await
}

async fn roles_of(app: &TestApp, email: &str) -> Vec<(String, Option<i64>, Option<i64>)> {
    sqlx::query_as(
        "SELECT g.role, g.zone_id, g.nis FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = $1 ORDER BY g.id",
    )
    .bind(email)
    .fetch_all(&app.state.pool)
    .await
    .unwrap()
}

fn ok(r: &crate::helpers::TestResponse) -> bool {
    r.status.is_success() || r.status.is_redirection()
}

async fn a_zone_is_staffed_by_invitation_within_the_rules(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app::auth::admin::create_kc_admin(&app.state, "kc@example.be", "Kenniscentrum", Some(PASSWORD.into()))
        .await
        .unwrap();
    sign_in(&mut app, "kc@example.be", PASSWORD).await;
    // The knowledge centre sees every zone and invites Gent's administrator.
    let zones = app.get("/api/staff/zone").await;
    assert!(zones.json()["zones"].as_array().unwrap().len() > 100, "{}", zones.body);
    assert!(ok(&invite(&mut app, GENT_ZONE, "Chef@Example.be", "zone_admin", "").await));
    // Not twice while it is open; not a role outside a zone's.
    let again = invite(&mut app, GENT_ZONE, "chef@example.be", "zone_admin", "").await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("already_invited"));
    assert_eq!(invite(&mut app, GENT_ZONE, "x@example.be", "kc_admin", "").await.status, StatusCode::BAD_REQUEST);
    let token = invitation_token(&app, "chef@example.be").await;

    // The chief signs up with the invited address, from the link, and accepts.
    app.call("/api/auth/sign_out", &[]).await;
    let seen = app.get(&format!("/api/staff/invitation?token={token}")).await;
    assert_eq!(seen.json()["state"], "Open", "{}", seen.body);
    assert_eq!(seen.json()["signed_in_as"], serde_json::Value::Null);
    let page = app.get(&format!("/invitation/{token}")).await;
    assert!(page.body.contains("data-test-invitation-signin"), "{}", page.body);
    app.signed_up("chef@example.be", PASSWORD).await;
    assert!(ok(&app.call("/api/staff/accept", &[("token", &token)]).await));
    assert_eq!(roles_of(&app, "chef@example.be").await, vec![("zone_admin".into(), Some(5415), None)]);
    let twice = app.call("/api/staff/accept", &[("token", &token)]).await;
    assert_eq!(twice.status, StatusCode::GONE, "{}", twice.body);

    // The chief invites an officer and Gent's signatory, not Antwerpen's, and nothing in Antwerpen.
    assert!(ok(&invite(&mut app, GENT_ZONE, "agent@example.be", "zone_officer", "").await));
    let no_town = invite(&mut app, GENT_ZONE, "schepen@example.be", "municipality", "").await;
    assert!(no_town.body.contains("choose_municipality"), "{}", no_town.body);
    let other_town = invite(&mut app, GENT_ZONE, "schepen@example.be", "municipality", ANTWERPEN_NIS).await;
    assert!(other_town.body.contains("choose_municipality"), "{}", other_town.body);
    assert!(ok(&invite(&mut app, GENT_ZONE, "schepen@example.be", "municipality", GENT_NIS).await));
    let elsewhere = invite(&mut app, ANTWERPEN_ZONE, "agent@example.be", "zone_officer", "").await;
    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/api/staff/zone?zone={ANTWERPEN_ZONE}")).await.status, StatusCode::FORBIDDEN);
    let agent_token = invitation_token(&app, "agent@example.be").await;
    let signatory_token = invitation_token(&app, "schepen@example.be").await;

    // The officer accepts and can grant nothing.
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up("agent@example.be", PASSWORD).await;
    assert!(ok(&app.call("/api/staff/accept", &[("token", &agent_token)]).await));
    assert_eq!(roles_of(&app, "agent@example.be").await, vec![("zone_officer".into(), Some(5415), None)]);
    assert_eq!(
        invite(&mut app, GENT_ZONE, "iemand@example.be", "zone_officer", "").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get("/api/staff/audit").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/audit.csv").await.status, StatusCode::FORBIDDEN);

    // The signatory accepts and signs for Gent.
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up("schepen@example.be", PASSWORD).await;
    assert!(ok(&app.call("/api/staff/accept", &[("token", &signatory_token)]).await));
    assert_eq!(roles_of(&app, "schepen@example.be").await, vec![("municipality".into(), None, Some(44021))]);

    // The chief sees the staff, removes the officer, and cannot leave the zone without an administrator.
    sign_in(&mut app, "chef@example.be", PASSWORD).await;
    let staff = app.get(&format!("/api/staff/zone?zone={GENT_ZONE}")).await.json();
    let emails: Vec<&str> = staff["staff"].as_array().unwrap().iter().map(|p| p["email"].as_str().unwrap()).collect();
    assert_eq!(emails.len(), 3, "{emails:?}");
    for email in ["chef@example.be", "agent@example.be", "schepen@example.be"] {
        assert!(emails.contains(&email), "{email} in {emails:?}");
    }
    let agent_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'agent@example.be'")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let agent = agent_id.to_string();
    let unconfirmed =
        app.call("/api/staff/remove", &[("zone_id", GENT_ZONE), ("user_id", &agent), ("role", "zone_officer")]).await;
    assert!(unconfirmed.body.contains("confirmation_mismatch"), "{}", unconfirmed.body);
    let removed = app
        .call(
            "/api/staff/remove",
            &[("zone_id", GENT_ZONE), ("user_id", &agent), ("role", "zone_officer"), ("confirm", "yes")],
        )
        .await;
    assert!(ok(&removed), "{}", removed.body);
    assert!(roles_of(&app, "agent@example.be").await.is_empty());
    let chef_id: String = sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = 'chef@example.be'")
        .fetch_one(&app.state.pool)
        .await
        .unwrap()
        .to_string();
    let last = app
        .call(
            "/api/staff/remove",
            &[("zone_id", GENT_ZONE), ("user_id", &chef_id), ("role", "zone_admin"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(last.status, StatusCode::CONFLICT);
    assert!(last.body.contains("last_zone_admin"));
    assert_eq!(roles_of(&app, "chef@example.be").await.len(), 1);

    // The zone's audit log, as a page and as a spreadsheet, says who did what.
    let log = app.get(&format!("/api/staff/audit?zone={GENT_ZONE}")).await.json();
    let actions: Vec<&str> =
        log["lines"].as_array().unwrap().iter().map(|l| l["entry"]["action"].as_str().unwrap()).collect();
    for action in ["invited", "invitation_accepted", "revoked"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert_eq!(actions.iter().filter(|a| **a == "invitation_accepted").count(), 3);
    let csv = app.get(&format!("/audit.csv?zone={GENT_ZONE}")).await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    let (header, rows) = open_spreadsheet(&csv.body, b';');
    assert_eq!(rows.len(), actions.len());
    assert!(rows.iter().any(|r| cell(&header, r, "Wat") == "Rol weggenomen"
        && cell(&header, r, "Over wie").contains("agent@example.be")
        && cell(&header, r, "Wie").contains("chef@example.be")));
    // The knowledge centre sees every zone's log.
    sign_in(&mut app, "kc@example.be", PASSWORD).await;
    let all = app.get("/api/staff/audit").await.json();
    assert_eq!(all["lines"].as_array().unwrap().len(), actions.len());
}

async fn an_invitation_is_accepted_once_by_its_address_within_the_week(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app::auth::admin::create_kc_admin(&app.state, "kc@example.be", "Kenniscentrum", Some(PASSWORD.into()))
        .await
        .unwrap();
    app.signed_up("ander@example.be", PASSWORD).await;
    sign_in(&mut app, "kc@example.be", PASSWORD).await;
    assert!(ok(&invite(&mut app, GENT_ZONE, "chef@example.be", "zone_admin", "").await));
    let first = invitation_token(&app, "chef@example.be").await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM invitations").fetch_one(&app.state.pool).await.unwrap();

    // Sent again: a new link, the old one gone; three sends at most.
    assert!(ok(&app.call("/api/staff/resend", &[("id", &id.to_string())]).await));
    let second = invitation_token(&app, "chef@example.be").await;
    assert_ne!(first, second);
    assert_eq!(app.get(&format!("/api/staff/invitation?token={first}")).await.status, StatusCode::NOT_FOUND);
    assert!(ok(&app.call("/api/staff/resend", &[("id", &id.to_string())]).await));
    let third = invitation_token(&app, "chef@example.be").await;
    let limit = app.call("/api/staff/resend", &[("id", &id.to_string())]).await;
    assert_eq!(limit.status, StatusCode::TOO_MANY_REQUESTS, "{}", limit.body);

    // Another account cannot take it, and is told why.
    sign_in(&mut app, "ander@example.be", PASSWORD).await;
    let page = app.get(&format!("/invitation/{third}")).await;
    assert!(page.body.contains("data-test-error=\"invitation_other_account\""), "{}", page.body);
    let refused = app.call("/api/staff/accept", &[("token", &third)]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("invitation_other_account"));
    assert!(roles_of(&app, "ander@example.be").await.is_empty());

    // After a week it is closed.
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up("chef@example.be", PASSWORD).await;
    sqlx::query("UPDATE invitations SET expires_at = $1")
        .bind(app::platform::now() - 1)
        .execute(&app.state.pool)
        .await
        .unwrap();
    let late = app.call("/api/staff/accept", &[("token", &third)]).await;
    assert_eq!(late.status, StatusCode::GONE);
    assert!(roles_of(&app, "chef@example.be").await.is_empty());

    // A fourth mail of invitation to one address in an hour is not sent, and nothing is written.
    sign_in(&mut app, "kc@example.be", PASSWORD).await;
    let flood = invite(&mut app, GENT_ZONE, "chef@example.be", "zone_officer", "").await;
    assert_eq!(flood.status, StatusCode::TOO_MANY_REQUESTS, "{}", flood.body);
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(open, 1);

    // A withdrawn invitation is closed too.
    assert!(ok(&invite(&mut app, GENT_ZONE, "tweede@example.be", "zone_admin", "").await));
    let fresh = invitation_token(&app, "tweede@example.be").await;
    let fresh_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM invitations").fetch_one(&app.state.pool).await.unwrap();
    let withdrawn = app.call("/api/staff/withdraw", &[("id", &fresh_id.to_string()), ("confirm", "yes")]).await;
    assert!(ok(&withdrawn), "{}", withdrawn.body);
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up("tweede@example.be", PASSWORD).await;
    assert_eq!(app.get(&format!("/api/staff/invitation?token={fresh}")).await.json()["state"], "Withdrawn");
    assert_eq!(app.call("/api/staff/accept", &[("token", &fresh)]).await.status, StatusCode::GONE);
    assert!(roles_of(&app, "tweede@example.be").await.is_empty());
    sign_in(&mut app, "chef@example.be", PASSWORD).await;

    // Deleting the account takes its invitations; the log keeps what happened, without them.
    let deleted = app.call("/api/auth/delete_account", &[("password", PASSWORD)]).await;
    assert!(ok(&deleted), "{}", deleted.body);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE email = 'chef@example.be'")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
    let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(&app.state.pool).await.unwrap();
    assert!(entries >= 5, "{entries}");
}

async fn reads_of_member_and_volunteer_lists_are_in_the_zones_audit_log(engine: Engine) {
    let mut app = with_demo(engine).await;
    let password = app::demo::DEMO_PASSWORD;
    sign_in(&mut app, "coordinator@demo.nabij.invalid", password).await;
    let bin: i64 = sqlx::query_scalar(
        "SELECT g.bin_id FROM role_grants g JOIN users u ON u.id = g.user_id \
         WHERE u.email = 'coordinator@demo.nabij.invalid' AND g.role = 'coordinator'",
    )
    .fetch_one(&app.state.pool)
    .await
    .unwrap();
    assert_eq!(app.call("/api/membership/manage", &[("bin_id", &bin.to_string())]).await.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/bin/{bin}/members.csv")).await.status, StatusCode::OK);
    sign_in(&mut app, "officer@demo.nabij.invalid", password).await;
    assert_eq!(app.call("/api/dashboard/mine", &[]).await.status, StatusCode::OK);

    sign_in(&mut app, "zoneadmin@demo.nabij.invalid", password).await;
    let log = app.get(&format!("/api/staff/audit?zone={GENT_ZONE}")).await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    let lines = log.json()["lines"].as_array().unwrap().clone();
    let reads: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l["entry"]["action"].as_str().unwrap(), l["entry"]["actor"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(reads.iter().filter(|(a, who)| *a == "read_members" && who.contains("coordinator@demo")).count(), 2);
    assert!(reads.iter().any(|(a, who)| *a == "read_volunteers" && who.contains("officer@demo")), "{reads:?}");
    // What was read is not in the log.
    assert!(!log.body.contains("member@demo.nabij.invalid"), "{}", log.body);
    // The page shows it too.
    let page = app.get(&format!("/audit?zone={GENT_ZONE}")).await;
    assert!(page.body.contains("data-test-audit-action=\"read_members\""), "{}", page.body);
}

async fn the_role_matrix_of_role_administration(engine: Engine) {
    let mut app = with_demo(engine).await;
    let password = app::demo::DEMO_PASSWORD;
    // Who manages Gent's roles, and Antwerpen's.
    let matrix: [(Option<&str>, bool, bool); 7] = [
        (None, false, false),
        (Some("member@demo.nabij.invalid"), false, false),
        (Some("coordinator@demo.nabij.invalid"), false, false),
        (Some("officer@demo.nabij.invalid"), false, false),
        (Some("municipality@demo.nabij.invalid"), false, false),
        (Some("zoneadmin@demo.nabij.invalid"), true, false),
        (Some("admin@demo.nabij.invalid"), true, true),
    ];
    for (n, (who, gent, antwerpen)) in matrix.into_iter().enumerate() {
        match who {
            Some(email) => sign_in(&mut app, email, password).await,
            None => {
                app.call("/api/auth/sign_out", &[]).await;
            }
        }
        let label = who.unwrap_or("a visitor");
        let refused = if who.is_some() { StatusCode::FORBIDDEN } else { StatusCode::UNAUTHORIZED };
        let check = |r: &crate::helpers::TestResponse, allowed: bool, what: &str| {
            if allowed {
                assert!(ok(r), "{label} {what}: {} {}", r.status, r.body);
            } else {
                assert_eq!(r.status, refused, "{label} {what}: {}", r.body);
            }
        };
        check(&app.get(&format!("/api/staff/zone?zone={GENT_ZONE}")).await, gent, "reads Gent's staff");
        check(&app.get(&format!("/api/staff/audit?zone={GENT_ZONE}")).await, gent, "reads Gent's log");
        check(&app.get(&format!("/audit.csv?zone={GENT_ZONE}")).await, gent, "downloads Gent's log");
        let r = invite(&mut app, GENT_ZONE, &format!("gent-{n}@example.be"), "zone_officer", "").await;
        check(&r, gent, "invites to Gent");
        let r = invite(&mut app, ANTWERPEN_ZONE, &format!("antwerpen-{n}@example.be"), "zone_officer", "").await;
        check(&r, antwerpen, "invites to Antwerpen");
    }
    // Only the invitations of those allowed exist.
    let invited: Vec<String> =
        sqlx::query_scalar("SELECT email FROM invitations ORDER BY id").fetch_all(&app.state.pool).await.unwrap();
    assert_eq!(invited, ["gent-5@example.be", "gent-6@example.be", "antwerpen-6@example.be"]);
}
