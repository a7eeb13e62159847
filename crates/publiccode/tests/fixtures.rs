//! The project's own rule fixtures: `testdata/rules/<case>.yml` with the expected
//! diagnostics beside it in `<case>.expected`, one line each:
//! `LINE:COL: SEVERITY CODE KEY: MESSAGE`. Also checks that the repository's own
//! publiccode.yml is valid. `UPDATE_GOLDEN=1` rewrites the expectations.

use std::path::{Path, PathBuf};

use publiccode::{DirResources, Options, validate_bytes};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn render(bytes: &[u8], dir: &Path) -> String {
    let resources = DirResources::new(dir);
    let report = validate_bytes(
        bytes,
        &Options {
            resources: Some(&resources),
            ..Options::default()
        },
    );
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

#[test]
fn rule_fixtures() {
    let dir = root().join("testdata/rules");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/rules")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    cases.sort();
    assert!(cases.len() > 10);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let bytes = std::fs::read(case).expect("fixture");
        // Tests run from the crate folder; a relative base keeps messages portable.
        let got = render(&bytes, Path::new("../../testdata/rules"));
        let expected_path = case.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).expect("write");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!(
                "{}:\n--- got ---\n{got}--- expected ---\n{expected}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn own_descriptor_is_valid() {
    let root = root();
    let bytes = std::fs::read(root.join("publiccode.yml")).expect("publiccode.yml at the root");
    let got = render(&bytes, &root);
    assert!(got.is_empty(), "{got}");
}
