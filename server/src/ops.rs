//! What an operator watches: every request's id (in its log lines, its response and its error
//! page), Prometheus metrics at `/metrics` (behind a token), and the two health answers:
//! `/healthz` says the process is alive (restart it if not), `/readyz` says it can serve (send
//! it traffic if so): the database answers, its schema is this build's, and the mail worker runs.

use crate::settings::Secret;
use app::platform::RequestId;
use app::platform::db;
use app::platform::state::AppState;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, Router, routing::get};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tracing::Instrument;

/// The header that carries a request's id, in and out.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The cookie that hands a failed request's id to the page that shows the failure.
pub const REFERENCE_COOKIE: &str = "nabij_ref";

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// How long a background task may stay silent before `/readyz` says it stopped.
const WORKER_SILENCE: Duration = Duration::from_secs(60);

/// The background tasks that report when they last ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Worker {
    /// Sends the outbox's e-mail (links, notices, digests).
    Mail,
    /// Sends messages by e-mail and SMS.
    Deliveries,
    /// Reminders, digests, retention and tidying, every ten minutes.
    Housekeeping,
    /// Rebuilds the index of networks after changes made through other instances, and builds
    /// the national dashboards readers look at ahead.
    Index,
}

impl Worker {
    fn name(self) -> &'static str {
        match self {
            Worker::Mail => "mail",
            Worker::Deliveries => "deliveries",
            Worker::Housekeeping => "housekeeping",
            Worker::Index => "index",
        }
    }
}

#[derive(Default)]
struct Latency {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Counters {
    /// Requests by method, route and status.
    requests: BTreeMap<(String, String, u16), u64>,
    /// Latency by method and route.
    latency: BTreeMap<(String, String), Latency>,
    /// When each worker last finished a round (Unix seconds), and how many rounds failed.
    workers: BTreeMap<Worker, (Instant, i64)>,
    worker_failures: BTreeMap<Worker, u64>,
}

/// The metrics and heartbeats of one instance.
pub struct Ops {
    token: Option<Secret>,
    counters: Mutex<Counters>,
}

impl Ops {
    /// `token`: what `/metrics` readers must send as `Authorization: Bearer …`; without one,
    /// `/metrics` answers nobody.
    pub fn new(token: Option<Secret>) -> Arc<Ops> {
        Arc::new(Ops { token, counters: Mutex::default() })
    }

    fn counters(&self) -> std::sync::MutexGuard<'_, Counters> {
        self.counters.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A background task finished a round; `ok` is false when the round failed.
    pub fn beat(&self, worker: Worker, ok: bool) {
        let mut counters = self.counters();
        counters.workers.insert(worker, (Instant::now(), app::platform::now()));
        if !ok {
            *counters.worker_failures.entry(worker).or_default() += 1;
        }
    }

    fn alive(&self, worker: Worker) -> bool {
        self.counters().workers.get(&worker).is_some_and(|(at, _)| at.elapsed() < WORKER_SILENCE)
    }

    fn record(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let mut counters = self.counters();
        *counters.requests.entry((method.to_string(), route.to_string(), status)).or_default() += 1;
        let latency = counters.latency.entry((method.to_string(), route.to_string())).or_default();
        let seconds = elapsed.as_secs_f64();
        for (bucket, bound) in latency.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
        latency.count += 1;
        latency.sum += seconds;
    }

    /// The metrics in Prometheus's text format.
    async fn render(&self, state: &AppState) -> String {
        let mut out = String::new();
        let label = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        {
            let counters = self.counters();
            out.push_str("# HELP nabij_http_requests_total Requests answered, by method, route and status.\n");
            out.push_str("# TYPE nabij_http_requests_total counter\n");
            for ((method, route, status), n) in &counters.requests {
                let _ = writeln!(
                    out,
                    "nabij_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    label(route)
                );
            }
            out.push_str("# HELP nabij_http_request_duration_seconds Time to answer, by method and route.\n");
            out.push_str("# TYPE nabij_http_request_duration_seconds histogram\n");
            for ((method, route), latency) in &counters.latency {
                let labels = format!("method=\"{method}\",route=\"{}\"", label(route));
                for (n, bound) in latency.buckets.iter().zip(BUCKETS) {
                    let _ = writeln!(out, "nabij_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}");
                }
                let _ = writeln!(
                    out,
                    "nabij_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                    latency.count
                );
                let _ = writeln!(out, "nabij_http_request_duration_seconds_sum{{{labels}}} {}", latency.sum);
                let _ = writeln!(out, "nabij_http_request_duration_seconds_count{{{labels}}} {}", latency.count);
            }
            out.push_str(
                "# HELP nabij_worker_last_run_timestamp_seconds When a background task last finished a round.\n",
            );
            out.push_str("# TYPE nabij_worker_last_run_timestamp_seconds gauge\n");
            for (worker, (_, at)) in &counters.workers {
                let _ = writeln!(out, "nabij_worker_last_run_timestamp_seconds{{worker=\"{}\"}} {at}", worker.name());
            }
            out.push_str("# HELP nabij_worker_failures_total Rounds of a background task that failed.\n");
            out.push_str("# TYPE nabij_worker_failures_total counter\n");
            for worker in [Worker::Mail, Worker::Deliveries, Worker::Housekeeping, Worker::Index] {
                let n = counters.worker_failures.get(&worker).copied().unwrap_or(0);
                let _ = writeln!(out, "nabij_worker_failures_total{{worker=\"{}\"}} {n}", worker.name());
            }
        }
        out.push_str("# HELP nabij_db_pool_connections Database connections of this instance, by state.\n");
        out.push_str("# TYPE nabij_db_pool_connections gauge\n");
        let (size, idle) = (state.pool.size(), state.pool.num_idle());
        let _ = writeln!(out, "nabij_db_pool_connections{{state=\"idle\"}} {idle}");
        let _ = writeln!(out, "nabij_db_pool_connections{{state=\"in_use\"}} {}", (size as usize).saturating_sub(idle));
        out.push_str("# HELP nabij_live_connections Pages listening for live events on this instance.\n");
        out.push_str("# TYPE nabij_live_connections gauge\n");
        let _ = writeln!(out, "nabij_live_connections {}", state.live.subscribers());
        let mut queues = Vec::new();
        match app::platform::mail::backlog(&state.pool).await {
            Ok(mail) => queues.push(mail),
            Err(e) => tracing::warn!(error = %e, "metrics: could not read the outbox"),
        }
        match app::messaging::repo::delivery_backlog(&state.pool).await {
            Ok(deliveries) => queues.extend(deliveries),
            Err(e) => tracing::warn!(error = %e, "metrics: could not read the deliveries"),
        }
        for (name, help, value) in [
            (
                "pending",
                "To send (including those being retried).",
                (|b: &app::platform::mail::Backlog| b.pending) as fn(&_) -> i64,
            ),
            ("retrying", "To send again after a failed attempt.", |b| b.retrying),
            ("failed", "Given up on after every attempt failed.", |b| b.failed),
        ] {
            let _ = writeln!(
                out,
                "# HELP nabij_outbox_{name} {help} By queue (mail: links and notices; email, sms: messages)."
            );
            let _ = writeln!(out, "# TYPE nabij_outbox_{name} gauge");
            for queue in &queues {
                let _ = writeln!(out, "nabij_outbox_{name}{{queue=\"{}\"}} {}", label(&queue.queue), value(queue));
            }
        }
        out
    }
}

/// A request id from the proxy in front, when it looks like one; else a new one.
fn request_id(request: &Request) -> String {
    let given = request.headers().get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()).filter(|v| {
        !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    given.map(str::to_string).unwrap_or_else(|| {
        use rand::Rng;
        format!("{:016x}", rand::thread_rng().r#gen::<u64>())
    })
}

/// The outermost layer of the router: gives the request its id (in the request, the log span and the
/// response), counts it and times it. A failure's id also goes to the browser in a short-lived
/// cookie, so the page that shows the failure can show the id to quote.
pub async fn track(State(ops): State<Arc<Ops>>, mut request: Request, next: Next) -> Response {
    let id = request_id(&request);
    let started = Instant::now();
    let method = request.method().to_string();
    // Layers of the router run after routing: the pattern is known (never the path, with its ids).
    let route = request.extensions().get::<MatchedPath>().map_or("(other)".to_string(), |m| m.as_str().to_string());
    request.extensions_mut().insert(RequestId(id.clone()));
    // The path only: a query may carry what a reader searched for.
    let span = tracing::info_span!("request", id = %id, method = %method, path = %request.uri().path());
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let elapsed = started.elapsed();
    ops.record(&method, &route, status, elapsed);
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(status, route = %route, millis = elapsed.as_millis() as u64, "request failed");
        } else {
            tracing::debug!(status, route = %route, millis = elapsed.as_millis() as u64, "request answered");
        }
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    if status >= 500 {
        if let Ok(value) =
            HeaderValue::from_str(&format!("{REFERENCE_COOKIE}={id}; Path=/; Max-Age=300; SameSite=Strict"))
        {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
        response = with_reference(response, &id).await;
    }
    response
}

/// A plain-text failure gets the id to quote at its end, in the language of the answer.
async fn with_reference(response: Response, id: &str) -> Response {
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !plain {
        return response;
    }
    let lang = response
        .headers()
        .get(header::CONTENT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(app::i18n::Lang::parse)
        .unwrap_or_default();
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    let text = format!(
        "{}\n\n{}",
        String::from_utf8_lossy(&bytes),
        app::i18n::fill(lang, app::i18n::Common::ErrorReference.get(lang), &[id.to_string()])
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(text))
}

/// `/healthz`, `/readyz` and `/metrics`.
pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/readyz", get(readyz)).route("/metrics", get(metrics))
}

/// Alive: the process answers. Says nothing of the database, so a database outage does not
/// get every instance restarted.
async fn healthz() -> Response {
    (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Json(serde_json::json!({ "status": "ok" }))).into_response()
}

/// Ready: the database answers, carries this build's schema, and the mail worker runs.
async fn readyz(State(state): State<AppState>, Extension(ops): Extension<Arc<Ops>>) -> Response {
    let database = db::ping(&state.pool).await;
    let schema = match db::migration_status(&state.pool, state.engine).await {
        Ok(status) if status.up_to_date() => "ok",
        Ok(status) if !status.unknown.is_empty() => "newer than this build",
        Ok(_) => "migrations pending",
        Err(_) => "unknown",
    };
    let mail = ops.alive(Worker::Mail);
    let ready = database && schema == "ok" && mail;
    let body = serde_json::json!({
        "status": if ready { "ready" } else { "not ready" },
        "database": if database { "ok" } else { "unreachable" },
        "schema": schema,
        "mail_worker": if mail { "running" } else { "stopped" },
    });
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// The metrics, for a reader with the token (`NABIJ_METRICS_TOKEN`); 404 when none is set, so
/// an instance without one does not even say it has metrics.
async fn metrics(
    State(state): State<AppState>,
    Extension(ops): Extension<Arc<Ops>>,
    request: Request<Body>,
) -> Response {
    let Some(token) = &ops.token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !app::platform::tokens::same(given.trim(), token.expose()) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response();
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        ops.render(&state).await,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxys_request_id_is_kept_only_when_it_is_plain() {
        let with = |v: &str| request_id(&Request::builder().header(REQUEST_ID_HEADER, v).body(Body::empty()).unwrap());
        assert_eq!(with("abc-123_X"), "abc-123_X");
        for bad in ["", "a b", "<script>", &"x".repeat(65)] {
            let id = with(bad);
            assert_ne!(id, bad);
            assert_eq!(id.len(), 16, "{id}");
        }
    }

    #[tokio::test]
    async fn a_plain_failure_ends_with_the_id_in_its_language() {
        let failure = (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CONTENT_LANGUAGE, "fr")],
            "Un problème est survenu chez nous.",
        )
            .into_response();
        let response = with_reference(failure, "0123456789abcdef").await;
        let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap_or_default();
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with("Un problème est survenu chez nous."), "{text}");
        assert!(text.ends_with("Mentionnez ce code\u{a0}: 0123456789abcdef"), "{text}");
    }

    #[test]
    fn latency_falls_in_every_bucket_at_or_above_it() {
        let ops = Ops::new(None);
        ops.record("GET", "/bin/{id}", 200, Duration::from_millis(30));
        let counters = ops.counters();
        let latency = &counters.latency[&("GET".to_string(), "/bin/{id}".to_string())];
        assert_eq!(latency.buckets, [0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
        assert_eq!(latency.count, 1);
    }
}
