//! The islands spike: the same kinds of interactive parts the product's pages have, written as
//! Leptos islands, compiled for the browser only to weigh what a page would download. Each
//! island is behind a feature so the floor (no island) and the cost of each can be measured.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One hit of a directory search, as the product's search box shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: i64,
    pub name: String,
    pub place: String,
    pub households: u32,
}

/// Finds networks by name or place (answered by the server; in the browser only the call).
#[server(endpoint = "spike/search")]
pub async fn search(q: String) -> Result<Vec<Hit>, ServerFnError> {
    Ok(vec![Hit { id: 1, name: q.clone(), place: q, households: 1 }])
}

/// Asks to join a network (answered by the server; in the browser only the call).
#[server(endpoint = "spike/join")]
pub async fn join(network: i64, confirmed: Option<String>) -> Result<String, ServerFnError> {
    Ok(format!("{network} {}", confirmed.is_some()))
}

#[cfg(feature = "search")]
#[island]
pub fn SearchBox() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let hits = Resource::new(
        move || query.get(),
        |q| async move { if q.trim().len() < 2 { Ok(Vec::new()) } else { search(q).await } },
    );
    view! {
        <label for="q">"Search"</label>
        <input id="q" type="search" prop:value=query on:input=move |ev| query.set(event_target_value(&ev))/>
        <Suspense fallback=|| view! { <p>"…"</p> }>
            {move || hits.get().map(|found| match found {
                Ok(list) if list.is_empty() => view! { <p>"No network found"</p> }.into_any(),
                Ok(list) => view! {
                    <ul>
                        <For each=move || list.clone() key=|hit| hit.id let:hit>
                            <li><a href=format!("/bin/{}", hit.id)>{hit.name}</a>" "{hit.place}" "{hit.households}</li>
                        </For>
                    </ul>
                }.into_any(),
                Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[cfg(feature = "form")]
#[island]
pub fn JoinForm(network: i64) -> impl IntoView {
    let send = ServerAction::<Join>::new();
    let sure = RwSignal::new(false);
    view! {
        <ActionForm action=send>
            <input type="hidden" name="network" value=network/>
            <label><input type="checkbox" name="confirmed" on:change=move |_| sure.update(|s| *s = !*s)/>"I confirm"</label>
            <button disabled=move || !sure.get()>"Join"</button>
        </ActionForm>
        <p role="status">{move || send.value().get().map(|r| r.map_err(|e| e.to_string()).unwrap_or_else(|e| e))}</p>
    }
}

#[cfg(feature = "fragment")]
#[island]
pub fn SearchFragment() -> impl IntoView {
    let list = NodeRef::<leptos::html::Div>::new();
    let fetch = move |q: String| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            use wasm_bindgen::JsCast;
            let Some(window) = web_sys::window() else { return };
            let url = format!("/fragment/search?q={}", js_sys_encode(&q));
            let Ok(answer) = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url)).await else { return };
            let Ok(answer) = answer.dyn_into::<web_sys::Response>() else { return };
            let Ok(text) = answer.text() else { return };
            let Ok(html) = wasm_bindgen_futures::JsFuture::from(text).await else { return };
            if let (Some(el), Some(html)) = (list.get_untracked(), html.as_string()) {
                el.set_inner_html(&html);
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = q;
    };
    view! {
        <label for="q">"Search"</label>
        <input id="q" type="search" on:input=move |ev| fetch(event_target_value(&ev))/>
        <div node_ref=list aria-live="polite"></div>
    }
}

#[cfg(feature = "fragment")]
fn js_sys_encode(q: &str) -> String {
    q.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
