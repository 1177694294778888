//! Request layers: the reader's language, the refusal of cross-site writes, and security headers.

use app::error::AppError;
use app::i18n::{LANG_COOKIE, Lang, negotiate};
use app::platform::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn query_lang(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|kv| kv.strip_prefix("lang="))
}

fn cookie_lang(request: &Request) -> Option<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| app::auth::session::cookie_value(h, LANG_COOKIE).map(str::to_string))
}

/// Decides the language of the request (URL, cookie, `Accept-Language`, Dutch) and leaves it
/// in the request's extensions, where pages and server functions read it.
pub async fn language(mut request: Request, next: Next) -> Response {
    let cookie = cookie_lang(&request);
    let accept = request.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let lang = negotiate(query_lang(request.uri().query()), cookie.as_deref(), accept);
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    response.headers_mut().append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    if !response.headers().contains_key(header::CONTENT_LANGUAGE)
        && let Ok(value) = HeaderValue::from_str(lang.code())
    {
        response.headers_mut().insert(header::CONTENT_LANGUAGE, value);
    }
    response
}

/// Refuses state-changing requests that a browser sent from another site: their `Origin` is
/// not ours, or, without `Origin`, `Sec-Fetch-Site` says cross-site. Requests from non-browser
/// clients (no such headers) pass; they carry no victim's cookies.
pub async fn refuse_cross_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let origin = request.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let host = request.headers().get(header::HOST).and_then(|v| v.to_str().ok());
        let fetch_site = request.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok());
        if !same_origin(origin, host, fetch_site, state.site.origin()) {
            let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
            tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-origin write refused");
            return (StatusCode::FORBIDDEN, AppError::Forbidden.message(lang)).into_response();
        }
    }
    next.run(request).await
}

/// Whether a write comes from this site.
pub fn same_origin(origin: Option<&str>, host: Option<&str>, fetch_site: Option<&str>, public_origin: &str) -> bool {
    match origin {
        Some("null") => false,
        Some(origin) => {
            origin.eq_ignore_ascii_case(public_origin)
                || host.is_some_and(|h| {
                    origin.eq_ignore_ascii_case(&format!("http://{h}"))
                        || origin.eq_ignore_ascii_case(&format!("https://{h}"))
                })
        }
        None => !matches!(fetch_site, Some("cross-site")),
    }
}

/// The largest body a server function takes (forms of text; files go to their own routes).
pub const SERVER_FN_BODY_LIMIT: usize = 256 * 1024;

/// Reads a server function's body up to [`SERVER_FN_BODY_LIMIT`] and answers anything larger
/// with 413 and `request_too_large`, whether the body's length was announced or sent in chunks:
/// reading stops at the limit.
pub async fn limit_server_fn_bodies(request: Request, next: Next) -> Response {
    if request.method() != Method::POST || !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
    // A page's script reads the code; a form sent without JavaScript gets the sentence.
    let json = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let too_large = move || {
        tracing::warn!(limit = SERVER_FN_BODY_LIMIT, "server function body refused: too large");
        let error = AppError::RequestTooLarge;
        let (kind, text) = if json {
            ("application/json", serde_json::to_string(&error).unwrap_or_default())
        } else {
            ("text/plain; charset=utf-8", error.message(lang).to_string())
        };
        (StatusCode::PAYLOAD_TOO_LARGE, [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store")], text)
            .into_response()
    };
    if announced.is_some_and(|n| n > SERVER_FN_BODY_LIMIT) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, SERVER_FN_BODY_LIMIT).await {
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(_) => too_large(),
    }
}

/// Gives server-function errors their real status: server_fn answers every error with a 500,
/// but a user's mistake is a 4xx (an `AppError` knows which), and a database out of reach a
/// 503 with a `Retry-After`. Internal failures stay 500.
pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key("serverfnerror") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if parts.status == StatusCode::SERVICE_UNAVAILABLE {
            parts.headers.insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Headers every response carries.
pub async fn security_headers(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    // A request that carries a session may be answered with personal data: no cache keeps it.
    let signed_in = request.headers().get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).any(|h| {
        app::auth::session::cookie_value(h, app::auth::session::SESSION_COOKIE).is_some_and(|v| !v.is_empty())
    });
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=(self)"));
    // Rendered pages send their own policy, with the nonce of their scripts; everything else
    // (JSON, images, files, plain error pages) runs no inline script and is never framed.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            ),
        );
    }
    if state.site.secure_cookies {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    let public = headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("public"));
    if signed_in && !public {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, private"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_from_our_own_origin_pass() {
        assert!(same_origin(
            Some("http://127.0.0.1:3000"),
            Some("127.0.0.1:3000"),
            Some("same-origin"),
            "http://127.0.0.1:3000"
        ));
        assert!(same_origin(Some("https://nabij.be"), Some("10.0.0.5:3000"), None, "https://nabij.be"));
    }

    #[test]
    fn writes_from_other_sites_are_refused() {
        assert!(!same_origin(Some("https://evil.example"), Some("nabij.be"), Some("cross-site"), "https://nabij.be"));
        assert!(!same_origin(Some("null"), Some("nabij.be"), None, "https://nabij.be"));
        assert!(!same_origin(None, Some("nabij.be"), Some("cross-site"), "https://nabij.be"));
    }

    #[test]
    fn clients_without_browser_headers_pass() {
        assert!(same_origin(None, Some("nabij.be"), None, "https://nabij.be"));
    }

    #[test]
    fn the_lang_query_parameter_is_found() {
        assert_eq!(query_lang(Some("postcode=9000&lang=fr")), Some("fr"));
        assert_eq!(query_lang(Some("postcode=9000")), None);
    }
}
