//! The countries' own formats: US `code.json` and Canada's Open Resource Exchange
//! records. They are read with the core's spanned YAML loader (YAML 1.2 is a superset
//! of JSON), so their diagnostics carry key paths, lines and columns exactly like the
//! ones of publiccode.yml and go through the same output formats.

mod codejson;
mod ore;
mod schema;

use publiccode::input::DecodeError;
use publiccode::yaml::{self, LoadErrorKind};
use publiccode::{Diagnostic, LineIndex, Report, Severity, Span};

/// The formats `validate` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputFormat {
    /// publiccode.yml.
    Publiccode,
    /// US code.json.
    CodeJson,
    /// Canada's Open Resource Exchange record.
    Ore,
}

/// Largest foreign file accepted (agency indexes reach a few megabytes).
pub const MAX_FOREIGN_BYTES: usize = 32 << 20;

/// Guesses the format from the file name and content.
pub fn detect_format(path: &str, bytes: &[u8]) -> InputFormat {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    // The name settles the common case before the head is decoded (a batch of
    // publiccode.yml files pays nothing more here).
    if name.starts_with("publiccode.") {
        return InputFormat::Publiccode;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    if head.contains("publiccodeYmlVersion") || head.contains("publiccode-yaml-version") {
        return InputFormat::Publiccode;
    }
    let unix = path.replace('\\', "/");
    if unix.contains("_data/code/") || unix.contains("_data/software/") {
        return InputFormat::Ore;
    }
    let json_like = head
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('{');
    // ORE records written as JSON (as `publiccode export --to ore` does).
    if json_like
        && head.contains("\"schemaVersion\"")
        && ["\"adminCode\"", "\"administrations\"", "\"licences\""]
            .iter()
            .any(|k| head.contains(k))
    {
        return InputFormat::Ore;
    }
    let code_json_keys = [
        "\"releases\"",
        "\"measurementType\"",
        "\"repositoryURL\"",
        "\"usageType\"",
        "\"projects\"",
    ];
    if name == "code.json" || (json_like && code_json_keys.iter().any(|k| head.contains(k))) {
        return InputFormat::CodeJson;
    }
    let has = |k: &str| head.lines().any(|l| l.starts_with(k));
    if has("schemaVersion:")
        && (has("adminCode:") || has("administrations:") || has("releases:") || has("licences:"))
    {
        return InputFormat::Ore;
    }
    InputFormat::Publiccode
}

/// Validates a file in a country's own format (publiccode.yml goes to the core).
pub fn validate_foreign(format: InputFormat, bytes: &[u8]) -> Report {
    let codes = match format {
        InputFormat::Publiccode => {
            return publiccode::validate_bytes(bytes, &publiccode::Options::default());
        }
        InputFormat::CodeJson => &codejson::CODES,
        InputFormat::Ore => &ore::CODES,
    };
    let syntax = if format == InputFormat::CodeJson {
        "CJ001"
    } else {
        "OR001"
    };
    let mut report = Report::new(Vec::new());
    let text = match decode(bytes, syntax) {
        Ok(t) => t,
        Err(d) => {
            report.diagnostics.push(*d);
            return report;
        }
    };
    report.source = Some(text.to_string());
    let index = LineIndex::new(text);
    let Some(root) = load(text, &index, syntax, &mut report.diagnostics) else {
        return report;
    };
    let mut cx = schema::Cx {
        index: &index,
        codes,
        out: Vec::new(),
    };
    if root.as_mapping().is_none() {
        cx.push(
            codes.ty,
            Severity::Error,
            "",
            root.span,
            format!("the document must be an object, not {}", root.type_name()),
        );
    } else if format == InputFormat::CodeJson {
        report.version = root
            .get("version")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        codejson::check(&root, &mut cx);
    } else {
        report.version = root
            .get("schemaVersion")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        ore::check(&root, &mut cx);
    }
    report.diagnostics.extend(cx.out);
    report
        .diagnostics
        .sort_by_key(|d| (d.span.map(|s| s.start).unwrap_or(0), d.line));
    report.tree = Some(root);
    report
}

/// The core's byte front end: the same size check, BOM and UTF-8 handling and
/// positions as publiccode.yml.
fn decode<'b>(bytes: &'b [u8], syntax: &'static str) -> Result<&'b str, Box<Diagnostic>> {
    match publiccode::input::decode(bytes, MAX_FOREIGN_BYTES) {
        Ok(t) => Ok(t),
        Err(DecodeError::TooLarge { len, limit }) => Err(Box::new(Diagnostic::new(
            syntax,
            Severity::Error,
            "",
            format!("the file is {len} bytes, more than the limit of {limit}"),
        ))),
        Err(DecodeError::NotUtf8 { at, line, column }) => {
            let mut d = Diagnostic::new(
                syntax,
                Severity::Error,
                "",
                format!("invalid UTF-8 at byte {at}"),
            );
            d.span = Some(Span::new(at, at + 1));
            d.line = line;
            d.column = column;
            Err(Box::new(d))
        }
        Err(e) => Err(Box::new(Diagnostic::new(
            syntax,
            Severity::Error,
            "",
            format!("unreadable input: {e:?}"),
        ))),
    }
}

/// Parses the text; problems go to `diags`. `None` when there is no tree to check.
fn load(
    text: &str,
    index: &LineIndex,
    syntax: &'static str,
    diags: &mut Vec<Diagnostic>,
) -> Option<publiccode::yaml::Node> {
    let limits = yaml::Limits::default()
        .with_max_depth(128)
        .with_max_nodes(10_000_000)
        .with_max_alias_bytes(64 << 20);
    let root = match yaml::load(text, index, limits) {
        Ok((root, problems)) => {
            for p in problems {
                let sev = if p.kind == LoadErrorKind::DuplicateKey {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                diags.push(Diagnostic::new(syntax, sev, "", p.message).at(p.span, index));
            }
            root
        }
        Err(problems) => {
            for p in problems {
                diags.push(
                    Diagnostic::new(syntax, Severity::Error, "", p.message).at(p.span, index),
                );
            }
            return None;
        }
    };
    if root.is_none() {
        diags.push(Diagnostic::new(
            syntax,
            Severity::Error,
            "",
            "the file is empty",
        ));
    }
    root
}
