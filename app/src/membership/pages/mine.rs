//! `/my`: the caller's networks and requests; what they share; leaving; answering a handover;
//! raising a hand where a network looks for a coordinator.

use super::{DecadeSelect, LangSelect, loading, state_label};
use crate::i18n::{Common, Lang, t};
use crate::membership::api::{LeaveBin, UpdateSharing, my_bins};
use crate::membership::succession::{AnswerHandover, RaiseHand};
use crate::membership::texts::T;
use crate::membership::types::{MemberState, MyBin};
use crate::ui::{ActionError, ErrorMessage, Notice, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MyBinsPage() -> impl IntoView {
    let leave = ServerAction::<LeaveBin>::new();
    let sharing = ServerAction::<UpdateSharing>::new();
    let answer = ServerAction::<AnswerHandover>::new();
    let hand = ServerAction::<RaiseHand>::new();
    // Saving what one shares comes back here with `?saved=1`, with or without JavaScript.
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let data = Resource::new(
        move || (leave.version().get(), sharing.version().get(), answer.version().get(), hand.version().get()),
        |_| my_bins(),
    );
    view! {
        <Title text=t(Common::MyBins)/>
        <section class="page">
            <h1>{t(Common::MyBins)}</h1>
            <p class="actions"><a href="/initiatives" data-test-initiatives-link="">{t(Common::Initiatives)}</a>" · "<a href="/start">{t(Common::StartBin)}</a></p>
            {move || saved().then(|| view! { <Notice text=t(T::SharingSaved)/> })}
            <ActionError value=leave.value()/>
            <ActionError value=sharing.value()/>
            <ActionError value=answer.value()/>
            <ActionError value=hand.value()/>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(bins) if bins.is_empty() => view! {
                            <p class="empty-state" data-test-my-bins="0">{t(T::NoBinsYet)}" "<a href="/">{t(Common::NavFind)}</a></p>
                        }.into_any(),
                        Ok(bins) => {
                            let count = bins.len();
                            view! {
                                <div class="cards" data-test-my-bins=count>
                                    {bins.into_iter().map(|bin| view! { <BinCard bin leave sharing answer hand/> }).collect_view()}
                                </div>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error/><p><a href="/signin?next=%2Fmy">{t(Common::SignIn)}</a></p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn BinCard(
    bin: MyBin,
    leave: ServerAction<LeaveBin>,
    sharing: ServerAction<UpdateSharing>,
    answer: ServerAction<AnswerHandover>,
    hand: ServerAction<RaiseHand>,
) -> impl IntoView {
    let id = bin.bin_id;
    let lang = Lang::parse(&bin.lang).unwrap_or_default();
    let active = bin.state == MemberState::Active;
    view! {
        <section class="card" data-test-my-bin=id data-test-state=bin.state.code()>
            <h2><a href=format!("/bin/{id}")>{bin.bin_name.clone()}</a></h2>
            <p class="course-state">{state_label(bin.state)}</p>
            {bin.manages.then(|| view! { <p><a class="button primary" href=format!("/bin/{id}/manage")>{t(T::ManageBin)}</a></p> })}
            {bin.handover_offer.map(|offer| view! {
                <div class="message" data-test-handover-offer="">
                    <p>{t(T::HandoverOfferedToYou)}</p>
                    <div class="actions">
                        <ActionForm action=answer attr:data-test-form="handover-accept">
                            <input type="hidden" name="handover_id" value=offer.to_string()/>
                            <input type="hidden" name="accept" value="true"/>
                            <Submit label=t(T::AcceptHandover) pending=answer.pending().into()/>
                        </ActionForm>
                        <ActionForm action=answer attr:data-test-form="handover-decline">
                            <input type="hidden" name="handover_id" value=offer.to_string()/>
                            <input type="hidden" name="accept" value="false"/>
                            <button type="submit">{t(T::DeclineHandover)}</button>
                        </ActionForm>
                    </div>
                </div>
            })}
            {(active && bin.looking_for_coordinator).then(|| if bin.can_help {
                view! { <p class="message success">{t(T::HandRaised)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=hand attr:data-test-form="raise-hand">
                        <p>{t(Common::LookingForCoordinator)}</p>
                        <input type="hidden" name="bin_id" value=id/>
                        <Submit label=t(T::ICanHelp) pending=hand.pending().into()/>
                    </ActionForm>
                }.into_any()
            })}
            {bin.membership.then(|| view! {
            <details>
                <summary>{t(T::WhatYouShare)}</summary>
                <ActionForm action=sharing attr:class="stack" attr:data-test-form="sharing">
                    <input type="hidden" name="bin_id" value=id/>
                    <label for=format!("phone-{id}")>{t(T::PhoneOptional)}</label>
                    <input id=format!("phone-{id}") name="phone" type="tel" maxlength="25" value=bin.phone.clone().unwrap_or_default()/>
                    <label for=format!("lang-{id}")>{t(T::MessagesLanguage)}</label>
                    <LangSelect id=format!("lang-{id}") current=lang/>
                    <DecadeSelect id=format!("decade-{id}") current=bin.birth_decade/>
                    <Submit label=t(Common::Save) pending=sharing.pending().into()/>
                </ActionForm>
            </details>
            <details>
                <summary>{if active { t(T::LeaveBin) } else { t(T::WithdrawRequest) }}</summary>
                <ActionForm action=leave attr:class="stack" attr:data-test-form="leave">
                    <input type="hidden" name="bin_id" value=id/>
                    <label class="choice"><input type="checkbox" name="confirm" value="yes" required/>" "{t(T::LeaveConfirm)}</label>
                    <Submit label=if active { t(T::LeaveBin) } else { t(T::WithdrawRequest) } pending=leave.pending().into()/>
                </ActionForm>
            </details>
            })}
        </section>
    }
}
