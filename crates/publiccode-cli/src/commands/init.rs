//! `publiccode init`: writes a publiccode.yml for a repository. Inference, completeness
//! and rendering live in the `publiccode-init` crate; this module turns flags into answers,
//! runs the interactive wizard on a terminal, reports what is missing otherwise, checks the
//! result with the same rules as `validate` and writes it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use publiccode::spec::lists;
use publiccode_init::complete::{self, Missing};
use publiccode_init::{Answers, Contact, Contractor, Profile, RenderOptions};

use crate::exit;

/// Arguments of `publiccode init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Repository to describe.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
    /// File to write (default: publiccode.yml in --dir).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the file instead of writing it.
    #[arg(long)]
    pub stdout: bool,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// Leave out the comment above each section.
    #[arg(long)]
    pub no_comments: bool,
    /// Never prompt: take everything from flags and inference (automatic when stdin is not a terminal).
    #[arg(short, long)]
    pub yes: bool,
    /// Do not infer anything from the repository.
    #[arg(long)]
    pub no_infer: bool,
    /// Do not list the inferred values on standard error.
    #[arg(short, long)]
    pub quiet: bool,
    /// Ask for what a shipped profile requires and check the file with its rules
    /// (`publiccode profiles` lists them).
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    /// The values of the file (boxed: they are many).
    #[command(flatten)]
    pub values: Box<Values>,
}

/// Values of the file, from flags; what is left out is inferred or asked for.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Values")]
pub struct Values {
    /// Short public name of the software.
    #[arg(long)]
    pub name: Option<String>,
    /// URL of the source code repository.
    #[arg(long)]
    pub url: Option<String>,
    /// Landing page, when the repository URL is not browsable.
    #[arg(long, value_name = "URL")]
    pub landing_url: Option<String>,
    /// Latest stable version.
    #[arg(long, value_name = "VERSION")]
    pub software_version: Option<String>,
    /// Date of the latest release (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub release_date: Option<String>,
    /// Path or URL of the logo (SVG or PNG).
    #[arg(long, value_name = "PATH")]
    pub logo: Option<String>,
    /// Platform (repeatable): web, windows, mac, linux, ios, android, or another.
    #[arg(long = "platform", value_name = "PLATFORM")]
    pub platforms: Vec<String>,
    /// Category from the categories list (repeatable).
    #[arg(long = "category", value_name = "CATEGORY")]
    pub categories: Vec<String>,
    /// concept, development, beta, stable or obsolete.
    #[arg(long, value_name = "STATUS")]
    pub development_status: Option<String>,
    /// standalone/web, standalone/desktop, library, addon … (see the standard).
    #[arg(long, value_name = "TYPE")]
    pub software_type: Option<String>,
    /// Name of the publishing organisation.
    #[arg(long, value_name = "NAME")]
    pub organisation_name: Option<String>,
    /// URI of the publishing organisation (urn:x-italian-pa:<code> for --profile it).
    #[arg(long, value_name = "URI")]
    pub organisation_uri: Option<String>,
    /// ISO 3166-1 alpha-2 country the software is for (repeatable).
    #[arg(long = "country", value_name = "CC")]
    pub countries: Vec<String>,
    /// Scope from the scope list (repeatable).
    #[arg(long = "scope", value_name = "SCOPE")]
    pub scopes: Vec<String>,
    /// Description language, a BCP 47 tag (repeatable; default en).
    #[arg(long = "language", value_name = "TAG")]
    pub languages: Vec<String>,
    /// Short description; prefix with LANG= for another language than the first (repeatable).
    #[arg(
        long = "short-description",
        value_name = "[LANG=]TEXT",
        allow_hyphen_values = true
    )]
    pub short_descriptions: Vec<String>,
    /// Long description, 150 to 10,000 characters; LANG= prefix as above (repeatable).
    #[arg(
        long = "long-description",
        value_name = "[LANG=]TEXT",
        allow_hyphen_values = true
    )]
    pub long_descriptions: Vec<String>,
    /// A feature (repeatable); LANG= prefix as above.
    #[arg(
        long = "feature",
        value_name = "[LANG=]TEXT",
        allow_hyphen_values = true
    )]
    pub features: Vec<String>,
    /// SPDX licence expression.
    #[arg(long, value_name = "SPDX")]
    pub license: Option<String>,
    /// Entity owning most of the copyright.
    #[arg(long, value_name = "NAME")]
    pub copyright_owner: Option<String>,
    /// Maintenance type: internal, contract, community or none.
    #[arg(long, value_name = "TYPE")]
    pub maintenance: Option<String>,
    /// Maintenance contact, "Name <email>" (repeatable).
    #[arg(long = "contact", value_name = "NAME <EMAIL>")]
    pub contacts: Vec<String>,
    /// Maintenance contractor, "Name <email>" (repeatable; needs --contract-until).
    #[arg(long = "contractor", value_name = "NAME <EMAIL>")]
    pub contractors: Vec<String>,
    /// End of the maintenance contract (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub contract_until: Option<String>,
    /// The software can be translated.
    #[arg(long)]
    pub localisation_ready: bool,
    /// Language the software is available in (repeatable; default: the description languages).
    #[arg(long = "available-language", value_name = "TAG")]
    pub available_languages: Vec<String>,
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    match run_inner(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("publiccode init: {message}");
            exit::USAGE
        }
    }
}

fn run_inner(args: Args) -> Result<u8, String> {
    let profile = match &args.profile {
        Some(id) => Some(publiccode_init::profile::find(id).ok_or_else(|| {
            format!(
                "unknown profile {id:?}; known profiles: {}",
                publiccode_init::profile::ids().join(", ")
            )
        })?),
        None => None,
    };
    let profile = profile.as_ref();
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| args.dir.join("publiccode.yml"));
    if !args.stdout && target.exists() && !args.force {
        return Err(format!(
            "{} already exists; use --force to overwrite it or --stdout to print instead",
            target.display()
        ));
    }
    let inference = (!args.no_infer).then(|| publiccode_init::infer(&args.dir));
    // Descriptions are in the README's language unless flags or a profile say otherwise.
    let default_lang = inference
        .as_ref()
        .map_or("en", |i| i.description_language())
        .to_string();
    let mut answers = from_flags(&args, profile, &default_lang)?;
    let language_inferred = args.values.languages.is_empty()
        && profile.is_none_or(|p| p.languages.is_empty())
        && inference.as_ref().is_some_and(|i| i.language.is_some());
    let mut license_default = None;
    let mut conflict = Vec::new();
    if let Some(inference) = &inference {
        if answers.license.is_none() {
            conflict = inference
                .license_conflict
                .iter()
                .map(|g| (g.value.clone(), g.source.clone()))
                .collect();
        }
        let used = inference.fill(&mut answers);
        if !args.quiet {
            if language_inferred && let Some(g) = &inference.language {
                eprintln!(
                    "inferred description language: {}  (from {})",
                    g.value, g.source
                );
            }
            for (key, value, source) in used {
                let value = one_line(&value, 70);
                eprintln!("inferred {key}: {value}  (from {source})");
            }
            let lang = inference.description_language();
            if (inference.short_description.is_some() || inference.long_description.is_some())
                && !answers.descriptions.iter().any(|d| d.lang == lang)
            {
                eprintln!(
                    "note: the README is in {lang}, not a description language of this file: its text is not used"
                );
            }
            for note in &inference.notes {
                eprintln!("note: {note}");
            }
        }
        license_default = inference
            .license_candidates
            .first()
            .map(|g| g.value.clone());
    }
    let interactive = !args.yes && std::io::stdin().is_terminal();
    let options = RenderOptions {
        comments: !args.no_comments,
    };
    let resources = publiccode::DirResources::new(&args.dir);
    let vopts = publiccode::Options {
        resources: Some(&resources),
        ..publiccode::Options::default()
    };
    let yaml = if interactive {
        wizard(
            &mut answers,
            profile,
            &options,
            &vopts,
            license_default.as_deref(),
            &args.dir,
        )?
    } else {
        let missing = complete::missing(&answers, profile);
        if !missing.is_empty() {
            eprintln!("publiccode init: required values are missing; supply them with:");
            let mut rows: Vec<(String, String)> = missing
                .iter()
                .map(|m| (m.key(), flag_for(m, &answers, &conflict)))
                .collect();
            rows.extend(
                complete::conditional(&answers)
                    .into_iter()
                    .map(|(m, when)| {
                        let flag = flag_for(&m, &answers, &conflict);
                        let flag = match flag.strip_suffix(')') {
                            Some(open) => format!("{open}; {when})"),
                            None => format!("{flag} ({when})"),
                        };
                        (m.key(), flag)
                    }),
            );
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            for (key, flag) in rows {
                eprintln!("  {key:<width$}  {flag}");
            }
            return Ok(exit::USAGE);
        }
        let yaml = publiccode_init::render(&answers, &options);
        let errors = complete::validation_errors(&yaml, &vopts);
        if !errors.is_empty() {
            eprintln!("publiccode init: the values given do not make a valid file:");
            for e in errors {
                eprintln!("  {e}");
            }
            return Ok(exit::USAGE);
        }
        if let Some(p) = &profile {
            let (blocking, advice) = profile_check(&yaml, p, &args.dir);
            for d in &advice {
                eprintln!("{}", finding_line(d));
            }
            if !blocking.is_empty() {
                eprintln!(
                    "publiccode init: the values given do not satisfy profile {}:",
                    p.id
                );
                for d in &blocking {
                    eprintln!("  {}", finding_line(d));
                }
                return Ok(exit::USAGE);
            }
        }
        yaml
    };
    if args.stdout {
        print!("{yaml}");
        return Ok(exit::OK);
    }
    // A new file is created only if none appeared meanwhile; --force replaces.
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let root = publiccode::resources::repository_root(dir, None);
    let expect = if args.force {
        crate::write::Expect::Any
    } else {
        crate::write::Expect::Absent
    };
    crate::write::write_file(&target, &root, expect, yaml.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    if !args.quiet {
        eprintln!("wrote {}", target.display());
    }
    Ok(exit::OK)
}

/// Runs the profile's own rules (and the licence checks) on the rendered file: the
/// findings that block writing (errors about the file's values) and the advice to print
/// (warnings, and what the repository itself lacks, which no value of the file can fix).
fn profile_check(
    yaml: &str,
    profile: &Profile,
    dir: &Path,
) -> (Vec<publiccode::Diagnostic>, Vec<publiccode::Diagnostic>) {
    let repo_rule = |code: &str| {
        profile
            .rules
            .rules
            .iter()
            .any(|r| r.code == code && matches!(r.check, publiccode_check::Check::RepoFiles(_)))
    };
    complete::profile_findings(yaml, profile, Some(dir))
        .into_iter()
        .partition(|d| d.is_error() && !repo_rule(&d.code))
}

/// One profile finding on one line: `warning: PRIT03 legal.license: message`.
fn finding_line(d: &publiccode::Diagnostic) -> String {
    let key = if d.key.is_empty() {
        String::new()
    } else {
        format!(" {}", d.key)
    };
    format!("{}: {}{key}: {}", d.severity.as_str(), d.code, d.message)
}

fn one_line(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s
    }
}

/// Splits `LANG=TEXT` when LANG is one of `langs`; otherwise the text is for the first one.
fn split_lang<'a>(value: &'a str, langs: &[String]) -> (Option<String>, &'a str) {
    if let Some((l, rest)) = value.split_once('=')
        && langs.iter().any(|x| x.eq_ignore_ascii_case(l.trim()))
    {
        return (Some(l.trim().to_string()), rest);
    }
    (langs.first().cloned(), value)
}

fn from_flags(
    args: &Args,
    profile: Option<&Profile>,
    default_lang: &str,
) -> Result<Answers, String> {
    let v = &args.values;
    let mut a = Answers {
        name: v.name.clone(),
        url: v.url.clone(),
        landing_url: v.landing_url.clone(),
        software_version: v.software_version.clone(),
        release_date: v.release_date.clone(),
        logo: v.logo.clone(),
        platforms: v.platforms.clone(),
        categories: v.categories.clone(),
        development_status: v.development_status.clone(),
        software_type: v.software_type.clone(),
        organisation_name: v.organisation_name.clone(),
        organisation_uri: v.organisation_uri.clone(),
        countries: v.countries.clone(),
        scope: v.scopes.clone(),
        license: v.license.clone(),
        main_copyright_owner: v.copyright_owner.clone(),
        maintenance_type: v.maintenance.clone(),
        localisation_ready: v.localisation_ready,
        available_languages: v.available_languages.clone(),
        ..Answers::default()
    };
    for l in &v.languages {
        a.description_mut(l);
    }
    if let Some(p) = profile {
        complete::apply_profile(&mut a, p);
    }
    if a.descriptions.is_empty() {
        a.description_mut(default_lang);
    }
    let langs: Vec<String> = a.descriptions.iter().map(|d| d.lang.clone()).collect();
    for x in &v.short_descriptions {
        if let (Some(l), t) = split_lang(x, &langs) {
            a.description_mut(&l).short = Some(t.trim().to_string());
        }
    }
    for x in &v.long_descriptions {
        if let (Some(l), t) = split_lang(x, &langs) {
            a.description_mut(&l).long = Some(t.trim().to_string());
        }
    }
    for x in &v.features {
        if let (Some(l), t) = split_lang(x, &langs) {
            a.description_mut(&l).features.push(t.trim().to_string());
        }
    }
    for c in &v.contacts {
        a.contacts.push(
            Contact::parse(c)
                .ok_or_else(|| format!("--contact {c:?}: expected \"Name <email>\""))?,
        );
    }
    if !v.contractors.is_empty() {
        let until = v
            .contract_until
            .clone()
            .ok_or("--contractor needs --contract-until YYYY-MM-DD")?;
        for c in &v.contractors {
            let c = Contact::parse(c)
                .ok_or_else(|| format!("--contractor {c:?}: expected \"Name <email>\""))?;
            a.contractors.push(Contractor {
                name: c.name,
                until: until.clone(),
                email: c.email,
            });
        }
    }
    Ok(a)
}

/// The flag (with an example value) that supplies a missing value; `conflict` lists the
/// licences the repository's files disagree about, as (expression, source).
fn flag_for(m: &Missing, a: &Answers, conflict: &[(String, String)]) -> String {
    let first = a.descriptions.first().map(|d| d.lang.as_str());
    let prefix = |l: &str| {
        if Some(l) == first {
            String::new()
        } else {
            format!("{l}=")
        }
    };
    match m {
        Missing::Name => "--name NAME".into(),
        Missing::Url => "--url URL".into(),
        Missing::Platforms => format!("--platform {} (repeatable)", lists::PLATFORMS.join("|")),
        Missing::DevelopmentStatus => {
            format!(
                "--development-status {}",
                lists::DEVELOPMENT_STATUS.join("|")
            )
        }
        Missing::SoftwareType => format!("--software-type {}", lists::SOFTWARE_TYPES.join("|")),
        Missing::Language => "--language TAG".into(),
        Missing::Languages(n) => format!(
            "--language TAG (repeatable: the profile asks for {n} description languages; then --short-description, --long-description and --feature with TAG=)"
        ),
        Missing::Key(k) => match k.as_str() {
            "landingURL" => "--landing-url URL".into(),
            "logo" => "--logo PATH".into(),
            "softwareVersion" => "--software-version VERSION".into(),
            "releaseDate" => "--release-date YYYY-MM-DD".into(),
            "categories" => "--category CATEGORY (repeatable)".into(),
            "organisation.name" => "--organisation-name NAME".into(),
            "intendedAudience.countries" => "--country CC (repeatable)".into(),
            "intendedAudience.scope" => "--scope SCOPE (repeatable)".into(),
            "legal.mainCopyrightOwner" => "--copyright-owner NAME".into(),
            other => format!("(no flag sets {other}; add it to the file by hand)"),
        },
        Missing::ShortDescription(l) => format!("--short-description \"{}TEXT\"", prefix(l)),
        Missing::LongDescription(l) => format!(
            "--long-description \"{}TEXT\" (150 to 10000 characters)",
            prefix(l)
        ),
        Missing::Features(l) => format!("--feature \"{}TEXT\" (repeatable)", prefix(l)),
        Missing::License if !conflict.is_empty() => {
            let said: Vec<String> = conflict
                .iter()
                .map(|(expr, source)| publiccode_init::infer::said_by(source, expr))
                .collect();
            format!(
                "--license SPDX-EXPRESSION (the repository disagrees: {})",
                said.join("; ")
            )
        }
        Missing::License => "--license SPDX-EXPRESSION".into(),
        Missing::MaintenanceType => {
            format!("--maintenance {}", lists::MAINTENANCE_TYPES.join("|"))
        }
        Missing::Contacts => "--contact \"Name <email>\" (repeatable)".into(),
        Missing::Contractors => {
            "--contractor \"Name <email>\" --contract-until YYYY-MM-DD (repeatable)".into()
        }
        Missing::OrganisationUri(hint) => format!("--organisation-uri {hint}"),
    }
}

/// The errors `validate` reports under `key` once `answers` is changed by `change`.
fn errors_for(
    answers: &Answers,
    key: &str,
    change: impl FnOnce(&mut Answers),
    base: &Path,
) -> Vec<String> {
    let mut a = answers.clone();
    change(&mut a);
    let yaml = publiccode_init::render(&a, &RenderOptions { comments: false });
    let resources = publiccode::DirResources::new(base);
    let opts = publiccode::Options {
        resources: Some(&resources),
        ..publiccode::Options::default()
    };
    publiccode::validate_str(&yaml, &opts)
        .diagnostics
        .into_iter()
        .filter(|d| {
            d.is_error()
                && (d.key == key
                    || d.key.starts_with(&format!("{key}."))
                    || d.key.starts_with(&format!("{key}[")))
        })
        .map(|d| d.message)
        .collect()
}

type Check = dyn Fn(&str) -> Result<(), String> + Send + Sync;

/// Asks for one line of text, checked by `check` as it is typed.
fn ask_text(
    prompt: &str,
    help: &str,
    default: Option<&str>,
    check: Box<Check>,
) -> Result<String, String> {
    let check = std::sync::Arc::new(check);
    let validator =
        move |s: &str| -> Result<inquire::validator::Validation, inquire::CustomUserError> {
            Ok(match check(s) {
                Ok(()) => inquire::validator::Validation::Valid,
                Err(e) => inquire::validator::Validation::Invalid(e.into()),
            })
        };
    let mut q = inquire::Text::new(prompt)
        .with_help_message(help)
        .with_validator(validator);
    if let Some(d) = default {
        q = q.with_default(d);
    }
    q.prompt()
        .map(|s| s.trim().to_string())
        .map_err(|e| format!("cancelled: {e}"))
}

fn select(prompt: &str, list: &[&str]) -> Result<String, String> {
    inquire::Select::new(prompt, list.to_vec())
        .with_help_message("type to filter, arrows to move, enter to choose")
        .prompt()
        .map(str::to_string)
        .map_err(|e| format!("cancelled: {e}"))
}

fn multi(prompt: &str, list: &[&str], min: usize) -> Result<Vec<String>, String> {
    let validator = move |chosen: &[inquire::list_option::ListOption<&&str>]| -> Result<inquire::validator::Validation, inquire::CustomUserError> {
        Ok(if chosen.len() < min {
            inquire::validator::Validation::Invalid("choose at least one (space to select)".into())
        } else {
            inquire::validator::Validation::Valid
        })
    };
    inquire::MultiSelect::new(prompt, list.to_vec())
        .with_help_message("type to filter, space to select, enter to confirm")
        .with_validator(validator)
        .prompt()
        .map(|v| v.into_iter().map(str::to_string).collect())
        .map_err(|e| format!("cancelled: {e}"))
}

/// Asks for what is missing until the rendered file validates.
fn wizard(
    answers: &mut Answers,
    profile: Option<&Profile>,
    options: &RenderOptions,
    vopts: &publiccode::Options<'_>,
    license_default: Option<&str>,
    dir: &Path,
) -> Result<String, String> {
    let mut offered_lists = false;
    loop {
        for m in complete::missing(answers, profile) {
            // An earlier answer may have supplied it (maintenance type asks for contacts).
            if complete::missing(answers, profile).contains(&m) {
                ask(answers, &m, license_default)?;
            }
        }
        if !offered_lists {
            offered_lists = true;
            if answers.categories.is_empty() {
                answers.categories =
                    multi("Categories (optional, enter to skip)", lists::CATEGORIES, 0)?;
            }
            if answers.scope.is_empty() {
                answers.scope = multi("Scope (optional, enter to skip)", lists::SCOPES, 0)?;
            }
        }
        let yaml = publiccode_init::render(answers, options);
        let errors = publiccode::validate_str(&yaml, vopts)
            .diagnostics
            .into_iter()
            .filter(|d| d.is_error())
            .collect::<Vec<_>>();
        if errors.is_empty() {
            let Some(p) = profile else {
                return Ok(yaml);
            };
            let (blocking, advice) = profile_check(&yaml, p, dir);
            if blocking.is_empty() {
                for d in &advice {
                    eprintln!("{}", finding_line(d));
                }
                return Ok(yaml);
            }
            for d in &blocking {
                eprintln!("{}", finding_line(d));
                clear(answers, &d.key);
            }
            if complete::missing(answers, profile).is_empty() {
                return Err(format!(
                    "the answers do not satisfy profile {} and there is nothing left to ask",
                    p.id
                ));
            }
            continue;
        }
        for d in &errors {
            eprintln!("{} {}: {}", d.code, d.key, d.message);
            clear(answers, &d.key);
        }
        if complete::missing(answers, profile).is_empty() {
            return Err("the answers do not validate and there is nothing left to ask".into());
        }
    }
}

/// Sets the value of one of the keys a profile may require ([`publiccode_init::profile::FILLABLE_KEYS`]).
fn set_key(a: &mut Answers, key: &str, v: String) {
    match key {
        "landingURL" => a.landing_url = Some(v),
        "logo" => a.logo = Some(v),
        "softwareVersion" => a.software_version = Some(v),
        "releaseDate" => a.release_date = Some(v),
        "categories" => a.categories.push(v),
        "organisation.name" => a.organisation_name = Some(v),
        "organisation.uri" => a.organisation_uri = Some(v),
        "intendedAudience.countries" => a.countries.push(v),
        "intendedAudience.scope" => a.scope.push(v),
        "legal.mainCopyrightOwner" => a.main_copyright_owner = Some(v),
        _ => {}
    }
}

/// Forgets the answer under `key` so the wizard asks for it again.
fn clear(a: &mut Answers, key: &str) {
    let top = key.split(['.', '[']).next().unwrap_or_default();
    match top {
        "name" => a.name = None,
        "url" => a.url = None,
        "platforms" => a.platforms.clear(),
        "developmentStatus" => a.development_status = None,
        "softwareType" => a.software_type = None,
        "organisation" => a.organisation_uri = None,
        "legal" => a.license = None,
        "maintenance" => {
            a.contacts.clear();
            a.contractors.clear();
        }
        "description" => {
            let mut parts = key.split('.');
            let lang = parts.nth(1).unwrap_or_default();
            let field = parts.next().unwrap_or_default();
            if let Some(d) = a.descriptions.iter_mut().find(|d| d.lang == lang) {
                match field {
                    f if f.starts_with("shortDescription") => d.short = None,
                    f if f.starts_with("longDescription") => d.long = None,
                    f if f.starts_with("features") => d.features.clear(),
                    _ => {}
                }
            }
        }
        "softwareVersion" => a.software_version = None,
        "releaseDate" => a.release_date = None,
        "logo" => a.logo = None,
        "categories" => a.categories.clear(),
        "intendedAudience" => {
            a.countries.clear();
            a.scope.clear();
        }
        "dependsOn" => a.depends_on.clear(),
        "landingURL" => a.landing_url = None,
        _ => {}
    }
}

fn text_check(answers: &Answers, key: &'static str, set: fn(&mut Answers, String)) -> Box<Check> {
    let snapshot = answers.clone();
    let base = std::env::current_dir().unwrap_or_default();
    Box::new(move |s: &str| {
        if s.trim().is_empty() {
            return Err("required".into());
        }
        let v = s.trim().to_string();
        let errs = errors_for(&snapshot, key, |a| set(a, v), &base);
        errs.into_iter().next().map_or(Ok(()), Err)
    })
}

/// Asks for one missing value; `license_default` is a low-confidence licence detection.
fn ask(answers: &mut Answers, m: &Missing, license_default: Option<&str>) -> Result<(), String> {
    match m {
        Missing::Name => {
            let c = text_check(answers, "name", |a, v| a.name = Some(v));
            answers.name = Some(ask_text(
                "Name of the software",
                "short public name",
                None,
                c,
            )?);
        }
        Missing::Url => {
            let c = text_check(answers, "url", |a, v| a.url = Some(v));
            answers.url = Some(ask_text(
                "Repository URL",
                "e.g. https://github.com/org/repo",
                None,
                c,
            )?);
        }
        Missing::Platforms => answers.platforms = multi("Platforms", lists::PLATFORMS, 1)?,
        Missing::DevelopmentStatus => {
            answers.development_status =
                Some(select("Development status", lists::DEVELOPMENT_STATUS)?);
        }
        Missing::SoftwareType => {
            answers.software_type = Some(select("Software type", lists::SOFTWARE_TYPES)?);
        }
        Missing::Language => {
            let l = ask_text(
                "Description language",
                "a BCP 47 tag such as en, it, fr",
                Some("en"),
                Box::new(|s: &str| {
                    publiccode::checks::bcp47::check_language_tag(s.trim())
                        .map_err(|e| format!("{e:?}"))
                }),
            )?;
            answers.description_mut(&l);
        }
        Missing::ShortDescription(l) => {
            let v = ask_text(
                &format!("Short description ({l})"),
                "one sentence, at most 150 characters",
                None,
                Box::new(|s: &str| complete::check_description_text("shortDescription", s)),
            )?;
            answers.description_mut(l).short = Some(v);
        }
        Missing::LongDescription(l) => {
            let v = ask_text(
                &format!("Long description ({l})"),
                "what it does and why, 150 to 10,000 characters",
                None,
                Box::new(|s: &str| complete::check_description_text("longDescription", s)),
            )?;
            answers.description_mut(l).long = Some(v);
        }
        Missing::Features(l) => loop {
            let have = answers.description_mut(l).features.len();
            let v = inquire::Text::new(&format!("Feature ({l})"))
                .with_help_message(if have == 0 {
                    "one short sentence; at least one"
                } else {
                    "another feature, or enter to finish"
                })
                .prompt()
                .map_err(|e| format!("cancelled: {e}"))?;
            let v = v.trim().to_string();
            if v.is_empty() {
                if have > 0 {
                    break;
                }
                continue;
            }
            answers.description_mut(l).features.push(v);
        },
        Missing::License => {
            let v = ask_text(
                "Licence (SPDX expression)",
                if license_default.is_some() {
                    "default: the closest match of the licence file, below the confidence threshold; check it"
                } else {
                    "e.g. EUPL-1.2, AGPL-3.0-or-later, MIT OR Apache-2.0"
                },
                license_default,
                Box::new(|s: &str| {
                    match publiccode::checks::license::check_license(s.trim())
                        .into_iter()
                        .find(|f| {
                            matches!(
                                f,
                                publiccode::checks::license::LicenseFinding::Invalid { .. }
                            )
                        }) {
                        Some(publiccode::checks::license::LicenseFinding::Invalid {
                            message,
                            ..
                        }) => Err(message),
                        _ => Ok(()),
                    }
                }),
            )?;
            answers.license = Some(v);
        }
        Missing::MaintenanceType => {
            answers.maintenance_type = Some(select("Maintenance", lists::MAINTENANCE_TYPES)?);
            for m in complete::missing(answers, None) {
                if matches!(m, Missing::Contacts | Missing::Contractors) {
                    ask(answers, &m, None)?;
                }
            }
        }
        Missing::Contacts => loop {
            let have = answers.contacts.len();
            let v = ask_text(
                "Maintenance contact",
                if have == 0 {
                    "Name <email> of a real person; at least one"
                } else {
                    "another contact, or enter to finish"
                },
                None,
                Box::new(move |s: &str| {
                    if s.trim().is_empty() && have > 0 {
                        return Ok(());
                    }
                    Contact::parse(s)
                        .map(|_| ())
                        .ok_or_else(|| "expected Name <email>".into())
                }),
            )?;
            match Contact::parse(&v) {
                Some(c) => answers.contacts.push(c),
                None => break,
            }
        },
        Missing::Contractors => {
            let c = ask_text(
                "Contractor",
                "Name <email> of the company maintaining the software",
                None,
                Box::new(|s: &str| {
                    Contact::parse(s)
                        .map(|_| ())
                        .ok_or_else(|| "expected Name <email>".into())
                }),
            )?;
            let until = ask_text(
                "Contract ends on",
                "YYYY-MM-DD",
                None,
                Box::new(|s: &str| {
                    publiccode::checks::date::parse_date(s.trim())
                        .map(|_| ())
                        .ok_or_else(|| "expected YYYY-MM-DD".into())
                }),
            )?;
            if let Some(c) = Contact::parse(&c) {
                answers.contractors.push(Contractor {
                    name: c.name,
                    until,
                    email: c.email,
                });
            }
        }
        Missing::OrganisationUri(hint) => {
            let ipa = hint.starts_with("urn:x-italian-pa:");
            let c = text_check(answers, "organisation", |a, v| a.organisation_uri = Some(v));
            let help = if hint == "URI" {
                "a URL or URN identifying the organisation".to_string()
            } else {
                format!("the profile asks for {hint}")
            };
            let v = ask_text(
                "Organisation URI",
                &help,
                None,
                Box::new(move |s: &str| {
                    if ipa && publiccode::checks::url::italian_pa_code(s.trim()).is_none() {
                        return Err("expected urn:x-italian-pa:<iPA code>".into());
                    }
                    c(s)
                }),
            )?;
            answers.organisation_uri = Some(v);
        }
        Missing::Languages(n) => {
            let have: Vec<String> = answers
                .descriptions
                .iter()
                .map(|d| d.lang.clone())
                .collect();
            let l = ask_text(
                "Another description language",
                &format!(
                    "the profile asks for {n} languages; you have {}",
                    have.join(", ")
                ),
                None,
                Box::new(move |s: &str| {
                    let s = s.trim();
                    if have.iter().any(|h| h.eq_ignore_ascii_case(s)) {
                        return Err(format!("{s} is already a description language"));
                    }
                    publiccode::checks::bcp47::check_language_tag(s)
                        .map_err(|e| format!("{s} is not a BCP 47 language tag: {e:?}"))
                }),
            )?;
            answers.description_mut(&l);
        }
        Missing::Key(k) => {
            let key = k.clone();
            let v = ask_text(
                &format!("{k} (the profile asks for it)"),
                "see the standard for its form",
                None,
                Box::new(move |s: &str| {
                    if s.trim().is_empty() {
                        Err(format!("{key} is required by the profile"))
                    } else {
                        Ok(())
                    }
                }),
            )?;
            set_key(answers, k, v);
        }
    }
    Ok(())
}
