//! Package manifests (Cargo.toml, package.json, pyproject.toml, pom.xml, composer.json,
//! go.mod) as a source of name, description, version, licence and hints for `platforms`
//! and `dependsOn`. Each reader is forgiving: a manifest it cannot read gives nothing.

use std::path::Path;

use crate::answers::Dependency;

/// What one manifest says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Manifest {
    /// The file name (`Cargo.toml` …), used as the source of every value.
    pub file: &'static str,
    /// Package name.
    pub name: Option<String>,
    /// One-line description.
    pub description: Option<String>,
    /// Version.
    pub version: Option<String>,
    /// Licence as written in the manifest (not checked yet).
    pub license: Option<String>,
    /// A package that is never published (`"private": true` in package.json): its
    /// licence field is a tool's default, not the project's choice, so it is no evidence.
    pub private: bool,
    /// Suggested platforms.
    pub platforms: Vec<String>,
    /// Runtime dependencies worth declaring (language runtimes).
    pub depends_on: Vec<Dependency>,
}

/// Frameworks whose presence means the software is a web application.
const WEB_DEPS: &[&str] = &[
    "react",
    "vue",
    "@angular/core",
    "svelte",
    "next",
    "nuxt",
    "express",
    "django",
    "flask",
    "fastapi",
    "laravel/framework",
    "symfony/framework-bundle",
    "axum",
    "actix-web",
    "rocket",
    "leptos",
    "yew",
    "wasm-bindgen",
    "spring-boot-starter-web",
];

const DESKTOP: &[&str] = &["linux", "mac", "windows"];

fn platforms(web: bool) -> Vec<String> {
    if web {
        vec!["web".to_string()]
    } else {
        DESKTOP.iter().map(|s| s.to_string()).collect()
    }
}

/// The lowest version in a requirement such as `>=3.9,<4`, `^8.1` or `>=18.0.0`.
pub fn version_min(req: &str) -> Option<String> {
    let start = req.find(|c: char| c.is_ascii_digit())?;
    let v: String = req[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v = v.trim_end_matches('.').to_string();
    (!v.is_empty()).then_some(v)
}

fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A manifest file name and its reader.
type Reader = (&'static str, fn(&str) -> Option<Manifest>);

/// Reads every manifest found in `dir`, in a fixed order.
pub fn read_all(dir: &Path) -> Vec<Manifest> {
    let readers: &[Reader] = &[
        ("Cargo.toml", cargo),
        ("package.json", package_json),
        ("pyproject.toml", pyproject),
        ("pom.xml", pom),
        ("composer.json", composer),
        ("go.mod", go_mod),
        ("setup.py", setup_py),
    ];
    let mut out = Vec::new();
    for (file, read) in readers {
        let Some(content) = crate::repo_file::read_text(dir, file) else {
            continue;
        };
        if let Some(mut m) = read(&content) {
            m.file = file;
            out.push(m);
        }
    }
    out
}

fn toml_str<'a>(t: &'a toml::Table, key: &str) -> Option<&'a str> {
    t.get(key).and_then(toml::Value::as_str)
}

fn has_dep_key(t: Option<&toml::Value>) -> impl Fn(&str) -> bool + '_ {
    move |name: &str| {
        t.and_then(toml::Value::as_table)
            .is_some_and(|deps| deps.contains_key(name))
    }
}

/// `Cargo.toml`: `[package]`.
fn cargo(content: &str) -> Option<Manifest> {
    let doc: toml::Table = content.parse().ok()?;
    let pkg = doc.get("package")?.as_table()?;
    let deps = has_dep_key(doc.get("dependencies"));
    let web = WEB_DEPS.iter().any(|d| deps(d));
    Some(Manifest {
        name: text(toml_str(pkg, "name")),
        description: text(toml_str(pkg, "description")),
        version: text(toml_str(pkg, "version")),
        license: text(toml_str(pkg, "license")),
        platforms: platforms(web),
        ..Manifest::default()
    })
}

/// `pyproject.toml`: `[project]` (PEP 621) or `[tool.poetry]`.
fn pyproject(content: &str) -> Option<Manifest> {
    let doc: toml::Table = content.parse().ok()?;
    let project = doc
        .get("project")
        .and_then(toml::Value::as_table)
        .or_else(|| {
            doc.get("tool")
                .and_then(|t| t.get("poetry"))
                .and_then(toml::Value::as_table)
        })?;
    let license = match project.get("license") {
        Some(toml::Value::String(s)) => text(Some(s)),
        Some(toml::Value::Table(t)) => text(toml_str(t, "text")),
        _ => None,
    };
    let deps: Vec<String> = match project.get("dependencies") {
        Some(toml::Value::Array(a)) => a
            .iter()
            .filter_map(toml::Value::as_str)
            .map(|s| {
                s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase()
            })
            .collect(),
        Some(toml::Value::Table(t)) => t.keys().map(|k| k.to_ascii_lowercase()).collect(),
        _ => Vec::new(),
    };
    let web = deps.iter().any(|d| WEB_DEPS.contains(&d.as_str()));
    let python = toml_str(project, "requires-python")
        .or_else(|| {
            project
                .get("dependencies")
                .and_then(toml::Value::as_table)
                .and_then(|t| toml_str(t, "python"))
        })
        .and_then(version_min);
    Some(Manifest {
        name: text(toml_str(project, "name")),
        description: text(toml_str(project, "description")),
        version: text(toml_str(project, "version")),
        license,
        platforms: platforms(web),
        depends_on: python
            .map(|v| {
                vec![Dependency {
                    name: "Python".into(),
                    version_min: Some(v),
                }]
            })
            .unwrap_or_default(),
        ..Manifest::default()
    })
}

fn json_str<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(serde_json::Value::as_str)
}

fn json_has(v: &serde_json::Value, section: &str, name: &str) -> bool {
    v.get(section)
        .and_then(serde_json::Value::as_object)
        .is_some_and(|o| o.contains_key(name))
}

/// `package.json`.
fn package_json(content: &str) -> Option<Manifest> {
    let v: serde_json::Value = serde_json::from_str(content).ok()?;
    let name = json_str(&v, "name").map(|n| n.rsplit('/').next().unwrap_or(n));
    let license = match v.get("license") {
        Some(serde_json::Value::String(s)) => text(Some(s)),
        Some(l) => text(json_str(l, "type")),
        None => None,
    };
    let web = v.get("browser").is_some()
        || WEB_DEPS
            .iter()
            .any(|d| json_has(&v, "dependencies", d) || json_has(&v, "devDependencies", d));
    let node = v
        .get("engines")
        .and_then(|e| json_str(e, "node"))
        .and_then(version_min);
    Some(Manifest {
        name: text(name),
        description: text(json_str(&v, "description")),
        version: text(json_str(&v, "version")),
        license,
        private: v.get("private").and_then(serde_json::Value::as_bool) == Some(true),
        platforms: platforms(web),
        depends_on: node
            .map(|v| {
                vec![Dependency {
                    name: "Node.js".into(),
                    version_min: Some(v),
                }]
            })
            .unwrap_or_default(),
        ..Manifest::default()
    })
}

/// `composer.json`: a licence array means a choice between licences.
fn composer(content: &str) -> Option<Manifest> {
    let v: serde_json::Value = serde_json::from_str(content).ok()?;
    let name = json_str(&v, "name").map(|n| n.rsplit('/').next().unwrap_or(n));
    let license = match v.get("license") {
        Some(serde_json::Value::String(s)) => text(Some(s)),
        Some(serde_json::Value::Array(a)) => {
            let ids: Vec<&str> = a.iter().filter_map(serde_json::Value::as_str).collect();
            text(Some(&ids.join(" OR ")))
        }
        _ => None,
    };
    let php = v
        .get("require")
        .and_then(|r| json_str(r, "php"))
        .and_then(version_min);
    Some(Manifest {
        name: text(name),
        description: text(json_str(&v, "description")),
        version: text(json_str(&v, "version")),
        license,
        platforms: platforms(true),
        depends_on: php
            .map(|v| {
                vec![Dependency {
                    name: "PHP".into(),
                    version_min: Some(v),
                }]
            })
            .unwrap_or_default(),
        ..Manifest::default()
    })
}

/// `go.mod`: the module path's last segment (without a `/vN` suffix) is the name.
fn go_mod(content: &str) -> Option<Manifest> {
    let module = content
        .lines()
        .find_map(|l| l.trim().strip_prefix("module "))?
        .trim()
        .trim_matches('"');
    let mut segments: Vec<&str> = module.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() > 1
        && segments.last().is_some_and(|s| {
            s.len() > 1 && s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit())
        })
    {
        segments.pop();
    }
    Some(Manifest {
        name: text(segments.last().copied()),
        platforms: platforms(false),
        ..Manifest::default()
    })
}

/// The string literal given to keyword `key` in a `setup(...)` call: `key="…"` or
/// `key='…'` (no evaluation: a variable or a call gives nothing).
fn py_kwarg(content: &str, key: &str) -> Option<String> {
    let mut rest = content;
    while let Some(at) = rest.find(key) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + key.len()..].trim_start();
        rest = &rest[at + key.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = &value[1..];
        let end = body.find(quote)?;
        return text(Some(&body[..end]));
    }
    None
}

/// `setup.py`: the literal `name`, `version`, `description` and `license` arguments.
fn setup_py(content: &str) -> Option<Manifest> {
    if !content.contains("setup(") {
        return None;
    }
    Some(Manifest {
        name: py_kwarg(content, "name"),
        description: py_kwarg(content, "description"),
        version: py_kwarg(content, "version"),
        license: py_kwarg(content, "license"),
        platforms: platforms(false),
        ..Manifest::default()
    })
}

/// The first child element of `parent` named `tag` (any namespace).
fn child<'a, 'i>(parent: roxmltree::Node<'a, 'i>, tag: &str) -> Option<roxmltree::Node<'a, 'i>> {
    parent
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == tag)
}

/// `pom.xml`, read with `roxmltree`: the project's own name (or artifactId),
/// description, version and packaging, its first licence, the Java release from the
/// properties. Values that are property references (`${…}`) are not used. `None` when
/// the file is not XML.
fn pom(content: &str) -> Option<Manifest> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(content, options).ok()?;
    let project = doc.root_element();
    let value = |node: Option<roxmltree::Node<'_, '_>>| {
        let node = node?;
        // An element with element children is not a value.
        if node.children().any(|n| n.is_element()) {
            return None;
        }
        let v = node.text().unwrap_or("").trim();
        (!v.is_empty() && !v.contains("${")).then(|| v.to_string())
    };
    let own = |tag: &str| value(child(project, tag));
    let properties = child(project, "properties");
    let java = [
        "maven.compiler.release",
        "java.version",
        "maven.compiler.source",
    ]
    .iter()
    .find_map(|tag| value(properties.and_then(|p| child(p, tag))))
    .and_then(|v| version_min(&v));
    let license = child(project, "licenses")
        .and_then(|ls| child(ls, "license"))
        .and_then(|l| value(child(l, "name")));
    let web = own("packaging").as_deref() == Some("war")
        || doc.descendants().any(|n| {
            n.tag_name().name() == "artifactId"
                && n.text()
                    .is_some_and(|t| t.trim().starts_with("spring-boot-starter-web"))
        });
    Some(Manifest {
        name: own("name").or_else(|| own("artifactId")),
        description: own("description"),
        version: own("version"),
        license,
        platforms: platforms(web),
        depends_on: java
            .map(|v| {
                vec![Dependency {
                    name: "Java".into(),
                    version_min: Some(v),
                }]
            })
            .unwrap_or_default(),
        ..Manifest::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(version_min(">=3.9,<4").as_deref(), Some("3.9"));
        assert_eq!(version_min("^8.1|^8.2").as_deref(), Some("8.1"));
        assert_eq!(version_min("*"), None);
    }

    #[test]
    fn readers() {
        let m = cargo("[package]\nname = \"foo\"\nversion = \"1.2.3\"\nlicense = \"MIT\"\n[dependencies]\naxum = \"0.8\"\n").unwrap_or_default();
        assert_eq!(m.name.as_deref(), Some("foo"));
        assert_eq!(m.platforms, vec!["web"]);
        let m = go_mod("module github.com/acme/tool/v2\n\ngo 1.22\n").unwrap_or_default();
        assert_eq!(m.name.as_deref(), Some("tool"));
        let m = pom("<project><parent><name>p</name></parent><artifactId>app</artifactId><version>2.0</version><description>An app</description><licenses><license><name>EUPL-1.2</name></license></licenses><properties><java.version>17</java.version></properties></project>").unwrap_or_default();
        assert_eq!(m.name.as_deref(), Some("app"));
        assert_eq!(m.license.as_deref(), Some("EUPL-1.2"));
        assert_eq!(m.depends_on[0].version_min.as_deref(), Some("17"));
        let m = composer(r#"{"name":"acme/portal","license":["MIT","GPL-3.0-or-later"],"require":{"php":">=8.1"}}"#).unwrap_or_default();
        assert_eq!(m.license.as_deref(), Some("MIT OR GPL-3.0-or-later"));
        let m = setup_py("from setuptools import setup\nsetup(\n    name='civic',\n    version=\"1.0\",\n    license = \"GPL-2.0\",\n    long_description=open('README').read(),\n)\n").unwrap_or_default();
        assert_eq!(m.name.as_deref(), Some("civic"));
        assert_eq!(m.license.as_deref(), Some("GPL-2.0"));
        assert_eq!(m.description, None);
        let m = package_json(r#"{"name":"x","private":true,"license":"ISC"}"#).unwrap_or_default();
        assert!(m.private);
    }

    #[test]
    fn pom_is_read_as_xml() {
        // Namespaced, with comments, entities, a property reference and nested names
        // (dependencies, developers) that must not be taken for the project's.
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <!-- <name>commented out</name> -->
  <modelVersion>4.0.0</modelVersion>
  <developers><developer><name>Ada</name></developer></developers>
  <name>Civic &amp; Co portal</name>
  <version>${revision}</version>
  <packaging>war</packaging>
  <description><![CDATA[Services <for> citizens]]></description>
  <licenses><license><name>EUPL-1.2</name></license><license><name>MIT</name></license></licenses>
  <properties><maven.compiler.release>21</maven.compiler.release></properties>
  <dependencies><dependency><artifactId>x</artifactId><version>9</version></dependency></dependencies>
</project>"#;
        let m = pom(xml).unwrap_or_default();
        assert_eq!(m.name.as_deref(), Some("Civic & Co portal"));
        assert_eq!(m.description.as_deref(), Some("Services <for> citizens"));
        assert_eq!(m.version, None);
        assert_eq!(m.license.as_deref(), Some("EUPL-1.2"));
        assert_eq!(m.platforms, vec!["web"]);
        assert_eq!(m.depends_on[0].version_min.as_deref(), Some("21"));
        assert!(pom("<project><name>unclosed</project>").is_none());
    }
}
