//! Live events through real server instances bound to ports: a member's open page (an SSE
//! stream) gets an urgent alert as it is sent, and the sender's page the reception when the
//! member says "seen". On PostgreSQL the stream and the sender are on two instances sharing one
//! database (events cross through LISTEN/NOTIFY); a visitor gets no stream; and shutting down
//! ends the open streams instead of waiting for them.

use crate::helpers::{Engine, TestApp, encode};
use crate::membership::demo_network;
use crate::messaging::member;
use crate::{PASSWORD, with_demo};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

crate::on_both_engines!(an_open_page_gets_the_alert_and_the_sender_the_reception_live);

/// A server instance on its own port, until the returned sender is used.
async fn instance(
    app: &TestApp,
) -> (u16, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<std::io::Result<()>>) {
    let application = server::startup::Application::build(app.settings.clone()).await.unwrap();
    let port = application.port();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(application.run_until(async move {
        let _ = stopped.await;
    }));
    (port, stop, task)
}

/// A session of its own for `email` (signing in again elsewhere does not end it).
async fn session(app: &mut TestApp, email: &str, password: &str) -> String {
    app.cookies.clear();
    let r = app.call("/api/auth/sign_in", &[("email", email), ("password", password)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let cookie = app.cookies.iter().find(|(k, _)| k == "nabij_session").map(|(_, v)| format!("nabij_session={v}"));
    app.cookies.clear();
    cookie.unwrap()
}

/// Opens `/live` and returns the reader once the stream said it is ready, or the status line.
async fn stream(port: u16, cookie: &str) -> Result<BufReader<TcpStream>, String> {
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request =
        format!("GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n");
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut reader = BufReader::new(tcp);
    let mut status = String::new();
    reader.read_line(&mut status).await.unwrap();
    if !status.contains(" 200 ") {
        return Err(status);
    }
    next_event(&mut reader, "ready").await;
    Ok(reader)
}

/// Reads the stream until an event named `name`, and returns its data.
async fn next_event(reader: &mut BufReader<TcpStream>, name: &str) -> String {
    let wanted = format!("event: {name}");
    let read = async {
        let mut seen = false;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap() == 0 {
                panic!("the stream ended before {name}");
            }
            let line = line.trim();
            if line == wanted {
                seen = true;
            } else if seen && let Some(data) = line.strip_prefix("data: ") {
                return data.to_string();
            }
        }
    };
    // A liveness bound, not a speed measurement (the benchmark measures that).
    tokio::time::timeout(Duration::from_secs(10), read).await.unwrap_or_else(|_| panic!("no {name} event"))
}

/// Posts a form to a server function on a bound instance; returns the status code.
async fn post(port: u16, cookie: &str, path: &str, form: &[(&str, &str)]) -> u16 {
    let body = form.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&");
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).await.unwrap();
    answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

async fn an_open_page_gets_the_alert_and_the_sender_the_reception_live(engine: Engine) {
    let mut app = with_demo(engine).await;
    let (bin_id, ..) = demo_network(&app).await;
    member(&mut app, "live@example.be", "").await;
    let coordinator = session(&mut app, "coordinator@demo.nabij.invalid", app::demo::DEMO_PASSWORD).await;
    let member = session(&mut app, "live@example.be", PASSWORD).await;

    // On PostgreSQL the pages are on one instance and the sender on another.
    let (a, stop_a, task_a) = instance(&app).await;
    let second = match engine {
        Engine::Postgres => Some(instance(&app).await),
        Engine::Sqlite => None,
    };
    let b = second.as_ref().map(|(port, ..)| *port).unwrap_or(a);

    assert!(stream(b, "nabij_session=none").await.unwrap_err().contains(" 204 "), "a visitor gets no stream");
    let mut member_page = stream(b, &member).await.unwrap();
    let mut sender_page = stream(b, &coordinator).await.unwrap();

    let bins = format!("bins[{bin_id}]");
    let status = post(
        a,
        &coordinator,
        "/api/messaging/send",
        &[
            ("kind", "urgent"),
            ("category", "burglary"),
            ("title", "Inbraak in de Kerkstraat"),
            ("body", "Let op open ramen."),
            ("scope", "bins"),
            (&bins, "on"),
        ],
    )
    .await;
    assert!((200..400).contains(&status), "{status}");
    let alert: serde_json::Value = serde_json::from_str(&next_event(&mut member_page, "alert").await).unwrap();
    assert_eq!(alert["title"], "Inbraak in de Kerkstraat");
    let id = alert["id"].as_i64().unwrap().to_string();

    let status = post(a, &member, "/api/messaging/seen", &[("id", &id)]).await;
    assert!((200..400).contains(&status), "{status}");
    let reception: serde_json::Value = serde_json::from_str(&next_event(&mut sender_page, "reception").await).unwrap();
    assert_eq!((reception["id"].to_string(), reception["seen"].clone()), (id, 1.into()));

    // Shutting down ends the open streams (it does not wait for them) and stops the workers.
    let _ = stop_a.send(());
    if let Some((_, stop_b, task_b)) = second {
        let _ = stop_b.send(());
        tokio::time::timeout(Duration::from_secs(10), task_b).await.unwrap().unwrap().unwrap();
    }
    tokio::time::timeout(Duration::from_secs(10), task_a).await.unwrap().unwrap().unwrap();
}
