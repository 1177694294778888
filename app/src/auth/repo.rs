//! SQL for accounts, sessions, e-mail links, sign-in attempts, role grants and the audit log.
//! Nothing else.

use crate::auth::types::{AuditAction, AuditEntry, Grant, Role};
use crate::auth::validate::{DisplayName, EmailAddress};
use sqlx::AnyExecutor;

/// A user as stored. Deliberately not `Serialize`: it holds the password hash.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub email_confirmed_at: Option<i64>,
    pub password_hash: Option<String>,
    pub display_name: String,
    pub lang: String,
    pub created_at: i64,
    pub last_active_at: Option<i64>,
}

const USER_COLUMNS: &str =
    "id, email, email_confirmed_at, password_hash, display_name, lang, created_at, last_active_at";

pub async fn user_by_email<'c>(db: impl AnyExecutor<'c>, email: &EmailAddress) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1"))
        .bind(email.as_str())
        .fetch_optional(db)
        .await
}

/// How many accounts there are.
pub async fn count_users<'c>(db: impl AnyExecutor<'c>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(db).await
}

/// How many accounts have an address at `domain`.
pub async fn count_users_at<'c>(db: impl AnyExecutor<'c>, domain: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email LIKE $1").bind(format!("%@{domain}")).fetch_one(db).await
}

pub async fn user_by_id<'c>(db: impl AnyExecutor<'c>, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A new user to insert.
pub struct NewUser<'a> {
    pub email: &'a EmailAddress,
    pub password_hash: Option<&'a str>,
    pub display_name: &'a DisplayName,
    pub lang: &'a str,
    pub confirmed_at: Option<i64>,
    pub synthetic: bool,
    pub now: i64,
}

pub async fn insert_user<'c>(db: impl AnyExecutor<'c>, user: &NewUser<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (email, password_hash, display_name, lang, email_confirmed_at, synthetic, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(user.email.as_str())
    .bind(user.password_hash)
    .bind(user.display_name.as_str())
    .bind(user.lang)
    .bind(user.confirmed_at)
    .bind(i64::from(user.synthetic))
    .bind(user.now)
    .fetch_one(db)
    .await
}

pub async fn set_email_confirmed<'c>(db: impl AnyExecutor<'c>, user_id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, $1) WHERE id = $2")
        .bind(at)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_password_hash<'c>(db: impl AnyExecutor<'c>, user_id: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(user_id).execute(db).await?;
    Ok(())
}

pub async fn set_email<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    email: &EmailAddress,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email = $1, email_confirmed_at = $2 WHERE id = $3")
        .bind(email.as_str())
        .bind(at)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_profile<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    name: &DisplayName,
    lang: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET display_name = $1, lang = $2 WHERE id = $3")
        .bind(name.as_str())
        .bind(lang)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn touch_active<'c>(db: impl AnyExecutor<'c>, user_id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET last_active_at = $1 WHERE id = $2").bind(at).bind(user_id).execute(db).await?;
    Ok(())
}

/// Holds the account's row until the transaction ends, so that a person's own steps that count
/// before they write (at most three open proposals) queue instead of both passing the count. On
/// SQLite the transaction already holds the database's write lock.
pub async fn lock_user<'c>(
    db: impl AnyExecutor<'c>,
    engine: crate::platform::db::Engine,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    if engine == crate::platform::db::Engine::Postgres {
        sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE").bind(user_id).execute(db).await?;
    }
    Ok(())
}

/// Deletes a user; sessions, links and role grants go with them (foreign keys cascade).
pub async fn delete_user<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM users WHERE id = $1").bind(user_id).execute(db).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    role: Role,
    zone_id: Option<i64>,
    bin_id: Option<i64>,
    nis: Option<i64>,
}

pub async fn grants_of<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Vec<Grant>, sqlx::Error> {
    let rows = sqlx::query_as::<_, GrantRow>(
        "SELECT role, zone_id, bin_id, nis FROM role_grants WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Grant { role: r.role, zone_id: r.zone_id, bin_id: r.bin_id, nis: r.nis, scope_name: None })
        .collect())
}

pub async fn insert_grant<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    grant: &Grant,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO role_grants (user_id, role, zone_id, bin_id, nis, granted_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user_id)
    .bind(grant.role.code())
    .bind(grant.zone_id)
    .bind(grant.bin_id)
    .bind(grant.nis)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// Takes one role from a person; whether a row went.
pub async fn delete_grant<'c>(db: impl AnyExecutor<'c>, user_id: i64, grant: &Grant) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM role_grants WHERE user_id = $1 AND role = $2 AND COALESCE(zone_id, -1) = $3 \
         AND COALESCE(bin_id, -1) = $4 AND COALESCE(nis, -1) = $5",
    )
    .bind(user_id)
    .bind(grant.role.code())
    .bind(grant.zone_id.unwrap_or(-1))
    .bind(grant.bin_id.unwrap_or(-1))
    .bind(grant.nis.unwrap_or(-1))
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A role held, with its holder, for the lists of a zone's staff.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HolderRow {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub zone_id: Option<i64>,
    pub nis: Option<i64>,
    pub granted_at: i64,
}

/// The officers and administrators of `zone_id`, and the signatories of the municipalities
/// `nis_codes` (those of the zone), by role then name.
pub async fn zone_holders<'c>(
    db: impl AnyExecutor<'c>,
    zone_id: i64,
    nis_codes: &[i64],
) -> Result<Vec<HolderRow>, sqlx::Error> {
    // The codes are numbers from the reference data, written into the query as numbers.
    let codes = if nis_codes.is_empty() {
        "NULL".to_string()
    } else {
        nis_codes.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
    };
    sqlx::query_as::<_, HolderRow>(&format!(
        "SELECT g.user_id, u.display_name, u.email, g.role, g.zone_id, g.nis, g.granted_at \
         FROM role_grants g JOIN users u ON u.id = g.user_id \
         WHERE (g.role IN ('zone_admin', 'zone_officer') AND g.zone_id = $1) \
            OR (g.role = 'municipality' AND g.nis IN ({codes})) \
         ORDER BY g.role, u.display_name, g.user_id"
    ))
    .bind(zone_id)
    .fetch_all(db)
    .await
}

/// How many administrators `zone_id` has.
pub async fn zone_admin_count<'c>(db: impl AnyExecutor<'c>, zone_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM role_grants WHERE role = 'zone_admin' AND zone_id = $1")
        .bind(zone_id)
        .fetch_one(db)
        .await
}

/// What an audit entry says, to write it.
#[derive(Clone, Debug, Default)]
pub struct NewAudit {
    pub actor_id: Option<i64>,
    pub role: Option<Role>,
    pub zone_id: Option<i64>,
    pub bin_id: Option<i64>,
    pub nis: Option<i64>,
    pub subject_id: Option<i64>,
    pub invitation_id: Option<i64>,
}

/// Appends an entry to the audit log. There is no function to change or remove one.
pub async fn audit<'c>(
    db: impl AnyExecutor<'c>,
    action: AuditAction,
    entry: &NewAudit,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, role, zone_id, bin_id, nis, subject_id, invitation_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(at)
    .bind(entry.actor_id)
    .bind(action.code())
    .bind(entry.role.map(Role::code))
    .bind(entry.zone_id)
    .bind(entry.bin_id)
    .bind(entry.nis)
    .bind(entry.subject_id)
    .bind(entry.invitation_id)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor_name: Option<String>,
    actor_email: Option<String>,
    action: AuditAction,
    role: Option<Role>,
    zone_id: Option<i64>,
    bin_id: Option<i64>,
    nis: Option<i64>,
    subject_name: Option<String>,
    subject_email: Option<String>,
    invited_email: Option<String>,
}

/// The newest `limit` entries, of one zone (with the reads of its networks' lists) or of all.
pub async fn audit_entries<'c>(
    db: impl AnyExecutor<'c>,
    zone_id: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows = sqlx::query_as::<_, AuditRow>(
        "SELECT a.id, a.at, actor.display_name AS actor_name, actor.email AS actor_email, a.action, a.role, \
         a.zone_id, a.bin_id, a.nis, subject.display_name AS subject_name, subject.email AS subject_email, \
         i.email AS invited_email \
         FROM audit_log a \
         LEFT JOIN users actor ON actor.id = a.actor_id \
         LEFT JOIN users subject ON subject.id = a.subject_id \
         LEFT JOIN invitations i ON i.id = a.invitation_id \
         WHERE ($1 < 0 OR a.zone_id = $1) ORDER BY a.at DESC, a.id DESC LIMIT $2",
    )
    .bind(zone_id.unwrap_or(-1))
    .bind(limit)
    .fetch_all(db)
    .await?;
    let person = |name: Option<String>, email: Option<String>| match (name, email) {
        (Some(name), Some(email)) => Some(format!("{name} <{email}>")),
        _ => None,
    };
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor: person(r.actor_name, r.actor_email),
            action: r.action,
            role: r.role,
            zone_id: r.zone_id,
            bin_id: r.bin_id,
            nis: r.nis,
            subject: person(r.subject_name, r.subject_email).or(r.invited_email),
        })
        .collect())
}

pub async fn insert_session<'c>(
    db: impl AnyExecutor<'c>,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(db)
        .await?;
    Ok(())
}

/// The user of a live session.
pub async fn session_user<'c>(
    db: impl AnyExecutor<'c>,
    token_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
        .bind(token_hash)
        .bind(now)
        .fetch_optional(db)
        .await
}

pub async fn delete_session<'c>(db: impl AnyExecutor<'c>, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(db).await?;
    Ok(())
}

/// Ends every session of a user but, optionally, one.
pub async fn delete_sessions_of<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    keep: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(db)
        .await?;
    Ok(())
}

pub async fn count_sessions<'c>(db: impl AnyExecutor<'c>, user_id: i64, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND expires_at > $2")
        .bind(user_id)
        .bind(now)
        .fetch_one(db)
        .await
}

/// How long an expired or used e-mail link is kept, so that a late click is told "expired" or
/// "used" rather than "unknown"; and how long sign-in attempts count.
pub const KEEP_LINKS_S: i64 = 7 * 86_400;
pub const KEEP_ATTEMPTS_S: i64 = 86_400;

/// Deletes expired sessions, links expired or used more than [`KEEP_LINKS_S`] ago, sign-in
/// attempts older than [`KEEP_ATTEMPTS_S`] and browsers not signed in from for a year. Returns the rows deleted.
pub async fn prune(db: &mut sqlx::AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&mut *db).await?;
    let links = sqlx::query("DELETE FROM email_tokens WHERE expires_at < $1 OR used_at < $1")
        .bind(now - KEEP_LINKS_S)
        .execute(&mut *db)
        .await?;
    let attempts =
        sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1").bind(now - KEEP_ATTEMPTS_S).execute(&mut *db).await?;
    let devices = sqlx::query("DELETE FROM known_devices WHERE last_used_at < $1")
        .bind(now - crate::auth::session::DEVICE_SECONDS)
        .execute(&mut *db)
        .await?;
    Ok(sessions.rows_affected() + links.rows_affected() + attempts.rows_affected() + devices.rows_affected())
}

/// What an e-mail link may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Confirm,
    Reset,
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Confirm => "confirm",
            Purpose::Reset => "reset",
            Purpose::ChangeEmail => "change_email",
        }
    }
}

/// An e-mail link as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EmailTokenRow {
    pub user_id: i64,
    pub new_email: Option<String>,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

pub async fn insert_email_token<'c>(
    db: impl AnyExecutor<'c>,
    token_hash: &str,
    user_id: i64,
    purpose: Purpose,
    new_email: Option<&str>,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO email_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(new_email)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn email_token<'c>(
    db: impl AnyExecutor<'c>,
    token_hash: &str,
    purpose: Purpose,
) -> Result<Option<EmailTokenRow>, sqlx::Error> {
    sqlx::query_as::<_, EmailTokenRow>(
        "SELECT user_id, new_email, expires_at, used_at FROM email_tokens WHERE token_hash = $1 AND purpose = $2",
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .fetch_optional(db)
    .await
}

/// Marks a link used; false when another request used it first.
pub async fn use_email_token<'c>(db: impl AnyExecutor<'c>, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
        .bind(now)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record_sign_in_attempt<'c>(
    db: impl AnyExecutor<'c>,
    key: &str,
    succeeded: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sign_in_attempts (email_key, at, succeeded) VALUES ($1, $2, $3)")
        .bind(key)
        .bind(now)
        .bind(i64::from(succeeded))
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets every sign-in attempt for an address (its account is deleted).
pub async fn clear_sign_ins<'c>(db: impl AnyExecutor<'c>, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_attempts WHERE email_key = $1").bind(key).execute(db).await?;
    Ok(())
}

/// Forgets an address's failed sign-ins (its owner chose a new password by e-mail).
pub async fn clear_failed_sign_ins<'c>(db: impl AnyExecutor<'c>, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_attempts WHERE email_key = $1 AND succeeded = 0").bind(key).execute(db).await?;
    Ok(())
}

/// Remembers a browser a person signed in from (by the hash of its cookie's token).
pub async fn remember_device<'c>(
    db: impl AnyExecutor<'c>,
    token_hash: &str,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO known_devices (token_hash, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (token_hash) DO UPDATE SET last_used_at = $3 WHERE known_devices.user_id = $2",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Whether a browser's token is one `user_id` signed in from.
pub async fn is_known_device<'c>(
    db: impl AnyExecutor<'c>,
    token_hash: &str,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let n = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM known_devices WHERE token_hash = $1 AND user_id = $2")
        .bind(token_hash)
        .bind(user_id)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

pub async fn failed_sign_ins_since<'c>(db: impl AnyExecutor<'c>, key: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM sign_in_attempts WHERE email_key = $1 AND at >= $2 AND succeeded = 0",
    )
    .bind(key)
    .bind(since)
    .fetch_one(db)
    .await
}
