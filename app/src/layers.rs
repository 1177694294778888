//! The rule of the layers (DESIGN.md), checked on the source: a domain uses the base (`error`,
//! `i18n`, `codec`, `time`, `ui`), `platform`, and the domains below it, never one above it and never
//! in a circle. The test reads every file of every domain and fails on a `crate::<domain>` that
//! the rule does not allow, naming the file and the line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The domains from the bottom up: a domain may use those with a lower rank.
const RANKS: [(&str, u8); 12] = [
    ("platform", 1),
    ("notify", 2),
    ("auth", 3),
    ("directory", 4),
    ("info", 4),
    ("learning", 5),
    ("membership", 5),
    ("staff", 5),
    ("lifecycle", 6),
    ("messaging", 6),
    ("dashboard", 7),
    ("demo", 8),
];

fn rank(module: &str) -> Option<u8> {
    RANKS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// Every file under `path` (or `path` itself when it is a file), in a stable order. The tests
/// that read the source or copy the content use it.
pub(crate) fn files_under(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return if path.exists() { vec![path.to_path_buf()] } else { Vec::new() };
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries.iter().flat_map(|entry| files_under(entry)).collect()
}

/// Which other domains each domain's files name (`crate::<domain>`), and every such line that
/// the rule does not allow, with its file and line.
pub(crate) fn domain_uses() -> (BTreeMap<&'static str, BTreeSet<String>>, Vec<String>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut graph: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (domain, own) in RANKS {
        let files: Vec<PathBuf> = [src.join(domain), src.join(format!("{domain}.rs"))]
            .iter()
            .flat_map(|p| files_under(p))
            .filter(|f| f.extension().is_some_and(|e| e == "rs"))
            .collect();
        assert!(!files.is_empty(), "{domain} has sources");
        for file in files {
            let at = file.strip_prefix(&src).unwrap_or(&file).display().to_string();
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{at}: {e}"));
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for (i, _) in code.match_indices("crate::") {
                    let used: String =
                        code[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    let Some(theirs) = rank(&used) else { continue };
                    if used != domain {
                        graph.entry(domain).or_default().insert(used.clone());
                    }
                    if used == domain || theirs < own {
                        continue;
                    }
                    wrong.push(format!("{at}:{}: {domain} uses {used}", n + 1));
                }
            }
        }
    }
    (graph, wrong)
}

#[test]
#[expect(clippy::print_stdout, reason = "the import graph is printed for `cargo test layers -- --nocapture`")]
fn no_domain_uses_one_above_it_or_in_a_circle() {
    let (graph, wrong) = domain_uses();
    println!("the domains and those they use (ranks from the bottom; * against the rule):");
    for (domain, own) in RANKS {
        let uses: Vec<String> = graph
            .get(domain)
            .into_iter()
            .flatten()
            .map(|u| if rank(u).is_some_and(|r| r >= own) { format!("{u}*") } else { u.clone() })
            .collect();
        println!("  {own} {domain:<10} -> {}", uses.join(", "));
    }
    assert!(wrong.is_empty(), "uses against the layers:\n{}", wrong.join("\n"));
}

/// SQL lives in repositories: in a domain, only its `repo.rs` files run statements (the
/// platform owns the database itself: its pool and migrations, the outbox, live events).
#[test]
fn only_repositories_run_sql() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut outside = Vec::new();
    for (domain, _) in RANKS.iter().filter(|(d, _)| *d != "platform") {
        for file in [src.join(domain), src.join(format!("{domain}.rs"))].iter().flat_map(|p| files_under(p)) {
            if file.file_name().is_some_and(|n| n == "repo.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            if text.contains("sqlx::query") {
                outside.push(file.strip_prefix(&src).unwrap_or(&file).display().to_string());
            }
        }
    }
    assert!(outside.is_empty(), "SQL outside a repository: {outside:?}");
}
