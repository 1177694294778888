//! The application state: built once at start from typed settings and handed to the page
//! renderer and to every server function (as Leptos context).

use crate::directory::basemap::BaseMap;
use crate::directory::geo::Geography;
use crate::directory::index::{BinIndex, IndexedBin};
use crate::directory::map::MapBin;
use crate::platform::db::Pool;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use std::sync::{Arc, RwLock};

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

/// The one state of the application.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: Pool,
    pub geo: Arc<Geography>,
    pub map: Arc<BaseMap>,
    pub bins: Arc<RwLock<BinIndex>>,
    /// Taken while the index is rebuilt, so that rebuilds run one after the other and the last
    /// one to read the database is the one that stays.
    pub reloading: Arc<tokio::sync::Mutex<()>>,
    pub site: Arc<Site>,
    /// The courses of the learning module.
    pub catalog: Arc<crate::learning::content::Catalog>,
    /// The database engine, for the few statements that differ between them.
    pub engine: crate::platform::db::Engine,
    /// Live events to open pages, across instances.
    pub live: Arc<crate::platform::live::Live>,
    /// Limits on password hashing, for the whole server and per client address.
    pub throttle: Arc<crate::platform::throttle::Throttle>,
    /// Raised each time the index of networks is rebuilt (the render cache keys by it too, as
    /// the directory reads the index, which follows the database a moment later).
    pub index_generation: Arc<std::sync::atomic::AtomicU64>,
    /// Figures that are slow to compute and the same for every reader, per data version.
    pub memo: Arc<crate::platform::memo::Memo>,
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

    /// Rebuilds the index of active networks from the database (at start, and after changes).
    pub async fn reload_bins(&self) -> Result<usize, sqlx::Error> {
        let _turn = self.reloading.lock().await;
        let rows = crate::directory::repo::index_rows(&self.pool).await?;
        let bins: Vec<IndexedBin> = rows
            .into_iter()
            .map(|r| {
                let (x, y) = self.map.place(r.lat, r.lon);
                IndexedBin {
                    map: MapBin { id: r.id, name: r.name, kind: r.kind, looking: r.coordinators == 0, x, y },
                    nis: r.nis,
                    zone_id: r.zone_id,
                    lat: r.lat,
                    lon: r.lon,
                }
            })
            .collect();
        let count = bins.len();
        let index = BinIndex::new(bins);
        match self.bins.write() {
            Ok(mut guard) => *guard = index,
            Err(poisoned) => *poisoned.into_inner() = index,
        }
        self.index_generation.fetch_add(1, std::sync::atomic::Ordering::Release);
        Ok(count)
    }

    /// Reads the index of networks.
    pub fn with_bins<T>(&self, f: impl FnOnce(&BinIndex) -> T) -> T {
        match self.bins.read() {
            Ok(guard) => f(&guard),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
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
