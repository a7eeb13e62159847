//! The interactive wizard of `publiccode init`, driven through tmux: the test types
//! answers into a real terminal, checks that a wrong answer is refused as it is typed,
//! and that the file written at the end validates. Skipped (with a message) when tmux or
//! git is not installed. Nothing sleeps for a fixed time: every step polls the screen
//! (or the exit-code file) for what it expects, with a deadline.

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
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `publiccode init EXTRA --dir DIR` in a 160x50 tmux session on its own
    /// socket (named after `socket` and this process); the shell writes the exit code to
    /// `DIR/exit-code` when the wizard ends.
    fn start(socket: &str, dir: &Path, extra: &str) -> Tmux {
        let bin = env!("CARGO_BIN_EXE_publiccode");
        let tmux = Tmux {
            socket: format!("{socket}-{}", std::process::id()),
        };
        let script = format!(
            "cd '{d}' && '{bin}' init {extra} --dir '{d}'; echo $? > '{d}/exit-code'; sleep 30",
            d = dir.display()
        );
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "wizard",
            "-x",
            "160",
            "-y",
            "50",
            &script,
        ]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "wizard"])
    }

    /// Polls the screen until `done` holds, failing after a deadline with the screen.
    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "wizard"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types `text` and waits until the terminal echoes it.
    fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
        self.wait_for(text);
    }
}

/// How long any one step may take, and how often the screen is looked at.
const DEADLINE: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(25);

/// Waits until the shell wrapped around the wizard has written its exit code (a line).
fn exit_code(tmux: &Tmux, file: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(code) = std::fs::read_to_string(file)
            && code.ends_with('\n')
        {
            return code.trim().to_string();
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the wizard did not finish; screen:\n{}",
            tmux.screen()
        );
        std::thread::sleep(POLL);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// A repository folder named `civic-forms` inside `root` (each test passes its own
/// temporary folder, so tests running in parallel never share or delete each other's files).
fn fixture(root: &Path) -> PathBuf {
    let dir = root.join("civic-forms");
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"civic-forms\"\nversion = \"1.0.0\"\nlicense = \"EUPL-1.2\"\ndescription = \"Accessible online forms for municipalities\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("README.md"),
        "# Civic Forms\n\nCivic Forms lets municipalities publish accessible online forms, collect submissions securely and route them to the right office without any paper at all.\n",
    )
    .expect("write");
    dir
}

fn have(program: &str) -> bool {
    Command::new(program).arg("-V").output().is_ok()
}

#[test]
fn wizard_asks_checks_and_writes_a_valid_file() {
    if !have("tmux") {
        eprintln!("skipping the wizard test: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let dir = fixture(root.path());
    let tmux = Tmux::start("publiccode-init-test", &dir, "");

    // The language detected from the README is confirmed first.
    tmux.wait_for("Description language");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Repository URL");
    // A wrong answer is refused as it is typed, with the validator's reason.
    tmux.type_text("not a url");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_until("the URL to be refused or accepted", |s| {
        s.contains("must be a valid URL") || s.contains("Development status")
    });
    assert!(screen.contains("Repository URL"), "{screen}");
    assert!(
        !screen.contains("Development status"),
        "wrong URL accepted:\n{screen}"
    );
    let backspaces = vec!["BSpace"; "not a url".len()];
    tmux.keys(&backspaces);
    tmux.wait_until("the wrong URL to be erased", |s| !s.contains("not a url"));
    tmux.type_text("https://github.com/comune-example/civic-forms");
    tmux.keys(&["Enter"]);

    tmux.wait_for("Development status");
    tmux.type_text("stable");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Software type");
    tmux.type_text("standalone/web");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Feature (en)");
    tmux.type_text("Form builder");
    tmux.keys(&["Enter"]);
    tmux.wait_for("another feature");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Maintenance");
    tmux.type_text("community");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Maintenance contact");
    tmux.type_text("Ada Lovelace <ada@example.org>");
    tmux.keys(&["Enter"]);
    tmux.wait_for("another contact");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Categories");
    tmux.type_text("data-collection");
    tmux.keys(&["Space"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Scope");
    tmux.keys(&["Enter"]);
    // The review shows every value and where it came from, before writing.
    let screen = tmux.wait_for("Write publiccode.yml?");
    for expected in [
        "name",
        "(inferred from Cargo.toml)",
        "url",
        "(your answer)",
        "description.en.longDescription",
        "(inferred from README.md, first paragraph)",
    ] {
        assert!(
            screen.contains(expected),
            "review lacks {expected:?}:\n{screen}"
        );
    }
    assert!(
        !dir.join("publiccode.yml").exists(),
        "written before the review was confirmed"
    );
    tmux.keys(&["Enter"]);

    let code = exit_code(&tmux, &dir.join("exit-code"));
    assert_eq!(code, "0", "screen:\n{}", tmux.screen());
    let yaml = std::fs::read_to_string(dir.join("publiccode.yml")).expect("publiccode.yml written");
    for expected in [
        "url: https://github.com/comune-example/civic-forms",
        "developmentStatus: stable",
        "softwareType: standalone/web",
        "- data-collection",
        "license: EUPL-1.2",
        "name: Ada Lovelace",
    ] {
        assert!(yaml.contains(expected), "missing {expected:?} in:\n{yaml}");
    }
    let report = publiccode::validate_str(&yaml, &publiccode::Options::default());
    assert!(report.is_valid(), "{:?}", report.diagnostics);
}

#[test]
fn ctrl_c_exits_130_with_one_short_line() {
    if !have("tmux") {
        eprintln!("skipping the wizard test: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("civic-forms-interrupted");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let tmux = Tmux::start("publiccode-init-ctrlc", &dir, "--no-infer");
    tmux.wait_for("Name of the software");
    tmux.keys(&["C-c"]);
    let code = exit_code(&tmux, &dir.join("exit-code"));
    assert_eq!(code, "130", "screen:\n{}", tmux.screen());
    // The shell has printed the exit code, so the wizard's last line is on screen.
    let screen = tmux.wait_for("interrupted");
    let lines: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines.last().copied(),
        Some("error: interrupted; nothing was written"),
        "screen:\n{screen}"
    );
    assert!(!dir.join("publiccode.yml").exists());
}
