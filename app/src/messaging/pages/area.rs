//! Choosing an area of the zone for a message: a circle or a polygon drawn on the zone's map
//! (with a pointer, after the page has come alive), or, from the keyboard and without
//! JavaScript, a distance around one of the zone's networks. The networks the area touches are
//! shown as it changes, by the same rule the server applies when it sends.

use crate::i18n::t;
use crate::messaging::area::Area;
use crate::messaging::texts::T;
use crate::messaging::types::{TargetBin, ZoneMap};
use leptos::prelude::*;

/// Distances offered around a network, in metres.
const REACHES: [i32; 5] = [500, 1_000, 2_000, 5_000, 10_000];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Circle,
    Polygon,
}

/// The area picker, an island: it draws the area and the networks it reaches in the browser.
#[island(lazy)]
pub fn AreaPicker(bins: Vec<TargetBin>, map: ZoneMap) -> impl IntoView {
    let bins = StoredValue::new(bins);
    let (vx, vy, vw, vh) = map.view_box;
    let shape = RwSignal::new(String::new());
    let around = RwSignal::new(None::<i64>);
    let reach = RwSignal::new(1_000);
    let tool = RwSignal::new(Tool::Circle);
    let corners = RwSignal::new(Vec::<(i32, i32)>::new());
    let pressed = StoredValue::new(None::<(i32, i32)>);
    let alive = RwSignal::new(false);
    Effect::new(move |_| alive.set(true));
    let area = Memo::new(move |_| Area::parse(&shape.get()));
    let set_shape = move |area: Option<Area>| {
        // An area drawn or chosen is where the form sends.
        if area.is_some() {
            choose_area_scope();
        }
        shape.set(area.map(|a| a.code()).unwrap_or_default());
    };
    // The keyboard's circle: the distance around the chosen network, as the server draws it.
    let circle_around = move || {
        let centre = around.get().and_then(|id| bins.with_value(|b| b.iter().find(|b| b.id == id).map(|b| (b.x, b.y))));
        set_shape(centre.map(|(x, y)| Area::Circle { x, y, r: (reach.get() + 50) / 100 }));
    };
    let reached = move || -> Vec<(String, String)> {
        let Some(area) = area.get() else { return Vec::new() };
        bins.with_value(|b| {
            b.iter().filter(|b| b.in_area(&area)).map(|b| (b.name.clone(), b.municipality.clone())).collect()
        })
    };
    let stroke = f64::from(vw) / 400.0;

    // Pointer positions in map units.
    let to_map = move |ev: &leptos::ev::PointerEvent| -> Option<(i32, i32)> {
        let (x, y) = crate::ui::point_in_svg(ev, "svg.area-map", (vx, vy, vw, vh))?;
        Some((x.round() as i32, y.round() as i32))
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        let Some(point) = to_map(&ev) else { return };
        ev.prevent_default();
        match tool.get_untracked() {
            Tool::Circle => {
                pressed.set_value(Some(point));
                set_shape(Some(Area::Circle { x: point.0, y: point.1, r: 1 }));
            }
            Tool::Polygon => {
                corners.update(|c| {
                    if c.len() < crate::messaging::area::MAX_CORNERS {
                        c.push(point);
                    }
                });
                set_shape(Area::parse(&polygon_code(&corners.get_untracked())));
            }
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let (Some((x, y)), Some(point)) = (pressed.get_value(), to_map(&ev)) else { return };
        let r = f64::from(point.0 - x).hypot(f64::from(point.1 - y)).round() as i32;
        set_shape(Some(Area::Circle { x, y, r: r.clamp(1, crate::messaging::area::MAX_RADIUS) }));
    };
    let on_up = move |_: leptos::ev::PointerEvent| pressed.set_value(None);
    let clear = move |_| {
        corners.set(Vec::new());
        around.set(None);
        set_shape(None);
    };

    view! {
        <div class="area-picker stack" data-test-area-picker="">
            <p class="hint" id="area-help">{t(T::AreaHelp)}</p>
            <Show when=move || alive.get()>
                <div class="row" role="group" aria-label=t(T::AreaTools)>
                    <button type="button" class="secondary" aria-pressed=move || (tool.get() == Tool::Circle).to_string()
                        on:click=move |_| tool.set(Tool::Circle) data-test-tool="circle">{t(T::DrawCircle)}</button>
                    <button type="button" class="secondary" aria-pressed=move || (tool.get() == Tool::Polygon).to_string()
                        on:click=move |_| { tool.set(Tool::Polygon); corners.set(Vec::new()); set_shape(None); } data-test-tool="polygon">{t(T::DrawPolygon)}</button>
                    <button type="button" class="secondary" on:click=clear data-test-tool="clear">{t(T::ClearArea)}</button>
                </div>
            </Show>
            <svg class="area-map" viewBox=format!("{vx} {vy} {vw} {vh}") preserveAspectRatio="xMidYMid meet"
                role="img" aria-label=t(T::AreaMapLabel) aria-describedby="area-help"
                on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up data-test-area-map="">
                <image href="/map/base.svg" x="0" y="0" width=map.width height=map.height/>
                {move || bins.with_value(|b| b.iter().map(|bin| {
                    let hit = area.get().is_some_and(|a| bin.in_area(&a));
                    view! {
                        <circle class=if hit { "area-bin reached" } else { "area-bin" } cx=bin.x cy=bin.y
                            r=(f64::from(bin.reach) / 100.0).max(stroke * 3.0) stroke-width=stroke data-test-area-bin=bin.id>
                            <title>{bin.name.clone()}</title>
                        </circle>
                    }
                }).collect_view())}
                {move || match area.get() {
                    Some(Area::Circle { x, y, r }) => view! { <circle class="area-drawn" cx=x cy=y r=r stroke-width=stroke/> }.into_any(),
                    Some(Area::Polygon(c)) => view! { <polygon class="area-drawn" points=points(&c) stroke-width=stroke/> }.into_any(),
                    None => {
                        let c = corners.get();
                        view! { <polyline class="area-drawn" points=points(&c) stroke-width=stroke/> }.into_any()
                    }
                }}
            </svg>
            <input type="hidden" name="shape" prop:value=move || shape.get() data-test-shape=""/>
            <div class="row">
                <label for="compose-around">{t(T::AroundNetwork)}</label>
                <select id="compose-around" name="around" on:change=move |ev| {
                    around.set(event_target_value(&ev).parse().ok());
                    circle_around();
                }>
                    <option value="">"—"</option>
                    {bins.with_value(|b| b.iter().map(|bin| view! { <option value=bin.id.to_string()>{bin.name.clone()}</option> }).collect_view())}
                </select>
                <label for="compose-reach">{t(T::WithinDistance)}</label>
                <select id="compose-reach" name="reach" on:change=move |ev| {
                    reach.set(event_target_value(&ev).parse().unwrap_or(1_000));
                    circle_around();
                }>
                    {REACHES.iter().map(|m| view! {
                        <option value=m.to_string() selected=*m == 1_000>{if *m >= 1_000 { format!("{} km", m / 1_000) } else { format!("{m} m") }}</option>
                    }).collect_view()}
                </select>
            </div>
            <div aria-live="polite" data-test-area-preview="">
                {move || {
                    let reached = reached();
                    if area.get().is_none() {
                        view! { <p class="hint">{t(T::AreaNotDrawn)}</p> }.into_any()
                    } else if reached.is_empty() {
                        view! { <p class="hint warning">{t(T::AreaReachesNone)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{t(T::AreaReaches)}" "{reached.len()}</p>
                            <ul class="plain">{reached.into_iter().map(|(name, place)| view! { <li>{name}" · "{place}</li> }).collect_view()}</ul>
                        }.into_any()
                    }
                }}
            </div>
        </div>
    }
}

/// Ticks "an area on the map" among the recipients of the form around the picker.
fn choose_area_scope() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(radio) = document()
            .query_selector("input[name=scope][value=area]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
        {
            radio.set_checked(true);
        }
    }
}

fn polygon_code(corners: &[(i32, i32)]) -> String {
    let points: Vec<String> = corners.iter().map(|(x, y)| format!("{x},{y}")).collect();
    format!("polygon:{}", points.join(";"))
}

fn points(corners: &[(i32, i32)]) -> String {
    corners.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ")
}
