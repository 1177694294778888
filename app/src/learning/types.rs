//! Wire types of the learning module: what the pages show. Correct answers travel only inside a
//! [`Feedback`], after the learner has answered.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kinds of exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Single,
    Multiple,
    Order,
    Phish,
}

/// Where a spot-the-phish message arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Email,
}

/// Which part of a message a fragment belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    From,
    Subject,
    Body,
}

/// An answer as the form sends it: the chosen option (single choice), or marks keyed by option
/// or part id (`"on"` for multiple choice and phish, a position `"1"`, `"2"`, … for ordering).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pick: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub marks: BTreeMap<String, String>,
}

/// A choice as the learner sees it before answering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceView {
    pub id: String,
    pub text: String,
}

/// A fragment of a spot-the-phish message; `mark` is set when the learner can mark it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartView {
    pub field: Field,
    pub text: String,
    pub mark: Option<String>,
}

/// A question without its answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    /// `course/question`.
    pub key: String,
    pub kind: QuestionKind,
    pub prompt: String,
    pub channel: Option<Channel>,
    /// Options (for ordering: shuffled).
    pub options: Vec<ChoiceView>,
    pub parts: Vec<PartView>,
}

/// One option or marked part after answering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionFeedback {
    pub id: String,
    pub text: String,
    /// Correct option, suspicious part.
    pub correct: bool,
    /// Chosen or marked by the learner.
    pub chosen: bool,
    /// Ordering: the right position (1-based) and the one the learner gave.
    pub position: Option<usize>,
    pub given: Option<usize>,
    pub explain: String,
}

/// The answer to one question, explained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub question: QuestionView,
    pub correct: bool,
    pub options: Vec<OptionFeedback>,
}

/// A course on the track page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseCard {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lessons: usize,
    pub lessons_done: usize,
    pub passed: bool,
    /// The best passing score, in percent.
    pub score: Option<u8>,
}

impl CourseCard {
    /// Progress in percent: lessons read and the quiz passed, the quiz counting as one step.
    pub fn percent(&self) -> u8 {
        percent(self.lessons_done + usize::from(self.passed), self.lessons + 1)
    }
}

/// `done` of `total` in whole percent.
pub fn percent(done: usize, total: usize) -> u8 {
    (done.min(total) * 100).checked_div(total).unwrap_or(0) as u8
}

/// The track page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackView {
    pub courses: Vec<CourseCard>,
    pub pass_mark: u8,
    pub signed_in: bool,
    /// Where the learner was: a link.
    pub resume: Option<String>,
    pub review_due: usize,
    /// The learner's certificate code, once issued.
    pub certificate: Option<String>,
}

impl TrackView {
    pub fn complete(&self) -> bool {
        !self.courses.is_empty() && self.courses.iter().all(|c| c.passed)
    }
    pub fn percent(&self) -> u8 {
        let done: usize = self.courses.iter().map(|c| c.lessons_done + usize::from(c.passed)).sum();
        let total: usize = self.courses.iter().map(|c| c.lessons + 1).sum();
        percent(done, total)
    }
}

/// A lesson in a course's table of contents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonRef {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub done: bool,
}

/// A course page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseView {
    pub card: CourseCard,
    pub lessons: Vec<LessonRef>,
    pub questions: usize,
    pub pass_mark: u8,
    /// A quiz attempt is under way.
    pub quiz_started: bool,
}

/// A lesson page; `html` is rendered and sanitised on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonView {
    pub course_id: String,
    pub course_title: String,
    pub id: String,
    pub title: String,
    pub html: String,
    pub number: usize,
    pub count: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub done: bool,
}

/// What the quiz page shows now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum QuizScreen {
    Start { questions: usize },
    Question { number: usize, total: usize, question: QuestionView },
    Feedback { number: usize, total: usize, feedback: Feedback },
    Result { correct: usize, total: usize, percent: u8, passed: bool },
}

/// The quiz page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizView {
    pub course_id: String,
    pub course_title: String,
    pub pass_mark: u8,
    pub screen: QuizScreen,
}

/// The daily review page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ReviewScreen {
    Question { left: usize, question: QuestionView },
    Feedback { left: usize, feedback: Feedback },
    Done,
}

/// A certificate as its holder sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CertificateView {
    pub code: String,
    pub holder: String,
    pub issued_at: i64,
    pub courses: Vec<String>,
    pub revoked: bool,
    /// The holder is listed for this police zone.
    pub volunteer_zone: Option<String>,
}

/// What `/verify/{code}` shows: only what is needed to trust the certificate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub code: String,
    pub initials: String,
    pub issued_at: i64,
    pub courses: Vec<String>,
    pub revoked_at: Option<i64>,
    /// The caller may revoke it (knowledge-centre admin).
    pub can_revoke: bool,
}

/// A CPA volunteer as their police zone sees them (opted in only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Volunteer {
    pub name: String,
    pub email: String,
    pub certificate: String,
    pub since: i64,
}

/// Learners and certificates, for a zone or the country.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CpaCounts {
    pub learners: i64,
    pub certified: i64,
    pub opted_in: i64,
}
