//! Figures of one police zone that need no I/O: each network's continuity from its facts, the
//! charters' review status, and the median time to decide a join request.

use crate::membership::continuity::Continuity;
use serde::{Deserialize, Serialize};

/// A network as its zone sees it (no personal data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneBin {
    pub id: i64,
    pub name: String,
    pub kind: crate::directory::types::BinKind,
    pub state: crate::directory::types::BinState,
    pub continuity: Continuity,
    pub looking_for_coordinator: bool,
    pub has_deputy: bool,
    pub charter: CharterStatus,
    /// Where the network lies on the base map (map units).
    pub x: i32,
    pub y: i32,
}

/// Where a network's charter stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CharterStatus {
    InForce,
    DueSoon,
    Overdue,
    None,
}

impl CharterStatus {
    /// The status in the reader's language.
    pub fn text(self) -> &'static dyn crate::i18n::Text {
        use crate::dashboard::texts::T;
        use crate::i18n::Common;
        match self {
            CharterStatus::InForce => &T::CharterInForce,
            CharterStatus::DueSoon => &T::CharterDueSoon,
            CharterStatus::Overdue => &T::CharterOverdue,
            CharterStatus::None => &Common::CharterNone,
        }
    }
}

/// The review status of a charter whose next review is at `next_review` (Unix seconds).
pub fn charter_status(next_review: Option<i64>, now: i64) -> CharterStatus {
    match next_review {
        None => CharterStatus::None,
        Some(t) if t < now => CharterStatus::Overdue,
        Some(t) if t - now <= 90 * 86_400 => CharterStatus::DueSoon,
        Some(_) => CharterStatus::InForce,
    }
}

/// The median of `values` (the mean of the middle two for an even count).
pub fn median(mut values: Vec<i64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) as f64 / 2.0 } else { values[mid] as f64 })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn charters_are_in_force_due_within_90_days_or_overdue() {
        let now = 1_000 * DAY;
        assert_eq!(charter_status(None, now), CharterStatus::None);
        assert_eq!(charter_status(Some(now - 1), now), CharterStatus::Overdue);
        assert_eq!(charter_status(Some(now + 90 * DAY), now), CharterStatus::DueSoon);
        assert_eq!(charter_status(Some(now + 91 * DAY), now), CharterStatus::InForce);
    }

    #[test]
    fn the_median_takes_the_middle_or_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5]), Some(5.0));
        assert_eq!(median(vec![9, 1, 4]), Some(4.0));
        assert_eq!(median(vec![1, 2, 3, 10]), Some(2.5));
    }
}
