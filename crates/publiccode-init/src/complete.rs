//! Completeness: which required values are still missing from the answers (for the
//! non-interactive mode's error and the wizard's questions), what a profile adds, and the
//! final check of the rendered text with the same rules as `publiccode validate`.

use publiccode::checks::{text, url};
use publiccode::spec::keys;

use crate::answers::Answers;
use crate::profile::{OrgUri, Profile};

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
    /// `organisation.uri`, required by a profile; `true` when it must be an iPA URN.
    OrganisationUri(bool),
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
            Missing::Language => "description".into(),
            Missing::ShortDescription(l) => format!("description.{l}.shortDescription"),
            Missing::LongDescription(l) => format!("description.{l}.longDescription"),
            Missing::Features(l) => format!("description.{l}.features"),
            Missing::License => "legal.license".into(),
            Missing::MaintenanceType => "maintenance.type".into(),
            Missing::Contacts => "maintenance.contacts".into(),
            Missing::Contractors => "maintenance.contractors".into(),
            Missing::OrganisationUri(_) => "organisation.uri".into(),
        }
    }
}

/// Adds to `answers` what `profile` implies: a description section for each of its
/// languages and its countries (when none are given).
pub fn apply_profile(answers: &mut Answers, profile: &Profile) {
    for lang in profile.languages {
        answers.description_mut(lang);
    }
    if answers.countries.is_empty() {
        answers.countries = profile.countries.iter().map(|c| c.to_string()).collect();
    }
}

/// The required values still missing, in the standard's key order.
pub fn missing(answers: &Answers, profile: Option<&Profile>) -> Vec<Missing> {
    let mut out = Vec::new();
    let empty = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    if empty(&answers.name) {
        out.push(Missing::Name);
    }
    if empty(&answers.url) {
        out.push(Missing::Url);
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
    if let Some(p) = profile
        && p.organisation_uri != OrgUri::Optional
    {
        let ok = match (&answers.organisation_uri, p.organisation_uri) {
            (Some(u), OrgUri::ItalianPa) => url::italian_pa_code(u).is_some(),
            (Some(u), _) => !u.trim().is_empty(),
            (None, _) => false,
        };
        if !ok {
            out.push(Missing::OrganisationUri(
                p.organisation_uri == OrgUri::ItalianPa,
            ));
        }
    }
    // `organisation` needs a `uri` as soon as it is written at all.
    if answers.organisation_name.is_some()
        && empty(&answers.organisation_uri)
        && !out.iter().any(|m| matches!(m, Missing::OrganisationUri(_)))
    {
        out.push(Missing::OrganisationUri(false));
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
