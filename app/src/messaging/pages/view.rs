//! `/messages/{id}`: a message as its reader sees it (with the standing advice of an urgent
//! alert and a "seen" button), and, for those who manage it, how it was received (updated
//! live), its updates and closing, and the coordinator's call list.

use super::{MessageText, category_label, kind_label, loading, status_label};
use crate::i18n::{Common, colon, t, use_lang};
use crate::messaging::api::{MarkCalled, MarkSeen, PostUpdate, call_list, read_message};
use crate::messaging::reactions::{QUESTION_MAX, React};
use crate::messaging::text::BODY_MAX;
use crate::messaging::texts::T;
use crate::messaging::types::{MessageView, Reception, Status};
use crate::time::format_date;
use crate::ui::{ActionError, Notice, PageError, Submit};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MessagePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let seen = ServerAction::<MarkSeen>::new();
    let post = ServerAction::<PostUpdate>::new();
    let called = ServerAction::<MarkCalled>::new();
    let react = ServerAction::<React>::new();
    let data = Resource::new(
        move || (id(), seen.version().get(), post.version().get(), react.version().get()),
        |(id, ..)| read_message(id),
    );
    let reacted = move || query.read().get("reacted");
    let photo_added = move || query.read().get("photo").as_deref() == Some("1");
    let photo_error = move || query.read().get("photo_error").and_then(|c| crate::error::AppError::from_code(&c));
    let just_sent = move || query.read().get("sent").as_deref() == Some("1");
    view! {
        <section class="page narrow">
            <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/messages">{t(T::MessagesTitle)}</a></nav>
            {move || just_sent().then(|| view! { <Notice text=t(T::MessageSentNotice)/> })}
            <ActionError value=seen.value()/>
            <ActionError value=post.value()/>
            <ActionError value=called.value()/>
            <ActionError value=react.value()/>
            {move || photo_added().then(|| view! { <Notice text=t(T::PhotoAdded)/> })}
            {move || photo_error().map(|error| view! { <crate::ui::ErrorMessage error/> })}
            {move || (reacted().as_deref() == Some("question")).then(|| view! { <Notice text=t(T::QuestionSent)/> })}
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Message view seen post called react/> }.into_any(),
                        Err(error) => view! { <PageError error back_href="/messages" back_label=t(T::MessagesTitle)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Message(
    view: MessageView,
    seen: ServerAction<MarkSeen>,
    post: ServerAction<PostUpdate>,
    called: ServerAction<MarkCalled>,
    react: ServerAction<React>,
) -> impl IntoView {
    let lang = use_lang();
    let id = view.id;
    let urgent = view.kind.is_urgent();
    let open = view.status == Status::Open;
    view! {
        <Title text=view.title.clone()/>
        <article class=if urgent { "message-view urgent" } else { "message-view" } data-test-message-view=id.to_string()>
            <p>
                <span class="badge">{kind_label(view.kind)}</span>" "
                {view.category.map(|c| view! { <span class="badge">{category_label(c)}</span>" " })}
                {status_label(view.status).map(|s| view! { <span class="badge quiet" data-test-status=view.status.code()>{s}</span> })}
            </p>
            <h1>{view.title.clone()}</h1>
            <p class="hint">{t(Common::From)}{colon()}{view.from.clone()}" · "{format_date(view.created_at, lang)}</p>
            <MessageText segments=view.body.clone()/>
            {view.has_photo.then(|| view! {
                <figure class="report-photo">
                    <img src=format!("/messages/{id}/photo.jpg") alt=t(T::MissingPhotoAlt) data-test-alert-photo=""/>
                </figure>
            })}
            {view.advice.clone().map(|advice| view! {
                <section class="card advice" aria-labelledby="advice-title">
                    <h2 id="advice-title">{t(T::StandingAdviceTitle)}</h2>
                    <p class="message-text">{advice}</p>
                </section>
            })}
            {(!view.posts.is_empty()).then(|| view! {
                <section aria-labelledby="posts-title">
                    <h2 id="posts-title">{t(T::Updates)}</h2>
                    <ul class="posts" data-test-posts=view.posts.len().to_string()>
                        {view.posts.iter().cloned().map(|p| view! {
                            <li class=if p.closing { "closing" } else { "" } data-test-post=if p.closing { "closing" } else { "update" }>
                                <p class="hint">
                                    {if p.closing { t(T::ClosingMessage) } else { t(T::Updates) }}" · "{format_date(p.created_at, lang)}
                                </p>
                                <MessageText segments=p.body/>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {view.recipient.then(|| if view.seen {
                view! { <p class="message success" data-test-seen="yes">{t(T::SeenThanks)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=seen attr:data-test-form="seen">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <p class="hint">{t(T::SeenHint)}</p>
                        <Submit label=t(T::SeenButton) pending=seen.pending().into()/>
                    </ActionForm>
                }.into_any()
            })}
            {(view.recipient && !urgent).then(|| view! { <Reactions id found_useful=view.found_useful react/> })}
            <p class="no-print"><button type="button" data-print="" data-test-print="">{t(T::PrintSheet)}</button></p>
        </article>
        {view.may_add_photo.then(|| view! {
            <super::PhotoUpload action=format!("/messages/{id}/photo") label=t(T::MissingPhotoLabel) hint=t(T::MissingPhotoHint) test="alert-photo"/>
        })}
        {view.reactions.map(|(useful, questions)| view! {
            <section class="card" aria-labelledby="reactions-title" data-test-reactions=format!("{useful}/{questions}")>
                <h2 id="reactions-title">{t(T::ReactionsTitle)}</h2>
                <dl class="reception-figures">
                    <div><dt>{t(T::ReactionsUseful)}</dt><dd>{useful.to_string()}</dd></div>
                    <div><dt>{t(T::ReactionsQuestions)}</dt><dd>{questions.to_string()}</dd></div>
                </dl>
            </section>
        })}
        {view.reception.map(|r| view! { <ReceptionCard id reception=r bins=view.bins.clone()/> })}
        {(view.can_manage && open).then(|| view! { <Manage id post/> })}
        {view.has_call_list.then(|| view! { <CallList id called/> })}
    }
}

/// A recipient's structured reactions to a non-urgent message: "useful", or a question that
/// reaches the sender alone.
#[component]
fn Reactions(id: i64, found_useful: bool, react: ServerAction<React>) -> impl IntoView {
    view! {
        <section class="reactions no-print" aria-labelledby="reactions-own-title">
            <h2 id="reactions-own-title" class="visually-hidden">{t(T::ReactionsTitle)}</h2>
            {if found_useful {
                view! { <p class="message success" data-test-useful="yes">{t(T::FoundUseful)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=react attr:data-test-form="useful">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="reaction" value="useful"/>
                        <Submit label=t(T::UsefulButton) pending=react.pending().into()/>
                    </ActionForm>
                }.into_any()
            }}
            <details>
                <summary>{t(T::AskQuestion)}</summary>
                <ActionForm action=react attr:class="stack" attr:data-test-form="question">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="reaction" value="question"/>
                    <label for="question-text">{t(T::QuestionLabel)}</label>
                    <textarea id="question-text" name="question" rows="3" required maxlength=QUESTION_MAX.to_string()></textarea>
                    <Submit label=t(T::SendQuestion) pending=react.pending().into()/>
                </ActionForm>
            </details>
        </section>
    }
}

/// How the message was received; the figures follow live while the page is open.
#[component]
fn ReceptionCard(id: i64, reception: Reception, bins: Vec<String>) -> impl IntoView {
    let figure = |label: &'static str, key: &'static str, value: i64| {
        view! {
            <div><dt>{label}</dt><dd data-live-figure=key data-test-figure=key>{value.to_string()}</dd></div>
        }
    };
    view! {
        <section class="card reception" aria-labelledby="reception-title" data-live-message=id.to_string()>
            <h2 id="reception-title">{t(T::Reception)}</h2>
            <dl class="reception-figures" aria-live="polite">
                {figure(t(T::ReceptionRecipients), "recipients", reception.recipients)}
                {figure(t(T::ReceptionSeen), "seen", reception.seen)}
                {figure(t(T::ReceptionEmail), "email", reception.email)}
                {figure(t(T::ReceptionSms), "sms", reception.sms)}
                {figure(t(T::ReceptionPending), "pending", reception.pending)}
                {figure(t(T::ReceptionNotReached), "not_reached", reception.not_reached)}
            </dl>
            {(!bins.is_empty()).then(|| view! { <p class="hint">{t(T::Recipients)}{colon()}{bins.join(", ")}</p> })}
        </section>
    }
}

/// An update, or closing the alert with its closing message.
#[component]
fn Manage(id: i64, post: ServerAction<PostUpdate>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="update-title">
            <h2 id="update-title">{t(T::PostUpdate)}</h2>
            <ActionForm action=post attr:class="stack" attr:data-test-form="update">
                <input type="hidden" name="id" value=id.to_string()/>
                <label for="update-body">{t(T::UpdateLabel)}</label>
                <textarea id="update-body" name="body" rows="3" required maxlength=BODY_MAX.to_string()></textarea>
                <Submit label=t(T::PostUpdate) pending=post.pending().into()/>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="close-title">
            <h2 id="close-title">{t(T::CloseAlert)}</h2>
            <ActionForm action=post attr:class="stack" attr:data-test-form="close">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="close" value="yes"/>
                <label for="close-body">{t(T::ClosingMessage)}</label>
                <textarea id="close-body" name="body" rows="3" required maxlength=BODY_MAX.to_string() aria-describedby="close-hint"></textarea>
                <p class="hint" id="close-hint">{t(T::CloseHint)}</p>
                <label class="choice"><input type="checkbox" name="confirm" value="yes" required/>" "{t(T::ConfirmClose)}</label>
                <Submit label=t(T::CloseAlert) pending=post.pending().into()/>
            </ActionForm>
        </section>
    }
}

/// The coordinator's call list: who to phone, and who was phoned.
#[component]
fn CallList(id: i64, called: ServerAction<MarkCalled>) -> impl IntoView {
    let list = Resource::new(move || called.version().get(), move |_| call_list(id));
    view! {
        <section class="card" id="call-list" aria-labelledby="call-list-title">
            <h2 id="call-list-title">{t(T::CallList)}</h2>
            <p class="hint">{t(T::CallListHint)}</p>
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(people) if people.is_empty() => view! { <p class="empty-state" data-test-call-list="0">{t(T::CallListEmpty)}</p> }.into_any(),
                        Ok(people) => {
                            let count = people.len().to_string();
                            view! {
                            <ul class="call-list" data-test-call-list=count>
                                {people.into_iter().map(|p| view! {
                                    <li data-test-call=p.user_id.to_string()>
                                        <strong>{p.name.clone()}</strong>" · "
                                        {match p.phone.clone() {
                                            Some(phone) => {
                                                let href = format!("tel:{}", phone.replace(' ', ""));
                                                view! { <a href=href>{phone}</a> }.into_any()
                                            }
                                            None => t(T::NoPhone).into_any(),
                                        }}
                                        {if p.called {
                                            view! { " · "<span class="badge" data-test-called="">{t(T::MarkCalled)}</span> }.into_any()
                                        } else {
                                            view! {
                                                <ActionForm action=called attr:class="inline">
                                                    <input type="hidden" name="id" value=id.to_string()/>
                                                    <input type="hidden" name="user_id" value=p.user_id.to_string()/>
                                                    <button type="submit">{t(T::MarkCalled)}</button>
                                                </ActionForm>
                                            }.into_any()
                                        }}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                        }
                        Err(error) => view! { <crate::ui::ErrorMessage error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
