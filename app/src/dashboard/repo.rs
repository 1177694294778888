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
