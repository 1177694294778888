//! The test harness: a fresh database per test (an SQLite file, or a new PostgreSQL database),
//! the real router driven through `tower::ServiceExt::oneshot`, and a real SMTP sink.

use app::platform::state::AppState;
use axum::Router;
use axum::body::Body;
use http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use server::mailsink::MailSink;
use server::settings::{Secret, Settings, SmsSettings};
use server::sms::SmsSink;
use tower::ServiceExt;

/// The database engine a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The environment variable naming a PostgreSQL server where tests may create databases.
pub const POSTGRES_ENV: &str = "NABIJ_TEST_POSTGRES_URL";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub settings: Settings,
    pub sink: MailSink,
    pub sms: SmsSink,
    pub cookies: Vec<(String, String)>,
    /// The metrics and heartbeats behind the router.
    pub ops: std::sync::Arc<server::ops::Ops>,
    _dir: tempfile::TempDir,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn postgres_url() -> String {
    let admin = std::env::var(POSTGRES_ENV).unwrap_or_else(|_| {
        panic!(
            "{POSTGRES_ENV} is not set. Point it at a PostgreSQL server where tests may create databases, \
             e.g. {POSTGRES_ENV}='postgres:///postgres?host=/var/run/postgresql' (see README)."
        )
    });
    let name = format!("nabij_test_{}", app_token());
    app::platform::db::create_postgres_database(&admin, &name)
        .await
        .unwrap_or_else(|e| panic!("cannot create a database on PostgreSQL at {POSTGRES_ENV}: {e}"))
}

fn app_token() -> String {
    use rand::Rng;
    let n: u64 = rand::thread_rng().r#gen();
    format!("{n:016x}")
}

/// The access key of the test SMS gateway, and the key its reply webhook carries.
pub const SMS_KEY: &str = "test-gateway-key";
pub const SMS_INBOUND_KEY: &str = "test-inbound-key";

impl TestApp {
    /// The directory's part of the state (geography, base map, index of networks).
    pub fn directory(&self) -> &app::directory::state::Directory {
        app::directory::state::Directory::of(&self.state).unwrap()
    }

    /// The courses of the learning module.
    pub fn catalog(&self) -> &app::learning::content::Catalog {
        app::learning::content::Catalog::of(&self.state).unwrap()
    }

    pub async fn spawn(engine: Engine) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = match engine {
            Engine::Sqlite => format!("sqlite://{}", dir.path().join("test.db").display()),
            Engine::Postgres => postgres_url().await,
        };
        let sink = MailSink::start(0, None).await.expect("SMTP sink");
        let sms = SmsSink::start(0, SMS_KEY, None).await.expect("SMS sink");
        let mut settings = Settings::for_tests(&url, dir.path(), Some(sink.port));
        settings.sms = Some(SmsSettings {
            url: format!("http://127.0.0.1:{}/messages", sms.port),
            key: Secret::new(SMS_KEY),
            originator: "Nabij".into(),
            inbound_key: Some(Secret::new(SMS_INBOUND_KEY)),
        });
        let state = server::startup::state(&settings).await.expect("state");
        let ops = server::ops::Ops::new(settings.metrics_token.clone());
        let router = server::startup::router(state.clone(), &settings, ops.clone());
        TestApp { router, state, settings, sink, sms, cookies: Vec::new(), ops, _dir: dir }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    async fn send(&mut self, request: Request<Body>) -> TestResponse {
        let response: Response<Body> = self.router.clone().oneshot(request).await.expect("router");
        let status = response.status();
        let headers = response.headers().clone();
        for value in headers.get_all(header::SET_COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            let Some((pair, attributes)) = value.split_once(';').or(Some((value, ""))) else { continue };
            let Some((name, val)) = pair.split_once('=') else { continue };
            self.cookies.retain(|(k, _)| k != name);
            if !attributes.contains("Max-Age=0") {
                self.cookies.push((name.to_string(), val.to_string()));
            }
        }
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
    }

    /// GET a path with the session's cookies and, optionally, extra headers.
    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&mut self, path: &str, extra: &[(&str, &str)]) -> TestResponse {
        let mut builder = Request::get(path).header(header::COOKIE, self.cookie_header());
        for (k, v) in extra {
            builder = builder.header(*k, *v);
        }
        self.send(builder.body(Body::empty()).expect("request")).await
    }

    /// Calls a server function the way a hydrated page does (form-encoded, JSON answer).
    pub async fn call(&mut self, path: &str, form: &[(&str, &str)]) -> TestResponse {
        self.call_with(path, form, &[]).await
    }

    /// A server-function request with this session's cookies, to send yourself (e.g. twice at once).
    pub fn request(&self, path: &str, form: &[(&str, &str)]) -> Request<Body> {
        let body = form.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&");
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, self.cookie_header())
            .body(Body::from(body))
            .expect("request")
    }

    pub async fn call_with(&mut self, path: &str, form: &[(&str, &str)], extra: &[(&str, &str)]) -> TestResponse {
        let body = form.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&");
        let mut builder = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, self.cookie_header());
        for (k, v) in extra {
            builder = builder.header(*k, *v);
        }
        self.send(builder.body(Body::from(body)).expect("request")).await
    }

    /// Sends a file the way a browser's multipart form does.
    pub async fn upload(&mut self, path: &str, field: &str, file_name: &str, bytes: &[u8]) -> TestResponse {
        let boundary = "nabij-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .header(header::COOKIE, self.cookie_header())
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// Delivers the outbox over SMTP to the sink and returns every message received so far.
    pub async fn deliver_mail(&self) -> Vec<server::mailsink::Received> {
        server::mailer::deliver_due(&self.state.pool, &self.settings).await.expect("deliver");
        let failures: Vec<String> = sqlx::query_scalar("SELECT last_error FROM outbox WHERE last_error IS NOT NULL")
            .fetch_all(&self.state.pool)
            .await
            .expect("outbox");
        assert!(failures.is_empty(), "e-mail delivery failed: {failures:?}");
        self.sink.messages()
    }

    /// The token of the last link to `path` sent to `to`.
    pub async fn last_link_token(&self, to: &str, path: &str) -> String {
        let messages = self.deliver_mail().await;
        let to = to.to_lowercase();
        let message =
            messages.iter().rev().find(|m| m.recipients.contains(&to)).unwrap_or_else(|| panic!("no mail to {to}"));
        let marker = format!("{path}?token=");
        let start =
            message.data.find(&marker).unwrap_or_else(|| panic!("no {path} link in: {}", message.data)) + marker.len();
        message.data[start..start + 64].to_string()
    }

    /// Signs up and confirms an account, leaving it signed in.
    pub async fn signed_up(&mut self, email: &str, password: &str) {
        let r = self
            .call(
                "/api/auth/sign_up",
                &[
                    ("display_name", "Test Persoon"),
                    ("email", email),
                    ("password", password),
                    ("password_repeat", password),
                    ("lang", "nl"),
                ],
            )
            .await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
        let token = self.last_link_token(email, "/confirm").await;
        let r = self.call("/api/auth/confirm_email", &[("token", &token), ("password", password)]).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{} {}", r.status, r.body);
    }
}

/// A downloaded spreadsheet as a spreadsheet set to that language opens it by double-click: it
/// must start with a byte-order mark, its cells are split at `separator` (`;` in Dutch, French
/// and German, `,` in English) with quotes removed, and every row has the header's width.
/// Returns the header and the rows.
pub fn open_spreadsheet(body: &str, separator: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let text = body.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("no byte-order mark: {body:.80}"));
    let mut reader = csv::ReaderBuilder::new().delimiter(separator).has_headers(false).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("a well-formed row").iter().map(str::to_string).collect()).collect();
    assert!(!rows.is_empty(), "a header row");
    let header = rows.remove(0);
    for row in &rows {
        assert_eq!(row.len(), header.len(), "a row as wide as the header {header:?}: {row:?}");
    }
    (header, rows)
}

/// The cell of `row` under the heading `column`.
pub fn cell<'a>(header: &[String], row: &'a [String], column: &str) -> &'a str {
    let at = header.iter().position(|h| h == column).unwrap_or_else(|| panic!("no column {column:?} in {header:?}"));
    &row[at]
}

pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Declares each async test `fn name(engine: Engine)` once for SQLite and once for PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::helpers::Engine::Sqlite).await }
            )*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::helpers::Engine::Postgres).await }
            )*
        }
    };
}
