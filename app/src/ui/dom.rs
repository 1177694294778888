//! What the directory's island uses to act on the server's markup in the browser: listening to
//! events, finding elements, fetching text and saying what went wrong. Islands written this
//! way carry no views, no serde and no server-function client, which keeps the browser's
//! WebAssembly small.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;
use leptos::web_sys::{Element, Event};
use wasm_bindgen_futures::JsFuture;

/// `handler` for every `name` event that reaches `target`, for as long as the page lives.
pub fn listen<E: JsCast + 'static>(target: &Element, name: &str, handler: impl Fn(E) + 'static) {
    let callback = Closure::<dyn Fn(Event)>::new(move |ev: Event| handler(ev.unchecked_into::<E>()));
    let _ = target.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
    callback.forget();
}

/// The page's first element that matches `selector`.
pub fn element(selector: &str) -> Option<Element> {
    document().query_selector(selector).ok().flatten()
}

/// The first element under `root` that matches `selector`, as the type `E`.
pub fn find<E: JsCast>(root: &Element, selector: &str) -> Option<E> {
    root.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<E>().ok())
}

/// The text the server answers to a GET of `url`, or why there is none: the network failed, or
/// the server said what went wrong (the error's code, as server functions send it), or it failed
/// without saying (503: try again; otherwise an internal error).
pub async fn get(url: &str, accept: &str) -> Result<String, AppError> {
    let request = leptos::web_sys::Request::new_with_str(url).map_err(|_| AppError::Internal)?;
    let _ = request.headers().set("Accept", accept);
    let response: leptos::web_sys::Response = JsFuture::from(window().fetch_with_request(&request))
        .await
        .map_err(|_| AppError::Network)?
        .dyn_into()
        .map_err(|_| AppError::Network)?;
    let status = response.status();
    let text = response.text().map_err(|_| AppError::Network)?;
    let text = JsFuture::from(text).await.map_err(|_| AppError::Network)?.as_string();
    match (status, text) {
        (200..=299, Some(text)) => Ok(text),
        (200..=299, None) => Err(AppError::Internal),
        (status, text) => Err(text
            .and_then(|text| json_string(&text))
            .and_then(|code| AppError::from_code(&code))
            .unwrap_or(if status == 503 { AppError::Unavailable } else { AppError::Internal })),
    }
}

/// The string a JSON text holds (a server function's answer of one string).
pub fn json_string(text: &str) -> Option<String> {
    leptos::web_sys::js_sys::JSON::parse(text).ok()?.as_string()
}

/// A failed request, said in `place` (in place of what it held), in the page's language.
pub fn show_error(place: &Element, error: AppError) {
    let message = crate::i18n::page_text(error.key());
    let Ok(line) = document().create_element("p") else { return };
    line.set_class_name("message error");
    let _ = line.set_attribute("role", "alert");
    let _ = line.set_attribute("data-test-error", error.code());
    line.set_text_content(Some(message));
    place.set_inner_html("");
    let _ = place.append_child(&line);
}

/// Marks `button` busy while what it started runs: its label says so (its `data-busy-label`, which
/// the server writes in the page's language) and it cannot be pressed again. Gives back the way
/// to end that.
pub fn busy(button: &Element) -> impl Fn() + Clone + 'static {
    let button = button.clone();
    let label = button.text_content().unwrap_or_default();
    if let Some(busy) = button.get_attribute("data-busy-label") {
        button.set_text_content(Some(&busy));
    }
    let _ = button.set_attribute("aria-busy", "true");
    let _ = button.set_attribute("disabled", "");
    move || {
        button.set_text_content(Some(&label));
        let _ = button.remove_attribute("aria-busy");
        let _ = button.remove_attribute("disabled");
    }
}
