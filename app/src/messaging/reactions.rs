//! Members react to a non-urgent message with structured reactions instead of reply-all
//! chatter: "useful" (counted once per person) or a question, which reaches the sender alone
//! (in their inbox and by e-mail) with the member's name, never the other members.

use crate::error::AppError;
use leptos::prelude::*;

/// The longest question, in characters.
pub const QUESTION_MAX: usize = 1_000;
/// Questions one member may ask about one message in an hour.
pub const QUESTIONS_PER_HOUR: i64 = 3;

#[cfg(feature = "ssr")]
mod notice {
    use crate::i18n::Lang;
    use crate::messaging::texts::Words;
    use crate::notify::notice::Tell;

    /// To a message's sender: a member's question about it.
    pub struct Question {
        pub id: i64,
        pub title: String,
        pub from: String,
        pub question: String,
    }

    impl Tell for Question {
        fn kind(&self) -> String {
            "message_question".into()
        }

        fn title(&self, lang: Lang) -> String {
            format!("{} {}", Words::QuestionTitle.get(lang), self.title)
        }

        fn body(&self, lang: Lang) -> String {
            format!(
                "{} {}:\n\n{}\n\n{}",
                Words::QuestionFrom.get(lang),
                self.from,
                self.question,
                Words::QuestionOnlyYou.get(lang)
            )
        }

        fn link(&self) -> String {
            format!("/messages/{}", self.id)
        }
    }
}

/// A recipient of a non-urgent message reacts: `useful`, or `question` with the question's words.
#[server(endpoint = "messaging/react", output = crate::codec::Json)]
pub async fn react(id: i64, reaction: String, question: Option<String>) -> Result<(), AppError> {
    use crate::messaging::repo;
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    let row = repo::message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    if repo::recipient(&state.pool, id, me.id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    // An urgent alert is answered by saying "seen" and, if need be, by calling 101.
    if row.kind == crate::messaging::types::Kind::Urgent {
        return Err(AppError::InvalidInput);
    }
    let now = crate::platform::now();
    let mut tx = state.begin().await?;
    match reaction.as_str() {
        "useful" => {
            repo::react(&mut tx, id, me.id, "useful", now).await?;
        }
        "question" => {
            let question = crate::messaging::text::body(question.as_deref().unwrap_or(""), QUESTION_MAX)?;
            if repo::reactions_by(&mut *tx, id, me.id, "question", now - 3_600).await? >= QUESTIONS_PER_HOUR {
                return Err(AppError::SendLimit);
            }
            repo::react(&mut tx, id, me.id, "question", now).await?;
            if let Some(sender) = row.sender_id {
                let people: Vec<_> = crate::notify::repo::user_recipient(&mut *tx, sender).await?.into_iter().collect();
                let notice = notice::Question { id, title: row.title.clone(), from: me.display_name.clone(), question };
                crate::notify::deliver::notify_about(&state, &mut tx, &people, &notice, Some(me.id)).await?;
            }
        }
        _ => return Err(AppError::InvalidInput),
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("/messages/{id}?reacted={reaction}"));
    Ok(())
}
