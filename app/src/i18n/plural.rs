//! Sentences with numbers in them: `{a}`, `{b}`, … are filled in order, and a number chooses
//! the words around it by the plural rules of the language (Unicode CLDR's cardinal rules):
//!
//! `{d, plural, one {# netwerk zoekt} other {# netwerken zoeken}} een coördinator`
//!
//! `#` stands for the number as it was written ("1.120", "< 5", "2,5"). The categories are
//! `one` and `other`, which every block must have.
//!
//! The rules are those of CLDR for Dutch, French, German and English, read from the number as
//! the reader sees it (which is what CLDR's operands describe); a unit test checks them
//! against the `intl_pluralrules` crate, CLDR's own data, so the browser does not carry the
//! rules of every language of the world.

use super::Lang;

/// A plural category of CLDR (these four languages use `one` and `other` for whole numbers and
/// decimals as the dashboards write them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    One,
    Other,
}

/// CLDR's operands of a number as written: `i` its integer digits, `v` how many fraction
/// digits it shows. `None` for what is not a plain number ("< 5", "–").
fn operands(written: &str) -> Option<(u64, usize)> {
    let written = written.trim();
    let is_group = |c: char| matches!(c, '.' | ',' | '\u{202f}' | '\u{a0}' | ' ');
    // One decimal after a point or comma is a fraction ("2,5", "2.0"): the dashboards write
    // decimals with one digit. Anything else between digits groups thousands ("1.120").
    let (int, fraction) = match written.char_indices().rfind(|(_, c)| is_group(*c)) {
        Some((at, c)) if matches!(c, '.' | ',') && written.len() - at == 2 => (&written[..at], &written[at + 1..]),
        _ => (written, ""),
    };
    let digits: String = int.chars().filter(|c| !is_group(*c)).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some((digits.parse().ok()?, fraction.len()))
}

/// The plural category of `written` in `lang`; what is not a number is `Other`.
pub fn category(lang: Lang, written: &str) -> Category {
    let Some((i, v)) = operands(written) else { return Category::Other };
    match lang {
        // one: i = 1 and v = 0.
        Lang::Nl | Lang::De | Lang::En if i == 1 && v == 0 => Category::One,
        Lang::Nl | Lang::De | Lang::En => Category::Other,
        // one: i = 0,1.
        Lang::Fr if i <= 1 => Category::One,
        Lang::Fr => Category::Other,
    }
}

/// Fills `template` for a reader of `lang`: `{a}` is `values[0]`, `{b}` is `values[1]` …, and
/// a plural block takes the words of its number's category.
pub fn fill(lang: Lang, template: &str, values: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_end = after.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(after.len());
        let value = (name_end == 1).then(|| values.get((after.as_bytes()[0] - b'a') as usize)).flatten();
        match (value, &after[name_end..]) {
            (Some(value), tail) if tail.starts_with('}') => {
                out.push_str(value);
                rest = &tail[1..];
            }
            (Some(value), tail) if tail.starts_with(", plural,") => match block(&tail[", plural,".len()..]) {
                Some((forms, len)) => {
                    let wanted = match category(lang, value) {
                        Category::One => "one",
                        Category::Other => "other",
                    };
                    let form =
                        forms.iter().find(|(k, _)| *k == wanted).or_else(|| forms.iter().find(|(k, _)| *k == "other"));
                    out.push_str(&form.map(|(_, words)| words.replace('#', value)).unwrap_or_default());
                    rest = &tail[", plural,".len() + len..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            },
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The forms of a plural block (` one {…} other {…}}`) and the length of the block up to and
/// including its closing brace.
fn block(text: &str) -> Option<(Vec<(&str, &str)>, usize)> {
    let mut forms = Vec::new();
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped;
        let rest = &text[at..];
        if let Some(stripped) = rest.strip_prefix('}') {
            let _ = stripped;
            return Some((forms, at + 1));
        }
        let open = rest.find('{')?;
        let key = rest[..open].trim();
        let close = rest[open + 1..].find('}')? + open + 1;
        forms.push((key, &rest[open + 1..close]));
        at += close + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{Category, category, fill};
    use crate::i18n::Lang;

    #[test]
    fn numbers_are_filled_in_order() {
        assert_eq!(fill(Lang::Nl, "{a} van {b}, {a}", &["1".into(), "2".into()]), "1 van 2, 1");
        assert_eq!(fill(Lang::Nl, "{c} and {z} stay", &["1".into()]), "{c} and {z} stay");
    }

    #[test]
    fn a_number_chooses_its_words() {
        let t = "{a, plural, one {# netwerk zoekt} other {# netwerken zoeken}} een coördinator.";
        assert_eq!(fill(Lang::Nl, t, &["1".into()]), "1 netwerk zoekt een coördinator.");
        assert_eq!(fill(Lang::Nl, t, &["0".into()]), "0 netwerken zoeken een coördinator.");
        assert_eq!(fill(Lang::Nl, t, &["1.120".into()]), "1.120 netwerken zoeken een coördinator.");
        assert_eq!(fill(Lang::Nl, t, &["< 5".into()]), "< 5 netwerken zoeken een coördinator.");
        let fr = "{a, plural, one {# réseau cherche} other {# réseaux cherchent}} un coordinateur\u{a0}; {b} n'ont pas d'adjoint.";
        assert_eq!(
            fill(Lang::Fr, fr, &["0".into(), "3".into()]),
            "0 réseau cherche un coordinateur\u{a0}; 3 n'ont pas d'adjoint."
        );
        assert_eq!(
            fill(Lang::Fr, fr, &["1\u{202f}120".into(), "1".into()]),
            "1\u{202f}120 réseaux cherchent un coordinateur\u{a0}; 1 n'ont pas d'adjoint."
        );
        let en = "{a} {a, plural, one {unread notice} other {unread notices}}";
        assert_eq!(fill(Lang::En, en, &["1".into()]), "1 unread notice");
        assert_eq!(fill(Lang::En, en, &["12".into()]), "12 unread notices");
    }

    #[test]
    fn decimals_and_words_are_read_as_written() {
        assert_eq!(category(Lang::En, "1.0"), Category::Other, "a shown fraction digit makes it other");
        assert_eq!(category(Lang::Fr, "1,5"), Category::One, "French: i = 1");
        assert_eq!(category(Lang::De, "1,5"), Category::Other);
        assert_eq!(category(Lang::En, "1,000"), Category::Other);
        assert_eq!(category(Lang::Fr, "1\u{202f}000\u{202f}000"), Category::Other);
        assert_eq!(category(Lang::Nl, "–"), Category::Other);
    }

    /// The rules agree with CLDR's data (the `intl_pluralrules` crate) for every whole number
    /// up to 2,000,000 in steps, and for numbers with one decimal.
    #[test]
    fn the_rules_are_cldr_s() {
        use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
        for lang in Lang::ALL {
            let cldr = PluralRules::create(
                lang.code().parse::<unic_langid::LanguageIdentifier>().unwrap(),
                PluralRuleType::CARDINAL,
            )
            .unwrap();
            let ours = |written: &str| match category(lang, written) {
                Category::One => PluralCategory::ONE,
                Category::Other => PluralCategory::OTHER,
            };
            let wholes = (0..=2_000u64).chain((0..=40).map(|k| k * 250_000));
            for n in wholes {
                let written = crate::i18n::format_count(n as i64, lang);
                assert_eq!(ours(&written), cldr.select(n).unwrap(), "{lang:?} {written}");
            }
            for tenths in 0..=40u64 {
                let sep = if lang == Lang::En { "." } else { "," };
                let written = format!("{}{sep}{}", tenths / 10, tenths % 10);
                let decimal = format!("{}.{}", tenths / 10, tenths % 10);
                assert_eq!(ours(&written), cldr.select(decimal.as_str()).unwrap(), "{lang:?} {written}");
            }
        }
    }
}
