//! The command-line hints added to library diagnostics. The libraries never name a
//! command or a flag (an editor or a crawler has neither); this front end does, for
//! the rules whose remedy is one of its commands or flags.

use publiccode::Diagnostic;
use publiccode::rules::code;

/// The library's neutral phrases and this front end's wording for them, by code:
/// `(code, library phrase, command-line phrase)`.
const HINTS: &[(&str, &str, &str)] = &[
    (
        code::EMPTY_DOCUMENT,
        "start from a complete file",
        "run `publiccode init` to write a complete file",
    ),
    (
        code::VERSION_0_1,
        "rewrite the file for the latest version",
        "rewrite the file for the latest version (`publiccode init` helps)",
    ),
    (
        code::VERSION_NOT_LATEST,
        "move to the latest version;",
        "run `publiccode upgrade` to move to the latest version;",
    ),
    (
        code::DEPRECATED_KEY,
        "upgrade the file to the latest version",
        "run `publiccode upgrade`",
    ),
    (
        code::FILE_MISSING,
        "write the path relative to the folder of publiccode.yml",
        "write the path relative to the folder of publiccode.yml (or give --base-dir); use --no-local-checks to skip this check",
    ),
    (
        publiccode_net::rules::code::REFUSED,
        "allow private hosts to check it",
        "add --allow-private-hosts to check it",
    ),
    (
        publiccode_net::rules::code::TIMEOUT,
        "allow a longer timeout",
        "give a longer --timeout",
    ),
    (
        publiccode_net::rules::code::CANNOT_RESOLVE,
        "no base URL,",
        "no --base-url,",
    ),
];

/// Rewrites the library's neutral phrases in `d` into this front end's wording.
pub fn add(d: &mut Diagnostic) {
    for (c, library, cli) in HINTS {
        if *c != d.code {
            continue;
        }
        if let Some(help) = &mut d.help
            && help.contains(library)
        {
            *help = help.replacen(library, cli, 1);
        } else if d.message.contains(library) {
            d.message = d.message.replacen(library, cli, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use publiccode::Severity;

    #[test]
    fn appends_to_the_library_help() {
        let mut d = Diagnostic::new(code::EMPTY_DOCUMENT, Severity::Error, "", "empty")
            .with_help("start from a complete file");
        add(&mut d);
        assert_eq!(
            d.help.as_deref(),
            Some("run `publiccode init` to write a complete file")
        );
        let mut other = Diagnostic::new(code::YAML_SYNTAX, Severity::Error, "", "bad");
        add(&mut other);
        assert_eq!(other.help, None);
    }
}
