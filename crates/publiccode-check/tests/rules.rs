//! Every shipped profile parses, every rule has a source and a code that `explain`
//! documents, and no code collides with the core's or another rule's.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

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

/// Every shipped rule cites its source. (Whether `explain` documents it is not tested
/// here: `rules()` is built from the same profiles, so that comparison could not fail.)
#[test]
fn every_shipped_rule_has_a_source() {
    for p in builtin::all() {
        assert!(!p.sources.is_empty(), "{} has no sources", p.id);
        for r in &p.rules {
            assert!(
                r.source.starts_with("https://"),
                "{} has no source URL",
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

fn head() -> &'static str {
    "id: mine\nname: Mine\ncountry: X\ndescription: d\nrules:\n"
}

#[test]
fn a_key_of_another_kind_is_an_error_at_that_key() {
    // `allowed` belongs to `license` rules, not to `required-keys` ones.
    let text = format!(
        "{}  - code: X1\n    kind: required-keys\n    severity: error\n    message: m\n    source: https://example.org\n    keys: [name]\n    allowed: [MIT]\n",
        head()
    );
    let errs = profile::parse(&text, "mine.yml").unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    let d = &errs[0].1;
    assert_eq!(d.code, "PP001");
    assert_eq!(d.key, "rules[0].allowed");
    assert_eq!((d.line, d.column), (12, 5));
    assert!(
        d.message.contains("unknown key `allowed`") && d.message.contains("`required-keys` rule"),
        "{}",
        d.message
    );
}

#[test]
fn every_rule_is_read_and_each_mistake_reported() {
    let text = format!(
        "{}  - code: X1\n    kind: license\n    severity: fatal\n    message: m\n    source: https://example.org\n    osi: true\n  - code: X2\n    kind: value\n    severity: error\n    message: m\n    source: https://example.org\n    key: url\n    max-items: many\n  - code: X3\n    kind: license\n    severity: error\n    message: m\n    source: https://example.org\n    allowed-lists: [nope]\n  - code: X4\n    kind: repo-files\n    severity: note\n    message: m\n    source: ftp://example.org\n    files: [README*]\n",
        head()
    );
    let errs = profile::parse(&text, "mine.yml").unwrap_err();
    let keys: Vec<&str> = errs.iter().map(|(_, d)| d.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "rules[0].severity",
            "rules[1].max-items",
            "rules[2].allowed-lists",
            "rules[3].source"
        ],
        "{errs:?}"
    );
    assert!(
        errs[0]
            .1
            .message
            .contains("expected one of: error, warning, note")
    );
    assert!(errs[2].1.message.contains("unknown data list `nope`"));
}

#[test]
fn a_rule_takes_the_place_of_a_standard_warning_never_of_an_error() {
    use publiccode_check::Policy;
    let text = "publiccodeYmlVersion: \"0.4\"\nname: x\n";
    let report = publiccode::validate_str(text, &publiccode::Options::default());
    let codes = |p: &Policy| -> Vec<String> {
        p.apply(&report, None, Some("publiccode.yml"))
            .into_iter()
            .map(|d| d.code.to_string())
            .collect()
    };
    let none = Policy::load(&[], None).unwrap();
    let de = Policy::load(&["de-opencode".to_string()], None).unwrap();
    assert!(codes(&none).iter().any(|c| c == "PC105"));
    let under_de = codes(&de);
    assert!(!under_de.iter().any(|c| c == "PC105"), "{under_de:?}");
    assert!(!under_de.iter().any(|c| c == "PRDE10"), "{under_de:?}");
    // The missing keys are errors of the standard: still there.
    let errors = |p: &Policy| {
        p.apply(&report, None, None)
            .iter()
            .filter(|d| d.severity == publiccode::Severity::Error)
            .count()
    };
    assert_eq!(errors(&none), errors(&de));
    // A 0.7 file gets the profile's note instead.
    let report = publiccode::validate_str(
        "publiccodeYmlVersion: \"0.7\"\nname: x\n",
        &publiccode::Options::default(),
    );
    assert!(
        de.apply(&report, None, None)
            .iter()
            .any(|d| d.code == "PRDE10" && d.severity == publiccode::Severity::Note)
    );
}

#[test]
fn a_users_list_replaces_the_shipped_one() {
    use publiccode_check::Policy;
    let dir = std::env::temp_dir().join(format!("pc-list-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("approved.txt");
    std::fs::write(&list, "# our own list\nEUPL-1.2\n").unwrap();
    let text = "publiccodeYmlVersion: \"0.4\"\nname: x\nlegal:\n  license: MIT\n";
    let report = publiccode::validate_str(text, &publiccode::Options::default());
    let mut de = Policy::load(&["de-opencode".to_string()], None).unwrap();
    let has = |p: &Policy| p.check(&report, None).iter().any(|d| d.code == "PRDE08");
    assert!(!has(&de), "MIT is on the shipped list");
    de.set_list("opencode-approved", &list).unwrap();
    assert!(has(&de), "MIT is not on the user's list");
    assert!(de.set_list("no-such-list", &list).is_err());
    assert!(
        de.set_list("opencode-approved", &dir.join("missing"))
            .is_err()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn swiss_organisation_ids_shape_and_supplied_list() {
    use publiccode_check::Policy;
    let check = |p: &Policy, uri: &str| -> Vec<String> {
        let text = format!("publiccodeYmlVersion: \"0\"\nname: x\norganisation:\n  uri: {uri}\n");
        let report = publiccode::validate_str(&text, &publiccode::Options::default());
        p.check(&report, None)
            .into_iter()
            .filter(|d| d.code == "PRCH01")
            .map(|d| d.message)
            .collect()
    };
    let mut ch = Policy::load(&["ch".to_string()], None).unwrap();
    assert!(check(&ch, "https://ld.admin.ch/office/V.1.7").is_empty());
    assert!(check(&ch, "https://ld.admin.ch/FCh").is_empty());
    assert_eq!(check(&ch, "https://ld.admin.ch/somewhere").len(), 1);
    let dir = std::env::temp_dir().join(format!("pc-ch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("organisations.txt");
    std::fs::write(
        &list,
        "https://ld.admin.ch/FCh\nhttps://ld.admin.ch/office/V.1.7\n",
    )
    .unwrap();
    ch.set_list("ch-organisations", &list).unwrap();
    assert!(check(&ch, "https://ld.admin.ch/office/v.1.7/").is_empty());
    let m = check(&ch, "https://ld.admin.ch/office/V.9.9");
    assert!(
        m.len() == 1 && m[0].contains("not on the list `ch-organisations`"),
        "{m:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shape_rules_check_types_and_keys_of_every_reached_node() {
    let profile = "id: t\nname: T\ncountry: X\ndescription: d\nsources: [https://example.org]\nrules:\n  - code: T1\n    kind: shape\n    severity: error\n    message: list\n    source: https://example.org\n    key: platforms\n    type: list\n  - code: T2\n    kind: shape\n    severity: error\n    message: keys\n    source: https://example.org\n    key: fundedBy.*\n    keys: [uri]\n";
    let p = match profile::parse(profile, "t.yml") {
        Ok(p) => p,
        Err(e) => panic!("{e:?}"),
    };
    let doc =
        "platforms: web\nfundedBy:\n  - name: A\n    uri: https://a.example\n  - name: B\n  -\n";
    let report = publiccode::validate_str(doc, &publiccode::Options::default());
    let Some(root) = report.tree.as_ref() else {
        panic!("no tree")
    };
    let index = publiccode::LineIndex::new(doc);
    let lists = publiccode_check::lists::Lists::default();
    let cx = profile::Context {
        index: &index,
        repo: None,
        file_name: None,
        ipa_codes: None,
        lists: &lists,
    };
    let found: Vec<(String, String, usize)> = p
        .check(root, &cx)
        .into_iter()
        .map(|d| (d.code.to_string(), d.key.to_string(), d.line))
        .collect();
    assert_eq!(
        found,
        [
            ("T1".to_string(), "platforms".to_string(), 1),
            ("T2".to_string(), "fundedBy[1].uri".to_string(), 5),
            ("T2".to_string(), "fundedBy[2].uri".to_string(), 6),
        ]
    );
    assert!(profile::parse(&profile.replace("    keys: [uri]\n", ""), "t.yml").is_err());
}

#[test]
fn it_profile_says_what_the_standard_allows_once() {
    let policy = match publiccode_check::Policy::load(&["it".to_string()], None) {
        Ok(p) => p,
        Err(e) => panic!("{e:?}"),
    };
    let long = "x".repeat(160);
    let doc = |langs: &str| {
        format!(
            "publiccodeYmlVersion: \"0\"\nname: x\nurl: https://example.org/x\nplatforms: [web]\ndevelopmentStatus: stable\nsoftwareType: library\norganisation:\n  uri: urn:x-italian-pa:pcm\ndescription:\n{langs}legal:\n  license: EUPL-1.2\nmaintenance:\n  type: none\nlocalisation:\n  localisationReady: false\n  availableLanguages: [en]\n"
        )
    };
    let codes = |text: &str| -> Vec<(String, String)> {
        let report = publiccode::validate_str(text, &publiccode::Options::default());
        policy
            .apply(&report, None, None)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| (d.code.to_string(), d.key.to_string()))
            .collect()
    };
    // One language without features: the standard's own error, not a second one.
    let one = doc(&format!(
        "  en:\n    shortDescription: s\n    longDescription: {long}\n"
    ));
    assert_eq!(
        codes(&one),
        [("PC204".to_string(), "description.en.features".to_string())]
    );
    // Two languages, one complete: the standard is satisfied, the reference is not.
    let two = doc(&format!(
        "  en:\n    shortDescription: s\n    longDescription: {long}\n    features: [f]\n  it:\n    shortDescription: s\n"
    ));
    assert_eq!(
        codes(&two),
        [
            (
                "PRIT10".to_string(),
                "description.it.longDescription".to_string()
            ),
            ("PRIT10".to_string(), "description.it.features".to_string()),
        ]
    );
}

#[test]
fn a_descriptor_below_the_checkout_root_is_found() {
    use publiccode_check::Policy;
    let root = std::env::temp_dir().join(format!("pc-root-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(
        root.join(".git/config"),
        "[remote \"origin\"]\n\turl = https://gitlab.opencode.de/org/medusa.git\n",
    )
    .unwrap();
    let text =
        "publiccodeYmlVersion: \"0.4\"\nname: x\nurl: https://gitlab.opencode.de/org/medusa\n";
    let report = publiccode::validate_str(text, &publiccode::Options::default());
    let de = Policy::load(&["de-opencode".to_string()], None).unwrap();
    let ch = Policy::load(&["ch".to_string()], None).unwrap();
    let findings = |p: &Policy, dir: &std::path::Path, code: &str| -> Vec<String> {
        let repo = publiccode::DirResources::new(dir);
        p.apply_with(&report, Some(&repo), Some("publiccode.yml"))
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| d.message)
            .collect()
    };
    assert!(findings(&de, &root, "PRDE09").is_empty());
    let below = findings(&de, &root.join("docs"), "PRDE09");
    assert!(
        below.len() == 1 && below[0].contains("not at the repository root, which is 1 folder up"),
        "{below:?}"
    );
    // The remote is read from the root's .git too: the url matches, nothing to say.
    assert!(findings(&ch, &root.join("docs"), "PRCH06").is_empty());
    std::fs::write(
        root.join(".git/config"),
        "[remote \"origin\"]\n\turl = git@github.com:org/other.git\n",
    )
    .unwrap();
    assert_eq!(findings(&ch, &root.join("docs"), "PRCH06").len(), 1);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_it_section_is_reported_once_per_key_under_it() {
    use publiccode_check::Policy;
    let text = "publiccodeYmlVersion: \"0\"\nname: x\nIT:\n  countryExtensionVersion: \"1.0\"\n  riuso:\n    codiceIPA: c_h501\n  piattaforme:\n    spid: true\n";
    let report = publiccode::validate_str(text, &publiccode::Options::default());
    let it = Policy::load(&["it".to_string()], None).unwrap();
    let deprecations: Vec<(String, String)> = it
        .apply(&report, None, None)
        .into_iter()
        .filter(|d| ["PC501", "PC502", "PRIT04"].contains(&&*d.code))
        .map(|d| (d.key.to_string(), d.code.to_string()))
        .collect();
    let mut keys: Vec<&str> = deprecations.iter().map(|(k, _)| k.as_str()).collect();
    keys.dedup();
    assert_eq!(keys.len(), deprecations.len(), "{deprecations:?}");
    assert!(
        deprecations.contains(&("IT".into(), "PC501".into())),
        "{deprecations:?}"
    );
    assert!(
        deprecations.contains(&("IT.riuso.codiceIPA".into(), "PRIT04".into())),
        "{deprecations:?}"
    );
}

#[test]
fn policy_load_errors_have_codes() {
    // An id that is neither a shipped profile nor a file: PP002.
    let errs = publiccode_check::Policy::load(&["utopia".to_string()], None).unwrap_err();
    let codes: Vec<&str> = errs.iter().map(|(_, d)| d.code.as_ref()).collect();
    assert_eq!(codes, ["PP002"], "{errs:?}");
    assert!(errs[0].1.message.contains("utopia"), "{errs:?}");
    // An iPA list that cannot be read: PP003, naming the file.
    let missing = std::path::Path::new("no/such/ipa_codes.txt");
    let errs = publiccode_check::Policy::load(&["it".to_string()], Some(missing)).unwrap_err();
    let codes: Vec<&str> = errs.iter().map(|(_, d)| d.code.as_ref()).collect();
    assert_eq!(codes, ["PP003"], "{errs:?}");
    assert_eq!(errs[0].0, "no/such/ipa_codes.txt");
}

#[test]
fn a_rule_example_is_read_strictly() {
    let rule = "  - code: X1\n    kind: required-keys\n    severity: error\n    message: m\n    source: https://example.org\n    keys: [landingURL]\n";
    let good = format!(
        "{}{rule}    example:\n      fails: \"name: x\\n\"\n      passes: \"landingURL: https://example.org\\n\"\n",
        head()
    );
    let p = profile::parse(&good, "mine.yml").unwrap_or_else(|e| panic!("{e:?}"));
    let ex = p.rules[0].example.as_ref().expect("the example is read");
    assert_eq!(
        (
            ex.fails.as_str(),
            ex.passes.as_str(),
            ex.covered_by.as_deref()
        ),
        ("name: x\n", "landingURL: https://example.org\n", None)
    );
    let bad = format!(
        "{}{rule}    example:\n      fails: \"name: x\\n\"\n      passez: \"landingURL: https://example.org\\n\"\n",
        head()
    );
    let errs = profile::parse(&bad, "mine.yml").unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].1.code, "PP001");
    assert!(errs[0].1.key.to_string().contains("example"), "{errs:?}");
}
