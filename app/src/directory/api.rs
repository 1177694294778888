//! Server functions of the directory. Everything here is public (visitors search the directory),
//! so there is no one to authorise; input is validated in `query` and `places`. The home page's
//! search and map are answered by `finder`.

use crate::directory::types::{PlaceSuggestion, PublicBin};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Suggestions for the search box.
#[server(endpoint = "directory/suggest", input = GetUrl, output = crate::codec::Json)]
pub async fn suggest_places(q: String) -> Result<Vec<PlaceSuggestion>, AppError> {
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    crate::directory::places::suggest(&directory.geo, &q, crate::i18n::detect_lang(), 8)
}

/// A network's public page.
#[server(endpoint = "directory/bin", input = GetUrl, output = crate::codec::Json)]
pub async fn get_public_bin(id: i64) -> Result<PublicBin, AppError> {
    let state = crate::platform::state::app_state()?;
    crate::directory::query::public_bin(&state, id).await
}
