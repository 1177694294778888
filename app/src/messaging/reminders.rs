//! Open urgent alerts remind their sender: four hours after sending, then every 24 hours,
//! until they are closed with a closing message (the feedback that keeps residents watching).
//! Each reminder is claimed in the database, so several instances never send one twice.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::messaging::texts::Words;
use crate::notify::notice::Tell;
use crate::platform::state::AppState;

/// The first reminder, and the ones after it, in seconds.
pub const FIRST_AFTER_S: i64 = 4 * 3_600;
pub const AGAIN_AFTER_S: i64 = 24 * 3_600;
/// Alerts open longer than this are shown to the zone as left open.
pub const LEFT_OPEN_AFTER_S: i64 = 24 * 3_600;

/// To an alert's sender: it is still open.
pub struct StillOpen {
    pub id: i64,
    pub title: String,
    pub hours: i64,
}

impl Tell for StillOpen {
    fn kind(&self) -> String {
        "alert_still_open".into()
    }

    fn title(&self, lang: Lang) -> String {
        format!("{} {}", Words::StillOpenTitle.get(lang), self.title)
    }

    fn body(&self, lang: Lang) -> String {
        let h = self.hours;
        match lang {
            Lang::Nl => format!(
                "Uw dringende melding staat al {h} uur open. Is de situatie voorbij? Sluit ze af met een afsluitend bericht: de bewoners horen graag hoe het afliep."
            ),
            Lang::Fr => format!(
                "Votre alerte urgente est ouverte depuis {h} heures. La situation est-elle terminée\u{a0}? Clôturez-la avec un message de clôture\u{a0}: les habitants aiment savoir comment cela s'est terminé."
            ),
            Lang::De => format!(
                "Ihre dringende Meldung ist seit {h} Stunden offen. Ist die Lage vorbei? Schließen Sie sie mit einer Abschlussnachricht: Die Einwohner möchten wissen, wie es ausging."
            ),
            Lang::En => format!(
                "Your urgent alert has been open for {h} hours. Is the situation over? Close it with a closing message: residents like to hear how it ended."
            ),
        }
    }

    fn link(&self) -> String {
        format!("/messages/{}", self.id)
    }
}

/// Sends the reminders due at `now`; returns how many alerts were reminded.
pub async fn send_due(state: &AppState, now: i64) -> Result<usize, AppError> {
    use crate::messaging::repo;
    let (first, again) = (now - FIRST_AFTER_S, now - AGAIN_AFTER_S);
    let mut sent = 0;
    for alert in repo::alerts_to_remind(&state.pool, first, again).await? {
        let mut tx = state.begin().await?;
        if !repo::claim_alert_reminder(&mut tx, alert.id, first, again, now).await? {
            tx.rollback().await?;
            continue;
        }
        if let Some(sender) = alert.sender_id {
            let people: Vec<_> = crate::notify::repo::user_recipient(&mut *tx, sender).await?.into_iter().collect();
            let notice = StillOpen { id: alert.id, title: alert.title, hours: (now - alert.created_at) / 3_600 };
            crate::notify::deliver::notify(state, &mut tx, &people, &notice).await?;
        }
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
