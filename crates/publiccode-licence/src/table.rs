//! The compile-time licence table (`table.bin`) and the rule that decides when it settles
//! a text on its own.
//!
//! `table.bin` is written by the generator in `src/generate.rs` (run by its test with
//! `PUBLICCODE_BLESS=1`) from the `spdx` crate's detection data. Layout, little-endian:
//!
//! ```text
//! b"PCLICTB1"
//! u32 outside_sizes, u32 entries
//! u32 × outside_sizes        sorted sizes (pair counts) of the texts left out
//! per entry:
//!   u16 name length, name    SPDX id as the detection data names it
//!   u8 kind                  0 canonical text, 1 standard header
//!   u32 size                 number of word pairs
//!   f64 radius               weighted Jaccard distance to the nearest text left out
//!   u32 n                    distinct pairs
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

/// Reads the table; `None` if the bytes are malformed (a build problem, never input).
pub fn parse(bytes: &'static [u8]) -> Option<Table> {
    struct Cursor(&'static [u8]);
    impl Cursor {
        fn take(&mut self, n: usize) -> Option<&'static [u8]> {
            if self.0.len() < n {
                return None;
            }
            let (a, b) = self.0.split_at(n);
            self.0 = b;
            Some(a)
        }
        fn u32(&mut self) -> Option<u32> {
            self.take(4).map(le_u32)
        }
    }
    let mut c = Cursor(bytes);
    if c.take(8)? != b"PCLICTB1" {
        return None;
    }
    let n_outside = c.u32()? as usize;
    let n_entries = c.u32()? as usize;
    let outside = (0..n_outside)
        .map(|_| c.u32().map(u64::from))
        .collect::<Option<Vec<_>>>()?;
    let mut entries = Vec::with_capacity(n_entries);
    for _ in 0..n_entries {
        let len = c.take(2).map(|b| u16::from_le_bytes([b[0], b[1]]))? as usize;
        let name = std::str::from_utf8(c.take(len)?).ok()?;
        let kind = c.take(1)?[0];
        let size = u64::from(c.u32()?);
        let radius = f64::from_le_bytes(c.take(8)?.try_into().ok()?);
        let n = c.u32()? as usize;
        let hashes = c.take(n * 8)?;
        let counts = c.take(n * 4)?;
        entries.push(Entry {
            name,
            original: kind == 0,
            size,
            radius,
            hashes,
            counts,
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
    let g = Grams::of(&processed);
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
        let shared = e.shared(&g);
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
                    .map(|c| grams::dice(c.shared(&g), t, c.size))
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
