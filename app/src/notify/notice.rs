//! What a notice is to this module: a kind, a title and a text in each language, and a link.
//! Domains implement [`Tell`] for their own notices; the inbox keeps a notice as a
//! [`StoredNotice`], written in all four languages when it is sent, so that reading the inbox
//! needs no domain.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A notice a domain sends: it says itself in every language.
pub trait Tell: Sync {
    /// A stable snake_case code for the kind of notice (`join_requested`).
    fn kind(&self) -> String;
    /// A one-line title in `lang`.
    fn title(&self, lang: Lang) -> String;
    /// The text in `lang`.
    fn body(&self, lang: Lang) -> String;
    /// Where the notice leads, as a path on this site.
    fn link(&self) -> String;
}

/// A notice as the inbox keeps it: its kind, link, and its title and text in the four
/// languages (in the order of [`Lang::ALL`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredNotice {
    pub kind: String,
    pub link: String,
    pub title: [String; 4],
    pub body: [String; 4],
}

impl StoredNotice {
    /// Writes `notice` out in every language.
    pub fn of(notice: &dyn Tell) -> StoredNotice {
        StoredNotice {
            kind: notice.kind(),
            link: notice.link(),
            title: Lang::ALL.map(|l| notice.title(l)),
            body: Lang::ALL.map(|l| notice.body(l)),
        }
    }

    /// The title and text in `lang`.
    pub fn texts(&self, lang: Lang) -> (&str, &str) {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        (&self.title[i], &self.body[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Hello;

    impl Tell for Hello {
        fn kind(&self) -> String {
            "hello".into()
        }
        fn title(&self, lang: Lang) -> String {
            lang.pick(["Hallo", "Bonjour", "Hallo", "Hello"]).into()
        }
        fn body(&self, lang: Lang) -> String {
            format!("{} <b>", lang.code())
        }
        fn link(&self) -> String {
            "/my".into()
        }
    }

    #[test]
    fn a_stored_notice_reads_in_each_language_after_a_round_trip() {
        let stored = StoredNotice::of(&Hello);
        let json = serde_json::to_string(&stored).unwrap_or_default();
        let back: Option<StoredNotice> = serde_json::from_str(&json).ok();
        let back = back.unwrap_or_else(|| panic!("does not read back: {json}"));
        assert_eq!(back.texts(Lang::Fr), ("Bonjour", "fr <b>"));
        assert_eq!(back.texts(Lang::En), ("Hello", "en <b>"));
        assert_eq!((back.kind.as_str(), back.link.as_str()), ("hello", "/my"));
    }
}
