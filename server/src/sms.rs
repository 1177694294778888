//! SMS through an HTTP gateway, and a local sink that speaks the same protocol.
//!
//! The protocol is the common JSON one of SMS gateways (MessageBird's REST API): `POST` the
//! gateway's URL with `Authorization: AccessKey <key>` and a body
//! `{"originator": "Nabij", "recipients": ["32470123456"], "body": "…", "reference": "d42"}`;
//! `201 Created` (or any 2xx) means the gateway took it. The reference names the delivery, so a
//! retry after a crash is recognisably the same message. Replies come back to
//! `POST /sms/inbound?key=<inbound key>` as a form with `originator` and `body`.
//!
//! The client speaks plain HTTP: point it at the gateway through a local TLS proxy, as with
//! the SMTP relay (see README). `nabij sms-sink` runs the sink for development and tests.

use crate::settings::SmsSettings;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use bytes::Bytes;
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One SMS as the protocol carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sms {
    pub originator: String,
    pub recipients: Vec<String>,
    pub body: String,
    #[serde(default)]
    pub reference: String,
}

/// A configured gateway.
#[derive(Clone)]
pub struct Gateway {
    client: Client<HttpConnector, Full<Bytes>>,
    url: http::Uri,
    key: String,
    originator: String,
}

impl Gateway {
    pub fn new(settings: &SmsSettings) -> Result<Gateway, String> {
        let url: http::Uri = settings.url.parse().map_err(|e| format!("bad SMS gateway URL: {e}"))?;
        let client = Client::builder(TokioExecutor::new()).build_http();
        Ok(Gateway { client, url, key: settings.key.expose().to_string(), originator: settings.originator.clone() })
    }

    /// Hands one SMS to the gateway; an error says why it was not taken (to retry later).
    pub async fn send(&self, msisdn: &str, body: &str, reference: &str) -> Result<(), String> {
        let sms = Sms {
            originator: self.originator.clone(),
            recipients: vec![msisdn.to_string()],
            body: body.to_string(),
            reference: reference.to_string(),
        };
        let json = serde_json::to_vec(&sms).map_err(|e| e.to_string())?;
        let request = http::Request::post(self.url.clone())
            .header(header::AUTHORIZATION, format!("AccessKey {}", self.key))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .body(Full::new(Bytes::from(json)))
            .map_err(|e| e.to_string())?;
        let response = tokio::time::timeout(Duration::from_secs(15), self.client.request(request))
            .await
            .map_err(|_| "the SMS gateway did not answer within 15 s".to_string())?
            .map_err(|e| format!("the SMS gateway could not be reached: {e}"))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("the SMS gateway refused the message: {}", response.status()))
        }
    }
}

/// A running sink: keeps what it receives, and writes each SMS to `dir` when given.
#[derive(Clone)]
pub struct SmsSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Sms>>>,
}

#[derive(Clone)]
struct SinkState {
    key: String,
    dir: Option<PathBuf>,
    received: Arc<Mutex<Vec<Sms>>>,
}

impl SmsSink {
    /// Starts a sink on `127.0.0.1:port` (0 for any free port) that takes messages sent with
    /// `key`, at `POST /messages`.
    pub async fn start(port: u16, key: &str, dir: Option<PathBuf>) -> std::io::Result<SmsSink> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let port = listener.local_addr()?.port();
        if let Some(dir) = &dir {
            std::fs::create_dir_all(dir)?;
        }
        let received = Arc::new(Mutex::new(Vec::new()));
        let state = SinkState { key: key.to_string(), dir, received: received.clone() };
        let router = axum::Router::new().route("/messages", axum::routing::post(take)).with_state(state);
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Ok(SmsSink { port, received })
    }

    /// Every SMS received so far.
    pub fn messages(&self) -> Vec<Sms> {
        self.received.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

async fn take(State(sink): State<SinkState>, headers: HeaderMap, body: Bytes) -> axum::response::Response {
    let authorised = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("AccessKey {}", sink.key));
    if !authorised {
        return (StatusCode::UNAUTHORIZED, Json(serde_json::json!({"errors": [{"description": "bad access key"}]})))
            .into_response();
    }
    let Ok(sms) = serde_json::from_slice::<Sms>(&body) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(serde_json::json!({"errors": [{"description": "bad body"}]})))
            .into_response();
    };
    if sms.recipients.is_empty() || sms.body.is_empty() {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({"errors": [{"description": "no recipient or body"}]})),
        )
            .into_response();
    }
    let id = {
        let Ok(mut received) = sink.received.lock() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        received.push(sms.clone());
        received.len()
    };
    if let Some(dir) = &sink.dir {
        let text = format!("To: {}\nReference: {}\n\n{}\n", sms.recipients.join(", "), sms.reference, sms.body);
        let _ = tokio::fs::write(dir.join(format!("{id:06}.txt")), text).await;
    }
    (
        StatusCode::CREATED,
        Json(serde_json::json!({"id": id.to_string(), "recipients": {"totalCount": sms.recipients.len()}})),
    )
        .into_response()
}
