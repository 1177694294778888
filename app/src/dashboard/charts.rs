//! Figures drawn as SVG on the server (bars, columns, lines and the zone map), each with its
//! title, its summary, its data as a table and a CSV link. No JavaScript is needed to see them.

use crate::dashboard::figure::{Chart, Figure};
use crate::dashboard::texts::T;
use crate::dashboard::types::ZoneFigures;
use crate::directory::types::BinState;
use crate::i18n::{Common, Lang, t, use_lang};
use crate::membership::continuity::Band;
use crate::ui::esc;
use leptos::prelude::*;
use std::fmt::Write;

/// Colours of the series, distinguishable in greyscale print too.
const SERIES: [&str; 4] = ["#1f5fa8", "#c05600", "#1e6b34", "#6b4c9a"];
/// The width of a chart, and of its narrow drawing for phones (rearranged rather than shrunk,
/// so its text stays readable at about 12 px and more on a 320 px screen).
pub const WIDTH: f64 = 560.0;
pub const NARROW: f64 = 300.0;

/// `text` cut to `max` characters with an ellipsis (the table beside the chart has it whole).
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

/// The chart of `figure` as an SVG document fragment, `width` units wide ([`WIDTH`], or
/// [`NARROW`] for phones); `anchor` makes its ids unique on the page.
pub fn svg(figure: &Figure, anchor: &str, lang: Lang, width: f64) -> String {
    let mut out = String::new();
    let max = figure.max_value();
    let font = if width < WIDTH { 15.0 } else { 14.0 };
    // The legend's entries, wrapped onto as many lines as the width needs.
    let mut legend = Vec::new();
    if figure.series.len() > 1 {
        let (mut x, mut y) = (0.0, 4.0);
        for name in &figure.series {
            let wide = 28.0 + font * 0.58 * name.chars().count() as f64;
            if x > 0.0 && x + wide > width {
                (x, y) = (0.0, y + 20.0);
            }
            legend.push((x, y, name));
            x += wide;
        }
    }
    let top = legend.last().map_or(6.0, |(_, y, _)| y + 22.0);
    let body = match figure.chart {
        Chart::Bars => bars(figure, max, top, lang, width),
        Chart::Columns | Chart::Line => over_time(figure, top, lang, width),
    };
    let height = body.1;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height:.0}\" \
         aria-labelledby=\"{anchor}-title {anchor}-desc\" font-size=\"{font}\" font-family=\"inherit\">\
         <title id=\"{anchor}-title\">{}</title><desc id=\"{anchor}-desc\">{}</desc>",
        esc(&figure.title),
        esc(&figure.summary)
    );
    for (i, (x, y, name)) in legend.iter().enumerate() {
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            SERIES[i % SERIES.len()],
            x + 16.0,
            y + 10.0,
            esc(name)
        );
    }
    out.push_str(&body.0);
    out.push_str("</svg>");
    out
}

/// Horizontal bars, one group per row: `(svg, height)`. Wide, the label stands left of its
/// bars; narrow, on its own line above them.
fn bars(figure: &Figure, max: f64, top: f64, lang: Lang, width: f64) -> (String, f64) {
    let narrow = width < WIDTH;
    let (label, area) = if narrow { (0.0, width - 60.0) } else { (230.0, 250.0) };
    let above = if narrow { 20.0 } else { 0.0 };
    let mut out = String::new();
    let bar = 14.0;
    let group = above + figure.series.len().max(1) as f64 * (bar + 4.0) + 12.0;
    for (r, row) in figure.rows.iter().enumerate() {
        let y = top + r as f64 * group;
        let label_y = if narrow { y + 14.0 } else { y + group / 2.0 + 5.0 };
        let cut = if narrow { 34 } else { 26 };
        let _ = write!(out, "<text x=\"0\" y=\"{label_y:.1}\">{}</text>", esc(&short(&row.label, cut)));
        for (s, cell) in row.cells.iter().enumerate() {
            let by = y + above + 6.0 + s as f64 * (bar + 4.0);
            let width = if cell.value > 0.0 { (cell.value / max * area).max(1.0) } else { 0.0 };
            let _ = write!(
                out,
                "<rect x=\"{label}\" y=\"{by:.1}\" width=\"{width:.1}\" height=\"{bar}\" fill=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                SERIES[s % SERIES.len()],
                label + width + 4.0,
                by + bar - 3.0,
                esc(&cell.text(lang))
            );
        }
    }
    (out, top + figure.rows.len() as f64 * group + 4.0)
}

/// Columns or a line across the rows (months or years), with the first and last labels and a
/// few between: `(svg, height)`.
fn over_time(figure: &Figure, top: f64, lang: Lang, width: f64) -> (String, f64) {
    const LEFT: f64 = 72.0;
    const PLOT: f64 = 160.0;
    let narrow = width < WIDTH;
    let right = if narrow { 24.0 } else { 36.0 };
    let mut out = String::new();
    let n = figure.rows.len().max(1);
    let slot = (width - LEFT - right) / n as f64;
    let values = figure.rows.iter().flat_map(|r| r.cells.iter()).map(|c| c.value);
    let hi = values.clone().fold(1.0, f64::max);
    // A line shows change, so its scale starts near the lowest value; columns start at zero.
    let lo = if figure.chart == Chart::Line {
        let min = values.fold(f64::MAX, f64::min).min(hi);
        let below = (min - (hi - min).max(hi * 0.02) * 0.25).max(0.0);
        // A round number: 2,100 rather than 2,102.
        let step = 10f64.powi((hi - below).max(1.0).log10().floor() as i32);
        (below / step).floor() * step
    } else {
        0.0
    };
    let span = (hi - lo).max(1.0);
    let y_of = |v: f64| top + PLOT - (v - lo) / span * PLOT;
    let axis = top + PLOT;
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{axis:.1}\" x2=\"{width}\" y2=\"{axis:.1}\" stroke=\"#8a94a3\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
         <text x=\"{:.1}\" y=\"{axis:.1}\" text-anchor=\"end\">{}</text>",
        LEFT - 4.0,
        top + 10.0,
        esc(&crate::i18n::format_count(hi.round() as i64, lang)),
        LEFT - 4.0,
        esc(&crate::i18n::format_count(lo as i64, lang)),
    );
    // A few labels, counted back from the last, so the latest is always named.
    let every = n.div_ceil(if narrow { 3 } else { 5 });
    for (r, row) in figure.rows.iter().enumerate() {
        if (n - 1 - r).is_multiple_of(every) {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                LEFT + (r as f64 + 0.5) * slot,
                axis + 16.0,
                esc(&row.label)
            );
        }
    }
    let series = figure.series.len().max(1);
    for s in 0..series {
        let colour = SERIES[s % SERIES.len()];
        if figure.chart == Chart::Columns {
            let width = slot * 0.8 / series as f64;
            for (r, row) in figure.rows.iter().enumerate() {
                let Some(cell) = row.cells.get(s) else { continue };
                let x = LEFT + r as f64 * slot + slot * 0.1 + s as f64 * width;
                let y = y_of(cell.value);
                let _ = write!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
                    axis - y
                );
            }
        } else {
            let points: Vec<String> = figure
                .rows
                .iter()
                .enumerate()
                .filter_map(|(r, row)| {
                    row.cells.get(s).map(|c| format!("{:.1},{:.1}", LEFT + (r as f64 + 0.5) * slot, y_of(c.value)))
                })
                .collect();
            let _ = write!(
                out,
                "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" points=\"{}\"/>",
                points.join(" ")
            );
        }
    }
    (out, axis + 24.0)
}

/// The zone's networks on the base map, coloured by continuity band; each marker links to the
/// network's page.
pub fn zone_map_svg(zone: &ZoneFigures, lang: Lang) -> String {
    let [x, y, w, h] = zone.map_box;
    let [fw, fh] = zone.frame;
    let anchor = format!("zone-{}-map", zone.zone_id);
    let r = (w as f64 / 70.0).max(3.0);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"group\" viewBox=\"{x} {y} {w} {h}\" \
         aria-labelledby=\"{anchor}-title\"><title id=\"{anchor}-title\">{}</title>\
         <image href=\"/map/base.svg\" x=\"0\" y=\"0\" width=\"{fw}\" height=\"{fh}\"/>",
        esc(T::ZoneMapTitle.get(lang))
    );
    let size = w as f64 / 28.0;
    for (name, px, py) in &zone.places {
        let _ = write!(
            out,
            "<text x=\"{px}\" y=\"{:.1}\" font-size=\"{size:.1}\" text-anchor=\"middle\" fill=\"#39424e\" \
             stroke=\"#fff\" stroke-width=\"{:.1}\" paint-order=\"stroke\" aria-hidden=\"true\">{}</text>",
            *py as f64 - size * 0.8,
            size / 5.0,
            esc(name)
        );
    }
    for bin in zone.bins.iter().filter(|b| b.state == BinState::Active) {
        let band = bin.continuity.band();
        let (colour, name) = match band {
            Band::AtRisk => ("#a4161a", Common::BandAtRisk),
            Band::Watch => ("#b07d00", Common::BandWatch),
            Band::Good => ("#1e6b34", Common::BandGood),
        };
        let label = format!("{}{}{} · {}", bin.name, lang.colon(), bin.continuity.score, name.get(lang));
        let _ = write!(
            out,
            "<a href=\"/bin/{}\" aria-label=\"{}\"><circle cx=\"{}\" cy=\"{}\" r=\"{r:.1}\" fill=\"{colour}\" \
             stroke=\"#fff\" stroke-width=\"{:.1}\"/><title>{}</title></a>",
            bin.id,
            esc(&label),
            bin.x,
            bin.y,
            r / 3.0,
            esc(&label)
        );
    }
    out.push_str("</svg>");
    out
}

/// A figure: its chart, its summary, its data as a table and the same data as CSV.
/// `scope` is `national` or the zone's number; `months` the period shown.
#[component]
pub fn FigureView(figure: Figure, scope: String, months: i64) -> impl IntoView {
    let lang = use_lang();
    let anchor = format!("fig-{scope}-{}", figure.id);
    let chart = svg(&figure, &anchor, lang, WIDTH);
    let narrow = svg(&figure, &format!("{anchor}-narrow"), lang, NARROW);
    let csv = format!("/dashboard/figures/{scope}/{}.csv?months={months}", figure.id);
    let Figure { id, title, summary, label_column, series, rows, .. } = figure;
    let (heading, data_label) = (title.clone(), format!("{}{}{title}", T::FigureData.get(lang), lang.colon()));
    view! {
        <section class="card figure" id=anchor.clone() data-test-figure=id aria-labelledby=format!("{anchor}-heading")>
            <h3 id=format!("{anchor}-heading")>{heading}</h3>
            <div class="chart wide" inner_html=chart></div>
            <div class="chart narrow" inner_html=narrow></div>
            <p class="summary">{summary}</p>
            <div class="table-scroll figure-data" tabindex="0" role="region" aria-label=data_label>
                <table class="figures-table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead><tr>
                        <th scope="col">{label_column}</th>
                        {series.into_iter().map(|s| view! { <th scope="col">{s}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.label}</th>
                                {row.cells.into_iter().map(|c| view! { <td>{c.text(lang)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="no-print"><a href=csv download="" rel="external">{t(T::DownloadFigureCsv)}</a></p>
        </section>
    }
}

/// The zone map with its summary; the networks' table follows it on the page.
#[component]
pub fn ZoneMap(zone: ZoneFigures) -> impl IntoView {
    let lang = use_lang();
    let active = zone.bins.iter().filter(|b| b.state == BinState::Active).count() as i64;
    let summary = crate::i18n::fill(lang, T::ZoneMapSummary.get(lang), &[crate::i18n::format_count(active, lang)]);
    let map = zone_map_svg(&zone, lang);
    view! {
        <section class="card figure" data-test-zone-map=active.to_string() aria-labelledby=format!("zone-{}-map-heading", zone.zone_id)>
            <h3 id=format!("zone-{}-map-heading", zone.zone_id)>{t(T::ZoneMapTitle)}</h3>
            <div class="zone-map" inner_html=map></div>
            <p class="summary">{summary}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::figure::{Cell, Row};

    fn figure(chart: Chart, cells: Vec<Vec<Cell>>) -> Figure {
        Figure {
            id: "f".into(),
            title: "Title <b>".into(),
            summary: "Sum & more".into(),
            chart,
            label_column: "L".into(),
            series: (0..cells[0].len()).map(|i| format!("s{i}")).collect(),
            rows: cells.into_iter().enumerate().map(|(i, cells)| Row { label: format!("r{i}"), cells }).collect(),
        }
    }

    #[test]
    fn bars_are_as_long_as_their_share_of_the_largest_and_hidden_counts_are_not_drawn() {
        let f = figure(Chart::Bars, vec![vec![Cell::count(10)], vec![Cell::count(5)], vec![Cell::people(3)]]);
        let out = svg(&f, "a", Lang::En, WIDTH);
        assert!(out.contains("width=\"250.0\""), "{out}");
        assert!(out.contains("width=\"125.0\""), "{out}");
        assert!(out.contains("width=\"0.0\"") && out.contains("&lt; 5"), "{out}");
        assert!(out.contains("<title id=\"a-title\">Title &lt;b&gt;</title>"));
        assert!(out.contains("<desc id=\"a-desc\">Sum &amp; more</desc>"));
    }

    #[test]
    fn on_a_phone_bars_put_their_label_above_and_keep_their_text_size() {
        let f = figure(Chart::Bars, vec![vec![Cell::count(10), Cell::count(4)], vec![Cell::count(5), Cell::count(0)]]);
        let out = svg(&f, "n", Lang::En, NARROW);
        assert!(out.contains("viewBox=\"0 0 300 ") && out.contains("font-size=\"15\""), "{out}");
        // The longest bar spans the width but for its value; it starts at the left edge.
        assert!(out.contains("<rect x=\"0\" y=\"") && out.contains("width=\"240.0\""), "{out}");
        let rects = out.matches("<rect").count();
        assert_eq!(rects, 2 + 4, "two legend squares and four bars");
        let label = out.find(">r0</text>").unwrap();
        let first_bar = out.find("width=\"240.0\"").unwrap();
        assert!(label < first_bar, "the label comes before its bars");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(short("Brussel-Noord (Schaarbeek/Evere/Sint-Joost)", 10), "Brussel-N…");
        assert_eq!(short("Gent", 10), "Gent");
    }

    #[test]
    fn a_line_has_a_point_per_row_and_columns_a_bar_per_cell() {
        let line = svg(
            &figure(Chart::Line, vec![vec![Cell::count(100)], vec![Cell::count(110)], vec![Cell::count(120)]]),
            "l",
            Lang::En,
            WIDTH,
        );
        let points = line.split("points=\"").nth(1).and_then(|p| p.split('"').next()).unwrap_or_default();
        assert_eq!(points.split(' ').count(), 3);
        let columns = svg(
            &figure(Chart::Columns, vec![vec![Cell::count(1), Cell::count(2)], vec![Cell::count(3), Cell::count(4)]]),
            "c",
            Lang::En,
            WIDTH,
        );
        // Two legend squares and four columns.
        assert_eq!(columns.matches("<rect").count(), 6);
    }
}
