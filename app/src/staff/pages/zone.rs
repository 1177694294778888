//! `/staff`: a zone's people, the form that invites someone and the open invitations.

use super::{ZoneChooser, refusal, succeeded, zone_in_query};
use crate::i18n::{Common, colon, fill, t, use_lang};
use crate::staff::api::staff_of_zone;
use crate::staff::api::{InviteToZone, RemoveRole, ResendInvitation, WithdrawInvitation};
use crate::staff::texts::T;
use crate::staff::types::{Choice, INVITABLE, MAX_SENDS, OpenInvitation, StaffMember, ZoneStaff};
use crate::time::format_date;
use crate::ui::{ActionError, Notice, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffPage() -> impl IntoView {
    let zone = zone_in_query();
    let query = use_query_map();
    let invite = ServerAction::<InviteToZone>::new();
    let resend = ServerAction::<ResendInvitation>::new();
    let withdraw = ServerAction::<WithdrawInvitation>::new();
    let remove = ServerAction::<RemoveRole>::new();
    // Read again after a change; a refusal changes nothing, and the form keeps what was typed.
    let changes = (succeeded(invite), succeeded(resend), succeeded(withdraw), succeeded(remove));
    let data = Resource::new(
        move || (zone(), changes.0.get(), changes.1.get(), changes.2.get(), changes.3.get()),
        |(zone, ..)| staff_of_zone(zone),
    );
    let done = move || match query.read().get("done").as_deref() {
        Some("invited") => Some(t(T::StaffInvited)),
        Some("resent") => Some(t(T::StaffResent)),
        Some("withdrawn") => Some(t(T::StaffWithdrawn)),
        Some("removed") => Some(t(T::StaffRemoved)),
        _ => None,
    };
    view! {
        <Title text=t(Common::NavStaff)/>
        <section class="page">
            <h1>{t(Common::NavStaff)}</h1>
            {move || done().map(|text| view! { <Notice text/> })}
            <ActionError value=resend.value()/>
            <ActionError value=withdraw.value()/>
            <ActionError value=remove.value()/>
            <Transition fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(staff) => view! { <Staff staff invite resend withdraw remove/> }.into_any(),
                        Err(error) => refusal(error),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Staff(
    staff: ZoneStaff,
    invite: ServerAction<InviteToZone>,
    resend: ServerAction<ResendInvitation>,
    withdraw: ServerAction<WithdrawInvitation>,
    remove: ServerAction<RemoveRole>,
) -> impl IntoView {
    let chosen = staff.zone.as_ref().map(|z| z.id);
    let several = staff.zones.len() > 1;
    let chooser = several.then(|| view! { <ZoneChooser zones=staff.zones.clone() chosen action="/staff" all=false/> });
    let Some(zone) = staff.zone else {
        return view! { {chooser} }.into_any();
    };
    let zone_id = zone.id;
    view! {
        {chooser}
        <h2 data-test-zone-name="">{t(Common::PoliceZone)}" "{zone.name.clone()}</h2>
        <p>{t(T::StaffIntro)}</p>
        <p><a href=format!("/audit?zone={zone_id}") data-test-audit-link="">{t(T::AuditLog)}</a></p>
        <StaffTable people=staff.staff zone_id remove/>
        <InviteForm zone_id municipalities=staff.municipalities invite/>
        <Invitations invitations=staff.invitations resend withdraw/>
    }
    .into_any()
}

#[component]
fn StaffTable(people: Vec<StaffMember>, zone_id: i64, remove: ServerAction<RemoveRole>) -> impl IntoView {
    let lang = use_lang();
    if people.is_empty() {
        return view! { <p data-test-no-staff="">{t(T::StaffNone)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table data-test-staff="">
                <thead><tr>
                    <th scope="col">{t(T::PersonName)}</th>
                    <th scope="col">{t(Common::Email)}</th>
                    <th scope="col">{t(Common::Role)}</th>
                    <th scope="col">{t(Common::Date)}</th>
                    <th scope="col"><span class="visually-hidden">{t(T::RemoveRole)}</span></th>
                </tr></thead>
                <tbody>
                    {people.into_iter().map(|p| {
                        let role = match &p.municipality {
                            Some(m) => format!("{}, {m}", t(p.role.label())),
                            None => t(p.role.label()).to_string(),
                        };
                        let form_id = format!("remove-{}-{}-{}", p.user_id, p.role.code(), p.nis.unwrap_or(0));
                        view! {
                            <tr data-test-staff-row=p.email.clone()>
                                <td>{p.name.clone()}{p.is_me.then(|| format!(" {}", t(T::YouMarker)))}</td>
                                <td>{p.email.clone()}</td>
                                <td>{role}</td>
                                <td>{format_date(p.since, lang)}</td>
                                <td>
                                    <details>
                                        <summary>{t(T::RemoveRole)}</summary>
                                        <ActionForm action=remove attr:class="stack" attr:data-test-form="remove-role">
                                            <input type="hidden" name="zone_id" value=zone_id/>
                                            <input type="hidden" name="user_id" value=p.user_id/>
                                            <input type="hidden" name="role" value=p.role.code()/>
                                            <input type="hidden" name="nis" value=p.nis.map(|n| n.to_string()).unwrap_or_default()/>
                                            <label class="choice" for=form_id.clone()>
                                                <input id=form_id.clone() type="checkbox" name="confirm" value="yes" required/>
                                                " "{t(T::RemoveRoleConfirm)}
                                            </label>
                                            <Submit label=t(T::RemoveRole) pending=remove.pending().into()/>
                                        </ActionForm>
                                    </details>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn InviteForm(zone_id: i64, municipalities: Vec<Choice>, invite: ServerAction<InviteToZone>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t(T::InviteSomeone)}</h2>
            <ActionForm action=invite attr:class="stack" attr:data-test-form="invite">
                <ActionError value=invite.value()/>
                <input type="hidden" name="zone_id" value=zone_id/>
                <label for="invite-email">{t(Common::Email)}</label>
                <input id="invite-email" name="email" type="email" autocomplete="off" required maxlength="254"/>
                <label for="invite-role">{t(Common::Role)}</label>
                <select id="invite-role" name="role">
                    {INVITABLE.into_iter().map(|r| view! { <option value=r.code()>{t(r.label())}</option> }).collect_view()}
                </select>
                <label for="invite-nis">{t(Common::Municipality)}</label>
                <select id="invite-nis" name="nis" aria-describedby="invite-nis-hint">
                    <option value="">{t(T::NoMunicipality)}</option>
                    {municipalities.into_iter().map(|m| view! { <option value=m.id.to_string()>{m.name}</option> }).collect_view()}
                </select>
                <p id="invite-nis-hint" class="hint">{t(T::InviteMunicipalityHint)}</p>
                <Submit label=t(T::SendInvitation) pending=invite.pending().into()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn Invitations(
    invitations: Vec<OpenInvitation>,
    resend: ServerAction<ResendInvitation>,
    withdraw: ServerAction<WithdrawInvitation>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="invitations-title">
            <h2 id="invitations-title">{t(T::OpenInvitations)}</h2>
            {if invitations.is_empty() {
                view! { <p data-test-no-invitations="">{t(T::NoOpenInvitations)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" data-test-invitations="">
                        {invitations.into_iter().map(|i| {
                            let role = match &i.municipality {
                                Some(m) => format!("{}, {m}", t(i.role.label())),
                                None => t(i.role.label()).to_string(),
                            };
                            let confirm_id = format!("withdraw-{}", i.id);
                            view! {
                                <li data-test-invitation=i.email.clone()>
                                    <strong>{i.email.clone()}</strong>{colon()}{role}
                                    " · "{fill(lang, t(T::ValidUntil), &[format_date(i.expires_at, lang)])}
                                    " · "{fill(lang, t(T::SentOfMax), &[i.sends.to_string()])}
                                    <div class="inline-actions">
                                        {(i.sends < MAX_SENDS).then(|| view! {
                                            <ActionForm action=resend attr:data-test-form="resend">
                                                <input type="hidden" name="id" value=i.id/>
                                                <button type="submit">{t(T::ResendInvitation)}</button>
                                            </ActionForm>
                                        })}
                                        <details>
                                            <summary>{t(T::WithdrawInvitation)}</summary>
                                            <ActionForm action=withdraw attr:class="stack" attr:data-test-form="withdraw">
                                                <input type="hidden" name="id" value=i.id/>
                                                <label class="choice" for=confirm_id.clone()>
                                                    <input id=confirm_id.clone() type="checkbox" name="confirm" value="yes" required/>
                                                    " "{t(T::WithdrawConfirm)}
                                                </label>
                                                <button type="submit">{t(T::WithdrawInvitation)}</button>
                                            </ActionForm>
                                        </details>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
