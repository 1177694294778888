//! The national aggregates (open data): networks by kind and state, member households, charters
//! in force and certified CPAs, for Belgium, each region, province and police zone. Only
//! aggregates; counts of people under five read "< 5" and others are rounded to tens.

use crate::dashboard::repo::NationalRow;
use crate::dashboard::texts::Words;
use crate::dashboard::types::{Area, people_label};
use crate::directory::state::Directory;
use crate::directory::types::{BinKind, BinState, Region};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::platform::state::AppState;
use std::collections::BTreeMap;

#[derive(Default)]
struct Sum {
    bin: i64,
    bin_z: i64,
    other: BTreeMap<BinState, i64>,
    households: i64,
    charters: i64,
    cpas: i64,
}

impl Sum {
    fn add(&mut self, row: &NationalRow) {
        if row.state == BinState::Active {
            match row.kind {
                BinKind::Bin => self.bin += row.networks,
                BinKind::BinZ => self.bin_z += row.networks,
            }
            self.households += row.households;
            self.charters += row.charters_in_force;
        } else {
            *self.other.entry(row.state).or_default() += row.networks;
        }
    }

    fn area(&self, level: &str, code: String, name: String) -> Area {
        Area {
            level: level.into(),
            code,
            name,
            bin: self.bin,
            bin_z: self.bin_z,
            total: self.bin + self.bin_z,
            other_states: self.other.clone(),
            member_households: people_label(self.households),
            charters_in_force: self.charters,
            certified_cpas: people_label(self.cpas),
        }
    }
}

/// Where a municipality lies: its province (NIS) and region.
pub struct Place {
    pub province: i64,
    pub region: Region,
}

/// Adds up `rows` for Belgium, the regions, the provinces and the zones. `place` locates a
/// municipality, `name` names a province or zone, and `cpas` gives certified CPAs per zone.
pub fn aggregate(
    rows: &[NationalRow],
    place: impl Fn(i64) -> Option<Place>,
    province_name: impl Fn(i64) -> String,
    zone: impl Fn(i64) -> (String, String),
    cpas: &BTreeMap<i64, i64>,
    region_name: impl Fn(Region) -> String,
    belgium: &str,
) -> Vec<Area> {
    let mut country = Sum::default();
    let mut regions: BTreeMap<&'static str, (Region, Sum)> = BTreeMap::new();
    let mut provinces: BTreeMap<i64, Sum> = BTreeMap::new();
    let mut zones: BTreeMap<i64, Sum> = BTreeMap::new();
    for row in rows {
        let Some(at) = place(row.nis) else { continue };
        country.add(row);
        regions.entry(at.region.code()).or_insert_with(|| (at.region, Sum::default())).1.add(row);
        provinces.entry(at.province).or_default().add(row);
        zones.entry(row.zone_id).or_default().add(row);
    }
    for (zone_id, n) in cpas {
        country.cpas += n;
        zones.entry(*zone_id).or_default().cpas += n;
    }
    let mut out = vec![country.area("belgium", "BE".into(), belgium.into())];
    for region in Region::ALL {
        let sum = regions.get(region.code()).map(|(_, s)| s);
        let empty = Sum::default();
        out.push(sum.unwrap_or(&empty).area("region", region.code().into(), region_name(region)));
    }
    for (nis, sum) in &provinces {
        out.push(sum.area("province", nis.to_string(), province_name(*nis)));
    }
    for (id, sum) in &zones {
        let (code, name) = zone(*id);
        out.push(sum.area("zone", code, name));
    }
    out
}

/// The areas as a spreadsheet in the reader's language: a column per kind of active network,
/// then one per other state any area has.
pub fn to_csv(areas: &[Area], lang: Lang) -> Result<String, AppError> {
    use crate::dashboard::texts::T;
    use crate::i18n::Common;
    use crate::platform::spreadsheet::{Sheet, Value};
    let states: std::collections::BTreeSet<BinState> =
        areas.iter().flat_map(|a| a.other_states.keys().copied()).collect();
    let mut header: Vec<String> = [
        &T::LevelColumn as &dyn crate::i18n::Text,
        &T::CodeColumn,
        &Common::NameColumn,
        &Common::KindBin,
        &Common::KindBinZ,
        &Common::Total,
        &Common::MemberHouseholds,
        &T::CharterInForce,
        &T::CertifiedCpasColumn,
    ]
    .iter()
    .map(|t| t.get(lang).to_string())
    .collect();
    header.extend(states.iter().map(|s| s.text().get(lang).to_string()));
    let mut sheet = Sheet::new(lang, &header)?;
    for a in areas {
        let level = match a.level.as_str() {
            "belgium" => Words::LevelBelgium.get(lang),
            "region" => Words::LevelRegion.get(lang),
            "province" => Words::LevelProvince.get(lang),
            "zone" => Words::LevelZone.get(lang),
            other => other,
        };
        let mut line: Vec<Value> = vec![
            level.into(),
            a.code.clone().into(),
            a.name.clone().into(),
            Value::Count(a.bin),
            Value::Count(a.bin_z),
            Value::Count(a.total),
            a.member_households.clone().into(),
            Value::Count(a.charters_in_force),
            a.certified_cpas.clone().into(),
        ];
        line.extend(states.iter().map(|s| Value::Count(a.other_states.get(s).copied().unwrap_or(0))));
        sheet.row(line)?;
    }
    sheet.finish()
}

/// The national open data: every area's aggregates, names in `lang`.
pub async fn load(state: &AppState, lang: Lang) -> Result<Vec<Area>, AppError> {
    let directory = Directory::of(state)?;
    let rows = crate::dashboard::repo::national_rows(&state.pool).await?;
    let cpas = crate::dashboard::repo::certified_per_zone(&state.pool).await?.into_iter().collect();
    let geo = &directory.geo;
    Ok(aggregate(
        &rows,
        |nis| geo.municipality(nis).map(|m| Place { province: m.province_nis, region: m.region }),
        |nis| geo.provinces.iter().find(|p| p.nis == nis).map(|p| p.names.get(lang).to_string()).unwrap_or_default(),
        |id| match geo.zone(id) {
            Some(z) => (z.number.unwrap_or(z.id).to_string(), z.names.get(lang).to_string()),
            None => (id.to_string(), String::new()),
        },
        &cpas,
        |r| r.name(lang).to_string(),
        Words::Belgium.get(lang),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(nis: i64, zone_id: i64, kind: BinKind, state: BinState, networks: i64, households: i64) -> NationalRow {
        NationalRow { nis, zone_id, kind, state, networks, households, charters_in_force: networks }
    }

    /// Two Flemish municipalities in one province and zone, one in Wallonia; the right answers
    /// are counted by hand below.
    fn figures() -> Vec<Area> {
        let rows = [
            row(44021, 5415, BinKind::Bin, BinState::Active, 3, 120),
            row(44021, 5415, BinKind::BinZ, BinState::Active, 1, 2),
            row(44013, 5415, BinKind::Bin, BinState::Dormant, 2, 40),
            row(62063, 5277, BinKind::Bin, BinState::Active, 1, 3),
        ];
        let place = |nis: i64| match nis {
            44021 | 44013 => Some(Place { province: 40000, region: Region::Flanders }),
            62063 => Some(Place { province: 60000, region: Region::Wallonia }),
            _ => None,
        };
        let cpas = BTreeMap::from([(5415, 7), (5277, 2)]);
        aggregate(
            &rows,
            place,
            |nis| format!("P{nis}"),
            |id| (id.to_string(), format!("Z{id}")),
            &cpas,
            |r| r.code().to_string(),
            "België",
        )
    }

    #[test]
    fn belgium_adds_up_active_networks_and_keeps_other_states_apart() {
        let areas = figures();
        let be = &areas[0];
        assert_eq!((be.bin, be.bin_z, be.total), (4, 1, 5));
        assert_eq!(be.other_states[&BinState::Dormant], 2);
        assert_eq!(be.member_households, "130", "120 + 2 + 3 active households, rounded to tens");
        assert_eq!(be.charters_in_force, 5);
        assert_eq!(be.certified_cpas, "10");
    }

    #[test]
    fn regions_are_all_listed_even_empty_and_small_numbers_are_hidden() {
        let areas = figures();
        let regions: Vec<&Area> = areas.iter().filter(|a| a.level == "region").collect();
        assert_eq!(regions.len(), 3);
        assert_eq!((regions[0].code.as_str(), regions[0].total), ("flanders", 4));
        assert_eq!((regions[1].code.as_str(), regions[1].total), ("brussels", 0));
        assert_eq!(regions[1].member_households, "< 5");
        assert_eq!(regions[2].member_households, "< 5", "three households in Wallonia");
    }

    #[test]
    fn provinces_and_zones_follow_their_municipalities() {
        let areas = figures();
        let p40: &Area = areas.iter().find(|a| a.level == "province" && a.code == "40000").unwrap_or(&areas[0]);
        assert_eq!((p40.bin, p40.bin_z, p40.other_states.get(&BinState::Dormant).copied()), (3, 1, Some(2)));
        let z = areas.iter().find(|a| a.level == "zone" && a.code == "5277").unwrap_or(&areas[0]);
        assert_eq!((z.total, z.certified_cpas.as_str(), z.name.as_str()), (1, "< 5", "Z5277"));
    }

    #[test]
    fn the_csv_has_a_line_per_area_and_a_column_per_other_state() {
        let areas = figures();
        let text = to_csv(&areas, Lang::Nl).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), areas.len() + 1);
        assert!(lines[0].ends_with("\"Gecertificeerde CPA's\";\"Slapend\""), "{}", lines[0]);
        assert!(
            lines[1].starts_with("\"land\";\"BE\";\"België\";\"4\";\"1\";\"5\";\"130\";\"5\";\"10\";\"2\""),
            "{}",
            lines[1]
        );
    }
}
