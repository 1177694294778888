//! Hostile input: every parser that reads what people type or what files hold is fed generated
//! input, a fixed number of cases per run of `make test` (proptest, a new random seed each run;
//! a failure prints the smallest input that fails). Each parser must answer, with a value or a
//! refusal, without panicking, and what it accepts must keep its promise: a place the search
//! resolves is in Belgium, a suggestion it offers resolves, a street list reads back as written,
//! an imported registry line is consistent, and a broken course file is refused and named.

use crate::dashboard::import::{self, ImportFailure};
use crate::directory::geo::{Geography, source_data_dir};
use crate::directory::places;
use crate::directory::segments::{normalize, parse_address};
use crate::i18n::Lang;
use crate::learning::content::{Catalog, source_content_dir};
use crate::lifecycle::proposal::{MAX_STREETS, streets, streets_text};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static GEO: LazyLock<Geography> = LazyLock::new(|| match Geography::load(&source_data_dir()) {
    Ok(geo) => geo,
    Err(e) => panic!("{e}"),
});

fn cases(n: u32) -> ProptestConfig {
    ProptestConfig { cases: n, failure_persistence: None, ..ProptestConfig::default() }
}

fn lang() -> impl Strategy<Value = Lang> {
    prop::sample::select(Lang::ALL.to_vec())
}

/// Text people might type, and text nobody should: control characters, other scripts,
/// bidirectional overrides, very long runs.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 ]{0,9}",
        "[A-Za-zÀ-ÿ' .,;-]{0,40}",
        "-?[0-9]{1,3}[.,][0-9]{0,9} ?[,;] ?-?[0-9]{1,3}[.,][0-9]{0,9}",
        "[A-Za-z]{1,20} [0-9]{1,6}[A-Za-z]?, ?[0-9]{4} [A-Za-z-]{1,20}",
        "\\PC{190,230}",
        "[\u{202a}-\u{202e}\u{200b}-\u{200f}\u{0}-\u{1f}]{1,8}[a-z]{0,8}",
    ]
}

/// The start of a real municipality's name in one of its languages, in any case and with or
/// without its accents, as someone types it into the search box.
fn place_prefix() -> impl Strategy<Value = String> {
    (0..GEO.municipalities.len(), lang(), 1usize..12, any::<bool>(), any::<bool>()).prop_map(
        |(i, lang, len, upper, plain)| {
            let name = GEO.municipalities[i].names.get(lang);
            let start: String = name.chars().take(len).collect();
            let start = if plain { normalize(&start) } else { start };
            if upper { start.to_uppercase() } else { start }
        },
    )
}

proptest! {
    #![proptest_config(cases(3000))]

    #[test]
    fn the_search_answers_every_query_and_only_with_a_place_in_belgium(q in typed(), lang in lang()) {
        if let Ok(origin) = places::resolve(&GEO, &q, lang) {
            prop_assert!((49.4..51.6).contains(&origin.lat) && (2.4..6.5).contains(&origin.lon), "{q:?} -> {origin:?}");
            prop_assert!(GEO.municipality(origin.nis).is_some(), "{q:?} -> {origin:?}");
            prop_assert!(!origin.label.is_empty());
        }
        if let Ok(found) = places::suggest(&GEO, &q, lang, 8) {
            prop_assert!(found.len() <= 8);
        }
    }

    #[test]
    fn every_place_the_search_suggests_can_be_searched(q in place_prefix(), lang in lang()) {
        let found = places::suggest(&GEO, &q, lang, 8);
        prop_assert!(found.is_ok(), "{q:?}: {found:?}");
        for suggestion in found.unwrap_or_default() {
            let origin = places::resolve(&GEO, &suggestion.value, lang);
            prop_assert!(origin.is_ok(), "{q:?} suggested {:?}, which gives {origin:?}", suggestion.value);
        }
    }

    #[test]
    fn an_address_is_read_or_refused_and_normalising_is_stable(input in typed()) {
        if let Some(address) = parse_address(&input) {
            prop_assert!((1..=100_000).contains(&address.number));
            prop_assert!(!address.street.trim().is_empty() && !address.place.trim().is_empty());
        }
        let once = normalize(&input);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert!(!once.contains("  ") && once == once.trim());
    }

    #[test]
    fn a_street_list_that_is_accepted_reads_back_as_it_was_written(
        input in prop_oneof![
            typed(),
            prop::collection::vec(
                ("[A-Za-zÀ-ÿ' .-]{0,30}", "-?[0-9]{0,5}", "-?[0-9]{0,5}", "[a-z]{0,6}", any::<bool>()),
                0..70,
            )
            .prop_map(|lines| lines
                .into_iter()
                .map(|(street, a, b, parity, extra)| format!("{street}; {a}-{b}; {parity}{}", if extra { "; x" } else { "" }))
                .collect::<Vec<_>>()
                .join("\n")),
        ]
    ) {
        if let Ok(segments) = streets(&input) {
            prop_assert!((1..=MAX_STREETS).contains(&segments.len()));
            for s in &segments {
                prop_assert!(1 <= s.first && s.first <= s.last && s.last <= 9999, "{s:?}");
                prop_assert!(!s.street_nl.trim().is_empty());
            }
            prop_assert_eq!(streets(&streets_text(&segments)), Ok(segments));
        }
    }
}

/// A registry line: each field either well formed or one of the ways spreadsheets go wrong.
fn registry_field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,4}",
        "(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9])",
        "(0[1-9]|[12][0-9])[/.-](0[1-9]|1[0-2])[/.-](19|20)[0-9]{2}",
        "=[A-Z]{1,4}\\([0-9]\\)",
        "\"[^\"]{0,10}",
        any::<String>(),
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(cases(1500))]

    #[test]
    fn a_registry_file_is_read_line_by_line_or_refused_whole(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        // Anything at all: an answer, never a panic.
        let _ = import::read(&bytes, 1_800_000_000);
    }

    #[test]
    fn a_registry_line_that_is_accepted_is_consistent(
        semicolons in any::<bool>(),
        bom in any::<bool>(),
        rows in prop::collection::vec(prop::collection::vec(registry_field(), 0..7), 0..30),
    ) {
        let sep = if semicolons { ";" } else { "," };
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        text.push_str(&["bin_id", "version", "signed", "next_review", "registered"].join(sep));
        for row in &rows {
            text.push('\n');
            text.push_str(&row.join(sep));
        }
        let now = 1_800_000_000;
        match import::read(text.as_bytes(), now) {
            Ok(lines) => {
                let mut seen = std::collections::HashSet::new();
                for line in lines.into_iter().flatten() {
                    prop_assert!(line.bin_id > 0 && (1..=1000).contains(&line.version));
                    prop_assert!(line.signed_at <= now && line.signed_at <= line.registered_at);
                    prop_assert!(line.signed_at < line.next_review_at);
                    prop_assert!(seen.insert((line.bin_id, line.version)), "a line twice: {line:?}");
                }
            }
            Err(failure) => prop_assert!(
                matches!(failure, ImportFailure::Empty | ImportFailure::Unreadable { .. }),
                "{failure:?} for a file with every column"
            ),
        }
    }
}

/// A copy of the course content to break, one file at a time (each case puts it back).
struct Copy {
    root: tempfile::TempDir,
    files: Vec<PathBuf>,
}

static CONTENT: LazyLock<Copy> = LazyLock::new(|| {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let source = source_content_dir();
    let files = crate::layers::files_under(&source)
        .into_iter()
        .map(|path| {
            let target = root.path().join(path.strip_prefix(&source).unwrap_or(&path));
            if let Some(folder) = target.parent() {
                std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
            }
            std::fs::copy(&path, &target).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            target
        })
        .collect();
    Copy { root, files }
});

/// How a file gets broken: cut short, a piece taken out, or something put in.
#[derive(Clone, Debug)]
enum Damage {
    Cut,
    Remove(usize),
    Insert(Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        Just(Damage::Cut),
        (1usize..200).prop_map(Damage::Remove),
        prop_oneof![
            any::<String>().prop_map(String::into_bytes),
            prop::sample::select(vec![
                "\"",
                "[[question]]\n",
                "\n---\n",
                "= ",
                "]]",
                "\u{0}",
                "correct = true\n",
                "<script>"
            ])
            .prop_map(|s| s.as_bytes().to_vec()),
            prop::collection::vec(any::<u8>(), 1..8),
        ]
        .prop_map(Damage::Insert),
    ]
}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn a_damaged_course_file_is_refused_and_named_or_still_makes_a_whole_catalogue(
        pick in any::<prop::sample::Index>(),
        at in 0.0f64..1.0,
        damage in damage(),
    ) {
        let file = pick.get(&CONTENT.files).clone();
        let original = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let cut = ((original.len() as f64) * at) as usize;
        let mut broken = original[..cut].to_vec();
        match &damage {
            Damage::Cut => {}
            Damage::Remove(n) => broken.extend_from_slice(&original[(cut + n).min(original.len())..]),
            Damage::Insert(bytes) => {
                broken.extend_from_slice(bytes);
                broken.extend_from_slice(&original[cut..]);
            }
        }
        std::fs::write(&file, &broken).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let loaded = Catalog::load(CONTENT.root.path());
        std::fs::write(&file, &original).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let relative = file.strip_prefix(CONTENT.root.path()).unwrap_or(&file);
        let course = relative.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
        match loaded {
            Ok(catalog) => {
                prop_assert!((1..=100).contains(&catalog.pass_mark));
                for c in &catalog.courses {
                    for lang in Lang::ALL {
                        let text = c.text(lang);
                        prop_assert!(!text.title.trim().is_empty() && !text.lessons.is_empty());
                        prop_assert!(text.questions.len() > c.draw);
                    }
                }
            }
            // What the track lists is read first; a course's own files are named by the course.
            Err(problems) if relative != Path::new("track.toml") => {
                prop_assert!(problems.contains(&course), "{} damaged ({damage:?}), but the problems do not say where: {problems}", relative.display());
            }
            Err(_) => {}
        }
    }
}
