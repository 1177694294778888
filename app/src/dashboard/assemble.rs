//! Assembles a caller's dashboard: national for the knowledge centre, their own zones for police
//! officers and zone admins. The page and the CSV downloads both read it from here.

use crate::auth::types::{Role, SafeUser};
use crate::dashboard::figure::{Cell, Chart, Figure, Period, Row, withheld_said};
use crate::dashboard::trend::{self, Request};
use crate::dashboard::types::{Dashboard, ZoneFigures, ZoneRisk, people_label};
use crate::dashboard::zone::{CharterStatus, ZoneBin, charter_status};
use crate::dashboard::{national, repo};
use crate::directory::types::{BinKind, BinState, Region};
use crate::error::AppError;
use crate::i18n::fill;
use crate::i18n::{Lang, T};
use crate::membership::continuity::Band;
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
        zone_ids.iter().filter_map(|id| state.geo.zone(*id).map(|z| (*id, z.names.clone()))).collect();
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
/// a while to build at scale (a quarter of a second at ten times the demo's size, most of it the
/// household trend), so it is kept per data version, period and language for up to a minute
/// (`platform::memo`). The learning counts, which that version does not follow, are read
/// fresh each time.
async fn national_dashboard(state: &AppState, period: Period, lang: Lang) -> Result<Dashboard, AppError> {
    let version = crate::platform::db::public_version(&state.pool).await?;
    let key = format!("dashboard/national/{}/{}/{}", period.months, period.last, lang.code());
    let mut dashboard = match state.memo.get::<Dashboard>(&key, version, NATIONAL_MAX_AGE) {
        Some(kept) => kept,
        None => {
            let built = build_national_dashboard(state, period, lang).await?;
            state.memo.put(key, version, built.clone());
            built
        }
    };
    let (learners, certified, opted_in) = crate::learning::repo::national_counts(&state.pool).await?;
    if let Dashboard::National { cpa, figures, .. } = &mut dashboard {
        *cpa = crate::learning::types::CpaCounts { learners, certified, opted_in };
        if let Some(figure) = figures.iter_mut().find(|f| f.id == "cpa") {
            *figure = cpa_figure(learners, certified, opted_in, T::CpaSummary, lang);
        }
    }
    Ok(dashboard)
}

async fn build_national_dashboard(state: &AppState, period: Period, lang: Lang) -> Result<Dashboard, AppError> {
    let table = crate::directory::query::region_counts(state).await?;
    let households = crate::directory::repo::total_households(&state.pool).await?;
    let (learners, certified, opted_in) = crate::learning::repo::national_counts(&state.pool).await?;
    let cpa = crate::learning::types::CpaCounts { learners, certified, opted_in };
    let areas = national::load(state, lang).await?;
    let mut risk: Vec<ZoneRisk> = repo::zone_risk(&state.pool)
        .await?
        .into_iter()
        .map(|r| ZoneRisk {
            zone_id: r.zone_id,
            name: state.geo.zone(r.zone_id).map(|z| z.names.get(lang).to_string()).unwrap_or_default(),
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

    let mut figures = vec![regions_figure(&table, lang)];
    let (this_year, _, _) = crate::ui::civil(crate::platform::now());
    let years = trend::cumulative_by_year(&repo::founding_years(&state.pool, 0).await?, this_year);
    figures.push(growth_figure(&years, lang));
    figures.extend(shared_figures(state, 0, period, lang).await?);
    figures.push(cpa_figure(learners, certified, opted_in, T::CpaSummary, lang));
    figures.push(provinces_figure(&areas, lang));
    figures.push(risk_figure(&risk, lang));
    Ok(Dashboard::National { table, households, cpa, areas, risk, figures, period })
}

async fn zone_dashboard(
    state: &AppState,
    me: &SafeUser,
    zone_id: i64,
    period: Period,
    lang: Lang,
) -> Result<Option<ZoneFigures>, AppError> {
    let Some(zone) = state.geo.zone(zone_id) else { return Ok(None) };
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
        map_box: [0, 0, state.map.frame.width, state.map.frame.height],
        frame: [state.map.frame.width, state.map.frame.height],
        places: zone
            .municipalities
            .iter()
            .filter_map(|nis| state.geo.municipality(*nis))
            .map(|m| {
                let (x, y) = state.map.place(m.lat, m.lon);
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
        let (x, y) = state.map.place(row.lat, row.lon);
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

    figures.figures.push(continuity_figure(&figures.bins, lang));
    figures.figures.extend(shared_figures(state, zone_id, period, lang).await?);
    let listed = figures.volunteers.len() as i64;
    let learners = repo::zone_learners(&state.pool, zone_id).await?;
    figures.figures.push(cpa_figure(learners, certified, listed, T::CpaZoneSummary, lang));
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
    let changes = repo::household_changes(&state.pool, zone, previous.first()).await?;
    let households_now = repo::households_now(&state.pool, zone).await?;
    let months = trend::households_by_month(households_now, &changes, period);
    let (joins, leaves) = trend::joins_and_leaves(&changes, period);
    let (joins_before, leaves_before) = trend::joins_and_leaves(&changes, previous);
    let since = crate::ui::month_start(previous.first());
    let requests: Vec<Request> = repo::requests_since(&state.pool, zone, since)
        .await?
        .into_iter()
        .map(|r| Request { requested_at: r.requested_at, decided_at: r.decided_at, state: r.state })
        .collect();
    let states = repo::states(&state.pool, zone).await?;
    let reviews = repo::next_reviews(&state.pool, zone).await?;
    let ages = trend::age_profile(&repo::birth_decades(&state.pool, zone).await?);
    let now = crate::platform::now();

    let month_rows = |cells: &dyn Fn(&trend::Month) -> Vec<Cell>| -> Vec<Row> {
        months.iter().map(|m| Row { label: crate::ui::format_month(m.month, lang), cells: cells(m) }).collect()
    };
    let start = months.first().map(|m| m.households - m.joins + m.leaves).unwrap_or(households_now);
    let end = months.last().map(|m| m.households).unwrap_or(households_now);
    let households = Figure {
        id: "households".into(),
        title: T::FigHouseholds.get(lang).into(),
        summary: fill(
            lang,
            T::HouseholdsSummary.get(lang),
            &[
                Cell::people(end).text(lang),
                Cell::people(start).text(lang),
                period.name(lang),
                signed(joins - leaves, lang),
                period.previous_name(lang),
                signed(joins_before - leaves_before, lang),
            ],
        ),
        chart: Chart::Line,
        label_column: T::Month.get(lang).into(),
        series: vec![T::MemberHouseholds.get(lang).into()],
        rows: month_rows(&|m| vec![Cell::people(m.households)]),
    };
    let flows = Figure {
        id: "joins-leaves".into(),
        title: T::FigJoinsLeaves.get(lang).into(),
        summary: fill(
            lang,
            T::JoinsLeavesSummary.get(lang),
            &[
                period.name(lang),
                Cell::people(joins).text(lang),
                Cell::people(leaves).text(lang),
                period.previous_name(lang),
                Cell::people(joins_before).text(lang),
                Cell::people(leaves_before).text(lang),
            ],
        ),
        chart: Chart::Columns,
        label_column: T::Month.get(lang).into(),
        series: vec![T::Joins.get(lang).into(), T::Leaves.get(lang).into()],
        rows: month_rows(&|m| vec![Cell::people(m.joins), Cell::people(m.leaves)]),
    };

    let now_requests = trend::requests_in(&requests, period);
    let before_requests = trend::requests_in(&requests, previous);
    let request_row = |label: String, r: &trend::Requests| Row {
        label,
        cells: vec![Cell::people(r.received), Cell::people(r.approved), Cell::people(r.declined)],
    };
    let requests_figure = Figure {
        id: "requests".into(),
        title: T::FigRequests.get(lang).into(),
        summary: fill(
            lang,
            T::RequestsSummary.get(lang),
            &[
                period.name(lang),
                Cell::people(now_requests.received).text(lang),
                Cell::people(now_requests.approved).text(lang),
                Cell::people(now_requests.declined).text(lang),
                period.previous_name(lang),
                Cell::people(before_requests.received).text(lang),
            ],
        ),
        chart: Chart::Bars,
        label_column: T::Period.get(lang).into(),
        series: vec![
            T::RequestsReceived.get(lang).into(),
            T::RequestsApproved.get(lang).into(),
            T::RequestsDeclined.get(lang).into(),
        ],
        rows: vec![
            request_row(period.name(lang), &now_requests),
            request_row(period.previous_name(lang), &before_requests),
        ],
    };
    // A median of fewer than five decisions could tell one applicant's wait.
    let decided = |r: &trend::Requests| Cell::about_people(r.median_days, r.approved + r.declined);
    let (decided_now, decided_before) = (decided(&now_requests), decided(&before_requests));
    let decision_time = bar_figure(
        "decision-time",
        T::MedianDecision.get(lang),
        withheld_said(
            fill(
                lang,
                T::DecisionTimeSummary.get(lang),
                &[period.name(lang), decided_now.text(lang), period.previous_name(lang), decided_before.text(lang)],
            ),
            &[decided_now, decided_before],
            lang,
        ),
        T::Period.get(lang),
        T::Days.get(lang),
        vec![(period.name(lang), decided_now), (period.previous_name(lang), decided_before)],
    );

    // Active first, then the others in the order of a network's life.
    let mut shown: Vec<BinState> = states.iter().map(|s| s.state).collect();
    shown.sort_by_key(|s| (*s != BinState::Active, *s));
    shown.dedup();
    let count = |state: BinState, kind: BinKind| {
        states.iter().filter(|s| s.state == state && s.kind == kind).map(|s| s.networks).sum::<i64>()
    };
    let active = (count(BinState::Active, BinKind::Bin), count(BinState::Active, BinKind::BinZ));
    let networks = Figure {
        id: "networks".into(),
        title: T::FigNetworks.get(lang).into(),
        summary: fill(
            lang,
            T::NetworksSummary.get(lang),
            &[
                Cell::count(active.0 + active.1).text(lang),
                Cell::count(active.0).text(lang),
                Cell::count(active.1).text(lang),
            ],
        ),
        chart: Chart::Bars,
        label_column: T::State.get(lang).into(),
        series: vec![T::KindBin.get(lang).into(), T::KindBinZ.get(lang).into()],
        rows: shown
            .iter()
            .map(|s| Row {
                label: s.text().get(lang).to_string(),
                cells: vec![Cell::count(count(*s, BinKind::Bin)), Cell::count(count(*s, BinKind::BinZ))],
            })
            .collect(),
    };

    let mut charters = [0i64; 4];
    for next in &reviews {
        charters[match charter_status(*next, now) {
            CharterStatus::InForce => 0,
            CharterStatus::DueSoon => 1,
            CharterStatus::Overdue => 2,
            CharterStatus::None => 3,
        }] += 1;
    }
    let charters_figure = bar_figure(
        "charters",
        T::Charter.get(lang),
        fill(
            lang,
            T::ChartersSummary.get(lang),
            &[
                Cell::count(charters[0]).text(lang),
                Cell::count(charters[1]).text(lang),
                Cell::count(charters[2]).text(lang),
            ],
        ),
        T::State.get(lang),
        T::Networks.get(lang),
        [T::CharterInForce, T::CharterDueSoon, T::CharterOverdue, T::CharterNone]
            .iter()
            .zip(charters)
            .map(|(t, n)| (t.get(lang).to_string(), Cell::count(n)))
            .collect(),
    );

    let gave: i64 = ages.iter().map(|(_, n)| n).sum();
    let young: i64 = ages.iter().filter(|(d, _)| *d >= 1970).map(|(_, n)| n).sum();
    let age_summary = if gave < 5 {
        T::AgeTooFew.get(lang).to_string()
    } else {
        fill(
            lang,
            T::AgeSummary.get(lang),
            &[Cell::people(gave).text(lang), format!("{}", (young * 100 + gave / 2) / gave.max(1))],
        )
    };
    let age = bar_figure(
        "age",
        T::FigAge.get(lang),
        age_summary,
        T::BirthDecade.get(lang),
        T::Members.get(lang),
        ages.iter().map(|(d, n)| (crate::membership::types::decade_label(*d), Cell::people(*n))).collect(),
    );
    let mut figures = vec![networks, households, flows, requests_figure, decision_time, charters_figure, age];
    let communication = crate::dashboard::communication::load(state, zone, period).await?;
    figures.extend(crate::dashboard::communication::figures(&communication, period, now, lang));
    Ok(figures)
}

/// Learners, certified CPAs and listed volunteers.
fn cpa_figure(learners: i64, certified: i64, listed: i64, summary: T, lang: Lang) -> Figure {
    bar_figure(
        "cpa",
        T::CpaVolunteers.get(lang),
        fill(lang, summary.get(lang), &[learners, certified, listed].map(|n| Cell::people(n).text(lang))),
        T::Measure.get(lang),
        T::CpaVolunteers.get(lang),
        vec![
            (T::CpaLearners.get(lang).to_string(), Cell::people(learners)),
            (T::CpaCertified.get(lang).to_string(), Cell::people(certified)),
            (T::CpaListed.get(lang).to_string(), Cell::people(listed)),
        ],
    )
}

/// Active BIN and BIN-Z per province.
fn provinces_figure(areas: &[crate::dashboard::types::Area], lang: Lang) -> Figure {
    let provinces: Vec<_> = areas.iter().filter(|a| a.level == "province").collect();
    let largest = provinces.iter().max_by_key(|a| a.total);
    Figure {
        id: "provinces".into(),
        title: T::PerProvince.get(lang).into(),
        summary: fill(
            lang,
            T::ProvincesSummary.get(lang),
            &[
                largest.map(|a| a.name.clone()).unwrap_or_default(),
                Cell::count(largest.map(|a| a.total).unwrap_or(0)).text(lang),
            ],
        ),
        chart: Chart::Bars,
        label_column: T::Province.get(lang).into(),
        series: vec![T::KindBin.get(lang).into(), T::KindBinZ.get(lang).into()],
        rows: provinces
            .iter()
            .map(|a| Row { label: a.name.clone(), cells: vec![Cell::count(a.bin), Cell::count(a.bin_z)] })
            .collect(),
    }
}

/// The zones most at risk: their active networks, those without a coordinator and without a deputy.
fn risk_figure(risk: &[ZoneRisk], lang: Lang) -> Figure {
    let top: Vec<&ZoneRisk> = risk.iter().take(10).collect();
    Figure {
        id: "zone-risk".into(),
        title: T::ZonesByRisk.get(lang).into(),
        summary: fill(
            lang,
            T::RiskSummary.get(lang),
            &[
                top.first().map(|z| z.name.clone()).unwrap_or_else(|| "–".into()),
                top.first().map(|z| Cell::count(z.without_coordinator).text(lang)).unwrap_or_default(),
                top.first().map(|z| Cell::count(z.networks).text(lang)).unwrap_or_default(),
            ],
        ),
        chart: Chart::Bars,
        label_column: T::PoliceZone.get(lang).into(),
        series: vec![
            T::Networks.get(lang).into(),
            T::LookingForCoordinator.get(lang).into(),
            T::WithoutDeputy.get(lang).into(),
        ],
        rows: top
            .iter()
            .map(|z| Row {
                label: z.name.clone(),
                cells: vec![Cell::count(z.networks), Cell::count(z.without_coordinator), Cell::count(z.without_deputy)],
            })
            .collect(),
    }
}

/// A figure with one series of bars.
fn bar_figure(
    id: &str,
    title: &str,
    summary: String,
    label_column: &str,
    series: &str,
    rows: Vec<(String, Cell)>,
) -> Figure {
    Figure {
        id: id.into(),
        title: title.into(),
        summary,
        chart: Chart::Bars,
        label_column: label_column.into(),
        series: vec![series.into()],
        rows: rows.into_iter().map(|(label, cell)| Row { label, cells: vec![cell] }).collect(),
    }
}

/// The BeSafe table as bars: BIN and BIN-Z per region.
fn regions_figure(table: &[crate::directory::types::RegionCount], lang: Lang) -> Figure {
    let belgium = table.iter().find(|r| r.region.is_none());
    let (bin, bin_z) = belgium.map(|r| (r.bin, r.bin_z)).unwrap_or_default();
    Figure {
        id: "regions".into(),
        title: T::FigRegions.get(lang).into(),
        summary: fill(
            lang,
            T::RegionsSummary.get(lang),
            &[Cell::count(bin).text(lang), Cell::count(bin_z).text(lang), Cell::count(bin + bin_z).text(lang)],
        ),
        chart: Chart::Bars,
        label_column: T::Region.get(lang).into(),
        series: vec![T::KindBin.get(lang).into(), T::KindBinZ.get(lang).into()],
        rows: table
            .iter()
            .filter_map(|r| r.region.map(|region: Region| (region, r)))
            .map(|(region, r)| Row {
                label: region.name(lang).into(),
                cells: vec![Cell::count(r.bin), Cell::count(r.bin_z)],
            })
            .collect(),
    }
}

/// Active networks by founding year, cumulative.
fn growth_figure(years: &[(i64, i64)], lang: Lang) -> Figure {
    let first = years.first().copied().unwrap_or_default();
    let last = years.last().copied().unwrap_or_default();
    let five_back = years.iter().rev().nth(5).map(|(_, n)| *n).unwrap_or(0);
    Figure {
        id: "growth".into(),
        title: T::FigGrowth.get(lang).into(),
        summary: fill(
            lang,
            T::GrowthSummary.get(lang),
            &[
                Cell::count(first.1).text(lang),
                first.0.to_string(),
                Cell::count(last.1).text(lang),
                last.0.to_string(),
                Cell::count(last.1 - five_back).text(lang),
            ],
        ),
        chart: Chart::Line,
        label_column: T::Year.get(lang).into(),
        series: vec![T::Networks.get(lang).into()],
        rows: years.iter().map(|(y, n)| Row { label: y.to_string(), cells: vec![Cell::count(*n)] }).collect(),
    }
}

/// The spread of continuity scores over a zone's active networks.
fn continuity_figure(bins: &[ZoneBin], lang: Lang) -> Figure {
    let active: Vec<&ZoneBin> = bins.iter().filter(|b| b.state == BinState::Active).collect();
    let band = |band: Band| active.iter().filter(|b| b.continuity.band() == band).count() as i64;
    let looking = active.iter().filter(|b| b.looking_for_coordinator).count() as i64;
    let no_deputy = active.iter().filter(|b| !b.has_deputy).count() as i64;
    bar_figure(
        "continuity",
        T::Continuity.get(lang),
        fill(
            lang,
            T::ContinuitySummary.get(lang),
            &[
                Cell::count(band(Band::AtRisk)).text(lang),
                Cell::count(band(Band::Watch)).text(lang),
                Cell::count(band(Band::Good)).text(lang),
                Cell::count(looking).text(lang),
                Cell::count(no_deputy).text(lang),
            ],
        ),
        T::Measure.get(lang),
        T::Networks.get(lang),
        [(T::BandAtRisk, Band::AtRisk), (T::BandWatch, Band::Watch), (T::BandGood, Band::Good)]
            .iter()
            .map(|(t, b)| (t.get(lang).to_string(), Cell::count(band(*b))))
            .chain([
                (T::LookingForCoordinator.get(lang).to_string(), Cell::count(looking)),
                (T::WithoutDeputy.get(lang).to_string(), Cell::count(no_deputy)),
            ])
            .collect(),
    )
}

/// A change in households with its sign: "+20", "−10", or "fewer than 5" either way.
fn signed(n: i64, lang: Lang) -> String {
    if n.abs() < 5 {
        return T::SmallChange.get(lang).to_string();
    }
    let rounded = Cell::people(n.abs()).text(lang);
    if n > 0 { format!("+{rounded}") } else { format!("−{rounded}") }
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
