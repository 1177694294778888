//! The base map of Belgium (provinces, regions, the country outline), drawn once at start from
//! `data/map.json` (Lambert 2008 metres) into an SVG that pages draw their markers over. Map
//! units are hectometres from the north-west corner of Belgium's bounding box, y pointing down.

use crate::directory::lambert;
use crate::directory::map::MapFrame;
use serde::Deserialize;
use std::fmt::Write;
use std::path::Path;

type Ring = Vec<[f64; 2]>;

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    code: Option<String>,
    rings: Vec<Ring>,
}

#[derive(Deserialize)]
struct Country {
    rings: Vec<Ring>,
}

#[derive(Deserialize)]
struct MapFile {
    bbox: [f64; 4],
    regions: Vec<Feature>,
    provinces: Vec<Feature>,
    country: Country,
}

/// The drawn base map and the frame that places points on it.
#[derive(Debug)]
pub struct BaseMap {
    pub frame: MapFrame,
    min_x: f64,
    max_y: f64,
    pub svg: String,
}

impl BaseMap {
    /// Reads `map.json` from the data folder and draws it.
    pub fn load(dir: &Path) -> Result<BaseMap, crate::directory::geo::GeoError> {
        let path = dir.join("map.json");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| crate::directory::geo::GeoError::Missing(path.clone(), e.to_string()))?;
        let file: MapFile = serde_json::from_str(&text)
            .map_err(|e| crate::directory::geo::GeoError::Malformed(path.clone(), e.to_string()))?;
        Ok(BaseMap::draw(&file))
    }

    fn draw(file: &MapFile) -> BaseMap {
        let [min_x, min_y, max_x, max_y] = file.bbox;
        // A margin of 2 km around the country.
        let (min_x, min_y, max_x, max_y) = (min_x - 2000.0, min_y - 2000.0, max_x + 2000.0, max_y + 2000.0);
        let frame = MapFrame {
            width: ((max_x - min_x) / 100.0).ceil() as i32,
            height: ((max_y - min_y) / 100.0).ceil() as i32,
        };
        let to_units = |p: &[f64; 2]| ((p[0] - min_x) / 100.0, (max_y - p[1]) / 100.0);
        let path = |rings: &[Ring]| {
            let points: Vec<Vec<(i64, i64)>> = rings
                .iter()
                .map(|ring| ring.iter().map(&to_units).map(|(x, y)| (x.round() as i64, y.round() as i64)).collect())
                .collect();
            relative_path(&points)
        };
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">",
            w = frame.width,
            h = frame.height
        );
        for region in &file.regions {
            let fill = match region.code.as_deref() {
                Some("flanders") => "#fbf1c7",
                Some("wallonia") => "#f6e0d3",
                _ => "#dce6f4",
            };
            let _ = write!(svg, "<path fill=\"{fill}\" fill-rule=\"evenodd\" d=\"{}\"/>", path(&region.rings));
        }
        for province in &file.provinces {
            let _ = write!(
                svg,
                "<path fill=\"none\" stroke=\"#8a94a3\" stroke-width=\"3\" stroke-linejoin=\"round\" d=\"{}\"/>",
                path(&province.rings)
            );
        }
        let _ = write!(
            svg,
            "<path fill=\"none\" stroke=\"#39424e\" stroke-width=\"6\" stroke-linejoin=\"round\" d=\"{}\"/></svg>",
            path(&file.country.rings)
        );
        BaseMap { frame, min_x, max_y, svg }
    }

    /// Where a WGS84 point falls on the map, in map units.
    /// The Lambert 2008 coordinates (metres) of the map's origin, its north-west corner.
    pub fn origin(&self) -> (f64, f64) {
        (self.min_x, self.max_y)
    }

    pub fn place(&self, lat: f64, lon: f64) -> (i32, i32) {
        let (x, y) = lambert::project(lat, lon);
        (((x - self.min_x) / 100.0).round() as i32, ((self.max_y - y) / 100.0).round() as i32)
    }
}

/// An SVG path of closed rings in relative steps ("M x y l dx dy dx dy … z"): the steps of a
/// map drawn in hectometres are one or two digits where absolute points are four, which halves
/// the base map. Points that round to the previous one are left out.
fn relative_path(rings: &[Vec<(i64, i64)>]) -> String {
    let mut d = String::new();
    for ring in rings {
        let Some(&(x0, y0)) = ring.first() else { continue };
        let _ = write!(d, "M{x0} {y0}");
        let (mut last, mut steps) = ((x0, y0), 0);
        for &(x, y) in &ring[1..] {
            if (x, y) == last {
                continue;
            }
            let (dx, dy) = (x - last.0, y - last.1);
            // A minus sign separates numbers by itself.
            let gap = |n: i64| if n < 0 { "" } else { " " };
            if steps == 0 {
                let _ = write!(d, "l{dx}{}{dy}", gap(dy));
            } else {
                let _ = write!(d, "{}{dx}{}{dy}", gap(dx), gap(dy));
            }
            last = (x, y);
            steps += 1;
        }
        d.push('z');
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::geo::{Geography, inside_rings, source_data_dir};

    #[test]
    fn rings_are_written_in_relative_steps() {
        let square = vec![(10, 20), (13, 20), (13, 20), (13, 15), (10, 15), (10, 20)];
        assert_eq!(relative_path(&[square]), "M10 20l3 0 0-5-3 0 0 5z");
        assert_eq!(relative_path(&[vec![(5, 5)], vec![]]), "M5 5z");
        let two = vec![vec![(0, 0), (1, 1)], vec![(9, 9), (8, 9)]];
        assert_eq!(relative_path(&two), "M0 0l1 1zM9 9l-1 0z");
    }

    #[test]
    fn every_municipality_lands_inside_its_province_on_the_map() {
        let text = std::fs::read_to_string(source_data_dir().join("map.json")).unwrap();
        let file: MapFile = serde_json::from_str(&text).unwrap();
        let geo = Geography::load(&source_data_dir()).unwrap();
        let map = BaseMap::draw(&file);
        #[derive(Deserialize)]
        struct P {
            nis: String,
            rings: Vec<Ring>,
        }
        #[derive(Deserialize)]
        struct Ps {
            provinces: Vec<P>,
        }
        let ps: Ps = serde_json::from_str(&text).unwrap();
        let mut misplaced = Vec::new();
        for m in &geo.municipalities {
            let (x, y) = lambert::project(m.lat, m.lon);
            let province = ps.provinces.iter().find(|p| p.nis.parse::<i64>().ok() == Some(m.province_nis)).unwrap();
            if !inside_rings(x, y, &province.rings) {
                misplaced.push(m.names.nl.clone());
            }
            let (ux, uy) = map.place(m.lat, m.lon);
            assert!((0..map.frame.width).contains(&ux) && (0..map.frame.height).contains(&uy));
        }
        // The map is simplified at 300 m, so a point right on a province border may fall outside.
        assert!(misplaced.len() <= 3, "{misplaced:?}");
        assert!(map.svg.starts_with("<svg") && map.svg.ends_with("</svg>"));
    }
}
