//! Property test: whatever combination of answers the scaffold accepts, the file it renders
//! passes `publiccode::validate_str` with zero errors and zero warnings. Free text is
//! arbitrary Unicode (quotes, colons, `#`, YAML keywords, newlines …) to stress quoting.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use proptest::prelude::*;
use publiccode::spec::lists;
use publiccode_init::{
    Answers, Contact, Contractor, Dependency, Description, RenderOptions, complete, profile, render,
};

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

fn picks(
    list: &'static [&'static str],
    min: usize,
    max: usize,
) -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(list, min..=max.min(list.len()))
        .prop_map(|v| v.into_iter().map(str::to_string).collect())
}

/// Text of `min..=max` characters, trimmed and non-empty.
fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(
        &[
            "yes",
            "no",
            "null",
            "~",
            "0",
            "1.0",
            "- item",
            "key: value",
            "# hash",
            "a #b",
            "\"q\"",
            "'s'",
            "é à ü",
            "日本語",
            "👩‍💻",
            "{x}",
            "[y]",
            "&a",
            "*b",
            "!t",
            "%p",
            "@at",
            "`bt`",
            "|",
            ">",
            "\\",
            "tab\there",
            "new\nline",
            "true",
            "2025-01-01",
            "0x1F",
            "…",
        ][..],
    );
    let word = prop_oneof![
        "[a-zA-Z]{1,12}",
        "\\PC{1,6}",
        tricky.prop_map(str::to_string),
    ];
    prop::collection::vec(word, 1..40).prop_map(move |words| {
        let mut s = words.join(" ");
        s = s.trim().to_string();
        if s.is_empty() {
            s = "x".into();
        }
        while publiccode::checks::text::grapheme_len(&s) < min {
            s.push_str(" padding text");
        }
        let cut: String = s.chars().take(max).collect();
        let mut cut = cut.trim().to_string();
        // Combining marks make fewer grapheme clusters than characters: pad again.
        while publiccode::checks::text::grapheme_len(&cut) < min {
            cut.push_str(" padding text");
        }
        if cut.is_empty() { "x".into() } else { cut }
    })
}

fn one_line(max: usize) -> impl Strategy<Value = String> {
    text(1, max).prop_map(|s| {
        let s = s.replace(['\n', '\t'], " ").trim().to_string();
        if s.is_empty() { "x".into() } else { s }
    })
}

fn description(lang: &'static str) -> impl Strategy<Value = Description> {
    (
        one_line(140),
        text(160, 2000).prop_map(|s| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")),
        prop::collection::vec(one_line(80), 1..5),
    )
        .prop_map(move |(short, long, features)| Description {
            lang: lang.to_string(),
            short: Some(short),
            long: Some(long),
            features,
            documentation: None,
        })
}

fn answers() -> impl Strategy<Value = Answers> {
    let base = (
        one_line(60),
        prop::sample::select(
            &[
                "https://github.com/acme/tool",
                "https://gitlab.example.org/city/permits",
                "https://example.org/svn/repo",
            ][..],
        ),
        proptest::option::of("[0-9]{1,2}\\.[0-9]{1,2}(\\.[0-9]{1,2})?(-rc[0-9])?"),
        proptest::option::of(
            (2015u32..2025, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        ),
        picks(lists::PLATFORMS, 1, 3),
        picks(lists::CATEGORIES, 0, 3),
        pick(lists::DEVELOPMENT_STATUS),
        pick(lists::SOFTWARE_TYPES),
        picks(lists::SCOPES, 0, 2),
    );
    let rest = (
        prop::sample::select(
            &[
                "MIT",
                "EUPL-1.2",
                "AGPL-3.0-or-later",
                "Apache-2.0 OR MIT",
                "GPL-3.0-only AND MIT",
            ][..],
        ),
        proptest::option::of(one_line(40)),
        pick(lists::MAINTENANCE_TYPES),
        prop::collection::vec(
            (
                one_line(30),
                proptest::option::of("[a-z]{1,8}@[a-z]{1,8}\\.(org|it|eu)"),
            ),
            1..3,
        ),
        any::<bool>(),
        prop::sample::select(&["", "it", "ca", "fr", "de-opencode", "eu"][..]),
        prop::sample::subsequence(&["en", "it", "fr", "de", "pt-BR"][..], 1..=3),
        proptest::option::of((
            prop::sample::select(&["Python", "PHP", "Node.js", "Java"][..]),
            "[0-9]{1,2}(\\.[0-9]{1,2})?",
        )),
        proptest::option::of(one_line(40)),
        any::<u64>(),
    );
    (base, rest)
        .prop_flat_map(|(base, rest)| {
            let langs = rest.6.clone();
            let descs: Vec<BoxedStrategy<Description>> =
                langs.iter().map(|l| description(l).boxed()).collect();
            (Just((base, rest)), descs)
        })
        .prop_map(|((b, r), descriptions)| {
            let (name, url, version, date, platforms, categories, status, stype, scope) = b;
            let (license, owner, mtype, people, l10n, profile_id, _langs, dep, org_name, seed) = r;
            let mut a = Answers {
                name: Some(name),
                url: Some(url.to_string()),
                software_version: version,
                release_date: date,
                platforms,
                categories,
                development_status: Some(status),
                software_type: Some(stype),
                scope,
                descriptions,
                license: Some(license.to_string()),
                main_copyright_owner: owner,
                maintenance_type: Some(mtype.clone()),
                localisation_ready: l10n,
                organisation_uri: org_name
                    .as_ref()
                    .map(|_| "https://www.example.org/".to_string()),
                organisation_name: org_name,
                ..Answers::default()
            };
            match mtype.as_str() {
                "contract" => {
                    a.contractors = people
                        .into_iter()
                        .map(|(name, email)| Contractor {
                            name,
                            until: "2030-06-30".into(),
                            email,
                        })
                        .collect();
                }
                "internal" | "community" => {
                    a.contacts = people
                        .into_iter()
                        .map(|(name, email)| Contact { name, email })
                        .collect();
                }
                _ => {}
            }
            if let Some((n, v)) = dep {
                a.depends_on.push(Dependency {
                    name: n.to_string(),
                    version_min: Some(v),
                });
            }
            if let Some(p) = profile::find(profile_id) {
                complete::apply_profile(&mut a, &p);
                // Profile languages added without text get one derived from the first language.
                if let Some(first) = a.descriptions.first().cloned() {
                    for d in &mut a.descriptions {
                        if d.short.is_none() {
                            d.short = first.short.clone();
                            d.long = first.long.clone();
                            d.features = first.features.clone();
                        }
                    }
                }
                if let Some(o) = &p.organisation_uri {
                    a.organisation_uri = Some(if seed % 2 == 0 || o.ipa {
                        "urn:x-italian-pa:c_h501".into()
                    } else {
                        "https://www.example.eu/".into()
                    });
                }
            }
            a
        })
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
    #![proptest_config(ProptestConfig { cases: cases(64, 512), .. ProptestConfig::default() })]

    #[test]
    fn every_rendered_file_validates(a in answers(), comments in any::<bool>()) {
        prop_assert!(complete::missing(&a, None).is_empty(), "generator made incomplete answers");
        let yaml = render(&a, &RenderOptions::new().with_comments(comments));
        let report = publiccode::validate_str(&yaml, &publiccode::Options::default());
        let bad: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity >= publiccode::Severity::Warning)
            .map(|d| format!("{} {} {}", d.code, d.key, d.message))
            .collect();
        prop_assert!(bad.is_empty(), "{bad:?}\n{yaml}");
    }
}
