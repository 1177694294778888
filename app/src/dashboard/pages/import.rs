//! `/registry/import`: the knowledge centre uploads an existing charter registry (a plain
//! multipart form to `POST /registry/import`, so it works without JavaScript) and reads the
//! report of what was imported and what was rejected.

use crate::dashboard::import::{ImportFailure, ImportReport, LineIssue, MAX_LINES, registry_import_report};
use crate::dashboard::texts::T;
use crate::i18n::{Common, t, use_lang};
use crate::time::format_date;
use crate::ui::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ImportPage() -> impl IntoView {
    let query = use_query_map();
    let report_id = move || query.read().get("report").and_then(|r| r.parse::<i64>().ok());
    let report = Resource::new(report_id, |id| async move {
        match id {
            Some(id) => registry_import_report(id).await.map(Some),
            None => Ok(None),
        }
    });
    view! {
        <Title text=t(T::ImportRegistry)/>
        <section class="page narrow">
            <nav class="breadcrumb" aria-label=t(Common::Breadcrumb)><a href="/registry">{t(T::CharterRegistry)}</a></nav>
            <h1>{t(T::ImportRegistry)}</h1>
            <Suspense fallback=crate::ui::loading>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(Some(report)) => view! { <Report report/> }.into_any(),
                        Ok(None) => ().into_any(),
                        Err(error) => view! { <ErrorMessage error/> }.into_any(),
                    }
                })}
            </Suspense>
            <form method="post" action="/registry/import" enctype="multipart/form-data" class="stack card" data-test-form="import">
                <p>{t(T::ImportIntro)}</p>
                <p class="hint" id="import-file-hint">{crate::i18n::fill(crate::i18n::use_lang(), t(T::ImportColumns), &[MAX_LINES.to_string()])}</p>
                <label for="import-file">{t(T::CsvFile)}</label>
                <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-file-hint"/>
                <button type="submit" class="primary">{t(T::ImportButton)}</button>
            </form>
        </section>
    }
}

fn failure_text(failure: &ImportFailure) -> String {
    match failure {
        ImportFailure::NoFile => t(T::ImportNoFile).to_string(),
        ImportFailure::TooLarge => t(T::ImportTooLarge).to_string(),
        ImportFailure::NotUtf8 => t(T::ImportNotUtf8).to_string(),
        ImportFailure::Empty => t(T::ImportEmpty).to_string(),
        ImportFailure::MissingColumns { columns } => format!("{} {}", t(T::ImportMissingColumns), columns.join(", ")),
        ImportFailure::Unreadable { line } => {
            crate::i18n::fill(crate::i18n::use_lang(), t(T::ImportUnreadable), &[line.to_string()])
        }
        ImportFailure::TooManyLines => {
            crate::i18n::fill(crate::i18n::use_lang(), t(T::ImportTooManyLines), &[MAX_LINES.to_string()])
        }
    }
}

fn issue_text(issue: LineIssue) -> &'static str {
    t(match issue {
        LineIssue::UnknownNetwork => T::IssueUnknownNetwork,
        LineIssue::BadNumber => T::IssueBadNumber,
        LineIssue::BadDate => T::IssueBadDate,
        LineIssue::SignedInFuture => T::IssueSignedInFuture,
        LineIssue::RegisteredBeforeSigned => T::IssueRegisteredBeforeSigned,
        LineIssue::ReviewBeforeSigned => T::IssueReviewBeforeSigned,
        LineIssue::DuplicateLine => T::IssueDuplicateLine,
        LineIssue::DraftBeingSigned => T::IssueDraftBeingSigned,
        LineIssue::NetworkNotRunning => T::IssueNetworkNotRunning,
    })
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let lang = use_lang();
    let heading = format!("{} {} · {}", t(T::ImportReport), report.file_name, format_date(report.at, lang));
    if let Some(failure) = &report.failure {
        let text = failure_text(failure);
        return view! {
            <section class="message error" role="alert" data-test-import-failure="">
                <h2>{heading}</h2>
                <p>{text}</p>
                <p>{t(T::ImportNothingImported)}</p>
            </section>
        }
        .into_any();
    }
    let rejected = report.rejected.len();
    view! {
        <section class="card" aria-labelledby="report-title" data-test-import-report="">
            <h2 id="report-title">{heading}</h2>
            <dl class="facts">
                <dt>{t(T::ImportLines)}</dt><dd data-test-import="lines">{report.lines}</dd>
                <dt>{t(T::ImportImported)}</dt><dd data-test-import="imported">{report.imported}</dd>
                <dt>{t(T::ImportUpdated)}</dt><dd data-test-import="updated">{report.updated}</dd>
                <dt>{t(T::ImportUnchanged)}</dt><dd data-test-import="unchanged">{report.unchanged}</dd>
                <dt>{t(T::ImportRejected)}</dt><dd data-test-import="rejected">{rejected}</dd>
            </dl>
            {(rejected > 0).then(|| view! {
                <table class="list-table">
                    <caption>{t(T::ImportRejected)}</caption>
                    <thead><tr><th scope="col">{t(T::Line)}</th><th scope="col">"bin_id"</th><th scope="col">{t(T::Reason)}</th></tr></thead>
                    <tbody>
                        {report.rejected.into_iter().map(|r| view! {
                            <tr data-test-rejected=r.line.to_string()><td>{r.line}</td><td>{r.bin_id}</td><td>{issue_text(r.issue)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
    .into_any()
}
