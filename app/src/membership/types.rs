//! Wire types of membership: join requests, members as their coordinator sees them, the
//! member's own networks, handovers and the inbox.

use crate::codec::{codes, parsed};
use crate::membership::continuity::Continuity;
use serde::{Deserialize, Serialize};

parsed! {
    /// A phone number as its owner wrote it (spaces, dots and slashes kept), with 8 to 15
    /// digits.
    PhoneNumber
}

impl PhoneNumber {
    /// Digits, spaces, `+`, `.`, `/`, `-` and brackets; 8 to 15 digits, at most 25 characters.
    pub fn parse(input: &str) -> Result<PhoneNumber, crate::error::AppError> {
        let input = input.trim();
        let digits = input.chars().filter(char::is_ascii_digit).count();
        let allowed = input.chars().all(|c| c.is_ascii_digit() || " +./-()".contains(c));
        if allowed && (8..=15).contains(&digits) && input.chars().count() <= 25 {
            Ok(PhoneNumber(input.to_string()))
        } else {
            Err(crate::error::AppError::InvalidPhone)
        }
    }

    /// A phone number that may be left empty.
    pub fn optional(input: &str) -> Result<Option<PhoneNumber>, crate::error::AppError> {
        if input.trim().is_empty() { Ok(None) } else { PhoneNumber::parse(input).map(Some) }
    }
}

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

#[cfg(test)]
mod phone_tests {
    use super::PhoneNumber;
    use crate::error::AppError;

    #[test]
    fn belgian_numbers_as_people_write_them_are_kept_as_written() {
        for number in ["0470 12 34 56", "+32 470 12.34.56", "09/123.45.67", "(02) 511 22 33", "0032470123456"] {
            assert_eq!(PhoneNumber::parse(number).map(String::from).as_deref(), Ok(number));
        }
        assert_eq!(PhoneNumber::parse("  0470123456 ").map(String::from).as_deref(), Ok("0470123456"));
    }

    #[test]
    fn other_input_is_refused_and_empty_is_none() {
        for bad in [
            "",
            "1234567",
            "0470 ab 34 56",
            "+32 470 123 456 789 012",
            "0470\u{202E}123456",
            "0470 - 12 - 34 - 56 - - - - -",
        ] {
            assert_eq!(PhoneNumber::parse(bad), Err(AppError::InvalidPhone), "{bad:?}");
        }
        assert_eq!(PhoneNumber::optional("   "), Ok(None));
        assert_eq!(PhoneNumber::optional("bel me"), Err(AppError::InvalidPhone));
    }
}
