//! Two-way communication: urgent alerts and non-urgent messages from the police, the knowledge
//! centre and coordinators to the members of networks; their updates and closing message; who
//! saw them and who must be phoned; and live reception figures for the sender.

pub mod api;
pub mod area;
pub mod inbox;
pub mod pages;
pub mod preferences;
pub mod reactions;
pub mod reports;
pub mod text;
pub mod texts;
pub mod types;

// Templates and their texts in four languages are written on the server only.
#[cfg(feature = "ssr")]
pub mod templates;

#[cfg(feature = "ssr")]
pub mod delivery;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod personal;
#[cfg(feature = "ssr")]
pub mod photo;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod retention;
