//! SQL of the learning module. Nothing else.

use sqlx::AnyExecutor;

/// A visitor's progress, as JSON, by the hash of their cookie's token.
pub async fn visitor_progress<'c>(db: impl AnyExecutor<'c>, token_hash: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, String>("SELECT data FROM visitor_progress WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

/// A visitor's progress, on PostgreSQL with its row locked until the transaction ends (`lock`).
pub async fn visitor_progress_locked<'c>(
    db: impl AnyExecutor<'c>,
    token_hash: &str,
    lock: bool,
) -> Result<Option<String>, sqlx::Error> {
    let lock = if lock { " FOR UPDATE" } else { "" };
    sqlx::query_scalar::<_, String>(&format!("SELECT data FROM visitor_progress WHERE token_hash = $1{lock}"))
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

pub async fn save_visitor_progress<'c>(
    db: impl AnyExecutor<'c>,
    token_hash: &str,
    data: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO visitor_progress (token_hash, data, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (token_hash) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    )
    .bind(token_hash)
    .bind(data)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets visitors' progress untouched since `before` (their cookie has expired by then).
pub async fn prune_visitors<'c>(db: impl AnyExecutor<'c>, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM visitor_progress WHERE updated_at < $1")
        .bind(before)
        .execute(db)
        .await?
        .rows_affected())
}

pub async fn delete_visitor_progress<'c>(db: impl AnyExecutor<'c>, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM visitor_progress WHERE token_hash = $1").bind(token_hash).execute(db).await?;
    Ok(())
}

/// A learner's progress, as JSON.
pub async fn progress<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, String>("SELECT data FROM learning_progress WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db)
        .await
}

/// Writes `empty` as a learner's progress unless they have some, so that there is a row to lock.
pub async fn ensure_progress<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    empty: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO learning_progress (user_id, data, updated_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(empty)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// A learner's progress, on PostgreSQL with its row locked until the transaction ends (`lock`).
pub async fn progress_locked<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    lock: bool,
) -> Result<Option<String>, sqlx::Error> {
    let lock = if lock { " FOR UPDATE" } else { "" };
    sqlx::query_scalar::<_, String>(&format!("SELECT data FROM learning_progress WHERE user_id = $1{lock}"))
        .bind(user_id)
        .fetch_optional(db)
        .await
}

pub async fn save_progress<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    data: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO learning_progress (user_id, data, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(data)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// A certificate row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CertificateRow {
    pub code: String,
    pub user_id: i64,
    pub holder: String,
    pub initials: String,
    pub courses: String,
    pub zone_id: Option<i64>,
    pub issued_at: i64,
    pub revoked_at: Option<i64>,
}

const CERTIFICATE: &str =
    "SELECT code, user_id, holder, initials, courses, zone_id, issued_at, revoked_at FROM certificates";

/// The learner's certificate that is not revoked, if any.
pub async fn live_certificate_of<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
) -> Result<Option<CertificateRow>, sqlx::Error> {
    sqlx::query_as::<_, CertificateRow>(&format!("{CERTIFICATE} WHERE user_id = $1 AND revoked_at IS NULL"))
        .bind(user_id)
        .fetch_optional(db)
        .await
}

/// Whether a learner has a revoked certificate (a new one then needs the knowledge centre).
pub async fn has_revoked<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<bool, sqlx::Error> {
    let n =
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM certificates WHERE user_id = $1 AND revoked_at IS NOT NULL")
            .bind(user_id)
            .fetch_one(db)
            .await?;
    Ok(n > 0)
}

/// Every certificate code of a learner, revoked ones included (for their data export).
pub async fn certificate_codes_of<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar::<_, String>("SELECT code FROM certificates WHERE user_id = $1 ORDER BY issued_at")
        .bind(user_id)
        .fetch_all(db)
        .await
}

pub async fn certificate<'c>(db: impl AnyExecutor<'c>, code: &str) -> Result<Option<CertificateRow>, sqlx::Error> {
    sqlx::query_as::<_, CertificateRow>(&format!("{CERTIFICATE} WHERE code = $1")).bind(code).fetch_optional(db).await
}

/// Inserts a certificate; `false` when the learner already has a live one.
pub async fn insert_certificate<'c>(db: impl AnyExecutor<'c>, row: &CertificateRow) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO certificates (code, user_id, holder, initials, courses, zone_id, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(&row.code)
    .bind(row.user_id)
    .bind(&row.holder)
    .bind(&row.initials)
    .bind(&row.courses)
    .bind(row.zone_id)
    .bind(row.issued_at)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes a live certificate; `false` when it was already revoked.
pub async fn revoke<'c>(
    db: impl AnyExecutor<'c>,
    code: &str,
    by: i64,
    reason: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE certificates SET revoked_at = $1, revoked_by = $2, revoke_reason = $3 WHERE code = $4 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(reason)
    .bind(code)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn opt_in<'c>(db: impl AnyExecutor<'c>, user_id: i64, zone_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO cpa_volunteers (user_id, zone_id, opted_in_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET zone_id = excluded.zone_id, opted_in_at = excluded.opted_in_at",
    )
    .bind(user_id)
    .bind(zone_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn opt_out<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM cpa_volunteers WHERE user_id = $1").bind(user_id).execute(db).await?;
    Ok(())
}

pub async fn volunteer_zone<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT zone_id FROM cpa_volunteers WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db)
        .await
}

/// The opted-in volunteers of a zone who hold a live certificate: name, e-mail, code, since.
pub async fn volunteers_of_zone<'c>(
    db: impl AnyExecutor<'c>,
    zone_id: i64,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (String, String, String, i64)>(
        "SELECT c.holder, u.email, c.code, v.opted_in_at FROM cpa_volunteers v \
         JOIN users u ON u.id = v.user_id \
         JOIN certificates c ON c.user_id = v.user_id AND c.revoked_at IS NULL \
         WHERE v.zone_id = $1 ORDER BY c.holder, u.id",
    )
    .bind(zone_id)
    .fetch_all(db)
    .await
}

/// Live certificates of learners who gave a postcode in `zone_id`.
pub async fn zone_certified<'c>(db: impl AnyExecutor<'c>, zone_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM certificates WHERE zone_id = $1 AND revoked_at IS NULL")
        .bind(zone_id)
        .fetch_one(db)
        .await
}

/// The learning module's national counts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NationalCounts {
    /// People with progress in the course.
    pub learners: i64,
    /// Live certificates.
    pub certified: i64,
    /// Certified people who opted in as volunteers.
    pub opted_in: i64,
}

pub async fn national_counts<'c>(db: impl AnyExecutor<'c>) -> Result<NationalCounts, sqlx::Error> {
    sqlx::query_as::<_, NationalCounts>(
        "SELECT (SELECT COUNT(*) FROM learning_progress) AS learners, \
                (SELECT COUNT(*) FROM certificates WHERE revoked_at IS NULL) AS certified, \
                (SELECT COUNT(*) FROM cpa_volunteers v JOIN certificates c ON c.user_id = v.user_id AND c.revoked_at IS NULL) AS opted_in",
    )
    .fetch_one(db)
    .await
}
