//! The application state: built once at start from typed settings and handed to the page
//! renderer and to every server function (as Leptos context). The platform knows no domain:
//! what a domain keeps in memory (the directory's geography, map and index of networks, the
//! learning module's courses) is a [`Part`] of the state, put in at start and found by its type.

use crate::error::AppError;
use crate::platform::db::Pool;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// What server functions need to know about the site they serve.
#[derive(Clone, Debug)]
pub struct Site {
    /// The public base URL, without a trailing slash (for links in e-mails and the origin check).
    pub public_url: String,
    /// Whether cookies get the `Secure` flag (true when the public URL is https).
    pub secure_cookies: bool,
}

impl Site {
    pub fn new(public_url: &str) -> Site {
        let public_url = public_url.trim_end_matches('/').to_string();
        Site { secure_cookies: public_url.starts_with("https://"), public_url }
    }

    /// The scheme, host and port of the public URL, as browsers send it in `Origin`.
    pub fn origin(&self) -> &str {
        let after_scheme = self.public_url.find("://").map(|i| i + 3).unwrap_or(0);
        match self.public_url[after_scheme..].find('/') {
            Some(i) => &self.public_url[..after_scheme + i],
            None => &self.public_url,
        }
    }
}

/// What a domain keeps in memory for the whole application, as a part of the state.
pub trait Part: Any + Send + Sync {
    /// Brings the part up to date after the public data (networks, their streets and roles)
    /// changed, in this instance or another. Most parts keep nothing of it.
    fn follow<'a>(&'a self, _pool: &'a Pool) -> Pin<Box<dyn Future<Output = Result<(), sqlx::Error>> + Send + 'a>> {
        Box::pin(async { Ok(()) })
    }
}

/// The parts of the state, one of each type.
#[derive(Clone, Default)]
pub struct Parts(Arc<Vec<Arc<dyn Part>>>);

impl Parts {
    pub fn new(parts: Vec<Arc<dyn Part>>) -> Parts {
        Parts(Arc::new(parts))
    }

    /// The part of type `P`, if the state was given one.
    pub fn get<P: Part>(&self) -> Option<&P> {
        self.0.iter().find_map(|part| (part.as_ref() as &dyn Any).downcast_ref::<P>())
    }
}

impl std::fmt::Debug for Parts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Parts({})", self.0.len())
    }
}

/// The one state of the application.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: Pool,
    pub site: Arc<Site>,
    /// The database engine, for the few statements that differ between them.
    pub engine: crate::platform::db::Engine,
    /// Live events to open pages, across instances.
    pub live: Arc<crate::platform::live::Live>,
    /// Limits on password hashing, for the whole server and per client address.
    pub throttle: Arc<crate::platform::throttle::Throttle>,
    /// Figures that are slow to compute and the same for every reader, per data version.
    pub memo: Arc<crate::platform::memo::Memo>,
    /// What the domains keep in memory.
    pub parts: Parts,
}

impl AppState {
    /// Begins a transaction that may write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a transaction that read first and then wrote could otherwise fail
    /// with "database is locked" when another one wrote in between, as `busy_timeout` cannot
    /// wait that out.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.engine {
            crate::platform::db::Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            crate::platform::db::Engine::Postgres => self.pool.begin().await,
        }
    }

    /// The part of type `P`. Every part is put in at start, so a missing one is a fault of the
    /// server's set-up, logged, and an internal error for the reader.
    pub fn part<P: Part>(&self) -> Result<&P, AppError> {
        self.parts.get::<P>().ok_or_else(|| {
            tracing::error!(part = std::any::type_name::<P>(), "a part of the state is missing");
            AppError::Internal
        })
    }

    /// Brings every part up to date after the public data changed (the caller changed it; other
    /// instances follow the database's public version, `server::startup::follow_index`).
    pub async fn public_changed(&self) -> Result<(), sqlx::Error> {
        for part in self.parts.0.iter() {
            part.follow(&self.pool).await?;
        }
        Ok(())
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Whether the state was ever given to a render or a server function of this process.
static PROVIDED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Gives the state to the Leptos render or server function about to run.
pub fn provide(state: &AppState) {
    PROVIDED.store(true, std::sync::atomic::Ordering::Relaxed);
    leptos::prelude::provide_context(state.clone());
}

/// The state inside a server function or a server-rendered component. Work that still runs
/// after its request was dropped (the visitor left before the page was sent) no longer reaches
/// the request's context: that is not a fault and is logged only for debugging; a state that
/// was never provided is.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    use_context::<AppState>().ok_or_else(|| {
        if PROVIDED.load(std::sync::atomic::Ordering::Relaxed) {
            tracing::debug!("work of a request that was dropped (the client left) ended without its state");
        } else {
            tracing::error!("AppState missing from the Leptos context");
        }
        crate::error::AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_drops_the_path_and_https_means_secure_cookies() {
        let site = Site::new("https://nabij.example/app/");
        assert_eq!(site.origin(), "https://nabij.example");
        assert!(site.secure_cookies);
        let local = Site::new("http://127.0.0.1:3000");
        assert_eq!(local.origin(), "http://127.0.0.1:3000");
        assert!(!local.secure_cookies);
    }
}
