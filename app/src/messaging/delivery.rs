//! Writing deliveries out for the channels that leave Nabij (e-mail and SMS): each claimed
//! delivery becomes a text in the recipient's language, with the standing advice for urgent
//! alerts and, for the alert itself, a link to a page whose button says "seen" (a button, so
//! mail scanners that open links do not count as readers). Sending is the server's job.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::messaging::repo::{self, DeliveryRow};
use crate::messaging::texts::Words;
use crate::messaging::types::{Channel, Kind};
use crate::messaging::{templates, text};
use crate::platform::state::AppState;
use std::collections::HashMap;

/// How long a claimed delivery stays with its worker before another may take it over.
pub const LEASE_S: i64 = 120;

/// A delivery ready to send.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub delivery: DeliveryRow,
    /// The subject of an e-mail (empty for an SMS).
    pub subject: String,
    pub body: String,
    /// A stable identifier for this delivery, used as the e-mail's `Message-ID`, so a relay
    /// or mailbox can recognise a retried message as the same one.
    pub key: String,
}

/// "written in Dutch", in each reader's language, for free text in another language.
fn written_in(text_lang: Lang, reader: Lang) -> String {
    let name = match text_lang {
        Lang::Nl => Words::LanguageDutch.get(reader),
        Lang::Fr => Words::LanguageFrench.get(reader),
        Lang::De => Words::LanguageGerman.get(reader),
        Lang::En => Words::LanguageEnglish.get(reader),
    };
    format!("({} {name})", Words::WrittenIn.get(reader))
}

/// Claims up to `limit` due deliveries of `channel` and writes each out.
pub async fn claim(state: &AppState, channel: Channel, limit: i64) -> Result<Vec<Outgoing>, AppError> {
    let now = crate::platform::now();
    let rows = repo::claim_due(&state.pool, state.engine, channel.code(), now, LEASE_S, limit).await?;
    let mut messages: HashMap<i64, (repo::MessageRow, Option<String>, Option<String>, bool)> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let std::collections::hash_map::Entry::Vacant(slot) = messages.entry(row.message_id) {
            let Some(message) = repo::message(&state.pool, row.message_id).await? else { continue };
            let (template, blanks) = repo::template_of(&state.pool, row.message_id).await?;
            let photo = repo::has_photo(&state.pool, row.message_id).await?;
            slot.insert((message, template, blanks, photo));
        }
        let Some((message, template, blanks, photo)) = messages.get(&row.message_id) else { continue };
        let post = if row.post_id == 0 { None } else { repo::post(&state.pool, row.post_id).await? };
        let lang = Lang::parse(&row.lang).unwrap_or_default();
        let urgent = message.kind == Kind::Urgent;
        let page = format!("{}/messages/{}", state.site.public_url, message.id);
        // The alert itself carries the "seen" page; updates and the closing message link to it.
        let seen_link = if urgent && row.post_id == 0 {
            let token = crate::platform::tokens::new_token();
            repo::set_seen_token(&state.pool, message.id, row.user_id, &crate::platform::tokens::hash_token(&token))
                .await?;
            Some(format!("{}/seen/{token}", state.site.public_url))
        } else {
            None
        };
        let (title, body) = super::api::ssr::texts(message, template.as_deref(), blanks.as_deref(), lang);
        let (title, body, text_lang) = match &post {
            Some(p) => {
                let lead = if p.closing == 1 { Words::UpdateClosedLead.get(lang) } else { Words::UpdateLead.get(lang) };
                (format!("{lead} {title}"), p.body.clone(), p.lang.clone())
            }
            None => (title, body, message.lang.clone()),
        };
        let text_lang = Lang::parse(&text_lang).unwrap_or_default();
        let body = if text_lang != lang && (template.is_none() || post.is_some()) {
            format!("{body}\n{}", written_in(text_lang, lang))
        } else {
            body
        };
        let outgoing = match channel {
            Channel::Sms => {
                let link = seen_link.clone().unwrap_or_else(|| page.clone());
                Outgoing {
                    subject: String::new(),
                    body: text::sms(&title, &body, &link, 2),
                    key: format!("d{}", row.id),
                    delivery: row,
                }
            }
            _ => {
                let mut mail = body.clone();
                if urgent {
                    mail.push_str("\n\n");
                    mail.push_str(lang.pick(templates::STANDING_ADVICE));
                }
                if let (Some(link), true) = (&seen_link, *photo) {
                    mail.push_str(&format!("\n\n{}\n{link}/photo.jpg", Words::MissingPersonPhoto.get(lang)));
                }
                if let Some(link) = &seen_link {
                    mail.push_str(&format!("\n\n{}\n{link}", Words::SayYouReadIt.get(lang)));
                }
                mail.push_str(&format!("\n\n{}\n{page}", Words::MessageOnNabij.get(lang)));
                let subject = if urgent { format!("{} {title}", Words::UrgentTag.get(lang)) } else { title };
                let rendered = crate::platform::mail::Mail::Notice { title: subject, body: mail, link: String::new() }
                    .render(lang);
                Outgoing { subject: rendered.subject, body: rendered.body, key: format!("d{}", row.id), delivery: row }
            }
        };
        out.push(outgoing);
    }
    Ok(out)
}

/// Records a delivery as sent.
pub async fn sent(state: &AppState, delivery: &DeliveryRow) -> Result<(), AppError> {
    repo::delivered(&state.pool, delivery.id, crate::platform::now()).await?;
    Ok(())
}

/// Records a failed attempt (retried later with back-off).
pub async fn failed(state: &AppState, delivery: &DeliveryRow, error: &str) -> Result<(), AppError> {
    repo::delivery_failed(&state.pool, delivery, error, crate::platform::now()).await?;
    Ok(())
}
