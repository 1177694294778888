//! Quiz rules that need no I/O: a question as the content defines it, grading with an
//! explanation per option, the pass mark, and drawing a quiz from a question pool.

use crate::learning::types::{
    Answer, Channel, ChoiceView, Feedback, Field, OptionFeedback, PartView, QuestionKind, QuestionView,
};
use serde::Deserialize;

/// An option of a choice or ordering question.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    #[serde(default)]
    pub explain: String,
}

/// A fragment of a spot-the-phish message.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub field: Field,
    pub text: String,
    #[serde(default)]
    pub mark: Option<String>,
    #[serde(default)]
    pub suspicious: bool,
    #[serde(default)]
    pub explain: String,
}

/// A question with its answers, as written in a `quiz.toml`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    #[serde(default)]
    pub channel: Option<Channel>,
    #[serde(default, rename = "option")]
    pub options: Vec<Choice>,
    #[serde(default, rename = "part")]
    pub parts: Vec<Part>,
}

/// The question as the learner sees it before answering; ordering options are shuffled by
/// `seed` and never shown in the right order.
pub fn view(course: &str, q: &Question, seed: u64) -> QuestionView {
    let mut options: Vec<ChoiceView> =
        q.options.iter().map(|o| ChoiceView { id: o.id.clone(), text: o.text.clone() }).collect();
    if q.kind == QuestionKind::Order {
        shuffle(&mut options, seed ^ fnv(&q.id));
        if options.len() > 1 && options.iter().zip(&q.options).all(|(a, b)| a.id == b.id) {
            options.rotate_left(1);
        }
    }
    QuestionView {
        key: format!("{course}/{}", q.id),
        kind: q.kind,
        prompt: q.prompt.clone(),
        channel: q.channel,
        options,
        parts: q
            .parts
            .iter()
            .map(|p| PartView { field: p.field, text: p.text.clone(), mark: p.mark.clone() })
            .collect(),
    }
}

fn marked(answer: &Answer, id: &str) -> bool {
    answer.marks.get(id).is_some_and(|v| !v.is_empty() && v != "off")
}

/// Grades `answer`: right only when exactly the correct options are chosen, every suspicious
/// part and no innocent one is marked, or every item is in its place.
pub fn grade(course: &str, q: &Question, answer: &Answer, seed: u64) -> Feedback {
    let options: Vec<OptionFeedback> = match q.kind {
        QuestionKind::Single | QuestionKind::Multiple => q
            .options
            .iter()
            .map(|o| {
                let chosen = match q.kind {
                    QuestionKind::Single => answer.pick.as_deref() == Some(o.id.as_str()),
                    _ => marked(answer, &o.id),
                };
                OptionFeedback {
                    id: o.id.clone(),
                    text: o.text.clone(),
                    correct: o.correct,
                    chosen,
                    position: None,
                    given: None,
                    explain: o.explain.clone(),
                }
            })
            .collect(),
        QuestionKind::Order => q
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let given = answer.marks.get(&o.id).and_then(|v| v.trim().parse::<usize>().ok());
                OptionFeedback {
                    id: o.id.clone(),
                    text: o.text.clone(),
                    correct: given == Some(i + 1),
                    chosen: given == Some(i + 1),
                    position: Some(i + 1),
                    given,
                    explain: o.explain.clone(),
                }
            })
            .collect(),
        QuestionKind::Phish => q
            .parts
            .iter()
            .filter_map(|p| {
                let id = p.mark.as_ref()?;
                Some(OptionFeedback {
                    id: id.clone(),
                    text: p.text.clone(),
                    correct: p.suspicious,
                    chosen: marked(answer, id),
                    position: None,
                    given: None,
                    explain: p.explain.clone(),
                })
            })
            .collect(),
    };
    let correct = !options.is_empty()
        && match q.kind {
            QuestionKind::Order => options.iter().all(|o| o.correct),
            _ => options.iter().all(|o| o.correct == o.chosen),
        };
    Feedback { question: view(course, q, seed), correct, options }
}

/// Whether `correct` of `total` reaches `pass_mark` percent.
pub fn passed(correct: usize, total: usize, pass_mark: u8) -> bool {
    total > 0 && correct * 100 >= usize::from(pass_mark) * total
}

/// Draws `n` question ids from `pool` with `seed`; when the pool allows it, the draw differs
/// from `previous`, so a retry is not the same quiz.
pub fn draw(pool: &[String], n: usize, seed: u64, previous: &[String]) -> Vec<String> {
    let n = n.min(pool.len());
    let mut best = Vec::new();
    for attempt in 0..8_u64 {
        let mut ids = pool.to_vec();
        shuffle(&mut ids, seed.wrapping_add(attempt.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        ids.truncate(n);
        let mut sorted = ids.clone();
        sorted.sort();
        let mut before = previous.to_vec();
        before.sort();
        best = ids;
        if sorted != before || n == pool.len() {
            break;
        }
    }
    best
}

/// A deterministic Fisher–Yates shuffle (SplitMix64).
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        items.swap(i, (z % (i as u64 + 1)) as usize);
    }
}

/// FNV-1a, to mix a question id into a seed.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn choice(id: &str, correct: bool) -> Choice {
        Choice { id: id.into(), text: id.to_uppercase(), correct, explain: format!("why {id}") }
    }

    fn question(kind: QuestionKind, options: Vec<Choice>) -> Question {
        Question { id: "q".into(), kind, prompt: "?".into(), channel: None, options, parts: vec![] }
    }

    fn marks(pairs: &[(&str, &str)]) -> Answer {
        Answer { pick: None, marks: pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() }
    }

    #[test]
    fn a_single_choice_is_right_only_with_the_correct_option() {
        let q = question(QuestionKind::Single, vec![choice("a", false), choice("b", true)]);
        let right = grade("c", &q, &Answer { pick: Some("b".into()), marks: BTreeMap::new() }, 1);
        assert!(right.correct);
        assert_eq!(right.options.len(), 2);
        assert!(right.options.iter().all(|o| o.explain.starts_with("why")));
        assert!(!grade("c", &q, &Answer { pick: Some("a".into()), marks: BTreeMap::new() }, 1).correct);
        assert!(!grade("c", &q, &Answer::default(), 1).correct);
    }

    #[test]
    fn multiple_choice_needs_every_correct_option_and_no_wrong_one() {
        let q = question(QuestionKind::Multiple, vec![choice("a", true), choice("b", true), choice("c", false)]);
        assert!(grade("c", &q, &marks(&[("a", "on"), ("b", "on")]), 1).correct);
        assert!(!grade("c", &q, &marks(&[("a", "on")]), 1).correct);
        assert!(!grade("c", &q, &marks(&[("a", "on"), ("b", "on"), ("c", "on")]), 1).correct);
    }

    #[test]
    fn ordering_is_right_when_each_item_has_its_position() {
        let q = question(QuestionKind::Order, vec![choice("x", false), choice("y", false), choice("z", false)]);
        let right = grade("c", &q, &marks(&[("x", "1"), ("y", "2"), ("z", "3")]), 1);
        assert!(right.correct);
        let wrong = grade("c", &q, &marks(&[("x", "2"), ("y", "1"), ("z", "3")]), 1);
        assert!(!wrong.correct);
        assert_eq!(wrong.options[0].position, Some(1));
        assert_eq!(wrong.options[0].given, Some(2));
        assert!(!grade("c", &q, &marks(&[("x", "one")]), 1).correct);
    }

    #[test]
    fn ordering_options_are_never_shown_in_the_right_order() {
        let q = question(QuestionKind::Order, vec![choice("x", false), choice("y", false), choice("z", false)]);
        for seed in 0..50 {
            let ids: Vec<String> = view("c", &q, seed).options.into_iter().map(|o| o.id).collect();
            assert_ne!(ids, ["x", "y", "z"], "seed {seed}");
        }
    }

    #[test]
    fn spotting_the_phish_needs_every_suspicious_part_and_no_innocent_one() {
        let part = |mark: Option<&str>, suspicious| Part {
            field: Field::Body,
            text: "t".into(),
            mark: mark.map(str::to_string),
            suspicious,
            explain: "e".into(),
        };
        let q = Question {
            id: "p".into(),
            kind: QuestionKind::Phish,
            prompt: "?".into(),
            channel: Some(Channel::Sms),
            options: vec![],
            parts: vec![
                part(Some("sender"), true),
                part(None, false),
                part(Some("link"), true),
                part(Some("hi"), false),
            ],
        };
        let right = grade("c", &q, &marks(&[("sender", "on"), ("link", "on")]), 1);
        assert!(right.correct);
        assert_eq!(right.options.len(), 3, "only markable parts are explained");
        assert!(!grade("c", &q, &marks(&[("sender", "on")]), 1).correct);
        assert!(!grade("c", &q, &marks(&[("sender", "on"), ("link", "on"), ("hi", "on")]), 1).correct);
    }

    #[test]
    fn the_pass_mark_is_80_percent_inclusive() {
        assert!(passed(4, 5, 80));
        assert!(!passed(3, 5, 80));
        assert!(passed(8, 10, 80));
        assert!(!passed(7, 9, 80));
        assert!(!passed(0, 0, 80));
    }

    #[test]
    fn a_retry_draws_a_different_set_when_the_pool_allows() {
        let pool: Vec<String> = (0..8).map(|i| format!("q{i}")).collect();
        let first = draw(&pool, 5, 42, &[]);
        assert_eq!(first.len(), 5);
        let mut unique = first.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 5);
        for seed in 0..30 {
            let again = draw(&pool, 5, seed, &first);
            let (mut a, mut b) = (again.clone(), first.clone());
            a.sort();
            b.sort();
            assert_ne!(a, b, "seed {seed}");
        }
        assert_eq!(draw(&pool[..3], 5, 1, &[]).len(), 3);
    }
}
