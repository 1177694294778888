//! The home page: look up a postcode, and the national count of networks.

use crate::directory::finder::FinderQuery;
use crate::directory::pages::in_page::Finder;
use crate::directory::texts::T;
use crate::directory::types::RegionCount;
use crate::i18n::{Common, format_count, t, use_lang};
#[cfg(feature = "ssr")]
use crate::ui::ErrorMessage;
use crate::ui::Notice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The police zone's website: police.be/<zone number> leads there.
pub fn zone_link(number: Option<i64>) -> Option<String> {
    number.map(|n| format!("https://www.police.be/{n}"))
}

/// The home page, as the server writes it: the search form, then the results, the map and the
/// figures of the address's search (see `finder`). In the browser, the page's island
/// (`in_page::Finder`) makes the search and the map work in the page.
#[component]
pub fn HomePage() -> impl IntoView {
    let params = use_query_map().get_untracked();
    let query = FinderQuery::from_params(|key| params.get(key).unwrap_or_default());
    let deleted = params.get("deleted").is_some();
    let search = search_form(&query);
    view! {
        <Title text=t(T::HomeTitle)/>
        {deleted.then(|| view! { <Notice text=t(T::AccountDeletedNotice)/> })}
        <section class="hero">
            <h1>{t(T::HomeTitle)}</h1>
            <p class="lead">{t(T::HomeLead)}</p>
            <div class="search-area">{search}</div>
        </section>
        <Suspense fallback=crate::ui::loading>
            {move || {
                let query = query.clone();
                Suspend::new(async move { found(query).await })
            }}
        </Suspense>
        <Finder/>
    }
}

/// The search form of the address's search.
#[cfg(feature = "ssr")]
fn search_form(query: &FinderQuery) -> AnyView {
    crate::directory::pages::search_box::search_form(query).into_any()
}

#[cfg(not(feature = "ssr"))]
fn search_form(_query: &FinderQuery) -> AnyView {
    ().into_any()
}

/// The results, the map and the figures of the address's search, or why the server has none.
#[cfg(feature = "ssr")]
async fn found(query: FinderQuery) -> AnyView {
    use crate::directory::pages::map_view::MapPicture;
    let lang = use_lang();
    let found = match crate::platform::state::app_state() {
        Ok(state) => crate::directory::finder::find(&state, lang, &query).await,
        Err(error) => Err(error),
    };
    let crate::directory::finder::Found { answer, map, counts, selected, pin } = match found {
        Ok(found) => found,
        Err(error) => return view! { <ErrorMessage error/> }.into_any(),
    };
    let answer = match answer {
        // The search box gives its hint; before a search there are no results to show.
        None => ().into_any(),
        Some(Ok(answer)) => view! { <Results answer/> }.into_any(),
        Some(Err(error)) => view! { <ErrorMessage error/> }.into_any(),
    };
    view! {
        <div class="finder">
            <section class="results" aria-labelledby="results-title" aria-live="polite" data-test-answer="">
                <h2 id="results-title" class="visually-hidden">{t(T::Results)}</h2>
                {answer}
            </section>
            <section class="map-section" aria-labelledby="map-title">
                <h2 id="map-title">{t(T::MapTitle)}</h2>
                <div class="map-frame"><MapPicture answer=map query selected pin/></div>
            </section>
        </div>
        <section class="figures" aria-labelledby="figures-title">
            <h2 id="figures-title">{t(T::FiguresTitle)}</h2>
            <CountTable table=counts/>
        </section>
    }
    .into_any()
}

#[cfg(not(feature = "ssr"))]
async fn found(_query: FinderQuery) -> AnyView {
    ().into_any()
}

/// The answer to a search: where, whether a network covers it, and the networks nearest first.
#[cfg(feature = "ssr")]
#[component]
pub fn Results(answer: crate::directory::types::SearchAnswer) -> impl IntoView {
    let lang = use_lang();
    let zone_name = answer.zone.name.get(lang).to_string();
    let zone_href = zone_link(answer.zone.number);
    let start_href = format!("/start?place={}", crate::ui::encode_component(&answer.label));
    view! {
        <p class="found" data-test-found="">{t(T::ResultsNear)}" "<strong>{answer.label.clone()}</strong></p>
        {(!answer.covered).then(|| view! {
            <div class="card no-bin" data-test-no-bin="">
                <p>{t(T::NoBinHere)}</p>
                <p>{t(Common::PoliceZone)}{crate::i18n::colon()}{zone_name.clone()}" "
                    {zone_href.clone().map(|href| view! { <a href=href rel="external">{t(T::ZoneWebsite)}</a> })}
                </p>
                <p><a href=start_href.clone() data-test-start-bin="">{t(Common::StartBin)}</a></p>
            </div>
        })}
        {if answer.hits.is_empty() {
            view! { <p class="empty-state">{t(T::NoResults)}</p> }.into_any()
        } else {
            view! {
                <ol class="hits">
                    {answer.hits.into_iter().map(|hit| {
                        let covers = answer.covering == Some(hit.id);
                        let km = format!("{} km", crate::i18n::format_decimal(hit.distance_m as f64 / 1000.0, lang));
                        view! {
                            <li data-test-hit=hit.id>
                                <a href=format!("/bin/{}", hit.id)>{hit.name.clone()}</a>
                                " "<span class="kind">{t(hit.kind.text())}</span>
                                {hit.looking_for_coordinator.then(|| view! { <span class="badge">{t(Common::LookingForCoordinator)}</span> })}
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

/// BIN and BIN-Z counts per region, then Belgium.
#[component]
pub fn CountTable(table: Vec<RegionCount>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t(T::FiguresCaption)>
        <table class="figures-table" data-test-region-table="">
            <caption>{t(T::FiguresCaption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(Common::Region)}</th>
                    <th scope="col">{t(Common::KindBin)}</th>
                    <th scope="col">{t(Common::KindBinZ)}</th>
                    <th scope="col">{t(Common::Total)}</th>
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
        </div>
    }
}
