//! The typed model of publiccode.yml 0.7, built leniently from the spanned tree.
//!
//! Validation works on the tree, so that every problem keeps its position; programs
//! that want the data (exports, catalogues) read this model instead. It is filled
//! from whatever is valid in the tree and never fails: a key of the wrong type is
//! simply absent from the model.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::yaml::{CoreType, Node, core_type};

/// A whole publiccode.yml file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicCode {
    /// `publiccodeYmlVersion`.
    pub publiccode_yml_version: String,
    /// `name`.
    pub name: String,
    /// `applicationSuite`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_suite: Option<String>,
    /// `url`.
    pub url: String,
    /// `landingURL`.
    #[serde(
        rename = "landingURL",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub landing_url: Option<String>,
    /// `isBasedOn` (a single string is read as a one-item list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub is_based_on: Vec<String>,
    /// `softwareVersion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_version: Option<String>,
    /// `releaseDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_date: Option<String>,
    /// `logo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// `monochromeLogo` (deprecated since 0.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monochrome_logo: Option<String>,
    /// `inputTypes` (deprecated since 0.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input_types: Vec<String>,
    /// `outputTypes` (deprecated since 0.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output_types: Vec<String>,
    /// `platforms` (a single string is read as a one-item list).
    #[serde(default)]
    pub platforms: Vec<String>,
    /// `categories`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// `usedBy`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub used_by: Vec<String>,
    /// `fundedBy`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funded_by: Vec<Organisation>,
    /// `roadmap`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roadmap: Option<String>,
    /// `developmentStatus`.
    pub development_status: String,
    /// `softwareType`.
    pub software_type: String,
    /// `supports`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<Support>,
    /// `organisation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Organisation>,
    /// `intendedAudience`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intended_audience: Option<IntendedAudience>,
    /// `description`, by language tag.
    #[serde(default)]
    pub description: BTreeMap<String, Description>,
    /// `legal`.
    #[serde(default)]
    pub legal: Legal,
    /// `maintenance`.
    #[serde(default)]
    pub maintenance: Maintenance,
    /// `localisation`.
    #[serde(default)]
    pub localisation: Localisation,
    /// `dependsOn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<DependsOn>,
    /// `IT` (or the older lowercase `it`), deprecated since 0.7.
    #[serde(rename = "IT", default, skip_serializing_if = "Option::is_none")]
    pub it: Option<Italy>,
}

/// `organisation` and `fundedBy[]` items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    /// `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `uri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// `supports[]` items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    /// `alias:<name>` or a URI.
    pub id: String,
}

/// `intendedAudience`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntendedAudience {
    /// `countries`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// `unsupportedCountries`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsupported_countries: Vec<String>,
    /// `scope`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
}

/// `description.<lang>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Description {
    /// `localisedName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localised_name: Option<String>,
    /// `genericName` (deprecated since 0.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generic_name: Option<String>,
    /// `shortDescription`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_description: Option<String>,
    /// `longDescription`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_description: Option<String>,
    /// `documentation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    /// `apiDocumentation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_documentation: Option<String>,
    /// `features`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// `screenshots`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub screenshots: Vec<String>,
    /// `videos`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub videos: Vec<String>,
    /// `awards`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<String>,
}

/// `legal`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Legal {
    /// `license`.
    #[serde(default)]
    pub license: String,
    /// `mainCopyrightOwner`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_copyright_owner: Option<String>,
    /// `repoOwner` (deprecated since 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo_owner: Option<String>,
    /// `authorsFile` (deprecated since 0.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors_file: Option<String>,
}

/// `maintenance`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Maintenance {
    /// `type`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// `contractors`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contractors: Vec<Contractor>,
    /// `contacts`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
}

/// `maintenance.contractors[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contractor {
    /// `name`.
    pub name: String,
    /// `until`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// `email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `website`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// `maintenance.contacts[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// `name`.
    pub name: String,
    /// `email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `affiliation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

/// `localisation`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Localisation {
    /// `localisationReady`.
    #[serde(default)]
    pub localisation_ready: bool,
    /// `availableLanguages`.
    #[serde(default)]
    pub available_languages: Vec<String>,
}

/// `dependsOn`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DependsOn {
    /// `open`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<Dependency>,
    /// `proprietary`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proprietary: Vec<Dependency>,
    /// `hardware`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hardware: Vec<Dependency>,
}

/// A `dependsOn` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dependency {
    /// `name`.
    pub name: String,
    /// `versionMin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_min: Option<String>,
    /// `versionMax`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_max: Option<String>,
    /// `version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `optional`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// The Italian section (`IT`), deprecated since 0.7.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Italy {
    /// `countryExtensionVersion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_extension_version: Option<String>,
    /// `conforme`: compliance self-declarations, by key (`gdpr`, `lineeGuidaDesign` …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conforme: BTreeMap<String, bool>,
    /// `piattaforme`: national platforms, by key (`spid`, `cie`, `anpr`, `pagopa`, `io`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub piattaforme: BTreeMap<String, bool>,
    /// `riuso.codiceIPA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codice_ipa: Option<String>,
}

fn text(node: Option<&Node>) -> Option<String> {
    node.and_then(Node::as_scalar)
        .filter(|_| !node.is_some_and(Node::is_null))
        .map(|s| s.value.clone())
}

fn flag(node: Option<&Node>) -> Option<bool> {
    let s = node?.as_scalar()?;
    if !s.is_plain() || core_type(&s.value) != CoreType::Bool {
        return None;
    }
    Some(s.value.eq_ignore_ascii_case("true"))
}

fn texts(node: Option<&Node>) -> Vec<String> {
    match node {
        Some(n) => match n.as_sequence() {
            Some(items) => items.iter().filter_map(|i| text(Some(i))).collect(),
            None => text(Some(n)).into_iter().collect(),
        },
        None => Vec::new(),
    }
}

fn seq_of<T>(node: Option<&Node>, f: impl Fn(&Node) -> Option<T>) -> Vec<T> {
    node.and_then(Node::as_sequence)
        .map(|items| items.iter().filter_map(&f).collect())
        .unwrap_or_default()
}

fn organisation(n: &Node) -> Option<Organisation> {
    n.as_mapping()?;
    Some(Organisation {
        name: text(n.get("name")),
        uri: text(n.get("uri")),
    })
}

fn dependency(n: &Node) -> Option<Dependency> {
    Some(Dependency {
        name: text(n.get("name"))?,
        version_min: text(n.get("versionMin")),
        version_max: text(n.get("versionMax")),
        version: text(n.get("version")),
        optional: flag(n.get("optional")),
    })
}

fn flags(n: Option<&Node>) -> BTreeMap<String, bool> {
    n.and_then(Node::as_mapping)
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| Some((e.key_str()?.to_string(), flag(Some(&e.value))?)))
                .collect()
        })
        .unwrap_or_default()
}

/// `description`: one entry per language whose value is a mapping.
fn descriptions(node: Option<&Node>) -> BTreeMap<String, Description> {
    node.and_then(Node::as_mapping)
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| {
                    let lang = e.key_str()?.to_string();
                    let d = &e.value;
                    d.as_mapping()?;
                    Some((
                        lang,
                        Description {
                            localised_name: text(d.get("localisedName")),
                            generic_name: text(d.get("genericName")),
                            short_description: text(d.get("shortDescription")),
                            long_description: text(d.get("longDescription")),
                            documentation: text(d.get("documentation")),
                            api_documentation: text(d.get("apiDocumentation")),
                            features: texts(d.get("features")),
                            screenshots: texts(d.get("screenshots")),
                            videos: texts(d.get("videos")),
                            awards: texts(d.get("awards")),
                        },
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `legal`.
fn legal(legal: Option<&Node>) -> Legal {
    Legal {
        license: text(legal.and_then(|l| l.get("license"))).unwrap_or_default(),
        main_copyright_owner: text(legal.and_then(|l| l.get("mainCopyrightOwner"))),
        repo_owner: text(legal.and_then(|l| l.get("repoOwner"))),
        authors_file: text(legal.and_then(|l| l.get("authorsFile"))),
    }
}

/// `maintenance`, with its contractors and contacts.
fn maintenance(m: Option<&Node>) -> Maintenance {
    Maintenance {
        kind: text(m.and_then(|m| m.get("type"))).unwrap_or_default(),
        contractors: seq_of(m.and_then(|m| m.get("contractors")), |c| {
            Some(Contractor {
                name: text(c.get("name"))?,
                until: text(c.get("until")),
                email: text(c.get("email")),
                website: text(c.get("website")),
            })
        }),
        contacts: seq_of(m.and_then(|m| m.get("contacts")), |c| {
            Some(Contact {
                name: text(c.get("name"))?,
                email: text(c.get("email")),
                phone: text(c.get("phone")),
                affiliation: text(c.get("affiliation")),
            })
        }),
    }
}

/// `localisation`.
fn localisation(l: Option<&Node>) -> Localisation {
    Localisation {
        localisation_ready: flag(l.and_then(|l| l.get("localisationReady"))).unwrap_or(false),
        available_languages: texts(l.and_then(|l| l.get("availableLanguages"))),
    }
}

/// The sections that may be missing altogether: `intendedAudience`, `dependsOn`, `IT`.
fn optional_sections(root: &Node) -> (Option<IntendedAudience>, Option<DependsOn>, Option<Italy>) {
    let intended_audience = root
        .get("intendedAudience")
        .filter(|n| n.as_mapping().is_some())
        .map(|a| IntendedAudience {
            countries: texts(a.get("countries")),
            unsupported_countries: texts(a.get("unsupportedCountries")),
            scope: texts(a.get("scope")),
        });
    let depends_on = root
        .get("dependsOn")
        .filter(|n| n.as_mapping().is_some())
        .map(|d| DependsOn {
            open: seq_of(d.get("open"), dependency),
            proprietary: seq_of(d.get("proprietary"), dependency),
            hardware: seq_of(d.get("hardware"), dependency),
        });
    let it = root
        .get("IT")
        .or_else(|| root.get("it"))
        .filter(|n| n.as_mapping().is_some())
        .map(|it| Italy {
            country_extension_version: text(it.get("countryExtensionVersion")),
            conforme: flags(it.get("conforme")),
            piattaforme: flags(it.get("piattaforme")),
            codice_ipa: text(it.get("riuso").and_then(|r| r.get("codiceIPA"))),
        });
    (intended_audience, depends_on, it)
}

impl PublicCode {
    /// Reads whatever is valid in a parsed file; missing or mistyped keys are left
    /// empty. Never fails and never panics.
    pub fn from_tree(root: &Node) -> PublicCode {
        let g = |k: &str| root.get(k);
        let description = descriptions(g("description"));
        let legal = legal(g("legal"));
        let maintenance = maintenance(g("maintenance"));
        let localisation = localisation(g("localisation"));
        let (intended_audience, depends_on, it) = optional_sections(root);
        PublicCode {
            publiccode_yml_version: text(g("publiccodeYmlVersion")).unwrap_or_default(),
            name: text(g("name")).unwrap_or_default(),
            application_suite: text(g("applicationSuite")),
            url: text(g("url")).unwrap_or_default(),
            landing_url: text(g("landingURL")),
            is_based_on: texts(g("isBasedOn")),
            software_version: text(g("softwareVersion")),
            release_date: text(g("releaseDate")),
            logo: text(g("logo")),
            monochrome_logo: text(g("monochromeLogo")),
            input_types: texts(g("inputTypes")),
            output_types: texts(g("outputTypes")),
            platforms: texts(g("platforms")),
            categories: texts(g("categories")),
            used_by: texts(g("usedBy")),
            funded_by: seq_of(g("fundedBy"), organisation),
            roadmap: text(g("roadmap")),
            development_status: text(g("developmentStatus")).unwrap_or_default(),
            software_type: text(g("softwareType")).unwrap_or_default(),
            supports: seq_of(g("supports"), |s| {
                Some(Support {
                    id: text(s.get("id"))?,
                })
            }),
            organisation: g("organisation").and_then(organisation),
            intended_audience,
            description,
            legal,
            maintenance,
            localisation,
            depends_on,
            it,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient() {
        let src = "publiccodeYmlVersion: \"0.2\"\nname: x\nplatforms: web\nlocalisation:\n  localisationReady: yes\nIT:\n  piattaforme:\n    spid: true\n";
        let report = crate::validate_str(src, &crate::Options::default());
        let tree = report
            .tree
            .unwrap_or_else(|| panic!("the test input parses"));
        let pc = PublicCode::from_tree(&tree);
        assert_eq!(pc.platforms, vec!["web"]);
        assert!(!pc.localisation.localisation_ready);
        assert_eq!(
            pc.it.map(|i| i.piattaforme.get("spid").copied()),
            Some(Some(true))
        );
    }
}
