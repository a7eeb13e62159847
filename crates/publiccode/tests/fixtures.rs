//! The project's own rule fixtures: `testdata/rules/<case>.yml` with the expected
//! diagnostics beside it in `<case>.expected`, one line each:
//! `LINE:COL: SEVERITY CODE KEY: MESSAGE`. Also checks that the repository's own
//! publiccode.yml is valid. Each fixture is its own test (`fixtures::<case>`), so a
//! failure names it; `PUBLICCODE_BLESS=1` rewrites the expectations.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use publiccode::{DirResources, Options, validate_bytes};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn render(bytes: &[u8], dir: &Path) -> String {
    let resources = DirResources::new(dir);
    let report = validate_bytes(bytes, &Options::new().with_resources(&resources));
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&format!(
            "{}:{}: {} {} {}: {}\n",
            d.line, d.column, d.severity, d.code, d.key, d.message
        ));
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                out.push_str(&format!(
                    "    fix ({:?}): {}..{} -> {:?}\n",
                    fix.applicability, e.span.start, e.span.end, e.replacement
                ));
            }
        }
    }
    out
}

/// One fixture: its diagnostics against `<case>.expected`.
fn rule_fixture(case: &Path) -> Result<(), Failed> {
    let bytes = std::fs::read(case).map_err(|e| format!("{}: {e}", case.display()))?;
    // Tests run from the crate folder; a relative base keeps messages portable.
    let got = render(&bytes, Path::new("../../testdata/rules"));
    let expected_path = case.with_extension("expected");
    if std::env::var_os("PUBLICCODE_BLESS").is_some() {
        std::fs::write(&expected_path, &got).map_err(|e| format!("write: {e}"))?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path).map_err(|e| {
        format!(
            "{}: {e} (PUBLICCODE_BLESS=1 writes it)",
            expected_path.display()
        )
    })?;
    if got != expected {
        return Err(format!(
            "{}:\n--- got ---\n{got}--- expected ---\n{expected}",
            case.display()
        )
        .into());
    }
    Ok(())
}

fn own_descriptor_is_valid() -> Result<(), Failed> {
    let root = root();
    let bytes = std::fs::read(root.join("publiccode.yml"))
        .map_err(|e| format!("publiccode.yml at the root: {e}"))?;
    let got = render(&bytes, &root);
    if got.is_empty() {
        Ok(())
    } else {
        Err(got.into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let dir = root().join("testdata/rules");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    cases.sort();
    let count = cases.len();
    let mut trials = vec![
        // Missing data fails loudly instead of running zero fixtures.
        Trial::test("fixtures_present", move || {
            if count > 10 {
                Ok(())
            } else {
                Err(format!(
                    "only {count} fixtures in {}: vendored data missing?",
                    dir.display()
                )
                .into())
            }
        }),
        Trial::test("own_descriptor_is_valid", own_descriptor_is_valid),
    ];
    for case in cases {
        let name = case
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        trials.push(Trial::test(format!("fixtures::{name}"), move || {
            rule_fixture(&case)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
