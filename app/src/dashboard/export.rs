//! A zone's networks as CSV, for that zone's officers and admins only (the same data as the
//! dashboard's table: aggregates and network names, no personal data).

use crate::auth::types::SafeUser;
use crate::error::AppError;
use crate::platform::state::AppState;

pub async fn zone_csv(state: &AppState, me: &SafeUser, zone_id: i64) -> Result<String, AppError> {
    if !me.serves_zone(zone_id) {
        return Err(AppError::Forbidden);
    }
    let now = crate::platform::now();
    let rows = crate::dashboard::repo::zone_bins(&state.pool, zone_id, now - 90 * 86_400).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let internal = |e: csv::Error| {
        tracing::error!(error = %e, "CSV writing failed");
        AppError::Internal
    };
    out.write_record([
        "id",
        "name",
        "kind",
        "state",
        "continuity",
        "coordinator",
        "deputies",
        "charter",
        "member_households",
    ])
    .map_err(internal)?;
    for row in rows {
        use crate::dashboard::zone::{charter_status, continuity_of};
        let facts = (&row).into();
        let charter = serde_json::to_value(charter_status(row.next_review_at, now)).map_err(|_| AppError::Internal)?;
        out.write_record([
            row.id.to_string(),
            crate::platform::spreadsheet::cell(&row.name),
            row.kind,
            row.state,
            continuity_of(&facts, now).score.to_string(),
            (if row.coordinator_since.is_some() { "yes" } else { "no" }).to_string(),
            row.deputies.to_string(),
            charter.as_str().unwrap_or_default().to_string(),
            crate::dashboard::types::people_label(row.households),
        ])
        .map_err(internal)?;
    }
    tracing::info!(officer = me.id, zone = zone_id, "zone dashboard exported");
    let bytes = out.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}
