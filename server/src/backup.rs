//! `nabij backup FILE` and `nabij restore FILE` for SQLite: a consistent copy taken while the
//! server runs (`VACUUM INTO`), and putting such a copy in place of a database that holds no
//! accounts yet (or, with `--replace`, of any), checked first and migrated after. PostgreSQL
//! has its own tools (`pg_dump`, `pg_restore`; see the README).

use crate::settings::Settings;
use app::platform::db::{self, Engine};
use std::path::{Path, PathBuf};

/// The tables whose counts a restore reports, to compare with the original.
pub const COUNTED: [&str; 8] =
    ["users", "bins", "memberships", "role_grants", "charters", "messages", "reports", "certificates"];

const POSTGRES: &str = "this database is PostgreSQL: back it up with `pg_dump --format=custom --file FILE DATABASE_URL` \
     and restore with `pg_restore --clean --dbname DATABASE_URL FILE` (see the README)";

fn sqlite_path(url: &str) -> Result<PathBuf, String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).ok_or(POSTGRES)?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" {
        return Err("the database is not a file".into());
    }
    Ok(PathBuf::from(path))
}

/// Writes a copy of the running database to `file`, which must not exist yet.
pub async fn backup(settings: &Settings, file: &Path) -> Result<Vec<(String, i64)>, String> {
    let url = settings.database_url.expose();
    if Engine::from_url(url).map_err(|e| e.to_string())? != Engine::Sqlite {
        return Err(POSTGRES.into());
    }
    if file.exists() {
        return Err(format!("{} exists already; choose a new file name", file.display()));
    }
    let pool = db::connect_and_migrate(url).await.map_err(|e| e.to_string())?;
    let target = file.to_str().ok_or("the file name is not valid UTF-8")?;
    db::sqlite_copy_to(&pool, target).await.map_err(|e| format!("could not write the copy: {e}"))?;
    db::row_counts(&pool, &COUNTED).await.map_err(|e| e.to_string())
}

/// Puts the copy `file` in place of the configured SQLite database, after checking that it is a
/// sound Nabij database; refuses to overwrite a database with accounts unless `replace`. The
/// server must not run meanwhile. Returns the restored database's counts.
pub async fn restore(settings: &Settings, file: &Path, replace: bool) -> Result<Vec<(String, i64)>, String> {
    let url = settings.database_url.expose();
    if Engine::from_url(url).map_err(|e| e.to_string())? != Engine::Sqlite {
        return Err(POSTGRES.into());
    }
    let target = sqlite_path(url)?;
    if !file.is_file() {
        return Err(format!("{} is not a file", file.display()));
    }
    // Check the copy, on a scratch copy of it (opening a database may write to it).
    let scratch = target.with_extension("restore-check");
    std::fs::copy(file, &scratch).map_err(|e| format!("could not read {}: {e}", file.display()))?;
    let checked = check(&scratch).await;
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&scratch);
        return Err(e);
    }
    if target.exists() && !replace {
        let pool = db::connect_and_migrate(url).await.map_err(|e| e.to_string())?;
        let has = db::has_accounts(&pool).await.map_err(|e| e.to_string())?;
        pool.close().await;
        if has {
            let _ = std::fs::remove_file(&scratch);
            return Err(format!(
                "{} holds accounts; give --replace to overwrite it (take a backup of it first)",
                target.display()
            ));
        }
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::rename(&scratch, &target).map_err(|e| format!("could not put the copy in place: {e}"))?;
    let pool = db::connect_and_migrate(url).await.map_err(|e| e.to_string())?;
    let counts = db::row_counts(&pool, &COUNTED).await.map_err(|e| e.to_string());
    pool.close().await;
    counts
}

/// Whether `path` is a sound SQLite database of Nabij (its integrity check passes and it has
/// Nabij's tables), brought up to date by the migrations.
async fn check(path: &Path) -> Result<(), String> {
    let url = format!("sqlite://{}", path.display());
    let not_ours = |e: String| format!("{} is not a Nabij database ({e})", path.display());
    let pool = db::connect_and_migrate(&url).await.map_err(|e| not_ours(e.to_string()))?;
    let integrity = db::sqlite_integrity(&pool).await.map_err(|e| not_ours(e.to_string()))?;
    let counts = db::row_counts(&pool, &COUNTED).await;
    pool.close().await;
    if integrity != "ok" {
        return Err(not_ours(integrity));
    }
    counts.map(|_| ()).map_err(|e| not_ours(e.to_string()))
}
