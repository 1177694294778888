//! The home page in the browser: the page's one island. It draws nothing; it acts on the server's
//! markup through the events that reach it: suggestions as the reader types, "use my location",
//! a search or a move of the map that stays in the page (the address changes, the server sends
//! the new results, map and figures as HTML, and the focus stays where it was).

use leptos::prelude::*;

/// The search box and the map of the home page, working in the page.
#[island]
pub fn Finder() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::start();
}

#[cfg(feature = "hydrate")]
pub(super) mod client {
    use crate::directory::finder::{FinderQuery, finder};
    use crate::directory::pages::{map_view, search_box};
    use crate::error::AppError;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::web_sys::{Element, Event};
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

    /// `handler` for every `name` event that reaches `target`, for as long as the page lives.
    pub fn listen<E: JsCast + 'static>(target: &Element, name: &str, handler: impl Fn(E) + 'static) {
        let callback = Closure::<dyn Fn(Event)>::new(move |ev: Event| handler(ev.unchecked_into::<E>()));
        let _ = target.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
        callback.forget();
    }

    pub fn element(selector: &str) -> Option<Element> {
        document().query_selector(selector).ok().flatten()
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
        let query = current_query();
        search_box::client::keep_fields_in_step(&query);
        let asked = ASKED.fetch_add(1, Ordering::Relaxed) + 1;
        let _ = document().body().map(|body| body.set_attribute("aria-busy", "true"));
        leptos::task::spawn_local(async move {
            let answer = finder(query).await;
            if ASKED.load(Ordering::Relaxed) != asked {
                return;
            }
            let _ = document().body().map(|body| body.remove_attribute("aria-busy"));
            match answer {
                Ok(html) => {
                    results.set_inner_html(&html.results);
                    map.set_inner_html(&html.map);
                    figures.set_inner_html(&html.figures);
                    after();
                }
                Err(error) => show_error(&results, error),
            }
        });
    }

    /// A failed request, said in the results.
    fn show_error(results: &Element, error: AppError) {
        let message = error.message(crate::i18n::use_lang());
        let Ok(line) = document().create_element("p") else { return };
        line.set_class_name("message error");
        let _ = line.set_attribute("role", "alert");
        let _ = line.set_attribute("data-test-error", error.code());
        line.set_text_content(Some(message));
        results.set_inner_html("");
        let _ = results.append_child(&line);
    }
}
