//! `/registry`: the knowledge centre's charter registry with its filters and CSV.

use crate::dashboard::registry::{Registry, SHOWN, charter_registry};
use crate::dashboard::texts::T;
use crate::dashboard::zone::CharterStatus;
use crate::directory::types::Region;
use crate::i18n::{Common, t, use_lang};
use crate::time::format_date;
use crate::ui::{ErrorMessage, encode_component};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RegistryPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        (
            q.get("region").unwrap_or_default(),
            q.get("zone").unwrap_or_default(),
            q.get("status").unwrap_or_default(),
            q.get("state").unwrap_or_default(),
        )
    };
    let data =
        Resource::new(filter, |(region, zone, status, state)| charter_registry(region, zone, status, Some(state)));
    let lang = use_lang();
    view! {
        <Title text=t(T::CharterRegistry)/>
        <section class="page">
            <h1>{t(T::CharterRegistry)}</h1>
            <form method="get" action="/registry" class="inline-form" data-test-form="registry-filter">
                <label for="registry-region">{t(Common::Region)}</label>
                <select id="registry-region" name="region">
                    <option value="">{t(T::All)}</option>
                    {Region::ALL.into_iter().map(|r| view! {
                        <option value=r.code() selected=move || filter().0 == r.code()>{r.name(lang)}</option>
                    }).collect_view()}
                </select>
                <label for="registry-zone">{t(T::ZoneNumber)}</label>
                <input id="registry-zone" name="zone" type="text" inputmode="numeric" maxlength="6" size="6" value=move || filter().1/>
                <label for="registry-status">{t(Common::Charter)}</label>
                <select id="registry-status" name="status">
                    <option value="">{t(T::All)}</option>
                    {[("in_force", t(T::CharterInForce)), ("due_soon", t(T::CharterDueSoon)), ("overdue", t(T::CharterOverdue)), ("none", t(Common::CharterNone))]
                        .into_iter()
                        .map(|(code, label)| view! { <option value=code selected=move || filter().2 == code>{label}</option> })
                        .collect_view()}
                </select>
                <label for="registry-state">{t(T::NetworkState)}</label>
                <select id="registry-state" name="state">
                    <option value="">{t(T::All)}</option>
                    {[("active", t(Common::LifeActive)), ("dormant", t(Common::LifeDormant)), ("initiative", t(Common::Initiatives)), ("ended", t(T::LifeEnded))]
                        .into_iter()
                        .map(|(code, label)| view! { <option value=code selected=move || filter().3 == code>{label}</option> })
                        .collect_view()}
                </select>
                <button type="submit">{t(Common::Filter)}</button>
            </form>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    let (region, zone, status, state) = filter();
                    let csv = format!(
                        "/registry.csv?region={}&zone={}&status={}&state={}",
                        encode_component(&region),
                        encode_component(&zone),
                        encode_component(&status),
                        encode_component(&state)
                    );
                    match data.await {
                        Ok(registry) => view! {
                            <p>
                                <a class="button" href=csv download="" rel="external" data-test-registry-csv="">{t(T::DownloadZoneCsv)}</a>" "
                                <a class="button" href="/registry/import" data-test-import-link="">{t(T::ImportRegistry)}</a>
                            </p>
                            <RegistryTable registry/>
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RegistryTable(registry: Registry) -> impl IntoView {
    let lang = use_lang();
    let status = |s: CharterStatus| t(s.text());
    let date = move |d: Option<i64>| d.map(|d| format_date(d, lang)).unwrap_or_else(|| "–".into());
    let shown = registry.lines.len();
    view! {
        <p data-test-registry-matched=registry.matched.to_string()>
            {crate::i18n::fill(lang, t(T::ChartersMatched), &[crate::i18n::format_count(registry.matched as i64, lang)])}
            {(registry.matched > shown).then(|| format!(" {} {SHOWN}.", t(T::ShowingFirst)))}
        </p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=t(T::CharterRegistry)>
        <table class="list-table">
            <caption class="visually-hidden">{t(T::CharterRegistry)}</caption>
            <thead><tr>
                <th scope="col">{t(Common::NetworkColumn)}</th>
                <th scope="col">{t(Common::PoliceZone)}</th>
                <th scope="col">{t(Common::Charter)}</th>
                <th scope="col">{t(T::SignedOnColumn)}</th>
                <th scope="col">{t(Common::NextReviewColumn)}</th>
            </tr></thead>
            <tbody>
                {registry.lines.into_iter().map(|c| view! {
                    <tr data-test-registry-line=c.bin_id.to_string()>
                        <td><a href=format!("/bin/{}/charter", c.bin_id)>{c.bin}</a></td>
                        <td>{c.zone}</td>
                        <td>{status(c.status)}{c.version.map(|v| format!(" (v{v})"))}</td>
                        <td class="nowrap">{date(c.signed_at)}</td>
                        <td class="nowrap">{date(c.next_review_at)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
