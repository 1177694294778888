//! `/messages`: the messages the reader received (urgent alerts not yet seen first) and, for
//! police officers and coordinators, those they sent, with how many saw them.

use super::{category_label, kind_label, loading, status_label};
use crate::i18n::{Common, t, use_lang};
use crate::messaging::api::{left_open, received_messages, sent_messages};
use crate::messaging::texts::T;
use crate::messaging::types::{Kind, MessageLine};
use crate::time::format_date;
use crate::ui::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MessagesPage() -> impl IntoView {
    let received = Resource::new(|| (), |_| received_messages());
    let sent = Resource::new(|| (), |_| sent_messages());
    let open = Resource::new(|| (), |_| left_open());
    let may_send = move || {
        crate::use_auth()
            .and_then(|a| a.user.get())
            .and_then(Result::ok)
            .flatten()
            .is_some_and(|u| u.grants.iter().any(|g| g.role != crate::auth::types::Role::Municipality))
    };
    view! {
        <Title text=t(T::MessagesTitle)/>
        <section class="page narrow">
            <h1>{t(T::MessagesTitle)}</h1>
            <p class="hint">
                <a href="/report" data-test-report-link="">{t(T::ReportSomething)}</a>" · "
                <a href="/reports">{t(Common::ReportsTitle)}</a>" · "
                <a href="/messages/settings" data-test-settings-link="">{t(T::SettingsTitle)}</a>
            </p>
            <Transition fallback=loading>
                {move || may_send().then(|| view! {
                    <p><a class="button primary" href="/messages/new" data-test-new-message="">{t(T::NewMessage)}</a></p>
                })}
            </Transition>
            // Shown by the live script, which plays the sound; without it there is nothing to switch.
            <p class="live-sound" hidden data-live-sound-row="">
                <label class="choice"><input type="checkbox" data-live-sound=""/>" "{t(T::LiveSoundOn)}</label>
            </p>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match open.await {
                        Ok(lines) if !lines.is_empty() => {
                            let count = lines.len().to_string();
                            view! {
                            <section class="card" aria-labelledby="left-open-title" data-test-left-open=count>
                                <h2 id="left-open-title">{t(T::LeftOpenTitle)}</h2>
                                <p class="hint">{t(T::LeftOpenHint)}</p>
                                <Lines lines sent=true/>
                            </section>
                            }.into_any()
                        }
                        _ => ().into_any(),
                    }
                })}
            </Transition>
            <h2>{t(T::MessagesReceived)}</h2>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match received.await {
                        Ok(mut lines) if !lines.is_empty() => {
                            // Urgent alerts not yet seen come first.
                            lines.sort_by_key(|l| l.kind != Kind::Urgent || l.seen);
                            view! { <Lines lines sent=false/> }.into_any()
                        }
                        Ok(_) => view! { <p class="empty-state" data-test-messages="0">{t(T::NoMessages)}</p> }.into_any(),
                        Err(error) => view! { <ErrorMessage error/><p><a href="/signin?next=%2Fmessages">{t(Common::SignIn)}</a></p> }.into_any(),
                    }
                })}
            </Transition>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match sent.await {
                        Ok(lines) if !lines.is_empty() => view! {
                            <h2>{t(T::MessagesSent)}</h2>
                            <Lines lines sent=true/>
                        }.into_any(),
                        _ => ().into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Lines(lines: Vec<MessageLine>, sent: bool) -> impl IntoView {
    let lang = use_lang();
    let count = lines.len().to_string();
    view! {
        <ul class="messages" data-test-messages=count data-test-sent=sent.to_string()>
            {lines.into_iter().map(|l| {
                let urgent = l.kind == Kind::Urgent;
                let class = match (urgent, l.seen || sent) {
                    (true, false) => "urgent unseen",
                    (true, true) => "urgent",
                    (false, false) => "unseen",
                    (false, true) => "",
                };
                view! {
                    <li class=class data-test-message=l.id.to_string()>
                        <p>
                            <span class="badge">{kind_label(l.kind)}</span>" "
                            {l.category.map(|c| view! { <span class="badge">{category_label(c)}</span>" " })}
                            {status_label(l.status).map(|s| view! { <span class="badge quiet">{s}</span>" " })}
                            <strong><a href=format!("/messages/{}", l.id)>{l.title.clone()}</a></strong>
                        </p>
                        <p class="hint">
                            {format_date(l.created_at, lang)}
                            {l.recipients.zip(l.seen_count).map(|(r, s)| format!(" · {} {r} · {} {s}", t(T::ReceptionRecipients), t(T::ReceptionSeen)))}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
