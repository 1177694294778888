//! `/staff` (a zone's people and invitations), `/invitation/{token}` (accepting one) and
//! `/audit` (the audit log).

mod audit;
mod invitation;
mod zone;

pub use audit::AuditPage;
pub use invitation::InvitationPage;
pub use zone::StaffPage;

use crate::i18n::t;
use crate::staff::texts::T;
use crate::staff::types::Choice;
use crate::ui::ErrorMessage;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The zone in the query, when it is a number.
fn zone_in_query() -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get("zone").and_then(|z| z.trim().parse().ok())
}

/// How many times `action` succeeded: it changes only on a success.
fn succeeded<A>(action: ServerAction<A>) -> Memo<usize>
where
    A: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    A::Output: Send + Sync + 'static,
    A::Error: Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&usize>| {
        let version = action.version().get();
        if action.value().with(|v| matches!(v, Some(Ok(_)))) { version } else { previous.copied().unwrap_or(0) }
    })
}

/// What a page for those who manage a zone shows instead: who it is for, or the error.
fn refusal(error: crate::error::AppError) -> AnyView {
    match error {
        crate::error::AppError::Forbidden => view! { <p data-test-no-zone="">{t(T::NoZoneToManage)}</p> }.into_any(),
        error => view! { <ErrorMessage error/> }.into_any(),
    }
}

/// A form that chooses among `zones` by a GET to `action` (works without JavaScript).
#[component]
fn ZoneChooser(zones: Vec<Choice>, chosen: Option<i64>, action: &'static str, all: bool) -> impl IntoView {
    view! {
        <form method="get" action=action class="inline-form" data-test-form="choose-zone">
            <label for="zone-choice">{t(T::ChooseZone)}</label>
            <select id="zone-choice" name="zone">
                {all.then(|| view! { <option value="" selected=chosen.is_none()>{t(T::AllZones)}</option> })}
                {zones.into_iter().map(|z| view! {
                    <option value=z.id.to_string() selected=chosen == Some(z.id)>{z.name}</option>
                }).collect_view()}
            </select>
            <button type="submit">{t(T::Show)}</button>
        </form>
    }
}
