//! Sending a notice: into each recipient's inbox and, by e-mail, into the outbox, in the
//! caller's transaction, so a notice exists exactly when the change it reports does.

use crate::error::AppError;
use crate::notify::notice::{StoredNotice, Tell};
use crate::notify::repo::{self, Recipient};
use crate::platform::mail::{self, Mail};
use crate::platform::state::AppState;

/// Tells each recipient, in the inbox and by e-mail (in their language), within `tx`.
pub async fn notify(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    recipients: &[Recipient],
    notice: &dyn Tell,
) -> Result<(), AppError> {
    notify_about(state, tx, recipients, notice, None).await
}

/// As [`notify`], for a notice that names a person (`about`, a user id): it leaves everyone's
/// inbox when that person deletes their account.
pub async fn notify_about(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    recipients: &[Recipient],
    notice: &dyn Tell,
    about: Option<i64>,
) -> Result<(), AppError> {
    let stored = StoredNotice::of(notice);
    let json = serde_json::to_string(&stored).map_err(|_| AppError::Internal)?;
    let link = format!("{}{}", state.site.public_url, stored.link);
    let now = crate::platform::now();
    for person in recipients {
        repo::insert_inbox(&mut *tx, person.user_id, &json, about, now).await?;
        let (title, body) = stored.texts(person.lang);
        let mail = Mail::Notice { title: title.to_string(), body: body.to_string(), link: link.clone() };
        mail::enqueue(tx, &person.email, person.lang, &mail).await?;
    }
    Ok(())
}
