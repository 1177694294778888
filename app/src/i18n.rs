//! Languages: which one a reader gets, and every text of the interface in Dutch, French, German
//! and English. A text is one variant of [`T`]; its four translations sit side by side in
//! `texts.rs`, so a missing translation does not compile.

pub mod plural;
mod texts;

pub use plural::fill;
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

/// The texts that the code of the directory page can show in the browser: the header, footer and
/// "not found" of every page, and the directory itself. A first visit to the directory carries
/// only these (and every error message); any other page carries every text. The test
/// `the_shell_texts_hold_every_text_of_the_shell` keeps this list complete.
pub const SHELL_TEXTS: &[T] = &[
    T::SearchedPlace,
    T::MapLegend,
    T::ClusterLegend,
    T::SkipToContent,
    T::MainNavigation,
    T::MenuButton,
    T::PrivacyNotice,
    T::MembersRules,
    T::ChooseLanguage,
    T::NavFind,
    T::NavLearn,
    T::NavDashboard,
    T::NavAccount,
    T::SignIn,
    T::MyBins,
    T::Inbox,
    T::UnreadCount,
    T::UnseenAlerts,
    T::NavMessages,
    T::KindUrgent,
    T::LiveNewAlert,
    T::Close,
    T::Working,
    T::FooterAbout,
    T::FooterData,
    T::FooterDemo,
    T::NotFoundTitle,
    T::BackHome,
    T::HomeTitle,
    T::HomeLead,
    T::AccountDeletedNotice,
    T::Loading,
    T::MapTitle,
    T::Belgium,
    T::Region,
    T::Total,
    T::FiguresCaption,
    T::CoversYourAddress,
    T::LookingForCoordinator,
    T::NoBinHere,
    T::NoResults,
    T::PoliceZone,
    T::ResultsNear,
    T::StartBin,
    T::ZoneWebsite,
    T::KindAll,
    T::KindBin,
    T::KindBinZ,
    T::KindFilter,
    T::Locating,
    T::LocationRefused,
    T::LookingFilter,
    T::Search,
    T::SearchHint,
    T::SearchLabel,
    T::Suggestions,
    T::UseMyLocation,
    T::ClusterLabel,
    T::MapControls,
    T::MapHelp,
    T::MapLabel,
    T::NetworksInView,
    T::OpenBinPage,
    T::PanEast,
    T::PanNorth,
    T::PanSouth,
    T::PanWest,
    T::WholeCountry,
    T::ZoomIn,
    T::ZoomOut,
    // A failure on the directory page shows its reference.
    T::ErrorReference,
    T::NavStaff,
    T::MetaDescription,
];

/// The texts of `lang` (every text, or only the shell's, the others `null`) followed by every
/// error message, as the JSON the server writes into each page (`<script id="nabij-texts">`) for
/// the browser build to read.
pub fn page_texts_json(lang: Lang, every_text: bool) -> String {
    let texts = texts_of(lang, every_text);
    // Inside a <script> element, "</" could end it early.
    serde_json::to_string(&texts).unwrap_or_else(|_| "[]".into()).replace("</", "<\\/")
}

/// The texts of `lang` in the order the browser reads them: every text (or only the shell's, the
/// others `None`), then every error message.
fn texts_of(lang: Lang, every_text: bool) -> Vec<Option<&'static str>> {
    T::ALL
        .iter()
        .map(|t| (every_text || SHELL_TEXTS.contains(t)).then(|| t.get(lang)))
        .chain(crate::error::AppError::ALL.iter().map(|e| Some(e.message(lang))))
        .collect()
}

/// Whether the page being rendered (on the server) is the directory, whose first visit carries
/// only the shell's texts.
pub fn is_directory_page() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_some_and(|parts| parts.uri.path() == "/")
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// The id of the element that holds the page's texts.
pub const PAGE_TEXTS_ID: &str = "nabij-texts";

/// The page's texts, read from the page the first time one is needed; texts the page did not
/// carry are `None` until [`ensure_every_text`] has fetched them.
#[cfg(feature = "hydrate")]
static PAGE_TEXTS: std::sync::RwLock<Vec<Option<&'static str>>> = std::sync::RwLock::new(Vec::new());

#[cfg(feature = "hydrate")]
fn read_page_texts() {
    let empty = PAGE_TEXTS.read().map(|texts| texts.is_empty()).unwrap_or(false);
    if !empty {
        return;
    }
    let json = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(PAGE_TEXTS_ID))
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    let texts: Vec<Option<String>> = serde_json::from_str(&json).unwrap_or_default();
    set_texts(texts);
}

#[cfg(feature = "hydrate")]
fn set_texts(texts: Vec<Option<String>>) {
    let leaked = texts.into_iter().map(|t| t.map(|s| &*Box::leak(s.into_boxed_str()))).collect();
    if let Ok(mut page) = PAGE_TEXTS.write() {
        *page = leaked;
    }
}

/// The text number `index` of the page's language.
#[cfg(feature = "hydrate")]
pub(crate) fn page_text(index: usize) -> &'static str {
    read_page_texts();
    PAGE_TEXTS.read().ok().and_then(|texts| texts.get(index).copied().flatten()).unwrap_or("")
}

/// Makes every text of the page's language available: a page that carried only the shell's
/// fetches the rest once. Pages loaded after the first call this before they are drawn.
pub async fn ensure_every_text() {
    #[cfg(feature = "hydrate")]
    {
        read_page_texts();
        let complete =
            PAGE_TEXTS.read().map(|texts| !texts.is_empty() && texts.iter().all(Option::is_some)).unwrap_or(false);
        if complete {
            return;
        }
        // A failed fetch is tried again; if all fail, the page shows the texts it has.
        for _ in 0..3 {
            if let Ok(texts) = every_text(detect_lang().code().to_string()).await {
                set_texts(texts.into_iter().map(Some).collect());
                return;
            }
        }
        leptos::logging::warn!("the interface texts could not be fetched");
    }
}

/// Every text and error message of a language, in the order of the page's texts.
#[server(endpoint = "texts", input = leptos::server_fn::codec::GetUrl, output = crate::codec::Json)]
pub async fn every_text(lang: String) -> Result<Vec<String>, crate::error::AppError> {
    let lang = Lang::parse(&lang).unwrap_or_default();
    Ok(texts_of(lang, true).into_iter().map(|text| text.unwrap_or_default().to_string()).collect())
}

/// The reader's language, provided by `App`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The text `key` in the reader's language.
pub fn t(key: T) -> &'static str {
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

    /// Every text that the code of the shell and the directory names is in `SHELL_TEXTS`, so the
    /// directory's first visit never shows an empty text.
    #[test]
    fn the_shell_texts_hold_every_text_of_the_shell() {
        let files = ["lib.rs", "ui.rs", "directory/home.rs", "directory/search_box.rs", "directory/map_view.rs"];
        let shell: Vec<String> = SHELL_TEXTS.iter().map(|t| format!("{t:?}")).collect();
        let mut missing = Vec::new();
        for file in files {
            let source =
                std::fs::read_to_string(format!("{}/src/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
            assert!(!source.is_empty(), "{file} is read");
            for (at, _) in source.match_indices("T::") {
                let name: String =
                    source[at + 3..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if name != "ALL" && !shell.contains(&name) {
                    missing.push(format!("{file}: {name}"));
                }
            }
        }
        assert!(missing.is_empty(), "add to SHELL_TEXTS: {missing:?}");
    }

    #[test]
    fn the_page_carries_every_text_of_its_language_safely() {
        for lang in Lang::ALL {
            let json = page_texts_json(lang, true);
            assert!(!json.contains("</"), "a text could close the script element");
            let texts: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
            assert_eq!(texts.len(), T::ALL.len() + crate::error::AppError::ALL.len());
            assert_eq!(texts[T::SignIn as usize], T::SignIn.get(lang));
            let shell: Vec<Option<String>> = serde_json::from_str(&page_texts_json(lang, false)).unwrap_or_default();
            assert_eq!(shell.len(), texts.len());
            assert_eq!(shell[T::MapHelp as usize].as_deref(), Some(T::MapHelp.get(lang)));
            assert_eq!(shell[T::FinalQuiz as usize], None, "the learning module's texts stay out");
            assert!(shell[T::ALL.len()..].iter().all(Option::is_some), "every error message is there");
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

    /// French writes a no-break space before "?", "!", ":" and ";" and inside « », so a line
    /// never breaks before them; a plain space there is a mistake.
    #[test]
    fn french_puts_no_break_spaces_around_its_double_punctuation() {
        let texts = T::ALL.iter().map(|t| (format!("{t:?}"), t.get(Lang::Fr)));
        let errors = crate::error::AppError::ALL.into_iter().map(|e| (e.code().to_string(), e.message(Lang::Fr)));
        let wrong: Vec<String> = texts
            .chain(errors)
            .filter(|(_, text)| [" ?", " !", " :", " ;", "« ", " »"].iter().any(|s| text.contains(s)))
            .map(|(key, text)| format!("{key}: {text}"))
            .collect();
        assert!(wrong.is_empty(), "a plain space where French wants a no-break space:\n{}", wrong.join("\n"));
        assert_eq!(Lang::Fr.colon(), "\u{a0}: ");
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
