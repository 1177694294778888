//! Public information pages: the privacy notice and the rules a member agrees to. They are
//! written in Markdown in `content/pages/<page>/<lang>.md` (same rules as the lessons, and the
//! same `##` headings in every language), read and checked at start, and kept rendered.

pub mod texts;
use crate::error::AppError;
use crate::i18n::{Common, t};
use crate::info::texts::T;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// The pages, by the name in their address (`/privacy`, `/rules`).
pub const PAGES: [&str; 2] = ["privacy", "rules"];

/// A page in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InfoText {
    pub title: String,
    /// The first paragraph, for the page's description.
    pub lead: String,
    /// Sanitised HTML.
    pub html: String,
    /// Who runs this service (the privacy notice names them); `None` when not configured.
    pub operator: Option<Operator>,
}

/// Who runs this Nabij service, from the server's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operator {
    pub name: String,
    pub contact: String,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::{InfoText, Operator, PAGES};
    use crate::i18n::Lang;
    use std::collections::HashMap;
    use std::path::Path;
    use std::sync::OnceLock;

    static LOADED: OnceLock<HashMap<(&'static str, Lang), InfoText>> = OnceLock::new();
    static OPERATOR: OnceLock<Option<Operator>> = OnceLock::new();

    /// Reads and checks every page in every language; on failure, every problem, one per line.
    pub fn read(content_dir: &Path) -> Result<HashMap<(&'static str, Lang), InfoText>, String> {
        let mut problems = Vec::new();
        let mut pages = HashMap::new();
        for name in PAGES {
            let mut dutch_headings: Option<usize> = None;
            for lang in Lang::ALL {
                let path = content_dir.join("pages").join(name).join(format!("{}.md", lang.code()));
                let Some((title, body)) = crate::platform::markdown::read(&path, &mut problems) else { continue };
                let headings = crate::platform::markdown::headings(&body).len();
                match dutch_headings {
                    Some(dutch) if dutch != headings => problems
                        .push(format!("{}: {headings} headings where the Dutch page has {dutch}", path.display())),
                    Some(_) => {}
                    None => dutch_headings = Some(headings),
                }
                let lead =
                    body.split("\n\n").map(str::trim).find(|p| !p.is_empty() && !p.starts_with('#')).unwrap_or("");
                let lead: String = lead.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(300).collect();
                let html = crate::platform::markdown::render(&body);
                pages.insert((name, lang), InfoText { title, lead, html, operator: None });
            }
        }
        if problems.is_empty() { Ok(pages) } else { Err(problems.join("\n")) }
    }

    /// Reads the pages once for the whole process, with the operator the privacy notice
    /// names (the server calls this at start).
    pub fn load(content_dir: &Path, operator: Option<Operator>) -> Result<(), String> {
        if LOADED.get().is_none() {
            let _ = LOADED.set(read(content_dir)?);
        }
        let _ = OPERATOR.set(operator);
        Ok(())
    }

    pub fn get(name: &str, lang: Lang) -> Option<InfoText> {
        let mut page = LOADED.get()?.iter().find(|((n, l), _)| *n == name && *l == lang).map(|(_, p)| p.clone())?;
        if name == "privacy" {
            page.operator = OPERATOR.get().cloned().flatten();
        }
        Some(page)
    }

    #[cfg(test)]
    mod tests {
        use super::read;
        use crate::i18n::Lang;

        #[test]
        fn every_page_is_there_in_every_language_with_the_same_headings() {
            let pages = read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("content"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(pages.len(), super::PAGES.len() * Lang::ALL.len());
            let privacy = &pages[&("privacy", Lang::Fr)];
            assert!(privacy.html.contains("<h2>"), "{}", privacy.html);
            assert!(!privacy.lead.is_empty());
        }
    }
}

/// A page of [`PAGES`] in the page's language.
#[server(endpoint = "info/page", output = crate::codec::Json)]
pub async fn info_page(name: String) -> Result<InfoText, AppError> {
    ssr::get(&name, crate::i18n::detect_lang()).ok_or(AppError::NotFound)
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! { <InfoPage name="privacy"/> }
}

#[component]
pub fn RulesPage() -> impl IntoView {
    view! { <InfoPage name="rules"/> }
}

#[component]
fn InfoPage(name: &'static str) -> impl IntoView {
    let data = Resource::new(|| (), move |_| info_page(name.to_string()));
    view! {
        <article class="page narrow prose" data-test-info=name>
            <Transition fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! {
                            <Title text=page.title.clone()/>
                            <h1>{page.title}</h1>
                            {(name == "privacy").then(|| view! { <OperatorBox operator=page.operator.clone()/> })}
                            <div inner_html=page.html></div>
                        }.into_any(),
                        Err(error) => view! { <crate::ui::PageError error back_href="/" back_label=t(Common::BackHome)/> }.into_any(),
                    }
                })}
            </Transition>
        </article>
    }
}

/// Who runs this service, or a plain statement that this installation has named nobody.
#[component]
fn OperatorBox(operator: Option<Operator>) -> impl IntoView {
    let named = if operator.is_some() { "named" } else { "none" };
    view! {
        <div class="card" data-test-operator=named>
            <h2>{t(T::OperatorTitle)}</h2>
            {match operator {
                Some(o) => view! { <p><strong>{o.name}</strong><br/>{o.contact}</p> }.into_any(),
                None => view! { <p>{t(T::OperatorNotNamed)}</p> }.into_any(),
            }}
        </div>
    }
}
