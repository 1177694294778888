//! The directory of BINs: the reference geography of Belgium, the registry of networks and the
//! pages that find them.

pub mod api;
pub mod home;
pub mod types;

#[cfg(feature = "ssr")]
pub mod geo;
#[cfg(feature = "ssr")]
pub mod repo;
