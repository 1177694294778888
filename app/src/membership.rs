//! Membership and the life of a network: joining, deciding requests, leaving, the member list
//! for coordinators, the inbox of notices, deputies, handovers and the continuity score.

pub mod api;
pub mod continuity;
#[cfg(feature = "ssr")]
pub mod notice;
pub mod pages;
pub mod succession;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod personal;
#[cfg(feature = "ssr")]
pub mod repo;
