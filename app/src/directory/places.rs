//! Understanding what a resident types: a postcode, a municipality or a sub-municipality in
//! Dutch, French or German (regardless of case, accents and punctuation), coordinates, or
//! "street number, place". Suggestions as
//! they type, and the point a search starts from.

use crate::directory::geo::Geography;
use crate::directory::types::{PlaceSuggestion, SuggestionKind};
use crate::error::AppError;
use crate::i18n::Lang;

/// The longest query looked at; anything longer is refused before any work.
pub const MAX_QUERY_CHARS: usize = 200;

pub use crate::directory::segments::normalize;

/// Where a search starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    pub lat: f64,
    pub lon: f64,
    /// The municipality the point lies in (nearest postcode's municipality for coordinates).
    pub nis: i64,
    /// What was understood, for the page to say ("9000 Gent").
    pub label: String,
}

/// Belgium's bounding box with a little margin; coordinates outside it are not in Belgium.
const LAT_RANGE: std::ops::RangeInclusive<f64> = 49.45..=51.55;
const LON_RANGE: std::ops::RangeInclusive<f64> = 2.50..=6.45;

/// Reads "lat,lon" (decimal degrees).
fn coordinates(q: &str) -> Option<Result<(f64, f64), AppError>> {
    let (a, b) = q.split_once(',')?;
    let lat: f64 = a.trim().parse().ok()?;
    let lon: f64 = b.trim().parse().ok()?;
    if !lat.is_finite() || !lon.is_finite() || !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Some(Err(AppError::InvalidCoordinates));
    }
    if !LAT_RANGE.contains(&lat) || !LON_RANGE.contains(&lon) {
        return Some(Err(AppError::OutsideBelgium));
    }
    Some(Ok((lat, lon)))
}

/// Resolves a query to the point a search starts from.
pub fn resolve(geo: &Geography, query: &str, lang: Lang) -> Result<Origin, AppError> {
    let q = query.trim();
    if q.is_empty() {
        return Err(AppError::EmptyQuery);
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::QueryTooLong);
    }
    if let Some(point) = coordinates(q) {
        let (lat, lon) = point?;
        let nearest = geo.nearest_postcode(lat, lon).ok_or(AppError::NotFound)?;
        // Closer than 25 km to some Belgian postcode point, or it is not in Belgium.
        if crate::directory::geo::distance_m(lat, lon, nearest.lat, nearest.lon) > 25_000.0 {
            return Err(AppError::OutsideBelgium);
        }
        return Ok(Origin { lat, lon, nis: nearest.nis, label: format!("{lat:.5}, {lon:.5}") });
    }
    let digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let code = crate::directory::types::Postcode::parse(&digits)?;
        let link = geo.postcode(code.as_str()).into_iter().next().ok_or(AppError::UnknownPostcode)?;
        let name = geo.municipality(link.nis).map(|m| m.names.get(lang).to_string()).unwrap_or_default();
        return Ok(Origin { lat: link.lat, lon: link.lon, nis: link.nis, label: format!("{code} {name}") });
    }
    // "Kerkstraat 12, Gent": the place is after the last comma.
    let place = q.rsplit(',').next().unwrap_or(q).trim();
    // "Kerkstraat 12, 9000 Gent": the postcode says where, the name which of its places.
    if let Some((code, name)) = place.split_once(char::is_whitespace)
        && code.len() == 4
        && code.chars().all(|c| c.is_ascii_digit())
        && q.contains(',')
    {
        let links = geo.postcode(code);
        let wanted = normalize(name);
        let is_municipality = |nis: i64| geo.municipality(nis).is_some_and(|m| names_of(m).any(|n| n == wanted));
        let locality = geo.localities.iter().find(|l| l.postcode == code && normalize(&l.name) == wanted);
        if let Some(l) = locality.filter(|l| !is_municipality(l.nis)) {
            return Ok(locality_origin(geo, l, lang));
        }
        let first = links.first().copied().ok_or(AppError::UnknownPostcode)?;
        let link = links.into_iter().find(|l| is_municipality(l.nis)).unwrap_or(first);
        let name = geo.municipality(link.nis).map(|m| m.names.get(lang).to_string()).unwrap_or_default();
        return Ok(Origin { lat: link.lat, lon: link.lon, nis: link.nis, label: format!("{code} {name}") });
    }
    let wanted = normalize(place);
    if wanted.is_empty() {
        return Err(AppError::PlaceNotFound);
    }
    // A municipality's own name first, then a locality's, then the start of either.
    let exact_locality = || geo.localities.iter().find(|l| normalize(&l.name) == wanted);
    let municipality_named = geo.municipalities.iter().find(|m| names_of(m).any(|n| n == wanted));
    if let Some(m) = municipality_named {
        return Ok(Origin { lat: m.lat, lon: m.lon, nis: m.nis, label: m.names.get(lang).to_string() });
    }
    if let Some(l) = exact_locality() {
        return Ok(locality_origin(geo, l, lang));
    }
    if let Some(m) = best_municipality(geo, &wanted) {
        return Ok(Origin { lat: m.lat, lon: m.lon, nis: m.nis, label: m.names.get(lang).to_string() });
    }
    geo.localities
        .iter()
        .filter(|l| normalize(&l.name).starts_with(&wanted))
        .min_by_key(|l| (l.name.len(), l.postcode.clone()))
        .map(|l| locality_origin(geo, l, lang))
        .ok_or(AppError::PlaceNotFound)
}

/// A locality as a search's starting point: "Gentbrugge (9050 Gent)".
fn locality_origin(geo: &Geography, l: &crate::directory::geo::Locality, lang: Lang) -> Origin {
    Origin { lat: l.lat, lon: l.lon, nis: l.nis, label: locality_label(geo, l, lang) }
}

fn locality_label(geo: &Geography, l: &crate::directory::geo::Locality, lang: Lang) -> String {
    let municipality = geo.municipality(l.nis).map(|m| m.names.get(lang).to_string()).unwrap_or_default();
    format!("{} ({} {municipality})", l.name, l.postcode)
}

/// Every name a municipality is searched by: its official names, then the names other
/// languages use for it.
fn names_of(m: &crate::directory::geo::Municipality) -> impl Iterator<Item = String> + '_ {
    [&m.names.nl, &m.names.fr, &m.names.de]
        .into_iter()
        .chain(m.other_names.iter())
        .filter(|n| !n.is_empty())
        .map(|n| normalize(n))
}

fn best_municipality<'a>(geo: &'a Geography, wanted: &str) -> Option<&'a crate::directory::geo::Municipality> {
    geo.municipalities.iter().find(|m| names_of(m).any(|n| n == wanted)).or_else(|| {
        geo.municipalities
            .iter()
            .filter(|m| names_of(m).any(|n| n.starts_with(wanted)))
            .min_by_key(|m| m.names.nl.len())
    })
}

/// Up to `limit` suggestions for what has been typed so far: postcodes by their first digits,
/// municipalities by the start of a name (or of a word in it), in the reader's language.
pub fn suggest(geo: &Geography, query: &str, lang: Lang, limit: usize) -> Result<Vec<PlaceSuggestion>, AppError> {
    let q = query.trim();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::QueryTooLong);
    }
    let wanted = normalize(q);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit.clamp(1, 20);
    if wanted.chars().all(|c| c.is_ascii_digit()) {
        let mut hits: Vec<_> = geo.postcodes.iter().filter(|p| p.postcode.starts_with(&wanted)).collect();
        hits.sort_by(|a, b| a.postcode.cmp(&b.postcode).then(a.nis.cmp(&b.nis)));
        return Ok(hits
            .into_iter()
            .take(limit)
            .filter_map(|p| {
                let m = geo.municipality(p.nis)?;
                Some(PlaceSuggestion {
                    label: format!("{} {}", p.postcode, m.names.get(lang)),
                    value: p.postcode.clone(),
                    kind: SuggestionKind::Postcode,
                })
            })
            .collect());
    }
    let mut scored: Vec<(u8, usize, &crate::directory::geo::Municipality)> = geo
        .municipalities
        .iter()
        .filter_map(|m| {
            let score = names_of(m)
                .map(|n| {
                    if n.starts_with(&wanted) {
                        0
                    } else if n.split(' ').any(|word| word.starts_with(&wanted)) {
                        1
                    } else {
                        9
                    }
                })
                .min()?;
            (score < 9).then_some((score, m.names.get(lang).len(), m))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.names.nl.cmp(&b.2.names.nl)));
    let mut out: Vec<PlaceSuggestion> = scored
        .into_iter()
        .take(limit)
        .map(|(_, _, m)| {
            let name = m.names.get(lang).to_string();
            PlaceSuggestion { label: name.clone(), value: name, kind: SuggestionKind::Municipality }
        })
        .collect();
    // Then sub-municipalities whose name starts so, once per name (Brussels ones have two).
    let mut localities: Vec<&crate::directory::geo::Locality> =
        geo.localities.iter().filter(|l| normalize(&l.name).starts_with(&wanted)).collect();
    localities
        .sort_by(|a, b| a.name.len().cmp(&b.name.len()).then(a.name.cmp(&b.name)).then(a.postcode.cmp(&b.postcode)));
    let mut seen = std::collections::HashSet::new();
    for l in localities {
        if out.len() >= limit {
            break;
        }
        if seen.insert((l.postcode.as_str(), l.nis)) {
            out.push(PlaceSuggestion {
                label: locality_label(geo, l, lang),
                value: l.name.clone(),
                kind: SuggestionKind::Locality,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::geo::source_data_dir;
    use std::sync::LazyLock;

    static GEO: LazyLock<Geography> = LazyLock::new(|| match Geography::load(&source_data_dir()) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    });

    #[test]
    fn a_municipality_is_found_in_each_of_its_languages() {
        let nl = resolve(&GEO, "Luik", Lang::Fr).unwrap();
        let fr = resolve(&GEO, "liege", Lang::Fr).unwrap();
        assert_eq!(nl.nis, fr.nis);
        assert_eq!(fr.label, "Liège");
        let de = resolve(&GEO, "Sankt Vith", Lang::De).unwrap();
        let fr = resolve(&GEO, "Saint-Vith", Lang::De).unwrap();
        assert_eq!(de.nis, fr.nis);
        assert_eq!(resolve(&GEO, "Bruxelles", Lang::Nl).unwrap().label, "Brussel");
    }

    #[test]
    fn the_names_other_languages_use_find_the_municipality() {
        for (name, nis) in
            [("Lüttich", 62063), ("Löwen", 24062), ("Arel", 81001), ("Mecheln", 12025), ("Tervueren", 24104)]
        {
            assert_eq!(resolve(&GEO, name, Lang::De).map(|o| o.nis), Ok(nis), "{name}");
        }
        assert_eq!(
            resolve(&GEO, "Lüttich", Lang::Fr).unwrap().label,
            "Liège",
            "shown by its name in the reader's language"
        );
        let typed = suggest(&GEO, "lutt", Lang::Nl, 5).unwrap();
        assert_eq!(typed.first().map(|s| s.label.as_str()), Some("Luik"), "{typed:?}");
    }

    #[test]
    fn a_postcode_an_address_and_coordinates_resolve() {
        assert_eq!(resolve(&GEO, "9000", Lang::Nl).unwrap().label, "9000 Gent");
        assert_eq!(resolve(&GEO, "Veldstraat 12, Gent", Lang::Nl).unwrap().label, "Gent");
        assert_eq!(resolve(&GEO, "Veldstraat 12, 9000 Gent", Lang::Nl).unwrap().label, "9000 Gent");
        assert_eq!(resolve(&GEO, "Rue Haute 5, 1000 Bruxelles", Lang::Fr).unwrap().label, "1000 Bruxelles");
        let gentbrugge = resolve(&GEO, "Brusselsesteenweg 3, 9050 Gentbrugge", Lang::Nl).unwrap();
        assert_eq!(gentbrugge.label, "Gentbrugge (9050 Gent)");
        assert_eq!(resolve(&GEO, "Kerkstraat 1, 9999 Nergens", Lang::Nl), Err(AppError::UnknownPostcode));
        let point = resolve(&GEO, "50.8467, 4.3525", Lang::Nl).unwrap();
        assert_eq!(GEO.municipality(point.nis).unwrap().region, crate::directory::types::Region::Brussels);
    }

    #[test]
    fn bad_queries_get_their_own_codes() {
        assert_eq!(resolve(&GEO, "  ", Lang::Nl), Err(AppError::EmptyQuery));
        assert_eq!(resolve(&GEO, &"x".repeat(10_000), Lang::Nl), Err(AppError::QueryTooLong));
        assert_eq!(resolve(&GEO, "9999", Lang::Nl), Err(AppError::UnknownPostcode));
        assert_eq!(resolve(&GEO, "48.85, 2.35", Lang::Nl), Err(AppError::OutsideBelgium));
        assert_eq!(resolve(&GEO, "91, 4", Lang::Nl), Err(AppError::InvalidCoordinates));
        assert_eq!(resolve(&GEO, "Atlantis", Lang::Nl), Err(AppError::PlaceNotFound));
        assert_eq!(resolve(&GEO, "<script>alert(1)</script>", Lang::Nl), Err(AppError::PlaceNotFound));
        // Lille is inside the box but far from any Belgian postcode? No: it is close to the
        // border; Amsterdam is outside the box.
        assert_eq!(resolve(&GEO, "52.37, 4.89", Lang::Nl), Err(AppError::OutsideBelgium));
    }

    #[test]
    fn sub_municipalities_are_found_and_a_municipality_of_that_name_comes_first() {
        let gentbrugge = resolve(&GEO, "Gentbrugge", Lang::Nl).unwrap();
        assert_eq!((gentbrugge.nis, gentbrugge.label.as_str()), (44021, "Gentbrugge (9050 Gent)"));
        assert_eq!(resolve(&GEO, "marcinelle", Lang::Fr).unwrap().nis, 52011, "Charleroi");
        assert_eq!(resolve(&GEO, "Kessel Lo", Lang::Nl).unwrap().nis, 24062, "Leuven, without the hyphen");
        assert_eq!(resolve(&GEO, "Kerkstraat 1, Borgerhout", Lang::Nl).unwrap().nis, 11002, "Antwerpen");
        assert_eq!(resolve(&GEO, "Eynatten", Lang::De).unwrap().label, "Eynatten (4731 Raeren)");
        // Halle is a municipality and also a locality of Zoersel: the municipality wins.
        assert_eq!(resolve(&GEO, "Halle", Lang::Nl).unwrap().nis, 23027);
        let s = suggest(&GEO, "gentbr", Lang::Nl, 5).unwrap();
        assert!(s.iter().any(|p| p.kind == SuggestionKind::Locality && p.value == "Gentbrugge"), "{s:?}");
        // Laken and Laeken are one place: suggested once.
        let s = suggest(&GEO, "la", Lang::Nl, 20).unwrap();
        assert!(s.iter().filter(|p| p.label.contains("(1020 ")).count() <= 1, "{s:?}");
    }

    #[test]
    fn suggestions_come_by_postcode_prefix_and_name_prefix() {
        let s = suggest(&GEO, "900", Lang::Nl, 5).unwrap();
        assert!(s.iter().any(|p| p.label == "9000 Gent"), "{s:?}");
        let s = suggest(&GEO, "ant", Lang::Fr, 5).unwrap();
        assert_eq!(s[0].label, "Anvers");
        let s = suggest(&GEO, "genesius", Lang::Nl, 5).unwrap();
        assert!(s.iter().any(|p| p.label == "Sint-Genesius-Rode"), "{s:?}");
        assert!(suggest(&GEO, "", Lang::Nl, 5).unwrap().is_empty());
    }
}
