//! Server functions of the dashboards.

use crate::dashboard::types::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

/// The dashboard of the caller: national for the knowledge centre, their own zones for police
/// officers and zone admins; everyone else is refused.
#[server(endpoint = "dashboard/mine")]
pub async fn my_dashboard() -> Result<Dashboard, AppError> {
    use crate::auth::types::Role;
    use crate::dashboard::{
        repo,
        types::{ZoneFigures, people_label},
    };
    use crate::directory::{repo as directory_repo, types::BinKind};
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if me.is_kc_admin() {
        let table = crate::directory::query::region_counts(&state).await?;
        let households = directory_repo::total_households(&state.pool).await?;
        let (learners, certified, opted_in) = crate::learning::repo::national_counts(&state.pool).await?;
        let cpa = crate::learning::types::CpaCounts { learners, certified, opted_in };
        let lang = crate::i18n::detect_lang();
        let areas = crate::dashboard::national::load(&state, lang).await?;
        let mut risk: Vec<crate::dashboard::types::ZoneRisk> = repo::zone_risk(&state.pool)
            .await?
            .into_iter()
            .map(|(zone_id, networks, without_coordinator, without_deputy)| crate::dashboard::types::ZoneRisk {
                zone_id,
                name: state.geo.zone(zone_id).map(|z| z.names.get(lang).to_string()).unwrap_or_default(),
                networks,
                without_coordinator,
                without_deputy,
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
        return Ok(Dashboard::National { table, households, cpa, areas, risk });
    }
    let mut zone_ids: Vec<i64> = me
        .grants
        .iter()
        .filter(|g| matches!(g.role, Role::ZoneOfficer | Role::ZoneAdmin))
        .filter_map(|g| g.zone_id)
        .collect();
    zone_ids.sort_unstable();
    zone_ids.dedup();
    if zone_ids.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut zones = Vec::new();
    for zone_id in zone_ids {
        let Some(zone) = state.geo.zone(zone_id) else { continue };
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
            waiting_requests: 0,
            median_decision_days: None,
            charters_in_force: 0,
            charters_due_soon: 0,
            charters_overdue: 0,
        };
        let now = crate::platform::now();
        for row in repo::zone_bins(&state.pool, zone_id, now - 90 * 86_400).await? {
            use crate::dashboard::zone::{CharterStatus, ZoneBin, charter_status, continuity_of};
            let facts = (&row).into();
            let charter = charter_status(row.next_review_at, now);
            if row.state == "active" {
                match charter {
                    CharterStatus::InForce => figures.charters_in_force += 1,
                    CharterStatus::DueSoon => figures.charters_due_soon += 1,
                    CharterStatus::Overdue => figures.charters_overdue += 1,
                    CharterStatus::None => {}
                }
            }
            figures.bins.push(ZoneBin {
                id: row.id,
                name: row.name,
                kind: row.kind,
                state: row.state,
                continuity: continuity_of(&facts, now),
                looking_for_coordinator: row.coordinator_since.is_none(),
                has_deputy: row.deputies > 0,
                charter,
            });
        }
        figures.bins.sort_by_key(|b| (b.continuity.score, b.id));
        let requests = repo::zone_requests(&state.pool, zone_id).await?;
        figures.waiting_requests = requests.iter().filter(|(_, decided)| decided.is_none()).count() as i64;
        figures.median_decision_days = crate::dashboard::zone::median(
            requests.iter().filter_map(|(asked, decided)| decided.map(|d| (d - asked) / 86_400)).collect(),
        );
        let mut households = 0;
        for (kind, count, members, orphaned) in repo::zone_rows(&state.pool, zone_id).await? {
            match BinKind::parse(&kind) {
                Some(BinKind::Bin) => figures.bin += count,
                Some(BinKind::BinZ) => figures.bin_z += count,
                None => continue,
            }
            households += members;
            figures.without_coordinator += orphaned;
        }
        figures.households_label = people_label(households);
        figures.certified_label = people_label(crate::learning::repo::zone_certified(&state.pool, zone_id).await?);
        tracing::info!(officer = me.id, zone = zone_id, "CPA volunteer list read");
        figures.volunteers = crate::learning::repo::volunteers_of_zone(&state.pool, zone_id)
            .await?
            .into_iter()
            .map(|(name, email, certificate, since)| crate::learning::types::Volunteer {
                name,
                email,
                certificate,
                since,
            })
            .collect();
        zones.push(figures);
    }
    Ok(Dashboard::Zones(zones))
}
