//! Server functions of role administration. Each checks who calls (`types::may_manage`), that
//! the role and its municipality belong to the zone, and writes the change with its audit
//! entry (and its e-mail) in one transaction.

use crate::error::AppError;
use crate::staff::types::{AuditPage, InvitationView, ZoneStaff};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::auth::repo::{self as auth_repo, NewAudit};
    use crate::auth::types::{AuditAction, AuditEntry, Role, SafeUser};
    use crate::directory::state::Directory;
    use crate::error::AppError;
    use crate::i18n::{Common, Lang};
    use crate::platform::state::AppState;
    use crate::staff::repo::InvitationRow;
    use crate::staff::texts::T;
    use crate::staff::types::{AuditLine, AuditPage, Choice, InvitationState, may_manage};

    /// A zone as a choice: its name, and its official number when known.
    pub fn zone_choice(directory: &Directory, zone_id: i64, lang: Lang) -> Option<Choice> {
        let zone = directory.geo.zone(zone_id)?;
        let name = match zone.number {
            Some(n) => format!("{} ({n})", zone.names.get(lang)),
            None => zone.names.get(lang).to_string(),
        };
        Some(Choice { id: zone.id, name })
    }

    /// The zones `me` manages, by name: every zone for the knowledge centre.
    pub fn managed_zones(directory: &Directory, me: &SafeUser, lang: Lang) -> Vec<Choice> {
        let mut zones: Vec<Choice> = directory
            .geo
            .zones
            .iter()
            .filter(|z| may_manage(me, z.id))
            .filter_map(|z| zone_choice(directory, z.id, lang))
            .collect();
        zones.sort_by_key(|z| z.name.to_lowercase());
        zones
    }

    pub fn municipality_name(directory: &Directory, nis: i64, lang: Lang) -> Option<String> {
        directory.geo.municipality(nis).map(|m| m.names.get(lang).to_string())
    }

    /// The zone `zone` if `me` manages it; else the only zone they manage, if just one.
    pub fn chosen_zone(state: &AppState, me: &SafeUser, zone: Option<i64>) -> Result<Option<i64>, AppError> {
        let directory = Directory::of(state)?;
        match zone {
            Some(id) if directory.geo.zone(id).is_none() => Err(AppError::NotFound),
            Some(id) if may_manage(me, id) => Ok(Some(id)),
            Some(_) => Err(AppError::Forbidden),
            None if me.is_kc_admin() => Ok(None),
            None => Ok(me.grants.iter().find(|g| g.role == Role::ZoneAdmin).and_then(|g| g.zone_id)),
        }
    }

    pub fn invitation_state(row: &InvitationRow, now: i64) -> InvitationState {
        if row.accepted_at.is_some() {
            InvitationState::Accepted
        } else if row.revoked_at.is_some() {
            InvitationState::Withdrawn
        } else if row.expires_at <= now {
            InvitationState::Expired
        } else {
            InvitationState::Open
        }
    }

    /// The scope of an audit entry in words: a municipality, a network, a zone, or national.
    fn scope_of(directory: &Directory, entry: &AuditEntry, lang: Lang) -> String {
        let zone = entry.zone_id.and_then(|z| zone_choice(directory, z, lang)).map(|z| z.name);
        let place = match (entry.nis, entry.bin_id) {
            (Some(nis), _) => municipality_name(directory, nis, lang),
            (None, Some(bin)) => Some(format!("{} {bin}", Common::NetworkColumn.get(lang))),
            _ => None,
        };
        match (place, zone) {
            (Some(place), Some(zone)) => format!("{place}, {zone}"),
            (Some(place), None) => place,
            (None, Some(zone)) => zone,
            (None, None) => T::National.get(lang).to_string(),
        }
    }

    /// The audit log `me` may read: a zone they manage, or (the knowledge centre) all.
    pub async fn audit_page(
        state: &AppState,
        me: &SafeUser,
        zone: Option<i64>,
        limit: i64,
        lang: Lang,
    ) -> Result<AuditPage, AppError> {
        let directory = Directory::of(state)?;
        let zones = managed_zones(directory, me, lang);
        if zones.is_empty() {
            return Err(AppError::Forbidden);
        }
        let zone = chosen_zone(state, me, zone)?;
        let entries = auth_repo::audit_entries(&state.pool, zone, limit).await?;
        let lines =
            entries.into_iter().map(|entry| AuditLine { scope: scope_of(directory, &entry, lang), entry }).collect();
        Ok(AuditPage {
            zone: zone.and_then(|z| zone_choice(directory, z, lang)),
            national: me.is_kc_admin(),
            zones,
            lines,
        })
    }

    /// The audit log as a spreadsheet, every line.
    pub async fn audit_csv(state: &AppState, me: &SafeUser, zone: Option<i64>, lang: Lang) -> Result<String, AppError> {
        use crate::platform::spreadsheet::{Sheet, Value};
        let page = audit_page(state, me, zone, i64::MAX, lang).await?;
        let mut sheet = Sheet::new(
            lang,
            &[&T::When as &dyn crate::i18n::Text, &T::Who, &T::What, &Common::Role, &T::Where, &T::AboutWhom]
                .map(|t| t.get(lang)),
        )?;
        for line in page.lines {
            let e = line.entry;
            sheet.row([
                Value::Moment(e.at),
                e.actor.unwrap_or_else(|| T::DeletedAccount.get(lang).to_string()).into(),
                e.action.label().get(lang).into(),
                e.role.map(|r| r.label().get(lang)).into(),
                line.scope.into(),
                e.subject.into(),
            ])?;
        }
        sheet.finish()
    }

    /// Writes an audit entry of `me`'s action.
    pub async fn audit(
        db: &mut sqlx::AnyConnection,
        me: &SafeUser,
        action: AuditAction,
        entry: NewAudit,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        auth_repo::audit(&mut *db, action, &NewAudit { actor_id: Some(me.id), ..entry }, now).await
    }

    /// The link of an invitation.
    pub fn link(state: &AppState, token: &str) -> String {
        format!("{}/invitation/{token}", state.site.public_url)
    }

    /// The invitation's e-mail, in the inviter's language.
    pub fn invitation_mail(
        state: &AppState,
        me: &SafeUser,
        token: &str,
        role: Role,
        zone_id: i64,
        nis: Option<i64>,
        lang: Lang,
    ) -> Result<crate::platform::mail::Mail, AppError> {
        let directory = Directory::of(state)?;
        let zone = zone_choice(directory, zone_id, lang).map(|z| z.name).unwrap_or_default();
        let scope = match nis.and_then(|n| municipality_name(directory, n, lang)) {
            Some(municipality) => format!("{municipality} ({} {zone})", Common::PoliceZone.get(lang).to_lowercase()),
            None => format!("{} {zone}", Common::PoliceZone.get(lang).to_lowercase()),
        };
        Ok(crate::platform::mail::Mail::Invitation {
            link: link(state, token),
            inviter: me.display_name.clone(),
            role: role.label().get(lang).to_lowercase(),
            scope,
        })
    }
}

/// A zone's staff and open invitations: the zone `zone` (one the reader manages), or the one
/// they manage; the knowledge centre chooses.
#[server(endpoint = "staff/zone", input = GetUrl, output = crate::codec::Json)]
pub async fn staff_of_zone(zone: Option<i64>) -> Result<ZoneStaff, AppError> {
    use crate::auth::repo as auth_repo;
    use crate::staff::types::{OpenInvitation, StaffMember};
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let lang = crate::i18n::detect_lang();
    let zones = ssr::managed_zones(directory, &me, lang);
    if zones.is_empty() {
        return Err(AppError::Forbidden);
    }
    let Some(zone_id) = ssr::chosen_zone(&state, &me, zone)? else {
        return Ok(ZoneStaff { zones, zone: None, staff: vec![], invitations: vec![], municipalities: vec![] });
    };
    let nis_codes = directory.geo.zone(zone_id).map(|z| z.municipalities.clone()).unwrap_or_default();
    let holders = auth_repo::zone_holders(&state.pool, zone_id, &nis_codes).await?;
    let staff = holders
        .into_iter()
        .map(|h| StaffMember {
            is_me: h.user_id == me.id,
            user_id: h.user_id,
            name: h.display_name,
            email: h.email,
            role: h.role,
            municipality: h.nis.and_then(|n| ssr::municipality_name(directory, n, lang)),
            nis: h.nis,
            since: h.granted_at,
        })
        .collect();
    let now = crate::platform::now();
    let invitations = crate::staff::repo::open_in_zone(&state.pool, zone_id, now)
        .await?
        .into_iter()
        .map(|i| OpenInvitation {
            id: i.id,
            role: i.role,
            municipality: i.nis.and_then(|n| ssr::municipality_name(directory, n, lang)),
            email: i.email,
            expires_at: i.expires_at,
            sends: i.sends,
        })
        .collect();
    let mut municipalities: Vec<_> = nis_codes
        .iter()
        .filter_map(|n| {
            ssr::municipality_name(directory, *n, lang).map(|name| crate::staff::types::Choice { id: *n, name })
        })
        .collect();
    municipalities.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(ZoneStaff { zone: ssr::zone_choice(directory, zone_id, lang), zones, staff, invitations, municipalities })
}

/// The municipality of a signatory's invitation or role: required for that role, one of the
/// zone's, and nothing for the other roles.
#[cfg(feature = "ssr")]
fn municipality_for(
    state: &crate::platform::state::AppState,
    role: crate::auth::types::Role,
    zone_id: i64,
    nis: Option<&str>,
) -> Result<Option<i64>, AppError> {
    let directory = crate::directory::state::Directory::of(state)?;
    let nis = nis.map(str::trim).filter(|n| !n.is_empty());
    if role != crate::auth::types::Role::Municipality {
        return Ok(None);
    }
    let nis: i64 = nis.and_then(|n| n.parse().ok()).ok_or(AppError::ChooseMunicipality)?;
    let in_zone = directory.geo.zone(zone_id).is_some_and(|z| z.municipalities.contains(&nis));
    if in_zone { Ok(Some(nis)) } else { Err(AppError::ChooseMunicipality) }
}

/// Invites `email` to `role` in `zone_id` (a signatory for the municipality `nis`).
#[server(endpoint = "staff/invite", output = crate::codec::Json)]
pub async fn invite_to_zone(zone_id: i64, email: String, role: String, nis: Option<String>) -> Result<(), AppError> {
    use crate::auth::repo::{self as auth_repo, NewAudit};
    use crate::auth::types::{AuditAction, Role};
    use crate::platform::{mail, now, tokens};
    use crate::staff::{repo, types};
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    if directory.geo.zone(zone_id).is_none() {
        return Err(AppError::NotFound);
    }
    if !types::may_manage(&me, zone_id) {
        return Err(AppError::Forbidden);
    }
    let role = Role::parse(&role).filter(|r| types::is_zone_role(*r)).ok_or(AppError::InvalidInput)?;
    let email = crate::auth::validate::EmailAddress::parse(&email)?;
    let nis = municipality_for(&state, role, zone_id, nis.as_deref())?;
    let lang = crate::i18n::detect_lang();
    let now = now();
    let mut tx = state.begin().await?;
    if let Some(user) = auth_repo::user_by_email(&mut *tx, &email).await? {
        let grants = auth_repo::grants_of(&mut *tx, user.id).await?;
        let zone = (role != Role::Municipality).then_some(zone_id);
        if grants.iter().any(|g| g.role == role && g.zone_id == zone && g.nis == nis) {
            return Err(AppError::AlreadyHasRole);
        }
    }
    if repo::open_exists(&mut *tx, &email, role, zone_id, nis, now).await? {
        return Err(AppError::AlreadyInvited);
    }
    let token = tokens::new_token();
    let id = repo::insert(
        &mut *tx,
        &repo::NewInvitation {
            token_hash: &tokens::hash_token(&token),
            email: &email,
            role,
            zone_id,
            nis,
            invited_by: me.id,
            now,
            expires_at: now + types::INVITATION_DAYS * 86_400,
        },
    )
    .await?;
    let entry =
        NewAudit { role: Some(role), zone_id: Some(zone_id), nis, invitation_id: Some(id), ..NewAudit::default() };
    ssr::audit(&mut tx, &me, AuditAction::Invited, entry, now).await?;
    let mail = ssr::invitation_mail(&state, &me, &token, role, zone_id, nis, lang)?;
    // An address gets a few mails of a kind an hour at most: then nothing is written either.
    if !mail::enqueue(&mut tx, email.as_str(), lang, &mail).await? {
        return Err(AppError::MailLimit);
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("/staff?zone={zone_id}&done=invited"));
    Ok(())
}

/// The open invitation `id`, if `me` manages its zone.
#[cfg(feature = "ssr")]
async fn managed_invitation(
    tx: &mut sqlx::AnyConnection,
    me: &crate::auth::types::SafeUser,
    id: i64,
) -> Result<crate::staff::repo::InvitationRow, AppError> {
    let row = crate::staff::repo::by_id(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    if !crate::staff::types::may_manage(me, row.zone_id) {
        return Err(AppError::Forbidden);
    }
    if ssr::invitation_state(&row, crate::platform::now()) != crate::staff::types::InvitationState::Open {
        return Err(AppError::InvitationClosed);
    }
    Ok(row)
}

/// Sends an open invitation again, with a new link and a new week (three sends at most).
#[server(endpoint = "staff/resend", output = crate::codec::Json)]
pub async fn resend_invitation(id: i64) -> Result<(), AppError> {
    use crate::auth::repo::NewAudit;
    use crate::auth::types::AuditAction;
    use crate::platform::{mail, now, tokens};
    use crate::staff::{repo, types};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let lang = crate::i18n::detect_lang();
    let now = now();
    let mut tx = state.begin().await?;
    let row = managed_invitation(&mut tx, &me, id).await?;
    if row.sends >= types::MAX_SENDS {
        return Err(AppError::ResendLimit);
    }
    let role = row.role;
    let token = tokens::new_token();
    let expires_at = now + types::INVITATION_DAYS * 86_400;
    if !repo::resend(&mut *tx, id, &tokens::hash_token(&token), now, expires_at, types::MAX_SENDS).await? {
        return Err(AppError::InvitationClosed);
    }
    let entry = NewAudit {
        role: Some(role),
        zone_id: Some(row.zone_id),
        nis: row.nis,
        invitation_id: Some(id),
        ..NewAudit::default()
    };
    ssr::audit(&mut tx, &me, AuditAction::InvitationResent, entry, now).await?;
    let mail = ssr::invitation_mail(&state, &me, &token, role, row.zone_id, row.nis, lang)?;
    if !mail::enqueue(&mut tx, &row.email, lang, &mail).await? {
        return Err(AppError::MailLimit);
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("/staff?zone={}&done=resent", row.zone_id));
    Ok(())
}

/// Withdraws an open invitation: its link stops working.
#[server(endpoint = "staff/withdraw", output = crate::codec::Json)]
pub async fn withdraw_invitation(id: i64, confirm: Option<String>) -> Result<(), AppError> {
    use crate::auth::repo::NewAudit;
    use crate::auth::types::AuditAction;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    AppError::confirmed(confirm.as_deref())?;
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    let row = managed_invitation(&mut tx, &me, id).await?;
    if !crate::staff::repo::withdraw(&mut *tx, id, now).await? {
        return Err(AppError::InvitationClosed);
    }
    let entry = NewAudit {
        role: Some(row.role),
        zone_id: Some(row.zone_id),
        nis: row.nis,
        invitation_id: Some(id),
        ..NewAudit::default()
    };
    ssr::audit(&mut tx, &me, AuditAction::InvitationWithdrawn, entry, now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/staff?zone={}&done=withdrawn", row.zone_id));
    Ok(())
}

/// Takes `role` in `zone_id` (for a signatory: the municipality `nis`) from `user_id`. The last
/// administrator of a zone stays until another has accepted.
#[server(endpoint = "staff/remove", output = crate::codec::Json)]
pub async fn remove_role(
    zone_id: i64,
    user_id: i64,
    role: String,
    nis: Option<String>,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::repo::{self as auth_repo, NewAudit};
    use crate::auth::types::{AuditAction, Grant, Role};
    use crate::staff::types;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    AppError::confirmed(confirm.as_deref())?;
    if !types::may_manage(&me, zone_id) {
        return Err(AppError::Forbidden);
    }
    let role = Role::parse(&role).filter(|r| types::is_zone_role(*r)).ok_or(AppError::InvalidInput)?;
    let nis = municipality_for(&state, role, zone_id, nis.as_deref())?;
    let grant =
        Grant { role, zone_id: (role != Role::Municipality).then_some(zone_id), bin_id: None, nis, scope_name: None };
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    if role == Role::ZoneAdmin && auth_repo::zone_admin_count(&mut *tx, zone_id).await? <= 1 {
        return Err(AppError::LastZoneAdmin);
    }
    if !auth_repo::delete_grant(&mut *tx, user_id, &grant).await? {
        return Err(AppError::NotFound);
    }
    let entry =
        NewAudit { role: Some(role), zone_id: Some(zone_id), nis, subject_id: Some(user_id), ..NewAudit::default() };
    ssr::audit(&mut tx, &me, AuditAction::Revoked, entry, now).await?;
    tx.commit().await?;
    if user_id == me.id {
        leptos_axum::redirect("/account");
    } else {
        leptos_axum::redirect(&format!("/staff?zone={zone_id}&done=removed"));
    }
    Ok(())
}

/// The invitation behind a link, as the invited person sees it (signed in or not).
#[server(endpoint = "staff/invitation", input = GetUrl, output = crate::codec::Json)]
pub async fn invitation(token: String) -> Result<InvitationView, AppError> {
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let lang = crate::i18n::detect_lang();
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    let row = crate::staff::repo::by_token(&state.pool, &crate::platform::tokens::hash_token(&token))
        .await?
        .ok_or(AppError::NotFound)?;
    let me = crate::auth::session::current_user().await?;
    Ok(InvitationView {
        state: ssr::invitation_state(&row, crate::platform::now()),
        role: row.role,
        zone: ssr::zone_choice(directory, row.zone_id, lang).map(|z| z.name).unwrap_or_default(),
        municipality: row.nis.and_then(|n| ssr::municipality_name(directory, n, lang)),
        expires_at: row.expires_at,
        email: row.email,
        signed_in_as: me.map(|u| u.email),
    })
}

/// Accepts the invitation behind `token` for the signed-in account, which must have the
/// invited address: the role is given at once.
#[server(endpoint = "staff/accept", output = crate::codec::Json)]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    use crate::auth::repo::{self as auth_repo, NewAudit};
    use crate::auth::types::{AuditAction, Grant, Role};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    let row = crate::staff::repo::by_token(&mut *tx, &crate::platform::tokens::hash_token(&token))
        .await?
        .ok_or(AppError::NotFound)?;
    if ssr::invitation_state(&row, now) != crate::staff::types::InvitationState::Open {
        return Err(AppError::InvitationClosed);
    }
    if !row.email.eq_ignore_ascii_case(&me.email) {
        return Err(AppError::InvitationOtherAccount);
    }
    let role = row.role;
    let grant = Grant {
        role,
        zone_id: (role != Role::Municipality).then_some(row.zone_id),
        bin_id: None,
        nis: row.nis,
        scope_name: None,
    };
    if !crate::staff::repo::accept(&mut *tx, row.id, me.id, now).await? {
        return Err(AppError::InvitationClosed);
    }
    let held = auth_repo::grants_of(&mut *tx, me.id).await?;
    if !held.iter().any(|g| g.role == grant.role && g.zone_id == grant.zone_id && g.nis == grant.nis) {
        auth_repo::insert_grant(&mut *tx, me.id, &grant, now).await?;
    }
    let entry = NewAudit {
        role: Some(role),
        zone_id: Some(row.zone_id),
        nis: row.nis,
        subject_id: Some(me.id),
        invitation_id: Some(row.id),
        ..NewAudit::default()
    };
    ssr::audit(&mut tx, &me, AuditAction::InvitationAccepted, entry, now).await?;
    tx.commit().await?;
    leptos_axum::redirect("/account?role=1");
    Ok(())
}

/// The audit log of a zone the reader manages, or (the knowledge centre) of every zone.
#[server(endpoint = "staff/audit", input = GetUrl, output = crate::codec::Json)]
pub async fn audit_log(zone: Option<i64>) -> Result<AuditPage, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let lang = crate::i18n::detect_lang();
    ssr::audit_page(&state, &me, zone, crate::staff::types::AUDIT_SHOWN, lang).await
}
