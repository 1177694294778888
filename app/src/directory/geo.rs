//! The reference geography of Belgium (regions, provinces, municipalities, postcodes and police
//! zones), read once at start from the files in `data/` and kept in memory, with an R-tree over
//! the postcode points for "nearest" questions.

use crate::directory::types::{Names, Region};
use rstar::RTree;
use rstar::primitives::GeomWithData;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A municipality (one of 565 since 1 January 2025).
#[derive(Clone, Debug)]
pub struct Municipality {
    pub nis: i64,
    pub names: Names,
    /// Names in use in another language than the official ones (Lüttich for Liège), from
    /// `exonyms.csv`: the search finds the municipality by them.
    pub other_names: Vec<String>,
    pub province_nis: i64,
    pub region: Region,
    pub lat: f64,
    pub lon: f64,
}

/// A province (and, for drawing, the Brussels-Capital Region in its place).
#[derive(Clone, Debug)]
pub struct Province {
    pub nis: i64,
    pub region: Region,
    pub names: Names,
    pub name_en: String,
}

/// A local police zone and the municipalities it covers.
#[derive(Clone, Debug)]
pub struct PoliceZone {
    /// The official four-digit number where known; otherwise the smallest NIS code of the zone's
    /// municipalities, which is stable and cannot clash with a four-digit number.
    pub id: i64,
    /// The official number, when it is known.
    pub number: Option<i64>,
    pub names: Names,
    pub municipalities: Vec<i64>,
}

/// One postcode → municipality link with a point.
#[derive(Clone, Debug)]
pub struct Postcode {
    pub postcode: String,
    pub nis: i64,
    pub lat: f64,
    pub lon: f64,
}

/// A sub-municipality (deelgemeente, section) or other locality with a postcode of its own:
/// Gentbrugge (9050, Gent), Marcinelle (6001, Charleroi).
#[derive(Clone, Debug)]
pub struct Locality {
    pub postcode: String,
    pub nis: i64,
    pub name: String,
    /// The language of the name (Brussels' localities have one in French and one in Dutch).
    pub lang: String,
    pub lat: f64,
    pub lon: f64,
}

/// The postcode of a place, and whether it is the municipality's only one.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacePostcode {
    pub postcode: String,
    pub nis: i64,
    pub exact: bool,
}

/// Why the geography could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("reference data file {0} is missing or unreadable ({1}); set NABIJ_DATA_DIR to the project's data/ folder")]
    Missing(PathBuf, String),
    #[error("reference data file {0} is malformed: {1}")]
    Malformed(PathBuf, String),
}

type Point = GeomWithData<[f64; 2], usize>;

/// All reference geography, indexed.
#[derive(Debug)]
pub struct Geography {
    pub municipalities: Vec<Municipality>,
    pub provinces: Vec<Province>,
    pub zones: Vec<PoliceZone>,
    pub postcodes: Vec<Postcode>,
    pub localities: Vec<Locality>,
    municipality_by_nis: HashMap<i64, usize>,
    zone_by_nis: HashMap<i64, usize>,
    zone_by_id: HashMap<i64, usize>,
    postcodes_by_code: HashMap<String, Vec<usize>>,
    points: RTree<Point>,
}

/// Kilometres per degree of latitude, and of longitude at Belgium's mean latitude (50.5° N):
/// an equirectangular plane that is accurate to well under 1 % across the country.
const KM_PER_DEG_LAT: f64 = 111.2;
const KM_PER_DEG_LON: f64 = 70.7;

/// Projects WGS84 onto the local plane used by the R-tree, in kilometres.
pub fn plane(lat: f64, lon: f64) -> [f64; 2] {
    [lon * KM_PER_DEG_LON, lat * KM_PER_DEG_LAT]
}

/// Great-circle distance in metres (haversine).
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * a.sqrt().asin()
}

#[derive(Deserialize)]
struct MunicipalityRecord {
    nis: i64,
    name_nl: String,
    name_fr: String,
    name_de: String,
    province_nis: i64,
    region: String,
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct ProvinceRecord {
    nis: i64,
    region: String,
    name_nl: String,
    name_fr: String,
    name_de: String,
    name_en: String,
}

#[derive(Deserialize)]
struct LocalityRecord {
    postcode: String,
    nis: i64,
    name: String,
    lang: String,
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct PostcodeRecord {
    postcode: String,
    nis: i64,
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct ExonymRecord {
    nis: i64,
    name: String,
}

#[derive(Deserialize)]
struct ZoneRecord {
    zone_id: String,
    name_nl: String,
    name_fr: String,
    name_de: String,
    nis_codes: String,
}

fn read_csv<T: for<'de> Deserialize<'de>>(dir: &Path, file: &str) -> Result<Vec<T>, GeoError> {
    let path = dir.join(file);
    let mut reader = csv::Reader::from_path(&path).map_err(|e| GeoError::Missing(path.clone(), e.to_string()))?;
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| GeoError::Malformed(path.clone(), format!("row {}: {e}", i + 2))))
        .collect()
}

fn region(path: &Path, code: &str) -> Result<Region, GeoError> {
    Region::parse(code).ok_or_else(|| GeoError::Malformed(path.to_path_buf(), format!("unknown region {code:?}")))
}

impl Geography {
    /// Reads and checks the files of `dir`: every municipality must have a known province and
    /// exactly one police zone, and every postcode a known municipality.
    pub fn load(dir: &Path) -> Result<Geography, GeoError> {
        let malformed = |file: &str, msg: String| GeoError::Malformed(dir.join(file), msg);

        let provinces = read_csv::<ProvinceRecord>(dir, "provinces.csv")?
            .into_iter()
            .map(|r| {
                Ok(Province {
                    nis: r.nis,
                    region: region(&dir.join("provinces.csv"), &r.region)?,
                    names: Names { nl: r.name_nl, fr: r.name_fr, de: r.name_de },
                    name_en: r.name_en,
                })
            })
            .collect::<Result<Vec<_>, GeoError>>()?;

        let municipalities = read_csv::<MunicipalityRecord>(dir, "municipalities.csv")?
            .into_iter()
            .map(|r| {
                Ok(Municipality {
                    other_names: Vec::new(),
                    nis: r.nis,
                    names: Names { nl: r.name_nl, fr: r.name_fr, de: r.name_de },
                    province_nis: r.province_nis,
                    region: region(&dir.join("municipalities.csv"), &r.region)?,
                    lat: r.lat,
                    lon: r.lon,
                })
            })
            .collect::<Result<Vec<_>, GeoError>>()?;
        let mut municipalities = municipalities;
        let municipality_by_nis: HashMap<i64, usize> =
            municipalities.iter().enumerate().map(|(i, m)| (m.nis, i)).collect();
        for r in read_csv::<ExonymRecord>(dir, "exonyms.csv")? {
            let Some(&at) = municipality_by_nis.get(&r.nis) else {
                return Err(malformed("exonyms.csv", format!("{} has unknown municipality {}", r.name, r.nis)));
            };
            municipalities[at].other_names.push(r.name);
        }
        for m in &municipalities {
            if !provinces.iter().any(|p| p.nis == m.province_nis) {
                return Err(malformed(
                    "municipalities.csv",
                    format!("{} has unknown province {}", m.nis, m.province_nis),
                ));
            }
        }

        let mut zones = Vec::new();
        for r in read_csv::<ZoneRecord>(dir, "police_zones_2025.csv")? {
            let nis: Vec<i64> = r
                .nis_codes
                .split_whitespace()
                .map(|c| c.parse().map_err(|_| malformed("police_zones_2025.csv", format!("bad NIS code {c:?}"))))
                .collect::<Result<_, _>>()?;
            let number = r.zone_id.trim().parse::<i64>().ok();
            let Some(smallest) = nis.iter().min().copied() else {
                return Err(malformed("police_zones_2025.csv", format!("zone {:?} has no municipality", r.name_nl)));
            };
            zones.push(PoliceZone {
                id: number.unwrap_or(smallest),
                number,
                names: Names { nl: r.name_nl, fr: r.name_fr, de: r.name_de },
                municipalities: nis,
            });
        }
        let mut zone_by_nis = HashMap::new();
        for (i, zone) in zones.iter().enumerate() {
            for nis in &zone.municipalities {
                if !municipality_by_nis.contains_key(nis) {
                    return Err(malformed("police_zones_2025.csv", format!("unknown municipality {nis}")));
                }
                if zone_by_nis.insert(*nis, i).is_some() {
                    return Err(malformed("police_zones_2025.csv", format!("municipality {nis} is in two zones")));
                }
            }
        }
        if let Some(m) = municipalities.iter().find(|m| !zone_by_nis.contains_key(&m.nis)) {
            return Err(malformed("police_zones_2025.csv", format!("municipality {} has no zone", m.nis)));
        }
        let zone_by_id = zones.iter().enumerate().map(|(i, z)| (z.id, i)).collect();

        let postcodes = read_csv::<PostcodeRecord>(dir, "postcodes.csv")?
            .into_iter()
            .map(|r| Postcode { postcode: r.postcode, nis: r.nis, lat: r.lat, lon: r.lon })
            .collect::<Vec<_>>();
        let mut postcodes_by_code: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in postcodes.iter().enumerate() {
            if !municipality_by_nis.contains_key(&p.nis) {
                return Err(malformed(
                    "postcodes.csv",
                    format!("postcode {} has unknown municipality {}", p.postcode, p.nis),
                ));
            }
            postcodes_by_code.entry(p.postcode.clone()).or_default().push(i);
        }
        let localities = read_csv::<LocalityRecord>(dir, "localities.csv")?
            .into_iter()
            .map(|r| Locality { postcode: r.postcode, nis: r.nis, name: r.name, lang: r.lang, lat: r.lat, lon: r.lon })
            .collect::<Vec<_>>();
        if let Some(l) = localities.iter().find(|l| !municipality_by_nis.contains_key(&l.nis)) {
            return Err(malformed("localities.csv", format!("{} has unknown municipality {}", l.name, l.nis)));
        }
        let points =
            RTree::bulk_load(postcodes.iter().enumerate().map(|(i, p)| Point::new(plane(p.lat, p.lon), i)).collect());

        Ok(Geography {
            municipalities,
            provinces,
            zones,
            postcodes,
            localities,
            municipality_by_nis,
            zone_by_nis,
            zone_by_id,
            postcodes_by_code,
            points,
        })
    }

    pub fn municipality(&self, nis: i64) -> Option<&Municipality> {
        self.municipality_by_nis.get(&nis).map(|&i| &self.municipalities[i])
    }

    /// The police zone that covers a municipality.
    pub fn zone_of(&self, nis: i64) -> Option<&PoliceZone> {
        self.zone_by_nis.get(&nis).map(|&i| &self.zones[i])
    }

    pub fn zone(&self, id: i64) -> Option<&PoliceZone> {
        self.zone_by_id.get(&id).map(|&i| &self.zones[i])
    }

    /// The municipalities (with a point each) a postcode belongs to; empty when unknown.
    pub fn postcode(&self, code: &str) -> Vec<&Postcode> {
        self.postcodes_by_code
            .get(code)
            .map(|ids| ids.iter().map(|&i| &self.postcodes[i]).collect())
            .unwrap_or_default()
    }

    /// The postcode point nearest to a location.
    pub fn nearest_postcode(&self, lat: f64, lon: f64) -> Option<&Postcode> {
        self.points.nearest_neighbor(&plane(lat, lon)).map(|p| &self.postcodes[p.data])
    }

    /// The postcode of a place in municipality `nis`: its only postcode (`exact`), or else the
    /// one whose point is nearest to the place.
    pub fn postcode_in(&self, nis: i64, lat: f64, lon: f64) -> Option<PlacePostcode> {
        let own: Vec<&Postcode> = self.postcodes.iter().filter(|p| p.nis == nis).collect();
        let distinct: std::collections::BTreeSet<&str> = own.iter().map(|p| p.postcode.as_str()).collect();
        let nearest = own
            .iter()
            .min_by(|a, b| distance_m(lat, lon, a.lat, a.lon).total_cmp(&distance_m(lat, lon, b.lat, b.lon)))?;
        Some(PlacePostcode { postcode: nearest.postcode.clone(), nis, exact: distinct.len() == 1 })
    }

    /// The name of the locality a postcode of municipality `nis` is named after (Gentbrugge),
    /// in `lang` where it has one; `None` where the postcode is the municipality's own.
    pub fn locality_name(&self, postcode: &str, nis: i64, lang: crate::i18n::Lang) -> Option<&str> {
        let named: Vec<&Locality> = self.localities.iter().filter(|l| l.postcode == postcode && l.nis == nis).collect();
        named.iter().find(|l| l.lang == lang.code()).or_else(|| named.first()).map(|l| l.name.as_str())
    }

    /// Number of distinct postcodes.
    pub fn distinct_postcodes(&self) -> usize {
        self.postcodes_by_code.len()
    }
}

/// Whether a point lies inside a set of polygons given as outer rings of `[x, y]` pairs
/// (even-odd rule, so rings listed as holes cut out).
pub fn inside_rings(x: f64, y: f64, rings: &[Vec<[f64; 2]>]) -> bool {
    let mut inside = false;
    for ring in rings {
        let n = ring.len();
        let mut j = n.wrapping_sub(1);
        for i in 0..n {
            let ([xi, yi], [xj, yj]) = (ring[i], ring[j]);
            if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                inside = !inside;
            }
            j = i;
        }
    }
    inside
}

/// The folder of the reference data in this source tree (for tests and tools).
pub fn source_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("data")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static GEO: LazyLock<Geography> = LazyLock::new(|| match Geography::load(&source_data_dir()) {
        Ok(geo) => geo,
        Err(e) => panic!("{e}"),
    });

    #[test]
    fn belgium_has_565_municipalities_in_three_regions() {
        assert_eq!(GEO.municipalities.len(), 565);
        let flemish = GEO.municipalities.iter().filter(|m| m.region == Region::Flanders).count();
        let brussels = GEO.municipalities.iter().filter(|m| m.region == Region::Brussels).count();
        let walloon = GEO.municipalities.iter().filter(|m| m.region == Region::Wallonia).count();
        assert_eq!((flemish, brussels, walloon), (285, 19, 261));
    }

    #[test]
    fn a_place_gets_its_municipality_s_postcode_and_locality() {
        use crate::i18n::Lang;
        let aartselaar = GEO.postcode_in(11001, 51.13, 4.38).unwrap();
        assert_eq!((aartselaar.postcode.as_str(), aartselaar.exact), ("2630", true), "its only postcode");
        let gentbrugge = GEO.postcode_in(44021, 51.0447, 3.7590).unwrap();
        assert_eq!((gentbrugge.postcode.as_str(), gentbrugge.exact), ("9050", false), "the nearest of Gent's");
        assert_eq!(GEO.locality_name("9050", 44021, Lang::Nl), Some("Gentbrugge"));
        assert_eq!(GEO.locality_name("9000", 44021, Lang::Nl), None, "Gent's own postcode");
        assert_eq!(GEO.locality_name("1020", 21004, Lang::Fr), Some("Laeken"));
        assert_eq!(GEO.locality_name("1020", 21004, Lang::Nl), Some("Laken"));
        assert_eq!(GEO.postcode_in(99999, 51.0, 4.0), None);
    }

    #[test]
    fn there_are_1152_postcode_links_for_1149_postcodes() {
        assert_eq!(GEO.postcodes.len(), 1152);
        assert_eq!(GEO.distinct_postcodes(), 1149);
    }

    #[test]
    fn every_municipality_is_in_exactly_one_of_178_police_zones() {
        assert_eq!(GEO.zones.len(), 178);
        for m in &GEO.municipalities {
            let zones = GEO.zones.iter().filter(|z| z.municipalities.contains(&m.nis)).count();
            assert_eq!(zones, 1, "{} ({})", m.names.nl, m.nis);
        }
        let ids: std::collections::HashSet<_> = GEO.zones.iter().map(|z| z.id).collect();
        assert_eq!(ids.len(), 178, "zone ids must be unique");
    }

    #[derive(Deserialize)]
    struct Outline {
        rings: Vec<Vec<[f64; 2]>>,
        #[serde(default)]
        holes: Vec<Vec<[f64; 2]>>,
    }

    #[test]
    fn every_postcode_and_municipality_point_lies_inside_belgium() {
        let text = std::fs::read_to_string(source_data_dir().join("outline.json")).unwrap();
        let outline: Outline = serde_json::from_str(&text).unwrap();
        let mut rings = outline.rings;
        rings.extend(outline.holes);
        for p in &GEO.postcodes {
            assert!(inside_rings(p.lon, p.lat, &rings), "postcode {} at {},{}", p.postcode, p.lat, p.lon);
        }
        for m in &GEO.municipalities {
            assert!(inside_rings(m.lon, m.lat, &rings), "municipality {}", m.nis);
        }
    }

    #[test]
    fn a_postcode_resolves_to_its_municipality_and_zone() {
        let ghent = GEO.postcode("9000");
        assert_eq!(ghent.len(), 1);
        let m = GEO.municipality(ghent[0].nis).unwrap();
        assert_eq!(m.names.nl, "Gent");
        assert!(GEO.zone_of(m.nis).is_some());
        assert!(GEO.postcode("0000").is_empty());
    }

    #[test]
    fn german_speaking_municipalities_have_german_names() {
        let eupen = GEO.municipalities.iter().find(|m| m.names.fr == "Eupen").unwrap();
        assert_eq!(eupen.names.de, "Eupen");
        assert!(GEO.municipalities.iter().filter(|m| !m.names.de.is_empty()).count() >= 9);
    }

    #[test]
    fn the_nearest_postcode_to_the_grand_place_is_in_brussels() {
        let p = GEO.nearest_postcode(50.8467, 4.3525).unwrap();
        assert_eq!(GEO.municipality(p.nis).unwrap().region, Region::Brussels);
    }

    #[test]
    fn distances_are_in_metres() {
        // Brussels (Grand-Place) to Antwerp (Grote Markt) is about 41 km.
        let d = distance_m(50.8467, 4.3525, 51.2211, 4.3997);
        assert!((40_000.0..43_000.0).contains(&d), "{d}");
    }

    #[test]
    fn a_missing_data_folder_is_named_with_the_way_to_fix_it() {
        let err =
            Geography::load(Path::new("/nonexistent/nabij-data")).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("/nonexistent/nabij-data/provinces.csv"), "{err}");
        assert!(err.contains("NABIJ_DATA_DIR"), "{err}");
    }

    #[test]
    fn a_point_in_a_square_ring_is_inside_and_outside_it_is_not() {
        let square = vec![vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]];
        assert!(inside_rings(5.0, 5.0, &square));
        assert!(!inside_rings(15.0, 5.0, &square));
    }
}
