//! Turning command-line paths into the list of files to check.

use std::path::{Path, PathBuf};

/// Names recognised as descriptors when a directory is searched.
pub const DESCRIPTOR_NAMES: &[&str] = &["publiccode.yml", "publiccode.yaml", ".publiccode.yml"];

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file path (not yet opened).
    File(PathBuf),
}

impl Input {
    /// The path as shown in output.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Expands the arguments: files as they are, directories searched recursively (skipping
/// `.git` and `target`), `-` for standard input, and `./publiccode.yml` when empty.
/// Directory entries are sorted so output order is stable.
pub fn expand(args: &[String]) -> Vec<Input> {
    if args.is_empty() {
        return vec![Input::File(PathBuf::from("publiccode.yml"))];
    }
    let mut out = Vec::new();
    for a in args {
        if a == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let p = PathBuf::from(a);
        if p.is_dir() {
            let before = out.len();
            walk(&p, &mut out, 0);
            if out.len() == before {
                // Report the empty directory as an input that cannot be read.
                out.push(Input::File(p));
            }
        } else {
            out.push(Input::File(p));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Input>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = read.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            if name == ".git" || name == "target" || name == "node_modules" {
                continue;
            }
            walk(&e.path(), out, depth + 1);
        } else if DESCRIPTOR_NAMES.contains(&name.as_ref()) && (ft.is_file() || ft.is_symlink()) {
            out.push(Input::File(e.path()));
        }
    }
}
