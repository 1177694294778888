//! Server functions of residents' reports: reporting an observation to the police zone of the
//! place, the reporter's own reports, the zone's queue, one report, and its handling (taken on,
//! closed with an answer). The photo travels as a file, through the server's upload route,
//! which calls [`ssr::add_photo`]; the zone downloads it through [`ssr::photo_for`].

use crate::error::AppError;
use crate::messaging::reports::types::{ReportLine, ReportView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::auth::types::SafeUser;
    use crate::directory::state::Directory;
    use crate::error::AppError;
    use crate::i18n::Lang;
    use crate::messaging::reports::repo::{self, ReportRow};
    use crate::messaging::reports::types::{ReportLine, ReportStatus, ReportView, Reporter, summary};
    use crate::platform::state::AppState;

    /// Reports one person may make in an hour.
    pub const REPORTS_PER_HOUR: i64 = 10;

    pub fn status(row: &ReportRow) -> Result<ReportStatus, AppError> {
        ReportStatus::parse(&row.status).ok_or(AppError::Internal)
    }

    pub fn line(row: &ReportRow) -> Result<ReportLine, AppError> {
        Ok(ReportLine {
            id: row.id,
            status: status(row)?,
            summary: summary(&row.what, 140),
            place: row.place.clone(),
            observed_at: row.observed_at,
            created_at: row.created_at,
            has_photo: row.has_photo > 0,
        })
    }

    pub fn view(state: &AppState, me: &SafeUser, row: ReportRow, lang: Lang) -> Result<ReportView, AppError> {
        let directory = Directory::of(state)?;
        let staff = me.serves_zone(row.zone_id);
        let reporter = match (staff, &row.reporter_name) {
            (true, Some(name)) => Some(Reporter {
                name: name.clone(),
                email: (row.contact_ok != 0).then(|| row.reporter_email.clone()).flatten(),
            }),
            _ => None,
        };
        Ok(ReportView {
            id: row.id,
            status: status(&row)?,
            zone: directory.geo.zone(row.zone_id).map(|z| z.names.get(lang).to_string()).unwrap_or_default(),
            mine: row.reporter_id == Some(me.id),
            staff,
            contact_ok: row.contact_ok != 0,
            has_photo: row.has_photo > 0,
            what: row.what,
            place: row.place,
            observed_at: row.observed_at,
            created_at: row.created_at,
            answer: row.answer,
            closed_at: row.closed_at,
            alert_id: row.alert_id,
            reporter,
        })
    }

    /// A report the caller may see: their own, or one of a zone they serve. To anyone else it
    /// does not exist.
    pub async fn visible(state: &AppState, me: &SafeUser, id: i64) -> Result<ReportRow, AppError> {
        let row = repo::report(&state.pool, id).await?.ok_or(AppError::NotFound)?;
        if row.reporter_id == Some(me.id) || me.serves_zone(row.zone_id) { Ok(row) } else { Err(AppError::NotFound) }
    }

    /// A report of a zone the caller serves, for handling it.
    pub async fn handled(state: &AppState, me: &SafeUser, id: i64) -> Result<ReportRow, AppError> {
        let row = visible(state, me, id).await?;
        if me.serves_zone(row.zone_id) { Ok(row) } else { Err(AppError::Forbidden) }
    }

    /// Keeps the photo the reporter adds to their open report, re-encoded without metadata.
    pub async fn add_photo(
        state: &AppState,
        me: &SafeUser,
        id: i64,
        upload: Result<Vec<u8>, AppError>,
    ) -> Result<(), AppError> {
        let row = visible(state, me, id).await?;
        if row.reporter_id != Some(me.id) {
            return Err(AppError::Forbidden);
        }
        if status(&row)? == ReportStatus::Closed {
            return Err(AppError::WrongState);
        }
        crate::messaging::photo::store(state, crate::messaging::repo::PhotoOf::Report(id), upload).await
    }

    /// A report's photo (as kept, a JPEG), for its reporter and the zone's staff.
    pub async fn photo_for(state: &AppState, me: &SafeUser, id: i64) -> Result<Vec<u8>, AppError> {
        visible(state, me, id).await?;
        crate::messaging::repo::photo(&state.pool, crate::messaging::repo::PhotoOf::Report(id))
            .await?
            .ok_or(AppError::NotFound)
    }

    /// When an observation was made: now when not given, otherwise a moment in Belgian time
    /// within the last 30 days (five minutes ahead allowed, for a clock that runs fast).
    pub fn observed_at(when: Option<&str>, now: i64) -> Result<i64, AppError> {
        use crate::messaging::reports::types::OBSERVED_WITHIN;
        match when.map(str::trim).filter(|w| !w.is_empty()) {
            None => Ok(now),
            Some(w) => {
                let at = crate::time::parse_local_input(w).ok_or(AppError::InvalidTime)?;
                if at > now + 300 || at < now - OBSERVED_WITHIN { Err(AppError::InvalidTime) } else { Ok(at.min(now)) }
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn an_observation_is_in_the_last_thirty_days_and_not_ahead() {
            let now = 1_796_329_800; // 2026-12-03 21:30 in Brussels
            assert_eq!(observed_at(None, now), Ok(now));
            assert_eq!(observed_at(Some("  "), now), Ok(now));
            assert_eq!(observed_at(Some("2026-12-03T21:00"), now), Ok(now - 1_800));
            assert_eq!(observed_at(Some("2026-12-03T21:33"), now), Ok(now));
            assert_eq!(observed_at(Some("2026-12-03T22:00"), now), Err(AppError::InvalidTime));
            assert_eq!(observed_at(Some("2026-10-01T10:00"), now), Err(AppError::InvalidTime));
            assert_eq!(observed_at(Some("gisteren"), now), Err(AppError::InvalidTime));
        }
    }
}

/// Reports an observation to the police zone of the place: what was seen, where (an address,
/// a place, or "lat, lon" from the device), when (Belgian time; now when empty), and whether the
/// reporter may be contacted. The zone's staff are told; the reporter lands on the report.
#[server(endpoint = "messaging/report", output = crate::codec::Json)]
pub async fn submit_report(
    what: String,
    place: String,
    when: Option<String>,
    contact: Option<String>,
) -> Result<i64, AppError> {
    use crate::messaging::reports::notice::ReportNotice;
    use crate::messaging::reports::repo;
    use crate::messaging::reports::types::{PLACE_MAX, WHAT_MAX};
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let me = crate::auth::session::require_user().await?;
    let lang = crate::i18n::detect_lang();
    let what = crate::messaging::text::body(&what, WHAT_MAX)?;
    let place = place.trim();
    if place.chars().count() > PLACE_MAX {
        return Err(AppError::QueryTooLong);
    }
    let origin = crate::directory::places::resolve(&directory.geo, place, lang)?;
    let zone = directory.geo.zone_of(origin.nis).ok_or(AppError::PlaceNotFound)?;
    let now = crate::platform::now();
    let observed_at = ssr::observed_at(when.as_deref(), now)?;
    if repo::made_since(&state.pool, me.id, now - 3_600).await? >= ssr::REPORTS_PER_HOUR {
        return Err(AppError::SendLimit);
    }
    // The place as the reporter wrote it, with what it was understood as when that differs.
    let written = if crate::directory::places::normalize(place) == crate::directory::places::normalize(&origin.label) {
        place.to_string()
    } else {
        format!("{place} ({})", origin.label)
    };
    let mut tx = state.begin().await?;
    let id = repo::insert(
        &mut tx,
        &repo::NewReport {
            reporter_id: me.id,
            zone_id: zone.id,
            nis: origin.nis,
            what: &what,
            place: &written,
            lat: origin.lat,
            lon: origin.lon,
            observed_at,
            contact_ok: contact.as_deref().is_some_and(|c| !c.is_empty()),
            lang: lang.code(),
            now,
        },
    )
    .await?;
    let staff = crate::notify::repo::zone_staff(&mut *tx, zone.id).await?;
    let notice = ReportNotice::New { id, place: written.clone() };
    crate::notify::deliver::notify(&state, &mut tx, &staff, &notice).await?;
    tx.commit().await?;
    tracing::info!(report = id, zone = zone.id, "report made");
    leptos_axum::redirect(&format!("/reports/{id}?sent=1"));
    Ok(id)
}

/// The caller's own reports, newest first.
#[server(endpoint = "messaging/my_reports", output = crate::codec::Json)]
pub async fn my_reports() -> Result<Vec<ReportLine>, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let rows = crate::messaging::reports::repo::by_reporter(&state.pool, me.id).await?;
    rows.iter().map(ssr::line).collect()
}

/// The report queue of the zones the caller serves, in one state (`new`, `handling`,
/// `closed`) or all; empty for everyone else.
#[server(endpoint = "messaging/zone_reports", output = crate::codec::Json)]
pub async fn zone_reports(status: Option<String>) -> Result<Vec<ReportLine>, AppError> {
    use crate::messaging::reports::types::ReportStatus;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let status = match status.as_deref().filter(|s| !s.is_empty() && *s != "all") {
        Some(s) => Some(ReportStatus::parse(s).ok_or(AppError::InvalidInput)?),
        None => None,
    };
    let zones = crate::messaging::api::ssr::zones_of(&me);
    let rows = crate::messaging::reports::repo::queue(&state.pool, &zones, status.map(ReportStatus::code)).await?;
    rows.iter().map(ssr::line).collect()
}

/// One report, for its reporter and the staff of its zone.
#[server(endpoint = "messaging/read_report", output = crate::codec::Json)]
pub async fn read_report(id: i64) -> Result<ReportView, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let row = ssr::visible(&state, &me, id).await?;
    ssr::view(&state, &me, row, crate::i18n::detect_lang())
}

/// An officer of the zone takes a new report on; the reporter is told.
#[server(endpoint = "messaging/take_report", output = crate::codec::Json)]
pub async fn take_report(id: i64) -> Result<(), AppError> {
    use crate::messaging::reports::notice::ReportNotice;
    use crate::messaging::reports::repo;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let row = ssr::handled(&state, &me, id).await?;
    let mut tx = state.begin().await?;
    if !repo::take(&mut tx, id, me.id, crate::platform::now()).await? {
        return Err(AppError::WrongState);
    }
    if let Some(reporter) = row.reporter_id {
        let people: Vec<_> = crate::notify::repo::user_recipient(&mut *tx, reporter).await?.into_iter().collect();
        crate::notify::deliver::notify(&state, &mut tx, &people, &ReportNotice::Taken { id }).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// An officer of the zone closes a report with an answer for the reporter (what was done,
/// thanks), who is told.
#[server(endpoint = "messaging/close_report", output = crate::codec::Json)]
pub async fn close_report(id: i64, answer: String) -> Result<(), AppError> {
    use crate::messaging::reports::notice::ReportNotice;
    use crate::messaging::reports::repo;
    use crate::messaging::reports::types::ANSWER_MAX;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let answer = crate::messaging::text::body(&answer, ANSWER_MAX)?;
    let row = ssr::handled(&state, &me, id).await?;
    let mut tx = state.begin().await?;
    if !repo::close(&mut tx, id, me.id, &answer, crate::platform::now()).await? {
        return Err(AppError::WrongState);
    }
    if let Some(reporter) = row.reporter_id {
        let people: Vec<_> = crate::notify::repo::user_recipient(&mut *tx, reporter).await?.into_iter().collect();
        crate::notify::deliver::notify(&state, &mut tx, &people, &ReportNotice::Closed { id, answer }).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The coordinates ("lat, lon", as the place field takes them) of a point tapped on the map
/// `report_map` drew (`x`, `y` in map units, as the drawing's `viewBox` counts them).
#[server(endpoint = "messaging/report_place", input = leptos::server_fn::codec::GetUrl, output = crate::codec::Json)]
pub async fn report_place(x: f64, y: f64) -> Result<String, AppError> {
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let frame = directory.map.frame;
    let on_map = |v: f64, size: i32| v.is_finite() && (0.0..=f64::from(size)).contains(&v);
    if !on_map(x, frame.width) || !on_map(y, frame.height) {
        return Err(AppError::InvalidInput);
    }
    Ok(crate::messaging::reports::types::place_at(directory.map.origin(), x, y))
}

/// The map around `place` (an address, place, postcode or coordinates), about eight kilometres
/// across with the names of places, for choosing where something was seen: its markup, in the
/// reader's language, which the report form's island puts in the page.
#[server(endpoint = "messaging/report_map", input = leptos::server_fn::codec::GetUrl, output = crate::codec::Json)]
pub async fn report_map(place: String) -> Result<String, AppError> {
    use crate::directory::map::{MapView, place_labels};
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    let lang = crate::i18n::detect_lang();
    let origin = crate::directory::places::resolve(&directory.geo, &place, lang)?;
    let (x, y) = directory.map.place(origin.lat, origin.lon);
    let frame = directory.map.frame;
    let view = MapView::from_parts(frame, Some(x), Some(y), Some(5));
    let labels = place_labels(view, frame, &[], None, crate::directory::query::places_in_view(directory, view, lang));
    Ok(crate::messaging::reports::pages::pick_map_html(crate::messaging::reports::types::PickMap {
        view_box: view.view_box(frame),
        width: frame.width,
        height: frame.height,
        centre: (x, y),
        labels,
    }))
}
