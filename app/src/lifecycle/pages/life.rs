//! `/bin/{id}/life`: the network's file, its stages and charter, and the steps the reader can take.

use super::{parity_label, party_label, role_label, step_label};
use crate::directory::types::BinState;
use crate::i18n::{Common, t, use_lang};
use crate::lifecycle::api::{ReviseProposal, TakeStep, life};
use crate::lifecycle::machine::{Party, Step};
use crate::lifecycle::texts::T;
use crate::lifecycle::types::{CharterVersion, LifeView};
use crate::time::format_date;
use crate::ui::loading;
use crate::ui::{ActionError, PageError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/bin/{id}/life`: the network's file and the steps the reader can take.
#[component]
pub fn LifePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let step = ServerAction::<TakeStep>::new();
    let revise = ServerAction::<ReviseProposal>::new();
    let data = Resource::new(move || (id(), step.version().get(), revise.version().get()), |(id, ..)| life(id));
    view! {
        <Title text=t(T::LifeTitle)/>
        <section class="page">
            <ActionError value=step.value()/>
            <ActionError value=revise.value()/>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Life view step revise/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/initiatives" back_label=t(Common::Initiatives)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The stages of the procedure, with where the network is.
#[component]
fn Stages(state: BinState, signatures: usize) -> impl IntoView {
    let reached = match state {
        BinState::Proposed | BinState::ChangesRequested | BinState::Declined => 0,
        BinState::Charter => 1,
        BinState::Signed => 2,
        _ => 3,
    };
    let stages = [
        t(T::StageProposal).to_string(),
        format!("{} ({signatures}/4)", t(T::StageSignatures)),
        t(T::StageRegistration).to_string(),
        t(T::StageActive).to_string(),
    ];
    view! {
        <ol class="stages" aria-label=t(T::StagesLabel)>
            {stages.into_iter().enumerate().map(|(i, label)| {
                let class = if i < reached { "done" } else if i == reached { "current" } else { "todo" };
                view! { <li class=class aria-current=(i == reached).then_some("step")>{label}</li> }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn Life(view: LifeView, step: ServerAction<TakeStep>, revise: ServerAction<ReviseProposal>) -> impl IntoView {
    let lang = use_lang();
    let bin_id = view.bin_id;
    let open = view.charters.iter().find(|c| c.is_open()).cloned();
    let signed_count = open.as_ref().map(|c| c.signatures.len()).unwrap_or(0);
    let current = open.clone().or_else(|| view.charters.first().cloned());
    let streets: Vec<String> = view
        .streets
        .iter()
        .map(|s| format!("{} {}–{} ({})", s.street_nl, s.first, s.last, parity_label(s.parity)))
        .collect();
    let events = view.events.clone();
    let kind = t(view.kind.text());
    view! {
        <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/initiatives">{t(Common::Initiatives)}</a></nav>
        <h1>{view.name.clone()}</h1>
        <p class="lead">
            <span class=format!("state-badge {}", view.state.code()) data-test-state=view.state.code()>{t(view.state.text())}</span>
            " · "{kind}" · "{view.municipality.clone()}" · "{t(Common::PoliceZone)}" "{view.zone.clone()}
        </p>
        <Stages state=view.state signatures=signed_count/>
        {(view.state == BinState::Active).then(|| view! {
            <p><a href=format!("/bin/{bin_id}") data-test-public-page="">{t(T::PublicPage)}</a></p>
        })}
        {view.looking.then(|| view! { <p class="message" data-test-looking="">{t(Common::LookingForCoordinatorLong)}</p> })}
        <Actions view=view.clone() step revise/>
        <div class="grid two">
            <section class="card" aria-labelledby="proposal-title">
                <h2 id="proposal-title">{t(T::Proposal)}</h2>
                {view.purpose.clone().map(|p| view! { <p class="pre-line">{p}</p> })}
                <h3>{t(T::StartStreets)}</h3>
                <ul data-test-streets="">{streets.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                <figure class="area-map" inner_html=view.map_svg.clone()></figure>
            </section>
            {current.map(|c| view! { <CharterCard charter=c bin_id/> })}
        </div>
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t(T::History)}</h2>
            <ol class="history" data-test-history="">
                {events.into_iter().map(|e| view! {
                    <li data-test-event=e.step.code()>
                        <time>{format_date(e.at, lang)}</time>" · "<strong>{step_label(e.step)}</strong>" · "{role_label(e.role)}
                        {e.message.map(|m| view! { <p class="pre-line">{m}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// A charter version: its rules, its four parties with their signatures, and its dates.
#[component]
pub(super) fn CharterCard(charter: CharterVersion, bin_id: i64) -> impl IntoView {
    let lang = use_lang();
    let rows: Vec<(Party, Option<(String, i64)>)> =
        Party::ALL.into_iter().map(|p| (p, charter.signature(p).map(|s| (s.name.clone(), s.at)))).collect();
    view! {
        <section class="card charter" aria-labelledby="charter-title" data-test-charter=charter.version.to_string()>
            <h2 id="charter-title">{t(Common::Charter)}" · "{t(T::Version)}" "{charter.version}</h2>
            {charter.rules.clone().map(|r| view! { <h3>{t(T::CommunicationRules)}</h3><p class="pre-line">{r}</p> })}
            <table>
                <caption>{t(T::Signatures)}</caption>
                <thead><tr><th scope="col">{t(T::Party)}</th><th scope="col">{t(T::SignedBy)}</th><th scope="col">{t(Common::Date)}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(party, signature)| {
                        let (who, when) = match signature {
                            Some((name, at)) => (name, format_date(at, lang)),
                            None => (t(T::NotSignedYet).to_string(), "–".to_string()),
                        };
                        view! { <tr data-test-party=party.code()><th scope="row">{party_label(party)}</th><td>{who}</td><td>{when}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <dl>
                {charter.registered_at.map(|at| view! { <dt>{t(T::Registered)}</dt><dd>{format_date(at, lang)}</dd> })}
                {charter.next_review_at.map(|at| view! { <dt>{t(Common::NextReview)}</dt><dd>{format_date(at, lang)}</dd> })}
            </dl>
            <p class="no-print"><a href=format!("/bin/{bin_id}/charter")>{t(T::PrintableCharter)}</a></p>
        </section>
    }
}

/// The forms of the steps the reader can take now.
#[component]
fn Actions(view: LifeView, step: ServerAction<TakeStep>, revise: ServerAction<ReviseProposal>) -> impl IntoView {
    let bin_id = view.bin_id.to_string();
    if view.steps.is_empty() {
        return view! { <p class="hint" data-test-no-steps="">{t(T::NothingToDoNow)}</p> }.into_any();
    }
    let current_rules =
        view.charters.first().and_then(|c| c.rules.clone()).unwrap_or_else(|| t(T::DefaultRules).to_string());
    let streets_text: String = view
        .streets
        .iter()
        .map(|s| format!("{}; {}-{}; {}", s.street_nl, s.first, s.last, s.parity.code()))
        .collect::<Vec<_>>()
        .join("\n");
    let forms = view
        .steps
        .iter()
        .map(|&s| {
            let bin_id = bin_id.clone();
            let current_rules = current_rules.clone();
            let purpose = view.purpose.clone().unwrap_or_default();
            let streets_text = streets_text.clone();
            let code = s.code();
            let hidden = view! {
                <input type="hidden" name="bin_id" value=bin_id.clone()/>
                <input type="hidden" name="step" value=code/>
            };
            match s {
                Step::Accept | Step::Renew => {
                    let (title, button) = if s == Step::Accept {
                        (T::AcceptTitle, T::AcceptButton)
                    } else {
                        (T::RenewTitle, T::RenewButton)
                    };
                    let rules_id = format!("rules-{code}");
                    view! {
                        <ActionForm action=step attr:class="stack card" attr:data-test-step=code>
                            <h3>{t(title)}</h3>
                            {hidden}
                            <label for=rules_id.clone()>{t(T::CommunicationRules)}</label>
                            <textarea id=rules_id name="rules" rows="5" required minlength="20" maxlength="4000">{current_rules}</textarea>
                            <label for=format!("message-{code}")>{t(T::MessageOptional)}</label>
                            <textarea id=format!("message-{code}") name="message" rows="2" maxlength="4000"></textarea>
                            <Submit label=t(button) pending=step.pending().into()/>
                        </ActionForm>
                    }
                    .into_any()
                }
                Step::AskChanges | Step::Decline | Step::Dissolve => {
                    let (title, button) = match s {
                        Step::AskChanges => (T::AskChangesTitle, T::AskChangesButton),
                        Step::Decline => (T::DeclineTitle, T::DeclineButton),
                        _ => (T::DissolveTitle, T::DissolveButton),
                    };
                    let message_id = format!("message-{code}");
                    view! {
                        <ActionForm action=step attr:class="stack card" attr:data-test-step=code>
                            <h3>{t(title)}</h3>
                            {hidden}
                            <label for=message_id.clone()>{t(T::MessageToParties)}</label>
                            <textarea id=message_id name="message" rows="3" required minlength="5" maxlength="4000"></textarea>
                            {(s == Step::Dissolve).then(|| view! {
                                <label class="choice"><input type="checkbox" name="confirm" value="yes" required/>" "{t(T::DissolveConfirm)}</label>
                            })}
                            <Submit label=t(button) pending=step.pending().into()/>
                        </ActionForm>
                    }
                    .into_any()
                }
                Step::Revise => view! {
                    <ActionForm action=revise attr:class="stack card" attr:data-test-step=code>
                        <h3>{t(T::ReviseTitle)}</h3>
                        <input type="hidden" name="bin_id" value=bin_id.clone()/>
                        <label for="revise-purpose">{t(T::StartPurpose)}</label>
                        <textarea id="revise-purpose" name="purpose" rows="4" required minlength="20" maxlength="2000">{purpose}</textarea>
                        <label for="revise-streets">{t(T::StartStreets)}</label>
                        <textarea id="revise-streets" name="streets" rows="6" required aria-describedby="revise-streets-hint">{streets_text}</textarea>
                        <p class="hint" id="revise-streets-hint">{t(T::StartStreetsHint)}</p>
                        <label for="revise-message">{t(T::MessageOptional)}</label>
                        <textarea id="revise-message" name="message" rows="2" maxlength="2000"></textarea>
                        <Submit label=t(T::ReviseButton) pending=revise.pending().into()/>
                    </ActionForm>
                }
                .into_any(),
                Step::Sign => view! {
                    <div class="card" data-test-step=code>
                        <h3>{t(T::SignTitle)}</h3>
                        <p class="hint">{t(T::SignHint)}</p>
                        {view.can_sign_for.iter().map(|&party| {
                            let bin_id = bin_id.clone();
                            view! {
                            <ActionForm action=step attr:class="inline" attr:data-test-sign=party.code()>
                                <input type="hidden" name="bin_id" value=bin_id.clone()/>
                                <input type="hidden" name="step" value=code/>
                                <input type="hidden" name="party" value=party.code()/>
                                <button type="submit" class="primary" disabled=move || step.pending().get()>
                                    {format!("{} {}", t(T::SignAs), party_label(party))}
                                </button>
                            </ActionForm>
                        }}).collect_view()}
                    </div>
                }
                .into_any(),
                Step::Appoint => {
                    let helpers = view.helpers.clone();
                    if helpers.is_empty() {
                        view! { <p class="card hint" data-test-step=code>{t(T::NoHelpersYet)}</p> }.into_any()
                    } else {
                        view! {
                            <ActionForm action=step attr:class="stack card" attr:data-test-step=code>
                                <h3>{t(T::AppointTitle)}</h3>
                                {hidden}
                                <label for="appoint-user">{t(T::AppointWho)}</label>
                                <select id="appoint-user" name="user_id" required>
                                    {helpers.into_iter().map(|h| view! { <option value=h.user_id.to_string()>{h.name}</option> }).collect_view()}
                                </select>
                                <Submit label=t(T::AppointButton) pending=step.pending().into()/>
                            </ActionForm>
                        }
                        .into_any()
                    }
                }
                _ => {
                    let (title, button) = match s {
                        Step::Register => (T::RegisterTitle, T::RegisterButton),
                        Step::Suspend => (T::SuspendTitle, T::SuspendButton),
                        _ => (T::ReactivateTitle, T::ReactivateButton),
                    };
                    view! {
                        <ActionForm action=step attr:class="stack card" attr:data-test-step=code>
                            <h3>{t(title)}</h3>
                            {hidden}
                            <Submit label=t(button) pending=step.pending().into()/>
                        </ActionForm>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="steps-title" class="steps">
            <h2 id="steps-title">{t(T::YourSteps)}</h2>
            {forms}
        </section>
    }
    .into_any()
}
