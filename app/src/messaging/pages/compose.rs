//! `/messages/new`: an officer writes to networks of their zone (chosen ones, or every one of
//! a kind), a coordinator to their own network: an urgent alert with its category or a
//! non-urgent message, from a template (blanks filled in) or in their own words.

use super::area::AreaPicker;
use super::{category_label, kind_label, loading};
use crate::i18n::{Common, Lang, t, use_lang};
use crate::messaging::api::{DeleteZoneTemplate, SendMessage, compose_options};
use crate::messaging::text::{BODY_MAX, TITLE_MAX};
use crate::messaging::texts::T;
use crate::messaging::types::{Category, ComposeInfo, Kind, Sender};
use crate::ui::{ActionError, PageError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ComposePage() -> impl IntoView {
    let send = ServerAction::<SendMessage>::new();
    let query = leptos_router::hooks::use_query_map();
    let report = move || query.read().get("report").and_then(|r| r.parse::<i64>().ok());
    let delete = ServerAction::<DeleteZoneTemplate>::new();
    let info = Resource::new(move || (report(), delete.version().get()), |(report, _)| compose_options(report));
    view! {
        <Title text=t(T::NewMessage)/>
        <section class="page narrow">
            <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/messages">{t(T::MessagesTitle)}</a></nav>
            <h1>{t(T::NewMessage)}</h1>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => {
                            let own = info.zone_templates.clone();
                            view! { <Compose info send/> <ZoneTemplates own delete/> }.into_any()
                        }
                        Err(error) => view! { <PageError error back_href="/messages" back_label=t(T::MessagesTitle)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Compose(info: ComposeInfo, send: ServerAction<SendMessage>) -> impl IntoView {
    let lang = use_lang();
    let officer = info.role == Sender::Officer;
    let national = info.role == Sender::KnowledgeCentre;
    let single = info.bins.len() == 1;
    let from_report = info.from_report.clone();
    let start_text = from_report.as_ref().map(|r| r.body.clone()).unwrap_or_default();
    // Drawing an area chooses it as the recipients.
    let zone_map = info.zone_map;
    let area_bins = info.bins.clone();
    view! {
        <ActionForm action=send attr:class="stack" attr:data-test-form="compose">
            <ActionError value=send.value()/>
            {from_report.as_ref().map(|r| view! { <input type="hidden" name="report" value=r.id.to_string()/> })}
            <fieldset>
                <legend>{t(T::MessageKind)}</legend>
                // The knowledge centre runs prevention campaigns; urgent alerts come from the zones.
                {Kind::ALL.iter().filter(|k| !(national && k.is_urgent())).map(|k| view! {
                    <label class="choice">
                        <input type="radio" name="kind" value=k.code() checked=*k == if national { Kind::Prevention } else { Kind::Urgent } required/>
                        " "{kind_label(*k)}
                    </label>
                }).collect_view()}
            </fieldset>
            <label for="compose-category">{t(T::MessageCategory)}</label>
            <select id="compose-category" name="category">
                <option value="">"—"</option>
                {Category::ALL.iter().map(|c| view! {
                    <option value=c.code() selected=from_report.is_some() && *c == Category::Suspicious>{category_label(*c)}</option>
                }).collect_view()}
            </select>
            <label for="compose-template">{t(T::MessageTemplate)}</label>
            <select id="compose-template" name="template" aria-describedby="compose-template-hint">
                <option value="">{t(T::NoTemplate)}</option>
                {info.templates.iter().map(|tpl| view! {
                    <option value=tpl.key.clone()>{format!("{} · {}", kind_label(tpl.kind), tpl.name)}</option>
                }).collect_view()}
            </select>
            <p class="hint" id="compose-template-hint">{t(T::TemplateHint)}</p>
            {info.blanks.iter().map(|b| {
                let id = format!("compose-blank-{}", b.code);
                let hint = format!("{id}-hint");
                view! {
                    <label for=id.clone()>{b.label.clone()}</label>
                    <input id=id name=format!("blank[{}]", b.code) type="text" maxlength=b.max.to_string() aria-describedby=hint.clone()/>
                    <p class="hint" id=hint>{b.hint.clone()}</p>
                }
            }).collect_view()}
            <label for="compose-title">{t(T::MessageTitleLabel)}</label>
            <input id="compose-title" name="title" type="text" maxlength=TITLE_MAX.to_string() aria-describedby="compose-title-hint"/>
            <p class="hint" id="compose-title-hint">{t(T::MessageTitleHint)}</p>
            <label for="compose-body">{t(T::MessageBodyLabel)}</label>
            <textarea id="compose-body" name="body" rows="6" maxlength=BODY_MAX.to_string() aria-describedby="compose-body-hint">{start_text}</textarea>
            <p class="hint" id="compose-body-hint">{t(T::MessageBodyHint)}</p>
            <label for="compose-lang">{t(T::WrittenLanguage)}</label>
            <select id="compose-lang" name="lang">
                {Lang::ALL.into_iter().map(|l| view! { <option value=l.code() selected=l == lang>{l.native_name()}</option> }).collect_view()}
            </select>
            <fieldset data-test-recipients="">
                <legend>{t(T::Recipients)}{info.zone_name.clone().map(|z| format!(" · {z}"))}</legend>
                {if national {
                    view! {
                        <input type="hidden" name="scope" value="national"/>
                        <p class="hint" id="compose-area-hint">{t(T::CampaignHint)}</p>
                        <label for="compose-area">{t(T::CampaignArea)}</label>
                        <select id="compose-area" name="area" aria-describedby="compose-area-hint">
                            {info.areas.iter().map(|(code, name)| view! { <option value=code.clone()>{name.clone()}</option> }).collect_view()}
                        </select>
                        <label for="compose-bin-kind">{t(Common::KindFilter)}</label>
                        <select id="compose-bin-kind" name="bin_kind">
                            <option value="all">{t(Common::KindAll)}</option>
                            <option value="bin">{t(Common::KindBin)}</option>
                            <option value="bin_z">{t(Common::KindBinZ)}</option>
                        </select>
                    }.into_any()
                } else if officer {
                    view! {
                        <label class="choice"><input type="radio" name="scope" value="bins" checked/>" "{t(T::ChosenBins)}</label>
                        <label class="choice"><input type="radio" name="scope" value="zone"/>" "{t(T::WholeZone)}</label>
                        {zone_map.map(|map| view! {
                            <label class="choice">
                                <input type="radio" name="scope" value="area" data-test-scope="area"/>
                                " "{t(Common::AreaOnMap)}
                            </label>
                            <AreaPicker bins=area_bins map/>
                        })}
                        <label for="compose-bin-kind">{t(Common::KindFilter)}</label>
                        <select id="compose-bin-kind" name="bin_kind">
                            <option value="all">{t(Common::KindAll)}</option>
                            <option value="bin">{t(Common::KindBin)}</option>
                            <option value="bin_z">{t(Common::KindBinZ)}</option>
                        </select>
                    }.into_any()
                } else {
                    view! { <input type="hidden" name="scope" value="bins"/> }.into_any()
                }}
                <ul class="plain targets">
                    {info.bins.into_iter().map(|b| view! {
                        <li>
                            <label class="choice">
                                <input type="checkbox" name=format!("bins[{}]", b.id) value="on" checked=single data-test-target=b.id.to_string()/>
                                " "{b.name.clone()}" · "{b.municipality.clone()}" · "{if b.kind == "bin_z" { t(Common::KindBinZ) } else { t(Common::KindBin) }}
                                " · "{b.members}" "{t(T::MembersCount)}
                            </label>
                        </li>
                    }).collect_view()}
                </ul>
            </fieldset>
            {officer.then(|| view! {
                <label class="choice"><input type="checkbox" name="save_template" value="on" data-test-save-template=""/>" "{t(T::SaveAsZoneTemplate)}</label>
            })}
            <Submit label=t(T::SendMessage) pending=send.pending().into()/>
        </ActionForm>
    }
}

/// The zone's own templates, each with a confirmed delete.
#[component]
fn ZoneTemplates(own: Vec<(i64, String)>, delete: ServerAction<DeleteZoneTemplate>) -> impl IntoView {
    let count = own.len().to_string();
    (!own.is_empty()).then(|| view! {
        <details class="card" data-test-zone-templates=count>
            <summary>{t(T::ZoneTemplates)}</summary>
            {move || delete.value().get().and_then(Result::ok).map(|_| view! { <crate::ui::Notice text=t(T::TemplateDeleted)/> })}
            <ActionError value=delete.value()/>
            <ul class="plain">
                {own.into_iter().map(|(id, title)| view! {
                    <li>
                        <ActionForm action=delete attr:class="stack" attr:data-test-form="delete-template">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <p><strong>{title}</strong></p>
                            <label class="choice"><input type="checkbox" name="confirm" value="yes" required/>" "{t(T::ConfirmDeleteTemplate)}</label>
                            <button type="submit" class="secondary">{t(T::DeleteTemplate)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
        </details>
    })
}
