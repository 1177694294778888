//! SQL of the dashboards. Nothing else.

use crate::directory::types::{BinKind, BinState};
use crate::membership::repo::{BIN_FACTS, BinFactsRow};
use crate::membership::types::MemberState;
use sqlx::AnyExecutor;

/// The active networks of one zone of one kind.
#[derive(Debug, sqlx::FromRow)]
pub struct ZoneKindRow {
    #[sqlx(try_from = "String")]
    pub kind: BinKind,
    pub networks: i64,
    pub households: i64,
    pub without_coordinator: i64,
}

/// The active networks of one zone, per kind.
pub async fn zone_rows<'c>(db: impl AnyExecutor<'c>, zone_id: i64) -> Result<Vec<ZoneKindRow>, sqlx::Error> {
    sqlx::query_as::<_, ZoneKindRow>(
        "SELECT b.kind, COUNT(*) AS networks, CAST(COALESCE(SUM(b.households), 0) AS BIGINT) AS households, \
           CAST(COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.bin_id = b.id AND g.role = 'coordinator') THEN 1 ELSE 0 END), 0) AS BIGINT) AS without_coordinator \
         FROM bins b WHERE b.zone_id = $1 AND b.state = 'active' GROUP BY b.kind",
    )
    .bind(zone_id)
    .fetch_all(db)
    .await
}

/// The networks of one municipality, zone, kind and state, with their households and charters
/// in force (signed and registered).
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct NationalRow {
    pub nis: i64,
    pub zone_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: BinKind,
    #[sqlx(try_from = "String")]
    pub state: BinState,
    pub networks: i64,
    pub households: i64,
    pub charters_in_force: i64,
}

/// Networks per municipality, zone, kind and state.
pub async fn national_rows<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<NationalRow>, sqlx::Error> {
    sqlx::query_as::<_, NationalRow>(
        "SELECT b.nis, b.zone_id, b.kind, b.state, COUNT(*) AS networks, \
           CAST(COALESCE(SUM(b.households), 0) AS BIGINT) AS households, \
           CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM charters c WHERE c.bin_id = b.id \
             AND c.signed_at IS NOT NULL AND c.registered_at IS NOT NULL) THEN 1 ELSE 0 END), 0) AS BIGINT) AS charters_in_force \
         FROM bins b GROUP BY b.nis, b.zone_id, b.kind, b.state ORDER BY b.nis, b.zone_id, b.kind, b.state",
    )
    .fetch_all(db)
    .await
}

/// Live certificates per zone (of learners who gave a postcode): `(zone, certificates)`, to
/// collect into a map.
pub async fn certified_per_zone<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(
        "SELECT zone_id, COUNT(*) FROM certificates WHERE zone_id IS NOT NULL AND revoked_at IS NULL GROUP BY zone_id",
    )
    .fetch_all(db)
    .await
}

/// Each network of a zone with the facts of its continuity score (see
/// [`crate::membership::repo::BIN_FACTS`]).
pub async fn zone_bins<'c>(
    db: impl AnyExecutor<'c>,
    zone_id: i64,
    since: i64,
) -> Result<Vec<BinFactsRow>, sqlx::Error> {
    sqlx::query_as::<_, BinFactsRow>(&format!("{BIN_FACTS} WHERE b.zone_id = $1 ORDER BY b.name, b.id"))
        .bind(zone_id)
        .bind(since)
        .fetch_all(db)
        .await
}

/// When a join request was made and decided (`None`: it still waits).
#[derive(Debug, sqlx::FromRow)]
pub struct RequestTimes {
    pub requested_at: i64,
    pub decided_at: Option<i64>,
}

/// The join requests of a zone's networks that wait or were decided.
pub async fn zone_requests<'c>(db: impl AnyExecutor<'c>, zone_id: i64) -> Result<Vec<RequestTimes>, sqlx::Error> {
    sqlx::query_as::<_, RequestTimes>(
        "SELECT m.requested_at, m.decided_at FROM memberships m JOIN bins b ON b.id = m.bin_id \
         WHERE b.zone_id = $1 AND (m.state = 'pending' OR m.decided_at IS NOT NULL)",
    )
    .bind(zone_id)
    .fetch_all(db)
    .await
}

/// A zone's active networks, and those without a coordinator or a deputy.
#[derive(Debug, sqlx::FromRow)]
pub struct ZoneRiskRow {
    pub zone_id: i64,
    pub networks: i64,
    pub without_coordinator: i64,
    pub without_deputy: i64,
}

/// Per zone: active networks, those without a coordinator, those without a deputy.
pub async fn zone_risk<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<ZoneRiskRow>, sqlx::Error> {
    sqlx::query_as::<_, ZoneRiskRow>(
        "SELECT b.zone_id, COUNT(*) AS networks, \
           CAST(COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.bin_id = b.id AND g.role = 'coordinator') THEN 1 ELSE 0 END), 0) AS BIGINT) AS without_coordinator, \
           CAST(COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.bin_id = b.id AND g.role = 'deputy') THEN 1 ELSE 0 END), 0) AS BIGINT) AS without_deputy \
         FROM bins b WHERE b.state = 'active' GROUP BY b.zone_id",
    )
    .fetch_all(db)
    .await
}

/// One line of the charter registry: each network with its latest charter (if any).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegistryRow {
    pub bin_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: BinKind,
    #[sqlx(try_from = "String")]
    pub state: BinState,
    pub zone_id: i64,
    #[sqlx(try_from = "String")]
    pub region: crate::directory::types::Region,
    pub version: Option<i64>,
    pub signed_at: Option<i64>,
    pub registered_at: Option<i64>,
    pub next_review_at: Option<i64>,
}

/// Every network with the charter in force (its newest registered version), or its draft when
/// none was registered yet.
pub async fn registry<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<RegistryRow>, sqlx::Error> {
    sqlx::query_as::<_, RegistryRow>(
        "SELECT b.id AS bin_id, b.name, b.kind, b.state, b.zone_id, b.region, c.version, c.signed_at, c.registered_at, \
           c.next_review_at \
         FROM bins b LEFT JOIN charters c ON c.bin_id = b.id \
           AND c.version = COALESCE( \
             (SELECT MAX(c2.version) FROM charters c2 WHERE c2.bin_id = b.id AND c2.registered_at IS NOT NULL), \
             (SELECT MAX(c3.version) FROM charters c3 WHERE c3.bin_id = b.id)) \
         ORDER BY b.region, b.zone_id, b.name, b.id",
    )
    .fetch_all(db)
    .await
}

// The queries below cover one zone (`$1` its number) or, with `$1 = 0`, the whole country.

/// The condition on `b.zone_id` for `zone` (0: the whole country), written so that a zone's
/// query can use the index on `bins.zone_id`.
fn in_zone(zone: i64) -> &'static str {
    if zone == 0 { "$1 = 0" } else { "b.zone_id = $1" }
}

/// Joins and leaves per month since `from_month`: `(month, joins, leaves)`, active networks only.
/// For the whole country, from the trend the database keeps as it changes (`household_trend`).
pub async fn household_changes<'c>(
    db: impl AnyExecutor<'c>,
    zone: i64,
    from_month: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    if zone == 0 {
        return sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT month, joins, leaves FROM household_trend \
             WHERE month >= $1 AND (joins <> 0 OR leaves <> 0) ORDER BY month",
        )
        .bind(from_month)
        .fetch_all(db)
        .await;
    }
    sqlx::query_as::<_, (i64, i64, i64)>(&format!(
        "SELECT h.month, CAST(SUM(h.joins) AS BIGINT), CAST(SUM(h.leaves) AS BIGINT) \
         FROM household_months h JOIN bins b ON b.id = h.bin_id \
         WHERE {} AND b.state = 'active' AND h.month >= $2 GROUP BY h.month",
        in_zone(zone)
    ))
    .bind(zone)
    .bind(from_month)
    .fetch_all(db)
    .await
}

/// Member households of the active networks today.
pub async fn households_now<'c>(db: impl AnyExecutor<'c>, zone: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(&format!(
        "SELECT CAST(COALESCE(SUM(b.households), 0) AS BIGINT) FROM bins b \
         WHERE {} AND b.state = 'active'",
        in_zone(zone)
    ))
    .bind(zone)
    .fetch_one(db)
    .await
}

/// A join request and where it stands.
#[derive(Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub requested_at: i64,
    pub decided_at: Option<i64>,
    #[sqlx(try_from = "String")]
    pub state: MemberState,
}

/// Join requests made or decided since `since`.
pub async fn requests_since<'c>(
    db: impl AnyExecutor<'c>,
    zone: i64,
    since: i64,
) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as::<_, RequestRow>(&format!(
        "SELECT m.requested_at, m.decided_at, m.state FROM memberships m JOIN bins b ON b.id = m.bin_id \
         WHERE {} AND (m.requested_at >= $2 OR m.decided_at >= $2)",
        in_zone(zone)
    ))
    .bind(zone)
    .bind(since)
    .fetch_all(db)
    .await
}

/// How many networks of a kind are in a state.
#[derive(Debug, sqlx::FromRow)]
pub struct StateCount {
    #[sqlx(try_from = "String")]
    pub state: BinState,
    #[sqlx(try_from = "String")]
    pub kind: BinKind,
    pub networks: i64,
}

/// Networks per state and kind.
pub async fn states<'c>(db: impl AnyExecutor<'c>, zone: i64) -> Result<Vec<StateCount>, sqlx::Error> {
    sqlx::query_as::<_, StateCount>(&format!(
        "SELECT b.state, b.kind, COUNT(*) AS networks FROM bins b WHERE {} GROUP BY b.state, b.kind",
        in_zone(zone)
    ))
    .bind(zone)
    .fetch_all(db)
    .await
}

/// Active members who gave a decade of birth, per decade: `(decade, members)`.
pub async fn birth_decades<'c>(db: impl AnyExecutor<'c>, zone: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(&format!(
        "SELECT m.birth_decade, COUNT(*) FROM memberships m JOIN bins b ON b.id = m.bin_id \
         WHERE {} AND m.state = 'active' AND m.birth_decade IS NOT NULL \
         GROUP BY m.birth_decade",
        in_zone(zone)
    ))
    .bind(zone)
    .fetch_all(db)
    .await
}

/// The next charter review of each active network (`None` without a signed charter).
pub async fn next_reviews<'c>(db: impl AnyExecutor<'c>, zone: i64) -> Result<Vec<Option<i64>>, sqlx::Error> {
    sqlx::query_scalar::<_, Option<i64>>(&format!(
        "SELECT (SELECT MAX(c.next_review_at) FROM charters c WHERE c.bin_id = b.id AND c.signed_at IS NOT NULL) \
         FROM bins b WHERE {} AND b.state = 'active'",
        in_zone(zone)
    ))
    .bind(zone)
    .fetch_all(db)
    .await
}

/// Active networks per founding year: `(year, networks)`.
pub async fn founding_years<'c>(db: impl AnyExecutor<'c>, zone: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(&format!(
        "SELECT b.founded_year, COUNT(*) FROM bins b WHERE {} AND b.state = 'active' \
         GROUP BY b.founded_year",
        in_zone(zone)
    ))
    .bind(zone)
    .fetch_all(db)
    .await
}

/// Learners (anyone with progress in the learning module) who are active members of a network
/// of the zone.
pub async fn zone_learners<'c>(db: impl AnyExecutor<'c>, zone: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(DISTINCT p.user_id) FROM learning_progress p \
         JOIN memberships m ON m.user_id = p.user_id AND m.state = 'active' \
         JOIN bins b ON b.id = m.bin_id WHERE b.zone_id = $1",
    )
    .bind(zone)
    .fetch_one(db)
    .await
}

/// Keeps the report of a registry import (as JSON) and returns its id.
pub async fn insert_import_report<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    at: i64,
    report: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("INSERT INTO registry_imports (user_id, at, report) VALUES ($1, $2, $3) RETURNING id")
        .bind(user_id)
        .bind(at)
        .bind(report)
        .fetch_one(db)
        .await
}

/// The report of registry import `id`, as JSON.
pub async fn import_report<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT report FROM registry_imports WHERE id = $1").bind(id).fetch_optional(db).await
}
