//! `/messages/settings`: how messages reach the reader besides the app: e-mail and SMS per kind,
//! quiet hours for non-urgent messages, and the weekly digest.

use super::loading;
use crate::i18n::{Common, t};
use crate::messaging::preferences::{SaveMessageSettings, read_message_settings};
use crate::messaging::texts::T;
use crate::messaging::types::MessageSettings;
use crate::ui::{ActionError, Notice, PageError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveMessageSettings>::new();
    let data = Resource::new(move || save.version().get(), |_| read_message_settings());
    let query = leptos_router::hooks::use_query_map();
    let saved =
        move || query.read().get("saved").as_deref() == Some("1") || save.value().get().is_some_and(|r| r.is_ok());
    view! {
        <Title text=t(T::SettingsTitle)/>
        <section class="page narrow">
            <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/messages">{t(T::MessagesTitle)}</a></nav>
            <h1>{t(T::SettingsTitle)}</h1>
            <p>{t(T::SettingsLead)}</p>
            {move || saved().then(|| view! { <Notice text=t(T::SettingsSaved)/> })}
            <ActionError value=save.value()/>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(settings) => view! { <SettingsForm settings save/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/messages" back_label=t(T::MessagesTitle)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SettingsForm(settings: MessageSettings, save: ServerAction<SaveMessageSettings>) -> impl IntoView {
    let hours = move |name: &'static str, id: &'static str, chosen: Option<i64>| {
        view! {
            <select id=id name=name>
                <option value="" selected=chosen.is_none()>{t(T::NoQuietHours)}</option>
                {(0..24_i64).map(|h| view! { <option value=h.to_string() selected=chosen == Some(h)>{format!("{h:02}:00")}</option> }).collect_view()}
            </select>
        }
    };
    let channel = move |name: &'static str, label: &'static str, checked: bool| {
        view! { <label class="choice"><input type="checkbox" name=name value="on" checked=checked/>" "{label}</label> }
    };
    view! {
        <ActionForm action=save attr:class="stack" attr:data-test-form="message-settings">
            <fieldset>
                <legend>{t(T::SettingsUrgent)}</legend>
                {channel("urgent_email", t(T::ByEmail), settings.urgent_email)}
                {channel("urgent_sms", t(T::BySms), settings.urgent_sms)}
            </fieldset>
            <fieldset>
                <legend>{t(T::SettingsNormal)}</legend>
                {channel("normal_email", t(T::ByEmail), settings.normal_email)}
                {channel("normal_sms", t(T::BySms), settings.normal_sms)}
                <label class="choice"><input type="checkbox" name="digest" value="on" checked=settings.digest/>" "{t(T::WeeklyDigest)}</label>
            </fieldset>
            {(!settings.has_phone).then(|| view! { <p class="hint" data-test-no-phone="">{t(T::NoPhoneForSms)}</p> })}
            <fieldset aria-describedby="quiet-hint">
                <legend>{t(T::QuietHours)}</legend>
                <p class="hint" id="quiet-hint">{t(T::QuietHoursHint)}</p>
                <label for="quiet-from">{t(T::QuietFrom)}</label>
                {hours("quiet_from", "quiet-from", settings.quiet_from)}
                <label for="quiet-to">{t(T::QuietTo)}</label>
                {hours("quiet_to", "quiet-to", settings.quiet_to)}
            </fieldset>
            <p class="hint">{t(T::LanguageOfMessages)}" "<a href="/account">{t(Common::NavAccount)}</a></p>
            <Submit label=t(T::SaveSettings) pending=save.pending().into()/>
        </ActionForm>
    }
}
