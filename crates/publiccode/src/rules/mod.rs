//! The rule registry: every diagnostic code the core can emit, declared once with its
//! name, default severity, since when it applies, its status, a one-line summary, the
//! longer explanation and a failing and a passing example, which `publiccode explain`
//! prints.
//!
//! Codes are stable: a code is never reused for another meaning. The other crates
//! (country profiles and licence policy in `publiccode-check`, network checks in
//! `publiccode-net`, catalogue checks in `publiccode-ingest`) register their codes in the
//! same [`RuleInfo`] shape. A test runs every example through the checker, so an
//! example cannot drift from what the rule does.

use std::fmt;

use crate::Severity;
use crate::spec::versions::Version;

/// A registered rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable code, e.g. `PC203`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `missing-key`.
    pub name: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// A paragraph or two: why the rule exists and how to satisfy it.
    pub explanation: &'static str,
    /// Since when the rule applies: the release of this tool and, for a requirement of
    /// the standard, the release of publiccode.yml that introduced it.
    pub since: Since,
    /// Whether the rule is settled.
    pub status: Status,
    /// A failing and a passing example.
    pub examples: Examples,
}

impl RuleInfo {
    /// A stable rule of this tool's first release, with no examples yet; the other
    /// parts are set with [`RuleInfo::since`], [`RuleInfo::status`] and
    /// [`RuleInfo::examples`] (all `const`, so registries stay `const` tables).
    pub const fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        summary: &'static str,
        explanation: &'static str,
    ) -> RuleInfo {
        RuleInfo {
            code,
            name,
            severity,
            summary,
            explanation,
            since: Since::tool(FIRST_RELEASE),
            status: Status::Stable,
            examples: Examples {
                kind: ExampleKind::Described { covered_by: "" },
                failing: "",
                passing: "",
            },
        }
    }

    /// With this [`Since`].
    pub const fn since(mut self, since: Since) -> RuleInfo {
        self.since = since;
        self
    }

    /// With this [`Status`].
    pub const fn status(mut self, status: Status) -> RuleInfo {
        self.status = status;
        self
    }

    /// With these [`Examples`].
    pub const fn examples(mut self, examples: Examples) -> RuleInfo {
        self.examples = examples;
        self
    }
}

/// Whether a rule is settled: what a user may rely on when writing suppressions and
/// configuration against its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Reported by default; its code and meaning do not change.
    Stable,
    /// New: its details (message, position, exact scope) may still change.
    Preview,
    /// Still reported, but going away; the explanation says what replaces it.
    Deprecated,
    /// No longer reported; the code stays registered so that it is never reused and a
    /// suppression naming it can be recognised.
    Removed,
}

impl Status {
    /// `stable`, `preview`, `deprecated` or `removed`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Stable => "stable",
            Status::Preview => "preview",
            Status::Deprecated => "deprecated",
            Status::Removed => "removed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A release of this tool (`major.minor.patch`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ToolVersion {
    /// Major version.
    pub major: u16,
    /// Minor version.
    pub minor: u16,
    /// Patch version.
    pub patch: u16,
}

impl ToolVersion {
    /// `major.minor.patch`.
    pub const fn new(major: u16, minor: u16, patch: u16) -> ToolVersion {
        ToolVersion {
            major,
            minor,
            patch,
        }
    }
}

impl fmt::Display for ToolVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The first release of this tool, which shipped every rule registered so far.
pub const FIRST_RELEASE: ToolVersion = ToolVersion::new(0, 1, 0);

/// Since when a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Since {
    /// The release of this tool that first reported the code.
    pub tool: ToolVersion,
    /// For a requirement of the standard, the release of publiccode.yml that introduced
    /// it; `None` for everything else (YAML and file-level checks, suppressions,
    /// profiles, foreign formats, network and catalogue checks). Files of every
    /// supported version are checked against the latest release's rules, as the
    /// reference validator does, so the rule applies to files of older versions too.
    pub standard: Option<Version>,
}

impl Since {
    /// A rule of this tool that no release of the standard introduced.
    pub const fn tool(tool: ToolVersion) -> Since {
        Since {
            tool,
            standard: None,
        }
    }

    /// A requirement of the standard since `standard`, reported since `tool`.
    pub const fn standard(tool: ToolVersion, standard: Version) -> Since {
        Since {
            tool,
            standard: Some(standard),
        }
    }
}

impl fmt::Display for Since {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.standard {
            Some(v) => write!(
                f,
                "publiccode.yml {} (the standard); publiccode {} (this tool)",
                v.as_str(),
                self.tool
            ),
            None => write!(
                f,
                "publiccode {} (this tool; not a requirement of the standard)",
                self.tool
            ),
        }
    }
}

/// What kind of text a rule's examples are, and so how they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExampleKind {
    /// publiccode.yml text, checked with no profile and no repository around it (the
    /// standard's rules and the licence checks that apply to everyone). Fragments are
    /// fine: only the rule's own code counts.
    Descriptor,
    /// publiccode.yml text checked under the shipped profile with this id.
    Profile(&'static str),
    /// A US code.json file.
    CodeJson,
    /// A Canadian Open Resource Exchange record.
    Ore,
    /// A country profile file (`--profile path/to/profile.yml`).
    ProfileFile,
    /// The condition cannot be written as a text snippet (bytes that are not UTF-8, a
    /// file of megabytes, a repository's files, a server's answer, a catalogue's
    /// state): the examples describe it, and the named test or fixture shows it.
    Described {
        /// The test or fixture that triggers the rule.
        covered_by: &'static str,
    },
}

impl ExampleKind {
    /// A short name: `descriptor`, `profile`, `code-json`, `ore`, `profile-file`,
    /// `described`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ExampleKind::Descriptor => "descriptor",
            ExampleKind::Profile(_) => "profile",
            ExampleKind::CodeJson => "code-json",
            ExampleKind::Ore => "ore",
            ExampleKind::ProfileFile => "profile-file",
            ExampleKind::Described { .. } => "described",
        }
    }
}

/// A failing and a passing example of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Examples {
    /// What the examples are.
    pub kind: ExampleKind,
    /// Text that triggers the rule.
    pub failing: &'static str,
    /// The same text put right: the rule does not trigger.
    pub passing: &'static str,
}

impl Examples {
    /// Examples of a kind.
    pub const fn new(kind: ExampleKind, failing: &'static str, passing: &'static str) -> Examples {
        Examples {
            kind,
            failing,
            passing,
        }
    }
}

/// A complete, valid descriptor of the latest version: the passing example of rules
/// that need the whole file.
pub const MINIMAL: &str = r#"publiccodeYmlVersion: "0"
name: Medusa
url: "https://github.com/italia/medusa"
platforms:
  - web
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: Checks publiccode.yml files.
    longDescription: >-
      Checks publiccode.yml files against every rule of the standard, reports
      each problem with its line and column, and explains how to fix it, so that
      catalogues can list the software.
    features:
      - Every rule of the standard
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Ada Lovelace
localisation:
  localisationReady: false
  availableLanguages:
    - en
"#;

type K = ExampleKind;

/// `Tool` (not a requirement of the standard) or a [`Version`] variant.
macro_rules! since {
    (Tool) => {
        Since::tool(FIRST_RELEASE)
    };
    ($v:ident) => {
        Since::standard(FIRST_RELEASE, Version::$v)
    };
}

macro_rules! rules {
    ($( $id:ident = $code:literal, $name:literal, $sev:ident, $std:ident, $status:ident,
        $summary:literal, $expl:literal, $kind:expr, $fail:expr, $pass:expr; )*) => {
        /// Rule codes as constants, so the code that emits them cannot misspell one.
        pub mod code {
            $( #[doc = $summary] pub const $id: &str = $code; )*
        }
        /// Every rule of the core, in code order.
        pub const RULES: &[RuleInfo] = &[
            $( RuleInfo::new($code, $name, Severity::$sev, $summary, $expl)
                .since(since!($std))
                .status(Status::$status)
                .examples(Examples::new($kind, $fail, $pass)), )*
        ];
    };
}

rules! {
    NOT_UTF8 = "PC001", "not-utf8", Error, V0_2, Stable,
        "The file is not UTF-8 text.",
        "publiccode.yml MUST be UTF-8 (since 0.2.2). A UTF-8 byte order mark is accepted. \
Re-save the file as UTF-8; the diagnostic points at the first byte that is not.",
        K::Described { covered_by: "testdata/rules/not-utf8.yml" },
        r#"name: Café  # saved as Latin-1: the byte 0xE9 alone is not UTF-8
"#,
        r#"name: Café  # saved as UTF-8
"#;
    YAML_SYNTAX = "PC002", "yaml-syntax", Error, Tool, Stable,
        "The file is not well-formed YAML.",
        "The YAML parser stopped at this position. Common causes are tabs used for indentation, \
a missing space after a colon, or an unclosed quote or bracket. Nothing else can be checked \
until the syntax is right.",
        K::Descriptor,
        r#"name: "Medusa
"#,
        r#"name: "Medusa"
"#;
    MULTIPLE_DOCUMENTS = "PC003", "multiple-documents", Error, Tool, Stable,
        "The file holds more than one YAML document.",
        "A publiccode.yml file describes one piece of software in one YAML document. Remove the \
second `---` and what follows, or move it to its own file.",
        K::Descriptor,
        r#"name: Medusa
---
name: Perseus
"#,
        r#"name: Medusa
"#;
    DUPLICATE_KEY = "PC004", "duplicate-key", Error, Tool, Stable,
        "A key appears twice in the same mapping.",
        "YAML forbids duplicate keys. Many parsers silently keep the last one, so the file means \
different things to different tools. The first occurrence is the one checked; remove the other.",
        K::Descriptor,
        r#"name: Medusa
name: Perseus
"#,
        r#"name: Medusa
"#;
    TOO_LARGE = "PC005", "file-too-large", Error, Tool, Stable,
        "The file is larger than the size limit.",
        "Real publiccode.yml files are a few kilobytes. Files above the limit (1 MiB by default) \
are refused before parsing, so that hostile input cannot exhaust memory or time.",
        K::Described { covered_by: "crates/publiccode-cli/tests/hostile.rs::over_limit_files_are_refused_with_their_real_size" },
        r#"# a 2 MiB publiccode.yml (the limit is 1 MiB)
"#,
        r#"# a 4 KiB publiccode.yml
"#;
    RESOURCE_LIMIT = "PC006", "resource-limit", Error, Tool, Stable,
        "Nesting or alias expansion exceeds the limits.",
        "Collections nested more than 128 deep, or aliases that expand to more than 200,000 nodes \
(a \"billion laughs\" document), are refused. No real descriptor comes close.",
        K::Descriptor,
        r#"a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
"#,
        r#"a: &a [x, x]
b: [*a, *a]
"#;
    EMPTY_DOCUMENT = "PC007", "empty-document", Error, Tool, Stable,
        "The file is empty.",
        "The file holds no YAML content. Start from `publiccode init`, which writes a valid file.",
        K::Descriptor,
        r#"# nothing but a comment
"#,
        r#"name: Medusa
"#;
    ROOT_NOT_MAPPING = "PC008", "root-not-mapping", Error, Tool, Stable,
        "The top level is not a mapping of keys.",
        "The document must be a mapping (`key: value` lines) at the top level.",
        K::Descriptor,
        r#"- name: Medusa
"#,
        r#"name: Medusa
"#;
    READ_ERROR = "PC009", "read-error", Error, Tool, Stable,
        "The file could not be read.",
        "The path does not exist, is a directory or a FIFO, or cannot be read with the current \
permissions.",
        K::Described { covered_by: "crates/publiccode-check/tests/checker.rs::an_unreadable_file_is_pc009" },
        r#"# publiccode validate no/such/publiccode.yml
"#,
        r#"# publiccode validate publiccode.yml
"#;
    UNUSED_SUPPRESSION = "PC020", "unused-suppression", Warning, Tool, Stable,
        "A suppression comment silences nothing.",
        "Suppression comments silence diagnostics a team has decided to live with:\n\n\
\x20 key: value  # publiccode: ignore PC501 -- reason    covers this line\n\
\x20 # publiccode: ignore PC501, PC105 -- reason         covers the next line with content\n\
\x20 # publiccode: ignore-file PC105 -- reason           covers the whole file (own line)\n\n\
Codes are required; the reason after `--` is optional but recommended. When the diagnostic a \
suppression names is no longer reported on its line (the problem was fixed, or the line moved), \
the suppression is reported so that it does not outlive its purpose: remove the code from the comment. \
A code that no rule has is reported the same way. To drop a rule for a whole project, use `ignore` in \
publiccode.toml instead. This warning cannot itself be suppressed inline.",
        K::Descriptor,
        r#"name: Medusa  # publiccode: ignore PC501 -- nothing to silence here
"#,
        r#"inputTypes:  # publiccode: ignore PC501 -- the old catalogue still reads it
  - text/plain
"#;
    INVALID_SUPPRESSION = "PC021", "invalid-suppression", Warning, Tool, Stable,
        "A suppression comment cannot be read.",
        "A comment starting `# publiccode:` that looks like a suppression but is not one: no codes \
(`# publiccode: ignore`; blanket suppressions would hide the next, unrelated problem), a word that is \
not a code before the `--` that starts the reason, an unknown directive (`disable`, `noqa`), \
`ignore-file` at the end of a line of content, or an own-line `ignore` with no line after it. The \
syntax is `# publiccode: ignore PC501 -- reason` (this line, or the next line with content when the \
comment is on a line of its own) and `# publiccode: ignore-file PC105 -- reason`. Comments that \
merely start with `publiccode:` followed by other words are left alone.",
        K::Descriptor,
        r#"inputTypes:  # publiccode: ignore
  - text/plain
"#,
        r#"inputTypes:  # publiccode: ignore PC501 -- the old catalogue still reads it
  - text/plain
"#;
    VERSION_MISSING = "PC101", "version-missing", Error, V0_2, Stable,
        "publiccodeYmlVersion is missing.",
        "Every file must say which version of the standard it follows. Write \
`publiccodeYmlVersion: \"0\"` on the first line: the standard now recommends the major version only.",
        K::Descriptor,
        r#"name: Medusa
"#,
        r#"publiccodeYmlVersion: "0"
name: Medusa
"#;
    VERSION_NOT_STRING = "PC102", "version-not-string", Error, V0_2, Stable,
        "publiccodeYmlVersion is not a quoted string.",
        "Unquoted, `0.2` is a YAML number, and numbers lose information (`0.10` would read as \
`0.1`). Quote the value: `publiccodeYmlVersion: \"0.2\"`.",
        K::Descriptor,
        r#"publiccodeYmlVersion: 0.4
"#,
        r#"publiccodeYmlVersion: "0.4"
"#;
    VERSION_UNSUPPORTED = "PC103", "version-unsupported", Error, V0_2, Stable,
        "publiccodeYmlVersion is not a known version.",
        "Accepted values are \"0\", 0.2, 0.2.0, 0.2.1, 0.2.2, 0.3, 0.3.0, 0.4, 0.4.0, 0.5, 0.5.0, \
0.6, 0.6.0, 0.7 and 0.7.0. A future version (0.8, 1) is refused rather than guessed at: upgrade \
this tool.",
        K::Descriptor,
        r#"publiccodeYmlVersion: "0.8"
"#,
        r#"publiccodeYmlVersion: "0"
"#;
    VERSION_0_1 = "PC104", "version-0-1", Error, V0_2, Stable,
        "publiccodeYmlVersion 0.1 is no longer supported.",
        "Version 0.1 (2019) used different keys (`publiccode-yaml-version`, `tags`, ISO 639-2 \
language keys). Rewrite the file for the latest version; `publiccode init` helps.",
        K::Descriptor,
        r#"publiccodeYmlVersion: "0.1"
"#,
        r#"publiccodeYmlVersion: "0"
"#;
    VERSION_NOT_LATEST = "PC105", "version-not-latest", Warning, V0_2, Stable,
        "The file is not on the latest version of the standard.",
        "`publiccodeYmlVersion: \"0\"` means \"the latest release of major version 0\": the file \
follows the newest 0.x rules (0.7 today) and is never outdated by a minor release of the standard. \
The standard's own examples write it since 2026, and it is the only value (with \"0.7\" and \"0.7.0\") \
that gives no warning. An older value (\"0.2\" … \"0.6\") is still accepted, but the file is checked \
against the latest rules anyway, as the reference validator does (\"Parsing this file as v0.7\"), \
so the number only misleads readers. `publiccode upgrade` moves the file to \"0\", applies what \
changed since its version (the message lists it) and keeps comments.",
        K::Descriptor,
        r#"publiccodeYmlVersion: "0.4"
"#,
        r#"publiccodeYmlVersion: "0"
"#;
    UNKNOWN_KEY = "PC201", "unknown-key", Error, V0_2, Stable,
        "The key is not part of the standard.",
        "Unknown keys are refused, as the reference validator does, because a misspelt key would \
otherwise be silently ignored. Country sections other than `IT` do not exist: use `supports`.",
        K::Descriptor,
        r#"nmae: Medusa
"#,
        r#"name: Medusa
"#;
    WRONG_TYPE = "PC202", "wrong-type", Error, V0_2, Stable,
        "The value has the wrong type.",
        "A text key got a list or a mapping, a list key got a single value, or a boolean got \
something other than `true`/`false`.",
        K::Descriptor,
        r#"name:
  - Medusa
"#,
        r#"name: Medusa
"#;
    MISSING_KEY = "PC203", "missing-key", Error, V0_2, Stable,
        "A required key is missing or empty.",
        "The standard makes this key mandatory. For a missing key the diagnostic points at the \
first key of the mapping that should hold it.",
        K::Descriptor,
        r#"publiccodeYmlVersion: "0"
name: Medusa
"#,
        MINIMAL;
    EMPTY_LIST = "PC204", "empty-list", Error, V0_2, Stable,
        "A list that needs at least one item is empty or missing.",
        "platforms, description, features and availableLanguages need at least one item.",
        K::Descriptor,
        r#"publiccodeYmlVersion: "0"
name: Medusa
url: "https://github.com/italia/medusa"
platforms: []
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: Checks publiccode.yml files.
    longDescription: >-
      Checks publiccode.yml files against every rule of the standard, reports
      each problem with its line and column, and explains how to fix it, so that
      catalogues can list the software.
    features:
      - Every rule of the standard
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Ada Lovelace
localisation:
  localisationReady: false
  availableLanguages:
    - en
"#,
        MINIMAL;
YAML11_BOOLEAN = "PC205", "yaml11-boolean", Error, V0_2, Stable,
        "A YAML 1.1 boolean (yes/no/on/off) where true/false is needed.",
        "publiccode.yml follows YAML 1.2, where `yes`, `no`, `on` and `off` are strings, not \
booleans. Write `true` or `false`. The fix is mechanical and `--fix` applies it.",
        K::Descriptor,
        r#"localisation:
  localisationReady: yes
"#,
        r#"localisation:
  localisationReady: true
"#;
    NOT_IN_LIST = "PC301", "not-in-list", Error, V0_2, Stable,
        "The value is not one of the allowed values.",
        "developmentStatus, softwareType, maintenance.type and IT.countryExtensionVersion take a \
value from a closed list. The message lists them; a close match is suggested.",
        K::Descriptor,
        r#"developmentStatus: finished
"#,
        r#"developmentStatus: stable
"#;
    INVALID_CATEGORY = "PC302", "invalid-category", Error, V0_2, Stable,
        "Not a category from the categories list.",
        "See https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst",
        K::Descriptor,
        r#"categories:
  - accountancy
"#,
        r#"categories:
  - accounting
"#;
    INVALID_SCOPE = "PC303", "invalid-scope", Error, V0_2, Stable,
        "Not a scope from the scope list.",
        "See https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst",
        K::Descriptor,
        r#"intendedAudience:
  scope:
    - spaceflight
"#,
        r#"intendedAudience:
  scope:
    - education
"#;
    TOO_LONG = "PC304", "too-long", Error, V0_2, Stable,
        "The text is longer than allowed.",
        "Lengths are counted in grapheme clusters (what a reader sees as characters): \
shortDescription at most 150, longDescription at most 10,000, genericName at most 35.",
        K::Descriptor,
        r#"description:
  en:
    genericName: Validator, formatter and converter of descriptors
"#,
        r#"description:
  en:
    genericName: Validator
"#;
    TOO_SHORT = "PC305", "too-short", Error, V0_2, Stable,
        "The text is shorter than required.",
        "longDescription needs at least 150 characters (grapheme clusters).",
        K::Descriptor,
        r#"description:
  en:
    longDescription: Checks publiccode.yml files.
"#,
        r#"description:
  en:
    longDescription: >-
      Checks publiccode.yml files against every rule of the standard, reports
      each problem with its line and column, and explains how to fix it, so that
      catalogues can list the software.
"#;
    INVALID_DATE = "PC306", "invalid-date", Error, V0_2, Stable,
        "Not a calendar date written YYYY-MM-DD.",
        "Dates are exactly `YYYY-MM-DD` and must exist in the calendar; times and other ISO 8601 \
forms are not allowed.",
        K::Descriptor,
        r#"releaseDate: "2025-02-30"
"#,
        r#"releaseDate: "2025-02-28"
"#;
    INVALID_LANGUAGE = "PC307", "invalid-language", Error, V0_2, Stable,
        "Not a valid BCP 47 language tag.",
        "Language tags are checked against the IANA Language Subtag Registry, not only their \
syntax: `eng` is refused because BCP 47 uses `en`, and `en_GB` because the separator is `-`.",
        K::Descriptor,
        r#"localisation:
  availableLanguages:
    - eng
"#,
        r#"localisation:
  availableLanguages:
    - en
"#;
    INVALID_COUNTRY = "PC308", "invalid-country", Error, V0_2, Stable,
        "Not an ISO 3166-1 alpha-2 country code.",
        "Country codes are two letters from ISO 3166-1, uppercase: `IT`, `DE`, `FR`.",
        K::Descriptor,
        r#"intendedAudience:
  countries:
    - XX
"#,
        r#"intendedAudience:
  countries:
    - GB
"#;
    LOWERCASE_COUNTRY = "PC309", "lowercase-country", Warning, V0_5, Stable,
        "Lowercase country codes are deprecated.",
        "Since 0.5 country codes are uppercase. `--fix` uppercases them.",
        K::Descriptor,
        r#"intendedAudience:
  countries:
    - it
"#,
        r#"intendedAudience:
  countries:
    - IT
"#;
    INVALID_LICENSE = "PC310", "invalid-license", Error, V0_2, Stable,
        "legal.license is not a valid SPDX expression.",
        "Write an SPDX licence expression (https://spdx.org/licenses), e.g. `AGPL-3.0-or-later` or \
`EUPL-1.2 OR MIT`. Deprecated ids such as `GPL-3.0` must say `-only` or `-or-later`.",
        K::Descriptor,
        r#"legal:
  license: Apache 2
"#,
        r#"legal:
  license: Apache-2.0
"#;
    INVALID_EMAIL = "PC311", "invalid-email", Error, V0_2, Stable,
        "Not a valid e-mail address.",
        "The address must follow RFC 5322, e.g. `name@example.org`.",
        K::Descriptor,
        r#"maintenance:
  contacts:
    - name: Ada Lovelace
      email: ada(at)example.org
"#,
        r#"maintenance:
  contacts:
    - name: Ada Lovelace
      email: ada@example.org
"#;
    INVALID_URL = "PC312", "invalid-url", Error, V0_2, Stable,
        "Not a valid URL.",
        "url and isBasedOn take an absolute URL with a scheme, e.g. `https://github.com/org/repo`.",
        K::Descriptor,
        r#"url: github.com/italia/medusa
"#,
        r#"url: https://github.com/italia/medusa
"#;
    INVALID_HTTP_URL = "PC313", "invalid-http-url", Error, V0_2, Stable,
        "Not an http(s) URL.",
        "landingURL, roadmap, documentation, apiDocumentation, videos and contractor websites \
take an absolute `http` or `https` URL.",
        K::Descriptor,
        r#"landingURL: ftp://example.org/medusa
"#,
        r#"landingURL: https://example.org/medusa
"#;
    INVALID_URI = "PC314", "invalid-uri", Error, V0_5, Stable,
        "Not a valid organisation URI.",
        "organisation.uri and fundedBy[].uri take a URI: a URL with a host \
(`https://example.org/my-organisation`) or a URN (`urn:x-italian-pa:<iPA code>`).",
        K::Descriptor,
        r#"organisation:
  uri: example.org
"#,
        r#"organisation:
  uri: https://example.org/my-organisation
"#;
    INVALID_SUPPORTS_ID = "PC315", "invalid-supports-id", Error, V0_7, Stable,
        "Not a known alias or a valid URI.",
        "supports[].id is `alias:<name>` with a name from the aliases list (gdpr, eidas, nis2, \
cra, spid, cie, anpr, pagopa, io), or the URI of a standard, regulation or system.",
        K::Descriptor,
        r#"supports:
  - id: alias:gpdr
"#,
        r#"supports:
  - id: alias:gdpr
"#;
    INVALID_MIME = "PC317", "invalid-mime", Error, V0_2, Stable,
        "Not a valid MIME type.",
        "MIME types are `type/subtype` (RFC 6838). inputTypes and outputTypes are deprecated anyway.",
        K::Descriptor,
        r#"inputTypes:
  - plain text
"#,
        r#"inputTypes:
  - text/plain
"#;
    INVALID_IPA = "PC318", "invalid-ipa-code", Error, V0_2, Stable,
        "Not a well-formed Italian iPA code.",
        "iPA codes are short codes of letters, digits, `_`, `-` and `.` such as `c_h501` or `pcm`. \
A well-formed code must also be in the list of Italian public administrations (PC321).",
        K::Descriptor,
        r#"organisation:
  uri: "urn:x-italian-pa:"
"#,
        r#"organisation:
  uri: "urn:x-italian-pa:c_h501"
"#;
    INVALID_VIDEO = "PC319", "invalid-video", Error, V0_2, Stable,
        "The video URL is not on a known oEmbed provider.",
        "Videos must be embeddable through oEmbed (YouTube, Vimeo …). The URL is matched offline \
against the URL schemes of the oembed.com provider list, as the reference validator does.",
        K::Descriptor,
        r#"description:
  en:
    videos:
      - https://example.org/video.mp4
"#,
        r#"description:
  en:
    videos:
      - https://www.youtube.com/watch?v=RaHmGbBOP84
"#;
    PHONE_NOT_STRING = "PC320", "phone-not-string", Warning, V0_2, Stable,
        "The telephone number is not a string.",
        "The standard says phone \"has to be a string\" (0.2.1). Unquoted, `+39 06 1234` may be read \
as a number by YAML tools and lose its leading `+` or zeros. Quote it.",
        K::Descriptor,
        r#"maintenance:
  contacts:
    - name: Ada Lovelace
      phone: 390612345678
"#,
        r#"maintenance:
  contacts:
    - name: Ada Lovelace
      phone: "+39 06 1234 5678"
"#;
    UNKNOWN_IPA = "PC321", "unknown-ipa-code", Error, V0_2, Stable,
        "The iPA code is not in the list of Italian public administrations.",
        "`urn:x-italian-pa:<code>` (organisation.uri, fundedBy[].uri) and IT.riuso.codiceIPA must name an \
administration of the Indice dei domicili digitali della PA (IndicePA), compared case-insensitively, as the \
Developers Italia validator does. The list of 23,735 codes ships with this tool (IndicePA open data, CC BY 4.0, \
the snapshot of italia/publiccode-parser-go); a near miss gets a did-you-mean. A newer list (one code a \
line, or the IndicePA \"Enti\" CSV) replaces it: `--ipa-codes FILE` on the command line.",
        K::Descriptor,
        r#"organisation:
  uri: "urn:x-italian-pa:c_h50l"
"#,
        r#"organisation:
  uri: "urn:x-italian-pa:c_h501"
"#;
    URL_WHITESPACE = "PC322", "url-whitespace", Error, V0_2, Stable,
        "A URL, URI or path has whitespace around it.",
        "The reference validator parses URLs with Go's net/url, which does not trim: ` https://example.org` \
or `\"https://example.org \"` is refused (and a browser-style parser would silently repair it). Applies to \
url, landingURL, isBasedOn, roadmap, logo, monochromeLogo, documentation, apiDocumentation, videos, \
screenshots, authorsFile, organisation.uri, fundedBy[].uri, contractors' websites and supports[].id. The fix \
(safe) removes the whitespace from a quoted value.",
        K::Descriptor,
        r#"url: " https://github.com/italia/medusa"
"#,
        r#"url: "https://github.com/italia/medusa"
"#;
    SPDX_OPERATOR_CASE = "PC323", "spdx-operator-case", Error, V0_2, Stable,
        "An SPDX operator is not written in capitals.",
        "SPDX license expressions are case-sensitive for their operators (SPDX 2.3, Annex D.2): `AND`, `OR` \
and `WITH`. `MIT or Apache-2.0` is not a valid expression; tools that read it strictly see a licence named \
`or`. The fix (safe) writes the operator in capitals.",
        K::Descriptor,
        r#"legal:
  license: MIT or Apache-2.0
"#,
        r#"legal:
  license: MIT OR Apache-2.0
"#;
    CONTRACTORS_REQUIRED = "PC401", "contractors-required", Error, V0_2, Stable,
        "maintenance.contractors is required when type is contract.",
        "Name at least one contractor with the date the contract ends.",
        K::Descriptor,
        r#"maintenance:
  type: contract
"#,
        r#"maintenance:
  type: contract
  contractors:
    - name: ACME S.p.A.
      until: "2030-12-31"
"#;
    CONTRACTORS_FORBIDDEN = "PC402", "contractors-forbidden", Error, V0_5, Stable,
        "maintenance.contractors is present but type is not contract.",
        "Since 0.5 the standard says contractors must not be present unless maintenance.type is \
`contract`. Change the type or remove the contractors.",
        K::Descriptor,
        r#"maintenance:
  type: community
  contacts:
    - name: Ada Lovelace
  contractors:
    - name: ACME S.p.A.
      until: "2030-12-31"
"#,
        r#"maintenance:
  type: community
  contacts:
    - name: Ada Lovelace
"#;
    CONTACTS_REQUIRED = "PC403", "contacts-required", Error, V0_2, Stable,
        "maintenance.contacts is required for internal or community maintenance.",
        "Give at least one contact with a name (and ideally an e-mail address).",
        K::Descriptor,
        r#"maintenance:
  type: internal
"#,
        r#"maintenance:
  type: internal
  contacts:
    - name: Ada Lovelace
"#;
    DUPLICATE_IT_SECTION = "PC404", "duplicate-it-section", Error, V0_5, Stable,
        "Both `it` and `IT` are present.",
        "`it` is the old spelling of `IT`. Keep one section, `IT`.",
        K::Descriptor,
        r#"it:
  countryExtensionVersion: "1.0"
IT:
  countryExtensionVersion: "1.0"
"#,
        r#"IT:
  countryExtensionVersion: "1.0"
"#;
    ONE_LANGUAGE_REQUIRED = "PC405", "required-in-one-language", Error, V0_2, Stable,
        "No language has this key.",
        "longDescription and features are mandatory for at least one language of description.",
        K::Descriptor,
        r#"description:
  en:
    shortDescription: Checks publiccode.yml files.
  it:
    shortDescription: Controlla i file publiccode.yml.
"#,
        r#"description:
  en:
    shortDescription: Checks publiccode.yml files.
  it:
    longDescription: >-
      Controlla i file publiccode.yml rispetto a ogni regola dello standard,
      segnala ogni problema con riga e colonna e spiega come correggerlo, in
      modo che i cataloghi possano elencare il software.
    features:
      - Controllo di ogni regola
"#;
    DEPRECATED_KEY = "PC501", "deprecated-key", Warning, V0_3, Stable,
        "The key is deprecated.",
        "The key still validates but will be removed in 1.0. The message says what replaces it; \
`publiccode upgrade` does the move.",
        K::Descriptor,
        r#"legal:
  repoOwner: City of Rome
"#,
        r#"organisation:
  name: City of Rome
"#;
    LOWERCASE_IT = "PC502", "lowercase-it-section", Warning, V0_5, Stable,
        "The lowercase `it` section is deprecated.",
        "Since 0.5 country sections are uppercase: write `IT:`.",
        K::Descriptor,
        r#"it:
  countryExtensionVersion: "1.0"
"#,
        r#"IT:
  countryExtensionVersion: "1.0"
"#;
    IT_EXTENSION_VERSION = "PC503", "it-extension-version", Warning, V0_3, Stable,
        "IT.countryExtensionVersion should be \"1.0\".",
        "Since 0.3 the Italian extension version MUST be \"1.0\".",
        K::Descriptor,
        r#"IT:
  countryExtensionVersion: "0.2"
"#,
        r#"IT:
  countryExtensionVersion: "1.0"
"#;
    PATH_FORM = "PC601", "path-form", Error, V0_2, Stable,
        "An absolute path or file:// URL where a relative path or http(s) URL is needed.",
        "logo, monochromeLogo, screenshots and legal.authorsFile point into the repository \
(relative path) or to an http(s) URL.",
        K::Descriptor,
        r#"logo: /srv/www/medusa/logo.svg
"#,
        r#"logo: https://example.org/medusa/logo.svg
"#;
    BAD_EXTENSION = "PC602", "bad-extension", Error, V0_2, Stable,
        "The file extension is not allowed.",
        "Logos are .svg, .svgz or .png; screenshots .png, .jpg or .jpeg.",
        K::Described { covered_by: "testdata/rules/local-files.yml" },
        r#"logo: img/logo.gif  # a file in the repository
"#,
        r#"logo: img/logo.svg  # a file in the repository
"#;
    FILE_MISSING = "PC603", "file-missing", Error, V0_2, Stable,
        "The referenced file does not exist.",
        "Relative paths are resolved from the folder of the publiccode.yml file (or --base-dir). \
Turn local checks off with --no-local-checks.",
        K::Described { covered_by: "testdata/rules/local-files.yml" },
        r#"logo: img/logo.svg  # no such file in the repository
"#,
        r#"logo: img/logo.svg  # the file is in the repository
"#;
    NOT_AN_IMAGE = "PC604", "not-an-image", Error, V0_2, Stable,
        "The file is not the image its extension says.",
        "The file's content does not decode as PNG, JPEG or SVG.",
        K::Described { covered_by: "testdata/rules/not-an-image.yml" },
        r#"logo: img/logo.png  # the file holds HTML, not a PNG
"#,
        r#"logo: img/logo.png  # a real PNG image
"#;
}

/// The rule with this code or name.
pub fn lookup(code_or_name: &str) -> Option<&'static RuleInfo> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_unique_and_documented() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.starts_with("PC") && r.code.len() == 5, "{}", r.code);
            assert!(
                !r.summary.is_empty() && r.explanation.len() > 20,
                "{}",
                r.code
            );
            // The examples themselves are run by publiccode-cli's `registry` test.
            let ex = r.examples;
            assert!(
                !ex.failing.trim().is_empty() && !ex.passing.trim().is_empty(),
                "{} has no examples",
                r.code
            );
            if let ExampleKind::Described { covered_by } = ex.kind {
                assert!(!covered_by.is_empty(), "{} names no test", r.code);
            }
        }
    }

    #[test]
    fn since_and_status_read_well() {
        let pc309 = lookup("PC309").map(|r| r.since.to_string());
        assert_eq!(
            pc309.as_deref(),
            Some("publiccode.yml 0.5 (the standard); publiccode 0.1.0 (this tool)")
        );
        let pc002 = lookup("yaml-syntax").map(|r| (r.since.standard, r.status.as_str()));
        assert_eq!(pc002, Some((None, "stable")));
        assert_eq!(ToolVersion::new(1, 12, 3).to_string(), "1.12.3");
    }
}
