//! A zone's networks as a spreadsheet, for that zone's officers and admins only (the same data
//! as the dashboard's table: aggregates and network names, no personal data).

use crate::auth::types::SafeUser;
use crate::dashboard::texts::T;
use crate::error::AppError;
use crate::i18n::{Common, Lang};
use crate::platform::spreadsheet::{Sheet, Value};
use crate::platform::state::AppState;

pub async fn zone_csv(state: &AppState, me: &SafeUser, zone_id: i64, lang: Lang) -> Result<String, AppError> {
    if !me.serves_zone(zone_id) {
        return Err(AppError::Forbidden);
    }
    let now = crate::platform::now();
    let rows = crate::dashboard::repo::zone_bins(&state.pool, zone_id, now - 90 * 86_400).await?;
    let header = [
        &T::NetworkIdColumn as &dyn crate::i18n::Text as &dyn crate::i18n::Text,
        &Common::NetworkColumn,
        &Common::Kind,
        &T::State,
        &Common::Continuity,
        &T::HasCoordinatorColumn,
        &T::DeputiesColumn,
        &T::CharterStatusColumn,
        &Common::MemberHouseholds,
    ]
    .map(|t| t.get(lang));
    let mut sheet = Sheet::new(lang, &header)?;
    for row in rows {
        use crate::dashboard::zone::charter_status;
        use crate::membership::continuity::continuity_of;
        let facts = (&row).into();
        sheet.row([
            Value::Count(row.id),
            row.name.into(),
            row.kind.text().get(lang).into(),
            row.state.text().get(lang).into(),
            Value::Count(continuity_of(&facts, now).score.into()),
            (if row.coordinator_since.is_some() { T::Yes } else { T::No }).get(lang).into(),
            Value::Count(row.deputies),
            charter_status(row.next_review_at, now).text().get(lang).into(),
            crate::dashboard::types::people_label(row.households).into(),
        ])?;
    }
    tracing::info!(officer = me.id, zone = zone_id, "zone dashboard exported");
    sheet.finish()
}
