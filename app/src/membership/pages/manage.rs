//! `/bin/{id}/manage`: for a network's coordinator and deputies: the continuity score and its
//! next step, pending requests first, the members, deputies, the CSV and the handover.

use super::{loading, state_label};
use crate::i18n::{Common, colon, t, use_lang};
use crate::membership::api::{DecideRequest, manage_bin};
use crate::membership::continuity::{Band, Continuity, Factor};
use crate::membership::succession::{OfferHandover, SetDeputy};
use crate::membership::texts::T;
use crate::membership::types::{ManageView, Member, MemberState};
use crate::time::format_date;
use crate::ui::{ActionError, PageError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ManagePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let decide = ServerAction::<DecideRequest>::new();
    let deputy = ServerAction::<SetDeputy>::new();
    let handover = ServerAction::<OfferHandover>::new();
    let data = Resource::new(
        move || (id(), decide.version().get(), deputy.version().get(), handover.version().get()),
        |(id, ..)| manage_bin(id),
    );
    view! {
        <Title text=t(T::ManageBin)/>
        <section class="page">
            <ActionError value=decide.value()/>
            <ActionError value=deputy.value()/>
            <ActionError value=handover.value()/>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Manage view decide deputy handover/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/my" back_label=t(Common::MyBins)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn factor_text(f: Factor) -> &'static str {
    match f {
        Factor::NoCoordinator => t(T::FactorNoCoordinator),
        Factor::NoDeputy => t(T::FactorNoDeputy),
        Factor::CoordinatorInactive => t(T::FactorInactive),
        Factor::CoordinatorQuiet => t(T::FactorQuiet),
        Factor::LongTenure => t(T::FactorLongTenure),
        Factor::CharterOverdue => t(T::FactorCharterOverdue),
        Factor::CharterDueSoon => t(T::FactorCharterDueSoon),
        Factor::Shrinking => t(T::FactorShrinking),
    }
}

/// The next step for a factor, in words.
pub fn step_text(f: Factor) -> &'static str {
    match f {
        Factor::NoCoordinator => t(T::StepFindCoordinator),
        Factor::NoDeputy => t(T::StepInviteDeputy),
        Factor::CoordinatorInactive | Factor::CoordinatorQuiet => t(T::StepShowActivity),
        Factor::LongTenure => t(T::StepPlanSuccession),
        Factor::CharterOverdue | Factor::CharterDueSoon => t(T::StepReviewCharter),
        Factor::Shrinking => t(T::StepInviteNeighbours),
    }
}

#[component]
fn Score(continuity: Continuity) -> impl IntoView {
    let band = match continuity.band() {
        Band::Good => (t(Common::BandGood), "good"),
        Band::Watch => (t(Common::BandWatch), "watch"),
        Band::AtRisk => (t(Common::BandAtRisk), "at-risk"),
    };
    view! {
        <section class=format!("card continuity {}", band.1) aria-labelledby="continuity-title" data-test-continuity=continuity.score.to_string()>
            <h2 id="continuity-title">{t(Common::Continuity)}{colon()}<span class="nowrap">{continuity.score}" / 100"</span>" · "{band.0}</h2>
            {continuity.next_step.map(|f| view! { <p class="next-step" data-test-next-step="">{t(Common::NextStep)}{colon()}<strong>{step_text(f)}</strong></p> })}
            {if continuity.factors.is_empty() {
                view! { <p>{t(T::ContinuityAllGood)}</p> }.into_any()
            } else {
                view! { <ul>{continuity.factors.iter().map(|f| view! { <li>{factor_text(*f)}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Manage(
    view: ManageView,
    decide: ServerAction<DecideRequest>,
    deputy: ServerAction<SetDeputy>,
    handover: ServerAction<OfferHandover>,
) -> impl IntoView {
    let bin_id = view.bin_id;
    let (pending, members): (Vec<Member>, Vec<Member>) =
        view.members.into_iter().partition(|m| m.state == MemberState::Pending);
    let pending_count = pending.len().to_string();
    let candidates: Vec<Member> = members.iter().filter(|m| !m.coordinator).cloned().collect();
    let is_coordinator = view.is_coordinator;
    view! {
        <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href=format!("/bin/{bin_id}")>{view.bin_name.clone()}</a></nav>
        <h1>{t(T::ManageBin)}{colon()}{view.bin_name.clone()}</h1>
        <Score continuity=view.continuity/>
        <section aria-labelledby="pending-title">
            <h2 id="pending-title">{t(Common::PendingRequests)}" ("{pending.len()}")"</h2>
            {pending.is_empty().then(|| view! { <p class="empty-state" data-test-pending="0">{t(T::NoPendingRequests)}</p> })}
            <ul class="requests" data-test-pending=pending_count>
                {pending.into_iter().map(|m| view! { <Request m bin_id decide/> }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="members-title">
            <h2 id="members-title">{t(Common::Members)}" ("{members.len()}")"</h2>
            <p><a class="button" href=format!("/bin/{bin_id}/members.csv") download="" rel="external" data-test-members-csv="">{t(T::DownloadCsv)}</a></p>
            <MemberTable members bin_id deputy is_coordinator/>
        </section>
        {is_coordinator.then(|| view! {
            <section class="card" aria-labelledby="handover-title">
                <h2 id="handover-title">{t(T::Handover)}</h2>
                <p>{t(T::HandoverIntro)}</p>
                {view.handover_to.clone().map(|name| view! { <p class="message" data-test-handover-open="">{t(T::HandoverWaiting)}" "<strong>{name}</strong></p> })}
                {if candidates.is_empty() {
                    view! { <p class="empty-state">{t(T::NoCandidates)}</p> }.into_any()
                } else {
                    view! {
                        <ActionForm action=handover attr:class="stack" attr:data-test-form="handover">
                            <input type="hidden" name="bin_id" value=bin_id.to_string()/>
                            <label for="handover-to">{t(T::Successor)}</label>
                            <select id="handover-to" name="to_user" required>
                                {candidates.into_iter().map(|m| view! { <option value=m.user_id.to_string()>{m.name}</option> }).collect_view()}
                            </select>
                            <Submit label=t(T::OfferHandover) pending=handover.pending().into()/>
                        </ActionForm>
                    }.into_any()
                }}
            </section>
        })}
    }
}

#[component]
fn Request(m: Member, bin_id: i64, decide: ServerAction<DecideRequest>) -> impl IntoView {
    let lang = use_lang();
    let id = m.request_id;
    view! {
        <li class="card" data-test-request=id.to_string()>
            <p><strong>{m.name.clone()}</strong>" · "{m.address.clone()}" · "{format_date(m.requested_at, lang)}</p>
            <div class="actions">
                <ActionForm action=decide attr:data-test-form="approve">
                    <input type="hidden" name="bin_id" value=bin_id.to_string()/>
                    <input type="hidden" name="request_id" value=id.to_string()/>
                    <input type="hidden" name="decision" value="approve"/>
                    <Submit label=t(T::Approve) pending=decide.pending().into()/>
                </ActionForm>
                <details>
                    <summary>{t(T::Decline)}</summary>
                    <ActionForm action=decide attr:class="stack" attr:data-test-form="decline">
                        <input type="hidden" name="bin_id" value=bin_id.to_string()/>
                        <input type="hidden" name="request_id" value=id.to_string()/>
                        <input type="hidden" name="decision" value="decline"/>
                        <label for=format!("reason-{id}")>{t(T::ReasonOptional)}</label>
                        <textarea id=format!("reason-{id}") name="reason" maxlength="300"></textarea>
                        <button type="submit">{t(T::Decline)}</button>
                    </ActionForm>
                </details>
            </div>
        </li>
    }
}

#[component]
fn MemberTable(
    members: Vec<Member>,
    bin_id: i64,
    deputy: ServerAction<SetDeputy>,
    is_coordinator: bool,
) -> impl IntoView {
    if members.is_empty() {
        return view! { <p class="empty-state">{t(T::NoMembersYet)}</p> }.into_any();
    }
    let count = members.len().to_string();
    view! {
        <table class="list-table" data-test-members=count>
            <caption class="visually-hidden">{t(Common::Members)}</caption>
            <thead><tr>
                <th scope="col">{t(Common::NameColumn)}</th>
                <th scope="col">{t(Common::Email)}</th>
                <th scope="col">{t(T::PhoneColumn)}</th>
                <th scope="col">{t(T::Address)}</th>
                <th scope="col">{t(Common::Role)}</th>
            </tr></thead>
            <tbody>
                {members.into_iter().map(|m| {
                    let role = if m.coordinator { t(T::RoleCoordinatorShort) } else if m.deputy { t(T::RoleDeputyShort) } else { state_label(m.state) };
                    let toggle = (is_coordinator && !m.coordinator).then(|| view! {
                        <ActionForm action=deputy attr:class="inline" attr:data-test-form="deputy">
                            <input type="hidden" name="bin_id" value=bin_id.to_string()/>
                            <input type="hidden" name="user_id" value=m.user_id.to_string()/>
                            <input type="hidden" name="deputy" value=(!m.deputy).to_string()/>
                            <button type="submit">{if m.deputy { t(T::RemoveDeputy) } else { t(T::MakeDeputy) }}</button>
                        </ActionForm>
                    });
                    view! {
                        <tr data-test-member=m.user_id.to_string()>
                            <td>{m.name}{m.can_help.then(|| view! { " "<span class="badge">{t(T::CanHelp)}</span> })}</td>
                            <td><a href=format!("mailto:{}", m.email)>{m.email.clone()}</a></td>
                            <td>{m.phone.unwrap_or_default()}</td>
                            <td>{m.address}</td>
                            <td>{role}" "{toggle}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
