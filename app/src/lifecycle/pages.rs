//! The pages of a network's life: `/start` (propose a network), `/bin/{id}/life` (its file and
//! the steps the reader can take), `/bin/{id}/charter` (the printable charter) and
//! `/initiatives` (the networks not active yet that concern the reader).

mod charter;
mod initiatives;
mod life;
mod start;

pub use charter::CharterPage;
pub use initiatives::InitiativesPage;
pub use life::LifePage;
pub use start::StartPage;

use crate::i18n::{Common, t};
use crate::lifecycle::machine::{Party, Step};
use crate::lifecycle::texts::T;
use crate::lifecycle::types::Actor;

fn party_label(party: Party) -> &'static str {
    t(match party {
        Party::Coordinator => T::PartyCoordinator,
        Party::Municipality => T::PartyMunicipality,
        Party::ZoneChief => T::PartyZoneChief,
        Party::Officer => T::PartyOfficer,
    })
}

fn step_label(step: Step) -> &'static str {
    t(match step {
        Step::Propose => T::StepProposeDone,
        Step::Accept => T::StepAcceptDone,
        Step::AskChanges => T::StepAskChangesDone,
        Step::Decline => T::StepDeclineDone,
        Step::Revise => T::StepReviseDone,
        Step::Sign => T::StepSignDone,
        Step::Complete => T::StepCompleteDone,
        Step::Register => T::StepRegisterDone,
        Step::Renew => T::StepRenewDone,
        Step::Suspend => T::StepSuspendDone,
        Step::Reactivate => T::StepReactivateDone,
        Step::Dissolve => T::StepDissolveDone,
        Step::Appoint => T::StepAppointDone,
    })
}

fn role_label(role: Actor) -> &'static str {
    match role {
        Actor::Officer => t(T::PartyOfficer),
        Actor::ZoneAdmin | Actor::ZoneChief => t(T::PartyZoneChief),
        Actor::Municipality => t(T::PartyMunicipality),
        Actor::KnowledgeCentre => t(Common::RoleKcAdmin),
        Actor::Coordinator => t(T::PartyCoordinator),
    }
}

fn parity_label(parity: crate::directory::segments::Parity) -> &'static str {
    use crate::directory::segments::Parity;
    t(match parity {
        Parity::All => T::ParityAll,
        Parity::Odd => T::ParityOdd,
        Parity::Even => T::ParityEven,
    })
}
