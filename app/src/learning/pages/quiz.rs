//! `/learn/{course}/quiz`: one question at a time, its explanation, and the result.

use super::loading;
use super::question::{FeedbackView, QuestionFields};
use crate::i18n::{Common, colon, t};
use crate::learning::api::{AnswerQuiz, NextQuestion, StartQuiz, quiz_page};
use crate::learning::texts::T;
use crate::learning::types::{QuizScreen, QuizView};
use crate::ui::{ActionError, PageError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn QuizPage() -> impl IntoView {
    let params = use_params_map();
    let start = ServerAction::<StartQuiz>::new();
    let answer = ServerAction::<AnswerQuiz>::new();
    let next = ServerAction::<NextQuestion>::new();
    let course = move || params.read().get("course").unwrap_or_default();
    let data = Resource::new(
        move || (course(), start.version().get(), answer.version().get(), next.version().get()),
        |(course, ..)| quiz_page(course),
    );
    view! {
        <section class="page narrow">
            <ActionError value=start.value()/>
            <ActionError value=answer.value()/>
            <ActionError value=next.value()/>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Quiz view start answer next/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/learn" back_label=t(T::BackToTrack)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Quiz(
    view: QuizView,
    start: ServerAction<StartQuiz>,
    answer: ServerAction<AnswerQuiz>,
    next: ServerAction<NextQuestion>,
) -> impl IntoView {
    let course = view.course_id.clone();
    let heading = format!("{}{}{}", t(T::FinalQuiz), colon(), view.course_title);
    let screen = match view.screen {
        QuizScreen::Start { questions } => view! {
            <p>{format!("{} · {} {} %", crate::i18n::fill(crate::i18n::use_lang(), t(T::QuestionsWord), &[questions.to_string()]), t(T::PassMarkIs), view.pass_mark)}</p>
            <ActionForm action=start attr:data-test-form="quiz-start">
                <input type="hidden" name="course" value=course.clone()/>
                <Submit label=t(T::StartQuiz) pending=start.pending().into()/>
            </ActionForm>
        }
        .into_any(),
        QuizScreen::Question { number, total, question } => {
            let id = question.key.split_once('/').map(|(_, q)| q.to_string()).unwrap_or_default();
            view! {
                <p class="hint" data-test-step="">{format!("{} {number} / {total}", t(T::Question))}</p>
                <ActionForm action=answer attr:class="stack" attr:data-test-form="quiz-answer">
                    <input type="hidden" name="course" value=course.clone()/>
                    <input type="hidden" name="question" value=id/>
                    <QuestionFields question/>
                    <Submit label=t(T::CheckAnswer) pending=answer.pending().into()/>
                </ActionForm>
            }
            .into_any()
        }
        QuizScreen::Feedback { number, total, feedback } => view! {
            <p class="hint" data-test-step="">{format!("{} {number} / {total}", t(T::Question))}</p>
            <FeedbackView feedback/>
            <ActionForm action=next attr:data-test-form="quiz-next">
                <input type="hidden" name="course" value=course.clone()/>
                <Submit label=if number < total { t(T::NextQuestion) } else { t(T::SeeResult) } pending=next.pending().into()/>
            </ActionForm>
        }
        .into_any(),
        QuizScreen::Result { correct, total, percent, passed } => view! {
            <div class=if passed { "message success" } else { "message error" } role="status" data-test-result=if passed { "passed" } else { "failed" }>
                <p><strong>{format!("{correct} / {total} ({percent} %)")}</strong></p>
                <p>{if passed { t(T::QuizPassed) } else { t(T::QuizFailed) }}</p>
            </div>
            <p class="actions">
                <a class="button primary" href="/learn">{t(T::BackToTrack)}</a>
            </p>
            <ActionForm action=start attr:data-test-form="quiz-retry">
                <input type="hidden" name="course" value=course.clone()/>
                <Submit label=t(T::TryAgain) pending=start.pending().into()/>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <Title text=heading.clone()/>
        <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)>
            <a href="/learn">{t(T::LearnTitle)}</a>" › "<a href=format!("/learn/{}", view.course_id)>{view.course_title.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        {screen}
    }
}
