//! Languages: which one a reader gets, how texts are declared (each domain's own in its
//! `texts.rs`, the shared ones in [`Common`]) and how the browser finds them in the page.

pub mod plural;
mod texts;

pub use plural::fill;
pub(crate) use texts::texts;
pub use texts::{Common, Text};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A language of the interface. Dutch is the fallback.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    Fr,
    De,
    En,
}

/// The cookie that keeps a reader's choice of language.
pub const LANG_COOKIE: &str = "nabij_lang";

impl Lang {
    /// All languages, in the order the switcher shows them.
    pub const ALL: [Lang; 4] = [Lang::Nl, Lang::Fr, Lang::De, Lang::En];

    /// The BCP 47 code used in URLs, cookies and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language's own name, as the switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::En => "English",
        }
    }

    /// Parses a code such as `fr`, `FR` or `fr-BE`; anything else is `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "nl" => Some(Lang::Nl),
            "fr" => Some(Lang::Fr),
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::Nl => 0,
            Lang::Fr => 1,
            Lang::De => 2,
            Lang::En => 3,
        }
    }

    /// Picks this language's entry from a `[nl, fr, de, en]` quadruple.
    pub fn pick(self, four: [&str; 4]) -> &str {
        four[self.index()]
    }

    /// What goes between a label and its value: ": ", in French with a no-break space before
    /// the colon ("Motif : …").
    pub fn colon(self) -> &'static str {
        match self {
            Lang::Fr => "\u{a0}: ",
            Lang::Nl | Lang::De | Lang::En => ": ",
        }
    }
}

/// Chooses the language of a request: the `?lang=` of the URL, else the cookie, else the best
/// supported entry of `Accept-Language` (by its q-values), else Dutch.
pub fn negotiate(query_lang: Option<&str>, cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = query_lang.and_then(Lang::parse) {
        return lang;
    }
    if let Some(lang) = cookie.and_then(Lang::parse) {
        return lang;
    }
    accept_language.and_then(best_accepted).unwrap_or_default()
}

fn best_accepted(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("");
        let q =
            pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if let Some(lang) = Lang::parse(tag)
            && q > 0.0
            && best.is_none_or(|(_, bq)| q > bq)
        {
            best = Some((lang, q));
        }
    }
    best.map(|(lang, _)| lang)
}

/// The id of the element that holds the page's texts.
pub const PAGE_TEXTS_ID: &str = "nabij-texts";

/// The texts a page carries for its scripts and islands (`<script id="nabij-texts">`, see
/// `page_texts`): each text by its key (`error.not_found`, `common.Close`), in the order of the
/// keys, so that the same page is the same bytes on every instance (its ETag too).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PageTexts {
    pub texts: std::collections::BTreeMap<String, String>,
}

// The texts the browser has looked up, by key. A page reached in the page brings texts in the
// same language (a change of language loads anew), so a text once read stays right.
#[cfg(feature = "hydrate")]
thread_local! {
    static PAGE_TEXTS: std::cell::RefCell<Vec<(String, &'static str)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The text named `key` in the page's language ("" if the page did not carry it), read from the
/// page's texts with the browser's JSON parser: the islands carry no JSON library of their own.
#[cfg(feature = "hydrate")]
pub fn page_text(key: &str) -> &'static str {
    if let Some(text) = PAGE_TEXTS.with_borrow(|known| known.iter().find(|(k, _)| k == key).map(|(_, text)| *text)) {
        return text;
    }
    use web_sys::js_sys::{JSON, Reflect};
    let text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(PAGE_TEXTS_ID))
        .and_then(|element| JSON::parse(&element.text_content()?).ok())
        .and_then(|page| Reflect::get(&page, &"texts".into()).ok())
        .and_then(|texts| Reflect::get(&texts, &key.into()).ok()?.as_string());
    let Some(text) = text else { return "" };
    // Kept for the life of the page (one copy of each text at most), so that it can be handed
    // out as `'static`, as the server's texts are.
    let text: &'static str = Box::leak(text.into_boxed_str());
    PAGE_TEXTS.with_borrow_mut(|known| known.push((key.to_string(), text)));
    text
}

/// The reader's language: provided by `App` on the server; in an island, the page's.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(detect_lang)
}

/// The text `key` in the reader's language.
pub fn t(key: impl Text) -> &'static str {
    key.get(use_lang())
}

/// What goes between a label and its value in the reader's language (see [`Lang::colon`]).
pub fn colon() -> &'static str {
    use_lang().colon()
}

/// Numbers as the reader writes them.
/// A number with one decimal, with the decimal separator of the reader's language: 1,5 and 1.5.
pub fn format_decimal(x: f64, lang: Lang) -> String {
    let text = format!("{x:.1}");
    if lang == Lang::En { text } else { text.replace('.', ",") }
}

/// A whole number with the thousands separator of the reader's language.
pub fn format_count(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::Fr => '\u{202f}',
        _ => '.',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Determines the language on either side: on the server from the request (resolved by the
/// server's language layer), in the browser from `<html lang>`, which the server wrote.
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Lang>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .and_then(|code| Lang::parse(&code))
                .unwrap_or_default()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Lang::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_the_separator_of_the_language() {
        assert_eq!(format_count(1557, Lang::Nl), "1.557");
        assert_eq!(format_count(1557, Lang::En), "1,557");
        assert_eq!(format_count(180_000, Lang::Fr), "180\u{202f}000");
        assert_eq!(format_count(17, Lang::De), "17");
        assert_eq!(format_decimal(1.25, Lang::En), "1.2");
        assert_eq!(format_decimal(12.34, Lang::Fr), "12,3");
        assert_eq!(format_decimal(0.96, Lang::De), "1,0");
        assert_eq!(format_decimal(0.04, Lang::Nl), "0,0");
    }

    #[test]
    fn the_url_wins_over_cookie_and_header() {
        assert_eq!(negotiate(Some("de"), Some("fr"), Some("en")), Lang::De);
    }

    #[test]
    fn the_cookie_wins_over_the_header() {
        assert_eq!(negotiate(None, Some("fr"), Some("en-GB,en;q=0.9")), Lang::Fr);
    }

    #[test]
    fn accept_language_is_read_by_quality() {
        assert_eq!(negotiate(None, None, Some("es;q=1.0, de;q=0.4, fr-BE;q=0.8")), Lang::Fr);
    }

    #[test]
    fn unknown_languages_fall_back_to_dutch() {
        assert_eq!(negotiate(Some("xx"), Some("zz"), Some("es, it;q=0.5")), Lang::Nl);
        assert_eq!(negotiate(None, None, None), Lang::Nl);
    }

    #[test]
    fn a_language_with_quality_zero_is_refused() {
        assert_eq!(negotiate(None, None, Some("fr;q=0, en;q=0.1")), Lang::En);
    }
}
