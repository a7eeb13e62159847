//! `publiccode validate [PATH ...]`: check files, in parallel, reported in input order.

use std::io::Read;
use std::path::{Path, PathBuf};

use publiccode::rules::code;
use publiccode::{Diagnostic, DirResources, Options, Severity};
use publiccode_check::{InputFormat, Policy};
use rayon::prelude::*;

use crate::discover::{self, Input};
use crate::render::{self, FileResult, Format};

/// Largest file read, in bytes.
const MAX_BYTES: usize = 1 << 20;

/// Arguments of `publiccode validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (searched for publiccode.yml, publiccode.yaml, .publiccode.yml)
    /// or `-` for standard input. Default: ./publiccode.yml.
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors (for the verdict and the exit code).
    #[arg(long)]
    pub warnings_as_errors: bool,
    /// Skip the checks on local files (logo, screenshots, authorsFile, and the
    /// repository's licence and other files).
    #[arg(long)]
    pub no_local_checks: bool,
    /// Resolve relative file paths from this directory instead of the file's own.
    #[arg(long, value_name = "DIR")]
    pub base_dir: Option<PathBuf>,
    /// A country profile to apply (id or path to a profile file); repeatable.
    #[arg(long = "profile", value_name = "ID|FILE")]
    pub profiles: Vec<String>,
    /// A file of Italian iPA codes, one per line, to check codes against.
    #[arg(long, value_name = "FILE")]
    pub ipa_codes: Option<PathBuf>,
    /// Replace a data list that profiles use (`opencode-approved`, `opencode-blocked`,
    /// `ch-organisations`) with your own file, one entry a line; repeatable.
    #[arg(long = "profile-list", value_name = "NAME=FILE", value_parser = parse_list_arg)]
    pub profile_lists: Vec<(String, PathBuf)>,
    /// The input format; detected from the file name and content when absent.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,
    /// Apply safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, print a unified diff instead of writing.
    #[arg(long)]
    pub diff: bool,
}

/// `--input-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormatArg {
    /// publiccode.yml
    Publiccode,
    /// US code.json
    CodeJson,
    /// Canada Open Resource Exchange
    Ore,
}

/// Reads an input, bounded in size; a FIFO, directory or device is refused.
pub fn read_input(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(publiccode_check::foreign::MAX_FOREIGN_BYTES as u64 + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(buf)
        }
        Input::File(p) => {
            let meta = std::fs::metadata(p).map_err(|e| io_message(p, &e))?;
            if meta.is_dir() {
                return Err(format!(
                    "{}: is a directory with no publiccode.yml in it",
                    p.display()
                ));
            }
            if !meta.is_file() {
                return Err(format!(
                    "{}: not a regular file (a FIFO or a device?)",
                    p.display()
                ));
            }
            let file = std::fs::File::open(p).map_err(|e| io_message(p, &e))?;
            let mut buf = Vec::new();
            file.take(publiccode_check::foreign::MAX_FOREIGN_BYTES as u64 + 1)
                .read_to_end(&mut buf)
                .map_err(|e| io_message(p, &e))?;
            Ok(buf)
        }
    }
}

fn io_message(p: &Path, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("{}: no such file", p.display()),
        std::io::ErrorKind::PermissionDenied => format!("{}: permission denied", p.display()),
        _ => format!("{}: {e}", p.display()),
    }
}

/// Checks one input and returns its result (never panics on any input).
pub fn check_input(input: &Input, args: &Args, policy: &Policy) -> FileResult {
    let path = input.display();
    let bytes = match read_input(input) {
        Ok(b) => b,
        Err(message) => {
            return FileResult {
                path,
                source: None,
                version: None,
                diagnostics: vec![Diagnostic::new(
                    code::READ_ERROR,
                    Severity::Error,
                    "",
                    message,
                )],
                io_error: true,
            };
        }
    };
    let dir = match input {
        Input::File(p) => Some(
            p.parent()
                .map(|d| {
                    if d.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        d.to_path_buf()
                    }
                })
                .unwrap_or_else(|| PathBuf::from(".")),
        ),
        Input::Stdin => None,
    };
    let format = match args.input_format {
        Some(InputFormatArg::Publiccode) => InputFormat::Publiccode,
        Some(InputFormatArg::CodeJson) => InputFormat::CodeJson,
        Some(InputFormatArg::Ore) => InputFormat::Ore,
        None => publiccode_check::detect_format(&path, &bytes),
    };
    let report = if format == InputFormat::Publiccode {
        let base = args
            .base_dir
            .clone()
            .or_else(|| dir.clone())
            .unwrap_or_else(|| PathBuf::from("."));
        // Local file checks stay inside the repository: --base-dir, else the nearest
        // folder with .git, else the descriptor's folder.
        let root = publiccode::resources::repository_root(&base, args.base_dir.as_deref());
        let resources = DirResources::with_root(base, root);
        let options = Options {
            resources: if args.no_local_checks {
                None
            } else {
                Some(&resources)
            },
            max_bytes: MAX_BYTES,
            ..Options::default()
        };
        publiccode::validate_bytes(&bytes, &options)
    } else {
        publiccode_check::validate_foreign(format, &bytes)
    };
    let mut diagnostics = report.diagnostics.clone();
    if format == InputFormat::Publiccode && report.tree.is_some() {
        // Repository files (licence texts, README …) are local checks too.
        let repo_dir = if args.no_local_checks {
            None
        } else {
            dir.as_deref()
        };
        let file_name = match input {
            Input::File(p) => p.file_name().and_then(|n| n.to_str()),
            Input::Stdin => None,
        };
        diagnostics = policy.apply(&report, repo_dir, file_name);
    }
    if args.warnings_as_errors {
        for d in &mut diagnostics {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
    FileResult {
        path,
        source: report.source.clone(),
        version: report.version.clone(),
        diagnostics,
        io_error: false,
    }
}

/// `NAME=FILE` of `--profile-list`.
fn parse_list_arg(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((name, file)) if !name.is_empty() && !file.is_empty() => {
            Ok((name.to_string(), PathBuf::from(file)))
        }
        _ => Err(format!("expected NAME=FILE, got `{s}`")),
    }
}

/// Loads the profiles, the iPA list and the user's own data lists.
fn load_policy(args: &Args) -> Result<Policy, Vec<(String, Diagnostic)>> {
    let mut policy = Policy::load(&args.profiles, args.ipa_codes.as_deref())?;
    for (name, file) in &args.profile_lists {
        policy.set_list(name, file)?;
    }
    Ok(policy)
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    let policy = match load_policy(&args) {
        Ok(p) => p,
        Err(problems) => {
            for (file, d) in problems {
                if d.line > 0 {
                    eprintln!("error: {file}:{}:{}: {}", d.line, d.column, d.message);
                } else {
                    eprintln!("error: {file}: {}", d.message);
                }
            }
            return crate::exit::USAGE;
        }
    };
    let inputs = discover::expand(&args.paths);
    let results: Vec<FileResult> = inputs
        .par_iter()
        .map(|input| check_input(input, &args, &policy))
        .collect();
    if args.fix {
        let code = apply_fixes(&inputs, &results, args.diff);
        if code != crate::exit::OK {
            return code;
        }
    }
    print!("{}", render::render(args.format, &results));
    if results.iter().any(|r| r.io_error) {
        crate::exit::USAGE
    } else if results.iter().all(FileResult::valid) {
        crate::exit::OK
    } else {
        crate::exit::INVALID
    }
}

fn apply_fixes(inputs: &[Input], results: &[FileResult], diff: bool) -> u8 {
    for (input, result) in inputs.iter().zip(results) {
        let (Input::File(path), Some(source)) = (input, &result.source) else {
            continue;
        };
        let (fixed, n) = publiccode::fix::apply_fixes(source, &result.diagnostics, false);
        if n == 0 || &fixed == source {
            continue;
        }
        if diff {
            print!(
                "{}",
                unified_diff(&path.display().to_string(), source, &fixed)
            );
        } else if let Err(e) = write_atomic(path, fixed.as_bytes()) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return crate::exit::USAGE;
        } else {
            eprintln!("fixed {n} problem(s) in {}", path.display());
        }
    }
    crate::exit::OK
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.publiccode-tmp-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// A unified diff of two texts (whole-file hunks of changed line runs, 3 lines of context).
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Line-level LCS; descriptors are small.
    let n = a.len();
    let m = b.len();
    if n.saturating_mul(m) > 4_000_000 {
        return format!("--- a/{name}\n+++ b/{name}\n(file too large to diff)\n");
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops = Vec::new(); // (' ' | '-' | '+', line)
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i], i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i], i, j));
            i += 1;
        } else {
            ops.push(('+', b[j], i, j));
            j += 1;
        }
    }
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    let ctx = 3;
    let mut k = 0;
    while k < ops.len() {
        if ops[k].0 == ' ' {
            k += 1;
            continue;
        }
        let start = k.saturating_sub(ctx);
        let mut end = k;
        while end < ops.len() {
            if ops[end].0 != ' ' {
                end += 1;
                continue;
            }
            let run = ops[end..].iter().take_while(|o| o.0 == ' ').count();
            if end + run >= ops.len() || run > 2 * ctx {
                end = (end + ctx.min(run)).min(ops.len());
                break;
            }
            end += run;
        }
        let hunk = &ops[start..end];
        let old_start = hunk.first().map_or(0, |o| o.2) + 1;
        let new_start = hunk.first().map_or(0, |o| o.3) + 1;
        let old_len = hunk.iter().filter(|o| o.0 != '+').count();
        let new_len = hunk.iter().filter(|o| o.0 != '-').count();
        out.push_str(&format!(
            "@@ -{old_start},{old_len} +{new_start},{new_len} @@\n"
        ));
        for o in hunk {
            out.push(o.0);
            out.push_str(o.1);
            out.push('\n');
        }
        k = end;
    }
    out
}
