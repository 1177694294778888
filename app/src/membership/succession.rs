//! Server functions of succession: deputies, the two-step handover of the coordination, and
//! members raising their hand for a network that has lost its coordinator.

use crate::error::AppError;
use leptos::prelude::*;

/// Makes an active member a deputy, or takes the role back (the coordinator only).
#[server(endpoint = "membership/deputy", output = crate::codec::Json)]
pub async fn set_deputy(bin_id: i64, user_id: i64, deputy: bool) -> Result<(), AppError> {
    use crate::membership::repo;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if !me.is_coordinator_of(bin_id) {
        return Err(AppError::Forbidden);
    }
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    if repo::state_of(&mut *tx, bin_id, user_id).await?.as_deref() != Some("active") || user_id == me.id {
        tx.rollback().await?;
        return Err(AppError::NotAMember);
    }
    if deputy {
        repo::grant(&mut *tx, user_id, crate::auth::types::Role::Deputy, bin_id, now).await?;
    } else {
        repo::revoke(&mut *tx, user_id, crate::auth::types::Role::Deputy, bin_id).await?;
    }
    repo::coordinator_acted(&mut *tx, bin_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Offers the coordination to an active member (the coordinator only); a new offer replaces an
/// open one. The successor accepts or declines on their own page.
#[server(endpoint = "membership/handover_offer", output = crate::codec::Json)]
pub async fn offer_handover(bin_id: i64, to_user: i64) -> Result<(), AppError> {
    use crate::membership::{notice::Notice, repo};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if !me.is_coordinator_of(bin_id) {
        return Err(AppError::Forbidden);
    }
    let bin = repo::bin_basics(&state.pool, bin_id).await?.ok_or(AppError::NotFound)?;
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    let membership = repo::membership_of(&mut *tx, bin_id, to_user).await?;
    let Some(request_id) = membership
        .filter(|m| m.state == crate::membership::types::MemberState::Active && to_user != me.id)
        .map(|m| m.id)
    else {
        tx.rollback().await?;
        return Err(AppError::NotAMember);
    };
    repo::close_handovers(&mut *tx, bin_id, "cancelled", now).await?;
    repo::offer_handover(&mut *tx, bin_id, me.id, to_user, now).await?;
    repo::coordinator_acted(&mut *tx, bin_id, now).await?;
    let successor: Vec<crate::notify::repo::Recipient> =
        repo::applicant(&mut *tx, request_id).await?.into_iter().collect();
    let notice = Notice::HandoverOffered { bin_id, bin: bin.name, from: me.display_name.clone() };
    crate::notify::deliver::notify_about(&state, &mut tx, &successor, &notice, Some(me.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The successor accepts or declines a handover. On acceptance they become the coordinator,
/// the former coordinator steps down, and the police zone is told.
#[server(endpoint = "membership/handover_answer", output = crate::codec::Json)]
pub async fn answer_handover(handover_id: i64, accept: bool) -> Result<(), AppError> {
    use crate::membership::{notice::Notice, repo};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let repo::HandoverRow { bin_id, from_user: from, to_user: to } =
        repo::handover(&state.pool, handover_id).await?.ok_or(AppError::AlreadyDecided)?;
    if to != me.id {
        return Err(AppError::Forbidden);
    }
    let bin = repo::bin_basics(&state.pool, bin_id).await?.ok_or(AppError::NotFound)?;
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    if accept && repo::state_of(&mut *tx, bin_id, me.id).await?.as_deref() != Some("active") {
        repo::close_handover(&mut *tx, handover_id, "cancelled", now).await?;
        tx.commit().await?;
        return Err(AppError::NotAMember);
    }
    if accept && !crate::notify::repo::managers(&mut *tx, bin_id).await?.iter().any(|m| m.user_id == from) {
        // The coordinator who offered has left meanwhile: the offer no longer stands.
        repo::close_handover(&mut *tx, handover_id, "cancelled", now).await?;
        tx.commit().await?;
        return Err(AppError::AlreadyDecided);
    }
    if !repo::close_handover(&mut *tx, handover_id, if accept { "accepted" } else { "declined" }, now).await? {
        tx.rollback().await?;
        return Err(AppError::AlreadyDecided);
    }
    if accept {
        repo::close_handovers(&mut *tx, bin_id, "cancelled", now).await?;
        repo::revoke(&mut *tx, from, crate::auth::types::Role::Coordinator, bin_id).await?;
        repo::revoke(&mut *tx, me.id, crate::auth::types::Role::Deputy, bin_id).await?;
        repo::grant(&mut *tx, me.id, crate::auth::types::Role::Coordinator, bin_id, now).await?;
        repo::coordinator_acted(&mut *tx, bin_id, now).await?;
        let mut told = crate::notify::repo::zone_staff(&mut *tx, bin.zone_id).await?;
        told.extend(crate::notify::repo::user_recipient(&mut *tx, from).await?);
        let notice = Notice::HandoverAccepted { bin_id, bin: bin.name, to: me.display_name.clone() };
        crate::notify::deliver::notify_about(&state, &mut tx, &told, &notice, Some(me.id)).await?;
    }
    tx.commit().await?;
    if accept && let Err(e) = state.public_changed().await {
        tracing::error!(error = %e, "could not rebuild the network index");
    }
    Ok(())
}

/// A member of a network without a coordinator says they can help; the zone is told.
#[server(endpoint = "membership/raise_hand", output = crate::codec::Json)]
pub async fn raise_hand(bin_id: i64) -> Result<(), AppError> {
    use crate::membership::{notice::Notice, repo};
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let bin = repo::bin_basics(&state.pool, bin_id).await?.ok_or(AppError::NotFound)?;
    let looking = directory.with_bins(|index| index.get(bin_id).is_some_and(|b| b.map.looking));
    if !looking {
        return Err(AppError::InvalidInput);
    }
    let mut tx = state.begin().await?;
    if !repo::raise_hand(&mut *tx, bin_id, me.id).await? {
        let active = repo::state_of(&mut *tx, bin_id, me.id).await?.as_deref() == Some("active");
        tx.rollback().await?;
        return if active { Ok(()) } else { Err(AppError::NotAMember) };
    }
    let mut told = crate::notify::repo::zone_staff(&mut *tx, bin.zone_id).await?;
    told.extend(crate::notify::repo::managers(&mut *tx, bin_id).await?);
    let notice = Notice::HelpOffered { bin_id, bin: bin.name, who: me.display_name.clone() };
    crate::notify::deliver::notify_about(&state, &mut tx, &told, &notice, Some(me.id)).await?;
    tx.commit().await?;
    Ok(())
}
