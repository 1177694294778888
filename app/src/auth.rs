//! Accounts, sessions and roles: sign-up with e-mail confirmation, sign-in and -out, password
//! reset, change of e-mail, export and deletion of one's own data.

pub mod api;
pub mod pages;
pub mod texts;
pub mod types;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod personal;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod session;
