//! Which licence a text holds: the one licence detector of the publiccode toolkit, used by
//! `publiccode init` (to propose `legal.license`) and by the licence checks (to compare a
//! repository's licence files with `legal.license`).
//!
//! The full SPDX detector of the `spdx` crate compares a text with the ~700 licences of
//! the SPDX list; loading its data takes about 100 ms and 70 MB, which a single-file
//! validation run cannot afford. So texts are first compared with a compact table built
//! at compile time (`src/table.bin`, written by a generator in this crate's tests from
//! the `spdx` crate's own detection data): the common licences (MIT, Apache-2.0,
//! BSD-2/3-Clause, ISC, GPL, LGPL, AGPL, MPL-2.0, EUPL, CC0-1.0, Unlicense …) and every
//! licence whose text is close to one of them. Texts are normalised exactly as the full
//! detector does and scored with the same formula (Dice coefficient of word pairs), and
//! the table settles a text only when its answer is provably the full detector's: the
//! distance of each table licence to the nearest licence outside the table is stored,
//! and by the triangle inequality of the (weighted Jaccard) distance no outside licence
//! can then score as high. Everything else goes to the full detector.
//!
//! ```
//! let mit = "Copyright (c) 2026 Comune di Roma\n\nPermission is hereby granted, free of charge, \
//! to any person obtaining a copy of this software and associated documentation files (the \
//! \"Software\"), to deal in the Software without restriction, including without limitation \
//! the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies \
//! of the Software, and to permit persons to whom the Software is furnished to do so, subject \
//! to the following conditions:\n\nThe above copyright notice and this permission notice shall \
//! be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS \
//! PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT \
//! LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND \
//! NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY \
//! CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, \
//! ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN \
//! THE SOFTWARE.\n";
//! let found = publiccode_licence::detect(mit).expect("an MIT text");
//! assert_eq!(found.id, "MIT");
//! assert!(found.score >= publiccode_licence::THRESHOLD);
//! ```

mod full;
#[cfg(test)]
mod generate;
mod grams;
mod normalise;
mod table;

/// Scores at or above this are a detection: `init` proposes the licence and the licence
/// checks compare it with `legal.license`. Below it, a match is only a hint.
pub const THRESHOLD: f32 = 0.9;

/// Licences public software mostly uses. Some rarer licences are near copies of these
/// (Pixar is Apache-2.0 with a changed clause), so a common licence scoring almost as well
/// as the best match is preferred to it.
pub const COMMON: &[&str] = &[
    "Apache-2.0",
    "MIT",
    "EUPL-1.2",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "LGPL-3.0-only",
    "LGPL-2.1-only",
    "MPL-2.0",
    "BSD-3-Clause",
    "BSD-2-Clause",
    "ISC",
    "EUPL-1.1",
];

/// Gap within which a common licence wins over the best, rarer match.
pub const COMMON_MARGIN: f32 = 0.05;

/// A licence recognised in a text.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Detection {
    /// The SPDX id (as the SPDX detection data names it: `GPL-3.0-or-later` stands for
    /// the GPL-3.0 text, whichever of `-only` and `-or-later` is meant).
    pub id: String,
    /// Similarity with the licence's canonical text, from 0 to 1.
    pub score: f32,
    /// Whether the compile-time table answered (`false`: the full detector did).
    pub fast: bool,
}

/// The licence a text holds, when its score reaches [`THRESHOLD`]; `None` when no licence
/// matches that well (or the detection data cannot be loaded).
pub fn detect(text: &str) -> Option<Detection> {
    match table::settle(text, THRESHOLD) {
        table::Settled::Best(d) => (d.score >= THRESHOLD).then_some(d),
        table::Settled::NoneAbove => None,
        table::Settled::Unsure => full::closest(text).filter(|d| d.score >= THRESHOLD),
    }
}

/// The licence a text is closest to, whatever the score (for hints such as the wizard's
/// default answer). `None` only when the detection data cannot be loaded.
pub fn closest(text: &str) -> Option<Detection> {
    match table::settle(text, 2.0) {
        table::Settled::Best(d) => Some(d),
        table::Settled::NoneAbove | table::Settled::Unsure => full::closest(text),
    }
}

/// The full detector's best match, without asking the table first (about 100 ms on the
/// first call): for comparisons and benchmarks. `None` only when the detection data
/// cannot be loaded.
pub fn closest_full(text: &str) -> Option<Detection> {
    full::closest(text)
}

/// The licence family of an SPDX id: `GPL-3.0-or-later`, `GPL-3.0-only`, `GPL-3.0+` and
/// `GPL-3.0` share one text, so they share the family `gpl-3.0`.
pub fn family(id: &str) -> String {
    id.trim_end_matches('+')
        .trim_end_matches("-or-later")
        .trim_end_matches("-only")
        .to_ascii_lowercase()
}

/// Applies the preference for [`COMMON`] licences to the best match `best`, given the
/// scores of the common licences' canonical texts.
fn prefer_common(best: (&str, f32), common_score: impl Fn(&str) -> Option<f32>) -> (String, f32) {
    if COMMON.contains(&best.0) {
        return (best.0.to_string(), best.1);
    }
    let mut pick = (best.0.to_string(), best.1);
    let mut pick_common = 0.0_f32;
    for id in COMMON {
        if let Some(s) = common_score(id)
            && s >= best.1 - COMMON_MARGIN
            && s > pick_common
        {
            pick = (id.to_string(), s);
            pick_common = s;
        }
    }
    pick
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        assert_eq!(family("GPL-3.0-or-later"), "gpl-3.0");
        assert_eq!(family("GPL-3.0+"), "gpl-3.0");
        assert_eq!(family("MIT"), "mit");
    }

    #[test]
    fn short_non_licence_texts_are_settled_without_the_full_detector() {
        assert_eq!(
            table::settle(
                "This project is released under the licence named in publiccode.yml.",
                THRESHOLD
            ),
            table::Settled::NoneAbove
        );
        assert_eq!(table::settle("x", THRESHOLD), table::Settled::NoneAbove);
    }
}
