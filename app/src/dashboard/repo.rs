//! SQL of the dashboards. Nothing else.

use sqlx::AnyExecutor;

/// Raw figures of one zone: `(kind, count, households, without_coordinator)` per kind.
pub async fn zone_rows<'c>(
    db: impl AnyExecutor<'c>,
    zone_id: i64,
) -> Result<Vec<(String, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (String, i64, i64, i64)>(
        "SELECT b.kind, COUNT(*), CAST(COALESCE(SUM(b.households), 0) AS BIGINT), \
           CAST(COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.bin_id = b.id AND g.role = 'coordinator') THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM bins b WHERE b.zone_id = $1 AND b.state = 'active' GROUP BY b.kind",
    )
    .bind(zone_id)
    .fetch_all(db)
    .await
}

/// Networks per municipality, zone, kind and state, with their households and charters in
/// force (signed and registered): `(nis, zone, kind, state, networks, households, charters)`.
pub async fn national_rows<'c>(
    db: impl AnyExecutor<'c>,
) -> Result<Vec<(i64, i64, String, String, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64, String, String, i64, i64, i64)>(
        "SELECT b.nis, b.zone_id, b.kind, b.state, COUNT(*), CAST(COALESCE(SUM(b.households), 0) AS BIGINT), \
           CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM charters c WHERE c.bin_id = b.id \
             AND c.signed_at IS NOT NULL AND c.registered_at IS NOT NULL) THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM bins b GROUP BY b.nis, b.zone_id, b.kind, b.state ORDER BY b.nis, b.zone_id, b.kind, b.state",
    )
    .fetch_all(db)
    .await
}

/// Live certificates per zone (of learners who gave a postcode).
pub async fn certified_per_zone<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(
        "SELECT zone_id, COUNT(*) FROM certificates WHERE zone_id IS NOT NULL AND revoked_at IS NULL GROUP BY zone_id",
    )
    .fetch_all(db)
    .await
}
