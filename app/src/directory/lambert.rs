//! Belgian Lambert 2008 (EPSG:3812), the conformal projection Belgium's own maps use: it keeps
//! shapes true across the country. Plain arithmetic, so the browser can place markers too.

/// GRS80 semi-major axis and flattening.
const A: f64 = 6_378_137.0;
const F: f64 = 1.0 / 298.257_222_101;
/// Standard parallels, origin and false origin of EPSG:3812.
const LAT_1: f64 = 49.833_333_333_333_33;
const LAT_2: f64 = 51.166_666_666_666_67;
const LAT_0: f64 = 50.797_815;
const LON_0: f64 = 4.359_215_833_333_333;
const FALSE_EASTING: f64 = 649_328.0;
const FALSE_NORTHING: f64 = 665_262.0;

fn e() -> f64 {
    (2.0 * F - F * F).sqrt()
}

fn m(phi: f64) -> f64 {
    let e = e();
    phi.cos() / (1.0 - e * e * phi.sin().powi(2)).sqrt()
}

fn t(phi: f64) -> f64 {
    let e = e();
    let es = e * phi.sin();
    (std::f64::consts::FRAC_PI_4 - phi / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(e / 2.0)
}

/// Projects WGS84 latitude and longitude (degrees) to Lambert 2008 easting and northing (metres).
pub fn project(lat: f64, lon: f64) -> (f64, f64) {
    let (p1, p2, p0) = (LAT_1.to_radians(), LAT_2.to_radians(), LAT_0.to_radians());
    let n = (m(p1).ln() - m(p2).ln()) / (t(p1).ln() - t(p2).ln());
    let big_f = m(p1) / (n * t(p1).powf(n));
    let r0 = A * big_f * t(p0).powf(n);
    let r = A * big_f * t(lat.to_radians()).powf(n);
    let theta = n * (lon - LON_0).to_radians();
    (FALSE_EASTING + r * theta.sin(), FALSE_NORTHING + r0 - r * theta.cos())
}

/// The inverse of [`project`]: Lambert 2008 easting and northing (metres) to WGS84 latitude and
/// longitude (degrees), so that a point chosen on the map becomes a place.
pub fn unproject(x: f64, y: f64) -> (f64, f64) {
    let (p1, p2, p0) = (LAT_1.to_radians(), LAT_2.to_radians(), LAT_0.to_radians());
    let n = (m(p1).ln() - m(p2).ln()) / (t(p1).ln() - t(p2).ln());
    let big_f = m(p1) / (n * t(p1).powf(n));
    let r0 = A * big_f * t(p0).powf(n);
    let (dx, dy) = (x - FALSE_EASTING, r0 - (y - FALSE_NORTHING));
    let r = n.signum() * dx.hypot(dy);
    let t_ = (r / (A * big_f)).powf(1.0 / n);
    let theta = dx.atan2(dy);
    let e = e();
    let mut phi = std::f64::consts::FRAC_PI_2 - 2.0 * t_.atan();
    for _ in 0..10 {
        let es = e * phi.sin();
        phi = std::f64::consts::FRAC_PI_2 - 2.0 * (t_ * ((1.0 - es) / (1.0 + es)).powf(e / 2.0)).atan();
    }
    (phi.to_degrees(), (theta / n).to_degrees() + LON_0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unprojecting_gives_back_the_place() {
        for (lat, lon) in [(50.8467, 4.3525), (51.0543, 3.7174), (50.6278, 6.0337), (49.5, 5.8), (LAT_0, LON_0)] {
            let (x, y) = project(lat, lon);
            let (back_lat, back_lon) = unproject(x, y);
            assert!(
                (back_lat - lat).abs() < 1e-7 && (back_lon - lon).abs() < 1e-7,
                "{lat} {lon} -> {back_lat} {back_lon}"
            );
        }
    }

    #[test]
    fn the_origin_projects_to_the_false_origin() {
        let (x, y) = project(LAT_0, LON_0);
        assert!((x - FALSE_EASTING).abs() < 1e-6 && (y - FALSE_NORTHING).abs() < 1e-6, "{x} {y}");
    }

    #[test]
    fn distances_on_the_map_match_distances_on_the_ground() {
        // Grand-Place Brussels to Grote Markt Antwerp: about 41.7 km on the ground.
        let (x1, y1) = project(50.8467, 4.3525);
        let (x2, y2) = project(51.2211, 4.3997);
        let d = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt();
        let ground = crate::directory::geo::distance_m(50.8467, 4.3525, 51.2211, 4.3997);
        assert!((d - ground).abs() / ground < 0.001, "map {d} ground {ground}");
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let (x, y) = project(50.8, 4.36);
        let (xn, yn) = project(51.0, 4.36);
        let (xe, _) = project(50.8, 5.0);
        assert!(yn > y && (xn - x).abs() < 1000.0 && xe > x);
    }
}
