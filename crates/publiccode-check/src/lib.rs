//! Country profiles, licence policy, and the countries' own formats (US code.json,
//! Canada's Open Resource Exchange records), on top of the `publiccode` core.
//!
//! The CLI calls [`Policy::load`] once with the profiles the user asked for, then
//! [`Policy::check`] on every validated descriptor. Licence checks that apply to
//! everyone run even with no profile.

use std::path::Path;

use publiccode::rules::RuleInfo;
use publiccode::{Diagnostic, Report};

/// Every rule this crate can emit (profile rules and licence policy), for `explain`.
pub fn rules() -> Vec<RuleInfo> {
    Vec::new()
}

/// The checks chosen for a run: profiles, licence policy, operator-supplied lists.
#[derive(Debug, Default)]
pub struct Policy {
    profiles: Vec<String>,
}

impl Policy {
    /// Loads the profiles named by id (`it`, `de-opencode` …) or by path to a profile
    /// file, and the optional list of iPA codes. Errors are diagnostics that point into
    /// the offending file, or a plain message for an unknown id.
    pub fn load(profiles: &[String], ipa_codes: Option<&Path>) -> Result<Policy, Vec<(String, Diagnostic)>> {
        let _ = ipa_codes;
        Ok(Policy {
            profiles: profiles.to_vec(),
        })
    }

    /// Checks one validated descriptor. `repo_dir` is the folder holding it, when it is
    /// a file on disk (for repository-file and licence-text checks).
    pub fn check(&self, report: &Report, repo_dir: Option<&Path>) -> Vec<Diagnostic> {
        let _ = (report, repo_dir, &self.profiles);
        Vec::new()
    }
}

/// The formats `validate` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// publiccode.yml.
    Publiccode,
    /// US code.json.
    CodeJson,
    /// Canada's Open Resource Exchange record.
    Ore,
}

/// Guesses the format from the file name and content.
pub fn detect_format(path: &str, bytes: &[u8]) -> InputFormat {
    let _ = (path, bytes);
    InputFormat::Publiccode
}

/// Validates a file in a country's own format.
pub fn validate_foreign(format: InputFormat, bytes: &[u8]) -> Report {
    let _ = format;
    publiccode::validate_bytes(bytes, &publiccode::Options::default())
}
