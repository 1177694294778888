//! The interactive map of Belgium: the view (centre and zoom, kept in the URL so it works
//! without JavaScript and can be shared), clustering of markers for a view, and the component.

use crate::directory::types::BinKind;
use serde::{Deserialize, Serialize};

/// The size of the base map, in map units (hectometres).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapFrame {
    pub width: i32,
    pub height: i32,
}

/// The deepest zoom: 2^6 = 64 times the whole country (about 4 km across).
pub const MAX_ZOOM: i32 = 6;

/// What part of the map is shown: a centre in map units and a zoom level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapView {
    pub x: i32,
    pub y: i32,
    pub zoom: i32,
}

impl MapView {
    /// The whole country.
    pub fn whole(frame: MapFrame) -> MapView {
        MapView { x: frame.width / 2, y: frame.height / 2, zoom: 0 }
    }

    /// A view from URL values, clamped into the map; anything missing or absurd falls back to
    /// the whole country.
    pub fn from_parts(frame: MapFrame, x: Option<i32>, y: Option<i32>, zoom: Option<i32>) -> MapView {
        let zoom = zoom.unwrap_or(0).clamp(0, MAX_ZOOM);
        let whole = MapView::whole(frame);
        MapView { x: x.unwrap_or(whole.x).clamp(0, frame.width), y: y.unwrap_or(whole.y).clamp(0, frame.height), zoom }
    }

    /// Width and height of the visible area in map units.
    pub fn size(self, frame: MapFrame) -> (i32, i32) {
        let scale = 1 << self.zoom.clamp(0, MAX_ZOOM);
        ((frame.width / scale).max(1), (frame.height / scale).max(1))
    }

    /// The SVG `viewBox` of this view.
    pub fn view_box(self, frame: MapFrame) -> (i32, i32, i32, i32) {
        let (w, h) = self.size(frame);
        (self.x - w / 2, self.y - h / 2, w, h)
    }

    /// Zoomed by `by` levels (each level doubles the scale), within the map's range.
    pub fn zoomed(self, by: i32) -> MapView {
        MapView { zoom: (self.zoom + by).clamp(0, MAX_ZOOM), ..self }
    }

    /// Moved by `dx`, `dy` map units (a drag), kept inside the map.
    pub fn moved_by(self, frame: MapFrame, dx: i32, dy: i32) -> MapView {
        MapView { x: (self.x + dx).clamp(0, frame.width), y: (self.y + dy).clamp(0, frame.height), ..self }
    }

    /// Moved by a fraction of the view: `dx`, `dy` in quarters of its width and height.
    pub fn panned(self, frame: MapFrame, dx: i32, dy: i32) -> MapView {
        let (w, h) = self.size(frame);
        MapView {
            x: (self.x + dx * w / 4).clamp(0, frame.width),
            y: (self.y + dy * h / 4).clamp(0, frame.height),
            ..self
        }
    }
}

/// One network as the map knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapBin {
    pub id: i64,
    pub name: String,
    pub kind: BinKind,
    pub looking: bool,
    pub x: i32,
    pub y: i32,
}

/// What is drawn for a view: single networks, and clusters where they crowd.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MapItem {
    Marker(MapBin),
    Cluster { x: i32, y: i32, count: usize },
}

/// The map as a page draws it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapAnswer {
    pub frame: MapFrame,
    pub view: MapView,
    pub items: Vec<MapItem>,
    /// How many networks lie in the view.
    pub in_view: usize,
    /// Names of places in view, placed where they cover no marker and no other name.
    pub labels: Vec<MapLabel>,
}

/// A place's name on the map: its point, and where the text sits (below or above it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapLabel {
    pub name: String,
    pub x: i32,
    pub y: i32,
    /// Where the text sits: its anchor point and how it hangs from it (`middle`, `start`, `end`).
    pub text_x: f64,
    pub text_y: f64,
    pub anchor: String,
    /// A municipality (drawn stronger) or a part of one.
    pub main: bool,
}

/// The size of drawn things for a view of width `w` map units, so that on a phone (about
/// 360 px wide) markers are about 14 px across with a 44 px tap area, and text is at least
/// 11 px.
pub fn marker_radius(w: i32) -> f64 {
    (f64::from(w) / 52.0).max(0.6)
}
pub fn tap_radius(w: i32) -> f64 {
    f64::from(w) / 16.0
}
pub fn text_size(w: i32) -> f64 {
    f64::from(w) / 31.0
}

/// Places names (most important first) where they fit: below their point, else above, never
/// over a drawn marker or cluster, the searched place's pin, or another name. `places` are
/// (name, x, y, main).
pub fn place_labels(
    view: MapView,
    frame: MapFrame,
    items: &[MapItem],
    pin: Option<(i32, i32)>,
    places: Vec<(String, i32, i32, bool)>,
) -> Vec<MapLabel> {
    let (x0, y0, w, h) = view.view_box(frame);
    let font = text_size(w);
    let r = marker_radius(w);
    let mut taken: Vec<(f64, f64, f64, f64)> = items
        .iter()
        .map(|item| {
            let (x, y, reach) = match item {
                MapItem::Marker(b) => (b.x, b.y, r),
                MapItem::Cluster { x, y, count } => (*x, *y, r * (1.6 + (*count as f64).log10())),
            };
            (f64::from(x) - reach, f64::from(y) - reach, f64::from(x) + reach, f64::from(y) + reach)
        })
        .collect();
    // The pin stands on its point and reaches up about 3.6 marker radii (see `MapPicture`).
    if let Some((px, py)) = pin {
        let (px, py) = (f64::from(px), f64::from(py));
        taken.push((px - r * 1.3, py - r * 3.7, px + r * 1.3, py + r * 0.2));
    }
    let overlaps =
        |a: &(f64, f64, f64, f64), b: &(f64, f64, f64, f64)| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let mut out = Vec::new();
    for (name, x, y, main) in places {
        if out.len() >= 40 || !(x0..x0 + w).contains(&x) || !(y0..y0 + h).contains(&y) {
            continue;
        }
        let width = font * 0.55 * name.chars().count() as f64;
        let (fx, fy) = (f64::from(x), f64::from(y));
        let gap = r * 1.5;
        // Below, above, right or left of the point: the first spot free and inside the view.
        let spots = [
            ((fx - width / 2.0, fy + font * 0.3, fx + width / 2.0, fy + font * 1.3), fx, "middle"),
            ((fx - width / 2.0, fy - font * 1.3, fx + width / 2.0, fy - font * 0.3), fx, "middle"),
            ((fx + gap, fy - font * 0.5, fx + gap + width, fy + font * 0.5), fx + gap, "start"),
            ((fx - gap - width, fy - font * 0.5, fx - gap, fy + font * 0.5), fx - gap, "end"),
        ];
        let (left, top, right, bottom) = (f64::from(x0), f64::from(y0), f64::from(x0 + w), f64::from(y0 + h));
        let Some((spot, text_x, anchor)) = spots.into_iter().find(|(b, _, _)| {
            b.0 >= left && b.1 >= top && b.2 <= right && b.3 <= bottom && !taken.iter().any(|t| overlaps(b, t))
        }) else {
            continue;
        };
        taken.push(spot);
        out.push(MapLabel { name, x, y, text_x, text_y: spot.3 - font * 0.25, anchor: anchor.to_string(), main });
    }
    out
}

/// Groups the networks inside `view`: each network joins the first group whose first member
/// lies within a twelfth of the view's width, else starts a group. A group of one shows the
/// network, a larger group shows a cluster at its members' mean position with the count. Groups
/// start at least that far apart, so drawn items do not cover each other. A grid of that cell
/// size finds the candidate groups, so the cost stays near-linear in the networks in view.
pub fn cluster<'a>(frame: MapFrame, view: MapView, bins: impl Iterator<Item = &'a MapBin>) -> (Vec<MapItem>, usize) {
    let (x0, y0, w, h) = view.view_box(frame);
    let reach = i64::from((w / 12).max(1));
    let mut groups: Vec<(i32, i32, Vec<&MapBin>)> = Vec::new();
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> = std::collections::HashMap::new();
    let mut in_view = 0;
    for bin in bins {
        if bin.x < x0 || bin.x > x0 + w || bin.y < y0 || bin.y > y0 + h {
            continue;
        }
        in_view += 1;
        let cell = (i64::from(bin.x) / reach, i64::from(bin.y) / reach);
        let near = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (cell.0 + dx, cell.1 + dy)))
            .filter_map(|c| grid.get(&c))
            .flatten()
            .copied()
            .filter(|&g| {
                let (sx, sy, _) = &groups[g];
                let (dx, dy) = (i64::from(bin.x - sx), i64::from(bin.y - sy));
                dx * dx + dy * dy <= reach * reach
            })
            .min();
        match near {
            Some(g) => groups[g].2.push(bin),
            None => {
                grid.entry(cell).or_default().push(groups.len());
                groups.push((bin.x, bin.y, vec![bin]));
            }
        }
    }
    let deepest = view.zoom >= MAX_ZOOM;
    let items = groups
        .into_iter()
        .flat_map(|(_, _, group)| match group.as_slice() {
            [one] => vec![MapItem::Marker((*one).clone())],
            // Zooming in cannot split a group any further (networks drawn at the same point, as
            // a new network at its postcode's point): each is shown, fanned out around the centre.
            many if deepest => fan_out_same_points(many, reach as f64 / 2.0),
            many => {
                let n = many.len() as i64;
                let x = (many.iter().map(|b| i64::from(b.x)).sum::<i64>() / n) as i32;
                let y = (many.iter().map(|b| i64::from(b.y)).sum::<i64>() / n) as i32;
                vec![MapItem::Cluster { x, y, count: many.len() }]
            }
        })
        .collect();
    (items, in_view)
}

/// The members of a group as markers where they are, except networks that share one point:
/// those are put on a small circle around it.
fn fan_out_same_points(group: &[&MapBin], radius: f64) -> Vec<MapItem> {
    let mut at: Vec<((i32, i32), Vec<&MapBin>)> = Vec::new();
    for bin in group {
        match at.iter_mut().find(|(p, _)| *p == (bin.x, bin.y)) {
            Some((_, same)) => same.push(bin),
            None => at.push(((bin.x, bin.y), vec![bin])),
        }
    }
    at.into_iter()
        .flat_map(|(_, same)| match same.as_slice() {
            [one] => vec![MapItem::Marker((*one).clone())],
            many => fan_out(many, radius),
        })
        .collect()
}

/// The members of a group as markers on a circle of `radius` around the group's centre.
fn fan_out(group: &[&MapBin], radius: f64) -> Vec<MapItem> {
    let n = group.len() as f64;
    let cx = group.iter().map(|b| f64::from(b.x)).sum::<f64>() / n;
    let cy = group.iter().map(|b| f64::from(b.y)).sum::<f64>() / n;
    group
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let angle = std::f64::consts::TAU * i as f64 / n;
            let mut bin = (*b).clone();
            bin.x = (cx + radius * angle.cos()).round() as i32;
            bin.y = (cy + radius * angle.sin()).round() as i32;
            MapItem::Marker(bin)
        })
        .collect()
}

/// The zoom levels of a pinch: how far apart two fingers ended up against where they began,
/// one level per doubling (or halving), at most three either way; small wobbles do nothing.
pub fn pinch_levels(start: f64, end: f64) -> i32 {
    if start <= 0.0 || end <= 0.0 || !start.is_finite() || !end.is_finite() {
        return 0;
    }
    (end / start).log2().round().clamp(-3.0, 3.0) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinch_zooms_a_level_per_doubling_of_the_spread() {
        assert_eq!(pinch_levels(100.0, 110.0), 0, "a wobble");
        assert_eq!(pinch_levels(100.0, 200.0), 1);
        assert_eq!(pinch_levels(100.0, 420.0), 2);
        assert_eq!(pinch_levels(200.0, 100.0), -1);
        assert_eq!(pinch_levels(10.0, 10_000.0), 3, "at most three levels");
        assert_eq!(pinch_levels(0.0, 100.0), 0);
        assert_eq!(pinch_levels(100.0, f64::NAN), 0);
    }

    const FRAME: MapFrame = MapFrame { width: 2800, height: 2400 };

    fn bin(id: i64, x: i32, y: i32) -> MapBin {
        MapBin { id, name: format!("BIN {id}"), kind: BinKind::Bin, looking: false, x, y }
    }

    #[test]
    fn views_are_clamped_into_the_map() {
        let v = MapView::from_parts(FRAME, Some(-50), Some(99_999), Some(42));
        assert_eq!(v, MapView { x: 0, y: 2400, zoom: MAX_ZOOM });
        assert_eq!(MapView::from_parts(FRAME, None, None, None), MapView::whole(FRAME));
        assert_eq!(MapView::whole(FRAME).zoomed(-1).zoom, 0);
    }

    #[test]
    fn zooming_in_halves_the_view() {
        let v = MapView::whole(FRAME);
        assert_eq!(v.size(FRAME), (2800, 2400));
        assert_eq!(v.zoomed(1).size(FRAME), (1400, 1200));
        assert_eq!(v.zoomed(1).view_box(FRAME), (700, 600, 1400, 1200));
        assert_eq!(v.panned(FRAME, 1, 0).x, 1400 + 700);
    }

    #[test]
    fn a_drag_moves_the_centre_but_not_off_the_map() {
        let v = MapView { x: 100, y: 100, zoom: 2 };
        assert_eq!(v.moved_by(FRAME, 30, -20), MapView { x: 130, y: 80, zoom: 2 });
        assert_eq!(v.moved_by(FRAME, -500, 99_999), MapView { x: 0, y: 2400, zoom: 2 });
    }

    #[test]
    fn crowded_networks_form_a_cluster_with_their_count() {
        let bins = [bin(1, 100, 100), bin(2, 110, 105), bin(3, 120, 98), bin(4, 2000, 2000)];
        let (items, in_view) = cluster(FRAME, MapView::whole(FRAME), bins.iter());
        assert_eq!(in_view, 4);
        assert_eq!(items.len(), 2);
        assert!(items.contains(&MapItem::Cluster { x: 110, y: 101, count: 3 }));
        assert!(items.contains(&MapItem::Marker(bin(4, 2000, 2000))));
    }

    #[test]
    fn clusters_split_as_the_map_zooms_in() {
        let bins = [bin(1, 1000, 1000), bin(2, 1060, 1000)];
        let whole = cluster(FRAME, MapView::whole(FRAME), bins.iter()).0;
        assert_eq!(whole.len(), 1);
        let close = MapView { x: 1030, y: 1000, zoom: 4 };
        let (items, _) = cluster(FRAME, close, bins.iter());
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|i| matches!(i, MapItem::Marker(_))));
    }

    #[test]
    fn drawn_items_start_at_least_a_reach_apart() {
        // Neighbours across a grid line used to end up in two overlapping items.
        let bins: Vec<MapBin> = (0..50).map(|i| bin(i, 1000 + (i as i32 % 7) * 9, 1000 + (i as i32 / 7) * 9)).collect();
        let (items, in_view) = cluster(FRAME, MapView { x: 1000, y: 1000, zoom: 3 }, bins.iter());
        assert_eq!(in_view, 50);
        let total: usize = items
            .iter()
            .map(|i| match i {
                MapItem::Cluster { count, .. } => *count,
                MapItem::Marker(_) => 1,
            })
            .sum();
        assert_eq!(total, 50, "every network is in exactly one item");
        let at = |i: &MapItem| match i {
            MapItem::Cluster { x, y, .. } => (*x, *y),
            MapItem::Marker(b) => (b.x, b.y),
        };
        let reach = 350 / 12;
        for (i, a) in items.iter().enumerate() {
            for b in &items[i + 1..] {
                let ((ax, ay), (bx, by)) = (at(a), at(b));
                let d = f64::from((ax - bx).pow(2) + (ay - by).pow(2)).sqrt();
                assert!(d >= f64::from(reach) / 2.0, "{a:?} and {b:?} are {d} apart");
            }
        }
    }

    #[test]
    fn at_the_deepest_zoom_networks_at_one_point_are_fanned_out() {
        let bins = [bin(1, 1000, 1000), bin(2, 1000, 1000), bin(3, 1000, 1000)];
        let view = MapView { x: 1000, y: 1000, zoom: MAX_ZOOM };
        let (items, in_view) = cluster(FRAME, view, bins.iter());
        assert_eq!(in_view, 3);
        let points: Vec<(i64, i32, i32)> = items
            .iter()
            .map(|i| match i {
                MapItem::Marker(b) => (b.id, b.x, b.y),
                MapItem::Cluster { .. } => panic!("no cluster at the deepest zoom: {i:?}"),
            })
            .collect();
        assert_eq!(points.iter().map(|p| p.0).collect::<Vec<_>>(), [1, 2, 3]);
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                assert!((a.1, a.2) != (b.1, b.2), "{a:?} and {b:?} overlap");
            }
        }
        // Networks near each other but not at one point stay where they are.
        let near = [bin(1, 1000, 1000), bin(2, 1001, 1001)];
        let (items, _) = cluster(FRAME, view, near.iter());
        assert_eq!(items, [MapItem::Marker(bin(1, 1000, 1000)), MapItem::Marker(bin(2, 1001, 1001))]);
        // One level up they are still one cluster.
        let (items, _) = cluster(FRAME, MapView { zoom: MAX_ZOOM - 1, ..view }, bins.iter());
        assert_eq!(items, [MapItem::Cluster { x: 1000, y: 1000, count: 3 }]);
    }

    #[test]
    fn names_cover_no_marker_and_no_other_name_and_stay_in_view() {
        let frame = MapFrame { width: 1000, height: 1000 };
        let view = MapView { x: 500, y: 500, zoom: 3 };
        let items = vec![MapItem::Marker(bin(1, 500, 505))];
        let places = vec![
            ("Gent".to_string(), 500, 500, true),
            ("Gent".to_string(), 500, 500, true),
            ("Rand".to_string(), 438, 500, false),
        ];
        let labels = place_labels(view, frame, &items, None, places);
        let (x0, _, w, _) = view.view_box(frame);
        assert_eq!(labels.len(), 2, "{labels:?}");
        let r = marker_radius(w);
        let font = text_size(w);
        for l in &labels {
            // The marker just below the point pushes the name above it.
            assert!(l.text_y < 505.0 - r || l.anchor != "middle", "{l:?}");
            assert!(l.text_x >= f64::from(x0), "{l:?}");
        }
        assert_eq!(labels[1].anchor, "start", "a name at the view's edge moves inwards: {:?}", labels[1]);
        assert!(labels[1].text_x - f64::from(x0) < font, "{:?}", labels[1]);
    }

    #[test]
    fn a_name_is_not_set_under_the_searched_place_s_pin() {
        let frame = MapFrame { width: 1000, height: 1000 };
        let view = MapView { x: 500, y: 500, zoom: 3 };
        let items = vec![MapItem::Marker(bin(1, 500, 505))];
        let place = || vec![("Eupen".to_string(), 500, 500, true)];
        let without = place_labels(view, frame, &items, None, place());
        assert_eq!(without[0].anchor, "middle", "above its point: {without:?}");
        let with = place_labels(view, frame, &items, Some((500, 500)), place());
        assert_ne!(with[0].anchor, "middle", "beside its point, the pin standing above it: {with:?}");
    }

    #[test]
    fn networks_outside_the_view_are_left_out() {
        let bins = [bin(1, 10, 10)];
        let view = MapView { x: 2000, y: 2000, zoom: 3 };
        let (items, in_view) = cluster(FRAME, view, bins.iter());
        assert!(items.is_empty());
        assert_eq!(in_view, 0);
    }
}
