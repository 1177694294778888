//! Which live events a signed-in reader's open page receives: a new urgent alert or message
//! for a network they are a member of; the reception figures of a message they sent, or of
//! their zone's (officers) or network's (coordinators); updates of messages they received.

use crate::auth::types::SafeUser;
use crate::error::AppError;
use crate::platform::live::LiveEvent;
use crate::platform::state::AppState;
use serde::Deserialize;

/// What one reader may be told.
#[derive(Clone, Debug)]
pub struct Audience {
    user_id: i64,
    member_of: Vec<i64>,
    zones: Vec<i64>,
    coordinates: Vec<i64>,
    kc: bool,
}

#[derive(Deserialize)]
struct Concerns {
    id: i64,
    #[serde(default)]
    bins: Vec<i64>,
    #[serde(default)]
    zone: Option<i64>,
    #[serde(default)]
    sender: Option<i64>,
    #[serde(default)]
    urgent: bool,
}

impl Audience {
    /// The reader's networks, zones and roles, read once when their page connects.
    pub async fn of(state: &AppState, me: &SafeUser) -> Result<Audience, AppError> {
        Ok(Audience {
            user_id: me.id,
            member_of: crate::messaging::repo::member_bins(&state.pool, me.id).await?,
            zones: super::api::ssr::zones_of(me),
            coordinates: super::api::ssr::coordinated(me),
            kc: me.is_kc_admin(),
        })
    }

    /// The SSE event name and data for this reader, or `None` when the event is not theirs.
    pub fn event(&self, event: &LiveEvent) -> Option<(&'static str, String)> {
        let concerns: Concerns = serde_json::from_str(&event.data).ok()?;
        let member = concerns.bins.iter().any(|b| self.member_of.contains(b));
        match event.topic.as_str() {
            "message" if member => Some((if concerns.urgent { "alert" } else { "message" }, event.data.clone())),
            "post" if member => Some(("post", serde_json::json!({ "id": concerns.id }).to_string())),
            "reception"
                if concerns.sender == Some(self.user_id)
                    || concerns.zone.is_some_and(|z| self.zones.contains(&z))
                    || concerns.bins.iter().any(|b| self.coordinates.contains(b))
                    || self.kc =>
            {
                Some(("reception", event.data.clone()))
            }
            _ => None,
        }
    }
}
