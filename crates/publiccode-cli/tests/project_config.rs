//! `validate` with a project configuration, inline suppressions and the output flags
//! (`--statistics`, `--color`, `--output`, `--stdin-filename`, `--quiet`), run on real
//! temporary repositories.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

struct Repo(PathBuf);

impl Repo {
    fn new(tag: &str) -> Repo {
        let p = std::env::temp_dir().join(format!("publiccode-cfg-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(p.join(".git")).expect("repo");
        Repo(p)
    }

    fn write(&self, name: &str, text: &str) -> &Repo {
        let p = self.0.join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        std::fs::write(p, text).expect("write");
        self
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_env(args, &[], None)
    }

    fn run_env(
        &self,
        args: &[&str],
        env: &[(&str, &str)],
        stdin: Option<&str>,
    ) -> (i32, String, String) {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(&self.0)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        if let Some(mut pipe) = child.stdin.take() {
            let _ = pipe.write_all(stdin.unwrap_or("").as_bytes());
        }
        let out = child.wait_with_output().expect("wait");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A valid 0.4 descriptor (one PC105 warning: not the latest version) with a deprecated
/// key (one PC501 warning) on line 30.
fn descriptor() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples/valid/publiccode.yml");
    let text = std::fs::read_to_string(&path).expect("testdata/examples/valid/publiccode.yml");
    format!(
        "{}inputTypes: [text/plain]\n",
        text.replace(
            "publiccodeYmlVersion: \"0\"",
            "publiccodeYmlVersion: \"0.4\""
        )
    )
}

fn codes(short: &str) -> Vec<String> {
    short
        .lines()
        .filter_map(|l| {
            l.rsplit_once(" [")
                .map(|(_, c)| c.trim_end_matches(']').to_string())
        })
        .collect()
}

#[test]
fn the_example_descriptor_has_two_warnings() {
    let r = Repo::new("base");
    r.write("publiccode.yml", &descriptor());
    let (status, out, err) = r.run(&["validate", "-f", "short"]);
    assert_eq!(status, 0, "{err}");
    let mut c = codes(&out);
    c.sort();
    assert_eq!(c, ["PC105", "PC501"], "{out}");
}

#[test]
fn config_files_and_flags() {
    let r = Repo::new("toml");
    r.write("sub/publiccode.yml", &descriptor()).write(
        "publiccode.toml",
        "warnings-as-errors = true\nignore = [\"PC105\"]\nformat = \"short\"\n",
    );
    // Found by walking up from sub/; format from the configuration; the remaining
    // warning is an error.
    let (status, out, err) = r.run(&["validate", "sub/publiccode.yml"]);
    assert_eq!(status, 1, "{err}");
    assert_eq!(codes(&out), ["PC501"]);
    assert!(out.contains(": error: "), "{out}");
    // Flags win: --format, --ignore adds.
    let (status, out, _) = r.run(&[
        "validate",
        "-f",
        "json",
        "--ignore",
        "deprecated-key",
        "sub/publiccode.yml",
    ]);
    assert_eq!(status, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["summary"]["warnings"], 0);
    // --no-config: both warnings, as warnings.
    let (status, out, _) = r.run(&[
        "validate",
        "--no-config",
        "-f",
        "short",
        "sub/publiccode.yml",
    ]);
    assert_eq!(status, 0);
    assert_eq!(codes(&out).len(), 2);
    // Per-path overrides.
    r.write(
        "publiccode.toml",
        "format = \"short\"\n[[overrides]]\npaths = [\"sub/**\"]\nignore = [\"PC501\", \"PC105\"]\n",
    );
    let (status, out, _) = r.run(&["validate", "sub/publiccode.yml"]);
    assert_eq!((status, out.as_str()), (0, ""));
    // pyproject.toml and Cargo.toml tables, and --config.
    std::fs::remove_file(r.0.join("publiccode.toml")).expect("rm");
    r.write("pyproject.toml", "[project]\nname = \"x\"\n[tool.publiccode]\nignore = [\"PC105\", \"PC501\"]\nformat = \"short\"\n");
    assert_eq!(r.run(&["validate", "sub/publiccode.yml"]).1, "");
    r.write("alt.toml", "format = \"short\"\nignore = [\"PC501\"]\n");
    let (_, out, _) = r.run(&["validate", "--config", "alt.toml", "sub/publiccode.yml"]);
    assert_eq!(codes(&out), ["PC105"]);
}

#[test]
fn config_mistakes_point_into_the_file() {
    let r = Repo::new("bad");
    r.write("publiccode.yml", &descriptor()).write(
        "publiccode.toml",
        "profiles = [\"it\"]\nwarnings_as_errors = true\nignore = [\"PC105\", \"PC9999\"]\n",
    );
    let (status, out, err) = r.run(&["validate"]);
    assert_eq!(status, 2, "{out}");
    assert!(out.is_empty(), "nothing is checked: {out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].ends_with("publiccode.toml:2:1: warnings_as_errors: unknown key `warnings_as_errors`; did you mean `warnings-as-errors`?"), "{err}");
    assert!(lines[1].ends_with("publiccode.toml:3:20: ignore[1]: unknown rule `PC9999`; `publiccode explain` lists the codes"), "{err}");
    let (status, _, err) = r.run(&["validate", "--config", "missing.toml"]);
    assert_eq!(status, 2);
    assert!(err.contains("missing.toml: cannot read"), "{err}");
    let (status, _, err) = r.run(&["validate", "--ignore", "PC9999", "--no-config"]);
    assert_eq!(status, 2);
    assert!(err.contains("--ignore PC9999: unknown rule"), "{err}");
}

/// Configuration is found folder by folder as the search reaches it: a mistake in a
/// subfolder's file is reported once, the files it governs are reported as not
/// checked in their place (exit 2), and the other files are checked as usual.
#[test]
fn a_broken_configuration_in_a_subfolder_stops_only_its_files() {
    let r = Repo::new("subfolder");
    r.write("a/publiccode.yml", &descriptor())
        .write("b/publiccode.yml", &descriptor())
        .write("b/c/publiccode.yml", &descriptor())
        .write("b/publiccode.toml", "warnings_as_errors = true\n")
        .write("d/publiccode.yml", &descriptor());
    let (status, out, err) = r.run(&["validate", "-f", "short", "."]);
    assert_eq!(status, 2, "{out}{err}");
    let files: Vec<&str> = out.lines().filter_map(|l| l.split(':').next()).collect();
    assert!(files.contains(&"./a/publiccode.yml"), "{out}");
    assert!(files.contains(&"./d/publiccode.yml"), "{out}");
    assert!(!out.contains("./b/"), "{out}");
    let config_errors = err
        .lines()
        .filter(|l| l.contains("publiccode.toml:1:1: warnings_as_errors: unknown key"))
        .count();
    assert_eq!(config_errors, 1, "reported once for both files: {err}");
    for f in ["./b/publiccode.yml", "./b/c/publiccode.yml"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("error: {f}: not checked"))),
            "{f}: {err}"
        );
    }
}

#[test]
fn inline_suppressions_on_the_command_line() {
    let r = Repo::new("suppress");
    let text = descriptor().replace(
        "inputTypes: [text/plain]\n",
        "inputTypes: [text/plain]  # publiccode: ignore PC501 -- portal reads it\n# publiccode: ignore-file PC105 PC203\n",
    );
    r.write("publiccode.yml", &text);
    let (status, out, _) = r.run(&["validate", "-f", "short"]);
    assert_eq!(status, 0);
    assert_eq!(codes(&out), ["PC020"], "{out}");
    assert!(
        out.contains("unused suppression: no PC203 diagnostic in this file"),
        "{out}"
    );
    let (_, out, _) = r.run(&["validate", "-f", "short", "--no-inline-suppressions"]);
    let mut c = codes(&out);
    c.sort();
    assert_eq!(c, ["PC105", "PC501"]);
    let (_, out, _) = r.run(&["validate", "--statistics"]);
    assert!(
        out.ends_with("1 diagnostic of 1 code in 1 file (0 invalid); 2 suppressed\n"),
        "{out}"
    );
    let (status, out, _) = r.run(&["explain", "PC020"]);
    assert_eq!(status, 0);
    assert!(
        out.contains("# publiccode: ignore PC501 -- reason"),
        "{out}"
    );
    assert!(out.contains("ignore-file"), "{out}");
}

#[test]
fn statistics_over_several_files() {
    let r = Repo::new("stats");
    r.write("a/publiccode.yml", &descriptor())
        .write("b/publiccode.yml", &descriptor())
        .write("c/publiccode.yml", "publiccodeYmlVersion: \"0.7\"\n");
    let (status, out, _) = r.run(&["validate", "--statistics", "-f", "json", "."]);
    assert_eq!(status, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["files"], 3);
    assert_eq!(v["invalid"], 1);
    let stats = v["statistics"].as_array().expect("array");
    let pc501 = stats.iter().find(|s| s["code"] == "PC501").expect("PC501");
    assert_eq!(
        (pc501["count"].as_u64(), pc501["files"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(pc501["name"], "deprecated-key");
    // Most frequent first.
    let counts: Vec<u64> = stats.iter().filter_map(|s| s["count"].as_u64()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let (_, table, _) = r.run(&["validate", "--statistics", "."]);
    assert!(table.starts_with(" count  files  code"), "{table}");
}

#[test]
fn color_output_stdin_filename_quiet() {
    let r = Repo::new("flags");
    r.write("publiccode.yml", &descriptor());
    let esc = '\u{1b}';
    let (_, out, _) = r.run(&["validate", "--color", "always"]);
    assert!(out.contains(esc), "--color always colours a pipe");
    let (_, out, _) = r.run(&["validate"]);
    assert!(!out.contains(esc), "auto: no colour into a pipe");
    let (_, out, _) = r.run_env(&["validate"], &[("CLICOLOR_FORCE", "1")], None);
    assert!(out.contains(esc), "CLICOLOR_FORCE forces colour");
    let (_, out, _) = r.run_env(
        &["validate", "--color", "always"],
        &[("NO_COLOR", "1")],
        None,
    );
    assert!(out.contains(esc), "the flag wins over NO_COLOR");
    let (_, out, _) = r.run_env(
        &["validate"],
        &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")],
        None,
    );
    assert!(!out.contains(esc), "NO_COLOR wins over CLICOLOR_FORCE");

    // --output writes the report to a file and nothing to stdout.
    let (status, out, _) = r.run(&["validate", "-f", "json", "--output", "report.json"]);
    assert_eq!((status, out.as_str()), (0, ""));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(r.0.join("report.json")).expect("report"))
            .expect("JSON");
    assert_eq!(v["summary"]["warnings"], 2);
    let (status, _, err) = r.run(&["validate", "--output", "no/such/dir/r.txt"]);
    assert_eq!(status, 2);
    assert!(err.contains("cannot write"), "{err}");

    // --stdin-filename names the file, finds its configuration and its folder.
    r.write("sub/publiccode.toml", "ignore = [\"PC105\"]\n");
    let (_, out, _) = r.run_env(
        &[
            "validate",
            "-f",
            "short",
            "--stdin-filename",
            "sub/publiccode.yml",
            "-",
        ],
        &[],
        Some(&descriptor()),
    );
    assert!(out.starts_with("sub/publiccode.yml:"), "{out}");
    assert_eq!(codes(&out), ["PC501"]);

    // --quiet: diagnostics but no summary line; nothing at all for a clean file.
    let (_, loud, _) = r.run(&["validate", "--no-config"]);
    assert!(loud.contains("1 file: 1 valid, 0 invalid"), "{loud}");
    let (_, quiet, _) = r.run(&["validate", "--no-config", "-q"]);
    assert!(!quiet.contains("1 file:"), "{quiet}");
    assert!(quiet.contains("PC501"), "{quiet}");
    let (status, quiet, _) = r.run(&["validate", "-q", "--ignore", "PC105", "--ignore", "PC501"]);
    assert_eq!((status, quiet.as_str()), (0, ""));
}
