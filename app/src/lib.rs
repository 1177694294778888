//! Nabij: everything the browser and the server share — pages, components, wire types and
//! server functions — and, behind the `ssr` feature, the server side of each domain.

pub mod auth;
pub mod dashboard;
pub mod directory;
pub mod error;
pub mod i18n;
pub mod learning;
pub mod membership;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod platform;

use crate::auth::api::me;
use crate::i18n::{T, detect_lang, t};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone()/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
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
        <Title formatter=|title: String| {
            if title.is_empty() { "Nabij".to_string() } else { format!("{title} · Nabij") }
        }/>
        <Router>
            <Layout/>
        </Router>
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
        <a class="skip-link" href="#main">{t(T::SkipToContent)}</a>
        <ui::Header/>
        // Pages render whole on the server (async mode), so they read the same without JavaScript.
        <main id="main" tabindex="-1">
            <Routes fallback=ui::NotFound>
                <Route path=path!("/") view=directory::home::HomePage ssr=SsrMode::Async/>
                <Route path=path!("/bin/:id") view=directory::bin_page::BinPage ssr=SsrMode::Async/>
                <Route path=path!("/bin/:id/join") view=membership::pages::JoinPage ssr=SsrMode::Async/>
                <Route path=path!("/bin/:id/manage") view=membership::pages::ManagePage ssr=SsrMode::Async/>
                <Route path=path!("/my") view=membership::pages::MyBinsPage ssr=SsrMode::Async/>
                <Route path=path!("/inbox") view=membership::pages::InboxPage ssr=SsrMode::Async/>
                <Route path=path!("/signin") view=auth::pages::SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/signup") view=auth::pages::SignUpPage ssr=SsrMode::Async/>
                <Route path=path!("/signup/sent") view=auth::pages::SignUpSentPage ssr=SsrMode::Async/>
                <Route path=path!("/confirm") view=auth::pages::ConfirmPage ssr=SsrMode::Async/>
                <Route path=path!("/confirm-email-change") view=auth::pages::ConfirmEmailChangePage ssr=SsrMode::Async/>
                <Route path=path!("/forgot") view=auth::pages::ForgotPage ssr=SsrMode::Async/>
                <Route path=path!("/forgot/sent") view=auth::pages::ForgotSentPage ssr=SsrMode::Async/>
                <Route path=path!("/reset") view=auth::pages::ResetPage ssr=SsrMode::Async/>
                <Route path=path!("/account") view=auth::pages::AccountPage ssr=SsrMode::Async/>
                <Route path=path!("/learn") view=learning::pages::TrackPage ssr=SsrMode::Async/>
                <Route path=path!("/learn/:course") view=learning::pages::CoursePage ssr=SsrMode::Async/>
                <Route path=path!("/learn/:course/quiz") view=learning::pages::QuizPage ssr=SsrMode::Async/>
                <Route path=path!("/learn/:course/lessons/:lesson") view=learning::pages::LessonPage ssr=SsrMode::Async/>
                <Route path=path!("/review") view=learning::pages::ReviewPage ssr=SsrMode::Async/>
                <Route path=path!("/certificate") view=learning::pages::CertificatePage ssr=SsrMode::Async/>
                <Route path=path!("/verify") view=learning::pages::VerifyPage ssr=SsrMode::Async/>
                <Route path=path!("/verify/:code") view=learning::pages::VerifyPage ssr=SsrMode::Async/>
                <Route path=path!("/dashboard") view=dashboard::DashboardPage ssr=SsrMode::Async/>
                <Route path=path!("/registry") view=dashboard::registry_page::RegistryPage ssr=SsrMode::Async/>
            </Routes>
        </main>
        <ui::Footer/>
    }
}
