//! Every shipped profile parses, every rule has a source and a code that `explain`
//! documents, and no code collides with the core's or another rule's.

use std::collections::HashSet;

use publiccode_check::{builtin, profile, rules};

#[test]
fn shipped_profiles_parse() {
    for (name, text) in builtin::FILES {
        if let Err(errs) = profile::parse(text, name) {
            panic!("{name} does not parse: {errs:?}");
        }
    }
    assert_eq!(builtin::all().len(), builtin::FILES.len());
    let ids: Vec<&str> = builtin::all().iter().map(|p| p.id.as_str()).collect();
    for id in [
        "it",
        "de-opencode",
        "ch",
        "fr",
        "eu",
        "eu-joinup",
        "ee",
        "es",
        "uk",
        "ca",
        "oss-basic",
    ] {
        assert!(ids.contains(&id), "missing profile {id}");
    }
}

#[test]
fn every_rule_is_sourced_and_documented() {
    let documented: HashSet<&str> = rules().iter().map(|r| r.code).collect();
    for p in builtin::all() {
        assert!(!p.sources.is_empty(), "{} has no sources", p.id);
        for r in &p.rules {
            assert!(
                r.source.starts_with("https://"),
                "{} has no source URL",
                r.code
            );
            assert!(
                documented.contains(r.code.as_str()),
                "{} is not documented by explain",
                r.code
            );
            assert!(!r.message.is_empty());
        }
    }
}

#[test]
fn codes_are_unique_and_do_not_collide_with_core() {
    let mut seen = HashSet::new();
    for r in rules() {
        assert!(seen.insert(r.code), "duplicate code {}", r.code);
        assert!(
            publiccode::rules::lookup(r.code).is_none(),
            "{} collides with a core code",
            r.code
        );
        assert!(!r.explanation.is_empty() && !r.summary.is_empty());
    }
}

#[test]
fn profile_errors_point_into_the_file() {
    let text = "id: mine\nname: Mine\ncountry: X\ndescription: d\nrules:\n  - code: X1\n    kind: nope\n    severity: error\n    message: m\n    source: https://example.org\n";
    let errs = profile::parse(text, "mine.yml").unwrap_err();
    assert_eq!(errs.len(), 1);
    let (file, d) = &errs[0];
    assert_eq!(file, "mine.yml");
    assert_eq!(d.code, "PP001");
    assert_eq!((d.line, d.column), (7, 11));
    assert_eq!(d.key, "rules[0].kind");
}
