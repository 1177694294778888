//! What membership tells people: join requests and their outcome, handovers and offers of
//! help, each in four languages; sent through [`crate::notify`].

use crate::i18n::Lang;
use crate::membership::texts::Words;
use crate::notify::notice::Tell;

/// A notice to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// To a network's coordinators: someone asks to join.
    JoinRequested {
        bin_id: i64,
        bin: String,
        who: String,
    },
    /// To the applicant.
    JoinApproved {
        bin_id: i64,
        bin: String,
    },
    JoinDeclined {
        bin_id: i64,
        bin: String,
        reason: Option<String>,
    },
    /// To the proposed successor.
    HandoverOffered {
        bin_id: i64,
        bin: String,
        from: String,
    },
    /// To the former coordinator and the police zone.
    HandoverAccepted {
        bin_id: i64,
        bin: String,
        to: String,
    },
    /// To the police zone (and coordinators): a member can help run a network without a coordinator.
    HelpOffered {
        bin_id: i64,
        bin: String,
        who: String,
    },
}

impl Tell for Notice {
    fn kind(&self) -> String {
        match self {
            Notice::JoinRequested { .. } => "join_requested",
            Notice::JoinApproved { .. } => "join_approved",
            Notice::JoinDeclined { .. } => "join_declined",
            Notice::HandoverOffered { .. } => "handover_offered",
            Notice::HandoverAccepted { .. } => "handover_accepted",
            Notice::HelpOffered { .. } => "help_offered",
        }
        .to_string()
    }

    fn title(&self, lang: Lang) -> String {
        match self {
            Notice::JoinRequested { bin, .. } => format!("{} {bin}", Words::NoticeJoinRequestedTitle.get(lang)),
            Notice::JoinApproved { bin, .. } => {
                format!("{} {bin}", Words::NoticeJoinApprovedTitle.get(lang))
            }
            Notice::JoinDeclined { bin, .. } => format!("{} {bin}", Words::NoticeJoinDeclinedTitle.get(lang)),
            Notice::HandoverOffered { bin, .. } => format!("{} {bin}", Words::NoticeHandoverOfferedTitle.get(lang)),
            Notice::HandoverAccepted { bin, .. } => format!("{} {bin}", Words::NoticeHandoverAcceptedTitle.get(lang)),
            Notice::HelpOffered { bin, .. } => format!("{} {bin}", Words::NoticeHelpOfferedTitle.get(lang)),
        }
    }

    fn body(&self, lang: Lang) -> String {
        match self {
            Notice::JoinRequested { who, .. } => format!("{who} {}", Words::NoticeJoinRequestedBody.get(lang)),
            Notice::JoinApproved { .. } => Words::NoticeJoinApprovedBody.get(lang).to_string(),
            Notice::JoinDeclined { reason, .. } => {
                let lead = Words::NoticeJoinDeclinedBody.get(lang);
                match reason {
                    Some(r) => format!("{lead} {}{}{r}", Words::NoticeJoinDeclinedReason.get(lang), lang.colon()),
                    None => lead.to_string(),
                }
            }
            Notice::HandoverOffered { from, .. } => format!("{from} {}", Words::NoticeHandoverOfferedBody.get(lang)),
            Notice::HandoverAccepted { to, .. } => format!("{to} {}", Words::NoticeHandoverAcceptedBody.get(lang)),
            Notice::HelpOffered { who, .. } => format!("{who} {}", Words::NoticeHelpOfferedBody.get(lang)),
        }
    }

    fn link(&self) -> String {
        match self {
            Notice::JoinRequested { bin_id, .. } | Notice::HelpOffered { bin_id, .. } => {
                format!("/bin/{bin_id}/manage")
            }
            Notice::HandoverOffered { .. } | Notice::JoinApproved { .. } | Notice::JoinDeclined { .. } => "/my".into(),
            Notice::HandoverAccepted { bin_id, .. } => format!("/bin/{bin_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_reads_in_every_language_and_keeps_its_names() {
        let notices = [
            Notice::JoinRequested { bin_id: 1, bin: "BIN Dorp".into(), who: "An".into() },
            Notice::JoinApproved { bin_id: 1, bin: "BIN Dorp".into() },
            Notice::JoinDeclined { bin_id: 1, bin: "BIN Dorp".into(), reason: Some("adres buiten de wijk".into()) },
            Notice::HandoverOffered { bin_id: 1, bin: "BIN Dorp".into(), from: "Jef".into() },
            Notice::HandoverAccepted { bin_id: 1, bin: "BIN Dorp".into(), to: "An".into() },
            Notice::HelpOffered { bin_id: 1, bin: "BIN Dorp".into(), who: "An".into() },
        ];
        let mut kinds = std::collections::HashSet::new();
        for notice in &notices {
            for lang in Lang::ALL {
                assert!(notice.title(lang).contains("BIN Dorp"));
                assert!(!notice.body(lang).is_empty());
            }
            assert!(notice.link().starts_with('/'));
            assert!(kinds.insert(notice.kind()), "one kind per notice");
        }
        assert!(notices[2].body(Lang::Nl).contains("adres buiten de wijk"));
    }
}
