//! HTTP endpoints that are not pages: the language switch, files, and the fallback that
//! serves static files or renders the not-found page.

use app::error::AppError;
use app::i18n::{LANG_COOKIE, Lang};
use app::platform::state::AppState;
use app::shell;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Json};
use serde::Deserialize;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The routes outside Leptos; `sms_inbound_key` opens `POST /sms/inbound` to the SMS gateway.
pub fn router(sms_inbound_key: Option<crate::settings::Secret>) -> Router<AppState> {
    let inbound = move |state: State<AppState>, query: Query<InboundKey>, form: axum::Form<InboundSms>| {
        let key = sms_inbound_key.clone();
        async move { sms_inbound(state, key, query, form).await }
    };
    Router::new()
        .route("/sms/inbound", post(inbound))
        .route("/live", get(crate::live::live))
        .route("/lang/{code}", get(switch_language))
        .route("/map/base.svg", get(base_map))
        .route("/inbox/{id}", get(open_notice))
        .route("/bin/{id}/members.csv", get(members_csv))
        .route("/dashboard/zone/{file}", get(zone_csv))
        .route("/registry.csv", get(registry_csv))
        .route("/audit.csv", get(audit_csv))
        .route(
            "/registry/import",
            post(registry_import).layer(DefaultBodyLimit::max(app::dashboard::import::MAX_BYTES + 64 * 1024)),
        )
        .route("/dashboard/figures/{scope}/{file}", get(figure_csv))
        .route(
            "/reports/{id}/photo",
            post(report_photo).layer(DefaultBodyLimit::max(app::messaging::types::PHOTO_MAX_BYTES + 64 * 1024)),
        )
        .route("/reports/{id}/photo.jpg", get(report_photo_file))
        .route(
            "/messages/{id}/photo",
            post(alert_photo).layer(DefaultBodyLimit::max(app::messaging::types::PHOTO_MAX_BYTES + 64 * 1024)),
        )
        .route("/messages/{id}/photo.jpg", get(alert_photo_file))
        .route("/seen/{token}/photo.jpg", get(seen_photo_file))
}

/// Opens a notice of the inbox: it is marked read and the page it is about follows. A visitor
/// is asked to sign in first and comes back here.
async fn open_notice(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
) -> Response {
    match signed_in(&state, &headers).await {
        Ok(me) => match app::messaging::inbox::open(&state, &me, id).await {
            Ok(link) => Redirect::to(&link).into_response(),
            Err(e) => error_response(e, lang),
        },
        Err(AppError::NotSignedIn) => Redirect::to(&format!("/signin?next=/inbox/{id}")).into_response(),
        Err(e) => error_response(e, lang),
    }
}

/// A network's member list as CSV, for its coordinator and deputies (checked in `app`).
async fn members_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
) -> Response {
    let reader = lang.as_ref().map(|l| l.0).unwrap_or_default();
    let csv = match signed_in(&state, &headers).await {
        Ok(me) => app::membership::export::members_csv(&state, &me, id, reader).await,
        Err(e) => Err(e),
    };
    csv_download(csv, &format!("bin-{id}-members"), lang)
}

/// A police zone's networks as CSV, for that zone's officers and admins (checked in `app`).
async fn zone_csv(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
) -> Response {
    let Some(id) = file.strip_suffix(".csv").and_then(|id| id.parse::<i64>().ok()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let reader = lang.as_ref().map(|l| l.0).unwrap_or_default();
    let csv = match signed_in(&state, &headers).await {
        Ok(me) => app::dashboard::export::zone_csv(&state, &me, id, reader).await,
        Err(e) => Err(e),
    };
    csv_download(csv, &format!("zone-{id}"), lang)
}

/// The period of a dashboard figure's CSV (`?months=`).
#[derive(serde::Deserialize)]
struct FigureQuery {
    months: Option<String>,
}

/// One figure of a dashboard as CSV, for those who may see that dashboard.
async fn figure_csv(
    State(state): State<AppState>,
    Path((scope, file)): Path<(String, String)>,
    Query(query): Query<FigureQuery>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
) -> Response {
    let Some(id) = file.strip_suffix(".csv") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let months = match query.months.as_deref().map(|m| m.trim().parse::<i64>()) {
        None => Ok(None),
        Some(Ok(m)) => Ok(Some(m)),
        Some(Err(_)) => Err(AppError::InvalidInput),
    };
    let csv = match (signed_in(&state, &headers).await, months) {
        (Ok(me), Ok(months)) => {
            let reader = lang.as_ref().map(|l| l.0).unwrap_or_default();
            app::dashboard::assemble::figure_csv(&state, &me, &scope, id, months, reader).await
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let name: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect();
    csv_download(csv, &format!("{scope}-{name}").replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', ""), lang)
}

/// The charter registry as CSV, with the page's filters, for knowledge-centre admins.
async fn registry_csv(
    State(state): State<AppState>,
    Query(filter): Query<app::dashboard::registry::Filter>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
) -> Response {
    let reader = lang.as_ref().map(|l| l.0).unwrap_or_default();
    let csv = match signed_in(&state, &headers).await {
        Ok(me) if me.is_kc_admin() => match app::dashboard::registry::lines(&state, &filter).await {
            Ok(lines) => app::dashboard::registry::to_csv(&lines, reader),
            Err(e) => Err(e),
        },
        Ok(_) => Err(AppError::Forbidden),
        Err(e) => Err(e),
    };
    csv_download(csv, "charter-registry", lang)
}

#[derive(Deserialize)]
struct ZoneQuery {
    zone: Option<String>,
}

/// The audit log as a spreadsheet: of a zone its administrators manage, or (the knowledge
/// centre) of every zone.
async fn audit_csv(
    State(state): State<AppState>,
    Query(query): Query<ZoneQuery>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
) -> Response {
    let reader = lang.as_ref().map(|l| l.0).unwrap_or_default();
    let zone = match query.zone.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
        None => Ok(None),
        Some(z) => z.parse::<i64>().map(Some).map_err(|_| AppError::InvalidInput),
    };
    let csv = match (zone, signed_in(&state, &headers).await) {
        (Ok(zone), Ok(me)) => app::staff::api::ssr::audit_csv(&state, &me, zone, reader).await,
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    csv_download(csv, "audit-log", lang)
}

/// The user of the request's session, or `not_signed_in`.
async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<app::auth::types::SafeUser, AppError> {
    match app::auth::session::token_in(headers) {
        Some(token) => app::auth::session::user_for(state, &token).await?.ok_or(AppError::NotSignedIn),
        None => Err(AppError::NotSignedIn),
    }
}

/// An uploaded charter registry (a multipart form with a `file` field), for knowledge-centre
/// admins: imported as the report says, then the browser is sent to the report.
async fn registry_import(
    State(state): State<AppState>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    use app::dashboard::import::ImportFailure;
    let me = match signed_in(&state, &headers).await {
        Ok(me) => me,
        Err(_) => return Redirect::to("/signin?next=%2Fregistry%2Fimport").into_response(),
    };
    if !me.is_kc_admin() {
        return error_response(AppError::Forbidden, lang);
    }
    let file = match file_field(multipart, "file").await {
        Upload::File(name, bytes) if !(bytes.is_empty() && name.is_empty()) => Ok((name, bytes)),
        Upload::File(..) | Upload::Missing => Err(ImportFailure::NoFile),
        Upload::TooLarge => Err(ImportFailure::TooLarge),
    };
    let (name, bytes) = match file {
        Ok((name, bytes)) => (name, Ok(bytes)),
        Err(failure) => (String::new(), Err(failure)),
    };
    match app::dashboard::import::import(&state, &me, &name, bytes.as_deref().map_err(Clone::clone)).await {
        Ok(id) => Redirect::to(&format!("/registry/import?report={id}")).into_response(),
        Err(e) => error_response(e, lang),
    }
}

/// Whose photo an upload form sends.
#[derive(Clone, Copy)]
enum PhotoFor {
    /// A resident's report (its reporter adds it).
    Report,
    /// A missing person's alert (whoever manages the alert adds it).
    Alert,
}

/// A photo the reporter adds to their report (a multipart form with a `photo` field): kept
/// re-encoded without metadata; the browser goes back to the report, which says how it went.
async fn report_photo(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    photo_form(&state, &headers, multipart, PhotoFor::Report, id).await
}

/// The photo of a missing person that an alert's sender adds, the same way.
async fn alert_photo(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    photo_form(&state, &headers, multipart, PhotoFor::Alert, id).await
}

async fn photo_form(
    state: &AppState,
    headers: &HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    whose: PhotoFor,
    id: i64,
) -> Response {
    let back = match whose {
        PhotoFor::Report => format!("/reports/{id}"),
        PhotoFor::Alert => format!("/messages/{id}"),
    };
    let me = match signed_in(state, headers).await {
        Ok(me) => me,
        Err(_) => return Redirect::to(&format!("/signin?next={}", app::ui::encode_component(&back))).into_response(),
    };
    let upload = photo_upload(multipart).await;
    let kept = match whose {
        PhotoFor::Report => app::messaging::reports::api::ssr::add_photo(state, &me, id, upload).await,
        PhotoFor::Alert => app::messaging::api::ssr::add_photo(state, &me, id, upload).await,
    };
    photo_answer(&back, kept)
}

/// The `photo` field of an upload form.
async fn photo_upload(
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Vec<u8>, AppError> {
    match file_field(multipart, "photo").await {
        Upload::File(_, bytes) => Ok(bytes),
        Upload::Missing => Err(AppError::PhotoNotImage),
        Upload::TooLarge => Err(AppError::PhotoTooLarge),
    }
}

/// Back to the page the photo belongs to, which says how it went.
fn photo_answer(back: &str, kept: Result<(), AppError>) -> Response {
    match kept {
        Ok(()) => Redirect::to(&format!("{back}?photo=1")).into_response(),
        Err(e) => Redirect::to(&format!("{back}?photo_error={}", e.code())).into_response(),
    }
}

/// A report's photo, as kept, for its reporter and the zone's staff; never cached.
async fn report_photo_file(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
) -> Response {
    let photo = match signed_in(&state, &headers).await {
        Ok(me) => app::messaging::reports::api::ssr::photo_for(&state, &me, id).await,
        Err(e) => Err(e),
    };
    jpeg_answer(photo, &format!("report-{id}.jpg"), lang)
}

/// An alert's photo, for its recipients and those who manage it; never cached.
async fn alert_photo_file(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    lang: Option<Extension<Lang>>,
) -> Response {
    let photo = match signed_in(&state, &headers).await {
        Ok(me) => app::messaging::api::ssr::photo_for(&state, &me, id).await,
        Err(e) => Err(e),
    };
    jpeg_answer(photo, &format!("alert-{id}.jpg"), lang)
}

/// The photo of the alert a "seen" link stands for, for the recipient who has that link.
async fn seen_photo_file(
    State(state): State<AppState>,
    Path(token): Path<String>,
    lang: Option<Extension<Lang>>,
) -> Response {
    let photo = app::messaging::api::ssr::photo_for_token(&state, &token).await;
    jpeg_answer(photo, "alert.jpg", lang)
}

fn jpeg_answer(photo: Result<Vec<u8>, AppError>, name: &str, lang: Option<Extension<Lang>>) -> Response {
    match photo {
        Ok(jpeg) => (
            [
                (header::CONTENT_TYPE, "image/jpeg".to_string()),
                (header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            jpeg,
        )
            .into_response(),
        Err(e) => error_response(e, lang),
    }
}

/// A file field of a multipart form, as read.
enum Upload {
    /// The field's file name and bytes.
    File(String, Vec<u8>),
    /// No such field, or a form that could not be read.
    Missing,
    /// The body passed the route's limit.
    TooLarge,
}

/// Reads the file field `name` of a multipart form, whatever fields come before it.
async fn file_field(multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>, name: &str) -> Upload {
    let Ok(mut multipart) = multipart else {
        return Upload::Missing;
    };
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some(name) => {
                let file_name = field.file_name().unwrap_or_default().to_string();
                return match field.bytes().await {
                    Ok(bytes) => Upload::File(file_name, bytes.to_vec()),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Upload::TooLarge,
                    Err(_) => Upload::Missing,
                };
            }
            Ok(Some(_)) => continue,
            Ok(None) => return Upload::Missing,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Upload::TooLarge,
            Err(_) => return Upload::Missing,
        }
    }
}

#[derive(Deserialize)]
struct InboundKey {
    key: Option<String>,
}

/// A reply to an SMS, as the gateway's webhook sends it (`originator`, `body`, …). Any reply
/// counts as seen, so the words are neither read nor kept.
#[derive(Deserialize)]
struct InboundSms {
    originator: String,
}

/// A member replied to an SMS: whatever they wrote, they saw the open alert it carried. Only
/// the gateway, which knows the inbound key, may call this.
async fn sms_inbound(
    State(state): State<AppState>,
    key: Option<crate::settings::Secret>,
    Query(query): Query<InboundKey>,
    axum::Form(sms): axum::Form<InboundSms>,
) -> Response {
    let authorised = match (&key, &query.key) {
        (Some(expected), Some(given)) => app::platform::tokens::same(expected.expose(), given),
        _ => false,
    };
    if !authorised {
        return (StatusCode::FORBIDDEN, Json(serde_json::json!({"error": "forbidden"}))).into_response();
    }
    match app::messaging::api::ssr::seen_by_sms(&state, &sms.originator, app::platform::now()).await {
        Ok(seen) => Json(serde_json::json!({ "seen": seen })).into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST),
            Json(serde_json::json!({"error": e.code()})),
        )
            .into_response(),
    }
}

/// An error's status and message in the reader's language.
fn error_response(e: AppError, lang: Option<Extension<Lang>>) -> Response {
    let lang = lang.map(|Extension(l)| l).unwrap_or_default();
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, [(header::CACHE_CONTROL, "no-store")], e.message(lang)).into_response()
}

/// A CSV attachment named `{stem}-{date}-{time}.csv` (when it was made, in Belgian time), or the
/// error's status and message in the reader's language.
fn csv_download(csv: Result<String, AppError>, stem: &str, lang: Option<Extension<Lang>>) -> Response {
    let lang = lang.map(|Extension(l)| l).unwrap_or_default();
    let name = format!("{stem}-{}.csv", app::platform::spreadsheet::file_stamp(app::platform::now()));
    match csv {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            csv,
        )
            .into_response(),
        Err(e) => error_response(e, Some(Extension(lang))),
    }
}

/// The base map of Belgium, drawn at start; it changes only with the reference data.
async fn base_map(State(state): State<AppState>) -> Response {
    match app::directory::state::Directory::of(&state) {
        Ok(directory) => (
            [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")],
            directory.map.svg.clone(),
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// Keeps the chosen language in a cookie and sends the reader back to the page they were on.
/// Only paths on this site are followed, so the link cannot send anyone elsewhere.
async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(next): Query<Next>,
) -> Response {
    let target = safe_next(next.next.as_deref());
    let Some(lang) = Lang::parse(&code) else {
        return Redirect::to(&target).into_response();
    };
    let secure = if state.site.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", lang.code());
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// A local path to return to, or `/`: never another site (`//host`, `/\host`, schemes).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p) if app::ui::is_local_path(p) => {
            // Drop a `lang=` from the query so the cookie's choice is not overridden.
            match p.split_once('?') {
                Some((path, query)) => {
                    let kept: Vec<&str> =
                        query.split('&').filter(|kv| !kv.starts_with("lang=") && !kv.is_empty()).collect();
                    if kept.is_empty() { path.to_string() } else { format!("{path}?{}", kept.join("&")) }
                }
                None => p.to_string(),
            }
        }
        _ => "/".to_string(),
    }
}

/// How long a file of the site may be cached: a year for the hashed bundle (a new build has new
/// names), an hour for the unhashed one of a development build; the scripts of `public/`
/// (`live.js`, `area.js`, …), whose names stay and which import one another, are asked again
/// each time (a 304 when unchanged), so a new version never meets an old one; a day for the rest.
fn cache_control(path: &str) -> &'static str {
    let Some(file) = path.strip_prefix("/pkg/") else {
        return if path.ends_with(".js") { "no-cache" } else { "public, max-age=86400" };
    };
    // cargo-leptos names hashed files `name.<22 characters of base64url MD5>.ext`.
    let parts: Vec<&str> = file.split('.').collect();
    let hashed = parts.len() == 3
        && parts[1].len() == 22
        && parts[1].chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if hashed { "public, max-age=31536000, immutable" } else { "public, max-age=3600" }
}

/// Serves a file of the built site if there is one, else renders the app (which shows the
/// not-found page with a 404 status).
pub async fn fallback(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, body) = request.into_parts();
    let root = state.leptos_options.site_root.to_string();
    if parts.method == axum::http::Method::GET && parts.uri.path() != "/" {
        // The request's headers go along: Accept-Encoding picks a precompressed copy, and
        // If-None-Match / If-Modified-Since allow a 304.
        let mut file_request = Request::builder().uri(parts.uri.clone()).body(Body::empty());
        if let Ok(request) = file_request.as_mut() {
            *request.headers_mut() = parts.headers.clone();
        }
        if let Ok(file_request) = file_request {
            // The release build leaves brotli and gzip copies beside each file; they are sent as
            // they are when the browser accepts them.
            let Ok(response) = ServeDir::new(&root).precompressed_br().precompressed_gzip().oneshot(file_request).await;
            if response.status() == StatusCode::OK {
                let mut response = response.into_response();
                let cache = HeaderValue::from_static(cache_control(parts.uri.path()));
                response.headers_mut().insert(header::CACHE_CONTROL, cache);
                return response;
            }
        }
    }
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_to_stream_with_context(
        {
            let state = state.clone();
            move || app::platform::state::provide(&state)
        },
        move || shell(options.clone()),
    );
    handler(Request::from_parts(parts, body)).await.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_bundle_files_are_cached_for_a_year_and_others_briefly() {
        assert_eq!(cache_control("/pkg/nabij.Ab3_x-Ab3_x-Ab3_x-Ab3_.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/pkg/nabij.wasm"), "public, max-age=3600");
        assert_eq!(cache_control("/pkg/nabij.short.js"), "public, max-age=3600");
        assert_eq!(cache_control("/favicon.svg"), "public, max-age=86400");
        assert_eq!(cache_control("/area.js"), "no-cache");
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/account?x=1")), "/account?x=1");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn a_lang_parameter_is_dropped_from_the_return_path() {
        assert_eq!(safe_next(Some("/?lang=fr&postcode=9000")), "/?postcode=9000");
        assert_eq!(safe_next(Some("/signin?lang=de")), "/signin");
    }
}
