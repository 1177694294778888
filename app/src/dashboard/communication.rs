//! The figures of two-way communication for the zone and national dashboards: messages per
//! month, urgent alerts by category, how fast alerts are seen (the time until half the
//! recipients saw one; the share seen within 15 minutes and within an hour), how alerts are
//! closed (and those left open longer than a day), and residents' reports per month with the
//! time to a first response and to closing. The aggregation is plain functions; the SQL is in
//! messaging's repositories.

use crate::dashboard::figure::{Cell, Chart, Figure, Period, Row, withheld_said};
use crate::dashboard::texts::T;
use crate::i18n::fill;
use crate::i18n::{Common, Lang};

/// An urgent alert as counted: when it was sent and closed, its recipients, and after how many
/// seconds each recipient who saw it did.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub month: i64,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub recipients: i64,
    pub delays: Vec<i64>,
}

/// Seconds until half of the recipients (rounded up) had seen an alert; `None` while fewer did.
pub fn half_seen(recipients: i64, delays: &[i64]) -> Option<i64> {
    if recipients <= 0 {
        return None;
    }
    let mut sorted = delays.to_vec();
    sorted.sort_unstable();
    sorted.get(((recipients + 1) / 2) as usize - 1).copied()
}

/// The percentage of all recipients of `alerts` who saw theirs within `seconds`.
pub fn seen_within(alerts: &[&Alert], seconds: i64) -> Option<f64> {
    let recipients: i64 = alerts.iter().map(|a| a.recipients).sum();
    let seen = alerts.iter().flat_map(|a| a.delays.iter()).filter(|d| **d <= seconds).count();
    (recipients > 0).then(|| seen as f64 * 100.0 / recipients as f64)
}

/// The median of seconds, in `unit` seconds (60 for minutes, 3,600 for hours).
fn median_in(values: Vec<i64>, unit: f64) -> Option<f64> {
    crate::dashboard::zone::median(values).map(|s| s / unit)
}

/// How the alerts of a period were closed: within a day, later, still open after a day, still
/// open for less than a day; and the median hours to close.
pub fn closing(alerts: &[&Alert], now: i64) -> ([i64; 4], Option<f64>) {
    let mut counts = [0; 4];
    for a in alerts {
        counts[match a.closed_at {
            Some(c) if c - a.created_at <= 86_400 => 0,
            Some(_) => 1,
            None if now - a.created_at > 86_400 => 2,
            None => 3,
        }] += 1;
    }
    let times = alerts.iter().filter_map(|a| a.closed_at.map(|c| c - a.created_at)).collect();
    (counts, median_in(times, 3_600.0))
}

/// A report as counted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Report {
    pub month: i64,
    pub created_at: i64,
    pub responded_at: Option<i64>,
    pub closed_at: Option<i64>,
}

/// Everything the figures need, for a period and the one before it.
pub struct Facts {
    /// `(month, urgent)` of every message since the start of the previous period.
    pub messages: Vec<(i64, bool)>,
    /// Urgent alerts with their category code.
    pub alerts: Vec<(Alert, Option<String>)>,
    pub reports: Vec<Report>,
}

/// The six figures of communication.
pub fn figures(facts: &Facts, period: Period, now: i64, lang: Lang) -> Vec<Figure> {
    let alerts_now = alerts_in(facts, period);
    let alerts_before = alerts_in(facts, period.previous());
    vec![
        messages_figure(facts, period, lang),
        categories_figure(facts, period, alerts_now.len(), lang),
        half_seen_figure(period, &alerts_now, &alerts_before, lang),
        seen_share_figure(period, &alerts_now, &alerts_before, lang),
        closing_figure(period, &alerts_now, now, lang),
        reports_figure(facts, period, lang),
    ]
}

/// The urgent alerts sent in `period`.
fn alerts_in(facts: &Facts, period: Period) -> Vec<&Alert> {
    facts.alerts.iter().filter(|(a, _)| period.contains(a.month)).map(|(a, _)| a).collect()
}

/// The months of `period`, oldest first.
fn months_of(period: Period) -> Vec<i64> {
    (period.first()..=period.last).collect()
}

fn number(n: i64, lang: Lang) -> String {
    Cell::count(n).text(lang)
}

fn decimal(x: Option<f64>, lang: Lang) -> String {
    Cell::decimal(x).text(lang)
}

/// How many people the alerts reached.
fn recipients(alerts: &[&Alert]) -> i64 {
    alerts.iter().map(|a| a.recipients).sum()
}

/// Urgent alerts and other messages per month.
fn messages_figure(facts: &Facts, period: Period, lang: Lang) -> Figure {
    let previous = period.previous();
    let count =
        |p: Period, urgent: bool| facts.messages.iter().filter(|(m, u)| p.contains(*m) && *u == urgent).count() as i64;
    Figure {
        id: "messages".into(),
        title: T::FigMessages.get(lang).into(),
        summary: fill(
            lang,
            T::MessagesSummary.get(lang),
            &[
                period.name(lang),
                number(count(period, true), lang),
                number(count(period, false), lang),
                period.previous_name(lang),
                number(count(previous, true), lang),
            ],
        ),
        chart: Chart::Columns,
        label_column: T::Month.get(lang).into(),
        series: vec![T::UrgentAlerts.get(lang).into(), T::OtherMessages.get(lang).into()],
        rows: months_of(period)
            .iter()
            .map(|month| {
                let of =
                    |urgent: bool| facts.messages.iter().filter(|(m, u)| m == month && *u == urgent).count() as i64;
                Row {
                    label: crate::time::format_month(*month, lang),
                    cells: vec![Cell::count(of(true)), Cell::count(of(false))],
                }
            })
            .collect(),
    }
}

/// Urgent alerts per category in the period.
fn categories_figure(facts: &Facts, period: Period, alerts: usize, lang: Lang) -> Figure {
    let mut by_category: Vec<(String, i64)> = crate::messaging::types::Category::ALL
        .iter()
        .map(|c| {
            let n = facts
                .alerts
                .iter()
                .filter(|(a, code)| period.contains(a.month) && code.as_deref() == Some(c.code()))
                .count() as i64;
            (c.text().get(lang).to_string(), n)
        })
        .collect();
    let top = by_category.iter().filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n).map(|(l, _)| l.clone());
    single(
        "alert-categories",
        T::FigAlertCategories,
        fill(
            lang,
            T::AlertCategoriesSummary.get(lang),
            &[period.name(lang), number(alerts as i64, lang), top.unwrap_or_else(|| "–".into())],
        ),
        T::Category,
        T::Alerts,
        by_category.drain(..).map(|(l, n)| (l, Cell::count(n))).collect(),
        lang,
    )
}

/// The median time until half the recipients of an alert had seen it, this period and the one
/// before. Shares and medians of fewer than five recipients could tell what one of them did.
fn half_seen_figure(period: Period, alerts_now: &[&Alert], alerts_before: &[&Alert], lang: Lang) -> Figure {
    let half = |alerts: &[&Alert]| {
        let minutes = median_in(alerts.iter().filter_map(|a| half_seen(a.recipients, &a.delays)).collect(), 60.0);
        Cell::about_people(minutes, recipients(alerts))
    };
    let (half_now, half_before) = (half(alerts_now), half(alerts_before));
    single(
        "alerts-half-seen",
        T::FigHalfSeen,
        withheld_said(
            fill(
                lang,
                T::HalfSeenSummary.get(lang),
                &[period.name(lang), half_now.text(lang), period.previous_name(lang), half_before.text(lang)],
            ),
            &[half_now, half_before],
            lang,
        ),
        T::Period,
        T::MinutesUnit,
        vec![(period.name(lang), half_now), (period.previous_name(lang), half_before)],
        lang,
    )
}

/// The share of recipients who saw an alert within 15 minutes and within the hour.
fn seen_share_figure(period: Period, alerts_now: &[&Alert], alerts_before: &[&Alert], lang: Lang) -> Figure {
    let share = |alerts: &[&Alert]| {
        let people = recipients(alerts);
        [15 * 60, 3_600].map(|s| Cell::about_people(seen_within(alerts, s), people))
    };
    let (seen_now, seen_before) = (share(alerts_now), share(alerts_before));
    Figure {
        id: "alerts-seen".into(),
        title: T::FigSeenShare.get(lang).into(),
        summary: withheld_said(
            fill(
                lang,
                T::SeenShareSummary.get(lang),
                &[
                    period.name(lang),
                    seen_now[0].text(lang),
                    seen_now[1].text(lang),
                    period.previous_name(lang),
                    seen_before[0].text(lang),
                    seen_before[1].text(lang),
                ],
            ),
            &[seen_now[0], seen_now[1], seen_before[0], seen_before[1]],
            lang,
        ),
        chart: Chart::Bars,
        label_column: T::Period.get(lang).into(),
        series: vec![T::SeenWithin15.get(lang).into(), T::SeenWithinHour.get(lang).into()],
        rows: vec![
            Row { label: period.name(lang), cells: seen_now.to_vec() },
            Row { label: period.previous_name(lang), cells: seen_before.to_vec() },
        ],
    }
}

/// How soon the period's alerts were closed, and those still open.
fn closing_figure(period: Period, alerts_now: &[&Alert], now: i64, lang: Lang) -> Figure {
    let (counts, median_close) = closing(alerts_now, now);
    single(
        "alerts-closing",
        T::FigAlertsClosing,
        fill(
            lang,
            T::AlertsClosingSummary.get(lang),
            &[period.name(lang), decimal(median_close, lang), number(counts[2], lang)],
        ),
        T::State,
        T::Alerts,
        [T::ClosedWithinDay, T::ClosedLater, T::OpenOverDay, T::OpenUnderDay]
            .iter()
            .zip(counts)
            .map(|(t, n)| (t.get(lang).to_string(), Cell::count(n)))
            .collect(),
        lang,
    )
}

/// Residents' reports per month, and how soon they were answered and closed.
fn reports_figure(facts: &Facts, period: Period, lang: Lang) -> Figure {
    let reports_now: Vec<&Report> = facts.reports.iter().filter(|r| period.contains(r.month)).collect();
    let first_response =
        median_in(reports_now.iter().filter_map(|r| r.responded_at.map(|t| t - r.created_at)).collect(), 3_600.0);
    let to_close =
        median_in(reports_now.iter().filter_map(|r| r.closed_at.map(|t| t - r.created_at)).collect(), 3_600.0);
    Figure {
        id: "reports".into(),
        title: T::FigReports.get(lang).into(),
        summary: fill(
            lang,
            T::ReportsSummary.get(lang),
            &[
                period.name(lang),
                number(reports_now.len() as i64, lang),
                decimal(first_response, lang),
                decimal(to_close, lang),
            ],
        ),
        chart: Chart::Columns,
        label_column: T::Month.get(lang).into(),
        series: vec![Common::ReportsTitle.get(lang).into()],
        rows: months_of(period)
            .iter()
            .map(|month| Row {
                label: crate::time::format_month(*month, lang),
                cells: vec![Cell::count(facts.reports.iter().filter(|r| r.month == *month).count() as i64)],
            })
            .collect(),
    }
}

/// A figure with one series, drawn as bars.
fn single(id: &str, title: T, summary: String, label: T, series: T, rows: Vec<(String, Cell)>, lang: Lang) -> Figure {
    Figure {
        id: id.into(),
        title: title.get(lang).into(),
        summary,
        chart: Chart::Bars,
        label_column: label.get(lang).into(),
        series: vec![series.get(lang).into()],
        rows: rows.into_iter().map(|(label, cell)| Row { label, cells: vec![cell] }).collect(),
    }
}

/// Reads the facts of a zone (0 for all of Belgium) since the start of the previous period.
#[cfg(feature = "ssr")]
pub async fn load(
    state: &crate::platform::state::AppState,
    zone: i64,
    period: Period,
) -> Result<Facts, crate::error::AppError> {
    use std::collections::HashMap;
    let since = crate::time::month_start(period.previous().first());
    let rows = crate::messaging::repo::message_facts(&state.pool, zone, since).await?;
    let mut delays: HashMap<i64, Vec<i64>> = HashMap::new();
    for (message, delay) in crate::messaging::repo::seen_delays(&state.pool, zone, since).await? {
        delays.entry(message).or_default().push(delay);
    }
    let messages = rows.iter().map(|m| (crate::time::month_of(m.created_at), m.kind == "urgent")).collect();
    let alerts = rows
        .into_iter()
        .filter(|m| m.kind == "urgent")
        .map(|m| {
            let alert = Alert {
                month: crate::time::month_of(m.created_at),
                created_at: m.created_at,
                closed_at: m.closed_at,
                recipients: m.recipients,
                delays: delays.remove(&m.id).unwrap_or_default(),
            };
            (alert, m.category)
        })
        .collect();
    let reports = crate::messaging::reports::repo::report_facts(&state.pool, zone, since)
        .await?
        .into_iter()
        .map(|(created_at, responded_at, closed_at)| Report {
            month: crate::time::month_of(created_at),
            created_at,
            responded_at,
            closed_at,
        })
        .collect();
    Ok(Facts { messages, alerts, reports })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(created_at: i64, closed_after: Option<i64>, recipients: i64, delays: &[i64]) -> Alert {
        Alert {
            month: crate::time::month_of(created_at),
            created_at,
            closed_at: closed_after.map(|c| created_at + c),
            recipients,
            delays: delays.to_vec(),
        }
    }

    #[test]
    fn half_is_seen_when_the_middle_recipient_saw_it() {
        assert_eq!(half_seen(4, &[600, 60, 3_000]), Some(600));
        assert_eq!(half_seen(3, &[60, 600]), Some(600), "two of three is half, rounded up");
        assert_eq!(half_seen(3, &[60]), None, "one of three is not half");
        assert_eq!(half_seen(0, &[]), None);
    }

    #[test]
    fn the_seen_share_counts_every_recipient_of_every_alert() {
        let a = alert(0, None, 4, &[60, 1_000, 7_200]);
        let b = alert(0, None, 6, &[30]);
        assert_eq!(seen_within(&[&a, &b], 900), Some(20.0));
        assert_eq!(seen_within(&[&a, &b], 3_600), Some(30.0));
        assert_eq!(seen_within(&[], 900), None);
    }

    #[test]
    fn alerts_are_closed_within_a_day_later_or_left_open() {
        let now = 10 * 86_400;
        let alerts = [
            alert(now - 3 * 86_400, Some(3_600), 1, &[]),
            alert(now - 3 * 86_400, Some(2 * 86_400), 1, &[]),
            alert(now - 2 * 86_400, None, 1, &[]),
            alert(now - 3_600, None, 1, &[]),
        ];
        let refs: Vec<&Alert> = alerts.iter().collect();
        let (counts, median) = closing(&refs, now);
        assert_eq!(counts, [1, 1, 1, 1]);
        assert_eq!(median, Some(24.5));
    }

    #[test]
    fn each_figure_counts_only_its_period() {
        let now = 1_796_329_800; // December 2026
        let period = Period::ending(3, now).unwrap_or_else(|| panic!("a period"));
        let this = crate::time::month_of(now);
        let old = now - 200 * 86_400;
        let facts = Facts {
            messages: vec![(this, true), (this, false), (this, false), (crate::time::month_of(old), true)],
            alerts: vec![(alert(now - 3_600, Some(1_800), 2, &[120, 600]), Some("burglary".into()))],
            reports: vec![Report {
                month: this,
                created_at: now - 7_200,
                responded_at: Some(now - 3_600),
                closed_at: None,
            }],
        };
        let figures = figures(&facts, period, now, Lang::En);
        let ids: Vec<&str> = figures.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            ["messages", "alert-categories", "alerts-half-seen", "alerts-seen", "alerts-closing", "reports"]
        );
        let last =
            |f: &Figure| f.rows.last().map(|r| r.cells.iter().map(Cell::plain).collect::<Vec<_>>()).unwrap_or_default();
        assert_eq!(last(&figures[0]), ["1", "2"], "December: one alert, two other messages");
        assert!(figures[1].summary.contains("1 urgent alert; most often: Burglary"), "{}", figures[1].summary);
        // Two recipients: what they did is not shown, and the summary says why.
        assert!(figures[2].rows[0].cells[0].withheld() && figures[3].rows[0].cells.iter().all(Cell::withheld));
        assert!(figures[3].summary.ends_with("Figures about fewer than five people are not shown (–)."));
        let five = Facts { alerts: vec![(alert(now - 3_600, Some(1_800), 5, &[120, 600, 900, 4_000]), None)], ..facts };
        let figures = super::figures(&five, period, now, Lang::En);
        assert_eq!(figures[2].rows[0].cells[0].plain(), "15.0", "the third of five saw it after 15 minutes");
        assert_eq!(figures[3].rows[0].cells.iter().map(Cell::plain).collect::<Vec<_>>(), ["60.0", "60.0"]);
        assert!(!figures[3].summary.contains("not shown"), "{}", figures[3].summary);
        assert_eq!(figures[4].rows[0].cells[0].plain(), "1", "closed within a day");
        assert_eq!(last(&figures[5]), ["1"]);
        assert!(figures[5].summary.contains("after a median of 1.0 hours"), "{}", figures[5].summary);
    }
}
