//! SQL for invitations. Nothing else (grants and the audit log are `auth`'s).

use crate::auth::types::Role;
use crate::auth::validate::EmailAddress;
use sqlx::AnyExecutor;

/// An invitation as stored. The token is kept only as its hash.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub zone_id: i64,
    pub nis: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub sends: i64,
    pub accepted_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str = "id, email, role, zone_id, nis, created_at, expires_at, sends, accepted_at, revoked_at";

/// What a new invitation says.
pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub email: &'a EmailAddress,
    pub role: Role,
    pub zone_id: i64,
    pub nis: Option<i64>,
    pub invited_by: i64,
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert<'c>(db: impl AnyExecutor<'c>, new: &NewInvitation<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO invitations (token_hash, email, role, zone_id, nis, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(new.token_hash)
    .bind(new.email.as_str())
    .bind(new.role.code())
    .bind(new.zone_id)
    .bind(new.nis)
    .bind(new.invited_by)
    .bind(new.now)
    .bind(new.expires_at)
    .fetch_one(db)
    .await
}

pub async fn by_token<'c>(db: impl AnyExecutor<'c>, token_hash: &str) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as::<_, InvitationRow>(&format!("SELECT {COLUMNS} FROM invitations WHERE token_hash = $1"))
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

pub async fn by_id<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as::<_, InvitationRow>(&format!("SELECT {COLUMNS} FROM invitations WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The zone's invitations still open at `now`, newest first.
pub async fn open_in_zone<'c>(
    db: impl AnyExecutor<'c>,
    zone_id: i64,
    now: i64,
) -> Result<Vec<InvitationRow>, sqlx::Error> {
    sqlx::query_as::<_, InvitationRow>(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE zone_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL \
         AND expires_at > $2 ORDER BY created_at DESC, id DESC"
    ))
    .bind(zone_id)
    .bind(now)
    .fetch_all(db)
    .await
}

/// Whether `email` has an open invitation to the same role and scope.
pub async fn open_exists<'c>(
    db: impl AnyExecutor<'c>,
    email: &EmailAddress,
    role: Role,
    zone_id: i64,
    nis: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE email = $1 AND role = $2 AND zone_id = $3 \
         AND COALESCE(nis, -1) = $4 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $5",
    )
    .bind(email.as_str())
    .bind(role.code())
    .bind(zone_id)
    .bind(nis.unwrap_or(-1))
    .bind(now)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// Sends an open invitation again with a new link (the old one stops working) and a new week;
/// false when it is no longer open or was sent `max_sends` times.
pub async fn resend<'c>(
    db: impl AnyExecutor<'c>,
    id: i64,
    token_hash: &str,
    now: i64,
    expires_at: i64,
    max_sends: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET token_hash = $1, expires_at = $2, sends = sends + 1 \
         WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $4 AND sends < $5",
    )
    .bind(token_hash)
    .bind(expires_at)
    .bind(id)
    .bind(now)
    .bind(max_sends)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Withdraws an open invitation; false when it was no longer open.
pub async fn withdraw<'c>(db: impl AnyExecutor<'c>, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Marks an open, unexpired invitation accepted by `user_id`; false when it was not (any more).
pub async fn accept<'c>(db: impl AnyExecutor<'c>, id: i64, user_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = $1, accepted_by = $2 \
         WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $4",
    )
    .bind(now)
    .bind(user_id)
    .bind(id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The invitations sent to `email`, for the person's data export.
pub async fn sent_to<'c>(db: impl AnyExecutor<'c>, email: &str) -> Result<Vec<InvitationRow>, sqlx::Error> {
    sqlx::query_as::<_, InvitationRow>(&format!("SELECT {COLUMNS} FROM invitations WHERE email = $1 ORDER BY id"))
        .bind(email)
        .fetch_all(db)
        .await
}

/// How long an invitation is kept once it was accepted, withdrawn or ran out (its address is
/// personal data of someone who may never have signed up); the audit log keeps its entries
/// without the address.
pub const KEEP_ENDED_S: i64 = 90 * 86_400;

/// Removes the invitations that ended before `before`; returns how many.
pub async fn prune<'c>(db: impl AnyExecutor<'c>, before: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM invitations WHERE COALESCE(accepted_at, revoked_at, expires_at) < $1")
        .bind(before)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Removes the invitations sent to `email` (when its account is deleted); the audit log keeps
/// its entries without the address.
pub async fn forget<'c>(db: impl AnyExecutor<'c>, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM invitations WHERE email = $1").bind(email).execute(db).await?;
    Ok(())
}
