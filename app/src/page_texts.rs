//! The texts a page carries for its scripts and islands, in the page's language, each by its key
//! (`error.not_found`, `common.Close`): every error message (an island or the page's script says
//! why a request failed) and the two words of the live banner. Nothing else: the server writes
//! every other word into the page's markup, the islands' included, so a page carries no texts it
//! does not show. It lives at the root because the checks of every text read every domain's.

use crate::error::AppError;
use crate::i18n::{Common, Lang, PageTexts, Text};

/// The words the page's scripts write besides the error messages: the live banner's (live.js).
pub const SCRIPT_WORDS: [Common; 2] = [Common::LiveNewAlert, Common::Close];

/// The keys and words of one set of texts in `lang`.
#[cfg(test)]
fn set<X: Text>(all: &'static [X], lang: Lang) -> Vec<(&'static str, &'static str)> {
    all.iter().map(move |text| (text.key(), text.get(lang))).collect()
}

/// The texts of `lang` a page carries.
fn texts_of(lang: Lang) -> PageTexts {
    let words = SCRIPT_WORDS.iter().map(|w| (w.key(), w.get(lang)));
    let errors = AppError::ALL.into_iter().map(|e| (e.key(), e.message(lang)));
    PageTexts { texts: words.chain(errors).map(|(key, text)| (key.to_string(), text.to_string())).collect() }
}

/// The texts of `lang` a page carries, as the JSON the server writes into the page.
pub fn page_texts_json(lang: Lang) -> String {
    // Inside a <script> element, "</" could end it early.
    serde_json::to_string(&texts_of(lang)).unwrap_or_else(|_| "{}".into()).replace("</", "<\\/")
}

/// Every text and error message of `lang` with its key, in the order of the keys (for the checks
/// of every text).
#[cfg(test)]
pub(crate) fn every_entry(lang: Lang) -> Vec<(String, String)> {
    let sets = [
        set(Common::ALL, lang),
        set(crate::auth::texts::T::ALL, lang),
        set(crate::dashboard::texts::T::ALL, lang),
        set(crate::directory::texts::T::ALL, lang),
        set(crate::info::texts::T::ALL, lang),
        set(crate::learning::texts::T::ALL, lang),
        set(crate::lifecycle::texts::T::ALL, lang),
        set(crate::membership::texts::T::ALL, lang),
        set(crate::messaging::texts::T::ALL, lang),
        set(crate::staff::texts::T::ALL, lang),
    ];
    let errors = AppError::ALL.into_iter().map(|e| (e.key(), e.message(lang)));
    let all: std::collections::BTreeMap<String, String> =
        sets.into_iter().flatten().chain(errors).map(|(key, text)| (key.to_string(), text.to_string())).collect();
    all.into_iter().collect()
}

/// Every word only the server writes (in mails, notices, deliveries and spreadsheets: each
/// domain's `Words`) with its key, in the order of the keys. No page carries them; the checks of
/// every text read them too.
#[cfg(all(test, feature = "ssr"))]
pub(crate) fn every_server_word(lang: Lang) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = set(crate::platform::texts::Words::ALL, lang)
        .into_iter()
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

    /// A page carries every error message and the live banner's words, and nothing else.
    #[test]
    fn a_page_carries_what_its_scripts_say() {
        for lang in Lang::ALL {
            let json = page_texts_json(lang);
            assert!(!json.contains("</"), "a text could close the script element");
            assert_eq!(json, page_texts_json(lang), "the same page is the same bytes, on any instance");
            let page: PageTexts = serde_json::from_str(&json).unwrap_or_default();
            for error in AppError::ALL {
                assert_eq!(page.texts.get(error.key()).map(String::as_str), Some(error.message(lang)), "{error:?}");
            }
            assert_eq!(page.texts.get("common.LiveNewAlert").map(String::as_str), Some(Common::LiveNewAlert.get(lang)));
            assert_eq!(page.texts.get("common.Close").map(String::as_str), Some(Common::Close.get(lang)));
            assert_eq!(page.texts.len(), AppError::ALL.len() + SCRIPT_WORDS.len(), "nothing else, no key twice");
        }
    }

    /// The code that runs in the browser (the islands' `client` modules and `ui::dom`) reads no
    /// text of its own: the server writes its words into the markup, and it reads only the error
    /// messages from the page. A text read there would be empty on every page.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_browser_code_reads_only_the_texts_a_page_carries() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut clients = 0;
        for file in crate::layers::files_under(&src).iter().filter(|f| f.extension().is_some_and(|e| e == "rs")) {
            let at = file.strip_prefix(&src).unwrap_or(file).display().to_string();
            let source = std::fs::read_to_string(file).unwrap_or_default();
            let mut blocks: Vec<&str> = Vec::new();
            if at == "ui/dom.rs" {
                blocks.push(&source);
            }
            for (start, _) in source.match_indices("mod client {") {
                // The module's body: up to the brace that closes it.
                let body = &source[start..];
                let mut depth = 0;
                let end = body
                    .char_indices()
                    .find(|(_, c)| {
                        depth += match c {
                            '{' => 1,
                            '}' => -1,
                            _ => 0,
                        };
                        *c == '}' && depth == 0
                    })
                    .map_or(body.len(), |(i, _)| i);
                blocks.push(&body[..end]);
            }
            for block in blocks {
                clients += 1;
                for code in block.lines().map(|line| line.split("//").next().unwrap_or("")) {
                    for reads in ["t(", "texts::", "use_lang", "Common::", ".message("] {
                        let word_start = code
                            .match_indices(reads)
                            .any(|(i, _)| !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
                        assert!(!word_start, "{at} reads a text in the browser: {}", code.trim());
                    }
                }
            }
        }
        assert!(clients >= 5, "the islands' client modules are read ({clients})");
    }

    /// The small scripts of a page's parts (`public/*.js`) read from the page's texts only its
    /// error messages (`text(`error.…`)`); their other words are in the markup.
    #[test]
    fn the_page_scripts_read_only_error_messages() {
        let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
        let mut calls = 0;
        for entry in std::fs::read_dir(&public).expect("the site's public files") {
            let file = entry.expect("a public file").path();
            if file.extension().is_none_or(|e| e != "js") {
                continue;
            }
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            for (i, _) in source.match_indices("text(") {
                if source[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let argument = &source[i + "text(".len()..];
                let definition = source[..i].ends_with("function ");
                assert!(
                    definition || argument.starts_with("`error."),
                    "{} reads a text that is not an error message: {}",
                    file.display(),
                    &argument[..argument.find(')').unwrap_or(argument.len())]
                );
                calls += 1;
            }
        }
        assert!(calls >= 2, "the scripts' reads are found ({calls})");
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
            let page = texts_of(lang);
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
