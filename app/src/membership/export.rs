//! The member list of one network as a spreadsheet, for its coordinators' own use.

use crate::auth::types::SafeUser;
use crate::error::AppError;
use crate::i18n::{Common, Lang};
use crate::membership::texts::T;
use crate::membership::types::MemberState;
use crate::platform::spreadsheet::{Sheet, Value};
use crate::platform::state::AppState;

/// Writes in the audit log that `reader` read the member list of `bin_id` (never what was in it).
pub async fn audit_read(state: &AppState, reader: i64, bin_id: i64) -> Result<(), sqlx::Error> {
    use crate::auth::repo::{NewAudit, audit};
    let zone_id = crate::membership::repo::zone_of(&state.pool, bin_id).await?;
    let entry = NewAudit { actor_id: Some(reader), zone_id, bin_id: Some(bin_id), ..NewAudit::default() };
    audit(&state.pool, crate::auth::types::AuditAction::ReadMembers, &entry, crate::platform::now()).await
}

/// The spreadsheet of `bin_id`'s members, then its pending requests, with a status column that
/// tells them apart; only its coordinator and deputies get it.
pub async fn members_csv(state: &AppState, me: &SafeUser, bin_id: i64, lang: Lang) -> Result<String, AppError> {
    if !me.coordinates_or_deputises(bin_id) {
        return Err(AppError::Forbidden);
    }
    audit_read(state, me.id, bin_id).await?;
    let mut rows = crate::membership::repo::members(&state.pool, bin_id).await?;
    rows.sort_by_key(|m| (m.state != MemberState::Active, m.requested_at));
    let header = [
        &T::StatusColumn as &dyn crate::i18n::Text as &dyn crate::i18n::Text,
        &Common::NameColumn,
        &Common::Email,
        &T::PhoneColumn,
        &T::Street,
        &T::HouseNumber,
        &T::Postcode,
        &T::LanguageColumn,
        &Common::Role,
        &T::RequestedOn,
    ]
    .map(|t| t.get(lang));
    let mut sheet = Sheet::new(lang, &header)?;
    for m in rows {
        let active = m.state == MemberState::Active;
        let status = if active { T::RoleMember } else { T::StatusRequest };
        let role = if !active {
            None
        } else if m.coordinator != 0 {
            Some(Common::RoleCoordinator.get(lang))
        } else if m.deputy != 0 {
            Some(Common::RoleDeputy.get(lang))
        } else {
            Some(T::RoleMember.get(lang))
        };
        let language = Lang::parse(&m.lang).map_or(m.lang.clone(), |l| l.native_name().to_string());
        sheet.row([
            status.get(lang).into(),
            m.display_name.into(),
            m.email.into(),
            m.phone.into(),
            m.street.into(),
            m.house_number.into(),
            m.postcode.into(),
            language.into(),
            role.into(),
            Value::Moment(m.requested_at),
        ])?;
    }
    tracing::info!(user = me.id, bin = bin_id, "member list exported by its coordination");
    sheet.finish()
}
