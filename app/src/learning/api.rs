//! Server functions of courses, lessons, quizzes and the daily review. Each reads the caller's
//! progress (account or signed cookie), checks the step, and saves the progress back.

use crate::error::AppError;
use crate::learning::types::{CourseView, LessonView, QuizView, ReviewScreen, TrackView};
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::error::AppError;
    use crate::i18n::Lang;
    use crate::learning::content::Catalog;
    use crate::learning::content::Course;
    use crate::learning::progress::{Attempt, Progress, day_of};
    use crate::learning::quiz::{self, Question};
    use crate::learning::types::{Answer, CourseCard, QuizScreen};
    use crate::platform::state::AppState;
    use std::collections::HashMap;

    pub fn course<'a>(state: &'a AppState, id: &str) -> Result<&'a Course, AppError> {
        let catalog = Catalog::of(state)?;
        catalog.course(id).ok_or(AppError::NotFound)
    }

    /// The question `course/id` in `lang`.
    pub fn question<'a>(catalog: &'a Catalog, lang: Lang, key: &str) -> Option<(&'a str, &'a Question)> {
        let (course_id, id) = key.split_once('/')?;
        let course = catalog.course(course_id)?;
        let q = course.text(lang).questions.iter().find(|q| q.id == id)?;
        Some((course.id.as_str(), q))
    }

    pub fn card(course: &Course, lang: Lang, progress: &Progress) -> CourseCard {
        let text = course.text(lang);
        CourseCard {
            id: course.id.clone(),
            title: text.title.clone(),
            summary: text.summary.clone(),
            lessons: text.lessons.len(),
            lessons_done: text
                .lessons
                .iter()
                .filter(|l| progress.lessons.contains(&format!("{}/{}", course.id, l.id)))
                .count(),
            passed: progress.passed.contains_key(&course.id),
            score: progress.passed.get(&course.id).copied(),
        }
    }

    pub fn today() -> i64 {
        day_of(crate::platform::now())
    }

    /// An answer from the form, bounded.
    pub fn answer(pick: Option<String>, marks: Option<HashMap<String, String>>) -> Result<Answer, AppError> {
        let marks = marks.unwrap_or_default();
        let short = |s: &str| s.chars().count() <= 64;
        if marks.len() > 20 || !marks.iter().all(|(k, v)| short(k) && short(v)) || !pick.as_deref().is_none_or(short) {
            return Err(AppError::InvalidInput);
        }
        Ok(Answer { pick: pick.filter(|p| !p.is_empty()), marks: marks.into_iter().collect() })
    }

    pub fn quiz_screen(course: &Course, lang: Lang, attempt: Option<&Attempt>, pass_mark: u8) -> QuizScreen {
        let text = course.text(lang);
        let start = QuizScreen::Start { questions: course.draw.min(text.questions.len()) };
        let Some(attempt) = attempt else { return start };
        let find = |id: &String| text.questions.iter().find(|q| &q.id == id);
        let total = attempt.questions.len();
        if let Some(last) = &attempt.last {
            let Some(q) = attempt.results.len().checked_sub(1).and_then(|i| attempt.questions.get(i)).and_then(find)
            else {
                return start;
            };
            let feedback = quiz::grade(&course.id, q, last, attempt.seed);
            return QuizScreen::Feedback { number: attempt.results.len(), total, feedback };
        }
        if let Some(id) = attempt.questions.get(attempt.results.len()) {
            let Some(q) = find(id) else { return start };
            let question = quiz::view(&course.id, q, attempt.seed);
            return QuizScreen::Question { number: attempt.results.len() + 1, total, question };
        }
        let correct = attempt.correct();
        QuizScreen::Result {
            correct,
            total,
            percent: crate::learning::types::percent(correct, total),
            passed: quiz::passed(correct, total, pass_mark),
        }
    }
}

/// The track: every course with the caller's progress.
#[server(endpoint = "learning/track", output = crate::codec::Json)]
pub async fn track() -> Result<TrackView, AppError> {
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let lang = crate::i18n::detect_lang();
    let learner = crate::learning::store::load(&state).await?;
    let certificate = match &learner.user {
        Some(user) => crate::learning::repo::live_certificate_of(&state.pool, user.id).await?.map(|c| c.code),
        None => None,
    };
    Ok(TrackView {
        courses: catalog.courses.iter().map(|c| ssr::card(c, lang, &learner.progress)).collect(),
        pass_mark: catalog.pass_mark,
        signed_in: learner.user.is_some(),
        resume: learner.progress.resume.clone(),
        review_due: learner.progress.due(ssr::today()).len(),
        certificate,
    })
}

/// A course with its lessons.
#[server(endpoint = "learning/course", output = crate::codec::Json)]
pub async fn course_page(course: String) -> Result<CourseView, AppError> {
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let lang = crate::i18n::detect_lang();
    let course = ssr::course(&state, &course)?;
    let learner = crate::learning::store::load(&state).await?;
    let text = course.text(lang);
    let lessons = text
        .lessons
        .iter()
        .map(|l| crate::learning::types::LessonRef {
            id: l.id.clone(),
            title: l.title.clone(),
            minutes: l.minutes,
            done: learner.progress.lessons.contains(&format!("{}/{}", course.id, l.id)),
        })
        .collect();
    Ok(CourseView {
        card: ssr::card(course, lang, &learner.progress),
        lessons,
        questions: course.draw.min(text.questions.len()),
        pass_mark: catalog.pass_mark,
        quiz_started: learner.progress.attempts.get(&course.id).is_some_and(|a| !a.finished()),
    })
}

/// A lesson.
#[server(endpoint = "learning/lesson", output = crate::codec::Json)]
pub async fn lesson_page(course: String, lesson: String) -> Result<LessonView, AppError> {
    let state = crate::platform::state::app_state()?;
    let lang = crate::i18n::detect_lang();
    let course = ssr::course(&state, &course)?;
    let text = course.text(lang);
    let index = text.lessons.iter().position(|l| l.id == lesson).ok_or(AppError::NotFound)?;
    let learner = crate::learning::store::load(&state).await?;
    let l = &text.lessons[index];
    Ok(LessonView {
        course_id: course.id.clone(),
        course_title: text.title.clone(),
        id: l.id.clone(),
        title: l.title.clone(),
        html: l.html.clone(),
        number: index + 1,
        count: text.lessons.len(),
        previous: index.checked_sub(1).map(|i| text.lessons[i].id.clone()),
        next: text.lessons.get(index + 1).map(|n| n.id.clone()),
        done: learner.progress.lessons.contains(&format!("{}/{}", course.id, l.id)),
    })
}

/// Marks a lesson as read and goes on to the next lesson, or to the quiz after the last.
#[server(endpoint = "learning/lesson_done", output = crate::codec::Json)]
pub async fn complete_lesson(course: String, lesson: String) -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    let course = ssr::course(&state, &course)?;
    let lessons = &course.text(crate::i18n::Lang::Nl).lessons;
    let index = lessons.iter().position(|l| l.id == lesson).ok_or(AppError::NotFound)?;
    let next = match lessons.get(index + 1) {
        Some(next) => format!("/learn/{}/lessons/{}", course.id, next.id),
        None => format!("/learn/{}/quiz", course.id),
    };
    crate::learning::store::update(&state, |progress| {
        progress.lessons.insert(format!("{}/{lesson}", course.id));
        progress.resume = Some(next.clone());
        Ok(())
    })
    .await?;
    leptos_axum::redirect(&next);
    Ok(())
}

/// The quiz of a course, at the learner's current step.
#[server(endpoint = "learning/quiz", output = crate::codec::Json)]
pub async fn quiz_page(course: String) -> Result<QuizView, AppError> {
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let lang = crate::i18n::detect_lang();
    let course = ssr::course(&state, &course)?;
    let learner = crate::learning::store::load(&state).await?;
    let pass_mark = catalog.pass_mark;
    Ok(QuizView {
        course_id: course.id.clone(),
        course_title: course.text(lang).title.clone(),
        pass_mark,
        screen: ssr::quiz_screen(course, lang, learner.progress.attempts.get(&course.id), pass_mark),
    })
}

/// Starts (or restarts) a quiz with questions drawn from the pool, unlike the previous attempt.
#[server(endpoint = "learning/quiz_start", output = crate::codec::Json)]
pub async fn start_quiz(course: String) -> Result<(), AppError> {
    use crate::learning::progress::Attempt;
    let state = crate::platform::state::app_state()?;
    let course = ssr::course(&state, &course)?;
    let pool: Vec<String> = course.text(crate::i18n::Lang::Nl).questions.iter().map(|q| q.id.clone()).collect();
    let seed = rand::random::<u64>();
    crate::learning::store::update(&state, |progress| {
        let previous = progress.attempts.get(&course.id).map(|a| a.questions.clone()).unwrap_or_default();
        let questions = crate::learning::quiz::draw(&pool, course.draw, seed, &previous);
        progress.attempts.insert(course.id.clone(), Attempt { questions, results: vec![], last: None, seed });
        progress.resume = Some(format!("/learn/{}/quiz", course.id));
        Ok(())
    })
    .await
}

/// Answers the current question; the page then explains every option. Answering a question that
/// is not the current one (a second click, an old tab) changes nothing.
#[server(endpoint = "learning/quiz_answer", output = crate::codec::Json)]
pub async fn answer_quiz(
    course: String,
    question: String,
    pick: Option<String>,
    marks: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::learning::quiz;
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let course = ssr::course(&state, &course)?;
    let answer = ssr::answer(pick, marks)?;
    let pass_mark = catalog.pass_mark;
    crate::learning::store::update(&state, |progress| {
        let attempt = progress.attempts.get_mut(&course.id).ok_or(AppError::QuizOutOfStep)?;
        if attempt.last.is_some() || attempt.questions.get(attempt.results.len()) != Some(&question) {
            return Err(AppError::QuizOutOfStep);
        }
        let q =
            course.text(crate::i18n::Lang::Nl).questions.iter().find(|q| q.id == question).ok_or(AppError::NotFound)?;
        let correct = quiz::grade(&course.id, q, &answer, attempt.seed).correct;
        attempt.results.push(correct);
        attempt.last = Some(answer);
        let done =
            (attempt.results.len() == attempt.questions.len()).then(|| (attempt.correct(), attempt.questions.len()));
        if !correct {
            progress.remember_mistake(&format!("{}/{question}", course.id), ssr::today());
        }
        if let Some((right, total)) = done
            && quiz::passed(right, total, pass_mark)
        {
            let score = crate::learning::types::percent(right, total);
            let best = progress.passed.entry(course.id.clone()).or_insert(score);
            *best = (*best).max(score);
        }
        Ok(())
    })
    .await
}

/// Leaves the explanation and goes on to the next question (or the result).
#[server(endpoint = "learning/quiz_next", output = crate::codec::Json)]
pub async fn next_question(course: String) -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    let course = ssr::course(&state, &course)?;
    crate::learning::store::update(&state, |progress| {
        if let Some(attempt) = progress.attempts.get_mut(&course.id) {
            attempt.last = None;
        }
        Ok(())
    })
    .await
}

/// Today's review: questions answered wrongly before, on their Leitner schedule.
#[server(endpoint = "learning/review", output = crate::codec::Json)]
pub async fn review_page() -> Result<ReviewScreen, AppError> {
    use crate::learning::quiz;
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let lang = crate::i18n::detect_lang();
    let learner = crate::learning::store::load(&state).await?;
    let due = learner.progress.due(ssr::today());
    let seed = ssr::today() as u64;
    if let Some((key, answer, _)) = &learner.progress.review_last
        && let Some((course, q)) = ssr::question(catalog, lang, key)
    {
        return Ok(ReviewScreen::Feedback { left: due.len(), feedback: quiz::grade(course, q, answer, seed) });
    }
    for key in &due {
        if let Some((course, q)) = ssr::question(catalog, lang, key) {
            return Ok(ReviewScreen::Question { left: due.len(), question: quiz::view(course, q, seed) });
        }
    }
    Ok(ReviewScreen::Done)
}

/// Answers the first question due for review and moves it on its schedule.
#[server(endpoint = "learning/review_answer", output = crate::codec::Json)]
pub async fn answer_review(
    question: String,
    pick: Option<String>,
    marks: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::learning::quiz;
    let state = crate::platform::state::app_state()?;
    let catalog = crate::learning::content::Catalog::of(&state)?;
    let answer = ssr::answer(pick, marks)?;
    let today = ssr::today();
    crate::learning::store::update(&state, |progress| {
        if progress.review_last.is_some() || !progress.due(today).contains(&question) {
            return Err(AppError::QuizOutOfStep);
        }
        let (course, q) = ssr::question(catalog, crate::i18n::Lang::Nl, &question).ok_or(AppError::NotFound)?;
        let correct = quiz::grade(course, q, &answer, today as u64).correct;
        progress.review(&question, correct, today);
        progress.review_last = Some((question, answer, correct));
        Ok(())
    })
    .await
}

/// Leaves the explanation of a review answer.
#[server(endpoint = "learning/review_next", output = crate::codec::Json)]
pub async fn next_review() -> Result<(), AppError> {
    let state = crate::platform::state::app_state()?;
    crate::learning::store::update(&state, |progress| {
        progress.review_last = None;
        Ok(())
    })
    .await
}
