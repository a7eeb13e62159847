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
        Err(Stop::Usage(message)) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
        Err(Stop::Interrupted) => {
            eprintln!("error: interrupted; nothing was written");
            EXIT_INTERRUPTED
        }
    }
}

/// Exit code after Ctrl-C (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: u8 = 130;

/// Why `init` stops early.
#[derive(Debug)]
enum Stop {
    /// A usage or I/O problem, reported with exit code 2.
    Usage(String),
    /// The user pressed Ctrl-C or Esc at a prompt.
    Interrupted,
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Usage(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Stop {
        Stop::Usage(message.to_string())
    }
}

/// Turns a prompt error into a [`Stop`]: Ctrl-C and Esc interrupt, anything else is an
/// I/O problem.
fn prompt_error(e: inquire::InquireError) -> Stop {
    match e {
        inquire::InquireError::OperationInterrupted | inquire::InquireError::OperationCanceled => {
            Stop::Interrupted
        }
        e => Stop::Usage(format!("cannot prompt: {e}")),
    }
}

fn run_inner(args: Args) -> Result<u8, Stop> {
    if args.stdout && args.output.is_some() {
        return Err("--stdout prints the file and --output writes it; use one of them".into());
    }
    let profile = resolve_profile(args.profile.as_deref())?;
    let profile = profile.as_ref();
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| args.dir.join("publiccode.yml"));
    refuse_existing(&args, &target)?;
    let inference = (!args.no_infer).then(|| publiccode_init::infer(&args.dir));
    // Descriptions are in the README's language unless flags or a profile say otherwise.
    let default_lang = inference
        .as_ref()
        .map_or("en", |i| i.description_language())
        .to_string();
    let mut answers = from_flags(&args, profile, &default_lang)?;
    let from_flags = answers.clone();
    let mut inferred = Vec::new();
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
        inferred = used.clone();
        if !args.quiet {
            report_inference(inference, &answers, used, language_inferred);
        }
        license_default = inference
            .license_candidates
            .first()
            .map(|g| g.value.clone());
    }
    let interactive = !args.yes && std::io::stdin().is_terminal();
    let options = RenderOptions::new().with_comments(!args.no_comments);
    let resources = publiccode::DirResources::new(&args.dir);
    let vopts = publiccode::Options::new().with_resources(&resources);
    let yaml = if interactive {
        let hints = Hints {
            profile,
            license_default,
            license_conflict: conflict,
            language: inference
                .as_ref()
                .and_then(|i| i.language.as_ref())
                .filter(|_| language_inferred)
                .map(|g| g.value.clone()),
            from_flags,
            inferred,
            dir: &args.dir,
        };
        wizard(&mut answers, &hints, &options, &vopts)?
    } else {
        match render_unattended(&answers, profile, &conflict, &options, &vopts, &args.dir) {
            Ok(yaml) => yaml,
            Err(code) => return Ok(code),
        }
    };
    if args.stdout {
        print!("{yaml}");
        return Ok(exit::OK);
    }
    write_new(&args, &target, &yaml)?;
    Ok(exit::OK)
}

/// The profile `--profile` names, or a usage error listing the known ones.
fn resolve_profile(id: Option<&str>) -> Result<Option<Profile>, Stop> {
    let Some(id) = id else { return Ok(None) };
    let profile = publiccode_init::profile::find(id).ok_or_else(|| {
        format!(
            "unknown profile {id:?}; known profiles: {}",
            publiccode_init::profile::ids().join(", ")
        )
    })?;
    Ok(Some(profile))
}

/// Refuses to overwrite an existing descriptor unless `--force` or `--stdout` says so.
fn refuse_existing(args: &Args, target: &Path) -> Result<(), Stop> {
    // A repository has one descriptor, under one of the names every command looks for.
    let existing = if args.output.is_some() {
        Some(target.to_path_buf()).filter(|t| t.exists())
    } else {
        crate::discover::DESCRIPTOR_NAMES
            .iter()
            .map(|n| args.dir.join(n))
            .find(|p| p.exists())
    };
    if let Some(existing) = existing.filter(|_| !args.stdout && !args.force) {
        return Err(format!(
            "{} already exists; run `publiccode upgrade {}` to bring it up to date, or use --force to write a new file (--stdout to print one)",
            existing.display(),
            existing.display()
        )
        .into());
    }
    Ok(())
}

/// Lists on standard error what was inferred from the repository, and from where.
fn report_inference(
    inference: &publiccode_init::Inference,
    answers: &Answers,
    used: Vec<(String, String, String)>,
    language_inferred: bool,
) {
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

/// Without prompts: renders the answers, or reports what is missing or invalid and gives
/// the exit code to stop with.
fn render_unattended(
    answers: &Answers,
    profile: Option<&Profile>,
    conflict: &[(String, String)],
    options: &RenderOptions,
    vopts: &publiccode::Options<'_>,
    dir: &Path,
) -> Result<String, u8> {
    let missing = complete::missing(answers, profile);
    if !missing.is_empty() {
        report_missing(answers, &missing, conflict);
        return Err(exit::USAGE);
    }
    let yaml = publiccode_init::render(answers, options);
    let errors = complete::validation_errors(&yaml, vopts);
    if !errors.is_empty() {
        eprintln!("error: the values given do not make a valid file:");
        for e in errors {
            eprintln!("  {e}");
        }
        return Err(exit::USAGE);
    }
    if let Some(p) = &profile {
        let (blocking, advice) = profile_check(&yaml, p, dir);
        for d in &advice {
            eprintln!("{}", finding_line(d));
        }
        if !blocking.is_empty() {
            eprintln!("error: the values given do not satisfy profile {}:", p.id);
            for d in &blocking {
                eprintln!("  {}", finding_line(d));
            }
            return Err(exit::USAGE);
        }
    }
    Ok(yaml)
}

/// Prints the required (and conditionally required) values that are missing, each with
/// the flag that gives it, in aligned columns.
fn report_missing(answers: &Answers, missing: &[Missing], conflict: &[(String, String)]) {
    eprintln!("error: required values are missing; give them with:");
    let mut rows: Vec<(String, String)> = missing
        .iter()
        .map(|m| (m.key(), flag_for(m, answers, conflict)))
        .collect();
    rows.extend(complete::conditional(answers).into_iter().map(|(m, when)| {
        let flag = flag_for(&m, answers, conflict);
        let flag = match flag.strip_suffix(')') {
            Some(open) => format!("{open}; {when})"),
            None => format!("{flag} ({when})"),
        };
        (m.key(), flag)
    }));
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    for (key, flag) in rows {
        eprintln!("  {key:<width$}  {flag}");
    }
}

/// Writes the file; a new file is created only if none appeared meanwhile, `--force`
/// replaces.
fn write_new(args: &Args, target: &Path, yaml: &str) -> Result<(), Stop> {
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
    crate::write::write_file(target, &root, expect, yaml.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    if !args.quiet {
        eprintln!("wrote {}", target.display());
    }
    Ok(())
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
    let yaml = publiccode_init::render(&a, &RenderOptions::new().with_comments(false));
    let resources = publiccode::DirResources::new(base);
    let opts = publiccode::Options::new().with_resources(&resources);
    publiccode::validate_str(&yaml, &opts)
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error() && d.key.starts_with(&publiccode::KeyPath::from(key)))
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
) -> Result<String, Stop> {
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
        .map_err(prompt_error)
}

fn select(prompt: &str, list: &[&str]) -> Result<String, Stop> {
    inquire::Select::new(prompt, list.to_vec())
        .with_help_message("type to filter, arrows to move, enter to choose")
        .prompt()
        .map(str::to_string)
        .map_err(prompt_error)
}

fn multi(prompt: &str, list: &[&str], min: usize) -> Result<Vec<String>, Stop> {
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
        .map_err(prompt_error)
}

/// What the wizard knows besides the answers.
struct Hints<'a> {
    profile: Option<&'a Profile>,
    /// A low-confidence licence detection, offered as the default.
    license_default: Option<String>,
    /// Licences the repository disagrees about, as (expression, source).
    license_conflict: Vec<(String, String)>,
    /// The inferred description language, to confirm.
    language: Option<String>,
    /// The answers as the flags gave them, to tell sources apart in the review.
    from_flags: Answers,
    /// Inferred values that were used: (key, value, source).
    inferred: Vec<(String, String, String)>,
    dir: &'a Path,
}

/// Every value of the answers as (key, value) rows, for the review step.
fn review_rows(a: &Answers) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    fn one(rows: &mut Vec<(String, String)>, k: String, v: &Option<String>) {
        if let Some(v) = v {
            rows.push((k, v.clone()));
        }
    }
    one(&mut rows, "name".into(), &a.name);
    one(&mut rows, "url".into(), &a.url);
    one(&mut rows, "landingURL".into(), &a.landing_url);
    one(&mut rows, "softwareVersion".into(), &a.software_version);
    one(&mut rows, "releaseDate".into(), &a.release_date);
    one(&mut rows, "logo".into(), &a.logo);
    one(&mut rows, "developmentStatus".into(), &a.development_status);
    one(&mut rows, "softwareType".into(), &a.software_type);
    one(&mut rows, "organisation.name".into(), &a.organisation_name);
    one(&mut rows, "organisation.uri".into(), &a.organisation_uri);
    one(&mut rows, "legal.license".into(), &a.license);
    one(
        &mut rows,
        "legal.mainCopyrightOwner".into(),
        &a.main_copyright_owner,
    );
    one(&mut rows, "maintenance.type".into(), &a.maintenance_type);
    for d in &a.descriptions {
        one(
            &mut rows,
            format!("description.{}.shortDescription", d.lang),
            &d.short,
        );
        one(
            &mut rows,
            format!("description.{}.longDescription", d.lang),
            &d.long,
        );
        if !d.features.is_empty() {
            rows.push((
                format!("description.{}.features", d.lang),
                d.features.join("; "),
            ));
        }
    }
    let lists: [(&str, Vec<String>); 6] = [
        ("platforms", a.platforms.clone()),
        ("categories", a.categories.clone()),
        ("intendedAudience.countries", a.countries.clone()),
        ("intendedAudience.scope", a.scope.clone()),
        (
            "maintenance.contacts",
            a.contacts
                .iter()
                .map(|c| match &c.email {
                    Some(e) => format!("{} <{e}>", c.name),
                    None => c.name.clone(),
                })
                .collect(),
        ),
        (
            "maintenance.contractors",
            a.contractors
                .iter()
                .map(|c| format!("{} until {}", c.name, c.until))
                .collect(),
        ),
    ];
    for (k, v) in lists {
        if !v.is_empty() {
            rows.push((k.to_string(), v.join(", ")));
        }
    }
    rows.push((
        "localisation.availableLanguages".into(),
        a.effective_available_languages().join(", "),
    ));
    rows
}

/// Where a reviewed value came from.
fn source_of(key: &str, value: &str, hints: &Hints<'_>) -> String {
    if review_rows(&hints.from_flags)
        .iter()
        .any(|(k, v)| k == key && v == value)
    {
        return "command line".into();
    }
    if let Some((_, _, src)) = hints
        .inferred
        .iter()
        .find(|(k, v, _)| k == key && (v == value || v.replace(", ", "; ") == value))
    {
        return format!("inferred from {src}");
    }
    if key == "localisation.availableLanguages" {
        return "the description languages".into();
    }
    "your answer".into()
}

/// Shows every value and where it came from; the user writes, changes one, or stops.
/// `Ok(None)` means "write"; `Ok(Some(key))` a value to ask again.
fn review(answers: &Answers, hints: &Hints<'_>) -> Result<Option<String>, Stop> {
    let rows = review_rows(answers);
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    eprintln!();
    eprintln!("The file will hold:");
    for (k, v) in &rows {
        eprintln!(
            "  {k:<width$}  {}  ({})",
            one_line(v, 60),
            source_of(k, v, hints)
        );
    }
    let choice = select(
        "Write publiccode.yml?",
        &["Write the file", "Change a value", "Stop without writing"],
    )?;
    match choice.as_str() {
        "Write the file" => Ok(None),
        "Change a value" => {
            let keys: Vec<&str> = rows
                .iter()
                .map(|r| r.0.as_str())
                .filter(|k| *k != "localisation.availableLanguages")
                .collect();
            Ok(Some(select("Which value?", &keys)?))
        }
        _ => Err(Stop::Interrupted),
    }
}

/// Asks for what is missing until the rendered file validates (and satisfies the
/// profile), then shows the review.
fn wizard(
    answers: &mut Answers,
    hints: &Hints<'_>,
    options: &RenderOptions,
    vopts: &publiccode::Options<'_>,
) -> Result<String, Stop> {
    let profile = hints.profile;
    if let Some(lang) = &hints.language {
        confirm_language(answers, lang)?;
    }
    let mut offered_lists = false;
    loop {
        for m in complete::missing(answers, profile) {
            // An earlier answer may have supplied it (maintenance type asks for contacts).
            if complete::missing(answers, profile).contains(&m) {
                ask(answers, &m, hints)?;
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
        let mut problems: Vec<publiccode::Diagnostic> = publiccode::validate_str(&yaml, vopts)
            .diagnostics
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        let mut advice = Vec::new();
        if problems.is_empty()
            && let Some(p) = profile
        {
            (problems, advice) = profile_check(&yaml, p, hints.dir);
        }
        if problems.is_empty() {
            for d in &advice {
                eprintln!("{}", finding_line(d));
            }
            match review(answers, hints)? {
                None => return Ok(yaml),
                Some(key) => {
                    clear(answers, &key);
                    if key == "categories" || key == "intendedAudience.scope" {
                        offered_lists = false;
                    }
                    continue;
                }
            }
        }
        for d in &problems {
            eprintln!("{}", finding_line(d));
            clear(answers, d.key.as_str());
        }
        if complete::missing(answers, profile).is_empty() {
            return Err(Stop::Usage(
                "the answers do not validate and there is nothing left to ask".into(),
            ));
        }
    }
}

/// Asks to confirm the language the README was detected in; a different answer moves
/// the inferred description under the language given.
fn confirm_language(answers: &mut Answers, lang: &str) -> Result<(), Stop> {
    let l = ask_text(
        "Description language",
        "detected from the README; a BCP 47 tag such as en, it, fr",
        Some(lang),
        Box::new(|s: &str| {
            publiccode::checks::bcp47::check_language_tag(s.trim())
                .map_err(|e| format!("{} is not a BCP 47 language tag: {e:?}", s.trim()))
        }),
    )?;
    if l != lang
        && !answers.descriptions.iter().any(|d| d.lang == l)
        && let Some(d) = answers.descriptions.iter_mut().find(|d| d.lang == lang)
    {
        d.lang = l;
    }
    Ok(())
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
        "organisation" if key == "organisation.name" => a.organisation_name = None,
        "organisation" => a.organisation_uri = None,
        "legal" if key == "legal.mainCopyrightOwner" => a.main_copyright_owner = None,
        "legal" => a.license = None,
        "maintenance" if key == "maintenance.type" => {
            a.maintenance_type = None;
            a.contacts.clear();
            a.contractors.clear();
        }
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
        "intendedAudience" if key == "intendedAudience.scope" => a.scope.clear(),
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

/// What is wrong with a licence expression, in words: `Apache 2` → did you mean
/// `Apache-2.0`.
fn license_problem(s: &str) -> Result<(), String> {
    use publiccode::checks::license::{LicenseFinding, check_license};
    let s = s.trim();
    if s.is_empty() {
        return Err("required: an SPDX expression such as EUPL-1.2".into());
    }
    let invalid = check_license(s).into_iter().find_map(|f| match f {
        LicenseFinding::Invalid { message, .. } => Some(message),
        _ => None,
    });
    match invalid {
        None => Ok(()),
        Some(message) => match spdx::imprecise_license_id(s) {
            Some((id, _)) => Err(format!(
                "`{s}` is not an SPDX identifier; did you mean `{}`?",
                id.name
            )),
            None => Err(message),
        },
    }
}

/// Deprecated SPDX ids in an expression, with their replacements, for a warning.
fn deprecated_ids(s: &str) -> Vec<(String, Vec<String>)> {
    use publiccode::checks::license::{LicenseFinding, check_license};
    check_license(s.trim())
        .into_iter()
        .filter_map(|f| match f {
            LicenseFinding::Deprecated {
                id, replacements, ..
            } => Some((id, replacements)),
            _ => None,
        })
        .collect()
}

/// Asks for the licence: a choice when the repository disagrees, otherwise an
/// expression checked as it is typed; a deprecated id is warned about and confirmed.
fn ask_license(hints: &Hints<'_>) -> Result<String, Stop> {
    loop {
        let v = if hints.license_conflict.is_empty() {
            ask_text(
                "Licence (SPDX expression)",
                if hints.license_default.is_some() {
                    "default: the closest match of the licence file, below the confidence threshold; check it"
                } else {
                    "e.g. EUPL-1.2, AGPL-3.0-or-later, MIT OR Apache-2.0"
                },
                hints.license_default.as_deref(),
                Box::new(license_problem),
            )?
        } else {
            eprintln!("The repository disagrees about the licence:");
            for (expr, source) in &hints.license_conflict {
                eprintln!("  {}", publiccode_init::infer::said_by(source, expr));
            }
            let mut options: Vec<String> =
                hints.license_conflict.iter().map(|c| c.0.clone()).collect();
            options.dedup();
            options.push("another licence".into());
            let refs: Vec<&str> = options.iter().map(String::as_str).collect();
            let pick = select("Which licence applies?", &refs)?;
            if pick == "another licence" {
                ask_text(
                    "Licence (SPDX expression)",
                    "e.g. EUPL-1.2, AGPL-3.0-or-later, MIT OR Apache-2.0",
                    None,
                    Box::new(license_problem),
                )?
            } else {
                pick
            }
        };
        let deprecated = deprecated_ids(&v);
        if deprecated.is_empty() {
            return Ok(v);
        }
        for (id, replacements) in &deprecated {
            eprintln!(
                "warning: `{id}` is a deprecated SPDX identifier; write {}",
                replacements
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            );
        }
        if confirm("Keep the deprecated identifier?", false)? {
            return Ok(v);
        }
    }
}

/// A yes/no question.
fn confirm(prompt: &str, default: bool) -> Result<bool, Stop> {
    inquire::Confirm::new(prompt)
        .with_default(default)
        .prompt()
        .map_err(prompt_error)
}

/// What is wrong with a date, in words: `2026-02-30` is not a calendar date.
fn date_problem(s: &str) -> Result<(), String> {
    let s = s.trim();
    if publiccode::checks::date::parse_date(s).is_some() {
        return Ok(());
    }
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(format!(
            "write the date as YYYY-MM-DD (for example 2027-12-31), not `{s}`"
        ));
    }
    let month: u32 = s[5..7].parse().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Err(format!(
            "{s} is not a calendar date: there is no month {month}"
        ));
    }
    Err(format!(
        "{s} is not a calendar date: that month has no day {}",
        &s[8..10]
    ))
}

/// Opens `$VISUAL` or `$EDITOR` on `initial` (lines starting with `#` are dropped from
/// the result); `None` when neither is set or the editor fails.
fn edit_in_editor(initial: &str) -> Option<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })?;
    edit_with(&editor, initial)
}

/// Runs the editor command `editor` on a temporary file holding `initial`.
fn edit_with(editor: &str, initial: &str) -> Option<String> {
    let file = tempfile::Builder::new()
        .prefix("publiccode-description-")
        .suffix(".md")
        .tempfile()
        .ok()?;
    std::fs::write(file.path(), initial).ok()?;
    // Through the shell, so that EDITOR="code --wait" works.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let text = std::fs::read_to_string(file.path()).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string(),
    )
}

/// Asks for a long description: in the user's editor when one is set (again, with the
/// reason, until it fits), otherwise on one line.
fn ask_long_description(lang: &str) -> Result<String, Stop> {
    let mut text = String::new();
    let mut problem = String::new();
    loop {
        let header = format!(
            "# Long description ({lang}): what the software does and why, 150 to 10,000 characters.\n# Lines starting with # are left out. Save and close the editor when done.\n{problem}"
        );
        match edit_in_editor(&format!("{header}\n{text}")) {
            Some(t) => match complete::check_description_text("longDescription", &t) {
                Ok(()) => return Ok(t),
                Err(e) => {
                    eprintln!("{e}");
                    if t.is_empty() && !confirm("Open the editor again?", true)? {
                        return Err(Stop::Interrupted);
                    }
                    problem = format!("# Not yet: {e}\n");
                    text = t;
                }
            },
            None => {
                return ask_text(
                    &format!("Long description ({lang})"),
                    "what it does and why, 150 to 10,000 characters",
                    None,
                    Box::new(|s: &str| complete::check_description_text("longDescription", s)),
                );
            }
        }
    }
}

/// Asks for the end of a maintenance contract; a date in the past is warned about.
fn ask_contract_end() -> Result<String, Stop> {
    loop {
        let until = ask_text(
            "Contract ends on",
            "YYYY-MM-DD",
            None,
            Box::new(date_problem),
        )?;
        let today = today();
        if until.as_str() >= today.as_str() {
            return Ok(until);
        }
        eprintln!("warning: the contract ended on {until}, before today ({today})");
        if confirm("Keep a contract that has ended?", false)? {
            return Ok(until);
        }
    }
}

/// Today's date, `YYYY-MM-DD` (UTC), from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Asks for one missing value.
fn ask(answers: &mut Answers, m: &Missing, hints: &Hints<'_>) -> Result<(), Stop> {
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
            let v = ask_long_description(l)?;
            answers.description_mut(l).long = Some(v);
        }
        Missing::Features(l) => ask_features(answers, l)?,
        Missing::License => answers.license = Some(ask_license(hints)?),
        Missing::MaintenanceType => {
            answers.maintenance_type = Some(select("Maintenance", lists::MAINTENANCE_TYPES)?);
            for m in complete::missing(answers, None) {
                if matches!(m, Missing::Contacts | Missing::Contractors) {
                    ask(answers, &m, hints)?;
                }
            }
        }
        Missing::Contacts => ask_contacts(answers)?,
        Missing::Contractors => ask_contractor(answers)?,
        Missing::OrganisationUri(hint) => ask_organisation_uri(answers, hint)?,
        Missing::Languages(n) => ask_another_language(answers, *n)?,
        Missing::Key(k) => ask_profile_key(answers, k)?,
    }
    Ok(())
}

/// Asks for features in language `l` until an empty answer, at least one.
fn ask_features(answers: &mut Answers, l: &str) -> Result<(), Stop> {
    loop {
        let have = answers.description_mut(l).features.len();
        let v = inquire::Text::new(&format!("Feature ({l})"))
            .with_help_message(if have == 0 {
                "one short sentence; at least one"
            } else {
                "another feature, or enter to finish"
            })
            .prompt()
            .map_err(prompt_error)?;
        let v = v.trim().to_string();
        if v.is_empty() {
            if have > 0 {
                return Ok(());
            }
            continue;
        }
        answers.description_mut(l).features.push(v);
    }
}

/// Asks for maintenance contacts until an empty answer, at least one.
fn ask_contacts(answers: &mut Answers) -> Result<(), Stop> {
    loop {
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
            None => return Ok(()),
        }
    }
}

/// Asks for one contractor and the end of its contract.
fn ask_contractor(answers: &mut Answers) -> Result<(), Stop> {
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
    let until = ask_contract_end()?;
    if let Some(c) = Contact::parse(&c) {
        answers.contractors.push(Contractor {
            name: c.name,
            until,
            email: c.email,
        });
    }
    Ok(())
}

/// Asks for the organisation's URI in the form the profile's `hint` names.
fn ask_organisation_uri(answers: &mut Answers, hint: &str) -> Result<(), Stop> {
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
    Ok(())
}

/// Asks for one more description language when the profile wants `n` of them.
fn ask_another_language(answers: &mut Answers, n: usize) -> Result<(), Stop> {
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
    Ok(())
}

/// Asks for a key the profile requires that the wizard has no dedicated question for.
fn ask_profile_key(answers: &mut Answers, k: &str) -> Result<(), Stop> {
    let key = k.to_string();
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_messages_say_what_is_wrong() {
        assert_eq!(
            date_problem("2026-02-30"),
            Err("2026-02-30 is not a calendar date: that month has no day 30".into())
        );
        assert_eq!(
            date_problem("2026-13-01"),
            Err("2026-13-01 is not a calendar date: there is no month 13".into())
        );
        assert!(
            date_problem("31/12/2026")
                .is_err_and(|e| e.contains("YYYY-MM-DD") && e.contains("31/12/2026"))
        );
        assert_eq!(date_problem("2024-02-29"), Ok(()));
        assert_eq!(
            license_problem("Apache 2"),
            Err("`Apache 2` is not an SPDX identifier; did you mean `Apache-2.0`?".into())
        );
        assert_eq!(license_problem("EUPL-1.2"), Ok(()));
        assert_eq!(
            deprecated_ids("GPL-3.0").first().map(|d| d.0.clone()),
            Some("GPL-3.0".into())
        );
        assert!(deprecated_ids("GPL-3.0-only").is_empty());
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert!(publiccode::checks::date::parse_date(&t).is_some(), "{t}");
        assert!(t.as_str() > "2024-01-01");
    }

    #[test]
    fn long_description_in_the_editor() {
        // An "editor" that appends a text to the file it is given.
        let dir = tempfile::tempdir().expect("temp dir");
        let script = dir.path().join("editor.sh");
        std::fs::write(
            &script,
            "#!/bin/sh\nprintf 'Written in the editor, on two lines\\nof text.\\n' >> \"$1\"\n",
        )
        .expect("write script");
        let text = edit_with(&format!("sh {}", script.display()), "# a comment\nkept\n");
        assert_eq!(
            text.as_deref(),
            Some("kept\nWritten in the editor, on two lines\nof text.")
        );
        assert_eq!(
            edit_with("false", "x"),
            None,
            "a failing editor gives nothing"
        );
    }
}
