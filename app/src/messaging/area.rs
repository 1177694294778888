//! An area an officer draws on the zone's map: a circle or a polygon, in map units
//! (hectometres, as the directory's map). A message to an area reaches the networks whose own
//! area (a circle around their centre) it touches. Plain functions, used by the compose page
//! for its preview and by the server, which decides.

use serde::{Deserialize, Serialize};

/// The most corners a drawn polygon may have.
pub const MAX_CORNERS: usize = 40;
/// The largest circle: 30 km across the radius, more than any police zone.
pub const MAX_RADIUS: i32 = 300;
/// Coordinates beyond this are not on the map of Belgium.
const MAX_COORD: i32 = 10_000;

/// A drawn area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Area {
    Circle { x: i32, y: i32, r: i32 },
    Polygon(Vec<(i32, i32)>),
}

impl Area {
    /// Reads `circle:x,y,r` or `polygon:x,y;x,y;x,y…`; anything else, a radius out of range,
    /// fewer than three or more than [`MAX_CORNERS`] corners, is `None`.
    pub fn parse(code: &str) -> Option<Area> {
        let point = |s: &str| -> Option<(i32, i32)> {
            let (x, y) = s.trim().split_once(',')?;
            let (x, y) = (x.trim().parse::<i32>().ok()?, y.trim().parse::<i32>().ok()?);
            ((0..=MAX_COORD).contains(&x) && (0..=MAX_COORD).contains(&y)).then_some((x, y))
        };
        match code.trim().split_once(':')? {
            ("circle", rest) => {
                let (centre, r) = rest.rsplit_once(',')?;
                let (x, y) = point(centre)?;
                let r = r.trim().parse::<i32>().ok().filter(|r| (1..=MAX_RADIUS).contains(r))?;
                Some(Area::Circle { x, y, r })
            }
            ("polygon", rest) => {
                let corners: Vec<(i32, i32)> = rest.split(';').map(point).collect::<Option<_>>()?;
                (3..=MAX_CORNERS).contains(&corners.len()).then_some(Area::Polygon(corners))
            }
            _ => None,
        }
    }

    /// The form in which [`Area::parse`] reads it back.
    pub fn code(&self) -> String {
        match self {
            Area::Circle { x, y, r } => format!("circle:{x},{y},{r}"),
            Area::Polygon(corners) => {
                let points: Vec<String> = corners.iter().map(|(x, y)| format!("{x},{y}")).collect();
                format!("polygon:{}", points.join(";"))
            }
        }
    }

    /// Whether the area touches a circle around `(x, y)` of radius `r` (a network's area).
    pub fn touches(&self, x: f64, y: f64, r: f64) -> bool {
        match self {
            Area::Circle { x: cx, y: cy, r: cr } => {
                let (dx, dy) = (x - f64::from(*cx), y - f64::from(*cy));
                (dx * dx + dy * dy).sqrt() <= r + f64::from(*cr)
            }
            Area::Polygon(corners) => {
                let points: Vec<(f64, f64)> = corners.iter().map(|(a, b)| (f64::from(*a), f64::from(*b))).collect();
                inside(&points, x, y)
                    || points
                        .iter()
                        .zip(points.iter().cycle().skip(1))
                        .any(|(a, b)| distance_to_segment((x, y), *a, *b) <= r)
            }
        }
    }
}

/// Whether a point lies inside a polygon (even-odd rule).
fn inside(points: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let mut j = points.len() - 1;
    for i in 0..points.len() {
        let ((xi, yi), (xj, yj)) = (points[i], points[j]);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// The shortest distance from a point to a segment.
fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 { 0.0 } else { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0) };
    let (nx, ny) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    (nx * nx + ny * ny).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_read_back_what_they_write() {
        for code in ["circle:10,20,5", "polygon:0,0;10,0;10,10;0,10"] {
            assert_eq!(Area::parse(code).map(|a| a.code()).as_deref(), Some(code));
        }
    }

    #[test]
    fn malformed_or_absurd_areas_are_refused() {
        for code in [
            "",
            "circle:",
            "circle:1,2",
            "circle:1,2,0",
            "circle:1,2,301",
            "circle:-1,2,3",
            "circle:1,99999,3",
            "polygon:0,0;1,1",
            "polygon:0,0;1,1;x,2",
            "square:0,0,1",
            "circle:1.5,2,3",
        ] {
            assert_eq!(Area::parse(code), None, "{code}");
        }
        let many: Vec<String> = (0..=MAX_CORNERS).map(|i| format!("{i},{i}")).collect();
        assert_eq!(Area::parse(&format!("polygon:{}", many.join(";"))), None);
    }

    #[test]
    fn a_circle_touches_networks_whose_circle_it_reaches() {
        let area = Area::Circle { x: 100, y: 100, r: 10 };
        assert!(area.touches(100.0, 100.0, 1.0));
        assert!(area.touches(112.0, 100.0, 2.5), "edges overlap");
        assert!(!area.touches(113.0, 100.0, 2.5), "a gap of half a unit");
    }

    #[test]
    fn a_polygon_touches_networks_inside_it_or_across_its_edge() {
        let area = Area::parse("polygon:0,0;100,0;100,100;0,100").unwrap();
        assert!(area.touches(50.0, 50.0, 1.0), "inside");
        assert!(area.touches(103.0, 50.0, 5.0), "outside, but its circle crosses the edge");
        assert!(!area.touches(110.0, 50.0, 5.0), "outside");
        // A concave polygon: the notch is outside.
        let notch = Area::parse("polygon:0,0;100,0;100,100;50,20;0,100").unwrap();
        assert!(!notch.touches(50.0, 80.0, 5.0));
        assert!(notch.touches(20.0, 10.0, 1.0));
    }
}
