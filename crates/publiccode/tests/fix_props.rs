//! Property: for mutated corpus files, fixing never turns a file that parses into one
//! that does not. The mutations are the shapes the audit's fuzzer found breaking
//! `--fix`: stray CRs (YAML line breaks the old line index ignored), non-ASCII text,
//! anchors and tags on fixable values, byte order marks, YAML 1.1 booleans, and plain
//! byte edits. Both the raw fixes and the guarded `fix_document` (what `--fix` writes)
//! are checked. Fewer cases locally (80) than under `CI=true` (600); `PROPTEST_CASES`
//! overrides both.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::PathBuf;

use proptest::prelude::*;
use publiccode::fix::{FixOptions, FixOutcome, apply_fixes, fix_document};
use publiccode::{Options, Report, validate_str};

fn corpus() -> &'static [String] {
    static FILES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let dir =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/corpus/publiccode");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (testdata/corpus missing?)", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
            .collect();
        paths.sort();
        let files: Vec<String> = paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        assert!(files.len() > 50, "the corpus has {} files", files.len());
        files
    })
}

/// Whether the loader accepted the text (the fuzzer's notion: no syntax, encoding,
/// size, limit or empty-document error).
fn parses(r: &Report) -> bool {
    !r.diagnostics.iter().any(|d| {
        matches!(
            d.code.as_ref(),
            "PC001" | "PC002" | "PC003" | "PC005" | "PC006" | "PC007"
        )
    })
}

const PIECES: &[&str] = &[
    "\r", "\r\n", "\n", "é", "中文", "🦀", "\u{202e}", "\u{2028}", "\u{85}", "\u{feff}", "\t", " ",
    "yes", "no", "on", "&a ", "*a", "!!str ", "!x ", "#", ":", "- ", "'", "\"", "{", "}", "[", "]",
    ",", "? ", "|\n  ", ">-\n  ",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize, usize),
    BooleanWithAnchor(usize),
    CrOnly,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0..PIECES.len()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        2 => (any::<usize>(), 1usize..16).prop_map(|(a, b)| Mutation::Delete(a, b)),
        2 => any::<usize>().prop_map(Mutation::BooleanWithAnchor),
        1 => Just(Mutation::CrOnly),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, m: &Mutation) -> String {
    match *m {
        Mutation::Insert(at, piece) => {
            let at = floor(&s, at % (s.len() + 1));
            s.insert_str(at, PIECES[piece]);
        }
        Mutation::Delete(at, len) => {
            let a = floor(&s, at % (s.len() + 1));
            let b = floor(&s, a + len);
            s.replace_range(a..b, "");
        }
        Mutation::BooleanWithAnchor(k) => {
            for key in ["localisationReady: ", "open: ", "optional: "] {
                let hits: Vec<usize> = s.match_indices(key).map(|(i, _)| i).collect();
                if let Some(&i) = hits.get(k % hits.len().max(1)) {
                    let v = i + key.len();
                    let end = s[v..].find(['\n', '\r']).map_or(s.len(), |e| v + e);
                    let new = ["&b yes", "yes", "!!str no", "\"true\"", "&c on"][k % 5];
                    s.replace_range(v..end, new);
                    if k % 2 == 0 {
                        s.push_str("\nx-ref: *b\n");
                    }
                    break;
                }
            }
        }
        Mutation::CrOnly => s = s.replace("\r\n", "\n").replace('\n', "\r"),
    }
    s
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let report = validate_str(body, &Options::default());
    if !parses(&report) {
        return Ok(());
    }
    // The raw fixes themselves keep the file parsing.
    let (raw, _) = apply_fixes(body, &report.diagnostics, true);
    let after = validate_str(&raw, &Options::default());
    prop_assert!(
        parses(&after),
        "raw fixes broke the file:\n{body:?}\n=>\n{raw:?}\n{:?}",
        after.diagnostics.first()
    );
    // What --fix writes never breaks it, and keeps a BOM.
    if let FixOutcome::Fixed { text: fixed, .. } =
        fix_document(text, &report.diagnostics, FixOptions::default())
    {
        prop_assert_eq!(fixed.starts_with('\u{feff}'), text.starts_with('\u{feff}'));
        let body = fixed.strip_prefix('\u{feff}').unwrap_or(&fixed);
        prop_assert!(parses(&validate_str(body, &Options::default())));
    }
    Ok(())
}

/// Cases per property: `PROPTEST_CASES` (proptest's own variable) when set, else
/// `local`, or `ci` under `CI=true` (fewer locally, so `cargo test` stays fast).
fn cases(local: u32, ci: u32) -> u32 {
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return n;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        ci
    } else {
        local
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(80, 600), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fixing_a_mutated_corpus_file_never_breaks_it(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let files = corpus();
        let mut text = files[file.index(files.len())].clone();
        for m in &mutations {
            text = apply(text, m);
        }
        check(&text)?;
    }
}

/// Corpus files as they are, and with lone CRs only: the raw fixes keep them parsing
/// (every eighth file locally, all under `CI=true` or with `PROPTEST_CASES` above 100).
#[test]
fn fixing_corpus_files_keeps_them_parsing() {
    let step = if cases(80, 600) > 100 { 1 } else { 8 };
    for text in corpus().iter().step_by(step) {
        for variant in [text.clone(), apply(text.clone(), &Mutation::CrOnly)] {
            if let Err(e) = check(&variant) {
                panic!("{e}");
            }
        }
    }
}
