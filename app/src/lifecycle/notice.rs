//! What a network's life tells the people it concerns: each step (with what the actor wrote)
//! and the reminder before a charter's review, in four languages; sent through
//! [`crate::notify`].

use crate::i18n::Lang;
use crate::lifecycle::machine::Step;
use crate::lifecycle::texts::Words;
use crate::notify::notice::Tell;

/// A notice about a network's life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LifeNotice {
    /// To the people a step in a network's life concerns, with what the actor wrote.
    Step { bin_id: i64, bin: String, step: Step, message: Option<String> },
    /// To a network's coordinators and its zone: the charter is due for review.
    ReviewDue { bin_id: i64, bin: String, due: String },
}

/// What a step means to the people it concerns: a title and a sentence, as server-only words.
fn life_texts(step: Step) -> (Words, Words) {
    match step {
        Step::Propose => (Words::StepProposeTitle, Words::StepProposeBody),
        Step::Accept => (Words::StepAcceptTitle, Words::StepAcceptBody),
        Step::AskChanges => (Words::StepAskChangesTitle, Words::StepAskChangesBody),
        Step::Decline => (Words::StepDeclineTitle, Words::StepDeclineBody),
        Step::Revise => (Words::StepReviseTitle, Words::StepReviseBody),
        Step::Sign | Step::Renew => (Words::StepSignTitle, Words::StepSignBody),
        Step::Complete => (Words::StepCompleteTitle, Words::StepCompleteBody),
        Step::Register => (Words::StepRegisterTitle, Words::StepRegisterBody),
        Step::Suspend => (Words::StepSuspendTitle, Words::StepSuspendBody),
        Step::Reactivate => (Words::StepReactivateTitle, Words::StepReactivateBody),
        Step::Dissolve => (Words::StepDissolveTitle, Words::StepDissolveBody),
        Step::Appoint => (Words::StepAppointTitle, Words::StepAppointBody),
    }
}

impl Tell for LifeNotice {
    fn kind(&self) -> String {
        match self {
            LifeNotice::Step { step, .. } => format!("life_{}", step.code()),
            LifeNotice::ReviewDue { .. } => "review_due".to_string(),
        }
    }

    fn title(&self, lang: Lang) -> String {
        match self {
            LifeNotice::Step { bin, step, .. } => format!("{} {bin}", life_texts(*step).0.get(lang)),
            LifeNotice::ReviewDue { bin, .. } => format!("{} {bin}", Words::ReviewDueTitle.get(lang)),
        }
    }

    fn body(&self, lang: Lang) -> String {
        match self {
            LifeNotice::Step { step, message, .. } => {
                let lead = life_texts(*step).1.get(lang);
                match message {
                    Some(m) => format!("{lead}\n\n{}{}{m}", Words::MessageLabel.get(lang), lang.colon()),
                    None => lead.to_string(),
                }
            }
            LifeNotice::ReviewDue { due, .. } => format!(
                "{} {}. {}",
                Words::ReviewDueBody.get(lang),
                crate::time::reader_date(due, lang),
                Words::ReviewDueAdvice.get(lang)
            ),
        }
    }

    fn link(&self) -> String {
        match self {
            LifeNotice::Step { bin_id, .. } => format!("/bin/{bin_id}/life"),
            LifeNotice::ReviewDue { bin_id, .. } => format!("/bin/{bin_id}/charter"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_and_the_review_read_in_every_language_with_the_actors_words() {
        let notices: Vec<LifeNotice> = Step::ALL
            .into_iter()
            .map(|step| LifeNotice::Step { bin_id: 1, bin: "BIN Dorp".into(), step, message: Some("graag".into()) })
            .chain([LifeNotice::ReviewDue { bin_id: 1, bin: "BIN Dorp".into(), due: "2027-03-01".into() }])
            .collect();
        let mut kinds = std::collections::HashSet::new();
        for notice in &notices {
            for lang in Lang::ALL {
                assert!(notice.title(lang).contains("BIN Dorp"));
                assert!(!notice.body(lang).is_empty());
            }
            assert!(notice.link().starts_with("/bin/1/"));
            kinds.insert(notice.kind());
        }
        assert!(notices[0].body(Lang::Fr).contains("graag"));
        assert!(notices.last().is_some_and(|n| n.body(Lang::De).contains("2027-03-01")));
        assert!(notices.last().is_some_and(|n| n.body(Lang::Fr).contains("d'ici le 01/03/2027.")));
        // Sign and Renew share their texts but not their kind.
        assert_eq!(kinds.len(), notices.len());
    }
}
