//! `/review`: today's short review of questions answered wrongly before.

use super::loading;
use super::question::{FeedbackView, QuestionFields};
use crate::i18n::{Common, t};
use crate::learning::api::{AnswerReview, NextReview, review_page};
use crate::learning::texts::T;
use crate::learning::types::ReviewScreen;
use crate::ui::{ActionError, ErrorMessage, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let answer = ServerAction::<AnswerReview>::new();
    let next = ServerAction::<NextReview>::new();
    let data = Resource::new(move || (answer.version().get(), next.version().get()), |_| review_page());
    view! {
        <Title text=t(T::DailyReview)/>
        <section class="page narrow">
            <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/learn">{t(T::LearnTitle)}</a></nav>
            <h1>{t(T::DailyReview)}</h1>
            <p class="lead">{t(T::ReviewIntro)}</p>
            <ActionError value=answer.value()/>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(ReviewScreen::Question { left, question }) => view! {
                            <p class="hint">{format!("{} {left}", t(T::ReviewLeft))}</p>
                            <ActionForm action=answer attr:class="stack" attr:data-test-form="review-answer">
                                <input type="hidden" name="question" value=question.key.clone()/>
                                <QuestionFields question/>
                                <Submit label=t(T::CheckAnswer) pending=answer.pending().into()/>
                            </ActionForm>
                        }.into_any(),
                        Ok(ReviewScreen::Feedback { feedback, .. }) => view! {
                            <FeedbackView feedback/>
                            <ActionForm action=next attr:data-test-form="review-next">
                                <Submit label=t(T::NextQuestion) pending=next.pending().into()/>
                            </ActionForm>
                        }.into_any(),
                        Ok(ReviewScreen::Done) => view! {
                            <p class="empty-state" data-test-review-done="">{t(T::ReviewDone)}</p>
                            <p><a href="/learn">{t(T::BackToTrack)}</a></p>
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
