//! `publiccodeYmlVersion`: which values exist and what each means.

/// The latest release of the standard.
pub const LATEST: &str = "0.7.0";

/// The value the standard now recommends writing (major version only).
pub const RECOMMENDED: &str = "0";

/// A release of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Version {
    /// 0.2 (2019), with 0.2.1 and 0.2.2.
    V0_2,
    /// 0.3 (2022).
    V0_3,
    /// 0.4 (2024).
    V0_4,
    /// 0.5 (2025).
    V0_5,
    /// 0.6 (no change to the standard).
    V0_6,
    /// 0.7 (2026), the latest.
    V0_7,
}

impl Version {
    /// Every release, oldest first.
    pub const ALL: [Version; 6] = [
        Version::V0_2,
        Version::V0_3,
        Version::V0_4,
        Version::V0_5,
        Version::V0_6,
        Version::V0_7,
    ];

    /// The latest release ([`LATEST`] as a value).
    pub const LATEST: Version = Version::V0_7;

    /// Reads a `publiccodeYmlVersion` spelling of a known release: `"0.4"`, `"0.4.0"`,
    /// `"0.2.1"` …, and `"0"` (which the standard defines as the latest release).
    /// `None` for `0.1`, future and malformed versions; [`classify_version`] tells
    /// those apart.
    pub fn parse(v: &str) -> Option<Version> {
        match v {
            "0" | "0.7" | "0.7.0" => Some(Version::V0_7),
            "0.2" | "0.2.0" | "0.2.1" | "0.2.2" => Some(Version::V0_2),
            "0.3" | "0.3.0" => Some(Version::V0_3),
            "0.4" | "0.4.0" => Some(Version::V0_4),
            "0.5" | "0.5.0" => Some(Version::V0_5),
            "0.6" | "0.6.0" => Some(Version::V0_6),
            _ => None,
        }
    }

    /// `"0.2"` …
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V0_2 => "0.2",
            Version::V0_3 => "0.3",
            Version::V0_4 => "0.4",
            Version::V0_5 => "0.5",
            Version::V0_6 => "0.6",
            Version::V0_7 => "0.7",
        }
    }

    /// What moving from this version to the latest changes (standard.md §6), one item
    /// each: the [`MIGRATIONS`] of every later release.
    pub fn upgrade_changes(self) -> Vec<&'static str> {
        MIGRATIONS
            .iter()
            .filter(|m| m.since > self)
            .map(|m| m.what)
            .collect()
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no known release of the standard (see [`Version::parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVersion(pub String);

impl std::fmt::Display for UnknownVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown version {:?} of the standard", self.0)
    }
}

impl std::error::Error for UnknownVersion {}

impl std::str::FromStr for Version {
    type Err = UnknownVersion;

    fn from_str(s: &str) -> Result<Version, UnknownVersion> {
        Version::parse(s).ok_or_else(|| UnknownVersion(s.to_string()))
    }
}

/// One step of `publiccode upgrade`, implemented by the upgrade (publiccode-convert).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
// Not `#[non_exhaustive]` on purpose: every step must be implemented by the upgrade in
// publiccode-convert, and a new one should stop that crate compiling until it is.
pub enum Step {
    /// Apply the validator's safe fixes of these rule codes.
    Fixes(&'static [&'static str]),
    /// Drop (or rename) the keys deprecated in 0.3.
    DropDeprecated03,
    /// Drop `legal.authorsFile`.
    DropAuthorsFile,
    /// `IT.riuso.codiceIPA` and `legal.repoOwner` into `organisation`.
    Organisation,
    /// `IT.piattaforme` and `IT.conforme.gdpr` into `supports` aliases.
    Supports,
    /// Remove the `IT` section once its content has moved.
    DropItSection,
    /// Report contractors on a maintenance type that is not `contract`.
    ContractorsNote,
    /// Write `publiccodeYmlVersion: "0"`.
    Version,
}

/// One change between releases, with the step that applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    /// The release that made the change; [`Version::V0_2`] for repairs that are not a
    /// change of the standard (they are applied, but not listed as changes).
    pub since: Version,
    /// The change in words, as the PC105 help and the docs list it.
    pub what: &'static str,
    /// How the upgrade applies it. Steps run in table order, each once.
    pub step: Step,
}

/// The one migration table: what each release changed and how `upgrade` applies it.
/// [`Version::upgrade_changes`] and the upgrade itself both read it.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        since: Version::V0_3,
        what: "YAML 1.1 booleans (yes/no/on/off) become true/false",
        step: Step::Fixes(&[crate::rules::code::YAML11_BOOLEAN]),
    },
    Migration {
        since: Version::V0_5,
        what: "country codes are uppercase (it: becomes IT:)",
        step: Step::Fixes(&[
            crate::rules::code::LOWERCASE_COUNTRY,
            crate::rules::code::LOWERCASE_IT,
        ]),
    },
    Migration {
        since: Version::V0_2,
        what: "publiccodeYmlVersion and phone numbers are quoted strings",
        step: Step::Fixes(&[
            crate::rules::code::VERSION_NOT_STRING,
            crate::rules::code::PHONE_NOT_STRING,
        ]),
    },
    Migration {
        since: Version::V0_3,
        what: "monochromeLogo, inputTypes, outputTypes and genericName are deprecated",
        step: Step::DropDeprecated03,
    },
    Migration {
        since: Version::V0_4,
        what: "legal.authorsFile is deprecated",
        step: Step::DropAuthorsFile,
    },
    Migration {
        since: Version::V0_5,
        what: "IT.riuso.codiceIPA becomes organisation.uri: urn:x-italian-pa:<code>",
        step: Step::Organisation,
    },
    Migration {
        since: Version::V0_5,
        what: "legal.repoOwner becomes organisation.name",
        step: Step::Organisation,
    },
    Migration {
        since: Version::V0_5,
        what: "IT.conforme is deprecated",
        step: Step::Supports,
    },
    Migration {
        since: Version::V0_7,
        what: "IT.piattaforme and IT.conforme.gdpr become supports aliases",
        step: Step::Supports,
    },
    Migration {
        since: Version::V0_7,
        what: "the IT section is deprecated",
        step: Step::DropItSection,
    },
    Migration {
        since: Version::V0_2,
        what: "maintenance.contractors only with maintenance type contract",
        step: Step::ContractorsNote,
    },
    Migration {
        since: Version::V0_7,
        what: "publiccodeYmlVersion is written \"0\"",
        step: Step::Version,
    },
];

/// Every accepted spelling of `publiccodeYmlVersion`.
pub const SUPPORTED: &[&str] = &[
    "0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.6",
    "0.6.0", "0.7", "0.7.0",
];

/// What a `publiccodeYmlVersion` string means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum VersionStatus {
    /// `"0"`, `"0.7"`, `"0.7.0"`: current.
    Latest,
    /// An accepted older release.
    Old(Version),
    /// `0.1` (2019), whose keys differ completely.
    V0_1,
    /// Later than anything this tool knows (`0.8`, `1`, `1.0` …).
    Future,
    /// Not a version at all.
    Unknown,
}

/// Classifies a version string.
pub fn classify_version(v: &str) -> VersionStatus {
    match (Version::parse(v), v) {
        (Some(Version::LATEST), _) => VersionStatus::Latest,
        (Some(old), _) => VersionStatus::Old(old),
        (None, "0.1" | "0.1.0") => VersionStatus::V0_1,
        (None, _) => {
            let mut parts = v.split('.');
            let nums: Option<Vec<u64>> = parts.by_ref().map(|p| p.parse().ok()).collect();
            match nums.as_deref() {
                Some([major, ..]) if *major >= 1 => VersionStatus::Future,
                Some([0, minor, ..]) if *minor > 7 => VersionStatus::Future,
                Some([0, 7, _]) => VersionStatus::Future,
                _ => VersionStatus::Unknown,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify() {
        for v in SUPPORTED {
            assert!(matches!(
                classify_version(v),
                VersionStatus::Latest | VersionStatus::Old(_)
            ));
        }
        assert_eq!(classify_version("1"), VersionStatus::Future);
        assert_eq!(classify_version("0.8"), VersionStatus::Future);
        assert_eq!(classify_version("0.1"), VersionStatus::V0_1);
        assert_eq!(classify_version("abc"), VersionStatus::Unknown);
    }

    #[test]
    fn parse_and_display_round_trip() {
        for v in Version::ALL {
            assert_eq!(v.to_string().parse::<Version>(), Ok(v));
            assert_eq!(Version::parse(&format!("{v}.0")), Some(v));
        }
        assert_eq!(Version::parse("0"), Some(Version::LATEST));
        assert_eq!(Version::parse("0.2.2"), Some(Version::V0_2));
        assert_eq!(LATEST.parse::<Version>(), Ok(Version::LATEST));
        for bad in ["", "0.1", "0.8", "1", "0.2.9", "v0.4", "0.4 "] {
            assert_eq!(Version::parse(bad), None, "{bad:?}");
            assert!(bad.parse::<Version>().is_err());
        }
        // Every accepted spelling names a release, and the order is the release order.
        assert!(SUPPORTED.iter().all(|s| Version::parse(s).is_some()));
        assert!(Version::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn changes_come_from_the_table() {
        let from_02 = Version::V0_2.upgrade_changes();
        assert!(from_02.contains(&"YAML 1.1 booleans (yes/no/on/off) become true/false"));
        // Repairs that are not changes of the standard are not listed.
        assert!(!from_02.iter().any(|c| c.contains("phone")));
        assert_eq!(
            Version::V0_6.upgrade_changes(),
            MIGRATIONS
                .iter()
                .filter(|m| m.since == Version::V0_7)
                .map(|m| m.what)
                .collect::<Vec<_>>()
        );
    }
}
