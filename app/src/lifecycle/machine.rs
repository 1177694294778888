//! The states of a network and the steps between them, as the real procedure has them: a
//! resident proposes, the police zone reviews (accepts, asks for changes, or declines), a charter
//! is drafted and signed by four parties, the knowledge centre registers it, and the network is
//! active. Later it may fall dormant, come back, or be dissolved. Pure, so every rule is tested.

use crate::auth::types::SafeUser;
use crate::codec::codes;
use crate::directory::types::BinState;
use serde::{Deserialize, Serialize};

codes! {
    /// A step someone takes.
    Step {
        Propose => "propose",
        Accept => "accept",
        AskChanges => "ask_changes",
        Decline => "decline",
        Revise => "revise",
        Sign => "sign",
        /// Every party has signed (taken by the last signature, not by a person on its own).
        Complete => "complete",
        Register => "register",
        Renew => "renew",
        Suspend => "suspend",
        Reactivate => "reactivate",
        Dissolve => "dissolve",
        Appoint => "appoint",
    }
}

/// Where a step leads from a state; `None` when the step is not possible there.
pub fn next(state: BinState, step: Step) -> Option<BinState> {
    use BinState as S;
    match (state, step) {
        (S::Proposed, Step::Accept) => Some(S::Charter),
        (S::Proposed, Step::AskChanges) => Some(S::ChangesRequested),
        (S::Proposed, Step::Decline) => Some(S::Declined),
        (S::ChangesRequested, Step::Revise) => Some(S::Proposed),
        (S::Charter, Step::Sign) => Some(S::Charter),
        (S::Charter, Step::Complete) => Some(S::Signed),
        (S::Signed, Step::Register) => Some(S::Active),
        // A new charter version of a running network: drafted, signed and registered while the
        // network stays as it is.
        (S::Active | S::Dormant, Step::Renew | Step::Sign | Step::Complete | Step::Register) => Some(state),
        (S::Active, Step::Suspend) => Some(S::Dormant),
        (S::Dormant, Step::Reactivate) => Some(S::Active),
        (S::Active | S::Dormant, Step::Dissolve) => Some(S::Dissolved),
        (S::Active, Step::Appoint) => Some(S::Active),
        _ => None,
    }
}

codes! {
    /// The four parties to a charter.
    #[derive(PartialOrd, Ord)]
    Party {
        Coordinator => "coordinator",
        Municipality => "municipality",
        ZoneChief => "zone_chief",
        Officer => "officer",
    }
}

/// What one person is to one network.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// The network's coordinator (the founder, while it is an initiative).
    pub coordinator: bool,
    /// A deputy of the network: reads its file, takes no step.
    pub deputy: bool,
    /// A police officer of the network's zone.
    pub officer: bool,
    /// An administrator of the network's zone (signs for the zone chief).
    pub zone_admin: bool,
    /// Signs for the network's municipality.
    pub municipality: bool,
    /// A knowledge-centre administrator.
    pub kc: bool,
}

impl Standing {
    pub fn of(user: &SafeUser, bin_id: i64, nis: i64, zone_id: i64) -> Standing {
        Standing {
            coordinator: user.is_coordinator_of(bin_id),
            deputy: user.coordinates_or_deputises(bin_id) && !user.is_coordinator_of(bin_id),
            officer: user.is_officer_of(zone_id),
            zone_admin: user.is_zone_admin_of(zone_id),
            municipality: user.signs_for_municipality(nis),
            kc: user.is_kc_admin(),
        }
    }

    /// Whether the person is involved at all (and may see the network's file).
    pub fn involved(self) -> bool {
        self.coordinator || self.deputy || self.officer || self.zone_admin || self.municipality || self.kc
    }

    fn zone(self) -> bool {
        self.officer || self.zone_admin
    }

    /// Whether the person may take `step` (wherever the network stands).
    pub fn may(self, step: Step) -> bool {
        match step {
            Step::Propose => true,
            Step::Accept | Step::AskChanges | Step::Decline | Step::Appoint => self.zone(),
            Step::Revise => self.coordinator,
            Step::Sign => !self.parties().is_empty(),
            Step::Complete => false,
            Step::Register => self.kc,
            Step::Renew | Step::Suspend | Step::Reactivate => self.zone() || self.kc,
            Step::Dissolve => self.zone_admin || self.kc,
        }
    }

    /// The parties this person may sign for.
    pub fn parties(self) -> Vec<Party> {
        let mut parties = Vec::new();
        if self.coordinator {
            parties.push(Party::Coordinator);
        }
        if self.municipality {
            parties.push(Party::Municipality);
        }
        if self.zone_admin {
            parties.push(Party::ZoneChief);
        }
        if self.officer {
            parties.push(Party::Officer);
        }
        parties
    }
}

/// Where the open charter draft stands, for deciding what may be done.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The parties that have signed.
    pub signed: Vec<Party>,
    /// Whether this person has signed it already (for any party).
    pub signed_by_me: bool,
}

/// The steps this person can take now, in the order the page offers them. `draft` is the open
/// charter version (drafted, not yet registered), if there is one.
pub fn steps_for(state: BinState, standing: Standing, draft: Option<&Draft>) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|&step| next(state, step).is_some() && standing.may(step))
        .filter(|&step| match step {
            Step::Sign => draft.is_some_and(|d| {
                !d.signed_by_me
                    && d.signed.len() < Party::ALL.len()
                    && standing.parties().iter().any(|p| !d.signed.contains(p))
            }),
            Step::Register => draft.is_some_and(|d| d.signed.len() == Party::ALL.len()),
            Step::Renew => draft.is_none(),
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(f: impl Fn(&mut Standing)) -> Standing {
        let mut s = Standing::default();
        f(&mut s);
        s
    }

    #[test]
    fn codes_round_trip() {
        for s in BinState::ALL {
            assert_eq!(BinState::parse(s.code()), Some(s));
        }
        for s in Step::ALL {
            assert_eq!(Step::parse(s.code()), Some(s));
        }
        for p in Party::ALL {
            assert_eq!(Party::parse(p.code()), Some(p));
        }
        assert_eq!(BinState::parse("gone"), None);
        assert_eq!(Party::parse("mayor"), None);
    }

    #[test]
    fn the_procedure_goes_from_proposal_to_active_and_only_that_way() {
        use BinState as S;
        assert_eq!(next(S::Proposed, Step::Accept), Some(S::Charter));
        assert_eq!(next(S::Proposed, Step::AskChanges), Some(S::ChangesRequested));
        assert_eq!(next(S::ChangesRequested, Step::Revise), Some(S::Proposed));
        assert_eq!(next(S::Proposed, Step::Decline), Some(S::Declined));
        assert_eq!(next(S::Charter, Step::Complete), Some(S::Signed));
        assert_eq!(next(S::Signed, Step::Register), Some(S::Active));
        assert_eq!(next(S::Active, Step::Suspend), Some(S::Dormant));
        assert_eq!(next(S::Dormant, Step::Reactivate), Some(S::Active));
        assert_eq!(next(S::Dormant, Step::Dissolve), Some(S::Dissolved));
        // No shortcuts, and nothing leaves a final state.
        assert_eq!(next(S::Proposed, Step::Register), None);
        assert_eq!(next(S::Charter, Step::Register), None);
        assert_eq!(next(S::ChangesRequested, Step::Accept), None);
        assert_eq!(next(S::Proposed, Step::Dissolve), None);
        for step in Step::ALL {
            assert_eq!(next(S::Declined, step), None, "{step:?}");
            assert_eq!(next(S::Dissolved, step), None, "{step:?}");
        }
        // Nobody proposes into an existing network, and a proposal cannot be signed yet.
        assert!(S::ALL.iter().all(|&s| next(s, Step::Propose).is_none()));
        assert_eq!(next(S::Proposed, Step::Sign), None);
    }

    #[test]
    fn each_step_belongs_to_its_role() {
        let officer = standing(|s| s.officer = true);
        let chief = standing(|s| s.zone_admin = true);
        let founder = standing(|s| s.coordinator = true);
        let kc = standing(|s| s.kc = true);
        let town = standing(|s| s.municipality = true);
        assert!(officer.may(Step::Accept) && chief.may(Step::Decline));
        assert!(!founder.may(Step::Accept) && !kc.may(Step::Accept) && !town.may(Step::Accept));
        assert!(founder.may(Step::Revise) && !officer.may(Step::Revise));
        assert!(kc.may(Step::Register) && !chief.may(Step::Register) && !founder.may(Step::Register));
        assert!(chief.may(Step::Dissolve) && kc.may(Step::Dissolve) && !officer.may(Step::Dissolve));
        assert!(!Standing::default().involved() && !Standing::default().may(Step::Sign));
        let deputy = standing(|s| s.deputy = true);
        assert!(deputy.involved() && deputy.parties().is_empty());
        assert!(Step::ALL.iter().all(|&s| s == Step::Propose || !deputy.may(s)), "a deputy reads, and acts on nothing");
        assert_eq!(town.parties(), vec![Party::Municipality]);
        assert_eq!(
            standing(|s| {
                s.officer = true;
                s.zone_admin = true
            })
            .parties(),
            vec![Party::ZoneChief, Party::Officer]
        );
        assert!(kc.parties().is_empty(), "the knowledge centre registers, it does not sign");
    }

    #[test]
    fn signing_and_registering_follow_the_draft() {
        let officer = standing(|s| s.officer = true);
        let kc = standing(|s| s.kc = true);
        let half = Draft { signed: vec![Party::Coordinator, Party::Municipality], signed_by_me: false };
        assert_eq!(steps_for(BinState::Charter, officer, Some(&half)), vec![Step::Sign]);
        let officer_signed = Draft { signed: vec![Party::Officer], signed_by_me: true };
        assert!(steps_for(BinState::Charter, officer, Some(&officer_signed)).is_empty());
        assert!(steps_for(BinState::Charter, kc, Some(&half)).is_empty(), "not before all four signed");
        let all = Draft { signed: Party::ALL.to_vec(), signed_by_me: false };
        assert!(steps_for(BinState::Charter, officer, Some(&all)).is_empty(), "nothing left to sign");
        assert_eq!(steps_for(BinState::Signed, kc, Some(&all)), vec![Step::Register]);
        // A running network: a new version can be drafted only when none is open.
        assert!(steps_for(BinState::Active, officer, None).contains(&Step::Renew));
        assert!(!steps_for(BinState::Active, officer, Some(&half)).contains(&Step::Renew));
        assert_eq!(steps_for(BinState::Active, kc, Some(&all)), vec![Step::Register, Step::Suspend, Step::Dissolve]);
        assert_eq!(steps_for(BinState::Proposed, officer, None), vec![Step::Accept, Step::AskChanges, Step::Decline]);
        assert!(steps_for(BinState::Proposed, standing(|s| s.coordinator = true), None).is_empty());
    }
}
