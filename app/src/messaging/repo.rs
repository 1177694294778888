//! SQL of messaging: messages, the networks they go to, their posts, their recipients (seen,
//! phoned) and their deliveries per channel, members' channel choices, and the figures of a
//! message's reception. Nothing else.

use crate::messaging::types::Reception;
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
}

const TARGETS: &str = "SELECT b.id, b.name, b.kind, b.nis, b.zone_id, \
     (SELECT COUNT(*) FROM memberships m WHERE m.bin_id = b.id AND m.state = 'active') AS members \
     FROM bins b WHERE b.state = 'active'";

/// The active networks of a police zone.
pub async fn zone_targets<'c>(db: impl AnyExecutor<'c>, zone_id: i64) -> Result<Vec<TargetRow>, sqlx::Error> {
    sqlx::query_as::<_, TargetRow>(&format!("{TARGETS} AND b.zone_id = $1 ORDER BY b.name, b.id"))
        .bind(zone_id)
        .fetch_all(db)
        .await
}

/// One active network.
pub async fn target<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Option<TargetRow>, sqlx::Error> {
    sqlx::query_as::<_, TargetRow>(&format!("{TARGETS} AND b.id = $1")).bind(bin_id).fetch_optional(db).await
}

/// A message to record.
pub struct NewMessage<'a> {
    pub sender_id: i64,
    pub sender_role: &'a str,
    pub zone_id: Option<i64>,
    pub kind: &'a str,
    pub category: Option<&'a str>,
    pub template: Option<&'a str>,
    pub blanks: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
    pub lang: &'a str,
    pub status: &'a str,
    pub now: i64,
}

pub async fn insert_message(tx: &mut sqlx::AnyConnection, m: &NewMessage<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO messages (sender_id, sender_role, zone_id, kind, category, template, blanks, title, body, lang, \
         status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(m.sender_id)
    .bind(m.sender_role)
    .bind(m.zone_id)
    .bind(m.kind)
    .bind(m.category)
    .bind(m.template)
    .bind(m.blanks)
    .bind(m.title)
    .bind(m.body)
    .bind(m.lang)
    .bind(m.status)
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
    let email = format!(
        "INSERT INTO deliveries (message_id, post_id, user_id, channel, address, lang, state, next_attempt_at) \
         SELECT $1, $2, r.user_id, 'email', u.email, m.lang, 'pending', $3 FROM message_recipients r \
         JOIN users u ON u.id = r.user_id \
         JOIN memberships m ON m.user_id = r.user_id AND m.bin_id = r.bin_id \
         LEFT JOIN message_preferences p ON p.user_id = r.user_id \
         WHERE r.message_id = $1 AND u.synthetic = 0 AND (',' || {choice} || ',') LIKE '%,email,%' \
         ON CONFLICT DO NOTHING"
    );
    let sms = format!(
        "INSERT INTO deliveries (message_id, post_id, user_id, channel, address, lang, state, next_attempt_at) \
         SELECT $1, $2, r.user_id, 'sms', m.phone, m.lang, 'pending', $3 FROM message_recipients r \
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
    pub sender_role: String,
    pub zone_id: Option<i64>,
    pub kind: String,
    pub category: Option<String>,
    pub title: String,
    pub body: String,
    pub lang: String,
    pub status: String,
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
    pub kind: String,
    pub category: Option<String>,
    pub status: String,
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
