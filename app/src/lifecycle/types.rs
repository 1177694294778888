//! Wire types of a network's life: its file as the people involved see it.

use crate::codec::codes;
use crate::directory::segments::Segment;
use crate::directory::types::BinKind;
use crate::directory::types::BinState;
use crate::lifecycle::machine::{Party, Standing, Step};
use serde::{Deserialize, Serialize};

codes! {
    /// The role in which someone took a step of a network's life (recorded, never their name).
    Actor {
        Coordinator => "coordinator",
        Officer => "officer",
        ZoneAdmin => "zone_admin",
        /// The zone chief, signing the charter (an administrator of the zone signs for them).
        ZoneChief => "zone_chief",
        Municipality => "municipality",
        /// The knowledge centre (registering a charter; completing it when the last party signed).
        KnowledgeCentre => "kc",
    }
}

impl From<Party> for Actor {
    fn from(party: Party) -> Actor {
        match party {
            Party::Coordinator => Actor::Coordinator,
            Party::Municipality => Actor::Municipality,
            Party::ZoneChief => Actor::ZoneChief,
            Party::Officer => Actor::Officer,
        }
    }
}

/// One recorded step: who (by role, never by name) did what, when, and what they wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: i64,
    pub step: Step,
    /// The role the person acted in.
    pub role: Actor,
    pub from: BinState,
    pub to: BinState,
    pub message: Option<String>,
}

/// One signature on a charter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    pub party: Party,
    pub name: String,
    pub at: i64,
}

/// One version of a network's charter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CharterVersion {
    pub version: i64,
    pub rules: Option<String>,
    pub drafted_at: Option<i64>,
    pub signatures: Vec<Signature>,
    pub signed_at: Option<i64>,
    pub registered_at: Option<i64>,
    pub next_review_at: Option<i64>,
}

impl CharterVersion {
    /// Whether this is the open draft (not yet registered).
    pub fn is_open(&self) -> bool {
        self.registered_at.is_none()
    }

    pub fn signature(&self, party: Party) -> Option<&Signature> {
        self.signatures.iter().find(|s| s.party == party)
    }
}

/// A member who offered to help (for the zone, when a network needs a coordinator).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Helper {
    pub user_id: i64,
    pub name: String,
}

/// A network's file: its proposal, where it stands, its history, its charters, and what the
/// reader can do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifeView {
    pub bin_id: i64,
    pub name: String,
    pub kind: BinKind,
    pub state: BinState,
    pub municipality: String,
    pub zone: String,
    pub purpose: Option<String>,
    pub streets: Vec<Segment>,
    pub lat: f64,
    pub lon: f64,
    pub radius_m: i64,
    pub events: Vec<Event>,
    /// Newest first.
    pub charters: Vec<CharterVersion>,
    pub standing: Standing,
    pub steps: Vec<Step>,
    /// The parties the reader may still sign for on the open draft.
    pub can_sign_for: Vec<Party>,
    /// Whether the network has no coordinator now.
    pub looking: bool,
    /// Members who raised their hand (shown to the zone only, when it may appoint).
    pub helpers: Vec<Helper>,
    /// The map: a cropped base map with the area drawn on it.
    pub map_svg: String,
}

/// A network that is not active yet, as a line in someone's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    pub bin_id: i64,
    pub name: String,
    pub state: BinState,
    pub municipality: String,
    pub since: i64,
    /// Whether the reader has a step to take.
    pub waiting_for_me: bool,
}
