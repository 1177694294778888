//! What Nabij keeps no longer than needed, and how it refuses to flood anyone, on both engines:
//! mails a form triggers are limited per address and kind; a sent mail keeps no text (and so no
//! live link); expired sessions, old links and attempts, stale visitor progress and old sent
//! mail are removed; leaving a network and asking again waits as long as after a decline; and a
//! deleted account leaves its name, address and phone in no column of any table.

use crate::helpers::{Engine, TestApp};
use crate::membership::{demo_network, join_form, sign_in};
use crate::{PASSWORD, with_demo};
use app::demo::DEMO_PASSWORD;

crate::on_both_engines!(
    forms_send_at_most_a_few_mails_of_a_kind_an_hour,
    a_sent_mail_keeps_no_text,
    expired_rows_are_removed,
    leaving_and_asking_again_waits_as_after_a_decline,
    a_deleted_account_leaves_no_trace_in_any_table,
);

async fn outbox(app: &TestApp, recipient: &str, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND kind = $2")
        .bind(recipient)
        .bind(kind)
        .fetch_one(&app.state.pool)
        .await
        .unwrap()
}

async fn forms_send_at_most_a_few_mails_of_a_kind_an_hour(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("vol@example.be", PASSWORD).await;
    app.call("/api/auth/sign_out", &[]).await;
    let sign_up = [
        ("display_name", "Iemand Anders"),
        ("email", "vol@example.be"),
        ("password", "een ander wachtwoord"),
        ("password_repeat", "een ander wachtwoord"),
        ("lang", "nl"),
    ];
    for _ in 0..6 {
        let r = app.call("/api/auth/sign_up", &sign_up).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "the answer stays the same: {}", r.body);
        let r = app.call("/api/auth/request_reset", &[("email", "vol@example.be")]).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    }
    let limit = app::platform::mail::PER_KIND_PER_HOUR;
    assert_eq!(outbox(&app, "vol@example.be", "already_registered").await, limit);
    assert_eq!(outbox(&app, "vol@example.be", "reset").await, limit);
    // Another address is not held back by this one.
    app.signed_up("ander@example.be", PASSWORD).await;
    assert_eq!(outbox(&app, "ander@example.be", "confirm").await, 1);
}

async fn a_sent_mail_keeps_no_text(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.call("/api/auth/request_reset", &[("email", "niemand@example.be")]).await;
    app.signed_up("tekst@example.be", PASSWORD).await;
    app.call("/api/auth/request_reset", &[("email", "tekst@example.be")]).await;
    let waiting: String = sqlx::query_scalar("SELECT body FROM outbox WHERE kind = 'reset' AND sent_at IS NULL")
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert!(waiting.contains("/reset?token="), "the link waits in the outbox until it is sent");
    let sent = app.deliver_mail().await;
    assert!(sent.iter().any(|m| m.data.contains("/reset?token=")));
    let (kept, texts): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE body <> '' OR subject <> '') FROM outbox WHERE sent_at IS NOT NULL",
    )
    .fetch_one(&app.state.pool)
    .await
    .unwrap();
    assert!(kept >= 2);
    assert_eq!(texts, 0, "no sent mail keeps its subject or text");
}

async fn expired_rows_are_removed(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("oud@example.be", PASSWORD).await;
    app.deliver_mail().await;
    let now = app::platform::now();
    let pool = &app.state.pool;
    let user: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'oud@example.be'").fetch_one(pool).await.unwrap();
    for (hash, expires) in [("verlopen", now - 10), ("geldig", now + 3_600)] {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, 0, $3)")
            .bind(hash)
            .bind(user)
            .bind(expires)
            .execute(pool)
            .await
            .unwrap();
    }
    for (key, at) in [("oud", now - 2 * 86_400), ("vers", now - 60)] {
        sqlx::query("INSERT INTO sign_in_attempts (email_key, at, succeeded) VALUES ($1, $2, 0)")
            .bind(key)
            .bind(at)
            .execute(pool)
            .await
            .unwrap();
    }
    for (hash, at) in [("stil", now - 400 * 86_400), ("actief", now - 86_400)] {
        sqlx::query("INSERT INTO visitor_progress (token_hash, data, updated_at) VALUES ($1, '{}', $2)")
            .bind(hash)
            .bind(at)
            .execute(pool)
            .await
            .unwrap();
    }
    // The confirmation link was used; the mail was sent. Both are old by a month.
    sqlx::query("UPDATE email_tokens SET used_at = $1").bind(now - 30 * 86_400).execute(pool).await.unwrap();
    sqlx::query("UPDATE outbox SET sent_at = $1").bind(now - 31 * 86_400).execute(pool).await.unwrap();

    // Invitations: one accepted and one withdrawn long ago, one that ran out long ago, one that
    // ran out last week, one still open.
    let day = 86_400;
    for (hash, expires, accepted, revoked) in [
        ("aanvaard", now - 200 * day, Some(now - 100 * day), None),
        ("ingetrokken", now - 200 * day, None, Some(now - 95 * day)),
        ("lang-verlopen", now - 91 * day, None, None),
        ("pas-verlopen", now - 7 * day, None, None),
        ("open", now + 3 * day, None, None),
    ] {
        sqlx::query(
            "INSERT INTO invitations (token_hash, email, role, zone_id, created_at, expires_at, accepted_at, revoked_at) \
             VALUES ($1, $2, 'zone_officer', 5415, $3, $4, $5, $6)",
        )
        .bind(hash)
        .bind(format!("{hash}@example.be"))
        .bind(expires - 7 * day)
        .bind(expires)
        .bind(accepted)
        .bind(revoked)
        .execute(pool)
        .await
        .unwrap();
    }

    let removed = server::startup::tidy(&app.state, now).await.unwrap();
    let left = |sql: &'static str| async move { sqlx::query_scalar::<_, String>(sql).fetch_all(pool).await.unwrap() };
    assert_eq!(
        left("SELECT token_hash FROM sessions WHERE user_id > 0 AND token_hash IN ('verlopen', 'geldig')").await,
        ["geldig"]
    );
    assert_eq!(left("SELECT email_key FROM sign_in_attempts WHERE email_key IN ('oud', 'vers')").await, ["vers"]);
    assert_eq!(left("SELECT token_hash FROM visitor_progress").await, ["actief"]);
    assert!(left("SELECT token_hash FROM email_tokens").await.is_empty());
    assert!(left("SELECT recipient FROM outbox").await.is_empty());
    assert_eq!(
        left("SELECT token_hash FROM invitations ORDER BY token_hash").await,
        ["open", "pas-verlopen"],
        "an invitation is kept 90 days after it ended"
    );
    assert!(removed >= 8, "{removed}");
    // Nothing else went: the account and its fresh session stay.
    assert_eq!(app.call("/api/auth/me", &[]).await.json()["email"], "oud@example.be");
}

async fn leaving_and_asking_again_waits_as_after_a_decline(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, street, number, postcode) = demo_network(&app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    sign_in(&mut app, "member@demo.nabij.invalid", DEMO_PASSWORD).await;
    let r = app.call("/api/membership/leave", &[("bin_id", &bin), ("confirm", "yes")]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let form = join_form(&bin, &street, &number, &postcode);
    let notices = |app: &TestApp| {
        let pool = app.state.pool.clone();
        async move { sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM inbox").fetch_one(&pool).await.unwrap() }
    };
    let before = notices(&app).await;
    assert_eq!(app.call("/api/membership/join", &form).await.json(), "request_too_soon");
    assert_eq!(notices(&app).await, before, "the coordinator is not told again");
    // A month later they may ask again.
    sqlx::query("UPDATE memberships SET left_at = $1 WHERE bin_id = $2 AND state = 'left'")
        .bind(app::platform::now() - 31 * 86_400)
        .bind(bin_id)
        .execute(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(app.call("/api/membership/join", &form).await.json(), "Requested");
}

/// Every table of the database and its columns, on either engine.
async fn columns(app: &TestApp) -> Vec<(String, String)> {
    let pool = &app.state.pool;
    let tables: Vec<String> = match app.state.engine {
        app::platform::db::Engine::Sqlite => {
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .fetch_all(pool)
                .await
                .unwrap()
        }
        app::platform::db::Engine::Postgres => sqlx::query_scalar(
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    let mut out = Vec::new();
    for table in tables {
        let names: Vec<String> = match app.state.engine {
            app::platform::db::Engine::Sqlite => {
                sqlx::query_scalar("SELECT name FROM pragma_table_info($1)").bind(&table).fetch_all(pool).await.unwrap()
            }
            app::platform::db::Engine::Postgres => sqlx::query_scalar(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1",
            )
            .bind(&table)
            .fetch_all(pool)
            .await
            .unwrap(),
        };
        out.extend(names.into_iter().map(|c| (table.clone(), c)));
    }
    out
}

async fn a_deleted_account_leaves_no_trace_in_any_table(engine: Engine) {
    let mut app = with_demo(engine).await;
    let email = "zoe.vergeetmij@example.be";
    let (bin_id, street, number, postcode) = demo_network(&app).await;
    let (bin, number) = (bin_id.to_string(), number.to_string());
    app.signed_up(email, PASSWORD).await;
    app.call("/api/auth/update_profile", &[("display_name", "Zoë Vergeetmij"), ("lang", "nl")]).await;
    // She asks to join with her phone; the coordinator approves and writes to the network.
    let mut form = join_form(&bin, &street, &number, &postcode);
    form[4] = ("phone", "0470 99 98 88");
    assert_eq!(app.call("/api/membership/join", &form).await.json(), "Requested");
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    let request: i64 =
        sqlx::query_scalar("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1")
            .bind(email)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    let request = request.to_string();
    app.call("/api/membership/decide", &[("bin_id", &bin), ("request_id", &request), ("decision", "approve")]).await;
    let sent = app
        .call(
            "/api/messaging/send",
            &[
                ("kind", "invitation"),
                ("title", "Buurtvergadering"),
                ("body", "Dinsdag om 20 uur in het buurthuis."),
                ("lang", "nl"),
                ("scope", "bins"),
                (&format!("bins[{bin}]") as &str, "on"),
            ],
        )
        .await;
    let location = sent.headers["location"].to_str().unwrap().to_string();
    let message = location.trim_start_matches("/messages/").split('?').next().unwrap().to_string();
    // She asks the sender a question, reports something, signs a charter, mistypes her password.
    sign_in(&mut app, email, PASSWORD).await;
    let r = app
        .call("/api/messaging/react", &[("id", &message), ("reaction", "question"), ("question", "Mag mijn buur mee?")])
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let r = app
        .call(
            "/api/messaging/report",
            &[("what", "Een ladder tegen de gevel"), ("place", "9000"), ("when", ""), ("contact", "yes")],
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let user: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let charter: i64 = sqlx::query_scalar(
        "SELECT MIN(id) FROM charters WHERE id NOT IN (SELECT charter_id FROM charter_signatures WHERE party = 'officer')",
    )
    .fetch_one(&app.state.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO charter_signatures (charter_id, party, user_id, signer_name, signed_at) \
         VALUES ($1, 'officer', $2, 'Zoë Vergeetmij', 0)",
    )
    .bind(charter)
    .bind(user)
    .execute(&app.state.pool)
    .await
    .unwrap();
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", email), ("password", "verkeerd wachtwoord")]).await;
    sign_in(&mut app, email, PASSWORD).await;
    app.deliver_mail().await;
    server::delivery::deliver_due(&app.state, &app.settings).await.unwrap();

    // Her traces are there before she leaves (so the search below can find them).
    let all = columns(&app).await;
    assert!(all.len() > 100, "{} columns", all.len());
    let traces = |app: &TestApp, all: Vec<(String, String)>| {
        let pool = app.state.pool.clone();
        async move {
            let mut found = Vec::new();
            for (table, column) in all {
                let sql = format!(
                    "SELECT COUNT(*) FROM {table} WHERE LOWER(CAST({column} AS TEXT)) LIKE '%vergeetmij%' \
                     OR CAST({column} AS TEXT) LIKE '%470999888%' OR CAST({column} AS TEXT) LIKE '%470 99 98 88%'"
                );
                let n: i64 = sqlx::query_scalar(&sql).fetch_one(&pool).await.unwrap();
                if n > 0 {
                    found.push(format!("{table}.{column}"));
                }
            }
            found
        }
    };
    let before = traces(&app, all.clone()).await;
    for expected in [
        "users.email",
        "users.display_name",
        "memberships.phone",
        "inbox.notice",
        "outbox.recipient",
        "sign_in_attempts.email_key",
        "charter_signatures.signer_name",
    ] {
        assert!(before.contains(&expected.to_string()), "{expected} in {before:?}");
    }

    let r = app.call("/api/auth/delete_account", &[("password", PASSWORD)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let farewell = app.deliver_mail().await;
    assert!(farewell.iter().any(|m| m.recipients.contains(&email.to_string())), "the goodbye is sent");
    let after = traces(&app, columns(&app).await).await;
    assert_eq!(after, Vec::<String>::new(), "columns still naming her");
}
