//! What one address of the home page asks for (`FinderQuery`) and what the finder finds there
//! (`find`): the search's answer, the map and the national figures, which the home page shows.
//!
//! The browser never draws these itself. On the first visit they are in the document; after a
//! search or a move of the map in the page, the page's island fetches the page at the new
//! address and takes these parts of it.

use crate::directory::map::MapView;
use serde::{Deserialize, Serialize};

/// What the home page's address asks for: the search and its filters, the map's view and the
/// network selected on it. Every field is the text of the URL parameter (empty when absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinderQuery {
    pub q: String,
    pub kind: String,
    pub looking: String,
    pub mx: String,
    pub my: String,
    pub mz: String,
    pub sel: String,
}

impl FinderQuery {
    /// The query of an address, each parameter read by `param` (empty when absent).
    pub fn from_params(param: impl Fn(&str) -> String) -> FinderQuery {
        FinderQuery {
            q: param("q"),
            kind: param("kind"),
            looking: param("looking"),
            mx: param("mx"),
            my: param("my"),
            mz: param("mz"),
            sel: param("sel"),
        }
    }

    /// The URL parameters that keep the search (and its filters) when the map moves.
    pub fn search_params(&self) -> Vec<(&'static str, &str)> {
        [("q", self.q.as_str()), ("kind", self.kind.as_str()), ("looking", self.looking.as_str())]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }
}

/// The home page's address for `view` (and optionally a selected network), keeping the search.
pub fn view_href(query: &FinderQuery, view: MapView, selected: Option<i64>) -> String {
    let mut parts: Vec<String> = query
        .search_params()
        .into_iter()
        .map(|(key, value)| format!("{key}={}", crate::ui::encode_component(value)))
        .collect();
    parts.push(format!("mx={}&my={}&mz={}", view.x, view.y, view.zoom));
    if let Some(id) = selected {
        parts.push(format!("sel={id}"));
    }
    format!("/?{}", parts.join("&"))
}

/// What the finder found for one address of the home page: the search's answer (none before a
/// search; a search the reader got wrong, such as an unknown postcode or a place outside
/// Belgium, is an answer too, its message shown in the results), the map, the national figures,
/// the network selected on the map and the searched place.
#[cfg(feature = "ssr")]
pub struct Found {
    pub answer: Option<Result<crate::directory::types::SearchAnswer, crate::error::AppError>>,
    pub map: crate::directory::map::MapAnswer,
    pub counts: Vec<crate::directory::types::RegionCount>,
    pub selected: Option<i64>,
    /// The searched place, in map units, marked with a pin.
    pub pin: Option<(i32, i32)>,
}

/// What the finder finds for `query` in `lang`; only a failure of the server is an error.
#[cfg(feature = "ssr")]
pub async fn find(
    state: &crate::platform::state::AppState,
    lang: crate::i18n::Lang,
    query: &FinderQuery,
) -> Result<Found, crate::error::AppError> {
    use crate::directory::query;
    let directory = crate::directory::state::Directory::of(state)?;
    let filters = filters(query);
    let answer = match (&filters, query.q.trim().is_empty()) {
        (_, true) => None,
        (Ok(filters), false) => Some(query::search(state, &query.q, lang, *filters, 10).await),
        (Err(error), false) => Some(Err(*error)),
    };
    // Without a view in the address, the map centres on what the search found.
    let number = |s: &str| s.trim().parse::<i32>().ok();
    let (mut x, mut y, mut zoom) = (number(&query.mx), number(&query.my), number(&query.mz));
    if x.is_none()
        && let Some(Ok(found)) = &answer
    {
        (x, y, zoom) = (Some(found.map_x), Some(found.map_y), Some(4));
    }
    let pin = match &answer {
        Some(Ok(found)) => Some((found.map_x, found.map_y)),
        _ => None,
    };
    let map = query::map(directory, x, y, zoom, filters.unwrap_or_default(), lang, pin);
    let counts = query::region_counts(state).await?;
    let selected = query.sel.trim().parse::<i64>().ok();
    Ok(Found { answer, map, counts, selected, pin })
}

/// The filters of the address: a kind of network that is not one is a mistake of the reader.
#[cfg(feature = "ssr")]
fn filters(query: &FinderQuery) -> Result<crate::directory::query::Filters, crate::error::AppError> {
    use crate::directory::types::BinKind;
    let kind = match query.kind.trim() {
        "" | "all" => None,
        k => Some(BinKind::parse(k).ok_or(crate::error::AppError::InvalidInput)?),
    };
    Ok(crate::directory::query::Filters { kind, looking_only: !query.looking.is_empty() && query.looking != "false" })
}
