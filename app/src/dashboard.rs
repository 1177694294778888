//! Dashboards for police zones and the knowledge centre. Only aggregates leave the server, and
//! each caller sees only what their role covers.

pub mod api;
pub mod charts;
pub mod communication;
pub mod figure;
pub mod import;
pub mod pages;
pub mod registry;
pub mod texts;
pub mod trend;
pub mod types;
pub mod zone;

#[cfg(feature = "ssr")]
pub mod assemble;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod figures;
#[cfg(feature = "ssr")]
pub mod national;
#[cfg(feature = "ssr")]
pub mod repo;
