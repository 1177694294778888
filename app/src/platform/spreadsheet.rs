//! The CSV files Nabij writes, made for the spreadsheet they are opened in by double-click.
//!
//! A Belgian spreadsheet in Dutch, French or German expects `;` between cells and a decimal
//! comma; in English `,` and a decimal point. Every file starts with a UTF-8 byte-order mark (so
//! accents survive), quotes every cell, and writes dates as `2026-12-04` and moments as
//! `2026-12-04 09:30` in Belgian time, which every spreadsheet reads as dates.
//!
//! A text cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return) would be read as
//! a formula, and a Belgian spreadsheet also splits a cell at `;`: every piece between
//! semicolons is checked, and a piece that would start a formula gets a leading `'`, which
//! spreadsheets show as text.

use crate::error::AppError;
use crate::i18n::Lang;

/// One value of a spreadsheet row; numbers and dates are written so that the reader's
/// spreadsheet takes them as numbers and dates, text so that it never runs as a formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Count(i64),
    /// A number with one decimal.
    Decimal(f64),
    /// A calendar date, from Unix seconds (Belgian time).
    Date(i64),
    /// A date and time of day, from Unix seconds (Belgian time).
    Moment(i64),
    Empty,
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Count(n)
    }
}

impl<V: Into<Value>> From<Option<V>> for Value {
    fn from(value: Option<V>) -> Value {
        value.map_or(Value::Empty, Into::into)
    }
}

/// A spreadsheet being written: a header row in the reader's language, then rows.
pub struct Sheet {
    lang: Lang,
    out: csv::Writer<Vec<u8>>,
    columns: usize,
}

impl Sheet {
    /// A sheet for a reader of `lang`, with the column headings `header`.
    pub fn new<S: AsRef<str>>(lang: Lang, header: &[S]) -> Result<Sheet, AppError> {
        let out = csv::WriterBuilder::new()
            .delimiter(Sheet::separator(lang))
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut sheet = Sheet { lang, out, columns: header.len() };
        let header: Vec<Value> = header.iter().map(|h| Value::Text(h.as_ref().to_string())).collect();
        sheet.row(header)?;
        Ok(sheet)
    }

    /// The cell separator a spreadsheet in `lang` expects.
    pub fn separator(lang: Lang) -> u8 {
        if lang == Lang::En { b',' } else { b';' }
    }

    /// Adds a row; it must have as many values as the header has columns.
    pub fn row(&mut self, values: impl IntoIterator<Item = Value>) -> Result<(), AppError> {
        let cells: Vec<String> = values.into_iter().map(|v| self.format(v)).collect();
        if cells.len() != self.columns {
            tracing::error!(expected = self.columns, got = cells.len(), "spreadsheet row of the wrong width");
            return Err(AppError::Internal);
        }
        self.out.write_record(&cells).map_err(|e| {
            tracing::error!(error = %e, "CSV writing failed");
            AppError::Internal
        })
    }

    /// The file: a byte-order mark, then the rows.
    pub fn finish(self) -> Result<String, AppError> {
        let bytes = self.out.into_inner().map_err(|_| AppError::Internal)?;
        let text = String::from_utf8(bytes).map_err(|_| AppError::Internal)?;
        Ok(format!("\u{feff}{text}"))
    }

    fn format(&self, value: Value) -> String {
        match value {
            Value::Text(text) => cell(&text),
            Value::Count(n) => n.to_string(),
            Value::Decimal(x) => crate::i18n::format_decimal(x, self.lang),
            Value::Date(t) => {
                let (y, m, d) = crate::time::civil(t + crate::time::brussels_offset(t));
                format!("{y:04}-{m:02}-{d:02}")
            }
            Value::Moment(t) => {
                let local = t + crate::time::brussels_offset(t);
                let (y, m, d) = crate::time::civil(local);
                let minutes = local.rem_euclid(86_400) / 60;
                format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", minutes / 60, minutes % 60)
            }
            Value::Empty => String::new(),
        }
    }
}

/// When a file was made, for its name: `2026-12-04-0930` (Belgian time), so a downloaded list
/// says how recent it is.
pub fn file_stamp(unix_seconds: i64) -> String {
    let local = unix_seconds + crate::time::brussels_offset(unix_seconds);
    let (y, m, d) = crate::time::civil(local);
    let minutes = local.rem_euclid(86_400) / 60;
    format!("{y:04}-{m:02}-{d:02}-{:02}{:02}", minutes / 60, minutes % 60)
}

/// The text of one cell, with every piece that could start a formula neutralised.
pub fn cell(text: &str) -> String {
    text.split(';').map(piece).collect::<Vec<_>>().join(";")
}

fn piece(text: &str) -> String {
    let start = text.trim_start_matches(' ');
    if start.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("{}'{start}", &text[..text.len() - start.len()])
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{Sheet, Value, cell};
    use crate::i18n::Lang;

    #[test]
    fn formulas_are_neutralised_and_plain_text_kept() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+32 470 12 34 56"), "'+32 470 12 34 56");
        assert_eq!(cell("Anna"), "Anna");
        assert_eq!(cell("Jean-Marie Vandeputte"), "Jean-Marie Vandeputte");
        assert_eq!(cell("\t=1+1"), "'\t=1+1");
    }

    #[test]
    fn a_spreadsheet_that_splits_at_semicolons_finds_no_formula() {
        for hostile in ["Jan;=1+1;", "BIN Gent; @SUM(A1:A9)", "a;-2+3;+cmd|' /C calc'!A0", "x; =1"] {
            let safe = cell(hostile);
            for part in safe.split(';') {
                assert!(!part.trim_start().starts_with(['=', '+', '-', '@']), "{hostile:?} gave {safe:?}");
            }
            assert_eq!(safe.replace('\'', ""), hostile.replace('\'', ""), "only quotes are added");
        }
    }

    /// Reads a sheet back as a spreadsheet of that language would: without the byte-order
    /// mark, split at the language's separator, quotes removed.
    fn open(file: &str, lang: Lang) -> Vec<Vec<String>> {
        let body = file.strip_prefix('\u{feff}').expect("a byte-order mark");
        let mut reader =
            csv::ReaderBuilder::new().delimiter(Sheet::separator(lang)).has_headers(false).from_reader(body.as_bytes());
        reader.records().map(|r| r.expect("a readable row").iter().map(str::to_string).collect()).collect()
    }

    #[test]
    fn a_belgian_spreadsheet_finds_every_value_in_its_column() {
        // 2026-07-01 08:30 UTC is 10:30 in Brussels (summer time).
        let moment = 1_782_894_600;
        for lang in Lang::ALL {
            let mut sheet = Sheet::new(lang, &["Naam", "Aantal", "Aandeel", "Datum", "Tijd", "Leeg"]).unwrap();
            sheet
                .row([
                    Value::from("Van den Broeck; \"Jan\""),
                    Value::Count(-3),
                    Value::Decimal(12.34),
                    Value::Date(moment),
                    Value::Moment(moment),
                    Value::from(None::<String>),
                ])
                .unwrap();
            let file = sheet.finish().unwrap();
            assert!(
                file.lines().all(|l| l.starts_with('"') || l.starts_with("\u{feff}\"")),
                "every cell quoted: {file}"
            );
            let rows = open(&file, lang);
            assert_eq!(rows.len(), 2);
            assert_eq!(rows[0], ["Naam", "Aantal", "Aandeel", "Datum", "Tijd", "Leeg"]);
            let decimal = if lang == Lang::En { "12.3" } else { "12,3" };
            assert_eq!(
                rows[1],
                ["Van den Broeck; \"Jan\"", "-3", decimal, "2026-07-01", "2026-07-01 10:30", ""],
                "{lang:?}"
            );
        }
    }

    #[test]
    fn a_file_is_named_after_the_belgian_time_it_was_made() {
        assert_eq!(super::file_stamp(1_782_894_600), "2026-07-01-1030");
    }

    #[test]
    fn a_row_of_the_wrong_width_is_refused() {
        let mut sheet = Sheet::new(Lang::Nl, &["a", "b"]).unwrap();
        assert!(sheet.row([Value::Count(1)]).is_err());
    }
}
