//! The outbox sender: delivers queued e-mail over SMTP, or, when no SMTP server is configured
//! (development), writes each message to `var/mail/` and logs that it did. Failures are retried
//! with back-off; a message is never lost by a restart because it stays in the table until sent.

use crate::settings::{Settings, SmtpSettings};
use app::platform::db::Pool;
use app::platform::mail::{self, OutboxRow};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use tokio::sync::watch;

/// Runs until `stop` turns true.
pub async fn run(
    pool: Pool,
    settings: Settings,
    ops: std::sync::Arc<crate::ops::Ops>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let result = deliver_due(&pool, &settings).await;
        if let Err(e) = &result {
            tracing::error!(error = %e, "outbox sender failed to read the outbox");
        }
        ops.beat(crate::ops::Worker::Mail, result.is_ok());
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(500)) => {},
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// Sends every message that is due; returns how many were delivered.
pub async fn deliver_due(pool: &Pool, settings: &Settings) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    for row in mail::due(pool, 50).await? {
        let result = match &settings.smtp {
            Some(smtp) => send_smtp(smtp, &row).await,
            None => write_file(settings, &row).await,
        };
        match result {
            Ok(()) => {
                mail::mark_sent(pool, row.id).await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(outbox_id = row.id, attempts = row.attempts + 1, error = %error, "e-mail delivery failed; will retry");
                mail::mark_failed(pool, &row, &error).await?;
            }
        }
    }
    Ok(sent)
}

fn build_message(from: &str, row: &OutboxRow) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("bad sender address: {e}"))?;
    let to: Mailbox = row.recipient.parse().map_err(|e| format!("bad recipient address: {e}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(row.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(row.body.clone())
        .map_err(|e| e.to_string())
}

async fn send_smtp(smtp: &SmtpSettings, row: &OutboxRow) -> Result<(), String> {
    let message = build_message(&smtp.from, row)?;
    // Plain SMTP to the configured relay (a local MTA or the test sink); see README.
    let mut transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str())
        .port(smtp.port)
        .timeout(Some(Duration::from_secs(15)));
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        transport = transport.credentials(Credentials::new(user.clone(), password.expose().to_string()));
    }
    transport.build().send(message).await.map(|_| ()).map_err(|e| e.to_string())
}

async fn write_file(settings: &Settings, row: &OutboxRow) -> Result<(), String> {
    let message = build_message("Nabij <no-reply@nabij.invalid>", row)?;
    let dir = settings.var_dir.join("mail");
    tokio::fs::create_dir_all(&dir).await.map_err(|e| e.to_string())?;
    let path = dir.join(format!("{:06}.eml", row.id));
    tokio::fs::write(&path, message.formatted()).await.map_err(|e| e.to_string())?;
    tracing::info!(outbox_id = row.id, path = %path.display(), "no SMTP server configured: e-mail written to a file");
    Ok(())
}
