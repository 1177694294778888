//! The member list of one network as CSV, for its coordinators' own use.

use crate::auth::types::SafeUser;
use crate::error::AppError;
use crate::platform::state::AppState;

/// The CSV of `bin_id`'s members and pending requests; only its coordinator and deputies get it.
/// Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
pub async fn members_csv(state: &AppState, me: &SafeUser, bin_id: i64) -> Result<String, AppError> {
    if !me.coordinates(bin_id) {
        return Err(AppError::Forbidden);
    }
    let rows = crate::membership::repo::members(&state.pool, bin_id).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let header =
        ["name", "email", "phone", "street", "house_number", "postcode", "language", "state", "role", "requested_at"];
    let internal = |e: csv::Error| {
        tracing::error!(error = %e, "CSV writing failed");
        AppError::Internal
    };
    out.write_record(header).map_err(internal)?;
    for m in rows {
        let role = if m.coordinator != 0 {
            "coordinator"
        } else if m.deputy != 0 {
            "deputy"
        } else {
            "member"
        };
        let requested = chrono::DateTime::from_timestamp(m.requested_at, 0).map(|d| d.to_rfc3339()).unwrap_or_default();
        let cells = [
            m.display_name,
            m.email,
            m.phone.unwrap_or_default(),
            m.street,
            m.house_number,
            m.postcode,
            m.lang,
            m.state,
            role.to_string(),
            requested,
        ];
        out.write_record(cells.iter().map(|c| crate::platform::spreadsheet::cell(c))).map_err(internal)?;
    }
    tracing::info!(user = me.id, bin = bin_id, "member list exported by its coordination");
    let bytes = out.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}
