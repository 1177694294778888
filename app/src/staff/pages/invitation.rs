//! `/invitation/{token}`: accepting an invitation.

use crate::i18n::{Common, fill, t, use_lang};
use crate::staff::api::AcceptInvitation;
use crate::staff::api::invitation;
use crate::staff::texts::T;
use crate::staff::types::{InvitationState, InvitationView};
use crate::ui::{ActionError, ErrorMessage, Submit, encode_component};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, invitation);
    view! {
        <Title text=t(T::Invitation)/>
        <section class="page narrow">
            <h1>{t(T::Invitation)}</h1>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Invited view token=token()/> }.into_any(),
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Invited(view: InvitationView, token: String) -> impl IntoView {
    let lang = use_lang();
    let accept = ServerAction::<AcceptInvitation>::new();
    crate::refresh_auth_on_success(accept.value());
    let role = t(view.role.label()).to_lowercase();
    let scope = match &view.municipality {
        Some(m) => format!("{m} ({} {})", t(Common::PoliceZone).to_lowercase(), view.zone),
        None => format!("{} {}", t(Common::PoliceZone).to_lowercase(), view.zone),
    };
    let here = format!("/invitation/{token}");
    let body = match (view.state, &view.signed_in_as) {
        (InvitationState::Open, None) => view! {
            <p>{fill(lang, t(T::InvitationIsFor), std::slice::from_ref(&view.email))}" "{t(T::InvitationSignInFirst)}</p>
            <p>
                <a class="button primary" href=format!("/signin?next={}", encode_component(&here)) data-test-invitation-signin="">{t(Common::SignIn)}</a>" "
                <a class="button" href=format!("/signup?next={}", encode_component(&here))>{t(Common::SignUp)}</a>
            </p>
        }.into_any(),
        (InvitationState::Open, Some(me)) if !me.eq_ignore_ascii_case(&view.email) => view! {
            <p>{fill(lang, t(T::SignedInAs), std::slice::from_ref(me))}</p>
            <ErrorMessage error=crate::error::AppError::InvitationOtherAccount/>
        }.into_any(),
        (InvitationState::Open, Some(_)) => view! {
            <p>{fill(lang, t(T::InvitationIsFor), std::slice::from_ref(&view.email))}</p>
            <ActionForm action=accept attr:class="stack" attr:data-test-form="accept-invitation">
                <ActionError value=accept.value()/>
                <input type="hidden" name="token" value=token.clone()/>
                <Submit label=t(T::AcceptInvitation) pending=accept.pending().into()/>
            </ActionForm>
        }.into_any(),
        _ => view! { <ErrorMessage error=crate::error::AppError::InvitationClosed/> }.into_any(),
    };
    view! {
        <p class="lead" data-test-invited-as="">{fill(lang, t(T::InvitedAs), &[role, scope])}</p>
        {body}
    }
}
