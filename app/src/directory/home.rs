//! The home page: look up a postcode, and the national count of networks.

use crate::directory::api::{lookup_postcode, region_counts};
use crate::directory::types::{BinKind, PostcodeAnswer, RegionCount};
use crate::i18n::{T, t, use_lang};
use crate::ui::{ErrorMessage, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let postcode = Memo::new(move |_| query.read().get("postcode").unwrap_or_default());
    let answer = Resource::new(
        move || postcode.get(),
        |code| async move { if code.trim().is_empty() { None } else { Some(lookup_postcode(code).await) } },
    );
    let counts = Resource::new(|| (), |_| region_counts());
    let deleted = move || query.read().get("deleted").is_some();
    view! {
        <Title text=t(T::HomeTitle)/>
        {move || deleted().then(|| view! { <Notice text=t(T::AccountDeletedNotice)/> })}
        <section class="hero">
            <h1>{t(T::HomeTitle)}</h1>
            <p class="lead">{t(T::HomeLead)}</p>
            <Form method="GET" action="/" attr:class="search" attr:role="search" attr:data-test-form="postcode">
                <label for="postcode">{t(T::PostcodeLabel)}</label>
                <div class="row">
                    <input
                        id="postcode"
                        name="postcode"
                        type="text"
                        inputmode="numeric"
                        autocomplete="postal-code"
                        maxlength="4"
                        pattern="[1-9][0-9]{3}"
                        placeholder="9000"
                        aria-describedby="postcode-hint"
                        prop:value=move || postcode.get()
                        value=move || postcode.get()
                    />
                    <button type="submit" class="primary">{t(T::Search)}</button>
                </div>
                <p class="hint" id="postcode-hint">{t(T::PostcodeHint)}</p>
            </Form>
            <div aria-live="polite" data-test-answer="">
                <Transition fallback=|| view! { <p class="loading" role="status">{t(T::Loading)}</p> }>
                    {move || Suspend::new(async move {
                        match answer.await {
                            None => ().into_any(),
                            Some(Ok(answer)) => view! { <Answer answer/> }.into_any(),
                            Some(Err(error)) => view! { <ErrorMessage error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </section>
        <section class="figures" aria-labelledby="figures-title">
            <h2 id="figures-title">{t(T::FiguresTitle)}</h2>
            <Suspense fallback=|| view! { <p class="loading" role="status">{t(T::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match counts.await {
                        Ok(table) => view! { <CountTable table/> }.into_any(),
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Answer(answer: PostcodeAnswer) -> impl IntoView {
    let lang = use_lang();
    view! {
        {answer.municipalities.into_iter().map(|m| {
            let count = m.bins.len();
            let zone = m.zone_name.get(lang).to_string();
            view! {
                <article class="card answer" data-test-municipality=m.nis>
                    <h2>{answer.postcode.clone()}" "{m.name.get(lang).to_string()}</h2>
                    <p>{t(T::PoliceZone)}": "{zone}{(!m.zone_id.is_empty()).then(|| format!(" ({})", m.zone_id))}</p>
                    {if count == 0 {
                        view! { <p data-test-no-bin="">{t(T::NoBinHere)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{format!("{count} ")}{t(T::NetworksHere)}</p>
                            <ul class="bins">
                                {m.bins.into_iter().map(|b| view! {
                                    <li>
                                        <span class="kind">{match b.kind { BinKind::Bin => "BIN", BinKind::BinZ => "BIN-Z" }}</span>
                                        " "{b.name}
                                        {b.looking_for_coordinator.then(|| view! { <span class="badge">{t(T::LookingForCoordinator)}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </article>
            }
        }).collect_view()}
    }
}

#[component]
pub fn CountTable(table: Vec<RegionCount>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="figures-table" data-test-region-table="">
            <caption>{t(T::FiguresCaption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(T::Region)}</th>
                    <th scope="col">"BIN"</th>
                    <th scope="col">"BIN-Z"</th>
                    <th scope="col">{t(T::Total)}</th>
                </tr>
            </thead>
            <tbody>
                {table.into_iter().map(|line| {
                    let name = line.region.map(|r| r.name(lang)).unwrap_or(t(T::Belgium));
                    let code = line.region.map(|r| r.code()).unwrap_or("belgium");
                    view! {
                        <tr data-test-region=code class:total=line.region.is_none()>
                            <th scope="row">{name}</th>
                            <td>{format_count(line.bin, lang)}</td>
                            <td>{format_count(line.bin_z, lang)}</td>
                            <td>{format_count(line.total(), lang)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A whole number with the thousands separator of the reader's language.
pub fn format_count(n: i64, lang: crate::i18n::Lang) -> String {
    let sep = match lang {
        crate::i18n::Lang::En => ',',
        crate::i18n::Lang::Fr => '\u{202f}',
        _ => '.',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn counts_get_the_separator_of_the_language() {
        assert_eq!(format_count(1557, Lang::Nl), "1.557");
        assert_eq!(format_count(1557, Lang::En), "1,557");
        assert_eq!(format_count(180_000, Lang::Fr), "180\u{202f}000");
        assert_eq!(format_count(17, Lang::De), "17");
    }
}
