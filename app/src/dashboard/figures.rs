//! The figures the dashboards show, each built from its numbers alone (no database, no
//! request): the networks by state, households and their flows, join requests and decision
//! times, charters, the age profile, CPA volunteers, provinces, zones at risk, regions, growth
//! and continuity. `assemble` reads the numbers and puts the figures together.

use crate::dashboard::figure::{Cell, Chart, Figure, Period, Row, withheld_said};
use crate::dashboard::repo::StateCount;
use crate::dashboard::texts::T;
use crate::dashboard::trend::{self, Request};
use crate::dashboard::types::ZoneRisk;
use crate::dashboard::zone::{CharterStatus, ZoneBin, charter_status};
use crate::directory::types::{BinKind, BinState, Region};
use crate::i18n::fill;
use crate::i18n::{Common, Lang};
use crate::membership::continuity::Band;

/// Networks by state and kind, active first, then the others in the order of a network's life.
pub fn networks(states: &[StateCount], lang: Lang) -> Figure {
    let mut shown: Vec<BinState> = states.iter().map(|s| s.state).collect();
    shown.sort_by_key(|s| (*s != BinState::Active, *s));
    shown.dedup();
    let count = |state: BinState, kind: BinKind| {
        states.iter().filter(|s| s.state == state && s.kind == kind).map(|s| s.networks).sum::<i64>()
    };
    let active = (count(BinState::Active, BinKind::Bin), count(BinState::Active, BinKind::BinZ));
    Figure {
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
        series: vec![Common::KindBin.get(lang).into(), Common::KindBinZ.get(lang).into()],
        rows: shown
            .iter()
            .map(|s| Row {
                label: s.text().get(lang).to_string(),
                cells: vec![Cell::count(count(*s, BinKind::Bin)), Cell::count(count(*s, BinKind::BinZ))],
            })
            .collect(),
    }
}

/// Member households month by month, and the joins and leaves behind them, against the period
/// before.
pub fn households(
    months: &[trend::Month],
    households_now: i64,
    period: Period,
    changes: &[(i64, i64, i64)],
    lang: Lang,
) -> [Figure; 2] {
    let previous = period.previous();
    let (joins, leaves) = trend::joins_and_leaves(changes, period);
    let (joins_before, leaves_before) = trend::joins_and_leaves(changes, previous);
    let month_rows = |cells: &dyn Fn(&trend::Month) -> Vec<Cell>| -> Vec<Row> {
        months.iter().map(|m| Row { label: crate::time::format_month(m.month, lang), cells: cells(m) }).collect()
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
        series: vec![Common::MemberHouseholds.get(lang).into()],
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
    [households, flows]
}

/// Join requests received, approved and declined, and the median time to decide them, against
/// the period before.
pub fn requests(requests: &[Request], period: Period, lang: Lang) -> [Figure; 2] {
    let previous = period.previous();
    let now_requests = trend::requests_in(requests, period);
    let before_requests = trend::requests_in(requests, previous);
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
    [requests_figure, decision_time]
}

/// The active networks' charters: in force, due for review soon, overdue, none.
pub fn charters(reviews: &[Option<i64>], now: i64, lang: Lang) -> Figure {
    let mut charters = [0i64; 4];
    for next in reviews {
        charters[match charter_status(*next, now) {
            CharterStatus::InForce => 0,
            CharterStatus::DueSoon => 1,
            CharterStatus::Overdue => 2,
            CharterStatus::None => 3,
        }] += 1;
    }
    bar_figure(
        "charters",
        Common::Charter.get(lang),
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
        Common::Networks.get(lang),
        [&T::CharterInForce as &dyn crate::i18n::Text, &T::CharterDueSoon, &T::CharterOverdue, &Common::CharterNone]
            .iter()
            .zip(charters)
            .map(|(t, n)| (t.get(lang).to_string(), Cell::count(n)))
            .collect(),
    )
}

/// The members who gave a decade of birth, per decade (too few hide the figure's summary).
pub fn age(ages: &[(i64, i64)], lang: Lang) -> Figure {
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
    bar_figure(
        "age",
        T::FigAge.get(lang),
        age_summary,
        T::BirthDecade.get(lang),
        Common::Members.get(lang),
        ages.iter().map(|(d, n)| (crate::membership::types::decade_label(*d), Cell::people(*n))).collect(),
    )
}

/// Learners, certified CPAs and listed volunteers.
pub fn cpa(learners: i64, certified: i64, listed: i64, summary: T, lang: Lang) -> Figure {
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
pub fn provinces(areas: &[crate::dashboard::types::Area], lang: Lang) -> Figure {
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
        series: vec![Common::KindBin.get(lang).into(), Common::KindBinZ.get(lang).into()],
        rows: provinces
            .iter()
            .map(|a| Row { label: a.name.clone(), cells: vec![Cell::count(a.bin), Cell::count(a.bin_z)] })
            .collect(),
    }
}

/// The zones most at risk: their active networks, those without a coordinator and without a deputy.
pub fn risk(risk: &[ZoneRisk], lang: Lang) -> Figure {
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
        label_column: Common::PoliceZone.get(lang).into(),
        series: vec![
            Common::Networks.get(lang).into(),
            Common::LookingForCoordinator.get(lang).into(),
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
pub fn regions(table: &[crate::directory::types::RegionCount], lang: Lang) -> Figure {
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
        label_column: Common::Region.get(lang).into(),
        series: vec![Common::KindBin.get(lang).into(), Common::KindBinZ.get(lang).into()],
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
pub fn growth(years: &[(i64, i64)], lang: Lang) -> Figure {
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
        series: vec![Common::Networks.get(lang).into()],
        rows: years.iter().map(|(y, n)| Row { label: y.to_string(), cells: vec![Cell::count(*n)] }).collect(),
    }
}

/// The spread of continuity scores over a zone's active networks.
pub fn continuity(bins: &[ZoneBin], lang: Lang) -> Figure {
    let active: Vec<&ZoneBin> = bins.iter().filter(|b| b.state == BinState::Active).collect();
    let band = |band: Band| active.iter().filter(|b| b.continuity.band() == band).count() as i64;
    let looking = active.iter().filter(|b| b.looking_for_coordinator).count() as i64;
    let no_deputy = active.iter().filter(|b| !b.has_deputy).count() as i64;
    bar_figure(
        "continuity",
        Common::Continuity.get(lang),
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
        Common::Networks.get(lang),
        [(Common::BandAtRisk, Band::AtRisk), (Common::BandWatch, Band::Watch), (Common::BandGood, Band::Good)]
            .iter()
            .map(|(t, b)| (t.get(lang).to_string(), Cell::count(band(*b))))
            .chain([
                (Common::LookingForCoordinator.get(lang).to_string(), Cell::count(looking)),
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
