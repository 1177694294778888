//! Choosing an area of the zone for a message: a circle or a polygon drawn on the zone's map
//! (with a pointer, once the page's island runs), or, from the keyboard and without
//! JavaScript, a distance around one of the zone's networks. The networks the area touches are
//! shown as it changes, by the same rule the server applies when it sends.
//!
//! The server writes the whole picker: the map with the networks (each with its place and
//! reach), the drawing (empty), the choices and the three ways the preview can read. The
//! island (`AreaDrawing`) draws nothing of its own: it acts on that markup.

use crate::i18n::t;
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
        <div class="area-picker stack" data-test-area-picker="">
            <p class="hint" id="area-help">{t(T::AreaHelp)}</p>
            // Drawing needs JavaScript: the island shows the tools.
            <div class="row" role="group" aria-label=t(T::AreaTools) hidden=true data-area-tools="">
                <button type="button" class="secondary" aria-pressed="true" data-test-tool="circle">{t(T::DrawCircle)}</button>
                <button type="button" class="secondary" aria-pressed="false" data-test-tool="polygon">{t(T::DrawPolygon)}</button>
                <button type="button" class="secondary" data-test-tool="clear">{t(T::ClearArea)}</button>
            </div>
            <svg class="area-map" viewBox=view_box.clone() preserveAspectRatio="xMidYMid meet" role="img"
                aria-label=t(T::AreaMapLabel) aria-describedby="area-help" data-view-box=view_box data-test-area-map="">
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
            <AreaDrawing/>
        </div>
    }
}

/// Drawing the area in the browser, an island: the pointer draws a circle or a polygon, the
/// choice of a network and a distance draws its circle, and the preview and the form's `shape`
/// follow.
#[island(lazy)]
fn AreaDrawing() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::start();
}

#[cfg(feature = "hydrate")]
mod client {
    use crate::messaging::area::{Area, MAX_CORNERS, MAX_RADIUS};
    use crate::messaging::types::TargetBin;
    use crate::ui::closest;
    use crate::ui::dom::{element, find, find_all, listen, number, set_shown};
    use leptos::prelude::*;
    use leptos::web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement, PointerEvent};
    use std::cell::RefCell;
    use std::rc::Rc;

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Tool {
        Circle,
        Polygon,
    }

    /// The picker's state, and the markup it shows it in.
    struct Picker {
        root: Element,
        view_box: (i32, i32, i32, i32),
        bins: Vec<(TargetBin, Element)>,
        tool: Tool,
        corners: Vec<(i32, i32)>,
        pressed: Option<(i32, i32)>,
        area: Option<Area>,
    }

    /// Puts the handlers on the picker the server wrote, and shows the tools.
    pub fn start() {
        let Some(root) = element("[data-test-area-picker]") else { return };
        let Some(svg) = find::<Element>(&root, "svg.area-map") else { return };
        let Some(view_box) = svg.get_attribute("data-view-box").and_then(|v| {
            let n: Vec<i32> = v.split(' ').filter_map(|n| n.parse().ok()).collect();
            (n.len() == 4).then(|| (n[0], n[1], n[2], n[3]))
        }) else {
            return;
        };
        let bins = find_all(&svg, "[data-test-area-bin]")
            .into_iter()
            .filter_map(|dot| {
                let bin = TargetBin {
                    id: number(&dot, "data-test-area-bin")?,
                    name: dot.text_content().unwrap_or_default().trim().to_string(),
                    kind: String::new(),
                    municipality: dot.get_attribute("data-place").unwrap_or_default(),
                    members: 0,
                    x: number(&dot, "cx")?,
                    y: number(&dot, "cy")?,
                    reach: number(&dot, "data-reach")?,
                };
                Some((bin, dot))
            })
            .collect();
        let picker = Rc::new(RefCell::new(Picker {
            root: root.clone(),
            view_box,
            bins,
            tool: Tool::Circle,
            corners: Vec::new(),
            pressed: None,
            area: None,
        }));
        picker.borrow().draw();
        if let Some(tools) = find::<Element>(&root, "[data-area-tools]") {
            set_shown(&tools, true);
        }
        let on = |target: &Element, name: &str, handler: fn(&mut Picker, Event)| {
            let picker = picker.clone();
            listen(target, name, move |ev: Event| handler(&mut picker.borrow_mut(), ev));
        };
        on(&svg, "pointerdown", Picker::down);
        on(&svg, "pointermove", Picker::moved);
        on(&svg, "pointerup", |p, _| p.pressed = None);
        on(&svg, "pointercancel", |p, _| p.pressed = None);
        on(&root, "click", Picker::tool);
        on(&root, "change", |p, _| p.circle_around());
    }

    impl Picker {
        /// Where a pointer is, in map units.
        fn point(&self, ev: &Event) -> Option<(i32, i32)> {
            use leptos::wasm_bindgen::JsCast;
            let ev = ev.dyn_ref::<PointerEvent>()?;
            let (x, y) = crate::ui::point_in_svg(ev, "svg.area-map", self.view_box)?;
            Some((x.round() as i32, y.round() as i32))
        }

        fn down(&mut self, ev: Event) {
            let Some(point) = self.point(&ev) else { return };
            ev.prevent_default();
            match self.tool {
                Tool::Circle => {
                    self.pressed = Some(point);
                    self.set(Some(Area::Circle { x: point.0, y: point.1, r: 1 }));
                }
                Tool::Polygon => {
                    if self.corners.len() < MAX_CORNERS {
                        self.corners.push(point);
                    }
                    // Three corners make an area; before, the corners are drawn as a line.
                    self.set(Area::parse(&Area::Polygon(self.corners.clone()).code()));
                }
            }
        }

        fn moved(&mut self, ev: Event) {
            let (Some((x, y)), Some(point)) = (self.pressed, self.point(&ev)) else { return };
            let r = f64::from(point.0 - x).hypot(f64::from(point.1 - y)).round() as i32;
            self.set(Some(Area::Circle { x, y, r: r.clamp(1, MAX_RADIUS) }));
        }

        /// The tool buttons: a circle, a polygon (started afresh), or no area.
        fn tool(&mut self, ev: Event) {
            let Some(button) = closest(&ev, "[data-test-tool]") else { return };
            match button.get_attribute("data-test-tool").as_deref() {
                Some("circle") => self.tool = Tool::Circle,
                Some("polygon") => {
                    self.tool = Tool::Polygon;
                    self.corners.clear();
                    self.set(None);
                }
                Some("clear") => {
                    self.corners.clear();
                    if let Some(around) = find::<HtmlSelectElement>(&self.root, "#compose-around") {
                        around.set_value("");
                    }
                    self.set(None);
                }
                _ => return,
            }
            for (name, tool) in [("circle", Tool::Circle), ("polygon", Tool::Polygon)] {
                if let Some(b) = find::<Element>(&self.root, &format!("[data-test-tool={name}]")) {
                    let _ = b.set_attribute("aria-pressed", if self.tool == tool { "true" } else { "false" });
                }
            }
        }

        /// The keyboard's circle: the distance around the chosen network, as the server draws it.
        fn circle_around(&mut self) {
            let value = |id: &str| find::<HtmlSelectElement>(&self.root, id).map(|s| s.value()).unwrap_or_default();
            let around = value("#compose-around").parse::<i64>().ok();
            let reach = value("#compose-reach").parse::<i32>().unwrap_or(1_000);
            let centre = around.and_then(|id| self.bins.iter().find(|(b, _)| b.id == id).map(|(b, _)| (b.x, b.y)));
            self.set(centre.map(|(x, y)| Area::Circle { x, y, r: (reach + 50) / 100 }));
        }

        fn set(&mut self, area: Option<Area>) {
            // An area drawn or chosen is where the form sends.
            if area.is_some()
                && let Some(radio) = element("input[name=scope][value=area]")
            {
                use leptos::wasm_bindgen::JsCast;
                if let Some(radio) = radio.dyn_ref::<HtmlInputElement>() {
                    radio.set_checked(true);
                }
            }
            self.area = area;
            self.draw();
        }

        /// Shows the state: the form's `shape`, the drawing, the networks reached and the preview.
        fn draw(&self) {
            if let Some(input) = find::<HtmlInputElement>(&self.root, "input[name=shape]") {
                input.set_value(&self.area.as_ref().map(Area::code).unwrap_or_default());
            }
            let drawn = |name: &str| find::<Element>(&self.root, &format!("[data-drawn={name}]"));
            if let Some(circle) = drawn("circle") {
                if let Some(Area::Circle { x, y, r }) = &self.area {
                    for (name, value) in [("cx", x), ("cy", y), ("r", r)] {
                        let _ = circle.set_attribute(name, &value.to_string());
                    }
                }
                set_shown(&circle, matches!(self.area, Some(Area::Circle { .. })));
            }
            if let Some(polygon) = drawn("polygon") {
                if let Some(Area::Polygon(corners)) = &self.area {
                    let _ = polygon.set_attribute("points", &points(corners));
                }
                set_shown(&polygon, matches!(self.area, Some(Area::Polygon(_))));
            }
            if let Some(line) = drawn("corners") {
                let _ = line.set_attribute("points", &points(&self.corners));
                set_shown(&line, self.area.is_none());
            }
            let mut reached = Vec::new();
            for (bin, dot) in &self.bins {
                let hit = self.area.as_ref().is_some_and(|a| bin.in_area(a));
                let _ = dot.set_attribute("class", if hit { "area-bin reached" } else { "area-bin" });
                if hit {
                    reached.push(format!("{} · {}", bin.name, bin.municipality));
                }
            }
            let part = |name: &str| find::<Element>(&self.root, &format!("[data-preview={name}]"));
            let state = match (&self.area, reached.is_empty()) {
                (None, _) => "none",
                (Some(_), true) => "empty",
                (Some(_), false) => "some",
            };
            for name in ["none", "empty", "some"] {
                if let Some(line) = part(name) {
                    set_shown(&line, name == state);
                }
            }
            if let Some(count) = find::<Element>(&self.root, "[data-preview-count]") {
                count.set_text_content(Some(&reached.len().to_string()));
            }
            if let Some(list) = find::<Element>(&self.root, "[data-preview-list]") {
                list.set_inner_html("");
                for line in &reached {
                    if let Ok(item) = document().create_element("li") {
                        item.set_text_content(Some(line));
                        let _ = list.append_child(&item);
                    }
                }
                set_shown(&list, !reached.is_empty());
            }
        }
    }

    fn points(corners: &[(i32, i32)]) -> String {
        corners.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ")
    }
}
