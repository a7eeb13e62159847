//! `publiccode upgrade [FILE ...]`: moves descriptors to the latest version of the
//! standard (or, with `--downgrade-to 0.5`, back to 0.5) in place, as text edits that
//! keep comments and formatting. The conversion itself lives in `publiccode-convert`.

use publiccode::spec::versions::Version;
use publiccode_convert::{MoveError, Outcome, downgrade, upgrade};

use crate::commands::validate::read_input;
use crate::diff::unified_diff;
use crate::discover::{self, Input};

/// Arguments of `publiccode upgrade`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (searched for publiccode.yml), or `-` for standard input
    /// (the result goes to standard output). Default: ./publiccode.yml.
    pub paths: Vec<String>,
    /// Only report whether an upgrade is needed (exit code 1 when it is), for CI.
    #[arg(long)]
    pub check: bool,
    /// Print a unified diff instead of writing.
    #[arg(long)]
    pub diff: bool,
    /// Move a 0.7 file back to this version instead (only 0.5 is supported): removes
    /// `supports` and puts the equivalent `IT` keys back.
    #[arg(long, value_name = "VERSION")]
    pub downgrade_to: Option<String>,
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    if args.check && args.diff {
        eprintln!(
            "error: --check only reports whether an upgrade is needed and --diff prints the changes; use one of them"
        );
        return crate::exit::USAGE;
    }
    let target = match args.downgrade_to.as_deref() {
        None => None,
        Some(v) if Version::parse(v) == Some(Version::V0_5) => Some(Version::V0_5),
        Some(v) => {
            eprintln!("error: --downgrade-to {v}: only 0.5 is supported");
            return crate::exit::USAGE;
        }
    };
    discover::announce_default(&args.paths, true);
    let mut code = crate::exit::OK;
    let mut inputs = Vec::new();
    discover::for_each(&args.paths, |found| {
        match found {
            Ok(input) => inputs.push(input),
            Err(e) => {
                eprintln!(
                    "error: {}: {}",
                    crate::escape::line(&e.path.display().to_string()),
                    e.message
                );
                code = crate::exit::USAGE;
            }
        }
        true
    });
    for input in inputs {
        code = code.max(upgrade_one(&input, target, &args));
    }
    code
}

/// Upgrades (or downgrades to `target`) one input: checks, prints a diff, or writes
/// it. Returns the input's exit code.
fn upgrade_one(input: &Input, target: Option<Version>, args: &Args) -> u8 {
    let name = input.display();
    let src = match read_text(input) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let result: Result<Outcome, MoveError> = match target {
        Some(v) => downgrade(&src, v),
        None => upgrade(&src),
    };
    let out = match result {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {name}: {e}");
            return crate::exit::INVALID;
        }
    };
    for n in &out.notes {
        eprintln!("{name}:{}: note: {}: {}", n.line, n.key, n.message);
    }
    let changed = out.changed(&src);
    if args.check {
        if changed {
            println!("{name}: needs upgrade");
            for c in &out.changes {
                println!("  {c}");
            }
            return crate::exit::INVALID;
        }
        println!("{name}: up to date");
        return crate::exit::OK;
    }
    if !changed {
        if matches!(input, Input::Stdin) {
            print!("{src}");
        } else {
            eprintln!("{name}: nothing to change");
        }
        return crate::exit::OK;
    }
    if args.diff {
        print!("{}", unified_diff(&name, &src, &out.text));
        return crate::exit::OK;
    }
    match input {
        Input::Stdin => print!("{}", out.text),
        Input::File(path) => return write_upgraded(path, &name, &src, &out),
    }
    crate::exit::OK
}

/// The input's text, or its exit code after saying why it cannot be read.
fn read_text(input: &Input) -> Result<String, u8> {
    let bytes = match read_input(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {}", crate::escape::line(&e));
            // Too large is the file's fault (as PC005 in validate), not an I/O one.
            return Err(
                if e.ends_with(&format!("[{}]", publiccode::rules::code::TOO_LARGE)) {
                    crate::exit::INVALID
                } else {
                    crate::exit::USAGE
                },
            );
        }
    };
    String::from_utf8(bytes).map_err(|_| {
        eprintln!("error: {}: not UTF-8 text", input.display());
        crate::exit::INVALID
    })
}

/// Writes the upgraded text over `path` and lists the changes; the exit code.
fn write_upgraded(path: &std::path::Path, name: &str, src: &str, out: &Outcome) -> u8 {
    // Written only if the file still holds what was read (a concurrent
    // upgrade wins), through a temporary file, mode kept.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let root = publiccode::resources::repository_root(dir, None);
    let same = |now: &[u8]| now == src.as_bytes();
    if let Err(e) = crate::write::write_file(
        path,
        &root,
        crate::write::Expect::Content(&same),
        out.text.as_bytes(),
    ) {
        eprintln!("error: cannot write {name}: {e}");
        return crate::exit::USAGE;
    }
    let n = out.changes.len();
    eprintln!("{name}: {n} {}", if n == 1 { "change" } else { "changes" });
    for c in &out.changes {
        eprintln!("  {c}");
    }
    crate::exit::OK
}
