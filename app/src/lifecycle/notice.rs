//! What a network's life tells the people it concerns: each step (with what the actor wrote)
//! and the reminder before a charter's review, in four languages; sent through
//! [`crate::notify`].

use crate::i18n::Lang;
use crate::lifecycle::machine::Step;
use crate::notify::notice::Tell;

/// A notice about a network's life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LifeNotice {
    /// To the people a step in a network's life concerns, with what the actor wrote.
    Step { bin_id: i64, bin: String, step: Step, message: Option<String> },
    /// To a network's coordinators and its zone: the charter is due for review.
    ReviewDue { bin_id: i64, bin: String, due: String },
}

/// What a step means to the people it concerns, in four languages: a title and a sentence.
fn life_texts(step: Step) -> ([&'static str; 4], [&'static str; 4]) {
    match step {
        Step::Propose => (
            ["Nieuw BIN voorgesteld:", "Nouveau PLP proposé\u{a0}:", "Neues NIN vorgeschlagen:", "New BIN proposed:"],
            [
                "Een bewoner stelt een nieuw BIN voor in uw zone. Bekijk het voorstel en aanvaard het, vraag wijzigingen of wijs het af.",
                "Un habitant propose un nouveau PLP dans votre zone. Examinez la proposition\u{a0}: acceptez-la, demandez des modifications ou refusez-la.",
                "Ein Einwohner schlägt ein neues NIN in Ihrer Zone vor. Prüfen Sie den Vorschlag: annehmen, Änderungen erbitten oder ablehnen.",
                "A resident proposes a new BIN in your zone. Review the proposal: accept it, ask for changes or decline it.",
            ],
        ),
        Step::Accept => (
            ["Voorstel aanvaard:", "Proposition acceptée\u{a0}:", "Vorschlag angenommen:", "Proposal accepted:"],
            [
                "De politiezone aanvaardt het voorstel. Het charter is opgesteld en wacht op de vier handtekeningen.",
                "La zone de police accepte la proposition. La charte est rédigée et attend les quatre signatures.",
                "Die Polizeizone nimmt den Vorschlag an. Die Charta ist entworfen und wartet auf die vier Unterschriften.",
                "The police zone accepts the proposal. The charter is drafted and waits for its four signatures.",
            ],
        ),
        Step::AskChanges => (
            ["Wijzigingen gevraagd:", "Modifications demandées\u{a0}:", "Änderungen erbeten:", "Changes asked for:"],
            [
                "De politiezone vraagt wijzigingen aan het voorstel. Pas het aan en dien het opnieuw in.",
                "La zone de police demande des modifications. Adaptez la proposition et soumettez-la à nouveau.",
                "Die Polizeizone bittet um Änderungen. Passen Sie den Vorschlag an und reichen Sie ihn erneut ein.",
                "The police zone asks for changes to the proposal. Change it and submit it again.",
            ],
        ),
        Step::Decline => (
            ["Voorstel afgewezen:", "Proposition refusée\u{a0}:", "Vorschlag abgelehnt:", "Proposal declined:"],
            [
                "De politiezone wijst het voorstel af.",
                "La zone de police refuse la proposition.",
                "Die Polizeizone lehnt den Vorschlag ab.",
                "The police zone declines the proposal.",
            ],
        ),
        Step::Revise => (
            ["Voorstel aangepast:", "Proposition modifiée\u{a0}:", "Vorschlag geändert:", "Proposal revised:"],
            [
                "De stichter heeft het voorstel aangepast en opnieuw ingediend.",
                "Le fondateur a modifié la proposition et l'a soumise à nouveau.",
                "Der Gründer hat den Vorschlag geändert und erneut eingereicht.",
                "The founder changed the proposal and submitted it again.",
            ],
        ),
        Step::Sign | Step::Renew => (
            ["Charter te ondertekenen:", "Charte à signer\u{a0}:", "Charta zu unterzeichnen:", "Charter to sign:"],
            [
                "Een charter wacht op uw handtekening.",
                "Une charte attend votre signature.",
                "Eine Charta wartet auf Ihre Unterschrift.",
                "A charter is waiting for your signature.",
            ],
        ),
        Step::Complete => (
            ["Charter ondertekend:", "Charte signée\u{a0}:", "Charta unterzeichnet:", "Charter signed:"],
            [
                "Alle vier partijen hebben getekend. Het kenniscentrum kan het charter registreren.",
                "Les quatre parties ont signé. Le Centre d'expertise PLP peut enregistrer la charte.",
                "Alle vier Parteien haben unterzeichnet. Das Kompetenzzentrum kann die Charta registrieren.",
                "All four parties have signed. The knowledge centre can register the charter.",
            ],
        ),
        Step::Register => (
            ["Charter geregistreerd:", "Charte enregistrée\u{a0}:", "Charta registriert:", "Charter registered:"],
            [
                "Het kenniscentrum heeft het charter geregistreerd. Het netwerk staat op de kaart en bewoners kunnen aansluiten.",
                "Le Centre d'expertise PLP a enregistré la charte. Le réseau est sur la carte et les habitants peuvent le rejoindre.",
                "Das Kompetenzzentrum hat die Charta registriert. Das Netzwerk ist auf der Karte und Einwohner können beitreten.",
                "The knowledge centre registered the charter. The network is on the map and residents can join.",
            ],
        ),
        Step::Suspend => (
            ["Netwerk slapend:", "Réseau en veille\u{a0}:", "Netzwerk ruhend:", "Network dormant:"],
            [
                "Het netwerk is slapend gezet en staat niet meer op de kaart.",
                "Le réseau a été mis en veille et n'apparaît plus sur la carte.",
                "Das Netzwerk wurde ruhend gestellt und ist nicht mehr auf der Karte.",
                "The network was made dormant and is no longer on the map.",
            ],
        ),
        Step::Reactivate => (
            ["Netwerk weer actief:", "Réseau réactivé\u{a0}:", "Netzwerk wieder aktiv:", "Network active again:"],
            [
                "Het netwerk is weer actief en staat opnieuw op de kaart.",
                "Le réseau est de nouveau actif et réapparaît sur la carte.",
                "Das Netzwerk ist wieder aktiv und erneut auf der Karte.",
                "The network is active again and back on the map.",
            ],
        ),
        Step::Dissolve => (
            ["Netwerk ontbonden:", "Réseau dissous\u{a0}:", "Netzwerk aufgelöst:", "Network dissolved:"],
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
                "Die Polizeizone hat Sie als Koordinator/in eingesetzt. Danke für Ihre Hilfe.",
                "The police zone appointed you as coordinator. Thank you for helping.",
            ],
        ),
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
            LifeNotice::Step { bin, step, .. } => format!("{} {bin}", lang.pick(life_texts(*step).0)),
            LifeNotice::ReviewDue { bin, .. } => format!(
                "{} {bin}",
                lang.pick([
                    "Charter te herzien:",
                    "Charte à revoir\u{a0}:",
                    "Charta zu überprüfen:",
                    "Charter due for review:"
                ])
            ),
        }
    }

    fn body(&self, lang: Lang) -> String {
        match self {
            LifeNotice::Step { step, message, .. } => {
                let lead = lang.pick(life_texts(*step).1);
                match message {
                    Some(m) => format!(
                        "{lead}\n\n{}{}{m}",
                        lang.pick(["Bericht", "Message", "Nachricht", "Message"]),
                        lang.colon()
                    ),
                    None => lead.to_string(),
                }
            }
            LifeNotice::ReviewDue { due, .. } => format!(
                "{} {}. {}",
                lang.pick([
                    "Het charter moet herzien worden tegen",
                    "La charte doit être revue d'ici le",
                    "Die Charta ist zu überprüfen bis",
                    "The charter is due for review by",
                ]),
                crate::time::reader_date(due, lang),
                lang.pick([
                    "Bespreek het met de partijen; de politiezone kan een nieuwe versie opstellen.",
                    "Discutez-en avec les parties\u{a0}; la zone de police peut rédiger une nouvelle version.",
                    "Besprechen Sie sie mit den Parteien; die Polizeizone kann eine neue Fassung entwerfen.",
                    "Discuss it with the parties; the police zone can draft a new version.",
                ])
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
