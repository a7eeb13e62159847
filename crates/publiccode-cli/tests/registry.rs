//! The rule registry against the checker, one named test per code:
//!
//! - `examples::CODE`: the failing example is run through the checker and must report
//!   CODE; the passing example must not. Examples that cannot be text (bytes that are
//!   not UTF-8, a server's answer, a catalogue's state) name the test or fixture that
//!   triggers the code, and that test must exist and name the code.
//! - `coverage::CODE`: some fixture's expected output (`testdata/**/*.expected`,
//!   `testdata/**/expected.*`, the CLI golden cases in `tests/cli`) reports CODE; for a
//!   described example the named test is the evidence instead.
//! - `snapshot`: `testdata/codes.tsv` lists every code with its name, severity and
//!   status, so a renumbering or rename shows in review. `PUBLICCODE_BLESS=1` rewrites it.
//! - `explain_lists_the_registry`: `publiccode explain --format json` documents exactly
//!   these rules, examples included.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libtest_mimic::{Arguments, Failed, Trial};
use publiccode::rules::{ExampleKind, RuleInfo};
use publiccode_check::{CheckOptions, Checker, InputFormat, Policy};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every rule `explain` documents, in its order.
fn registry() -> Vec<RuleInfo> {
    let mut all: Vec<RuleInfo> = publiccode::rules::RULES.to_vec();
    all.extend(publiccode_check::rules());
    all.extend(publiccode_net::RULES.iter().copied());
    all.extend(publiccode_ingest::RULES.iter().copied());
    all
}

/// The codes a checker reports for `text` checked as `kind`.
fn reported(kind: ExampleKind, text: &str) -> Result<Vec<String>, Failed> {
    let codes = |r: publiccode_check::FileReport| -> Vec<String> {
        r.diagnostics.iter().map(|d| d.code.to_string()).collect()
    };
    Ok(match kind {
        ExampleKind::Descriptor => codes(Checker::new().check("publiccode.yml", text.as_bytes())),
        ExampleKind::Profile(id) => {
            let policy = Policy::load(&[id.to_string()], None)
                .map_err(|e| format!("profile {id} does not load: {e:?}"))?;
            codes(Checker::with_policy(policy).check("publiccode.yml", text.as_bytes()))
        }
        ExampleKind::CodeJson => codes(
            Checker::new()
                .with_options(
                    CheckOptions::default().with_input_format(Some(InputFormat::CodeJson)),
                )
                .check("code.json", text.as_bytes()),
        ),
        ExampleKind::Ore => codes(
            Checker::new()
                .with_options(CheckOptions::default().with_input_format(Some(InputFormat::Ore)))
                .check("_data/code/example.yml", text.as_bytes()),
        ),
        ExampleKind::ProfileFile => match publiccode_check::profile::parse(text, "mine.yml") {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .map(|(_, d)| d.code.to_string())
                .collect(),
        },
        ExampleKind::Described { .. } => {
            return Err("a described example cannot be run".into());
        }
        // A kind added later must be taught to this test.
        #[allow(unreachable_patterns)]
        _ => return Err(format!("no runner for example kind {kind:?}").into()),
    })
}

fn check_examples(rule: RuleInfo) -> Result<(), Failed> {
    let ex = rule.examples;
    if ex.failing.trim().is_empty() || ex.passing.trim().is_empty() {
        return Err(format!("{} has no failing or no passing example", rule.code).into());
    }
    if ex.failing == ex.passing {
        return Err(format!("{}: the two examples are the same text", rule.code).into());
    }
    if let ExampleKind::Described { covered_by } = ex.kind {
        return covering_test_names(rule.code, covered_by);
    }
    let failing = reported(ex.kind, ex.failing)?;
    if !failing.iter().any(|c| c == rule.code) {
        return Err(format!(
            "{}: the failing example does not report it (reported: {failing:?})\n{}",
            rule.code, ex.failing
        )
        .into());
    }
    let passing = reported(ex.kind, ex.passing)?;
    if passing.iter().any(|c| c == rule.code) {
        return Err(format!(
            "{}: the passing example reports it\n{}",
            rule.code, ex.passing
        )
        .into());
    }
    Ok(())
}

/// `covered_by` is `path` (a fixture, whose expected output must report the code, or a
/// test file that must name it) or `path::function` (a test function whose body must
/// name the code).
fn covering_test_names(code: &str, covered_by: &str) -> Result<(), Failed> {
    let (file, function) = match covered_by.split_once("::") {
        Some((f, func)) => (f, Some(func)),
        None => (covered_by, None),
    };
    if file.is_empty() {
        return Err(format!("{code}: the described example names no test").into());
    }
    let path = root().join(file);
    // A fixture may hold bytes that are not UTF-8 (PC001).
    let text = std::fs::read(&path)
        .map(|b| String::from_utf8_lossy(&b).to_string())
        .or_else(|e| {
            if path.is_dir() {
                Ok(String::new())
            } else {
                Err(e)
            }
        })
        .map_err(|e| format!("{code}: covered by {file}, which cannot be read: {e}"))?;
    let body = match function {
        Some(f) => {
            let start = text
                .find(&format!("fn {f}("))
                .ok_or_else(|| format!("{code}: {file} has no test `{f}`"))?;
            let rest = &text[start..];
            rest.find("\n}\n")
                .map_or(rest, |end| &rest[..end])
                .to_string()
        }
        None if path.extension().is_some_and(|e| e == "yml" || e == "json") => {
            // A fixture: its expected output is the evidence.
            std::fs::read_to_string(path.with_extension("expected")).map_err(|e| {
                format!("{code}: the fixture {file} has no expected output beside it: {e}")
            })?
        }
        None if path.is_dir() => expected_outputs(&path).join("\n"),
        None => text,
    };
    if body.contains(code) {
        Ok(())
    } else {
        Err(format!("{code}: {covered_by} does not report or name {code}").into())
    }
}

/// Texts of every expected output under `dir`.
fn expected_outputs(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if p.is_dir() {
                stack.push(p);
            } else if name.ends_with(".expected") || name.starts_with("expected.") {
                out.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    out
}

/// Every code some fixture's expected output reports.
fn fixture_codes() -> &'static BTreeSet<String> {
    static CODES: OnceLock<BTreeSet<String>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut texts = expected_outputs(&root().join("testdata"));
        let cli = root().join("tests/cli");
        for e in std::fs::read_dir(&cli).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            let Some((head, stdout)) = text.split_once("\n---\n") else {
                continue;
            };
            // `explain` prints codes it is asked about, and SARIF lists every rule's
            // metadata: neither shows a code being reported.
            if head.contains("explain") || head.contains("sarif") {
                continue;
            }
            texts.push(stdout.to_string());
        }
        let mut codes = BTreeSet::new();
        for text in texts {
            for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
                let letters = word.bytes().take_while(u8::is_ascii_uppercase).count();
                let digits = &word[letters..];
                if (2..=4).contains(&letters)
                    && (2..=3).contains(&digits.len())
                    && digits.bytes().all(|b| b.is_ascii_digit())
                {
                    codes.insert(word.to_string());
                }
            }
        }
        codes
    })
}

/// Codes that no fixture can show and whose examples are real text (so they name no
/// test): each with the test that triggers it.
const EXEMPT: &[(&str, &str)] = &[
    // A profile file's mistake: the fixtures are descriptors checked under profiles.
    (
        "PP001",
        "crates/publiccode-check/tests/rules.rs::profile_errors_point_into_the_file",
    ),
];

fn check_coverage(rule: RuleInfo) -> Result<(), Failed> {
    if fixture_codes().contains(rule.code) {
        return Ok(());
    }
    if let Some((_, test)) = EXEMPT.iter().find(|(c, _)| *c == rule.code) {
        return covering_test_names(rule.code, test);
    }
    match rule.examples.kind {
        // Reachable only with a server, a catalogue or bytes that are not text: the
        // named test is the evidence (checked by `examples::CODE`).
        ExampleKind::Described { covered_by } => covering_test_names(rule.code, covered_by),
        _ => Err(format!(
            "{} ({}) is reported by no fixture: add a case to testdata/ with its expected output",
            rule.code, rule.name
        )
        .into()),
    }
}

fn snapshot_line(r: &RuleInfo) -> String {
    format!(
        "{}\t{}\t{}\t{}\n",
        r.code,
        r.name,
        r.severity.as_str(),
        r.status.as_str()
    )
}

fn check_snapshot(rules: &[RuleInfo]) -> Result<(), Failed> {
    let path = root().join("testdata/codes.tsv");
    let mut text = String::from("# code\tname\tseverity\tstatus\n");
    for r in rules {
        text.push_str(&snapshot_line(r));
    }
    if std::env::var_os("PUBLICCODE_BLESS").is_some() {
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(());
    }
    let old = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{} is missing ({e}): run PUBLICCODE_BLESS=1 cargo test -p publiccode-cli --test registry",
            path.display()
        )
    })?;
    if old == text {
        return Ok(());
    }
    let old_lines: BTreeSet<&str> = old.lines().collect();
    let new_lines: BTreeSet<&str> = text.lines().collect();
    let gone: Vec<&&str> = old_lines.difference(&new_lines).collect();
    let added: Vec<&&str> = new_lines.difference(&old_lines).collect();
    Err(format!(
        "the list of codes changed (a code is never renumbered or reused; if the change is \
deliberate, run PUBLICCODE_BLESS=1 cargo test -p publiccode-cli --test registry)\n\
removed or changed: {gone:#?}\nadded or changed: {added:#?}"
    )
    .into())
}

fn check_explain_json(rules: &[RuleInfo]) -> Result<(), Failed> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_publiccode"))
        .args(["explain", "--format", "json"])
        .output()
        .map_err(|e| format!("the binary does not run: {e}"))?;
    if !out.status.success() {
        return Err(format!("explain --format json exits {}", out.status).into());
    }
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("not JSON: {e}"))?;
    let entries = json.as_array().ok_or("not an array")?;
    if entries.len() != rules.len() {
        return Err(format!("{} entries for {} rules", entries.len(), rules.len()).into());
    }
    for (e, r) in entries.iter().zip(rules) {
        let field = |k: &str| e.get(k).and_then(|v| v.as_str()).unwrap_or_default();
        let ex = |k: &str| e["examples"][k].as_str().unwrap_or_default();
        if field("code") != r.code
            || field("name") != r.name
            || field("severity") != r.severity.as_str()
            || field("status") != r.status.as_str()
            || ex("failing") != r.examples.failing
            || ex("passing") != r.examples.passing
            || ex("kind") != r.examples.kind.as_str()
        {
            return Err(format!(
                "explain's entry differs from the registry's {}: {e}",
                r.code
            )
            .into());
        }
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let rules = registry();
    assert!(
        rules.len() > 100,
        "only {} rules registered: are the shipped profiles missing?",
        rules.len()
    );
    let mut trials = Vec::new();
    for &r in &rules {
        trials.push(Trial::test(format!("examples::{}", r.code), move || {
            check_examples(r)
        }));
    }
    for &r in &rules {
        trials.push(Trial::test(format!("coverage::{}", r.code), move || {
            check_coverage(r)
        }));
    }
    let all = rules.clone();
    trials.push(Trial::test("snapshot", move || check_snapshot(&all)));
    let all = rules.clone();
    trials.push(Trial::test("explain_lists_the_registry", move || {
        check_explain_json(&all)
    }));
    libtest_mimic::run(&args, trials).exit();
}
