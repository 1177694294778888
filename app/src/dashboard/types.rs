//! Wire types of the dashboards: aggregates only.

use crate::dashboard::figure::{Figure, Period};
use crate::directory::types::{Names, RegionCount};
use crate::learning::types::{CpaCounts, Volunteer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The figures of one police zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneFigures {
    pub zone_id: i64,
    pub name: Names,
    pub bin: i64,
    pub bin_z: i64,
    pub without_coordinator: i64,
    /// Member households, rounded to tens, or "< 5" for tiny numbers.
    pub households_label: String,
    /// Live certificates of learners in this zone, as a people label.
    pub certified_label: String,
    /// Certified CPA volunteers who chose to be listed for this zone.
    pub volunteers: Vec<Volunteer>,
    /// Every network of the zone, the lowest continuity score first.
    pub bins: Vec<crate::dashboard::zone::ZoneBin>,
    /// Join requests waiting for a decision, as a people label ("< 5" for a few).
    pub waiting_label: String,
    /// Median days from a join request to its decision.
    pub median_decision_days: Option<f64>,
    /// How many join requests were decided (the median is withheld below five).
    #[serde(default)]
    pub decisions: i64,
    pub charters_in_force: i64,
    pub charters_due_soon: i64,
    pub charters_overdue: i64,
    /// Every figure of the zone, each drawn, tabled and downloadable.
    pub figures: Vec<Figure>,
    /// The part of the base map around the zone's networks: `[x, y, width, height]`.
    pub map_box: [i32; 4],
    /// The size of the whole base map, in the same units.
    pub frame: [i32; 2],
    /// The zone's municipalities with where their names go on the map.
    pub places: Vec<(String, i32, i32)>,
    pub period: Period,
    /// Every zone of the reader's roles, to choose among when there are several.
    #[serde(default)]
    pub choices: Vec<(i64, Names)>,
}

/// One area's line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// `belgium`, `region`, `province` or `zone`.
    pub level: String,
    /// The region's code, the province's NIS code or the zone's number.
    pub code: String,
    pub name: String,
    /// Active networks.
    pub bin: i64,
    pub bin_z: i64,
    pub total: i64,
    /// Networks in other states (proposed, dormant, dissolved, …), by state.
    pub other_states: BTreeMap<crate::directory::types::BinState, i64>,
    pub member_households: String,
    pub charters_in_force: i64,
    pub certified_cpas: String,
}

/// A zone ranked by succession risk: active networks without a coordinator or a deputy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneRisk {
    pub zone_id: i64,
    pub name: String,
    pub networks: i64,
    pub without_coordinator: i64,
    pub without_deputy: i64,
}

/// What the caller's role lets them see.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Dashboard {
    National {
        table: Vec<RegionCount>,
        households: i64,
        cpa: CpaCounts,
        areas: Vec<Area>,
        risk: Vec<ZoneRisk>,
        figures: Vec<Figure>,
        period: Period,
    },
    Zones(Vec<ZoneFigures>),
}

/// A count of people as it may leave a zone: fewer than five is "< 5", otherwise rounded to tens
/// (but never to zero).
pub fn people_label(n: i64) -> String {
    if n < 5 {
        "< 5".to_string()
    } else {
        let rounded = ((n + 5) / 10) * 10;
        rounded.max(10).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_of_people_are_hidden_and_others_rounded() {
        assert_eq!(people_label(0), "< 5");
        assert_eq!(people_label(4), "< 5");
        assert_eq!(people_label(5), "10");
        assert_eq!(people_label(14), "10");
        assert_eq!(people_label(15), "20");
        assert_eq!(people_label(1234), "1230");
    }
}
