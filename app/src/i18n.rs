//! Languages: which one a reader gets, and every text of the interface in Dutch, French, German
//! and English. A text is one variant of [`T`]; its four translations sit side by side in
//! `texts.rs`, so a missing translation does not compile.

mod texts;

pub use texts::T;

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

/// Every text of the interface and every error message in `lang`, as the JSON the server
/// writes into each page (`<script id="nabij-texts">`) for the browser build to read.
pub fn page_texts_json(lang: Lang) -> String {
    let texts: Vec<&str> =
        T::ALL.iter().map(|t| t.get(lang)).chain(crate::error::AppError::ALL.iter().map(|e| e.message(lang))).collect();
    // Inside a <script> element, "</" could end it early.
    serde_json::to_string(&texts).unwrap_or_else(|_| "[]".into()).replace("</", "<\\/")
}

/// The id of the element that holds the page's texts.
pub const PAGE_TEXTS_ID: &str = "nabij-texts";

#[cfg(feature = "hydrate")]
static PAGE_TEXTS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// The text number `index` of the page's language, read from the page the first time.
#[cfg(feature = "hydrate")]
pub(crate) fn page_text(index: usize) -> &'static str {
    PAGE_TEXTS
        .get_or_init(|| {
            let json = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(PAGE_TEXTS_ID))
                .and_then(|e| e.text_content())
                .unwrap_or_default();
            let texts: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
            texts.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect()
        })
        .get(index)
        .copied()
        .unwrap_or("")
}

/// The reader's language, provided by `App`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The text `key` in the reader's language.
pub fn t(key: T) -> &'static str {
    key.get(use_lang())
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
    fn the_page_carries_every_text_of_its_language_safely() {
        for lang in Lang::ALL {
            let json = page_texts_json(lang);
            assert!(!json.contains("</"), "a text could close the script element");
            let texts: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
            assert_eq!(texts.len(), T::ALL.len() + crate::error::AppError::ALL.len());
            assert_eq!(texts[T::SignIn as usize], T::SignIn.get(lang));
            let last = crate::error::AppError::Internal;
            assert_eq!(texts.last().map(String::as_str), Some(last.message(lang)), "errors follow the texts in order");
        }
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

    #[test]
    fn every_text_is_translated_into_every_language() {
        for key in T::ALL {
            for lang in Lang::ALL {
                assert!(!key.get(lang).trim().is_empty(), "{key:?} is empty in {lang:?}");
            }
        }
    }
}
