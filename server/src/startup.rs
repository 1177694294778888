//! Building the application from settings: database, geography, state, router, listener.
//! `Application::build` binds the port first, so tests can ask for port 0 and learn the real one.

use crate::settings::Settings;
use crate::{mailer, middleware, routes};
use app::directory::basemap::BaseMap;
use app::directory::geo::{GeoError, Geography};
use app::directory::state::Directory;
use app::learning::content::Catalog;
use app::platform::db::{self, DbError};
use app::platform::state::{AppState, Parts, Site};
use app::{App, shell};
use axum::Router;
use axum::serve::ListenerExt;
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::compression::CompressionLayer;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Geography(#[from] GeoError),
    #[error("could not listen on {0}: {1}")]
    Bind(std::net::SocketAddr, std::io::Error),
    #[error(
        "the course content in {0} is not valid:\n{1}\nSet NABIJ_CONTENT_DIR to the project's content/ folder, or fix the files named."
    )]
    Content(std::path::PathBuf, String),
    #[error("could not create the folder {0}: {1}")]
    VarDir(std::path::PathBuf, std::io::Error),
}

/// Whether the build put content hashes in the site's file names: `cargo leptos build` then
/// writes `hash.txt` next to the server binary, where Leptos looks for it.
fn hashed_site() -> bool {
    std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").exists())).unwrap_or(false)
}

/// Opens the database (migrating it) and loads the geography: the state every command needs.
pub async fn state(settings: &Settings) -> Result<AppState, StartError> {
    Ok(state_at(settings).await?.0)
}

/// The state, and the database's public version its index of networks was built for (read
/// before the build, so a change during it is followed).
async fn state_at(settings: &Settings) -> Result<(AppState, i64), StartError> {
    app::auth::personal::register(app::personal_data());
    std::fs::create_dir_all(&settings.var_dir).map_err(|e| StartError::VarDir(settings.var_dir.clone(), e))?;
    let geo = Geography::load(&settings.data_dir)?;
    let pool = db::connect_and_migrate(settings.database_url.expose()).await?;
    let leptos_options = LeptosOptions::builder()
        .output_name(settings.site.output_name.clone())
        .site_root(settings.site.site_root.clone())
        .site_pkg_dir(settings.site.site_pkg_dir.clone())
        .site_addr(settings.bind)
        .hash_files(hashed_site())
        .build();
    let map = BaseMap::load(&settings.data_dir)?;
    let catalog =
        Catalog::load(&settings.content_dir).map_err(|e| StartError::Content(settings.content_dir.clone(), e))?;
    let operator =
        settings.operator.as_ref().map(|o| app::info::Operator { name: o.name.clone(), contact: o.contact.clone() });
    app::info::ssr::load(&settings.content_dir, operator)
        .map_err(|e| StartError::Content(settings.content_dir.clone(), e))?;
    let state = AppState {
        leptos_options,
        pool,
        site: Arc::new(Site::new(&settings.public_url)),
        engine: db::Engine::from_url(settings.database_url.expose())?,
        live: Arc::default(),
        // Hashing takes a core for a while: as many at once as there are cores.
        throttle: Arc::new(app::platform::throttle::Throttle::new(
            std::thread::available_parallelism().map(usize::from).unwrap_or(2),
        )),
        memo: Arc::default(),
        parts: Parts::new(vec![Arc::new(Directory::new(geo, map)), Arc::new(catalog)]),
    };
    let version = db::public_version(&state.pool).await.map_err(|e| StartError::Database(DbError::Connect(e)))?;
    state.public_changed().await.map_err(|e| StartError::Database(DbError::Connect(e)))?;
    Ok((state, version))
}

/// The whole router: pages, server functions, REST endpoints, static files and the layers.
pub fn router(state: AppState, settings: &Settings, ops: Arc<crate::ops::Ops>) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    // 120 requests a minute per address for the open API.
    let limiter = Arc::new(crate::ratelimit::RateLimiter::new(120, std::time::Duration::from_secs(60)));
    Router::new()
        .merge(crate::ops::router())
        .merge(routes::router(settings.sms.as_ref().and_then(|s| s.inbound_key.clone())))
        .merge(crate::api_v1::router(limiter.clone()))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || app::platform::state::provide(&state)
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(routes::fallback)
        .layer(axum::middleware::from_fn_with_state(limiter.clone(), crate::api_v1::limit_directory_reads))
        .layer(axum::middleware::from_fn(middleware::server_fn_error_status))
        .layer(axum::middleware::from_fn(middleware::limit_server_fn_bodies))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::refuse_cross_origin))
        .layer(axum::middleware::from_fn(middleware::language))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::security_headers))
        .layer(CompressionLayer::new())
        // Outside compression, so a kept page is sent as it was compressed.
        .layer(axum::middleware::from_fn_with_state(
            crate::render_cache::RenderCache::new(state.clone(), limiter.clone()),
            crate::render_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(ops.clone(), crate::ops::track))
        .layer(axum::Extension(ops))
        .layer(axum::Extension(settings.trusted_proxies.clone()))
        .with_state(state)
}

/// A bound, ready server.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    /// The public version the index of networks was built for at start.
    index_version: i64,
    settings: Settings,
    ops: Arc<crate::ops::Ops>,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Application, StartError> {
        let (state, index_version) = state_at(&settings).await?;
        let listener = TcpListener::bind(settings.bind).await.map_err(|e| StartError::Bind(settings.bind, e))?;
        let ops = crate::ops::Ops::new(settings.metrics_token.clone());
        let router = router(state.clone(), &settings, ops.clone());
        Ok(Application { listener, router, state, index_version, settings, ops })
    }

    /// The port actually bound (useful when asking for port 0).
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then ends the live event streams, lets requests in
    /// flight finish, and stops the background workers after their current step.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (stop_tx, stop_rx) = watch::channel(false);
        let sender = tokio::spawn(mailer::run(
            self.state.pool.clone(),
            self.settings.clone(),
            self.ops.clone(),
            stop_rx.clone(),
        ));
        let deliveries = tokio::spawn(crate::delivery::run(
            self.state.clone(),
            self.settings.clone(),
            self.ops.clone(),
            stop_rx.clone(),
        ));
        let listener_task = (self.state.engine == db::Engine::Postgres).then(|| {
            let url = self.settings.database_url.expose().to_string();
            tokio::spawn(crate::live::listen(self.state.clone(), url, stop_rx.clone()))
        });
        let index =
            tokio::spawn(follow_index(self.state.clone(), self.index_version, self.ops.clone(), stop_rx.clone()));
        let reminders =
            tokio::spawn(remind(self.state.clone(), self.settings.retention_days, self.ops.clone(), stop_rx));
        // Open event streams would keep their connections, and so the shutdown, waiting.
        let state = self.state.clone();
        let shutdown = async move {
            shutdown.await;
            crate::live::close_streams(&state);
        };
        // Leptos streams a page in several writes; without TCP_NODELAY each waits for a delayed ACK.
        let listener = self.listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let result = axum::serve(listener, self.router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await;
        let _ = stop_tx.send(true);
        let _ = sender.await;
        let _ = deliveries.await;
        if let Some(task) = listener_task {
            let _ = task.await;
        }
        let _ = reminders.await;
        let _ = index.await;
        result
    }
}

/// How often an instance looks whether the data behind the index of networks changed.
pub const INDEX_RECHECK: std::time::Duration = std::time::Duration::from_secs(1);

/// Keeps the index of networks in step with changes made through other instances (a change
/// through this one rebuilds it at once), and the national dashboards readers look at built
/// ahead (`keep_national_warm`): every `INDEX_RECHECK`, until `stop` turns true. The index was
/// built at start for `built_at` and is built again only once the version moves on.
async fn follow_index(state: AppState, built_at: i64, ops: Arc<crate::ops::Ops>, mut stop: watch::Receiver<bool>) {
    let mut built_for = Some(built_at);
    loop {
        let done = follow_index_step(&state, &mut built_for).await;
        if let Err(e) = &done {
            tracing::warn!(error = %e, "could not follow the index of networks");
        }
        let warm = app::dashboard::assemble::keep_national_warm(&state).await;
        if let Err(e) = &warm {
            tracing::warn!(error = %e, "could not build the national dashboard ahead");
        }
        ops.beat(crate::ops::Worker::Index, done.is_ok() && warm.is_ok());
        tokio::select! {
            _ = tokio::time::sleep(INDEX_RECHECK) => {},
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// One look at the database's public version (raised by every change to networks, their
/// streets and roles): the index is rebuilt when it moved since the index was last built for
/// `built_for`. Returns whether it was rebuilt.
pub async fn follow_index_step(state: &AppState, built_for: &mut Option<i64>) -> Result<bool, sqlx::Error> {
    let version = db::public_version(&state.pool).await?;
    if *built_for == Some(version) {
        return Ok(false);
    }
    state.public_changed().await?;
    *built_for = Some(version);
    Ok(true)
}

/// Sends the charter review and open alert reminders and the weekly digests that are due,
/// reduces messages past the retention period to counts and removes expired rows, at start and
/// then every ten minutes,
/// until `stop` turns true.
async fn remind(state: AppState, retention_days: i64, ops: Arc<crate::ops::Ops>, mut stop: watch::Receiver<bool>) {
    loop {
        let mut ok = true;
        match app::lifecycle::reminders::send_due(&state, app::platform::now()).await {
            Ok(0) => {}
            Ok(charters) => tracing::info!(charters, "charter review reminders sent"),
            Err(e) => {
                ok = false;
                tracing::error!(error = %e, "could not send the charter review reminders")
            }
        }
        match app::messaging::reminders::send_due(&state, app::platform::now()).await {
            Ok(0) => {}
            Ok(alerts) => tracing::info!(alerts, "open alert reminders sent"),
            Err(e) => {
                ok = false;
                tracing::error!(error = %e, "could not send the open alert reminders")
            }
        }
        match app::messaging::preferences::ssr::send_digests(&state, app::platform::now()).await {
            Ok(0) => {}
            Ok(digests) => tracing::info!(digests, "weekly message digests queued"),
            Err(e) => {
                ok = false;
                tracing::error!(error = %e, "could not queue the weekly message digests")
            }
        }
        match app::messaging::retention::reduce_old(&state, app::platform::now(), retention_days).await {
            Ok(0) => {}
            Ok(messages) => tracing::info!(messages, "old messages reduced to counts"),
            Err(e) => {
                ok = false;
                tracing::error!(error = %e, "could not reduce old messages to counts")
            }
        }
        match tidy(&state, app::platform::now()).await {
            Ok(0) => {}
            Ok(rows) => {
                tracing::info!(
                    rows,
                    "expired sessions, links, attempts, visitor progress, sent mail and invitations removed"
                )
            }
            Err(e) => {
                ok = false;
                tracing::error!(error = %e, "could not remove expired rows")
            }
        }
        ops.beat(crate::ops::Worker::Housekeeping, ok);
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(600)) => {},
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// Removes what is kept no longer than needed: expired sessions, old links and sign-in
/// attempts, visitor progress untouched for a year (their cookie's life), sent mail, invitations
/// that ended more than 90 days ago, and the members' data of networks dissolved more than 90
/// days ago.
pub async fn tidy(state: &AppState, now: i64) -> Result<u64, sqlx::Error> {
    let mut conn = state.pool.acquire().await?;
    let auth = app::auth::repo::prune(&mut conn, now).await?;
    let visitors = app::learning::repo::prune_visitors(&mut *conn, now - 365 * 86_400).await?;
    let mail = app::platform::mail::prune(&state.pool, now, app::platform::mail::KEEP_SENT_S).await?;
    let dissolved =
        app::membership::repo::forget_dissolved(&mut *conn, now - app::membership::repo::KEEP_DISSOLVED_S).await?;
    let invitations = app::staff::repo::prune(&mut *conn, now - app::staff::repo::KEEP_ENDED_S).await?;
    Ok(auth + visitors + mail + dissolved + invitations)
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

/// Loads the synthetic demo data into an empty database (and leaves a database with data as it is).
pub async fn load_demo(state: &app::platform::state::AppState, scale: u32) -> Result<(), String> {
    if !app::demo::is_empty(&state.pool).await.map_err(|e| e.to_string())? {
        tracing::info!("database not empty; demo data not loaded");
        return Ok(());
    }
    let started = std::time::Instant::now();
    let directory = Directory::of(state).map_err(|e| e.to_string())?;
    let summary = app::demo::load(&state.pool, &directory.geo, scale)
        .await
        .map_err(|e| format!("could not load the demo data: {e}"))?;
    state.public_changed().await.map_err(|e| e.to_string())?;
    tracing::info!(
        bins = summary.bins,
        households = summary.households,
        people = summary.people,
        millis = started.elapsed().as_millis() as u64,
        "synthetic demo data loaded"
    );
    Ok(())
}
