//! The finder's answer for one address of the home page: the results, the map and the national
//! figures, written as HTML on the server.
//!
//! The browser never draws these itself. On the first visit they are in the document; after a
//! search or a move of the map in the page, the page's island asks this server function for the
//! new HTML and puts it in place. This keeps the views of the list, the map and the table out of
//! the WebAssembly.

use crate::directory::map::{MapFrame, MapView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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

/// The parts of the home page as HTML (the results, the map and the figures), and the map's view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FinderHtml {
    pub results: String,
    pub map: String,
    pub figures: String,
    pub view: MapView,
    pub frame: MapFrame,
}

/// The results, the map and the figures for the home page at `query`. A search the reader got
/// wrong (an unknown postcode, a place outside Belgium…) is an answer too: its message is in
/// the results; only a failure of the server is an error.
#[server(endpoint = "directory/finder", input = GetUrl, output = crate::codec::Json)]
pub async fn finder(query: FinderQuery) -> Result<FinderHtml, AppError> {
    let state = crate::platform::state::app_state()?;
    render::render(&state, crate::i18n::detect_lang(), &query).await
}

#[cfg(feature = "ssr")]
mod render {
    use super::{FinderHtml, FinderQuery};
    use crate::directory::pages::home::{CountTable, Results};
    use crate::directory::pages::map_view::MapPicture;
    use crate::directory::query::{self, Filters};
    use crate::directory::texts::T;
    use crate::directory::types::BinKind;
    use crate::error::AppError;
    use crate::i18n::{Lang, t};
    use crate::platform::state::AppState;
    use crate::ui::ErrorMessage;
    use leptos::prelude::*;

    fn filters(query: &FinderQuery) -> Result<Filters, AppError> {
        let kind = match query.kind.trim() {
            "" | "all" => None,
            k => Some(BinKind::parse(k).ok_or(AppError::InvalidInput)?),
        };
        Ok(Filters { kind, looking_only: !query.looking.is_empty() && query.looking != "false" })
    }

    pub async fn render(state: &AppState, lang: Lang, query: &FinderQuery) -> Result<FinderHtml, AppError> {
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
        // The place that was searched is marked with a pin.
        let pin = match &answer {
            Some(Ok(found)) => Some((found.map_x, found.map_y)),
            _ => None,
        };
        let map = query::map(directory, x, y, zoom, filters.unwrap_or_default(), lang, pin);
        let counts = query::region_counts(state).await?;
        let selected = query.sel.trim().parse::<i64>().ok();
        let (view, frame) = (map.view, map.frame);

        let owner = Owner::new();
        Ok(owner.with(|| {
            provide_context(lang);
            let answer = match answer {
                // The search box gives its hint; before a search there are no results to show.
                None => ().into_any(),
                Some(Ok(answer)) => view! { <Results answer/> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage error/> }.into_any(),
            };
            let results = view! {
                <h2 id="results-title" class="visually-hidden">{t(T::Results)}</h2>
                {answer}
            };
            let figures = view! {
                <h2 id="figures-title">{t(T::FiguresTitle)}</h2>
                <CountTable table=counts/>
            };
            FinderHtml {
                results: results.to_html(),
                map: view! { <MapPicture answer=map query=query.clone() selected pin/> }.to_html(),
                figures: figures.to_html(),
                view,
                frame,
            }
        }))
    }
}
