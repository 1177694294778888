//! Shared components: the header with navigation and language switcher, the footer, error
//! messages and form parts.

use crate::error::AppError;
use crate::i18n::{Common, colon, t, use_lang};
use crate::use_auth;
use leptos::prelude::*;
use leptos_meta::Title;

/// The product's mark and name. Written as markup: it never changes, and as components its
/// attributes would each bring code of their own to the browser.
const BRAND: &str = concat!(
    r##"<svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">"##,
    r##"<circle cx="16" cy="16" r="14" fill="#1d4e89"></circle>"##,
    r##"<path d="M9 18 16 9l7 9h-3v6h-8v-6z" fill="#fff"></path></svg><span>Nabij</span>"##
);

/// The page header: product name, navigation, account and language. On a phone the navigation
/// is a disclosure (it works without JavaScript) so the header stays one row; on a wider screen
/// it is always open and its button is not shown.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/" inner_html=BRAND></a>
                <details class="menu" data-test-menu="">
                    <summary data-test-menu-button="">{t(Common::MenuButton)}</summary>
                    <nav aria-label=t(Common::MainNavigation)>
                        <ul>
                            <li><a href="/">{t(Common::NavFind)}</a></li>
                            <li><a href="/learn">{t(Common::NavLearn)}</a></li>
                            <AccountLinks/>
                        </ul>
                    </nav>
                </details>
                <LangSwitcher/>
            </div>
        </header>
    }
}

/// "Sign in" for visitors; for a signed-in person their networks, messages, inbox, the
/// dashboard when they have one, and their account.
#[component]
fn AccountLinks() -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    view! {
        <Transition fallback=move || view! { <li><a href="/signin">{t(Common::SignIn)}</a></li> }>
            {move || {
                let user = auth.and_then(|a| a.user.get()).and_then(Result::ok).flatten();
                match user {
                    Some(user) => view! {
                        <li><a href="/my">{t(Common::MyBins)}</a></li>
                        <li>
                            <a href="/messages" data-test-messages-link="">
                                {t(Common::NavMessages)}
                                <Count n=user.alerts text=Common::UnseenAlerts class="badge urgent" name="alerts" lang/>
                            </a>
                        </li>
                        <li>
                            <a href="/inbox" data-test-inbox-link="">
                                {t(Common::Inbox)}
                                <Count n=user.unread text=Common::UnreadCount class="badge" name="unread" lang/>
                            </a>
                        </li>
                        {user.has_dashboard().then(|| view! {
                            <li><a href="/dashboard" data-test-dashboard-link="">{t(Common::NavDashboard)}</a></li>
                        })}
                        {user.manages_staff().then(|| view! {
                            <li><a href="/staff" data-test-staff-link="">{t(Common::NavStaff)}</a></li>
                        })}
                        <li class="account">
                            <a href="/account" data-test-account-link="" data-signed-in="">{t(Common::NavAccount)}{colon()}{user.display_name}</a>
                        </li>
                    }.into_any(),
                    None => view! { <li><a href="/signin" data-test-signin-link="">{t(Common::SignIn)}</a></li> }.into_any(),
                }
            }}
        </Transition>
    }
}

/// A count beside a link: the number in a badge for the eye, and "2 unread" for a screen reader.
#[component]
fn Count(n: i64, text: Common, class: &'static str, name: &'static str, lang: crate::i18n::Lang) -> impl IntoView {
    (n > 0).then(|| {
        let said = crate::i18n::fill(lang, t(text), &[n.to_string()]);
        view! {
            " "<span class=class aria-hidden="true" data-test-badge=name>{n.to_string()}</span>
            <span class="visually-hidden">", "{said}</span>
        }
    })
}

/// Links to the same page in each language. They go through `/lang/{code}`, which keeps the
/// choice in a cookie and sends the reader back, so they work without JavaScript too. The server
/// writes them; when an island changes the address in the page, the navigation script writes the
/// page the reader is on into a link before it is followed (`navigation.js`).
#[component]
pub fn LangSwitcher() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let links = {
        let location = leptos_router::hooks::use_location();
        let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
        let here = if search.is_empty() { path } else { format!("{path}?{}", search.trim_start_matches('?')) };
        let current = use_lang();
        view! { <LangLinks current here/> }
    };
    #[cfg(not(feature = "ssr"))]
    let links = ();
    view! { <nav class="lang-switcher" aria-label=t(Common::ChooseLanguage)>{links}</nav> }
}

#[cfg(feature = "ssr")]
#[component]
fn LangLinks(current: crate::i18n::Lang, here: String) -> impl IntoView {
    view! {
        <ul>
            {crate::i18n::Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <li>
                            <a
                                href=lang_href(lang.code(), &here)
                                rel="external"
                                hreflang=lang.code()
                                lang=lang.code()
                                aria-current=(lang == current).then_some("true")
                                data-test-lang=lang.code()
                            >
                                <abbr title=lang.native_name()>{lang.code().to_uppercase()}</abbr>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The link that switches to the language `code` and comes back to `here`.
pub fn lang_href(code: &str, here: &str) -> String {
    format!("/lang/{code}?next={}", encode_component(here))
}

#[cfg(feature = "hydrate")]
pub mod dom;

/// The element around an event's target that matches `selector` (the target itself included).
pub fn closest(ev: &leptos::web_sys::Event, selector: &str) -> Option<leptos::web_sys::Element> {
    use leptos::wasm_bindgen::JsCast;
    ev.target()?.dyn_into::<leptos::web_sys::Element>().ok()?.closest(selector).ok().flatten()
}

/// Percent-encodes a URL component (RFC 3986 unreserved characters stay).
pub fn encode_component(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for byte in input.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The page footer, with the attributions the reference data requires.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{t(Common::FooterAbout)}</p>
            <p><a href="/privacy" data-test-privacy-link="">{t(Common::PrivacyNotice)}</a>" · "<a href="/rules">{t(Common::MembersRules)}</a></p>
            <p class="attribution">{t(Common::FooterData)}</p>
            <p class="attribution">{t(Common::FooterDemo)}</p>
        </footer>
    }
}

/// A translated error message, announced to screen readers. A failure on our side also gives
/// the id of the request that failed, for the reader to quote to the helpdesk.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let lang = use_lang();
    let reference = matches!(error, AppError::Internal | AppError::Unavailable).then(failed_request_id);
    view! {
        <p class="message error" role="alert" data-test-error=error.code()>
            {error.message(lang)}
            {reference.map(|id| view! {
                " "<span class="reference" data-test-reference="">
                    {move || crate::i18n::fill(lang, Common::ErrorReference.get(lang), &[id.get()])}
                </span>
            })}
        </p>
    }
}

/// The id of the request that failed. A page rendered with its failure knows it from the
/// request (the server) or from the page's `request-id` meta tag (the browser, hydrating the
/// same text); once the page runs, a failed call leaves its id in a short-lived cookie, which
/// replaces the page's and is then removed.
fn failed_request_id() -> RwSignal<String> {
    #[cfg(feature = "ssr")]
    let initial = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<crate::platform::RequestId>().map(|id| id.0.clone()))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let initial = page_request_id();
    let id = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(failed) = take_reference_cookie() {
            id.set(failed);
        }
    });
    id
}

#[cfg(not(feature = "ssr"))]
fn page_request_id() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("meta[name=request-id]").ok().flatten())
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}

/// The id a failed call left in the `nabij_ref` cookie, which is then removed.
#[cfg(feature = "hydrate")]
fn take_reference_cookie() -> Option<String> {
    use wasm_bindgen::JsCast;
    let document: web_sys::HtmlDocument = web_sys::window()?.document()?.dyn_into().ok()?;
    let cookies = document.cookie().ok()?;
    let id = cookies.split(';').find_map(|c| c.trim().strip_prefix("nabij_ref="))?.to_string();
    let _ = document.set_cookie("nabij_ref=; Path=/; Max-Age=0; SameSite=Strict");
    (!id.is_empty()).then_some(id)
}

/// The outcome of a form's action: its error, or nothing.
#[component]
pub fn ActionError<T, V>(value: V) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    move || match value.get() {
        Some(Err(error)) => Some(view! { <ErrorMessage error/> }),
        _ => None,
    }
}

/// A success message, announced politely.
/// What a page shows while its data is on the way (a `Suspense` or `Transition` fallback).
pub fn loading() -> impl IntoView {
    view! { <p class="loading" role="status">{t(Common::Loading)}</p> }
}

#[component]
pub fn Notice(text: &'static str) -> impl IntoView {
    view! { <p class="message success" role="status">{text}</p> }
}

/// A submit button that shows it is busy while its action runs.
#[component]
pub fn Submit(label: &'static str, pending: Signal<bool>) -> impl IntoView {
    view! {
        <button type="submit" class="primary" disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
            {move || if pending.get() { t(Common::Working) } else { label }}
        </button>
    }
}

/// Text for SVG and HTML written as markup: the five characters that could end a text or an
/// attribute, escaped.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Whether `path` is a path on this site (so following it cannot lead elsewhere).
pub fn is_local_path(path: &str) -> bool {
    // Browsers drop tabs and line breaks from a redirect's URL, so "/\t/evil" would become
    // "//evil": no control character may pass.
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= 200
}

/// Answers the page being rendered on the server with the status code that fits `error`.
pub fn answer_with(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::NOT_FOUND));
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// A page that could not be shown: the status code that fits the error, a heading and the message.
#[component]
pub fn PageError(error: AppError, back_href: &'static str, back_label: &'static str) -> impl IntoView {
    answer_with(&error);
    let not_found = error == AppError::NotFound;
    view! {
        {not_found.then(|| view! { <Title text=t(Common::NotFoundTitle)/><h1>{t(Common::NotFoundTitle)}</h1> })}
        <ErrorMessage error/>
        <p><a href=back_href>{back_label}</a></p>
    }
}

/// The page for an address that does not exist.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t(Common::NotFoundTitle)/>
        <section class="page narrow">
            <h1>{t(Common::NotFoundTitle)}</h1>
            <p>{AppError::NotFound.message(use_lang())}</p>
            <p><a href="/">{t(Common::BackHome)}</a></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_components_are_encoded() {
        assert_eq!(encode_component("/account?x=1&y=é"), "/account%3Fx%3D1%26y%3D%C3%A9");
    }

    #[test]
    fn only_paths_on_this_site_are_local() {
        assert!(is_local_path("/bin/3/join"));
        assert!(!is_local_path("//evil.example/"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("/\t/evil.example"));
        assert!(!is_local_path("/\n"));
        assert!(!is_local_path("/\u{7f}"));
    }
}
