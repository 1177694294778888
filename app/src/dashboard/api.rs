//! Server functions of the dashboards.

use crate::dashboard::types::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

/// The dashboard of the caller over the last `months` (12 when not given): national for the
/// knowledge centre, one of their zones for police officers and zone admins (`zone`, or the
/// first of theirs); everyone else is refused.
#[server(endpoint = "dashboard/mine", output = crate::codec::Json)]
pub async fn my_dashboard(months: Option<i64>, zone: Option<i64>) -> Result<Dashboard, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    crate::dashboard::assemble::dashboard_for(&state, &me, months, zone, crate::i18n::detect_lang()).await
}
