//! The render cache: anonymous public pages are sent again as they were (the same bytes, the
//! same `ETag`, a 304 for a browser that has them), in the reader's language, until the data
//! behind them changes: a change made straight in the database, as another instance would make
//! it, is seen within the recheck interval, and at once after a write through this instance.
//! A signed-in visit is never answered from the cache. The directory's index of networks
//! follows another instance's change as well.

use crate::helpers::Engine;
use crate::{PASSWORD, with_demo};
use http::StatusCode;

crate::on_both_engines!(
    public_pages_are_kept_until_their_data_changes,
    a_signed_in_visit_is_never_answered_from_the_cache,
    the_index_of_networks_follows_changes_made_through_another_instance
);

async fn public_pages_are_kept_until_their_data_changes(engine: Engine) {
    let mut app = with_demo(engine).await;
    for path in ["/bin/1", "/?q=9000", "/learn", "/learn/phishing", "/api/v1/bins/1", "/api/v1/bins?near=9000"] {
        let first = app.get(path).await;
        assert_eq!(first.status, StatusCode::OK, "{path}");
        let etag = first.headers["etag"].to_str().unwrap().to_string();
        let again = app.get(path).await;
        assert_eq!(again.headers["etag"].to_str().unwrap(), etag, "{path}");
        // A page rendered again would carry a new nonce for its scripts.
        assert_eq!(again.body, first.body, "{path} is sent as it was");
        let unchanged = app.get_with(path, &[("if-none-match", &etag)]).await;
        assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(unchanged.body.is_empty());
    }
    let french = app.get_with("/bin/1", &[("accept-language", "fr")]).await;
    assert!(french.body.contains("<html lang=\"fr\""), "each language has its own copy");

    let before = app.get("/bin/1").await;
    let api_before = app.get("/api/v1/bins/1").await;
    // Changed by another instance: seen once the version is read again, within a quarter second.
    sqlx::query("UPDATE bins SET name = 'Buurtnetwerk Hernoemd' WHERE id = 1").execute(&app.state.pool).await.unwrap();
    tokio::time::sleep(server::render_cache::RECHECK + std::time::Duration::from_millis(50)).await;
    let after = app.get_with("/bin/1", &[("if-none-match", before.headers["etag"].to_str().unwrap())]).await;
    assert_eq!(after.status, StatusCode::OK, "a changed page is sent whole");
    assert!(after.body.contains("Buurtnetwerk Hernoemd"));
    assert_ne!(after.headers["etag"], before.headers["etag"]);
    let api_after = app.get("/api/v1/bins/1").await;
    assert_eq!(api_after.json()["name"], "Buurtnetwerk Hernoemd");
    assert_ne!(api_after.headers["etag"], api_before.headers["etag"]);

    // Changed while a request that may write goes through this instance: seen at once.
    sqlx::query("UPDATE bins SET name = 'Buurtnetwerk Nogmaals' WHERE id = 1").execute(&app.state.pool).await.unwrap();
    app.call("/api/auth/sign_out", &[]).await;
    assert!(app.get("/bin/1").await.body.contains("Buurtnetwerk Nogmaals"));
}

async fn a_signed_in_visit_is_never_answered_from_the_cache(engine: Engine) {
    let mut app = with_demo(engine).await;
    let anonymous = app.get("/bin/1").await;
    assert!(anonymous.headers.contains_key("etag"));
    app.signed_up("lezer@example.be", PASSWORD).await;
    let signed_in = app.get("/bin/1").await;
    assert_eq!(signed_in.status, StatusCode::OK);
    assert!(!signed_in.headers.contains_key("etag"), "not kept, not sent from the cache");
    assert!(!signed_in.body.contains("data-test-signin-link"), "the page of someone signed in");
    assert!(signed_in.headers["cache-control"].to_str().unwrap().contains("no-store"));
}

async fn the_index_of_networks_follows_changes_made_through_another_instance(engine: Engine) {
    let mut app = with_demo(engine).await;
    let mut built_for = None;
    assert!(server::startup::follow_index_step(&app.state, &mut built_for).await.unwrap(), "built at first");
    assert!(!server::startup::follow_index_step(&app.state, &mut built_for).await.unwrap(), "nothing changed");
    let nearest = |app_json: serde_json::Value| app_json["bins"][0]["id"].as_i64().unwrap();
    let first = nearest(app.get("/api/v1/bins?near=9000&limit=1").await.json());
    // Another instance makes the nearest network dormant: this one still has it in its index...
    sqlx::query("UPDATE bins SET state = 'dormant' WHERE id = $1").bind(first).execute(&app.state.pool).await.unwrap();
    assert_eq!(nearest(app.get("/api/v1/bins?near=9000&limit=1").await.json()), first);
    // ...until its follower sees the database's version move and rebuilds it.
    assert!(server::startup::follow_index_step(&app.state, &mut built_for).await.unwrap(), "rebuilt");
    let now = nearest(app.get("/api/v1/bins?near=9000&limit=1").await.json());
    assert_ne!(now, first, "a dormant network is no longer found");
}
