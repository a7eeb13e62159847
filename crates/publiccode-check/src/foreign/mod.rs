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
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    if name.starts_with("publiccode.")
        || head.contains("publiccodeYmlVersion")
        || head.contains("publiccode-yaml-version")
    {
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
    // The core's byte front end: the same size check, BOM and UTF-8 handling and
    // positions as publiccode.yml.
    let text = match publiccode::input::decode(bytes, MAX_FOREIGN_BYTES) {
        Ok(t) => t,
        Err(DecodeError::TooLarge { len, limit }) => {
            report.diagnostics.push(Diagnostic::new(
                syntax,
                Severity::Error,
                "",
                format!("the file is {len} bytes, more than the limit of {limit}"),
            ));
            return report;
        }
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
            report.diagnostics.push(d);
            return report;
        }
        Err(e) => {
            report.diagnostics.push(Diagnostic::new(
                syntax,
                Severity::Error,
                "",
                format!("unreadable input: {e:?}"),
            ));
            return report;
        }
    };
    report.source = Some(text.to_string());
    let index = LineIndex::new(text);
    let limits = yaml::Limits::default()
        .with_max_depth(128)
        .with_max_nodes(10_000_000)
        .with_max_alias_bytes(64 << 20);
    let root = match yaml::load(text, &index, limits) {
        Ok((root, problems)) => {
            for p in problems {
                let sev = if p.kind == LoadErrorKind::DuplicateKey {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                report
                    .diagnostics
                    .push(Diagnostic::new(syntax, sev, "", p.message).at(p.span, &index));
            }
            root
        }
        Err(problems) => {
            for p in problems {
                report.diagnostics.push(
                    Diagnostic::new(syntax, Severity::Error, "", p.message).at(p.span, &index),
                );
            }
            return report;
        }
    };
    let Some(root) = root else {
        report.diagnostics.push(Diagnostic::new(
            syntax,
            Severity::Error,
            "",
            "the file is empty",
        ));
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
