//! The browser entry point: starts the islands runtime. The pages are the server's HTML; only
//! their islands (`#[island]` components of `app`, whose hydrating functions this module exports)
//! run in the browser, each started by the page's script (`app::hydration`) when the page has one.

// Links `app`, whose islands export themselves; nothing in it is called from here by name.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
