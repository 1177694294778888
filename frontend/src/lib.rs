//! The browser entry point: hydrates the server-rendered `app::App` (its lazily loaded pages
//! included). Nothing else lives here.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
