//! The rule registry: every diagnostic code the core can emit, registered once, with
//! a one-line summary and the longer explanation that `publiccode explain` prints.
//!
//! Codes are stable: a code is never reused for another meaning. Country profiles add
//! their own codes (in `publiccode-check`) in the same [`RuleInfo`] shape.

use crate::Severity;

/// A registered rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable code, e.g. `PC203`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `missing-key`.
    pub name: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// A paragraph or two: why the rule exists and how to satisfy it.
    pub explanation: &'static str,
}

macro_rules! rules {
    ($( $id:ident = $code:literal, $name:literal, $sev:ident, $summary:literal, $expl:literal; )*) => {
        /// Rule codes as constants, so the code that emits them cannot misspell one.
        pub mod code {
            $( #[doc = $summary] pub const $id: &str = $code; )*
        }
        /// Every rule of the core, in code order.
        pub const RULES: &[RuleInfo] = &[
            $( RuleInfo { code: $code, name: $name, severity: Severity::$sev, summary: $summary, explanation: $expl }, )*
        ];
    };
}

rules! {
    NOT_UTF8 = "PC001", "not-utf8", Error,
        "The file is not UTF-8 text.",
        "publiccode.yml MUST be UTF-8 (since 0.2.2). A UTF-8 byte order mark is accepted. \
Re-save the file as UTF-8; the diagnostic points at the first byte that is not.";
    YAML_SYNTAX = "PC002", "yaml-syntax", Error,
        "The file is not well-formed YAML.",
        "The YAML parser stopped at this position. Common causes are tabs used for indentation, \
a missing space after a colon, or an unclosed quote or bracket. Nothing else can be checked \
until the syntax is right.";
    MULTIPLE_DOCUMENTS = "PC003", "multiple-documents", Error,
        "The file holds more than one YAML document.",
        "A publiccode.yml file describes one piece of software in one YAML document. Remove the \
second `---` and what follows, or move it to its own file.";
    DUPLICATE_KEY = "PC004", "duplicate-key", Error,
        "A key appears twice in the same mapping.",
        "YAML forbids duplicate keys. Many parsers silently keep the last one, so the file means \
different things to different tools. The first occurrence is the one checked; remove the other.";
    TOO_LARGE = "PC005", "file-too-large", Error,
        "The file is larger than the size limit.",
        "Real publiccode.yml files are a few kilobytes. Files above the limit (1 MiB by default) \
are refused before parsing, so that hostile input cannot exhaust memory or time.";
    RESOURCE_LIMIT = "PC006", "resource-limit", Error,
        "Nesting or alias expansion exceeds the limits.",
        "Collections nested more than 128 deep, or aliases that expand to more than 200,000 nodes \
(a \"billion laughs\" document), are refused. No real descriptor comes close.";
    EMPTY_DOCUMENT = "PC007", "empty-document", Error,
        "The file is empty.",
        "The file holds no YAML content. Start from `publiccode init`, which writes a valid file.";
    ROOT_NOT_MAPPING = "PC008", "root-not-mapping", Error,
        "The top level is not a mapping of keys.",
        "The document must be a mapping (`key: value` lines) at the top level.";
    READ_ERROR = "PC009", "read-error", Error,
        "The file could not be read.",
        "The path does not exist, is a directory or a FIFO, or cannot be read with the current \
permissions.";
    UNUSED_SUPPRESSION = "PC020", "unused-suppression", Warning,
        "A suppression comment silences nothing.",
        "Suppression comments silence diagnostics a team has decided to live with:\n\n\
\x20 key: value  # publiccode: ignore PC501 -- reason    covers this line\n\
\x20 # publiccode: ignore PC501, PC105 -- reason         covers the next line with content\n\
\x20 # publiccode: ignore-file PC105 -- reason           covers the whole file (own line)\n\n\
Codes are required; the reason after `--` is optional but recommended. When the diagnostic a \
suppression names is no longer reported on its line (the problem was fixed, or the line moved), \
the suppression is reported so that it does not outlive its purpose: remove the code from the comment. \
A code that no rule has is reported the same way. To drop a rule for a whole project, use `ignore` in \
publiccode.toml instead. This warning cannot itself be suppressed inline.";
    INVALID_SUPPRESSION = "PC021", "invalid-suppression", Warning,
        "A suppression comment cannot be read.",
        "A comment starting `# publiccode:` that looks like a suppression but is not one: no codes \
(`# publiccode: ignore`; blanket suppressions would hide the next, unrelated problem), a word that is \
not a code before the `--` that starts the reason, an unknown directive (`disable`, `noqa`), \
`ignore-file` at the end of a line of content, or an own-line `ignore` with no line after it. The \
syntax is `# publiccode: ignore PC501 -- reason` (this line, or the next line with content when the \
comment is on a line of its own) and `# publiccode: ignore-file PC105 -- reason`. Comments that \
merely start with `publiccode:` followed by other words are left alone.";
    VERSION_MISSING = "PC101", "version-missing", Error,
        "publiccodeYmlVersion is missing.",
        "Every file must say which version of the standard it follows. Write \
`publiccodeYmlVersion: \"0\"` on the first line: the standard now recommends the major version only.";
    VERSION_NOT_STRING = "PC102", "version-not-string", Error,
        "publiccodeYmlVersion is not a quoted string.",
        "Unquoted, `0.2` is a YAML number, and numbers lose information (`0.10` would read as \
`0.1`). Quote the value: `publiccodeYmlVersion: \"0.2\"`.";
    VERSION_UNSUPPORTED = "PC103", "version-unsupported", Error,
        "publiccodeYmlVersion is not a known version.",
        "Accepted values are \"0\", 0.2, 0.2.0, 0.2.1, 0.2.2, 0.3, 0.3.0, 0.4, 0.4.0, 0.5, 0.5.0, \
0.6, 0.6.0, 0.7 and 0.7.0. A future version (0.8, 1) is refused rather than guessed at: upgrade \
this tool.";
    VERSION_0_1 = "PC104", "version-0-1", Error,
        "publiccodeYmlVersion 0.1 is no longer supported.",
        "Version 0.1 (2019) used different keys (`publiccode-yaml-version`, `tags`, ISO 639-2 \
language keys). Rewrite the file for the latest version; `publiccode init` helps.";
    VERSION_NOT_LATEST = "PC105", "version-not-latest", Warning,
        "The file is not on the latest version of the standard.",
        "Files of every 0.x version are checked against the latest rules (0.7), as the reference \
validator does. `publiccode upgrade` moves the file to the latest version and keeps comments.";
    UNKNOWN_KEY = "PC201", "unknown-key", Error,
        "The key is not part of the standard.",
        "Unknown keys are refused, as the reference validator does, because a misspelt key would \
otherwise be silently ignored. Country sections other than `IT` do not exist: use `supports`.";
    WRONG_TYPE = "PC202", "wrong-type", Error,
        "The value has the wrong type.",
        "A text key got a list or a mapping, a list key got a single value, or a boolean got \
something other than `true`/`false`.";
    MISSING_KEY = "PC203", "missing-key", Error,
        "A required key is missing or empty.",
        "The standard makes this key mandatory. For a missing key the diagnostic points at the \
first key of the mapping that should hold it.";
    EMPTY_LIST = "PC204", "empty-list", Error,
        "A list that needs at least one item is empty or missing.",
        "platforms, description, features and availableLanguages need at least one item.";
    YAML11_BOOLEAN = "PC205", "yaml11-boolean", Error,
        "A YAML 1.1 boolean (yes/no/on/off) where true/false is needed.",
        "publiccode.yml follows YAML 1.2, where `yes`, `no`, `on` and `off` are strings, not \
booleans. Write `true` or `false`. The fix is mechanical and `--fix` applies it.";
    NOT_IN_LIST = "PC301", "not-in-list", Error,
        "The value is not one of the allowed values.",
        "developmentStatus, softwareType, maintenance.type and IT.countryExtensionVersion take a \
value from a closed list. The message lists them; a close match is suggested.";
    INVALID_CATEGORY = "PC302", "invalid-category", Error,
        "Not a category from the categories list.",
        "See https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst";
    INVALID_SCOPE = "PC303", "invalid-scope", Error,
        "Not a scope from the scope list.",
        "See https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst";
    TOO_LONG = "PC304", "too-long", Error,
        "The text is longer than allowed.",
        "Lengths are counted in grapheme clusters (what a reader sees as characters): \
shortDescription at most 150, longDescription at most 10,000, genericName at most 35.";
    TOO_SHORT = "PC305", "too-short", Error,
        "The text is shorter than required.",
        "longDescription needs at least 150 characters (grapheme clusters).";
    INVALID_DATE = "PC306", "invalid-date", Error,
        "Not a calendar date written YYYY-MM-DD.",
        "Dates are exactly `YYYY-MM-DD` and must exist in the calendar; times and other ISO 8601 \
forms are not allowed.";
    INVALID_LANGUAGE = "PC307", "invalid-language", Error,
        "Not a valid BCP 47 language tag.",
        "Language tags are checked against the IANA Language Subtag Registry, not only their \
syntax: `eng` is refused because BCP 47 uses `en`, and `en_GB` because the separator is `-`.";
    INVALID_COUNTRY = "PC308", "invalid-country", Error,
        "Not an ISO 3166-1 alpha-2 country code.",
        "Country codes are two letters from ISO 3166-1, uppercase: `IT`, `DE`, `FR`.";
    LOWERCASE_COUNTRY = "PC309", "lowercase-country", Warning,
        "Lowercase country codes are deprecated.",
        "Since 0.5 country codes are uppercase. `--fix` uppercases them.";
    INVALID_LICENSE = "PC310", "invalid-license", Error,
        "legal.license is not a valid SPDX expression.",
        "Write an SPDX licence expression (https://spdx.org/licenses), e.g. `AGPL-3.0-or-later` or \
`EUPL-1.2 OR MIT`. Deprecated ids such as `GPL-3.0` must say `-only` or `-or-later`.";
    INVALID_EMAIL = "PC311", "invalid-email", Error,
        "Not a valid e-mail address.",
        "The address must follow RFC 5322, e.g. `name@example.org`.";
    INVALID_URL = "PC312", "invalid-url", Error,
        "Not a valid URL.",
        "url and isBasedOn take an absolute URL with a scheme, e.g. `https://github.com/org/repo`.";
    INVALID_HTTP_URL = "PC313", "invalid-http-url", Error,
        "Not an http(s) URL.",
        "landingURL, roadmap, documentation, apiDocumentation, videos and contractor websites \
take an absolute `http` or `https` URL.";
    INVALID_URI = "PC314", "invalid-uri", Error,
        "Not a valid organisation URI.",
        "organisation.uri and fundedBy[].uri take a URI: a URL with a host \
(`https://example.org/my-organisation`) or a URN (`urn:x-italian-pa:<iPA code>`).";
    INVALID_SUPPORTS_ID = "PC315", "invalid-supports-id", Error,
        "Not a known alias or a valid URI.",
        "supports[].id is `alias:<name>` with a name from the aliases list (gdpr, eidas, nis2, \
cra, spid, cie, anpr, pagopa, io), or the URI of a standard, regulation or system.";
    INVALID_MIME = "PC317", "invalid-mime", Error,
        "Not a valid MIME type.",
        "MIME types are `type/subtype` (RFC 6838). inputTypes and outputTypes are deprecated anyway.";
    INVALID_IPA = "PC318", "invalid-ipa-code", Error,
        "Not a well-formed Italian iPA code.",
        "iPA codes are short codes of letters, digits, `_`, `-` and `.` such as `c_h501` or `pcm`. \
A well-formed code must also be in the list of Italian public administrations (PC321).";
    INVALID_VIDEO = "PC319", "invalid-video", Error,
        "The video URL is not on a known oEmbed provider.",
        "Videos must be embeddable through oEmbed (YouTube, Vimeo …). The URL is matched offline \
against the URL schemes of the oembed.com provider list, as the reference validator does.";
    PHONE_NOT_STRING = "PC320", "phone-not-string", Warning,
        "The telephone number is not a string.",
        "The standard says phone \"has to be a string\" (0.2.1). Unquoted, `+39 06 1234` may be read \
as a number by YAML tools and lose its leading `+` or zeros. Quote it.";
    UNKNOWN_IPA = "PC321", "unknown-ipa-code", Error,
        "The iPA code is not in the list of Italian public administrations.",
        "`urn:x-italian-pa:<code>` (organisation.uri, fundedBy[].uri) and IT.riuso.codiceIPA must name an \
administration of the Indice dei domicili digitali della PA (IndicePA), compared case-insensitively, as the \
Developers Italia validator does. The list of 23,735 codes ships with this tool (IndicePA open data, CC BY 4.0, \
the snapshot of italia/publiccode-parser-go); a near miss gets a did-you-mean. A newer list (one code a \
line, or the IndicePA \"Enti\" CSV) replaces it: `--ipa-codes FILE` on the command line.";
    URL_WHITESPACE = "PC322", "url-whitespace", Error,
        "A URL, URI or path has whitespace around it.",
        "The reference validator parses URLs with Go's net/url, which does not trim: ` https://example.org` \
or `\"https://example.org \"` is refused (and a browser-style parser would silently repair it). Applies to \
url, landingURL, isBasedOn, roadmap, logo, monochromeLogo, documentation, apiDocumentation, videos, \
screenshots, authorsFile, organisation.uri, fundedBy[].uri, contractors' websites and supports[].id. The fix \
(safe) removes the whitespace from a quoted value.";
    SPDX_OPERATOR_CASE = "PC323", "spdx-operator-case", Error,
        "An SPDX operator is not written in capitals.",
        "SPDX license expressions are case-sensitive for their operators (SPDX 2.3, Annex D.2): `AND`, `OR` \
and `WITH`. `MIT or Apache-2.0` is not a valid expression; tools that read it strictly see a licence named \
`or`. The fix (safe) writes the operator in capitals.";
    CONTRACTORS_REQUIRED = "PC401", "contractors-required", Error,
        "maintenance.contractors is required when type is contract.",
        "Name at least one contractor with the date the contract ends.";
    CONTRACTORS_FORBIDDEN = "PC402", "contractors-forbidden", Error,
        "maintenance.contractors is present but type is not contract.",
        "Since 0.5 the standard says contractors must not be present unless maintenance.type is \
`contract`. Change the type or remove the contractors.";
    CONTACTS_REQUIRED = "PC403", "contacts-required", Error,
        "maintenance.contacts is required for internal or community maintenance.",
        "Give at least one contact with a name (and ideally an e-mail address).";
    DUPLICATE_IT_SECTION = "PC404", "duplicate-it-section", Error,
        "Both `it` and `IT` are present.",
        "`it` is the old spelling of `IT`. Keep one section, `IT`.";
    ONE_LANGUAGE_REQUIRED = "PC405", "required-in-one-language", Error,
        "No language has this key.",
        "longDescription and features are mandatory for at least one language of description.";
    DEPRECATED_KEY = "PC501", "deprecated-key", Warning,
        "The key is deprecated.",
        "The key still validates but will be removed in 1.0. The message says what replaces it; \
`publiccode upgrade` does the move.";
    LOWERCASE_IT = "PC502", "lowercase-it-section", Warning,
        "The lowercase `it` section is deprecated.",
        "Since 0.5 country sections are uppercase: write `IT:`.";
    IT_EXTENSION_VERSION = "PC503", "it-extension-version", Warning,
        "IT.countryExtensionVersion should be \"1.0\".",
        "Since 0.3 the Italian extension version MUST be \"1.0\".";
    PATH_FORM = "PC601", "path-form", Error,
        "An absolute path or file:// URL where a relative path or http(s) URL is needed.",
        "logo, monochromeLogo, screenshots and legal.authorsFile point into the repository \
(relative path) or to an http(s) URL.";
    BAD_EXTENSION = "PC602", "bad-extension", Error,
        "The file extension is not allowed.",
        "Logos are .svg, .svgz or .png; screenshots .png, .jpg or .jpeg.";
    FILE_MISSING = "PC603", "file-missing", Error,
        "The referenced file does not exist.",
        "Relative paths are resolved from the folder of the publiccode.yml file (or --base-dir). \
Turn local checks off with --no-local-checks.";
    NOT_AN_IMAGE = "PC604", "not-an-image", Error,
        "The file is not the image its extension says.",
        "The file's content does not decode as PNG, JPEG or SVG.";
}

/// The rule with this code or name.
pub fn lookup(code_or_name: &str) -> Option<&'static RuleInfo> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_unique_and_documented() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.starts_with("PC") && r.code.len() == 5, "{}", r.code);
            assert!(
                !r.summary.is_empty() && r.explanation.len() > 20,
                "{}",
                r.code
            );
        }
    }
}
