//! Every crate of the workspace stays ready for crates.io: the metadata crates.io and
//! docs.rs show, a README and licence text in the package, and versions on path
//! dependencies (which `cargo publish` needs to replace them with registry ones).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn table<'a, 'i>(t: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    t.get(key).and_then(|v| v.get_ref().as_table())
}

/// A dependency table's path dependencies that have no version.
fn unversioned_paths(deps: Option<&DeTable<'_>>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, spec) in deps.into_iter().flat_map(|d| d.iter()) {
        if let Some(t) = spec.get_ref().as_table()
            && t.contains_key("path")
            && !t.contains_key("version")
        {
            out.push(name.get_ref().to_string());
        }
    }
    out
}

#[test]
fn every_crate_is_ready_for_crates_io() {
    let ws_text = std::fs::read_to_string(root().join("Cargo.toml")).expect("workspace Cargo.toml");
    let ws = DeTable::parse(&ws_text).expect("TOML");
    let workspace = table(ws.get_ref(), "workspace").expect("[workspace]");
    let package = table(workspace, "package").expect("[workspace.package]");
    for key in [
        "license",
        "repository",
        "homepage",
        "rust-version",
        "edition",
        "version",
    ] {
        assert!(package.contains_key(key), "[workspace.package] lacks {key}");
    }
    assert_eq!(
        unversioned_paths(table(workspace, "dependencies")),
        Vec::<String>::new(),
        "[workspace.dependencies] path dependencies need a version"
    );

    let mut crates: Vec<PathBuf> = std::fs::read_dir(root().join("crates"))
        .expect("crates/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    assert!(crates.len() >= 5, "{crates:?}");
    let mut problems = Vec::new();
    for dir in &crates {
        let text = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
        let doc = DeTable::parse(&text).expect("TOML");
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let Some(pkg) = table(doc.get_ref(), "package") else {
            problems.push(format!("{name}: no [package]"));
            continue;
        };
        for key in [
            "description",
            "readme",
            "keywords",
            "categories",
            "documentation",
        ] {
            if !pkg.contains_key(key) {
                problems.push(format!("{name}: no package.{key}"));
            }
        }
        if let Some(kw) = pkg.get("keywords").and_then(|v| v.get_ref().as_array()) {
            if kw.len() > 5 {
                problems.push(format!("{name}: more than 5 keywords"));
            }
            for k in kw.iter().filter_map(|k| k.get_ref().as_str()) {
                let ok = k.len() <= 20
                    && k.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !ok {
                    problems.push(format!("{name}: keyword `{k}` is not valid on crates.io"));
                }
            }
        }
        if let Some(DeValue::String(doc_url)) = pkg.get("documentation").map(|v| v.get_ref())
            && doc_url.as_ref() != format!("https://docs.rs/{name}")
        {
            problems.push(format!(
                "{name}: documentation is not https://docs.rs/{name}"
            ));
        }
        for file in ["README.md", "LICENSE"] {
            if !dir.join(file).is_file() {
                problems.push(format!("{name}: no {file} in the package folder"));
            }
        }
        for section in ["dependencies", "build-dependencies"] {
            for dep in unversioned_paths(table(doc.get_ref(), section)) {
                problems.push(format!(
                    "{name}: [{section}] {dep} is a path without a version"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
