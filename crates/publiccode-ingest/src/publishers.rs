//! The publishers file of the Developers Italia crawler (`publishers.yml`): who
//! publishes which code hosting URLs, and under which identifier.
//!
//! ```yaml
//! - name: Comune di Bagnacavallo
//!   id: c_a547                 # the iPA code (or the catalogue's own id)
//!   alternativeId: bagnacavallo  # optional
//!   codeHosting:
//!     - url: https://github.com/comune-bagnacavallo/
//!       group: true            # an organisation (default) or a single repository
//! ```

use serde::Deserialize;

use crate::Error;
use crate::urlnorm;

/// One code hosting location of a publisher.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeHosting {
    /// An organisation/group URL, or one repository's URL.
    pub url: String,
    /// Whether `url` is a group (every repository under it belongs to the publisher).
    #[serde(default = "yes")]
    pub group: bool,
}

fn yes() -> bool {
    true
}

/// One publisher.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Publisher {
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Identifier (the iPA code in Italy).
    #[serde(default)]
    pub id: String,
    /// Another identifier the catalogue accepts.
    #[serde(default)]
    pub alternative_id: Option<String>,
    /// Where its code lives.
    #[serde(default)]
    pub code_hosting: Vec<CodeHosting>,
}

/// Every publisher, with the URN namespace their ids live in.
#[derive(Debug, Clone)]
pub struct Publishers {
    /// The publishers.
    pub list: Vec<Publisher>,
    /// Prefix of `organisation.uri` (`urn:x-italian-pa:`).
    pub namespace: String,
}

impl Publishers {
    /// Parses a publishers file (YAML or JSON).
    pub fn parse(text: &str, namespace: &str) -> Result<Publishers, Error> {
        let index = publiccode::LineIndex::new(text);
        let root = match publiccode::yaml::load(text, &index, publiccode::yaml::Limits::default()) {
            Ok((root, _)) => root,
            Err(errors) => {
                let msg = errors
                    .first()
                    .map(|e| format!("{e:?}"))
                    .unwrap_or_else(|| "not YAML".into());
                return Err(Error::Other(format!("publishers file: {msg}")));
            }
        };
        let json = root
            .as_ref()
            .map(publiccode_convert::to_json)
            .unwrap_or(serde_json::Value::Array(Vec::new()));
        let list: Vec<Publisher> = serde_json::from_value(json)
            .map_err(|e| Error::Other(format!("publishers file: {e}")))?;
        Ok(Publishers {
            list,
            namespace: namespace.to_string(),
        })
    }

    /// The publisher whose code hosting holds this (normalised) repository.
    pub fn owner_of(&self, repository: &str) -> Option<&Publisher> {
        self.list.iter().find(|p| {
            p.code_hosting.iter().any(|h| {
                let Some(u) = urlnorm::normalise(&h.url) else {
                    return false;
                };
                if h.group {
                    repository
                        .strip_prefix(u.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
                } else {
                    repository == u
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_by_group_and_by_repository() {
        let p = Publishers::parse(
            "- name: Comune\n  id: c_a547\n  codeHosting:\n    - url: https://github.com/comune/\n\
             - name: Agenzia\n  id: agid\n  codeHosting:\n    - url: https://gitlab.com/agid/one.git\n      group: false\n",
            "urn:x-italian-pa:",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            p.owner_of("github.com/comune/app").map(|p| p.id.as_str()),
            Some("c_a547")
        );
        assert_eq!(
            p.owner_of("github.com/comunex/app").map(|p| p.id.as_str()),
            None
        );
        assert_eq!(
            p.owner_of("gitlab.com/agid/one").map(|p| p.id.as_str()),
            Some("agid")
        );
        assert_eq!(
            p.owner_of("gitlab.com/agid/two").map(|p| p.id.as_str()),
            None
        );
    }

    #[test]
    fn bad_file_is_an_error() {
        assert!(Publishers::parse("- name: [", "x").is_err());
        assert!(Publishers::parse("name: 3", "x").is_err());
    }
}
