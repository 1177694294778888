//! Nabij: everything the browser and the server share — pages, components, wire types and
//! server functions — and, behind the `ssr` feature, the server side of each domain.

pub mod auth;
pub mod codec;
pub mod dashboard;
pub mod directory;
pub mod error;
pub mod hydration;
pub mod i18n;
pub mod info;
pub mod learning;
pub mod lifecycle;
pub mod membership;
pub mod messaging;
pub mod notify;
pub mod page_texts;
pub mod staff;
pub mod time;
pub mod ui;

// The glossary's check reads every domain's texts, so it lives at the root, above them all; it
// reads content/glossary.toml with the toml crate, which comes with the server build.
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(all(test, feature = "ssr"))]
mod glossary;
#[cfg(all(test, feature = "ssr"))]
mod hostile_input;
#[cfg(all(test, feature = "ssr"))]
mod layers;
#[cfg(feature = "ssr")]
pub mod platform;

/// The domains that keep personal data, for the data export and account deletion, in the
/// order they are asked (memberships before the account's other rows go).
#[cfg(feature = "ssr")]
pub fn personal_data() -> Vec<&'static dyn auth::personal::PersonalData> {
    vec![
        &membership::personal::Memberships,
        &learning::personal::Learning,
        &lifecycle::personal::Charters,
        &messaging::personal::Messaging,
        &staff::personal::Invitations,
    ]
}

use crate::i18n::{Common, detect_lang, t};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    send_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <meta name="request-id" content=request_id()/>
                <meta name="description" content=Common::MetaDescription.get(lang)/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone()/>
                <AutoReload options=options.clone()/>
                <hydration::Hydration options/>
                <script id=i18n::PAGE_TEXTS_ID type="application/json" inner_html=page_texts::page_texts_json(lang)></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The id of the request that renders the page (see `ui::ErrorMessage`).
fn request_id() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<platform::RequestId>().map(|id| id.0.clone()))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// The Content-Security-Policy of a rendered page: scripts from this site and the inline ones
/// Leptos writes with this response's nonce (nothing injected can run), WebAssembly, no
/// plugins, no framing, forms only to this site.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Sends the page's Content-Security-Policy with the nonce of this render.
fn send_content_security_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
        && let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The signed-in user, or `None` for a visitor, with the count of unread notices and unseen
/// urgent alerts for the header.
#[server(endpoint = "auth/me", output = crate::codec::Json)]
pub async fn me() -> Result<Option<auth::types::SafeUser>, error::AppError> {
    let Some(mut user) = crate::auth::session::current_user().await? else { return Ok(None) };
    // Only the header needs the count, so it is read here and not for every server function.
    let state = crate::platform::state::app_state()?;
    let directory = crate::directory::state::Directory::of(&state)?;
    user.unread = crate::notify::repo::unread(&state.pool, user.id).await?;
    user.alerts = crate::messaging::repo::unseen_urgent(&state.pool, user.id).await?;
    let lang = crate::i18n::detect_lang();
    for grant in &mut user.grants {
        grant.scope_name = match (grant.bin_id, grant.zone_id, grant.nis) {
            (Some(bin), ..) => crate::directory::repo::bin_name(&state.pool, bin).await?,
            (_, Some(zone), _) => directory.geo.zone(zone).map(|z| z.names.get(lang).to_string()),
            (.., Some(nis)) => directory.geo.municipality(nis).map(|m| m.names.get(lang).to_string()),
            _ => None,
        };
    }
    Ok(Some(user))
}

/// Who is signed in, for every page.
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub user: Resource<Result<Option<auth::types::SafeUser>, error::AppError>>,
    /// Bumped by every action that signs a person in or out, so `user` is fetched again.
    pub changed: RwSignal<u64>,
}

/// Refreshes the signed-in user once `value` holds a success.
pub fn refresh_auth_on_success<T, V>(value: V)
where
    T: Clone + Send + Sync + 'static,
    V: Get<Value = Option<Result<T, error::AppError>>> + Send + Sync + 'static,
{
    if let Some(auth) = use_auth() {
        Effect::new(move |_| {
            if matches!(value.get(), Some(Ok(_))) {
                auth.changed.update(|n| *n += 1);
            }
        });
    }
}

/// The signed-in user resource and its actions.
pub fn use_auth() -> Option<AuthContext> {
    use_context::<AuthContext>()
}

/// The application: the router around the layout, which every page shares.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(detect_lang());

    view! {
        // A page without a title of its own is "Nabij"; the others are "<title> · Nabij".
        <Title text="" formatter=|title: String| {
            if title.is_empty() { "Nabij".to_string() } else { format!("{title} · Nabij") }
        }/>
        <Router>
            <Layout/>
        </Router>
    }
}

/// Every page at its address, in groups by part of the product. The server renders each page
/// whole; the browser runs only the page's islands.
macro_rules! page_groups {
    ($($group:ident { $($url0:tt $(| $url:tt)* => $page:path,)* })*) => {
        /// Every page at its address: the directory's first, then every other page, in the order
        /// of the table (a fixed address before one with a parameter in its place).
        #[component]
        fn PageRoutes() -> impl IntoView {
            view! {
                <Routes fallback=ui::NotFound>
                    <Route path=path!("/") view=directory::pages::HomePage ssr=SsrMode::Async/>
                    $($(<Route path=path!($url0) view=$page ssr=SsrMode::Async/>
                        $(<Route path=path!($url) view=$page ssr=SsrMode::Async/>)*)*)*
                </Routes>
            }
        }
    };
}

page_groups! {
    public_bin {
        "/bin/:id" => crate::directory::pages::BinPage,
    }
    account {
        "/signin" => crate::auth::pages::SignInPage,
        "/signup" => crate::auth::pages::SignUpPage,
        "/signup/sent" => crate::auth::pages::SignUpSentPage,
        "/confirm" => crate::auth::pages::ConfirmPage,
        "/confirm-email-change" => crate::auth::pages::ConfirmEmailChangePage,
        "/forgot" => crate::auth::pages::ForgotPage,
        "/forgot/sent" => crate::auth::pages::ForgotSentPage,
        "/reset" => crate::auth::pages::ResetPage,
        "/account" => crate::auth::pages::AccountPage,
    }
    membership_pages {
        "/bin/:id/join" => crate::membership::pages::JoinPage,
        "/bin/:id/manage" => crate::membership::pages::ManagePage,
        "/my" => crate::membership::pages::MyBinsPage,
    }
    learning_pages {
        "/learn" => crate::learning::pages::TrackPage,
        "/learn/:course" => crate::learning::pages::CoursePage,
        "/learn/:course/quiz" => crate::learning::pages::QuizPage,
        "/learn/:course/lessons/:lesson" => crate::learning::pages::LessonPage,
        "/review" => crate::learning::pages::ReviewPage,
        "/certificate" => crate::learning::pages::CertificatePage,
        "/verify" | "/verify/:code" => crate::learning::pages::VerifyPage,
    }
    dashboard_pages {
        "/dashboard" => crate::dashboard::pages::DashboardPage,
        "/registry" => crate::dashboard::pages::RegistryPage,
        "/registry/import" => crate::dashboard::pages::ImportPage,
    }
    messaging_pages {
        "/inbox" => crate::messaging::pages::InboxPage,
        "/messages" => crate::messaging::pages::MessagesPage,
        "/messages/new" => crate::messaging::pages::ComposePage,
        "/messages/settings" => crate::messaging::pages::SettingsPage,
        "/messages/:id" => crate::messaging::pages::MessagePage,
        "/seen/:token" => crate::messaging::pages::SeenPage,
        "/report" => crate::messaging::reports::pages::ReportFormPage,
        "/reports" => crate::messaging::reports::pages::ReportsPage,
        "/reports/:id" => crate::messaging::reports::pages::ReportPage,
    }
    info_pages {
        "/privacy" => crate::info::PrivacyPage,
        "/rules" => crate::info::RulesPage,
    }
    staff_pages {
        "/staff" => crate::staff::pages::StaffPage,
        "/invitation/:token" => crate::staff::pages::InvitationPage,
        "/audit" => crate::staff::pages::AuditPage,
    }
    lifecycle_pages {
        "/start" => crate::lifecycle::pages::StartPage,
        "/bin/:id/life" => crate::lifecycle::pages::LifePage,
        "/bin/:id/charter" => crate::lifecycle::pages::CharterPage,
        "/initiatives" => crate::lifecycle::pages::InitiativesPage,
    }
}

/// Header, routes and footer. Actions are created inside the pages (under `<Routes>`), where
/// an error that a form sent without JavaScript brings back in the URL reaches them.
#[component]
fn Layout() -> impl IntoView {
    let changed = RwSignal::new(0_u64);
    let user = Resource::new(move || changed.get(), |_| me());
    provide_context(AuthContext { user, changed });

    view! {
        <a class="skip-link" href="#main">{t(Common::SkipToContent)}</a>
        <ui::Header/>
        // Pages render whole on the server (async mode), so they read the same without JavaScript.
        <main id="main" tabindex="-1">
            <PageRoutes/>
        </main>
        <ui::Footer/>
    }
}
