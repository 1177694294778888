//! A dashboard figure: one set of aggregates with a title and a sentence that says what it
//! shows. The page draws it as an SVG chart and prints the same data as a table; the server
//! offers it as CSV. All three come from this one value, so they cannot disagree.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// How a figure is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Chart {
    /// Horizontal bars, one group per row (categories).
    Bars,
    /// Vertical columns, one group per row (months).
    Columns,
    /// One line per series across the rows (a total over time).
    Line,
}

/// One value of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// What is drawn (0 when hidden or missing).
    pub value: f64,
    pub kind: CellKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellKind {
    /// A whole number.
    Count,
    /// A measure with one decimal.
    Decimal,
    /// A count of fewer than five people: "< 5", never drawn.
    Hidden,
    /// Nothing to measure (a median of no decisions): "–".
    Missing,
    /// A measure derived from fewer than five people (a share of three recipients, the median
    /// of two decisions), which could reveal one of them: "–", never drawn.
    Withheld,
}

impl Cell {
    /// A count of things (networks, charters): shown as it is.
    pub fn count(n: i64) -> Cell {
        Cell { value: n as f64, kind: CellKind::Count }
    }

    /// A count of people: fewer than five is hidden, anything else rounded to tens (never to 0).
    pub fn people(n: i64) -> Cell {
        if n < 5 {
            Cell { value: 0.0, kind: CellKind::Hidden }
        } else {
            Cell { value: (((n + 5) / 10) * 10).max(10) as f64, kind: CellKind::Count }
        }
    }

    /// A measure with one decimal derived from `people` persons: withheld when they are fewer
    /// than five, as counts of people are.
    pub fn about_people(x: Option<f64>, people: i64) -> Cell {
        match x {
            Some(_) if people < 5 => Cell { value: 0.0, kind: CellKind::Withheld },
            x => Cell::decimal(x),
        }
    }

    /// Whether the figure leaves out a value about fewer than five people.
    pub fn withheld(&self) -> bool {
        self.kind == CellKind::Withheld
    }

    /// A measure with one decimal (days), or "–" when there is none.
    pub fn decimal(x: Option<f64>) -> Cell {
        match x {
            Some(x) => Cell { value: (x * 10.0).round() / 10.0, kind: CellKind::Decimal },
            None => Cell { value: 0.0, kind: CellKind::Missing },
        }
    }

    /// The value as the reader sees it, with the separators of their language.
    pub fn text(&self, lang: Lang) -> String {
        match self.kind {
            CellKind::Count => crate::i18n::format_count(self.value as i64, lang),
            CellKind::Decimal => crate::i18n::format_decimal(self.value, lang),
            CellKind::Hidden | CellKind::Missing | CellKind::Withheld => self.plain(),
        }
    }

    /// The value for a spreadsheet: a number it can count with, "< 5" for a hidden count, an
    /// empty cell for a missing value.
    #[cfg(feature = "ssr")]
    pub fn value(&self) -> crate::platform::spreadsheet::Value {
        use crate::platform::spreadsheet::Value;
        match self.kind {
            CellKind::Count => Value::Count(self.value as i64),
            CellKind::Decimal => Value::Decimal(self.value),
            CellKind::Hidden => Value::from("< 5"),
            CellKind::Missing | CellKind::Withheld => Value::Empty,
        }
    }

    /// The value in plain figures: no thousands separator, a decimal point.
    pub fn plain(&self) -> String {
        match self.kind {
            CellKind::Count => format!("{}", self.value as i64),
            CellKind::Decimal => format!("{:.1}", self.value),
            CellKind::Hidden => "< 5".to_string(),
            CellKind::Missing | CellKind::Withheld => "–".to_string(),
        }
    }
}

/// One row: a category or a month, and a value per series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// A figure, its texts already in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// A stable name: the CSV's file name and the figure's anchor.
    pub id: String,
    pub title: String,
    /// What the figure shows, in one or two sentences (the chart's text alternative).
    pub summary: String,
    pub chart: Chart,
    /// The heading of the label column ("Month", "State", …).
    pub label_column: String,
    pub series: Vec<String>,
    pub rows: Vec<Row>,
}

impl Figure {
    /// The largest value drawn (at least 1, so an empty figure still has a scale).
    pub fn max_value(&self) -> f64 {
        self.rows.iter().flat_map(|r| r.cells.iter()).map(|c| c.value).fold(1.0, f64::max)
    }

    /// The figure as a spreadsheet in the reader's language: the label column, then one
    /// column per series.
    #[cfg(feature = "ssr")]
    pub fn to_csv(&self, lang: Lang) -> Result<String, crate::error::AppError> {
        use crate::platform::spreadsheet::{Sheet, Value};
        let header: Vec<&str> =
            std::iter::once(self.label_column.as_str()).chain(self.series.iter().map(String::as_str)).collect();
        let mut sheet = Sheet::new(lang, &header)?;
        for row in &self.rows {
            sheet.row(std::iter::once(Value::from(row.label.as_str())).chain(row.cells.iter().map(Cell::value)))?;
        }
        sheet.finish()
    }
}

/// A figure's summary, with the sentence that says why a value is not shown when one of
/// `cells` is withheld.
pub fn withheld_said(summary: String, cells: &[Cell], lang: Lang) -> String {
    if cells.iter().any(Cell::withheld) {
        format!("{summary} {}", crate::dashboard::texts::T::FewPeopleWithheld.get(lang))
    } else {
        summary
    }
}

/// The periods a dashboard can show, in months; the first is the default.
pub const PERIODS: [i64; 4] = [12, 3, 6, 24];

/// The chosen period and the one before it, as month numbers (`year * 12 + month - 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub months: i64,
    /// The last month of the period (the current one).
    pub last: i64,
}

impl Period {
    /// A period of `months` ending with the month of `now`; only [`PERIODS`] are offered.
    pub fn ending(months: i64, now: i64) -> Option<Period> {
        PERIODS.contains(&months).then(|| Period { months, last: crate::time::month_of(now) })
    }

    pub fn first(&self) -> i64 {
        self.last - self.months + 1
    }

    /// The same number of months just before this period.
    pub fn previous(&self) -> Period {
        Period { months: self.months, last: self.last - self.months }
    }

    pub fn contains(&self, month: i64) -> bool {
        (self.first()..=self.last).contains(&month)
    }

    /// "Last 12 months" in the reader's language.
    pub fn name(&self, lang: Lang) -> String {
        crate::i18n::fill(lang, crate::dashboard::texts::T::LastMonths.get(lang), &[self.months.to_string()])
    }

    /// "The 12 months before" in the reader's language.
    pub fn previous_name(&self, lang: Lang) -> String {
        crate::i18n::fill(lang, crate::dashboard::texts::T::MonthsBefore.get(lang), &[self.months.to_string()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_hidden_below_five_and_rounded_to_tens() {
        assert_eq!(Cell::people(4).text(Lang::Nl), "< 5");
        assert_eq!(Cell::people(4).value, 0.0);
        assert_eq!(Cell::people(5).plain(), "10");
        assert_eq!(Cell::people(1234).text(Lang::Nl), "1.230");
        assert_eq!(Cell::people(1234).plain(), "1230");
        assert_eq!(Cell::count(3).plain(), "3");
        assert_eq!(Cell::decimal(Some(2.46)).text(Lang::Fr), "2,5");
        assert_eq!(Cell::decimal(Some(2.46)).plain(), "2.5");
        assert_eq!(Cell::decimal(None).text(Lang::En), "–");
    }

    #[test]
    fn a_period_and_the_one_before_it_do_not_overlap() {
        // 2026-11-29.
        let p = Period::ending(12, 1_795_953_600).unwrap();
        assert_eq!(p.last, 2026 * 12 + 10);
        assert_eq!(p.first(), 2025 * 12 + 11);
        assert!(p.contains(p.first()) && !p.contains(p.first() - 1));
        assert_eq!(p.previous().last, p.first() - 1);
        assert_eq!(p.previous().first(), 2024 * 12 + 11);
        assert_eq!(Period::ending(5, 0), None);
        assert_eq!(p.name(Lang::Fr), "12 derniers mois");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_csv_has_the_label_column_and_a_column_per_series() {
        let figure = Figure {
            id: "x".into(),
            title: "T".into(),
            summary: "S".into(),
            chart: Chart::Bars,
            label_column: "Maand".into(),
            series: vec!["Joins".into(), "Leaves".into()],
            rows: vec![Row { label: "=1+1".into(), cells: vec![Cell::people(3), Cell::people(1234)] }],
        };
        assert_eq!(
            figure.to_csv(Lang::Nl).unwrap(),
            "\u{feff}\"Maand\";\"Joins\";\"Leaves\"\r\n\"'=1+1\";\"< 5\";\"1230\"\r\n"
        );
        assert_eq!(
            figure.to_csv(Lang::En).unwrap(),
            "\u{feff}\"Maand\",\"Joins\",\"Leaves\"\r\n\"'=1+1\",\"< 5\",\"1230\"\r\n"
        );
    }
}
