//! Residents' reports, the second way of two-way communication: a resident tells the police
//! zone of the place what they saw (never an emergency channel), with a photo kept without its
//! metadata; the zone takes it on and closes it with an answer, or turns it into an alert.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod notice;
#[cfg(feature = "ssr")]
pub mod repo;
