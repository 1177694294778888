//! The open API (`/api/v1`) for municipal and police-zone websites: JSON, read-only, CORS open,
//! rate-limited per client address. Handlers only read parameters and shape answers; the
//! questions are answered by `app::directory::query`.

use crate::ratelimit::RateLimiter;
use app::directory::query::{self, Filters};
use app::directory::state::Directory;
use app::directory::types::{BinKind, PublicBin};
use app::error::AppError;
use app::i18n::Lang;
use app::platform::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::Arc;

/// The routes under `/api/v1`.
pub fn router(limiter: Arc<RateLimiter>) -> Router<AppState> {
    Router::new()
        .route("/api/v1/bins", get(bins))
        .route("/api/v1/bins/{id}", get(bin))
        .route("/api/v1/places", get(places))
        .route("/api/v1/stats/regions", get(regions))
        .route("/api/v1/stats/national.json", get(national_json))
        .route("/api/v1/stats/national.csv", get(national_csv))
        .route("/api/v1/openapi.json", get(openapi))
        .layer(axum::middleware::from_fn(cors_and_limit))
        .layer(Extension(limiter))
}

/// An error as the API shows it: a stable code and a message in the reader's language.
struct ApiError(AppError, Lang);

/// What a search for `near` that found no starting point answers: a well-formed place (a name,
/// an address, four digits, coordinates) that names nothing in Belgium is a 404 (the networks
/// near it are not there), as the OpenAPI document says; a malformed one stays a 400.
fn place_error(error: AppError, near: &str, lang: Lang) -> Response {
    let mut response = ApiError(error, lang).into_response();
    let well_formed = match error {
        AppError::PlaceNotFound | AppError::OutsideBelgium => true,
        AppError::UnknownPostcode => {
            let digits: String = near.chars().filter(|c| !c.is_whitespace()).collect();
            digits.len() == 4 && !digits.starts_with('0')
        }
        _ => false,
    };
    if well_formed {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(serde_json::json!({ "error": { "code": self.0.code(), "message": self.0.message(self.1) } })))
            .into_response()
    }
}

fn lang_of(request_lang: Option<Extension<Lang>>) -> Lang {
    request_lang.map(|Extension(l)| l).unwrap_or_default()
}

/// Open CORS (the API is public and read-only), answers preflight requests, and applies the
/// per-address rate limit.
async fn cors_and_limit(Extension(limiter): Extension<Arc<RateLimiter>>, request: Request, next: Next) -> Response {
    let client = client_of(&request);
    let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
    let mut response = if request.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else if !limiter.allow(client) {
        too_many(lang)
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, OPTIONS"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Accept, Accept-Language"));
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    }
    response
}

/// The answer past the limit: when to come back, and never kept by a shared cache (it is one
/// client's answer).
pub(crate) fn too_many(lang: Lang) -> Response {
    let mut r = ApiError(AppError::TooManyRequests, lang).into_response();
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The client a request comes from (see [`app::platform::throttle::client_of`]).
pub(crate) fn client_of(request: &Request) -> Option<std::net::IpAddr> {
    let socket = request.extensions().get::<ConnectInfo<SocketAddr>>()?.0.ip();
    let forwarded = request.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let trusted = request.extensions().get::<app::platform::throttle::TrustedProxies>().cloned().unwrap_or_default();
    app::platform::throttle::client_of(socket, forwarded, &trusted)
}

/// The public server functions that read the same data as the open API: the directory's, and
/// the map around a place that the report form shows (`report_map`) and the place of a point on
/// it (`report_place`).
const DIRECTORY_READS: [&str; 3] = ["/api/directory/", "/api/messaging/report_map", "/api/messaging/report_place"];

/// The same limit for the public server functions that read the directory's data
/// (`DIRECTORY_READS`): one budget per client however the data is reached.
pub async fn limit_directory_reads(State(limiter): State<Arc<RateLimiter>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if DIRECTORY_READS.iter().any(|read| path.starts_with(read)) && !limiter.allow(client_of(&request)) {
        let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
        return too_many(lang);
    }
    next.run(request).await
}

#[derive(Deserialize)]
struct BinsQuery {
    near: Option<String>,
    kind: Option<String>,
    limit: Option<String>,
    looking: Option<String>,
}

#[derive(Serialize)]
struct ApiBin {
    id: i64,
    name: String,
    kind: BinKind,
    municipality: String,
    police_zone: String,
    police_zone_number: Option<i64>,
    distance_m: i64,
    covers: bool,
    looking_for_coordinator: bool,
    url: String,
}

async fn bins(
    State(state): State<AppState>,
    lang: Option<Extension<Lang>>,
    q: Result<Query<BinsQuery>, QueryRejection>,
) -> Result<Json<serde_json::Value>, Response> {
    let lang = lang_of(lang);
    let fail = |e| ApiError(e, lang).into_response();
    // A query string that cannot be read (a parameter given twice) is a bad query like others.
    let Query(q) = q.map_err(|_| fail(AppError::InvalidInput))?;
    let near = q.near.unwrap_or_default();
    // A parameter given empty is not the parameter left out: the document says what each holds.
    let limit = match q.limit.as_deref().map(str::trim) {
        None => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| fail(AppError::InvalidLimit))?),
    };
    let limit = query::check_limit(limit).map_err(fail)?;
    let kind = match q.kind.as_deref() {
        None => None,
        Some("bin") => Some(BinKind::Bin),
        Some("bin-z" | "bin_z") => Some(BinKind::BinZ),
        Some(_) => return Err(fail(AppError::InvalidInput)),
    };
    let looking_only = match q.looking.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(fail(AppError::InvalidInput)),
    };
    let filters = Filters { kind, looking_only };
    let answer = query::search(&state, &near, lang, filters, limit).await.map_err(|e| place_error(e, &near, lang))?;
    let base = &state.site.public_url;
    let bins: Vec<ApiBin> = answer
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| ApiBin {
            id: h.id,
            name: h.name.clone(),
            kind: h.kind,
            municipality: h.municipality.get(lang).to_string(),
            police_zone: h.zone.name.get(lang).to_string(),
            police_zone_number: h.zone.number,
            distance_m: h.distance_m,
            covers: answer.covering == Some(h.id) || (i == 0 && answer.covering.is_none() && answer.covered),
            looking_for_coordinator: h.looking_for_coordinator,
            url: format!("{base}/bin/{}", h.id),
        })
        .collect();
    Ok(Json(serde_json::json!({
        "near": { "label": answer.label, "lat": answer.lat, "lon": answer.lon,
                  "police_zone": answer.zone.name.get(lang), "police_zone_number": answer.zone.number },
        "bins": bins,
    })))
}

async fn bin(
    State(state): State<AppState>,
    lang: Option<Extension<Lang>>,
    Path(id): Path<String>,
) -> Result<Json<PublicBin>, ApiError> {
    let lang = lang_of(lang);
    let id: i64 = id.parse().map_err(|_| ApiError(AppError::NotFound, lang))?;
    query::public_bin(&state, id).await.map(Json).map_err(|e| ApiError(e, lang))
}

#[derive(Deserialize)]
struct PlacesQuery {
    q: Option<String>,
}

async fn places(
    State(state): State<AppState>,
    lang: Option<Extension<Lang>>,
    q: Result<Query<PlacesQuery>, QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let lang = lang_of(lang);
    let Query(q) = q.map_err(|_| ApiError(AppError::InvalidInput, lang))?;
    let text = q.q.unwrap_or_default();
    if text.trim().is_empty() {
        return Err(ApiError(AppError::EmptyQuery, lang));
    }
    let directory = Directory::of(&state).map_err(|e| ApiError(e, lang))?;
    let places = app::directory::places::suggest(&directory.geo, &text, lang, 10).map_err(|e| ApiError(e, lang))?;
    Ok(Json(serde_json::json!({ "places": places })))
}

async fn regions(
    State(state): State<AppState>,
    lang: Option<Extension<Lang>>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let lang = lang_of(lang);
    let table = query::region_counts(&state).await.map_err(|e| ApiError(e, lang))?;
    let lines: Vec<_> = table
        .iter()
        .map(|l| {
            serde_json::json!({
                "region": l.region.map(|r| r.code()).unwrap_or("belgium"),
                "name": l.region.map(|r| r.name(lang)).unwrap_or(match lang { Lang::Nl => "België", Lang::Fr => "Belgique", Lang::De => "Belgien", Lang::En => "Belgium" }),
                "bin": l.bin, "bin_z": l.bin_z, "total": l.total(),
            })
        })
        .collect();
    Ok(Json(serde_json::json!({ "regions": lines })))
}

/// The national aggregates (open data, no personal data).
async fn national_json(
    State(state): State<AppState>,
    lang: Option<Extension<Lang>>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let lang = lang_of(lang);
    let areas = app::dashboard::national::load(&state, lang).await.map_err(|e| ApiError(e, lang))?;
    Ok(Json(serde_json::json!({ "areas": areas })))
}

async fn national_csv(State(state): State<AppState>, lang: Option<Extension<Lang>>) -> Result<Response, ApiError> {
    let lang = lang_of(lang);
    let areas = app::dashboard::national::load(&state, lang).await.map_err(|e| ApiError(e, lang))?;
    let csv = app::dashboard::national::to_csv(&areas, lang).map_err(|e| ApiError(e, lang))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"nabij-national.csv\""),
        ],
        csv,
    )
        .into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], include_str!("openapi.json")).into_response()
}
