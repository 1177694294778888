//! The learning module through the real router: every course renders in every language,
//! quizzes advance one step at a time, progress stays with its learner, a visitor's progress
//! follows them into their account, certificates are verified and revoked, and only the right
//! police zone sees its volunteers.

use crate::helpers::{Engine, TestApp};
use crate::{PASSWORD, with_demo};
use app::i18n::Lang;
use http::StatusCode;

crate::on_both_engines!(
    every_course_and_lesson_renders_in_every_language,
    a_quiz_advances_one_answer_at_a_time_and_progress_stays_private,
    a_visitors_progress_follows_them_into_their_account,
    a_certificate_needs_the_whole_track_and_can_be_verified_and_revoked,
    only_the_right_zone_sees_its_opted_in_volunteers,
    the_daily_review_asks_what_is_due_and_reschedules_it,
    lessons_read_at_once_are_all_kept,
);

/// Progress is read, changed and written in one transaction: two lessons marked read at the same
/// moment (two tabs) both count, where reading both before either wrote would keep one.
async fn lessons_read_at_once_are_all_kept(engine: Engine) {
    use tower::ServiceExt;
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("lezer@example.be", PASSWORD).await;
    // In every course, its first two lessons at the same moment.
    let courses = app.catalog().courses.clone();
    for course in &courses {
        let lessons: Vec<String> = course.text(Lang::Nl).lessons.iter().map(|l| l.id.clone()).collect();
        let (ra, rb) = tokio::join!(
            app.router
                .clone()
                .oneshot(app.request("/api/learning/lesson_done", &[("course", &course.id), ("lesson", &lessons[0])])),
            app.router
                .clone()
                .oneshot(app.request("/api/learning/lesson_done", &[("course", &course.id), ("lesson", &lessons[1])])),
        );
        for r in [ra.unwrap(), rb.unwrap()] {
            assert!(r.status().is_success() || r.status().is_redirection(), "{}", r.status());
        }
    }
    let track = app.call("/api/learning/track", &[]).await.json();
    for (i, course) in courses.iter().enumerate() {
        assert_eq!(track["courses"][i]["lessons_done"], 2, "{}: {track}", course.id);
    }
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(&app.state.pool).await.unwrap()
}

/// Marks every course of the track as passed for `email` (the quizzes have tests of their own).
async fn pass_everything(app: &TestApp, email: &str) {
    let mut progress = app::learning::progress::Progress::default();
    for course in &app.catalog().courses {
        progress.passed.insert(course.id.clone(), 100);
    }
    let json = serde_json::to_string(&progress).unwrap();
    app::learning::repo::save_progress(&app.state.pool, user_id(app, email).await, &json, 0).await.unwrap();
}

async fn every_course_and_lesson_renders_in_every_language(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let catalog = app.catalog().clone();
    let mut lessons = 0;
    for lang in Lang::ALL {
        let header = [("accept-language", lang.code())];
        let track = app.get_with("/learn", &header).await;
        assert_eq!(track.status, StatusCode::OK);
        for course in &catalog.courses {
            let text = course.text(lang);
            assert!(track.body.contains(&text.title.replace('\'', "&#x27;")) || track.body.contains(&text.title));
            let page = app.get_with(&format!("/learn/{}", course.id), &header).await;
            assert_eq!(page.status, StatusCode::OK, "{} {lang:?}", course.id);
            for lesson in &text.lessons {
                let page = app.get_with(&format!("/learn/{}/lessons/{}", course.id, lesson.id), &header).await;
                assert_eq!(page.status, StatusCode::OK, "{}/{} {lang:?}", course.id, lesson.id);
                assert!(page.body.contains("data-test-lesson-body"));
                lessons += 1;
            }
        }
    }
    assert!(lessons >= 4 * 18, "six courses of three lessons in four languages, got {lessons}");
    assert_eq!(app.get("/learn/no-such-course").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/learn/phishing/lessons/no-such-lesson").await.status, StatusCode::NOT_FOUND);
    let hostile = app.get("/learn/%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(hostile.status, StatusCode::NOT_FOUND);
    assert!(!hostile.body.contains("<script>alert(1)"));
}

async fn a_quiz_advances_one_answer_at_a_time_and_progress_stays_private(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("leerling@example.be", PASSWORD).await;
    let r = app.call("/api/learning/quiz_start", &[("course", "phishing")]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let quiz = app.call("/api/learning/quiz", &[("course", "phishing")]).await.json();
    let question = &quiz["screen"]["Question"];
    assert_eq!(question["number"], 1);
    let key = question["question"]["key"].as_str().unwrap().to_string();
    assert!(question["question"].to_string().find("\"correct\"").is_none(), "no answers before answering");
    let id = key.split_once('/').unwrap().1.to_string();
    // An answer that cannot be right: nothing chosen.
    let r = app.call("/api/learning/quiz_answer", &[("course", "phishing"), ("question", &id)]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let quiz = app.call("/api/learning/quiz", &[("course", "phishing")]).await.json();
    assert_eq!(quiz["screen"]["Feedback"]["feedback"]["correct"], false);
    assert!(quiz["screen"]["Feedback"]["feedback"]["options"].as_array().unwrap().iter().all(|o| o["explain"] != ""));
    // The same answer again (a second click) changes nothing.
    let again = app.call("/api/learning/quiz_answer", &[("course", "phishing"), ("question", &id)]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json(), "quiz_out_of_step");
    // Markup in an answer is only data; too many marks are refused.
    let marks: Vec<(String, String)> = (0..30).map(|i| (format!("marks[m{i}]"), "on".to_string())).collect();
    let mut form: Vec<(&str, &str)> = vec![("course", "phishing"), ("question", &id)];
    form.extend(marks.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(app.call("/api/learning/quiz_answer", &form).await.status, StatusCode::BAD_REQUEST);
    // The mistake is due for review tomorrow, not today.
    let track = app.call("/api/learning/track", &[]).await.json();
    assert_eq!(track["review_due"], 0);

    // Another learner and a visitor see none of it.
    app.call("/api/auth/sign_out", &[]).await;
    let visitor = app.call("/api/learning/quiz", &[("course", "phishing")]).await.json();
    assert!(visitor["screen"]["Start"].is_object(), "{visitor}");
    app.signed_up("ander@example.be", PASSWORD).await;
    let other = app.call("/api/learning/quiz", &[("course", "phishing")]).await.json();
    assert!(other["screen"]["Start"].is_object(), "{other}");
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM learning_progress").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(stored, 1, "only the first learner has progress");
}

async fn a_visitors_progress_follows_them_into_their_account(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    let lesson = app.catalog().courses[0].text(Lang::Nl).lessons[0].id.clone();
    let course = app.catalog().courses[0].id.clone();
    let r = app.call("/api/learning/lesson_done", &[("course", &course), ("lesson", &lesson)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    assert!(app.cookies.iter().any(|(k, _)| k == "nabij_learning"), "kept in the browser");
    let track = app.call("/api/learning/track", &[]).await.json();
    assert_eq!(track["courses"][0]["lessons_done"], 1);
    assert_eq!(track["signed_in"], false);

    // The cookie holds only a random token: a made-up one, or a forged progress, counts for nothing.
    let real = app.cookies.iter().find(|(k, _)| k == "nabij_learning").unwrap().1.clone();
    assert!(real.len() == 64 && real.chars().all(|c| c.is_ascii_hexdigit()), "{real}");
    assert!(!real.contains("lessons") && !real.contains('.'));
    app.cookies.retain(|(k, _)| k != "nabij_learning");
    app.cookies.push(("nabij_learning".into(), "ab".repeat(32)));
    let track = app.call("/api/learning/track", &[]).await.json();
    assert_eq!(track["courses"][0]["lessons_done"], 0);
    app.cookies.retain(|(k, _)| k != "nabij_learning");
    app.cookies.push(("nabij_learning".into(), "eyJwIjp7InBoaXNoaW5nIjoxMDB9fQ.c2ln".into()));
    let track = app.call("/api/learning/track", &[]).await.json();
    assert_eq!(track["courses"][0]["passed"], false);
    assert_eq!(track["courses"][0]["lessons_done"], 0);
    app.cookies.retain(|(k, _)| k != "nabij_learning");
    app.cookies.push(("nabij_learning".into(), real));

    // Progress untouched for over a year goes (the cookie has expired by then); this one stays.
    let pruned =
        app::learning::repo::prune_visitors(&app.state.pool, app::platform::now() - 365 * 86_400).await.unwrap();
    assert_eq!(pruned, 0);
    app.signed_up("bezoeker@example.be", PASSWORD).await;
    assert!(!app.cookies.iter().any(|(k, _)| k == "nabij_learning"), "the cookie is cleared once merged");
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM visitor_progress").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(left, 0, "the visitor's copy is gone once it is in the account");
    let track = app.call("/api/learning/track", &[]).await.json();
    assert_eq!(track["signed_in"], true);
    assert_eq!(track["courses"][0]["lessons_done"], 1, "the visitor's lesson is in the account");
}

async fn a_certificate_needs_the_whole_track_and_can_be_verified_and_revoked(engine: Engine) {
    let mut app = with_demo(engine).await;
    app.signed_up("cpa@example.be", PASSWORD).await;
    let early = app.call("/api/learning/certificate_issue", &[("holder", "Anna De Smet")]).await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST);
    assert_eq!(early.json(), "track_not_complete");
    pass_everything(&app, "cpa@example.be").await;
    let r = app.call("/api/learning/certificate_issue", &[("holder", "Anna De Smet")]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    // Asking twice keeps the one certificate.
    app.call("/api/learning/certificate_issue", &[("holder", "Anna De Smet")]).await;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM certificates").fetch_one(&app.state.pool).await.unwrap();
    assert_eq!(count, 1);
    let mine = app.call("/api/learning/certificate", &[]).await.json();
    let code = mine["code"].as_str().unwrap().to_string();
    assert_eq!(mine["holder"], "Anna De Smet");

    // Anyone verifies it and sees initials, date and courses only.
    app.call("/api/auth/sign_out", &[]).await;
    let typed = code.to_lowercase().replace('-', " ");
    let v = app.call("/api/learning/verify", &[("code", &typed)]).await;
    assert_eq!(v.status, StatusCode::OK, "{}", v.body);
    assert!(!v.body.contains("Anna") && !v.body.contains("cpa@example.be"), "{}", v.body);
    let v = v.json();
    assert_eq!(v["initials"], "A. D. S.");
    assert_eq!(v["courses"].as_array().unwrap().len(), app.catalog().courses.len());
    assert!(v["revoked_at"].is_null());
    assert_eq!(app.call("/api/learning/verify", &[("code", "NBJ-2345-6789")]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/verify/{code}")).await.status, StatusCode::OK);

    // Only the knowledge centre revokes, with a reason and a confirmation.
    let revoke = [("code", code.as_str()), ("reason", "Fraude bij de quiz"), ("confirm", "yes")];
    assert_eq!(app.call("/api/learning/revoke", &revoke).await.status, StatusCode::UNAUTHORIZED);
    app.call("/api/auth/sign_in", &[("email", "member@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    assert_eq!(app.call("/api/learning/revoke", &revoke).await.status, StatusCode::FORBIDDEN);
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", "admin@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    let unconfirmed = [("code", code.as_str()), ("reason", "Fraude bij de quiz")];
    assert_eq!(app.call("/api/learning/revoke", &unconfirmed).await.status, StatusCode::BAD_REQUEST);
    let r = app.call("/api/learning/revoke", &revoke).await;
    assert!(r.status.is_success(), "{}", r.body);
    let again = app.call("/api/learning/revoke", &revoke).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json(), "already_revoked");
    let v = app.call("/api/learning/verify", &[("code", &code)]).await.json();
    assert!(v["revoked_at"].is_i64(), "{v}");
    let counts = app.call("/api/dashboard/mine", &[]).await.json()["National"]["cpa"].clone();
    assert_eq!(counts["certified"], 0, "a revoked certificate does not count");
    // The holder cannot simply ask for a new one.
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", "cpa@example.be"), ("password", PASSWORD)]).await;
    let again = app.call("/api/learning/certificate_issue", &[("holder", "Anna De Smet")]).await;
    assert_eq!((again.status, again.json()), (StatusCode::FORBIDDEN, serde_json::json!("certificate_revoked")));
}

async fn only_the_right_zone_sees_its_opted_in_volunteers(engine: Engine) {
    let mut app = with_demo(engine).await;
    app.signed_up("vrijwilliger@example.be", PASSWORD).await;
    let early = app.call("/api/learning/volunteer", &[("postcode", "9000")]).await;
    assert_eq!(early.json(), "not_certified");
    pass_everything(&app, "vrijwilliger@example.be").await;
    let bad =
        app.call("/api/learning/certificate_issue", &[("holder", "Vera Vrijwilliger"), ("postcode", "99999")]).await;
    assert_eq!(bad.json(), "unknown_postcode");
    let r = app.call("/api/learning/certificate_issue", &[("holder", "Vera Vrijwilliger"), ("postcode", "9050")]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
    let unknown = app.call("/api/learning/volunteer", &[("postcode", "0000")]).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.json(), "unknown_postcode");
    let r = app.call("/api/learning/volunteer", &[("postcode", "9000")]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let mine = app.call("/api/learning/certificate", &[]).await.json();
    assert!(mine["volunteer_zone"].as_str().unwrap().contains("Gent"), "{mine}");

    // The Gent officer sees the volunteer; another zone and other roles are refused.
    app.call("/api/auth/sign_out", &[]).await;
    assert_eq!(
        app.call("/api/learning/zone_volunteers", &[("zone_id", "5415")]).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.call("/api/auth/sign_in", &[("email", "member@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    assert_eq!(app.call("/api/learning/zone_volunteers", &[("zone_id", "5415")]).await.status, StatusCode::FORBIDDEN);
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", "admin@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    assert_eq!(app.call("/api/learning/zone_volunteers", &[("zone_id", "5415")]).await.status, StatusCode::FORBIDDEN);
    let counts = app.call("/api/dashboard/mine", &[]).await.json()["National"]["cpa"].clone();
    assert_eq!((counts["certified"].as_i64(), counts["opted_in"].as_i64()), (Some(1), Some(1)));
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", "officer@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    let list = app.call("/api/learning/zone_volunteers", &[("zone_id", "5415")]).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let dashboard = app.call("/api/dashboard/mine", &[]).await.json();
    assert_eq!(dashboard["Zones"][0]["certified_label"], "< 5", "one certified CPA is a small number");
    assert_eq!(dashboard["Zones"][0]["volunteers"].as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], "Vera Vrijwilliger");
    assert_eq!(app.call("/api/learning/zone_volunteers", &[("zone_id", "5340")]).await.status, StatusCode::FORBIDDEN);
    let dashboard = app.call("/api/dashboard/mine", &[]).await.json();
    assert!(dashboard.get("National").is_none(), "national counts are for the knowledge centre");

    // Opting out is immediate.
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", "vrijwilliger@example.be"), ("password", PASSWORD)]).await;
    assert!(app.call("/api/learning/volunteer_stop", &[]).await.status.is_success());
    app.call("/api/auth/sign_out", &[]).await;
    app.call("/api/auth/sign_in", &[("email", "officer@demo.nabij.invalid"), ("password", app::demo::DEMO_PASSWORD)])
        .await;
    let list = app.call("/api/learning/zone_volunteers", &[("zone_id", "5415")]).await.json();
    assert_eq!(list.as_array().unwrap().len(), 0);
}

async fn the_daily_review_asks_what_is_due_and_reschedules_it(engine: Engine) {
    let mut app = TestApp::spawn(engine).await;
    app.signed_up("herhaling@example.be", PASSWORD).await;
    assert!(app.call("/api/learning/review", &[]).await.json() == "Done");
    // Two questions answered wrongly some days ago are due today.
    let today = app::learning::progress::day_of(app::platform::now());
    let catalog = app.catalog().clone();
    let course = &catalog.courses[0];
    let single = course.text(Lang::Nl).questions.iter().find(|q| q.kind == app::learning::types::QuestionKind::Single);
    let single = single.expect("a single-choice question").clone();
    let mut progress = app::learning::progress::Progress::default();
    progress.remember_mistake(&format!("{}/{}", course.id, single.id), today - 3);
    progress.remember_mistake(&format!("{}/{}", course.id, course.text(Lang::Nl).questions[0].id), today - 2);
    let json = serde_json::to_string(&progress).unwrap();
    let id = user_id(&app, "herhaling@example.be").await;
    app::learning::repo::save_progress(&app.state.pool, id, &json, 0).await.unwrap();

    let screen = app.call("/api/learning/review", &[]).await.json();
    assert_eq!(screen["Question"]["left"], 2, "{screen}");
    let key = screen["Question"]["question"]["key"].as_str().unwrap().to_string();
    assert_eq!(key, format!("{}/{}", course.id, single.id), "the most overdue first");
    let right = single.options.iter().find(|o| o.correct).unwrap().id.clone();
    let r = app.call("/api/learning/review_answer", &[("question", &key), ("pick", &right)]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let screen = app.call("/api/learning/review", &[]).await.json();
    assert_eq!(screen["Feedback"]["feedback"]["correct"], true, "{screen}");
    assert_eq!(screen["Feedback"]["left"], 1, "the right answer moved on to a later box");
    // Answering it again before going on is refused.
    let again = app.call("/api/learning/review_answer", &[("question", &key), ("pick", &right)]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    app.call("/api/learning/review_next", &[]).await;
    let stored: String = sqlx::query_scalar("SELECT data FROM learning_progress WHERE user_id = $1")
        .bind(id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    let stored: app::learning::progress::Progress = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored.cards[&key].level, 2);
    assert_eq!(stored.cards[&key].due, today + 3);
}
