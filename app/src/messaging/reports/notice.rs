//! What a report tells the people it concerns, in four languages: the zone hears of a new
//! report (without who made it), the reporter hears that it was taken on and how it ended.

use crate::i18n::Lang;
use crate::notify::notice::Tell;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportNotice {
    /// To the zone's staff: a resident reported something in the zone.
    New { id: i64, place: String },
    /// To the reporter: an officer took the report on.
    Taken { id: i64 },
    /// To the reporter: the report is closed, with the zone's answer.
    Closed { id: i64, answer: String },
}

impl Tell for ReportNotice {
    fn kind(&self) -> String {
        match self {
            ReportNotice::New { .. } => "report_new",
            ReportNotice::Taken { .. } => "report_taken",
            ReportNotice::Closed { .. } => "report_closed",
        }
        .into()
    }

    fn title(&self, lang: Lang) -> String {
        lang.pick(match self {
            ReportNotice::New { .. } => [
                "Nieuwe waarneming in uw zone",
                "Nouveau signalement dans votre zone",
                "Neuer Hinweis in Ihrer Zone",
                "New report in your zone",
            ],
            ReportNotice::Taken { .. } => [
                "Uw waarneming wordt behandeld",
                "Votre signalement est pris en charge",
                "Ihr Hinweis wird bearbeitet",
                "Your report is being handled",
            ],
            ReportNotice::Closed { .. } => [
                "Uw waarneming is afgesloten",
                "Votre signalement est clôturé",
                "Ihr Hinweis ist abgeschlossen",
                "Your report is closed",
            ],
        })
        .to_string()
    }

    fn body(&self, lang: Lang) -> String {
        match self {
            ReportNotice::New { place, .. } => format!(
                "{} {place}",
                lang.pick([
                    "Een bewoner geeft een waarneming door. Plaats:",
                    "Un habitant signale ce qu'il a vu. Lieu\u{a0}:",
                    "Ein Einwohner gibt einen Hinweis. Ort:",
                    "A resident reports what they saw. Place:",
                ])
            ),
            ReportNotice::Taken { .. } => lang
                .pick([
                    "Een inspecteur van de politiezone heeft uw waarneming opgenomen. U hoort hoe ze afgehandeld wordt. Bij nood: bel 101 (112 als een leven in gevaar is).",
                    "Un inspecteur de la zone de police a pris votre signalement en charge. Vous saurez comment il est traité. En cas d'urgence\u{a0}: appelez le 101 (le 112 si une vie est en danger).",
                    "Ein Beamter der Polizeizone hat Ihren Hinweis übernommen. Sie erfahren, wie er erledigt wird. Im Notfall: 101 anrufen (112, wenn ein Leben in Gefahr ist).",
                    "An officer of the police zone has taken your report on. You will hear how it is dealt with. In an emergency: call 101 (112 when a life is in danger).",
                ])
                .to_string(),
            ReportNotice::Closed { answer, .. } => format!(
                "{}\n\n{answer}",
                lang.pick([
                    "De politiezone heeft uw waarneming afgesloten. Haar antwoord:",
                    "La zone de police a clôturé votre signalement. Sa réponse\u{a0}:",
                    "Die Polizeizone hat Ihren Hinweis abgeschlossen. Ihre Antwort:",
                    "The police zone has closed your report. Its answer:",
                ])
            ),
        }
    }

    fn link(&self) -> String {
        match self {
            ReportNotice::New { id, .. } | ReportNotice::Taken { id } | ReportNotice::Closed { id, .. } => {
                format!("/reports/{id}")
            }
        }
    }
}
