//! A resident's part of their data export for messaging: the reports they made (with the
//! zone's answer) and how they chose to be reached. Deleting the account leaves each report
//! with its zone as an anonymous observation: no reporter, no consent to be contacted.

use crate::auth::personal::{Pending, PersonalData, fields, iso};
use crate::platform::state::AppState;
use serde::Serialize;

pub struct Messaging;

#[derive(Serialize)]
struct ReportExport {
    what: String,
    place: String,
    observed_at: String,
    made_at: String,
    may_be_contacted: bool,
    with_photo: bool,
    status: String,
    answer: Option<String>,
}

#[derive(Serialize)]
struct Export {
    reports: Vec<ReportExport>,
    message_settings: crate::messaging::types::MessageSettings,
}

impl PersonalData for Messaging {
    fn export<'a>(
        &'a self,
        state: &'a AppState,
        user_id: i64,
    ) -> Pending<'a, serde_json::Map<String, serde_json::Value>> {
        Box::pin(async move {
            let reports = crate::messaging::reports::repo::by_reporter(&state.pool, user_id).await?;
            fields(Export {
                reports: reports
                    .into_iter()
                    .map(|r| ReportExport {
                        what: r.what,
                        place: r.place,
                        observed_at: iso(r.observed_at),
                        made_at: iso(r.created_at),
                        may_be_contacted: r.contact_ok != 0,
                        with_photo: r.has_photo != 0,
                        status: r.status,
                        answer: r.answer,
                    })
                    .collect(),
                message_settings: crate::messaging::preferences::ssr::settings_of(state, user_id).await?,
            })
        })
    }

    fn erase<'a>(&'a self, db: &'a mut sqlx::AnyConnection, user_id: i64, _now: i64) -> Pending<'a, ()> {
        Box::pin(async move { Ok(crate::messaging::reports::repo::forget_reporter(db, user_id).await?) })
    }
}
