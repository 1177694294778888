//! Each member's choice of how messages reach them: per kind (urgent, non-urgent) e-mail and
//! SMS besides the app; quiet hours for non-urgent messages (urgent alerts pass); and a weekly
//! e-mail digest instead of single non-urgent e-mails. Defaults: urgent on every channel the
//! member gave, non-urgent in the app and by e-mail.

use crate::error::AppError;
use crate::messaging::types::MessageSettings;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::error::AppError;
    use crate::i18n::Lang;
    use crate::messaging::repo::{self, DEFAULT_NORMAL, DEFAULT_URGENT, PreferenceRow};
    use crate::messaging::texts::Words;
    use crate::messaging::types::MessageSettings;
    use crate::platform::state::AppState;

    /// How often the digest goes out, in seconds.
    pub const DIGEST_EVERY_S: i64 = 7 * 86_400;

    fn has(list: &str, channel: &str) -> bool {
        list.split(',').any(|c| c == channel)
    }

    fn list(email: bool, sms: bool) -> String {
        let mut channels = vec!["app"];
        channels.extend(email.then_some("email"));
        channels.extend(sms.then_some("sms"));
        channels.join(",")
    }

    /// A person's choices as they stand (the defaults until they change them).
    pub async fn settings_of(
        state: &crate::platform::state::AppState,
        user_id: i64,
    ) -> Result<MessageSettings, AppError> {
        let row = repo::preferences(&state.pool, user_id).await?;
        Ok(settings(row, repo::has_phone(&state.pool, user_id).await?))
    }

    pub fn settings(row: Option<PreferenceRow>, has_phone: bool) -> MessageSettings {
        let row = row.unwrap_or(PreferenceRow {
            urgent: DEFAULT_URGENT.into(),
            normal: DEFAULT_NORMAL.into(),
            quiet_from: None,
            quiet_to: None,
            digest: 0,
        });
        MessageSettings {
            urgent_email: has(&row.urgent, "email"),
            urgent_sms: has(&row.urgent, "sms"),
            normal_email: has(&row.normal, "email"),
            normal_sms: has(&row.normal, "sms"),
            quiet_from: row.quiet_from,
            quiet_to: row.quiet_to,
            digest: row.digest != 0,
            has_phone,
        }
    }

    /// The row to store for `s`, or `invalid_input` for hours that are not a window.
    pub fn row(s: &MessageSettings) -> Result<PreferenceRow, AppError> {
        let (quiet_from, quiet_to) = match (s.quiet_from, s.quiet_to) {
            (None, None) => (None, None),
            (Some(f), Some(t)) if (0..24).contains(&f) && (0..24).contains(&t) && f != t => (Some(f), Some(t)),
            _ => return Err(AppError::InvalidInput),
        };
        Ok(PreferenceRow {
            urgent: list(s.urgent_email, s.urgent_sms),
            normal: list(s.normal_email, s.normal_sms),
            quiet_from,
            quiet_to,
            digest: i64::from(s.digest),
        })
    }

    /// Holds back a new message's non-urgent deliveries for people in their quiet hours.
    pub async fn hold_for_quiet_hours(
        tx: &mut sqlx::AnyConnection,
        message_id: i64,
        post_id: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let local = now + crate::time::brussels_offset(now);
        let day_start = now - local.rem_euclid(86_400);
        repo::postpone_quiet(tx, message_id, post_id, local.rem_euclid(86_400) / 3_600, day_start).await?;
        Ok(())
    }

    /// Sends the weekly digests due at `now`: one e-mail per person listing the non-urgent
    /// messages of their week (titles in their language, and where to read them). A week with
    /// none sends nothing. Returns how many were sent.
    pub async fn send_digests(state: &AppState, now: i64) -> Result<usize, AppError> {
        let mut sent = 0;
        for (user_id, last) in repo::digests_due(&state.pool, now - DIGEST_EVERY_S).await? {
            let mut tx = state.begin().await?;
            if !repo::claim_digest(&mut tx, user_id, last, now).await? {
                tx.rollback().await?;
                continue;
            }
            let Some(person) = crate::notify::repo::user_recipient(&mut *tx, user_id).await? else {
                tx.commit().await?;
                continue;
            };
            let ids = repo::received_between(&mut *tx, user_id, last, now).await?;
            if ids.is_empty() {
                tx.commit().await?;
                continue;
            }
            let mut lines = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(row) = repo::message(&mut *tx, id).await? {
                    let (template, blanks) = repo::template_of(&mut *tx, id).await?;
                    let (title, _) =
                        crate::messaging::api::ssr::texts(&row, template.as_deref(), blanks.as_deref(), person.lang);
                    lines.push(format!("- {title}\n  {}/messages/{id}", state.site.public_url));
                }
            }
            let mail = crate::platform::mail::Mail::Notice {
                title: digest_title(person.lang).to_string(),
                body: format!("{}\n\n{}", digest_lead(person.lang), lines.join("\n")),
                link: format!("{}/messages/settings", state.site.public_url),
            };
            crate::platform::mail::enqueue(&mut tx, &person.email, person.lang, &mail).await?;
            tx.commit().await?;
            sent += 1;
        }
        Ok(sent)
    }

    fn digest_title(lang: Lang) -> &'static str {
        Words::DigestTitle.get(lang)
    }

    fn digest_lead(lang: Lang) -> &'static str {
        Words::DigestLead.get(lang)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn choice(quiet: (Option<i64>, Option<i64>)) -> MessageSettings {
            MessageSettings {
                urgent_email: true,
                urgent_sms: false,
                normal_email: false,
                normal_sms: false,
                quiet_from: quiet.0,
                quiet_to: quiet.1,
                digest: true,
                has_phone: false,
            }
        }

        #[test]
        fn choices_round_trip_and_the_app_is_always_on() {
            let row = row(&choice((Some(22), Some(7)))).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!((row.urgent.as_str(), row.normal.as_str(), row.digest), ("app,email", "app", 1));
            assert_eq!(settings(Some(row), true), MessageSettings { has_phone: true, ..choice((Some(22), Some(7))) });
        }

        #[test]
        fn without_a_choice_the_defaults_hold() {
            let s = settings(None, false);
            assert!(s.urgent_email && s.urgent_sms && s.normal_email && !s.normal_sms && !s.digest);
        }

        #[test]
        fn quiet_hours_are_a_window_of_whole_hours() {
            for bad in [(Some(22), None), (None, Some(7)), (Some(24), Some(7)), (Some(-1), Some(7)), (Some(8), Some(8))]
            {
                assert_eq!(row(&choice(bad)).err(), Some(AppError::InvalidInput), "{bad:?}");
            }
        }
    }
}

/// The caller's choices (the defaults when they made none).
#[server(endpoint = "messaging/settings", output = crate::codec::Json)]
pub async fn read_message_settings() -> Result<MessageSettings, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    ssr::settings_of(&state, me.id).await
}

/// Saves the caller's choices. Hours are whole hours of the day (0–23), Belgian time; both or
/// neither.
#[server(endpoint = "messaging/save_settings", output = crate::codec::Json)]
pub async fn save_message_settings(
    urgent_email: Option<String>,
    urgent_sms: Option<String>,
    normal_email: Option<String>,
    normal_sms: Option<String>,
    quiet_from: Option<String>,
    quiet_to: Option<String>,
    digest: Option<String>,
) -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let on = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    let hour = |v: Option<String>| match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse::<i64>().map(Some).map_err(|_| AppError::InvalidInput),
    };
    let settings = MessageSettings {
        urgent_email: on(&urgent_email),
        urgent_sms: on(&urgent_sms),
        normal_email: on(&normal_email),
        normal_sms: on(&normal_sms),
        quiet_from: hour(quiet_from)?,
        quiet_to: hour(quiet_to)?,
        digest: on(&digest),
        has_phone: false,
    };
    let row = ssr::row(&settings)?;
    let mut tx = state.begin().await?;
    crate::messaging::repo::save_preferences(&mut tx, me.id, &row, crate::platform::now()).await?;
    tx.commit().await?;
    // Back to the page with its notice, with JavaScript and without.
    leptos_axum::redirect("/messages/settings?saved=1");
    Ok(())
}
