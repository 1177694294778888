//! Messaging benchmark (prints figures; asserts nothing). On the demo data scaled up so that one
//! police zone has `HOUSEHOLDS` member households (default 20,000), with `CLIENTS` of them
//! (default 1,000) holding a live page open, an officer of that zone sends one urgent alert to
//! the whole zone through a real server instance. It prints:
//!
//! - the time to record the alert (the request that writes the message, its recipients and
//!   every delivery, and publishes the live event);
//! - the time until each live client has the alert: median and 95th percentile;
//! - e-mails per second through the delivery worker to a local SMTP sink.
//!
//! `scripts/bench-messaging.sh` runs it in release mode on SQLite and, when
//! `NABIJ_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database.
#![expect(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used, reason = "a benchmark that prints")]

use server::mailsink::MailSink;
use server::settings::Settings;
use server::startup::Application;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let households = env_usize("HOUSEHOLDS", 20_000);
    let clients = env_usize("CLIENTS", 1_000).min(households);
    let dir = tempfile::tempdir().unwrap();
    let (url, engine) = match std::env::args().nth(1).as_deref() {
        Some("postgres") => {
            let admin = std::env::var("NABIJ_TEST_POSTGRES_URL").expect("NABIJ_TEST_POSTGRES_URL for PostgreSQL");
            let name = format!("nabij_bench_{}", std::process::id());
            (app::platform::db::create_postgres_database(&admin, &name).await.unwrap(), "PostgreSQL")
        }
        _ => (format!("sqlite://{}", dir.path().join("bench.db").display()), "SQLite"),
    };
    let sink = MailSink::start(0, None).await.unwrap();
    let settings = Settings::for_tests(&url, dir.path(), Some(sink.port));
    let application = Application::build(settings.clone()).await.unwrap();
    let state = application.state().clone();
    let port = application.port();
    server::startup::load_demo(&state, 1).await.unwrap();

    // Scale up: the demo officer's zone gets the households, spread over its networks.
    let pool = &state.pool;
    let officer: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'officer@demo.nabij.invalid'")
        .fetch_one(pool)
        .await
        .unwrap();
    let zone: i64 = sqlx::query_scalar("SELECT zone_id FROM role_grants WHERE user_id = $1 AND role = 'zone_officer'")
        .bind(officer)
        .fetch_one(pool)
        .await
        .unwrap();
    let bins: Vec<i64> = sqlx::query_scalar("SELECT id FROM bins WHERE zone_id = $1 AND state = 'active' ORDER BY id")
        .bind(zone)
        .fetch_all(pool)
        .await
        .unwrap();
    let started = Instant::now();
    let now = app::platform::now();
    let mut tx = pool.begin().await.unwrap();
    let users = app::demo::households_with_email(&mut tx, &bins, households, "bench", now).await.unwrap();
    for (i, user) in users.iter().take(clients).enumerate() {
        session(&mut tx, *user, &client_token(i), now).await;
    }
    session(&mut tx, officer, &OFFICER_TOKEN.repeat(64), now).await;
    tx.commit().await.unwrap();
    let members: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT m.user_id) FROM memberships m JOIN bins b ON b.id = m.bin_id \
         WHERE b.zone_id = $1 AND m.state = 'active'",
    )
    .bind(zone)
    .fetch_one(pool)
    .await
    .unwrap();
    println!(
        "{engine}: zone {zone}, {} networks, {members} member households ({households} added in {:.1} s)",
        bins.len(),
        started.elapsed().as_secs_f64()
    );

    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until(async move {
        let _ = stopped.await;
    }));

    // The live clients: each opens /live and waits for the alert.
    let (go_tx, go_rx) = tokio::sync::watch::channel::<Option<Instant>>(None);
    let mut waiting = Vec::with_capacity(clients);
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel::<()>(clients.max(1));
    for i in 0..clients {
        let cookie = format!("nabij_session={}", client_token(i));
        let go = go_rx.clone();
        let ready = ready_tx.clone();
        waiting.push(tokio::spawn(async move {
            let opened = open_stream(port, &cookie).await;
            // Connected or not, the count of clients waiting to connect goes down.
            let _ = ready.send(()).await;
            drop(ready);
            let mut reader = opened.inspect_err(|e| println!("a live client could not connect: {e}"))?;
            read_until(&mut reader, "event: alert").await?;
            let sent = (*go.borrow()).ok_or("the alert came before it was sent")?;
            Ok::<Duration, String>(sent.elapsed())
        }));
    }
    drop(ready_tx);
    let connecting = Instant::now();
    for _ in 0..clients {
        if ready_rx.recv().await.is_none() {
            break;
        }
    }
    println!("{clients} live clients connected in {:.1} s", connecting.elapsed().as_secs_f64());

    // The alert, to the whole zone.
    let form = "kind=urgent&category=suspicious&title=Bench%20alert&body=Een%20grijze%20bestelwagen%20rijdt%20traag%20rond.\
                &lang=nl&scope=zone&bin_kind=all";
    let sent_at = Instant::now();
    go_tx.send(Some(sent_at)).unwrap();
    let status = post(port, &format!("nabij_session={}", OFFICER_TOKEN.repeat(64)), "/api/messaging/send", form).await;
    let record = sent_at.elapsed();
    let message: i64 = sqlx::query_scalar("SELECT MAX(id) FROM messages").fetch_one(pool).await.unwrap();
    let recipients: i64 = sqlx::query_scalar("SELECT recipients FROM messages WHERE id = $1")
        .bind(message)
        .fetch_one(pool)
        .await
        .unwrap();
    let emails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE message_id = $1 AND channel = 'email'")
        .bind(message)
        .fetch_one(pool)
        .await
        .unwrap();
    println!(
        "record the alert: {:.0} ms (HTTP {status}; {recipients} recipients, {emails} e-mail deliveries queued)",
        record.as_secs_f64() * 1_000.0
    );

    let mut arrivals = Vec::with_capacity(clients);
    let mut failures = 0;
    for task in waiting {
        match tokio::time::timeout(Duration::from_secs(60), task).await {
            Ok(Ok(Ok(elapsed))) => arrivals.push(elapsed),
            _ => failures += 1,
        }
    }
    arrivals.sort();
    let pick = |q: f64| arrivals.get(((arrivals.len() as f64 * q).ceil() as usize).saturating_sub(1)).copied();
    let ms = |d: Option<Duration>| d.map(|d| format!("{:.0} ms", d.as_secs_f64() * 1_000.0)).unwrap_or("-".into());
    println!(
        "live delivery to {} of {clients} clients (from the moment of sending): median {}, 95th percentile {}, slowest {}{}",
        arrivals.len(),
        ms(pick(0.5)),
        ms(pick(0.95)),
        ms(arrivals.last().copied()),
        if failures > 0 { format!(" ({failures} got nothing)") } else { String::new() }
    );

    // E-mails: the delivery worker sends them to the SMTP sink.
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut done = 0;
    while Instant::now() < deadline {
        done = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM deliveries WHERE message_id = $1 AND channel = 'email' AND state = 'sent'",
        )
        .bind(message)
        .fetch_one(pool)
        .await
        .unwrap();
        if done >= emails {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mail_time = sent_at.elapsed().as_secs_f64();
    println!(
        "e-mail: {done} of {emails} sent to the SMTP sink in {mail_time:.1} s after sending: {:.0} e-mails/s ({} received by the sink)",
        done as f64 / mail_time,
        sink.messages().len()
    );
    let _ = stop.send(());
    let _ = server.await;
}

/// Session tokens are 64 hexadecimal characters: one per live client, and the officer's.
fn client_token(i: usize) -> String {
    format!("{:064x}", i + 1)
}
const OFFICER_TOKEN: &str = "f";

async fn session(tx: &mut sqlx::AnyConnection, user: i64, token: &str, now: i64) {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(app::platform::tokens::hash_token(token))
        .bind(user)
        .bind(now)
        .bind(now + 86_400)
        .execute(tx)
        .await
        .unwrap();
}

async fn open_stream(port: u16, cookie: &str) -> Result<BufReader<TcpStream>, String> {
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
    let request =
        format!("GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n");
    tcp.write_all(request.as_bytes()).await.map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(tcp);
    read_until(&mut reader, "event: ready").await?;
    Ok(reader)
}

async fn read_until(reader: &mut BufReader<TcpStream>, wanted: &str) -> Result<(), String> {
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await.map_err(|e| e.to_string())? == 0 {
            return Err(format!("the stream ended before {wanted}"));
        }
        if line.trim() == wanted {
            return Ok(());
        }
    }
}

async fn post(port: u16, cookie: &str, path: &str, body: &str) -> u16 {
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).await.unwrap();
    answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}
