//! SQL of membership, roles within a network and handovers. Nothing else.

use crate::directory::types::{BinState, Postcode};
use crate::membership::types::{MemberState, PhoneNumber};
use crate::notify::repo::Recipient;
use sqlx::AnyExecutor;

/// The facts about a network that membership rules need.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BinBasics {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub state: BinState,
    pub nis: i64,
    pub zone_id: i64,
    pub lat: f64,
    pub lon: f64,
}

pub async fn bin_basics<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<BinBasics>, sqlx::Error> {
    sqlx::query_as::<_, BinBasics>("SELECT id, name, state, nis, zone_id, lat, lon FROM bins WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A person's membership of a network, in whatever state.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MembershipRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub state: MemberState,
}

/// A person's standing with a network.
pub async fn membership_of<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    user_id: i64,
) -> Result<Option<MembershipRow>, sqlx::Error> {
    sqlx::query_as::<_, MembershipRow>("SELECT id, state FROM memberships WHERE bin_id = $1 AND user_id = $2")
        .bind(bin_id)
        .bind(user_id)
        .fetch_optional(db)
        .await
}

/// A join request as given.
pub struct Request<'a> {
    pub bin_id: i64,
    pub user_id: i64,
    pub street: &'a str,
    pub house_number: &'a str,
    pub postcode: &'a Postcode,
    pub phone: Option<&'a PhoneNumber>,
    pub lang: &'a str,
    /// The decade of birth, if given (for the zone's age profile only).
    pub birth_decade: Option<i64>,
    pub consent_version: &'a str,
    pub now: i64,
}

/// How long after a declined request, or after leaving, the same person may ask again (each
/// request notifies the coordinators, so leaving and asking again must not flood them).
pub const REASK_AFTER_DECLINE_S: i64 = 30 * 86_400;

/// Files a request: a new row, or a membership that was left or a declined request asked
/// again once [`REASK_AFTER_DECLINE_S`] has passed. `false` when a
/// request or membership already stands (asking twice is one request).
pub async fn file_request(tx: &mut sqlx::AnyConnection, r: &Request<'_>) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO memberships (bin_id, user_id, state, street, house_number, postcode, phone, lang, consent_version, \
           consented_at, requested_at, birth_decade) VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $9, $10) \
         ON CONFLICT (bin_id, user_id) DO NOTHING",
    )
    .bind(r.bin_id)
    .bind(r.user_id)
    .bind(r.street)
    .bind(r.house_number)
    .bind(r.postcode.as_str())
    .bind(r.phone.map(PhoneNumber::as_str))
    .bind(r.lang)
    .bind(r.consent_version)
    .bind(r.now)
    .bind(r.birth_decade)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(true);
    }
    let reopened = sqlx::query(
        "UPDATE memberships SET state = 'pending', street = $1, house_number = $2, postcode = $3, phone = $4, lang = $5, \
           consent_version = $6, consented_at = $7, requested_at = $7, decided_at = NULL, decided_by = NULL, \
           reason = NULL, left_at = NULL, birth_decade = $10 \
         WHERE bin_id = $8 AND user_id = $9 AND ((state = 'left' AND COALESCE(left_at, 0) <= $11) \
           OR (state = 'declined' AND COALESCE(decided_at, 0) <= $11))",
    )
    .bind(r.street)
    .bind(r.house_number)
    .bind(r.postcode.as_str())
    .bind(r.phone.map(PhoneNumber::as_str))
    .bind(r.lang)
    .bind(r.consent_version)
    .bind(r.now)
    .bind(r.bin_id)
    .bind(r.user_id)
    .bind(r.birth_decade)
    .bind(r.now - REASK_AFTER_DECLINE_S)
    .execute(&mut *tx)
    .await?;
    Ok(reopened.rows_affected() == 1)
}

/// Decides a pending request; `false` when it was no longer pending (decided meanwhile).
pub async fn decide<'c>(
    db: impl AnyExecutor<'c>,
    request_id: i64,
    bin_id: i64,
    approve: bool,
    by: i64,
    reason: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE memberships SET state = $1, decided_at = $2, decided_by = $3, reason = $4 \
         WHERE id = $5 AND bin_id = $6 AND state = 'pending'",
    )
    .bind(if approve { "active" } else { "declined" })
    .bind(now)
    .bind(by)
    .bind(reason)
    .bind(request_id)
    .bind(bin_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The applicant of a request, in the language they chose for the network's messages.
pub async fn applicant<'c>(db: impl AnyExecutor<'c>, request_id: i64) -> Result<Option<Recipient>, sqlx::Error> {
    let row = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT u.id, u.email, m.lang, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.id = $1",
    )
    .bind(request_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(user_id, email, lang, name)| Recipient {
        user_id,
        email,
        lang: crate::i18n::Lang::parse(&lang).unwrap_or_default(),
        name,
    }))
}

/// A member or applicant row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub lang: String,
    #[sqlx(try_from = "String")]
    pub state: MemberState,
    pub requested_at: i64,
    pub deputy: i64,
    pub coordinator: i64,
    pub can_help: i64,
}

/// The pending requests and members of one network, pending first.
pub async fn members<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as::<_, MemberRow>(
        "SELECT m.id, m.user_id, u.display_name, u.email, m.phone, m.street, m.house_number, m.postcode, m.lang, m.state, \
           m.requested_at, \
           CASE WHEN EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = m.user_id AND g.bin_id = m.bin_id AND g.role = 'deputy') THEN 1 ELSE 0 END AS deputy, \
           CASE WHEN EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = m.user_id AND g.bin_id = m.bin_id AND g.role = 'coordinator') THEN 1 ELSE 0 END AS coordinator, \
           m.can_help \
         FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.bin_id = $1 AND m.state IN ('pending', 'active') \
         ORDER BY CASE m.state WHEN 'pending' THEN 0 ELSE 1 END, m.requested_at, m.id",
    )
    .bind(bin_id)
    .fetch_all(db)
    .await
}

/// Everything kept about a person's memberships, for their data export.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportRow {
    pub name: String,
    #[sqlx(try_from = "String")]
    pub state: MemberState,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub phone: Option<String>,
    pub lang: String,
    pub birth_decade: Option<i64>,
    pub consent_version: String,
    pub consented_at: i64,
    pub requested_at: i64,
}

pub async fn export_rows<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Vec<ExportRow>, sqlx::Error> {
    sqlx::query_as::<_, ExportRow>(
        "SELECT b.name, m.state, m.street, m.house_number, m.postcode, m.phone, m.lang, m.birth_decade, m.consent_version, \
           m.consented_at, m.requested_at FROM memberships m JOIN bins b ON b.id = m.bin_id WHERE m.user_id = $1 ORDER BY m.id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// One of a person's networks.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MyBinRow {
    pub bin_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub state: MemberState,
    pub phone: Option<String>,
    pub lang: String,
    pub birth_decade: Option<i64>,
    pub can_help: i64,
    pub coordinators: i64,
    pub manages: i64,
    pub offer: Option<i64>,
}

pub async fn my_bins<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Vec<MyBinRow>, sqlx::Error> {
    sqlx::query_as::<_, MyBinRow>(
        "SELECT m.bin_id, b.name, m.state, m.phone, m.lang, m.birth_decade, m.can_help, \
           (SELECT COUNT(*) FROM role_grants g WHERE g.bin_id = m.bin_id AND g.role = 'coordinator') AS coordinators, \
           (SELECT COUNT(*) FROM role_grants g WHERE g.bin_id = m.bin_id AND g.user_id = m.user_id AND g.role IN ('coordinator', 'deputy')) AS manages, \
           (SELECT MAX(h.id) FROM handovers h WHERE h.bin_id = m.bin_id AND h.to_user = m.user_id AND h.closed_at IS NULL) AS offer \
         FROM memberships m JOIN bins b ON b.id = m.bin_id \
         WHERE m.user_id = $1 AND m.state IN ('pending', 'active') ORDER BY b.name",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Ends a membership that is in `from` (`active` or `pending`); `false` when it was not.
pub async fn leave_from<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    user_id: i64,
    from: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE memberships SET state = 'left', left_at = $1 WHERE bin_id = $2 AND user_id = $3 AND state = $4",
    )
    .bind(now)
    .bind(bin_id)
    .bind(user_id)
    .bind(from)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The state a membership had, read before it changes.
pub async fn state_of<'c>(db: impl AnyExecutor<'c>, bin_id: i64, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, String>("SELECT state FROM memberships WHERE bin_id = $1 AND user_id = $2")
        .bind(bin_id)
        .bind(user_id)
        .fetch_optional(db)
        .await
}

pub async fn update_sharing<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    user_id: i64,
    phone: Option<&PhoneNumber>,
    lang: &str,
    birth_decade: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE memberships SET phone = $1, lang = $2, birth_decade = $5 \
         WHERE bin_id = $3 AND user_id = $4 AND state IN ('pending', 'active')",
    )
    .bind(phone.map(PhoneNumber::as_str))
    .bind(lang)
    .bind(bin_id)
    .bind(user_id)
    .bind(birth_decade)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn raise_hand<'c>(db: impl AnyExecutor<'c>, bin_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE memberships SET can_help = 1 WHERE bin_id = $1 AND user_id = $2 AND state = 'active' AND can_help = 0",
    )
    .bind(bin_id)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes a person's active memberships out of their networks' household counts (before the
/// account is deleted); each counts as a leave in this month's trend.
pub async fn release_memberships(db: &mut sqlx::AnyConnection, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    let bins: Vec<(i64,)> = sqlx::query_as("SELECT bin_id FROM memberships WHERE user_id = $1 AND state = 'active'")
        .bind(user_id)
        .fetch_all(&mut *db)
        .await?;
    for (bin_id,) in bins {
        adjust_households(&mut *db, bin_id, -1, now).await?;
    }
    Ok(())
}

/// Member households follow joins (`delta` 1) and leaves (`delta` -1), and so does the month's
/// line of the network's trend.
pub async fn adjust_households(
    db: &mut sqlx::AnyConnection,
    bin_id: i64,
    delta: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE bins SET households = CASE WHEN households + $1 < 0 THEN 0 ELSE households + $1 END WHERE id = $2",
    )
    .bind(delta)
    .bind(bin_id)
    .execute(&mut *db)
    .await?;
    let (joins, leaves) = if delta > 0 { (delta, 0) } else { (0, -delta) };
    sqlx::query(
        "INSERT INTO household_months (bin_id, month, joins, leaves) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (bin_id, month) DO UPDATE SET joins = household_months.joins + $3, \
           leaves = household_months.leaves + $4",
    )
    .bind(bin_id)
    .bind(crate::time::month_of(now))
    .bind(joins)
    .bind(leaves)
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// A member household that joined at `now` at a made-up address in 9000 Gent, without the
/// request and decision a real member goes through (for benchmarks of large sends).
pub async fn insert_active_membership<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    user_id: i64,
    house_number: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (bin_id, user_id, state, street, house_number, postcode, lang, consent_version, \
         consented_at, requested_at, decided_at) VALUES ($1, $2, 'active', 'Kerkstraat', $3, '9000', 'nl', 'v1', $4, $4, $4)",
    )
    .bind(bin_id)
    .bind(user_id)
    .bind(house_number)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// A month of a network's joins and leaves, as the demo data writes its history.
#[derive(Debug, Clone, Copy)]
pub struct HouseholdMonth {
    pub bin_id: i64,
    pub month: i64,
    pub joins: i64,
    pub leaves: i64,
}

/// Writes many months at once (250 to a statement), for the demo data's history.
pub async fn insert_household_months(
    tx: &mut sqlx::AnyConnection,
    months: &[HouseholdMonth],
) -> Result<(), sqlx::Error> {
    for chunk in months.chunks(250) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${}, ${}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4))
            .collect();
        let sql = format!("INSERT INTO household_months (bin_id, month, joins, leaves) VALUES {}", values.join(", "));
        let mut query = sqlx::query(&sql);
        for m in chunk {
            query = query.bind(m.bin_id).bind(m.month).bind(m.joins).bind(m.leaves);
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

/// Remembers that a coordinator acted (for the continuity score).
pub async fn coordinator_acted<'c>(db: impl AnyExecutor<'c>, bin_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE bins SET coordinator_acted_at = $1 WHERE id = $2").bind(now).bind(bin_id).execute(db).await?;
    Ok(())
}

pub async fn grant<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    role: crate::auth::types::Role,
    bin_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO role_grants (user_id, role, bin_id, granted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(role.code())
    .bind(bin_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn revoke<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    role: crate::auth::types::Role,
    bin_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM role_grants WHERE user_id = $1 AND role = $2 AND bin_id = $3")
        .bind(user_id)
        .bind(role.code())
        .bind(bin_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every role in a network (it is dissolved): its coordinators and deputies read nothing
/// of it any more.
pub async fn end_roles<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM role_grants WHERE bin_id = $1").bind(bin_id).execute(db).await?;
    Ok(done.rows_affected())
}

/// How long a dissolved network keeps its members' data (for questions about its end).
pub const KEEP_DISSOLVED_S: i64 = 90 * 86_400;

/// Removes the memberships (addresses, phones) of networks dissolved before `before`.
pub async fn forget_dissolved<'c>(db: impl AnyExecutor<'c>, before: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM memberships WHERE bin_id IN (SELECT b.id FROM bins b WHERE b.state = 'dissolved' \
           AND (SELECT MAX(e.at) FROM bin_events e WHERE e.bin_id = b.id) < $1)",
    )
    .bind(before)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// The name of whom a network's open handover is offered to.
pub async fn open_handover_to<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, String>(
        "SELECT u.display_name FROM handovers h JOIN users u ON u.id = h.to_user \
         WHERE h.bin_id = $1 AND h.closed_at IS NULL ORDER BY h.id DESC",
    )
    .bind(bin_id)
    .fetch_optional(db)
    .await
}

/// A handover still open: of which network, from whom to whom.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HandoverRow {
    pub bin_id: i64,
    pub from_user: i64,
    pub to_user: i64,
}

pub async fn handover<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<HandoverRow>, sqlx::Error> {
    sqlx::query_as::<_, HandoverRow>(
        "SELECT bin_id, from_user, to_user FROM handovers WHERE id = $1 AND closed_at IS NULL",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn offer_handover<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    from: i64,
    to: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO handovers (bin_id, from_user, to_user, offered_at) VALUES ($1, $2, $3, $4)")
        .bind(bin_id)
        .bind(from)
        .bind(to)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// Closes every open handover of a network (a new offer replaces the old one).
pub async fn close_handovers<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    outcome: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE handovers SET closed_at = $1, outcome = $2 WHERE bin_id = $3 AND closed_at IS NULL")
        .bind(now)
        .bind(outcome)
        .bind(bin_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Closes one open handover; `false` when it was closed meanwhile.
pub async fn close_handover<'c>(
    db: impl AnyExecutor<'c>,
    id: i64,
    outcome: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE handovers SET closed_at = $1, outcome = $2 WHERE id = $3 AND closed_at IS NULL")
        .bind(now)
        .bind(outcome)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A network with the facts of its continuity score.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BinFactsRow {
    pub id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub kind: crate::directory::types::BinKind,
    #[sqlx(try_from = "String")]
    pub state: crate::directory::types::BinState,
    pub households: i64,
    pub lat: f64,
    pub lon: f64,
    pub coordinator_since: Option<i64>,
    pub deputies: i64,
    pub acted_at: Option<i64>,
    pub next_review_at: Option<i64>,
    pub joins: i64,
    pub leaves: i64,
}

/// The networks with the facts of their continuity score; `$2` is the start of the 90 days
/// the member trend counts.
pub const BIN_FACTS: &str = "SELECT b.id, b.name, b.kind, b.state, b.households, b.lat, b.lon, \
       (SELECT MIN(granted_at) FROM role_grants WHERE bin_id = b.id AND role = 'coordinator') AS coordinator_since, \
       (SELECT COUNT(*) FROM role_grants WHERE bin_id = b.id AND role = 'deputy') AS deputies, \
       b.coordinator_acted_at AS acted_at, \
       (SELECT MAX(next_review_at) FROM charters WHERE bin_id = b.id AND signed_at IS NOT NULL) AS next_review_at, \
       (SELECT COUNT(*) FROM memberships WHERE bin_id = b.id AND decided_at >= $2 AND state = 'active') AS joins, \
       (SELECT COUNT(*) FROM memberships WHERE bin_id = b.id AND left_at >= $2) AS leaves \
     FROM bins b";

/// One network with the facts of its continuity score.
pub async fn bin_facts<'c>(
    db: impl AnyExecutor<'c>,
    bin_id: i64,
    since: i64,
) -> Result<Option<BinFactsRow>, sqlx::Error> {
    sqlx::query_as::<_, BinFactsRow>(&format!("{BIN_FACTS} WHERE b.id = $1"))
        .bind(bin_id)
        .bind(since)
        .fetch_optional(db)
        .await
}

/// The police zone of a network.
pub async fn zone_of<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT zone_id FROM bins WHERE id = $1").bind(bin_id).fetch_optional(db).await
}
