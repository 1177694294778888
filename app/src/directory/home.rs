//! The home page: look up a postcode, and the national count of networks.

use crate::directory::api::{map_view, region_counts, search_bins, suggest_places};
use crate::directory::map_view::BinMap;
use crate::directory::types::{BinKind, RegionCount, SearchAnswer};
use crate::i18n::{T, t, use_lang};
use crate::ui::{ErrorMessage, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The police zone's website: police.be/<zone number> leads there.
pub fn zone_link(number: Option<i64>) -> Option<String> {
    number.map(|n| format!("https://www.police.be/{n}"))
}

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let q = Memo::new(move |_| param("q"));
    let kind = Memo::new(move |_| param("kind"));
    let looking = Memo::new(move |_| param("looking"));
    let opt = |s: String| if s.is_empty() { None } else { Some(s) };
    let answer = Resource::new(
        move || (q.get(), kind.get(), looking.get()),
        move |(q, kind, looking)| async move {
            if q.trim().is_empty() { None } else { Some(search_bins(q, opt(kind), opt(looking)).await) }
        },
    );
    // Without a view in the URL, the map centres on what the search found (the same answer,
    // not a second search).
    let map = Resource::new(
        move || (q.get(), kind.get(), looking.get(), param("mx"), param("my"), param("mz")),
        move |(_, kind, looking, mx, my, mz)| async move {
            let (mut x, mut y, mut z) = (mx.parse().ok(), my.parse().ok(), mz.parse().ok());
            if x.is_none()
                && let Some(Ok(found)) = answer.await
            {
                (x, y, z) = (Some(found.map_x), Some(found.map_y), Some(4));
            }
            map_view(x, y, z, opt(kind), opt(looking)).await
        },
    );
    let counts = Resource::new(|| (), |_| region_counts());
    let deleted = move || query.read().get("deleted").is_some();
    view! {
        <Title text=t(T::HomeTitle)/>
        {move || deleted().then(|| view! { <Notice text=t(T::AccountDeletedNotice)/> })}
        <section class="hero">
            <h1>{t(T::HomeTitle)}</h1>
            <p class="lead">{t(T::HomeLead)}</p>
            <SearchForm q kind looking/>
        </section>
        <div class="finder">
            <section class="results" aria-labelledby="results-title" aria-live="polite" data-test-answer="">
                <h2 id="results-title" class="visually-hidden">{t(T::Results)}</h2>
                <Transition fallback=|| view! { <p class="loading" role="status">{t(T::Loading)}</p> }>
                    {move || Suspend::new(async move {
                        match answer.await {
                            None => view! { <p class="hint">{t(T::SearchHint)}</p> }.into_any(),
                            Some(Ok(answer)) => view! { <Results answer/> }.into_any(),
                            Some(Err(error)) => view! { <ErrorMessage error/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <section class="map-section" aria-labelledby="map-title">
                <h2 id="map-title">{t(T::MapTitle)}</h2>
                <Transition fallback=|| view! { <p class="loading" role="status">{t(T::Loading)}</p> }>
                    {move || Suspend::new(async move {
                        match map.await {
                            Ok(answer) => view! { <BinMap answer/> }.into_any(),
                            Err(error) => view! { <ErrorMessage error/> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </div>
        <section class="figures" aria-labelledby="figures-title">
            <h2 id="figures-title">{t(T::FiguresTitle)}</h2>
            <Suspense fallback=|| view! { <p class="loading" role="status">{t(T::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match counts.await {
                        Ok(table) => view! { <CountTable table/> }.into_any(),
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The search box (an ARIA combobox with suggestions once JavaScript runs) and its filters.
#[component]
fn SearchForm(q: Memo<String>, kind: Memo<String>, looking: Memo<String>) -> impl IntoView {
    let typed = RwSignal::new(q.get_untracked());
    Effect::new(move |_| typed.set(q.get()));
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    // Suggestions exist only in the browser, as the person types.
    let suggestions = LocalResource::new(move || {
        let text = typed.get();
        async move { if text.trim().chars().count() < 2 { Ok(Vec::new()) } else { suggest_places(text).await } }
    });
    let list = move || suggestions.get().and_then(Result::ok).unwrap_or_default();
    let choose = move |value: String| {
        typed.set(value);
        open.set(false);
        active.set(None);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = list().len();
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                if let (true, Some(i)) = (open.get(), active.get())
                    && let Some(s) = list().get(i)
                {
                    ev.prevent_default();
                    choose(s.value.clone());
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    view! {
        <Form method="GET" action="/" attr:class="search" attr:role="search" attr:data-test-form="search">
            <label for="q">{t(T::SearchLabel)}</label>
            <div class="row combo">
                <input
                    id="q"
                    name="q"
                    type="text"
                    autocomplete="off"
                    maxlength="200"
                    placeholder=t(T::SearchPlaceholder)
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls="q-suggestions"
                    aria-expanded=move || if open.get() && !list().is_empty() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().map(|i| format!("q-option-{i}"))
                    aria-describedby="q-hint"
                    prop:value=move || typed.get()
                    value=move || q.get()
                    on:input=move |ev| {
                        typed.set(event_target_value(&ev));
                        open.set(true);
                        active.set(None);
                    }
                    on:keydown=on_key
                    on:blur=move |_| open.set(false)
                />
                <button type="submit" class="primary">{t(T::Search)}</button>
                <ul id="q-suggestions" role="listbox" class="suggestions" hidden=move || !open.get() || list().is_empty() aria-label=t(T::Suggestions)>
                    {move || list().into_iter().enumerate().map(|(i, s)| {
                        let value = s.value.clone();
                        view! {
                            <li
                                id=format!("q-option-{i}")
                                role="option"
                                aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                on:mousedown=move |ev| {
                                    ev.prevent_default();
                                    choose(value.clone());
                                }
                            >
                                {s.label}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
            <p class="hint" id="q-hint">{t(T::SearchHint)}</p>
            <UseMyLocation/>
            <div class="filters">
                <label for="kind">{t(T::KindFilter)}</label>
                <select id="kind" name="kind">
                    <option value="" selected=move || kind.get().is_empty()>{t(T::KindAll)}</option>
                    <option value="bin" selected=move || kind.get() == "bin">"BIN"</option>
                    <option value="bin_z" selected=move || kind.get() == "bin_z">"BIN-Z"</option>
                </select>
                <label class="check">
                    <input type="checkbox" name="looking" value="1" checked=move || !looking.get().is_empty()/>
                    {t(T::LookingFilter)}
                </label>
            </div>
        </Form>
    }
}

/// "Use my location": asks the browser for the position and searches there. Shown only once
/// JavaScript runs (without it the button could do nothing); a refusal is explained.
#[component]
fn UseMyLocation() -> impl IntoView {
    let ready = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let busy = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let navigate = leptos_router::hooks::use_navigate();
    let on_click = move |_| {
        busy.set(true);
        refused.set(false);
        let navigate = navigate.clone();
        locate(
            move |lat, lon| {
                busy.set(false);
                navigate(&format!("/?q={lat:.5}%2C{lon:.5}"), Default::default());
            },
            move || {
                busy.set(false);
                refused.set(true);
            },
        );
    };
    view! {
        <Show when=move || ready.get()>
            <button type="button" class="locate" on:click=on_click.clone() aria-busy=move || busy.get().then_some("true") data-test-locate="">
                {move || if busy.get() { t(T::Locating) } else { t(T::UseMyLocation) }}
            </button>
        </Show>
        {move || refused.get().then(|| view! {
            <p class="message error" role="alert" data-test-error="location_refused">{t(T::LocationRefused)}</p>
        })}
    }
}

#[cfg(feature = "hydrate")]
fn locate(on_found: impl FnOnce(f64, f64) + 'static, on_refused: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        on_refused();
        return;
    };
    let found = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        on_found(coords.latitude(), coords.longitude());
    });
    let refused = Closure::once_into_js(move |_: wasm_bindgen::JsValue| on_refused());
    if geolocation
        .get_current_position_with_error_callback(found.unchecked_ref(), Some(refused.unchecked_ref()))
        .is_err()
    {
        leptos::logging::warn!("geolocation request failed");
    }
}

#[cfg(not(feature = "hydrate"))]
fn locate(_on_found: impl FnOnce(f64, f64) + 'static, on_refused: impl FnOnce() + 'static) {
    on_refused();
}

#[component]
fn Results(answer: SearchAnswer) -> impl IntoView {
    let lang = use_lang();
    let zone_name = answer.zone.name.get(lang).to_string();
    let zone_href = zone_link(answer.zone.number);
    let start_href = format!("/start?place={}", crate::ui::encode_component(&answer.label));
    view! {
        <p class="found" data-test-found="">{t(T::ResultsNear)}" "<strong>{answer.label.clone()}</strong></p>
        {(!answer.covered).then(|| view! {
            <div class="card no-bin" data-test-no-bin="">
                <p>{t(T::NoBinHere)}</p>
                <p>{t(T::PoliceZone)}": "{zone_name.clone()}" "
                    {zone_href.clone().map(|href| view! { <a href=href rel="external">{t(T::ZoneWebsite)}</a> })}
                </p>
                <p><a href=start_href.clone() data-test-start-bin="">{t(T::StartBin)}</a></p>
            </div>
        })}
        {if answer.hits.is_empty() {
            view! { <p class="empty-state">{t(T::NoResults)}</p> }.into_any()
        } else {
            view! {
                <ol class="hits">
                    {answer.hits.into_iter().map(|hit| {
                        let covers = answer.covering == Some(hit.id);
                        let km = format!("{:.1} km", hit.distance_m as f64 / 1000.0);
                        view! {
                            <li data-test-hit=hit.id>
                                <a href=format!("/bin/{}", hit.id)>{hit.name.clone()}</a>
                                " "<span class="kind">{match hit.kind { BinKind::Bin => "BIN", BinKind::BinZ => "BIN-Z" }}</span>
                                {hit.looking_for_coordinator.then(|| view! { <span class="badge">{t(T::LookingForCoordinator)}</span> })}
                                <br/>
                                <span class="meta">{hit.municipality.get(lang).to_string()}" · "{km}</span>
                                {covers.then(|| view! { <p class="covers" data-test-covers=hit.id>{t(T::CoversYourAddress)}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

#[component]
pub fn CountTable(table: Vec<RegionCount>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="figures-table" data-test-region-table="">
            <caption>{t(T::FiguresCaption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(T::Region)}</th>
                    <th scope="col">"BIN"</th>
                    <th scope="col">"BIN-Z"</th>
                    <th scope="col">{t(T::Total)}</th>
                </tr>
            </thead>
            <tbody>
                {table.into_iter().map(|line| {
                    let name = line.region.map(|r| r.name(lang)).unwrap_or(t(T::Belgium));
                    let code = line.region.map(|r| r.code()).unwrap_or("belgium");
                    view! {
                        <tr data-test-region=code class:total=line.region.is_none()>
                            <th scope="row">{name}</th>
                            <td>{format_count(line.bin, lang)}</td>
                            <td>{format_count(line.bin_z, lang)}</td>
                            <td>{format_count(line.total(), lang)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A whole number with the thousands separator of the reader's language.
pub fn format_count(n: i64, lang: crate::i18n::Lang) -> String {
    let sep = match lang {
        crate::i18n::Lang::En => ',',
        crate::i18n::Lang::Fr => '\u{202f}',
        _ => '.',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn counts_get_the_separator_of_the_language() {
        assert_eq!(format_count(1557, Lang::Nl), "1.557");
        assert_eq!(format_count(1557, Lang::En), "1,557");
        assert_eq!(format_count(180_000, Lang::Fr), "180\u{202f}000");
        assert_eq!(format_count(17, Lang::De), "17");
    }
}
