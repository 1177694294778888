//! Server functions of joining, deciding, leaving and the member's own networks. Each checks
//! who calls and what they may do, validates, and writes the change and its notices in one
//! transaction.

// A server function's parameters are its form's fields, one by one (so forms work without
// JavaScript); the join form has nine.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::membership::types::{JoinContext, JoinOutcome, ManageView, MyBin};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::error::AppError;
    use crate::i18n::Lang;

    /// A house number as written ("12", "12A", "12 bus 3") and the number it starts with.
    pub fn house_number(input: &str) -> Result<(String, i64), AppError> {
        let input = input.trim();
        let digits: String = input.chars().take_while(char::is_ascii_digit).collect();
        match digits.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) && input.chars().count() <= 12 => Ok((input.to_string(), n)),
            _ => Err(AppError::InvalidInput),
        }
    }

    /// A street name: letters and the usual signs, 2 to 100 characters.
    pub fn street(input: &str) -> Result<String, AppError> {
        let input = input.split_whitespace().collect::<Vec<_>>().join(" ");
        let ok = (2..=100).contains(&input.chars().count())
            && input.chars().any(char::is_alphabetic)
            && !input.chars().any(|c| c.is_control() || "<>{}".contains(c));
        if ok { Ok(input) } else { Err(AppError::InvalidInput) }
    }

    pub fn lang(code: &str) -> Result<Lang, AppError> {
        Lang::parse(code.trim()).ok_or(AppError::InvalidInput)
    }

    /// An optional decade of birth: empty, or one of the decades the form offers.
    pub fn birth_decade(input: Option<&str>) -> Result<Option<i64>, AppError> {
        match input.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => s
                .parse::<i64>()
                .ok()
                .filter(|d| crate::membership::types::BIRTH_DECADES.contains(d))
                .map(Some)
                .ok_or(AppError::InvalidInput),
        }
    }
}

/// The join page: the network and where the caller stands with it.
#[server(endpoint = "membership/join_info", output = crate::codec::Json)]
pub async fn join_info(bin_id: i64) -> Result<JoinContext, AppError> {
    use crate::membership::repo;
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    // Only an active network is public (as on its page and in the open API); a proposed,
    // declined, sleeping or dissolved one does not exist to anyone asking to join.
    let bin = repo::bin_basics(&state.pool, bin_id)
        .await?
        .filter(|b| b.state == crate::directory::types::BinState::Active)
        .ok_or(AppError::NotFound)?;
    let me = crate::auth::session::current_user().await?;
    let standing = match &me {
        Some(me) => repo::membership_of(&state.pool, bin_id, me.id).await?.map(|m| m.state),
        None => None,
    };
    let lang = crate::i18n::detect_lang();
    Ok(JoinContext {
        bin_id,
        bin_name: bin.name,
        municipality: directory.geo.municipality(bin.nis).map(|m| m.names.get(lang).to_string()).unwrap_or_default(),
        signed_in: me.is_some(),
        state: standing,
        consent_version: crate::membership::types::CONSENT_VERSION.to_string(),
        postcode: directory.geo.postcode_in(bin.nis, bin.lat, bin.lon).filter(|p| p.exact).map(|p| p.postcode),
    })
}

/// Asks to join a network with an address its streets cover. Asking twice is one request; an
/// address in another network's streets gets that network's name and link instead.
#[server(endpoint = "membership/join", output = crate::codec::Json)]
pub async fn join_bin(
    bin_id: i64,
    street: String,
    house_number: String,
    postcode: String,
    phone: String,
    lang: String,
    accept_rules: Option<String>,
    accept_privacy: Option<String>,
    birth_decade: Option<String>,
) -> Result<JoinOutcome, AppError> {
    use crate::membership::{notice::Notice, repo, types::CONSENT_VERSION};
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let street = ssr::street(&street)?;
    let (house_number, number) = ssr::house_number(&house_number)?;
    let postcode = crate::directory::types::Postcode::of_field(&postcode)?;
    let places = directory.geo.postcode(postcode.as_str());
    if places.is_empty() {
        return Err(AppError::UnknownPostcode);
    }
    let phone = crate::membership::types::PhoneNumber::optional(&phone)?;
    let lang = ssr::lang(&lang)?;
    let birth_decade = ssr::birth_decade(birth_decade.as_deref())?;
    if accept_rules.as_deref() != Some("yes") || accept_privacy.as_deref() != Some("yes") {
        return Err(AppError::ConsentRequired);
    }
    let bin = repo::bin_basics(&state.pool, bin_id).await?.ok_or(AppError::NotFound)?;
    if bin.state != crate::directory::types::BinState::Active {
        return Err(AppError::BinNotOpen);
    }
    let covered_here = places.iter().any(|p| p.nis == bin.nis)
        && crate::directory::repo::segments_of(&state.pool, bin_id).await?.iter().any(|s| s.covers(&street, number));
    if !covered_here {
        for place in &places {
            let covering = crate::directory::repo::segments_in(&state.pool, place.nis)
                .await?
                .into_iter()
                .find(|(_, s)| s.covers(&street, number));
            if let Some((other, _)) = covering
                && let Some(other) = repo::bin_basics(&state.pool, other).await?
            {
                return Ok(JoinOutcome::OtherBin { id: other.id, name: other.name });
            }
        }
        return Err(AppError::AddressNotCovered);
    }
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    let request = repo::Request {
        bin_id,
        user_id: me.id,
        street: &street,
        house_number: &house_number,
        postcode: &postcode,
        phone: phone.as_ref(),
        lang: lang.code(),
        birth_decade,
        consent_version: CONSENT_VERSION,
        now,
    };
    if !repo::file_request(&mut tx, &request).await? {
        let standing = repo::state_of(&mut *tx, bin_id, me.id).await?;
        tx.rollback().await?;
        if matches!(standing.as_deref(), Some("declined" | "left")) {
            return Err(AppError::RequestTooSoon);
        }
        return Ok(if standing.as_deref() == Some("active") {
            JoinOutcome::AlreadyMember
        } else {
            JoinOutcome::AlreadyRequested
        });
    }
    // Without a coordinator the request waits for one; the police are not sent residents' names.
    let recipients = crate::notify::repo::managers(&mut *tx, bin_id).await?;
    let notice = Notice::JoinRequested { bin_id, bin: bin.name.clone(), who: me.display_name.clone() };
    crate::notify::deliver::notify_about(&state, &mut tx, &recipients, &notice, Some(me.id)).await?;
    tx.commit().await?;
    tracing::info!(bin = bin_id, "join request filed");
    Ok(JoinOutcome::Requested)
}

/// Approves or declines a request (the network's coordinator or deputies only).
#[server(endpoint = "membership/decide", output = crate::codec::Json)]
pub async fn decide_request(
    bin_id: i64,
    request_id: i64,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::membership::{notice::Notice, repo};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if !me.coordinates_or_deputises(bin_id) {
        return Err(AppError::Forbidden);
    }
    let approve = match decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(AppError::InvalidInput),
    };
    let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 300) {
        return Err(AppError::InvalidInput);
    }
    let bin = repo::bin_basics(&state.pool, bin_id).await?.ok_or(AppError::NotFound)?;
    let applicant = repo::applicant(&state.pool, request_id).await?.ok_or(AppError::NotFound)?;
    if repo::membership_of(&state.pool, bin_id, applicant.user_id).await?.map(|m| m.id) != Some(request_id) {
        return Err(AppError::NotFound);
    }
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    if !repo::decide(&mut *tx, request_id, bin_id, approve, me.id, reason.as_deref(), now).await? {
        tx.rollback().await?;
        return Err(AppError::AlreadyDecided);
    }
    if approve {
        repo::adjust_households(&mut tx, bin_id, 1, now).await?;
    }
    repo::coordinator_acted(&mut *tx, bin_id, now).await?;
    let notice = if approve {
        Notice::JoinApproved { bin_id, bin: bin.name }
    } else {
        Notice::JoinDeclined { bin_id, bin: bin.name, reason }
    };
    crate::notify::deliver::notify(&state, &mut tx, &[applicant], &notice).await?;
    tx.commit().await?;
    Ok(())
}

/// The caller's networks and requests.
#[server(endpoint = "membership/mine", output = crate::codec::Json)]
pub async fn my_bins() -> Result<Vec<MyBin>, AppError> {
    use crate::membership::types::MemberState;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let rows = crate::membership::repo::my_bins(&state.pool, me.id).await?;
    let mut bins: Vec<MyBin> = rows
        .into_iter()
        .map(|r| MyBin {
            bin_id: r.bin_id,
            bin_name: r.name,
            state: r.state,
            phone: r.phone,
            lang: r.lang,
            birth_decade: r.birth_decade,
            looking_for_coordinator: r.coordinators == 0,
            can_help: r.can_help != 0,
            manages: r.manages > 0,
            handover_offer: r.offer,
            membership: true,
        })
        .collect();
    // Networks the caller coordinates without a membership of their own (set up by the zone).
    for grant in &me.grants {
        let Some(bin_id) = grant.bin_id else { continue };
        if bins.iter().any(|b| b.bin_id == bin_id) {
            continue;
        }
        if let Some(bin) = crate::membership::repo::bin_basics(&state.pool, bin_id).await? {
            bins.push(MyBin {
                bin_id,
                bin_name: bin.name,
                state: MemberState::Active,
                phone: None,
                lang: me.lang.clone(),
                birth_decade: None,
                looking_for_coordinator: false,
                can_help: false,
                manages: true,
                handover_offer: None,
                membership: false,
            });
        }
    }
    Ok(bins)
}

/// Leaves a network (or withdraws a request), after a confirmation. A coordinator or deputy who
/// leaves gives up that role, and the network then shows it is looking for a coordinator.
#[server(endpoint = "membership/leave", output = crate::codec::Json)]
pub async fn leave_bin(bin_id: i64, confirm: Option<String>) -> Result<(), AppError> {
    use crate::membership::repo;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    AppError::confirmed(confirm.as_deref())?;
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    // Each update changes the row only from the state it names, so a decision made meanwhile
    // cannot make the household count drift.
    if repo::leave_from(&mut *tx, bin_id, me.id, "active", now).await? {
        repo::adjust_households(&mut tx, bin_id, -1, now).await?;
    } else if !repo::leave_from(&mut *tx, bin_id, me.id, "pending", now).await? {
        tx.rollback().await?;
        return Err(AppError::NotAMember);
    }
    let had_role = repo::revoke(&mut *tx, me.id, crate::auth::types::Role::Coordinator, bin_id).await?;
    repo::revoke(&mut *tx, me.id, crate::auth::types::Role::Deputy, bin_id).await?;
    if had_role {
        repo::close_handovers(&mut *tx, bin_id, "cancelled", now).await?;
    }
    tx.commit().await?;
    if had_role && let Err(e) = state.public_changed().await {
        tracing::error!(error = %e, "could not rebuild the network index");
    }
    Ok(())
}

/// Changes what a member shares with their network's coordinators.
#[server(endpoint = "membership/sharing", output = crate::codec::Json)]
pub async fn update_sharing(
    bin_id: i64,
    phone: String,
    lang: String,
    birth_decade: Option<String>,
) -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let phone = crate::membership::types::PhoneNumber::optional(&phone)?;
    let lang = ssr::lang(&lang)?;
    let birth_decade = ssr::birth_decade(birth_decade.as_deref())?;
    if !crate::membership::repo::update_sharing(&state.pool, bin_id, me.id, phone.as_ref(), lang.code(), birth_decade)
        .await?
    {
        return Err(AppError::NotAMember);
    }
    leptos_axum::redirect("/my?saved=1");
    Ok(())
}

/// A network's members and requests, its continuity score and any open handover: for its
/// coordinator and deputies only.
#[server(endpoint = "membership/manage", output = crate::codec::Json)]
pub async fn manage_bin(bin_id: i64) -> Result<ManageView, AppError> {
    use crate::membership::repo;
    use crate::membership::types::Member;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if !me.coordinates_or_deputises(bin_id) {
        return Err(AppError::Forbidden);
    }
    let members = repo::members(&state.pool, bin_id)
        .await?
        .into_iter()
        .map(|m| Member {
            request_id: m.id,
            user_id: m.user_id,
            name: m.display_name,
            email: m.email,
            phone: m.phone,
            address: format!("{} {}, {}", m.street, m.house_number, m.postcode),
            lang: m.lang,
            state: m.state,
            requested_at: m.requested_at,
            deputy: m.deputy != 0,
            coordinator: m.coordinator != 0,
            can_help: m.can_help != 0,
        })
        .collect();
    let now = crate::platform::now();
    let row =
        crate::membership::repo::bin_facts(&state.pool, bin_id, now - 90 * 86_400).await?.ok_or(AppError::NotFound)?;
    let facts = crate::membership::continuity::Facts::from(&row);
    crate::membership::export::audit_read(&state, me.id, bin_id).await?;
    Ok(ManageView {
        bin_id,
        bin_name: row.name.clone(),
        is_coordinator: me.is_coordinator_of(bin_id),
        members,
        continuity: crate::membership::continuity::continuity_of(&facts, now),
        handover_to: repo::open_handover_to(&state.pool, bin_id).await?,
    })
}
