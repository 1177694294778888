//! The life of a network: starting one where there is none (proposal, review by the police
//! zone, the charter and its four signatures, registration by the knowledge centre), the
//! charter's versions and review reminders, dormancy and dissolution, and appointing a
//! coordinator when a network has lost its own.

pub mod api;
pub mod machine;
pub mod pages;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod notice;
#[cfg(feature = "ssr")]
pub mod personal;
#[cfg(feature = "ssr")]
pub mod proposal;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod repo;
