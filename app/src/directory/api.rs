//! Server functions of the directory. Everything here is public (visitors search the directory),
//! so there is no one to authorise; input is validated in `query` and `places`.

use crate::directory::map::MapAnswer;
use crate::directory::types::{PlaceSuggestion, PublicBin, RegionCount, SearchAnswer};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn filters(kind: Option<String>, looking: Option<String>) -> Result<crate::directory::query::Filters, AppError> {
    use crate::directory::types::BinKind;
    let kind = match kind.as_deref().map(str::trim) {
        None | Some("") | Some("all") => None,
        Some(k) => Some(BinKind::parse(k).ok_or(AppError::InvalidInput)?),
    };
    Ok(crate::directory::query::Filters { kind, looking_only: looking.is_some_and(|l| !l.is_empty() && l != "false") })
}

/// BIN and BIN-Z counts per region, then Belgium (the BeSafe table).
#[server(endpoint = "directory/region_counts", input = GetUrl, output = crate::codec::Json)]
pub async fn region_counts() -> Result<Vec<RegionCount>, AppError> {
    let state = crate::platform::state::app_state()?;
    crate::directory::query::region_counts(&state).await
}

/// The networks nearest to a postcode, place, address or coordinates.
#[server(endpoint = "directory/search", input = GetUrl, output = crate::codec::Json)]
pub async fn search_bins(q: String, kind: Option<String>, looking: Option<String>) -> Result<SearchAnswer, AppError> {
    let state = crate::platform::state::app_state()?;
    let filters = filters(kind, looking)?;
    crate::directory::query::search(&state, &q, crate::i18n::detect_lang(), filters, 10).await
}

/// Suggestions for the search box.
#[server(endpoint = "directory/suggest", input = GetUrl, output = crate::codec::Json)]
pub async fn suggest_places(q: String) -> Result<Vec<PlaceSuggestion>, AppError> {
    let state = crate::platform::state::app_state()?;
    crate::directory::places::suggest(&state.geo, &q, crate::i18n::detect_lang(), 8)
}

/// The map for a view (centre and zoom), its markers clustered.
#[server(endpoint = "directory/map", input = GetUrl, output = crate::codec::Json)]
pub async fn map_view(
    x: Option<i32>,
    y: Option<i32>,
    zoom: Option<i32>,
    kind: Option<String>,
    looking: Option<String>,
) -> Result<MapAnswer, AppError> {
    let state = crate::platform::state::app_state()?;
    Ok(crate::directory::query::map(&state, x, y, zoom, filters(kind, looking)?))
}

/// A network's public page.
#[server(endpoint = "directory/bin", input = GetUrl, output = crate::codec::Json)]
pub async fn get_public_bin(id: i64) -> Result<PublicBin, AppError> {
    let state = crate::platform::state::app_state()?;
    crate::directory::query::public_bin(&state, id).await
}
