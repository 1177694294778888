//! Street segments: the part of a street a BIN covers (a range of house numbers, all, odd or
//! even), and reading "street number, place" as people type it. Plain functions, on both sides.

use serde::{Deserialize, Serialize};

/// Which house numbers of a range a segment covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parity {
    All,
    Odd,
    Even,
}

impl Parity {
    pub fn code(self) -> &'static str {
        match self {
            Parity::All => "all",
            Parity::Odd => "odd",
            Parity::Even => "even",
        }
    }

    pub fn parse(code: &str) -> Option<Parity> {
        match code {
            "all" => Some(Parity::All),
            "odd" => Some(Parity::Odd),
            "even" => Some(Parity::Even),
            _ => None,
        }
    }
}

/// A covered street segment, with the street's name in each language it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub street_nl: String,
    pub street_fr: String,
    pub first: i64,
    pub last: i64,
    pub parity: Parity,
}

impl Segment {
    /// Whether this segment holds house number `number` of the street called `street` (in any
    /// of its languages, regardless of case, accents and dashes).
    pub fn covers(&self, street: &str, number: i64) -> bool {
        let wanted = normalize(street);
        let named = [&self.street_nl, &self.street_fr].into_iter().any(|n| !n.is_empty() && normalize(n) == wanted);
        let parity_ok = match self.parity {
            Parity::All => true,
            Parity::Odd => number % 2 == 1,
            Parity::Even => number % 2 == 0,
        };
        named && parity_ok && (self.first..=self.last).contains(&number)
    }
}

/// An address as typed: "Kerkstraat 12, Gent", "12 rue de la Gare, Namur" or "Rue Neuve 3 Bruxelles"
/// (without a comma, the place is the last word). House numbers such as "12A" or "12 bus 3" count as 12.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub street: String,
    pub number: i64,
    pub place: String,
}

pub fn parse_address(input: &str) -> Option<Address> {
    let (street_part, place) = match input.rsplit_once(',') {
        Some((s, p)) => (s.trim(), p.trim().to_string()),
        None => {
            let (s, p) = input.trim().rsplit_once(' ')?;
            (s.trim(), p.trim().to_string())
        }
    };
    let words: Vec<&str> = street_part.split_whitespace().collect();
    let is_number = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit());
    let number_at = words.iter().position(|w| is_number(w))?;
    let digits: String = words[number_at].chars().take_while(char::is_ascii_digit).collect();
    let number: i64 = digits.parse().ok().filter(|n| (1..=100_000).contains(n))?;
    let street = if number_at == 0 { words[1..].join(" ") } else { words[..number_at].join(" ") };
    if street.is_empty() || place.is_empty() || place.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Address { street, number, place })
}

/// Lower case, accents removed, dashes and apostrophes as spaces, spaces collapsed:
/// "Sint-Genesius-Rode", "sint genesius rode" and "SINT-GENESIUS-RODE" compare equal, and so
/// do "Liège" and "liege".
pub fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ÿ' => "y",
            'œ' => "oe",
            'æ' => "ae",
            'ß' => "ss",
            '-' | '\'' | '’' | '.' | ',' | '/' | '(' | ')' => " ",
            c if c.is_whitespace() => " ",
            c if c.is_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => continue,
        };
        out.push_str(mapped);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(nl: &str, fr: &str, first: i64, last: i64, parity: Parity) -> Segment {
        Segment { street_nl: nl.into(), street_fr: fr.into(), first, last, parity }
    }

    #[test]
    fn a_number_in_the_range_is_covered_and_outside_it_is_not() {
        let s = segment("Kerkstraat", "", 1, 99, Parity::All);
        assert!(s.covers("Kerkstraat", 1) && s.covers("Kerkstraat", 99) && s.covers("Kerkstraat", 50));
        assert!(!s.covers("Kerkstraat", 100) && !s.covers("Kerkstraat", 0));
    }

    #[test]
    fn odd_and_even_sides_are_told_apart() {
        let odd = segment("Molenstraat", "", 1, 99, Parity::Odd);
        let even = segment("Molenstraat", "", 1, 99, Parity::Even);
        assert!(odd.covers("Molenstraat", 13) && !odd.covers("Molenstraat", 14));
        assert!(even.covers("Molenstraat", 14) && !even.covers("Molenstraat", 13));
    }

    #[test]
    fn street_names_match_across_case_accents_and_languages() {
        let s = segment("Kerkstraat", "Rue de l'Église", 1, 49, Parity::All);
        assert!(s.covers("KERKSTRAAT", 3));
        assert!(s.covers("rue de l eglise", 3));
        assert!(s.covers("Rue de l’Église", 3));
        assert!(!s.covers("Kerkweg", 3));
    }

    #[test]
    fn addresses_are_read_in_the_usual_orders() {
        assert_eq!(
            parse_address("Kerkstraat 12, Gent"),
            Some(Address { street: "Kerkstraat".into(), number: 12, place: "Gent".into() })
        );
        assert_eq!(
            parse_address("12 rue de la Gare, Namur"),
            Some(Address { street: "rue de la Gare".into(), number: 12, place: "Namur".into() })
        );
        assert_eq!(parse_address("Rue Neuve 3A Bruxelles").map(|a| (a.number, a.place)), Some((3, "Bruxelles".into())));
        assert_eq!(parse_address("Gent"), None);
        assert_eq!(parse_address("9000"), None);
        assert_eq!(parse_address("Kerkstraat, Gent"), None);
        assert_eq!(parse_address("Kerkstraat 99999999999999999999, Gent"), None);
    }

    #[test]
    fn names_compare_without_case_accents_or_dashes() {
        assert_eq!(normalize("Sint-Genesius-Rode"), "sint genesius rode");
        assert_eq!(normalize("  LIÈGE "), "liege");
        assert_eq!(normalize("Écaussinnes"), "ecaussinnes");
        assert_eq!(normalize("<b>Gent</b>; DROP TABLE"), "bgent b drop table");
    }
}
