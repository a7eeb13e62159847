//! The compile-time licence table (`table.bin`) and the rule that decides when it settles
//! a text on its own.
//!
//! `table.bin` is written by the generator in `src/generate.rs` (run by its test with
//! `PUBLICCODE_BLESS=1`) from the `spdx` crate's detection data. Layout, little-endian:
//!
//! ```text
//! b"PCLICTB2"
//! u32 outside_sizes, u32 entries
//! u32 × outside_sizes        sorted sizes (pair counts) of the texts left out
//! per entry, 36 bytes (the directory: all a first call reads before it compares)
//!   u32 name offset          into the names
//!   u16 name length          SPDX id as the detection data names it
//!   u8 kind                  0 canonical text, 1 standard header
//!   u8 0
//!   u32 size                 number of word pairs
//!   u32 n                    distinct pairs
//!   u32 pairs offset         from the start of the table
//!   f64 radius               weighted Jaccard distance to the nearest text left out
//!   u64 fingerprint          see `grams::fingerprint_of`
//! u32 names length, names
//! per entry, at its offset:
//!   u64 × n                  sorted pair hashes (see `grams::pair_hash`)
//!   u32 × n                  their counts
//! ```

use std::sync::OnceLock;

use crate::grams::{self, Grams};
use crate::{Detection, normalise, prefer_common};

/// The table bytes.
static TABLE: &[u8] = include_bytes!("table.bin");

/// Safety margin for floating-point comparisons of distances and scores.
const EPSILON: f64 = 1e-9;

/// One text of the table.
pub struct Entry {
    /// SPDX id.
    pub name: &'static str,
    /// Canonical text (`false`: a standard header).
    pub original: bool,
    /// Number of word pairs.
    pub size: u64,
    /// Distance to the nearest text outside the table.
    pub radius: f64,
    /// Fingerprint of the pairs' multiset.
    pub fingerprint: u64,
    hashes: &'static [u8],
    counts: &'static [u8],
}

impl Entry {
    fn pairs(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.hashes
            .chunks_exact(8)
            .zip(self.counts.chunks_exact(4))
            .map(|(h, c)| (le_u64(h), le_u32(c)))
    }

    fn shared(&self, g: &Grams) -> u64 {
        grams::shared(
            self.pairs(),
            g.hashes.iter().copied().zip(g.counts.iter().copied()),
        )
    }
}

/// The parsed table.
pub struct Table {
    /// Sorted sizes of the texts left out.
    pub outside: Vec<u64>,
    /// The texts of the table.
    pub entries: Vec<Entry>,
}

fn le_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_le_bytes(a)
}

fn le_u32(b: &[u8]) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[..4]);
    u32::from_le_bytes(a)
}

/// The directory's bytes per entry.
pub const DIRECTORY_ENTRY: usize = 36;

/// Reads the table's directory (the pairs are only referenced); `None` if the bytes are
/// malformed (a build problem, never input).
pub fn parse(bytes: &'static [u8]) -> Option<Table> {
    let at = |from: usize, n: usize| bytes.get(from..from.checked_add(n)?);
    let u32_at = |from: usize| at(from, 4).map(|b| le_u32(b) as usize);
    if at(0, 8)? != b"PCLICTB2" {
        return None;
    }
    let n_outside = u32_at(8)?;
    let n_entries = u32_at(12)?;
    let outside = at(16, n_outside.checked_mul(4)?)?
        .chunks_exact(4)
        .map(|b| u64::from(le_u32(b)))
        .collect();
    let directory = 16 + n_outside * 4;
    let names_at = directory.checked_add(n_entries.checked_mul(DIRECTORY_ENTRY)?)?;
    let names = at(names_at + 4, u32_at(names_at)?)?;
    let mut entries = Vec::with_capacity(n_entries);
    for d in at(directory, n_entries * DIRECTORY_ENTRY)?.chunks_exact(DIRECTORY_ENTRY) {
        let name_at = le_u32(&d[0..4]) as usize;
        let name_len = usize::from(u16::from_le_bytes([d[4], d[5]]));
        let name = std::str::from_utf8(names.get(name_at..name_at.checked_add(name_len)?)?).ok()?;
        let n = le_u32(&d[12..16]) as usize;
        let pairs_at = le_u32(&d[16..20]) as usize;
        entries.push(Entry {
            name,
            original: d[6] == 0,
            size: u64::from(le_u32(&d[8..12])),
            radius: f64::from_le_bytes(d[20..28].try_into().ok()?),
            fingerprint: le_u64(&d[28..36]),
            hashes: at(pairs_at, n.checked_mul(8)?)?,
            counts: at(pairs_at.checked_add(n * 8)?, n * 4)?,
        });
    }
    Some(Table { outside, entries })
}

/// The table, parsed on first use.
pub fn table() -> Option<&'static Table> {
    static PARSED: OnceLock<Option<Table>> = OnceLock::new();
    PARSED.get_or_init(|| parse(TABLE)).as_ref()
}

/// What the table says about a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Settled {
    /// The full detector's answer (after the preference for common licences).
    Best(Detection),
    /// No licence scores at or above the threshold asked for.
    NoneAbove,
    /// The table cannot tell: ask the full detector.
    Unsure,
}

/// Highest score a text of `a` pairs can reach against one of `b` pairs.
fn size_bound(a: u64, b: u64) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    2.0 * a.min(b) as f64 / (a + b) as f64
}

/// Settles `text` if the table can: `Best` when the full detector's best match is
/// provably a table entry, `NoneAbove` when no licence can reach `threshold`.
pub fn settle(text: &str, threshold: f32) -> Settled {
    let Some(table) = table() else {
        return Settled::Unsure;
    };
    let Some(processed) = normalise::uncollapsed(text) else {
        return Settled::Unsure;
    };
    if let Some(d) = exact(table, grams::fingerprint_of(&processed)) {
        return Settled::Best(d);
    }
    settle_grams(table, &Grams::of(&processed), threshold)
}

/// The answer for a text whose pairs are exactly those of a table text (the canonical
/// text under its usual copyright lines, titles, wrapping and line ends), found from the
/// fingerprint alone: no sorting, no merging, no page of the table beyond its directory.
/// `None` when [`settle_grams`] has to decide, which gives the same answer whenever this
/// gives one (the text scores 1 against that table text and below 1 against any other;
/// its radius alone bounds the texts left out, and the pairs of other table texts could
/// only tighten that bound).
fn exact(table: &Table, (t, fingerprint): (u64, u64)) -> Option<Detection> {
    let mut same = table
        .entries
        .iter()
        .filter(|e| e.size == t && e.fingerprint == fingerprint);
    let e = same.next()?;
    // Two licences with these pairs would tie; a rarer one may yield to a common one.
    if same.any(|o| o.name != e.name) || !crate::COMMON.contains(&e.name) {
        return None;
    }
    let jaccard = (1.0 - e.radius).clamp(0.0, 1.0);
    let outside = (2.0 * jaccard / (1.0 + jaccard)).min(outside_bound(&table.outside, t));
    let score = grams::dice(t, t, t);
    (f64::from(score) > outside + EPSILON).then(|| Detection {
        id: e.name.to_string(),
        score,
        fast: true,
    })
}

/// [`settle`] once the text's pairs are sorted.
fn settle_grams(table: &Table, g: &Grams, threshold: f32) -> Settled {
    let t = g.size;
    // Best table score, and the tightest lower bound on the distance from the text to any
    // text outside the table (triangle inequality through each table entry).
    let mut order: Vec<&Entry> = table.entries.iter().collect();
    order.sort_by(|a, b| size_bound(t, b.size).total_cmp(&size_bound(t, a.size)));
    let mut best: Option<(&Entry, u64)> = None;
    let mut best_score = 0f64;
    let mut tie = false;
    let mut outside_distance = 0f64;
    for e in order {
        let bound = size_bound(t, e.size);
        if best.is_some() && bound + EPSILON < best_score {
            // Neither the best score nor (its distance being at least 1 - bound/(2 -
            // bound)) a useful outside bound can come from here or later entries.
            break;
        }
        let shared = e.shared(g);
        let score = f64::from(grams::dice(shared, t, e.size));
        outside_distance = outside_distance.max(e.radius - grams::distance(shared, t, e.size));
        match best {
            Some((b, _)) if score == best_score && b.name != e.name => tie = true,
            Some(_) if score <= best_score => {}
            _ => {
                best = Some((e, shared));
                best_score = score;
                tie = false;
            }
        }
    }
    // The highest score a text outside the table can reach.
    let jaccard = (1.0 - outside_distance).clamp(0.0, 1.0);
    let by_distance = 2.0 * jaccard / (1.0 + jaccard);
    let by_size = outside_bound(&table.outside, t);
    let outside = by_distance.min(by_size);
    match best {
        Some((e, shared)) if !tie && best_score > outside + EPSILON => {
            let score = grams::dice(shared, t, e.size);
            let (id, score) = prefer_common((e.name, score), |id| {
                table
                    .entries
                    .iter()
                    .find(|c| c.original && c.name == id)
                    .map(|c| grams::dice(c.shared(g), t, c.size))
            });
            Settled::Best(Detection {
                id,
                score,
                fast: true,
            })
        }
        _ if best_score + EPSILON < f64::from(threshold)
            && outside + EPSILON < f64::from(threshold) =>
        {
            Settled::NoneAbove
        }
        _ => Settled::Unsure,
    }
}

/// Highest score a text of `t` pairs can reach against any text outside the table, from
/// sizes alone.
fn outside_bound(sizes: &[u64], t: u64) -> f64 {
    let i = sizes.partition_point(|&s| s < t);
    let below = i.checked_sub(1).and_then(|j| sizes.get(j));
    let above = sizes.get(i);
    below
        .into_iter()
        .chain(above)
        .map(|&s| size_bound(t, s))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fingerprint's answer is the sorted pairs' answer, and it settles the
    /// canonical texts and their usual forms.
    #[test]
    fn exact_pairs_settle_as_the_merge_does() {
        let Some(table) = table() else {
            panic!("the licence table does not parse");
        };
        let mut exact_answers = 0;
        for text in crate::normalise::tests::texts_and_variants() {
            let Some(processed) = normalise::uncollapsed(&text) else {
                continue;
            };
            let Some(d) = exact(table, grams::fingerprint_of(&processed)) else {
                continue;
            };
            exact_answers += 1;
            for threshold in [crate::THRESHOLD, 2.0] {
                assert_eq!(
                    settle_grams(table, &Grams::of(&processed), threshold),
                    Settled::Best(d.clone()),
                    "{text:?}"
                );
            }
        }
        assert!(exact_answers >= 60, "only {exact_answers} exact answers");
    }

    #[test]
    fn the_directory_holds_every_entry() {
        let Some(table) = table() else {
            panic!("the licence table does not parse");
        };
        assert!(table.entries.len() > 100);
        for e in &table.entries {
            let pairs: Vec<(u64, u32)> = e.pairs().collect();
            assert_eq!(pairs.len() * 12, e.hashes.len() + e.counts.len());
            assert_eq!(pairs.iter().map(|p| u64::from(p.1)).sum::<u64>(), e.size);
            assert_eq!(grams::fingerprint(pairs.into_iter()), e.fingerprint);
        }
    }
}
