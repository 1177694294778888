//! Live events for open pages (server-sent events). An event is published once and reaches the
//! subscribers of every server instance: with PostgreSQL through `NOTIFY` on one channel, which
//! each instance `LISTEN`s to and hands on to its own subscribers; with SQLite (one instance)
//! directly. What an event means, and who may see it, is for the domain that publishes it.

use crate::platform::db::{Engine, Pool};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// The PostgreSQL channel every instance listens to.
pub const CHANNEL: &str = "nabij_live";

/// An event: a topic (`message`, `seen`, …) and its data as JSON. Small by design: PostgreSQL
/// carries at most 8,000 bytes per notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    pub topic: String,
    pub data: String,
}

/// The hub of one instance.
#[derive(Debug)]
pub struct Live {
    tx: broadcast::Sender<LiveEvent>,
}

impl Default for Live {
    fn default() -> Self {
        // A page that falls this far behind misses events and catches up on its next load.
        Live { tx: broadcast::channel(4_096).0 }
    }
}

impl Live {
    /// How many open pages listen on this instance.
    pub fn subscribers(&self) -> usize {
        self.tx.receiver_count()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.tx.subscribe()
    }

    /// Hands an event to this instance's subscribers (the PostgreSQL listener calls this).
    pub fn deliver_local(&self, event: LiveEvent) {
        // No subscriber is not an error: nobody has a page open.
        let _ = self.tx.send(event);
    }

    /// Publishes an event to every instance. Call it after the change it reports is committed.
    pub async fn publish(&self, engine: Engine, pool: &Pool, event: LiveEvent) {
        match engine {
            Engine::Sqlite => self.deliver_local(event),
            Engine::Postgres => {
                let payload = match serde_json::to_string(&event) {
                    Ok(payload) if payload.len() < 7_900 => payload,
                    _ => {
                        tracing::warn!(topic = %event.topic, "live event too large for NOTIFY; not published");
                        return;
                    }
                };
                let sent = sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(pool).await;
                if let Err(e) = sent {
                    tracing::warn!(error = %e, "could not publish a live event");
                }
            }
        }
    }
}
