//! `--profile it` against the reference validator (publiccode-parser-go, which the
//! Developers Italia crawler runs): every error the reference reports must also be an
//! error under the `it` profile, on the same key, in the same top-level section, or on
//! the same line. An Italian administration that passes `publiccode validate --profile it`
//! in CI is then accepted by the catalogue.
//!
//! Inputs, all vendored under `testdata/`:
//! - the reference's own v0 fixtures with their offline expectations
//!   (`conformance/publiccode-parser-go/expected.tsv`, validated from their folder with
//!   local file checks on, as the reference's offline tests do);
//! - the real corpus with the reference's recorded verdicts
//!   (`corpus/publiccode/REFERENCE.tsv`, run with `--no-network --no-external-checks`,
//!   so local file checks are off here too).
//!
//! The list of uncovered reference errors must stay empty, except for the inputs in
//! [`EXEMPT`]: resource-exhaustion documents that we refuse outright. Each input is its
//! own test (`reference-fixtures::<path>`, `corpus::<file>`); `<set>::summary` prints
//! the figures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use publiccode::{Diagnostic, DirResources, Options, validate_bytes};
use publiccode_check::Policy;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

/// Inputs whose reference errors need no counterpart: documents refused before any key
/// is read (alias bombs, nesting deeper than our limit), with why.
const EXEMPT: &[(&str, &str)] = &[];

/// One error the reference reported.
#[derive(Debug, Clone)]
struct RefError {
    line: usize,
    key: String,
    message: String,
}

/// Parses `LINE:COL: error: KEY: MESSAGE` items (the fixtures' `expected.tsv` separates
/// them with ` | `, the corpus with `|` and a `publiccode.yml:` prefix).
fn parse_ref(item: &str) -> Option<RefError> {
    let item = item.trim();
    let item = item.strip_prefix("publiccode.yml:").unwrap_or(item);
    let mut parts = item.splitn(4, ": ");
    let pos = parts.next()?;
    let sev = parts.next()?;
    if sev != "error" {
        return None;
    }
    let first = parts.next().unwrap_or("");
    let rest = parts.next();
    let (key, message) = match rest {
        Some(m) if !first.contains(' ') => (first.to_string(), m.to_string()),
        Some(m) => (String::new(), format!("{first}: {m}")),
        None => (String::new(), first.to_string()),
    };
    let line = pos.split(':').next()?.parse().ok()?;
    Some(RefError { line, key, message })
}

/// The top-level key of a key path (`description` for `description[en-US].features`),
/// lowercased so that the reference's `it.riuso` meets our `IT.riuso`.
fn section(key: &str) -> String {
    key.split(['.', '['])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Codes with which we refuse a whole document before reading its keys (encoding,
/// syntax, several documents, size and nesting limits, empty file, not a mapping, an
/// unknown or retired version): every reference error on such a file is covered.
const REFUSED: &[&str] = &[
    "PC001", "PC002", "PC003", "PC005", "PC006", "PC007", "PC008", "PC103", "PC104",
];

/// The key path one level up (`maintenance` for `maintenance.contractors`,
/// `fundedBy` for `fundedBy[0]`), lowercased.
fn parent(key: &str) -> String {
    let k = key.to_ascii_lowercase();
    match k.rfind(['.', '[']) {
        Some(i) => k[..i].to_string(),
        None => String::new(),
    }
}

/// Whether `a` is `b` or a key path inside it (`description.en.features` in
/// `description.en`), case-insensitively.
fn within(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    a == b
        || a.strip_prefix(&b)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// Whether one of our errors stands for the reference's error:
/// - the same key, or a key inside it or around it (the reference's `description` after
///   a type error inside it, our `description.en` for its `description.en.features`),
///   or beside it (its `legal.license` "required" after it discarded `legal` for our
///   unknown `legal.owner`; its `maintenance.contractors` for our invalid
///   `maintenance.type`);
/// - in the same top-level section, on the same line or after a type error there (the
///   reference's knock-on reports after a type error need no twin);
/// - for a reference error that names no key, the same line or a file-level error;
/// - any error with which we refuse the whole document ([`REFUSED`]).
fn covered(r: &RefError, ours: &[Diagnostic]) -> bool {
    ours.iter().filter(|d| d.is_error()).any(|d| {
        let keyed = !r.key.is_empty() && !d.key.is_empty();
        REFUSED.contains(&d.code.as_ref())
            || d.key.as_str().eq_ignore_ascii_case(&r.key)
            || (keyed && (within(d.key.as_str(), &r.key) || within(&r.key, d.key.as_str())))
            || (keyed && !parent(&r.key).is_empty() && parent(d.key.as_str()) == parent(&r.key))
            || (keyed
                && section(d.key.as_str()) == section(&r.key)
                && (d.line == r.line || matches!(d.code.as_ref(), "PC202" | "PC205")))
            || (r.key.is_empty() && (d.key.is_empty() || (r.line > 0 && d.line == r.line)))
    })
}

fn check(policy: &Policy, bytes: &[u8], dir: Option<&Path>) -> Vec<Diagnostic> {
    let resources = dir.map(DirResources::new);
    let options = Options::new()
        .with_resources_opt(resources.as_ref().map(|r| r as &dyn publiccode::Resources))
        .with_ipa_codes(policy.ipa_codes());
    let report = validate_bytes(bytes, &options);
    policy.apply(&report, None, Some("publiccode.yml"))
}

struct Tally {
    inputs: usize,
    rejected: usize,
    errors: usize,
    /// Covered by an error on the very same key.
    same_key: usize,
    /// Not covered without the profile (by the standard's rules alone).
    need_profile: usize,
    uncovered: Vec<String>,
    exempted: usize,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            inputs: 0,
            rejected: 0,
            errors: 0,
            same_key: 0,
            need_profile: 0,
            uncovered: Vec::new(),
            exempted: 0,
        }
    }

    fn add(&mut self, name: &str, refs: &[RefError], ours: &[Diagnostic], standard: &[Diagnostic]) {
        self.inputs += 1;
        if refs.is_empty() {
            return;
        }
        self.rejected += 1;
        let exempt = EXEMPT.iter().any(|(f, _)| name.ends_with(f));
        for r in refs {
            self.errors += 1;
            if !covered(r, standard) {
                self.need_profile += 1;
            }
            if ours
                .iter()
                .any(|d| d.is_error() && d.key.as_str().eq_ignore_ascii_case(&r.key))
            {
                self.same_key += 1;
            }
            if covered(r, ours) {
                continue;
            }
            if exempt {
                self.exempted += 1;
                continue;
            }
            let mine: Vec<String> = ours
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("{}:{} {} {}", d.line, d.code, d.key, d.message))
                .collect();
            self.uncovered.push(format!(
                "{name}: {}: {}: {}\n    ours: {mine:?}",
                r.line, r.key, r.message
            ));
        }
    }
}

fn it_policy() -> Policy {
    match Policy::load(&["it".to_string()], None) {
        Ok(p) => p,
        Err(e) => panic!("the it profile does not load: {e:?}"),
    }
}

/// One input: every reference error has a `--profile it` counterpart.
fn one_input(
    policy: &Policy,
    name: &str,
    refs: &[RefError],
    bytes: &[u8],
    dir: Option<&Path>,
) -> Result<(), Failed> {
    let ours = check(policy, bytes, dir);
    let standard = check(&Policy::default(), bytes, dir);
    let mut tally = Tally::new();
    tally.add(name, refs, &ours, &standard);
    if tally.uncovered.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "reference errors with no --profile it counterpart:\n{}",
            tally.uncovered.join("\n")
        )
        .into())
    }
}

/// The inputs of one set: (name, reference errors, bytes, folder for local checks).
type Input = (String, Vec<RefError>, Vec<u8>, Option<PathBuf>);

fn reference_fixtures() -> Result<Vec<Input>, String> {
    let base = testdata().join("conformance/publiccode-parser-go");
    let tsv = std::fs::read_to_string(base.join("expected.tsv")).map_err(|e| {
        format!(
            "reference fixtures missing at {} (vendored data): {e}",
            base.display()
        )
    })?;
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7 || !cols[0].starts_with("testdata/v0/") {
            continue;
        }
        let file = base.join(cols[0]);
        let bytes =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let refs: Vec<RefError> = cols[6].split(" | ").filter_map(parse_ref).collect();
        out.push((
            cols[0].to_string(),
            refs,
            bytes,
            file.parent().map(Path::to_path_buf),
        ));
    }
    if out.len() < 170 {
        return Err(format!("only {} reference fixtures", out.len()));
    }
    Ok(out)
}

fn corpus() -> Result<Vec<Input>, String> {
    let dir = testdata().join("corpus/publiccode");
    let tsv = std::fs::read_to_string(dir.join("REFERENCE.tsv"))
        .map_err(|e| format!("corpus missing at {} (vendored data): {e}", dir.display()))?;
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.splitn(3, '\t').collect();
        let [file, _verdict, output] = cols[..] else {
            continue;
        };
        let bytes =
            std::fs::read(dir.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
        let refs: Vec<RefError> = output.split('|').filter_map(parse_ref).collect();
        out.push((file.to_string(), refs, bytes, None));
    }
    if out.len() < 300 {
        return Err(format!("only {} corpus files", out.len()));
    }
    Ok(out)
}

/// The figures of one set, printed for the record (they are not asserted: each input's
/// own test is).
fn summary(what: &str, policy: &Policy, inputs: &[Input]) {
    let none = Policy::default();
    let mut tally = Tally::new();
    for (name, refs, bytes, dir) in inputs {
        let ours = check(policy, bytes, dir.as_deref());
        let standard = check(&none, bytes, dir.as_deref());
        tally.add(name, refs, &ours, &standard);
    }
    eprintln!(
        "differential ({what}): {} inputs, {} rejected by the reference with {} errors; under --profile it {} on the same key, uncovered {} (+{} exempted); without the profile {} would be uncovered",
        tally.inputs,
        tally.rejected,
        tally.errors,
        tally.same_key,
        tally.uncovered.len(),
        tally.exempted,
        tally.need_profile
    );
}

fn main() {
    let args = Arguments::from_args();
    let policy = Arc::new(it_policy());
    let mut trials = vec![Trial::test("matching_rules", || {
        matching_rules();
        Ok(())
    })];
    for (set, inputs) in [
        ("reference-fixtures", reference_fixtures()),
        ("corpus", corpus()),
    ] {
        match inputs {
            Err(e) => trials.push(Trial::test(format!("{set}::inputs_present"), move || {
                Err(e.clone().into())
            })),
            Ok(inputs) => {
                let inputs = Arc::new(inputs);
                for k in 0..inputs.len() {
                    let (inputs, policy) = (inputs.clone(), policy.clone());
                    let name = inputs[k].0.trim_start_matches("testdata/v0/").to_string();
                    trials.push(Trial::test(format!("{set}::{name}"), move || {
                        let (name, refs, bytes, dir) = &inputs[k];
                        one_input(&policy, name, refs, bytes, dir.as_deref())
                    }));
                }
                let policy = policy.clone();
                trials.push(Trial::test(format!("{set}::summary"), move || {
                    summary(set, &policy, &inputs);
                    Ok(())
                }));
            }
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

fn matching_rules() {
    let r = parse_ref("publiccode.yml:36:5: error: description.it.shortDescription: shortDescription is a required field").expect("parses");
    assert_eq!(
        (r.line, r.key.as_str()),
        (36, "description.it.shortDescription")
    );
    let r = parse_ref("38:1: error: value is not allowed in this context").expect("parses");
    assert_eq!((r.line, r.key.as_str()), (38, ""));
    assert!(parse_ref("3:1: warning: publiccodeYmlVersion: v0.4 is not the latest").is_none());
    assert_eq!(section("description[en-US].features"), "description");
    assert_eq!(section("it.riuso.codiceIPA"), "it");
    assert!(within("description.en.features", "description.en"));
    assert!(within("fundedBy[0].uri", "fundedBy"));
    assert!(!within("description.english", "description.en"));
    assert_eq!(parent("maintenance.contractors"), "maintenance");
    assert_eq!(parent("fundedBy[0]"), "fundedby");
    assert_eq!(parent("name"), "");
}
