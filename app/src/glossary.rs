//! The glossary's check: `content/glossary.toml` gives each concept one term per language and
//! lists the words a language must not use for it; no interface text, e-mail, notice, message
//! template or course may use them. The glossary's header says how words are matched and which
//! passages of a course are quotations.

use crate::i18n::Lang;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The concepts the glossary must define, once each.
const CONCEPTS: [&str; 15] = [
    "network",
    "self-employed network",
    "knowledge centre",
    "coordinator",
    "deputy",
    "rules of the BIN",
    "charter review",
    "request (to join)",
    "learner",
    "track",
    "inbox",
    "CPA",
    "police zone",
    "member",
    "addressing the reader",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Glossary {
    term: Vec<Term>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    concept: String,
    nl: String,
    fr: String,
    de: String,
    en: String,
    source: Sources,
    #[serde(default)]
    wrong: Wrong,
    /// For the glossary's writers; read only so that a misspelt field is refused.
    #[serde(default, rename = "note")]
    _note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sources {
    nl: String,
    fr: String,
    de: String,
    en: String,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrong {
    #[serde(default)]
    nl: Vec<String>,
    #[serde(default)]
    fr: Vec<String>,
    #[serde(default)]
    de: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

impl Term {
    fn right(&self, lang: Lang) -> &str {
        lang.pick([self.nl.as_str(), self.fr.as_str(), self.de.as_str(), self.en.as_str()])
    }

    fn source(&self, lang: Lang) -> &str {
        let s = &self.source;
        lang.pick([s.nl.as_str(), s.fr.as_str(), s.de.as_str(), s.en.as_str()])
    }

    fn wrong(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Nl => &self.wrong.nl,
            Lang::Fr => &self.wrong.fr,
            Lang::De => &self.wrong.de,
            Lang::En => &self.wrong.en,
        }
    }
}

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("content")
}

fn glossary() -> Glossary {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/glossary.toml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Whether `text` uses `word` as a whole word: letters and digits make a word, anything else
/// ends one. A word in lower case also matches with a capital first letter (a sentence's start).
fn uses(text: &str, word: &str) -> bool {
    let mut forms = vec![word.to_string()];
    let mut chars = word.chars();
    if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
        forms.push(first.to_uppercase().chain(chars).collect());
    }
    forms.iter().any(|form| {
        text.match_indices(form.as_str()).any(|(at, found)| {
            let before = text[..at].chars().next_back();
            let after = text[at + found.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// `text` without its quoted passages, each left as a space: lines starting with ">", and
/// what stands between "…", „…” or „…“, “…”, ‘…’ and «…» on one line.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if !line.trim_start().starts_with('>') {
            let mut closing: Option<&str> = None;
            for c in line.chars() {
                match closing {
                    Some(closers) => {
                        if closers.contains(c) {
                            closing = None;
                            out.push(' ');
                        }
                    }
                    None => match c {
                        '"' => closing = Some("\""),
                        '„' => closing = Some("“”"),
                        '“' => closing = Some("”"),
                        '‘' => closing = Some("’"),
                        '«' => closing = Some("»"),
                        _ => out.push(c),
                    },
                }
            }
        }
        out.push('\n');
    }
    out
}

/// A text to check: where it is, its language, the text as written and the part that is checked.
struct Checked {
    at: String,
    lang: Lang,
    text: String,
    checked: String,
}

/// Every text of the interface and of the messages Nabij writes, whole.
fn interface_texts() -> Vec<Checked> {
    use crate::lifecycle::{machine::Step, notice::LifeNotice};
    use crate::membership::notice::Notice;
    use crate::messaging::reminders::StillOpen;
    use crate::messaging::reports::notice::ReportNotice;
    use crate::messaging::templates::{Blank, NOT_AN_EMERGENCY, STANDING_ADVICE, TEMPLATES};
    use crate::notify::notice::Tell;
    use crate::platform::mail::Mail;

    let link = "https://nabij.example/link".to_string();
    let mails = [
        Mail::ConfirmEmail { link: link.clone() },
        Mail::ResetPassword { link: link.clone() },
        Mail::ConfirmNewEmail { link: link.clone() },
        Mail::EmailChangedNotice { new_email: "an@example.be".into() },
        Mail::AccountDeleted,
        Mail::SetPassword { link: link.clone() },
        Mail::AlreadyRegistered { sign_in_link: link },
    ];
    // A network's name is the network's own: these notices name one that breaks no rule.
    let bin = || "Sint-Anna".to_string();
    let mut notices: Vec<Box<dyn Tell>> = vec![
        Box::new(Notice::JoinRequested { bin_id: 1, bin: bin(), who: "An".into() }),
        Box::new(Notice::JoinApproved { bin_id: 1, bin: bin() }),
        Box::new(Notice::JoinDeclined { bin_id: 1, bin: bin(), reason: Some("X".into()) }),
        Box::new(Notice::HandoverOffered { bin_id: 1, bin: bin(), from: "Jef".into() }),
        Box::new(Notice::HandoverAccepted { bin_id: 1, bin: bin(), to: "An".into() }),
        Box::new(Notice::HelpOffered { bin_id: 1, bin: bin(), who: "An".into() }),
        Box::new(LifeNotice::ReviewDue { bin_id: 1, bin: bin(), due: "2027-03-01".into() }),
        Box::new(ReportNotice::New { id: 1, place: "Markt".into() }),
        Box::new(ReportNotice::Taken { id: 1 }),
        Box::new(ReportNotice::Closed { id: 1, answer: "X".into() }),
        Box::new(StillOpen { id: 1, title: "X".into(), hours: 5 }),
    ];
    for step in Step::ALL {
        notices.push(Box::new(LifeNotice::Step { bin_id: 1, bin: bin(), step, message: Some("X".into()) }));
    }

    let mut texts = Vec::new();
    for lang in Lang::ALL {
        let mut add = |at: String, text: String| texts.push(Checked { at, lang, checked: text.clone(), text });
        for (key, text) in crate::page_texts::every_entry(lang) {
            add(key, text);
        }
        for (key, text) in crate::page_texts::every_server_word(lang) {
            add(key, text);
        }
        for mail in &mails {
            let rendered = mail.render(lang);
            add(format!("{mail:?}"), format!("{}\n{}", rendered.subject, rendered.body));
        }
        for notice in &notices {
            add(format!("notice {}", notice.kind()), format!("{}\n{}", notice.title(lang), notice.body(lang)));
        }
        for template in TEMPLATES {
            for (part, four) in [("name", template.name), ("title", template.title), ("body", template.body)] {
                add(format!("template {} ({part})", template.key), lang.pick(four).to_string());
            }
        }
        add("STANDING_ADVICE".into(), lang.pick(STANDING_ADVICE).to_string());
        add("NOT_AN_EMERGENCY".into(), lang.pick(NOT_AN_EMERGENCY).to_string());
        for blank in Blank::ALL {
            add(format!("blank {}", blank.code()), format!("{}\n{}", blank.label(lang), blank.hint(lang)));
        }
    }
    texts
}

#[derive(Deserialize)]
struct Quiz {
    question: Vec<Question>,
}

#[derive(Deserialize)]
struct Question {
    id: String,
    prompt: String,
    #[serde(default)]
    option: Vec<Choice>,
    #[serde(default)]
    part: Vec<Part>,
}

#[derive(Deserialize)]
struct Choice {
    id: String,
    text: String,
    #[serde(default)]
    explain: String,
}

/// A part of a sample message: its text is the fraudster's, only the explanation is checked.
#[derive(Deserialize)]
struct Part {
    #[serde(default)]
    mark: String,
    #[serde(default)]
    explain: String,
}

/// Every course's texts in each language, outside their quoted passages: the lessons line by
/// line, the quizzes question by question.
fn course_texts() -> Vec<Checked> {
    let dir = content_dir();
    let listing = |path: &Path| -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
            Err(_) => Vec::new(),
        };
        paths.sort();
        paths
    };
    let mut texts = Vec::new();
    for course in listing(&dir).into_iter().filter(|p| p.is_dir()) {
        for lang in Lang::ALL {
            for file in listing(&course.join(lang.code())) {
                let name = format!("content/{}", file.strip_prefix(&dir).unwrap_or(&file).display());
                let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
                let mut add = |at: String, text: &str| {
                    texts.push(Checked { at, lang, text: text.to_string(), checked: unquoted(text) })
                };
                match file.extension().and_then(|e| e.to_str()) {
                    Some("md") => {
                        for (n, line) in text.lines().enumerate() {
                            add(format!("{name}:{}", n + 1), line);
                        }
                    }
                    Some("toml") => {
                        let quiz: Quiz = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
                        for q in quiz.question {
                            add(format!("{name}: {} (prompt)", q.id), &q.prompt);
                            for o in q.option {
                                add(format!("{name}: {} option {}", q.id, o.id), &format!("{}\n{}", o.text, o.explain));
                            }
                            for p in q.part {
                                add(format!("{name}: {} part {} (explanation)", q.id, p.mark), &p.explain);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    // The information pages: content/pages/<page>/<lang>.md.
    for page in listing(&dir.join("pages")).into_iter().filter(|p| p.is_dir()) {
        for lang in Lang::ALL {
            let file = page.join(format!("{}.md", lang.code()));
            let name = format!("content/{}", file.strip_prefix(&dir).unwrap_or(&file).display());
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
            for (n, line) in text.lines().enumerate() {
                texts.push(Checked {
                    at: format!("{name}:{}", n + 1),
                    lang,
                    text: line.to_string(),
                    checked: unquoted(line),
                });
            }
        }
    }
    texts
}

#[test]
fn the_glossary_defines_each_concept_once_in_four_languages_with_its_sources() {
    let glossary = glossary();
    for concept in CONCEPTS {
        assert_eq!(glossary.term.iter().filter(|t| t.concept == concept).count(), 1, "{concept}");
    }
    for term in &glossary.term {
        for lang in Lang::ALL {
            assert!(!term.right(lang).trim().is_empty(), "{}: no {lang:?} term", term.concept);
            assert!(!term.source(lang).trim().is_empty(), "{}: no {lang:?} source", term.concept);
            for word in term.wrong(lang) {
                assert!(!word.trim().is_empty(), "{}: an empty wrong word", term.concept);
                assert!(!uses(term.right(lang), word), "{}: {word:?} is both right and wrong", term.concept);
            }
        }
    }
    assert!(glossary.term.iter().any(|t| t.wrong(Lang::Nl).iter().any(|w| w == "je")), "Dutch says u");
}

#[test]
fn words_match_whole_and_quoted_passages_are_left_out() {
    assert!(uses("Trouver un BIN", "BIN") && uses("un BIN-Z.", "BIN") && uses("BIN-Versammlung", "BIN"));
    assert!(!uses("BINNEN de zone", "BIN") && !uses("bin_id", "BIN") && !uses("PLP-I", "BIN"));
    assert!(uses("Je bank", "je") && uses("bel je bank", "je"));
    assert!(!uses("jezelf", "je") && !uses("Jef", "je") && !uses("JE", "je"));
    assert!(uses("les règles du PLP", "règles du PLP") && !uses("Koordinationsaufgabe", "Koordination"));
    let text =
        unquoted("Zeg nooit \"kun je\" of ‘heb je’; „Kun je betalen?” schrijft hij.\n> Ben je daar?\nBel je bank.");
    assert!(
        !text.contains("kun je") && !text.contains("heb je") && !text.contains("Kun je") && !text.contains("Ben je")
    );
    assert!(uses(&text, "je"), "outside the quotes: {text:?}");
    assert_eq!(unquoted("« Mes réseaux » et „Meine Netzwerke“").trim(), "et");
}

/// The glossary's wrong words appear nowhere: in no interface text, e-mail, notice or message
/// template of any language, and in no course outside its quotations. Every offender is listed
/// with where it is, its language and the word to use instead.
#[test]
fn no_text_uses_a_word_the_glossary_marks_wrong() {
    let glossary = glossary();
    let courses = course_texts();
    assert!(courses.iter().filter(|c| c.lang == Lang::Nl).count() > 500, "the Dutch courses are read");
    let mut found = Vec::new();
    for text in interface_texts().iter().chain(&courses) {
        for term in &glossary.term {
            for word in term.wrong(text.lang).iter().filter(|w| uses(&text.checked, w)) {
                found.push(format!(
                    "{} [{}] uses {word:?} ({}: say {:?}): {:?}",
                    text.at,
                    text.lang.code(),
                    term.concept,
                    term.right(text.lang),
                    text.text
                ));
            }
        }
    }
    assert!(found.is_empty(), "{} texts use a word the glossary marks wrong:\n{}", found.len(), found.join("\n"));
}
