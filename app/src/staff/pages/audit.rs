//! `/audit`: the audit log of a zone, or of the whole country.

use super::{ZoneChooser, refusal, zone_in_query};
use crate::i18n::{fill, t, use_lang};
use crate::staff::api::audit_log;
use crate::staff::texts::T;
use crate::staff::types::{AUDIT_SHOWN, AuditPage as AuditData};
use crate::time::format_date_time;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AuditPage() -> impl IntoView {
    let zone = zone_in_query();
    let data = Resource::new(zone, audit_log);
    view! {
        <Title text=t(T::AuditLog)/>
        <section class="page">
            <h1>{t(T::AuditLog)}</h1>
            <p>{t(T::AuditIntro)}</p>
            <Transition fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <AuditTable page/> }.into_any(),
                        Err(error) => refusal(error),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AuditTable(page: AuditData) -> impl IntoView {
    let lang = use_lang();
    let chosen = page.zone.as_ref().map(|z| z.id);
    let csv = match chosen {
        Some(z) => format!("/audit.csv?zone={z}"),
        None => "/audit.csv".to_string(),
    };
    let chooser = (page.national || page.zones.len() > 1)
        .then(|| view! { <ZoneChooser zones=page.zones.clone() chosen action="/audit" all=page.national/> });
    let full = page.lines.len() as i64 >= AUDIT_SHOWN;
    view! {
        {chooser}
        <p><a class="button" href=csv download="" rel="external" data-test-audit-csv="">{t(T::DownloadAudit)}</a></p>
        {full.then(|| view! { <p class="hint">{fill(lang, t(T::AuditShown), &[AUDIT_SHOWN.to_string()])}</p> })}
        {if page.lines.is_empty() {
            view! { <p data-test-audit-empty="">{t(T::AuditNone)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table data-test-audit="">
                        <thead><tr>
                            <th scope="col">{t(T::When)}</th>
                            <th scope="col">{t(T::Who)}</th>
                            <th scope="col">{t(T::What)}</th>
                            <th scope="col">{t(T::Where)}</th>
                            <th scope="col">{t(T::AboutWhom)}</th>
                        </tr></thead>
                        <tbody>
                            {page.lines.into_iter().map(|line| {
                                let e = line.entry;
                                let what = match e.role {
                                    Some(role) => format!("{}: {}", t(e.action.label()), t(role.label()).to_lowercase()),
                                    None => t(e.action.label()).to_string(),
                                };
                                view! {
                                    <tr data-test-audit-action=e.action.code()>
                                        <td>{format_date_time(e.at, lang)}</td>
                                        <td>{e.actor.unwrap_or_else(|| t(T::DeletedAccount).to_string())}</td>
                                        <td>{what}</td>
                                        <td>{line.scope}</td>
                                        <td>{e.subject.unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
