//! `/learn/{course}` (the course and its lessons) and `/learn/{course}/lessons/{lesson}`.

use super::{Progress, loading};
use crate::i18n::{Common, t};
use crate::learning::api::{CompleteLesson, course_page, lesson_page};
use crate::learning::texts::T;
use crate::learning::types::{CourseView, LessonView};
use crate::ui::{ActionError, PageError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let course = move || params.read().get("course").unwrap_or_default();
    let data = Resource::new(course, course_page);
    view! {
        <section class="page">
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Course view/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/learn" back_label=t(T::BackToTrack)/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Course(view: CourseView) -> impl IntoView {
    let id = view.card.id.clone();
    let first_open = view.lessons.iter().find(|l| !l.done).or(view.lessons.first()).map(|l| l.id.clone());
    view! {
        <Title text=view.card.title.clone()/>
        <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/learn">{t(T::LearnTitle)}</a></nav>
        <h1>{view.card.title.clone()}</h1>
        <p class="lead">{view.card.summary.clone()}</p>
        <Progress percent=view.card.percent() label=t(T::CourseProgress)/>
        <h2>{t(T::Lessons)}</h2>
        <ol class="lesson-list">
            {view.lessons.iter().map(|l| view! {
                <li data-test-lesson=l.id.clone() data-test-done=l.done.to_string()>
                    <a href=format!("/learn/{id}/lessons/{}", l.id)>{l.title.clone()}</a>
                    " "<span class="hint">{format!("{} {}", l.minutes, t(T::Minutes))}</span>
                    {l.done.then(|| view! { " "<span class="done-mark">{t(T::Read)}</span> })}
                </li>
            }).collect_view()}
        </ol>
        <h2>{t(T::FinalQuiz)}</h2>
        <p>{format!("{} · {} {} %", crate::i18n::fill(crate::i18n::use_lang(), t(T::QuestionsWord), &[view.questions.to_string()]), t(T::PassMarkIs), view.pass_mark)}</p>
        <p class="actions">
            {first_open.filter(|_| !view.card.passed).map(|lesson| view! {
                <a class="button primary" href=format!("/learn/{id}/lessons/{lesson}")>{t(T::ReadLessons)}</a>
            })}
            <a class="button" href=format!("/learn/{id}/quiz") data-test-quiz-link="">
                {if view.quiz_started { t(T::ContinueQuiz) } else { t(T::ToTheQuiz) }}
            </a>
        </p>
        {view.card.passed.then(|| view! {
            <p class="message success" data-test-course-passed="">{t(T::CoursePassed)}{view.card.score.map(|s| format!(" ({s} %)"))}</p>
        })}
    }
}

#[component]
pub fn LessonPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (p.get("course").unwrap_or_default(), p.get("lesson").unwrap_or_default())
    };
    let data = Resource::new(key, |(course, lesson)| lesson_page(course, lesson));
    view! {
        <section class="page narrow">
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Lesson view/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/learn" back_label=t(T::BackToTrack)/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Lesson(view: LessonView) -> impl IntoView {
    let action = ServerAction::<CompleteLesson>::new();
    let course = view.course_id.clone();
    let back = course.clone();
    let label = if view.next.is_some() { t(T::ReadNextLesson) } else { t(T::ReadToQuiz) };
    view! {
        <Title text=view.title.clone()/>
        <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)>
            <a href="/learn">{t(T::LearnTitle)}</a>" › "<a href=format!("/learn/{course}")>{view.course_title.clone()}</a>
        </nav>
        <p class="hint">{format!("{} {} / {}", t(T::Lesson), view.number, view.count)}</p>
        <article class="lesson" data-test-lesson-body="">
            <h1>{view.title.clone()}</h1>
            <div inner_html=view.html.clone()></div>
        </article>
        <ActionForm action attr:class="lesson-done" attr:data-test-form="lesson-done">
            <ActionError value=action.value()/>
            <input type="hidden" name="course" value=course.clone()/>
            <input type="hidden" name="lesson" value=view.id.clone()/>
            <Submit label pending=action.pending().into()/>
        </ActionForm>
        <p class="actions">
            {view.previous.map(move |p| view! { <a href=format!("/learn/{back}/lessons/{p}")>{t(T::PreviousLesson)}</a> })}
        </p>
    }
}
