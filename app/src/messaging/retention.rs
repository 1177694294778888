//! Keeping no more than needed: past the retention period (12 months unless configured) a
//! message keeps its reception as counts, and the records of who received it, at which address,
//! and when they saw it are deleted. Each message is claimed, so several instances reduce it
//! once.

use crate::error::AppError;
use crate::platform::state::AppState;

/// How long recipient and delivery records are kept, in days, unless configured.
pub const DEFAULT_KEEP_DAYS: i64 = 365;

/// Reduces the messages sent more than `keep_days` before `now`; returns how many.
pub async fn reduce_old(state: &AppState, now: i64, keep_days: i64) -> Result<usize, AppError> {
    use crate::messaging::repo;
    let mut reduced = 0;
    for id in repo::to_reduce(&state.pool, now - keep_days * 86_400).await? {
        let mut tx = state.begin().await?;
        let reception = repo::reception(&mut tx, id).await?;
        let json = serde_json::to_string(&reception).map_err(|_| AppError::Internal)?;
        if repo::reduce(&mut tx, id, &json, now).await? {
            tx.commit().await?;
            reduced += 1;
        } else {
            tx.rollback().await?;
        }
    }
    Ok(reduced)
}
