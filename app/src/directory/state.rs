//! What the directory keeps in memory, as a part of the application state: the geography of
//! Belgium, the base map and the index of active networks, which follows the database.

use crate::directory::basemap::BaseMap;
use crate::directory::geo::Geography;
use crate::directory::index::{BinIndex, IndexedBin};
use crate::directory::map::MapBin;
use crate::error::AppError;
use crate::platform::db::Pool;
use crate::platform::state::{AppState, Part};
use std::future::Future;
use std::pin::Pin;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// The directory's part of the state.
#[derive(Debug)]
pub struct Directory {
    pub geo: Geography,
    pub map: BaseMap,
    bins: RwLock<BinIndex>,
    /// Taken while the index is rebuilt, so that rebuilds run one after the other and the last
    /// one to read the database is the one that stays.
    rebuilding: tokio::sync::Mutex<()>,
    /// Raised each time the index is rebuilt (the render cache keys by it too, as the directory
    /// reads the index, which follows the database a moment later).
    generation: AtomicU64,
}

impl Directory {
    /// The directory with an empty index (built by the first [`Directory::rebuild`]).
    pub fn new(geo: Geography, map: BaseMap) -> Directory {
        Directory { geo, map, bins: RwLock::default(), rebuilding: Default::default(), generation: AtomicU64::new(0) }
    }

    /// The directory of the application state.
    pub fn of(state: &AppState) -> Result<&Directory, AppError> {
        state.part::<Directory>()
    }

    /// Rebuilds the index of active networks from the database (at start, and after changes).
    /// Returns how many networks it holds.
    pub async fn rebuild(&self, pool: &Pool) -> Result<usize, sqlx::Error> {
        let _turn = self.rebuilding.lock().await;
        let rows = crate::directory::repo::index_rows(pool).await?;
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
        self.generation.fetch_add(1, Ordering::Release);
        Ok(count)
    }

    /// Reads the index of networks.
    pub fn with_bins<T>(&self, f: impl FnOnce(&BinIndex) -> T) -> T {
        match self.bins.read() {
            Ok(guard) => f(&guard),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }

    /// How many times the index was rebuilt.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}

impl Part for Directory {
    fn follow<'a>(&'a self, pool: &'a Pool) -> Pin<Box<dyn Future<Output = Result<(), sqlx::Error>> + Send + 'a>> {
        Box::pin(async move { self.rebuild(pool).await.map(|_| ()) })
    }
}
