//! A small schema walker for the countries' own formats: the required keys, types,
//! enumerations, formats and strictness of the JSON Schema (code.json) and Yamale
//! (ORE) schemas, written as Rust data and checked over the spanned tree so that
//! every finding has a key path, a line and a column.

use publiccode::yaml::{CoreType, Node, NodeKind, core_type};
use publiccode::{Diagnostic, KeyPath, LineIndex, Severity, Span};

/// A value's expected shape.
#[derive(Clone, Copy)]
pub(crate) enum Ty {
    /// A string.
    Str,
    /// A number.
    Num,
    /// An integer ≥ 0.
    Count,
    /// A boolean.
    Bool,
    /// A list of the inner shape.
    List(&'static Ty),
    /// An object.
    Obj(&'static Obj),
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// A string in this format.
    Fmt(Fmt),
    /// The inner shape or null.
    Nullable(&'static Ty),
    /// Format-specific handling.
    Custom(fn(&Node, &str, &mut Cx<'_>)),
}

/// String formats.
#[derive(Clone, Copy)]
pub(crate) enum Fmt {
    /// `YYYY-MM-DD`, reported as a warning: JSON Schema draft-04 (GSA 2.0.0) does not
    /// define `format: date`, so its validators ignore it.
    DateLoose,
    /// RFC 3339 date-time.
    DateTime,
    /// An email address.
    Email,
    /// A URI (empty accepted).
    Uri,
}

/// An object's fields.
pub(crate) struct Obj {
    /// The fields.
    pub fields: &'static [F],
    /// Whether unknown keys are findings.
    pub strict: bool,
}

/// One field.
pub(crate) struct F {
    /// Key.
    pub name: &'static str,
    /// Shape.
    pub ty: Ty,
    /// Required.
    pub req: bool,
}

/// Diagnostic codes of one format.
pub(crate) struct Codes {
    pub missing: &'static str,
    pub ty: &'static str,
    pub enum_: &'static str,
    pub unknown: &'static str,
    pub format: &'static str,
    pub url: &'static str,
}

/// The walk's state.
pub(crate) struct Cx<'a> {
    pub index: &'a LineIndex,
    pub codes: &'a Codes,
    pub out: Vec<Diagnostic>,
}

impl Cx<'_> {
    /// Adds a diagnostic.
    pub fn push(&mut self, code: &'static str, sev: Severity, key: &str, span: Span, msg: String) {
        let d = Diagnostic::new(code, sev, key, msg)
            .with_url(self.codes.url)
            .at(span, self.index);
        self.out.push(d);
    }
}

/// Checks a string that should be an SPDX expression; one that is not gets a warning
/// `code` saying that `label` is not `expected` (ours is a reading, and the message says so).
pub(crate) fn spdx_warning(
    node: &Node,
    path: &str,
    cx: &mut Cx<'_>,
    code: &'static str,
    (label, expected): (&str, &str),
) {
    match as_string(node) {
        None => walk(node, &Ty::Str, path, cx),
        Some(s) => {
            if spdx::Expression::parse(s).is_err() {
                let msg = format!(
                    "{label} `{s}` is not {expected} [inferred: our reading, not a written requirement]"
                );
                cx.push(code, Severity::Warning, path, node.span, msg);
            }
        }
    }
}

/// The YAML core type of a scalar (quoted scalars are strings).
pub(crate) fn scalar_type(node: &Node) -> Option<CoreType> {
    let s = node.as_scalar()?;
    Some(if s.is_plain() {
        core_type(&s.value)
    } else {
        CoreType::Str
    })
}

/// The string value, if the node is a string.
pub(crate) fn as_string(node: &Node) -> Option<&str> {
    (scalar_type(node) == Some(CoreType::Str))
        .then(|| node.as_str())
        .flatten()
}

fn type_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::Str | Ty::Enum(_) | Ty::Fmt(_) => "a string",
        Ty::Num => "a number",
        Ty::Count => "a non-negative integer",
        Ty::Bool => "a boolean",
        Ty::List(_) => "a list",
        Ty::Obj(_) => "an object",
        Ty::Nullable(t) => type_name(t),
        Ty::Custom(_) => "a value",
    }
}

fn found_name(node: &Node) -> &'static str {
    match &node.kind {
        NodeKind::Sequence(_) => "a list",
        NodeKind::Mapping(_) => "an object",
        NodeKind::Scalar(_) => match scalar_type(node) {
            Some(CoreType::Null) => "null",
            Some(CoreType::Bool) => "a boolean",
            Some(CoreType::Int) | Some(CoreType::Float) => "a number",
            _ => "a string",
        },
    }
}

/// Checks `node` against `ty`; `path` is its key path.
pub(crate) fn walk(node: &Node, ty: &Ty, path: &str, cx: &mut Cx<'_>) {
    let wrong = |cx: &mut Cx<'_>| {
        let msg = format!(
            "{} must be {}, not {}",
            name_of(path),
            type_name(ty),
            found_name(node)
        );
        cx.push(cx.codes.ty, Severity::Error, path, node.span, msg);
    };
    match ty {
        Ty::Custom(f) => f(node, path, cx),
        Ty::Nullable(inner) => {
            if scalar_type(node) != Some(CoreType::Null) {
                walk(node, inner, path, cx);
            }
        }
        Ty::Str => {
            if as_string(node).is_none() {
                wrong(cx);
            }
        }
        Ty::Num => {
            if !matches!(scalar_type(node), Some(CoreType::Int | CoreType::Float)) {
                wrong(cx);
            }
        }
        Ty::Count => match scalar_type(node) {
            Some(CoreType::Int) if !node.as_str().unwrap_or("").starts_with('-') => {}
            _ => wrong(cx),
        },
        Ty::Bool => {
            if scalar_type(node) != Some(CoreType::Bool) {
                wrong(cx);
            }
        }
        Ty::Enum(values) => match as_string(node) {
            None => wrong(cx),
            Some(s) => {
                if !values.contains(&s) {
                    let msg = format!(
                        "{} `{s}` is not one of: {}",
                        name_of(path),
                        values.join(", ")
                    );
                    cx.push(cx.codes.enum_, Severity::Error, path, node.span, msg);
                }
            }
        },
        Ty::Fmt(f) => match as_string(node) {
            None => wrong(cx),
            Some(s) => {
                if let Some(what) = bad_format(*f, s) {
                    let msg = format!("{} `{s}` is not {what}", name_of(path));
                    let sev = if matches!(f, Fmt::DateLoose) {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    cx.push(cx.codes.format, sev, path, node.span, msg);
                }
            }
        },
        Ty::List(inner) => match node.as_sequence() {
            None => wrong(cx),
            Some(items) => {
                for (i, it) in items.iter().enumerate() {
                    walk(it, inner, KeyPath::from(path).index(i).as_str(), cx);
                }
            }
        },
        Ty::Obj(obj) => match node.as_mapping() {
            None => wrong(cx),
            Some(entries) => walk_object(node, entries, obj, path, cx),
        },
    }
}

/// An object: its fields, the required ones, and (for a strict object) unknown keys.
fn walk_object(
    node: &Node,
    entries: &[publiccode::yaml::Entry],
    obj: &Obj,
    path: &str,
    cx: &mut Cx<'_>,
) {
    for f in obj.fields {
        match node.get(f.name) {
            Some(v) => walk(v, &f.ty, KeyPath::from(path).key(f.name).as_str(), cx),
            None if f.req => {
                let key = KeyPath::from(path).key(f.name);
                let span = Span::new(node.span.start, node.span.start);
                let msg = format!("{key} is required");
                cx.push(cx.codes.missing, Severity::Error, key.as_str(), span, msg);
            }
            None => {}
        }
    }
    if obj.strict {
        for e in entries {
            let k = e.key_str().unwrap_or("");
            if !obj.fields.iter().any(|f| f.name == k) {
                let key = KeyPath::from(path).key(k);
                let msg = format!("unknown key {key}");
                cx.push(
                    cx.codes.unknown,
                    Severity::Error,
                    key.as_str(),
                    e.key.span,
                    msg,
                );
            }
        }
    }
}

fn name_of(path: &str) -> String {
    if path.is_empty() {
        "the document".into()
    } else {
        path.to_string()
    }
}

/// Whether `s` is `YYYY-MM-DD`.
pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

fn is_date_time(s: &str) -> bool {
    let Some(date) = s.get(..10) else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    let rest = &s[10..];
    let Some(rest) = rest.strip_prefix(['T', 't', ' ']) else {
        return false;
    };
    let b = rest.as_bytes();
    if b.len() < 8
        || b[2] != b':'
        || b[5] != b':'
        || ![0, 1, 3, 4, 6, 7].iter().all(|&i| b[i].is_ascii_digit())
    {
        return false;
    }
    let mut tail = &rest[8..];
    if let Some(t) = tail.strip_prefix('.') {
        let n = t.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        tail = &t[n..];
    }
    matches!(tail, "Z" | "z")
        || (tail.len() == 6
            && (tail.starts_with('+') || tail.starts_with('-'))
            && tail.as_bytes()[3] == b':'
            && [1, 2, 4, 5]
                .iter()
                .all(|&i| tail.as_bytes()[i].is_ascii_digit()))
}

fn bad_format(f: Fmt, s: &str) -> Option<&'static str> {
    match f {
        Fmt::DateLoose => (!is_date(s)).then_some("a date (YYYY-MM-DD)"),
        Fmt::DateTime => {
            (!is_date_time(s)).then_some("an RFC 3339 date-time (2025-01-31T12:00:00Z)")
        }
        Fmt::Email => {
            let ok = s.split_once('@').is_some_and(|(a, b)| {
                !a.is_empty() && b.contains('.') && !s.contains(char::is_whitespace)
            });
            (!ok).then_some("an email address")
        }
        Fmt::Uri => (!s.is_empty() && url::Url::parse(s).is_err()).then_some("a URI"),
    }
}
