//! Completeness: which required values are still missing from the answers (for the
//! non-interactive mode's error and the wizard's questions), what a profile adds, and the
//! final check of the rendered text with the same rules as `publiccode validate`.

use publiccode::checks::{text, url};
use publiccode::spec::keys;

use crate::answers::Answers;
use crate::profile::Profile;

/// A required value the answers do not have yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// `name`.
    Name,
    /// `url`.
    Url,
    /// `platforms`.
    Platforms,
    /// `developmentStatus`.
    DevelopmentStatus,
    /// `softwareType`.
    SoftwareType,
    /// No description language at all.
    Language,
    /// Fewer description languages than a profile asks for (the number it asks for).
    Languages(usize),
    /// `description.<lang>.shortDescription`.
    ShortDescription(String),
    /// `description.<lang>.longDescription`.
    LongDescription(String),
    /// `description.<lang>.features`.
    Features(String),
    /// `legal.license`.
    License,
    /// `maintenance.type`.
    MaintenanceType,
    /// `maintenance.contacts` (type internal or community).
    Contacts,
    /// `maintenance.contractors` (type contract).
    Contractors,
    /// `organisation.uri`, with an example of the form required (`URI`, or a profile's
    /// form such as `urn:x-italian-pa:<iPA code>`).
    OrganisationUri(String),
    /// Another key a profile requires (`landingURL` …).
    Key(String),
}

impl Missing {
    /// The key path in the file.
    pub fn key(&self) -> String {
        match self {
            Missing::Name => "name".into(),
            Missing::Url => "url".into(),
            Missing::Platforms => "platforms".into(),
            Missing::DevelopmentStatus => "developmentStatus".into(),
            Missing::SoftwareType => "softwareType".into(),
            Missing::Language | Missing::Languages(_) => "description".into(),
            Missing::ShortDescription(l) => format!("description.{l}.shortDescription"),
            Missing::LongDescription(l) => format!("description.{l}.longDescription"),
            Missing::Features(l) => format!("description.{l}.features"),
            Missing::License => "legal.license".into(),
            Missing::MaintenanceType => "maintenance.type".into(),
            Missing::Contacts => "maintenance.contacts".into(),
            Missing::Contractors => "maintenance.contractors".into(),
            Missing::OrganisationUri(_) => "organisation.uri".into(),
            Missing::Key(k) => k.clone(),
        }
    }
}

/// Adds to `answers` what `profile` implies: a description section for each of its
/// languages.
pub fn apply_profile(answers: &mut Answers, profile: &Profile) {
    for lang in &profile.languages {
        answers.description_mut(lang);
    }
}

/// Whether an optional text answer is unset or blank.
fn empty(v: &Option<String>) -> bool {
    v.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// The keys a profile requires beyond the standard.
fn profile_keys(answers: &Answers, p: &Profile, out: &mut Vec<Missing>) {
    for k in &p.required_keys {
        let have = match k.as_str() {
            "landingURL" => !empty(&answers.landing_url),
            "logo" => !empty(&answers.logo),
            "softwareVersion" => !empty(&answers.software_version),
            "releaseDate" => !empty(&answers.release_date),
            "categories" => !answers.categories.is_empty(),
            "organisation.name" => !empty(&answers.organisation_name),
            "organisation.uri" => true, // below
            "intendedAudience.countries" => !answers.countries.is_empty(),
            "intendedAudience.scope" => !answers.scope.is_empty(),
            "legal.mainCopyrightOwner" => !empty(&answers.main_copyright_owner),
            _ => true,
        };
        if !have {
            out.push(Missing::Key(k.clone()));
        }
    }
}

/// `organisation.uri`: required by a profile (in its form, e.g. an iPA URN), or as soon
/// as an organisation is named.
fn organisation_uri(answers: &Answers, profile: Option<&Profile>, out: &mut Vec<Missing>) {
    let org = profile.and_then(|p| {
        p.organisation_uri.clone().or_else(|| {
            p.required_keys
                .iter()
                .any(|k| k == "organisation.uri")
                .then(|| crate::profile::OrgUri {
                    patterns: Vec::new(),
                    ipa: false,
                })
        })
    });
    if let Some(o) = &org {
        let ok = match &answers.organisation_uri {
            Some(u) if o.ipa => url::italian_pa_code(u).is_some(),
            Some(u) => !u.trim().is_empty(),
            None => false,
        };
        if !ok {
            out.push(Missing::OrganisationUri(o.hint()));
        }
    }
    // `organisation` needs a `uri` as soon as it is written at all.
    if answers.organisation_name.is_some()
        && empty(&answers.organisation_uri)
        && !out.iter().any(|m| matches!(m, Missing::OrganisationUri(_)))
    {
        out.push(Missing::OrganisationUri("URI".into()));
    }
}

/// The required values still missing, in the standard's key order.
pub fn missing(answers: &Answers, profile: Option<&Profile>) -> Vec<Missing> {
    let mut out = Vec::new();
    if empty(&answers.name) {
        out.push(Missing::Name);
    }
    if empty(&answers.url) {
        out.push(Missing::Url);
    }
    if let Some(p) = profile {
        profile_keys(answers, p, &mut out);
    }
    if answers.platforms.is_empty() {
        out.push(Missing::Platforms);
    }
    if empty(&answers.development_status) {
        out.push(Missing::DevelopmentStatus);
    }
    if empty(&answers.software_type) {
        out.push(Missing::SoftwareType);
    }
    organisation_uri(answers, profile, &mut out);
    if let Some(p) = profile
        && !answers.descriptions.is_empty()
        && answers.descriptions.len() < p.min_languages
    {
        out.push(Missing::Languages(p.min_languages));
    }
    if answers.descriptions.is_empty() {
        out.push(Missing::Language);
    }
    for d in &answers.descriptions {
        if empty(&d.short) {
            out.push(Missing::ShortDescription(d.lang.clone()));
        }
        if empty(&d.long) {
            out.push(Missing::LongDescription(d.lang.clone()));
        }
        if d.features.is_empty() {
            out.push(Missing::Features(d.lang.clone()));
        }
    }
    if empty(&answers.license) {
        out.push(Missing::License);
    }
    match answers.maintenance_type.as_deref() {
        None => out.push(Missing::MaintenanceType),
        Some("internal" | "community") if answers.contacts.is_empty() => {
            out.push(Missing::Contacts)
        }
        Some("contract") if answers.contractors.is_empty() => out.push(Missing::Contractors),
        _ => {}
    }
    out
}

/// Values that are not missing yet but will be once a missing value is given, with the
/// condition in words: contacts or contractors depend on the maintenance type. The
/// non-interactive mode lists them with [`missing`] so that one run names every flag.
pub fn conditional(answers: &Answers) -> Vec<(Missing, &'static str)> {
    let mut out = Vec::new();
    if answers.maintenance_type.is_none() {
        if answers.contacts.is_empty() {
            out.push((Missing::Contacts, "for maintenance internal or community"));
        }
        if answers.contractors.is_empty() {
            out.push((Missing::Contractors, "for maintenance contract"));
        }
    }
    out
}

/// The grapheme bounds of `field` in the DESCRIPTION table (`shortDescription` …).
pub fn description_bounds(field: &str) -> (usize, usize) {
    keys::find_field(keys::DESCRIPTION, field)
        .and_then(|f| f.len)
        .unwrap_or((0, usize::MAX))
}

/// Checks one description text against its length bounds; the message says why not.
pub fn check_description_text(field: &str, value: &str) -> Result<(), String> {
    let (min, max) = description_bounds(field);
    let n = text::grapheme_len(value.trim());
    if n == 0 {
        return Err(format!("{field} cannot be empty"));
    }
    if n < min {
        return Err(format!(
            "{field} needs at least {min} characters ({n} so far)"
        ));
    }
    if n > max {
        return Err(format!(
            "{field} takes at most {max} characters ({n} given)"
        ));
    }
    Ok(())
}

/// What `publiccode validate --profile <profile>` reports on `yaml` beyond the standard's
/// rules (the profile's rules and the licence checks), with `repo_dir` as the repository
/// the file describes. Notes are left out.
pub fn profile_findings(
    yaml: &str,
    profile: &Profile,
    repo_dir: Option<&std::path::Path>,
) -> Vec<publiccode::Diagnostic> {
    let report = publiccode::validate_str(yaml, &publiccode::Options::default());
    let Ok(policy) = publiccode_check::Policy::load(std::slice::from_ref(&profile.id), None) else {
        return Vec::new();
    };
    policy
        .check(&report, repo_dir)
        .into_iter()
        .filter(|d| d.severity >= publiccode::Severity::Warning)
        .collect()
}

/// The error messages `publiccode validate` gives for `yaml` (empty when it is valid).
pub fn validation_errors(yaml: &str, options: &publiccode::Options<'_>) -> Vec<String> {
    publiccode::validate_str(yaml, options)
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            if d.key.is_empty() {
                format!("{}: {}", d.code, d.message)
            } else {
                format!("{} {}: {}", d.code, d.key, d.message)
            }
        })
        .collect()
}
