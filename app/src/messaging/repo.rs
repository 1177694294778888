//! SQL of messaging: messages, the networks they go to, their posts, their recipients (seen,
//! phoned) and their deliveries per channel, members' channel choices, and the figures of a
//! message's reception. Nothing else.

use crate::messaging::types::{Category, Kind, Reception, Sender, Status};
use crate::platform::db::Engine;
use sqlx::AnyExecutor;

/// A network as a sender may choose it.
#[derive(Debug, sqlx::FromRow)]
pub struct TargetRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub nis: i64,
    pub zone_id: i64,
    pub members: i64,
    pub lat: f64,
    pub lon: f64,
    pub radius_m: i64,
}

const TARGETS: &str = "SELECT b.id, b.name, b.kind, b.nis, b.zone_id, b.lat, b.lon, b.radius_m, \
     (SELECT COUNT(*) FROM memberships m WHERE m.bin_id = b.id AND m.state = 'active') AS members \
     FROM bins b WHERE b.state = 'active'";

/// The active networks of a police zone.
pub async fn zone_targets<'c>(db: impl AnyExecutor<'c>, zone_id: i64) -> Result<Vec<TargetRow>, sqlx::Error> {
    sqlx::query_as::<_, TargetRow>(&format!("{TARGETS} AND b.zone_id = $1 ORDER BY b.name, b.id"))
        .bind(zone_id)
        .fetch_all(db)
        .await
}

/// Every active network.
pub async fn all_targets<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<TargetRow>, sqlx::Error> {
    sqlx::query_as::<_, TargetRow>(&format!("{TARGETS} ORDER BY b.id")).fetch_all(db).await
}

/// One active network.
pub async fn target<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Option<TargetRow>, sqlx::Error> {
    sqlx::query_as::<_, TargetRow>(&format!("{TARGETS} AND b.id = $1")).bind(bin_id).fetch_optional(db).await
}

/// A message to record.
pub struct NewMessage<'a> {
    pub sender_id: i64,
    pub sender_role: Sender,
    pub zone_id: Option<i64>,
    pub kind: Kind,
    pub category: Option<Category>,
    pub template: Option<&'a str>,
    pub blanks: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
    pub lang: &'a str,
    pub status: Status,
    pub now: i64,
}

pub async fn insert_message(tx: &mut sqlx::AnyConnection, m: &NewMessage<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO messages (sender_id, sender_role, zone_id, kind, category, template, blanks, title, body, lang, \
         status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(m.sender_id)
    .bind(m.sender_role.code())
    .bind(m.zone_id)
    .bind(m.kind.code())
    .bind(m.category.map(Category::code))
    .bind(m.template)
    .bind(m.blanks)
    .bind(m.title)
    .bind(m.body)
    .bind(m.lang)
    .bind(m.status.code())
    .bind(m.now)
    .fetch_one(tx)
    .await
}

pub async fn insert_message_bin(tx: &mut sqlx::AnyConnection, message_id: i64, bin_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO message_bins (message_id, bin_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(message_id)
        .bind(bin_id)
        .execute(tx)
        .await?;
    Ok(())
}

/// Records every active member of the message's networks as a recipient (once, under the first
/// of their networks) and returns how many there are.
pub async fn insert_recipients(tx: &mut sqlx::AnyConnection, message_id: i64) -> Result<i64, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO message_recipients (message_id, user_id, bin_id) \
         SELECT $1, m.user_id, MIN(m.bin_id) FROM memberships m \
         JOIN message_bins b ON b.bin_id = m.bin_id AND b.message_id = $1 \
         WHERE m.state = 'active' GROUP BY m.user_id",
    )
    .bind(message_id)
    .execute(&mut *tx)
    .await?
    .rows_affected() as i64;
    sqlx::query("UPDATE messages SET recipients = $1 WHERE id = $2").bind(added).bind(message_id).execute(tx).await?;
    Ok(added)
}

/// The channels a member gets when they chose none: every channel they gave for urgent alerts,
/// the app and e-mail for the rest.
pub const DEFAULT_URGENT: &str = "app,email,sms";
pub const DEFAULT_NORMAL: &str = "app,email";

/// Queues a delivery per recipient and channel they chose (for the message itself, `post_id`
/// 0, or one of its posts). Made-up people of the demo data get none. Unique per message, post,
/// person and channel: queuing twice adds nothing. Returns how many were queued.
pub async fn queue_deliveries(
    tx: &mut sqlx::AnyConnection,
    message_id: i64,
    post_id: i64,
    urgent: bool,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let choice = if urgent {
        format!("COALESCE(p.urgent, '{DEFAULT_URGENT}')")
    } else {
        format!("COALESCE(p.normal, '{DEFAULT_NORMAL}')")
    };
    // Who chose the weekly digest gets non-urgent messages by e-mail only in it.
    let digest = if urgent { "" } else { "AND COALESCE(p.digest, 0) = 0" };
    let email = format!(
        "INSERT INTO deliveries (message_id, post_id, user_id, channel, address, lang, state, next_attempt_at) \
         SELECT $1, $2, r.user_id, 'email', u.email, u.lang, 'pending', $3 FROM message_recipients r \
         JOIN users u ON u.id = r.user_id \
         JOIN memberships m ON m.user_id = r.user_id AND m.bin_id = r.bin_id \
         LEFT JOIN message_preferences p ON p.user_id = r.user_id \
         WHERE r.message_id = $1 AND u.synthetic = 0 AND (',' || {choice} || ',') LIKE '%,email,%' {digest} \
         ON CONFLICT DO NOTHING"
    );
    let sms = format!(
        "INSERT INTO deliveries (message_id, post_id, user_id, channel, address, lang, state, next_attempt_at) \
         SELECT $1, $2, r.user_id, 'sms', m.phone, u.lang, 'pending', $3 FROM message_recipients r \
         JOIN users u ON u.id = r.user_id \
         JOIN memberships m ON m.user_id = r.user_id AND m.bin_id = r.bin_id \
         LEFT JOIN message_preferences p ON p.user_id = r.user_id \
         WHERE r.message_id = $1 AND u.synthetic = 0 AND m.phone IS NOT NULL AND m.phone <> '' \
         AND (',' || {choice} || ',') LIKE '%,sms,%' \
         ON CONFLICT DO NOTHING"
    );
    let mut queued = 0;
    for sql in [email, sms] {
        queued += sqlx::query(&sql).bind(message_id).bind(post_id).bind(now).execute(&mut *tx).await?.rows_affected();
    }
    Ok(queued)
}

/// A message as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub sender_id: Option<i64>,
    pub sender_role: Sender,
    pub zone_id: Option<i64>,
    pub kind: Kind,
    pub category: Option<Category>,
    pub title: String,
    pub body: String,
    pub lang: String,
    pub status: Status,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub recipients: i64,
}

const MESSAGE: &str = "SELECT id, sender_id, sender_role, zone_id, kind, category, title, body, lang, status, created_at, \
     closed_at, recipients FROM messages";

pub async fn message<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<MessageRow>, sqlx::Error> {
    sqlx::query_as::<_, MessageRow>(&format!("{MESSAGE} WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// The networks a message went to: `(id, name)`.
pub async fn message_bins<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, String)>(
        "SELECT b.id, b.name FROM message_bins mb JOIN bins b ON b.id = mb.bin_id WHERE mb.message_id = $1 ORDER BY b.name",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// An update or closing message as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub closing: i64,
    pub body: String,
    pub lang: String,
    pub created_at: i64,
}

pub async fn posts<'c>(db: impl AnyExecutor<'c>, message_id: i64) -> Result<Vec<PostRow>, sqlx::Error> {
    sqlx::query_as::<_, PostRow>(
        "SELECT id, closing, body, lang, created_at FROM message_posts WHERE message_id = $1 ORDER BY id",
    )
    .bind(message_id)
    .fetch_all(db)
    .await
}

pub async fn post<'c>(db: impl AnyExecutor<'c>, post_id: i64) -> Result<Option<PostRow>, sqlx::Error> {
    sqlx::query_as::<_, PostRow>("SELECT id, closing, body, lang, created_at FROM message_posts WHERE id = $1")
        .bind(post_id)
        .fetch_optional(db)
        .await
}

pub async fn insert_post(
    tx: &mut sqlx::AnyConnection,
    message_id: i64,
    closing: bool,
    body: &str,
    lang: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO message_posts (message_id, closing, body, lang, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(message_id)
    .bind(i64::from(closing))
    .bind(body)
    .bind(lang)
    .bind(now)
    .fetch_one(tx)
    .await
}

/// Closes an open alert; false when it was not open (closed meanwhile).
pub async fn close(tx: &mut sqlx::AnyConnection, message_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("UPDATE messages SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'open'")
        .bind(now)
        .bind(message_id)
        .execute(tx)
        .await?
        .rows_affected()
        == 1)
}

/// The caller's place among a message's recipients: `(network, seen at)`.
pub async fn recipient<'c>(
    db: impl AnyExecutor<'c>,
    message_id: i64,
    user_id: i64,
) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, Option<i64>)>(
        "SELECT bin_id, seen_at FROM message_recipients WHERE message_id = $1 AND user_id = $2",
    )
    .bind(message_id)
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// Records that a recipient saw a message; false when they had already said so (or are none).
pub async fn mark_seen<'c>(
    db: impl AnyExecutor<'c>,
    message_id: i64,
    user_id: i64,
    via: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE message_recipients SET seen_at = $1, seen_via = $2 \
         WHERE message_id = $3 AND user_id = $4 AND seen_at IS NULL",
    )
    .bind(now)
    .bind(via)
    .bind(message_id)
    .bind(user_id)
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// The recipient whose e-mail carried the token with this hash: `(message, user)`.
pub async fn by_seen_token<'c>(db: impl AnyExecutor<'c>, hash: &str) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>("SELECT message_id, user_id FROM message_recipients WHERE seen_token_hash = $1")
        .bind(hash)
        .fetch_optional(db)
        .await
}

pub async fn set_seen_token<'c>(
    db: impl AnyExecutor<'c>,
    message_id: i64,
    user_id: i64,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE message_recipients SET seen_token_hash = $1 WHERE message_id = $2 AND user_id = $3")
        .bind(hash)
        .bind(message_id)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// How a message was received: recipients and seen; per channel the people reached, pending
/// deliveries; and those neither seen nor reached by e-mail or SMS.
pub async fn reception(db: &mut sqlx::AnyConnection, message_id: i64) -> Result<Reception, sqlx::Error> {
    // Past the retention period only the counts are left.
    if let Some(kept) = reduced_reception(&mut *db, message_id).await? {
        return serde_json::from_str(&kept).map_err(|e| sqlx::Error::Decode(Box::new(e)));
    }
    let (recipients, seen) = sqlx::query_as::<_, (i64, i64)>(
        "SELECT COUNT(*), COUNT(seen_at) FROM message_recipients WHERE message_id = $1",
    )
    .bind(message_id)
    .fetch_one(&mut *db)
    .await?;
    let rows = sqlx::query_as::<_, (String, String, i64)>(
        "SELECT channel, state, COUNT(*) FROM deliveries WHERE message_id = $1 AND post_id = 0 GROUP BY channel, state",
    )
    .bind(message_id)
    .fetch_all(&mut *db)
    .await?;
    let count = |channel: &str, state: &str| {
        rows.iter().filter(|(c, s, _)| c == channel && s == state).map(|(.., n)| n).sum::<i64>()
    };
    let not_reached = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM message_recipients r WHERE r.message_id = $1 AND r.seen_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = r.message_id AND d.post_id = 0 \
         AND d.user_id = r.user_id AND d.state IN ('sent', 'pending'))",
    )
    .bind(message_id)
    .fetch_one(&mut *db)
    .await?;
    Ok(Reception {
        recipients,
        seen,
        email: count("email", "sent"),
        sms: count("sms", "sent"),
        pending: count("email", "pending") + count("sms", "pending"),
        not_reached,
    })
}

/// A line of a list of messages.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub id: i64,
    pub kind: Kind,
    pub category: Option<Category>,
    pub status: Status,
    pub title: String,
    pub created_at: i64,
    pub recipients: i64,
    pub seen_at: Option<i64>,
    pub seen_count: i64,
}

/// The messages a person received, newest first.
pub async fn received<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Vec<LineRow>, sqlx::Error> {
    sqlx::query_as::<_, LineRow>(
        "SELECT m.id, m.kind, m.category, m.status, m.title, m.created_at, m.recipients, r.seen_at, 0 AS seen_count \
         FROM message_recipients r JOIN messages m ON m.id = r.message_id \
         WHERE r.user_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT 100",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// The messages sent by a person, or for a police zone, newest first, with how many saw them.
pub async fn sent<'c>(db: impl AnyExecutor<'c>, sender_id: i64, zone_ids: &[i64]) -> Result<Vec<LineRow>, sqlx::Error> {
    // Zone ids are numbers from the caller's grants, never text from a request.
    let zones = zone_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let zone_filter = if zones.is_empty() { String::new() } else { format!(" OR m.zone_id IN ({zones})") };
    sqlx::query_as::<_, LineRow>(&format!(
        "SELECT m.id, m.kind, m.category, m.status, m.title, m.created_at, m.recipients, NULL AS seen_at, \
         (SELECT COUNT(*) FROM message_recipients r WHERE r.message_id = m.id AND r.seen_at IS NOT NULL) AS seen_count \
         FROM messages m WHERE m.sender_id = $1{zone_filter} ORDER BY m.created_at DESC, m.id DESC LIMIT 100"
    ))
    .bind(sender_id)
    .fetch_all(db)
    .await
}

/// Urgent alerts a person received and has not yet said they saw.
pub async fn unseen_urgent<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM message_recipients r JOIN messages m ON m.id = r.message_id \
         WHERE r.user_id = $1 AND r.seen_at IS NULL AND m.kind = 'urgent' AND m.status = 'open'",
    )
    .bind(user_id)
    .fetch_one(db)
    .await
}

/// How many messages of `kind` a person sent since `since` (for the sending limit).
pub async fn sent_since<'c>(
    db: impl AnyExecutor<'c>,
    sender_id: i64,
    kind: &str,
    since: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM messages WHERE sender_id = $1 AND kind = $2 AND created_at >= $3",
    )
    .bind(sender_id)
    .bind(kind)
    .bind(since)
    .fetch_one(db)
    .await
}

/// A member on a coordinator's call list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CallRow {
    pub user_id: i64,
    pub name: String,
    pub phone: Option<String>,
    /// 1 when no e-mail or SMS was queued for them.
    pub unreachable: i64,
    pub called_at: Option<i64>,
}

/// The recipients of one network who have no e-mail or SMS for the message, or have not seen
/// it by `seen_before` (fifteen minutes after it was sent), with their phone number.
pub async fn call_list<'c>(
    db: impl AnyExecutor<'c>,
    message_id: i64,
    bin_id: i64,
    overdue: bool,
) -> Result<Vec<CallRow>, sqlx::Error> {
    sqlx::query_as::<_, CallRow>(
        "SELECT r.user_id, u.display_name AS name, m.phone, \
         CASE WHEN EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = r.message_id AND d.post_id = 0 \
              AND d.user_id = r.user_id AND d.state <> 'failed') THEN 0 ELSE 1 END AS unreachable, \
         r.called_at \
         FROM message_recipients r JOIN users u ON u.id = r.user_id \
         JOIN memberships m ON m.user_id = r.user_id AND m.bin_id = r.bin_id \
         WHERE r.message_id = $1 AND r.bin_id = $2 AND r.seen_at IS NULL \
         ORDER BY u.display_name, r.user_id",
    )
    .bind(message_id)
    .bind(bin_id)
    .fetch_all(db)
    .await
    .map(|rows| rows.into_iter().filter(|r| overdue || r.unreachable == 1).collect())
}

/// Ticks a member of one network's call list as phoned; false when they are not on it.
pub async fn mark_called<'c>(
    db: impl AnyExecutor<'c>,
    message_id: i64,
    bin_id: i64,
    user_id: i64,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE message_recipients SET called_at = $1, called_by = $2 \
         WHERE message_id = $3 AND bin_id = $4 AND user_id = $5",
    )
    .bind(now)
    .bind(by)
    .bind(message_id)
    .bind(bin_id)
    .bind(user_id)
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// A delivery claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub message_id: i64,
    pub post_id: i64,
    pub user_id: i64,
    pub address: String,
    pub lang: String,
    pub attempts: i64,
}

/// Claims up to `limit` deliveries of `channel` that are due, for `lease` seconds: another
/// worker (on this or another instance) skips them meanwhile. On PostgreSQL the rows are locked
/// with `FOR UPDATE SKIP LOCKED`; SQLite has one writer, which serialises the claims.
pub async fn claim_due<'c>(
    db: impl AnyExecutor<'c>,
    engine: Engine,
    channel: &str,
    now: i64,
    lease: i64,
    limit: i64,
) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    let lock = match engine {
        Engine::Postgres => " FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    sqlx::query_as::<_, DeliveryRow>(&format!(
        "UPDATE deliveries SET claimed_until = $1, attempts = attempts + 1 WHERE id IN (\
         SELECT id FROM deliveries WHERE state = 'pending' AND channel = $2 AND next_attempt_at <= $3 \
         AND claimed_until <= $3 ORDER BY id LIMIT $4{lock}) \
         RETURNING id, message_id, post_id, user_id, address, lang, attempts"
    ))
    .bind(now + lease)
    .bind(channel)
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The backlog of messages' deliveries, one row per channel (`email`, `sms`) that has any.
pub async fn delivery_backlog<'c>(
    db: impl AnyExecutor<'c>,
) -> Result<Vec<crate::platform::mail::Backlog>, sqlx::Error> {
    sqlx::query_as::<_, crate::platform::mail::Backlog>(
        "SELECT channel AS queue, \
         COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0) AS pending, \
         COALESCE(SUM(CASE WHEN state = 'pending' AND attempts > 0 THEN 1 ELSE 0 END), 0) AS retrying, \
         COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) AS failed \
         FROM deliveries GROUP BY channel ORDER BY channel",
    )
    .fetch_all(db)
    .await
}

/// Records a delivery as done.
pub async fn delivered<'c>(db: impl AnyExecutor<'c>, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE deliveries SET state = 'sent', sent_at = $1, last_error = NULL WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried with back-off, given up after eight attempts.
pub async fn delivery_failed<'c>(
    db: impl AnyExecutor<'c>,
    row: &DeliveryRow,
    error: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let state = if row.attempts >= 8 { "failed" } else { "pending" };
    sqlx::query(
        "UPDATE deliveries SET state = $1, last_error = $2, next_attempt_at = $3, claimed_until = 0 WHERE id = $4",
    )
    .bind(state)
    .bind(error.chars().take(300).collect::<String>())
    .bind(now + (30_i64 << row.attempts.clamp(0, 10)))
    .bind(row.id)
    .execute(db)
    .await?;
    Ok(())
}

/// The template of a message and the sender's values for its blanks (JSON), if it used one.
pub async fn template_of<'c>(
    db: impl AnyExecutor<'c>,
    id: i64,
) -> Result<(Option<String>, Option<String>), sqlx::Error> {
    Ok(sqlx::query_as::<_, (Option<String>, Option<String>)>("SELECT template, blanks FROM messages WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?
        .unwrap_or((None, None)))
}

/// The networks a person is an active member of.
pub async fn member_bins<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT bin_id FROM memberships WHERE user_id = $1 AND state = 'active'")
        .bind(user_id)
        .fetch_all(db)
        .await
}

/// An open urgent alert whose sender is due a reminder.
#[derive(Debug, sqlx::FromRow)]
pub struct OpenAlertRow {
    pub id: i64,
    pub sender_id: Option<i64>,
    pub title: String,
    pub created_at: i64,
}

/// Whether an open alert is due a reminder: `first` seconds after it was sent, then `every`
/// seconds after the last reminder. (`$1` = now − first, `$2` = now − every.)
const REMINDER_DUE: &str = "m.kind = 'urgent' AND m.status = 'open' AND \
     ((m.reminded_at IS NULL AND m.created_at <= $1) OR m.reminded_at <= $2)";

pub async fn alerts_to_remind<'c>(
    db: impl AnyExecutor<'c>,
    first_before: i64,
    again_before: i64,
) -> Result<Vec<OpenAlertRow>, sqlx::Error> {
    sqlx::query_as::<_, OpenAlertRow>(&format!(
        "SELECT m.id, m.sender_id, m.title, m.created_at FROM messages m WHERE {REMINDER_DUE} ORDER BY m.id LIMIT 500"
    ))
    .bind(first_before)
    .bind(again_before)
    .fetch_all(db)
    .await
}

/// Claims an alert's reminder at `now`; false when another instance claimed it first (or it
/// was closed meanwhile).
pub async fn claim_alert_reminder(
    tx: &mut sqlx::AnyConnection,
    id: i64,
    first_before: i64,
    again_before: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(&format!(
        "UPDATE messages SET reminded_at = $4 WHERE id = $3 AND id IN \
         (SELECT m.id FROM messages m WHERE m.id = $3 AND {REMINDER_DUE})"
    ))
    .bind(first_before)
    .bind(again_before)
    .bind(id)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The urgent alerts to a zone's networks (sent by its officers or by a coordinator) that are
/// still open since before `before`, oldest first, with how many saw them.
pub async fn left_open<'c>(
    db: impl AnyExecutor<'c>,
    zone_ids: &[i64],
    before: i64,
) -> Result<Vec<LineRow>, sqlx::Error> {
    if zone_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Zone ids are numbers from the caller's grants, never text from a request.
    let zones = zone_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    sqlx::query_as::<_, LineRow>(&format!(
        "SELECT m.id, m.kind, m.category, m.status, m.title, m.created_at, m.recipients, NULL AS seen_at, \
         (SELECT COUNT(*) FROM message_recipients r WHERE r.message_id = m.id AND r.seen_at IS NOT NULL) AS seen_count \
         FROM messages m WHERE m.kind = 'urgent' AND m.status = 'open' AND m.created_at <= $1 AND \
         (m.zone_id IN ({zones}) OR EXISTS (SELECT 1 FROM message_bins mb JOIN bins b ON b.id = mb.bin_id \
         WHERE mb.message_id = m.id AND b.zone_id IN ({zones}))) \
         ORDER BY m.created_at, m.id LIMIT 200"
    ))
    .bind(before)
    .fetch_all(db)
    .await
}

/// Postpones the non-urgent deliveries of a message (or post) to people whose quiet hours hold
/// now: to the end of their quiet hours. `hour` is the hour of the day now and `day_start` the
/// start of today, both in Belgian time (as a Unix time).
pub async fn postpone_quiet(
    tx: &mut sqlx::AnyConnection,
    message_id: i64,
    post_id: i64,
    hour: i64,
    day_start: i64,
) -> Result<u64, sqlx::Error> {
    let quiet = "(p.quiet_from <= p.quiet_to AND $3 >= p.quiet_from AND $3 < p.quiet_to) OR \
                 (p.quiet_from > p.quiet_to AND ($3 >= p.quiet_from OR $3 < p.quiet_to))";
    Ok(sqlx::query(&format!(
        "UPDATE deliveries SET next_attempt_at = (SELECT $4 + p.quiet_to * 3600 + \
         CASE WHEN p.quiet_to <= $3 THEN 86400 ELSE 0 END FROM message_preferences p WHERE p.user_id = deliveries.user_id) \
         WHERE message_id = $1 AND post_id = $2 AND state = 'pending' AND user_id IN \
         (SELECT p.user_id FROM message_preferences p WHERE p.quiet_from IS NOT NULL AND p.quiet_to IS NOT NULL AND ({quiet}))"
    ))
    .bind(message_id)
    .bind(post_id)
    .bind(hour)
    .bind(day_start)
    .execute(tx)
    .await?
    .rows_affected())
}

/// A member's choices as stored (channel lists are comma-separated codes).
#[derive(Debug, sqlx::FromRow)]
pub struct PreferenceRow {
    pub urgent: String,
    pub normal: String,
    pub quiet_from: Option<i64>,
    pub quiet_to: Option<i64>,
    pub digest: i64,
}

pub async fn preferences<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Option<PreferenceRow>, sqlx::Error> {
    sqlx::query_as::<_, PreferenceRow>(
        "SELECT urgent, normal, quiet_from, quiet_to, digest FROM message_preferences WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// Stores a member's choices; the digest's week starts when it is chosen.
pub async fn save_preferences(
    tx: &mut sqlx::AnyConnection,
    user_id: i64,
    p: &PreferenceRow,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO message_preferences (user_id, urgent, normal, quiet_from, quiet_to, digest, digest_sent_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id) DO UPDATE SET urgent = $2, normal = $3, \
         quiet_from = $4, quiet_to = $5, digest = $6, \
         digest_sent_at = CASE WHEN $6 = 1 THEN COALESCE(message_preferences.digest_sent_at, $7) ELSE NULL END",
    )
    .bind(user_id)
    .bind(&p.urgent)
    .bind(&p.normal)
    .bind(p.quiet_from)
    .bind(p.quiet_to)
    .bind(p.digest)
    .bind(if p.digest == 1 { Some(now) } else { None })
    .execute(tx)
    .await?;
    Ok(())
}

/// Whether any of a person's networks has a phone number for them.
pub async fn has_phone<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND state = 'active' AND phone IS NOT NULL AND phone <> ''",
    )
    .bind(user_id)
    .fetch_one(db)
    .await
    .map(|n| n > 0)
}

/// People whose weekly digest is due (chosen at least a week before `week_ago`).
pub async fn digests_due<'c>(db: impl AnyExecutor<'c>, week_ago: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(
        "SELECT user_id, digest_sent_at FROM message_preferences WHERE digest = 1 AND digest_sent_at <= $1 ORDER BY user_id",
    )
    .bind(week_ago)
    .fetch_all(db)
    .await
}

/// Claims a person's digest: false when another instance took it first.
pub async fn claim_digest(
    tx: &mut sqlx::AnyConnection,
    user_id: i64,
    last: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE message_preferences SET digest_sent_at = $3 WHERE user_id = $1 AND digest = 1 AND digest_sent_at = $2",
    )
    .bind(user_id)
    .bind(last)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The non-urgent messages a person received from `since` until before `until`, oldest first.
pub async fn received_between<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    since: i64,
    until: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT m.id FROM message_recipients r JOIN messages m ON m.id = r.message_id \
         WHERE r.user_id = $1 AND m.kind <> 'urgent' AND m.created_at >= $2 AND m.created_at < $3 \
         ORDER BY m.created_at, m.id LIMIT 100",
    )
    .bind(user_id)
    .bind(since)
    .bind(until)
    .fetch_all(db)
    .await
}

/// The people an open urgent alert reached by SMS since `since` who have not said they saw it:
/// `(message, user, address)`, newest alert first.
pub async fn sms_unseen_since<'c>(
    db: impl AnyExecutor<'c>,
    since: i64,
) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT d.message_id, d.user_id, d.address FROM deliveries d \
         JOIN messages m ON m.id = d.message_id \
         JOIN message_recipients r ON r.message_id = d.message_id AND r.user_id = d.user_id \
         WHERE d.channel = 'sms' AND d.state = 'sent' AND d.sent_at >= $1 \
         AND m.kind = 'urgent' AND m.status = 'open' AND r.seen_at IS NULL \
         ORDER BY d.message_id DESC, d.id DESC LIMIT 5000",
    )
    .bind(since)
    .fetch_all(db)
    .await
}

/// Messages sent before `before` whose recipient and delivery records are still kept.
pub async fn to_reduce<'c>(db: impl AnyExecutor<'c>, before: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT id FROM messages WHERE created_at < $1 AND reduced_at IS NULL ORDER BY id LIMIT 500",
    )
    .bind(before)
    .fetch_all(db)
    .await
}

/// Keeps a message's reception as counts (`reception`, JSON) and deletes its recipient and
/// delivery records and its photo; false when another instance reduced it first.
pub async fn reduce(tx: &mut sqlx::AnyConnection, id: i64, reception: &str, now: i64) -> Result<bool, sqlx::Error> {
    let claimed =
        sqlx::query("UPDATE messages SET reduced_at = $2, reduced_reception = $3 WHERE id = $1 AND reduced_at IS NULL")
            .bind(id)
            .bind(now)
            .bind(reception)
            .execute(&mut *tx)
            .await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM deliveries WHERE message_id = $1").bind(id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM message_recipients WHERE message_id = $1").bind(id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM message_photos WHERE message_id = $1").bind(id).execute(&mut *tx).await?;
    Ok(true)
}

/// The counts a reduced message kept, as JSON.
pub async fn reduced_reception<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, Option<String>>("SELECT reduced_reception FROM messages WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
        .map(Option::flatten)
}

/// A message as the dashboards count it.
#[derive(Debug, sqlx::FromRow)]
pub struct MessageFact {
    pub id: i64,
    pub kind: String,
    pub category: Option<String>,
    pub status: String,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub recipients: i64,
}

/// The zone filter of the dashboards: messages of the zone's officers or to its networks; all
/// messages for zone 0 (national).
const IN_ZONE: &str = "($1 = 0 OR m.zone_id = $1 OR EXISTS (SELECT 1 FROM message_bins mb JOIN bins b ON b.id = mb.bin_id \
     WHERE mb.message_id = m.id AND b.zone_id = $1))";

/// The messages sent since `since` (to a zone's networks, or everywhere for zone 0).
pub async fn message_facts<'c>(
    db: impl AnyExecutor<'c>,
    zone: i64,
    since: i64,
) -> Result<Vec<MessageFact>, sqlx::Error> {
    sqlx::query_as::<_, MessageFact>(&format!(
        "SELECT m.id, m.kind, m.category, m.status, m.created_at, m.closed_at, m.recipients FROM messages m \
         WHERE m.created_at >= $2 AND {IN_ZONE} ORDER BY m.created_at, m.id"
    ))
    .bind(zone)
    .bind(since)
    .fetch_all(db)
    .await
}

/// For each urgent alert sent since `since`, how long after sending each recipient said they
/// saw it: `(message, seconds)`.
pub async fn seen_delays<'c>(db: impl AnyExecutor<'c>, zone: i64, since: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(&format!(
        "SELECT m.id, r.seen_at - m.created_at FROM messages m JOIN message_recipients r ON r.message_id = m.id \
         WHERE m.kind = 'urgent' AND r.seen_at IS NOT NULL AND m.created_at >= $2 AND {IN_ZONE}"
    ))
    .bind(zone)
    .bind(since)
    .fetch_all(db)
    .await
}

/// Records a reaction; "useful" counts once per person (false when it was there already).
pub async fn react(
    tx: &mut sqlx::AnyConnection,
    message_id: i64,
    user_id: i64,
    reaction: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let sql = if reaction == "useful" {
        "INSERT INTO message_reactions (message_id, user_id, reaction, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (message_id, user_id) WHERE reaction = 'useful' DO NOTHING"
    } else {
        "INSERT INTO message_reactions (message_id, user_id, reaction, created_at) VALUES ($1, $2, $3, $4)"
    };
    let added = sqlx::query(sql).bind(message_id).bind(user_id).bind(reaction).bind(now).execute(tx).await?;
    Ok(added.rows_affected() == 1)
}

/// How many of `reaction` a person gave a message since `since`.
pub async fn reactions_by<'c>(
    db: impl AnyExecutor<'c>,
    message_id: i64,
    user_id: i64,
    reaction: &str,
    since: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND reaction = $3 AND created_at >= $4",
    )
    .bind(message_id)
    .bind(user_id)
    .bind(reaction)
    .bind(since)
    .fetch_one(db)
    .await
}

/// A message's reactions: `(useful, questions)`.
pub async fn reaction_counts<'c>(db: impl AnyExecutor<'c>, message_id: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as::<_, (i64, i64)>(
        "SELECT COALESCE(SUM(CASE WHEN reaction = 'useful' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN reaction = 'question' THEN 1 ELSE 0 END), 0) FROM message_reactions WHERE message_id = $1",
    )
    .bind(message_id)
    .fetch_one(db)
    .await
}

/// Whose photo: a resident's report, or a missing person's alert.
#[derive(Clone, Copy, Debug)]
pub enum PhotoOf {
    Report(i64),
    Message(i64),
}

impl PhotoOf {
    /// The table and its key column, and the key.
    fn place(self) -> (&'static str, &'static str, i64) {
        match self {
            PhotoOf::Report(id) => ("report_photos", "report_id", id),
            PhotoOf::Message(id) => ("message_photos", "message_id", id),
        }
    }
}

/// Keeps (or replaces) a photo, as re-encoded.
pub async fn put_photo(
    tx: &mut sqlx::AnyConnection,
    of: PhotoOf,
    jpeg: &[u8],
    width: i64,
    height: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (table, key, id) = of.place();
    sqlx::query(&format!("DELETE FROM {table} WHERE {key} = $1")).bind(id).execute(&mut *tx).await?;
    sqlx::query(&format!("INSERT INTO {table} ({key}, jpeg, width, height, created_at) VALUES ($1, $2, $3, $4, $5)"))
        .bind(id)
        .bind(jpeg.to_vec())
        .bind(width)
        .bind(height)
        .bind(now)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn photo<'c>(db: impl AnyExecutor<'c>, of: PhotoOf) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let (table, key, id) = of.place();
    sqlx::query_scalar::<_, Vec<u8>>(&format!("SELECT jpeg FROM {table} WHERE {key} = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn has_photo<'c>(db: impl AnyExecutor<'c>, message_id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM message_photos WHERE message_id = $1")
        .bind(message_id)
        .fetch_one(db)
        .await
        .map(|n| n > 0)
}

/// A police zone's own template.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ZoneTemplateRow {
    pub id: i64,
    pub zone_id: i64,
    pub kind: String,
    pub category: Option<String>,
    pub title: String,
    pub body: String,
    pub lang: String,
}

const ZONE_TEMPLATE: &str = "SELECT id, zone_id, kind, category, title, body, lang FROM zone_templates";

pub async fn zone_templates<'c>(db: impl AnyExecutor<'c>, zone_id: i64) -> Result<Vec<ZoneTemplateRow>, sqlx::Error> {
    sqlx::query_as::<_, ZoneTemplateRow>(&format!("{ZONE_TEMPLATE} WHERE zone_id = $1 ORDER BY title, id"))
        .bind(zone_id)
        .fetch_all(db)
        .await
}

pub async fn zone_template<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<ZoneTemplateRow>, sqlx::Error> {
    sqlx::query_as::<_, ZoneTemplateRow>(&format!("{ZONE_TEMPLATE} WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// A zone template to keep.
pub struct NewZoneTemplate<'a> {
    pub zone_id: i64,
    pub kind: &'a str,
    pub category: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
    pub lang: &'a str,
    pub created_by: i64,
    pub now: i64,
}

pub async fn insert_zone_template(tx: &mut sqlx::AnyConnection, t: &NewZoneTemplate<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO zone_templates (zone_id, kind, category, title, body, lang, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(t.zone_id)
    .bind(t.kind)
    .bind(t.category)
    .bind(t.title)
    .bind(t.body)
    .bind(t.lang)
    .bind(t.created_by)
    .bind(t.now)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn delete_zone_template<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM zone_templates WHERE id = $1").bind(id).execute(db).await?;
    Ok(())
}
