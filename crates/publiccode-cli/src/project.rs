//! The project configuration as `validate` applies it: which configuration file governs
//! each input (found by walking up, `--config FILE`, or none with `--no-config`), the
//! flags on top of it, and one [`Checker`] per distinct set of settings, so a run over a
//! catalogue with per-path overrides still loads each profile set once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use publiccode_check::config::{self, Config, ConfigError};
use publiccode_check::{CheckOptions, Checker, InputFormat, Policy};

use crate::discover::{Input, Listing};

/// What the flags say, before any configuration is read. Empty or `false` means the
/// flag was not given, so the configuration decides.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--profile`, replacing the configuration's list when given.
    pub profiles: Vec<String>,
    /// `--ipa-codes`.
    pub ipa_codes: Option<PathBuf>,
    /// `--profile-list NAME=FILE`.
    pub profile_lists: Vec<(String, PathBuf)>,
    /// `--warnings-as-errors`.
    pub warnings_as_errors: bool,
    /// `--no-local-checks`.
    pub no_local_checks: bool,
    /// `--ignore CODE`, added to the configuration's list.
    pub ignore: Vec<String>,
    /// `--input-format`.
    pub input_format: Option<InputFormat>,
    /// Largest publiccode.yml accepted.
    pub max_bytes: usize,
    /// Whether `# publiccode: ignore` comments count (`--no-inline-suppressions`).
    pub inline_suppressions: bool,
    /// The network checks (`--network`), one for the run (one cache, one deadline),
    /// shared by every checker.
    pub network: Option<Arc<dyn publiccode_check::Extension>>,
}

/// Where configuration comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Walk up from each descriptor.
    Discover,
    /// `--config FILE`: this one for every input.
    File(PathBuf),
    /// `--no-config`.
    None,
}

/// Settings that decide how a file is checked; equal keys share a [`Checker`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    profiles: Vec<String>,
    ipa_codes: Option<PathBuf>,
    warnings_as_errors: bool,
    local_checks: bool,
    ignore: Vec<String>,
}

/// A problem found before any file is checked (exit code 2).
#[derive(Debug)]
pub enum SetupError {
    /// A configuration file has mistakes.
    Config(Vec<ConfigError>),
    /// A profile, iPA list or data list could not be loaded: (file, diagnostic).
    Policy(Vec<(String, publiccode::Diagnostic)>),
    /// `--ignore` names no rule.
    UnknownCode(String),
}

impl SetupError {
    /// Prints the problem on standard error, as `error: FILE:LINE:COL: KEY: MESSAGE`.
    pub fn report(&self) {
        match self {
            SetupError::Config(errors) => {
                for e in errors {
                    eprintln!("error: {}", crate::escape::line(&e.to_string()));
                }
            }
            SetupError::Policy(problems) => {
                for (file, d) in problems {
                    if d.line > 0 {
                        eprintln!("error: {file}:{}:{}: {}", d.line, d.column, d.message);
                    } else {
                        eprintln!("error: {file}: {}", d.message);
                    }
                }
            }
            SetupError::UnknownCode(c) => {
                eprintln!("error: --ignore {c}: unknown rule; `publiccode explain` lists the codes")
            }
        }
    }
}

/// Finds the configuration of each input as the search reaches it, and the checker
/// for it: each folder's configuration files are looked at once per run
/// ([`config::Discovery`]), the checker of a folder whose configuration has no
/// per-path overrides is remembered with it, and equal settings share one
/// [`Checker`], so a catalogue with per-path overrides still loads each profile set
/// once. Nothing needs every input first, so checking starts with the first one found.
pub struct Planner {
    source: Source,
    flags: Flags,
    stdin_name: Option<PathBuf>,
    ignore_flags: Vec<String>,
    fixed: Option<Arc<Config>>,
    discovery: config::Discovery,
    /// Per folder (as written): its configuration, and its checker when the
    /// configuration says the same for every file in it.
    folders: HashMap<PathBuf, Folder>,
    checkers: HashMap<Key, Arc<Checker>>,
    /// Configuration files whose mistakes were already reported.
    reported: std::collections::HashSet<String>,
}

/// A folder's configuration, and its checker when that is the same for every file.
type Folder = (Option<Arc<Config>>, Option<Arc<Checker>>);

impl Planner {
    /// Checks the flags (`--ignore` codes, `--config FILE`); an error here stops the run
    /// before anything is checked.
    pub fn new(
        source: Source,
        flags: Flags,
        stdin_name: Option<&Path>,
    ) -> Result<Planner, SetupError> {
        let mut ignore_flags = Vec::new();
        for c in &flags.ignore {
            match config::resolve_code(c) {
                Some(code) => ignore_flags.push(code),
                None => return Err(SetupError::UnknownCode(c.clone())),
            }
        }
        let fixed = match &source {
            Source::File(p) => Some(Arc::new(config::load(p).map_err(SetupError::Config)?)),
            _ => None,
        };
        Ok(Planner {
            source,
            flags,
            stdin_name: stdin_name.map(Path::to_path_buf),
            ignore_flags,
            fixed,
            discovery: config::Discovery::new(),
            folders: HashMap::new(),
            checkers: HashMap::new(),
            reported: std::collections::HashSet::new(),
        })
    }

    /// The configuration found from the current directory (or `--config`), which
    /// supplies run-wide settings such as the output format.
    pub fn run_config(&mut self) -> Result<Option<Arc<Config>>, SetupError> {
        self.config_in(Path::new("."), None)
    }

    /// The configuration governing a descriptor in `dir` (`listing`: that folder's
    /// names, when the search has just listed it).
    fn config_in(
        &mut self,
        dir: &Path,
        listing: Option<&Listing>,
    ) -> Result<Option<Arc<Config>>, SetupError> {
        match self.source {
            Source::None => Ok(None),
            Source::File(_) => Ok(self.fixed.clone()),
            Source::Discover => {
                let listed = listing.map(|l| move |name: &str| l.listed(name));
                let listed = listed
                    .as_ref()
                    .map(|l| l as &dyn Fn(&str) -> config::Listed);
                self.discovery
                    .find_listed(dir, listed)
                    .map_err(SetupError::Config)
            }
        }
    }

    /// The checker for `input` (`listing`: the listing of its folder, when the search
    /// found it there). A configuration with mistakes, or a profile or list it names
    /// that cannot be loaded, is an error for every input it governs.
    pub fn checker_for(
        &mut self,
        input: &Input,
        listing: Option<&Listing>,
    ) -> Result<Arc<Checker>, SetupError> {
        let file = match input {
            Input::File(p) => p.clone(),
            Input::Stdin => self
                .stdin_name
                .clone()
                .unwrap_or_else(|| PathBuf::from("publiccode.yml")),
        };
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let cfg = match self.folders.get(&dir) {
            Some((_, Some(checker))) => return Ok(Arc::clone(checker)),
            Some((cfg, None)) => cfg.clone(),
            None => {
                let cfg = self.config_in(&dir, listing)?;
                self.folders.insert(dir.clone(), (cfg.clone(), None));
                cfg
            }
        };
        let checker = self.checker_with(cfg.as_deref(), &file)?;
        // Without per-path overrides, every file of the folder gets the same checker.
        if cfg.as_ref().is_none_or(|c| c.overrides.is_empty()) {
            self.folders.insert(dir, (cfg, Some(Arc::clone(&checker))));
        }
        // Bounded, so that memory stays flat over any number of folders.
        if self.folders.len() > 4096 {
            self.folders.clear();
        }
        Ok(checker)
    }

    /// Prints an error of [`Planner::checker_for`] on standard error, once per
    /// configuration file however many inputs it governs.
    pub fn report_once(&mut self, e: &SetupError) {
        let key = match e {
            SetupError::Config(errors) => errors
                .first()
                .map(|e| e.path.display().to_string())
                .unwrap_or_default(),
            SetupError::Policy(problems) => problems
                .iter()
                .map(|(f, d)| format!("{f}:{}", d.message))
                .collect::<Vec<_>>()
                .join("\n"),
            SetupError::UnknownCode(c) => c.clone(),
        };
        if self.reported.insert(key) {
            e.report();
        }
    }

    fn checker_with(
        &mut self,
        cfg: Option<&Config>,
        file: &Path,
    ) -> Result<Arc<Checker>, SetupError> {
        let flags = &self.flags;
        let settings = cfg.map(|c| c.settings_for(file)).unwrap_or_default();
        let mut ignore = settings.ignore;
        for c in &self.ignore_flags {
            if !ignore.contains(c) {
                ignore.push(c.clone());
            }
        }
        ignore.sort();
        let key = Key {
            profiles: if flags.profiles.is_empty() {
                settings.profiles.unwrap_or_default()
            } else {
                flags.profiles.clone()
            },
            ipa_codes: flags.ipa_codes.clone().or(settings.ipa_codes),
            warnings_as_errors: flags.warnings_as_errors
                || settings.warnings_as_errors.unwrap_or(false),
            local_checks: !flags.no_local_checks && settings.local_checks.unwrap_or(true),
            ignore,
        };
        if let Some(c) = self.checkers.get(&key) {
            return Ok(Arc::clone(c));
        }
        let mut policy =
            Policy::load(&key.profiles, key.ipa_codes.as_deref()).map_err(SetupError::Policy)?;
        for (name, path) in &flags.profile_lists {
            policy.set_list(name, path).map_err(SetupError::Policy)?;
        }
        let options = CheckOptions::default()
            .with_input_format(flags.input_format)
            .with_local_checks(key.local_checks)
            .with_warnings_as_errors(key.warnings_as_errors)
            .with_max_bytes(flags.max_bytes)
            .with_ignore(key.ignore.clone())
            .with_inline_suppressions(flags.inline_suppressions);
        let mut checker = Checker::with_policy(policy).with_options(options);
        if let Some(net) = &flags.network {
            checker = checker.with_extension(Arc::clone(net));
        }
        let checker = Arc::new(checker);
        self.checkers.insert(key, Arc::clone(&checker));
        Ok(checker)
    }
}
