//! ISO 3166-1 alpha-2 country codes, for the fields of the standard that name a
//! country (`intendedAudience.countries`, `intendedAudience.unsupportedCountries`).
//!
//! The set is the 249 currently assigned codes; the data lives in
//! `data::countries`. Note that the reference validator's list
//! (go-playground's `iso3166_1_alpha2`) also accepts the user-assigned `XK`
//! (Kosovo), which ISO 3166-1 does not assign and which is therefore `false` here;
//! a caller that wants the reference's behaviour must allow `XK` itself.

use crate::data::countries::COUNTRIES;

/// Whether `code` is an ISO 3166-1 alpha-2 code, in uppercase (exactly 2 ASCII
/// uppercase letters and assigned).
///
/// Callers that accept lowercase codes uppercase them first: `"it"` is `false` here.
pub fn is_alpha2(code: &str) -> bool {
    lookup(code).is_some()
}

/// The English short name of an uppercase alpha-2 code (`"IT"` → `"Italy"`).
pub fn country_name(code: &str) -> Option<&'static str> {
    lookup(code)
}

fn lookup(code: &str) -> Option<&'static str> {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    COUNTRIES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .and_then(|i| COUNTRIES.get(i))
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert_eq!(COUNTRIES.len(), 249);
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn assigned_codes() {
        for code in ["IT", "DE", "GB", "US", "FR", "AX", "SS", "CW", "ZW", "AD"] {
            assert!(is_alpha2(code), "{code}");
        }
    }

    #[test]
    fn rejects_unassigned_and_malformed() {
        for code in [
            "it", "It", "XK", "UK", "EU", "ZZ", "AA", "UN", "DD", "YU", "", "I", "ITA", "I1", "ÍT",
        ] {
            assert!(!is_alpha2(code), "{code}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(country_name("IT"), Some("Italy"));
        assert_eq!(country_name("DE"), Some("Germany"));
        assert_eq!(country_name("GB"), Some("United Kingdom"));
        assert_eq!(country_name("it"), None);
        assert_eq!(country_name("XK"), None);
    }
}
