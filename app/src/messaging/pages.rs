//! The pages of messaging: the list of messages, composing one, reading one (with its
//! reception, updates, closing and call list), and the page an e-mail's "seen" link opens.

mod area;
mod compose;
mod inbox;
mod list;
mod seen;
mod settings;
mod view;

pub use compose::ComposePage;
pub use inbox::InboxPage;
pub use list::MessagesPage;
pub use seen::SeenPage;
pub use settings::SettingsPage;
pub use view::MessagePage;

use crate::i18n::t;
use crate::messaging::texts::T;
use crate::messaging::types::{Category, Kind, Segment, Status};
use crate::ui::loading;
use leptos::prelude::*;

pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Urgent => t(T::KindUrgent),
        Kind::Prevention => t(T::KindPrevention),
        Kind::Feedback => t(T::KindFeedback),
        Kind::Invitation => t(T::KindInvitation),
        Kind::Newsletter => t(T::KindNewsletter),
    }
}

pub fn category_label(category: Category) -> &'static str {
    t(category.text())
}

fn status_label(status: Status) -> Option<&'static str> {
    match status {
        Status::Open => Some(t(T::StatusOpen)),
        Status::Closed => Some(t(T::StatusClosed)),
        Status::Sent => None,
    }
}

/// A message's text: paragraphs and lines as written, links (https, mailto, tel) as links, and
/// everything else, markup included, as text.
#[component]
fn MessageText(segments: Vec<Segment>) -> impl IntoView {
    view! {
        <p class="message-text">
            {segments.into_iter().map(|s| match s {
                Segment::Text(text) => text.into_any(),
                Segment::Link(href) => {
                    let external = href.starts_with("https://");
                    view! { <a href=href.clone() rel=external.then_some("noopener noreferrer nofollow")>{href.clone()}</a> }.into_any()
                }
            }).collect_view()}
        </p>
    }
}

/// A form that sends one photo (JPEG or PNG) to `action`, which answers by going back to the
/// page with `?photo=1` or `?photo_error=…`. A plain form: it works without JavaScript.
#[component]
pub(crate) fn PhotoUpload(
    action: String,
    label: &'static str,
    hint: &'static str,
    test: &'static str,
) -> impl IntoView {
    let id = format!("{test}-input");
    let hint_id = format!("{test}-hint");
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="stack card no-print" data-test-form=test>
            <label for=id.clone()>{label}</label>
            <input id=id name="photo" type="file" accept="image/jpeg,image/png" required aria-describedby=hint_id.clone()/>
            <p class="hint" id=hint_id>{hint}</p>
            <button type="submit" class="primary">{t(T::AddPhoto)}</button>
        </form>
    }
}
