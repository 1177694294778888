//! A network's public page: what anyone may know about it, and how to join. No person's data.

use crate::directory::api::get_public_bin;
use crate::directory::finder::{FinderQuery, view_href};
use crate::directory::map::MapView;
use crate::directory::pages::home::zone_link;
use crate::directory::texts::T;
use crate::directory::types::PublicBin;
use crate::i18n::{Common, t, use_lang};
use crate::ui::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn BinPage() -> impl IntoView {
    let params = use_params_map();
    let bin = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        |id| async move {
            match id.parse::<i64>() {
                Ok(id) if id > 0 => get_public_bin(id).await,
                _ => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <section class="page">
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match bin.await {
                        Ok(bin) => view! { <BinDetails bin/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/" back_label=t(Common::BackHome)/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn BinDetails(bin: PublicBin) -> impl IntoView {
    let lang = use_lang();
    let on_map = view_href(&FinderQuery::default(), MapView { x: bin.map_x, y: bin.map_y, zoom: 5 }, Some(bin.id));
    let kind = t(bin.kind.text());
    let zone = bin.zone.name.get(lang).to_string();
    view! {
        <Title text=bin.name.clone()/>
        <h1 data-test-bin-name="">{bin.name.clone()}</h1>
        {bin.looking_for_coordinator.then(|| view! {
            <p class="message notice" data-test-looking="">{t(Common::LookingForCoordinatorLong)}</p>
        })}
        <dl class="facts">
            <dt>{t(Common::Kind)}</dt><dd>{kind}</dd>
            <dt>{t(Common::Municipality)}</dt><dd>{bin.municipality.get(lang).to_string()}</dd>
            <dt>{t(Common::Region)}</dt><dd>{bin.region.name(lang)}</dd>
            <dt>{t(Common::PoliceZone)}</dt>
            <dd>
                {zone}{bin.zone.number.map(|n| format!(" ({n})"))}" "
                {zone_link(bin.zone.number).map(|href| view! { <a href=href rel="external">{t(T::ZoneWebsite)}</a> })}
            </dd>
            <dt>{t(T::Founded)}</dt><dd>{bin.founded_year}</dd>
            <dt>{t(Common::MemberHouseholds)}</dt><dd data-test-band="">{bin.households_band.clone()}</dd>
            <dt>{t(Common::Charter)}</dt>
            <dd>
                {if bin.charter_signed { t(T::CharterSigned) } else { t(Common::CharterNone) }}
                {bin.charter_next_review.clone().map(|d| format!(" · {} {}", t(Common::NextReview), crate::time::reader_date(&d, lang)))}
            </dd>
        </dl>
        <h2>{t(T::CoveredStreets)}</h2>
        <ul class="segments" data-test-segments="">
            {bin.segments.iter().map(|s| {
                let name = match lang {
                    crate::i18n::Lang::Fr if !s.street_fr.is_empty() => s.street_fr.clone(),
                    _ if !s.street_nl.is_empty() && !s.street_fr.is_empty() => format!("{} / {}", s.street_nl, s.street_fr),
                    _ if !s.street_nl.is_empty() => s.street_nl.clone(),
                    _ => s.street_fr.clone(),
                };
                let side = match s.parity {
                    crate::directory::segments::Parity::All => t(T::SideAll),
                    crate::directory::segments::Parity::Odd => t(T::SideOdd),
                    crate::directory::segments::Parity::Even => t(T::SideEven),
                };
                let place = bin.postcode.as_ref().map(|p| format!(", {} {}", p.postcode, p.place));
                view! {
                    <li data-test-segment=format!("{}|{}", if s.street_nl.is_empty() { &s.street_fr } else { &s.street_nl }, s.first)>
                        {name}" "<span class="nowrap">{s.first}"–"{s.last}</span>" ("{side}")"{place}
                    </li>
                }
            }).collect_view()}
        </ul>
        {bin.postcode.as_ref().filter(|p| !p.exact).map(|_| view! { <p class="hint">{t(T::PostcodeNearest)}</p> })}
        <p class="actions">
            <a class="button primary" href=format!("/bin/{}/join", bin.id) data-test-join="">{t(T::JoinThisBin)}</a>
            " "
            <a class="button" href=on_map>{t(T::ShowOnMap)}</a>
        </p>
        <p class="hint">{t(T::JoinHint)}</p>
    }
}
