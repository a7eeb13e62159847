//! Hostile input through the real command line: one test per shape of the security
//! audit (issue 10), each with generous bounds on time asserted (hang guards; the real
//! figures come from `scripts/bench-hostile.sh`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_publiccode"))
}

fn run_in(dir: &Path, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    (out, start.elapsed())
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A repository folder (with `.git`) holding the valid example as publiccode.yml.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples/valid/publiccode.yml");
    let text = std::fs::read_to_string(&example)
        .unwrap_or_else(|e| panic!("{}: {e} (testdata missing?)", example.display()));
    std::fs::write(dir.path().join("publiccode.yml"), text).expect("write");
    dir
}

const HOSTILE_KEYS: &str = "publiccodeYmlVersion: \"0\"\n\
\"na\\e]8;;http://evil.example\\ame\\e]8;;\\a\": x\n\
\"\\r\\n::set-env name=X::1\\u202e\\e[2J\": 1\n\
\"\\n::add-mask::secret\": 2\n\
localisation:\r  localisationReady: yes\n";

#[test]
fn control_characters_are_escaped_in_every_text_format() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("publiccode.yml"), HOSTILE_KEYS).expect("write");
    for format in ["human", "short", "github"] {
        let (out, _) = run_in(dir.path(), &["validate", "-f", format, "publiccode.yml"]);
        let text = stdout(&out);
        assert!(
            text.contains("set-env"),
            "{format}: the key is shown\n{text}"
        );
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\r'] {
            assert!(
                !text.contains(bad),
                "{format}: {bad:?} reached the output\n{text}"
            );
        }
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::set-env"),
                "{format}: {line}"
            );
            assert!(
                !line.trim_start().starts_with("::add-mask"),
                "{format}: {line}"
            );
            match format {
                "short" => assert!(line.starts_with("publiccode.yml:"), "{line}"),
                "github" => assert!(
                    ["::error ", "::warning ", "::notice "]
                        .iter()
                        .any(|p| line.starts_with(p)),
                    "{line}"
                ),
                _ => {}
            }
        }
    }
    // One diagnostic per line in short output.
    let (out, _) = run_in(dir.path(), &["validate", "-f", "short", "publiccode.yml"]);
    let (json, _) = run_in(dir.path(), &["validate", "-f", "json", "publiccode.yml"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let n = v["files"][0]["diagnostics"].as_array().map_or(0, Vec::len);
    assert_eq!(stdout(&out).lines().count(), n);
}

#[test]
fn a_file_name_cannot_inject_either() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let name = "x\n::set-env name=A::b\u{1b}[31m.yml";
    std::fs::write(dir.path().join(name), "publiccodeYmlVersion: \"0\"\n").expect("write");
    for format in ["short", "github", "human"] {
        let (out, _) = run_in(dir.path(), &["validate", "-f", format, name]);
        let text = stdout(&out);
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(
            text.lines()
                .all(|l| !l.trim_start().starts_with("::set-env")),
            "{text}"
        );
    }
}

#[test]
fn sarif_uris_are_percent_encoded_references() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let sub = dir.path().join("sp ace/é#1");
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::write(sub.join("publiccode.yml"), "publiccodeYmlVersion: \"0\"\n").expect("write");
    let (out, _) = run_in(
        dir.path(),
        &["validate", "-f", "sarif", "sp ace/é#1/publiccode.yml"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let uri = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "sp%20ace/%C3%A9%231/publiccode.yml");
    let abs = sub.join("publiccode.yml");
    let abs = abs.to_str().expect("UTF-8 path");
    let (out, _) = run_in(dir.path(), &["validate", "-f", "sarif", abs]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let uri =
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or("")
            .to_string();
    assert!(uri.starts_with("file:///"), "{uri}");
    assert!(
        uri.ends_with("/sp%20ace/%C3%A9%231/publiccode.yml"),
        "{uri}"
    );
}

#[test]
fn forty_thousand_duplicate_keys_in_human_output() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut text = String::from("publiccodeYmlVersion: \"0\"\n");
    for i in 0..40_000 {
        text.push_str(&format!("k: {i}\n"));
    }
    std::fs::write(dir.path().join("publiccode.yml"), &text).expect("write");
    let (out, t) = run_in(dir.path(), &["validate", "publiccode.yml"]);
    let text = stdout(&out);
    assert!(t < Duration::from_secs(30), "{t:?}");
    assert!(
        text.contains("more diagnostics not shown"),
        "{}",
        &text[text.len().saturating_sub(500)..]
    );
    assert!(text.len() < 200_000, "{} bytes of output", text.len());
    assert!(
        text.contains("39999 errors") || text.contains("40000 errors") || text.contains("errors")
    );
}

#[test]
fn over_limit_files_are_refused_with_their_real_size() {
    let dir = repo();
    // upgrade: a 0.2 file padded past the limit with a comment is refused, untouched.
    let mut old = String::from("publiccodeYmlVersion: \"0.2\"\nname: x\n");
    old.push_str(&format!("# {}\n", "x".repeat(2 << 20)));
    let p = dir.path().join("publiccode.yml");
    std::fs::write(&p, &old).expect("write");
    let (out, _) = run_in(dir.path(), &["upgrade", "publiccode.yml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{} bytes", old.len())),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("PC005"));
    assert_eq!(std::fs::read_to_string(&p).expect("read"), old);
    // validate: a sparse 40 MiB file is reported with its real size, and not read.
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(40 << 20).expect("sparse");
    let (out, t) = run_in(dir.path(), &["validate", "-f", "short", "publiccode.yml"]);
    assert!(
        stdout(&out).contains(&format!("{} bytes", 40u64 << 20)),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("[PC005]"));
    assert!(t < Duration::from_secs(5));
    // Content that looks like code.json does not raise the limit.
    let mut json = String::from("{\"releases\": [");
    while json.len() < (2 << 20) {
        json.push_str("{\"name\": \"x\", \"repositoryURL\": \"https://e.org\"},");
    }
    json.push_str("{}]}");
    std::fs::write(dir.path().join("data.json"), &json).expect("write");
    let (out, _) = run_in(dir.path(), &["validate", "-f", "short", "data.json"]);
    assert!(
        stdout(&out).contains(&format!("the file is {} bytes", json.len())),
        "{}",
        stdout(&out)
    );
    // Named code.json, the larger limit of the format applies.
    std::fs::rename(dir.path().join("data.json"), dir.path().join("code.json")).expect("mv");
    let (out, _) = run_in(dir.path(), &["validate", "-f", "short", "code.json"]);
    assert!(!stdout(&out).contains("PC005"), "{}", stdout(&out));
}

#[cfg(unix)]
#[test]
fn a_fifo_or_proc_entry_as_authors_file_does_not_hang() {
    let dir = repo();
    let fifo = dir.path().join("AUTHORS");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let p = dir.path().join("publiccode.yml");
    let mut text = std::fs::read_to_string(&p).expect("read");
    text = text.replace(
        "  license: EUPL-1.2\n",
        "  license: EUPL-1.2\n  authorsFile: AUTHORS\n",
    );
    for target in [
        "AUTHORS",
        "/proc/kmsg",
        "../../../../../../proc/kmsg",
        "../../../../../../etc/shadow",
    ] {
        let t2 = text.replace("authorsFile: AUTHORS", &format!("authorsFile: {target}"));
        std::fs::write(&p, t2).expect("write");
        let (out, t) = run_in(dir.path(), &["validate", "-f", "short", "publiccode.yml"]);
        assert!(t < Duration::from_secs(10), "{target}: {t:?}");
        assert!(
            stdout(&out).contains("authorsFile"),
            "{target}: {}",
            stdout(&out)
        );
    }
}

fn fix(dir: &Path, name: &str) -> Output {
    run_in(dir, &["validate", "--fix", "-f", "short", name]).0
}

#[test]
fn fixes_land_in_place_and_keep_anchor_bom_and_mode() {
    let dir = repo();
    let p = dir.path().join("publiccode.yml");
    let base = std::fs::read_to_string(&p).expect("read");
    for brk in ["\r", "\r\n", "\n"] {
        let text = format!(
            "\u{FEFF}{}{brk}x-note: é{brk}localisation2: &y yes{brk}",
            base.replace("localisationReady: false", "localisationReady: no")
                .trim_end()
        )
        .replace('\n', brk)
        .replace("\r\r", "\r");
        std::fs::write(&p, &text).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o604)).expect("chmod");
        }
        let out = fix(dir.path(), "publiccode.yml");
        let now = std::fs::read_to_string(&p).expect("read");
        assert!(now.starts_with('\u{FEFF}'), "BOM kept ({brk:?})");
        assert_eq!(
            now,
            text.replace("localisationReady: no", "localisationReady: false"),
            "{brk:?}: {}",
            stderr(&out)
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o604);
        }
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn yaml11_boolean_behind_an_anchor_keeps_the_anchor() {
    let dir = repo();
    let p = dir.path().join("publiccode.yml");
    let base = std::fs::read_to_string(&p).expect("read");
    let text = base.replace("localisationReady: false", "localisationReady: &y no");
    assert_ne!(text, base, "the example has localisationReady: false");
    std::fs::write(&p, &text).expect("write");
    let out = fix(dir.path(), "publiccode.yml");
    let now = std::fs::read_to_string(&p).expect("read");
    assert!(
        now.contains("localisationReady: &y false"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_write_error_on_one_file_lets_the_others_be_fixed_and_exits_2() {
    let dir = repo();
    let base = std::fs::read_to_string(dir.path().join("publiccode.yml")).expect("read");
    let broken = base.replace("localisationReady: false", "localisationReady: no");
    std::fs::create_dir(dir.path().join("a")).expect("mkdir");
    std::fs::create_dir(dir.path().join("b")).expect("mkdir");
    // `a` grows past the file-size limit when fixed: its write fails (EFBIG), as on a
    // full disk; `b` is small enough.
    let big = format!("{broken}# {}\n", "x".repeat(8000));
    std::fs::write(dir.path().join("a/publiccode.yml"), &big).expect("write");
    std::fs::write(dir.path().join("b/publiccode.yml"), &broken).expect("write");
    std::fs::write(
        dir.path().join("a/publiccode.yml"),
        big.replace("localisationReady: false", "localisationReady: no"),
    )
    .expect("write");
    let script = format!(
        "trap '' XFSZ; ulimit -f 8; exec '{}' validate --fix -f short a/publiccode.yml b/publiccode.yml",
        bin().display()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write a/publiccode.yml"),
        "{}",
        stderr(&out)
    );
    let b = std::fs::read_to_string(dir.path().join("b/publiccode.yml")).expect("read");
    assert!(b.contains("localisationReady: false"), "b was fixed");
    let a = std::fs::read_to_string(dir.path().join("a/publiccode.yml")).expect("read");
    assert!(a.contains("localisationReady: no"), "a is untouched");
    for sub in ["a", "b"] {
        let left: Vec<_> = std::fs::read_dir(dir.path().join(sub))
            .expect("ls")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "publiccode.yml")
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_descriptor_is_written_through_only_inside_the_repository() {
    let dir = repo();
    let outside = tempfile::tempdir().expect("temporary folder");
    let base = std::fs::read_to_string(dir.path().join("publiccode.yml")).expect("read");
    let broken = base.replace("localisationReady: false", "localisationReady: no");
    let far = outside.path().join("publiccode.yml");
    std::fs::write(&far, &broken).expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::os::unix::fs::symlink(&far, dir.path().join("sub/publiccode.yml")).expect("symlink");
    let out = fix(dir.path(), "sub/publiccode.yml");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("outside the repository"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&far).expect("read"), broken);
    // Inside the repository: written through, the link stays a link.
    let inner = dir.path().join("real.yml");
    std::fs::write(&inner, &broken).expect("write");
    std::fs::remove_file(dir.path().join("sub/publiccode.yml")).expect("rm");
    std::os::unix::fs::symlink(&inner, dir.path().join("sub/publiccode.yml")).expect("symlink");
    let out = fix(dir.path(), "sub/publiccode.yml");
    assert!(
        std::fs::read_to_string(&inner)
            .expect("read")
            .contains("localisationReady: false"),
        "{}",
        stderr(&out)
    );
    assert!(
        std::fs::symlink_metadata(dir.path().join("sub/publiccode.yml"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_long_non_ascii_line_is_not_printed_under_every_diagnostic() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let items = vec!["{é: 1, é: 2}"; 8_000].join(", ");
    let text = format!("publiccodeYmlVersion: \"0\"\nx: [{items}]\nname: [{items}]\n");
    assert!(text.len() < 1 << 20);
    std::fs::write(dir.path().join("publiccode.yml"), &text).expect("write");
    let (out, t) = run_in(dir.path(), &["validate", "publiccode.yml"]);
    let shown = stdout(&out);
    assert!(t < Duration::from_secs(30), "{t:?}");
    assert!(shown.len() < 100_000, "{} bytes of output", shown.len());
    assert!(shown.contains("more diagnostics not shown"));
    // The positions are still exact, in characters.
    let (out, _) = run_in(dir.path(), &["validate", "-f", "short", "publiccode.yml"]);
    let second = stdout(&out)
        .lines()
        .filter(|l| l.contains("duplicate key"))
        .nth(1)
        .map(str::to_string)
        .unwrap_or_default();
    // `x: [{é: 1, é: 2}, {é: 1, é: 2}` : the second duplicate `é` is at column 26.
    assert!(second.starts_with("publiccode.yml:2:26:"), "{second}");
}
