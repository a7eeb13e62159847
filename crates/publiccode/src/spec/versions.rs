//! `publiccodeYmlVersion`: which values exist and what each means.

/// The latest release of the standard.
pub const LATEST: &str = "0.7.0";

/// The value the standard now recommends writing (major version only).
pub const RECOMMENDED: &str = "0";

/// A release of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    /// What moving from this version to the latest changes (standard.md §6), one item each.
    pub fn upgrade_changes(self) -> Vec<&'static str> {
        CHANGES
            .iter()
            .filter(|(v, _)| *v > self)
            .map(|(_, c)| *c)
            .collect()
    }
}

/// The changes of each release that an upgrade applies: (release, change).
const CHANGES: &[(Version, &str)] = &[
    (
        Version::V0_3,
        "YAML 1.1 booleans (yes/no/on/off) become true/false",
    ),
    (
        Version::V0_3,
        "monochromeLogo, inputTypes, outputTypes and genericName are deprecated",
    ),
    (Version::V0_4, "legal.authorsFile is deprecated"),
    (
        Version::V0_5,
        "country codes are uppercase (it: becomes IT:)",
    ),
    (
        Version::V0_5,
        "IT.riuso.codiceIPA becomes organisation.uri: urn:x-italian-pa:<code>",
    ),
    (Version::V0_5, "legal.repoOwner becomes organisation.name"),
    (Version::V0_5, "IT.conforme is deprecated"),
    (
        Version::V0_7,
        "IT.piattaforme and IT.conforme.gdpr become supports aliases",
    ),
    (Version::V0_7, "the IT section is deprecated"),
    (Version::V0_7, "publiccodeYmlVersion is written \"0\""),
];

/// Every accepted spelling of `publiccodeYmlVersion`.
pub const SUPPORTED: &[&str] = &[
    "0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.6",
    "0.6.0", "0.7", "0.7.0",
];

/// What a `publiccodeYmlVersion` string means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    match v {
        "0" | "0.7" | "0.7.0" => VersionStatus::Latest,
        "0.2" | "0.2.0" | "0.2.1" | "0.2.2" => VersionStatus::Old(Version::V0_2),
        "0.3" | "0.3.0" => VersionStatus::Old(Version::V0_3),
        "0.4" | "0.4.0" => VersionStatus::Old(Version::V0_4),
        "0.5" | "0.5.0" => VersionStatus::Old(Version::V0_5),
        "0.6" | "0.6.0" => VersionStatus::Old(Version::V0_6),
        "0.1" | "0.1.0" => VersionStatus::V0_1,
        _ => {
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
}
