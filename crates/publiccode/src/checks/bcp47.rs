//! BCP 47 language tags, for the fields of the standard that name a language
//! (`localisation.availableLanguages`, the keys of `description`, ...).
//!
//! The check is strict, like the reference validator's `bcp47_strict_language_tag`:
//! the tag must follow the RFC 5646 grammar *and* every subtag must be in the IANA
//! Language Subtag Registry ([`crate::data::languages`]), in a position the
//! registry allows (variant and extlang prefixes). Case does not matter. So the
//! POSIX locale `en_GB`, the ISO 639-2 code `eng` (BCP 47 uses `en`) and the
//! unknown `xxx` are rejected, while `en-GB`, `sl-IT-nedis`, `zh-cmn`, `i-ami` and
//! `x-test` are accepted. Deprecated subtags (`iw`) are accepted; extension and
//! private-use subtags are checked for syntax only.
//!
//! Beyond the reference, a tag is also rejected for a repeated variant or
//! extension singleton, or a second extlang (all invalid per RFC 5646), and a
//! variant prefix must end at a subtag boundary.

use std::fmt;

use crate::data::languages::{
    EXTLANGS, GRANDFATHERED, ISO639_2_TO_1, LANGUAGE_RANGES, LANGUAGES, REGION_RANGES, REGIONS,
    SCRIPT_RANGES, SCRIPTS, VARIANTS,
};

/// The registry's File-Date, e.g. "2025-08-25": which snapshot of the IANA
/// Language Subtag Registry the checks use.
pub use crate::data::languages::REGISTRY_DATE;

/// Why a language tag is not valid BCP 47 (RFC 5646 + IANA registry).
///
/// Subtags are reported as written in the checked tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageTagError {
    /// The tag is the empty string.
    Empty,
    /// The tag is a POSIX locale (`en_GB`): BCP 47 separates subtags with `-`.
    Underscore(String),
    /// The tag does not follow the RFC 5646 grammar.
    Malformed {
        /// The offending subtag or character (empty for an empty subtag).
        subtag: String,
        /// What is wrong, in a short English phrase.
        reason: &'static str,
    },
    /// The primary language subtag is not in the registry.
    UnknownLanguage(String),
    /// A 3-letter ISO 639-2 code for a language that BCP 47 writes with its
    /// 2-letter ISO 639-1 code (`eng` for `en`).
    ThreeLetterHasTwoLetter {
        /// The 3-letter code in the tag.
        given: String,
        /// The 2-letter code to use instead.
        preferred: &'static str,
    },
    /// The extended language subtag is not in the registry.
    UnknownExtlang(String),
    /// The extended language subtag follows a primary language other than its
    /// registry Prefix (`en-cmn`; `cmn` belongs after `zh`).
    ExtlangWrongPrefix {
        /// The extlang subtag in the tag.
        extlang: String,
        /// The only primary language it may follow.
        prefix: &'static str,
    },
    /// The script subtag is not in the registry.
    UnknownScript(String),
    /// The region subtag is not in the registry.
    UnknownRegion(String),
    /// The variant subtag is not in the registry.
    UnknownVariant(String),
    /// The variant is registered only for tags starting with certain prefixes
    /// (`rozaj` is for `sl`), and this tag starts with none of them.
    VariantWrongPrefix {
        /// The variant subtag in the tag.
        variant: String,
        /// The registry's Prefix fields for it (lowercase).
        prefixes: &'static [&'static str],
    },
    /// The same variant appears twice.
    DuplicateVariant(String),
    /// The same extension singleton appears twice.
    DuplicateExtension(String),
}

impl fmt::Display for LanguageTagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "the language tag is empty"),
            Self::Underscore(tag) => write!(
                f,
                "'{tag}' is a POSIX locale; BCP 47 separates subtags with '-', not '_'"
            ),
            Self::Malformed { subtag, reason } if subtag.is_empty() => {
                write!(f, "malformed language tag: {reason}")
            }
            Self::Malformed { subtag, reason } => {
                write!(f, "malformed language tag at '{subtag}': {reason}")
            }
            Self::UnknownLanguage(s) => {
                write!(
                    f,
                    "'{s}' is not a language in the IANA Language Subtag Registry"
                )
            }
            Self::ThreeLetterHasTwoLetter { given, preferred } => write!(
                f,
                "'{given}' is an ISO 639-2 code; BCP 47 uses the 2-letter code '{preferred}'"
            ),
            Self::UnknownExtlang(s) => write!(
                f,
                "'{s}' is not an extended language subtag in the IANA Language Subtag Registry"
            ),
            Self::ExtlangWrongPrefix { extlang, prefix } => write!(
                f,
                "extended language '{extlang}' may only follow the language '{prefix}'"
            ),
            Self::UnknownScript(s) => {
                write!(
                    f,
                    "'{s}' is not a script in the IANA Language Subtag Registry"
                )
            }
            Self::UnknownRegion(s) => {
                write!(
                    f,
                    "'{s}' is not a region in the IANA Language Subtag Registry"
                )
            }
            Self::UnknownVariant(s) => {
                write!(
                    f,
                    "'{s}' is not a variant in the IANA Language Subtag Registry"
                )
            }
            Self::VariantWrongPrefix { variant, prefixes } => {
                write!(
                    f,
                    "variant '{variant}' is only valid in tags starting with "
                )?;
                for (i, p) in prefixes.iter().enumerate() {
                    match i {
                        0 => {}
                        _ if i + 1 == prefixes.len() => write!(f, " or ")?,
                        _ => write!(f, ", ")?,
                    }
                    write!(f, "'{p}'")?;
                }
                Ok(())
            }
            Self::DuplicateVariant(s) => write!(f, "variant '{s}' appears twice"),
            Self::DuplicateExtension(s) => write!(f, "extension '{s}' appears twice"),
        }
    }
}

impl std::error::Error for LanguageTagError {}

/// Checks a tag strictly: RFC 5646 syntax, and every subtag present in the IANA
/// registry (case-insensitively), variants and extlangs after one of their
/// registry prefixes. Grandfathered tags (`i-ami`, `art-lojban`) are valid as
/// registered; extension and private-use subtags are checked for syntax only.
pub fn check_language_tag(tag: &str) -> Result<(), LanguageTagError> {
    use LanguageTagError as E;

    if tag.is_empty() {
        return Err(E::Empty);
    }
    if tag.contains('_') {
        return Err(E::Underscore(tag.to_owned()));
    }
    if let Some(c) = tag
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
    {
        return Err(malformed(
            &c.to_string(),
            "only ASCII letters, digits and '-' may appear in a language tag",
        ));
    }
    let lower = tag.to_ascii_lowercase();
    if GRANDFATHERED.binary_search(&lower.as_str()).is_ok() {
        return Ok(());
    }

    // Every subtag with its lowercase form; the tag is ASCII, so both splits align.
    let subtags: Vec<(&str, &str)> = tag.split('-').zip(lower.split('-')).collect();
    for &(orig, low) in &subtags {
        if low.is_empty() {
            return Err(malformed(
                "",
                "empty subtag ('-' at the start, at the end or doubled)",
            ));
        }
        if low.len() > 8 {
            return Err(malformed(orig, "subtags are at most 8 characters long"));
        }
    }
    let rest = subtags.as_slice();

    // privateuse alone: "x-..."
    if let Some(&(_, "x")) = rest.first() {
        return check_private_use(rest);
    }

    // language-extlang-script-region-variant-extension-x-private, each stage taking
    // what it recognises from the front.
    let (lang, rest) = primary_language(rest)?;
    let rest = extlangs(lang, rest)?;
    let rest = script(rest)?;
    let rest = region(rest)?;
    let rest = variants(&lower, rest)?;
    let rest = extensions(rest)?;
    match rest.first() {
        None => Ok(()),
        Some(&(_, "x")) => check_private_use(rest),
        Some(&(orig, _)) => Err(malformed(
            orig,
            "subtag out of place (the order is language-extlang-script-region-variant-extension-x-private)",
        )),
    }
}

/// Subtags as written and lowercased.
type Subtags<'a> = [(&'a str, &'a str)];

/// The primary language subtag (lowercase), and what follows it.
fn primary_language<'a, 's>(
    mut rest: &'s Subtags<'a>,
) -> Result<(&'a str, &'s Subtags<'a>), LanguageTagError> {
    use LanguageTagError as E;
    let Some((&(lang_orig, lang), tail)) = rest.split_first() else {
        return Err(E::Empty);
    };
    rest = tail;
    if lang.len() < 2 || !is_alpha(lang) {
        return Err(malformed(
            lang_orig,
            "the primary language subtag must be 2 to 8 letters",
        ));
    }
    if !is_language(lang) {
        if let Some(preferred) = lookup(ISO639_2_TO_1, lang) {
            return Err(E::ThreeLetterHasTwoLetter {
                given: lang_orig.to_owned(),
                preferred,
            });
        }
        return Err(E::UnknownLanguage(lang_orig.to_owned()));
    }

    Ok((lang, rest))
}

/// Extended language subtags: only after a 2- or 3-letter language, at most one.
fn extlangs<'a, 's>(
    lang: &str,
    mut rest: &'s Subtags<'a>,
) -> Result<&'s Subtags<'a>, LanguageTagError> {
    use LanguageTagError as E;
    let mut extlangs = 0;
    while let Some((&(orig, ext), tail)) = rest.split_first() {
        if lang.len() > 3 || ext.len() != 3 || !is_alpha(ext) {
            break;
        }
        extlangs += 1;
        if extlangs > 1 {
            return Err(malformed(
                orig,
                "only one extended language subtag is allowed",
            ));
        }
        match lookup(EXTLANGS, ext) {
            None => return Err(E::UnknownExtlang(orig.to_owned())),
            Some(prefix) if prefix != lang => {
                return Err(E::ExtlangWrongPrefix {
                    extlang: orig.to_owned(),
                    prefix,
                });
            }
            Some(_) => {}
        }
        rest = tail;
    }

    Ok(rest)
}

/// An optional script subtag.
fn script<'a, 's>(mut rest: &'s Subtags<'a>) -> Result<&'s Subtags<'a>, LanguageTagError> {
    use LanguageTagError as E;
    if let Some((&(orig, script), tail)) = rest.split_first()
        && script.len() == 4
        && is_alpha(script)
    {
        if !contains(SCRIPTS, script) && !in_ranges(SCRIPT_RANGES, script) {
            return Err(E::UnknownScript(orig.to_owned()));
        }
        rest = tail;
    }

    Ok(rest)
}

/// An optional region subtag.
fn region<'a, 's>(mut rest: &'s Subtags<'a>) -> Result<&'s Subtags<'a>, LanguageTagError> {
    use LanguageTagError as E;
    if let Some((&(orig, region), tail)) = rest.split_first() {
        let alpha2 = region.len() == 2 && is_alpha(region);
        let digit3 = region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit());
        if alpha2 || digit3 {
            if !contains(REGIONS, region) && !in_ranges(REGION_RANGES, region) {
                return Err(E::UnknownRegion(orig.to_owned()));
            }
            rest = tail;
        }
    }

    Ok(rest)
}

/// Variant subtags, each registered for a prefix of the tag (`lower`) and once.
fn variants<'a, 's>(
    lower: &str,
    mut rest: &'s Subtags<'a>,
) -> Result<&'s Subtags<'a>, LanguageTagError> {
    use LanguageTagError as E;
    let mut seen_variants: Vec<&str> = Vec::new();
    while let Some((&(orig, variant), tail)) = rest.split_first() {
        let starts_with_digit = variant.bytes().next().is_some_and(|b| b.is_ascii_digit());
        if !(variant.len() >= 5 || (variant.len() == 4 && starts_with_digit)) {
            break;
        }
        let Some(prefixes) = lookup(VARIANTS, variant) else {
            return Err(E::UnknownVariant(orig.to_owned()));
        };
        if seen_variants.contains(&variant) {
            return Err(E::DuplicateVariant(orig.to_owned()));
        }
        seen_variants.push(variant);
        if !prefixes.is_empty() && !prefixes.iter().any(|p| has_subtag_prefix(lower, p)) {
            return Err(E::VariantWrongPrefix {
                variant: orig.to_owned(),
                prefixes,
            });
        }
        rest = tail;
    }

    Ok(rest)
}

/// Extensions: singleton 1*("-" 2*8alphanum), each singleton once.
fn extensions<'a, 's>(mut rest: &'s Subtags<'a>) -> Result<&'s Subtags<'a>, LanguageTagError> {
    use LanguageTagError as E;
    let mut seen_singletons: Vec<&str> = Vec::new();
    while let Some((&(orig, singleton), tail)) = rest.split_first() {
        if singleton.len() != 1 || singleton == "x" {
            break;
        }
        if seen_singletons.contains(&singleton) {
            return Err(E::DuplicateExtension(orig.to_owned()));
        }
        seen_singletons.push(singleton);
        let body = tail.iter().take_while(|(_, s)| s.len() >= 2).count();
        if body == 0 {
            return Err(malformed(
                orig,
                "an extension needs at least one subtag of 2 to 8 characters after it",
            ));
        }
        rest = tail.get(body..).unwrap_or_default();
    }

    Ok(rest)
}

/// A likely intended valid tag for an invalid one, if any: `eng` → `en`,
/// `en_GB` → `en-GB`, `it_IT` → `it-IT`, `en_US.UTF-8` → `en-US`,
/// `English` → `en`. Valid tags, even in unusual case (`EN-gb`), get `None`.
///
/// The suggestion replaces `_` with `-`, drops a POSIX codeset or modifier,
/// swaps ISO 639-2 codes for their 2-letter code and `UK` for `GB`, or maps a
/// language's English name to its subtag; then writes the tag in the
/// conventional case and offers it only if it passes [`check_language_tag`].
pub fn suggest_language_tag(tag: &str) -> Option<String> {
    if check_language_tag(tag).is_ok() {
        return None;
    }
    let trimmed = tag.trim();
    if let Some(subtag) = language_by_name(trimmed) {
        return Some(subtag.to_owned());
    }
    // POSIX locales: language_TERRITORY.codeset@modifier
    let base = trimmed.split(['.', '@']).next().unwrap_or(trimmed);
    let base = base.replace(['_', ' '], "-");

    let mut out = String::with_capacity(base.len());
    let mut in_extension = false;
    for (i, subtag) in base.split('-').enumerate() {
        let lower = subtag.to_ascii_lowercase();
        let fixed = if i == 0 {
            lookup(ISO639_2_TO_1, &lower).map_or(lower, str::to_owned)
        } else if in_extension || subtag.len() == 1 {
            in_extension = true;
            lower
        } else if lower == "uk" {
            "GB".to_owned()
        } else if subtag.len() == 2 && is_alpha(subtag) {
            subtag.to_ascii_uppercase()
        } else if subtag.len() == 4 && is_alpha(subtag) {
            title_case(&lower)
        } else {
            lower
        };
        if i > 0 {
            out.push('-');
        }
        out.push_str(&fixed);
    }
    (out != tag && check_language_tag(&out).is_ok()).then_some(out)
}

/// The registry's English description of a primary language subtag
/// (`"en"` → `"English"`, `"it"` → `"Italian"`), case-insensitively; the first
/// description where the registry has several.
pub fn language_name(subtag: &str) -> Option<&'static str> {
    if !(2..=8).contains(&subtag.len()) || !is_alpha(subtag) {
        return None;
    }
    let lower = subtag.to_ascii_lowercase();
    lookup(LANGUAGES, &lower).or_else(|| {
        LANGUAGE_RANGES
            .iter()
            .find(|(first, last, _)| in_range(first, last, &lower))
            .map(|(_, _, name)| *name)
    })
}

fn malformed(subtag: &str, reason: &'static str) -> LanguageTagError {
    LanguageTagError::Malformed {
        subtag: subtag.to_owned(),
        reason,
    }
}

/// `x` followed by one or more subtags of 1 to 8 alphanumerics (already checked).
fn check_private_use(rest: &[(&str, &str)]) -> Result<(), LanguageTagError> {
    match rest {
        [(_, "x"), _, ..] => Ok(()),
        [(orig, _), ..] => Err(malformed(
            orig,
            "private use 'x' needs at least one subtag of 1 to 8 characters after it",
        )),
        [] => Err(LanguageTagError::Empty),
    }
}

fn is_alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Whether the lowercase `lang` is a registered primary language subtag.
fn is_language(lang: &str) -> bool {
    lookup(LANGUAGES, lang).is_some()
        || LANGUAGE_RANGES
            .iter()
            .any(|(first, last, _)| in_range(first, last, lang))
}

/// Whether the lowercase `tag` starts with the lowercase `prefix`, ending at a subtag boundary.
fn has_subtag_prefix(tag: &str, prefix: &str) -> bool {
    tag.starts_with(prefix) && matches!(tag.as_bytes().get(prefix.len()), None | Some(b'-'))
}

fn contains(table: &[&str], key: &str) -> bool {
    table.binary_search(&key).is_ok()
}

fn lookup<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    let i = table.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
    table.get(i).map(|(_, v)| *v)
}

fn in_range(first: &str, last: &str, s: &str) -> bool {
    s.len() == first.len() && first <= s && s <= last
}

fn in_ranges(ranges: &[(&str, &str)], s: &str) -> bool {
    ranges.iter().any(|(first, last)| in_range(first, last, s))
}

fn title_case(lower: &str) -> String {
    let mut out = lower.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// The subtag of the language whose registry name is `name` (case-insensitive),
/// preferring the shortest subtag.
fn language_by_name(name: &str) -> Option<&'static str> {
    if name.len() < 3 || name.len() > 64 {
        return None;
    }
    // Only names of the same length can match: each lookup reads a few hundred entries
    // of one bucket instead of the whole registry (a wrong tag in every file of a
    // batch asks again). Buckets keep the registry's order, so ties resolve as before.
    static BY_LENGTH: std::sync::OnceLock<Vec<Vec<u16>>> = std::sync::OnceLock::new();
    let by_length = BY_LENGTH.get_or_init(|| {
        let mut buckets: Vec<Vec<u16>> = vec![Vec::new(); 65];
        for (i, (_, n)) in LANGUAGES.iter().enumerate() {
            if let (Some(bucket), Ok(i)) = (buckets.get_mut(n.len()), u16::try_from(i)) {
                bucket.push(i);
            }
        }
        buckets
    });
    by_length
        .get(name.len())?
        .iter()
        .filter_map(|&i| LANGUAGES.get(usize::from(i)))
        .filter(|(_, n)| n.eq_ignore_ascii_case(name))
        .map(|(s, _)| *s)
        .min_by_key(|s| s.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use LanguageTagError as E;

    fn ok(tag: &str) {
        assert_eq!(check_language_tag(tag), Ok(()), "{tag} should be valid");
    }

    fn err(tag: &str) -> LanguageTagError {
        match check_language_tag(tag) {
            Ok(()) => panic!("{tag} should be invalid"),
            Err(e) => e,
        }
    }

    /// The plain search [`language_by_name`] speeds up: the whole registry.
    fn language_by_name_plainly(name: &str) -> Option<&'static str> {
        if name.len() < 3 || name.len() > 64 {
            return None;
        }
        LANGUAGES
            .iter()
            .filter(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|(s, _)| *s)
            .min_by_key(|s| s.len())
    }

    #[test]
    fn language_by_name_agrees_with_the_plain_search() {
        // Every index fits the buckets' u16.
        assert!(LANGUAGES.len() <= usize::from(u16::MAX));
        let probes = [
            "fa_AF",
            "localisedName",
            "ENGLISH",
            "italian",
            "xx",
            "",
            "Abu' Arapesh",
        ];
        let names = LANGUAGES.iter().step_by(7).flat_map(|(_, n)| {
            [
                n.to_string(),
                n.to_ascii_uppercase(),
                n.to_ascii_lowercase(),
                format!("{n}x"),
            ]
        });
        for name in probes.iter().map(|p| p.to_string()).chain(names) {
            assert_eq!(
                language_by_name(&name),
                language_by_name_plainly(&name),
                "{name}"
            );
        }
    }

    #[test]
    fn tables_are_sorted() {
        assert!(LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(EXTLANGS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(SCRIPTS.windows(2).all(|w| w[0] < w[1]));
        assert!(REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(VARIANTS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(GRANDFATHERED.windows(2).all(|w| w[0] < w[1]));
        assert!(ISO639_2_TO_1.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(LANGUAGES.len() > 8000);
    }

    #[test]
    fn accepts_valid_tags() {
        for tag in [
            "en",
            "it",
            "de",
            "en-GB",
            "en-US",
            "it-IT",
            "en-Latn",
            "sl-IT-nedis",
            "sl-rozaj",
            "sl-rozaj-biske",
            "sl-rozaj-biske-1994",
            "en-basiceng",
            "en-u-ca-gregory",
            "i-ami",
            "x-test",
            "x-foo-bar",
            "zh-cmn",
            "zh-cmn-Hans-CN",
            "art-lojban",
            "de-CH-1996",
            "es-419",
            "en-001",
            "zh-Hant-TW",
            "en-GB-oed",
            "sgn-BE-FR",
            "zh-min-nan",
            "iw",
            "in",
            "qaa",
            "en-Qaaa",
            "en-XA",
            "en-ZZ",
            "und",
            "en-a-bbb-x-a-ccc",
            "en-US-x-twain",
            "de-DE-u-co-phonebk",
            "ja-Latn-hepburn-heploc",
            "sr-Latn-ekavsk",
            "EN-gb",
            "ZH-HANT-tw",
            "en-gb-OED",
        ] {
            ok(tag);
        }
    }

    #[test]
    fn rejects_posix_forms() {
        assert_eq!(err("en_GB"), E::Underscore("en_GB".into()));
        assert_eq!(err("hr_HR"), E::Underscore("hr_HR".into()));
    }

    #[test]
    fn rejects_iso_639_2_codes() {
        assert_eq!(
            err("eng"),
            E::ThreeLetterHasTwoLetter {
                given: "eng".into(),
                preferred: "en"
            }
        );
        assert_eq!(
            err("ita"),
            E::ThreeLetterHasTwoLetter {
                given: "ita".into(),
                preferred: "it"
            }
        );
        // Bibliographic codes too.
        assert_eq!(
            err("ger"),
            E::ThreeLetterHasTwoLetter {
                given: "ger".into(),
                preferred: "de"
            }
        );
        assert!(matches!(err("eng-cmn"), E::ThreeLetterHasTwoLetter { .. }));
        assert_eq!(
            err("eng").to_string(),
            "'eng' is an ISO 639-2 code; BCP 47 uses the 2-letter code 'en'"
        );
    }

    #[test]
    fn rejects_unknown_languages() {
        assert_eq!(err("xxx"), E::UnknownLanguage("xxx".into()));
        assert_eq!(err("xxxx"), E::UnknownLanguage("xxxx".into()));
        assert_eq!(err("xx"), E::UnknownLanguage("xx".into()));
        assert_eq!(err("toolong"), E::UnknownLanguage("toolong".into()));
        assert_eq!(
            err("not-valid-at-all-12345678"),
            E::UnknownVariant("valid".into())
        );
    }

    #[test]
    fn rejects_bad_variants() {
        assert_eq!(
            err("en-rozaj"),
            E::VariantWrongPrefix {
                variant: "rozaj".into(),
                prefixes: &["sl"]
            }
        );
        assert_eq!(err("en-foobar"), E::UnknownVariant("foobar".into()));
        assert_eq!(err("sl-rozaj-rozaj"), E::DuplicateVariant("rozaj".into()));
        // A prefix must end at a subtag boundary: "sla" does not start with "sl".
        assert!(matches!(err("sla-nedis"), E::VariantWrongPrefix { .. }));
        assert_eq!(
            err("en-rozaj").to_string(),
            "variant 'rozaj' is only valid in tags starting with 'sl'"
        );
        assert_eq!(
            err("fr-spanglis").to_string(),
            "variant 'spanglis' is only valid in tags starting with 'en' or 'es'"
        );
    }

    #[test]
    fn rejects_bad_extlangs() {
        assert_eq!(err("zh-zzz"), E::UnknownExtlang("zzz".into()));
        assert_eq!(
            err("en-cmn"),
            E::ExtlangWrongPrefix {
                extlang: "cmn".into(),
                prefix: "zh"
            }
        );
        assert!(matches!(err("zh-cmn-yue"), E::Malformed { .. }));
    }

    #[test]
    fn rejects_unknown_scripts_and_regions() {
        assert_eq!(err("en-Xxxx"), E::UnknownScript("Xxxx".into()));
        assert_eq!(err("en-999"), E::UnknownRegion("999".into()));
        assert_eq!(err("en-UK"), E::UnknownRegion("UK".into()));
    }

    #[test]
    fn rejects_malformed_tags() {
        assert_eq!(err(""), E::Empty);
        for tag in [
            "-",
            "en-",
            "-en",
            "en--GB",
            "en GB",
            "en.GB",
            "é",
            "e",
            "1en",
            "en-GB-US",
            "en-Latn-Latn",
            "en-u",
            "en-u-x-a",
            "x",
            "en-x",
            "i-xyz",
            "abcdefghi",
            "en-abcdefghi",
            "en-u-a-b",
            "en-u-ca-u-co",
        ] {
            let e = err(tag);
            assert!(
                matches!(e, E::Malformed { .. } | E::DuplicateExtension(_)),
                "{tag}: {e:?}"
            );
        }
        assert_eq!(err("en-u-ca-u-co"), E::DuplicateExtension("u".into()));
        assert_eq!(
            err("en-US-GB").to_string(),
            "malformed language tag at 'GB': subtag out of place \
             (the order is language-extlang-script-region-variant-extension-x-private)"
        );
    }

    #[test]
    fn suggestions() {
        let s = |t: &str| suggest_language_tag(t);
        assert_eq!(s("eng").as_deref(), Some("en"));
        assert_eq!(s("ita").as_deref(), Some("it"));
        assert_eq!(s("en_GB").as_deref(), Some("en-GB"));
        assert_eq!(s("it_IT").as_deref(), Some("it-IT"));
        assert_eq!(s("hr_HR").as_deref(), Some("hr-HR"));
        assert_eq!(s("en_us.UTF-8").as_deref(), Some("en-US"));
        assert_eq!(s("de_DE@euro").as_deref(), Some("de-DE"));
        assert_eq!(s("ita_IT").as_deref(), Some("it-IT"));
        assert_eq!(s("zh_hant_tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(s("en-UK").as_deref(), Some("en-GB"));
        assert_eq!(s("English").as_deref(), Some("en"));
        assert_eq!(s("italian").as_deref(), Some("it"));
        assert_eq!(s(" en ").as_deref(), Some("en"));
        // Valid tags, in any case, need no suggestion.
        assert_eq!(s("EN-gb"), None);
        assert_eq!(s("en-GB"), None);
        // Nothing sensible to offer.
        assert_eq!(s("xxx"), None);
        assert_eq!(s("en-rozaj"), None);
        assert_eq!(s(""), None);
        assert_eq!(s("_"), None);
    }

    #[test]
    fn names() {
        assert_eq!(language_name("en"), Some("English"));
        assert_eq!(language_name("EN"), Some("English"));
        assert_eq!(language_name("it"), Some("Italian"));
        assert_eq!(language_name("qab"), Some("Private use"));
        assert_eq!(language_name("xx"), None);
        assert_eq!(language_name(""), None);
        assert_eq!(language_name("é"), None);
        assert_eq!(language_name("en-GB"), None);
    }

    #[test]
    fn registry_date() {
        assert_eq!(REGISTRY_DATE.len(), 10);
        assert!(REGISTRY_DATE.starts_with("20"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for tag in [
            "\u{0}",
            "-----",
            "x-",
            "x--a",
            "a-",
            "ü-ü",
            "en-\u{301}",
            "en-Latn-",
            "zh-",
            "🦀",
            "en-u-",
            "en-1",
            "en-12",
            "en-1234",
            "en-123456789",
        ] {
            let _ = check_language_tag(tag);
            let _ = suggest_language_tag(tag);
            let _ = language_name(tag);
        }
        let long = "a-".repeat(10_000);
        assert!(check_language_tag(&long).is_err());
        let _ = suggest_language_tag(&long);
    }
}
