//! The database: one pool over SQLite or PostgreSQL, chosen by the URL's scheme, through
//! sqlx's `Any` driver so that every repository runs unchanged on both. Queries use `$1`
//! placeholders (both engines accept them), `BIGINT` for integers and `DOUBLE PRECISION`/`REAL`
//! for decimals, so values decode alike on both.

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use std::time::Duration;

/// The pool every repository takes.
pub type Pool = sqlx::AnyPool;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// The database engine behind a URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got a URL starting with \"{0}\")")]
    UnknownScheme(String),
    #[error("could not open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("could not apply the database migrations: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    #[error(
        "this database was changed by a newer version of Nabij (migration {0} is unknown to this one); \
         run that version, or restore a backup made with this one"
    )]
    Newer(String),
}

/// Where a database stands against the migrations this build carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MigrationStatus {
    /// Versions applied, in order.
    pub applied: Vec<i64>,
    /// Migrations of this build not applied yet: version and description.
    pub pending: Vec<(i64, String)>,
    /// Versions applied by a build newer than this one.
    pub unknown: Vec<i64>,
}

impl MigrationStatus {
    pub fn up_to_date(&self) -> bool {
        self.pending.is_empty() && self.unknown.is_empty()
    }
}

impl Engine {
    /// Reads the engine from a database URL's scheme.
    pub fn from_url(url: &str) -> Result<Engine, DbError> {
        let scheme = url.split(':').next().unwrap_or("");
        match scheme {
            "sqlite" => Ok(Engine::Sqlite),
            "postgres" | "postgresql" => Ok(Engine::Postgres),
            other => Err(DbError::UnknownScheme(other.chars().take(20).collect())),
        }
    }
}

/// Creates the empty database `name` on the PostgreSQL server of `admin_url` (a URL to any of
/// its databases) and returns the URL of the new one, for tests and benchmarks. `name` must be
/// a plain identifier.
pub async fn create_postgres_database(admin_url: &str, name: &str) -> Result<String, sqlx::Error> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(sqlx::Error::Configuration(format!("not a plain database name: {name:?}").into()));
    }
    let (before_query, query) = admin_url
        .split_once('?')
        .map(|(a, q)| (a.to_string(), format!("?{q}")))
        .unwrap_or((admin_url.to_string(), String::new()));
    let base = before_query.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(before_query);
    install_default_drivers();
    let pool = sqlx::AnyPool::connect(admin_url).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await?;
    pool.close().await;
    Ok(format!("{base}/{name}{query}"))
}

/// Opens the pool (creating an SQLite file if needed, in WAL mode with foreign keys on) and
/// applies the embedded migrations of its engine. A database migrated by a newer build is
/// refused, before anything is changed.
pub async fn connect_and_migrate(url: &str) -> Result<Pool, DbError> {
    let pool = connect(url).await?;
    let engine = Engine::from_url(url)?;
    let status = migration_status(&pool, engine).await.map_err(DbError::Connect)?;
    if !status.unknown.is_empty() {
        let versions: Vec<String> = status.unknown.iter().map(i64::to_string).collect();
        return Err(DbError::Newer(versions.join(", ")));
    }
    migrator(engine).run(&pool).await.map_err(DbError::Migrate)?;
    Ok(pool)
}

fn migrator(engine: Engine) -> &'static Migrator {
    match engine {
        Engine::Sqlite => &SQLITE_MIGRATIONS,
        Engine::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// Compares the migrations recorded in the database with those of this build.
pub async fn migration_status(pool: &Pool, engine: Engine) -> Result<MigrationStatus, sqlx::Error> {
    let table_exists = match engine {
        Engine::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        Engine::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables \
             WHERE table_name = '_sqlx_migrations' AND table_schema = current_schema()"
        }
    };
    let applied: Vec<i64> = if sqlx::query_scalar::<_, i64>(table_exists).fetch_one(pool).await? > 0 {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await?
    } else {
        Vec::new()
    };
    let known: Vec<(i64, String)> = migrator(engine)
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| (m.version, m.description.to_string()))
        .collect();
    Ok(MigrationStatus {
        pending: known.iter().filter(|(v, _)| !applied.contains(v)).cloned().collect(),
        unknown: applied.iter().filter(|v| !known.iter().any(|(k, _)| k == *v)).copied().collect(),
        applied,
    })
}

/// Opens the pool without touching the schema (see [`connect_and_migrate`]).
pub async fn connect(url: &str) -> Result<Pool, DbError> {
    let engine = Engine::from_url(url)?;
    install_default_drivers();
    let url = match engine {
        Engine::Sqlite if !url.contains("mode=") => {
            let separator = if url.contains('?') { '&' } else { '?' };
            format!("{url}{separator}mode=rwc")
        }
        _ => url.to_string(),
    };
    let options = AnyPoolOptions::new()
        .max_connections(match engine {
            Engine::Sqlite => 8,
            Engine::Postgres => 16,
        })
        .acquire_timeout(Duration::from_secs(10))
        // A connection whose transaction SQLite or PostgreSQL ended on its own (a full disk
        // fails the commit and rolls back) still counts it, and could never begin another:
        // it is closed and a fresh one opened.
        .before_acquire(|conn, _meta| Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) }));
    let options = if engine == Engine::Sqlite {
        options.after_connect(|conn, _meta| {
            Box::pin(async move {
                use sqlx::Executor;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA busy_timeout = 5000").await?;
                conn.execute("PRAGMA synchronous = NORMAL").await?;
                Ok(())
            })
        })
    } else {
        options
    };
    let pool = options.connect(&url).await.map_err(DbError::Connect)?;
    if engine == Engine::Sqlite {
        sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await.map_err(DbError::Connect)?;
    }
    Ok(pool)
}

/// Writes a consistent copy of a SQLite database to `path` while it is in use (`VACUUM INTO`).
pub async fn sqlite_copy_to(pool: &Pool, path: &str) -> Result<(), sqlx::Error> {
    sqlx::query("VACUUM INTO $1").bind(path).execute(pool).await?;
    Ok(())
}

/// What SQLite's own check says of a database file ("ok" when sound).
pub async fn sqlite_integrity(pool: &Pool) -> Result<String, sqlx::Error> {
    sqlx::query_scalar::<_, String>("PRAGMA integrity_check").fetch_one(pool).await
}

/// How many rows each of `tables` holds, for comparing a restored copy with its original.
pub async fn row_counts(pool: &Pool, tables: &[&str]) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut out = Vec::with_capacity(tables.len());
    for table in tables {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(pool).await?;
        out.push((table.to_string(), n));
    }
    Ok(out)
}

/// Whether the database holds accounts (a restore must not overwrite one that does).
pub async fn has_accounts(pool: &Pool) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users").fetch_one(pool).await? > 0)
}

/// Whether the database answers, for `/healthz`.
pub async fn ping(pool: &Pool) -> bool {
    sqlx::query("SELECT 1").execute(pool).await.is_ok()
}

/// The version of the data behind the public pages, raised by the database with every change
/// to it (see the `public_version` migration); the render cache keys its pages by it.
pub async fn public_version(pool: &Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT version FROM public_version WHERE id = 1").fetch_one(pool).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_picks_the_engine() {
        assert_eq!(Engine::from_url("sqlite://var/nabij.db").ok(), Some(Engine::Sqlite));
        assert_eq!(Engine::from_url("postgres:///nabij?host=/run").ok(), Some(Engine::Postgres));
        assert_eq!(Engine::from_url("postgresql://u@h/db").ok(), Some(Engine::Postgres));
    }

    /// A full disk (here: SQLite's page limit, which fails writes the same way) ends the
    /// transaction inside SQLite; the pool must not hand out a connection that still counts it,
    /// or every later transaction on that connection fails until the server restarts.
    #[tokio::test]
    async fn writing_works_again_after_the_disk_was_full() {
        use sqlx::Executor;
        let dir = std::env::temp_dir().join(format!("nabij-full-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let pool = connect(&format!("sqlite://{}/full.db", dir.display())).await.unwrap_or_else(|e| panic!("{e}"));
        pool.execute("CREATE TABLE notes (body TEXT NOT NULL)").await.unwrap_or_else(|e| panic!("{e}"));
        // Every connection of the pool gets a page limit just above what the file holds.
        let mut held = Vec::new();
        for _ in 0..8 {
            let mut conn = pool.acquire().await.unwrap_or_else(|e| panic!("{e}"));
            conn.execute("PRAGMA max_page_count = 8").await.unwrap_or_else(|e| panic!("{e}"));
            held.push(conn);
        }
        drop(held);
        let mut failures = 0;
        for _ in 0..16 {
            let Ok(mut tx) = pool.begin_with("BEGIN IMMEDIATE").await else { continue };
            let write =
                sqlx::query("INSERT INTO notes (body) VALUES ($1)").bind("x".repeat(100_000)).execute(&mut *tx).await;
            if write.is_err() || tx.commit().await.is_err() {
                failures += 1;
            }
        }
        assert!(failures > 0, "the page limit made writes fail");
        // Space again: every connection may grow, and every transaction begins.
        let mut held = Vec::new();
        for _ in 0..8 {
            let mut conn = pool.acquire().await.unwrap_or_else(|e| panic!("{e}"));
            conn.execute("PRAGMA max_page_count = 1073741823").await.unwrap_or_else(|e| panic!("{e}"));
            held.push(conn);
        }
        drop(held);
        for i in 0..16 {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.unwrap_or_else(|e| panic!("transaction {i}: {e}"));
            sqlx::query("INSERT INTO notes (body) VALUES ('kept')")
                .execute(&mut *tx)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            tx.commit().await.unwrap_or_else(|e| panic!("commit {i}: {e}"));
        }
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE body = 'kept'")
            .fetch_one(&pool)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kept, 16);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_unknown_scheme_is_named_in_the_error() {
        let err = Engine::from_url("mysql://localhost/db").err().map(|e| e.to_string());
        assert!(err.unwrap_or_default().contains("\"mysql\""));
    }
}
