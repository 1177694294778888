//! Wire types of the directory.

use crate::codec::{codes, parsed};
use crate::directory::texts::T;
use crate::i18n::{Common, Lang, Text};
use serde::{Deserialize, Serialize};

codes! {
    /// One of Belgium's three regions.
    #[derive(PartialOrd, Ord)]
    Region {
        Flanders => "flanders",
        Brussels => "brussels",
        Wallonia => "wallonia",
    }
}

impl Region {
    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(match self {
            Region::Flanders => ["Vlaanderen", "Flandre", "Flandern", "Flanders"],
            Region::Brussels => ["Brussel", "Bruxelles", "Brüssel", "Brussels"],
            Region::Wallonia => ["Wallonië", "Wallonie", "Wallonien", "Wallonia"],
        })
    }
}

codes! {
    /// The kind of a network: a BIN of residents, or a BIN-Z of the self-employed.
    #[derive(PartialOrd, Ord)]
    BinKind {
        Bin => "bin",
        BinZ => "bin_z",
    }
}

impl BinKind {
    /// The kind's short name as the reader's language says it: BIN, PLP, NIN; BIN-Z, PLP-I, NIN-S.
    pub fn text(self) -> Common {
        match self {
            BinKind::Bin => Common::KindBin,
            BinKind::BinZ => Common::KindBinZ,
        }
    }
}

codes! {
    /// Where a network stands (its life, from proposal to dissolution, is `lifecycle::machine`).
    #[derive(PartialOrd, Ord)]
    BinState {
        /// Proposed by a resident; waiting for the police zone.
        Proposed => "proposed",
        /// The zone asked for changes; waiting for the founder.
        ChangesRequested => "changes_requested",
        /// The zone declined the proposal (final).
        Declined => "declined",
        /// Accepted by the zone; the charter is drafted and being signed.
        Charter => "charter",
        /// Signed by all four parties; waiting for the knowledge centre to register it.
        Signed => "signed",
        /// Registered: visible on the map, open to members.
        Active => "active",
        /// Not active for now; hidden from the map.
        Dormant => "dormant",
        /// Ended (final).
        Dissolved => "dissolved",
    }
}

impl BinState {
    /// The state as the reader's language says it (the network's file, the dashboards, the
    /// registry and their spreadsheets).
    pub fn text(self) -> &'static dyn Text {
        match self {
            BinState::Proposed => &T::LifeProposed,
            BinState::ChangesRequested => &T::LifeChangesRequested,
            BinState::Declined => &T::LifeDeclined,
            BinState::Charter => &T::LifeCharter,
            BinState::Signed => &T::LifeSigned,
            BinState::Active => &Common::LifeActive,
            BinState::Dormant => &Common::LifeDormant,
            BinState::Dissolved => &T::LifeDissolved,
        }
    }
}

/// A name in the languages it officially exists in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub nl: String,
    pub fr: String,
    pub de: String,
}

impl Names {
    /// The name in the reader's language where one exists, else the region's own name
    /// (Dutch before French before German).
    pub fn get(&self, lang: Lang) -> &str {
        let own = match lang {
            Lang::Nl => &self.nl,
            Lang::Fr => &self.fr,
            Lang::De => &self.de,
            Lang::En => "",
        };
        if !own.is_empty() {
            return own;
        }
        [&self.nl, &self.fr, &self.de].into_iter().find(|n| !n.is_empty()).map(String::as_str).unwrap_or("")
    }
}

/// BIN and BIN-Z counts of one region (or of Belgium when `region` is `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionCount {
    pub region: Option<Region>,
    pub bin: i64,
    pub bin_z: i64,
}

impl RegionCount {
    pub fn total(&self) -> i64 {
        self.bin + self.bin_z
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fall_back_to_an_official_name() {
        let brussels = Names { nl: "Brussel".into(), fr: "Bruxelles".into(), de: String::new() };
        assert_eq!(brussels.get(Lang::Fr), "Bruxelles");
        assert_eq!(brussels.get(Lang::De), "Brussel");
        let eupen = Names { nl: String::new(), fr: "Eupen".into(), de: "Eupen".into() };
        assert_eq!(eupen.get(Lang::Nl), "Eupen");
    }
}

/// Builds the BeSafe table from `(region, kind, count)` rows: one line per region in a fixed
/// order, then Belgium.
pub fn tabulate(rows: &[(Region, BinKind, i64)]) -> Vec<RegionCount> {
    let mut table: Vec<RegionCount> =
        Region::ALL.iter().map(|r| RegionCount { region: Some(*r), bin: 0, bin_z: 0 }).collect();
    let mut total = RegionCount { region: None, bin: 0, bin_z: 0 };
    for (region, kind, n) in rows {
        if let Some(line) = table.iter_mut().find(|l| l.region == Some(*region)) {
            match kind {
                BinKind::Bin => line.bin += n,
                BinKind::BinZ => line.bin_z += n,
            }
        }
        match kind {
            BinKind::Bin => total.bin += n,
            BinKind::BinZ => total.bin_z += n,
        }
    }
    table.push(total);
    table
}

parsed! {
    /// A Belgian postcode: four digits, 1000 to 9999 (whether a place has it is the
    /// geography's to say).
    Postcode
}

impl Postcode {
    /// Four digits, 1000–9999, spaces ignored: anything else is `invalid_input` when it cannot
    /// be a postcode at all, else `unknown_postcode`.
    pub fn parse(input: &str) -> Result<Postcode, crate::error::AppError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) && !digits.starts_with('0') {
            Ok(Postcode(digits))
        } else if digits.is_empty() || digits.chars().count() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
            Err(crate::error::AppError::InvalidInput)
        } else {
            Err(crate::error::AppError::UnknownPostcode)
        }
    }

    /// A postcode typed in a field that asks for one: whatever is wrong with it, it is not a
    /// postcode the reader may give (`unknown_postcode`).
    pub fn of_field(input: &str) -> Result<Postcode, crate::error::AppError> {
        Postcode::parse(input).map_err(|_| crate::error::AppError::UnknownPostcode)
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn states_decode_from_the_machine_s_own_codes_only() {
        for state in BinState::ALL {
            assert_eq!(BinState::try_from(state.code().to_string()).ok(), Some(state));
        }
        // Names an earlier dashboard used, which the state machine never produces.
        for never in ["reviewed", "charter_drafted"] {
            assert!(BinState::try_from(never.to_string()).is_err(), "{never}");
        }
    }

    #[test]
    fn the_table_sums_regions_into_belgium() {
        let rows = [
            (Region::Wallonia, BinKind::Bin, 3),
            (Region::Flanders, BinKind::BinZ, 2),
            (Region::Flanders, BinKind::Bin, 5),
        ];
        let table = tabulate(&rows);
        assert_eq!(table.len(), 4);
        assert_eq!(table[0], RegionCount { region: Some(Region::Flanders), bin: 5, bin_z: 2 });
        assert_eq!(table[1], RegionCount { region: Some(Region::Brussels), bin: 0, bin_z: 0 });
        assert_eq!(table[3], RegionCount { region: None, bin: 8, bin_z: 2 });
        assert_eq!(table[3].total(), 10);
    }

    #[test]
    fn postcodes_are_four_digits() {
        assert_eq!(Postcode::parse(" 9 000 ").map(String::from).ok().as_deref(), Some("9000"));
        assert_eq!(Postcode::parse("0999"), Err(crate::error::AppError::UnknownPostcode));
        assert_eq!(Postcode::parse("123"), Err(crate::error::AppError::UnknownPostcode));
        assert_eq!(Postcode::parse(""), Err(crate::error::AppError::InvalidInput));
        assert_eq!(Postcode::parse("<script>"), Err(crate::error::AppError::InvalidInput));
        assert_eq!(Postcode::parse(&"9".repeat(10_000)), Err(crate::error::AppError::InvalidInput));
        assert_eq!(Postcode::of_field("99999"), Err(crate::error::AppError::UnknownPostcode));
        assert_eq!(Postcode::of_field("9050").map(String::from).ok().as_deref(), Some("9050"));
    }
}

/// What a suggestion stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    Postcode,
    Municipality,
    /// A sub-municipality or other locality with its own postcode.
    Locality,
}

/// A suggestion for the search box: what to show and what to search for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceSuggestion {
    pub label: String,
    pub value: String,
    pub kind: SuggestionKind,
}

/// A police zone as the public may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZonePublic {
    pub id: i64,
    /// The official number, when known; police.be/<number> leads to the zone's website.
    pub number: Option<i64>,
    pub name: Names,
}

/// One network in a list of search results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BinHit {
    pub id: i64,
    pub name: String,
    pub kind: BinKind,
    pub municipality: Names,
    pub zone: ZonePublic,
    pub distance_m: i64,
    pub looking_for_coordinator: bool,
}

/// The answer to a search: what was understood, the networks nearest to it, and the police zone
/// of the place (to contact when there is no network nearby).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchAnswer {
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    pub municipality: Names,
    pub zone: ZonePublic,
    pub hits: Vec<BinHit>,
    /// Whether a network covers the place: a street segment holds the address, or (for a
    /// postcode or place) a network lies within 1.5 km.
    pub covered: bool,
    /// The network whose street segment holds the address typed, if any (listed first in `hits`).
    pub covering: Option<i64>,
    pub map_x: i32,
    pub map_y: i32,
}

/// A BIN's public page: nothing about any person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicBin {
    pub id: i64,
    pub name: String,
    pub kind: BinKind,
    pub municipality: Names,
    pub region: Region,
    pub zone: ZonePublic,
    pub founded_year: i64,
    /// A band, never an exact small number: "< 25", "25–49", "50–99", "100–249", "250+".
    pub households_band: String,
    pub charter_signed: bool,
    pub charter_next_review: Option<String>,
    pub looking_for_coordinator: bool,
    pub lat: f64,
    pub lon: f64,
    pub radius_m: i64,
    pub map_x: i32,
    pub map_y: i32,
    pub segments: Vec<crate::directory::segments::Segment>,
    /// The postcode and place name of its streets, when the reference data knows them.
    pub postcode: Option<StreetsPostcode>,
}

/// The postcode of a network's streets: "9050 Gentbrugge". It is `exact` when the municipality
/// has one postcode; otherwise it is the postcode nearest to the network's location, and a
/// street at the edge may have another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreetsPostcode {
    pub postcode: String,
    pub place: String,
    pub exact: bool,
}

/// The member-count band shown on public pages.
pub fn households_band(n: i64) -> &'static str {
    match n {
        i64::MIN..=24 => "< 25",
        25..=49 => "25–49",
        50..=99 => "50–99",
        100..=249 => "100–249",
        _ => "250+",
    }
}

#[cfg(test)]
mod band_tests {
    use super::*;

    #[test]
    fn small_numbers_of_households_are_shown_as_a_band() {
        assert_eq!(households_band(3), "< 25");
        assert_eq!(households_band(25), "25–49");
        assert_eq!(households_band(180), "100–249");
        assert_eq!(households_band(1000), "250+");
    }
}
