//! Process-wide output choices of `validate`, decided once from the flags and the
//! environment: whether to colour (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`, a terminal)
//! and whether to stay quiet (`--quiet`: results only, no summary or progress lines).

use std::ffi::OsString;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set (or `CLICOLOR_FORCE` forces it).
    #[default]
    Auto,
    /// Always colour, even into a file or pipe.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Clone, Copy)]
struct Ui {
    color: bool,
    quiet: bool,
}

static UI: OnceLock<Ui> = OnceLock::new();

/// Whether to colour, from the flag, whether output goes to a terminal, and the
/// `NO_COLOR` (https://no-color.org: set and not empty turns colour off) and
/// `CLICOLOR_FORCE` (set and not `0` turns it on) variables. The flag wins over both.
pub fn decide(
    choice: ColorChoice,
    to_terminal: bool,
    no_color: Option<OsString>,
    clicolor_force: Option<OsString>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if no_color.is_some_and(|v| !v.is_empty()) {
                false
            } else if clicolor_force.is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                to_terminal
            }
        }
    }
}

/// Records the choices for this process; `to_file` is true when output goes to
/// `--output FILE` rather than standard output. Later calls are ignored.
pub fn init(choice: ColorChoice, to_file: bool, quiet: bool) {
    let to_terminal = !to_file && std::io::stdout().is_terminal();
    let color = decide(
        choice,
        to_terminal,
        std::env::var_os("NO_COLOR"),
        std::env::var_os("CLICOLOR_FORCE"),
    );
    let _ = UI.set(Ui { color, quiet });
}

/// Whether to colour output (`auto` rules when [`init`] was not called).
pub fn color() -> bool {
    match UI.get() {
        Some(ui) => ui.color,
        None => decide(
            ColorChoice::Auto,
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR"),
            std::env::var_os("CLICOLOR_FORCE"),
        ),
    }
}

/// Whether `--quiet` was given.
pub fn quiet() -> bool {
    UI.get().is_some_and(|ui| ui.quiet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence() {
        let s = |v: &str| Some(OsString::from(v));
        assert!(decide(ColorChoice::Auto, true, None, None));
        assert!(!decide(ColorChoice::Auto, false, None, None));
        assert!(!decide(ColorChoice::Auto, true, s("1"), None));
        // An empty NO_COLOR does not count (no-color.org).
        assert!(decide(ColorChoice::Auto, true, s(""), None));
        assert!(decide(ColorChoice::Auto, false, None, s("1")));
        assert!(!decide(ColorChoice::Auto, false, None, s("0")));
        assert!(!decide(ColorChoice::Auto, true, s("1"), s("1")));
        assert!(decide(ColorChoice::Always, false, s("1"), None));
        assert!(!decide(ColorChoice::Never, true, None, s("1")));
    }
}
