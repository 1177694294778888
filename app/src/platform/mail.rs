//! E-mail: every message is written to the `outbox` table in the same transaction as the change
//! it reports, and a background sender delivers it. Texts exist in the four languages.

use crate::i18n::Lang;
use crate::platform::db::Pool;
use crate::platform::now;
use crate::platform::texts::Words;

/// A message to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mail {
    ConfirmEmail {
        link: String,
    },
    ResetPassword {
        link: String,
    },
    ConfirmNewEmail {
        link: String,
    },
    EmailChangedNotice {
        new_email: String,
    },
    AccountDeleted,
    SetPassword {
        link: String,
    },
    /// Someone tried to sign up with an address that already has an account.
    AlreadyRegistered {
        sign_in_link: String,
    },
    /// An invitation to a role in a police zone: who invites, the role and its scope already in
    /// the reader's language.
    Invitation {
        link: String,
        inviter: String,
        role: String,
        scope: String,
    },
    /// A notice (also in the inbox), already written in the recipient's language, with a link
    /// to act on it.
    Notice {
        title: String,
        body: String,
        link: String,
    },
}

/// A message ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// How many mails of one kind (other than notices) one address gets in an hour at most: enough
/// for a person who asks twice, too few to flood anyone's inbox through our forms.
pub const PER_KIND_PER_HOUR: i64 = 3;

/// How long a sent mail's row (without its text) is kept, for the delivery's record.
pub const KEEP_SENT_S: i64 = 30 * 86_400;

impl Mail {
    /// The kind of this mail, for the limit per recipient.
    pub fn kind(&self) -> &'static str {
        match self {
            Mail::ConfirmEmail { .. } => "confirm",
            Mail::ResetPassword { .. } => "reset",
            Mail::ConfirmNewEmail { .. } => "confirm_new",
            Mail::EmailChangedNotice { .. } => "email_changed",
            Mail::AccountDeleted => "deleted",
            Mail::SetPassword { .. } => "set_password",
            Mail::AlreadyRegistered { .. } => "already_registered",
            Mail::Invitation { .. } => "invitation",
            Mail::Notice { .. } => "notice",
        }
    }

    /// The subject and text of this message in `lang`.
    pub fn render(&self, lang: Lang) -> Rendered {
        let signed = |subject: &str, body: String| Rendered {
            subject: format!("Nabij{}{subject}", lang.colon()),
            body: format!("{body}\n\n-- \n{}\n", Words::MailSignature.get(lang)),
        };
        let (subject, body) = match self {
            Mail::ConfirmEmail { link } => (
                Words::MailConfirmEmailSubject.get(lang),
                format!(
                    "{}\n\n{link}\n\n{}",
                    Words::MailConfirmEmailBody.get(lang),
                    Words::MailConfirmEmailIgnore.get(lang)
                ),
            ),
            Mail::ResetPassword { link } => (
                Words::MailResetPasswordSubject.get(lang),
                format!(
                    "{}\n\n{link}\n\n{}",
                    Words::MailResetPasswordBody.get(lang),
                    Words::MailResetPasswordIgnore.get(lang)
                ),
            ),
            Mail::ConfirmNewEmail { link } => (
                Words::MailConfirmNewEmailSubject.get(lang),
                format!("{}\n\n{link}", Words::MailConfirmNewEmailBody.get(lang)),
            ),
            Mail::EmailChangedNotice { new_email } => (
                Words::MailEmailChangedSubject.get(lang),
                format!(
                    "{} {new_email}\n\n{}",
                    Words::MailEmailChangedBody.get(lang),
                    Words::MailEmailChangedNotYou.get(lang)
                ),
            ),
            Mail::AccountDeleted => {
                (Words::MailAccountDeletedSubject.get(lang), Words::MailAccountDeletedBody.get(lang).to_string())
            }
            Mail::SetPassword { link } => {
                (Words::MailSetPasswordSubject.get(lang), format!("{}\n\n{link}", Words::MailSetPasswordBody.get(lang)))
            }
            Mail::AlreadyRegistered { sign_in_link } => (
                Words::MailAlreadyRegisteredSubject.get(lang),
                format!("{}\n\n{sign_in_link}", Words::MailAlreadyRegisteredBody.get(lang)),
            ),
            Mail::Invitation { link, inviter, role, scope } => (
                Words::MailInvitationSubject.get(lang),
                format!(
                    "{}\n\n{link}\n\n{}",
                    crate::i18n::fill(
                        lang,
                        Words::MailInvitationBody.get(lang),
                        &[inviter.clone(), role.clone(), scope.clone()],
                    ),
                    Words::MailInvitationIgnore.get(lang)
                ),
            ),
            Mail::Notice { title, body, link } => {
                let body = if link.is_empty() { body.clone() } else { format!("{body}\n\n{link}") };
                return signed(title, body);
            }
        };
        signed(subject, body)
    }
}

/// A message waiting in the outbox.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// Queues `mail` for `recipient` inside the caller's transaction. A mail the forms of the site
/// trigger (links, warnings) is left out once the address had [`PER_KIND_PER_HOUR`] of its kind
/// in the last hour; the person who asked sees the same answer either way. Returns whether it
/// was queued.
pub async fn enqueue(
    tx: &mut sqlx::AnyConnection,
    recipient: &str,
    lang: Lang,
    mail: &Mail,
) -> Result<bool, sqlx::Error> {
    let now = now();
    if !matches!(mail, Mail::Notice { .. } | Mail::AccountDeleted | Mail::EmailChangedNotice { .. }) {
        let recent: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND kind = $2 AND created_at > $3")
                .bind(recipient)
                .bind(mail.kind())
                .bind(now - 3_600)
                .fetch_one(&mut *tx)
                .await?;
        if recent >= PER_KIND_PER_HOUR {
            tracing::warn!(kind = mail.kind(), "mail left out: too many of its kind for one address this hour");
            return Ok(false);
        }
    }
    let rendered = mail.render(lang);
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, body, kind, created_at, attempts) VALUES ($1, $2, $3, $4, $5, 0)",
    )
    .bind(recipient)
    .bind(rendered.subject)
    .bind(rendered.body)
    .bind(mail.kind())
    .bind(now)
    .execute(tx)
    .await?;
    Ok(true)
}

/// Drops every mail to `recipient`, sent or waiting (their account is deleted).
pub async fn forget_recipient(tx: &mut sqlx::AnyConnection, recipient: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM outbox WHERE recipient = $1").bind(recipient).execute(tx).await?;
    Ok(())
}

/// Deletes the rows of mails sent (or given up on) more than `keep_s` seconds ago.
pub async fn prune(pool: &Pool, now: i64, keep_s: i64) -> Result<u64, sqlx::Error> {
    let before = now - keep_s;
    let done = sqlx::query(
        "DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) OR (sent_at IS NULL AND attempts >= 8 AND created_at < $1)",
    )
    .bind(before)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// What waits in a queue: to send (`pending`, of which `retrying` failed at least once) and
/// given up on (`failed`), for the operator's metrics.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Backlog {
    pub queue: String,
    pub pending: i64,
    pub retrying: i64,
    pub failed: i64,
}

/// The e-mail outbox's backlog (notices, links, digests: not messages, see `messaging`).
pub async fn backlog(pool: &Pool) -> Result<Backlog, sqlx::Error> {
    sqlx::query_as::<_, Backlog>(
        "SELECT 'mail' AS queue, \
         COALESCE(SUM(CASE WHEN attempts < 8 THEN 1 ELSE 0 END), 0) AS pending, \
         COALESCE(SUM(CASE WHEN attempts > 0 AND attempts < 8 THEN 1 ELSE 0 END), 0) AS retrying, \
         COALESCE(SUM(CASE WHEN attempts >= 8 THEN 1 ELSE 0 END), 0) AS failed \
         FROM outbox WHERE sent_at IS NULL",
    )
    .fetch_one(pool)
    .await
}

/// Messages due for (another) attempt, oldest first.
pub async fn due(pool: &Pool, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    sqlx::query_as::<_, OutboxRow>(
        "SELECT id, recipient, subject, body, attempts FROM outbox \
         WHERE sent_at IS NULL AND attempts < 8 AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
    )
    .bind(now())
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Records a delivery.
pub async fn mark_sent(pool: &Pool, id: i64) -> Result<(), sqlx::Error> {
    // The text (with any link and its token) is not kept once delivered.
    // The goodbye after an account's deletion keeps not even the address.
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, last_error = NULL, subject = '', body = '', \
         recipient = CASE WHEN kind = 'deleted' THEN '' ELSE recipient END WHERE id = $2",
    )
    .bind(now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Records a failed attempt and backs off exponentially (1, 2, 4 … minutes).
pub async fn mark_failed(pool: &Pool, row: &OutboxRow, error: &str) -> Result<(), sqlx::Error> {
    let delay = 60_i64 << row.attempts.clamp(0, 10);
    sqlx::query("UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3")
        .bind(error.chars().take(500).collect::<String>())
        .bind(now() + delay)
        .bind(row.id)
        .execute(pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mail_renders_in_every_language_with_its_link() {
        let link = "https://nabij.example/confirm?token=abc".to_string();
        let mails = [
            Mail::ConfirmEmail { link: link.clone() },
            Mail::ResetPassword { link: link.clone() },
            Mail::ConfirmNewEmail { link: link.clone() },
            Mail::SetPassword { link: link.clone() },
            Mail::Invitation {
                link: link.clone(),
                inviter: "Demo Zonechef".into(),
                role: "agent".into(),
                scope: "Gent".into(),
            },
        ];
        for mail in &mails {
            let subjects: std::collections::HashSet<_> = Lang::ALL.iter().map(|l| mail.render(*l).subject).collect();
            assert_eq!(subjects.len(), 4);
            for lang in Lang::ALL {
                assert!(mail.render(lang).body.contains(&link));
            }
        }
    }
}
