//! The account page: profile, e-mail address, password, data export, roles, sign-out and
//! deletion of the account.

use super::NewPasswordPair;
use crate::auth::api::{ChangeEmail, ChangePassword, DeleteAccount, ExportMyData, SignOut, UpdateProfile};
use crate::auth::texts::T;
use crate::auth::types::SafeUser;
use crate::i18n::{Common, Lang, t};
use crate::ui::{ActionError, ErrorMessage, Notice, Submit};
use crate::use_auth;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let Some(auth) = use_auth() else { return ().into_any() };
    view! {
        <Title text=t(Common::NavAccount)/>
        <section class="page">
            <h1>{t(Common::NavAccount)}</h1>
            <Transition fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => view! { <Account user/> }.into_any(),
                        Ok(None) => view! {
                            <p data-test-not-signed-in="">{t(T::SignInFirst)}" "<a href="/signin">{t(Common::SignIn)}</a></p>
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

#[component]
fn Account(user: SafeUser) -> impl IntoView {
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("welcome").is_some() {
            Some(t(T::WelcomeConfirmed))
        } else if q.get("password").is_some() {
            Some(t(T::PasswordSaved))
        } else if q.get("email").is_some() {
            Some(t(T::EmailChanged))
        } else if q.get("profile").is_some() {
            Some(t(T::ProfileSaved))
        } else if q.get("role").is_some() {
            Some(t(T::RoleAccepted))
        } else {
            None
        }
    };
    let sign_out = ServerAction::<SignOut>::new();
    crate::refresh_auth_on_success(sign_out.value());
    let greeting = format!("{} {}", t(T::Hello), user.display_name);
    view! {
        {move || notice().map(|text| view! { <Notice text/> })}
        <p class="lead" data-test-greeting="">{greeting}</p>
        <div class="cards">
            <ProfileCard user=user.clone()/>
            <EmailCard email=user.email.clone()/>
            <PasswordCard/>
            <RolesCard user=user.clone()/>
            <section class="card" aria-labelledby="data-title">
                <h2 id="data-title">{t(T::YourData)}</h2>
                <p>{t(T::ExportIntro)}</p>
                <p><a class="button" href=ExportMyData::PATH download="nabij-my-data.json" rel="external" data-test-export="">{t(T::ExportData)}</a></p>
                <ActionForm action=sign_out attr:data-test-form="sign-out">
                    <button type="submit">{t(T::SignOut)}</button>
                </ActionForm>
            </section>
            <DeleteCard/>
        </div>
    }
}

#[component]
fn ProfileCard(user: SafeUser) -> impl IntoView {
    let action = ServerAction::<UpdateProfile>::new();
    crate::refresh_auth_on_success(action.value());
    let current = Lang::parse(&user.lang).unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="profile-title">
            <h2 id="profile-title">{t(T::Profile)}</h2>
            <ActionForm action attr:class="stack" attr:data-test-form="profile">
                <ActionError value=action.value()/>
                <label for="profile-name">{t(T::DisplayName)}</label>
                <input id="profile-name" name="display_name" type="text" required maxlength="80" value=user.display_name.clone()/>
                <label for="profile-lang">{t(T::MailLanguage)}</label>
                <select id="profile-lang" name="lang">
                    {Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=l == current>{l.native_name()}</option>
                    }).collect_view()}
                </select>
                <Submit label=t(Common::Save) pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn EmailCard(email: String) -> impl IntoView {
    let action = ServerAction::<ChangeEmail>::new();
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">{t(Common::Email)}</h2>
            <p>{t(T::CurrentEmail)}" "<strong data-test-current-email="">{email}</strong></p>
            <ActionForm action attr:class="stack" attr:data-test-form="change-email">
                <ActionError value=action.value()/>
                {move || sent().then(|| view! { <Notice text=t(T::ChangeEmailSent)/> })}
                <label for="email-new">{t(T::NewEmail)}</label>
                <input id="email-new" name="new_email" type="email" autocomplete="email" required maxlength="254"/>
                <label for="email-password">{t(T::CurrentPassword)}</label>
                <input id="email-password" name="password" type="password" autocomplete="current-password" required maxlength="200"/>
                <Submit label=t(T::ChangeEmail) pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordCard() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">{t(T::Password)}</h2>
            <ActionForm action attr:class="stack" attr:data-test-form="change-password">
                <ActionError value=action.value()/>
                {move || saved().then(|| view! { <Notice text=t(T::PasswordSaved)/> })}
                <label for="pw-current">{t(T::CurrentPassword)}</label>
                <input id="pw-current" name="current" type="password" autocomplete="current-password" required maxlength="200"/>
                <NewPasswordPair id="pw-new"/>
                <Submit label=t(T::SavePassword) pending=action.pending().into()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn RolesCard(user: SafeUser) -> impl IntoView {
    let roles: Vec<String> = user
        .grants
        .iter()
        .map(|g| {
            let name = t(g.role.label());
            match (&g.scope_name, g.zone_id, g.bin_id, g.nis) {
                (Some(scope), Some(_), ..) => format!("{name}, {} {scope}", t(Common::PoliceZone)),
                (Some(scope), ..) => format!("{name}, {scope}"),
                (None, Some(zone), ..) => format!("{name}, {} {zone}", t(Common::PoliceZone)),
                (None, _, Some(bin), _) => format!("{name}, {} {bin}", t(Common::NetworkColumn)),
                (None, .., Some(nis)) => format!("{name}, NIS {nis}"),
                _ => name.to_string(),
            }
        })
        .collect();
    view! {
        <section class="card" aria-labelledby="roles-title">
            <h2 id="roles-title">{t(T::YourRoles)}</h2>
            {if roles.is_empty() {
                view! { <p data-test-no-roles="">{t(T::NoRoles)}</p> }.into_any()
            } else {
                view! { <ul data-test-roles="">{roles.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

#[component]
fn DeleteCard() -> impl IntoView {
    let action = ServerAction::<DeleteAccount>::new();
    crate::refresh_auth_on_success(action.value());
    view! {
        <section class="card danger" aria-labelledby="delete-title">
            <h2 id="delete-title">{t(T::DeleteAccount)}</h2>
            <details>
                <summary>{t(T::DeleteAccountOpen)}</summary>
                <p>{t(T::DeleteAccountWarning)}</p>
                <ActionForm action attr:class="stack" attr:data-test-form="delete-account">
                    <ActionError value=action.value()/>
                    <label for="delete-password">{t(T::DeleteConfirmPassword)}</label>
                    <input id="delete-password" name="password" type="password" autocomplete="current-password" required maxlength="200"/>
                    <Submit label=t(T::DeleteAccountButton) pending=action.pending().into()/>
                </ActionForm>
            </details>
        </section>
    }
}
