//! SQL of residents' reports: recording one, the reporter's list and the zone's queue, one
//! report with its reporter, its handling, and its photo. Nothing else.

use sqlx::AnyExecutor;

/// A report to record.
pub struct NewReport<'a> {
    pub reporter_id: i64,
    pub zone_id: i64,
    pub nis: i64,
    pub what: &'a str,
    pub place: &'a str,
    pub lat: f64,
    pub lon: f64,
    pub observed_at: i64,
    pub contact_ok: bool,
    pub lang: &'a str,
    pub now: i64,
}

pub async fn insert(tx: &mut sqlx::AnyConnection, r: &NewReport<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO reports (reporter_id, zone_id, nis, what, place, lat, lon, observed_at, contact_ok, lang, status, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'new', $11) RETURNING id",
    )
    .bind(r.reporter_id)
    .bind(r.zone_id)
    .bind(r.nis)
    .bind(r.what)
    .bind(r.place)
    .bind(r.lat)
    .bind(r.lon)
    .bind(r.observed_at)
    .bind(i64::from(r.contact_ok))
    .bind(r.lang)
    .bind(r.now)
    .fetch_one(tx)
    .await
}

/// How many reports a person made since a moment (for the rate limit).
pub async fn made_since<'c>(db: impl AnyExecutor<'c>, reporter_id: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM reports WHERE reporter_id = $1 AND created_at >= $2")
        .bind(reporter_id)
        .bind(since)
        .fetch_one(db)
        .await
}

/// A report as stored, with its reporter's name and address (when they still have an account).
#[derive(Debug, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub reporter_id: Option<i64>,
    pub zone_id: i64,
    pub what: String,
    pub place: String,
    pub observed_at: i64,
    pub contact_ok: i64,
    pub status: String,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub answer: Option<String>,
    pub alert_id: Option<i64>,
    pub has_photo: i64,
    pub reporter_name: Option<String>,
    pub reporter_email: Option<String>,
}

const REPORT: &str = "SELECT r.id, r.reporter_id, r.zone_id, r.what, r.place, r.observed_at, r.contact_ok, r.status, \
     r.created_at, r.closed_at, r.answer, r.alert_id, \
     (SELECT COUNT(*) FROM report_photos p WHERE p.report_id = r.id) AS has_photo, \
     u.display_name AS reporter_name, u.email AS reporter_email \
     FROM reports r LEFT JOIN users u ON u.id = r.reporter_id";

pub async fn report<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<ReportRow>, sqlx::Error> {
    sqlx::query_as::<_, ReportRow>(&format!("{REPORT} WHERE r.id = $1")).bind(id).fetch_optional(db).await
}

/// A person's own reports, newest first.
pub async fn by_reporter<'c>(db: impl AnyExecutor<'c>, reporter_id: i64) -> Result<Vec<ReportRow>, sqlx::Error> {
    sqlx::query_as::<_, ReportRow>(&format!(
        "{REPORT} WHERE r.reporter_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 200"
    ))
    .bind(reporter_id)
    .fetch_all(db)
    .await
}

/// Leaves a person's reports with their zones as anonymous observations (their account goes).
pub async fn forget_reporter(tx: &mut sqlx::AnyConnection, reporter_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reports SET reporter_id = NULL, contact_ok = 0 WHERE reporter_id = $1")
        .bind(reporter_id)
        .execute(tx)
        .await?;
    Ok(())
}

/// The reports of the zones given, in one state or all: new ones first, then oldest first
/// within a state, so what waits longest is on top.
pub async fn queue<'c>(
    db: impl AnyExecutor<'c>,
    zones: &[i64],
    status: Option<&str>,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    if zones.is_empty() {
        return Ok(Vec::new());
    }
    let list = zones.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let filter = if status.is_some() { "AND r.status = $1" } else { "" };
    let sql = format!(
        "{REPORT} WHERE r.zone_id IN ({list}) {filter} \
         ORDER BY CASE r.status WHEN 'new' THEN 0 WHEN 'handling' THEN 1 ELSE 2 END, \
         CASE WHEN r.status = 'closed' THEN -r.created_at ELSE r.created_at END, r.id LIMIT 500"
    );
    let mut query = sqlx::query_as::<_, ReportRow>(&sql);
    if let Some(status) = status {
        query = query.bind(status);
    }
    query.fetch_all(db).await
}

/// Takes a new report on; false when it was no longer new.
pub async fn take(tx: &mut sqlx::AnyConnection, id: i64, officer: i64, now: i64) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE reports SET status = 'handling', handled_by = $2, responded_at = COALESCE(responded_at, $3) \
         WHERE id = $1 AND status = 'new'",
    )
    .bind(id)
    .bind(officer)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Closes an open report with the answer for its reporter; false when it was closed already.
pub async fn close(
    tx: &mut sqlx::AnyConnection,
    id: i64,
    officer: i64,
    answer: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE reports SET status = 'closed', handled_by = $2, answer = $3, closed_at = $4, \
         responded_at = COALESCE(responded_at, $4) WHERE id = $1 AND status <> 'closed'",
    )
    .bind(id)
    .bind(officer)
    .bind(answer)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Records the alert a report was turned into (the first one only).
pub async fn link_alert(tx: &mut sqlx::AnyConnection, id: i64, message_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE reports SET alert_id = COALESCE(alert_id, $2), responded_at = COALESCE(responded_at, $3), \
         status = CASE WHEN status = 'new' THEN 'handling' ELSE status END WHERE id = $1",
    )
    .bind(id)
    .bind(message_id)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

/// The reports made since `since` to a zone (all zones for zone 0): `(made, first response,
/// closed)`.
pub async fn report_facts<'c>(
    db: impl AnyExecutor<'c>,
    zone: i64,
    since: i64,
) -> Result<Vec<(i64, Option<i64>, Option<i64>)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, Option<i64>, Option<i64>)>(
        "SELECT created_at, responded_at, closed_at FROM reports WHERE created_at >= $2 AND ($1 = 0 OR zone_id = $1) \
         ORDER BY created_at",
    )
    .bind(zone)
    .bind(since)
    .fetch_all(db)
    .await
}
