//! Role administration: the knowledge centre invites a zone's administrators; a zone's
//! administrators invite and remove its officers, its municipal signatories and other
//! administrators; an invitation is accepted by the invited address with one press; and the
//! audit log (written by `auth`) is read here, as a page and as a spreadsheet.

pub mod api;
pub mod pages;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod personal;
#[cfg(feature = "ssr")]
pub mod repo;
