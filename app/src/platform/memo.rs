//! Values that take a while to compute from the database and are the same for every reader who
//! may see them (the national dashboard), kept per data version: an entry serves only while the
//! database's public version (`platform::db::public_version`, raised in the same transaction as
//! every change to the tables behind public figures) is the one it was built at, and for at most
//! the age its caller allows. Several instances on one database agree, as each reads the version
//! from the database.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// At most this many values are kept; past it, the oldest goes.
const MAX_ENTRIES: usize = 64;

struct Entry {
    version: i64,
    /// When the value was built.
    at: Instant,
    /// When a reader last asked for it (kept when the value is built again in the background).
    read: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

/// The kept values of one application state.
#[derive(Default)]
pub struct Memo {
    entries: Mutex<HashMap<String, Entry>>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.entries.lock().map(|e| e.len()).unwrap_or(0);
        f.debug_struct("Memo").field("kept", &kept).finish()
    }
}

impl Memo {
    /// The value kept under `key` if it was built at `version` less than `max_age` ago.
    pub fn get<T: Clone + 'static>(&self, key: &str, version: i64, max_age: Duration) -> Option<T> {
        let mut entries = self.entries.lock().ok()?;
        let entry = entries.get_mut(key)?;
        entry.read = Instant::now();
        if entry.version != version || entry.at.elapsed() >= max_age {
            return None;
        }
        entry.value.downcast_ref::<T>().cloned()
    }

    /// The keys under `prefix` that a reader asked for within `within`, each with the version
    /// its value was built at and how long ago: what is worth building again before the next
    /// reader comes.
    pub fn read_within(&self, prefix: &str, within: Duration) -> Vec<(String, i64, Duration)> {
        let Ok(entries) = self.entries.lock() else { return Vec::new() };
        entries
            .iter()
            .filter(|(key, e)| key.starts_with(prefix) && e.read.elapsed() < within)
            .map(|(key, e)| (key.clone(), e.version, e.at.elapsed()))
            .collect()
    }

    /// Keeps `value`, built at `version`, under `key` (a value built again keeps the time it was
    /// last read).
    pub fn put<T: Send + Sync + 'static>(&self, key: String, version: i64, value: T) {
        let Ok(mut entries) = self.entries.lock() else { return };
        if entries.len() >= MAX_ENTRIES
            && !entries.contains_key(&key)
            && let Some(oldest) = entries.iter().min_by_key(|(_, e)| e.at).map(|(k, _)| k.clone())
        {
            entries.remove(&oldest);
        }
        let now = Instant::now();
        let read = entries.get(&key).map_or(now, |e| e.read);
        entries.insert(key, Entry { version, at: now, read, value: Arc::new(value) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_serves_only_at_its_version_and_age_and_of_its_type() {
        let memo = Memo::default();
        memo.put("national/12/nl".into(), 7, vec![1, 2, 3]);
        let minute = Duration::from_secs(60);
        assert_eq!(memo.get::<Vec<i32>>("national/12/nl", 7, minute), Some(vec![1, 2, 3]));
        assert_eq!(memo.get::<Vec<i32>>("national/12/nl", 8, minute), None, "the data changed since");
        assert_eq!(memo.get::<Vec<i32>>("national/12/fr", 7, minute), None);
        assert_eq!(memo.get::<String>("national/12/nl", 7, minute), None, "another type");
        assert_eq!(memo.get::<Vec<i32>>("national/12/nl", 7, Duration::ZERO), None, "too old");
        let read = memo.read_within("national/", minute);
        assert_eq!(read.iter().map(|(k, v, _)| (k.as_str(), *v)).collect::<Vec<_>>(), [("national/12/nl", 7)]);
        assert!(memo.read_within("national/", Duration::ZERO).is_empty(), "not read that recently");
        assert!(memo.read_within("other/", minute).is_empty());
        for i in 0..MAX_ENTRIES + 5 {
            memo.put(format!("k{i}"), 1, i);
        }
        assert!(memo.entries.lock().map(|e| e.len()).unwrap_or(0) <= MAX_ENTRIES);
        assert_eq!(memo.get::<usize>(&format!("k{}", MAX_ENTRIES + 4), 1, minute), Some(MAX_ENTRIES + 4));
    }
}
