//! What a `--profile` asks of the scaffold, read from the shipped profiles themselves
//! (`publiccode_check::builtin`), so that `init --profile X` and `validate --profile X`
//! cannot disagree: the description languages a profile's `languages` rules name (and how
//! many it wants), whether its `organisation-uri` rule requires a value, and the keys its
//! `required-keys` rules need at error or warning level. Everything else a profile checks
//! (licence lists, URL hosts, value patterns, repository files) is checked on the rendered
//! file by [`crate::complete::profile_findings`], with the profile's own rules.

use publiccode::Severity;
use publiccode_check::{Check, builtin};

/// How a profile constrains `organisation.uri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgUri {
    /// Glob patterns of which one must match (empty: any URI).
    pub patterns: Vec<String>,
    /// Whether the value is an Italian iPA URN (`urn:x-italian-pa:<code>`).
    pub ipa: bool,
}

impl OrgUri {
    /// An example value for messages and flag hints.
    pub fn hint(&self) -> String {
        if self.ipa {
            return "urn:x-italian-pa:<iPA code>".into();
        }
        match self.patterns.first() {
            Some(p) => p.replace('*', "…"),
            None => "URI".into(),
        }
    }
}

/// The scaffold's view of one profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The id given to `--profile`.
    pub id: String,
    /// The profile's name, for messages.
    pub title: String,
    /// Languages that must each have a complete description.
    pub languages: Vec<String>,
    /// Minimum number of description languages.
    pub min_languages: usize,
    /// `organisation.uri` requirement, when the profile requires one.
    pub organisation_uri: Option<OrgUri>,
    /// Keys the profile requires (error or warning level) that the scaffold can fill.
    pub required_keys: Vec<String>,
    /// The profile itself, for the final check.
    pub rules: publiccode_check::Profile,
}

/// Keys a `required-keys` rule may name that the scaffold has a value for.
pub const FILLABLE_KEYS: &[&str] = &[
    "landingURL",
    "logo",
    "softwareVersion",
    "releaseDate",
    "categories",
    "organisation.name",
    "organisation.uri",
    "intendedAudience.countries",
    "intendedAudience.scope",
    "legal.mainCopyrightOwner",
];

/// Reads what the scaffold must ask for from a profile's rules.
pub fn from_rules(p: &publiccode_check::Profile) -> Profile {
    let mut out = Profile {
        id: p.id.clone(),
        title: p.name.clone(),
        languages: Vec::new(),
        min_languages: 0,
        organisation_uri: None,
        required_keys: Vec::new(),
        rules: p.clone(),
    };
    for rule in &p.rules {
        let blocking = rule.severity >= Severity::Warning;
        match &rule.check {
            // Description languages are what a catalogue shows: even a note asks for them.
            Check::Languages { required, min } => {
                for l in required {
                    if !out.languages.contains(l) {
                        out.languages.push(l.clone());
                    }
                }
                if blocking {
                    out.min_languages = out.min_languages.max(*min);
                }
            }
            Check::OrganisationUri {
                patterns,
                ipa,
                required,
                ..
            } if *required => {
                out.organisation_uri = Some(OrgUri {
                    patterns: patterns.clone(),
                    ipa: *ipa || patterns.iter().any(|p| p.starts_with("urn:x-italian-pa:")),
                });
            }
            Check::RequiredKeys(keys) if blocking => {
                for k in keys {
                    if FILLABLE_KEYS.contains(&k.as_str()) && !out.required_keys.contains(k) {
                        out.required_keys.push(k.clone());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The shipped profile called `id`.
pub fn find(id: &str) -> Option<Profile> {
    builtin::all()
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(id))
        .map(from_rules)
}

/// The ids of every shipped profile, for error messages.
pub fn ids() -> Vec<String> {
    builtin::all().iter().map(|p| p.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_profile_is_read() {
        assert!(!ids().is_empty());
        for id in ids() {
            assert!(find(&id).is_some(), "{id}");
        }
        let it = find("it").expect("it is shipped");
        assert_eq!(it.languages, vec!["it".to_string()]);
        assert!(it.organisation_uri.as_ref().is_some_and(|o| o.ipa));
        let ca = find("ca").expect("ca is shipped");
        assert_eq!(ca.languages, vec!["en".to_string(), "fr".to_string()]);
        let de = find("de-opencode").expect("de-opencode is shipped");
        assert_eq!(de.min_languages, 2);
    }
}
