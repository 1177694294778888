//! The home page in the browser: the page's one island. It draws nothing; it acts on the server's
//! markup through the events that reach it: suggestions as the reader types, "use my location",
//! a search or a move of the map that stays in the page (the address changes, the island fetches
//! the page at the new address as the server renders it and takes its results, map and figures,
//! and the focus stays where it was). It uses neither server functions nor serde: the browser's
//! fetch, HTML parser and JSON parser do that work, which keeps the island small.

use leptos::prelude::*;

/// The search box and the map of the home page, working in the page.
#[island]
pub fn Finder() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::start();
}

#[cfg(feature = "hydrate")]
pub(super) mod client {
    use crate::directory::finder::FinderQuery;
    use crate::directory::pages::{map_view, search_box};
    use crate::error::AppError;
    use crate::ui::dom::{element, get, show_error};
    use leptos::prelude::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Puts the handlers on the search form and the map, and shows what needs JavaScript.
    pub fn start() {
        if let Some(area) = element(".search-area") {
            search_box::client::attach(&area);
        }
        if let Some(frame) = element(".map-frame") {
            map_view::client::attach(&frame);
        }
    }

    /// The search of the page's address.
    pub fn current_query() -> FinderQuery {
        let search = window().location().search().unwrap_or_default();
        query_of(&search)
    }

    fn query_of(search: &str) -> FinderQuery {
        let Ok(params) = leptos::web_sys::UrlSearchParams::new_with_str(search) else { return FinderQuery::default() };
        FinderQuery::from_params(|key| params.get(key).unwrap_or_default())
    }

    /// Which request is the latest: only its answer is shown.
    static ASKED: AtomicU64 = AtomicU64::new(0);

    /// Goes to `href` (an address of the home page) in the page: the address, the fields, then
    /// the server's answer in place of the results, the map and the figures. `after` runs once
    /// the answer is in place (to give the focus back in the new map).
    pub fn show(href: &str, after: impl FnOnce() + 'static) {
        let (Some(results), Some(map), Some(figures)) =
            (element("[data-test-answer]"), element(".map-frame"), element(".figures"))
        else {
            // The page holds no answer to update (the server failed): the browser goes there.
            let _ = window().location().assign(href);
            return;
        };
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        search_box::client::keep_fields_in_step(&current_query());
        let asked = ASKED.fetch_add(1, Ordering::Relaxed) + 1;
        let _ = document().body().map(|body| body.set_attribute("aria-busy", "true"));
        let href = href.to_string();
        wasm_bindgen_futures::spawn_local(async move {
            let answer = get(&href, "text/html").await;
            if ASKED.load(Ordering::Relaxed) != asked {
                return;
            }
            let _ = document().body().map(|body| body.remove_attribute("aria-busy"));
            let page = answer.and_then(|html| {
                let parser = leptos::web_sys::DomParser::new().map_err(|_| AppError::Internal)?;
                parser
                    .parse_from_string(&html, leptos::web_sys::SupportedType::TextHtml)
                    .map_err(|_| AppError::Internal)
            });
            let part = |page: &leptos::web_sys::Document, selector: &str| {
                page.query_selector(selector).ok().flatten().map(|e| e.inner_html())
            };
            match page {
                Ok(page) => {
                    match (part(&page, "[data-test-answer]"), part(&page, ".map-frame"), part(&page, ".figures")) {
                        (Some(new_results), Some(new_map), Some(new_figures)) => {
                            results.set_inner_html(&new_results);
                            map.set_inner_html(&new_map);
                            figures.set_inner_html(&new_figures);
                            after();
                        }
                        // The server could not answer the search (its page says why).
                        _ => show_error(&results, AppError::Unavailable),
                    }
                }
                Err(error) => show_error(&results, error),
            }
        });
    }
}
