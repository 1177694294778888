//! A large send killed half-way with a real `kill -9` finishes after a restart: every member
//! gets the alert, and an e-mail goes out again only if it was in flight at the kill, with the
//! same `Message-ID` (recognisably the same message). The server runs as its own process, the
//! `nabij` binary, against the test's database and an SMTP sink that accepts slowly.

use crate::helpers::{Engine, TestApp};
use crate::membership::{demo_network, sign_in};
use crate::with_demo;
use app::demo::DEMO_PASSWORD;
use server::mailsink::MailSink;
use std::collections::{HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

crate::on_both_engines!(a_send_killed_half_way_finishes_after_a_restart_with_nobody_missed);

const HOUSEHOLDS: usize = 600;

/// The `nabij` binary serving the test's database, with e-mail to `smtp_port`.
fn serve(app: &TestApp, smtp_port: u16) -> Child {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Command::new(env!("CARGO_BIN_EXE_nabij"))
        .arg("serve")
        .current_dir(&root)
        .env("DATABASE_URL", app.settings.database_url.expose())
        .env("NABIJ_BIND", "127.0.0.1:0")
        .env("NABIJ_VAR_DIR", &app.settings.var_dir)
        .env("NABIJ_DATA_DIR", &app.settings.data_dir)
        .env("NABIJ_CONTENT_DIR", &app.settings.content_dir)
        .env("NABIJ_SMTP__HOST", "127.0.0.1")
        .env("NABIJ_SMTP__PORT", smtp_port.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nabij")
}

async fn sent(app: &TestApp, message: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE message_id = $1 AND channel = 'email' AND state = 'sent'")
        .bind(message)
        .fetch_one(&app.state.pool)
        .await
        .unwrap()
}

fn message_id(data: &str) -> Option<String> {
    data.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("message-id").then(|| value.trim().to_string())
    })
}

async fn a_send_killed_half_way_finishes_after_a_restart_with_nobody_missed(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    let now = app::platform::now();
    let mut tx = app.state.pool.begin().await.unwrap();
    app::demo::households_with_email(&mut tx, &[bin_id], HOUSEHOLDS, "huis", now).await.unwrap();
    tx.commit().await.unwrap();

    // A relay that takes 20 ms a message: the send takes seconds, long enough to kill it half-way.
    let sink = MailSink::start_with_delay(0, None, Duration::from_millis(20)).await.unwrap();
    sign_in(&mut app, "coordinator@demo.nabij.invalid", DEMO_PASSWORD).await;
    let bin = bin_id.to_string();
    let r = app
        .call(
            "/api/messaging/send",
            &[
                ("kind", "urgent"),
                ("category", "burglary"),
                ("title", "Inbraak in de Kerkstraat"),
                ("body", "Sluit ramen en deuren."),
                ("lang", "nl"),
                ("scope", "bins"),
                (&format!("bins[{bin}]"), "on"),
            ],
        )
        .await;
    let location = r.headers.get("location").and_then(|l| l.to_str().ok()).unwrap_or_else(|| panic!("{}", r.body));
    let message: i64 = location.trim_start_matches("/messages/").split('?').next().unwrap().parse().unwrap();

    let mut first = serve(&app, sink.port);
    let deadline = Instant::now() + Duration::from_secs(60);
    while sink.messages().len() < HOUSEHOLDS / 4 {
        assert!(Instant::now() < deadline, "the first process sent nothing");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    first.kill().expect("kill -9"); // SIGKILL: no shutdown, no clean-up
    first.wait().unwrap();
    let at_kill = sent(&app, message).await;
    assert!((at_kill as usize) < HOUSEHOLDS, "the kill came after the send was done ({at_kill})");

    // Deliveries the dead process had claimed are free again once their lease runs out (two
    // minutes); here the lease is ended at once instead of waiting.
    sqlx::query("UPDATE deliveries SET claimed_until = 0 WHERE message_id = $1 AND state = 'pending'")
        .bind(message)
        .execute(&app.state.pool)
        .await
        .unwrap();
    let mut second = serve(&app, sink.port);
    let deadline = Instant::now() + Duration::from_secs(120);
    while (sent(&app, message).await as usize) < HOUSEHOLDS {
        assert!(Instant::now() < deadline, "the restarted process did not finish the send");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    second.kill().unwrap();
    second.wait().unwrap();

    let mut by_person: HashMap<String, Vec<String>> = HashMap::new();
    for m in sink.messages().iter().filter(|m| m.data.contains("Inbraak in de Kerkstraat")) {
        for to in &m.recipients {
            by_person.entry(to.clone()).or_default().push(message_id(&m.data).expect("a Message-ID"));
        }
    }
    let missed: Vec<usize> =
        (0..HOUSEHOLDS).filter(|i| !by_person.contains_key(&format!("huis-{i}@example.be"))).collect();
    assert!(missed.is_empty(), "nobody is missed: {missed:?}");
    let again: Vec<(&String, &Vec<String>)> = by_person.iter().filter(|(_, ids)| ids.len() > 1).collect();
    for (to, ids) in &again {
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 1, "{to} got different messages: {ids:?}");
    }
    // Only what was in flight at the kill (at most 16 at a time) can go out twice.
    assert!(again.len() <= 16, "{} people got the alert twice", again.len());
    let records: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE message_id = $1 AND channel = 'email'")
            .bind(message)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    assert_eq!(records as usize, HOUSEHOLDS, "one delivery record per person");
}
