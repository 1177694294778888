//! The delivery worker for messages: claims due e-mail and SMS deliveries in batches (several
//! instances never take the same one), sends them, and records each. E-mail goes over one
//! pooled SMTP connection set per batch, several at a time, each with a `Message-ID` made from
//! its delivery, so a retry after a crash is recognisably the same message. Without an SMTP
//! relay (development) e-mails are written to `var/mail/`. SMS go to the HTTP gateway (see
//! `sms.rs`), or without one to `var/sms/`.

use crate::settings::{Settings, SmtpSettings};
use app::messaging::delivery::{self, Outgoing};
use app::messaging::types::Channel;
use app::platform::state::AppState;
use futures_util::StreamExt;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use tokio::sync::watch;

/// Deliveries claimed at once, and e-mails in flight at once.
const BATCH: i64 = 200;
const PARALLEL: usize = 16;

/// Runs until `stop` turns true.
pub async fn run(
    state: AppState,
    settings: Settings,
    ops: std::sync::Arc<crate::ops::Ops>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let result = deliver_due(&state, &settings).await;
        if let Err(e) = &result {
            tracing::error!(error = ?e, "message delivery failed to read its queue");
        }
        ops.beat(crate::ops::Worker::Deliveries, result.is_ok());
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(250)) => {},
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
    }
}

fn transport(smtp: &SmtpSettings) -> AsyncSmtpTransport<Tokio1Executor> {
    // Plain SMTP to the configured relay (a local MTA or the test sink); see README.
    let mut transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str())
        .port(smtp.port)
        .timeout(Some(Duration::from_secs(15)));
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        transport = transport.credentials(Credentials::new(user.clone(), password.expose().to_string()));
    }
    transport.build()
}

/// Sends everything that is due now; returns how many deliveries were made.
pub async fn deliver_due(state: &AppState, settings: &Settings) -> Result<usize, app::error::AppError> {
    let mut done = 0;
    let smtp = settings.smtp.as_ref().map(transport);
    let gateway = match &settings.sms {
        Some(sms) => Some(crate::sms::Gateway::new(sms).map_err(|e| {
            tracing::error!(error = %e, "the SMS gateway is not usable");
            app::error::AppError::Internal
        })?),
        None => None,
    };
    loop {
        let batch = delivery::claim(state, Channel::Email, BATCH).await?;
        if batch.is_empty() {
            break;
        }
        let mut results = futures_util::stream::iter(batch)
            .map(|out| {
                let smtp = smtp.clone();
                async move {
                    let result = match (&smtp, &settings.smtp) {
                        (Some(transport), Some(config)) => send_email(transport, &config.from, &out).await,
                        _ => {
                            write_file(settings, "mail", "eml", &out, &email(&out, "Nabij <no-reply@nabij.invalid>"))
                                .await
                        }
                    };
                    (out, result)
                }
            })
            .buffer_unordered(PARALLEL);
        // Each is recorded as soon as it is sent, so a crash repeats only those in flight.
        while let Some((out, result)) = results.next().await {
            done += record(state, &out, result).await?;
        }
    }
    loop {
        let batch = delivery::claim(state, Channel::Sms, BATCH).await?;
        if batch.is_empty() {
            break;
        }
        let mut results = futures_util::stream::iter(batch)
            .map(|out| {
                let gateway = gateway.clone();
                async move {
                    let result = match (&gateway, app::messaging::text::msisdn(&out.delivery.address)) {
                        (_, None) => Err(format!("not a phone number: {} characters", out.delivery.address.len())),
                        (Some(gateway), Some(number)) => gateway.send(&number, &out.body, &out.key).await,
                        (None, Some(number)) => {
                            let text = Ok(format!("To: {number}\n\n{}\n", out.body).into_bytes());
                            write_file(settings, "sms", "txt", &out, &text).await
                        }
                    };
                    (out, result)
                }
            })
            .buffer_unordered(PARALLEL);
        while let Some((out, result)) = results.next().await {
            done += record(state, &out, result).await?;
        }
    }
    Ok(done)
}

/// Records how one delivery went; returns 1 when it was sent.
async fn record(state: &AppState, out: &Outgoing, result: Result<(), String>) -> Result<usize, app::error::AppError> {
    match result {
        Ok(()) => {
            delivery::sent(state, &out.delivery).await?;
            Ok(1)
        }
        Err(error) => {
            tracing::warn!(delivery = out.delivery.id, attempts = out.delivery.attempts, error = %error, "message delivery failed; will retry");
            delivery::failed(state, &out.delivery, &error).await?;
            Ok(0)
        }
    }
}

fn email(out: &Outgoing, from: &str) -> Result<Vec<u8>, String> {
    build(out, from).map(|m| m.formatted())
}

fn build(out: &Outgoing, from: &str) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("bad sender address: {e}"))?;
    let to: Mailbox = out.delivery.address.parse().map_err(|e| format!("bad recipient address: {e}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .message_id(Some(format!("<{}@nabij.delivery>", out.key)))
        .subject(out.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(out.body.clone())
        .map_err(|e| e.to_string())
}

async fn send_email(transport: &AsyncSmtpTransport<Tokio1Executor>, from: &str, out: &Outgoing) -> Result<(), String> {
    let message = build(out, from)?;
    transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
}

async fn write_file(
    settings: &Settings,
    folder: &str,
    extension: &str,
    out: &Outgoing,
    content: &Result<Vec<u8>, String>,
) -> Result<(), String> {
    let content = content.as_ref().map_err(Clone::clone)?;
    let dir = settings.var_dir.join(folder);
    tokio::fs::create_dir_all(&dir).await.map_err(|e| e.to_string())?;
    let path = dir.join(format!("{}.{extension}", out.key));
    tokio::fs::write(&path, content).await.map_err(|e| e.to_string())?;
    tracing::debug!(delivery = out.delivery.id, path = %path.display(), "delivery written to a file");
    Ok(())
}
