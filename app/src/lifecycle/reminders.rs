//! Reminders before a charter's review date: once per charter version, to the network's
//! coordinators and its police zone, through the inbox and e-mail.

use crate::error::AppError;
use crate::lifecycle::notice::LifeNotice;
use crate::platform::state::AppState;

/// How long before the review date the reminder goes out.
pub const REMIND_BEFORE_S: i64 = 60 * 86_400;

/// Sends the reminders that are due at `now`; returns how many charters were reminded. Each is
/// claimed in its own transaction, so several server instances never send one twice.
pub async fn send_due(state: &AppState, now: i64) -> Result<usize, AppError> {
    let due = crate::lifecycle::repo::reviews_to_remind(&state.pool, now + REMIND_BEFORE_S).await?;
    let mut sent = 0;
    for (charter_id, bin_id, name, zone_id, review_at) in due {
        let mut tx = state.begin().await?;
        if !crate::lifecycle::repo::claim_reminder(&mut *tx, charter_id, now).await? {
            tx.rollback().await?;
            continue;
        }
        let mut told = crate::notify::repo::managers(&mut *tx, bin_id).await?;
        told.extend(crate::notify::repo::zone_staff(&mut *tx, zone_id).await?);
        let due = chrono::DateTime::from_timestamp(review_at, 0)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let notice = LifeNotice::ReviewDue { bin_id, bin: name, due };
        crate::notify::deliver::notify(state, &mut tx, &told, &notice).await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// Marks every charter of the demo data whose review is already near as reminded, so that
/// loading the demo does not send a thousand reminders to made-up people at once.
pub async fn mark_demo_reminded(db: &mut sqlx::AnyConnection, now: i64) -> Result<(), sqlx::Error> {
    crate::lifecycle::repo::mark_reviews_reminded(db, now, now + REMIND_BEFORE_S).await
}
