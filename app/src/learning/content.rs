//! The course catalogue: read from `content/` at start, checked, rendered from Markdown with
//! pulldown-cmark, sanitised with ammonia, and kept in memory. `content/README.md` describes
//! the format; [`Catalog::load`] refuses content that breaks its rules and says where.

use crate::i18n::Lang;
use crate::learning::quiz::Question;
use crate::learning::types::QuestionKind;
use crate::platform::markdown::{read as read_markdown, render};
use serde::Deserialize;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// A lesson, rendered.
#[derive(Clone, Debug)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    pub html: String,
    pub minutes: u32,
}

/// A course's text in one language.
#[derive(Clone, Debug)]
pub struct CourseText {
    pub title: String,
    pub summary: String,
    pub lessons: Vec<Lesson>,
    pub questions: Vec<Question>,
}

/// A course in every language.
#[derive(Clone, Debug)]
pub struct Course {
    pub id: String,
    /// How many questions a quiz attempt draws.
    pub draw: usize,
    /// Indexed like [`Lang::ALL`].
    texts: Vec<CourseText>,
}

impl Course {
    pub fn text(&self, lang: Lang) -> &CourseText {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.texts[i.min(self.texts.len() - 1)]
    }
}

/// Every course of the track, in order.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub pass_mark: u8,
    pub courses: Vec<Course>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackFile {
    courses: Vec<String>,
    pass_mark: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseFile {
    lessons: Vec<String>,
    draw: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizFile {
    #[serde(rename = "question")]
    questions: Vec<Question>,
}

/// The content folder of the source tree (tests and the default settings use it).
pub fn source_content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("content")
}

/// The catalogue is the learning module's part of the application state.
impl crate::platform::state::Part for Catalog {}

impl Catalog {
    /// The catalogue of the application state.
    pub fn of(state: &crate::platform::state::AppState) -> Result<&Catalog, crate::error::AppError> {
        state.part::<Catalog>()
    }

    /// Reads and checks the whole catalogue; on failure, every problem found, one per line.
    pub fn load(dir: &Path) -> Result<Catalog, String> {
        let mut problems = Vec::new();
        let track: TrackFile = read_toml(&dir.join("track.toml")).map_err(|e| e.to_string())?;
        if !(1..=100).contains(&track.pass_mark) {
            problems.push("track.toml: pass_mark must be 1 to 100".to_string());
        }
        if track.courses.is_empty() {
            problems.push("track.toml: no courses".to_string());
        }
        let mut courses = Vec::new();
        for id in &track.courses {
            match load_course(dir, id, &mut problems) {
                Some(course) => courses.push(course),
                None => problems.push(format!("{id}: not loaded")),
            }
        }
        if problems.is_empty() { Ok(Catalog { pass_mark: track.pass_mark, courses }) } else { Err(problems.join("\n")) }
    }

    pub fn course(&self, id: &str) -> Option<&Course> {
        self.courses.iter().find(|c| c.id == id)
    }
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn minutes(markdown: &str) -> u32 {
    (markdown.split_whitespace().count() as u32).div_ceil(180).max(1)
}

fn load_course(dir: &Path, id: &str, problems: &mut Vec<String>) -> Option<Course> {
    let base = dir.join(id);
    let meta: CourseFile = match read_toml(&base.join("course.toml")) {
        Ok(meta) => meta,
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    let mut texts = Vec::new();
    for lang in Lang::ALL {
        let folder = base.join(lang.code());
        let (title, summary) = read_markdown(&folder.join("course.md"), problems)?;
        let mut lessons = Vec::new();
        for lesson in &meta.lessons {
            let (title, body) = read_markdown(&folder.join(format!("{lesson}.md")), problems)?;
            lessons.push(Lesson { id: lesson.clone(), title, html: render(&body), minutes: minutes(&body) });
        }
        let quiz: QuizFile = match read_toml(&folder.join("quiz.toml")) {
            Ok(quiz) => quiz,
            Err(e) => {
                problems.push(e);
                return None;
            }
        };
        let where_ = format!("{id}/{}/quiz.toml", lang.code());
        check_quiz(&where_, &quiz.questions, meta.draw, problems);
        texts.push(CourseText { title, summary: summary.trim().to_string(), lessons, questions: quiz.questions });
    }
    for (lang, text) in Lang::ALL.iter().zip(&texts).skip(1) {
        if shape(&text.questions) != shape(&texts[0].questions) {
            problems.push(format!("{id}/{}/quiz.toml: its structure differs from {id}/nl", lang.code()));
        }
    }
    Some(Course { id: id.to_string(), draw: meta.draw, texts })
}

/// What must be equal in every language: ids, kinds, correctness, marks.
fn shape(questions: &[Question]) -> Vec<String> {
    questions
        .iter()
        .map(|q| {
            let options: Vec<String> = q.options.iter().map(|o| format!("{}:{}", o.id, o.correct)).collect();
            let parts: Vec<String> =
                q.parts.iter().map(|p| format!("{:?}:{:?}:{}", p.field, p.mark, p.suspicious)).collect();
            format!("{}|{:?}|{:?}|{}|{}", q.id, q.kind, q.channel, options.join(","), parts.join(","))
        })
        .collect()
}

fn check_quiz(at: &str, questions: &[Question], draw: usize, problems: &mut Vec<String>) {
    let mut say = |msg: String| problems.push(format!("{at}: {msg}"));
    if draw == 0 || questions.len() <= draw {
        say(format!("a pool of {} cannot draw {draw} and differ on a retry", questions.len()));
    }
    let kinds: BTreeSet<String> = questions.iter().map(|q| format!("{:?}", q.kind)).collect();
    for needed in ["Order", "Phish"] {
        if !kinds.contains(needed) {
            say(format!("no {needed} question"));
        }
    }
    let mut ids = HashSet::new();
    for q in questions {
        let id = &q.id;
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            say(format!("question id '{id}' must be lowercase a-z, 0-9 and '-'"));
        }
        if !ids.insert(id.clone()) {
            say(format!("question id '{id}' is used twice"));
        }
        if q.prompt.trim().is_empty() {
            say(format!("{id}: empty prompt"));
        }
        let correct = q.options.iter().filter(|o| o.correct).count();
        let option_ids: HashSet<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        if option_ids.len() != q.options.len() {
            say(format!("{id}: option ids must differ"));
        }
        for o in &q.options {
            if o.text.trim().is_empty() || o.explain.trim().is_empty() {
                say(format!("{id}/{}: every option needs a text and an explanation", o.id));
            }
        }
        match q.kind {
            QuestionKind::Single if correct != 1 || q.options.len() < 2 => {
                say(format!("{id}: a single choice needs two options or more, exactly one correct"))
            }
            QuestionKind::Multiple if correct == 0 || q.options.len() < 2 => {
                say(format!("{id}: a multiple choice needs two options or more, one correct at least"))
            }
            QuestionKind::Order if !(3..=5).contains(&q.options.len()) => {
                say(format!("{id}: an ordering question needs 3 to 5 items"))
            }
            QuestionKind::Phish => {
                let marked: Vec<_> = q.parts.iter().filter(|p| p.mark.is_some()).collect();
                if q.channel.is_none() {
                    say(format!("{id}: a message needs a channel (sms or email)"));
                }
                if marked.iter().filter(|p| p.suspicious).count() < 2 || marked.iter().all(|p| p.suspicious) {
                    say(format!("{id}: mark two suspicious parts at least and one innocent part"));
                }
                let marks: HashSet<_> = marked.iter().map(|p| p.mark.clone()).collect();
                if marks.len() != marked.len() {
                    say(format!("{id}: marks must differ"));
                }
                for p in &q.parts {
                    if p.text.trim().is_empty() || (p.mark.is_some() && p.explain.trim().is_empty()) {
                        say(format!("{id}: every part needs a text, every marked part an explanation"));
                    }
                }
            }
            _ => {}
        }
        if q.kind != QuestionKind::Phish && !q.parts.is_empty() {
            say(format!("{id}: only a phish question has message parts"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_content_is_complete_in_four_languages_with_the_same_structure() {
        let catalog = match Catalog::load(&source_content_dir()) {
            Ok(catalog) => catalog,
            Err(problems) => panic!("content problems:\n{problems}"),
        };
        assert!(catalog.courses.len() >= 6, "the CPA track has six courses at least");
        for course in &catalog.courses {
            for lang in Lang::ALL {
                let text = course.text(lang);
                assert!(!text.title.is_empty() && !text.summary.is_empty(), "{} {lang:?}", course.id);
                assert!(text.lessons.len() >= 2, "{}: several lessons", course.id);
                assert!(text.lessons.iter().all(|l| !l.html.is_empty()));
            }
        }
    }

    #[test]
    fn the_test_track_for_the_browser_suite_is_valid_too() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("end2end").join("content");
        if let Err(problems) = Catalog::load(&dir) {
            panic!("end2end content problems:\n{problems}");
        }
    }

    #[test]
    fn a_broken_quiz_is_reported_with_its_place() {
        let mut problems = Vec::new();
        let q: QuizFile = match toml::from_str(
            "[[question]]\nid = \"Bad Id\"\nkind = \"single\"\nprompt = \"?\"\n[[question.option]]\nid = \"a\"\ntext = \"A\"\nexplain = \"\"\n",
        ) {
            Ok(q) => q,
            Err(e) => panic!("{e}"),
        };
        check_quiz("x/nl/quiz.toml", &q.questions, 5, &mut problems);
        let all = problems.join("\n");
        assert!(all.contains("cannot draw 5"));
        assert!(all.contains("no Order question") && all.contains("no Phish question"));
        assert!(all.contains("lowercase"));
        assert!(all.contains("explanation"));
        assert!(all.contains("exactly one correct"));
        assert!(problems.iter().all(|p| p.starts_with("x/nl/quiz.toml: ")));
    }
}
