//! Telling people things, for every domain: the notice a domain writes, who receives it (a
//! [`repo::Recipient`]), the in-app inbox (read through `messaging::inbox`), and delivery by e-mail through the outbox. Domains
//! describe their notices by implementing [`notice::Tell`]; this module knows no domain.

pub mod types;

// Notices are written out on the server; the browser build never needs their texts.
#[cfg(not(feature = "hydrate"))]
pub mod notice;

#[cfg(feature = "ssr")]
pub mod deliver;
#[cfg(feature = "ssr")]
pub mod repo;
