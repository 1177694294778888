//! Nabij: everything the browser and the server share — pages, components, wire types and
//! server functions — and, behind the `ssr` feature, the server side of each domain.

pub mod auth;
pub mod codec;
pub mod dashboard;
pub mod directory;
pub mod error;
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
use leptos_router::{Lazy, SsrMode, path};

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
                <HydrationScripts options/>
                <script id=i18n::PAGE_TEXTS_ID type="application/json" inner_html=page_texts::page_texts_json(lang, !page_texts::is_directory_page())></script>
                <MetaTags/>
                {live_script(lang)}
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

/// The script that brings live events (a new urgent alert, a message's reception) to a
/// signed-in reader's page. Every page has it, as a reader may sign in without a new page; it
/// connects only while the header shows someone signed in.
fn live_script(lang: i18n::Lang) -> impl IntoView {
    view! {
        <script src="/live.js" defer nonce=use_nonce() data-new-alert=Common::LiveNewAlert.get(lang) data-close=Common::Close.get(lang)></script>
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

    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(body) = leptos::prelude::document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        // An empty text of its own keeps "Nabij" as the title while a lazily loaded page hydrates
        // (its own title comes with it), so the document never has an empty title.
        <Title text="" formatter=|title: String| {
            if title.is_empty() { "Nabij".to_string() } else { format!("{title} · Nabij") }
        }/>
        <Router>
            <Layout/>
        </Router>
    }
}

/// Every page but the directory is loaded the first time it is needed, with the other pages of
/// its part of the product: one WebAssembly module per group when built with `--split`, so the
/// first visit to the directory downloads neither the learning module nor the dashboards. Pages
/// are grouped rather than split one by one: code shared by some of the pages of a group stays in
/// the group's module instead of becoming a module (and a loader in every first visit) of its own.
macro_rules! lazy_page_groups {
    ($($group:ident { $($route:ident => $page:path,)* })*) => {$(
        mod $group {
            use leptos::prelude::*;

            // The variants are named after the route types they stand for.
            #[allow(clippy::enum_variant_names)]
            #[derive(Clone, Copy)]
            pub enum Page {
                $($route,)*
            }

            #[leptos::lazy($group)]
            pub fn view(page: Page) -> AnyView {
                match page {
                    $(Page::$route => $page().into_any(),)*
                }
            }

            $(
                #[derive(Clone)]
                pub struct $route;

                impl leptos_router::LazyRoute for $route {
                    fn data() -> Self {
                        $route
                    }

                    async fn view(_this: Self) -> AnyView {
                        // The group's module downloads while the texts the page may lack arrive.
                        #[cfg(target_arch = "wasm32")]
                        leptos::task::spawn_local(__preload_view());
                        crate::page_texts::ensure_every_text().await;
                        view(Page::$route).await
                    }

                    async fn preload() {
                        #[cfg(target_arch = "wasm32")]
                        __preload_view().await;
                    }
                }
            )*
        }
        use $group::{$($route),*};
    )*};
}

lazy_page_groups! {
    public_bin {
        LazyBinPage => crate::directory::pages::BinPage,
    }
    account {
        LazySignInPage => crate::auth::pages::SignInPage,
        LazySignUpPage => crate::auth::pages::SignUpPage,
        LazySignUpSentPage => crate::auth::pages::SignUpSentPage,
        LazyConfirmPage => crate::auth::pages::ConfirmPage,
        LazyConfirmEmailChangePage => crate::auth::pages::ConfirmEmailChangePage,
        LazyForgotPage => crate::auth::pages::ForgotPage,
        LazyForgotSentPage => crate::auth::pages::ForgotSentPage,
        LazyResetPage => crate::auth::pages::ResetPage,
        LazyAccountPage => crate::auth::pages::AccountPage,
    }
    membership_pages {
        LazyJoinPage => crate::membership::pages::JoinPage,
        LazyManagePage => crate::membership::pages::ManagePage,
        LazyMyBinsPage => crate::membership::pages::MyBinsPage,
    }
    learning_pages {
        LazyTrackPage => crate::learning::pages::TrackPage,
        LazyCoursePage => crate::learning::pages::CoursePage,
        LazyQuizPage => crate::learning::pages::QuizPage,
        LazyLessonPage => crate::learning::pages::LessonPage,
        LazyReviewPage => crate::learning::pages::ReviewPage,
        LazyCertificatePage => crate::learning::pages::CertificatePage,
        LazyVerifyPage => crate::learning::pages::VerifyPage,
    }
    dashboard_pages {
        LazyDashboardPage => crate::dashboard::pages::DashboardPage,
        LazyRegistryPage => crate::dashboard::pages::RegistryPage,
        LazyImportPage => crate::dashboard::pages::ImportPage,
    }
    messaging_pages {
        LazyInboxPage => crate::messaging::pages::InboxPage,
        LazyMessagesPage => crate::messaging::pages::MessagesPage,
        LazyComposePage => crate::messaging::pages::ComposePage,
        LazyMessagePage => crate::messaging::pages::MessagePage,
        LazySeenPage => crate::messaging::pages::SeenPage,
        LazySettingsPage => crate::messaging::pages::SettingsPage,
        LazyReportFormPage => crate::messaging::reports::pages::ReportFormPage,
        LazyReportsPage => crate::messaging::reports::pages::ReportsPage,
        LazyReportPage => crate::messaging::reports::pages::ReportPage,
    }
    info_pages {
        LazyPrivacyPage => crate::info::PrivacyPage,
        LazyRulesPage => crate::info::RulesPage,
    }
    staff_pages {
        LazyStaffPage => crate::staff::pages::StaffPage,
        LazyInvitationPage => crate::staff::pages::InvitationPage,
        LazyAuditPage => crate::staff::pages::AuditPage,
    }
    lifecycle_pages {
        LazyStartPage => crate::lifecycle::pages::StartPage,
        LazyLifePage => crate::lifecycle::pages::LifePage,
        LazyCharterPage => crate::lifecycle::pages::CharterPage,
        LazyInitiativesPage => crate::lifecycle::pages::InitiativesPage,
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
            <Routes fallback=ui::NotFound>
                <Route path=path!("/") view=directory::pages::HomePage ssr=SsrMode::Async/>
                <Route path=path!("/bin/:id") view={Lazy::<LazyBinPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/bin/:id/join") view={Lazy::<LazyJoinPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/bin/:id/manage") view={Lazy::<LazyManagePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/my") view={Lazy::<LazyMyBinsPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/inbox") view={Lazy::<LazyInboxPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/signin") view={Lazy::<LazySignInPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/signup") view={Lazy::<LazySignUpPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/signup/sent") view={Lazy::<LazySignUpSentPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/confirm") view={Lazy::<LazyConfirmPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/confirm-email-change") view={Lazy::<LazyConfirmEmailChangePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/forgot") view={Lazy::<LazyForgotPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/forgot/sent") view={Lazy::<LazyForgotSentPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/reset") view={Lazy::<LazyResetPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account") view={Lazy::<LazyAccountPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/learn") view={Lazy::<LazyTrackPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/learn/:course") view={Lazy::<LazyCoursePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/learn/:course/quiz") view={Lazy::<LazyQuizPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/learn/:course/lessons/:lesson") view={Lazy::<LazyLessonPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/review") view={Lazy::<LazyReviewPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/certificate") view={Lazy::<LazyCertificatePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/verify") view={Lazy::<LazyVerifyPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/verify/:code") view={Lazy::<LazyVerifyPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/dashboard") view={Lazy::<LazyDashboardPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/registry") view={Lazy::<LazyRegistryPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/registry/import") view={Lazy::<LazyImportPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/start") view={Lazy::<LazyStartPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/initiatives") view={Lazy::<LazyInitiativesPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/bin/:id/life") view={Lazy::<LazyLifePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/bin/:id/charter") view={Lazy::<LazyCharterPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/messages") view={Lazy::<LazyMessagesPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/messages/new") view={Lazy::<LazyComposePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/messages/settings") view={Lazy::<LazySettingsPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/messages/:id") view={Lazy::<LazyMessagePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/seen/:token") view={Lazy::<LazySeenPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/report") view={Lazy::<LazyReportFormPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/reports") view={Lazy::<LazyReportsPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/reports/:id") view={Lazy::<LazyReportPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/privacy") view={Lazy::<LazyPrivacyPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/rules") view={Lazy::<LazyRulesPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/staff") view={Lazy::<LazyStaffPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/invitation/:token") view={Lazy::<LazyInvitationPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/audit") view={Lazy::<LazyAuditPage>::new()} ssr=SsrMode::Async/>
            </Routes>
        </main>
        <ui::Footer/>
    }
}
