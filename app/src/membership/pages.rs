//! The pages of membership.

mod join;
mod manage;
mod mine;

pub use join::JoinPage;
pub use manage::{ManagePage, step_text};
pub use mine::MyBinsPage;

use crate::i18n::t;
use crate::membership::texts::T;
use crate::membership::types::MemberState;
use crate::ui::loading;
use leptos::prelude::*;

fn state_label(state: MemberState) -> &'static str {
    match state {
        MemberState::Pending => t(T::StatePending),
        MemberState::Active => t(T::StateActive),
        MemberState::Declined => t(T::StateDeclined),
        MemberState::Left => t(T::StateLeft),
    }
}

/// The language choice of a member's messages.
#[component]
fn LangSelect(#[prop(into)] id: String, current: crate::i18n::Lang) -> impl IntoView {
    view! {
        <select id=id name="lang">
            {crate::i18n::Lang::ALL.into_iter().map(|l| view! {
                <option value=l.code() selected=l == current>{l.native_name()}</option>
            }).collect_view()}
        </select>
    }
}

/// The optional decade of birth, with why it is asked.
#[component]
fn DecadeSelect(#[prop(into)] id: String, current: Option<i64>) -> impl IntoView {
    let hint = format!("{id}-hint");
    view! {
        <label for=id.clone()>{t(T::BirthDecadeOptional)}</label>
        <select id=id name="birth_decade" aria-describedby=hint.clone()>
            <option value="" selected=current.is_none()>{t(T::NotSaying)}</option>
            {crate::membership::types::BIRTH_DECADES.into_iter().map(|d| view! {
                <option value=d.to_string() selected=current == Some(d)>{crate::membership::types::decade_label(d)}</option>
            }).collect_view()}
        </select>
        <p class="hint" id=hint>{t(T::BirthDecadeWhy)}</p>
    }
}
