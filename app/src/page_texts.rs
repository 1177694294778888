//! The texts a page carries for its islands (the browser build has none of its own): sets of texts
//! (each domain's and the common ones, by name) and every error message, each text by its key
//! (`auth.SignIn`, `error.not_found`), in the page's language. It lives at the root because it
//! lists every domain's texts.
//!
//! Every page carries the common texts, the directory's and the error messages; a page carries
//! besides those only the sets its group names in the table of pages (`lib.rs`): the sign-in page
//! the account texts, not the dashboards'. A page reached by the in-page navigation brings its
//! own, which the browser takes in with the page.

#[cfg(feature = "ssr")]
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{Common, Lang, PageTexts, Text};

/// The sets every page carries.
pub const ALWAYS: [&str; 2] = ["common", "directory"];

/// Every set of texts by name: the common texts and each domain's that pages show.
pub const SETS: [&str; 10] =
    ["common", "auth", "dashboard", "directory", "info", "learning", "lifecycle", "membership", "messaging", "staff"];

/// The keys and words of one set of texts in `lang`.
fn set<X: Text>(all: &'static [X], lang: Lang) -> Vec<(&'static str, &'static str)> {
    all.iter().map(move |text| (text.key(), text.get(lang))).collect()
}

/// The keys and words of the set named `name` in `lang` (none for a name that is not a set).
fn set_named(name: &str, lang: Lang) -> Vec<(&'static str, &'static str)> {
    match name {
        "common" => set(Common::ALL, lang),
        "auth" => set(crate::auth::texts::T::ALL, lang),
        "dashboard" => set(crate::dashboard::texts::T::ALL, lang),
        "directory" => set(crate::directory::texts::T::ALL, lang),
        "info" => set(crate::info::texts::T::ALL, lang),
        "learning" => set(crate::learning::texts::T::ALL, lang),
        "lifecycle" => set(crate::lifecycle::texts::T::ALL, lang),
        "membership" => set(crate::membership::texts::T::ALL, lang),
        "messaging" => set(crate::messaging::texts::T::ALL, lang),
        "staff" => set(crate::staff::texts::T::ALL, lang),
        _ => Vec::new(),
    }
}

/// The texts of `lang` of the sets every page carries and of `sets` (names that are not sets are
/// left out), with every error message.
fn texts_of<S: AsRef<str>>(lang: Lang, sets: &[S]) -> PageTexts {
    let sets: std::collections::BTreeSet<String> = ALWAYS
        .iter()
        .copied()
        .chain(sets.iter().map(AsRef::as_ref))
        .filter(|name| SETS.contains(name))
        .map(str::to_string)
        .collect();
    let words = sets.iter().flat_map(|name| set_named(name, lang));
    let errors = AppError::ALL.into_iter().map(|e| (e.key(), e.message(lang)));
    let texts = words.chain(errors).map(|(key, text)| (key.to_string(), text.to_string())).collect();
    PageTexts { sets, texts }
}

/// The texts of `lang` a page carries (those of every page and `sets`), as the JSON the server
/// writes into the page for the browser build.
pub fn page_texts_json(lang: Lang, sets: &[&str]) -> String {
    // Inside a <script> element, "</" could end it early.
    serde_json::to_string(&texts_of(lang, sets)).unwrap_or_else(|_| "{}".into()).replace("</", "<\\/")
}

/// The sets of texts the page being rendered (on the server) shows besides those of every page.
pub fn sets_of_this_page() -> &'static [&'static str] {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().map(|parts| crate::text_sets_of(parts.uri.path())).unwrap_or(&[])
    }
    #[cfg(not(feature = "ssr"))]
    {
        &[]
    }
}

/// Whether `path` is an address of the route `pattern` (in `/bin/:id/join`, `:id` stands for any
/// one segment).
#[cfg(any(feature = "ssr", test))]
pub(crate) fn route_matches(pattern: &str, path: &str) -> bool {
    let mut pattern = pattern.split('/').filter(|s| !s.is_empty());
    let mut path = path.split('/').filter(|s| !s.is_empty());
    loop {
        match (pattern.next(), path.next()) {
            (None, None) => return true,
            (Some(wanted), Some(given)) if wanted.starts_with(':') || wanted == given => {}
            _ => return false,
        }
    }
}

/// Every text and error message of `lang` with its key, in the order of the keys (for the checks
/// of every text).
#[cfg(test)]
pub(crate) fn every_entry(lang: Lang) -> Vec<(String, String)> {
    texts_of(lang, &SETS).texts.into_iter().collect()
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

    /// The shell's and the directory's files name no other domain's texts, so a page that carries
    /// only the texts of every page (the directory's first visit, a BIN's page) never shows an
    /// empty text.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_shell_and_the_directory_show_only_texts_every_page_carries() {
        let files = crate::layers::files_under(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/directory"));
        let files = files
            .iter()
            .map(|f| f.display().to_string())
            .chain(["lib.rs", "ui.rs"].map(|f| format!("{}/src/{f}", env!("CARGO_MANIFEST_DIR"))));
        let mut read = 0;
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(!source.is_empty(), "{file} is read");
            read += 1;
            for domain in SETS.iter().filter(|set| !ALWAYS.contains(set)) {
                assert!(!source.contains(&format!("{domain}::texts")), "{file} shows a text of {domain}");
            }
        }
        assert!(read > 5, "the directory's files are read");
        let shell = texts_of::<&str>(Lang::Fr, &[]);
        assert_eq!(shell.sets.iter().map(String::as_str).collect::<Vec<_>>(), ["common", "directory"]);
        assert_eq!(
            shell.texts.get("directory.MapHelp").map(String::as_str),
            Some(crate::directory::texts::T::MapHelp.get(Lang::Fr))
        );
        assert_eq!(shell.texts.get("common.SignIn").map(String::as_str), Some(Common::SignIn.get(Lang::Fr)));
        assert!(!shell.texts.contains_key("learning.FinalQuiz"), "the learning module's texts stay out");
        assert!(AppError::ALL.iter().all(|e| shell.texts.contains_key(e.key())), "every error message is there");
    }

    /// Each group of pages names exactly the sets of texts of its domain and of the domains it
    /// uses, directly or through another (as the layer test reads them from the source): none
    /// missing, so no page shows an empty text, and none more, so no first visit carries texts it
    /// cannot show.
    #[cfg(feature = "ssr")]
    #[test]
    fn each_page_carries_the_texts_of_its_domain_and_of_those_it_uses() {
        let (uses, _) = crate::layers::domain_uses();
        assert!(!crate::PAGE_TEXT_SETS.is_empty());
        for (page, named) in crate::PAGE_TEXT_SETS {
            let domain = page.split("::").nth(1).map(str::trim).unwrap_or_default();
            let mut reached = std::collections::BTreeSet::from([domain.to_string()]);
            let mut next = vec![domain.to_string()];
            while let Some(d) = next.pop() {
                for used in uses.get(d.as_str()).into_iter().flatten() {
                    if reached.insert(used.clone()) {
                        next.push(used.clone());
                    }
                }
            }
            let wanted: Vec<&str> =
                SETS.iter().copied().filter(|set| reached.contains(*set) && !ALWAYS.contains(set)).collect();
            let mut named = named.to_vec();
            named.sort_unstable();
            assert_eq!(named, wanted, "the sets of texts of {page} (domain {domain})");
        }
    }

    #[test]
    fn a_page_carries_the_sets_of_its_address() {
        assert!(route_matches("/bin/:id/join", "/bin/12/join"));
        assert!(route_matches("/signin", "/signin/"));
        assert!(!route_matches("/bin/:id/join", "/bin/12"));
        assert!(!route_matches("/bin/:id", "/bin/12/join"));
        assert!(!route_matches("/learn", "/learning"));
        assert_eq!(crate::text_sets_of("/signin"), ["auth"]);
        assert_eq!(crate::text_sets_of("/learn/phishing/lessons/links"), ["auth", "learning"]);
        assert_eq!(crate::text_sets_of("/verify"), crate::text_sets_of("/verify/ABC"));
        assert!(crate::text_sets_of("/").is_empty());
        assert!(crate::text_sets_of("/bin/1").is_empty());
        assert!(crate::text_sets_of("/no/such/page").is_empty());
        let signin = texts_of(Lang::Nl, crate::text_sets_of("/signin"));
        assert!(signin.texts.contains_key("auth.SignUpIntro") && signin.texts.contains_key("directory.MapHelp"));
        assert!(!signin.texts.contains_key("dashboard.DashboardWho"), "no dashboard texts on the sign-in page");
    }

    #[test]
    fn the_page_carries_its_texts_safely() {
        for lang in Lang::ALL {
            let json = page_texts_json(lang, &SETS);
            assert!(!json.contains("</"), "a text could close the script element");
            assert_eq!(json, page_texts_json(lang, &SETS), "the same page is the same bytes, on any instance");
            let texts: PageTexts = serde_json::from_str(&json).unwrap_or_default();
            assert_eq!(texts.sets.len(), SETS.len());
            assert_eq!(
                texts.texts.get("auth.SignUpIntro").map(String::as_str),
                Some(crate::auth::texts::T::SignUpIntro.get(lang))
            );
            assert_eq!(
                texts.texts.get("error.internal").map(String::as_str),
                Some(AppError::Internal.message(lang)),
                "the errors are there by their code"
            );
            let sets: usize = SETS.iter().map(|name| set_named(name, lang).len()).sum();
            assert_eq!(
                sets,
                Common::ALL.len()
                    + crate::auth::texts::T::ALL.len()
                    + crate::dashboard::texts::T::ALL.len()
                    + crate::directory::texts::T::ALL.len()
                    + crate::info::texts::T::ALL.len()
                    + crate::learning::texts::T::ALL.len()
                    + crate::lifecycle::texts::T::ALL.len()
                    + crate::membership::texts::T::ALL.len()
                    + crate::messaging::texts::T::ALL.len()
                    + crate::staff::texts::T::ALL.len(),
                "every set is there under its name"
            );
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
            let page = texts_of(lang, &SETS);
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
