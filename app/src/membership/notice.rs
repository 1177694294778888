//! What the platform tells people about their networks: one notice, shown in the in-app inbox
//! and sent by e-mail, in the recipient's language.

#[cfg(not(feature = "hydrate"))]
use crate::i18n::Lang;
use crate::lifecycle::machine::Step;
use serde::{Deserialize, Serialize};

/// A notice to one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
    /// To the people a step in a network's life concerns, with what the actor wrote.
    Life {
        bin_id: i64,
        bin: String,
        step: Step,
        message: Option<String>,
    },
    /// To a network's coordinators and its zone: the charter is due for review.
    ReviewDue {
        bin_id: i64,
        bin: String,
        due: String,
    },
}

/// What a step means to the people it concerns, in four languages: a title and a sentence.
#[cfg(not(feature = "hydrate"))]
fn life_texts(step: Step) -> ([&'static str; 4], [&'static str; 4]) {
    match step {
        Step::Propose => (
            ["Nieuw BIN voorgesteld:", "Nouveau PLP proposé :", "Neues BIN vorgeschlagen:", "New BIN proposed:"],
            [
                "Een bewoner stelt een nieuw BIN voor in uw zone. Bekijk het voorstel en aanvaard het, vraag wijzigingen of wijs het af.",
                "Un habitant propose un nouveau PLP dans votre zone. Examinez la proposition : acceptez-la, demandez des modifications ou refusez-la.",
                "Ein Einwohner schlägt ein neues BIN in Ihrer Zone vor. Prüfen Sie den Vorschlag: annehmen, Änderungen erbitten oder ablehnen.",
                "A resident proposes a new BIN in your zone. Review the proposal: accept it, ask for changes or decline it.",
            ],
        ),
        Step::Accept => (
            ["Voorstel aanvaard:", "Proposition acceptée :", "Vorschlag angenommen:", "Proposal accepted:"],
            [
                "De politiezone aanvaardt het voorstel. Het charter is opgesteld en wacht op de vier handtekeningen.",
                "La zone de police accepte la proposition. La charte est rédigée et attend les quatre signatures.",
                "Die Polizeizone nimmt den Vorschlag an. Die Charta ist entworfen und wartet auf die vier Unterschriften.",
                "The police zone accepts the proposal. The charter is drafted and waits for its four signatures.",
            ],
        ),
        Step::AskChanges => (
            ["Wijzigingen gevraagd:", "Modifications demandées :", "Änderungen erbeten:", "Changes asked for:"],
            [
                "De politiezone vraagt wijzigingen aan het voorstel. Pas het aan en dien het opnieuw in.",
                "La zone de police demande des modifications. Adaptez la proposition et soumettez-la à nouveau.",
                "Die Polizeizone bittet um Änderungen. Passen Sie den Vorschlag an und reichen Sie ihn erneut ein.",
                "The police zone asks for changes to the proposal. Change it and submit it again.",
            ],
        ),
        Step::Decline => (
            ["Voorstel afgewezen:", "Proposition refusée :", "Vorschlag abgelehnt:", "Proposal declined:"],
            [
                "De politiezone wijst het voorstel af.",
                "La zone de police refuse la proposition.",
                "Die Polizeizone lehnt den Vorschlag ab.",
                "The police zone declines the proposal.",
            ],
        ),
        Step::Revise => (
            ["Voorstel aangepast:", "Proposition modifiée :", "Vorschlag geändert:", "Proposal revised:"],
            [
                "De stichter heeft het voorstel aangepast en opnieuw ingediend.",
                "Le fondateur a modifié la proposition et l'a soumise à nouveau.",
                "Der Gründer hat den Vorschlag geändert und erneut eingereicht.",
                "The founder changed the proposal and submitted it again.",
            ],
        ),
        Step::Sign | Step::Renew => (
            ["Charter te ondertekenen:", "Charte à signer :", "Charta zu unterzeichnen:", "Charter to sign:"],
            [
                "Een charter wacht op uw handtekening.",
                "Une charte attend votre signature.",
                "Eine Charta wartet auf Ihre Unterschrift.",
                "A charter is waiting for your signature.",
            ],
        ),
        Step::Complete => (
            ["Charter ondertekend:", "Charte signée :", "Charta unterzeichnet:", "Charter signed:"],
            [
                "Alle vier partijen hebben getekend. Het kenniscentrum kan het charter registreren.",
                "Les quatre parties ont signé. Le centre de connaissances peut enregistrer la charte.",
                "Alle vier Parteien haben unterzeichnet. Das Kompetenzzentrum kann die Charta registrieren.",
                "All four parties have signed. The knowledge centre can register the charter.",
            ],
        ),
        Step::Register => (
            ["Charter geregistreerd:", "Charte enregistrée :", "Charta registriert:", "Charter registered:"],
            [
                "Het kenniscentrum heeft het charter geregistreerd. Het netwerk staat op de kaart en bewoners kunnen aansluiten.",
                "Le centre de connaissances a enregistré la charte. Le réseau est sur la carte et les habitants peuvent le rejoindre.",
                "Das Kompetenzzentrum hat die Charta registriert. Das Netzwerk ist auf der Karte und Einwohner können beitreten.",
                "The knowledge centre registered the charter. The network is on the map and residents can join.",
            ],
        ),
        Step::Suspend => (
            ["Netwerk slapend:", "Réseau en veille :", "Netzwerk ruhend:", "Network dormant:"],
            [
                "Het netwerk is slapend gezet en staat niet meer op de kaart.",
                "Le réseau a été mis en veille et n'apparaît plus sur la carte.",
                "Das Netzwerk wurde ruhend gestellt und ist nicht mehr auf der Karte.",
                "The network was made dormant and is no longer on the map.",
            ],
        ),
        Step::Reactivate => (
            ["Netwerk weer actief:", "Réseau réactivé :", "Netzwerk wieder aktiv:", "Network active again:"],
            [
                "Het netwerk is weer actief en staat opnieuw op de kaart.",
                "Le réseau est de nouveau actif et réapparaît sur la carte.",
                "Das Netzwerk ist wieder aktiv und erneut auf der Karte.",
                "The network is active again and back on the map.",
            ],
        ),
        Step::Dissolve => (
            ["Netwerk ontbonden:", "Réseau dissous :", "Netzwerk aufgelöst:", "Network dissolved:"],
            [
                "Het netwerk is ontbonden.",
                "Le réseau a été dissous.",
                "Das Netzwerk wurde aufgelöst.",
                "The network was dissolved.",
            ],
        ),
        Step::Appoint => (
            [
                "U bent coördinator van",
                "Vous êtes coordinateur de",
                "Sie koordinieren jetzt",
                "You are now coordinator of",
            ],
            [
                "De politiezone heeft u aangesteld als coördinator. Dank u om te helpen.",
                "La zone de police vous a désigné comme coordinateur. Merci de votre aide.",
                "Die Polizeizone hat Sie als Koordinator(in) eingesetzt. Danke für Ihre Hilfe.",
                "The police zone appointed you as coordinator. Thank you for helping.",
            ],
        ),
    }
}

impl Notice {
    /// A one-line title in `lang`.
    #[cfg(not(feature = "hydrate"))]
    pub fn title(&self, lang: Lang) -> String {
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
                    "Votre demande n'a pas été acceptée :",
                    "Ihr Antrag wurde nicht angenommen:",
                    "Your request was not accepted:",
                ])
            ),
            Notice::HandoverOffered { bin, .. } => format!(
                "{} {bin}",
                lang.pick([
                    "U wordt gevraagd coördinator te worden van",
                    "On vous propose de devenir coordinateur de",
                    "Sie werden gebeten, Koordinator(in) zu werden von",
                    "You are asked to become coordinator of",
                ])
            ),
            Notice::HandoverAccepted { bin, .. } => format!(
                "{} {bin}",
                lang.pick([
                    "Nieuwe coördinator voor",
                    "Nouveau coordinateur pour",
                    "Neue Koordination für",
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
            Notice::Life { bin, step, .. } => format!("{} {bin}", lang.pick(life_texts(*step).0)),
            Notice::ReviewDue { bin, .. } => format!(
                "{} {bin}",
                lang.pick([
                    "Charter te herzien:",
                    "Charte à revoir :",
                    "Charta zu überprüfen:",
                    "Charter due for review:",
                ])
            ),
        }
    }

    /// The text in `lang`.
    #[cfg(not(feature = "hydrate"))]
    pub fn body(&self, lang: Lang) -> String {
        match self {
            Notice::JoinRequested { who, .. } => format!(
                "{who} {}",
                lang.pick([
                    "vraagt om lid te worden. Keur de aanvraag goed of wijs ze af op de beheerpagina van uw BIN.",
                    "demande à devenir membre. Acceptez ou refusez la demande sur la page de gestion de votre PLP.",
                    "möchte Mitglied werden. Nehmen Sie den Antrag auf der Verwaltungsseite Ihres BIN an oder lehnen Sie ihn ab.",
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
                    "Die Koordination hat Ihren Antrag nicht angenommen.",
                    "The coordinator did not accept your request.",
                ]);
                match reason {
                    Some(r) => format!("{lead} {}: {r}", lang.pick(["Reden", "Motif", "Grund", "Reason"])),
                    None => lead.to_string(),
                }
            }
            Notice::HandoverOffered { from, .. } => format!(
                "{from} {}",
                lang.pick([
                    "wil de coördinatie aan u overdragen. Aanvaard of weiger op de pagina 'Mijn netwerken'.",
                    "souhaite vous confier la coordination. Acceptez ou refusez sur la page « Mes réseaux ».",
                    "möchte Ihnen die Koordination übergeben. Nehmen Sie auf der Seite „Meine Netzwerke“ an oder lehnen Sie ab.",
                    "would like to hand the coordination over to you. Accept or decline on the 'My networks' page.",
                ])
            ),
            Notice::HandoverAccepted { to, .. } => format!(
                "{to} {}",
                lang.pick([
                    "is nu de coördinator.",
                    "est désormais le coordinateur.",
                    "ist jetzt Koordinator(in).",
                    "is now the coordinator.",
                ])
            ),
            Notice::HelpOffered { who, .. } => format!(
                "{who} {}",
                lang.pick([
                    "steekt de hand op: dit netwerk zoekt een coördinator en dit lid wil helpen.",
                    "lève la main : ce réseau cherche un coordinateur et ce membre veut aider.",
                    "meldet sich: dieses Netzwerk sucht eine Koordination, und dieses Mitglied möchte helfen.",
                    "raises their hand: this network is looking for a coordinator and this member wants to help.",
                ])
            ),
            Notice::Life { step, message, .. } => {
                let lead = lang.pick(life_texts(*step).1);
                match message {
                    Some(m) => format!("{lead}\n\n{}: {m}", lang.pick(["Bericht", "Message", "Nachricht", "Message"])),
                    None => lead.to_string(),
                }
            }
            Notice::ReviewDue { due, .. } => format!(
                "{} {due}. {}",
                lang.pick([
                    "Het charter moet herzien worden tegen",
                    "La charte doit être revue d'ici le",
                    "Die Charta ist zu überprüfen bis",
                    "The charter is due for review by",
                ]),
                lang.pick([
                    "Bespreek het met de partijen; de politiezone kan een nieuwe versie opstellen.",
                    "Discutez-en avec les parties ; la zone de police peut rédiger une nouvelle version.",
                    "Besprechen Sie sie mit den Parteien; die Polizeizone kann eine neue Fassung entwerfen.",
                    "Discuss it with the parties; the police zone can draft a new version.",
                ])
            ),
        }
    }

    /// Where the notice leads, as a path.
    pub fn link(&self) -> String {
        match self {
            Notice::JoinRequested { bin_id, .. } | Notice::HelpOffered { bin_id, .. } => {
                format!("/bin/{bin_id}/manage")
            }
            Notice::HandoverOffered { .. } | Notice::JoinApproved { .. } | Notice::JoinDeclined { .. } => "/my".into(),
            Notice::HandoverAccepted { bin_id, .. } => format!("/bin/{bin_id}"),
            Notice::Life { bin_id, .. } => format!("/bin/{bin_id}/life"),
            Notice::ReviewDue { bin_id, .. } => format!("/bin/{bin_id}/charter"),
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
            Notice::ReviewDue { bin_id: 1, bin: "BIN Dorp".into(), due: "2027-03-01".into() },
        ];
        let notices: Vec<Notice> = notices
            .into_iter()
            .chain(Step::ALL.into_iter().map(|step| Notice::Life {
                bin_id: 1,
                bin: "BIN Dorp".into(),
                step,
                message: Some("graag".into()),
            }))
            .collect();
        for notice in &notices {
            for lang in Lang::ALL {
                assert!(notice.title(lang).contains("BIN Dorp"));
                assert!(!notice.body(lang).is_empty());
            }
            assert!(notice.link().starts_with('/'));
            let json = serde_json::to_string(notice).unwrap_or_default();
            assert_eq!(serde_json::from_str::<Notice>(&json).ok().as_ref(), Some(notice));
        }
        assert!(notices[2].body(Lang::Nl).contains("adres buiten de wijk"));
    }
}
