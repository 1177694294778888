//! What a report tells the people it concerns, in four languages: the zone hears of a new
//! report (without who made it), the reporter hears that it was taken on and how it ended.

use crate::i18n::Lang;
use crate::messaging::texts::Words;
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
        match self {
            ReportNotice::New { .. } => Words::ReportNewTitle,
            ReportNotice::Taken { .. } => Words::ReportTakenTitle,
            ReportNotice::Closed { .. } => Words::ReportClosedTitle,
        }
        .get(lang)
        .to_string()
    }

    fn body(&self, lang: Lang) -> String {
        match self {
            ReportNotice::New { place, .. } => format!("{} {place}", Words::ReportNewBody.get(lang)),
            ReportNotice::Taken { .. } => Words::ReportTakenBody.get(lang).to_string(),
            ReportNotice::Closed { answer, .. } => format!("{}\n\n{answer}", Words::ReportClosedBody.get(lang)),
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
