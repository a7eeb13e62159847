//! Answers to YAML text. Key order and the comment above each section come from the
//! standard's key table ([`publiccode::spec::keys`]), so the scaffold follows the
//! standard's order and wording without a second copy of either.

use publiccode::spec::keys::{self, Field, Ty};
use publiccode::spec::versions;

use crate::answers::Answers;

/// How to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Write a one-line comment above each top-level section.
    pub comments: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { comments: true }
    }
}

impl RenderOptions {
    /// The defaults (with comments).
    pub fn new() -> RenderOptions {
        RenderOptions::default()
    }

    /// With or without the one-line comments above sections.
    #[must_use]
    pub fn with_comments(mut self, comments: bool) -> RenderOptions {
        self.comments = comments;
        self
    }
}

/// A YAML value before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Y {
    Str(String),
    /// A long text, written as a literal block when it can be.
    Block(String),
    Bool(bool),
    Seq(Vec<Y>),
    Map(Vec<(String, Y)>),
}

fn s(v: &str) -> Y {
    Y::Str(v.to_string())
}

fn strs(v: &[String]) -> Y {
    Y::Seq(v.iter().map(|x| s(x)).collect())
}

/// Builds the document tree from the answers (order is fixed later from the key table).
fn tree(a: &Answers) -> Vec<(String, Y)> {
    let mut root: Vec<(String, Y)> = Vec::new();
    let mut put = |k: &str, v: Y| root.push((k.to_string(), v));
    put("publiccodeYmlVersion", s(versions::RECOMMENDED));
    let text = [
        ("name", &a.name),
        ("url", &a.url),
        ("landingURL", &a.landing_url),
        ("softwareVersion", &a.software_version),
        ("releaseDate", &a.release_date),
        ("logo", &a.logo),
    ];
    for (k, v) in text {
        if let Some(v) = v {
            put(k, s(v));
        }
    }
    for (k, v) in [("platforms", &a.platforms), ("categories", &a.categories)] {
        if !v.is_empty() {
            put(k, strs(v));
        }
    }
    for (k, v) in [
        ("developmentStatus", &a.development_status),
        ("softwareType", &a.software_type),
    ] {
        if let Some(v) = v {
            put(k, s(v));
        }
    }
    if let Some(o) = organisation(a) {
        put("organisation", o);
    }
    if let Some(i) = intended_audience(a) {
        put("intendedAudience", i);
    }
    if !a.descriptions.is_empty() {
        put("description", descriptions(a));
    }
    let legal = legal(a);
    if !legal.is_empty() {
        put("legal", Y::Map(legal));
    }
    let maint = maintenance(a);
    if !maint.is_empty() {
        put("maintenance", Y::Map(maint));
    }
    put(
        "localisation",
        Y::Map(vec![
            (
                "localisationReady".to_string(),
                Y::Bool(a.localisation_ready),
            ),
            (
                "availableLanguages".to_string(),
                strs(&a.effective_available_languages()),
            ),
        ]),
    );
    if !a.depends_on.is_empty() {
        put("dependsOn", depends_on(a));
    }
    root
}

/// `organisation`, when the answers name it or give its URI.
fn organisation(a: &Answers) -> Option<Y> {
    if a.organisation_name.is_none() && a.organisation_uri.is_none() {
        return None;
    }
    let mut m = Vec::new();
    if let Some(v) = &a.organisation_name {
        m.push(("name".to_string(), s(v)));
    }
    if let Some(v) = &a.organisation_uri {
        m.push(("uri".to_string(), s(v)));
    }
    Some(Y::Map(m))
}

/// `intendedAudience`, when the answers give countries or a scope.
fn intended_audience(a: &Answers) -> Option<Y> {
    if a.countries.is_empty() && a.scope.is_empty() {
        return None;
    }
    let mut m = Vec::new();
    if !a.countries.is_empty() {
        m.push(("countries".to_string(), strs(&a.countries)));
    }
    if !a.scope.is_empty() {
        m.push(("scope".to_string(), strs(&a.scope)));
    }
    Some(Y::Map(m))
}

/// `legal`'s keys the answers give.
fn legal(a: &Answers) -> Vec<(String, Y)> {
    let mut legal = Vec::new();
    if let Some(v) = &a.license {
        legal.push(("license".to_string(), s(v)));
    }
    if let Some(v) = &a.main_copyright_owner {
        legal.push(("mainCopyrightOwner".to_string(), s(v)));
    }
    legal
}

/// `description`: one mapping per language.
fn descriptions(a: &Answers) -> Y {
    let mut langs = Vec::new();
    for d in &a.descriptions {
        let mut m = Vec::new();
        if let Some(v) = &d.short {
            m.push(("shortDescription".to_string(), s(v)));
        }
        if let Some(v) = &d.long {
            m.push(("longDescription".to_string(), Y::Block(v.clone())));
        }
        if let Some(v) = &d.documentation {
            m.push(("documentation".to_string(), s(v)));
        }
        if !d.features.is_empty() {
            m.push(("features".to_string(), strs(&d.features)));
        }
        langs.push((d.lang.clone(), Y::Map(m)));
    }
    Y::Map(langs)
}

/// The entries of `maintenance` (type, contractors, contacts).
fn maintenance(a: &Answers) -> Vec<(String, Y)> {
    let mut maint = Vec::new();
    if let Some(v) = &a.maintenance_type {
        maint.push(("type".to_string(), s(v)));
    }
    if !a.contractors.is_empty() {
        let items = a
            .contractors
            .iter()
            .map(|c| {
                let mut m = vec![
                    ("name".to_string(), s(&c.name)),
                    ("until".to_string(), s(&c.until)),
                ];
                if let Some(e) = &c.email {
                    m.push(("email".to_string(), s(e)));
                }
                Y::Map(m)
            })
            .collect();
        maint.push(("contractors".to_string(), Y::Seq(items)));
    }
    if !a.contacts.is_empty() {
        let items = a
            .contacts
            .iter()
            .map(|c| {
                let mut m = vec![("name".to_string(), s(&c.name))];
                if let Some(e) = &c.email {
                    m.push(("email".to_string(), s(e)));
                }
                Y::Map(m)
            })
            .collect();
        maint.push(("contacts".to_string(), Y::Seq(items)));
    }
    maint
}

/// `dependsOn`: the open dependencies.
fn depends_on(a: &Answers) -> Y {
    let items = a
        .depends_on
        .iter()
        .map(|d| {
            let mut m = vec![("name".to_string(), s(&d.name))];
            if let Some(v) = &d.version_min {
                m.push(("versionMin".to_string(), s(v)));
            }
            Y::Map(m)
        })
        .collect();
    Y::Map(vec![("open".to_string(), Y::Seq(items))])
}

/// The fields of a mapping type, for ordering its keys.
fn fields_of(ty: &Ty) -> Option<&'static [Field]> {
    match ty {
        Ty::Map(f) | Ty::LangMap(f) => Some(f),
        Ty::Seq(inner) => fields_of(inner),
        _ => None,
    }
}

/// Sorts `entries` in the order of `fields` (unknown keys keep their order at the end).
fn sort_by_table(entries: &mut [(String, Y)], fields: &[Field]) {
    entries.sort_by_key(|(k, _)| {
        fields
            .iter()
            .position(|f| f.name == k)
            .unwrap_or(usize::MAX)
    });
}

/// Renders the answers as a publiccode.yml document.
pub fn render(answers: &Answers, options: &RenderOptions) -> String {
    let mut root = tree(answers);
    sort_by_table(&mut root, keys::ROOT);
    let mut out = String::new();
    if options.comments {
        out.push_str(
            "# publiccode.yml: metadata that makes this software discoverable by public\n",
        );
        out.push_str("# administrations. Written by `publiccode init`; check it with `publiccode validate`.\n");
        out.push_str("# The standard: https://yml.publiccode.tools\n\n");
    }
    for (i, (key, value)) in root.iter().enumerate() {
        let field = keys::find_field(keys::ROOT, key);
        if options.comments {
            if i > 0 {
                out.push('\n');
            }
            if let Some(f) = field {
                out.push_str("# ");
                out.push_str(f.doc);
                out.push('\n');
            }
        }
        write_entry(&mut out, key, value, field.map(|f| &f.ty), 0);
    }
    out
}

fn write_entry(out: &mut String, key: &str, value: &Y, ty: Option<&Ty>, indent: usize) {
    let pad = " ".repeat(indent);
    out.push_str(&pad);
    out.push_str(&scalar(key));
    out.push(':');
    write_after_key(out, value, ty, indent);
}

/// Writes what follows `key:` (or `- `), starting on the current line.
fn write_after_key(out: &mut String, value: &Y, ty: Option<&Ty>, indent: usize) {
    match value {
        Y::Str(v) => {
            out.push(' ');
            out.push_str(&scalar(v));
            out.push('\n');
        }
        Y::Bool(b) => {
            out.push_str(if *b { " true\n" } else { " false\n" });
        }
        Y::Block(v) => match block(v, indent + 2) {
            Some(text) => {
                out.push_str(" |\n");
                out.push_str(&text);
            }
            None => {
                out.push(' ');
                out.push_str(&quote(v));
                out.push('\n');
            }
        },
        Y::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Y::Seq(items) => {
            out.push('\n');
            let item_ty = match ty {
                Some(Ty::Seq(inner)) => Some(*inner),
                other => other,
            };
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                match item {
                    Y::Map(entries) => write_map_inline(out, entries, item_ty, indent + 4),
                    other => write_after_key(out, other, item_ty, indent + 2),
                }
            }
        }
        Y::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Y::Map(entries) => {
            out.push('\n');
            write_map(out, entries, ty, indent + 2);
        }
    }
}

fn child_ty(ty: Option<&Ty>, key: &str) -> Option<&'static Ty> {
    match ty {
        Some(Ty::Map(fields)) => keys::find_field(fields, key).map(|f| &f.ty),
        // `description` is the only language map; every section is a DESCRIPTION map.
        Some(Ty::LangMap(_)) => Some(&DESCRIPTION_TY),
        _ => None,
    }
}

static DESCRIPTION_TY: Ty = Ty::Map(keys::DESCRIPTION);

fn sorted(entries: &[(String, Y)], ty: Option<&Ty>) -> Vec<(String, Y)> {
    let mut entries = entries.to_vec();
    if let Some(Ty::Map(fields)) = ty {
        sort_by_table(&mut entries, fields);
    }
    entries
}

fn write_map(out: &mut String, entries: &[(String, Y)], ty: Option<&Ty>, indent: usize) {
    for (k, v) in sorted(entries, ty) {
        write_entry(out, &k, &v, child_ty(ty, &k), indent);
    }
}

/// A mapping as a sequence item: the first key goes on the `- ` line.
fn write_map_inline(out: &mut String, entries: &[(String, Y)], ty: Option<&Ty>, indent: usize) {
    let map_ty = ty.and_then(fields_of).map(Ty::Map);
    let map_ty = map_ty.as_ref();
    for (i, (k, v)) in sorted(entries, map_ty).iter().enumerate() {
        if i == 0 {
            out.push(' ');
            out.push_str(&scalar(k));
            out.push(':');
            write_after_key(out, v, child_ty(map_ty, k), indent);
        } else {
            write_entry(out, k, v, child_ty(map_ty, k), indent);
        }
    }
}

/// A literal block body indented by `indent`, or `None` when the text cannot be one.
fn block(v: &str, indent: usize) -> Option<String> {
    let first = v.lines().next()?;
    if first.is_empty() || first.starts_with(' ') || v.contains('\r') || v.contains('\t') {
        return None;
    }
    if v.chars().any(|c| !is_printable(c) && c != '\n') {
        return None;
    }
    // Trailing newlines and trailing spaces would not survive the block; quote instead.
    if v.ends_with('\n') || v.lines().any(|l| l.ends_with(' ')) {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for line in v.split('\n') {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    Some(out)
}

/// YAML 1.2 `c-printable`.
fn is_printable(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{7E}' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Words that YAML 1.1 or 1.2 would read as something other than a string.
const SPECIAL: &[&str] = &[
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
];

/// A scalar, plain when that is unambiguous, double-quoted otherwise.
fn scalar(v: &str) -> String {
    let plain = v.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || " ._/@:+-,()'".contains(c))
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with(':')
        && !v.ends_with(' ')
        && !SPECIAL.iter().any(|w| w.eq_ignore_ascii_case(v));
    if plain { v.to_string() } else { quote(v) }
}

/// A double-quoted scalar.
fn quote(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !is_printable(c) || c == '\u{85}' || c == '\u{FEFF}' => {
                if (c as u32) <= 0xFFFF {
                    out.push_str(&format!("\\u{:04X}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08X}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars() {
        assert_eq!(scalar("web"), "web");
        assert_eq!(scalar("0"), "\"0\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("https://example.org/a"), "https://example.org/a");
        assert_eq!(quote("a\"b\u{7f}"), "\"a\\\"b\\u007F\"");
    }
}
