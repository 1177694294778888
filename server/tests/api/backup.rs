//! `nabij backup` and `nabij restore`: a copy taken while the server runs, restored into a
//! fresh database with the same counts; a database with accounts is not overwritten without
//! --replace; a file that is not a Nabij database is refused. PostgreSQL points to pg_dump.

use crate::helpers::Engine;
use crate::{PASSWORD, with_demo};

crate::on_both_engines!(a_backup_restores_into_a_fresh_database_with_the_same_counts);

async fn a_backup_restores_into_a_fresh_database_with_the_same_counts(engine: Engine) {
    let mut app = with_demo(engine).await;
    app.signed_up("bewaard@example.be", PASSWORD).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nabij-backup.db");
    if engine == Engine::Postgres {
        let refused = server::backup::backup(&app.settings, &file).await.unwrap_err();
        assert!(refused.contains("pg_dump"), "{refused}");
        let refused = server::backup::restore(&app.settings, &file, false).await.unwrap_err();
        assert!(refused.contains("pg_restore"), "{refused}");
        return;
    }
    // Taken while the application's pool is open and in use.
    let original = server::backup::backup(&app.settings, &file).await.unwrap();
    assert!(original.iter().any(|(t, n)| t == "users" && *n > 1), "{original:?}");
    assert!(server::backup::backup(&app.settings, &file).await.unwrap_err().contains("exists"));

    // Into a fresh database: the same counts, and it serves.
    let fresh = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", fresh.path().join("restored.db").display());
    let settings = server::settings::Settings::for_tests(&url, fresh.path(), None);
    let restored = server::backup::restore(&settings, &file, false).await.unwrap();
    assert_eq!(restored, original);
    let state = server::startup::state(&settings).await.unwrap();
    let email: String = sqlx::query_scalar("SELECT email FROM users WHERE email = 'bewaard@example.be'")
        .fetch_one(&state.pool)
        .await
        .unwrap();
    assert_eq!(email, "bewaard@example.be");
    state.pool.close().await;

    // Not over a database with accounts, unless asked; never from a file that is not ours.
    let refused = server::backup::restore(&settings, &file, false).await.unwrap_err();
    assert!(refused.contains("--replace"), "{refused}");
    assert_eq!(server::backup::restore(&settings, &file, true).await.unwrap(), original);
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database at all").unwrap();
    let refused = server::backup::restore(&settings, &junk, true).await.unwrap_err();
    assert!(refused.contains("not a Nabij database"), "{refused}");
    let state = server::startup::state(&settings).await.unwrap();
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&state.pool).await.unwrap();
    assert_eq!(Some(users), original.iter().find(|(t, _)| t == "users").map(|(_, n)| *n), "nothing was lost");
}
