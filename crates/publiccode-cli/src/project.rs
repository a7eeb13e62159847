//! The project configuration as `validate` applies it: which configuration file governs
//! each input (found by walking up, `--config FILE`, or none with `--no-config`), the
//! flags on top of it, and one [`Checker`] per distinct set of settings, so a run over a
//! catalogue with per-path overrides still loads each profile set once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use publiccode_check::config::{self, Config, ConfigError};
use publiccode_check::{CheckOptions, Checker, InputFormat, Policy};

use crate::discover::Input;

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

/// The resolved plan of a run: the configuration that governs the run as a whole (for
/// the output format), and a checker for every input.
pub struct Plan {
    /// The configuration found from the current directory (or `--config`), which
    /// supplies run-wide settings such as the output format.
    pub run_config: Option<Arc<Config>>,
    /// One checker per input, in input order.
    pub checkers: Vec<Arc<Checker>>,
}

/// Finds the configuration for every input and builds the checkers. `stdin_name` is
/// `--stdin-filename`, which places standard input for configuration discovery.
pub fn plan(
    inputs: &[Input],
    source: &Source,
    flags: &Flags,
    stdin_name: Option<&Path>,
) -> Result<Plan, SetupError> {
    let mut ignore_flags = Vec::new();
    for c in &flags.ignore {
        match config::resolve_code(c) {
            Some(code) => ignore_flags.push(code),
            None => return Err(SetupError::UnknownCode(c.clone())),
        }
    }
    let mut by_dir: HashMap<PathBuf, Option<Arc<Config>>> = HashMap::new();
    let mut errors = Vec::new();
    let fixed: Option<Arc<Config>> = match source {
        Source::File(p) => match config::load(p) {
            Ok(c) => Some(Arc::new(c)),
            Err(e) => return Err(SetupError::Config(e)),
        },
        _ => None,
    };
    let mut find = |dir: &Path| -> Option<Arc<Config>> {
        match source {
            Source::None => None,
            Source::File(_) => fixed.clone(),
            Source::Discover => {
                if let Some(found) = by_dir.get(dir) {
                    return found.clone();
                }
                let found = match config::discover(dir) {
                    Ok(c) => c.map(Arc::new),
                    Err(e) => {
                        errors.extend(e);
                        None
                    }
                };
                by_dir.insert(dir.to_path_buf(), found.clone());
                found
            }
        }
    };
    let run_config = find(Path::new("."));
    let mut per_input = Vec::with_capacity(inputs.len());
    for input in inputs {
        let file = match input {
            Input::File(p) => p.clone(),
            Input::Stdin => stdin_name
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("publiccode.yml")),
        };
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let cfg = find(&dir);
        per_input.push((file, cfg));
    }
    if !errors.is_empty() {
        // The same file found from several inputs is reported once.
        let mut seen = std::collections::HashSet::new();
        errors.retain(|e| seen.insert(e.to_string()));
        return Err(SetupError::Config(errors));
    }
    let mut checkers: HashMap<Key, Arc<Checker>> = HashMap::new();
    let mut out = Vec::with_capacity(per_input.len());
    for (file, cfg) in per_input {
        let settings = cfg
            .as_ref()
            .map(|c| c.settings_for(&file))
            .unwrap_or_default();
        let mut ignore = settings.ignore;
        for c in &ignore_flags {
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
        if let Some(c) = checkers.get(&key) {
            out.push(Arc::clone(c));
            continue;
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
        checkers.insert(key, Arc::clone(&checker));
        out.push(checker);
    }
    Ok(Plan {
        run_config,
        checkers: out,
    })
}
