//! The search box: a plain form the server writes (it works without JavaScript), and in the
//! browser an ARIA combobox with suggestions as the reader types, "use my location", and a search
//! that stays in the page (`client`, started by the home page's island).

#[cfg(feature = "ssr")]
use crate::directory::texts::T;
#[cfg(feature = "ssr")]
use crate::i18n::{Common, t};
#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// The form for the search in the address, in the reader's language.
#[cfg(feature = "ssr")]
pub fn search_form(query: &crate::directory::finder::FinderQuery) -> impl IntoView {
    let (q, kind, looking) = (query.q.clone(), query.kind.clone(), !query.looking.is_empty());
    view! { <SearchForm q kind looking/> }
}

#[cfg(feature = "ssr")]
#[component]
fn SearchForm(q: String, kind: String, looking: bool) -> impl IntoView {
    view! {
        <form method="get" action="/" class="search" role="search" data-test-form="search">
            <label for="q">{t(T::SearchLabel)}</label>
            <div class="row combo">
                <input
                    id="q"
                    name="q"
                    type="text"
                    autocomplete="off"
                    maxlength="200"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls="q-suggestions"
                    aria-expanded="false"
                    aria-describedby="q-hint"
                    value=q
                />
                <button type="submit" class="primary">{t(T::Search)}</button>
                <ul id="q-suggestions" role="listbox" class="suggestions" hidden=true aria-label=t(T::Suggestions)></ul>
            </div>
            <p class="hint" id="q-hint">{t(T::SearchHint)}</p>
            // Without JavaScript the button could do nothing, so it is shown once JavaScript runs.
            <button type="button" class="locate" hidden=true data-busy-label=t(Common::Locating) data-test-locate="">
                {t(Common::UseMyLocation)}
            </button>
            <p class="message error" role="alert" hidden=true data-test-error="location_refused">{t(Common::LocationRefused)}</p>
            <div class="filters">
                <label for="kind">{t(Common::KindFilter)}</label>
                <select id="kind" name="kind">
                    <option value="" selected=kind.is_empty()>{t(Common::KindAll)}</option>
                    <option value="bin" selected=kind == "bin">{t(Common::KindBin)}</option>
                    <option value="bin_z" selected=kind == "bin_z">{t(Common::KindBinZ)}</option>
                </select>
                <label class="check">
                    <input type="checkbox" name="looking" value="1" checked=looking/>
                    {t(T::LookingFilter)}
                </label>
            </div>
        </form>
    }
}

/// The search form in the browser: an ARIA combobox with suggestions as the reader types, "use
/// my location", and a search that stays in the page. The browser does not draw the form: it
/// keeps the server's markup and acts on it through the events that reach the area around it.
#[cfg(feature = "hydrate")]
pub(super) mod client {
    use super::{fixed5, locate};
    use crate::directory::finder::FinderQuery;
    use crate::directory::pages::in_page::client::show;
    use crate::ui::closest;
    use crate::ui::dom::{busy, element, find, get, listen};
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, Event, HtmlElement, HtmlInputElement};
    use std::cell::RefCell;
    use std::rc::Rc;

    /// The combobox's state, shared by its handlers.
    type Shared = Rc<RefCell<Combo>>;

    /// Puts the handlers on the area around the form, and shows the location button.
    pub fn attach(area: &Element) {
        let combo = Shared::default();
        let (at, c) = (area.clone(), combo.clone());
        listen(area, "input", move |ev: Event| suggest(&at, &c, ev));
        let (at, c) = (area.clone(), combo.clone());
        listen(area, "keydown", move |ev| move_in_suggestions(&at, &c, ev));
        let (at, c) = (area.clone(), combo.clone());
        listen(area, "focusout", move |ev| close_suggestions(&at, &c, ev));
        let (at, c) = (area.clone(), combo);
        listen(area, "mousedown", move |ev| take_suggestion(&at, &c, ev));
        listen(area, "submit", search_in_page);
        let at = area.clone();
        listen(area, "click", move |ev| search_where_i_am(&at, ev));
        if let Some(button) = find::<HtmlElement>(area, "[data-test-locate]") {
            button.set_hidden(false);
        }
    }

    /// Keeps the fields in step with the address (after "use my location", a suggestion).
    pub fn keep_fields_in_step(query: &FinderQuery) {
        let Some(area) = element(".search-area") else { return };
        if let Some(input) = find::<HtmlInputElement>(&area, "#q")
            && input.value() != query.q
        {
            input.set_value(&query.q);
        }
        if let Some(select) = find::<leptos::web_sys::HtmlSelectElement>(&area, "#kind") {
            select.set_value(if query.kind == "all" { "" } else { &query.kind });
        }
        if let Some(check) = find::<HtmlInputElement>(&area, "input[name=looking]") {
            check.set_checked(!query.looking.is_empty());
        }
    }

    /// Asks for suggestions for what is typed (two characters or more).
    fn suggest(area: &Element, combo: &Shared, ev: Event) {
        let Some(input) = input_of(&ev) else { return };
        let text = input.value();
        let asked = {
            let mut c = combo.borrow_mut();
            c.open = true;
            c.active = None;
            c.asked += 1;
            c.asked
        };
        if text.trim().chars().count() < 2 {
            combo.borrow_mut().list.clear();
            draw(area, &combo.borrow());
            return;
        }
        let (area, combo) = (area.clone(), combo.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let list = suggestions(&text).await;
            // Only the answer to the latest text counts.
            if combo.borrow().asked == asked {
                combo.borrow_mut().list = list;
                draw(&area, &combo.borrow());
            }
        });
    }

    /// A suggestion: what to show and what to search for.
    #[derive(Clone)]
    struct Suggestion {
        label: String,
        value: String,
    }

    /// The server's suggestions for `text` (`suggest_places`, read with the browser's JSON
    /// parser); none when they cannot be had, as the box works without them.
    async fn suggestions(text: &str) -> Vec<Suggestion> {
        use leptos::web_sys::js_sys::{Array, JSON, Reflect};
        let url = format!("/api/directory/suggest?q={}", crate::ui::encode_component(text));
        let Ok(json) = get(&url, "application/json").await else { return Vec::new() };
        let Ok(list) = JSON::parse(&json) else { return Vec::new() };
        let field = |item: &leptos::wasm_bindgen::JsValue, name: &str| {
            Reflect::get(item, &name.into()).ok().and_then(|v| v.as_string())
        };
        Array::from(&list)
            .iter()
            .filter_map(|item| Some(Suggestion { label: field(&item, "label")?, value: field(&item, "value")? }))
            .collect()
    }

    /// Moves through the suggestions with the arrow keys, takes one with Enter, closes them with
    /// Escape.
    fn move_in_suggestions(area: &Element, combo: &Shared, ev: leptos::ev::KeyboardEvent) {
        let Some(input) = input_of(&ev) else { return };
        let n = combo.borrow().list.len();
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                let mut c = combo.borrow_mut();
                c.open = true;
                c.active = Some(c.active.map_or(0, |i| (i + 1) % n));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                let mut c = combo.borrow_mut();
                c.open = true;
                c.active = Some(c.active.map_or(n - 1, |i| (i + n - 1) % n));
            }
            "Enter" => {
                let chosen = {
                    let c = combo.borrow();
                    match (c.open, c.active) {
                        (true, Some(i)) => c.list.get(i).map(|s| s.value.clone()),
                        _ => None,
                    }
                };
                // Without a suggestion chosen, Enter sends the form as typed.
                if let Some(value) = chosen {
                    ev.prevent_default();
                    input.set_value(&value);
                }
                combo.borrow_mut().close();
            }
            "Escape" => combo.borrow_mut().close(),
            _ => return,
        }
        draw(area, &combo.borrow());
    }

    /// Closes the suggestions when the box loses the focus.
    fn close_suggestions(area: &Element, combo: &Shared, ev: leptos::ev::FocusEvent) {
        if input_of(&ev).is_none() {
            return;
        }
        combo.borrow_mut().close();
        draw(area, &combo.borrow());
    }

    /// Takes a suggestion on mousedown, before the box loses the focus.
    fn take_suggestion(area: &Element, combo: &Shared, ev: leptos::ev::MouseEvent) {
        let Some(option) = closest(&ev, "[role=option]") else { return };
        ev.prevent_default();
        if let (Some(input), Some(value)) = (find::<HtmlInputElement>(area, "#q"), option.get_attribute("data-value")) {
            input.set_value(&value);
        }
        combo.borrow_mut().close();
        draw(area, &combo.borrow());
    }

    /// Sends the search form as a search in the page.
    fn search_in_page(ev: leptos::ev::SubmitEvent) {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok()) else {
            return;
        };
        let Some(search) = form_query(&form) else { return };
        ev.prevent_default();
        show(&format!("/?{search}"), || {});
    }

    /// "Use my location": asks the browser where the reader is and searches there, or says it was
    /// refused.
    fn search_where_i_am(area: &Element, ev: leptos::ev::MouseEvent) {
        let Some(button) = closest(&ev, "[data-test-locate]").and_then(|b| b.dyn_into::<HtmlElement>().ok()) else {
            return;
        };
        let refusal = find::<HtmlElement>(area, "[data-test-error=location_refused]");
        if let Some(refusal) = &refusal {
            refusal.set_hidden(true);
        }
        let done = busy(&button);
        let found = {
            let done = done.clone();
            move |lat: f64, lon: f64| {
                done();
                show(&format!("/?q={}%2C{}", fixed5(lat), fixed5(lon)), || {});
            }
        };
        locate(found, move || {
            done();
            if let Some(refusal) = &refusal {
                refusal.set_hidden(false);
            }
        });
    }

    /// The combobox's state: the suggestions shown, the one chosen with the arrows, and which
    /// request the latest text made.
    #[derive(Clone, Default)]
    struct Combo {
        list: Vec<Suggestion>,
        active: Option<usize>,
        open: bool,
        asked: u64,
    }

    impl Combo {
        fn close(&mut self) {
            self.open = false;
            self.active = None;
        }
    }

    /// Shows the combobox's state in the form: the options, which one is active, and whether the
    /// list is open.
    fn draw(area: &Element, combo: &Combo) {
        let (Some(input), Some(list)) =
            (find::<HtmlInputElement>(area, "#q"), find::<HtmlElement>(area, "#q-suggestions"))
        else {
            return;
        };
        list.set_inner_html("");
        let document = leptos::prelude::document();
        for (i, suggestion) in combo.list.iter().enumerate() {
            let Ok(option) = document.create_element("li") else { continue };
            option.set_id(&format!("q-option-{i}"));
            let _ = option.set_attribute("role", "option");
            let _ = option.set_attribute("aria-selected", if combo.active == Some(i) { "true" } else { "false" });
            let _ = option.set_attribute("data-value", &suggestion.value);
            option.set_text_content(Some(&suggestion.label));
            let _ = list.append_child(&option);
        }
        let open = combo.open && !combo.list.is_empty();
        list.set_hidden(!open);
        let _ = input.set_attribute("aria-expanded", if open { "true" } else { "false" });
        match combo.active.filter(|_| open) {
            Some(i) => {
                let _ = input.set_attribute("aria-activedescendant", &format!("q-option-{i}"));
            }
            None => {
                let _ = input.remove_attribute("aria-activedescendant");
            }
        }
    }

    /// The form's fields as the query of its address, as a browser sends a GET form.
    fn form_query(form: &leptos::web_sys::HtmlFormElement) -> Option<String> {
        let data = leptos::web_sys::FormData::new_with_form(form).ok()?;
        let params = leptos::web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        Some(params.to_string().into())
    }

    /// The search box, when the event happened in it.
    fn input_of(ev: &Event) -> Option<HtmlInputElement> {
        ev.target()?.dyn_into::<HtmlInputElement>().ok().filter(|input| input.id() == "q")
    }
}

/// A coordinate with five decimals (about a metre), written without the float formatter.
pub fn fixed5(x: f64) -> String {
    let n = (x * 100_000.0).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    format!("{sign}{}.{:05}", n / 100_000, n % 100_000)
}

#[cfg(feature = "hydrate")]
pub fn locate(on_found: impl FnOnce(f64, f64) + 'static, on_refused: impl FnOnce() + 'static) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    let Some(geolocation) = leptos::web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        on_refused();
        return;
    };
    let found = Closure::once_into_js(move |position: leptos::web_sys::Position| {
        let coords = position.coords();
        on_found(coords.latitude(), coords.longitude());
    });
    let refused = Closure::once_into_js(move |_: leptos::wasm_bindgen::JsValue| on_refused());
    if geolocation
        .get_current_position_with_error_callback(found.unchecked_ref(), Some(refused.unchecked_ref()))
        .is_err()
    {
        leptos::logging::warn!("geolocation request failed");
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn locate(_on_found: impl FnOnce(f64, f64) + 'static, on_refused: impl FnOnce() + 'static) {
    on_refused();
}

#[cfg(test)]
mod tests {
    use super::fixed5;

    #[test]
    fn coordinates_have_five_decimals() {
        assert_eq!(fixed5(51.054_34), "51.05434");
        assert_eq!(fixed5(3.7174), "3.71740");
        assert_eq!(fixed5(-0.000_004), "0.00000");
        assert_eq!(fixed5(-1.5), "-1.50000");
        assert_eq!(fixed5(4.999_999), "5.00000");
    }
}
