//! `/bin/{id}/join`: asking to join a network, signing in on the way if needed.

use super::{DecadeSelect, LangSelect, loading, state_label};
use crate::i18n::{Common, t, use_lang};
use crate::membership::api::{JoinBin, join_info};
use crate::membership::texts::T;
use crate::membership::types::{JoinContext, JoinOutcome};
use crate::ui::{ActionError, PageError, Submit, encode_component};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn JoinPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let join = ServerAction::<JoinBin>::new();
    let data = Resource::new(move || (id(), join.version().get()), |(id, _)| join_info(id));
    view! {
        <Title text=t(T::JoinTitle)/>
        <section class="page narrow">
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(context) => view! { <Join context join/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/" back_label=t(Common::BackHome)/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Join(context: JoinContext, join: ServerAction<JoinBin>) -> impl IntoView {
    let here = format!("/bin/{}/join", context.bin_id);
    let (bin_id, bin_name, municipality) = (context.bin_id, context.bin_name.clone(), context.municipality.clone());
    let heading = format!("{} {}", t(T::JoinTitle), context.bin_name);
    let outcome = move || match join.value().get() {
        Some(Ok(JoinOutcome::OtherBin { id, name })) => Some(
            view! {
                <div class="message" role="status" data-test-join="other-bin">
                    <p>{t(T::AddressInOtherBin)}" "<a href=format!("/bin/{id}/join")>{name}</a></p>
                </div>
            }
            .into_any(),
        ),
        Some(Ok(JoinOutcome::Requested)) | Some(Ok(JoinOutcome::AlreadyRequested)) => Some(
            view! {
                <p class="message success" role="status" data-test-join="requested">{t(T::JoinRequested)}</p>
            }
            .into_any(),
        ),
        Some(Ok(JoinOutcome::AlreadyMember)) => Some(
            view! {
                <p class="message success" role="status" data-test-join="member">{t(T::AlreadyMember)}</p>
            }
            .into_any(),
        ),
        _ => None,
    };
    let body = if !context.signed_in {
        let next = encode_component(&here);
        view! {
            <p>{t(T::JoinSignInFirst)}</p>
            <p class="actions">
                <a class="button primary" href=format!("/signin?next={next}") data-test-join-signin="">{t(Common::SignIn)}</a>
                <a class="button" href=format!("/signup?next={next}") data-test-join-signup="">{t(Common::CreateAccount)}</a>
            </p>
        }
        .into_any()
    } else if let Some(state) = context.state.filter(|s| {
        matches!(s, crate::membership::types::MemberState::Pending | crate::membership::types::MemberState::Active)
    }) {
        view! {
            <p class="message success" data-test-join-state=state.code()>{state_label(state)}</p>
            <p><a href="/my">{t(Common::MyBins)}</a></p>
        }
        .into_any()
    } else {
        view! { <JoinForm context join/> }.into_any()
    };
    view! {
        <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)>
            <a href=format!("/bin/{bin_id}")>{bin_name}</a>
        </nav>
        <h1>{heading}</h1>
        <p class="lead">{municipality}</p>
        {outcome}
        {body}
    }
}

#[component]
fn JoinForm(context: JoinContext, join: ServerAction<JoinBin>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ActionForm action=join attr:class="stack" attr:data-test-form="join">
            <ActionError value=join.value()/>
            <input type="hidden" name="bin_id" value=context.bin_id.to_string()/>
            <p class="hint">{t(T::JoinAddressWhy)}</p>
            <label for="join-street">{t(T::Street)}</label>
            <input id="join-street" name="street" type="text" required maxlength="100" autocomplete="address-line1"/>
            <label for="join-number">{t(T::HouseNumber)}</label>
            <input id="join-number" name="house_number" type="text" required maxlength="12" inputmode="numeric"/>
            <label for="join-postcode">{t(T::Postcode)}</label>
            <input id="join-postcode" name="postcode" type="text" required pattern="[0-9]{4}" maxlength="4" inputmode="numeric" autocomplete="postal-code" value=context.postcode.clone()/>
            <label for="join-phone">{t(T::PhoneOptional)}</label>
            <input id="join-phone" name="phone" type="tel" maxlength="25" autocomplete="tel" aria-describedby="join-phone-hint"/>
            <p class="hint" id="join-phone-hint">{t(T::PhoneWhy)}</p>
            <label for="join-lang">{t(T::MessagesLanguage)}</label>
            <LangSelect id="join-lang" current=lang/>
            <DecadeSelect id="join-decade" current=None/>
            <fieldset class="consents">
                <legend>{t(T::Agreements)}</legend>
                <p class="hint">{t(T::RulesText)}" "<a href="/rules" target="_blank" rel="external noopener" data-test-rules-link="">{t(T::ReadMembersRules)}</a></p>
                <label class="choice"><input type="checkbox" name="accept_rules" value="yes" required/>" "{t(T::AcceptRules)}</label>
                <p class="hint">{t(T::PrivacyText)}" "<a href="/privacy" target="_blank" rel="external noopener" data-test-privacy-notice="">{t(Common::ReadPrivacyNotice)}</a></p>
                <label class="choice"><input type="checkbox" name="accept_privacy" value="yes" required/>" "{t(T::AcceptPrivacy)}</label>
                <p class="hint">{format!("{} {}", t(T::ConsentVersion), context.consent_version)}</p>
            </fieldset>
            <Submit label=t(T::SendRequest) pending=join.pending().into()/>
        </ActionForm>
    }
}
