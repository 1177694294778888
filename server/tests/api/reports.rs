//! Residents' reports through the real router, on both engines: a resident reports what they
//! saw with a photo whose metadata is gone when the zone downloads it; the zone takes it on and
//! closes it with an answer the reporter reads; who may see what; bad input stores nothing; an
//! officer turns a report into an alert.

use crate::helpers::{Engine, TestApp};
use crate::membership::sign_in;
use crate::{PASSWORD, with_demo};
use app::demo::DEMO_PASSWORD;
use http::StatusCode;

crate::on_both_engines!(
    a_resident_reports_and_the_zone_answers,
    only_the_reporter_and_the_zone_see_a_report,
    bad_reports_are_refused_and_nothing_is_stored,
    an_officer_turns_a_report_into_an_alert,
    a_reporter_downloads_their_reports_and_deleting_the_account_leaves_them_anonymous,
    the_map_to_choose_the_place_on_is_drawn_around_what_was_typed,
);

const OFFICER: &str = "officer@demo.nabij.invalid";

/// A small JPEG carrying an EXIF block with a location and a marker string.
pub(crate) fn photo_with_location() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 3) as u8, (y * 5) as u8, 120]));
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90).encode_image(&picture).unwrap();
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPS 51.0543N 3.7174E SECRET-LOCATION");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&plain[2..]);
    out
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Makes a report; returns its id (from where the answer leads) or the error code.
async fn report(app: &mut TestApp, fields: &[(&str, &str)]) -> Result<i64, (StatusCode, String)> {
    let r = app.call("/api/messaging/report", fields).await;
    match r.headers.get("location").and_then(|l| l.to_str().ok()) {
        Some(location) if r.status.is_success() || r.status.is_redirection() => {
            assert!(location.ends_with("?sent=1"), "{location}");
            let id = location.trim_start_matches("/reports/").split('?').next().unwrap();
            Ok(id.parse().unwrap_or_else(|_| panic!("location {location}")))
        }
        _ => Err((r.status, r.json().as_str().unwrap_or_default().to_string())),
    }
}

const WHAT: &str =
    "Twee mannen bellen aan bij oudere bewoners en zeggen dat ze van de waterleiding zijn. <b>Witte bestelwagen</b>.";

fn fields<'a>(what: &'a str, place: &'a str, when: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("what", what), ("place", place), ("when", when), ("contact", "yes")]
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.state.pool).await.unwrap()
}

async fn officer_zone(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT g.zone_id FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = $1 AND g.role = 'zone_officer'",
    )
    .bind(OFFICER)
    .fetch_one(&app.state.pool)
    .await
    .unwrap()
}

async fn a_resident_reports_and_the_zone_answers(engine: Engine) {
    let mut app = with_demo(engine).await;
    app.signed_up("els@example.be", PASSWORD).await;
    let id = report(&mut app, &fields(WHAT, "Kerkstraat 12, 9000 Gent", "")).await.unwrap();
    let zone: i64 = sqlx::query_scalar("SELECT zone_id FROM reports WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(zone, officer_zone(&app).await, "the report goes to the zone of the place");

    // The photo is kept without its metadata.
    let upload = photo_with_location();
    assert!(contains(&upload, b"SECRET-LOCATION"));
    let r = app.upload(&format!("/reports/{id}/photo"), "photo", "IMG_0042.jpg", &upload).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.headers["location"], format!("/reports/{id}?photo=1"));
    let view = app.call("/api/messaging/read_report", &[("id", &id.to_string())]).await.json();
    assert_eq!(
        (view["status"].as_str(), view["has_photo"].as_bool(), view["mine"].as_bool()),
        (Some("new"), Some(true), Some(true))
    );
    assert!(view["reporter"].is_null(), "the reporter is not shown their own contact line: {view}");
    assert_eq!(view["what"], WHAT, "the words are kept as written");

    // The zone is told, without the reporter's name.
    let notices = sqlx::query_scalar::<_, String>(
        "SELECT n.notice FROM inbox n JOIN users u ON u.id = n.user_id WHERE u.email = $1",
    )
    .bind(OFFICER)
    .fetch_all(&app.state.pool)
    .await
    .unwrap();
    let notice = notices.iter().find(|n| n.contains("report_new")).unwrap_or_else(|| panic!("{notices:?}"));
    assert!(notice.contains(&format!("/reports/{id}")) && !notice.contains("Test Persoon"), "{notice}");

    app.call("/api/auth/sign_out", &[]).await;
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let queue = app.call("/api/messaging/zone_reports", &[("status", "new")]).await.json();
    assert_eq!(queue[0]["id"], id, "{queue}");
    let view = app.call("/api/messaging/read_report", &[("id", &id.to_string())]).await.json();
    assert_eq!(view["staff"], true);
    assert_eq!(view["reporter"]["email"], "els@example.be", "contact was allowed: {view}");
    let r = app.get(&format!("/reports/{id}/photo.jpg")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "image/jpeg");
    assert!(r.headers["cache-control"].to_str().unwrap().contains("no-store"));
    assert!(!contains(&r.bytes, b"SECRET-LOCATION") && !contains(&r.bytes, b"Exif"), "metadata left in the photo");
    let kept = image::load_from_memory(&r.bytes).unwrap();
    assert_eq!((kept.width(), kept.height()), (64, 48));

    let idv = id.to_string();
    let r = app.call("/api/messaging/take_report", &[("id", &idv)]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let r = app.call("/api/messaging/take_report", &[("id", &idv)]).await;
    assert_eq!(r.json(), "wrong_state");
    let r = app.call("/api/messaging/close_report", &[("id", &idv), ("answer", "  ")]).await;
    assert_eq!(r.json(), "invalid_text");
    let r = app
        .call(
            "/api/messaging/close_report",
            &[("id", &idv), ("answer", "Een ploeg heeft de mannen gecontroleerd. Dank u!")],
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let r = app.call("/api/messaging/close_report", &[("id", &idv), ("answer", "Nog eens")]).await;
    assert_eq!(r.json(), "wrong_state");

    // The reporter reads the answer in the inbox and on the report, and can add no photo now.
    app.call("/api/auth/sign_out", &[]).await;
    sign_in(&mut app, "els@example.be", PASSWORD).await;
    let inbox = app.call("/api/messaging/inbox", &[]).await.json();
    let kinds: Vec<&str> = inbox.as_array().unwrap().iter().filter_map(|i| i["kind"].as_str()).collect();
    assert!(kinds.contains(&"report_taken") && kinds.contains(&"report_closed"), "{inbox}");
    let view = app.call("/api/messaging/read_report", &[("id", &idv)]).await.json();
    assert_eq!(view["status"], "closed");
    assert_eq!(view["answer"], "Een ploeg heeft de mannen gecontroleerd. Dank u!");
    let r = app.upload(&format!("/reports/{id}/photo"), "photo", "later.jpg", &upload).await;
    assert_eq!(r.headers["location"], format!("/reports/{id}?photo_error=wrong_state"));
    let page = app.get(&format!("/reports/{id}")).await;
    assert!(page.body.contains("Een ploeg heeft de mannen gecontroleerd"), "the page renders the answer");
}

async fn only_the_reporter_and_the_zone_see_a_report(engine: Engine) {
    let mut app = with_demo(engine).await;
    app.signed_up("jan@example.be", PASSWORD).await;
    let id = report(&mut app, &[("what", WHAT), ("place", "9000"), ("when", "")]).await.unwrap();
    app.upload(&format!("/reports/{id}/photo"), "photo", "a.jpg", &photo_with_location()).await;
    let idv = id.to_string();

    // Another resident, and an officer of another zone: the report does not exist for them.
    app.call("/api/auth/sign_out", &[]).await;
    app.signed_up("pieter@example.be", PASSWORD).await;
    let other_zone = officer_zone(&app).await + 1;
    sqlx::query(
        "INSERT INTO role_grants (user_id, role, zone_id, granted_at) \
         SELECT id, 'zone_officer', $1, 0 FROM users WHERE email = 'pieter@example.be'",
    )
    .bind(other_zone)
    .execute(&app.state.pool)
    .await
    .unwrap();
    app.call("/api/auth/sign_out", &[]).await;
    sign_in(&mut app, "pieter@example.be", PASSWORD).await;
    assert_eq!(app.call("/api/messaging/read_report", &[("id", &idv)]).await.json(), "not_found");
    assert_eq!(app.get(&format!("/reports/{id}/photo.jpg")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("/api/messaging/take_report", &[("id", &idv)]).await.json(), "not_found");
    assert_eq!(app.call("/api/messaging/close_report", &[("id", &idv), ("answer", "x")]).await.json(), "not_found");
    let queue = app.call("/api/messaging/zone_reports", &[]).await.json();
    assert_eq!(queue.as_array().map(Vec::len), Some(0), "{queue}");
    let r = app.upload(&format!("/reports/{id}/photo"), "photo", "b.jpg", &photo_with_location()).await;
    assert_eq!(r.headers["location"], format!("/reports/{id}?photo_error=not_found"));

    // A visitor is asked to sign in.
    app.call("/api/auth/sign_out", &[]).await;
    assert_eq!(app.call("/api/messaging/read_report", &[("id", &idv)]).await.json(), "not_signed_in");
    assert_eq!(app.get(&format!("/reports/{id}/photo.jpg")).await.status, StatusCode::UNAUTHORIZED);

    // Without consent, the zone sees the reporter's name but no address to write to.
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let view = app.call("/api/messaging/read_report", &[("id", &idv)]).await.json();
    assert_eq!(view["reporter"]["name"], "Test Persoon");
    assert!(view["reporter"]["email"].is_null(), "{view}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM reports WHERE status = 'new'").await, 1);
}

async fn bad_reports_are_refused_and_nothing_is_stored(engine: Engine) {
    let mut app = with_demo(engine).await;
    assert_eq!(report(&mut app, &fields(WHAT, "9000", "")).await.unwrap_err().1, "not_signed_in");
    app.signed_up("lies@example.be", PASSWORD).await;
    let long = "x".repeat(2_001);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (fields("   ", "9000", ""), "invalid_text"),
        (fields(&long, "9000", ""), "invalid_text"),
        (fields("a\u{0}b", "9000", ""), "invalid_text"),
        (fields(WHAT, "", ""), "empty_query"),
        (fields(WHAT, "Atlantis", ""), "place_not_found"),
        (fields(WHAT, "48.8566, 2.3522", ""), "outside_belgium"),
        (fields(WHAT, "9000", "2099-01-01T10:00"), "invalid_time"),
        (fields(WHAT, "9000", "2020-01-01T10:00"), "invalid_time"),
        (fields(WHAT, "9000", "gisteren"), "invalid_time"),
    ];
    for (case, code) in cases {
        let (status, got) = report(&mut app, &case).await.unwrap_err();
        assert_eq!((status.as_u16(), got.as_str()), (400, code), "{case:?}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM reports").await, 0);

    let id = report(&mut app, &fields(WHAT, "Gentbrugge", "")).await.unwrap();
    let r = app.upload(&format!("/reports/{id}/photo"), "photo", "notes.txt", b"not a picture").await;
    assert_eq!(r.headers["location"], format!("/reports/{id}?photo_error=photo_not_image"));
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>";
    let r = app.upload(&format!("/reports/{id}/photo"), "photo", "x.svg", svg).await;
    assert_eq!(r.headers["location"], format!("/reports/{id}?photo_error=photo_not_image"));
    let mut huge = photo_with_location();
    huge.resize(6 * 1024 * 1024, 0);
    let r = app.upload(&format!("/reports/{id}/photo"), "photo", "huge.jpg", &huge).await;
    assert_eq!(r.headers["location"], format!("/reports/{id}?photo_error=photo_too_large"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM report_photos").await, 0);
    let page = app.get(&format!("/reports/{id}?photo_error=photo_too_large")).await;
    assert!(page.body.contains("te groot"), "the page explains the refusal in the reader's language");

    // Ten reports an hour, then a clear refusal.
    for _ in 1..10 {
        report(&mut app, &fields(WHAT, "9000", "")).await.unwrap();
    }
    let (status, code) = report(&mut app, &fields(WHAT, "9000", "")).await.unwrap_err();
    assert_eq!((status, code.as_str()), (StatusCode::TOO_MANY_REQUESTS, "send_limit"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM reports").await, 10);
}

async fn an_officer_turns_a_report_into_an_alert(engine: Engine) {
    let mut app = with_demo(engine).await;
    app.signed_up("an@example.be", PASSWORD).await;
    let id = report(&mut app, &fields(WHAT, "Kerkstraat 12, Gent", "")).await.unwrap();
    let idv = id.to_string();
    // A resident cannot start an alert from it.
    assert_eq!(app.call("/api/messaging/compose", &[("report", &idv)]).await.json(), "forbidden");

    app.call("/api/auth/sign_out", &[]).await;
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let compose = app.call("/api/messaging/compose", &[("report", &idv)]).await.json();
    assert_eq!(compose["from_report"]["id"], id);
    let body = compose["from_report"]["body"].as_str().unwrap();
    assert!(body.starts_with(WHAT) && body.contains("Kerkstraat 12"), "{body}");
    assert!(!body.contains("Test Persoon") && !body.contains("an@example.be"), "never who reported: {body}");
    let r = app
        .call(
            "/api/messaging/send",
            &[
                ("kind", "urgent"),
                ("category", "suspicious"),
                ("title", "Valse waterleidingmannen"),
                ("body", body),
                ("lang", "nl"),
                ("scope", "zone"),
                ("bin_kind", "all"),
                ("report", &idv),
            ],
        )
        .await;
    let location = r.headers.get("location").and_then(|l| l.to_str().ok()).unwrap_or_else(|| panic!("{}", r.body));
    let message: i64 = location.trim_start_matches("/messages/").split('?').next().unwrap().parse().unwrap();
    let (alert, status): (Option<i64>, String) = sqlx::query_as("SELECT alert_id, status FROM reports WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.pool)
        .await
        .unwrap();
    assert_eq!((alert, status.as_str()), (Some(message), "handling"));
    let view = app.call("/api/messaging/read_report", &[("id", &idv)]).await.json();
    assert_eq!(view["alert_id"], message);
}

async fn a_reporter_downloads_their_reports_and_deleting_the_account_leaves_them_anonymous(engine: Engine) {
    let mut app = with_demo(engine).await;
    app.signed_up("jef@example.be", PASSWORD).await;
    let id = report(&mut app, &fields(WHAT, "Kerkstraat 12, 9000 Gent", "")).await.unwrap();
    let export = app.get("/api/auth/export").await.json();
    assert_eq!(export["reports"][0]["what"], WHAT, "{export}");
    assert_eq!(export["reports"][0]["may_be_contacted"], true);
    assert_eq!(export["reports"][0]["status"], "new");
    assert_eq!(export["message_settings"]["urgent_email"], true, "the defaults are part of the export");
    assert!(export["memberships"].is_array() && export["lessons_read"].is_array(), "every domain adds its part");

    let r = app.call("/api/auth/delete_account", &[("password", PASSWORD)]).await;
    assert!(r.status.is_success(), "{}", r.body);
    let (reporter, contact): (Option<i64>, i64) =
        sqlx::query_as("SELECT reporter_id, contact_ok FROM reports WHERE id = $1")
            .bind(id)
            .fetch_one(&app.state.pool)
            .await
            .unwrap();
    assert_eq!((reporter, contact), (None, 0), "the zone keeps the observation, not who made it");
    sign_in(&mut app, OFFICER, DEMO_PASSWORD).await;
    let read = app.call("/api/messaging/read_report", &[("id", &id.to_string())]).await.json();
    assert!(!read.to_string().contains("jef@example.be"), "{read}");
}

/// The report form's map (`report_map`): the markup that the form's script puts in the page, in
/// the reader's language, around what was typed; a tap on it is turned into coordinates by the
/// server (`report_place`); a place that cannot be found is refused with its code, which the
/// script translates.
async fn the_map_to_choose_the_place_on_is_drawn_around_what_was_typed(engine: Engine) {
    use app::i18n::Lang;
    use app::messaging::texts::T;
    let mut app = with_demo(engine).await;
    let r = app.get("/api/messaging/report_map?place=9000").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let html = r.json().as_str().expect("the markup, as one JSON string").to_string();
    assert!(html.contains("data-test-pick-map"), "{html}");
    assert!(html.contains(">Gent<"), "the names of places are drawn: {html}");
    assert!(html.contains(T::PickOnMapHint.get(Lang::Nl)), "{html}");
    let numbers = |name: &str| -> Vec<i64> {
        let at = html.find(&format!("{name}=\"")).unwrap_or_else(|| panic!("{name} in {html}")) + name.len() + 2;
        let value = &html[at..at + html[at..].find('"').unwrap()];
        value.split(' ').map(|n| n.parse().unwrap_or_else(|_| panic!("{name}={value}"))).collect()
    };
    assert_eq!(numbers("viewBox").len(), 4);
    assert!(html.contains("data-test-picked=\"false\""), "the pin waits for a tap: {html}");

    // A tap on the pin (where the map is centred) is the place typed, in coordinates the place
    // field takes; a point off the map is refused.
    let pin = html.find("translate(").expect("the pin") + "translate(".len();
    let (x, y) = html[pin..pin + html[pin..].find(')').unwrap()].split_once(' ').unwrap();
    let r = app.get(&format!("/api/messaging/report_place?x={x}&y={y}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let place = r.json().as_str().unwrap_or_default().to_string();
    let (lat, lon) = place.split_once(", ").unwrap_or_else(|| panic!("{place}"));
    assert!(lat.len() == 8 && lon.len() == 7, "five decimals: {place}");
    let (lat, lon): (f64, f64) = (lat.parse().unwrap(), lon.parse().unwrap());
    assert!((51.0..51.1).contains(&lat) && (3.6..3.8).contains(&lon), "Ghent: {place}");
    for (x, y) in [("-1", "10"), ("10", "999999"), ("NaN", "10"), ("ten", "10")] {
        let r = app.get(&format!("/api/messaging/report_place?x={x}&y={y}")).await;
        assert_eq!((r.status.as_u16(), r.json().as_str()), (400, Some("invalid_input")), "{x} {y}");
    }

    let french = app.get("/api/messaging/report_map?place=Li%C3%A8ge&lang=fr").await;
    let html = french.json().as_str().unwrap_or_default().to_string();
    assert!(html.contains(T::PickOnMapHint.get(Lang::Fr)), "{html}");

    for (place, code) in [("Atlantis", "place_not_found"), ("", "empty_query"), ("48.8566, 2.3522", "outside_belgium")]
    {
        let r = app.get(&format!("/api/messaging/report_map?place={}", app::ui::encode_component(place))).await;
        assert_eq!((r.status.as_u16(), r.json().as_str()), (400, Some(code)), "{place}");
    }
}
