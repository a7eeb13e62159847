//! The CI integrations shipped in this repository, run for real: the GitHub Action's
//! script with the environment GitHub provides, the action and GitLab template
//! definitions, and the pre-commit hooks through `pre-commit try-repo`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use publiccode::yaml::{Limits, Node};

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("publiccode-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml(path: &Path) -> Node {
    let text = read(path);
    let index = publiccode::LineIndex::new(&text);
    let (node, errors) = publiccode::yaml::load(&text, &index, Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    node.unwrap_or_else(|| panic!("{} is empty", path.display()))
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.as_mapping()?
        .iter()
        .find(|e| e.key_str() == Some(key))
        .map(|e| &e.value)
}

fn keys(node: &Node) -> Vec<String> {
    node.as_mapping()
        .map(|m| {
            m.iter()
                .filter_map(|e| e.key_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn action_script(env: &[(&str, &str)], cwd: &Path) -> (i32, String) {
    let out = Command::new("bash")
        .arg(root().join("integrations/github/run.sh"))
        .current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .output()
        .expect("bash");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn github_action_script_with_githubs_environment() {
    let t = TempDir::new("action");
    let examples = root().join("testdata/examples");
    assert!(
        examples.join("invalid/publiccode.yml").is_file(),
        "testdata/examples missing"
    );
    let output = t.0.join("github_output");
    let summary = t.0.join("step_summary");
    let sarif = t.0.join("reports/publiccode.sarif");
    let (status, log) = action_script(
        &[
            ("PUBLICCODE", BIN),
            ("INPUT_PATHS", "invalid/publiccode.yml valid/publiccode.yml"),
            ("INPUT_FORMAT", "github"),
            ("INPUT_SARIF", &sarif.display().to_string()),
            ("GITHUB_OUTPUT", &output.display().to_string()),
            ("GITHUB_STEP_SUMMARY", &summary.display().to_string()),
        ],
        &examples,
    );
    assert_eq!(status, 1, "{log}");
    assert!(
        log.contains("::error file=invalid/publiccode.yml,line=2,col=23,title=publiccode PC102::"),
        "{log}"
    );

    // The counts agree with the JSON report of the same files.
    let json = Command::new(BIN)
        .args([
            "validate",
            "-f",
            "json",
            "invalid/publiccode.yml",
            "valid/publiccode.yml",
        ])
        .current_dir(&examples)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let errors = v["summary"]["errors"].as_u64().expect("errors");
    let warnings = v["summary"]["warnings"].as_u64().expect("warnings");
    assert!(errors > 0 && warnings > 0);
    let outputs = read(&output);
    assert_eq!(
        outputs,
        format!(
            "valid=false\nerrors={errors}\nwarnings={warnings}\nexit-code=1\nsarif-file={}\n",
            sarif.display()
        )
    );
    let md = read(&summary);
    assert!(
        md.starts_with(&format!(
            "### publiccode.yml: ❌ invalid ({errors} errors, {warnings} warnings)"
        )),
        "{md}"
    );
    assert!(md.contains("| Location | Severity | Code | Message |\n| --- | --- | --- | --- |\n"));
    assert!(
        md.contains("| `invalid/publiccode.yml:2:23` | ❌ error | PC102 | "),
        "{md}"
    );
    let rows = md.lines().filter(|l| l.starts_with("| `")).count() as u64;
    assert_eq!(rows, errors + warnings);
    let s: serde_json::Value = serde_json::from_str(&read(&sarif)).expect("SARIF is JSON");
    assert_eq!(s["version"], "2.1.0");

    // A valid file with warnings turned into errors fails; a valid run appends.
    let (status, _) = action_script(
        &[
            ("PUBLICCODE", BIN),
            ("INPUT_PATHS", "valid/publiccode.yml"),
            ("GITHUB_OUTPUT", &output.display().to_string()),
            ("GITHUB_STEP_SUMMARY", &summary.display().to_string()),
        ],
        &examples,
    );
    assert_eq!(status, 0);
    assert!(
        read(&output).ends_with("valid=true\nerrors=0\nwarnings=0\nexit-code=0\nsarif-file=\n")
    );
    assert!(read(&summary).contains("### publiccode.yml: ✅ valid (0 errors, 0 warnings)"));

    // No binary: a clear annotation and exit 2.
    let (status, log) = action_script(
        &[
            ("PUBLICCODE", "/nonexistent/publiccode"),
            ("GITHUB_OUTPUT", &output.display().to_string()),
        ],
        &examples,
    );
    assert_eq!(status, 2);
    assert!(log.starts_with("::error title=publiccode::"), "{log}");
}

#[test]
fn action_definition_passes_every_input_to_the_script() {
    let action = yaml(&root().join("action.yml"));
    let runs = get(&action, "runs").expect("runs");
    assert_eq!(get(runs, "using").and_then(Node::as_str), Some("composite"));
    let steps = get(runs, "steps")
        .and_then(Node::as_sequence)
        .expect("steps");
    let validate = steps
        .iter()
        .find(|s| get(s, "id").and_then(Node::as_str) == Some("validate"))
        .expect("a step with id validate");
    let env = keys(get(validate, "env").expect("env"));
    let script = read(&root().join("integrations/github/run.sh"));
    for input in keys(get(&action, "inputs").expect("inputs")) {
        if input == "working-directory" {
            continue;
        }
        let var = format!("INPUT_{}", input.to_uppercase().replace('-', "_"));
        assert!(env.contains(&var), "action.yml does not pass {var}");
        assert!(script.contains(&var), "run.sh does not read {var}");
    }
    for output in keys(get(&action, "outputs").expect("outputs")) {
        assert!(
            script.contains(&format!("echo \"{output}=")),
            "run.sh does not write {output}"
        );
    }
    let uses_cache = steps.iter().any(|s| {
        get(s, "uses")
            .and_then(Node::as_str)
            .is_some_and(|u| u.starts_with("actions/cache@"))
    });
    assert!(uses_cache, "the binary is cached");
}

#[test]
fn gitlab_template_reports_match_the_formats() {
    let doc = yaml(&root().join("integrations/gitlab/publiccode.gitlab-ci.yml"));
    let job = get(&doc, "publiccode").expect("a publiccode job");
    let reports = get(job, "artifacts")
        .and_then(|a| get(a, "reports"))
        .expect("artifacts.reports");
    let cq = get(reports, "codequality")
        .and_then(Node::as_str)
        .expect("codequality report");
    let junit = get(reports, "junit")
        .and_then(Node::as_str)
        .expect("junit report");
    let script: Vec<&str> = get(job, "script")
        .and_then(Node::as_sequence)
        .expect("script")
        .iter()
        .filter_map(Node::as_str)
        .collect();
    assert!(
        script
            .iter()
            .any(|l| l.contains("--format gitlab") && l.contains(cq)),
        "{script:?}"
    );
    assert!(
        script
            .iter()
            .any(|l| l.contains("--format junit") && l.contains(junit)),
        "{script:?}"
    );
    assert_eq!(
        get(get(job, "artifacts").expect("artifacts"), "when").and_then(Node::as_str),
        Some("always"),
        "reports are kept when the job fails"
    );
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(
        ok.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&p).expect("meta").permissions().mode();
                std::fs::set_permissions(
                    to.join(e.file_name()),
                    std::fs::Permissions::from_mode(mode),
                )
                .expect("chmod");
            }
        }
    }
}

#[test]
fn pre_commit_hooks_via_try_repo() {
    let have = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "pre-commit is not installed, but CI=true: .ci/run must install it (pip install pre-commit)"
        );
        println!(
            "NOTICE: pre-commit not installed; the pre-commit hook test is skipped (pip install pre-commit)"
        );
        return;
    }
    let t = TempDir::new("precommit");
    // The hook repository: this repository's hook files, committed.
    let hooks = t.0.join("hooks");
    std::fs::create_dir_all(&hooks).expect("mkdir");
    std::fs::copy(
        root().join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .expect("copy");
    copy_dir(
        &root().join("integrations/pre-commit"),
        &hooks.join("integrations/pre-commit"),
    );
    git(&hooks, &["init", "-q"]);
    git(&hooks, &["add", "-A"]);
    git(&hooks, &["commit", "-q", "-m", "hooks"]);
    // A project with one invalid and one valid descriptor, and a YAML file the hook ignores.
    let project = t.0.join("project");
    std::fs::create_dir_all(project.join("sub")).expect("mkdir");
    let examples = root().join("testdata/examples");
    std::fs::copy(
        examples.join("invalid/publiccode.yml"),
        project.join("publiccode.yml"),
    )
    .expect("copy");
    std::fs::copy(
        examples.join("valid/publiccode.yml"),
        project.join("sub/publiccode.yaml"),
    )
    .expect("copy");
    std::fs::write(project.join("other.yml"), "not: [a descriptor\n").expect("write");
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);

    let bin_dir = Path::new(BIN).parent().expect("bin dir");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let try_repo = |hook: &str, files: &[&str]| -> (i32, String) {
        let mut cmd = Command::new("pre-commit");
        cmd.args([
            "try-repo",
            &hooks.display().to_string(),
            hook,
            "--color",
            "never",
        ]);
        if files.is_empty() {
            cmd.arg("--all-files");
        } else {
            cmd.arg("--files").args(files);
        }
        let out = cmd
            .current_dir(&project)
            .env("PRE_COMMIT_HOME", t.0.join("cache"))
            .env("PUBLICCODE_BIN", BIN)
            .env("PATH", &path)
            .output()
            .expect("pre-commit");
        (
            out.status.code().unwrap_or(-1),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    for hook in ["publiccode-validate", "publiccode-validate-system"] {
        let (status, out) = try_repo(hook, &[]);
        assert_eq!(status, 1, "{hook}: {out}");
        assert!(out.contains("Failed"), "{hook}: {out}");
        assert!(out.contains("PC102"), "{hook}: {out}");
        assert!(
            !out.contains("other.yml"),
            "{hook} ran on a file that is not a descriptor: {out}"
        );
        let (status, out) = try_repo(hook, &["sub/publiccode.yaml", "other.yml"]);
        assert_eq!(status, 0, "{hook}: {out}");
        assert!(out.contains("Passed"), "{hook}: {out}");
    }
}
