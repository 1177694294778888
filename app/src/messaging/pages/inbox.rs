//! `/inbox`: notices about the caller's networks, newest first.

use super::loading;
use crate::i18n::{Common, t, use_lang};
use crate::messaging::inbox::{MarkInboxRead, my_inbox};
use crate::messaging::texts::T;
use crate::time::format_date;
use crate::ui::{ErrorMessage, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InboxPage() -> impl IntoView {
    let read = ServerAction::<MarkInboxRead>::new();
    crate::refresh_auth_on_success(read.value());
    let data = Resource::new(move || read.version().get(), |_| my_inbox());
    let lang = use_lang();
    view! {
        <Title text=t(Common::Inbox)/>
        <section class="page narrow">
            <h1>{t(Common::Inbox)}</h1>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(items) if items.is_empty() => view! {
                            <p class="empty-state" data-test-inbox="0">{t(T::InboxEmpty)}</p>
                        }.into_any(),
                        Ok(items) => {
                            let unread = items.iter().filter(|i| !i.read).count();
                            let count = items.len().to_string();
                            view! {
                                <p data-test-unread=unread.to_string()>{crate::i18n::fill(lang, t(Common::UnreadCount), &[unread.to_string()])}</p>
                                {(unread > 0).then(|| view! {
                                    <ActionForm action=read attr:data-test-form="inbox-read">
                                        <Submit label=t(T::MarkAllRead) pending=read.pending().into()/>
                                    </ActionForm>
                                })}
                                <ul class="inbox" data-test-inbox=count>
                                    {items.into_iter().map(|item| view! {
                                        <li class=if item.read { "read" } else { "unread" }>
                                            <p><strong><a href=format!("/inbox/{}", item.id) rel="external" data-test-notice=item.kind.clone()>{item.title}</a></strong>
                                                {(!item.read).then(|| view! { " "<span class="badge">{t(T::New)}</span> })}</p>
                                            <p>{item.body}</p>
                                            <p class="hint">{format_date(item.created_at, lang)}</p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error/><p><a href="/signin?next=%2Finbox">{t(Common::SignIn)}</a></p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
