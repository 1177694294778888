//! The texts a page carries for the browser build, which has none of its own: every set of
//! texts (each domain's and the common ones) and every error message, each by its key
//! (`auth.SignIn`, `error.not_found`), in the page's language. It lives at the root because it
//! lists every domain's texts.
//!
//! The directory's first visit carries only the common texts, the directory's own and the error
//! messages (it is the page most people open, and the lightest); any other page carries every
//! text. A page loaded in the browser after the directory fetches the rest first.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{Common, Lang, PageTexts, Text};

/// The keys and words of one set of texts in `lang`.
fn set<X: Text>(all: &'static [X], lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    all.iter().map(move |text| (text.key(), text.get(lang)))
}

/// Every text of `lang` (or, for the directory's first visit, only the texts it shows) with every
/// error message, each by its key.
fn texts_of(lang: Lang, every: bool) -> PageTexts {
    let directory = set(Common::ALL, lang).chain(set(crate::directory::texts::T::ALL, lang));
    let others: Vec<(&str, &str)> = if every {
        set(crate::auth::texts::T::ALL, lang)
            .chain(set(crate::dashboard::texts::T::ALL, lang))
            .chain(set(crate::info::texts::T::ALL, lang))
            .chain(set(crate::learning::texts::T::ALL, lang))
            .chain(set(crate::lifecycle::texts::T::ALL, lang))
            .chain(set(crate::membership::texts::T::ALL, lang))
            .chain(set(crate::messaging::texts::T::ALL, lang))
            .chain(set(crate::staff::texts::T::ALL, lang))
            .collect()
    } else {
        Vec::new()
    };
    let errors = AppError::ALL.into_iter().map(|e| (e.key(), e.message(lang)));
    let texts = directory.chain(others).chain(errors).map(|(key, text)| (key.to_string(), text.to_string())).collect();
    PageTexts { every, texts }
}

/// The texts of `lang` as the JSON the server writes into each page for the browser build.
pub fn page_texts_json(lang: Lang, every: bool) -> String {
    // Inside a <script> element, "</" could end it early.
    serde_json::to_string(&texts_of(lang, every)).unwrap_or_else(|_| "{}".into()).replace("</", "<\\/")
}

/// Whether the page being rendered (on the server) is the directory, whose first visit carries
/// only the texts it shows.
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

/// Makes every text of the page's language available: a page that carried only the directory's
/// fetches the rest once. Pages loaded after the first call this before they are drawn.
pub async fn ensure_every_text() {
    #[cfg(feature = "hydrate")]
    {
        if crate::i18n::page_has_every_text() {
            return;
        }
        // A failed fetch is tried again; if all fail, the page shows the texts it has.
        for _ in 0..3 {
            if let Ok(texts) = every_text(crate::i18n::detect_lang().code().to_string()).await {
                crate::i18n::set_page_texts(texts);
                return;
            }
        }
        leptos::logging::warn!("the interface texts could not be fetched");
    }
}

/// Every text and error message of a language, by key.
#[server(endpoint = "texts", input = leptos::server_fn::codec::GetUrl, output = crate::codec::Json)]
pub async fn every_text(lang: String) -> Result<PageTexts, AppError> {
    Ok(texts_of(Lang::parse(&lang).unwrap_or_default(), true))
}

/// Every text and error message of `lang` with its key, in the order of the keys (for the checks
/// of every text).
#[cfg(test)]
pub(crate) fn every_entry(lang: Lang) -> Vec<(String, String)> {
    texts_of(lang, true).texts.into_iter().collect()
}

/// Every word only the server writes (in mails, notices, deliveries and spreadsheets: each
/// domain's `Words`) with its key, in the order of the keys. No page carries them; the checks of
/// every text read them too.
#[cfg(all(test, feature = "ssr"))]
pub(crate) fn every_server_word(lang: Lang) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = set(crate::platform::texts::Words::ALL, lang)
        .chain(set(crate::dashboard::texts::Words::ALL, lang))
        .chain(set(crate::lifecycle::texts::Words::ALL, lang))
        .chain(set(crate::membership::texts::Words::ALL, lang))
        .chain(set(crate::messaging::texts::Words::ALL, lang))
        .map(|(key, text)| (key.to_string(), text.to_string()))
        .collect();
    entries.sort();
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The directory's files name no other domain's texts, so its first visit, which carries
    /// only the common texts and its own, never shows an empty text.
    #[test]
    fn the_directory_page_shows_only_texts_its_first_visit_carries() {
        let files = [
            "lib.rs",
            "ui.rs",
            "directory/pages/home.rs",
            "directory/pages/search_box.rs",
            "directory/pages/map_view.rs",
        ];
        let domains = ["auth", "dashboard", "info", "learning", "lifecycle", "membership", "messaging", "staff"];
        for file in files {
            let source =
                std::fs::read_to_string(format!("{}/src/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
            assert!(!source.is_empty(), "{file} is read");
            for domain in domains {
                assert!(!source.contains(&format!("{domain}::texts")), "{file} shows a text of {domain}");
            }
        }
        let shell = texts_of(Lang::Fr, false);
        assert!(!shell.every);
        assert_eq!(
            shell.texts.get("directory.MapHelp").map(String::as_str),
            Some(crate::directory::texts::T::MapHelp.get(Lang::Fr))
        );
        assert_eq!(shell.texts.get("common.SignIn").map(String::as_str), Some(Common::SignIn.get(Lang::Fr)));
        assert!(!shell.texts.contains_key("learning.FinalQuiz"), "the learning module's texts stay out");
        assert!(AppError::ALL.iter().all(|e| shell.texts.contains_key(e.key())), "every error message is there");
    }

    #[test]
    fn the_page_carries_every_text_of_its_language_safely() {
        for lang in Lang::ALL {
            let json = page_texts_json(lang, true);
            assert!(!json.contains("</"), "a text could close the script element");
            assert_eq!(json, page_texts_json(lang, true), "the same page is the same bytes, on any instance");
            let texts: PageTexts = serde_json::from_str(&json).unwrap_or_default();
            assert!(texts.every);
            assert_eq!(
                texts.texts.get("auth.SignUpIntro").map(String::as_str),
                Some(crate::auth::texts::T::SignUpIntro.get(lang))
            );
            assert_eq!(
                texts.texts.get("error.internal").map(String::as_str),
                Some(AppError::Internal.message(lang)),
                "the errors are there by their code"
            );
            let sets = Common::ALL.len()
                + crate::auth::texts::T::ALL.len()
                + crate::dashboard::texts::T::ALL.len()
                + crate::directory::texts::T::ALL.len()
                + crate::info::texts::T::ALL.len()
                + crate::learning::texts::T::ALL.len()
                + crate::lifecycle::texts::T::ALL.len()
                + crate::membership::texts::T::ALL.len()
                + crate::messaging::texts::T::ALL.len()
                + crate::staff::texts::T::ALL.len();
            assert_eq!(texts.texts.len(), sets + AppError::ALL.len(), "no two texts share a key");
        }
    }

    /// French writes a no-break space before "?", "!", ":" and ";" and inside « », so a line
    /// never breaks before them; a plain space there is a mistake.
    #[test]
    fn french_puts_no_break_spaces_around_its_double_punctuation() {
        let wrong: Vec<String> = every_entry(Lang::Fr)
            .into_iter()
            .filter(|(_, text)| [" ?", " !", " :", " ;", "« ", " »"].iter().any(|s| text.contains(s)))
            .map(|(key, text)| format!("{key}: {text}"))
            .collect();
        assert!(wrong.is_empty(), "a plain space where French wants a no-break space:\n{}", wrong.join("\n"));
        assert_eq!(Lang::Fr.colon(), "\u{a0}: ");
    }

    /// The words only the server writes stay off the page, each under its own key, and follow
    /// the rules of the page's texts: written in every language, French with its no-break spaces.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_server_words_stay_off_the_page_and_are_written_in_every_language() {
        for lang in Lang::ALL {
            let page = texts_of(lang, true);
            let words = every_server_word(lang);
            let keys: std::collections::BTreeSet<&str> = words.iter().map(|(key, _)| key.as_str()).collect();
            assert_eq!(keys.len(), words.len(), "no two server words share a key");
            for (key, text) in &words {
                assert!(key.contains(".words."), "{key} is a server word");
                assert!(!page.texts.contains_key(key), "{key} is carried by the page");
                assert!(!text.trim().is_empty(), "{key} is empty in {lang:?}");
            }
        }
        let wrong: Vec<String> = every_server_word(Lang::Fr)
            .into_iter()
            .filter(|(_, text)| [" ?", " !", " :", " ;", "« ", " »"].iter().any(|s| text.contains(s)))
            .map(|(key, text)| format!("{key}: {text}"))
            .collect();
        assert!(wrong.is_empty(), "a plain space where French wants a no-break space:\n{}", wrong.join("\n"));
    }

    #[test]
    fn every_text_is_translated_into_every_language() {
        for lang in Lang::ALL {
            for (key, text) in every_entry(lang) {
                assert!(!text.trim().is_empty(), "{key} is empty in {lang:?}");
            }
        }
    }
}
