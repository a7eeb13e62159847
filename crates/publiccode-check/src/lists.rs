//! Data lists that profile rules refer to by name (`opencode-approved` …): shipped
//! copies of lists published by catalogues, each with its source, which a user's own
//! file can replace.

use std::collections::{BTreeMap, HashSet};

/// One named list of identifiers (SPDX ids, organisation URIs …), compared
/// case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct List {
    /// Where the shipped copy comes from, or the file that replaced it.
    pub source: String,
    ids: HashSet<String>,
}

impl List {
    /// A list read from text: one identifier a line; blank lines and `#` comments
    /// ignored.
    pub fn parse(text: &str, source: impl Into<String>) -> List {
        List {
            source: source.into(),
            ids: text
                .lines()
                .map(|l| l.split('#').next().unwrap_or("").trim())
                .filter(|l| !l.is_empty())
                .map(str::to_ascii_lowercase)
                .collect(),
        }
    }

    /// Whether `id` is on the list.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(&id.to_ascii_lowercase())
    }

    /// How many identifiers the list holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Names of lists a profile may use whose content is not shipped: a rule that uses one
/// runs only when the user supplies the list.
pub const UNSHIPPED: &[(&str, &str)] = &[(
    "ch-organisations",
    "the organisation ids of the Swiss OSS catalogue (swiss/oss-catalog, client/public/organisations.json: the `id` of every department and organisation)",
)];

/// The shipped lists: name, text, source.
const SHIPPED: &[(&str, &str, &str)] = &[
    (
        "opencode-approved",
        include_str!("../profiles/data/opencode/approved.txt"),
        "openCoDE Open-Source-Lizenzliste 1.7 (2026-02-23), approved licences, via org-metaeffekt/metaeffekt-universe@99ff394",
    ),
    (
        "opencode-blocked",
        include_str!("../profiles/data/opencode/blocked.txt"),
        "openCoDE Open-Source-Lizenzliste 1.7 (2026-02-23), licences not accepted, via org-metaeffekt/metaeffekt-universe@99ff394",
    ),
];

/// The lists a run uses: the shipped ones, with the user's replacements. The default
/// is the shipped lists.
#[derive(Debug, Clone)]
pub struct Lists {
    lists: BTreeMap<String, List>,
}

impl Default for Lists {
    fn default() -> Self {
        Lists::shipped()
    }
}

impl Lists {
    /// The shipped lists.
    pub fn shipped() -> Lists {
        let mut lists = BTreeMap::new();
        for (name, text, source) in SHIPPED {
            lists.insert(name.to_string(), List::parse(text, *source));
        }
        Lists { lists }
    }

    /// Replaces (or supplies) the list `name`.
    pub fn set(&mut self, name: &str, list: List) {
        self.lists.insert(name.to_string(), list);
    }

    /// The list `name`, when it is shipped or supplied.
    pub fn get(&self, name: &str) -> Option<&List> {
        self.lists.get(name)
    }

    /// Whether a profile may refer to `name` (shipped, or known but supplied by users).
    pub fn is_known(name: &str) -> bool {
        SHIPPED.iter().any(|(n, _, _)| *n == name) || UNSHIPPED.iter().any(|(n, _)| *n == name)
    }

    /// Every name a profile may refer to.
    pub fn known_names() -> Vec<&'static str> {
        SHIPPED
            .iter()
            .map(|(n, _, _)| *n)
            .chain(UNSHIPPED.iter().map(|(n, _)| *n))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_opencode_lists() {
        let l = Lists::shipped();
        let approved = l.get("opencode-approved").unwrap();
        let blocked = l.get("opencode-blocked").unwrap();
        assert_eq!(approved.len(), 299);
        assert_eq!(blocked.len(), 47);
        assert!(approved.contains("cc0-1.0") && approved.contains("MIT"));
        assert!(blocked.contains("CC-BY-NC-4.0") && !approved.contains("CC-BY-NC-4.0"));
        assert!(!approved.contains("CECILL-2.1") && !blocked.contains("CECILL-2.1"));
        assert!(Lists::is_known("ch-organisations") && l.get("ch-organisations").is_none());
        assert_eq!(
            Lists::default().get("opencode-blocked").map(List::len),
            Some(47)
        );
    }
}
