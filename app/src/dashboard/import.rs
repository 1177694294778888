//! Importing an existing charter registry from CSV (knowledge-centre admins only). The file is
//! read whole first: when it cannot be read as a registry (not UTF-8, columns missing, a broken
//! line, too many lines) nothing is imported and the report says why. Otherwise each line is
//! checked on its own; the good lines are imported together in one transaction and every
//! rejected line is listed with its reason. Every import leaves a report.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The largest file accepted.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The most lines accepted (Belgium has about 1,600 networks).
pub const MAX_LINES: usize = 10_000;
/// The columns a registry file must have (others, like the export's, are ignored).
pub const REQUIRED: [&str; 4] = ["bin_id", "version", "signed", "next_review"];

/// Why a whole file was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportFailure {
    NoFile,
    TooLarge,
    NotUtf8,
    Empty,
    MissingColumns { columns: Vec<String> },
    Unreadable { line: u64 },
    TooManyLines,
}

/// Why one line was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineIssue {
    UnknownNetwork,
    BadNumber,
    BadDate,
    SignedInFuture,
    RegisteredBeforeSigned,
    ReviewBeforeSigned,
    DuplicateLine,
    DraftBeingSigned,
    NetworkNotRunning,
}

/// The code of a column from its heading: a code as written (`bin_id`), or the heading the
/// registry's spreadsheet gives it in any language ("Netwerknummer", "Numéro du réseau" …).
#[cfg(feature = "ssr")]
fn column_code(heading: &str) -> String {
    let heading = heading.trim().to_lowercase();
    let columns = crate::dashboard::registry::COLUMNS;
    if columns.iter().any(|(code, _)| *code == heading) {
        return heading;
    }
    columns
        .iter()
        .find(|(_, text)| crate::i18n::Lang::ALL.iter().any(|l| text.get(*l).to_lowercase() == heading))
        .map_or(heading, |(code, _)| code.to_string())
}

/// One rejected line: its number in the file (the header is line 1), its `bin_id` as written,
/// and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub line: u64,
    pub bin_id: String,
    pub issue: LineIssue,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub at: i64,
    pub file_name: String,
    pub lines: usize,
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Rejected>,
    pub failure: Option<ImportFailure>,
}

/// One charter as a line gives it.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub line: u64,
    pub bin_id: i64,
    pub version: i64,
    pub signed_at: i64,
    pub registered_at: i64,
    pub next_review_at: i64,
}

#[cfg(feature = "ssr")]
/// A date as registries write it: `2024-03-15`, `15/03/2024`, `15-03-2024` or `15.03.2024`, as
/// Unix seconds at midnight UTC.
pub fn date(input: &str) -> Option<i64> {
    let input = input.trim();
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(input, f).ok())
        .filter(|d| (1990..=2100).contains(&chrono::Datelike::year(d)))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
}

#[cfg(feature = "ssr")]
/// Reads a file into lines, or says why it cannot be read as a registry. Lines with a problem
/// of their own come back as `Err` with their number and `bin_id`, for the report.
pub fn read(bytes: &[u8], now: i64) -> Result<Vec<Result<Line, Rejected>>, ImportFailure> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportFailure::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportFailure::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().find(|l| !l.trim().is_empty()).ok_or(ImportFailure::Empty)?;
    // Spreadsheets set to Dutch, French or German write semicolons.
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|_| ImportFailure::Unreadable { line: 1 })?.iter().map(column_code).collect();
    let missing: Vec<String> =
        REQUIRED.iter().filter(|c| !headers.iter().any(|h| h == *c)).map(|c| c.to_string()).collect();
    if !missing.is_empty() {
        return Err(ImportFailure::MissingColumns { columns: missing });
    }
    let at = |name: &str| headers.iter().position(|h| h == name);
    let (bin_col, version_col, signed_col, review_col) = (
        at("bin_id").unwrap_or(0),
        at("version").unwrap_or(0),
        at("signed").unwrap_or(0),
        at("next_review").unwrap_or(0),
    );
    let registered_col = at("registered");
    let mut lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| ImportFailure::Unreadable { line: e.position().map(|p| p.line()).unwrap_or(0) })?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if lines.len() >= MAX_LINES {
            return Err(ImportFailure::TooManyLines);
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let field = |i: usize| record.get(i).unwrap_or_default().trim();
        let bin_id = field(bin_col).to_string();
        let reject = |issue| Err(Rejected { line, bin_id: bin_id.chars().take(20).collect(), issue });
        let (Ok(id), Ok(version)) = (bin_id.parse::<i64>(), field(version_col).parse::<i64>()) else {
            lines.push(reject(LineIssue::BadNumber));
            continue;
        };
        if id <= 0 || !(1..=1000).contains(&version) {
            lines.push(reject(LineIssue::BadNumber));
            continue;
        }
        let registered = registered_col.map(field).filter(|f| !f.is_empty());
        let (Some(signed), Some(review)) = (date(field(signed_col)), date(field(review_col))) else {
            lines.push(reject(LineIssue::BadDate));
            continue;
        };
        let registered_at = match registered.map(date) {
            None => signed,
            Some(Some(d)) => d,
            Some(None) => {
                lines.push(reject(LineIssue::BadDate));
                continue;
            }
        };
        let issue = if signed > now {
            Some(LineIssue::SignedInFuture)
        } else if registered_at < signed {
            Some(LineIssue::RegisteredBeforeSigned)
        } else if review <= signed {
            Some(LineIssue::ReviewBeforeSigned)
        } else if !seen.insert((id, version)) {
            Some(LineIssue::DuplicateLine)
        } else {
            None
        };
        lines.push(match issue {
            Some(issue) => reject(issue),
            None => Ok(Line { line, bin_id: id, version, signed_at: signed, registered_at, next_review_at: review }),
        });
    }
    if lines.is_empty() {
        return Err(ImportFailure::Empty);
    }
    Ok(lines)
}

/// Imports a registry file for a knowledge-centre admin and returns the report's id.
#[cfg(feature = "ssr")]
pub async fn import(
    state: &crate::platform::state::AppState,
    me: &crate::auth::types::SafeUser,
    file_name: &str,
    bytes: Result<&[u8], ImportFailure>,
) -> Result<i64, AppError> {
    use crate::directory::types::BinState;
    use crate::lifecycle::repo::{self as charters, StoredCharter};
    if !me.is_kc_admin() {
        return Err(AppError::Forbidden);
    }
    let now = crate::platform::now();
    let mut report = ImportReport {
        at: now,
        file_name: file_name.chars().filter(|c| !c.is_control()).take(120).collect(),
        ..ImportReport::default()
    };
    let mut tx = state.begin().await?;
    match bytes.and_then(|b| read(b, now)) {
        Err(failure) => report.failure = Some(failure),
        Ok(lines) => {
            report.lines = lines.len();
            let known = crate::directory::repo::all_states(&mut *tx).await?;
            for line in lines {
                let line = match line {
                    Ok(line) => match known.get(&line.bin_id) {
                        Some(BinState::Active | BinState::Dormant) => line,
                        found => {
                            // A charter is registered for a running network; one still in its
                            // procedure gets it there, one that ended keeps none.
                            let issue =
                                if found.is_some() { LineIssue::NetworkNotRunning } else { LineIssue::UnknownNetwork };
                            report.rejected.push(Rejected { line: line.line, bin_id: line.bin_id.to_string(), issue });
                            continue;
                        }
                    },
                    Err(rejected) => {
                        report.rejected.push(rejected);
                        continue;
                    }
                };
                let dates = charters::RegisteredDates {
                    signed_at: line.signed_at,
                    registered_at: line.registered_at,
                    next_review_at: line.next_review_at,
                };
                match charters::charter_version(&mut *tx, line.bin_id, line.version).await? {
                    None => {
                        charters::insert_registered_charter(&mut *tx, line.bin_id, line.version, dates).await?;
                        report.imported += 1;
                    }
                    Some(StoredCharter { registered_at: None, .. }) => report.rejected.push(Rejected {
                        line: line.line,
                        bin_id: line.bin_id.to_string(),
                        issue: LineIssue::DraftBeingSigned,
                    }),
                    // A file holds dates, the database times: compared by the day.
                    Some(stored)
                        if [stored.signed_at, stored.registered_at, stored.next_review_at]
                            .map(|t| t.map(|t| t.div_euclid(86_400)))
                            == [line.signed_at, line.registered_at, line.next_review_at]
                                .map(|t| Some(t.div_euclid(86_400))) =>
                    {
                        report.unchanged += 1;
                    }
                    Some(stored) => {
                        // A new review date is reminded anew; the same one is not reminded twice.
                        let new_review = stored.next_review_at.map(|t| t.div_euclid(86_400))
                            != Some(line.next_review_at.div_euclid(86_400));
                        charters::set_registered_dates(&mut *tx, stored.id, dates, new_review).await?;
                        report.updated += 1;
                    }
                }
            }
        }
    }
    let json = serde_json::to_string(&report).map_err(|_| AppError::Internal)?;
    let id = crate::dashboard::repo::insert_import_report(&mut *tx, me.id, now, &json).await?;
    tx.commit().await?;
    tracing::info!(
        report = id,
        imported = report.imported,
        updated = report.updated,
        rejected = report.rejected.len(),
        refused = report.failure.is_some(),
        "charter registry imported"
    );
    Ok(id)
}

/// A report of an import (knowledge-centre admins only).
#[server(endpoint = "dashboard/registry_import_report", input = GetUrl, output = crate::codec::Json)]
pub async fn registry_import_report(id: i64) -> Result<ImportReport, AppError> {
    let state = crate::platform::state::app_state()?;
    let me = crate::auth::session::require_user().await?;
    if !me.is_kc_admin() {
        return Err(AppError::Forbidden);
    }
    let json = crate::dashboard::repo::import_report(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    serde_json::from_str(&json).map_err(|_| AppError::Internal)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_000_000; // 2026-11-30

    #[test]
    fn dates_in_the_usual_ways() {
        let d = date("2024-03-15").unwrap();
        assert_eq!(date("15/03/2024"), Some(d));
        assert_eq!(date("15-03-2024"), Some(d));
        assert_eq!(date(" 15.03.2024 "), Some(d));
        assert_eq!(d % 86_400, 0);
        for bad in ["", "2024-02-30", "15/13/2024", "gisteren", "1850-01-01", "2024-03-15T10:00"] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_registry_spreadsheet_is_read_back_in_every_language() {
        use crate::dashboard::registry::{Charter, to_csv};
        let (signed, review) = (date("2024-03-15").unwrap(), date("2027-03-15").unwrap());
        let charter = Charter {
            bin_id: 12,
            bin: "Gent; =Sint-Pieters".into(),
            kind: crate::directory::types::BinKind::Bin,
            state: crate::directory::types::BinState::Active,
            region: crate::directory::types::Region::Flanders,
            zone: "5415".into(),
            version: Some(2),
            signed_at: Some(signed),
            registered_at: None,
            next_review_at: Some(review),
            status: crate::dashboard::zone::CharterStatus::InForce,
        };
        for lang in crate::i18n::Lang::ALL {
            let file = to_csv(std::slice::from_ref(&charter), lang).unwrap();
            let lines = read(file.as_bytes(), NOW).unwrap();
            let line = lines[0].as_ref().unwrap_or_else(|e| panic!("{lang:?}: {e:?} in {file}"));
            assert_eq!((line.bin_id, line.version, line.signed_at, line.next_review_at), (12, 2, signed, review));
        }
    }

    #[test]
    fn good_and_bad_lines_are_told_apart() {
        let file = "bin_id;version;signed;registered;next_review\n\
                    12;1;15/03/2024;;15/03/2027\n\
                    13;2;2024-01-10;2024-02-01;2027-01-10\n\
                    abc;1;2024-01-10;;2027-01-10\n\
                    14;1;2024-13-10;;2027-01-10\n\
                    15;1;2024-01-10;2023-12-01;2027-01-10\n\
                    16;1;2024-01-10;;2023-01-10\n\
                    12;1;2024-03-15;;2027-03-15\n\
                    17;1;2030-01-10;;2033-01-10\n\
                    \n";
        let lines = read(file.as_bytes(), NOW).unwrap();
        assert_eq!(lines.len(), 8, "the blank line is skipped");
        let ok: Vec<&Line> = lines.iter().filter_map(|l| l.as_ref().ok()).collect();
        assert_eq!(ok.len(), 2);
        assert_eq!(
            (ok[0].bin_id, ok[0].version, ok[0].registered_at),
            (12, 1, ok[0].signed_at),
            "registered defaults to signed"
        );
        let issues: Vec<(u64, LineIssue)> =
            lines.iter().filter_map(|l| l.as_ref().err()).map(|r| (r.line, r.issue)).collect();
        assert_eq!(
            issues,
            [
                (4, LineIssue::BadNumber),
                (5, LineIssue::BadDate),
                (6, LineIssue::RegisteredBeforeSigned),
                (7, LineIssue::ReviewBeforeSigned),
                (8, LineIssue::DuplicateLine),
                (9, LineIssue::SignedInFuture),
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_a_registry_is_refused_whole() {
        assert_eq!(read(b"", NOW), Err(ImportFailure::Empty));
        assert_eq!(read(b"bin_id,version,signed,next_review\n", NOW), Err(ImportFailure::Empty));
        assert_eq!(
            read(b"bin_id,version,signed,next_review\n\xff\xfe1,1,2024-01-01,2027-01-01\n", NOW),
            Err(ImportFailure::NotUtf8)
        );
        assert_eq!(
            read(b"id,version,signed\n1,1,2024-01-01\n", NOW),
            Err(ImportFailure::MissingColumns { columns: vec!["bin_id".into(), "next_review".into()] })
        );
        assert_eq!(
            read(b"bin_id,version,signed,next_review\n1,1,2024-01-01,2027-01-01\n2,1,2024-01-01\n", NOW),
            Err(ImportFailure::Unreadable { line: 3 })
        );
        let many = std::iter::once("bin_id,version,signed,next_review".to_string())
            .chain((0..=MAX_LINES).map(|i| format!("{i},1,2024-01-01,2027-01-01")))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(read(many.as_bytes(), NOW), Err(ImportFailure::TooManyLines));
        assert_eq!(read(&vec![b'a'; MAX_BYTES + 1], NOW), Err(ImportFailure::TooLarge));
        // The export's own columns and a byte-order mark are fine.
        let export = "\u{feff}bin_id,bin,kind,state,region,zone,version,signed,registered,next_review,status\n\
                      7,\"BIN Dorp, Noord\",bin,active,flanders,5415,1,2020-05-01,2020-06-01,2026-05-01,overdue\n";
        let lines = read(export.as_bytes(), NOW).unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].as_ref().map(|l| l.bin_id), Ok(7));
    }
}
