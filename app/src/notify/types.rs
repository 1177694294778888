//! Wire types of notices: an inbox item as the reader sees it.

use serde::{Deserialize, Serialize};

/// One notice in a person's inbox, in the page's language (written on the server, so the
/// browser build carries no notice texts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: i64,
    /// What kind of notice it is, as a stable snake_case code (`join_requested`, `life_sign`, …).
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Where the notice leads, as a path on this site.
    pub link: String,
    pub created_at: i64,
    pub read: bool,
}
