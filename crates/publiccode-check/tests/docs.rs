//! docs/profiles.md lists every rule of every shipped profile with its source and, for
//! a rule that is our reading, why. The section is generated from the profile files;
//! this test fails when it is out of date, and `PUBLICCODE_BLESS=1` rewrites it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::Path;

use publiccode_check::{Check, Profile, builtin};

const BEGIN: &str = "<!-- rules: generated from schemas/profiles by `PUBLICCODE_BLESS=1 cargo test -p publiccode-check --test docs` -->\n";
const END: &str = "<!-- rules: end -->\n";

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn what(c: &Check) -> String {
    match c {
        Check::License(p) => {
            let mut parts = Vec::new();
            if !p.allowed.is_empty() {
                parts.push(format!("allowed: {}", p.allowed.join(", ")));
            }
            if !p.allowed_lists.is_empty() {
                parts.push(format!("allowed lists: {}", p.allowed_lists.join(", ")));
            }
            if !p.blocked.is_empty() {
                parts.push(format!("blocked: {}", p.blocked.join(", ")));
            }
            if !p.blocked_lists.is_empty() {
                parts.push(format!("blocked lists: {}", p.blocked_lists.join(", ")));
            }
            if p.osi {
                parts.push("OSI".into());
            }
            if p.fsf {
                parts.push("FSF".into());
            }
            if p.single_id {
                parts.push("single id".into());
            }
            let terms = match p.terms {
                publiccode_check::Terms::Code => "the code term",
                publiccode_check::Terms::All => "every term",
            };
            format!("`legal.license`: {}; judged on {terms}", parts.join("; "))
        }
        Check::RequiredKeys(k) | Check::AbsentKeys(k) => format!("`{}`", k.join("`, `")),
        Check::Languages { required, min } => {
            let mut v = Vec::new();
            if !required.is_empty() {
                v.push(format!("description in {}", required.join(", ")));
            }
            if *min > 0 {
                v.push(format!("at least {min} languages"));
            }
            v.join("; ")
        }
        Check::OrganisationUri {
            patterns,
            ipa,
            required,
            list,
        } => {
            let mut v = vec![format!(
                "`organisation.uri` matches {}",
                patterns.join(" or ")
            )];
            if *required {
                v.push("required".into());
            }
            if *ipa {
                v.push("iPA code on the list when given".into());
            }
            if let Some(l) = list {
                v.push(format!("on the data list `{l}` when given"));
            }
            v.join("; ")
        }
        Check::RepoFiles(files) => format!("files: {}", files.join(", ")),
        Check::UrlHost {
            key,
            hosts,
            min_path_segments,
        } => {
            let mut v = vec![format!("`{key}`")];
            if !hosts.is_empty() {
                v.push(format!("host {}", hosts.join(" or ")));
            }
            if *min_path_segments > 0 {
                v.push(format!("at least {min_path_segments} path segments"));
            }
            v.join("; ")
        }
        Check::Value {
            key,
            one_of,
            patterns,
            forbid_patterns,
            max_items,
        } => {
            let mut v = vec![format!("`{key}`")];
            if !one_of.is_empty() {
                v.push(format!("one of {}", one_of.join(", ")));
            }
            if !patterns.is_empty() {
                v.push(format!("matches {}", patterns.join(" or ")));
            }
            if !forbid_patterns.is_empty() {
                v.push(format!("not {}", forbid_patterns.join(" or ")));
            }
            if let Some(m) = max_items {
                v.push(format!("at most {m} items"));
            }
            v.join("; ")
        }
        Check::Shape { key, ty, keys } => {
            let mut v = vec![format!("`{key}`")];
            if let Some(t) = ty {
                v.push(format!("is a {}", t.name()));
            }
            if !keys.is_empty() {
                v.push(format!("each holds {}", keys.join(", ")));
            }
            v.join("; ")
        }
        Check::FileName { names, at_root } => format!(
            "file named {}{}",
            names.join(" or "),
            if *at_root {
                ", at the checkout's root"
            } else {
                ""
            }
        ),
        Check::RepositoryUrl { key, .. } => {
            format!("`{key}` against the checkout's git remotes")
        }
    }
}

fn section(p: &Profile) -> String {
    let mut out = format!(
        "### `{}` — {}\n\n{}. {}\n\n",
        p.id, p.name, p.country, p.description
    );
    if p.generic {
        out.push_str(
            "**Generic**: no country publishes these rules; every diagnostic says so.\n\n",
        );
    }
    out.push_str("| Code | Severity | Kind | What | Message | Source | Why (where the rule is our reading) |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for r in &p.rules {
        let reading = match (&r.rationale, r.inferred) {
            (Some(w), true) => format!("**inferred**: {w}"),
            (Some(w), false) => w.clone(),
            (None, true) => "**inferred**".to_string(),
            (None, false) => String::new(),
        };
        let mut checks = r.message.clone();
        if !r.replaces.is_empty() {
            checks.push_str(&format!(
                " (replaces the standard's {})",
                r.replaces.join(", ")
            ));
        }
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | <{}> | {} |\n",
            r.code,
            r.severity.as_str(),
            r.check.kind(),
            cell(&what(&r.check)),
            cell(&checks),
            r.source,
            cell(&reading),
        ));
    }
    out.push('\n');
    out
}

#[test]
fn profile_docs_list_every_rule() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/profiles.md");
    let doc = std::fs::read_to_string(&path).expect("docs/profiles.md");
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/profiles.md has no generated rules section (markers missing)");
    };
    let generated: String = builtin::all().iter().map(section).collect();
    let updated = format!("{}{BEGIN}\n{generated}{}", &doc[..b], &doc[e..]);
    if std::env::var_os("PUBLICCODE_BLESS").is_some() {
        std::fs::write(&path, updated).expect("write docs/profiles.md");
        return;
    }
    assert!(
        updated == doc,
        "docs/profiles.md is out of date: run PUBLICCODE_BLESS=1 cargo test -p publiccode-check --test docs"
    );
}
