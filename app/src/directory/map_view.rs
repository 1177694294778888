//! The map: the base map of Belgium with the networks of the current view, drawn on the server
//! as SVG (`MapPicture`). Zoom and pan are links that change the view in the address, so they
//! work without JavaScript; with it, the keyboard (+, −, arrows), the mouse wheel, dragging and
//! pinching move it too (`MovableMap`, around the server's drawing).

use crate::directory::finder::{FinderQuery, view_href};
use crate::directory::map::{MapFrame, MapView};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::use_navigate;

/// The server's drawing of the map, `html`, and what moves it. The handlers sit on this frame
/// and act on what happens inside the canvas (the drawing is HTML, not components).
///
/// The new map replaces the old one, focused element included, so what had the focus in the map
/// when it moved (`focus`, kept by the page) gets it back in the new one.
#[component]
pub fn MovableMap(
    html: String,
    view: MapView,
    frame: MapFrame,
    query: Memo<FinderQuery>,
    focus: StoredValue<Option<String>>,
) -> impl IntoView {
    let w = view.size(frame).0;
    Effect::new(move |_| {
        if let Some(key) = focus.try_update_value(Option::take).flatten() {
            request_animation_frame(move || give_focus_back(&key));
        }
    });
    let remember_focus = move || focus.set_value(focused_in_map());
    let navigate = use_navigate();
    let go = move |v: MapView| {
        remember_focus();
        navigate(&view_href(&query.read_untracked(), v, None), Default::default());
    };
    let on_key = {
        let go = go.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if !in_canvas(&ev) {
                return;
            }
            let target = match ev.key().as_str() {
                "+" | "=" => Some(view.zoomed(1)),
                "-" | "_" => Some(view.zoomed(-1)),
                "ArrowLeft" => Some(view.panned(frame, -1, 0)),
                "ArrowRight" => Some(view.panned(frame, 1, 0)),
                "ArrowUp" => Some(view.panned(frame, 0, -1)),
                "ArrowDown" => Some(view.panned(frame, 0, 1)),
                _ => None,
            };
            if let Some(v) = target {
                ev.prevent_default();
                go(v);
            }
        }
    };
    let on_wheel = {
        let go = go.clone();
        move |ev: leptos::ev::WheelEvent| {
            if in_canvas(&ev) {
                ev.prevent_default();
                go(view.zoomed(if ev.delta_y() < 0.0 { 1 } else { -1 }));
            }
        }
    };
    // Dragging the map moves it; a drag is not a click on what lies under the pointer. Two
    // fingers pinching zoom it: in or out by how far apart they end up.
    let drag_start = StoredValue::new(None::<(f64, f64)>);
    let dragged = StoredValue::new(false);
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    let pinch_start = StoredValue::new(None::<f64>);
    let spread = |p: &[(i32, f64, f64)]| match p {
        [a, b] => Some(((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt()),
        _ => None,
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        if !in_canvas(&ev) {
            return;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        pointers.update_value(|p| {
            p.retain(|(id, _, _)| *id != ev.pointer_id());
            p.push((ev.pointer_id(), x, y));
        });
        if let Some(start) = pointers.with_value(|p| spread(p)) {
            pinch_start.set_value(Some(start));
            drag_start.set_value(None);
        } else if ev.is_primary() {
            drag_start.set_value(Some((x, y)));
            dragged.set_value(false);
        }
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        pointers.update_value(|p| {
            if let Some(point) = p.iter_mut().find(|(id, _, _)| *id == ev.pointer_id()) {
                *point = (point.0, x, y);
            }
        });
    };
    let on_pointer_cancel = move |_: leptos::ev::PointerEvent| {
        pointers.update_value(Vec::clear);
        pinch_start.set_value(None);
        drag_start.set_value(None);
    };
    let on_pointer_up = {
        let go = go.clone();
        move |ev: leptos::ev::PointerEvent| {
            if let Some(start) = pinch_start.get_value() {
                let end = pointers.with_value(|p| spread(p));
                pointers.update_value(|p| p.retain(|(id, _, _)| *id != ev.pointer_id()));
                pinch_start.set_value(None);
                dragged.set_value(true);
                let levels = end.map(|end| crate::directory::map::pinch_levels(start, end)).unwrap_or(0);
                if levels != 0 {
                    go(view.zoomed(levels));
                }
                return;
            }
            pointers.update_value(|p| p.retain(|(id, _, _)| *id != ev.pointer_id()));
            let Some((x, y)) = drag_start.get_value() else { return };
            drag_start.set_value(None);
            // A drag that ends on the buttons, not the canvas, moves nothing.
            if !in_canvas(&ev) {
                return;
            }
            let (dx, dy) = (f64::from(ev.client_x()) - x, f64::from(ev.client_y()) - y);
            if dx.abs() + dy.abs() < 8.0 {
                return;
            }
            let width = ev
                .current_target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                .map(|e| f64::from(e.client_width()))
                .filter(|w| *w > 0.0);
            if let Some(width) = width {
                dragged.set_value(true);
                let units = f64::from(w) / width;
                go(view.moved_by(frame, (-dx * units).round() as i32, (-dy * units).round() as i32));
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if dragged.get_value() {
            ev.prevent_default();
            dragged.set_value(false);
        } else if crate::ui::closest(&ev, "a[href]").is_some() {
            // A button, marker or cluster (a link) moves the map.
            remember_focus();
        }
    };

    view! {
        <div
            class="map-frame"
            on:keydown=on_key
            on:wheel=on_wheel
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=on_pointer_up
            on:pointercancel=on_pointer_cancel
            on:click=on_click
            on:dragstart=|ev: leptos::ev::DragEvent| ev.prevent_default()
            inner_html=html
        ></div>
    }
}

/// What has the focus in the map, if anything: the canvas, or a link named by its label.
fn focused_in_map() -> Option<String> {
    let active = document().active_element()?;
    active.closest(".map-frame").ok().flatten()?;
    Some(match active.get_attribute("aria-label") {
        Some(label) if active.tag_name().eq_ignore_ascii_case("a") => label,
        _ => String::new(),
    })
}

/// Focuses the link labelled `label` in the map, or its canvas when there is none (or `label`
/// is empty).
fn give_focus_back(label: &str) {
    #[cfg(not(feature = "hydrate"))]
    let _ = label;
    #[cfg(feature = "hydrate")]
    {
        let Some(map) = document().query_selector(".map-frame").ok().flatten() else { return };
        let links = map.query_selector_all("a[aria-label]").ok();
        let link = links.and_then(|links| {
            (0..links.length())
                .filter_map(|i| links.item(i))
                .filter_map(|node| node.dyn_into::<leptos::web_sys::Element>().ok())
                .find(|link| !label.is_empty() && link.get_attribute("aria-label").as_deref() == Some(label))
        });
        let target = link.or_else(|| map.query_selector(".map-canvas").ok().flatten());
        if let Some(target) = target.and_then(|t| t.dyn_into::<leptos::web_sys::HtmlElement>().ok()) {
            let _ = target.focus();
        }
    }
}

/// Whether an event happened inside the map's canvas (not on its buttons).
fn in_canvas(ev: &leptos::ev::Event) -> bool {
    crate::ui::closest(ev, ".map-canvas").is_some()
}

/// The map for a view, as the server draws it: the controls (links), the canvas with the
/// markers and clusters, the count in view and the card of the selected network.
#[cfg(feature = "ssr")]
#[component]
pub fn MapPicture(
    answer: crate::directory::map::MapAnswer,
    query: FinderQuery,
    selected: Option<i64>,
) -> impl IntoView {
    use crate::directory::map::MapItem;
    use crate::directory::types::BinKind;
    use crate::i18n::{T, t};
    let frame = answer.frame;
    let view = answer.view;
    let (x0, y0, w, h) = view.view_box(frame);
    let href = |v: MapView| view_href(&query, v, None);
    let marker_r = (w as f64 / 110.0).max(0.6);
    let font = w as f64 / 60.0;
    let stroke = w as f64 / 700.0;
    let items = answer.items.clone();
    let selected_bin = items.iter().find_map(|i| match i {
        MapItem::Marker(b) if Some(b.id) == selected => Some(b.clone()),
        _ => None,
    });

    view! {
        <div class="map" data-test-map="" data-zoom=view.zoom>
            <div class="map-controls" role="group" aria-label=t(T::MapControls)>
                <a class="button" href=href(view.zoomed(1)) aria-label=t(T::ZoomIn) data-test-zoom-in="">"+"</a>
                <a class="button" href=href(view.zoomed(-1)) aria-label=t(T::ZoomOut) data-test-zoom-out="">"−"</a>
                <a class="button" href=href(view.panned(frame, 0, -1)) aria-label=t(T::PanNorth)>"↑"</a>
                <a class="button" href=href(view.panned(frame, -1, 0)) aria-label=t(T::PanWest)>"←"</a>
                <a class="button" href=href(view.panned(frame, 1, 0)) aria-label=t(T::PanEast)>"→"</a>
                <a class="button" href=href(view.panned(frame, 0, 1)) aria-label=t(T::PanSouth)>"↓"</a>
                <a class="button" href=href(MapView::whole(frame)) data-test-whole="">{t(T::WholeCountry)}</a>
            </div>
            <div class="map-canvas" tabindex="0" role="group" aria-label=t(T::MapLabel) aria-describedby="map-help" data-test-canvas="">
                <svg viewBox=format!("{x0} {y0} {w} {h}") preserveAspectRatio="xMidYMid meet" aria-hidden="false">
                    <image href="/map/base.svg" x="0" y="0" width=frame.width height=frame.height/>
                    {items.into_iter().map(|item| match item {
                        MapItem::Marker(bin) => {
                            let label = format!(
                                "{}{}{}",
                                bin.name,
                                if bin.kind == BinKind::BinZ { format!(", {}", t(T::KindBinZ)) } else { String::new() },
                                if bin.looking { format!(", {}", t(T::LookingForCoordinator)) } else { String::new() }
                            );
                            let class = if bin.looking { "marker looking" } else if bin.kind == BinKind::BinZ { "marker binz" } else { "marker" };
                            view! {
                                <a href=view_href(&query, view, Some(bin.id)) aria-label=label data-test-marker=bin.id>
                                    <circle class=class cx=bin.x cy=bin.y r=marker_r stroke-width=stroke/>
                                </a>
                            }.into_any()
                        }
                        MapItem::Cluster { x, y, count } => {
                            let zoom_to = MapView { x, y, zoom: view.zoom + 2 };
                            let r = marker_r * (1.6 + (count as f64).log10());
                            view! {
                                <a href=href(zoom_to) aria-label=format!("{count} {}", t(T::ClusterLabel)) data-test-cluster=count>
                                    <circle class="cluster" cx=x cy=y r=r stroke-width=stroke/>
                                    <text x=x y=y font-size=font text-anchor="middle" dominant-baseline="central">{count}</text>
                                </a>
                            }.into_any()
                        }
                    }).collect_view()}
                </svg>
            </div>
            <p class="hint" id="map-help">{t(T::MapHelp)}" "{format!("{} ", answer.in_view)}{t(T::NetworksInView)}</p>
            {selected_bin.map(|bin| view! {
                <aside class="card summary" aria-live="polite" data-test-summary=bin.id>
                    <h3>{bin.name.clone()}</h3>
                    <p>
                        {t(bin.kind.text())}
                        {bin.looking.then(|| view! { <span class="badge">{t(T::LookingForCoordinator)}</span> })}
                    </p>
                    <a href=format!("/bin/{}", bin.id)>{t(T::OpenBinPage)}</a>
                </aside>
            })}
        </div>
    }
}
