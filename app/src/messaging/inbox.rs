//! Server functions of the inbox: reading one's notices (kept by `crate::notify`) and marking
//! them read.

use crate::error::AppError;
use crate::notify::types::InboxItem;
use leptos::prelude::*;

/// The caller's inbox, newest first, in the page's language.
#[server(endpoint = "messaging/inbox", output = crate::codec::Json)]
pub async fn my_inbox() -> Result<Vec<InboxItem>, AppError> {
    use crate::notify::notice::StoredNotice;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let rows = crate::notify::repo::inbox(&state.pool, me.id).await?;
    let lang = crate::i18n::detect_lang();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let Ok(notice) = serde_json::from_str::<StoredNotice>(&row.notice) else {
                tracing::warn!(inbox_id = row.id, "an inbox notice could not be read");
                return None;
            };
            let (title, body) = notice.texts(lang);
            Some(InboxItem {
                id: row.id,
                kind: notice.kind.clone(),
                title: title.to_string(),
                body: body.to_string(),
                link: notice.link.clone(),
                created_at: row.created_at,
                read: row.read_at.is_some(),
            })
        })
        .collect())
}

/// Marks the whole inbox as read.
#[server(endpoint = "messaging/inbox_read", output = crate::codec::Json)]
pub async fn mark_inbox_read() -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    crate::notify::repo::mark_read(&state.pool, me.id, crate::platform::now()).await?;
    Ok(())
}

/// Opens one of the signed-in person's notices: marks it read and gives the page it leads to
/// (a path on this site; the inbox when it has none).
#[cfg(feature = "ssr")]
pub async fn open(
    state: &crate::platform::state::AppState,
    me: &crate::auth::types::SafeUser,
    id: i64,
) -> Result<String, AppError> {
    use crate::notify::notice::StoredNotice;
    let row = crate::notify::repo::open_one(&state.pool, me.id, id, crate::platform::now())
        .await?
        .ok_or(AppError::NotFound)?;
    let link = serde_json::from_str::<StoredNotice>(&row.notice).map(|n| n.link).unwrap_or_default();
    Ok(if crate::ui::is_local_path(&link) { link } else { "/inbox".to_string() })
}
