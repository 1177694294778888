//! The render cache: pages and answers that do not depend on who asks (the directory and its
//! searches, BIN pages, lessons, the open API), kept as they were sent (headers and compressed
//! body) and sent again without rendering, with an `ETag` so a browser that has the page gets a
//! 304. Only requests without a session or any other cookie but the language's are answered
//! from it, and only 200 answers that set no cookie and allow caching are kept. Entries are keyed
//! by path and query, language and accepted encodings, and belong to the database's public
//! version (`public_version`, raised by triggers with every change to the data behind these
//! pages, in the change's transaction): a new version empties the cache. The version is read
//! again after every write that goes through this instance (any request but GET, HEAD and
//! OPTIONS) and at least every `RECHECK`, so another instance's change is seen within a
//! quarter second. A minute's age is the limit regardless. The open API's rate limit still
//! counts answers from the cache.

use crate::ratelimit::RateLimiter;
use app::i18n::{LANG_COOKIE, Lang};
use app::platform::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an entry may be sent, at most, whatever the version says.
const MAX_AGE: Duration = Duration::from_secs(60);
/// Entries kept at once; a full cache starts again empty.
const MAX_ENTRIES: usize = 2_000;
/// The largest answer kept (compressed as sent).
const MAX_BODY: usize = 512 * 1024;
/// The longest path and query kept.
const MAX_KEY: usize = 512;
/// How long the database's public version is believed without reading it again, as long as no
/// write went through this instance: another instance's change is seen within this.
pub const RECHECK: Duration = Duration::from_millis(250);

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    target: String,
    lang: Lang,
    encodings: String,
}

struct Entry {
    headers: HeaderMap,
    body: Bytes,
    etag: HeaderValue,
    at: Instant,
}

#[derive(Default)]
struct Store {
    /// The database's public version and the generation of the index of networks.
    version: (i64, u64),
    entries: HashMap<Key, Arc<Entry>>,
}

/// The public version as last read, and the count of writes through this instance, which
/// makes the next request read it again.
#[derive(Default)]
struct Known {
    version: i64,
    read_at: Option<Instant>,
    writes: u64,
}

/// The cache of one instance, with the open API's limiter (answers from the cache count too).
#[derive(Clone)]
pub struct RenderCache {
    store: Arc<Mutex<Store>>,
    known: Arc<Mutex<Known>>,
    state: AppState,
    limiter: Arc<RateLimiter>,
}

impl RenderCache {
    pub fn new(state: AppState, limiter: Arc<RateLimiter>) -> RenderCache {
        RenderCache { store: Arc::default(), known: Arc::default(), state, limiter }
    }

    fn with_known<T>(&self, f: impl FnOnce(&mut Known) -> T) -> T {
        match self.known.lock() {
            Ok(mut known) => f(&mut known),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// The database's public version: as read less than `RECHECK` ago, unless a write went
    /// through this instance since; else read now. A read that a write overtook is not kept.
    async fn public_version(&self) -> Result<i64, sqlx::Error> {
        let (believed, writes) =
            self.with_known(|k| (k.read_at.filter(|at| at.elapsed() < RECHECK).map(|_| k.version), k.writes));
        if let Some(version) = believed {
            return Ok(version);
        }
        let read_at = Instant::now();
        let version = app::platform::db::public_version(&self.state.pool).await?;
        self.with_known(|k| {
            if k.writes == writes && k.read_at.is_none_or(|at| at < read_at) {
                k.version = version;
                k.read_at = Some(read_at);
            }
        });
        Ok(version)
    }

    /// A request that may have written went through: the version is read again next time.
    fn written(&self) {
        self.with_known(|k| {
            k.writes += 1;
            k.read_at = None;
        });
    }

    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        match self.store.lock() {
            Ok(mut store) => f(&mut store),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }
}

/// Whether the path is one whose anonymous answer is the same for everyone.
fn public_path(path: &str) -> bool {
    if path == "/" || path.starts_with("/api/v1/") {
        return true;
    }
    if let Some(id) = path.strip_prefix("/bin/") {
        return !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    }
    // The track, a course and its lessons; a quiz follows its visitor.
    (path == "/learn" || path.starts_with("/learn/")) && !path.ends_with("/quiz")
}

/// Whether the request carries no cookie but the language's.
fn anonymous(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().all(|value| {
        value.to_str().is_ok_and(|cookies| {
            cookies
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .all(|c| c.starts_with(&format!("{LANG_COOKIE}=")))
        })
    })
}

/// Whether an answer may be kept and sent to others. Pages say `private` to shared caches
/// between us and the reader (each carries its own script nonce); this cache is the server's
/// own, and honours only `no-store` (personal data).
fn keepable(response: &Response) -> bool {
    let cache_control = response.headers().get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).unwrap_or("");
    response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && !cache_control.contains("no-store")
}

fn etag_matches(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(wanted) = request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) else { return false };
    let ours = etag.to_str().unwrap_or("");
    wanted.split(',').map(str::trim).any(|tag| tag == "*" || tag == ours || tag.strip_prefix("W/") == Some(ours))
}

fn send(entry: &Entry, request: &HeaderMap) -> Response {
    if etag_matches(request, &entry.etag) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().insert(header::ETAG, entry.etag.clone());
        return response;
    }
    let mut response = Response::new(Body::from(entry.body.clone()));
    *response.headers_mut() = entry.headers.clone();
    response
}

/// The middleware: answers from the cache when it can, keeps what it may.
pub async fn serve(State(cache): State<RenderCache>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let response = next.run(request).await;
        cache.written();
        return response;
    }
    let path = request.uri().path();
    let target = request.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    if request.method() != Method::GET || !public_path(path) || target.len() > MAX_KEY || !anonymous(request.headers())
    {
        return next.run(request).await;
    }
    let Ok(stored) = cache.public_version().await else {
        return next.run(request).await;
    };
    let generation = app::directory::state::Directory::of(&cache.state).map_or(0, |directory| directory.generation());
    let version = (stored, generation);
    let headers = request.headers();
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| app::auth::session::cookie_value(h, LANG_COOKIE).map(str::to_string));
    let query_lang = request.uri().query().and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("lang=")));
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let key = Key {
        target,
        lang: app::i18n::negotiate(query_lang, cookie.as_deref(), accept),
        encodings: headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase()
            .replace(' ', ""),
    };
    let api = path.starts_with("/api/v1/");
    let found = cache.with_store(|store| {
        if store.version != version {
            store.version = version;
            store.entries.clear();
        }
        store.entries.get(&key).filter(|e| e.at.elapsed() < MAX_AGE).cloned()
    });
    if let Some(entry) = found {
        if api && !cache.limiter.allow(crate::api_v1::client_of(&request)) {
            return crate::api_v1::too_many(key.lang);
        }
        return send(&entry, request.headers());
    }
    let wanted = request.headers().clone();
    let response = next.run(request).await;
    if !keepable(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Our own answer, whole; kept only when it is small enough.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::warn!(%error, "a page could not be read for the render cache");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if body.len() > MAX_BODY {
        return Response::from_parts(parts, Body::from(body));
    }
    let etag =
        HeaderValue::from_str(&format!("\"{:016x}\"", fnv1a(&body))).unwrap_or(HeaderValue::from_static("\"0\""));
    parts.headers.insert(header::ETAG, etag.clone());
    let entry = Arc::new(Entry { headers: parts.headers.clone(), body: body.clone(), etag, at: Instant::now() });
    cache.with_store(|store| {
        if store.version == version {
            if store.entries.len() >= MAX_ENTRIES {
                store.entries.clear();
            }
            store.entries.insert(key, entry.clone());
        }
    });
    if etag_matches(&wanted, &entry.etag) {
        return send(&entry, &wanted);
    }
    Response::from_parts(parts, Body::from(body))
}

/// A 64-bit FNV-1a hash of the body, for its ETag.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_that_are_the_same_for_everyone_are_kept() {
        for path in ["/", "/bin/12", "/learn", "/learn/phishing", "/learn/phishing/lessons/links", "/api/v1/bins"] {
            assert!(public_path(path), "{path}");
        }
        for path in ["/bin/12/manage", "/bin/", "/learn/phishing/quiz", "/inbox", "/account", "/api/auth/sign_in"] {
            assert!(!public_path(path), "{path}");
        }
    }

    #[test]
    fn only_requests_without_a_cookie_but_the_language_are_anonymous() {
        let mut headers = HeaderMap::new();
        assert!(anonymous(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("nabij_lang=fr"));
        assert!(anonymous(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("nabij_lang=fr; nabij_session=abc"));
        assert!(!anonymous(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("nabij_visitor=abc"));
        assert!(!anonymous(&headers));
    }

    #[test]
    fn an_etag_matches_itself_a_weak_copy_and_a_star() {
        let etag = HeaderValue::from_static("\"00ab\"");
        let mut headers = HeaderMap::new();
        assert!(!etag_matches(&headers, &etag));
        for value in ["\"00ab\"", "W/\"00ab\"", "\"x\", \"00ab\"", "*"] {
            headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static(value));
            assert!(etag_matches(&headers, &etag), "{value}");
        }
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"00ac\""));
        assert!(!etag_matches(&headers, &etag));
    }
}
