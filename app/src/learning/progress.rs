//! A learner's progress, the same for a visitor (kept in the browser, in a signed cookie) and a
//! signed-in learner (kept on the server); merging the two when a visitor signs in; and the
//! Leitner schedule of the daily review.

use crate::learning::types::Answer;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Days between reviews for each Leitner box (box 1 comes back the next day).
pub const BOX_DAYS: [i64; 5] = [1, 3, 7, 14, 30];
/// How many questions a daily review asks at most.
pub const REVIEW_PER_DAY: usize = 10;

/// A quiz under way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Question ids drawn for this attempt.
    #[serde(rename = "q")]
    pub questions: Vec<String>,
    /// Whether each answered question was right, in order.
    #[serde(rename = "r", default)]
    pub results: Vec<bool>,
    /// The last answer, shown with its explanation until the learner goes on.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Answer>,
    #[serde(rename = "s", default)]
    pub seed: u64,
}

impl Attempt {
    pub fn finished(&self) -> bool {
        self.results.len() >= self.questions.len() && self.last.is_none()
    }
    pub fn correct(&self) -> usize {
        self.results.iter().filter(|r| **r).count()
    }
}

/// A question in the review schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    #[serde(rename = "b")]
    pub level: u8,
    /// Day number (days since 1970-01-01, UTC) when it is due.
    #[serde(rename = "d")]
    pub due: i64,
}

/// Everything the module remembers about one learner.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Lessons read, as `course/lesson`.
    #[serde(rename = "l", default)]
    pub lessons: BTreeSet<String>,
    /// Courses whose quiz was passed, with the best score in percent.
    #[serde(rename = "p", default)]
    pub passed: BTreeMap<String, u8>,
    /// Quiz attempts, by course (the last one stays, so a retry can draw other questions).
    #[serde(rename = "a", default)]
    pub attempts: BTreeMap<String, Attempt>,
    /// Questions to review, as `course/question`.
    #[serde(rename = "c", default)]
    pub cards: BTreeMap<String, Card>,
    /// The review answer being explained.
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    pub review_last: Option<(String, Answer, bool)>,
    /// Where the learner was: a page path.
    #[serde(rename = "w", default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<String>,
}

impl Progress {
    /// Puts a question that was answered wrongly in the first box, due tomorrow.
    pub fn remember_mistake(&mut self, key: &str, today: i64) {
        self.cards.insert(key.to_string(), Card { level: 1, due: today + BOX_DAYS[0] });
    }

    /// The questions due for review today, most overdue first.
    pub fn due(&self, today: i64) -> Vec<String> {
        let mut due: Vec<(&String, &Card)> = self.cards.iter().filter(|(_, c)| c.due <= today).collect();
        due.sort_by_key(|(k, c)| (c.due, *k));
        due.into_iter().take(REVIEW_PER_DAY).map(|(k, _)| k.clone()).collect()
    }

    /// Moves a reviewed question: up a box when right (retired after the last box), back to the
    /// first box when wrong.
    pub fn review(&mut self, key: &str, correct: bool, today: i64) {
        let Some(card) = self.cards.get(key).copied() else { return };
        match schedule(card, correct, today) {
            Some(next) => self.cards.insert(key.to_string(), next),
            None => self.cards.remove(key),
        };
    }

    /// Merges a visitor's progress into this (signed-in) one: the union of lessons, the better
    /// score of each passed course, review cards kept at the lower box, and attempts kept
    /// where this progress has none.
    pub fn merge(&mut self, other: Progress) {
        self.lessons.extend(other.lessons);
        for (course, score) in other.passed {
            let entry = self.passed.entry(course).or_insert(score);
            *entry = (*entry).max(score);
        }
        for (course, attempt) in other.attempts {
            self.attempts.entry(course).or_insert(attempt);
        }
        for (key, card) in other.cards {
            let entry = self.cards.entry(key).or_insert(card);
            if card.level < entry.level || (card.level == entry.level && card.due < entry.due) {
                *entry = card;
            }
        }
        if self.resume.is_none() {
            self.resume = other.resume;
        }
    }

    /// True when there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self == &Progress::default()
    }
}

/// The next state of a review card, or `None` when it has left the last box.
pub fn schedule(card: Card, correct: bool, today: i64) -> Option<Card> {
    if !correct {
        return Some(Card { level: 1, due: today + BOX_DAYS[0] });
    }
    let level = card.level.saturating_add(1);
    let days = BOX_DAYS.get(usize::from(level) - 1)?;
    Some(Card { level, due: today + days })
}

/// Today's day number from a Unix time in seconds.
pub fn day_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_right_answer_moves_a_card_up_a_box_and_further_away() {
        let card = Card { level: 1, due: 100 };
        assert_eq!(schedule(card, true, 100), Some(Card { level: 2, due: 103 }));
        assert_eq!(schedule(Card { level: 4, due: 0 }, true, 100), Some(Card { level: 5, due: 130 }));
    }

    #[test]
    fn a_card_retires_after_the_last_box_and_a_mistake_starts_over() {
        assert_eq!(schedule(Card { level: 5, due: 0 }, true, 100), None);
        assert_eq!(schedule(Card { level: 4, due: 0 }, false, 100), Some(Card { level: 1, due: 101 }));
    }

    #[test]
    fn only_due_cards_come_back_most_overdue_first_and_at_most_ten() {
        let mut p = Progress::default();
        p.remember_mistake("a/late", 90);
        p.remember_mistake("a/today", 99);
        p.remember_mistake("a/tomorrow", 100);
        assert_eq!(p.due(100), ["a/late", "a/today"]);
        for i in 0..20 {
            p.remember_mistake(&format!("b/{i}"), 50);
        }
        assert_eq!(p.due(100).len(), REVIEW_PER_DAY);
    }

    #[test]
    fn reviewing_updates_the_card_and_retires_it_at_the_end() {
        let mut p = Progress::default();
        p.remember_mistake("a/q", 10);
        p.review("a/q", true, 11);
        assert_eq!(p.cards["a/q"], Card { level: 2, due: 14 });
        p.cards.insert("a/q".into(), Card { level: 5, due: 14 });
        p.review("a/q", true, 14);
        assert!(p.cards.is_empty());
    }

    #[test]
    fn merging_keeps_the_union_the_best_score_and_the_lower_box() {
        let mut mine = Progress::default();
        mine.lessons.insert("a/1".into());
        mine.passed.insert("a".into(), 80);
        mine.cards.insert("a/q".into(), Card { level: 3, due: 20 });
        let mut visitor = Progress::default();
        visitor.lessons.insert("b/1".into());
        visitor.passed.insert("a".into(), 100);
        visitor.passed.insert("b".into(), 80);
        visitor.cards.insert("a/q".into(), Card { level: 1, due: 11 });
        visitor.resume = Some("/learn/b".into());
        mine.merge(visitor);
        assert_eq!(mine.lessons.len(), 2);
        assert_eq!(mine.passed["a"], 100);
        assert_eq!(mine.passed["b"], 80);
        assert_eq!(mine.cards["a/q"], Card { level: 1, due: 11 });
        assert_eq!(mine.resume.as_deref(), Some("/learn/b"));
    }

    #[test]
    fn an_attempt_is_finished_once_every_answer_was_explained() {
        let mut a = Attempt { questions: vec!["x".into(), "y".into()], ..Attempt::default() };
        assert!(!a.finished());
        a.results = vec![true, false];
        a.last = Some(Answer::default());
        assert!(!a.finished());
        a.last = None;
        assert!(a.finished());
        assert_eq!(a.correct(), 1);
    }

    #[test]
    fn days_count_from_the_epoch_in_utc() {
        assert_eq!(day_of(0), 0);
        assert_eq!(day_of(86_399), 0);
        assert_eq!(day_of(86_400), 1);
    }
}
