//! Reading what a founder writes: the network's name, why, and its streets, one per line:
//! `street; first-last; odd | even | all` (the range and the side are optional, and the side may
//! be written in Dutch, French, German or English).

use crate::directory::segments::{Parity, Segment};
use crate::error::AppError;

/// At most this many street lines per proposal.
pub const MAX_STREETS: usize = 60;

/// A network's name: 3 to 80 characters, no control characters.
pub fn name(input: &str) -> Result<String, AppError> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = (3..=80).contains(&name.chars().count()) && name.chars().any(char::is_alphabetic);
    if ok && !name.chars().any(char::is_control) { Ok(name) } else { Err(AppError::InvalidBinName) }
}

/// A free text (why, a message, the rules): trimmed, within `min..=max` characters, line breaks
/// kept, other control characters refused.
pub fn text(input: &str, min: usize, max: usize) -> Result<String, AppError> {
    let text = input.trim().replace("\r\n", "\n");
    let len = text.chars().count();
    if (min..=max).contains(&len) && !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        Ok(text)
    } else {
        Err(AppError::InvalidText)
    }
}

fn parity(word: &str) -> Option<Parity> {
    match crate::directory::segments::normalize(word).as_str() {
        "" | "all" | "alle" | "alles" | "tous" | "toutes" | "tout" => Some(Parity::All),
        "odd" | "oneven" | "impair" | "impairs" | "ungerade" => Some(Parity::Odd),
        "even" | "pair" | "pairs" | "gerade" => Some(Parity::Even),
        _ => None,
    }
}

fn range(part: &str) -> Option<(i64, i64)> {
    let part = part.trim();
    if part.is_empty() {
        return Some((1, 9999));
    }
    let (a, b) = part.split_once(['-', '–']).unwrap_or((part, part));
    let (a, b): (i64, i64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    ((1..=9999).contains(&a) && (a..=9999).contains(&b)).then_some((a, b))
}

/// The street lines of a proposal. Blank lines are skipped; any line that cannot be read makes
/// the whole list wrong (`invalid_streets`), so nothing half-read is saved.
pub fn streets(input: &str) -> Result<Vec<Segment>, AppError> {
    let mut segments = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split(';');
        let street = parts.next().unwrap_or_default();
        let street = crate::membership::api::ssr::street(street).map_err(|_| AppError::InvalidStreets)?;
        let (first, last) = range(parts.next().unwrap_or_default()).ok_or(AppError::InvalidStreets)?;
        let parity = parity(parts.next().unwrap_or_default()).ok_or(AppError::InvalidStreets)?;
        if parts.next().is_some() {
            return Err(AppError::InvalidStreets);
        }
        segments.push(Segment { street_nl: street.clone(), street_fr: street, first, last, parity });
    }
    if segments.is_empty() || segments.len() > MAX_STREETS {
        return Err(AppError::InvalidStreets);
    }
    Ok(segments)
}

/// The streets as the form shows them again.
pub fn streets_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| format!("{}; {}-{}; {}", s.street_nl, s.first, s.last, s.parity.code()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_lines_read_in_every_language() {
        let segments =
            streets("Kerkstraat; 1-99; oneven\n\n  Rue de l'Église ; 2–40 ; pair\nDorfstraße\nMolenweg; 7; all")
                .unwrap();
        assert_eq!(segments.len(), 4);
        assert_eq!((segments[0].first, segments[0].last, segments[0].parity), (1, 99, Parity::Odd));
        assert_eq!(segments[1].street_nl, "Rue de l'Église");
        assert_eq!((segments[1].first, segments[1].last, segments[1].parity), (2, 40, Parity::Even));
        assert_eq!((segments[2].first, segments[2].last, segments[2].parity), (1, 9999, Parity::All));
        assert_eq!((segments[3].first, segments[3].last), (7, 7));
        assert!(segments[0].covers("kerkstraat", 13) && !segments[0].covers("kerkstraat", 14));
        let again = streets(&streets_text(&segments)).unwrap();
        assert_eq!(again, segments);
    }

    #[test]
    fn a_wrong_line_refuses_the_whole_list() {
        for bad in [
            "",
            "   \n  ",
            "Kerkstraat; 99-1",
            "Kerkstraat; 0-10",
            "Kerkstraat; 1-10; sometimes",
            "Kerkstraat; 1-10; odd; extra",
            "Kerkstraat; a-b",
            "<script>; 1-2",
            "12",
        ] {
            assert_eq!(streets(bad), Err(AppError::InvalidStreets), "{bad:?}");
        }
        let many = (0..=MAX_STREETS).map(|i| format!("Straat {i}")).collect::<Vec<_>>().join("\n");
        assert_eq!(streets(&many), Err(AppError::InvalidStreets));
    }

    #[test]
    fn names_and_texts_are_bounded() {
        assert_eq!(name("  BIN   Ledeberg-Noord "), Ok("BIN Ledeberg-Noord".to_string()));
        assert_eq!(name("ab"), Err(AppError::InvalidBinName));
        assert_eq!(name(&"x".repeat(81)), Err(AppError::InvalidBinName));
        assert_eq!(name("1234"), Err(AppError::InvalidBinName));
        assert_eq!(text("Twee\r\nregels", 3, 100), Ok("Twee\nregels".to_string()));
        assert_eq!(text("kort", 10, 100), Err(AppError::InvalidText));
        assert_eq!(text("bel\u{7}l", 1, 100), Err(AppError::InvalidText));
    }
}
