//! The directory's questions, answered for pages and for the open API alike: search near a
//! place, the map for a view, a network's public page, the national count. Callers pass an
//! already-authorised state (all of this is public) and get typed answers or an `AppError`.

use crate::directory::map::{MapAnswer, MapView, cluster, place_labels};
use crate::directory::places;
use crate::directory::repo;
use crate::directory::state::Directory;
use crate::directory::types::{
    BinHit, BinKind, Names, PublicBin, Region, RegionCount, SearchAnswer, StreetsPostcode, ZonePublic, households_band,
    tabulate,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::platform::state::AppState;

/// How many networks a search returns at most.
pub const MAX_LIMIT: i64 = 100;

/// Filters of a search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<BinKind>,
    pub looking_only: bool,
}

fn zone_public(directory: &Directory, zone_id: i64) -> ZonePublic {
    match directory.geo.zone(zone_id) {
        Some(z) => ZonePublic { id: z.id, number: z.number, name: z.names.clone() },
        None => ZonePublic { id: zone_id, number: None, name: Names::default() },
    }
}

fn municipality_names(directory: &Directory, nis: i64) -> Names {
    directory.geo.municipality(nis).map(|m| m.names.clone()).unwrap_or_default()
}

/// Checks a requested number of results.
pub fn check_limit(limit: Option<i64>) -> Result<usize, AppError> {
    match limit {
        None => Ok(10),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n as usize),
        Some(_) => Err(AppError::InvalidLimit),
    }
}

/// The networks nearest to what the person typed; for "street number, place", the network whose
/// street segment holds that address comes first.
pub async fn search(
    state: &AppState,
    query: &str,
    lang: Lang,
    filters: Filters,
    limit: usize,
) -> Result<SearchAnswer, AppError> {
    let directory = Directory::of(state)?;
    let origin = places::resolve(&directory.geo, query, lang)?;
    let covering = match crate::directory::segments::parse_address(query) {
        Some(address) => repo::segments_in(&state.pool, origin.nis)
            .await?
            .into_iter()
            .find(|(_, segment)| segment.covers(&address.street, address.number))
            .map(|(bin_id, _)| bin_id),
        None => None,
    };
    let zone_id = directory.geo.zone_of(origin.nis).map(|z| z.id).unwrap_or_default();
    let keep = |b: &crate::directory::index::IndexedBin| {
        filters.kind.is_none_or(|k| b.map.kind == k) && (!filters.looking_only || b.map.looking)
    };
    let (hits, covered) = directory.with_bins(|index| {
        let mut near = index.nearest(origin.lat, origin.lon, limit, |b| keep(b) && Some(b.map.id) != covering);
        if let Some(bin) = covering.and_then(|id| index.get(id)).filter(|b| keep(b)) {
            near.insert(0, (bin, crate::directory::geo::distance_m(origin.lat, origin.lon, bin.lat, bin.lon)));
            near.truncate(limit);
        }
        let covered = covering.is_some()
            || index.nearest(origin.lat, origin.lon, 1, |_| true).first().is_some_and(|(_, d)| *d <= 1500.0);
        let hits: Vec<BinHit> = near
            .into_iter()
            .map(|(b, d)| BinHit {
                id: b.map.id,
                name: b.map.name.clone(),
                kind: b.map.kind,
                municipality: municipality_names(directory, b.nis),
                zone: zone_public(directory, b.zone_id),
                distance_m: d.round() as i64,
                looking_for_coordinator: b.map.looking,
            })
            .collect();
        (hits, covered)
    });
    let (map_x, map_y) = directory.map.place(origin.lat, origin.lon);
    Ok(SearchAnswer {
        label: origin.label,
        lat: origin.lat,
        lon: origin.lon,
        municipality: municipality_names(directory, origin.nis),
        zone: zone_public(directory, zone_id),
        hits,
        covered,
        covering,
        map_x,
        map_y,
    })
}

/// The map for a view, its markers clustered, the names of places set around them and around
/// the searched place's `pin`.
pub fn map(
    directory: &Directory,
    x: Option<i32>,
    y: Option<i32>,
    zoom: Option<i32>,
    filters: Filters,
    lang: Lang,
    pin: Option<(i32, i32)>,
) -> MapAnswer {
    let frame = directory.map.frame;
    let view = MapView::from_parts(frame, x, y, zoom);
    let (items, in_view) = directory.with_bins(|index| {
        cluster(
            frame,
            view,
            index
                .iter()
                .map(|b| &b.map)
                .filter(|b| filters.kind.is_none_or(|k| b.kind == k) && (!filters.looking_only || b.looking)),
        )
    });
    let labels = place_labels(view, frame, &items, pin, places_in_view(directory, view, lang));
    MapAnswer { frame, view, items, in_view, labels }
}

/// The names worth showing at a view: municipalities from a region's scale on, their parts
/// (postal localities with a name of their own) from a town's scale on.
pub fn places_in_view(directory: &Directory, view: MapView, lang: Lang) -> Vec<(String, i32, i32, bool)> {
    if view.zoom < 2 {
        return Vec::new();
    }
    let (x0, y0, w, h) = view.view_box(directory.map.frame);
    let inside = |x: i32, y: i32| (x0..x0 + w).contains(&x) && (y0..y0 + h).contains(&y);
    let mut places: Vec<(String, i32, i32, bool)> = Vec::new();
    for m in &directory.geo.municipalities {
        let (x, y) = directory.map.place(m.lat, m.lon);
        if inside(x, y) {
            places.push((m.names.get(lang).to_string(), x, y, true));
        }
    }
    if view.zoom >= 4 {
        let mut seen: std::collections::HashSet<String> = places.iter().map(|p| p.0.to_lowercase()).collect();
        for l in &directory.geo.localities {
            let (x, y) = directory.map.place(l.lat, l.lon);
            if inside(x, y) && seen.insert(l.name.to_lowercase()) {
                places.push((l.name.clone(), x, y, false));
            }
        }
    }
    places
}

/// The public page of an active network.
pub async fn public_bin(state: &AppState, id: i64) -> Result<PublicBin, AppError> {
    let directory = Directory::of(state)?;
    let row = repo::public_row(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    let region = directory.geo.municipality(row.nis).map(|m| m.region).unwrap_or(Region::Flanders);
    let (map_x, map_y) = directory.map.place(row.lat, row.lon);
    let date = |t: i64| chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%d").to_string());
    Ok(PublicBin {
        id: row.id,
        name: row.name,
        kind: row.kind,
        municipality: municipality_names(directory, row.nis),
        region,
        zone: zone_public(directory, row.zone_id),
        founded_year: row.founded_year,
        households_band: households_band(row.households).to_string(),
        charter_signed: row.signed_at.is_some(),
        charter_next_review: row.next_review_at.and_then(date),
        looking_for_coordinator: row.coordinators == 0,
        lat: row.lat,
        lon: row.lon,
        radius_m: row.radius_m,
        map_x,
        map_y,
        segments: repo::segments_of(&state.pool, id).await?,
        postcode: streets_postcode(directory, row.nis, row.lat, row.lon, crate::i18n::detect_lang()),
    })
}

/// The postcode and place of a network's streets (see [`StreetsPostcode`]).
pub fn streets_postcode(
    directory: &Directory,
    nis: i64,
    lat: f64,
    lon: f64,
    lang: crate::i18n::Lang,
) -> Option<StreetsPostcode> {
    let found = directory.geo.postcode_in(nis, lat, lon)?;
    let place = match directory.geo.locality_name(&found.postcode, nis, lang) {
        Some(name) => name.to_string(),
        None => directory.geo.municipality(nis)?.names.get(lang).to_string(),
    };
    Some(StreetsPostcode { postcode: found.postcode, place, exact: found.exact })
}

/// The BeSafe table: active BIN and BIN-Z per region, then Belgium.
pub async fn region_counts(state: &AppState) -> Result<Vec<RegionCount>, AppError> {
    let rows = repo::active_counts(&state.pool).await?;
    let rows: Vec<_> = rows.into_iter().map(|r| (r.region, r.kind, r.count)).collect();
    Ok(tabulate(&rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_checked() {
        assert_eq!(check_limit(None), Ok(10));
        assert_eq!(check_limit(Some(100)), Ok(100));
        assert_eq!(check_limit(Some(0)), Err(AppError::InvalidLimit));
        assert_eq!(check_limit(Some(-5)), Err(AppError::InvalidLimit));
        assert_eq!(check_limit(Some(1_000_000)), Err(AppError::InvalidLimit));
    }
}
