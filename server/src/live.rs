//! `GET /live`: server-sent events for a signed-in reader's open pages (a visitor gets 204, which
//! tells the browser not to reconnect), and, with PostgreSQL, the listener that hands every
//! instance's events to this instance's pages.

use app::platform::live::{CHANNEL, LiveEvent};
use app::platform::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::watch;
use tokio_stream::wrappers::BroadcastStream;

/// The topic that ends every open stream, so the server can shut down.
pub const SHUTDOWN: &str = "_shutdown";

pub async fn live(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = app::auth::session::token_in(&headers) else { return StatusCode::NO_CONTENT.into_response() };
    let me = match app::auth::session::user_for(&state, &token).await {
        Ok(Some(me)) => me,
        Ok(None) => return StatusCode::NO_CONTENT.into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let audience = match app::messaging::live::Audience::of(&state, &me).await {
        Ok(audience) => audience,
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let events = BroadcastStream::new(state.live.subscribe())
        // A lagging reader skips what it missed; the page shows it on its next load.
        .filter_map(|event| async move { event.ok() })
        .take_while(|event| std::future::ready(event.topic != SHUTDOWN))
        .filter_map(move |event| {
            let out =
                audience.event(&event).map(|(name, data)| Ok::<_, Infallible>(Event::default().event(name).data(data)));
            async move { out }
        });
    let ready = futures_util::stream::once(async { Ok(Event::default().event("ready").data("{}")) });
    Sse::new(ready.chain(events)).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))).into_response()
}

/// Ends every open stream (before a graceful shutdown waits for connections to close).
pub fn close_streams(state: &AppState) {
    state.live.deliver_local(LiveEvent { topic: SHUTDOWN.into(), data: String::new() });
}

/// Listens to PostgreSQL's live channel and hands each event to this instance's pages, until
/// `stop`; reconnects after a lost connection.
pub async fn listen(state: AppState, database_url: String, mut stop: watch::Receiver<bool>) {
    loop {
        match sqlx::postgres::PgListener::connect(&database_url).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(CHANNEL).await {
                    tracing::error!(error = %e, "could not listen for live events");
                } else {
                    loop {
                        tokio::select! {
                            received = listener.recv() => match received {
                                Ok(note) => match serde_json::from_str::<LiveEvent>(note.payload()) {
                                    Ok(event) => state.live.deliver_local(event),
                                    Err(e) => tracing::warn!(error = %e, "unreadable live event"),
                                },
                                Err(e) => {
                                    tracing::warn!(error = %e, "live event listener lost its connection");
                                    break;
                                }
                            },
                            _ = stop.changed() => return,
                        }
                    }
                }
            }
            Err(e) => tracing::error!(error = %e, "could not connect the live event listener"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {},
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
    }
}
