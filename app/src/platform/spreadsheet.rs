//! Cells of the CSV files Nabij writes, safe to open in a spreadsheet. A cell whose text starts
//! with `=`, `+`, `-` or `@` (or a tab or carriage return) would be read as a formula, and a
//! Belgian spreadsheet also splits a cell at `;`: every piece between semicolons is checked,
//! and a piece that would start a formula gets a leading `'`, which spreadsheets show as text.

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
    use super::cell;

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
}
