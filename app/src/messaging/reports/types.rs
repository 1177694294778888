//! Wire types of residents' reports: where a report stands, a report in a list, and a report
//! as its reporter and as the police zone see it. The reporter's name and address reach only
//! the zone's staff, and the address only when the reporter agreed to be contacted.

use crate::codec::codes;
use serde::{Deserialize, Serialize};

/// The longest description, answer or place, in characters.
pub const WHAT_MAX: usize = 2_000;
pub const ANSWER_MAX: usize = 2_000;
pub const PLACE_MAX: usize = 200;
/// How far back an observation may be reported, in seconds (30 days).
pub const OBSERVED_WITHIN: i64 = 30 * 86_400;

codes! {
    /// Where a report stands in the zone's queue.
    ReportStatus {
        New => "new",
        Handling => "handling",
        Closed => "closed",
    }
}

/// A report in a list: the reporter's own, or the zone's queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportLine {
    pub id: i64,
    pub status: ReportStatus,
    /// The start of the description.
    pub summary: String,
    pub place: String,
    pub observed_at: i64,
    pub created_at: i64,
    pub has_photo: bool,
}

/// The zone's staff's view of who reported, when the reporter still has an account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reporter {
    pub name: String,
    /// Only when the reporter agreed to be contacted.
    pub email: Option<String>,
}

/// A report as the caller may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: i64,
    pub status: ReportStatus,
    pub what: String,
    pub place: String,
    pub zone: String,
    pub observed_at: i64,
    pub created_at: i64,
    pub contact_ok: bool,
    pub has_photo: bool,
    pub answer: Option<String>,
    pub closed_at: Option<i64>,
    pub alert_id: Option<i64>,
    /// The caller made this report (may add a photo while it is open).
    pub mine: bool,
    /// The caller serves the report's zone (may take it on, close it, turn it into an alert).
    pub staff: bool,
    pub reporter: Option<Reporter>,
}

/// The first words of a description, for a list: at most `max` characters, cut at a word.
pub fn summary(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a.to_string()).unwrap_or(cut);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_is_one_line_cut_at_a_word() {
        assert_eq!(summary("Een  wagen\nreed traag", 100), "Een wagen reed traag");
        assert_eq!(summary("Een wagen reed traag", 12), "Een wagen …");
        assert_eq!(summary("Éééééééé", 3), "Ééé …");
    }
}

/// The map around a place, for choosing on it where something was seen: the view (a few
/// kilometres across) with the names of places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PickMap {
    pub view_box: (i32, i32, i32, i32),
    /// The size of the whole base map, in map units.
    pub width: i32,
    pub height: i32,
    /// The place the map is centred on.
    pub centre: (i32, i32),
    pub labels: Vec<crate::directory::map::MapLabel>,
}

/// A point of the map (map units) whose north-west corner is at `origin` (Lambert 2008 metres)
/// as "lat, lon" with five decimals, as the place field takes it.
pub fn place_at(origin: (f64, f64), x: f64, y: f64) -> String {
    use crate::directory::pages::search_box::fixed5;
    let (lat, lon) = crate::directory::lambert::unproject(origin.0 + x * 100.0, origin.1 - y * 100.0);
    format!("{}, {}", fixed5(lat), fixed5(lon))
}
