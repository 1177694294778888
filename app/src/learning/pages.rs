//! The pages of the learning module.

mod certificate;
mod course;
mod question;
mod quiz;
mod review;
mod track;
mod verify;

pub use certificate::CertificatePage;
pub use course::{CoursePage, LessonPage};
pub use quiz::QuizPage;
pub use review::ReviewPage;
pub use track::TrackPage;
pub use verify::VerifyPage;

use crate::ui::loading;
use leptos::prelude::*;

/// A labelled progress bar.
#[component]
fn Progress(percent: u8, label: &'static str) -> impl IntoView {
    view! {
        <div class="progress-line">
            <progress max="100" value=percent aria-label=label>{format!("{percent} %")}</progress>
            <span class="progress-figure">{format!("{percent} %")}</span>
        </div>
    }
}
