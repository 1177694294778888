//! SQL of a network's life: state changes, events, charter versions and signatures, and the
//! people a step concerns. Nothing else.

use crate::directory::types::{BinKind, BinState};
use crate::lifecycle::machine::Step;
use crate::lifecycle::types::Actor;
use sqlx::AnyExecutor;

/// What the life pages need of a network.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BinFile {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: BinKind,
    #[sqlx(try_from = "String")]
    pub state: BinState,
    pub nis: i64,
    pub zone_id: i64,
    pub purpose: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub radius_m: i64,
    pub created_at: i64,
}

pub async fn bin_file<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<BinFile>, sqlx::Error> {
    sqlx::query_as::<_, BinFile>(
        "SELECT id, name, kind, state, nis, zone_id, purpose, lat, lon, radius_m, created_at FROM bins WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Moves a network from one state to another; `false` when it was no longer in `from`.
pub async fn move_state<'c>(
    db: impl AnyExecutor<'c>,
    id: i64,
    from: BinState,
    to: BinState,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE bins SET state = $1 WHERE id = $2 AND state = $3")
        .bind(to.code())
        .bind(id)
        .bind(from.code())
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// One recorded step.
pub struct NewEvent<'a> {
    pub bin_id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub role: Actor,
    pub step: Step,
    pub from: BinState,
    pub to: BinState,
    pub message: Option<&'a str>,
}

pub async fn record<'c>(db: impl AnyExecutor<'c>, e: &NewEvent<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO bin_events (bin_id, at, actor_id, actor_role, action, from_state, to_state, message) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.bin_id)
    .bind(e.at)
    .bind(e.actor_id)
    .bind(e.role.code())
    .bind(e.step.code())
    .bind(e.from.code())
    .bind(e.to.code())
    .bind(e.message)
    .execute(db)
    .await?;
    Ok(())
}

/// One recorded step of a network's life.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub at: i64,
    pub actor_role: Actor,
    pub action: Step,
    pub from_state: BinState,
    pub to_state: BinState,
    pub message: Option<String>,
}

/// A network's recorded steps, oldest first.
pub async fn events<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as::<_, EventRow>(
        "SELECT at, actor_role, action, from_state, to_state, message FROM bin_events WHERE bin_id = $1 ORDER BY at, id",
    )
    .bind(bin_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CharterRow {
    pub id: i64,
    pub version: i64,
    pub rules: Option<String>,
    pub drafted_at: Option<i64>,
    pub signed_at: Option<i64>,
    pub registered_at: Option<i64>,
    pub next_review_at: Option<i64>,
}

/// Every version of a network's charter, newest first.
pub async fn charters<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Vec<CharterRow>, sqlx::Error> {
    sqlx::query_as::<_, CharterRow>(
        "SELECT id, version, rules, drafted_at, signed_at, registered_at, next_review_at FROM charters \
         WHERE bin_id = $1 ORDER BY version DESC",
    )
    .bind(bin_id)
    .fetch_all(db)
    .await
}

/// The open draft (not registered yet), locked for the rest of the transaction so that two
/// signatures at once are counted one after the other.
pub async fn lock_open_draft<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "UPDATE charters SET drafted_at = drafted_at WHERE bin_id = $1 AND registered_at IS NULL RETURNING id",
    )
    .bind(bin_id)
    .fetch_optional(db)
    .await
}

/// Drafts the next version of a network's charter.
pub async fn draft_charter<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    rules: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO charters (bin_id, version, rules, drafted_at) \
         VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM charters WHERE bin_id = $1), $2, $3) RETURNING id",
    )
    .bind(bin_id)
    .bind(rules)
    .bind(now)
    .fetch_one(db)
    .await
}

/// `(charter id, party, signer's name, signed at)` of a network's charters.
pub async fn signatures<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
) -> Result<Vec<(i64, String, String, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, String, String, i64)>(
        "SELECT s.charter_id, s.party, s.signer_name, s.signed_at FROM charter_signatures s \
         JOIN charters c ON c.id = s.charter_id WHERE c.bin_id = $1 ORDER BY s.signed_at, s.id",
    )
    .bind(bin_id)
    .fetch_all(db)
    .await
}

/// A charter signature as its signer downloads it.
#[derive(Debug, sqlx::FromRow)]
pub struct SignatureRow {
    pub network: String,
    pub party: String,
    pub signer_name: String,
    pub signed_at: i64,
}

/// The charter signatures of one person.
pub async fn signatures_by<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Vec<SignatureRow>, sqlx::Error> {
    sqlx::query_as::<_, SignatureRow>(
        "SELECT b.name AS network, s.party, s.signer_name, s.signed_at FROM charter_signatures s \
         JOIN charters c ON c.id = s.charter_id JOIN bins b ON b.id = c.bin_id WHERE s.user_id = $1 ORDER BY s.signed_at, s.id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Leaves a person's signatures in place without their name (their account goes).
pub async fn forget_signer(db: &mut sqlx::AnyConnection, user_id: i64, placeholder: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE charter_signatures SET signer_name = $1 WHERE user_id = $2")
        .bind(placeholder)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Who signed the charter `charter_id`: `(party, user id)`.
pub async fn signers<'c>(db: impl AnyExecutor<'c>, charter_id: i64) -> Result<Vec<(String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as::<_, (String, Option<i64>)>("SELECT party, user_id FROM charter_signatures WHERE charter_id = $1")
        .bind(charter_id)
        .fetch_all(db)
        .await
}

pub async fn sign<'c>(
    db: impl AnyExecutor<'c>,
    charter_id: i64,
    party: &str,
    user_id: i64,
    name: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO charter_signatures (charter_id, party, user_id, signer_name, signed_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(charter_id)
    .bind(party)
    .bind(user_id)
    .bind(name)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn mark_signed<'c>(db: impl AnyExecutor<'c>, charter_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE charters SET signed_at = $1 WHERE id = $2 AND signed_at IS NULL")
        .bind(now)
        .bind(charter_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Registers a fully signed draft; `false` when there was none to register.
pub async fn register<'c>(
    db: impl AnyExecutor<'c>,
    charter_id: i64,
    now: i64,
    review_at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE charters SET registered_at = $1, next_review_at = $2 \
         WHERE id = $3 AND registered_at IS NULL AND signed_at IS NOT NULL",
    )
    .bind(now)
    .bind(review_at)
    .bind(charter_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_founded_year<'c>(db: impl AnyExecutor<'c>, bin_id: i64, year: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE bins SET founded_year = $1 WHERE id = $2").bind(year).bind(bin_id).execute(db).await?;
    Ok(())
}

pub async fn revise<'c>(db: impl AnyExecutor<'c>, bin_id: i64, purpose: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE bins SET purpose = $1 WHERE id = $2").bind(purpose).bind(bin_id).execute(db).await?;
    Ok(())
}

pub async fn delete_segments<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM bin_segments WHERE bin_id = $1").bind(bin_id).execute(db).await?;
    Ok(())
}

pub async fn set_proposer<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    purpose: &str,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE bins SET purpose = $1, proposed_by = $2 WHERE id = $3")
        .bind(purpose)
        .bind(user_id)
        .bind(bin_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Initiatives a person proposed and has not seen through yet.
pub async fn open_proposals_by<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM bins WHERE proposed_by = $1 AND state IN ('proposed', 'changes_requested', 'charter', 'signed')",
    )
    .bind(user_id)
    .fetch_one(db)
    .await
}

/// A network that is not active yet.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InitiativeRow {
    pub id: i64,
    pub name: String,
    pub state: BinState,
    pub nis: i64,
    pub zone_id: i64,
    pub created_at: i64,
}

pub async fn initiatives<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<InitiativeRow>, sqlx::Error> {
    sqlx::query_as::<_, InitiativeRow>(
        "SELECT id, name, state, nis, zone_id, created_at FROM bins \
         WHERE state IN ('proposed', 'changes_requested', 'charter', 'signed') ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(db)
    .await
}

/// Members who raised their hand: `(user id, name)`.
pub async fn helpers<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, String)>(
        "SELECT u.id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.bin_id = $1 AND m.state = 'active' AND m.can_help = 1 ORDER BY m.id",
    )
    .bind(bin_id)
    .fetch_all(db)
    .await
}

/// Whether a network has a coordinator now.
pub async fn has_coordinator<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM role_grants WHERE bin_id = $1 AND role = 'coordinator'")
        .bind(bin_id)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

/// Registered charters whose review falls before `until` and whose people have not been
/// reminded: `(charter id, bin id, bin name, zone, next review)`. Only each network's newest
/// registered version counts, and only while the network runs.
pub async fn reviews_to_remind<'c>(
    db: impl AnyExecutor<'c>,
    until: i64,
) -> Result<Vec<(i64, i64, String, i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64, String, i64, i64)>(
        "SELECT c.id, b.id, b.name, b.zone_id, c.next_review_at FROM charters c JOIN bins b ON b.id = c.bin_id \
         WHERE c.registered_at IS NOT NULL AND c.reminded_at IS NULL AND c.next_review_at <= $1 \
           AND b.state IN ('active', 'dormant') \
           AND c.version = (SELECT MAX(c2.version) FROM charters c2 WHERE c2.bin_id = b.id AND c2.registered_at IS NOT NULL) \
         ORDER BY c.next_review_at, c.id",
    )
    .bind(until)
    .fetch_all(db)
    .await
}

/// Claims a reminder; `false` when another instance sent it already.
pub async fn claim_reminder<'c>(db: impl AnyExecutor<'c>, charter_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE charters SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL")
        .bind(now)
        .bind(charter_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A charter version as stored, for the registry import to compare with its file.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredCharter {
    pub id: i64,
    pub signed_at: Option<i64>,
    pub registered_at: Option<i64>,
    pub next_review_at: Option<i64>,
}

/// Version `version` of a network's charter, if stored.
pub async fn charter_version<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    version: i64,
) -> Result<Option<StoredCharter>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, signed_at, registered_at, next_review_at FROM charters WHERE bin_id = $1 AND version = $2",
    )
    .bind(bin_id)
    .bind(version)
    .fetch_optional(db)
    .await
}

/// The dates of a charter as a registry holds them: signed, registered, next review.
#[derive(Debug, Clone, Copy)]
pub struct RegisteredDates {
    pub signed_at: i64,
    pub registered_at: i64,
    pub next_review_at: i64,
}

/// A charter version the registry holds and the database did not, registered as its file says
/// (drafted when it was signed).
pub async fn insert_registered_charter<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    version: i64,
    dates: RegisteredDates,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO charters (bin_id, version, signed_at, registered_at, next_review_at, drafted_at) \
         VALUES ($1, $2, $3, $4, $5, $3)",
    )
    .bind(bin_id)
    .bind(version)
    .bind(dates.signed_at)
    .bind(dates.registered_at)
    .bind(dates.next_review_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Sets a stored charter's dates to the registry's; `remind_again` when its review date moved,
/// so the new date is reminded anew.
pub async fn set_registered_dates<'c>(
    db: impl AnyExecutor<'c>,
    id: i64,
    dates: RegisteredDates,
    remind_again: bool,
) -> Result<(), sqlx::Error> {
    let sql = if remind_again {
        "UPDATE charters SET signed_at = $1, registered_at = $2, next_review_at = $3, reminded_at = NULL WHERE id = $4"
    } else {
        "UPDATE charters SET signed_at = $1, registered_at = $2, next_review_at = $3 WHERE id = $4"
    };
    sqlx::query(sql)
        .bind(dates.signed_at)
        .bind(dates.registered_at)
        .bind(dates.next_review_at)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Marks every charter not yet reminded whose review falls before `until` as reminded at `now`.
pub async fn mark_reviews_reminded<'c>(db: impl AnyExecutor<'c>, now: i64, until: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE charters SET reminded_at = $1 WHERE reminded_at IS NULL AND next_review_at <= $2")
        .bind(now)
        .bind(until)
        .execute(db)
        .await?;
    Ok(())
}
