//! Aggregations over time that need no I/O: households by month from joins and leaves, join
//! requests within a period, the age profile and the growth of the network count.

use crate::dashboard::figure::Period;
use crate::dashboard::zone::median;
use crate::membership::types::BIRTH_DECADES;

/// One month of a household trend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    pub month: i64,
    /// Member households at the end of the month.
    pub households: i64,
    pub joins: i64,
    pub leaves: i64,
}

/// The months of `period` with the households at the end of each, counted back from `now_total`
/// (the households today) through the joins and leaves of `changes` (`(month, joins, leaves)`,
/// any order, months after the period included).
pub fn households_by_month(now_total: i64, changes: &[(i64, i64, i64)], period: Period) -> Vec<Month> {
    (period.first()..=period.last)
        .map(|month| {
            let later: i64 = changes.iter().filter(|(m, _, _)| *m > month).map(|(_, j, l)| j - l).sum();
            let (joins, leaves) =
                changes.iter().filter(|(m, _, _)| *m == month).fold((0, 0), |(j, l), (_, mj, ml)| (j + mj, l + ml));
            Month { month, households: (now_total - later).max(0), joins, leaves }
        })
        .collect()
}

/// Joins and leaves within `period`.
pub fn joins_and_leaves(changes: &[(i64, i64, i64)], period: Period) -> (i64, i64) {
    changes.iter().filter(|(m, _, _)| period.contains(*m)).fold((0, 0), |(j, l), (_, mj, ml)| (j + mj, l + ml))
}

/// A join request: when it was made, when it was decided, and its state now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub requested_at: i64,
    pub decided_at: Option<i64>,
    pub state: crate::membership::types::MemberState,
}

/// What happened to join requests within a period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Requests {
    /// Requests made within the period.
    pub received: i64,
    /// Decisions within the period: approved (the member may have left since) and declined.
    pub approved: i64,
    pub declined: i64,
    /// The median of days from request to decision, over the decisions within the period.
    pub median_days: Option<f64>,
}

/// The join requests of `period`.
pub fn requests_in(requests: &[Request], period: Period) -> Requests {
    let inside = |t: i64| period.contains(crate::time::month_of(t));
    let mut out =
        Requests { received: requests.iter().filter(|r| inside(r.requested_at)).count() as i64, ..Default::default() };
    let mut days = Vec::new();
    for r in requests {
        let Some(decided) = r.decided_at.filter(|d| inside(*d)) else { continue };
        if r.state == crate::membership::types::MemberState::Declined {
            out.declined += 1;
        } else {
            out.approved += 1;
        }
        days.push((decided - r.requested_at).div_euclid(86_400));
    }
    out.median_days = median(days);
    out
}

/// Members per decade of birth, every decade present (in order), from `(decade, members)`.
pub fn age_profile(rows: &[(i64, i64)]) -> Vec<(i64, i64)> {
    BIRTH_DECADES
        .iter()
        .map(|&decade| (decade, rows.iter().filter(|(d, _)| *d == decade).map(|(_, n)| n).sum()))
        .collect()
}

/// Networks per year, cumulative, from `(founding year, networks)`: one entry per year from the
/// first founding year to `last_year`.
pub fn cumulative_by_year(rows: &[(i64, i64)], last_year: i64) -> Vec<(i64, i64)> {
    let Some(first) = rows.iter().map(|(y, _)| *y).min() else { return Vec::new() };
    let mut total = 0;
    (first..=last_year.max(first))
        .map(|year| {
            total += rows.iter().filter(|(y, _)| *y == year).map(|(_, n)| n).sum::<i64>();
            (year, total)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: i64 = 2026 * 12; // January 2026.

    fn period(months: i64, last: i64) -> Period {
        Period { months, last }
    }

    #[test]
    fn households_are_counted_back_from_today() {
        // Today 100 households. March: +5 −1, April: +2 −4, May (after the period): +3 −0.
        let changes = [(M + 2, 5, 1), (M + 3, 2, 4), (M + 4, 3, 0)];
        let months = households_by_month(100, &changes, period(3, M + 3));
        // End of April: 100 − 3 = 97. End of March: 97 − (2 − 4) = 99. End of February: 99 − 4 = 95.
        assert_eq!(
            months,
            vec![
                Month { month: M + 1, households: 95, joins: 0, leaves: 0 },
                Month { month: M + 2, households: 99, joins: 5, leaves: 1 },
                Month { month: M + 3, households: 97, joins: 2, leaves: 4 },
            ]
        );
        assert_eq!(joins_and_leaves(&changes, period(3, M + 3)), (7, 5));
        assert_eq!(joins_and_leaves(&changes, period(3, M + 3).previous()), (0, 0));
    }

    #[test]
    fn requests_count_in_the_period_they_were_made_or_decided() {
        use crate::membership::types::MemberState;
        let day = 86_400;
        // 2026-01-10, 2026-03-01 and 2026-03-20 (Unix seconds).
        let (jan, mar, mar20) = (1_768_003_200, 1_772_323_200, 1_773_964_800);
        let requests = [
            Request { requested_at: jan, decided_at: Some(mar), state: MemberState::Active },
            Request { requested_at: mar, decided_at: Some(mar + 3 * day), state: MemberState::Declined },
            Request { requested_at: mar, decided_at: Some(mar + 10 * day), state: MemberState::Left },
            Request { requested_at: mar20, decided_at: None, state: MemberState::Pending },
        ];
        // March and April 2026.
        let r = requests_in(&requests, period(2, M + 3));
        assert_eq!((r.received, r.approved, r.declined), (3, 2, 1));
        // Days to decide: 50, 3 and 10.
        assert_eq!(r.median_days, Some(10.0));
        let before = requests_in(&requests, period(2, M + 1));
        assert_eq!((before.received, before.approved, before.declined, before.median_days), (1, 0, 0, None));
    }

    #[test]
    fn the_age_profile_lists_every_decade() {
        let profile = age_profile(&[(1950, 7), (2000, 2), (1950, 1)]);
        assert_eq!(profile.len(), 8);
        assert_eq!(profile[2], (1950, 8));
        assert_eq!(profile[7], (2000, 2));
        assert_eq!(profile.iter().map(|(_, n)| n).sum::<i64>(), 10);
        use crate::membership::types::decade_label;
        assert_eq!(decade_label(1930), "< 1940");
        assert_eq!(decade_label(1960), "1960–1969");
        assert_eq!(decade_label(2000), "≥ 2000");
    }

    #[test]
    fn growth_adds_up_year_by_year() {
        assert_eq!(
            cumulative_by_year(&[(2020, 2), (2022, 3), (2020, 1)], 2023),
            vec![(2020, 3), (2021, 3), (2022, 6), (2023, 6)]
        );
        assert_eq!(cumulative_by_year(&[], 2023), vec![]);
    }
}
