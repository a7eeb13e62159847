//! The publiccode checker as a library: the standard's rules (from the `publiccode`
//! core), country profiles, licence policy, and the countries' own formats (US
//! code.json, Canada's Open Resource Exchange records), merged into one sorted report.
//!
//! ```
//! let checker = publiccode_check::Checker::new();
//! let report = checker.check("publiccode.yml", b"publiccodeYmlVersion: '0.4'\nname: x\n");
//! assert!(report.diagnostics.iter().any(|d| d.key == "url"));
//! ```
//!
//! [`Checker::check_in`] also reads the repository around the descriptor (logo,
//! licence texts, files a profile asks for) through [`publiccode::Resources`], so a
//! crawler can check a repository it only holds through an API; [`Policy::load`]
//! applies country profiles. Licence checks that apply to everyone run even with no
//! profile.

pub mod builtin;
mod checker;
pub mod config;
pub mod foreign;
pub(crate) mod licence;
pub(crate) mod licexpr;
pub mod lists;
pub mod profile;
pub(crate) mod repo_url;
mod tree;

use std::path::Path;

use publiccode::checks::ipa::IpaCodes;
use publiccode::rules::{ExampleKind, Examples, RuleInfo};
use publiccode::{Diagnostic, DirResources, Report, Resources, Severity};

pub use checker::{CheckOptions, Checker, Extension, ExtensionContext, FileReport, Files};
pub use foreign::{InputFormat, detect_format, validate_foreign};
pub use lists::{List, Lists};
pub use profile::{Check, LicencePolicy, Profile, Rule, Terms};

type K = ExampleKind;

macro_rules! static_rules {
    ($( $code:literal, $name:literal, $sev:ident, $summary:literal, $expl:literal,
        $kind:expr, $fail:expr, $pass:expr; )*) => {
        /// The rules of this crate that do not come from a profile file, in code order.
        pub const STATIC_RULES: &[RuleInfo] = &[
            $( RuleInfo::new($code, $name, Severity::$sev, $summary, $expl)
                .examples(Examples::new($kind, $fail, $pass)), )*
        ];
    };
}

static_rules! {
    "PL001", "deprecated-license-id", Warning,
        "legal.license uses a deprecated SPDX identifier.",
        "SPDX deprecated ids such as `GPL-3.0` because they do not say whether later versions are \
allowed. Write `GPL-3.0-only` or `GPL-3.0-or-later` (likewise for LGPL, AGPL, GFDL). The diagnostic points \
at the term inside the expression. Source: https://spdx.org/licenses/ (deprecated identifiers).",
        K::Descriptor,
        r##"legal:
  license: GPL-3.0
"##,
        r##"legal:
  license: GPL-3.0-only
"##;
    "PL002", "license-not-open", Warning,
        "legal.license is neither OSI-approved nor FSF-libre.",
        "Public code is expected to be released under an open source licence. No term of the expression \
is approved by the Open Source Initiative or listed as free by the Free Software Foundation, according to \
the SPDX licence list. Source: https://opensource.org/licenses and https://spdx.org/licenses/.",
        K::Descriptor,
        r##"legal:
  license: CC-BY-NC-4.0
"##,
        r##"legal:
  license: MIT
"##;
    "PL003", "license-ref", Note,
        "legal.license uses a LicenseRef- term.",
        "`LicenseRef-…` terms are valid SPDX and accepted, but their terms are not known to any tool: \
readers must open the licence text. Source: SPDX specification, other licensing information.",
        K::Descriptor,
        r##"legal:
  license: LicenseRef-Medusa
"##,
        r##"legal:
  license: EUPL-1.2
"##;
    "PL004", "license-text-mismatch", Warning,
        "A licence file in the repository holds a licence that legal.license does not name.",
        "When the descriptor sits in a repository checkout, the texts of LICENSE*, LICENCE*, COPYING* and \
LICENSES/* are identified with the licence detector of publiccode-licence (the SPDX licence-text detector \
of the spdx crate, with the common licences recognised from a compile-time table; match score of at least \
90 %). A detected licence whose family (`GPL-3.0` for `GPL-3.0-only` and `GPL-3.0-or-later`) does not \
appear in legal.license is reported.",
        K::Described { covered_by: "testdata/profiles/none/text-mismatch.yml" },
        r##"legal:
  license: MIT  # but LICENSE holds the text of the GPL 3.0
"##,
        r##"legal:
  license: GPL-3.0-or-later  # LICENSE holds the text of the GPL 3.0
"##;
    "PP001", "profile-invalid", Error,
        "A profile file has a mistake.",
        "Profile files (`--profile path/to/profile.yml`) are YAML with id, name, country, description, \
sources, generic and rules; every rule has code, kind, severity, message and source, and the keys of its \
kind. They are read strictly: a key that belongs neither to every rule nor to the rule's kind (`allowed` in a \
`required-keys` rule), a wrong type, an unknown severity, kind or data list is reported. The diagnostic \
points into the profile file. See docs/profiles.md for the format.",
        K::ProfileFile,
        r##"id: mine
name: Mine
country: Utopia
description: What Utopia asks of a descriptor.
rules:
  - code: PRUT01
    kind: required-keys
    severity: error
    message: Utopia needs a landing page
    source: https://example.org/utopia-guidelines
    keys: [landingURL]
    allowed: [MIT]
"##,
        r##"id: mine
name: Mine
country: Utopia
description: What Utopia asks of a descriptor.
rules:
  - code: PRUT01
    kind: required-keys
    severity: error
    message: Utopia needs a landing page
    source: https://example.org/utopia-guidelines
    keys: [landingURL]
"##;
    "PP002", "profile-unknown", Error,
        "The profile is neither a shipped id nor a readable file.",
        "Run `publiccode profiles` for the shipped ids, or give the path to a profile file.",
        K::Described { covered_by: "crates/publiccode-check/tests/rules.rs::policy_load_errors_have_codes" },
        r##"# publiccode validate --profile utopia publiccode.yml
"##,
        r##"# publiccode validate --profile it publiccode.yml
"##;
    "PP003", "ipa-list-unreadable", Error,
        "The --ipa-codes file cannot be read.",
        "The iPA code list is a text file with one code per line (case-insensitive). The Italian \
Indice dei domicili digitali della PA publishes the codes as open data at https://indicepa.gov.it/ipa-dati/ \
(dataset \"Enti\", column Codice_IPA); italia/publiccode-parser-go ships the same list as data/it/ipa_codes.txt.",
        K::Described { covered_by: "crates/publiccode-check/tests/rules.rs::policy_load_errors_have_codes" },
        r##"# publiccode validate --ipa-codes no/such/list.txt publiccode.yml
"##,
        r##"# publiccode validate --ipa-codes ipa_codes.txt publiccode.yml
"##;
    "CJ001", "codejson-syntax", Error,
        "The code.json file is not well-formed JSON.",
        "The JSON (read as YAML 1.2, a superset of JSON) could not be parsed at this position.",
        K::CodeJson,
        r##"{"version": "2.0.0", "releases": [
  {"name": "fec",}
"##,
        r##"{"version": "2.0.0", "releases": [
  {"name": "fec"}
]}
"##;
    "CJ002", "codejson-missing-key", Error,
        "A key required by the code.json schema is missing.",
        "Required keys follow the GSA code.gov 2.0.0 schema (agency index and releases) or the DSACMS \
gov-codejson 2.0.0 schema (SHARE IT Act, per repository). Source: https://github.com/GSA/code-gov-data and \
https://github.com/DSACMS/gov-codejson.",
        K::CodeJson,
        r##"{"version": "2.0.0", "agency": "FEC", "releases": []}
"##,
        r##"{"version": "2.0.0", "agency": "FEC", "measurementType": {"method": "projects"}, "releases": []}
"##;
    "CJ003", "codejson-type", Error,
        "A code.json value has the wrong type.",
        "The schema fixes the JSON type of each key (string, number, array, object, boolean).",
        K::CodeJson,
        r##"{"releases": [{"laborHours": "ten"}]}
"##,
        r##"{"releases": [{"laborHours": 10}]}
"##;
    "CJ004", "codejson-enum", Error,
        "A code.json value is not one of the allowed values.",
        "Enumerations of the schemas: usageType, status, vcs, repositoryVisibility, maintenance, \
measurementType.method, licence names (DSACMS).",
        K::CodeJson,
        r##"{"releases": [{"status": "Finished"}]}
"##,
        r##"{"releases": [{"status": "Production"}]}
"##;
    "CJ005", "codejson-unknown-key", Error,
        "A key is not allowed by the code.json schema.",
        "The GSA 2.0.0 top level, permissions, contact, date, licences, relatedCode, reusedCode and \
partners objects have `additionalProperties: false`.",
        K::CodeJson,
        r##"{"releases": [{"contact": {"email": "opensource@fec.gov", "twitter": "@fec"}}]}
"##,
        r##"{"releases": [{"contact": {"email": "opensource@fec.gov"}}]}
"##;
    "CJ006", "codejson-string-usage-type", Warning,
        "usageType is a single string where the SHARE IT Act schema expects a list.",
        "DSACMS gov-codejson 2.0.0 makes permissions.usageType an array. Almost all real agency data still \
writes the GSA 2.0.0 string, so this is a warning: write `[\"openSource\"]`.",
        K::Described { covered_by: "testdata/code-json/dsacms-string-usage-type.json" },
        r##""permissions": {"usageType": "openSource", ...}  # a DSACMS 2.0.0 file
"##,
        r##""permissions": {"usageType": ["openSource"], ...}  # a DSACMS 2.0.0 file
"##;
    "CJ007", "codejson-exemption-text", Warning,
        "An exempt usageType has no exemptionText.",
        "When code is exempt from sharing, exemptionText should justify it in one or two sentences \
(GSA 2.0.0 schema description; M-16-21).",
        K::CodeJson,
        r##"{"releases": [{"permissions": {"usageType": "exemptByLaw"}}]}
"##,
        r##"{"releases": [{"permissions": {"usageType": "exemptByLaw",
  "exemptionText": "The code is classified."}}]}
"##;
    "CJ008", "codejson-license-name", Warning,
        "A licence name is not a valid SPDX identifier.",
        "Inferred: the schemas allow free text (GSA) but names such as `CC0` or `GPL.v3` cannot be \
matched to a licence by tools. Use SPDX ids (https://spdx.org/licenses/).",
        K::CodeJson,
        r##"{"releases": [{"permissions": {"licenses": [{"name": "CC0"}]}}]}
"##,
        r##"{"releases": [{"permissions": {"licenses": [{"name": "CC0-1.0"}]}}]}
"##;
    "CJ009", "codejson-format", Error,
        "A code.json value does not have the required format (date, date-time, email, URI).",
        "GSA 2.0.0 dates are `YYYY-MM-DD`; DSACMS 2.0.0 dates are RFC 3339 date-times; email and URI \
formats follow JSON Schema. Empty strings in optional URL fields are accepted (common in real data).",
        K::CodeJson,
        r##"{"releases": [{"date": {"created": "07/23/2014"}}]}
"##,
        r##"{"releases": [{"date": {"created": "2014-07-23"}}]}
"##;
    "CJ010", "codejson-legacy-version", Warning,
        "The file follows an old code.gov schema (1.0.x).",
        "Schema 1.0.x (projects[]) was replaced by 2.0.0 (releases[]) in 2017; code.gov asks agencies to \
use 2.0.0. The file is checked against 1.0.1.",
        K::CodeJson,
        r##"{"version": "1.0.1", "agency": "FEC", "projects": []}
"##,
        r##"{"version": "2.0.0", "agency": "FEC", "measurementType": {"method": "projects"}, "releases": []}
"##;
    "OR001", "ore-syntax", Error,
        "The ORE record is not well-formed YAML.",
        "Open Resource Exchange records are YAML files validated with Yamale in the canada-ca/ore-ero CI.",
        K::Ore,
        r##"schemaVersion: '1.0'
adminCode: [tbs-sct
"##,
        r##"schemaVersion: '1.0'
adminCode: tbs-sct
"##;
    "OR002", "ore-missing-key", Error,
        "A key required by the ORE schema is missing.",
        "Required keys follow _data/schemaCode.yaml (open source code) or _data/schemaSoftware.yaml \
(software used) in canada-ca/ore-ero. Every text and URL is bilingual: both `en` and `fr` are required.",
        K::Ore,
        r##"schemaVersion: '1.0'
adminCode: tbs-sct
releases:
  - contact:
      email: opensource@tbs-sct.gc.ca
    date:
      created: '2019-01-01'
      metadataLastUpdated: '2020-01-14'
    description:
      whatItDoes:
        en: Lists the open source code of the Government of Canada.
    category: '43232400'
    name:
      en: Open Resource Exchange
      fr: Échange de ressources ouvertes
    licences:
      - URL:
          en: https://github.com/canada-ca/ore-ero/blob/master/LICENSE
          fr: https://github.com/canada-ca/ore-ero/blob/master/LICENSE
        spdxID: MIT
    repositoryURL:
      en: https://github.com/canada-ca/ore-ero
      fr: https://github.com/canada-ca/ore-ero
    tags:
      en: [open source]
      fr: [source ouverte]
    status: Maintained
"##,
        r##"schemaVersion: '1.0'
adminCode: tbs-sct
releases:
  - contact:
      email: opensource@tbs-sct.gc.ca
    date:
      created: '2019-01-01'
      metadataLastUpdated: '2020-01-14'
    description:
      whatItDoes:
        en: Lists the open source code of the Government of Canada.
        fr: Répertorie le code source ouvert du gouvernement du Canada.
    category: '43232400'
    name:
      en: Open Resource Exchange
      fr: Échange de ressources ouvertes
    licences:
      - URL:
          en: https://github.com/canada-ca/ore-ero/blob/master/LICENSE
          fr: https://github.com/canada-ca/ore-ero/blob/master/LICENSE
        spdxID: MIT
    repositoryURL:
      en: https://github.com/canada-ca/ore-ero
      fr: https://github.com/canada-ca/ore-ero
    tags:
      en: [open source]
      fr: [source ouverte]
    status: Maintained
"##;
    "OR003", "ore-type", Error,
        "An ORE value has the wrong type.",
        "Yamale `str()` accepts only strings (quote numbers such as category codes), `list()` only lists.",
        K::Ore,
        r##"releases:
  - category: 43232400
"##,
        r##"releases:
  - category: '43232400'
"##;
    "OR004", "ore-enum", Error,
        "An ORE value is not one of the allowed values.",
        "release status is one of Alpha, Beta, Maintained, Deprecated, Retired.",
        K::Ore,
        r##"releases:
  - status: Finished
"##,
        r##"releases:
  - status: Maintained
"##;
    "OR005", "ore-unknown-key", Error,
        "A key is not allowed by the ORE schema (strict mode).",
        "The ORE CI runs Yamale in strict mode: unknown keys fail the build.",
        K::Ore,
        r##"releases:
  - owner: TBS
"##,
        r##"releases:
  - contact:
      email: opensource@tbs-sct.gc.ca
"##;
    "OR006", "ore-admin-code", Warning,
        "adminCode is not in the ORE administration lists.",
        "adminCode and partners[].adminCode must be a code from _data/administrations/*.yml in canada-ca/ore-ero.",
        K::Ore,
        r##"adminCode: tbs-xyz
"##,
        r##"adminCode: tbs-sct
"##;
    "OR007", "ore-category", Error,
        "category is not one of the UNSPSC software families ORE uses.",
        "ORE categories are UNSPSC codes listed in _data/i18n/categories.yml (for example '43232400').",
        K::Ore,
        r##"releases:
  - category: '12345678'
"##,
        r##"releases:
  - category: '43232400'
"##;
    "OR008", "ore-spdx", Warning,
        "licences[].spdxID is not a valid SPDX expression.",
        "Inferred: the schema takes any string, but ORE links the id to the SPDX list.",
        K::Ore,
        r##"releases:
  - licences:
      - spdxID: MIT Licence
"##,
        r##"releases:
  - licences:
      - spdxID: MIT
"##;
    "OR009", "ore-date", Warning,
        "A date is not written YYYY-MM-DD.",
        "ORE dates (created, metadataLastUpdated, started) are ISO 8601 calendar dates.",
        K::Ore,
        r##"releases:
  - date:
      created: '01/01/2019'
"##,
        r##"releases:
  - date:
      created: '2019-01-01'
"##;
    "OR010", "ore-legacy-layout", Warning,
        "The record uses the older ORE layout.",
        "Early ORE records wrote description.en/fr directly and `licenses`; the current schema wants \
description.whatItDoes.{en,fr} and `licences`.",
        K::Described { covered_by: "testdata/ore/software-legacy-layout.yml" },
        r##"description:
  en: Lists the open source code.
  fr: Répertorie le code source ouvert.
licenses:
  - spdxID: MIT
"##,
        r##"description:
  whatItDoes:
    en: Lists the open source code.
    fr: Répertorie le code source ouvert.
licences:
  - spdxID: MIT
"##;
}

/// Every rule this crate can emit (profile rules and licence policy), for `explain`.
pub fn rules() -> Vec<RuleInfo> {
    let mut out: Vec<RuleInfo> = STATIC_RULES.to_vec();
    out.extend(builtin::rule_infos().iter().copied());
    out
}

/// One profile of [`Policy::load`]: a shipped id, else a profile file.
fn load_profile(name: &str) -> Result<Profile, Vec<(String, Diagnostic)>> {
    if let Some(p) = builtin::get(name) {
        return Ok(p.clone());
    }
    let path = Path::new(name);
    let error = |code, message: String| {
        vec![(
            name.to_string(),
            Diagnostic::new(code, Severity::Error, "", message),
        )]
    };
    if !path.is_file() {
        let ids: Vec<&str> = builtin::all().iter().map(|p| p.id.as_str()).collect();
        return Err(error(
            profile::PROFILE_UNKNOWN,
            format!(
                "unknown profile `{name}`: not a shipped profile ({}) nor a file",
                ids.join(", ")
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        error(
            profile::PROFILE_UNKNOWN,
            format!("cannot read the profile file: {e}"),
        )
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        error(
            profile::PROFILE_INVALID,
            "the profile file is not UTF-8".to_string(),
        )
    })?;
    profile::parse(text, name)
}

/// The operator's iPA code list of [`Policy::load`].
fn load_ipa_codes(path: &Path) -> Result<IpaCodes, Vec<(String, Diagnostic)>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(IpaCodes::from_list(&text)),
        Err(e) => Err(vec![(
            path.display().to_string(),
            Diagnostic::new(
                profile::IPA_LIST_UNREADABLE,
                Severity::Error,
                "",
                format!("cannot read the iPA code list: {e}"),
            ),
        )]),
    }
}

/// The checks chosen for a run: profiles, licence policy, operator-supplied lists.
#[derive(Debug, Default)]
pub struct Policy {
    profiles: Vec<Profile>,
    ipa_codes: Option<IpaCodes>,
    lists: Lists,
}

impl Policy {
    /// Loads the profiles named by id (`it`, `de-opencode` …) or by path to a profile
    /// file, and the optional list of iPA codes. Errors are diagnostics that point into
    /// the offending file, or a plain message for an unknown id.
    pub fn load(
        profiles: &[String],
        ipa_codes: Option<&Path>,
    ) -> Result<Policy, Vec<(String, Diagnostic)>> {
        let mut errors = Vec::new();
        let mut loaded = Vec::new();
        for name in profiles {
            match load_profile(name) {
                Ok(p) => loaded.push(p),
                Err(e) => errors.extend(e),
            }
        }
        let ipa = match ipa_codes.map(load_ipa_codes).transpose() {
            Ok(ipa) => ipa,
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        if errors.is_empty() {
            Ok(Policy {
                profiles: loaded,
                ipa_codes: ipa,
                lists: Lists::shipped(),
            })
        } else {
            Err(errors)
        }
    }

    /// The loaded profiles.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The operator's iPA list, when one was given (it replaces the shipped one in
    /// [`publiccode::Options::ipa_codes`]).
    pub fn ipa_codes(&self) -> Option<&IpaCodes> {
        self.ipa_codes.as_ref()
    }

    /// A policy from already loaded parts: profiles (see [`profile::parse`] and
    /// [`builtin::get`]) and an iPA code list (see [`IpaCodes::from_list`]), with the shipped
    /// data lists. Nothing is read.
    pub fn from_parts(profiles: Vec<Profile>, ipa_codes: Option<IpaCodes>) -> Policy {
        Policy {
            profiles,
            ipa_codes,
            lists: Lists::shipped(),
        }
    }

    /// Replaces a data list that profiles refer to by name (`opencode-approved`,
    /// `ch-organisations` …) with the user's own file: one identifier a line, `#`
    /// comments and blank lines ignored.
    pub fn set_list(&mut self, name: &str, path: &Path) -> Result<(), Vec<(String, Diagnostic)>> {
        let shown = path.display().to_string();
        let fail = |msg: String| {
            let d = Diagnostic::new(profile::PROFILE_UNKNOWN, Severity::Error, "", msg);
            Err(vec![(shown.clone(), d)])
        };
        if !Lists::is_known(name) {
            return fail(format!(
                "unknown data list `{name}`; known lists: {}",
                Lists::known_names().join(", ")
            ));
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                self.lists.set(name, List::parse(&text, shown.clone()));
                Ok(())
            }
            Err(e) => fail(format!("cannot read the list `{name}`: {e}")),
        }
    }

    /// The profile findings and licence checks for one validated descriptor (without
    /// the standard's own diagnostics). `repo_dir` is the folder holding it, when it is
    /// a file on disk (for repository-file and licence-text checks).
    pub fn check(&self, report: &Report, repo_dir: Option<&Path>) -> Vec<Diagnostic> {
        let repo = repo_dir.map(DirResources::new);
        self.findings(report, repo.as_ref().map(|r| r as &dyn Resources), None)
    }

    /// [`Policy::check`] with the repository read through `repo` (rooted at the
    /// descriptor's folder), when there is one to look at.
    pub fn check_with(&self, report: &Report, repo: Option<&dyn Resources>) -> Vec<Diagnostic> {
        self.findings(report, repo, None)
    }

    /// The whole verdict on one validated descriptor: the standard's diagnostics (less
    /// the warnings a profile rule takes the place of), the licence checks and the
    /// profile findings, in document order. `file_name` is the descriptor's file name
    /// when it is a file (`publiccode.yml`).
    pub fn apply(
        &self,
        report: &Report,
        repo_dir: Option<&Path>,
        file_name: Option<&str>,
    ) -> Vec<Diagnostic> {
        let repo = repo_dir.map(DirResources::new);
        self.apply_with(
            report,
            repo.as_ref().map(|r| r as &dyn Resources),
            file_name,
        )
    }

    /// [`Policy::apply`] with the repository read through `repo` (rooted at the
    /// descriptor's folder), when there is one to look at.
    pub fn apply_with(
        &self,
        report: &Report,
        repo: Option<&dyn Resources>,
        file_name: Option<&str>,
    ) -> Vec<Diagnostic> {
        self.apply_owned(report, report.diagnostics.clone(), repo, file_name)
    }

    /// [`Policy::apply_with`] for a caller that owns the standard's `diagnostics` of
    /// `report` (taken out of it): they are moved into the verdict, not copied.
    pub(crate) fn apply_owned(
        &self,
        report: &Report,
        diagnostics: Vec<Diagnostic>,
        repo: Option<&dyn Resources>,
        file_name: Option<&str>,
    ) -> Vec<Diagnostic> {
        let core_errors: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.key.as_str())
            .collect();
        // A `shape` finding (a missing key, a wrong type) on a key the standard already
        // reports as an error says the same thing twice: the standard's error stands.
        let shape_codes: Vec<&str> = self
            .profiles
            .iter()
            .flat_map(|p| &p.rules)
            .filter(|r| matches!(r.check, Check::Shape { .. }))
            .map(|r| r.code.as_str())
            .collect();
        let findings: Vec<Diagnostic> = self
            .findings(report, repo, file_name)
            .into_iter()
            .filter(|d| {
                !(shape_codes.contains(&d.code.as_ref()) && core_errors.contains(&d.key.as_str()))
            })
            .collect();
        let mut out: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(|d| !self.profiles.iter().any(|p| p.replaces(d)))
            .collect();
        out.extend(findings);
        // Stable: several findings at one place keep their rule order.
        out.sort_by_key(|d| (d.line, d.column));
        out
    }

    fn findings(
        &self,
        report: &Report,
        repo: Option<&dyn Resources>,
        file_name: Option<&str>,
    ) -> Vec<Diagnostic> {
        let (Some(root), Some(index)) = (&report.tree, report.line_index()) else {
            return Vec::new();
        };
        let mut out = licence::check(root, &index, repo);
        let cx = profile::Context {
            index: &index,
            repo,
            file_name,
            ipa_codes: self.ipa_codes.as_ref(),
            lists: &self.lists,
        };
        for p in &self.profiles {
            out.extend(p.check(root, &cx));
        }
        out
    }
}
