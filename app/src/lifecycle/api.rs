//! Server functions of a network's life: proposing a network, its file, and every step after
//! (review, revision, signatures, registration, renewal, dormancy, dissolution, appointing a
//! coordinator). Each checks who calls and where the network stands, and writes the change, its
//! event and its notices in one transaction.

// A server function's parameters are its form's fields, one by one (so forms work without
// JavaScript).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::lifecycle::types::{Initiative, LifeView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::types::SafeUser;
    use crate::directory::state::Directory;
    use crate::directory::types::BinState;
    use crate::error::AppError;
    use crate::i18n::Lang;
    use crate::lifecycle::machine::{Draft, Party, Standing, Step};
    use crate::lifecycle::repo::{self, BinFile};
    use crate::lifecycle::types::{Actor, CharterVersion, Event, Signature};
    use crate::notify::repo::Recipient;
    use crate::platform::state::AppState;

    /// How long a registered charter runs before its review.
    pub const REVIEW_AFTER_S: i64 = 3 * 365 * 86_400;

    /// The role a step is taken in, as recorded.
    pub fn role_for(step: Step, standing: Standing, party: Option<Party>) -> Actor {
        match (step, party) {
            (Step::Sign, Some(p)) => p.into(),
            (Step::Revise | Step::Propose, _) => Actor::Coordinator,
            (Step::Register, _) => Actor::KnowledgeCentre,
            _ if standing.zone_admin => Actor::ZoneAdmin,
            _ if standing.officer => Actor::Officer,
            _ if standing.kc => Actor::KnowledgeCentre,
            _ => Actor::Coordinator,
        }
    }

    /// Everyone a network's life concerns: its coordinators, its zone and its municipality.
    pub async fn parties_of(tx: &mut sqlx::AnyConnection, file: &BinFile) -> Result<Vec<Recipient>, sqlx::Error> {
        let mut people = crate::notify::repo::managers(&mut *tx, file.id).await?;
        people.extend(crate::notify::repo::zone_staff(&mut *tx, file.zone_id).await?);
        people.extend(crate::notify::repo::municipality_signatories(&mut *tx, file.nis).await?);
        Ok(crate::notify::repo::dedup(people))
    }

    /// The open draft as the machine needs it, for `user`.
    pub async fn draft_for(
        db: &mut sqlx::AnyConnection,
        charters: &[repo::CharterRow],
        user_id: i64,
    ) -> Result<Option<Draft>, sqlx::Error> {
        let Some(open) = charters.iter().find(|c| c.registered_at.is_none()) else {
            return Ok(None);
        };
        let signers = repo::signers(&mut *db, open.id).await?;
        Ok(Some(Draft {
            signed: signers.iter().filter_map(|(p, _)| Party::parse(p)).collect(),
            signed_by_me: signers.iter().any(|(_, u)| *u == Some(user_id)),
        }))
    }

    /// The network's file as `me` may see it.
    pub async fn life_view(
        state: &AppState,
        me: &SafeUser,
        file: BinFile,
        lang: Lang,
    ) -> Result<crate::lifecycle::types::LifeView, AppError> {
        let directory = Directory::of(state)?;
        let bin_state = file.state;
        let standing = Standing::of(me, file.id, file.nis, file.zone_id);
        if !standing.involved() {
            return Err(AppError::Forbidden);
        }
        let mut conn = state.pool.acquire().await?;
        let events = repo::events(&mut *conn, file.id)
            .await?
            .into_iter()
            .map(|e| Event {
                at: e.at,
                step: e.action,
                role: e.actor_role,
                from: e.from_state,
                to: e.to_state,
                message: e.message,
            })
            .collect();
        let rows = repo::charters(&mut *conn, file.id).await?;
        let signatures = repo::signatures(&mut *conn, file.id).await?;
        let draft = draft_for(&mut conn, &rows, me.id).await?;
        let looking = bin_state == BinState::Active && !repo::has_coordinator(&mut *conn, file.id).await?;
        let mut steps = crate::lifecycle::machine::steps_for(bin_state, standing, draft.as_ref());
        if !looking {
            steps.retain(|s| *s != Step::Appoint);
        }
        let can_sign_for = match (&draft, steps.contains(&Step::Sign)) {
            (Some(d), true) => standing.parties().into_iter().filter(|p| !d.signed.contains(p)).collect(),
            _ => Vec::new(),
        };
        let helpers = if steps.contains(&Step::Appoint) {
            repo::helpers(&mut *conn, file.id)
                .await?
                .into_iter()
                .map(|(user_id, name)| crate::lifecycle::types::Helper { user_id, name })
                .collect()
        } else {
            Vec::new()
        };
        let charters = rows
            .into_iter()
            .map(|c| CharterVersion {
                version: c.version,
                rules: c.rules,
                drafted_at: c.drafted_at,
                signatures: signatures
                    .iter()
                    .filter(|s| s.0 == c.id)
                    .filter_map(|(_, party, name, at)| {
                        Some(Signature { party: Party::parse(party)?, name: name.clone(), at: *at })
                    })
                    .collect(),
                signed_at: c.signed_at,
                registered_at: c.registered_at,
                next_review_at: c.next_review_at,
            })
            .collect();
        let streets = crate::directory::repo::segments_of(&mut *conn, file.id).await?;
        let municipality =
            directory.geo.municipality(file.nis).map(|m| m.names.get(lang).to_string()).unwrap_or_default();
        let zone = directory.geo.zone(file.zone_id).map(|z| z.names.get(lang).to_string()).unwrap_or_default();
        let map_svg = area_svg(directory, &file, &municipality, lang);
        Ok(crate::lifecycle::types::LifeView {
            bin_id: file.id,
            kind: file.kind,
            name: file.name,
            state: bin_state,
            municipality,
            zone,
            purpose: file.purpose,
            streets,
            lat: file.lat,
            lon: file.lon,
            radius_m: file.radius_m,
            events,
            charters,
            standing,
            steps,
            can_sign_for,
            looking,
            helpers,
            map_svg,
        })
    }

    /// The area on the base map: 30 km around the network, its circle and its name.
    pub fn area_svg(directory: &Directory, file: &BinFile, municipality: &str, lang: Lang) -> String {
        use crate::ui::esc;
        let (x, y) = directory.map.place(file.lat, file.lon);
        let (fw, fh) = (directory.map.frame.width, directory.map.frame.height);
        let (w, h) = (300, 200);
        let (x0, y0) = ((x - w / 2).clamp(0, (fw - w).max(0)), (y - h / 2).clamp(0, (fh - h).max(0)));
        let r = (file.radius_m as f64 / 100.0).max(2.0);
        let title =
            format!("{}{}{} ({municipality})", crate::i18n::Common::AreaOnMap.get(lang), lang.colon(), file.name);
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{x0} {y0} {w} {h}\" role=\"img\" \
             aria-labelledby=\"area-title\" data-test-area=\"\"><title id=\"area-title\">{}</title>\
             <image href=\"/map/base.svg\" x=\"0\" y=\"0\" width=\"{fw}\" height=\"{fh}\"/>\
             <circle cx=\"{x}\" cy=\"{y}\" r=\"{r:.1}\" fill=\"#1d5fa6\" fill-opacity=\"0.25\" stroke=\"#1d5fa6\" stroke-width=\"1\"/>\
             <circle cx=\"{x}\" cy=\"{y}\" r=\"2.5\" fill=\"#1d5fa6\" stroke=\"#fff\" stroke-width=\"0.8\"/>\
             <text x=\"{x}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#1b2430\" stroke=\"#fff\" \
             stroke-width=\"2\" paint-order=\"stroke\" aria-hidden=\"true\">{}</text></svg>",
            esc(&title),
            y as f64 - r - 4.0,
            esc(municipality)
        )
    }

    /// What a step was given, checked: the message kept with it, the charter's rules, the party
    /// signed for and the member appointed.
    pub struct StepInput {
        pub message: Option<String>,
        rules: Option<String>,
        party: Option<Party>,
        user_id: Option<i64>,
    }

    impl StepInput {
        pub fn read(
            step: Step,
            standing: Standing,
            message: Option<String>,
            rules: Option<String>,
            party: Option<String>,
            user_id: Option<i64>,
            confirm: Option<String>,
        ) -> Result<StepInput, AppError> {
            let text = |input: Option<String>, min: usize| {
                crate::lifecycle::proposal::text(input.as_deref().unwrap_or_default(), min, 4000)
            };
            let message = match step {
                Step::AskChanges | Step::Decline | Step::Dissolve => Some(text(message, 5)?),
                _ => Some(text(message, 0)?).filter(|m| !m.is_empty()),
            };
            let rules = match step {
                Step::Accept | Step::Renew => Some(text(rules, 20)?),
                _ => None,
            };
            let party = match step {
                Step::Sign => {
                    let party = party.as_deref().and_then(Party::parse).ok_or(AppError::InvalidInput)?;
                    if !standing.parties().contains(&party) {
                        return Err(AppError::Forbidden);
                    }
                    Some(party)
                }
                _ => None,
            };
            if step == Step::Dissolve && confirm.as_deref() != Some("yes") {
                return Err(AppError::ConfirmationMismatch);
            }
            Ok(StepInput { message, rules, party, user_id })
        }
    }

    /// What a step did: whom to tell, and of which step (the last signature completes the
    /// charter, and that is what the knowledge centre hears of).
    pub struct Done {
        pub told: Vec<Recipient>,
        pub notice_step: Step,
    }

    type Tx = sqlx::Transaction<'static, sqlx::Any>;

    /// Takes `step` from the network's state to `to` within `tx` and records it in the network's
    /// file. On an error the caller drops `tx`, which undoes what was written.
    pub async fn take(
        tx: &mut Tx,
        me: &SafeUser,
        file: &BinFile,
        step: Step,
        to: BinState,
        input: &StepInput,
        now: i64,
    ) -> Result<Done, AppError> {
        let from = file.state;
        // Locks the network's row for the rest of the transaction and checks it still stands
        // where it stood: two steps at once are taken one after the other, and the second sees
        // the first.
        moved(tx, file.id, from, from).await?;
        let (told, completed) = match step {
            Step::Accept | Step::AskChanges | Step::Decline | Step::Suspend | Step::Reactivate | Step::Dissolve => {
                (change_state(tx, file, step, to, input, now).await?, false)
            }
            Step::Renew => (renew(tx, file, input, now).await?, false),
            Step::Sign => sign(tx, file, me, input, now).await?,
            Step::Register => (register(tx, file, to, now).await?, false),
            Step::Appoint => (appoint(tx, file, input, now).await?, false),
            Step::Propose | Step::Revise | Step::Complete => return Err(AppError::InvalidInput),
        };
        let standing = Standing::of(me, file.id, file.nis, file.zone_id);
        let mut event = repo::NewEvent {
            bin_id: file.id,
            at: now,
            actor_id: Some(me.id),
            role: role_for(step, standing, input.party),
            step,
            from,
            to,
            message: input.message.as_deref(),
        };
        repo::record(&mut **tx, &event).await?;
        if !completed {
            return Ok(Done { told, notice_step: step });
        }
        let signed = if from == BinState::Charter { BinState::Signed } else { from };
        if signed != from {
            moved(tx, file.id, from, signed).await?;
        }
        event.step = Step::Complete;
        event.role = Actor::KnowledgeCentre;
        event.to = signed;
        event.message = None;
        repo::record(&mut **tx, &event).await?;
        Ok(Done { told, notice_step: Step::Complete })
    }

    /// Moves the network from `from` to `to`; `wrong_state` when it no longer stands at `from`.
    async fn moved(tx: &mut Tx, bin_id: i64, from: BinState, to: BinState) -> Result<(), AppError> {
        if repo::move_state(&mut **tx, bin_id, from, to).await? { Ok(()) } else { Err(AppError::WrongState) }
    }

    /// The charter draft being signed, locked; `wrong_state` when there is none.
    async fn open_draft(tx: &mut Tx, bin_id: i64) -> Result<i64, AppError> {
        repo::lock_open_draft(&mut **tx, bin_id).await?.ok_or(AppError::WrongState)
    }

    /// Accept, ask for changes, decline, suspend, reactivate, dissolve: the state changes (and
    /// accepting drafts the charter); the parties are told.
    async fn change_state(
        tx: &mut Tx,
        file: &BinFile,
        step: Step,
        to: BinState,
        input: &StepInput,
        now: i64,
    ) -> Result<Vec<Recipient>, AppError> {
        moved(tx, file.id, file.state, to).await?;
        if let Some(rules) = &input.rules {
            repo::draft_charter(&mut **tx, file.id, rules, now).await?;
        }
        let told = parties_of(tx, file).await?;
        // A dissolved network's coordination ends with it (they are told first).
        if step == Step::Dissolve {
            crate::membership::repo::end_roles(&mut **tx, file.id).await?;
        }
        Ok(told)
    }

    /// A new charter version for a running network, unless one is being signed already.
    async fn renew(tx: &mut Tx, file: &BinFile, input: &StepInput, now: i64) -> Result<Vec<Recipient>, AppError> {
        if repo::lock_open_draft(&mut **tx, file.id).await?.is_some() {
            return Err(AppError::WrongState);
        }
        repo::draft_charter(&mut **tx, file.id, input.rules.as_deref().unwrap_or_default(), now).await?;
        Ok(parties_of(tx, file).await?)
    }

    /// One party's signature, once per party and per person; the last one completes the
    /// charter (`true`) and tells the knowledge centre.
    async fn sign(
        tx: &mut Tx,
        file: &BinFile,
        me: &SafeUser,
        input: &StepInput,
        now: i64,
    ) -> Result<(Vec<Recipient>, bool), AppError> {
        let party = input.party.ok_or(AppError::InvalidInput)?;
        let charter_id = open_draft(tx, file.id).await?;
        let signers = repo::signers(&mut **tx, charter_id).await?;
        if signers.iter().any(|(p, u)| p == party.code() || *u == Some(me.id)) {
            return Err(AppError::AlreadySigned);
        }
        repo::sign(&mut **tx, charter_id, party.code(), me.id, &me.display_name, now).await?;
        if signers.len() + 1 < Party::ALL.len() {
            return Ok((Vec::new(), false));
        }
        repo::mark_signed(&mut **tx, charter_id, now).await?;
        Ok((crate::notify::repo::kc_admins(&mut **tx).await?, true))
    }

    /// The knowledge centre registers the signed charter: the network is active (again), its
    /// founding year set when it is new.
    async fn register(tx: &mut Tx, file: &BinFile, to: BinState, now: i64) -> Result<Vec<Recipient>, AppError> {
        let charter_id = open_draft(tx, file.id).await?;
        if !repo::register(&mut **tx, charter_id, now, now + REVIEW_AFTER_S).await? {
            return Err(AppError::WrongState);
        }
        moved(tx, file.id, file.state, to).await?;
        if file.state == BinState::Signed {
            repo::set_founded_year(&mut **tx, file.id, crate::time::civil(now).0).await?;
        }
        Ok(parties_of(tx, file).await?)
    }

    /// The zone appoints a coordinator for a network without one, from the members who offered.
    async fn appoint(tx: &mut Tx, file: &BinFile, input: &StepInput, now: i64) -> Result<Vec<Recipient>, AppError> {
        use crate::auth::types::Role;
        let user_id = input.user_id.ok_or(AppError::InvalidInput)?;
        if repo::has_coordinator(&mut **tx, file.id).await? {
            return Err(AppError::WrongState);
        }
        // Only a member who raised their hand: the zone does not pick people who did not offer.
        if !repo::helpers(&mut **tx, file.id).await?.iter().any(|(id, _)| *id == user_id) {
            return Err(AppError::NotAMember);
        }
        crate::membership::repo::revoke(&mut **tx, user_id, Role::Deputy, file.id).await?;
        crate::membership::repo::grant(&mut **tx, user_id, Role::Coordinator, file.id, now).await?;
        crate::membership::repo::coordinator_acted(&mut **tx, file.id, now).await?;
        Ok(crate::notify::repo::user_recipient(&mut **tx, user_id).await?.into_iter().collect())
    }
}

/// Proposes a new network where there is none. The founder becomes its coordinator; the police
/// zone is told. Leads to the network's file.
#[server(endpoint = "lifecycle/propose", output = crate::codec::Json)]
pub async fn propose_bin(
    name: String,
    kind: String,
    place: String,
    streets: String,
    radius_m: String,
    purpose: String,
) -> Result<i64, AppError> {
    use crate::auth::types::{Grant, Role};
    use crate::directory::repo::{NewBin, insert_bin, insert_segment};
    use crate::directory::types::BinKind;
    use crate::directory::types::BinState;
    use crate::lifecycle::notice::LifeNotice;
    use crate::lifecycle::types::Actor;
    use crate::lifecycle::{machine::Step, proposal, repo};
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let lang = crate::i18n::detect_lang();
    let name = proposal::name(&name)?;
    let kind = BinKind::parse(kind.trim()).ok_or(AppError::InvalidInput)?;
    let origin = crate::directory::places::resolve(&directory.geo, &place, lang)?;
    let segments = proposal::streets(&streets)?;
    let radius_m: i64 = match radius_m.trim() {
        "" => 500,
        r => r.parse().ok().filter(|r| (100..=3000).contains(r)).ok_or(AppError::InvalidInput)?,
    };
    let purpose = proposal::text(&purpose, 20, 2000)?;
    let municipality = directory.geo.municipality(origin.nis).ok_or(AppError::PlaceNotFound)?;
    let zone = directory.geo.zone_of(origin.nis).ok_or(AppError::PlaceNotFound)?;
    let now = crate::platform::now();
    let year = crate::time::civil(now).0;
    let mut tx = state.begin().await?;
    crate::auth::repo::lock_user(&mut *tx, state.engine, me.id).await?;
    if repo::open_proposals_by(&mut *tx, me.id).await? >= 3 {
        tx.rollback().await?;
        return Err(AppError::TooManyRequests);
    }
    let region = municipality.region.code();
    let bin_id = insert_bin(
        &mut *tx,
        &NewBin {
            name: &name,
            kind,
            nis: origin.nis,
            zone_id: zone.id,
            region,
            state: "proposed",
            founded_year: year,
            households: 0,
            lat: origin.lat,
            lon: origin.lon,
            radius_m,
            synthetic: false,
            now,
        },
    )
    .await?;
    repo::set_proposer(&mut *tx, bin_id, &purpose, me.id).await?;
    for segment in &segments {
        insert_segment(&mut *tx, bin_id, origin.nis, segment).await?;
    }
    let grant = Grant { role: Role::Coordinator, zone_id: None, bin_id: Some(bin_id), nis: None, scope_name: None };
    crate::auth::repo::insert_grant(&mut *tx, me.id, &grant, now).await?;
    crate::membership::repo::coordinator_acted(&mut *tx, bin_id, now).await?;
    let event = repo::NewEvent {
        bin_id,
        at: now,
        actor_id: Some(me.id),
        role: Actor::Coordinator,
        step: Step::Propose,
        from: BinState::Proposed,
        to: BinState::Proposed,
        message: Some(&purpose),
    };
    repo::record(&mut *tx, &event).await?;
    let staff = crate::notify::repo::zone_staff(&mut *tx, zone.id).await?;
    let notice = LifeNotice::Step { bin_id, bin: name.clone(), step: Step::Propose, message: None };
    crate::notify::deliver::notify(&state, &mut tx, &staff, &notice).await?;
    tx.commit().await?;
    tracing::info!(bin = bin_id, zone = zone.id, "network proposed");
    leptos_axum::redirect(&format!("/bin/{bin_id}/life"));
    Ok(bin_id)
}

/// A network's file, for the people involved in it: its founder and coordinators, its police
/// zone, its municipality's signatories and the knowledge centre.
#[server(endpoint = "lifecycle/life", input = GetUrl, output = crate::codec::Json)]
pub async fn life(bin_id: i64) -> Result<LifeView, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let file = crate::lifecycle::repo::bin_file(&state.pool, bin_id).await?.ok_or(AppError::NotFound)?;
    ssr::life_view(&state, &me, file, crate::i18n::detect_lang()).await
}

/// The founder changes a proposal the zone sent back, and submits it again.
#[server(endpoint = "lifecycle/revise", output = crate::codec::Json)]
pub async fn revise_proposal(bin_id: i64, purpose: String, streets: String, message: String) -> Result<(), AppError> {
    use crate::lifecycle::machine::{Standing, Step, next};
    use crate::lifecycle::notice::LifeNotice;
    use crate::lifecycle::types::Actor;
    use crate::lifecycle::{proposal, repo};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let file = repo::bin_file(&state.pool, bin_id).await?.ok_or(AppError::NotFound)?;
    let standing = Standing::of(&me, file.id, file.nis, file.zone_id);
    if !standing.may(Step::Revise) {
        return Err(AppError::Forbidden);
    }
    let purpose = proposal::text(&purpose, 20, 2000)?;
    let segments = proposal::streets(&streets)?;
    let message = proposal::text(&message, 0, 2000)?;
    let from = file.state;
    let to = next(from, Step::Revise).ok_or(AppError::WrongState)?;
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    if !repo::move_state(&mut *tx, bin_id, from, to).await? {
        tx.rollback().await?;
        return Err(AppError::WrongState);
    }
    repo::revise(&mut *tx, bin_id, &purpose).await?;
    repo::delete_segments(&mut *tx, bin_id).await?;
    for segment in &segments {
        crate::directory::repo::insert_segment(&mut *tx, bin_id, file.nis, segment).await?;
    }
    let message = (!message.is_empty()).then_some(message);
    let event = repo::NewEvent {
        bin_id,
        at: now,
        actor_id: Some(me.id),
        role: Actor::Coordinator,
        step: Step::Revise,
        from,
        to,
        message: message.as_deref(),
    };
    repo::record(&mut *tx, &event).await?;
    let staff = crate::notify::repo::zone_staff(&mut *tx, file.zone_id).await?;
    let notice = LifeNotice::Step { bin_id, bin: file.name.clone(), step: Step::Revise, message };
    crate::notify::deliver::notify(&state, &mut tx, &staff, &notice).await?;
    tx.commit().await?;
    Ok(())
}

/// Takes one step in a network's life. What each step needs:
/// - `accept`: the charter's communication `rules` (drafts version 1);
/// - `ask_changes`, `decline`: a `message` to the founder;
/// - `sign`: the `party` signed for;
/// - `renew`: the new version's `rules`;
/// - `dissolve`: a `message` and `confirm=yes`;
/// - `appoint`: the member (`user_id`) who becomes coordinator;
/// - `register`, `suspend`, `reactivate`: nothing more (a `message` is kept if given).
#[server(endpoint = "lifecycle/step", output = crate::codec::Json)]
pub async fn take_step(
    bin_id: i64,
    step: String,
    message: Option<String>,
    rules: Option<String>,
    party: Option<String>,
    user_id: Option<i64>,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::lifecycle::machine::{Standing, Step, next};
    use crate::lifecycle::notice::LifeNotice;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let step = Step::parse(&step).ok_or(AppError::InvalidInput)?;
    let file = crate::lifecycle::repo::bin_file(&state.pool, bin_id).await?.ok_or(AppError::NotFound)?;
    let standing = Standing::of(&me, file.id, file.nis, file.zone_id);
    if matches!(step, Step::Propose | Step::Revise | Step::Complete) || !standing.may(step) {
        return Err(AppError::Forbidden);
    }
    let to = next(file.state, step).ok_or(AppError::WrongState)?;
    let input = ssr::StepInput::read(step, standing, message, rules, party, user_id, confirm)?;
    let now = crate::platform::now();
    // The whole step is one transaction: an error drops it, which undoes everything.
    let mut tx = state.begin().await?;
    let done = ssr::take(&mut tx, &me, &file, step, to, &input, now).await?;
    let told: Vec<_> = crate::notify::repo::dedup(done.told).into_iter().filter(|r| r.user_id != me.id).collect();
    let notice = LifeNotice::Step { bin_id, bin: file.name.clone(), step: done.notice_step, message: input.message };
    crate::notify::deliver::notify(&state, &mut tx, &told, &notice).await?;
    tx.commit().await?;
    tracing::info!(bin = bin_id, step = step.code(), "network step taken");
    let map_changes =
        matches!(step, Step::Register | Step::Suspend | Step::Reactivate | Step::Dissolve | Step::Appoint);
    if map_changes && let Err(e) = state.public_changed().await {
        tracing::error!(error = %e, "could not rebuild the network index");
    }
    Ok(())
}

/// The networks not active yet that concern the caller: for the zone its proposals, for the
/// municipality and the signatories their charters, for the knowledge centre all of them.
#[server(endpoint = "lifecycle/initiatives", input = GetUrl, output = crate::codec::Json)]
pub async fn initiatives() -> Result<Vec<Initiative>, AppError> {
    use crate::directory::types::BinState;
    use crate::lifecycle::machine::Standing;
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let lang = crate::i18n::detect_lang();
    let rows = crate::lifecycle::repo::initiatives(&state.pool).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let standing = Standing::of(&me, row.id, row.nis, row.zone_id);
            let (nis, since, bin_state) = (row.nis, row.created_at, row.state);
            standing.involved().then(|| Initiative {
                bin_id: row.id,
                name: row.name,
                state: bin_state,
                municipality: directory
                    .geo
                    .municipality(nis)
                    .map(|m| m.names.get(lang).to_string())
                    .unwrap_or_default(),
                since,
                waiting_for_me: match bin_state {
                    BinState::Proposed => standing.officer || standing.zone_admin,
                    BinState::ChangesRequested => standing.coordinator,
                    BinState::Charter => !standing.parties().is_empty(),
                    BinState::Signed => standing.kc,
                    _ => false,
                },
            })
        })
        .collect())
}
