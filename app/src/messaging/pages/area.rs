//! Choosing an area of the zone for a message: a circle or a polygon drawn on the zone's map
//! (with a pointer, once the page's script runs), or, from the keyboard and without
//! JavaScript, a distance around one of the zone's networks. The networks the area touches are
//! shown as it changes, by the same rule the server applies when it sends.
//!
//! The server writes the whole picker: the map with the networks (each with its place and
//! reach), the drawing (empty), the choices and the three ways the preview can read. A small
//! script (`public/area.js`) acts on that markup: it draws, and asks the server what the area
//! reaches (`area_reach`), so the rule stays in one place.

use crate::i18n::t;
use crate::messaging::area::{MAX_CORNERS, MAX_RADIUS};
use crate::messaging::texts::T;
use crate::messaging::types::{TargetBin, ZoneMap};
use leptos::prelude::*;

/// Distances offered around a network, in metres.
const REACHES: [i32; 5] = [500, 1_000, 2_000, 5_000, 10_000];

/// The area picker, as the server writes it.
#[component]
pub fn AreaPicker(bins: Vec<TargetBin>, map: ZoneMap) -> impl IntoView {
    let (vx, vy, vw, vh) = map.view_box;
    let view_box = format!("{vx} {vy} {vw} {vh}");
    let stroke = f64::from(vw) / 400.0;
    view! {
        <div class="area-picker stack" data-test-area-picker="" data-script="area"
            data-max-radius=MAX_RADIUS data-max-corners=MAX_CORNERS.to_string()>
            <p class="hint" id="area-help">{t(T::AreaHelp)}</p>
            // Drawing needs JavaScript: the script shows the tools.
            <div class="row" role="group" aria-label=t(T::AreaTools) hidden=true data-area-tools="">
                <button type="button" class="secondary" aria-pressed="true" data-test-tool="circle">{t(T::DrawCircle)}</button>
                <button type="button" class="secondary" aria-pressed="false" data-test-tool="polygon">{t(T::DrawPolygon)}</button>
                <button type="button" class="secondary" data-test-tool="clear">{t(T::ClearArea)}</button>
            </div>
            <svg class="area-map" viewBox=view_box preserveAspectRatio="xMidYMid meet" role="img"
                aria-label=t(T::AreaMapLabel) aria-describedby="area-help" data-test-area-map="">
                <image href="/map/base.svg" x="0" y="0" width=map.width height=map.height/>
                {bins.iter().map(|bin| view! {
                    <circle class="area-bin" cx=bin.x cy=bin.y r=(f64::from(bin.reach) / 100.0).max(stroke * 3.0)
                        stroke-width=stroke data-test-area-bin=bin.id data-reach=bin.reach data-place=bin.municipality.clone()>
                        <title>{bin.name.clone()}</title>
                    </circle>
                }).collect_view()}
                <circle class="area-drawn" hidden=true stroke-width=stroke data-drawn="circle"/>
                <polygon class="area-drawn" hidden=true stroke-width=stroke data-drawn="polygon"/>
                <polyline class="area-drawn" stroke-width=stroke data-drawn="corners"/>
            </svg>
            <input type="hidden" name="shape" value="" data-test-shape=""/>
            <div class="row">
                <label for="compose-around">{t(T::AroundNetwork)}</label>
                <select id="compose-around" name="around">
                    <option value="">"—"</option>
                    {bins.iter().map(|bin| view! { <option value=bin.id.to_string()>{bin.name.clone()}</option> }).collect_view()}
                </select>
                <label for="compose-reach">{t(T::WithinDistance)}</label>
                <select id="compose-reach" name="reach">
                    {REACHES.iter().map(|m| view! {
                        <option value=m.to_string() selected=*m == 1_000>{if *m >= 1_000 { format!("{} km", m / 1_000) } else { format!("{m} m") }}</option>
                    }).collect_view()}
                </select>
            </div>
            <div aria-live="polite" data-test-area-preview="">
                <p class="hint" data-preview="none">{t(T::AreaNotDrawn)}</p>
                <p class="hint warning" hidden=true data-preview="empty">{t(T::AreaReachesNone)}</p>
                <p hidden=true data-preview="some">{t(T::AreaReaches)}" "<span data-preview-count="">"0"</span></p>
                <ul class="plain" hidden=true data-preview-list=""></ul>
            </div>
        </div>
    }
}
