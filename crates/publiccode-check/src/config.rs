//! Project configuration: the settings a team records once instead of repeating flags.
//!
//! A configuration is found by walking up from the descriptor's folder. In each folder,
//! the first of these that exists is used:
//!
//! 1. `publiccode.toml`, then `.publiccode.toml`: the settings at the top level;
//! 2. `pyproject.toml` with a `[tool.publiccode]` table;
//! 3. `Cargo.toml` with a `[package.metadata.publiccode]` or
//!    `[workspace.metadata.publiccode]` table.
//!
//! A `pyproject.toml` or `Cargo.toml` without the table is skipped. The walk stops at the
//! first folder holding `.git` (the repository's root), so a stray file above a checkout
//! never applies to it.
//!
//! ```toml
//! profiles = ["it"]
//! ipa-codes = "data/ipa-codes.txt"   # relative to this file
//! warnings-as-errors = true
//! ignore = ["PC105"]                  # rule codes or names
//! format = "github"
//! local-checks = true
//!
//! [[overrides]]
//! paths = ["legacy/**"]               # globs, relative to this file
//! ignore = ["PC501"]                  # added to the top-level list
//! warnings-as-errors = false
//! ```
//!
//! Every mistake is a [`ConfigError`] that points into the file (line, column, key).
//! Loading never panics on any input.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// File names searched for in each folder, in order of precedence.
pub const FILE_NAMES: &[&str] = &[
    "publiccode.toml",
    ".publiccode.toml",
    "pyproject.toml",
    "Cargo.toml",
];

/// The output formats a configuration may name (those the `publiccode` command renders).
pub const FORMATS: &[&str] = &[
    "human", "json", "short", "github", "sarif", "gitlab", "junit",
];

/// The largest configuration file read, in bytes.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// A mistake in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration file.
    pub path: PathBuf,
    /// 1-based line, 0 when the mistake has no position (an unreadable file).
    pub line: usize,
    /// 1-based column in characters, 0 without a position.
    pub column: usize,
    /// The key path (`overrides[0].ignore[1]`), empty for the file as a whole.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Settings that apply to the descriptors under some paths only.
#[derive(Debug, Clone)]
pub struct Override {
    /// The globs as written, relative to the configuration's folder.
    pub paths: Vec<String>,
    matcher: GlobSet,
    /// Codes ignored in addition to the top-level `ignore`.
    pub ignore: Vec<String>,
    /// Replaces the top-level `warnings-as-errors` for these paths.
    pub warnings_as_errors: Option<bool>,
    /// Replaces the top-level `profiles` for these paths.
    pub profiles: Option<Vec<String>>,
}

/// A loaded configuration file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// The folder relative paths and globs are resolved from.
    pub dir: PathBuf,
    /// Profile ids or paths (paths resolved against [`Config::dir`]).
    pub profiles: Option<Vec<String>>,
    /// The iPA code list, resolved against [`Config::dir`].
    pub ipa_codes: Option<PathBuf>,
    /// Whether warnings count as errors.
    pub warnings_as_errors: Option<bool>,
    /// Rule codes never reported (names are turned into codes).
    pub ignore: Vec<String>,
    /// The output format, one of [`FORMATS`].
    pub format: Option<String>,
    /// Whether files the descriptor refers to are checked.
    pub local_checks: Option<bool>,
    /// Per-path settings, applied in order.
    pub overrides: Vec<Override>,
}

/// The settings in force for one descriptor, after overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Profile ids or paths; `None` when the configuration says nothing.
    pub profiles: Option<Vec<String>>,
    /// The iPA code list.
    pub ipa_codes: Option<PathBuf>,
    /// Whether warnings count as errors; `None` when the configuration says nothing.
    pub warnings_as_errors: Option<bool>,
    /// Codes never reported.
    pub ignore: Vec<String>,
    /// Whether local files are checked; `None` when the configuration says nothing.
    pub local_checks: Option<bool>,
}

impl Config {
    /// The settings for the descriptor at `file` (an overridden path matches when one
    /// of its globs matches the file's path relative to [`Config::dir`]).
    pub fn settings_for(&self, file: &Path) -> Settings {
        let mut s = Settings {
            profiles: self.profiles.clone(),
            ipa_codes: self.ipa_codes.clone(),
            warnings_as_errors: self.warnings_as_errors,
            ignore: self.ignore.clone(),
            local_checks: self.local_checks,
        };
        let rel = relative_to(file, &self.dir);
        for o in &self.overrides {
            if !o.matcher.is_match(&rel) {
                continue;
            }
            for code in &o.ignore {
                if !s.ignore.contains(code) {
                    s.ignore.push(code.clone());
                }
            }
            if o.warnings_as_errors.is_some() {
                s.warnings_as_errors = o.warnings_as_errors;
            }
            if o.profiles.is_some() {
                s.profiles.clone_from(&o.profiles);
            }
        }
        s
    }
}

/// `file` relative to `dir` when it lies inside it (both made absolute first), else
/// `file` as given.
fn relative_to(file: &Path, dir: &Path) -> PathBuf {
    let abs = |p: &Path| -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|c| c.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        }
    };
    let f = normalise(&abs(file));
    let d = normalise(&abs(dir));
    match f.strip_prefix(&d) {
        Ok(r) => r.to_path_buf(),
        Err(_) => file.to_path_buf(),
    }
}

/// Removes `.` and resolves `..` lexically (no file system access).
fn normalise(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Where the settings sit inside a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    /// At the top level (`publiccode.toml`).
    Root,
    /// `[tool.publiccode]` in `pyproject.toml`.
    Pyproject,
    /// `[package.metadata.publiccode]` or `[workspace.metadata.publiccode]` in `Cargo.toml`.
    Cargo,
}

impl Table {
    fn of(path: &Path) -> Table {
        match path.file_name().and_then(|n| n.to_str()) {
            Some("pyproject.toml") => Table::Pyproject,
            Some("Cargo.toml") => Table::Cargo,
            _ => Table::Root,
        }
    }
}

/// Finds the configuration for a descriptor in `start` (a folder) by walking up.
/// `Ok(None)` when there is none. A file that is found but has mistakes is an error.
pub fn discover(start: &Path) -> Result<Option<Config>, Vec<ConfigError>> {
    Discovery::new()
        .find(start)
        .map(|found| found.map(std::sync::Arc::unwrap_or_clone))
}

/// [`discover`] for many descriptors: each folder's files are looked at once, and a
/// folder's answer (a configuration, none, or a broken file) is remembered for every
/// folder below it that was searched through it. A catalogue of thousands of
/// descriptors in sibling folders then costs a few file-system calls per folder
/// instead of a walk to the root for each descriptor.
#[derive(Debug, Default)]
pub struct Discovery {
    cwd: Option<Option<PathBuf>>,
    folders: std::collections::HashMap<PathBuf, Found>,
}

/// Folders a [`Discovery`] remembers at most.
const MAX_REMEMBERED: usize = 4096;

/// What the search found for a folder.
#[derive(Debug, Clone)]
enum Found {
    Config(std::sync::Arc<Config>),
    Nothing,
    Broken(std::sync::Arc<Vec<ConfigError>>),
}

/// What one folder says on its own.
enum Here {
    /// A configuration file (read, maybe with mistakes).
    Found(Found),
    /// No configuration here, and `.git`: the search ends.
    Root,
    /// Nothing here: ask the parent.
    Up,
}

impl Discovery {
    /// An empty memory.
    pub fn new() -> Discovery {
        Discovery::default()
    }

    /// The configuration for a descriptor in folder `start`, as [`discover`] finds it.
    pub fn find(
        &mut self,
        start: &Path,
    ) -> Result<Option<std::sync::Arc<Config>>, Vec<ConfigError>> {
        self.find_listed(start, None)
    }

    /// [`Discovery::find`] for a folder whose names the caller has just listed (a
    /// directory search has): `listed` says what the listing holds under a name, so
    /// the configuration files and `.git` of `start` are looked up without a
    /// file-system call each. The answer is the same as [`Discovery::find`]'s.
    pub fn find_listed(
        &mut self,
        start: &Path,
        listed: Option<&dyn Fn(&str) -> Listed>,
    ) -> Result<Option<std::sync::Arc<Config>>, Vec<ConfigError>> {
        let start = if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        };
        let abs = if start.is_absolute() {
            start.to_path_buf()
        } else {
            let cwd = self.cwd.get_or_insert_with(|| std::env::current_dir().ok());
            match cwd {
                Some(c) => normalise(&c.join(start)),
                None => start.to_path_buf(),
            }
        };
        match self.lookup(&abs, listed) {
            Found::Config(c) => Ok(Some(c)),
            Found::Nothing => Ok(None),
            Found::Broken(e) => Err(e.as_ref().clone()),
        }
    }

    fn lookup(&mut self, dir: &Path, listed: Option<&dyn Fn(&str) -> Listed>) -> Found {
        let mut searched: Vec<&Path> = Vec::new();
        let mut at = Some(dir);
        let found = loop {
            let Some(d) = at else { break Found::Nothing };
            if let Some(known) = self.folders.get(d) {
                break known.clone();
            }
            // The listing is of the first folder only.
            let listed = if searched.is_empty() { listed } else { None };
            searched.push(d);
            match here(d, listed) {
                Here::Found(f) => break f,
                Here::Root => break Found::Nothing,
                Here::Up => at = d.parent(),
            }
        };
        // The memory is bounded, so a walk over any number of folders runs in flat
        // memory: forgetting costs a few file-system calls per folder, once.
        if self.folders.len() + searched.len() > MAX_REMEMBERED {
            self.folders.clear();
        }
        for d in searched {
            self.folders.insert(d.to_path_buf(), found.clone());
        }
        found
    }
}

/// What a folder's listing says about one name in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// Not in the folder.
    Absent,
    /// A regular file.
    File,
    /// A folder.
    Dir,
    /// Something the listing cannot settle (a symbolic link, an entry of unknown
    /// type): the file system is asked.
    Unsure,
}

/// Whether `d/name` is a regular file (following links), from the listing when it
/// settles it.
fn is_file(d: &Path, name: &str, listed: Option<&dyn Fn(&str) -> Listed>) -> bool {
    match listed.map(|l| l(name)) {
        Some(Listed::Absent | Listed::Dir) => false,
        Some(Listed::File) => true,
        Some(Listed::Unsure) | None => d.join(name).is_file(),
    }
}

/// Whether `d/name` exists (following links), from the listing when it settles it.
fn exists(d: &Path, name: &str, listed: Option<&dyn Fn(&str) -> Listed>) -> bool {
    match listed.map(|l| l(name)) {
        Some(Listed::Absent) => false,
        Some(Listed::File | Listed::Dir) => true,
        Some(Listed::Unsure) | None => d.join(name).exists(),
    }
}

/// Looks at the configuration files of one folder (`listed`: what its listing holds,
/// when the caller has one).
fn here(d: &Path, listed: Option<&dyn Fn(&str) -> Listed>) -> Here {
    for name in FILE_NAMES {
        if !is_file(d, name, listed) {
            continue;
        }
        let candidate = d.join(name);
        let text = match read(&candidate) {
            Ok(t) => t,
            Err(e) => return Here::Found(Found::Broken(std::sync::Arc::new(e))),
        };
        let table = Table::of(&candidate);
        if table != Table::Root && !has_table(&text, table) {
            continue;
        }
        return Here::Found(match parse(&text, &candidate) {
            Ok(c) => Found::Config(std::sync::Arc::new(c)),
            Err(e) => Found::Broken(std::sync::Arc::new(e)),
        });
    }
    if exists(d, ".git", listed) {
        Here::Root
    } else {
        Here::Up
    }
}

/// Loads the configuration file at `path` (`--config FILE`). For a `pyproject.toml` or
/// `Cargo.toml`, the publiccode table must be present.
pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
    let text = read(path)?;
    let table = Table::of(path);
    if table != Table::Root && !has_table(&text, table) {
        return Err(vec![ConfigError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            key: String::new(),
            message: match table {
                Table::Pyproject => "the file has no [tool.publiccode] table".into(),
                _ => "the file has no [package.metadata.publiccode] or [workspace.metadata.publiccode] table".into(),
            },
        }]);
    }
    parse(&text, path)
}

fn read(path: &Path) -> Result<String, Vec<ConfigError>> {
    use std::io::Read;
    let err = |message: String| {
        vec![ConfigError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            key: String::new(),
            message,
        }]
    };
    let file = std::fs::File::open(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(err("larger than 1 MiB".into()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, column) = line_col(&String::from_utf8_lossy(e.as_bytes()), at);
        vec![ConfigError {
            path: path.to_path_buf(),
            line,
            column,
            key: String::new(),
            message: "not UTF-8 text".into(),
        }]
    })
}

/// Whether a `pyproject.toml` or `Cargo.toml` holds the publiccode table. A file that
/// does not parse counts as holding it only when its text names the table, so that a
/// broken unrelated manifest is skipped but a broken publiccode table is reported.
fn has_table(text: &str, table: Table) -> bool {
    match DeTable::parse(text) {
        Ok(doc) => find_table(doc.get_ref(), table).is_some(),
        Err(_) => match table {
            Table::Pyproject => text.contains("tool.publiccode"),
            _ => text.contains("metadata.publiccode"),
        },
    }
}

/// The publiccode table inside a parsed file, with its key prefix.
fn find_table<'a, 'i>(
    doc: &'a DeTable<'i>,
    table: Table,
) -> Option<(&'a Spanned<DeValue<'i>>, &'static str)> {
    let sub = |t: &'a DeTable<'i>, path: &[&str]| -> Option<&'a Spanned<DeValue<'i>>> {
        let mut cur: Option<&'a Spanned<DeValue<'i>>> = None;
        let mut tab = t;
        for (i, k) in path.iter().enumerate() {
            let v = tab.get(*k)?;
            if i + 1 < path.len() {
                tab = v.get_ref().as_table()?;
            }
            cur = Some(v);
        }
        cur
    };
    match table {
        Table::Root => None,
        Table::Pyproject => sub(doc, &["tool", "publiccode"]).map(|v| (v, "tool.publiccode.")),
        Table::Cargo => sub(doc, &["package", "metadata", "publiccode"])
            .map(|v| (v, "package.metadata.publiccode."))
            .or_else(|| {
                sub(doc, &["workspace", "metadata", "publiccode"])
                    .map(|v| (v, "workspace.metadata.publiccode."))
            }),
    }
}

/// The 1-based line and character column of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// Parses a configuration file's text. `path` names the file (its folder resolves
/// relative paths; its name chooses where the settings sit). Every mistake is returned.
pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<ConfigError>> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut cx = Cx {
        text,
        path,
        errors: Vec::new(),
    };
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            return Err(vec![ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                key: String::new(),
                message: format!("not valid TOML: {}", e.message().trim_end()),
            }]);
        }
    };
    let table = Table::of(path);
    let (settings, prefix): (&DeTable<'_>, &str) = if table == Table::Root {
        (doc.get_ref(), "")
    } else {
        match find_table(doc.get_ref(), table) {
            Some((v, prefix)) => match v.get_ref().as_table() {
                Some(t) => (t, prefix),
                None => {
                    let key = prefix.trim_end_matches('.');
                    cx.error(v.span(), key, "must be a table");
                    return Err(cx.errors);
                }
            },
            None => return Ok(Config::default_at(path, dir)),
        }
    };
    let mut config = Config::default_at(path, dir);
    let has_file_profile = cx.settings(settings, prefix, &mut config);
    // Codes are checked once profiles are known (a profile file brings its own codes).
    for (k, v) in settings.iter() {
        let key = format!("{prefix}{}", k.get_ref());
        match k.get_ref().as_ref() {
            "ignore" => config.ignore = cx.codes(v, &key, has_file_profile),
            "overrides" => config.overrides = cx.overrides(v, &key, &config.dir, has_file_profile),
            _ => {}
        }
    }
    if cx.errors.is_empty() {
        Ok(config)
    } else {
        cx.errors.sort_by_key(|e| (e.line, e.column));
        Err(cx.errors)
    }
}

impl Cx<'_> {
    /// The settings other than `ignore` and `overrides` (which need the profiles
    /// first); whether a profile is given as a file.
    fn settings(&mut self, settings: &DeTable<'_>, prefix: &str, config: &mut Config) -> bool {
        let mut has_file_profile = false;
        for (k, v) in settings.iter() {
            let key = format!("{prefix}{}", k.get_ref());
            match k.get_ref().as_ref() {
                "profiles" => {
                    let list = self.strings(v, &key);
                    has_file_profile |= list.iter().any(|p| looks_like_file(p));
                    config.profiles = Some(resolve_profiles(list, &config.dir));
                }
                "ipa-codes" => {
                    if let Some(s) = self.string(v, &key) {
                        config.ipa_codes = Some(config.dir.join(s));
                    }
                }
                "warnings-as-errors" => config.warnings_as_errors = self.bool(v, &key),
                "local-checks" => config.local_checks = self.bool(v, &key),
                "ignore" => {}
                "format" => {
                    if let Some(s) = self.string(v, &key) {
                        if FORMATS.contains(&s.as_str()) {
                            config.format = Some(s);
                        } else {
                            self.error(
                                v.span(),
                                &key,
                                &format!("unknown format `{s}`; one of {}", FORMATS.join(", ")),
                            );
                        }
                    }
                }
                "overrides" => {}
                other => self.unknown_key(k, &key, other, TOP_KEYS),
            }
        }
        has_file_profile
    }
}

impl Config {
    fn default_at(path: &Path, dir: PathBuf) -> Config {
        Config {
            path: path.to_path_buf(),
            dir,
            ..Config::default()
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "profiles",
    "ipa-codes",
    "warnings-as-errors",
    "ignore",
    "format",
    "local-checks",
    "overrides",
];
const OVERRIDE_KEYS: &[&str] = &["paths", "ignore", "warnings-as-errors", "profiles"];

/// Whether a profile entry names a file rather than a shipped id.
fn looks_like_file(p: &str) -> bool {
    p.contains('/') || p.contains('\\') || p.ends_with(".yml") || p.ends_with(".yaml")
}

/// Profile files are resolved against the configuration's folder; ids stay as they are.
fn resolve_profiles(list: Vec<String>, dir: &Path) -> Vec<String> {
    list.into_iter()
        .map(|p| {
            if looks_like_file(&p) && !Path::new(&p).is_absolute() {
                dir.join(&p).display().to_string()
            } else {
                p
            }
        })
        .collect()
}

struct Cx<'a> {
    text: &'a str,
    path: &'a Path,
    errors: Vec<ConfigError>,
}

impl Cx<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, key: &str, message: &str) {
        let (line, column) = line_col(self.text, span.start);
        self.errors.push(ConfigError {
            path: self.path.to_path_buf(),
            line,
            column,
            key: key.to_string(),
            message: message.to_string(),
        });
    }

    fn unknown_key(
        &mut self,
        k: &Spanned<std::borrow::Cow<'_, str>>,
        key: &str,
        name: &str,
        known: &[&str],
    ) {
        let hint = known
            .iter()
            .find(|c| c.replace('-', "_") == name.replace('-', "_").to_ascii_lowercase())
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_else(|| format!("; known keys: {}", known.join(", ")));
        self.error(k.span(), key, &format!("unknown key `{name}`{hint}"));
    }

    fn string(&mut self, v: &Spanned<DeValue<'_>>, key: &str) -> Option<String> {
        match v.get_ref().as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                let t = v.get_ref().type_str();
                self.error(v.span(), key, &format!("must be a string, not {t}"));
                None
            }
        }
    }

    fn bool(&mut self, v: &Spanned<DeValue<'_>>, key: &str) -> Option<bool> {
        match v.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                let t = v.get_ref().type_str();
                self.error(v.span(), key, &format!("must be true or false, not {t}"));
                None
            }
        }
    }

    fn strings(&mut self, v: &Spanned<DeValue<'_>>, key: &str) -> Vec<String> {
        let Some(items) = v.get_ref().as_array() else {
            let t = v.get_ref().type_str();
            self.error(
                v.span(),
                key,
                &format!("must be a list of strings, not {t}"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(s) = self.string(item, &format!("{key}[{i}]")) {
                out.push(s);
            }
        }
        out
    }

    fn codes(&mut self, v: &Spanned<DeValue<'_>>, key: &str, lenient: bool) -> Vec<String> {
        let Some(items) = v.get_ref().as_array() else {
            let t = v.get_ref().type_str();
            self.error(
                v.span(),
                key,
                &format!("must be a list of rule codes, not {t}"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let k = format!("{key}[{i}]");
            let Some(s) = self.string(item, &k) else {
                continue;
            };
            match resolve_code(&s) {
                Some(code) => out.push(code),
                None if lenient && is_code_shaped(&s) => out.push(s.to_ascii_uppercase()),
                None => self.error(
                    item.span(),
                    &k,
                    &format!("unknown rule `{s}`; `publiccode explain` lists the codes"),
                ),
            }
        }
        out
    }

    /// The `paths` of an override: each a glob, added to `builder` and kept as written.
    fn override_paths(
        &mut self,
        v: &Spanned<DeValue<'_>>,
        kk: &str,
        builder: &mut GlobSetBuilder,
        paths: &mut Vec<String>,
    ) {
        let Some(globs) = v.get_ref().as_array() else {
            let t = v.get_ref().type_str();
            self.error(v.span(), kk, &format!("must be a list of globs, not {t}"));
            return;
        };
        for (j, g) in globs.iter().enumerate() {
            let gk = format!("{kk}[{j}]");
            let Some(s) = self.string(g, &gk) else {
                continue;
            };
            match Glob::new(s.trim_start_matches("./")) {
                Ok(glob) => {
                    builder.add(glob);
                    paths.push(s);
                }
                Err(e) => self.error(g.span(), &gk, &format!("not a valid glob: {e}")),
            }
        }
    }

    fn overrides(
        &mut self,
        v: &Spanned<DeValue<'_>>,
        key: &str,
        dir: &Path,
        lenient: bool,
    ) -> Vec<Override> {
        let Some(items) = v.get_ref().as_array() else {
            self.error(
                v.span(),
                key,
                "must be a list of tables ([[overrides]] sections)",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let okey = format!("{key}[{i}]");
            let Some(t) = item.get_ref().as_table() else {
                self.error(item.span(), &okey, "must be a table");
                continue;
            };
            let mut o = Override {
                paths: Vec::new(),
                matcher: GlobSet::empty(),
                ignore: Vec::new(),
                warnings_as_errors: None,
                profiles: None,
            };
            let mut has_paths = false;
            let mut builder = GlobSetBuilder::new();
            let mut file_profile = lenient;
            if let Some(p) = t.get("profiles") {
                let list = self.strings(p, &format!("{okey}.profiles"));
                file_profile |= list.iter().any(|p| looks_like_file(p));
                o.profiles = Some(resolve_profiles(list, dir));
            }
            for (k, v) in t.iter() {
                let kk = format!("{okey}.{}", k.get_ref());
                match k.get_ref().as_ref() {
                    "paths" => {
                        has_paths = true;
                        self.override_paths(v, &kk, &mut builder, &mut o.paths);
                    }
                    "ignore" => o.ignore = self.codes(v, &kk, file_profile),
                    "warnings-as-errors" => o.warnings_as_errors = self.bool(v, &kk),
                    "profiles" => {}
                    other => self.unknown_key(k, &kk, other, OVERRIDE_KEYS),
                }
            }
            if !has_paths {
                self.error(
                    item.span(),
                    &okey,
                    "an override needs `paths`, a list of globs",
                );
            }
            match builder.build() {
                Ok(set) => o.matcher = set,
                Err(e) => self.error(item.span(), &okey, &format!("bad globs: {e}")),
            }
            out.push(o);
        }
        out
    }
}

/// The registered code for a code or rule name (`PC105`, `pc105`, `version-not-latest`).
pub fn resolve_code(s: &str) -> Option<String> {
    if let Some(r) = publiccode::rules::lookup(s) {
        return Some(r.code.to_string());
    }
    crate::rules()
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(s) || r.name == s)
        .map(|r| r.code.to_string())
}

/// Whether `s` has the shape of a rule code (letters then digits), for codes of
/// profile files the registry cannot know.
fn is_code_shaped(s: &str) -> bool {
    let letters = s.chars().take_while(char::is_ascii_alphabetic).count();
    letters >= 2
        && s.len() > letters
        && s.get(letters..)
            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    /// What `std::fs::read_dir` says about each name of `dir`, as a directory search
    /// hands it to [`super::Discovery::find_listed`].
    fn listing(dir: &std::path::Path) -> impl Fn(&str) -> super::Listed {
        let names: std::collections::HashMap<String, super::Listed> = std::fs::read_dir(dir)
            .expect("read_dir")
            .flatten()
            .map(|e| {
                let kind = match e.file_type() {
                    Ok(t) if t.is_file() => super::Listed::File,
                    Ok(t) if t.is_dir() => super::Listed::Dir,
                    _ => super::Listed::Unsure,
                };
                (e.file_name().to_string_lossy().into_owned(), kind)
            })
            .collect();
        move |name| names.get(name).copied().unwrap_or(super::Listed::Absent)
    }

    #[test]
    fn a_listed_folder_finds_what_the_file_system_finds() {
        let root = &std::env::temp_dir().join(format!("publiccode-listed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(root);
        for d in [
            "repo/.git",
            "repo/plain",
            "repo/own",
            "repo/dirname/publiccode.toml",
            "repo/linked",
            "repo/cargo",
            "repo/sub/.git",
            "elsewhere",
        ] {
            std::fs::create_dir_all(root.join(d)).expect("mkdir");
        }
        std::fs::write(root.join("repo/publiccode.toml"), "ignore = [\"PC105\"]\n").expect("write");
        std::fs::write(root.join("repo/own/.publiccode.toml"), "bogus = 1\n").expect("write");
        std::fs::write(
            root.join("repo/cargo/Cargo.toml"),
            "[package]\nname = \"x\"\n",
        )
        .expect("write");
        std::fs::write(root.join("elsewhere/publiccode.toml"), "profiles = []\n").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            root.join("elsewhere/publiccode.toml"),
            root.join("repo/linked/publiccode.toml"),
        )
        .expect("symlink");
        for d in [
            "repo",
            "repo/plain",
            "repo/own",
            "repo/dirname",
            "repo/linked",
            "repo/cargo",
            "repo/sub",
        ] {
            let dir = root.join(d);
            let listed = listing(&dir);
            let plain = super::Discovery::new().find(&dir);
            let fast = super::Discovery::new().find_listed(&dir, Some(&listed));
            match (plain, fast) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.map(|c| c.path.clone()), b.map(|c| c.path.clone()), "{d}")
                }
                (Err(a), Err(b)) => assert_eq!(a, b, "{d}"),
                (a, b) => panic!("{d}: {a:?} against {b:?}"),
            }
        }
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn discovery_remembers_folders_and_answers_as_discover() {
        let root =
            &std::env::temp_dir().join(format!("publiccode-discovery-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(root);
        for d in ["repo/.git", "repo/a/b", "repo/c", "other/x"] {
            std::fs::create_dir_all(root.join(d)).expect("mkdir");
        }
        std::fs::write(root.join("repo/publiccode.toml"), "ignore = [\"PC105\"]\n").expect("write");
        std::fs::write(root.join("repo/c/publiccode.toml"), "bogus = 1\n").expect("write");
        let mut memory = super::Discovery::new();
        for d in [
            "repo/a/b", "repo/a", "repo", "repo/c", "other/x", "repo/a/b",
        ] {
            let dir = root.join(d);
            let once = super::discover(&dir);
            let remembered = memory.find(&dir);
            match (once, remembered) {
                (Ok(a), Ok(b)) => assert_eq!(a.map(|c| c.path), b.map(|c| c.path.clone()), "{d}"),
                (Err(a), Err(b)) => assert_eq!(a, b, "{d}"),
                (a, b) => panic!("{d}: {a:?} against {b:?}"),
            }
        }
        // Sibling folders share their parent's answer: each folder was searched once.
        assert!(memory.folders.contains_key(&root.join("repo/a")));
        assert!(matches!(
            memory.folders.get(&root.join("repo/c")),
            Some(super::Found::Broken(_))
        ));
        let _ = std::fs::remove_dir_all(root);
    }

    use super::*;

    fn p(name: &str) -> PathBuf {
        PathBuf::from("/repo").join(name)
    }

    #[test]
    fn full_file() {
        let text = r#"
profiles = ["it", "profiles/mine.yml"]
ipa-codes = "ipa.txt"
warnings-as-errors = true
ignore = ["PC105", "deprecated-key"]
format = "github"
local-checks = false

[[overrides]]
paths = ["legacy/**"]
ignore = ["PC501"]
warnings-as-errors = false
profiles = []
"#;
        let c = parse(text, &p("publiccode.toml")).expect("valid");
        assert_eq!(
            c.profiles,
            Some(vec![
                "it".to_string(),
                "/repo/profiles/mine.yml".to_string()
            ])
        );
        assert_eq!(c.ipa_codes, Some(PathBuf::from("/repo/ipa.txt")));
        assert_eq!(c.ignore, vec!["PC105", "PC501"]);
        assert_eq!(c.format.as_deref(), Some("github"));
        assert_eq!(c.local_checks, Some(false));
        let top = c.settings_for(Path::new("/repo/publiccode.yml"));
        assert_eq!(top.warnings_as_errors, Some(true));
        assert_eq!(top.ignore, vec!["PC105", "PC501"]);
        let legacy = c.settings_for(Path::new("/repo/legacy/a/publiccode.yml"));
        assert_eq!(legacy.warnings_as_errors, Some(false));
        assert_eq!(legacy.ignore, vec!["PC105", "PC501"]);
        assert_eq!(legacy.profiles, Some(vec![]));
    }

    #[test]
    fn errors_point_into_the_file() {
        let text = "profiles = \"it\"\nignore = [\"PC105\", \"PC999\"]\nwarnings_as_errors = true\nformat = \"xml\"\n";
        let errs = parse(text, &p("publiccode.toml")).expect_err("invalid");
        let got: Vec<(usize, usize, &str)> = errs
            .iter()
            .map(|e| (e.line, e.column, e.key.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 12, "profiles"),
                (2, 20, "ignore[1]"),
                (3, 1, "warnings_as_errors"),
                (4, 10, "format"),
            ]
        );
        assert!(
            errs[2]
                .message
                .contains("did you mean `warnings-as-errors`")
        );
        assert_eq!(
            errs[1].to_string(),
            "/repo/publiccode.toml:2:20: ignore[1]: unknown rule `PC999`; `publiccode explain` lists the codes"
        );
    }

    #[test]
    fn syntax_error_has_a_position() {
        let errs =
            parse("ignore = [\"PC105\"\nformat = 1\n", &p("publiccode.toml")).expect_err("invalid");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].line >= 1 && errs[0].column >= 1, "{:?}", errs[0]);
        assert!(errs[0].message.starts_with("not valid TOML"));
    }

    #[test]
    fn pyproject_and_cargo_tables() {
        let py = "[project]\nname = \"x\"\n\n[tool.publiccode]\nprofiles = [\"fr\"]\nbogus = 1\n";
        let errs = parse(py, &p("pyproject.toml")).expect_err("bogus key");
        assert_eq!(errs[0].key, "tool.publiccode.bogus");
        assert_eq!((errs[0].line, errs[0].column), (6, 1));
        let cargo = "[package]\nname = \"x\"\n[package.metadata.publiccode]\nprofiles = [\"de-opencode\"]\n";
        let c = parse(cargo, &p("Cargo.toml")).expect("valid");
        assert_eq!(c.profiles, Some(vec!["de-opencode".to_string()]));
        let ws = "[workspace.metadata.publiccode]\nwarnings-as-errors = true\n";
        assert_eq!(
            parse(ws, &p("Cargo.toml"))
                .expect("valid")
                .warnings_as_errors,
            Some(true)
        );
        assert!(!has_table("[project]\nname = \"x\"\n", Table::Pyproject));
        assert!(!has_table("[package\n", Table::Cargo));
    }

    #[test]
    fn override_needs_paths_and_valid_globs() {
        let text = "[[overrides]]\nignore = [\"PC501\"]\n[[overrides]]\npaths = [\"a/[\"]\n";
        let errs = parse(text, &p("publiccode.toml")).expect_err("invalid");
        let keys: Vec<&str> = errs.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec!["overrides[0]", "overrides[1].paths[0]"]);
    }

    #[test]
    fn profile_files_allow_their_own_codes() {
        let text = "profiles = [\"my.yml\"]\nignore = [\"XY001\"]\n";
        let c = parse(text, &p("publiccode.toml")).expect("valid");
        assert_eq!(c.ignore, vec!["XY001"]);
    }
}
