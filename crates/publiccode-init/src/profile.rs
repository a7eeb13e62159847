//! What each `--profile` adds to the scaffold. The country profiles proper (their checks)
//! live in `publiccode-check`; this small table only says which values the scaffold must
//! ask for so that a file written for a profile is complete for it.

/// How a profile constrains `organisation.uri`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgUri {
    /// Not required by the profile.
    Optional,
    /// Required, in any form the standard accepts (URL or URN).
    Required,
    /// Required as `urn:x-italian-pa:<iPA code>`.
    ItalianPa,
}

/// One scaffold profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// The id given to `--profile`.
    pub id: &'static str,
    /// Who the profile is for, in a few words.
    pub title: &'static str,
    /// Languages that must each have a complete description.
    pub languages: &'static [&'static str],
    /// What the profile requires of `organisation.uri`.
    pub organisation_uri: OrgUri,
    /// Countries written to `intendedAudience.countries` when none are given.
    pub countries: &'static [&'static str],
}

/// Every profile the scaffold knows.
pub const PROFILES: &[Profile] = &[
    Profile {
        id: "it",
        title: "Italy (Developers Italia catalogue)",
        languages: &["it"],
        organisation_uri: OrgUri::ItalianPa,
        countries: &["IT"],
    },
    Profile {
        id: "ca",
        title: "Canada (bilingual English and French)",
        languages: &["en", "fr"],
        organisation_uri: OrgUri::Optional,
        countries: &["CA"],
    },
    Profile {
        id: "fr",
        title: "France (code.gouv.fr)",
        languages: &["fr"],
        organisation_uri: OrgUri::Optional,
        countries: &["FR"],
    },
    Profile {
        id: "de-opencode",
        title: "Germany (openCode)",
        languages: &["de"],
        organisation_uri: OrgUri::Optional,
        countries: &["DE"],
    },
    Profile {
        id: "eu",
        title: "European Union (English description, publishing organisation)",
        languages: &["en"],
        organisation_uri: OrgUri::Required,
        countries: &[],
    },
];

/// The profile called `id`.
pub fn find(id: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.id.eq_ignore_ascii_case(id))
}

/// The ids of every profile, for error messages.
pub fn ids() -> Vec<&'static str> {
    PROFILES.iter().map(|p| p.id).collect()
}
