//! `/learn`: the CPA track, each course with its progress, where to resume, today's review and
//! the certificate.

use super::{Progress, loading};
use crate::i18n::{Common, t};
use crate::learning::api::track;
use crate::learning::texts::T;
use crate::learning::types::TrackView;
use crate::ui::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TrackPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| track());
    view! {
        <Title text=t(T::LearnTitle)/>
        <section class="page">
            <h1>{t(T::LearnTitle)}</h1>
            <p class="lead">{t(T::LearnIntro)}</p>
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Track view/> }.into_any(),
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Track(view: TrackView) -> impl IntoView {
    let percent = view.percent();
    let complete = view.complete();
    let resume = view.resume.clone().or_else(|| view.courses.first().map(|c| format!("/learn/{}", c.id)));
    let started = percent > 0;
    view! {
        <div class="card track-summary" data-test-track="">
            <h2>{t(T::TrackProgress)}</h2>
            <Progress percent label=t(T::TrackProgress)/>
            <p class="actions">
                {resume.map(|href| view! {
                    <a class="button primary" href=href data-test-resume="">
                        {if started { t(T::ContinueWhereLeft) } else { t(T::StartTrack) }}
                    </a>
                })}
                {(view.review_due > 0).then(|| view! {
                    <a class="button" href="/review" data-test-review-link="">
                        {format!("{} ({})", t(T::DailyReview), view.review_due)}
                    </a>
                })}
            </p>
            {(!view.signed_in).then(|| view! {
                <p class="hint" data-test-visitor-note="">{t(T::VisitorProgressNote)}" "<a href="/signin">{t(Common::SignIn)}</a></p>
            })}
            {match (complete, view.certificate.clone()) {
                (_, Some(code)) => view! {
                    <p class="message success">{t(T::CertificateReady)}" "
                        <a href="/certificate" data-test-certificate-link="">{code}</a></p>
                }.into_any(),
                (true, None) => view! {
                    <p class="message success">{t(T::TrackComplete)}" "
                        <a href="/certificate" data-test-certificate-link="">{t(T::GetCertificate)}</a></p>
                }.into_any(),
                _ => view! { <p class="hint">{format!("{} {} %.", t(T::PassMarkIs), view.pass_mark)}</p> }.into_any(),
            }}
        </div>
        <ol class="course-list">
            {view.courses.into_iter().map(|c| {
                let percent = c.percent();
                let state = if c.passed { t(T::CoursePassed) } else if percent > 0 { t(T::CourseStarted) } else { t(T::CourseNotStarted) };
                view! {
                    <li class="card course-card" data-test-course=c.id.clone() data-test-passed=c.passed.to_string()>
                        <h2><a href=format!("/learn/{}", c.id)>{c.title.clone()}</a></h2>
                        <p>{c.summary.clone()}</p>
                        <Progress percent label=t(T::CourseProgress)/>
                        <p class="course-state">{state}{c.score.map(|s| format!(" ({s} %)"))}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
        <p><a href="/verify">{t(T::VerifyTitle)}</a></p>
    }
}
