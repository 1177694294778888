//! Wire types of membership: join requests, members as their coordinator sees them, the
//! member's own networks, handovers and the inbox.

use crate::codec::codes;
use crate::membership::continuity::Continuity;
use serde::{Deserialize, Serialize};

/// The version of the rules and privacy text a member consents to; stored with the consent.
/// Change it with `content/pages/privacy` and `content/pages/rules`.
pub const CONSENT_VERSION: &str = "2026-12";

codes! {
    /// Where a membership stands.
    MemberState {
        Pending => "pending",
        Active => "active",
        Declined => "declined",
        Left => "left",
    }
}

/// What asking to join answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JoinOutcome {
    /// The request is with the coordinators.
    Requested,
    /// There already was a request (asking twice is one request).
    AlreadyRequested,
    AlreadyMember,
    /// The address lies in another network's streets.
    OtherBin {
        id: i64,
        name: String,
    },
}

/// The join page: the network and the caller's standing with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinContext {
    pub bin_id: i64,
    pub bin_name: String,
    pub municipality: String,
    pub signed_in: bool,
    pub state: Option<MemberState>,
    pub consent_version: String,
    /// The postcode of the network's streets when the municipality has only one (filled in).
    pub postcode: Option<String>,
}

/// A member or applicant, as only their own network's coordinators see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub request_id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub address: String,
    pub lang: String,
    pub state: MemberState,
    pub requested_at: i64,
    pub deputy: bool,
    pub coordinator: bool,
    pub can_help: bool,
}

/// A network's page for its coordinators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManageView {
    pub bin_id: i64,
    pub bin_name: String,
    /// The caller is the coordinator (not only a deputy).
    pub is_coordinator: bool,
    pub members: Vec<Member>,
    pub continuity: Continuity,
    /// An open handover offer: to whom.
    pub handover_to: Option<String>,
}

/// One of the caller's own networks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyBin {
    pub bin_id: i64,
    pub bin_name: String,
    pub state: MemberState,
    pub phone: Option<String>,
    pub lang: String,
    pub birth_decade: Option<i64>,
    pub looking_for_coordinator: bool,
    pub can_help: bool,
    pub manages: bool,
    /// A handover offered to the caller, waiting for an answer.
    pub handover_offer: Option<i64>,
    /// Whether the caller has a membership (a coordinator set up by the zone may not).
    pub membership: bool,
}

/// The decades of birth a member may give. The first stands for "before 1940", the last for
/// "2000 or later".
pub const BIRTH_DECADES: [i64; 8] = [1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000];

/// The label of a decade of birth: "< 1940", "1950–1959", "≥ 2000".
pub fn decade_label(decade: i64) -> String {
    match decade {
        d if d <= BIRTH_DECADES[0] => format!("< {}", BIRTH_DECADES[1]),
        d if d >= BIRTH_DECADES[7] => format!("≥ {d}"),
        d => format!("{d}–{}", d + 9),
    }
}
