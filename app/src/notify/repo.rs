//! SQL of notices: who receives them (a network's coordination, a zone's staff, one person)
//! and the in-app inbox. Nothing else.

use crate::i18n::Lang;
use sqlx::AnyExecutor;

/// A person to tell, in the language of their account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub lang: Lang,
    pub name: String,
}

/// The columns every recipient query selects, in this order.
type RecipientRow = (i64, String, String, String);

fn recipient((user_id, email, lang, name): RecipientRow) -> Recipient {
    Recipient { user_id, email, lang: Lang::parse(&lang).unwrap_or_default(), name }
}

/// The people holding `roles` (SQL string literals) with a grant on `scope` = `id`.
async fn holders<'c>(
    db: impl AnyExecutor<'c>,
    roles: &str,
    scope: &str,
    id: Option<i64>,
) -> Result<Vec<Recipient>, sqlx::Error> {
    let filter = match id {
        Some(_) => format!("AND g.{scope} = $1"),
        None => String::new(),
    };
    let sql = format!(
        "SELECT DISTINCT u.id, u.email, u.lang, u.display_name FROM role_grants g JOIN users u ON u.id = g.user_id \
         WHERE g.role IN ({roles}) {filter} ORDER BY u.id"
    );
    let mut query = sqlx::query_as::<_, RecipientRow>(&sql);
    if let Some(id) = id {
        query = query.bind(id);
    }
    Ok(query.fetch_all(db).await?.into_iter().map(recipient).collect())
}

/// One person as a recipient.
pub async fn user_recipient<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Option<Recipient>, sqlx::Error> {
    Ok(sqlx::query_as::<_, RecipientRow>("SELECT id, email, lang, display_name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(db)
        .await?
        .map(recipient))
}

/// A network's coordinator and deputies.
pub async fn managers<'c>(db: impl AnyExecutor<'c>, bin_id: i64) -> Result<Vec<Recipient>, sqlx::Error> {
    holders(db, "'coordinator', 'deputy'", "bin_id", Some(bin_id)).await
}

/// A police zone's officers and admins.
pub async fn zone_staff<'c>(db: impl AnyExecutor<'c>, zone_id: i64) -> Result<Vec<Recipient>, sqlx::Error> {
    holders(db, "'zone_officer', 'zone_admin'", "zone_id", Some(zone_id)).await
}

/// Everyone who signs for a municipality (its NIS code).
pub async fn municipality_signatories<'c>(db: impl AnyExecutor<'c>, nis: i64) -> Result<Vec<Recipient>, sqlx::Error> {
    holders(db, "'municipality'", "nis", Some(nis)).await
}

/// The knowledge centre's administrators.
pub async fn kc_admins<'c>(db: impl AnyExecutor<'c>) -> Result<Vec<Recipient>, sqlx::Error> {
    holders(db, "'kc_admin'", "zone_id", None).await
}

/// Keeps each person once, in the order of their id.
pub fn dedup(mut people: Vec<Recipient>) -> Vec<Recipient> {
    people.sort_by_key(|p| p.user_id);
    people.dedup_by_key(|p| p.user_id);
    people
}

pub async fn insert_inbox<'c>(
    db: impl AnyExecutor<'c>,
    user_id: i64,
    notice: &str,
    about: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO inbox (user_id, notice, about_user, created_at) VALUES ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(notice)
        .bind(about)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// One inbox row, its notice still as stored JSON.
#[derive(Debug, sqlx::FromRow)]
pub struct InboxRow {
    pub id: i64,
    pub notice: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// The newest inbox items.
pub async fn inbox<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<Vec<InboxRow>, sqlx::Error> {
    sqlx::query_as::<_, InboxRow>(
        "SELECT id, notice, created_at, read_at FROM inbox WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 100",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

pub async fn unread<'c>(db: impl AnyExecutor<'c>, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM inbox WHERE user_id = $1 AND read_at IS NULL")
        .bind(user_id)
        .fetch_one(db)
        .await
}

pub async fn mark_read<'c>(db: impl AnyExecutor<'c>, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE inbox SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Marks one of the user's notices read and gives it back; `None` when it is not theirs.
pub async fn open_one(
    db: &crate::platform::db::Pool,
    user_id: i64,
    id: i64,
    now: i64,
) -> Result<Option<InboxRow>, sqlx::Error> {
    sqlx::query("UPDATE inbox SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL")
        .bind(now)
        .bind(id)
        .bind(user_id)
        .execute(db)
        .await?;
    sqlx::query_as::<_, InboxRow>("SELECT id, notice, created_at, read_at FROM inbox WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .fetch_optional(db)
        .await
}
