//! A question's form fields and the explanation after answering, shared by the quiz and the
//! review. Every exercise is made of native form controls, so it works by keyboard, with a
//! screen reader and without JavaScript: spot-the-phish marks are checkboxes on parts of the
//! message.

use crate::i18n::{Common, colon, t};
use crate::learning::texts::T;
use crate::learning::types::{Channel, Feedback, Field, PartView, QuestionKind, QuestionView};
use leptos::prelude::*;

/// The inputs of `question` (inside the caller's form).
#[component]
pub fn QuestionFields(question: QuestionView) -> impl IntoView {
    let hint = match question.kind {
        QuestionKind::Single => t(T::ChooseOne),
        QuestionKind::Multiple => t(T::ChooseAll),
        QuestionKind::Order => t(T::PutInOrder),
        QuestionKind::Phish => t(T::MarkSuspicious),
    };
    let n = question.options.len();
    let body = match question.kind {
        QuestionKind::Single => question
            .options
            .iter()
            .map(|o| view! {
                <label class="choice"><input type="radio" name="pick" value=o.id.clone() required/>" "{o.text.clone()}</label>
            })
            .collect_view()
            .into_any(),
        QuestionKind::Multiple => question
            .options
            .iter()
            .map(|o| view! {
                <label class="choice"><input type="checkbox" name=format!("marks[{}]", o.id) value="on"/>" "{o.text.clone()}</label>
            })
            .collect_view()
            .into_any(),
        QuestionKind::Order => question
            .options
            .iter()
            .map(|o| {
                let id = format!("order-{}", o.id);
                view! {
                    <div class="order-item">
                        <select id=id.clone() name=format!("marks[{}]", o.id) required>
                            <option value="">"–"</option>
                            {(1..=n).map(|i| view! { <option value=i.to_string()>{i.to_string()}</option> }).collect_view()}
                        </select>
                        <label for=id>{o.text.clone()}</label>
                    </div>
                }
            })
            .collect_view()
            .into_any(),
        QuestionKind::Phish => view! { <Message channel=question.channel parts=question.parts.clone()/> }.into_any(),
    };
    view! {
        <fieldset class="question" data-test-question=question.key.clone() data-test-kind=format!("{:?}", question.kind).to_lowercase()>
            <legend>{question.prompt.clone()}</legend>
            <p class="hint">{hint}</p>
            {body}
        </fieldset>
    }
}

/// A message drawn as the learner would receive it; each markable part is a checkbox.
#[component]
fn Message(channel: Option<Channel>, parts: Vec<PartView>) -> impl IntoView {
    let sms = channel == Some(Channel::Sms);
    let field =
        |f: Field| parts.iter().filter(|p| p.field == f).cloned().map(|p| view! { <Part part=p/> }).collect_view();
    let (from, subject, body) = (field(Field::From), field(Field::Subject), field(Field::Body));
    view! {
        <div class=if sms { "message-sample sms" } else { "message-sample email" } role="group"
            aria-label=if sms { t(T::SampleSms) } else { t(T::SampleEmail) }>
            <p class="message-head"><span class="message-label">{t(Common::From)}{colon()}</span>{from}</p>
            {(!sms).then(|| view! { <p class="message-head"><span class="message-label">{t(T::Subject)}{colon()}</span>{subject}</p> })}
            <div class="message-body">{body}</div>
        </div>
    }
}

#[component]
fn Part(part: PartView) -> impl IntoView {
    let lines: Vec<String> = part.text.split('\n').map(str::to_string).collect();
    let count = lines.len();
    let text = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| view! { {line}{(i + 1 < count).then(|| view! { <br/> })} })
        .collect_view();
    match part.mark {
        Some(mark) => view! {
            <label class="mark" data-test-mark=mark.clone()>
                <input type="checkbox" name=format!("marks[{mark}]") value="on"/>
                <span class="visually-hidden">{t(T::SuspiciousPart)}{colon()}</span>
                <span class="mark-text">{text}</span>
            </label>
        }
        .into_any(),
        None => view! { <span class="plain">{text}</span> }.into_any(),
    }
}

/// The answer explained: the learner's choice, the right one, and why, for every option.
#[component]
pub fn FeedbackView(feedback: Feedback) -> impl IntoView {
    let order = feedback.question.kind == QuestionKind::Order;
    let phish = feedback.question.kind == QuestionKind::Phish;
    view! {
        <div class="feedback" data-test-feedback=if feedback.correct { "right" } else { "wrong" }>
            <p class=if feedback.correct { "message success" } else { "message error" } role="status">
                {if feedback.correct { t(T::AnswerRight) } else { t(T::AnswerWrong) }}
            </p>
            <p class="question-prompt">{feedback.question.prompt.clone()}</p>
            <ul class="explained">
                {feedback.options.into_iter().map(|o| {
                    let verdict = if order {
                        format!("{} {}{}", t(T::RightPlace), o.position.unwrap_or(0),
                            o.given.map(|g| format!(" · {} {g}", t(T::YourPlace))).unwrap_or_default())
                    } else if phish {
                        match (o.correct, o.chosen) {
                            (true, true) => t(T::SuspiciousMarked).to_string(),
                            (true, false) => t(T::SuspiciousMissed).to_string(),
                            (false, true) => t(T::InnocentMarked).to_string(),
                            (false, false) => t(T::InnocentLeft).to_string(),
                        }
                    } else {
                        match (o.correct, o.chosen) {
                            (true, true) => t(T::RightChosen).to_string(),
                            (true, false) => t(T::RightMissed).to_string(),
                            (false, true) => t(T::WrongChosen).to_string(),
                            (false, false) => t(T::WrongLeft).to_string(),
                        }
                    };
                    let ok = if order { o.correct } else { o.correct == o.chosen };
                    view! {
                        <li class=if ok { "ok" } else { "not-ok" }>
                            <p><strong>{o.text}</strong></p>
                            <p class="verdict">{verdict}</p>
                            <p>{o.explain}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
