//! What membership tells people: join requests and their outcome, handovers and offers of
//! help, each in four languages; sent through [`crate::notify`].

use crate::i18n::Lang;
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
            Notice::JoinRequested { bin, .. } => format!(
                "{} {bin}",
                lang.pick(["Nieuwe aanvraag voor", "Nouvelle demande pour", "Neuer Antrag für", "New request for"])
            ),
            Notice::JoinApproved { bin, .. } => {
                format!("{} {bin}", lang.pick(["Welkom bij", "Bienvenue dans", "Willkommen bei", "Welcome to"]))
            }
            Notice::JoinDeclined { bin, .. } => format!(
                "{} {bin}",
                lang.pick([
                    "Uw aanvraag werd niet aanvaard:",
                    "Votre demande n'a pas été acceptée\u{a0}:",
                    "Ihr Antrag wurde nicht angenommen:",
                    "Your request was not accepted:",
                ])
            ),
            Notice::HandoverOffered { bin, .. } => format!(
                "{} {bin}",
                lang.pick([
                    "U wordt gevraagd coördinator te worden van",
                    "On vous propose de devenir coordinateur de",
                    "Sie werden gebeten, Koordinator/in zu werden von",
                    "You are asked to become coordinator of",
                ])
            ),
            Notice::HandoverAccepted { bin, .. } => format!(
                "{} {bin}",
                lang.pick([
                    "Nieuwe coördinator voor",
                    "Nouveau coordinateur pour",
                    "Neue koordinierende Person für",
                    "New coordinator for"
                ])
            ),
            Notice::HelpOffered { bin, .. } => format!(
                "{} {bin}",
                lang.pick([
                    "Een lid wil helpen bij",
                    "Un membre propose son aide pour",
                    "Ein Mitglied möchte helfen bei",
                    "A member offers to help with",
                ])
            ),
        }
    }

    fn body(&self, lang: Lang) -> String {
        match self {
            Notice::JoinRequested { who, .. } => format!(
                "{who} {}",
                lang.pick([
                    "vraagt om lid te worden. Keur de aanvraag goed of wijs ze af op de beheerpagina van uw BIN.",
                    "demande à devenir membre. Acceptez ou refusez la demande sur la page de gestion de votre PLP.",
                    "möchte Mitglied werden. Nehmen Sie den Antrag auf der Verwaltungsseite Ihres NIN an oder lehnen Sie ihn ab.",
                    "asks to become a member. Approve or decline the request on your BIN's management page.",
                ])
            ),
            Notice::JoinApproved { .. } => lang
                .pick([
                    "Uw aanvraag werd goedgekeurd. U bent nu lid en ontvangt de berichten van het netwerk.",
                    "Votre demande a été acceptée. Vous êtes membre et recevrez les messages du réseau.",
                    "Ihr Antrag wurde angenommen. Sie sind jetzt Mitglied und erhalten die Nachrichten des Netzwerks.",
                    "Your request was approved. You are now a member and will receive the network's messages.",
                ])
                .to_string(),
            Notice::JoinDeclined { reason, .. } => {
                let lead = lang.pick([
                    "De coördinator heeft uw aanvraag niet aanvaard.",
                    "Le coordinateur n'a pas accepté votre demande.",
                    "Die koordinierende Person hat Ihren Antrag nicht angenommen.",
                    "The coordinator did not accept your request.",
                ]);
                match reason {
                    Some(r) => format!("{lead} {}{}{r}", lang.pick(["Reden", "Motif", "Grund", "Reason"]), lang.colon()),
                    None => lead.to_string(),
                }
            }
            Notice::HandoverOffered { from, .. } => format!(
                "{from} {}",
                lang.pick([
                    "wil de coördinatie aan u overdragen. Aanvaard of weiger op de pagina 'Mijn netwerken'.",
                    "souhaite vous confier la coordination. Acceptez ou refusez sur la page «\u{a0}Mes réseaux\u{a0}».",
                    "möchte Ihnen die Rolle als Koordinator/in übergeben. Nehmen Sie auf der Seite „Meine Netzwerke“ an oder lehnen Sie ab.",
                    "would like to hand the coordination over to you. Accept or decline on the 'My networks' page.",
                ])
            ),
            Notice::HandoverAccepted { to, .. } => format!(
                "{to} {}",
                lang.pick([
                    "is nu de coördinator.",
                    "est désormais le coordinateur.",
                    "ist jetzt Koordinator/in.",
                    "is now the coordinator.",
                ])
            ),
            Notice::HelpOffered { who, .. } => format!(
                "{who} {}",
                lang.pick([
                    "steekt de hand op: dit netwerk zoekt een coördinator en dit lid wil helpen.",
                    "lève la main\u{a0}: ce réseau cherche un coordinateur et ce membre veut aider.",
                    "meldet sich: Dieses Netzwerk sucht einen Koordinator oder eine Koordinatorin, und dieses Mitglied möchte helfen.",
                    "raises their hand: this network is looking for a coordinator and this member wants to help.",
                ])
            ),
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
