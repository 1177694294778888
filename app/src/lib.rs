//! Nabij: everything the browser and the server share — pages, components, wire types and
//! server functions — and, behind the `ssr` feature, the server side of each domain.

pub mod auth;
pub mod dashboard;
pub mod directory;
pub mod error;
pub mod i18n;
pub mod learning;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod platform;

use crate::auth::api::{SignIn, SignOut, me};
use crate::i18n::{T, detect_lang, t};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

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
                <link rel="stylesheet" href="/pkg/nabij.css"/>
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

/// Who is signed in, and the actions that change it, for every page.
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub user: Resource<Result<Option<auth::types::SafeUser>, error::AppError>>,
    pub sign_in: ServerAction<SignIn>,
    pub sign_out: ServerAction<SignOut>,
    /// Bumped by any other action that signs a person in or out (confirmation, reset, deletion).
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

/// The application: shell, routes and the context every page reads.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(detect_lang());
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let changed = RwSignal::new(0_u64);
    let user = Resource::new(move || (sign_in.version().get(), sign_out.version().get(), changed.get()), |_| me());
    provide_context(AuthContext { user, sign_in, sign_out, changed });

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
            <a class="skip-link" href="#main">{t(T::SkipToContent)}</a>
            <ui::Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=ui::NotFound>
                    <Route path=path!("/") view=directory::home::HomePage/>
                    <Route path=path!("/signin") view=auth::pages::SignInPage/>
                    <Route path=path!("/signup") view=auth::pages::SignUpPage/>
                    <Route path=path!("/signup/sent") view=auth::pages::SignUpSentPage/>
                    <Route path=path!("/confirm") view=auth::pages::ConfirmPage/>
                    <Route path=path!("/confirm-email-change") view=auth::pages::ConfirmEmailChangePage/>
                    <Route path=path!("/forgot") view=auth::pages::ForgotPage/>
                    <Route path=path!("/forgot/sent") view=auth::pages::ForgotSentPage/>
                    <Route path=path!("/reset") view=auth::pages::ResetPage/>
                    <Route path=path!("/account") view=auth::pages::AccountPage/>
                    <Route path=path!("/learn") view=learning::LearnPage/>
                    <Route path=path!("/dashboard") view=dashboard::DashboardPage/>
                </Routes>
            </main>
            <ui::Footer/>
        </Router>
    }
}
