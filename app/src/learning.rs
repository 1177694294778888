//! The cyber-prevention learning module for CPA volunteers: the course catalogue (from
//! `content/`), lessons, quizzes with spot-the-phish exercises, progress for visitors and
//! learners, a spaced daily review, certificates that anyone can verify, and the volunteer
//! registry police zones see.

pub mod api;
pub mod certificates;
pub mod pages;
pub mod progress;
pub mod quiz;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod content;
#[cfg(feature = "ssr")]
pub mod personal;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod store;
