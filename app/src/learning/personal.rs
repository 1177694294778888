//! A learner's part of their data export: lessons read, courses passed, questions in their
//! review schedule, certificates and the zone they volunteer for. Their rows go with the
//! account (the database cascades); certificates keep no name once it is gone.

use crate::auth::personal::{Pending, PersonalData, fields};
use crate::platform::state::AppState;
use serde::Serialize;

pub struct Learning;

#[derive(Serialize)]
struct Export {
    /// Lessons read (`course/lesson`).
    lessons_read: Vec<String>,
    /// Courses whose quiz was passed, with the best score in percent.
    courses_passed: std::collections::BTreeMap<String, u8>,
    /// Questions in the learner's review schedule (`course/question`).
    questions_to_review: Vec<String>,
    /// Codes of the learner's certificates (revoked ones too).
    certificates: Vec<String>,
    /// The police zone the learner is listed for as a CPA volunteer.
    volunteer_zone: Option<i64>,
}

impl PersonalData for Learning {
    fn export<'a>(
        &'a self,
        state: &'a AppState,
        user_id: i64,
    ) -> Pending<'a, serde_json::Map<String, serde_json::Value>> {
        Box::pin(async move {
            use crate::learning::repo;
            let progress: crate::learning::progress::Progress = repo::progress(&state.pool, user_id)
                .await?
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default();
            fields(Export {
                lessons_read: progress.lessons.into_iter().collect(),
                courses_passed: progress.passed,
                questions_to_review: progress.cards.into_keys().collect(),
                certificates: repo::certificate_codes_of(&state.pool, user_id).await?,
                volunteer_zone: repo::volunteer_zone(&state.pool, user_id).await?,
            })
        })
    }

    fn erase<'a>(&'a self, _db: &'a mut sqlx::AnyConnection, _user_id: i64, _now: i64) -> Pending<'a, ()> {
        Box::pin(async move { Ok(()) })
    }

    /// A visitor's progress joins the account's (see `store::adopt_visitor_progress`).
    fn adopt<'a>(&'a self, state: &'a AppState, user_id: i64) -> Pending<'a, ()> {
        Box::pin(crate::learning::store::adopt_visitor_progress(state, user_id))
    }
}
