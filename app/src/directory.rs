//! The directory of BINs: the reference geography of Belgium, the registry of networks and the
//! pages that find them.

pub mod api;
pub mod finder;
pub mod lambert;
pub mod map;
pub mod pages;
pub mod segments;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod basemap;
#[cfg(feature = "ssr")]
pub mod geo;
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod places;
#[cfg(feature = "ssr")]
pub mod query;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod state;
