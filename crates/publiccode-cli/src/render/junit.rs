//! JUnit XML (`--format junit`): the test report format that GitLab's merge-request
//! test widget, Jenkins and most CI dashboards read.
//!
//! One `<testsuite>` per file inside one `<testsuites>`. Each diagnostic is a
//! `<testcase>` (`name` = code and key, `classname` = the file, `file` and `line`
//! attributes); an error carries a `<failure>` with the message, type and position, a
//! warning or note passes and carries its message in `<system-out>`, so warnings are
//! visible without failing the report (`--warnings-as-errors` makes them failures). A
//! file without diagnostics is one passing test case.

use std::fmt::Write as _;

use publiccode::Severity;

use super::FileResult;
use super::gitlab::repo_path;

/// Escapes text for an XML attribute; characters XML 1.0 forbids are dropped.
pub fn escape(s: &str) -> String {
    escape_with(s, true)
}

/// Escapes element content, where line breaks can stay as they are.
fn escape_text(s: &str) -> String {
    escape_with(s, false)
}

fn escape_with(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' if !attribute => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Renders all results as a JUnit XML document in one piece: the reference the
/// streamed document is compared with.
#[cfg(test)]
pub fn render(results: &[FileResult]) -> String {
    let mut tests = 0;
    let mut failures = 0;
    let mut suites = String::new();
    for r in results {
        let (text, t, f) = suite(r);
        suites.push_str(&text);
        tests += t;
        failures += f;
    }
    format!("{}{suites}{FOOTER}", header(tests, failures))
}

/// The document's opening lines, which carry the totals of the run.
pub fn header(tests: usize, failures: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"publiccode\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    )
}

/// What closes the document.
pub const FOOTER: &str = "</testsuites>\n";

/// The `<testsuite>` of one file, with its number of test cases and of failures.
pub fn suite(r: &FileResult) -> (String, usize, usize) {
    let mut suites = String::new();
    let path = repo_path(&r.path);
    let file_failures = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let file_tests = r.diagnostics.len().max(1);
    let _ = writeln!(
        suites,
        "  <testsuite name=\"{}\" tests=\"{file_tests}\" failures=\"{file_failures}\" errors=\"0\" skipped=\"0\">",
        escape(&path)
    );
    if r.diagnostics.is_empty() {
        let _ = writeln!(
            suites,
            "    <testcase name=\"valid\" classname=\"{0}\" file=\"{0}\"/>",
            escape(&path)
        );
    }
    for d in &r.diagnostics {
        let name = if d.key.is_empty() {
            d.code.to_string()
        } else {
            format!("{} {}", d.code, d.key)
        };
        let position = if d.line > 0 {
            format!("{path}:{}:{}", d.line, d.column)
        } else {
            path.clone()
        };
        let mut text = format!("{position}: {}: ", d.severity);
        if !d.key.is_empty() {
            let _ = write!(text, "{}: ", d.key);
        }
        let _ = write!(text, "{} [{}]", d.message, d.code);
        if let Some(h) = &d.help {
            let _ = write!(text, "\nhelp: {h}");
        }
        let _ = write!(
            suites,
            "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"",
            escape(&name),
            escape(&path),
            escape(&path)
        );
        if d.line > 0 {
            let _ = write!(suites, " line=\"{}\"", d.line);
        }
        suites.push_str(">\n");
        if d.severity == Severity::Error {
            let _ = writeln!(
                suites,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&d.message),
                escape(&d.code),
                escape_text(&text)
            );
        } else {
            let _ = writeln!(
                suites,
                "      <system-out>{}</system-out>",
                escape_text(&text)
            );
        }
        suites.push_str("    </testcase>\n");
    }
    suites.push_str("  </testsuite>\n");
    (suites, file_tests, file_failures)
}
