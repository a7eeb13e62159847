//! Fixture runner: every input under testdata/profiles/<id>/, testdata/code-json/ and
//! testdata/ore/ has the expected diagnostics beside it (`<case>.expected`, one
//! `LINE:COL: SEVERITY: CODE: KEY` per line). For profiles only this crate's codes are
//! listed (the core's PC codes are tested by the core). `<case>.repo/` is the repository
//! checkout of a case and `<case>.gitconfig` its `.git/config`; `<case>.filename` the
//! descriptor's file name when it is not
//! `publiccode.yml`; `it/ipa_codes.txt` is the iPA list of the `it` cases.
//! Each fixture is its own test (`profiles::<id>::<case>`, `code-json::<case>`,
//! `ore::<case>`), so a failure names it; `PUBLICCODE_BLESS=1` rewrites the expected
//! files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::fs;
use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use publiccode::Diagnostic;
use publiccode_check::{Policy, detect_format, validate_foreign};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn render(diags: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by(|a, b| {
        (a.line, a.column, &a.code, &a.key).cmp(&(b.line, b.column, &b.code, &b.key))
    });
    sorted
        .iter()
        .map(|d| {
            format!(
                "{}:{}: {}: {}: {}\n",
                d.line, d.column, d.severity, d.code, d.key
            )
        })
        .collect()
}

fn compare(input: &Path, actual: String) -> Result<(), Failed> {
    let expected_path = input.with_extension("expected");
    if std::env::var_os("PUBLICCODE_BLESS").is_some() {
        fs::write(&expected_path, &actual)
            .map_err(|e| format!("{}: {e}", expected_path.display()))?;
        return Ok(());
    }
    let expected = fs::read_to_string(&expected_path).map_err(|e| {
        format!(
            "{}: {e} (PUBLICCODE_BLESS=1 writes it)",
            expected_path.display()
        )
    })?;
    if expected != actual {
        return Err(format!(
            "{}\n--- expected\n{expected}--- actual\n{actual}",
            input.display()
        )
        .into());
    }
    Ok(())
}

/// The checkout of a case: `<case>.repo/`, plus a `.git/config` from
/// `<case>.gitconfig` (git cannot hold a `.git` folder in testdata, so the checkout is
/// assembled in a temporary folder).
fn checkout(input: &Path, profile: &str) -> Option<PathBuf> {
    let repo = input.with_extension("repo");
    let gitconfig = input.with_extension("gitconfig");
    if !gitconfig.is_file() {
        return repo.is_dir().then_some(repo);
    }
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
    let tmp = std::env::temp_dir().join(format!(
        "publiccode-fixture-{}-{profile}-{stem}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(tmp.join(".git")).expect("temporary checkout");
    if let Ok(rd) = fs::read_dir(&repo) {
        for e in rd.flatten() {
            fs::copy(e.path(), tmp.join(e.file_name())).expect("copy repository file");
        }
    }
    fs::copy(&gitconfig, tmp.join(".git/config")).expect("copy git config");
    Some(tmp)
}

/// A case's checkout, confined to itself: the fixtures live inside this project's own
/// git checkout, which the profiles must not see (its remote, its root).
fn isolated(repo: Option<&Path>) -> Option<publiccode::DirResources> {
    repo.map(|r| publiccode::DirResources::with_root(r, r))
}

fn as_dyn(r: &publiccode::DirResources) -> &dyn publiccode::Resources {
    r
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file() && p.extension().is_some_and(|e| e == ext));
    v.sort();
    v
}

/// One profile fixture: `dir` is `testdata/profiles/<id>` (`none`: no profile).
fn profile_fixture(dir: &Path, input: &Path) -> Result<(), Failed> {
    let id = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    let profiles: Vec<String> = if id == "none" {
        Vec::new()
    } else {
        vec![id.clone()]
    };
    let ipa = dir.join("ipa_codes.txt");
    let policy = Policy::load(&profiles, ipa.is_file().then_some(ipa.as_path()))
        .map_err(|e| format!("profile {id} does not load: {e:?}"))?;
    let text = fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let report = publiccode::validate_str(&text, &publiccode::Options::default());
    let repo = checkout(input, &id);
    // The descriptor's file name is `publiccode.yml` unless `<case>.filename` says
    // otherwise.
    let name = fs::read_to_string(input.with_extension("filename"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "publiccode.yml".to_string());
    let diags: Vec<Diagnostic> = policy
        .apply_with(
            &report,
            isolated(repo.as_deref()).as_ref().map(as_dyn),
            Some(&name),
        )
        .into_iter()
        .filter(|d| !d.code.starts_with("PC"))
        .collect();
    if let (Some(tmp), true) = (&repo, input.with_extension("gitconfig").is_file()) {
        let _ = fs::remove_dir_all(tmp);
    }
    compare(input, render(&diags))
}

fn foreign_fixture(input: &Path) -> Result<(), Failed> {
    let bytes = fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let format = detect_format(&input.to_string_lossy(), &bytes);
    let report = validate_foreign(format, &bytes);
    compare(input, render(&report.diagnostics))
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// Every fixture as its own trial, and one trial per folder that fails when the folder
/// holds fewer cases than it should (vendored data missing).
fn fixture_trials() -> Vec<Trial> {
    let mut trials = Vec::new();
    let root = testdata().join("profiles");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut profile_cases = 0;
    for dir in dirs {
        let id = stem(&dir);
        for input in files(&dir, "yml") {
            profile_cases += 1;
            let dir = dir.clone();
            trials.push(Trial::test(
                format!("profiles::{id}::{}", stem(&input)),
                move || profile_fixture(&dir, &input),
            ));
        }
    }
    let mut counts = vec![("profiles".to_string(), profile_cases, 40)];
    for (dir, ext, min) in [("code-json", "json", 10), ("ore", "yml", 8)] {
        let inputs = files(&testdata().join(dir), ext);
        counts.push((dir.to_string(), inputs.len(), min));
        for input in inputs {
            trials.push(Trial::test(format!("{dir}::{}", stem(&input)), move || {
                foreign_fixture(&input)
            }));
        }
    }
    for (dir, n, min) in counts {
        trials.push(Trial::test(format!("{dir}::fixtures_present"), move || {
            if n >= min {
                Ok(())
            } else {
                Err(format!("only {n} fixtures in testdata/{dir}: vendored data missing?").into())
            }
        }));
    }
    trials
}

/// One realistic descriptor per country passes its profile with nothing to say: no
/// error, warning or note from the standard, the licence checks or the profile, with
/// the local file checks on (`testdata/profiles/<id>/realistic.yml` and its `.repo`).
fn realistic_descriptors_pass_clean() {
    let root = testdata().join("profiles");
    let mut seen = Vec::new();
    for id in ["it", "de-opencode", "uk", "fr"] {
        let input = root.join(id).join("realistic.yml");
        let text = fs::read_to_string(&input)
            .unwrap_or_else(|e| panic!("missing {}: {e}", input.display()));
        let repo = input.with_extension("repo");
        assert!(repo.is_dir(), "missing {}", repo.display());
        let ipa = root.join(id).join("ipa_codes.txt");
        let policy = Policy::load(&[id.to_string()], ipa.is_file().then_some(ipa.as_path()))
            .expect("profile loads");
        let resources = publiccode::DirResources::with_root(&repo, &repo);
        let options = publiccode::Options::new().with_resources(&resources);
        let report = publiccode::validate_str(&text, &options);
        let diags = policy.apply_with(
            &report,
            isolated(Some(&repo)).as_ref().map(as_dyn),
            Some("publiccode.yml"),
        );
        assert!(
            diags.is_empty(),
            "{id}: {}",
            diags
                .iter()
                .map(|d| format!("{}:{} {} {} {}", d.line, d.column, d.code, d.key, d.message))
                .collect::<Vec<_>>()
                .join("\n")
        );
        seen.push(id);
    }
    assert_eq!(seen.len(), 4);
}

/// Every rule of every shipped profile fails in at least one fixture of its profile,
/// and every profile has a `pass` fixture on which all its rules pass.
fn every_profile_rule_has_a_failing_and_a_passing_fixture() {
    let root = testdata().join("profiles");
    let mut missing = Vec::new();
    for p in publiccode_check::builtin::all() {
        let dir = root.join(&p.id);
        let pass = dir.join("pass.expected");
        match fs::read_to_string(&pass) {
            Ok(text) if text.trim().is_empty() => {}
            Ok(text) => missing.push(format!("{}: pass fixture has findings:\n{text}", p.id)),
            Err(e) => missing.push(format!("{}: {e}", pass.display())),
        }
        let expected: String = files(&dir, "expected")
            .iter()
            .filter_map(|f| fs::read_to_string(f).ok())
            .collect();
        for r in &p.rules {
            if !expected.contains(&format!(": {}: ", r.code)) {
                missing.push(format!("{}: no fixture triggers {}", p.id, r.code));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = fixture_trials();
    trials.push(Trial::test("realistic_descriptors_pass_clean", || {
        realistic_descriptors_pass_clean();
        Ok(())
    }));
    trials.push(Trial::test(
        "every_profile_rule_has_a_failing_and_a_passing_fixture",
        || {
            every_profile_rule_has_a_failing_and_a_passing_fixture();
            Ok(())
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}
