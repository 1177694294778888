//! The continuity score of a network: how likely it is to outlive its coordinator, from a
//! deputy in place, the coordinator's tenure and recent activity, the charter's review date and
//! the member trend, explained in words, with the single most useful next step.

use serde::{Deserialize, Serialize};

/// What the score is made of.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    pub has_coordinator: bool,
    pub deputies: i64,
    /// Days since the coordinator took on the role.
    pub tenure_days: Option<i64>,
    /// Days since the coordinator last acted on the platform (or took on the role).
    pub days_since_action: Option<i64>,
    /// Days until the charter's review date (negative when overdue); `None` without a date.
    pub review_in_days: Option<i64>,
    pub joins_90d: i64,
    pub leaves_90d: i64,
}

/// One thing that lowers (or would lower) the score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    NoCoordinator,
    NoDeputy,
    CoordinatorInactive,
    CoordinatorQuiet,
    LongTenure,
    CharterOverdue,
    CharterDueSoon,
    Shrinking,
}

impl Factor {
    /// Points taken off the score.
    pub fn weight(self) -> u8 {
        match self {
            Factor::NoCoordinator => 50,
            Factor::NoDeputy => 20,
            Factor::CoordinatorInactive => 15,
            Factor::CoordinatorQuiet => 8,
            Factor::LongTenure => 10,
            Factor::CharterOverdue => 10,
            Factor::CharterDueSoon => 5,
            Factor::Shrinking => 5,
        }
    }
}

/// The score (0–100), its band, what lowers it (worst first) and the next step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Continuity {
    pub score: u8,
    pub factors: Vec<Factor>,
    /// The most useful thing to do now, if anything.
    pub next_step: Option<Factor>,
}

/// Bands for a quick look: at risk below 50, to watch below 75.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    AtRisk,
    Watch,
    Good,
}

impl Continuity {
    pub fn band(&self) -> Band {
        match self.score {
            0..50 => Band::AtRisk,
            50..75 => Band::Watch,
            _ => Band::Good,
        }
    }
}

/// Scores a network.
pub fn score(i: &Inputs) -> Continuity {
    let mut factors = Vec::new();
    if !i.has_coordinator {
        factors.push(Factor::NoCoordinator);
    }
    if i.deputies == 0 {
        factors.push(Factor::NoDeputy);
    }
    if i.has_coordinator {
        match i.days_since_action {
            Some(d) if d > 180 => factors.push(Factor::CoordinatorInactive),
            Some(d) if d > 90 => factors.push(Factor::CoordinatorQuiet),
            _ => {}
        }
        if i.tenure_days.is_some_and(|d| d > 10 * 365) {
            factors.push(Factor::LongTenure);
        }
    }
    match i.review_in_days {
        Some(d) if d < 0 => factors.push(Factor::CharterOverdue),
        Some(d) if d <= 90 => factors.push(Factor::CharterDueSoon),
        _ => {}
    }
    if i.leaves_90d > i.joins_90d {
        factors.push(Factor::Shrinking);
    }
    factors.sort_by_key(|f| std::cmp::Reverse(f.weight()));
    let lost: u32 = factors.iter().map(|f| u32::from(f.weight())).sum();
    Continuity { score: 100_u32.saturating_sub(lost) as u8, next_step: factors.first().copied(), factors }
}

/// The facts of one network, as the repository reads them.
pub struct Facts {
    pub coordinator_since: Option<i64>,
    pub deputies: i64,
    pub acted_at: Option<i64>,
    pub next_review_at: Option<i64>,
    pub joins: i64,
    pub leaves: i64,
}

#[cfg(feature = "ssr")]
impl From<&crate::membership::repo::BinFactsRow> for Facts {
    fn from(r: &crate::membership::repo::BinFactsRow) -> Facts {
        Facts {
            coordinator_since: r.coordinator_since,
            deputies: r.deputies,
            acted_at: r.acted_at,
            next_review_at: r.next_review_at,
            joins: r.joins,
            leaves: r.leaves,
        }
    }
}

/// The continuity score of a network from its facts at `now`.
pub fn continuity_of(f: &Facts, now: i64) -> Continuity {
    let days = |t: Option<i64>| t.map(|t| (now - t).div_euclid(86_400));
    score(&Inputs {
        has_coordinator: f.coordinator_since.is_some(),
        deputies: f.deputies,
        tenure_days: days(f.coordinator_since),
        // A new coordinator has acted when they took on the role, whatever their predecessor did.
        days_since_action: days(match (f.acted_at, f.coordinator_since) {
            (Some(acted), Some(since)) => Some(acted.max(since)),
            (acted, since) => acted.or(since),
        }),
        review_in_days: f.next_review_at.map(|t| (t - now).div_euclid(86_400)),
        joins_90d: f.joins,
        leaves_90d: f.leaves,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn healthy() -> Inputs {
        Inputs {
            has_coordinator: true,
            deputies: 1,
            tenure_days: Some(400),
            days_since_action: Some(10),
            review_in_days: Some(300),
            joins_90d: 3,
            leaves_90d: 1,
        }
    }

    #[test]
    fn a_network_with_a_deputy_and_an_active_coordinator_scores_full() {
        let c = score(&healthy());
        assert_eq!(c.score, 100);
        assert!(c.factors.is_empty());
        assert_eq!(c.next_step, None);
        assert_eq!(c.band(), Band::Good);
    }

    #[test]
    fn without_a_deputy_the_next_step_is_to_invite_one() {
        let c = score(&Inputs { deputies: 0, ..healthy() });
        assert_eq!(c.score, 80);
        assert_eq!(c.next_step, Some(Factor::NoDeputy));
    }

    #[test]
    fn no_coordinator_weighs_most_and_puts_the_network_at_risk() {
        let c = score(&Inputs { has_coordinator: false, deputies: 0, ..healthy() });
        assert_eq!(c.score, 30);
        assert_eq!(c.factors, [Factor::NoCoordinator, Factor::NoDeputy]);
        assert_eq!(c.band(), Band::AtRisk);
    }

    #[test]
    fn inactivity_tenure_charter_and_trend_each_count() {
        let c = score(&Inputs {
            days_since_action: Some(200),
            tenure_days: Some(4000),
            review_in_days: Some(-5),
            leaves_90d: 4,
            joins_90d: 1,
            ..healthy()
        });
        assert_eq!(c.score, 100 - 15 - 10 - 10 - 5);
        assert_eq!(c.next_step, Some(Factor::CoordinatorInactive));
        let quiet = score(&Inputs { days_since_action: Some(100), review_in_days: Some(30), ..healthy() });
        assert_eq!(quiet.factors, [Factor::CoordinatorQuiet, Factor::CharterDueSoon]);
        assert_eq!(quiet.band(), Band::Good);
    }

    #[test]
    fn the_score_never_goes_below_zero() {
        let c = score(&Inputs {
            has_coordinator: false,
            deputies: 0,
            tenure_days: None,
            days_since_action: None,
            review_in_days: Some(-1),
            joins_90d: 0,
            leaves_90d: 9,
        });
        assert_eq!(c.score, 100 - 50 - 20 - 10 - 5);
    }

    #[test]
    fn facts_become_a_score_with_days_counted_from_now() {
        const DAY: i64 = 86_400;
        let now = 2_000 * DAY;
        let facts = Facts {
            coordinator_since: Some(now - 400 * DAY),
            deputies: 0,
            acted_at: Some(now - 100 * DAY),
            next_review_at: Some(now + 400 * DAY),
            joins: 0,
            leaves: 0,
        };
        let c = continuity_of(&facts, now);
        assert_eq!(c.score, 100 - 20 - 8);
        let orphan = Facts { coordinator_since: None, acted_at: None, ..facts };
        assert_eq!(continuity_of(&orphan, now).score, 100 - 50 - 20);
    }
}
