//! Assembles a caller's dashboard: national for the knowledge centre, their own zones for police
//! officers and zone admins. The page and the CSV downloads both read it from here.

use crate::auth::types::{Role, SafeUser};
use crate::dashboard::figure::{Figure, Period};
use crate::dashboard::texts::T;
use crate::dashboard::trend::{self, Request};
use crate::dashboard::types::{Dashboard, ZoneFigures, ZoneRisk, people_label};
use crate::dashboard::zone::{CharterStatus, ZoneBin, charter_status};
use crate::dashboard::{figures, national, repo};
use crate::directory::state::Directory;
use crate::directory::types::{BinKind, BinState};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::membership::continuity::continuity_of;
use crate::platform::state::AppState;

/// The dashboard `me` may see over the last `months` (12 when not given).
pub async fn dashboard_for(
    state: &AppState,
    me: &SafeUser,
    months: Option<i64>,
    zone: Option<i64>,
    lang: Lang,
) -> Result<Dashboard, AppError> {
    let directory = Directory::of(state)?;
    let now = crate::platform::now();
    let period =
        Period::ending(months.unwrap_or(crate::dashboard::figure::PERIODS[0]), now).ok_or(AppError::InvalidInput)?;
    if me.is_kc_admin() {
        return national_dashboard(state, period, lang).await;
    }
    let mut zone_ids: Vec<i64> = me
        .grants
        .iter()
        .filter(|g| matches!(g.role, Role::ZoneOfficer | Role::ZoneAdmin))
        .filter_map(|g| g.zone_id)
        .collect();
    zone_ids.sort_unstable();
    zone_ids.dedup();
    let choices: Vec<(i64, crate::directory::types::Names)> =
        zone_ids.iter().filter_map(|id| directory.geo.zone(*id).map(|z| (*id, z.names.clone()))).collect();
    // One zone at a time: the one asked for (one of theirs), or the first.
    let zone_ids = match zone {
        Some(zone) if zone_ids.contains(&zone) => vec![zone],
        Some(_) => return Err(AppError::Forbidden),
        None => zone_ids.into_iter().take(1).collect(),
    };
    if zone_ids.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut zones = Vec::new();
    for zone_id in zone_ids {
        if let Some(mut figures) = zone_dashboard(state, me, zone_id, period, lang).await? {
            figures.choices = choices.clone();
            zones.push(figures);
        }
    }
    Ok(Dashboard::Zones(zones))
}

/// How long a built national dashboard may serve while its data stays the same.
const NATIONAL_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// The national dashboard is the same for every knowledge-centre reader of a language and takes
/// a while to build at scale (about a tenth of a second at ten times the demo's size), so it is
/// kept per data version, period and language for up to a minute
/// (`platform::memo`). The learning counts, which that version does not follow, are read
/// fresh each time.
async fn national_dashboard(state: &AppState, period: Period, lang: Lang) -> Result<Dashboard, AppError> {
    let version = crate::platform::db::public_version(&state.pool).await?;
    let key = national_key(period, lang);
    let mut dashboard = match state.memo.get::<Dashboard>(&key, version, NATIONAL_MAX_AGE) {
        Some(kept) => kept,
        None => {
            let built = build_national_dashboard(state, period, lang).await?;
            state.memo.put(key, version, built.clone());
            built
        }
    };
    let crate::learning::repo::NationalCounts { learners, certified, opted_in } =
        crate::learning::repo::national_counts(&state.pool).await?;
    if let Dashboard::National { cpa, figures, .. } = &mut dashboard {
        *cpa = crate::learning::types::CpaCounts { learners, certified, opted_in };
        if let Some(figure) = figures.iter_mut().find(|f| f.id == "cpa") {
            *figure = figures::cpa(learners, certified, opted_in, T::CpaSummary, lang);
        }
    }
    Ok(dashboard)
}

/// Where a national dashboard is kept: `dashboard/national/<months>/<last month>/<language>`.
const NATIONAL_KEYS: &str = "dashboard/national/";

fn national_key(period: Period, lang: Lang) -> String {
    format!("{NATIONAL_KEYS}{}/{}/{}", period.months, period.last, lang.code())
}

/// The period and language of a kept national dashboard's key.
fn of_national_key(key: &str) -> Option<(Period, Lang)> {
    let mut parts = key.strip_prefix(NATIONAL_KEYS)?.split('/');
    let months = parts.next()?.parse().ok()?;
    let last = parts.next()?.parse().ok()?;
    let lang = Lang::parse(parts.next()?)?;
    Some((Period { months, last }, lang))
}

/// A national dashboard that someone read in this time is kept built in the background.
const KEEP_WARM_FOR: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// A kept national dashboard is built again this long before it would be too old to serve.
const WARM_AHEAD: std::time::Duration = std::time::Duration::from_secs(10);

/// Builds again, in the background, the national dashboards read in the last ten minutes whose
/// data changed or that are about to be too old, so that the next reader finds them ready
/// instead of waiting for the build (a tenth of a second at ten times the demo's size). A
/// reader never gets a value of other data than the database's: this only builds ahead.
/// Returns how many it built.
pub async fn keep_national_warm(state: &AppState) -> Result<usize, AppError> {
    let kept = state.memo.read_within(NATIONAL_KEYS, KEEP_WARM_FOR);
    if kept.is_empty() {
        return Ok(0);
    }
    let version = crate::platform::db::public_version(&state.pool).await?;
    let mut built = 0;
    for (key, built_at, age) in kept {
        if built_at == version && age + WARM_AHEAD < NATIONAL_MAX_AGE {
            continue;
        }
        let Some((period, lang)) = of_national_key(&key) else { continue };
        let dashboard = build_national_dashboard(state, period, lang).await?;
        state.memo.put(key, version, dashboard);
        built += 1;
    }
    Ok(built)
}

/// Builds the national dashboard. Its reads do not depend on one another, so they run at the
/// same time, each on a connection of its own: at ten times the demo's size they take about
/// twice as long one after the other.
async fn build_national_dashboard(state: &AppState, period: Period, lang: Lang) -> Result<Dashboard, AppError> {
    let directory = Directory::of(state)?;
    let (this_year, _, _) = crate::time::civil(crate::platform::now());
    let (table, households, counts, areas, risk, founded, shared) = tokio::try_join!(
        crate::directory::query::region_counts(state),
        read(crate::directory::repo::total_households(&state.pool)),
        read(crate::learning::repo::national_counts(&state.pool)),
        national::load(state, lang),
        read(repo::zone_risk(&state.pool)),
        read(repo::founding_years(&state.pool, 0)),
        shared_figures(state, 0, period, lang),
    )?;
    let crate::learning::repo::NationalCounts { learners, certified, opted_in } = counts;
    let cpa = crate::learning::types::CpaCounts { learners, certified, opted_in };
    let mut risk: Vec<ZoneRisk> = risk
        .into_iter()
        .map(|r| ZoneRisk {
            zone_id: r.zone_id,
            name: directory.geo.zone(r.zone_id).map(|z| z.names.get(lang).to_string()).unwrap_or_default(),
            networks: r.networks,
            without_coordinator: r.without_coordinator,
            without_deputy: r.without_deputy,
        })
        .collect();
    // Most at risk first: the largest share without a coordinator, then without a deputy.
    risk.sort_by(|a, b| {
        let share = |n: i64, of: i64| n as f64 / of.max(1) as f64;
        share(b.without_coordinator, b.networks)
            .total_cmp(&share(a.without_coordinator, a.networks))
            .then(share(b.without_deputy, b.networks).total_cmp(&share(a.without_deputy, a.networks)))
    });
    risk.truncate(20);

    let mut figures = vec![figures::regions(&table, lang)];
    let years = trend::cumulative_by_year(&founded, this_year);
    figures.push(figures::growth(&years, lang));
    figures.extend(shared);
    figures.push(figures::cpa(learners, certified, opted_in, T::CpaSummary, lang));
    figures.push(figures::provinces(&areas, lang));
    figures.push(figures::risk(&risk, lang));
    Ok(Dashboard::National { table, households, cpa, areas, risk, figures, period })
}

async fn zone_dashboard(
    state: &AppState,
    me: &SafeUser,
    zone_id: i64,
    period: Period,
    lang: Lang,
) -> Result<Option<ZoneFigures>, AppError> {
    let directory = Directory::of(state)?;
    let Some(zone) = directory.geo.zone(zone_id) else { return Ok(None) };
    let mut figures = ZoneFigures {
        zone_id,
        name: zone.names.clone(),
        bin: 0,
        bin_z: 0,
        without_coordinator: 0,
        households_label: String::new(),
        certified_label: String::new(),
        volunteers: Vec::new(),
        bins: Vec::new(),
        waiting_label: String::new(),
        median_decision_days: None,
        decisions: 0,
        charters_in_force: 0,
        charters_due_soon: 0,
        charters_overdue: 0,
        figures: Vec::new(),
        map_box: [0, 0, directory.map.frame.width, directory.map.frame.height],
        frame: [directory.map.frame.width, directory.map.frame.height],
        places: zone
            .municipalities
            .iter()
            .filter_map(|nis| directory.geo.municipality(*nis))
            .map(|m| {
                let (x, y) = directory.map.place(m.lat, m.lon);
                (m.names.get(lang).to_string(), x, y)
            })
            .collect(),
        period,
        choices: Vec::new(),
    };
    let now = crate::platform::now();
    for row in repo::zone_bins(&state.pool, zone_id, now - 90 * 86_400).await? {
        let facts = (&row).into();
        let charter = charter_status(row.next_review_at, now);
        if row.state == BinState::Active {
            match charter {
                CharterStatus::InForce => figures.charters_in_force += 1,
                CharterStatus::DueSoon => figures.charters_due_soon += 1,
                CharterStatus::Overdue => figures.charters_overdue += 1,
                CharterStatus::None => {}
            }
        }
        let (x, y) = directory.map.place(row.lat, row.lon);
        figures.bins.push(ZoneBin {
            id: row.id,
            name: row.name,
            kind: row.kind,
            state: row.state,
            continuity: continuity_of(&facts, now),
            looking_for_coordinator: row.coordinator_since.is_none(),
            has_deputy: row.deputies > 0,
            charter,
            x,
            y,
        });
    }
    figures.bins.sort_by_key(|b| (b.continuity.score, b.id));
    let points: Vec<(i32, i32)> =
        figures.bins.iter().map(|b| (b.x, b.y)).chain(figures.places.iter().map(|(_, x, y)| (*x, *y))).collect();
    figures.map_box = map_box(&points, figures.frame);
    let requests = repo::zone_requests(&state.pool, zone_id).await?;
    figures.waiting_label = people_label(requests.iter().filter(|r| r.decided_at.is_none()).count() as i64);
    let decided: Vec<i64> =
        requests.iter().filter_map(|r| r.decided_at.map(|d| (d - r.requested_at) / 86_400)).collect();
    figures.decisions = decided.len() as i64;
    // A median of fewer than five decisions could tell one applicant's wait.
    figures.median_decision_days = if decided.len() >= 5 { crate::dashboard::zone::median(decided) } else { None };
    let mut households = 0;
    for row in repo::zone_rows(&state.pool, zone_id).await? {
        match row.kind {
            BinKind::Bin => figures.bin += row.networks,
            BinKind::BinZ => figures.bin_z += row.networks,
        }
        households += row.households;
        figures.without_coordinator += row.without_coordinator;
    }
    figures.households_label = people_label(households);
    let certified = crate::learning::repo::zone_certified(&state.pool, zone_id).await?;
    figures.certified_label = people_label(certified);
    let read = crate::auth::repo::NewAudit { actor_id: Some(me.id), zone_id: Some(zone_id), ..Default::default() };
    crate::auth::repo::audit(
        &state.pool,
        crate::auth::types::AuditAction::ReadVolunteers,
        &read,
        crate::platform::now(),
    )
    .await?;
    figures.volunteers = crate::learning::repo::volunteers_of_zone(&state.pool, zone_id)
        .await?
        .into_iter()
        .map(|(name, email, certificate, since)| crate::learning::types::Volunteer { name, email, certificate, since })
        .collect();

    figures.figures.push(figures::continuity(&figures.bins, lang));
    figures.figures.extend(shared_figures(state, zone_id, period, lang).await?);
    let listed = figures.volunteers.len() as i64;
    let learners = repo::zone_learners(&state.pool, zone_id).await?;
    figures.figures.push(figures::cpa(learners, certified, listed, T::CpaZoneSummary, lang));
    Ok(Some(figures))
}

/// The part of the map that shows a zone's networks, with a margin, in map units
/// `[x, y, width, height]`; never smaller than 8 km across.
fn map_box(points: &[(i32, i32)], frame: [i32; 2]) -> [i32; 4] {
    if points.is_empty() {
        return [0, 0, frame[0], frame[1]];
    }
    let (mut x0, mut y0, mut x1, mut y1) = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
    for &(x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let size = (x1 - x0).max(y1 - y0).max(80) + 40;
    let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
    [cx - size / 2, cy - size / 2, size, size]
}

/// The figures a zone and the country share: households and their trend, joins and leaves,
/// requests, networks by state, charters and the age profile. `zone` 0 is the whole country.
async fn shared_figures(state: &AppState, zone: i64, period: Period, lang: Lang) -> Result<Vec<Figure>, AppError> {
    let previous = period.previous();
    let since = crate::time::month_start(previous.first());
    // Independent reads, at the same time (see `build_national_dashboard`).
    let (changes, households_now, requests, states, reviews, decades, communication) = tokio::try_join!(
        read(repo::household_changes(&state.pool, zone, previous.first())),
        read(repo::households_now(&state.pool, zone)),
        read(repo::requests_since(&state.pool, zone, since)),
        read(repo::states(&state.pool, zone)),
        read(repo::next_reviews(&state.pool, zone)),
        read(repo::birth_decades(&state.pool, zone)),
        crate::dashboard::communication::load(state, zone, period),
    )?;
    let months = trend::households_by_month(households_now, &changes, period);
    let requests: Vec<Request> = requests
        .into_iter()
        .map(|r| Request { requested_at: r.requested_at, decided_at: r.decided_at, state: r.state })
        .collect();
    let ages = trend::age_profile(&decades);
    let now = crate::platform::now();
    let mut figures = vec![figures::networks(&states, lang)];
    figures.extend(figures::households(&months, households_now, period, &changes, lang));
    figures.extend(figures::requests(&requests, period, lang));
    figures.push(figures::charters(&reviews, now, lang));
    figures.push(figures::age(&ages, lang));
    figures.extend(crate::dashboard::communication::figures(&communication, period, now, lang));
    Ok(figures)
}

/// A read of the database, its error as the application's (for `try_join!` with reads that
/// already answer so).
async fn read<T>(query: impl std::future::Future<Output = Result<T, sqlx::Error>>) -> Result<T, AppError> {
    Ok(query.await?)
}

/// One figure of a dashboard as CSV: `scope` is `national` or a zone's number, `id` the
/// figure's. The caller must be allowed that dashboard; the numbers are the page's.
pub async fn figure_csv(
    state: &AppState,
    me: &SafeUser,
    scope: &str,
    id: &str,
    months: Option<i64>,
    lang: Lang,
) -> Result<String, AppError> {
    let figures = match (scope, scope.parse::<i64>()) {
        ("national", _) if me.is_kc_admin() => match dashboard_for(state, me, months, None, lang).await? {
            Dashboard::National { figures, .. } => figures,
            Dashboard::Zones(_) => return Err(AppError::Forbidden),
        },
        (_, Ok(zone_id)) if me.serves_zone(zone_id) => {
            let period = Period::ending(months.unwrap_or(crate::dashboard::figure::PERIODS[0]), crate::platform::now())
                .ok_or(AppError::InvalidInput)?;
            zone_dashboard(state, me, zone_id, period, lang).await?.ok_or(AppError::NotFound)?.figures
        }
        ("national", _) | (_, Ok(_)) => return Err(AppError::Forbidden),
        _ => return Err(AppError::NotFound),
    };
    let figure = figures.into_iter().find(|f| f.id == id).ok_or(AppError::NotFound)?;
    tracing::info!(user = me.id, scope, figure = id, "dashboard figure exported");
    figure.to_csv(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_national_dashboard_names_its_period_and_language() {
        let period = Period { months: 24, last: 2026 * 12 + 11 };
        assert_eq!(of_national_key(&national_key(period, Lang::Fr)), Some((period, Lang::Fr)));
        assert_eq!(of_national_key("dashboard/national/12/x/nl"), None);
        assert_eq!(of_national_key("dashboard/zone/12/24323/nl"), None);
    }
}
