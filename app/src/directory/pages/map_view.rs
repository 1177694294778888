//! The map: the base map of Belgium with the networks of the current view, drawn on the server
//! as SVG (`MapPicture`). Zoom and pan are links that change the view in the address, so they
//! work without JavaScript; with it, the keyboard (+, −, arrows), the mouse wheel, dragging and
//! pinching move it too, in the page (`client`, started by the home page's island).

#[cfg(feature = "ssr")]
use crate::directory::finder::{FinderQuery, view_href};
#[cfg(feature = "ssr")]
use crate::directory::map::MapView;
#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// The map in the browser: the keyboard, the wheel, dragging and pinching move it, and its links
/// (buttons, markers, clusters) change it in the page. The handlers sit on the frame around the
/// server's drawing and act on what happens inside its canvas; the view is read from the drawing
/// (its `data-` attributes), which each move replaces.
///
/// The new map replaces the old one, focused element included, so what had the focus in the map
/// when it moved gets it back in the new one.
#[cfg(feature = "hydrate")]
pub(super) mod client {
    use crate::directory::finder::view_href;
    use crate::directory::map::{MapFrame, MapView};
    use crate::directory::pages::in_page::client::{current_query, show};
    use crate::ui::dom::listen;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::Element;

    /// Where the map is and how large the base map is, as the drawing says.
    fn drawn() -> Option<(MapView, MapFrame)> {
        let map = document().query_selector(".map-frame [data-test-map]").ok().flatten()?;
        let number = |name: &str| map.get_attribute(name)?.parse::<i32>().ok();
        Some((
            MapView { x: number("data-mx")?, y: number("data-my")?, zoom: number("data-zoom")? },
            MapFrame { width: number("data-fw")?, height: number("data-fh")? },
        ))
    }

    /// Moves the map to `href` in the page, the focus kept.
    fn go_to(href: &str) {
        let focus = focused_in_map();
        show(href, move || {
            if let Some(key) = focus {
                request_animation_frame(move || give_focus_back(&key));
            }
        });
    }

    fn go(view: MapView) {
        go_to(&view_href(&current_query(), view, None));
    }

    pub fn attach(frame: &Element) {
        listen(frame, "keydown", on_key);
        listen(frame, "wheel", |ev: leptos::ev::WheelEvent| {
            if in_canvas(&ev)
                && let Some((view, _)) = drawn()
            {
                ev.prevent_default();
                go(view.zoomed(if ev.delta_y() < 0.0 { 1 } else { -1 }));
            }
        });
        // Dragging the map moves it; a drag is not a click on what lies under the pointer. Two
        // fingers pinching zoom it: in or out by how far apart they end up.
        let gesture = std::rc::Rc::new(std::cell::RefCell::new(Gesture::default()));
        let g = gesture.clone();
        listen(frame, "pointerdown", move |ev: leptos::ev::PointerEvent| g.borrow_mut().down(&ev));
        let g = gesture.clone();
        listen(frame, "pointermove", move |ev: leptos::ev::PointerEvent| g.borrow_mut().moved(&ev));
        let g = gesture.clone();
        listen(frame, "pointercancel", move |_: leptos::ev::PointerEvent| g.borrow_mut().cancel());
        let g = gesture.clone();
        listen(frame, "pointerup", move |ev: leptos::ev::PointerEvent| {
            let view = g.borrow_mut().up(&ev);
            if let Some(view) = view {
                go(view);
            }
        });
        listen(frame, "click", move |ev: leptos::ev::MouseEvent| {
            if std::mem::take(&mut gesture.borrow_mut().dragged) {
                ev.prevent_default();
            } else if let Some(link) = crate::ui::closest(&ev, "a[href]") {
                // A button, marker or cluster (a link) moves the map, in place.
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                    return;
                }
                // Only the map's own views; a network's page opens as any page does.
                let Some(href) = link.get_attribute("href").filter(|h| h.starts_with("/?")) else { return };
                ev.prevent_default();
                // The fragment that brings a page without JavaScript to the map would scroll.
                go_to(href.trim_end_matches("#map"));
            }
        });
        listen(frame, "dragstart", |ev: leptos::ev::DragEvent| ev.prevent_default());
    }

    fn on_key(ev: leptos::ev::KeyboardEvent) {
        let Some((view, frame)) = drawn().filter(|_| in_canvas(&ev)) else { return };
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

    /// The pointers on the map: where a drag started, the pointers down, where a pinch started,
    /// and whether the last gesture moved the map (so its click is not a click).
    #[derive(Default)]
    struct Gesture {
        drag_start: Option<(f64, f64)>,
        dragged: bool,
        pointers: Vec<(i32, f64, f64)>,
        pinch_start: Option<f64>,
    }

    impl Gesture {
        fn spread(&self) -> Option<f64> {
            match self.pointers.as_slice() {
                [a, b] => Some(((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt()),
                _ => None,
            }
        }

        fn down(&mut self, ev: &leptos::ev::PointerEvent) {
            if !in_canvas(ev) {
                return;
            }
            let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
            self.pointers.retain(|(id, _, _)| *id != ev.pointer_id());
            self.pointers.push((ev.pointer_id(), x, y));
            if let Some(start) = self.spread() {
                self.pinch_start = Some(start);
                self.drag_start = None;
            } else if ev.is_primary() {
                self.drag_start = Some((x, y));
                self.dragged = false;
            }
        }

        fn moved(&mut self, ev: &leptos::ev::PointerEvent) {
            let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
            if let Some(point) = self.pointers.iter_mut().find(|(id, _, _)| *id == ev.pointer_id()) {
                *point = (point.0, x, y);
            }
        }

        fn cancel(&mut self) {
            self.pointers.clear();
            self.pinch_start = None;
            self.drag_start = None;
        }

        /// The view the gesture that ends here moves the map to, if any.
        fn up(&mut self, ev: &leptos::ev::PointerEvent) -> Option<MapView> {
            let (view, frame) = drawn()?;
            if let Some(start) = self.pinch_start.take() {
                let end = self.spread();
                self.pointers.retain(|(id, _, _)| *id != ev.pointer_id());
                self.dragged = true;
                let levels = end.map(|end| crate::directory::map::pinch_levels(start, end)).unwrap_or(0);
                return (levels != 0).then(|| view.zoomed(levels));
            }
            self.pointers.retain(|(id, _, _)| *id != ev.pointer_id());
            let (x, y) = self.drag_start.take()?;
            // A drag that ends on the buttons, not the canvas, moves nothing.
            if !in_canvas(ev) {
                return None;
            }
            let (dx, dy) = (f64::from(ev.client_x()) - x, f64::from(ev.client_y()) - y);
            if dx.abs() + dy.abs() < 8.0 {
                return None;
            }
            let width = ev
                .current_target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .map(|e| f64::from(e.client_width()))
                .filter(|w| *w > 0.0)?;
            self.dragged = true;
            let units = f64::from(view.size(frame).0) / width;
            Some(view.moved_by(frame, (-dx * units).round() as i32, (-dy * units).round() as i32))
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
        let Some(map) = document().query_selector(".map-frame").ok().flatten() else { return };
        let links = map.query_selector_all("a[aria-label]").ok();
        let link = links.and_then(|links| {
            (0..links.length())
                .filter_map(|i| links.item(i))
                .filter_map(|node| node.dyn_into::<Element>().ok())
                .find(|link| !label.is_empty() && link.get_attribute("aria-label").as_deref() == Some(label))
        });
        let target = link.or_else(|| map.query_selector(".map-canvas").ok().flatten());
        if let Some(target) = target.and_then(|t| t.dyn_into::<leptos::web_sys::HtmlElement>().ok()) {
            let _ = target.focus();
        }
    }

    /// Whether an event happened inside the map's canvas (not on its buttons).
    fn in_canvas(ev: &leptos::ev::Event) -> bool {
        crate::ui::closest(ev, ".map-canvas").is_some()
    }
}

/// The map for a view, as the server draws it: the controls (links), the canvas with the
/// markers and clusters, the count in view and the card of the selected network.
/// The names of places on a map whose view is `w` map units wide (`place_labels`), for the eye
/// only: the map's own label and the lists say what matters.
#[cfg(feature = "ssr")]
#[component]
pub fn PlaceNames(labels: Vec<crate::directory::map::MapLabel>, w: i32) -> impl IntoView {
    use crate::directory::map::{marker_radius, text_size};
    let (r, font, stroke) = (marker_radius(w) / 4.0, text_size(w), f64::from(w) / 500.0);
    view! {
        <g class="places" aria-hidden="true">
            {labels.into_iter().map(|l| view! {
                <circle class="place-dot" cx=l.x cy=l.y r=r/>
                <text class=if l.main { "place main" } else { "place" } x=format!("{:.1}", l.text_x) y=format!("{:.1}", l.text_y)
                    font-size=format!("{:.1}", if l.main { font } else { font * 0.9 }) text-anchor=l.anchor stroke-width=stroke * 3.0>
                    {l.name}
                </text>
            }).collect_view()}
        </g>
    }
}

/// The path of a pin whose point is at `(x, y)`, on a map whose view is `w` map units wide.
#[cfg(feature = "ssr")]
pub fn pin_path(x: i32, y: i32, w: i32) -> String {
    let r = crate::directory::map::marker_radius(w);
    format!("M{x} {y} l{a:.1} {b:.1} a{a:.1} {a:.1} 0 1 0 {c:.1} 0 z", a = r * 1.2, b = -r * 2.4, c = -r * 2.4)
}

#[cfg(feature = "ssr")]
#[component]
pub fn MapPicture(
    answer: crate::directory::map::MapAnswer,
    query: FinderQuery,
    selected: Option<i64>,
    /// The searched place, in map units.
    pin: Option<(i32, i32)>,
) -> impl IntoView {
    use crate::directory::map::{MapItem, marker_radius, tap_radius, text_size};
    use crate::directory::texts::T;
    use crate::directory::types::BinKind;
    use crate::i18n::{Common, t};
    let lang = crate::i18n::use_lang();
    let frame = answer.frame;
    let view = answer.view;
    let (x0, y0, w, h) = view.view_box(frame);
    // Without JavaScript a link lands on the map, not at the top of the page.
    let href = |v: MapView| format!("{}#map", view_href(&query, v, None));
    let marker_r = marker_radius(w);
    let tap_r = tap_radius(w);
    let font = text_size(w);
    let stroke = w as f64 / 500.0;
    let items = answer.items.clone();
    let selected_bin = items.iter().find_map(|i| match i {
        MapItem::Marker(b) if Some(b.id) == selected => Some(b.clone()),
        _ => None,
    });
    let kind_name = |kind: BinKind| t(kind.text());

    view! {
        <div class="map" id="map" data-test-map="" data-zoom=view.zoom data-mx=view.x data-my=view.y
            data-fw=frame.width data-fh=frame.height>
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
                    <PlaceNames labels=answer.labels.clone() w/>
                    {pin.map(|(px, py)| view! {
                        <g class="pin" data-test-pin="">
                            <title>{t(T::SearchedPlace)}</title>
                            <path d=pin_path(px, py, w) stroke-width=stroke/>
                        </g>
                    })}
                    {items.into_iter().map(|item| match item {
                        MapItem::Marker(bin) => {
                            let label = format!(
                                "{}{}{}",
                                bin.name,
                                if bin.kind == BinKind::BinZ { format!(", {}", kind_name(bin.kind)) } else { String::new() },
                                if bin.looking { format!(", {}", t(Common::LookingForCoordinator)) } else { String::new() }
                            );
                            let chosen = Some(bin.id) == selected;
                            let class = format!(
                                "marker{}{}",
                                if bin.looking { " looking" } else if bin.kind == BinKind::BinZ { " binz" } else { "" },
                                if chosen { " selected" } else { "" }
                            );
                            view! {
                                <a href=format!("{}#map", view_href(&query, view, Some(bin.id))) aria-label=label aria-current=chosen.then_some("true") data-test-marker=bin.id>
                                    <circle class="tap" cx=bin.x cy=bin.y r=tap_r/>
                                    <circle class=class cx=bin.x cy=bin.y r=if chosen { marker_r * 1.4 } else { marker_r } stroke-width=stroke * 2.0/>
                                </a>
                            }.into_any()
                        }
                        MapItem::Cluster { x, y, count } => {
                            let zoom_to = MapView { x, y, zoom: view.zoom + 2 };
                            let r = marker_r * (1.5 + (count as f64).log10());
                            view! {
                                <a href=href(zoom_to) aria-label=crate::i18n::fill(lang, t(T::ClusterLabel), &[count.to_string()]) data-test-cluster=count>
                                    <circle class="tap" cx=x cy=y r=tap_r.max(r)/>
                                    <circle class="cluster" cx=x cy=y r=r stroke-width=stroke * 2.0/>
                                    <text x=x y=y font-size=format!("{:.1}", font) text-anchor="middle" dominant-baseline="central">{count}</text>
                                </a>
                            }.into_any()
                        }
                    }).collect_view()}
                </svg>
            </div>
            <ul class="map-legend" aria-label=t(T::MapLegend)>
                <li><span class="swatch bin" aria-hidden="true"></span>{t(Common::KindBin)}</li>
                <li><span class="swatch binz" aria-hidden="true"></span>{t(Common::KindBinZ)}</li>
                <li><span class="swatch looking" aria-hidden="true"></span>{t(Common::LookingForCoordinator)}</li>
                <li><span class="swatch cluster" aria-hidden="true"></span>{t(T::ClusterLegend)}</li>
            </ul>
            <p class="hint" id="map-help">{t(T::MapHelp)}" "{crate::i18n::fill(lang, t(T::NetworksInView), &[crate::i18n::format_count(answer.in_view as i64, lang)])}</p>
            {selected_bin.map(|bin| view! {
                <aside class="card summary" aria-live="polite" data-test-summary=bin.id>
                    <h3>{bin.name.clone()}</h3>
                    <p>
                        {kind_name(bin.kind)}
                        {bin.looking.then(|| view! { <span class="badge">{t(Common::LookingForCoordinator)}</span> })}
                    </p>
                    <a href=format!("/bin/{}", bin.id)>{t(T::OpenBinPage)}</a>
                </aside>
            })}
        </div>
    }
}
