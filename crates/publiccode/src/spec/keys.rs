//! Every key of publiccode.yml 0.7, with its type, presence, constraints, history and
//! a one-line description. The validator walks this table; the JSON Schema
//! generator, the scaffolder and the upgrader read it too.

use super::lists;
use super::versions::Version;

/// What a scalar must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    /// Any text.
    Text,
    /// A URL with a scheme (`url`, `isBasedOn`).
    Url,
    /// An `http` or `https` URL.
    HttpUrl,
    /// `YYYY-MM-DD`.
    Date,
    /// An SPDX licence expression.
    Spdx,
    /// An e-mail address.
    Email,
    /// A MIME type.
    Mime,
    /// One of a closed list.
    OneOf(&'static [&'static str]),
    /// A category from the categories list.
    Category,
    /// A scope from the scope list.
    Scope,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// A BCP 47 language tag.
    Language,
    /// An organisation URI (`https://…`, `urn:…`, `urn:x-italian-pa:<code>`).
    OrgUri,
    /// A `supports` id: `alias:<name>` or a URI.
    SupportsId,
    /// A logo path or URL.
    Logo,
    /// A screenshot path or URL.
    Screenshot,
    /// A path to an authors file.
    AuthorsFile,
    /// A video URL on an oEmbed provider.
    Video,
    /// An Italian iPA code.
    IpaCode,
    /// A telephone number with international prefix.
    Phone,
    /// A version string (never a number).
    VersionString,
}

/// The shape of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// A scalar, read as text.
    Str(Val),
    /// `true` or `false`.
    Bool,
    /// A list of items.
    Seq(&'static Ty),
    /// A single string or a list of strings.
    StrOrSeq(Val),
    /// A mapping with these keys.
    Map(&'static [Field]),
    /// A mapping from BCP 47 language tags to mappings with these keys.
    LangMap(&'static [Field]),
}

/// Whether a key must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// May be left out.
    Optional,
    /// Must be there and not empty.
    Required,
    /// Must be there, as a list with at least one item.
    NonEmpty,
    /// Required in at least one language of `description` (the standard's wording).
    OneLanguage,
    /// Required or forbidden depending on another key (checked by a dedicated rule).
    Conditional,
}

/// A deprecation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deprecation {
    /// The version that deprecated the key.
    pub since: Version,
    /// What to do instead.
    pub advice: &'static str,
}

/// One key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The key as written.
    pub name: &'static str,
    /// Its shape.
    pub ty: Ty,
    /// Whether it must be there.
    pub presence: Presence,
    /// Length bounds in grapheme clusters, for text.
    pub len: Option<(usize, usize)>,
    /// Set when the key is deprecated.
    pub deprecated: Option<Deprecation>,
    /// The version that introduced the key.
    pub since: Version,
    /// One line for people.
    pub doc: &'static str,
}

const fn f(name: &'static str, ty: Ty, presence: Presence, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        presence,
        len: None,
        deprecated: None,
        since: Version::V0_2,
        doc,
    }
}

const fn since(mut field: Field, version: Version) -> Field {
    field.since = version;
    field
}

const fn len(mut field: Field, min: usize, max: usize) -> Field {
    field.len = Some((min, max));
    field
}

const fn deprecated(mut field: Field, since: Version, advice: &'static str) -> Field {
    field.deprecated = Some(Deprecation { since, advice });
    field
}

use Presence::{Conditional, NonEmpty, OneLanguage, Optional, Required};

const TEXT: Ty = Ty::Str(Val::Text);
const TEXT_LIST: Ty = Ty::Seq(&Ty::Str(Val::Text));

/// An organisation (`organisation`, `fundedBy[]`).
pub const ORGANISATION: &[Field] = &[
    f(
        "name",
        TEXT,
        Optional,
        "Canonical name of the organisation.",
    ),
    f(
        "uri",
        Ty::Str(Val::OrgUri),
        Required,
        "URI identifying the organisation: a URL or a URN such as urn:x-italian-pa:<iPA code>.",
    ),
];

/// `fundedBy[]` items: the standard makes `name` mandatory and `uri` optional.
pub const FUNDER: &[Field] = &[
    f("name", TEXT, Required, "Name of the funding organisation."),
    f(
        "uri",
        Ty::Str(Val::OrgUri),
        Optional,
        "URI identifying the funding organisation.",
    ),
];

/// A `dependsOn` entry.
pub const DEPENDENCY: &[Field] = &[
    f("name", TEXT, Required, "Name of the dependency."),
    f(
        "versionMin",
        Ty::Str(Val::VersionString),
        Optional,
        "Lowest compatible version.",
    ),
    f(
        "versionMax",
        Ty::Str(Val::VersionString),
        Optional,
        "Highest compatible version.",
    ),
    f(
        "version",
        Ty::Str(Val::VersionString),
        Optional,
        "The only compatible major version.",
    ),
    f(
        "optional",
        Ty::Bool,
        Optional,
        "Whether the dependency is optional.",
    ),
];

/// A maintenance contact.
pub const CONTACT: &[Field] = &[
    f("name", TEXT, Required, "Full name of a real person."),
    f("email", Ty::Str(Val::Email), Optional, "E-mail address."),
    f(
        "phone",
        Ty::Str(Val::Phone),
        Optional,
        "Telephone number with international prefix.",
    ),
    f(
        "affiliation",
        TEXT,
        Optional,
        "Organisation the contact belongs to.",
    ),
];

/// A maintenance contractor.
pub const CONTRACTOR: &[Field] = &[
    f("name", TEXT, Required, "Name of the contractor."),
    f(
        "until",
        Ty::Str(Val::Date),
        Required,
        "Date the maintenance contract ends (YYYY-MM-DD).",
    ),
    f("email", Ty::Str(Val::Email), Optional, "E-mail address."),
    f(
        "website",
        Ty::Str(Val::HttpUrl),
        Optional,
        "Website of the contractor.",
    ),
];

/// `supports[]` items.
pub const SUPPORT: &[Field] = &[since(
    f(
        "id",
        Ty::Str(Val::SupportsId),
        Required,
        "alias:<name> from the aliases list, or the URI of a standard, regulation or system.",
    ),
    Version::V0_7,
)];

/// `description.<lang>`.
pub const DESCRIPTION: &[Field] = &[
    f(
        "localisedName",
        TEXT,
        Optional,
        "The software's name in this language.",
    ),
    deprecated(
        len(
            f(
                "genericName",
                TEXT,
                Optional,
                "Generic name of the kind of software.",
            ),
            0,
            35,
        ),
        Version::V0_3,
        "It's safe to drop it",
    ),
    len(
        f(
            "shortDescription",
            TEXT,
            Required,
            "One sentence describing the software (at most 150 characters).",
        ),
        0,
        150,
    ),
    len(
        f(
            "longDescription",
            TEXT,
            OneLanguage,
            "What the software does and why, in 150 to 10,000 characters (basic Markdown allowed).",
        ),
        150,
        10_000,
    ),
    f(
        "documentation",
        Ty::Str(Val::HttpUrl),
        Optional,
        "URL of the user documentation.",
    ),
    f(
        "apiDocumentation",
        Ty::Str(Val::HttpUrl),
        Optional,
        "URL of the API documentation.",
    ),
    f(
        "features",
        TEXT_LIST,
        OneLanguage,
        "Features a user sees, one short sentence each (5 to 20 are suggested).",
    ),
    f(
        "screenshots",
        Ty::Seq(&Ty::Str(Val::Screenshot)),
        Optional,
        "Paths (relative to the repository root) or URLs of PNG or JPG screenshots.",
    ),
    f(
        "videos",
        Ty::Seq(&Ty::Str(Val::Video)),
        Optional,
        "URLs of videos on an oEmbed provider (YouTube, Vimeo …).",
    ),
    f("awards", TEXT_LIST, Optional, "Awards won by the software."),
];

/// `legal`.
pub const LEGAL: &[Field] = &[
    f(
        "license",
        Ty::Str(Val::Spdx),
        Required,
        "SPDX licence expression, e.g. AGPL-3.0-or-later or EUPL-1.2 OR MIT.",
    ),
    f(
        "mainCopyrightOwner",
        TEXT,
        Optional,
        "Entity owning most of the copyright.",
    ),
    deprecated(
        f("repoOwner", TEXT, Optional, "Entity owning the repository."),
        Version::V0_5,
        "Use 'organisation.name' instead",
    ),
    deprecated(
        f(
            "authorsFile",
            Ty::Str(Val::AuthorsFile),
            Optional,
            "Path to the file listing the authors.",
        ),
        Version::V0_4,
        "It's safe to drop it",
    ),
];

/// `maintenance`.
pub const MAINTENANCE: &[Field] = &[
    f(
        "type",
        Ty::Str(Val::OneOf(lists::MAINTENANCE_TYPES)),
        Required,
        "Who maintains the software: internal, contract, community or none.",
    ),
    f(
        "contractors",
        Ty::Seq(&Ty::Map(CONTRACTOR)),
        Conditional,
        "Contractors, required when type is contract and only then.",
    ),
    f(
        "contacts",
        Ty::Seq(&Ty::Map(CONTACT)),
        Conditional,
        "Technical contacts, required when type is internal or community.",
    ),
];

/// `localisation`.
pub const LOCALISATION: &[Field] = &[
    f(
        "localisationReady",
        Ty::Bool,
        Required,
        "true when the software can be translated.",
    ),
    f(
        "availableLanguages",
        Ty::Seq(&Ty::Str(Val::Language)),
        NonEmpty,
        "BCP 47 tags of the languages the software is available in.",
    ),
];

/// `dependsOn`.
pub const DEPENDS_ON: &[Field] = &[
    f(
        "open",
        Ty::Seq(&Ty::Map(DEPENDENCY)),
        Optional,
        "Runtime dependencies under open licences.",
    ),
    f(
        "proprietary",
        Ty::Seq(&Ty::Map(DEPENDENCY)),
        Optional,
        "Proprietary runtime dependencies.",
    ),
    f(
        "hardware",
        Ty::Seq(&Ty::Map(DEPENDENCY)),
        Optional,
        "Hardware that must be owned.",
    ),
];

/// `intendedAudience`.
pub const INTENDED_AUDIENCE: &[Field] = &[
    f(
        "countries",
        Ty::Seq(&Ty::Str(Val::Country)),
        Optional,
        "ISO 3166-1 alpha-2 codes of the countries the software is meant for.",
    ),
    f(
        "unsupportedCountries",
        Ty::Seq(&Ty::Str(Val::Country)),
        Optional,
        "ISO 3166-1 alpha-2 codes of countries the software does not support.",
    ),
    f(
        "scope",
        Ty::Seq(&Ty::Str(Val::Scope)),
        Optional,
        "Fields of public administration the software is for, from the scope list.",
    ),
];

/// `IT.conforme`.
pub const IT_CONFORME: &[Field] = &[
    f(
        "lineeGuidaDesign",
        Ty::Bool,
        Optional,
        "Follows the Italian design guidelines.",
    ),
    f(
        "modelloInteroperabilita",
        Ty::Bool,
        Optional,
        "Follows the Italian interoperability model.",
    ),
    f(
        "misureMinimeSicurezza",
        Ty::Bool,
        Optional,
        "Follows AgID's minimum ICT security measures.",
    ),
    f("gdpr", Ty::Bool, Optional, "Complies with the GDPR."),
];

/// `IT.piattaforme`.
pub const IT_PIATTAFORME: &[Field] = &[
    f("spid", Ty::Bool, Optional, "Integrates SPID."),
    f("cie", Ty::Bool, Optional, "Integrates CIE."),
    f("anpr", Ty::Bool, Optional, "Integrates ANPR."),
    f("pagopa", Ty::Bool, Optional, "Integrates pagoPA."),
    since(
        f("io", Ty::Bool, Optional, "Integrates the IO app."),
        Version::V0_3,
    ),
];

/// `IT.riuso`.
pub const IT_RIUSO: &[Field] = &[deprecated(
    f(
        "codiceIPA",
        Ty::Str(Val::IpaCode),
        Optional,
        "iPA code of the publishing administration.",
    ),
    Version::V0_5,
    "Use 'organisation.uri' and set it to 'urn:x-italian-pa:<code>' instead",
)];

/// `IT` (and the deprecated lowercase `it`).
pub const IT: &[Field] = &[
    f(
        "countryExtensionVersion",
        Ty::Str(Val::OneOf(lists::IT_COUNTRY_EXTENSION_VERSIONS)),
        Optional,
        "Version of the Italian extension: \"1.0\".",
    ),
    deprecated(
        f(
            "conforme",
            Ty::Map(IT_CONFORME),
            Optional,
            "Compliance self-declarations.",
        ),
        Version::V0_5,
        "It's safe to drop it",
    ),
    f(
        "piattaforme",
        Ty::Map(IT_PIATTAFORME),
        Optional,
        "Italian national platforms used.",
    ),
    f("riuso", Ty::Map(IT_RIUSO), Optional, "Reuse information."),
];

/// The top level, in the standard's order.
pub const ROOT: &[Field] = &[
    f(
        "publiccodeYmlVersion",
        Ty::Str(Val::VersionString),
        Required,
        "Version of the standard the file follows; write \"0\".",
    ),
    f("name", TEXT, Required, "Short public name of the software."),
    f(
        "applicationSuite",
        TEXT,
        Optional,
        "Suite the software belongs to.",
    ),
    f(
        "url",
        Ty::Str(Val::Url),
        Required,
        "URL of the source code repository (git, svn …), its unique identifier.",
    ),
    f(
        "landingURL",
        Ty::Str(Val::HttpUrl),
        Optional,
        "Landing page, when url is not browsable.",
    ),
    f(
        "isBasedOn",
        Ty::StrOrSeq(Val::Url),
        Optional,
        "URL(s) of the upstream project(s) this software is a variant of.",
    ),
    f(
        "softwareVersion",
        TEXT,
        Optional,
        "Latest stable version, as free text.",
    ),
    f(
        "releaseDate",
        Ty::Str(Val::Date),
        Optional,
        "Date of the latest release (YYYY-MM-DD).",
    ),
    f(
        "logo",
        Ty::Str(Val::Logo),
        Optional,
        "Path (relative to the repository root) or URL of the logo: SVG, SVGZ or PNG.",
    ),
    deprecated(
        f(
            "monochromeLogo",
            Ty::Str(Val::Logo),
            Optional,
            "Monochrome logo.",
        ),
        Version::V0_3,
        "Use 'logo' instead",
    ),
    deprecated(
        f(
            "inputTypes",
            Ty::Seq(&Ty::Str(Val::Mime)),
            Optional,
            "MIME types read.",
        ),
        Version::V0_3,
        "It's safe to drop it",
    ),
    deprecated(
        f(
            "outputTypes",
            Ty::Seq(&Ty::Str(Val::Mime)),
            Optional,
            "MIME types written.",
        ),
        Version::V0_3,
        "It's safe to drop it",
    ),
    f(
        "platforms",
        Ty::StrOrSeq(Val::Text),
        NonEmpty,
        "Platforms the software runs on: web, windows, mac, linux, ios, android, or others.",
    ),
    f(
        "categories",
        Ty::Seq(&Ty::Str(Val::Category)),
        Optional,
        "Categories from the categories list.",
    ),
    f(
        "usedBy",
        TEXT_LIST,
        Optional,
        "Public administrations using the software.",
    ),
    since(
        f(
            "fundedBy",
            Ty::Seq(&Ty::Map(FUNDER)),
            Optional,
            "Organisations funding the software.",
        ),
        Version::V0_5,
    ),
    f(
        "roadmap",
        Ty::Str(Val::HttpUrl),
        Optional,
        "URL of the public roadmap.",
    ),
    f(
        "developmentStatus",
        Ty::Str(Val::OneOf(lists::DEVELOPMENT_STATUS)),
        Required,
        "concept, development, beta, stable or obsolete.",
    ),
    f(
        "softwareType",
        Ty::Str(Val::OneOf(lists::SOFTWARE_TYPES)),
        Required,
        "standalone/…, addon, library or configurationFiles.",
    ),
    since(
        f(
            "supports",
            Ty::Seq(&Ty::Map(SUPPORT)),
            Optional,
            "Standards, regulations and systems the software supports.",
        ),
        Version::V0_7,
    ),
    since(
        f(
            "organisation",
            Ty::Map(ORGANISATION),
            Optional,
            "The publishing organisation.",
        ),
        Version::V0_5,
    ),
    f(
        "intendedAudience",
        Ty::Map(INTENDED_AUDIENCE),
        Optional,
        "Who the software is for.",
    ),
    f(
        "description",
        Ty::LangMap(DESCRIPTION),
        NonEmpty,
        "Descriptions, one section per BCP 47 language tag.",
    ),
    f("legal", Ty::Map(LEGAL), Required, "Licence and copyright."),
    f(
        "maintenance",
        Ty::Map(MAINTENANCE),
        Required,
        "Who maintains the software.",
    ),
    f(
        "localisation",
        Ty::Map(LOCALISATION),
        Required,
        "Languages and translation.",
    ),
    f(
        "dependsOn",
        Ty::Map(DEPENDS_ON),
        Optional,
        "Runtime dependencies.",
    ),
    deprecated(
        f("IT", Ty::Map(IT), Optional, "Italian section."),
        Version::V0_7,
        "Move IT.piattaforme to 'supports' and IT.riuso.codiceIPA to 'organisation.uri'",
    ),
    deprecated(
        f(
            "it",
            Ty::Map(IT),
            Optional,
            "Italian section (lowercase, before 0.5).",
        ),
        Version::V0_5,
        "Use 'IT' instead",
    ),
];

/// The field called `name` among `fields`.
pub fn find_field(fields: &'static [Field], name: &str) -> Option<&'static Field> {
    fields.iter().find(|f| f.name == name)
}
