//! The values a scaffolded publiccode.yml is made of, whatever their origin (inference,
//! flags or the wizard). Rendering and completeness checks read this one type, so the
//! CLI's two modes cannot drift apart.

/// A maintenance contact (`maintenance.contacts[]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    /// Full name of a real person.
    pub name: String,
    /// E-mail address, when given.
    pub email: Option<String>,
}

impl Contact {
    /// Parses `Name <email>` or a bare `Name`; `None` when the name is empty or the
    /// address is not an e-mail address.
    pub fn parse(s: &str) -> Option<Contact> {
        let s = s.trim();
        let (name, email) = match (s.find('<'), s.rfind('>')) {
            (Some(open), Some(close)) if close > open && close == s.len() - 1 => (
                s[..open].trim(),
                Some(s[open + 1..close].trim().to_string()),
            ),
            _ if s.contains('<') || s.contains('>') => return None,
            _ => (s, None),
        };
        if name.is_empty() {
            return None;
        }
        if let Some(e) = &email
            && !publiccode::checks::text::is_email(e)
        {
            return None;
        }
        Some(Contact {
            name: name.to_string(),
            email,
        })
    }
}

/// A maintenance contractor (`maintenance.contractors[]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contractor {
    /// Name of the contractor.
    pub name: String,
    /// End of the contract, `YYYY-MM-DD`.
    pub until: String,
    /// E-mail address, when given.
    pub email: Option<String>,
}

/// A runtime dependency (`dependsOn.open[]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dependency {
    /// Name of the dependency (`Python`, `PHP` …).
    pub name: String,
    /// Lowest compatible version, when known.
    pub version_min: Option<String>,
}

/// One `description.<lang>` section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Description {
    /// BCP 47 language tag.
    pub lang: String,
    /// One sentence, at most 150 grapheme clusters.
    pub short: Option<String>,
    /// 150 to 10,000 grapheme clusters.
    pub long: Option<String>,
    /// Features, one short sentence each.
    pub features: Vec<String>,
    /// URL of the user documentation.
    pub documentation: Option<String>,
}

/// Everything the scaffold writes. `None` or empty means "not known yet".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    /// `name`.
    pub name: Option<String>,
    /// `url`.
    pub url: Option<String>,
    /// `landingURL`.
    pub landing_url: Option<String>,
    /// `softwareVersion`.
    pub software_version: Option<String>,
    /// `releaseDate` (`YYYY-MM-DD`).
    pub release_date: Option<String>,
    /// `logo`.
    pub logo: Option<String>,
    /// `platforms`.
    pub platforms: Vec<String>,
    /// `categories`.
    pub categories: Vec<String>,
    /// `developmentStatus`.
    pub development_status: Option<String>,
    /// `softwareType`.
    pub software_type: Option<String>,
    /// `organisation.name`.
    pub organisation_name: Option<String>,
    /// `organisation.uri`.
    pub organisation_uri: Option<String>,
    /// `intendedAudience.countries`.
    pub countries: Vec<String>,
    /// `intendedAudience.scope`.
    pub scope: Vec<String>,
    /// `description`, in the order given.
    pub descriptions: Vec<Description>,
    /// `legal.license`.
    pub license: Option<String>,
    /// `legal.mainCopyrightOwner`.
    pub main_copyright_owner: Option<String>,
    /// `maintenance.type`.
    pub maintenance_type: Option<String>,
    /// `maintenance.contacts`.
    pub contacts: Vec<Contact>,
    /// `maintenance.contractors`.
    pub contractors: Vec<Contractor>,
    /// `localisation.localisationReady`.
    pub localisation_ready: bool,
    /// `localisation.availableLanguages`; empty means "the description languages".
    pub available_languages: Vec<String>,
    /// `dependsOn.open`.
    pub depends_on: Vec<Dependency>,
}

impl Answers {
    /// The description section for `lang`, created (empty) when missing.
    pub fn description_mut(&mut self, lang: &str) -> &mut Description {
        let at = match self.descriptions.iter().position(|d| d.lang == lang) {
            Some(at) => at,
            None => {
                self.descriptions.push(Description {
                    lang: lang.to_string(),
                    ..Description::default()
                });
                self.descriptions.len() - 1
            }
        };
        &mut self.descriptions[at]
    }

    /// The languages listed under `localisation.availableLanguages` when written.
    pub fn effective_available_languages(&self) -> Vec<String> {
        if self.available_languages.is_empty() {
            self.descriptions.iter().map(|d| d.lang.clone()).collect()
        } else {
            self.available_languages.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts() {
        let c = Contact::parse("Ada Lovelace <ada@example.org>");
        assert_eq!(
            c,
            Some(Contact {
                name: "Ada Lovelace".into(),
                email: Some("ada@example.org".into())
            })
        );
        assert_eq!(Contact::parse("Ada").map(|c| c.email), Some(None));
        assert_eq!(Contact::parse("<ada@example.org>"), None);
        assert_eq!(Contact::parse("Ada <not an email>"), None);
        assert_eq!(Contact::parse("Ada <a@b.org"), None);
    }
}
