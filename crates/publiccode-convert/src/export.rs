//! Exports of a publiccode.yml to other shapes: the normalised model in the latest
//! version (`json`), a US code.json agency index with one release (`code-json`, GSA
//! schema 2.0.0),
//! codemeta.json 3.0 (`codemeta`) and a Canadian Open Resource Exchange record
//! (`ore`). Every export works on the typed model after the upgrade mapping, so the
//! data is the latest version's. Fields the target needs and publiccode.yml lacks come
//! from [`ExportOptions`], or are listed in [`Export::missing`]; nothing is invented.
//!
//! Values that are invalid in the source (every key with an error) are left out and
//! listed in [`Export::missing`] with the reason, never exported as if valid.
//!
//! Mapping (publiccode.yml → code.json): the document is `{"version": "2.0.0",
//! "agency": --agency, "measurementType": {"method": "projects"}, "releases": [release]}`;
//! in the release:
//! name → name; `description.<en or first>.shortDescription` → description;
//! softwareVersion → version; organisation.name (or `--organization`) → organization;
//! legal.license → permissions.licenses[].name (one per SPDX id of the expression,
//! URL `https://spdx.org/licenses/<id>.html`); `--usage-type` (default `openSource`) →
//! permissions.usageType; `--labor-hours` → laborHours (missing otherwise);
//! categories + scope → tags; first contact with an e-mail (or `--contact-email`) →
//! contact; developmentStatus → status (concept → Ideation, development →
//! Development, beta → Beta, stable → Production, obsolete → Archival); url →
//! repositoryURL; landingURL → homepageURL; releaseDate → date.lastModified;
//! vcs `git` when the URL ends in `.git` or is on a known git forge.
//!
//! codemeta 3.0: name, description, codeRepository (url), url (landingURL), version,
//! dateModified (releaseDate), license (SPDX URL, or the expression), developmentStatus,
//! applicationCategory (categories), keywords (categories + scope), operatingSystem
//! (platforms), softwareRequirements (dependsOn.open names), maintainer (contacts as
//! Person), copyrightHolder (mainCopyrightOwner), publisher (organisation), funder
//! (fundedBy), isPartOf (applicationSuite), isBasedOn, softwareHelp (documentation),
//! availableLanguages → inLanguage.
//!
//! ORE (canada-ca/ore-ero code file, schemaVersion 1.0): one release with name, description
//! .whatItDoes, tags, repositoryURL, homepageURL in `en` and `fr` (from description.en /
//! description.fr; a missing language is reported and filled from the other),
//! licences (spdxID and the SPDX URL), contact (first contact), status (concept/development
//! /beta → Alpha/Alpha/Beta, stable → Maintained, obsolete → Retired), date.created and
//! date.metadataLastUpdated (from flags, or releaseDate), category (a UNSPSC code: only from
//! `--category`), adminCode (only from `--admin-code`).

use publiccode::keypath::{KeyPath, Segment};
use publiccode::model::{Organisation, PublicCode, Support};
use publiccode::spec::versions::RECOMMENDED;
use publiccode::yaml::Node;
use serde_json::{Map, Value, json};

use crate::upgrade::PLATFORM_ALIASES;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The normalised model, latest version, as JSON.
    Json,
    /// A US code.json agency index with one release (GSA schema 2.0.0).
    CodeJson,
    /// codemeta.json 3.0.
    Codemeta,
    /// A Canadian Open Resource Exchange code record.
    Ore,
}

/// Values the targets need that publiccode.yml does not hold.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// code.json `agency` (the agency acronym, such as `GSA`).
    pub agency: Option<String>,
    /// code.json `laborHours`.
    pub labor_hours: Option<f64>,
    /// code.json `permissions.usageType` (default `openSource`).
    pub usage_type: Option<String>,
    /// code.json `organization` (default: organisation.name).
    pub organization: Option<String>,
    /// code.json / ORE contact e-mail (default: the first contact with one).
    pub contact_email: Option<String>,
    /// ORE `adminCode`.
    pub admin_code: Option<String>,
    /// ORE `category` (a UNSPSC code such as `43232400`).
    pub category: Option<String>,
    /// ORE `date.created` (default: releaseDate).
    pub created: Option<String>,
    /// ORE `date.metadataLastUpdated` (default: releaseDate).
    pub metadata_last_updated: Option<String>,
}

/// An export and what it lacks.
#[derive(Debug, Clone)]
pub struct Export {
    /// The exported document.
    pub value: Value,
    /// Fields the target requires that neither the file nor the options provided:
    /// left out of [`Export::value`], never written as empty values. Each entry is
    /// the target's field, then why in parentheses.
    pub missing: Vec<String>,
    /// Fields filled by a stand-in the reader should know about (a French text copied
    /// from the English one), same form as [`Export::missing`].
    pub notes: Vec<String>,
}

/// Applies the upgrade mapping to the model: version `"0"`, `IT` to `supports` and
/// `organisation`, `legal.repoOwner` to `organisation.name`, deprecated keys dropped
/// (`monochromeLogo` kept as `logo` when there is none).
pub fn upgrade_model(pc: &mut PublicCode) {
    pc.publiccode_yml_version = RECOMMENDED.to_string();
    if let Some(it) = pc.it.take() {
        let mut ids: Vec<String> = Vec::new();
        if it.conforme.get("gdpr") == Some(&true) {
            ids.push("alias:gdpr".into());
        }
        for p in PLATFORM_ALIASES {
            if it.piattaforme.get(*p) == Some(&true) {
                ids.push(format!("alias:{p}"));
            }
        }
        for id in ids {
            if !pc.supports.iter().any(|s| s.id == id) {
                pc.supports.push(Support { id });
            }
        }
        if let Some(code) = it.codice_ipa {
            pc.organisation.get_or_insert_with(|| Organisation {
                name: None,
                uri: Some(format!("urn:x-italian-pa:{code}")),
            });
        }
    }
    if let Some(owner) = pc.legal.repo_owner.take()
        && let Some(org) = pc.organisation.as_mut()
    {
        org.name.get_or_insert(owner);
    }
    if pc.logo.is_none() {
        pc.logo = pc.monochrome_logo.take();
    }
    pc.monochrome_logo = None;
    pc.input_types.clear();
    pc.output_types.clear();
    pc.legal.authors_file = None;
    for d in pc.description.values_mut() {
        d.generic_name = None;
    }
}

/// Exports a parsed file.
pub fn export(tree: &Node, format: Format, opts: &ExportOptions) -> Export {
    let mut pc = PublicCode::from_tree(tree);
    upgrade_model(&mut pc);
    export_model(&pc, format, opts)
}

/// Exports a validated file without the values its report marks as errors: each such
/// key is left out of the export and listed in [`Export::missing`] with the reason.
pub fn export_valid(report: &publiccode::Report, format: Format, opts: &ExportOptions) -> Export {
    let Some(tree) = &report.tree else {
        return Export {
            value: Value::Null,
            missing: vec!["everything: the file cannot be parsed".into()],
            notes: Vec::new(),
        };
    };
    let mut tree = tree.clone();
    let mut dropped = Vec::new();
    for d in report.diagnostics.iter().filter(|d| d.is_error()) {
        // The version is rewritten by the export anyway.
        if !d.key.is_empty() && d.key != "publiccodeYmlVersion" && prune(&mut tree, &d.key) {
            dropped.push(format!("{} (invalid in the source: {})", d.key, d.message));
        }
    }
    let mut out = export(&tree, format, opts);
    dropped.dedup();
    dropped.extend(out.missing);
    out.missing = dropped;
    out
}

/// Removes the value at `key` from the tree (a list item becomes null, so that the
/// indices of later diagnostics stay right). `false` when there is nothing there.
fn prune(node: &mut Node, key: &KeyPath) -> bool {
    use publiccode::yaml::NodeKind;
    let segs: Vec<Segment<'_>> = key.segments().collect();
    let Some((last, parents)) = segs.split_last() else {
        return false;
    };
    let mut cur = node;
    for seg in parents {
        let next = match (&mut cur.kind, seg) {
            (NodeKind::Sequence(items), Segment::Index(i)) => items.get_mut(*i),
            (NodeKind::Mapping(entries), Segment::Key(k)) => entries
                .iter_mut()
                .find(|e| e.key_str() == Some(k.as_ref()))
                .map(|e| &mut e.value),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return false,
        }
    }
    match (&mut cur.kind, last) {
        (NodeKind::Sequence(items), Segment::Index(i)) => match items.get_mut(*i) {
            Some(item) => {
                item.kind = NodeKind::Scalar(publiccode::yaml::Scalar {
                    value: "null".into(),
                    style: publiccode::yaml::ScalarStyle::Plain,
                    tag: None,
                });
                true
            }
            None => false,
        },
        (NodeKind::Mapping(entries), Segment::Key(k)) => {
            let before = entries.len();
            entries.retain(|e| e.key_str() != Some(k.as_ref()));
            entries.len() < before
        }
        _ => false,
    }
}

fn export_model(pc: &PublicCode, format: Format, opts: &ExportOptions) -> Export {
    match format {
        Format::Json => Export {
            value: serde_json::to_value(pc).unwrap_or(Value::Null),
            missing: Vec::new(),
            notes: Vec::new(),
        },
        Format::CodeJson => code_json(pc, opts),
        Format::Codemeta => codemeta(pc),
        Format::Ore => ore(pc, opts),
    }
}

fn preferred(pc: &PublicCode) -> Option<&publiccode::model::Description> {
    pc.description
        .get("en")
        .or_else(|| {
            pc.description
                .iter()
                .find(|(k, _)| k.starts_with("en"))
                .map(|(_, v)| v)
        })
        .or_else(|| pc.description.values().next())
}

fn short(pc: &PublicCode) -> Option<String> {
    preferred(pc).and_then(|d| d.short_description.clone())
}

/// The SPDX identifiers of a licence expression, in order, without duplicates.
fn spdx_ids(expr: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for tok in expr.split(|c: char| c.is_whitespace() || c == '(' || c == ')') {
        if tok.is_empty() || matches!(tok, "AND" | "OR" | "WITH") {
            continue;
        }
        let id = tok.trim_end_matches('+').to_string();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    // Exceptions follow WITH; keep only licences.
    let exceptions: Vec<&str> = expr
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0] == "WITH")
        .map(|w| w[1].trim_end_matches(')'))
        .collect();
    ids.retain(|i| !exceptions.contains(&i.as_str()));
    ids
}

fn spdx_url(id: &str) -> String {
    format!("https://spdx.org/licenses/{id}.html")
}

fn contact_email(pc: &PublicCode, opts: &ExportOptions) -> Option<(Option<String>, String)> {
    if let Some(e) = &opts.contact_email {
        return Some((None, e.clone()));
    }
    pc.maintenance
        .contacts
        .iter()
        .find_map(|c| c.email.clone().map(|e| (Some(c.name.clone()), e)))
        .or_else(|| {
            pc.maintenance
                .contractors
                .iter()
                .find_map(|c| c.email.clone().map(|e| (Some(c.name.clone()), e)))
        })
}

fn tags(pc: &PublicCode) -> Vec<String> {
    let mut t: Vec<String> = pc.categories.clone();
    if let Some(a) = &pc.intended_audience {
        t.extend(a.scope.iter().cloned());
    }
    t.dedup();
    t
}

fn insert_opt(m: &mut Map<String, Value>, k: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        m.insert(k.to_string(), v.into());
    }
}

fn code_json(pc: &PublicCode, opts: &ExportOptions) -> Export {
    let mut missing = Vec::new();
    let mut m = Map::new();
    if pc.name.trim().is_empty() {
        missing.push("name (no name in the source)".into());
    } else {
        m.insert("name".into(), json!(pc.name));
    }
    insert_opt(&mut m, "version", pc.software_version.clone());
    let org = opts
        .organization
        .clone()
        .or_else(|| pc.organisation.as_ref().and_then(|o| o.name.clone()));
    insert_opt(&mut m, "organization", org);
    match short(pc) {
        Some(d) => {
            m.insert("description".into(), json!(d));
        }
        None => missing.push("description (no shortDescription in the source)".into()),
    }
    let licenses: Vec<Value> = spdx_ids(&pc.legal.license)
        .iter()
        .map(|id| json!({"name": id, "URL": spdx_url(id)}))
        .collect();
    m.insert(
        "permissions".into(),
        json!({
            "licenses": licenses,
            "usageType": opts.usage_type.clone().unwrap_or_else(|| "openSource".into()),
        }),
    );
    match opts.labor_hours {
        Some(h) => {
            m.insert("laborHours".into(), json!(h));
        }
        None => missing.push("laborHours (publiccode.yml has no equivalent)".into()),
    }
    m.insert("tags".into(), json!(tags(pc)));
    match contact_email(pc, opts) {
        Some((name, email)) => {
            let mut c = Map::new();
            c.insert("email".into(), json!(email));
            insert_opt(&mut c, "name", name);
            m.insert("contact".into(), Value::Object(c));
        }
        None => missing.push("contact.email (no maintenance contact has an e-mail)".into()),
    }
    insert_opt(&mut m, "status", code_json_status(&pc.development_status));
    if is_git_url(&pc.url) {
        m.insert("vcs".into(), json!("git"));
    }
    if pc.url.trim().is_empty() {
        missing.push("repositoryURL (no valid url in the source)".into());
    } else {
        m.insert("repositoryURL".into(), json!(pc.url));
    }
    insert_opt(&mut m, "homepageURL", pc.landing_url.clone());
    if let Some(d) = &pc.release_date {
        m.insert("date".into(), json!({"lastModified": d}));
    }
    if opts.agency.is_none() {
        missing.push("agency (publiccode.yml has no equivalent)".into());
    }
    // What could not be filled is left out (and listed), never written as "".
    let mut doc = Map::new();
    doc.insert("version".into(), json!("2.0.0"));
    insert_opt(&mut doc, "agency", opts.agency.clone());
    doc.insert("measurementType".into(), json!({"method": "projects"}));
    doc.insert("releases".into(), json!([Value::Object(m)]));
    Export {
        value: Value::Object(doc),
        missing,
        notes: Vec::new(),
    }
}

/// code.json's `status` for a developmentStatus.
fn code_json_status(development_status: &str) -> Option<&'static str> {
    match development_status {
        "concept" => Some("Ideation"),
        "development" => Some("Development"),
        "beta" => Some("Beta"),
        "stable" => Some("Production"),
        "obsolete" => Some("Archival"),
        _ => None,
    }
}

/// Whether a repository URL is a git one (a `.git` URL or a known git forge).
fn is_git_url(url: &str) -> bool {
    let url = url.to_ascii_lowercase();
    url.ends_with(".git")
        || [
            "github.com",
            "gitlab",
            "bitbucket.org",
            "codeberg.org",
            "gitea",
        ]
        .iter()
        .any(|h| url.contains(h))
}

fn organisation_ld(o: &Organisation) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), json!("Organization"));
    insert_opt(&mut m, "name", o.name.clone());
    insert_opt(&mut m, "@id", o.uri.clone());
    Value::Object(m)
}

/// codemeta's `license`: the SPDX URL of a single licence, else the expression as is.
fn codemeta_license(license: &str) -> Value {
    let ids = spdx_ids(license);
    if ids.len() == 1 && ids[0] == license.trim() {
        json!(format!("https://spdx.org/licenses/{}", ids[0]))
    } else {
        json!(license)
    }
}

/// The maintenance contacts as schema.org Persons.
fn maintainers_ld(pc: &PublicCode) -> Value {
    let maintainers: Vec<Value> = pc
        .maintenance
        .contacts
        .iter()
        .map(|c| {
            let mut p = Map::new();
            p.insert("@type".into(), json!("Person"));
            p.insert("name".into(), json!(c.name));
            insert_opt(&mut p, "email", c.email.clone());
            insert_opt(&mut p, "telephone", c.phone.clone());
            if let Some(a) = &c.affiliation {
                p.insert(
                    "affiliation".into(),
                    json!({"@type": "Organization", "name": a}),
                );
            }
            Value::Object(p)
        })
        .collect();
    json!(maintainers)
}

fn codemeta(pc: &PublicCode) -> Export {
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://w3id.org/codemeta/3.0"));
    m.insert("@type".into(), json!("SoftwareSourceCode"));
    m.insert("name".into(), json!(pc.name));
    insert_opt(&mut m, "description", short(pc));
    m.insert("codeRepository".into(), json!(pc.url));
    insert_opt(&mut m, "url", pc.landing_url.clone());
    insert_opt(&mut m, "version", pc.software_version.clone());
    insert_opt(&mut m, "dateModified", pc.release_date.clone());
    if !pc.legal.license.is_empty() {
        m.insert("license".into(), codemeta_license(&pc.legal.license));
    }
    if !pc.development_status.is_empty() {
        m.insert("developmentStatus".into(), json!(pc.development_status));
    }
    if !pc.categories.is_empty() {
        m.insert("applicationCategory".into(), json!(pc.categories));
    }
    let kw = tags(pc);
    if !kw.is_empty() {
        m.insert("keywords".into(), json!(kw));
    }
    if !pc.platforms.is_empty() {
        m.insert("operatingSystem".into(), json!(pc.platforms));
    }
    if let Some(d) = &pc.depends_on {
        let reqs: Vec<&str> = d.open.iter().map(|x| x.name.as_str()).collect();
        if !reqs.is_empty() {
            m.insert("softwareRequirements".into(), json!(reqs));
        }
    }
    if !pc.maintenance.contacts.is_empty() {
        m.insert("maintainer".into(), maintainers_ld(pc));
    }
    if let Some(o) = &pc.legal.main_copyright_owner {
        m.insert(
            "copyrightHolder".into(),
            json!({"@type": "Organization", "name": o}),
        );
    }
    if let Some(o) = &pc.organisation {
        m.insert("publisher".into(), organisation_ld(o));
    }
    if !pc.funded_by.is_empty() {
        m.insert(
            "funder".into(),
            json!(pc.funded_by.iter().map(organisation_ld).collect::<Vec<_>>()),
        );
    }
    insert_opt(&mut m, "isPartOf", pc.application_suite.clone());
    if !pc.is_based_on.is_empty() {
        m.insert("isBasedOn".into(), json!(pc.is_based_on));
    }
    insert_opt(
        &mut m,
        "softwareHelp",
        preferred(pc).and_then(|d| d.documentation.clone()),
    );
    if !pc.localisation.available_languages.is_empty() {
        m.insert(
            "inLanguage".into(),
            json!(pc.localisation.available_languages),
        );
    }
    Export {
        value: Value::Object(m),
        missing: Vec::new(),
        notes: Vec::new(),
    }
}

/// ORE's English and French texts: what the software does and its name.
struct OreTexts {
    what_en: Option<String>,
    what_fr: Option<String>,
    name_en: Option<String>,
    name_fr: Option<String>,
}

/// ORE's texts from the descriptions, recording in `missing` and `notes` what is
/// absent or copied from another language.
fn ore_texts(pc: &PublicCode, missing: &mut Vec<String>, notes: &mut Vec<String>) -> OreTexts {
    let en = pc.description.get("en");
    let fr = pc.description.get("fr");
    let fallback = preferred(pc);
    let what = |d: &publiccode::model::Description| {
        d.short_description.clone().filter(|s| !s.trim().is_empty())
    };
    let name_of = |d: &publiccode::model::Description| {
        d.localised_name.clone().filter(|s| !s.trim().is_empty())
    };
    // Each language from its own description, else copied from another one (and
    // said); a text no description holds is left out and listed, never written as "".
    let mut pick_what = |lang: &str, own: Option<&publiccode::model::Description>| {
        if let Some(t) = own.and_then(what) {
            return Some(t);
        }
        let copied = fallback.and_then(what);
        let language = if lang == "en" { "English" } else { "French" };
        match &copied {
            Some(_) => notes.push(format!(
                "description.whatItDoes.{lang} (no {language} description: copied from another language)"
            )),
            None => missing.push(format!(
                "description.whatItDoes.{lang} (no shortDescription in the source)"
            )),
        }
        copied
    };
    let what_en = pick_what("en", en);
    let what_fr = pick_what("fr", fr);
    let named = |d: Option<&publiccode::model::Description>| {
        d.and_then(name_of)
            .or_else(|| fallback.and_then(name_of))
            .or_else(|| Some(pc.name.clone()).filter(|n| !n.trim().is_empty()))
    };
    let (name_en, name_fr) = (named(en), named(fr));
    OreTexts {
        what_en,
        what_fr,
        name_en,
        name_fr,
    }
}

/// ORE's `date`: the flags' dates, else releaseDate; what has neither is listed in
/// `missing` and left out.
fn ore_date(pc: &PublicCode, opts: &ExportOptions, missing: &mut Vec<String>) -> Value {
    let created = opts.created.clone().or_else(|| pc.release_date.clone());
    let updated = opts
        .metadata_last_updated
        .clone()
        .or_else(|| pc.release_date.clone());
    if created.is_none() {
        missing.push("date.created (no releaseDate in the source)".into());
    }
    if updated.is_none() {
        missing.push("date.metadataLastUpdated (no releaseDate in the source)".into());
    }
    let mut date = Map::new();
    insert_opt(&mut date, "created", created);
    insert_opt(&mut date, "metadataLastUpdated", updated);
    Value::Object(date)
}

/// ORE's `status` for a developmentStatus.
fn ore_status(development_status: &str) -> Option<&'static str> {
    match development_status {
        "concept" | "development" => Some("Alpha"),
        "beta" => Some("Beta"),
        "stable" => Some("Maintained"),
        "obsolete" => Some("Retired"),
        _ => None,
    }
}

fn ore(pc: &PublicCode, opts: &ExportOptions) -> Export {
    let mut missing = Vec::new();
    let mut notes = Vec::new();
    let OreTexts {
        what_en,
        what_fr,
        name_en,
        name_fr,
    } = ore_texts(pc, &mut missing, &mut notes);
    if name_en.is_none() {
        missing.push("name (no name in the source)".into());
    }
    let lang = |en: String, fr: String| json!({"en": en, "fr": fr});
    let lang_opt = |en: Option<String>, fr: Option<String>| {
        let mut m = Map::new();
        insert_opt(&mut m, "en", en);
        insert_opt(&mut m, "fr", fr);
        Value::Object(m)
    };
    let url = if pc.url.trim().is_empty() {
        missing.push("repositoryURL (no valid url in the source)".into());
        None
    } else {
        Some(lang(pc.url.clone(), pc.url.clone()))
    };
    let t = tags(pc);
    let ids = spdx_ids(&pc.legal.license);
    let licences: Vec<Value> = ids
        .iter()
        .map(|id| json!({"URL": lang(spdx_url(id), spdx_url(id)), "spdxID": id}))
        .collect();
    let mut contact = Map::new();
    match contact_email(pc, opts) {
        Some((name, email)) => {
            contact.insert("email".into(), json!(email));
            insert_opt(&mut contact, "name", name);
        }
        None => missing.push("contact.email (no maintenance contact has an e-mail)".into()),
    }
    let date = ore_date(pc, opts, &mut missing);
    let category = opts.category.clone();
    if category.is_none() {
        missing.push("category, a UNSPSC code (publiccode.yml has no equivalent)".into());
    }
    let admin = opts.admin_code.clone();
    if admin.is_none() {
        missing.push("adminCode (publiccode.yml has no equivalent)".into());
    }
    // What could not be filled is left out (and listed), never written as "".
    let mut r = Map::new();
    r.insert("contact".into(), Value::Object(contact));
    r.insert("date".into(), date);
    r.insert(
        "description".into(),
        json!({"whatItDoes": lang_opt(what_en, what_fr)}),
    );
    insert_opt(&mut r, "category", category);
    if name_en.is_some() {
        r.insert("name".into(), lang_opt(name_en, name_fr));
    }
    r.insert("licences".into(), json!(licences));
    insert_opt(&mut r, "repositoryURL", url);
    r.insert("tags".into(), json!({"en": t, "fr": t}));
    if let Some(h) = &pc.landing_url {
        r.insert("homepageURL".into(), lang(h.clone(), h.clone()));
    }
    insert_opt(&mut r, "status", ore_status(&pc.development_status));
    let mut doc = Map::new();
    doc.insert("schemaVersion".into(), json!("1.0"));
    insert_opt(&mut doc, "adminCode", admin);
    doc.insert("releases".into(), json!([Value::Object(r)]));
    Export {
        value: Value::Object(doc),
        missing,
        notes,
    }
}
