//! The generator of `table.bin`, from the `spdx` crate's detection data (its inline
//! cache, serialised with `Store::to_cache` and read back here). Its test fails when the
//! committed table is not what the generator writes (after an `spdx` upgrade, say);
//! `PUBLICCODE_BLESS=1 cargo test --release -p publiccode-licence -- --ignored table_is_current`
//! rewrites it.
//!
//! The table holds every text (canonical text and standard headers) of:
//! - the licences of [`SEEDS`];
//! - every licence with a text within [`NEIGHBOUR`] (weighted Jaccard distance) of a
//!   seed text, so that near copies (Pixar and Apache-2.0, the MIT variants) are scored
//!   exactly;
//! - every licence with a text of at most [`SMALL`] word pairs, so that short texts
//!   (a one-line LICENSE file pointing elsewhere) can be settled by size.
//!
//! For each table text it stores the distance to the nearest text left out.

use std::collections::BTreeSet;

use crate::grams::{self, gram_hash};
use crate::table::DIRECTORY_ENTRY;

/// The licences the table is built around: those public code mostly uses.
pub const SEEDS: &[&str] = &[
    "MIT",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "MPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "CC0-1.0",
    "Unlicense",
];

/// Licences with a text this close to a seed text join the table.
pub const NEIGHBOUR: f64 = 0.4;

/// Licences with a text of at most this many word pairs join the table.
pub const SMALL: u64 = 64;

/// One text of the detection data.
struct Text {
    name: String,
    original: bool,
    size: u64,
    pairs: Vec<(u64, u32)>,
}

fn distance(a: &Text, b: &Text) -> f64 {
    let shared = grams::shared(a.pairs.iter().copied(), b.pairs.iter().copied());
    grams::distance(shared, a.size, b.size)
}

/// A licence of the detection data: name, aliases, texts (canonical text first).
type Licence = (String, Vec<String>, Vec<Text>);

/// Reads the detection data of the `spdx` crate: for each licence its name, aliases and
/// texts.
fn load() -> Result<Vec<Licence>, String> {
    let store = spdx::detection::Store::load_inline().map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    store.to_cache(&mut raw).map_err(|e| e.to_string())?;
    let body = raw.get(13..).ok_or("short cache")?;
    let data = zstd::decode_all(body).map_err(|e| e.to_string())?;
    let mut r = Reader(&data);
    let mut out = Vec::new();
    for _ in 0..r.u16()? {
        let name = r.string()?;
        let mut texts = vec![r.text(&name, true)?];
        let aliases = (0..r.u16()?)
            .map(|_| r.string())
            .collect::<Result<Vec<_>, _>>()?;
        for _ in 0..r.u16()? {
            texts.push(r.text(&name, false)?);
        }
        for _ in 0..r.u16()? {
            texts.push(r.text(&name, false)?);
        }
        out.push((name, aliases, texts));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The cache format of `spdx::detection` (`detection/cache.rs`).
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        if self.0.len() < n {
            return Err("truncated cache".into());
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn u16(&mut self) -> Result<usize, String> {
        let b = self.take(2)?;
        Ok(usize::from(u16::from_le_bytes([b[0], b[1]])))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, String> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
    fn string(&mut self) -> Result<String, String> {
        let n = self.u16()?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|e| e.to_string())
    }
    fn text(&mut self, name: &str, original: bool) -> Result<Text, String> {
        let mut pairs = Vec::new();
        for _ in 0..self.u16()? {
            let gram = self.string()?;
            let count = self.u32()?;
            pairs.push((gram_hash(&gram), count));
        }
        let n = self.take(1)?[0];
        if n != 2 {
            return Err(format!("{name}: {n}-grams, not pairs"));
        }
        let size = self.u64()?;
        self.u64()?;
        self.u64()?;
        for _ in 0..self.u16()? {
            self.string()?;
        }
        self.string()?;
        pairs.sort_unstable();
        if pairs.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(format!("{name}: hash collision between word pairs"));
        }
        if pairs.iter().map(|p| u64::from(p.1)).sum::<u64>() != size {
            return Err(format!("{name}: pair counts do not add up"));
        }
        Ok(Text {
            name: name.to_string(),
            original,
            size,
            pairs,
        })
    }
}

/// The table bytes, and a summary for people.
pub fn generate() -> Result<(Vec<u8>, String), String> {
    let licences = load()?;
    let all: Vec<&Text> = licences.iter().flat_map(|l| &l.2).collect();
    let mut chosen: BTreeSet<&str> = BTreeSet::new();
    for seed in SEEDS {
        let l = licences
            .iter()
            .find(|l| l.0 == *seed || l.1.iter().any(|a| a == seed))
            .ok_or_else(|| format!("{seed} is not in the detection data"))?;
        chosen.insert(&l.0);
    }
    let seeds: Vec<&Text> = all
        .iter()
        .copied()
        .filter(|t| chosen.contains(t.name.as_str()))
        .collect();
    for t in &all {
        if t.size <= SMALL || seeds.iter().any(|s| distance(s, t) < NEIGHBOUR) {
            chosen.insert(&t.name);
        }
    }
    let (inside, outside): (Vec<&Text>, Vec<&Text>) = all
        .iter()
        .copied()
        .partition(|t| chosen.contains(t.name.as_str()));
    let mut sizes: Vec<u64> = outside.iter().map(|t| t.size).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let mut out = b"PCLICTB2".to_vec();
    out.extend((sizes.len() as u32).to_le_bytes());
    out.extend((inside.len() as u32).to_le_bytes());
    for s in &sizes {
        out.extend((*s as u32).to_le_bytes());
    }
    let mut names: Vec<u8> = Vec::new();
    let mut pairs: Vec<u8> = Vec::new();
    let pairs_start = out.len()
        + inside.len() * DIRECTORY_ENTRY
        + 4
        + inside.iter().map(|t| t.name.len()).sum::<usize>();
    let mut summary = String::new();
    for t in &inside {
        let radius = outside
            .iter()
            .map(|o| distance(t, o))
            .fold(f64::INFINITY, f64::min);
        out.extend((names.len() as u32).to_le_bytes());
        out.extend((t.name.len() as u16).to_le_bytes());
        names.extend(t.name.as_bytes());
        out.push(if t.original { 0 } else { 1 });
        out.push(0);
        out.extend((t.size as u32).to_le_bytes());
        out.extend((t.pairs.len() as u32).to_le_bytes());
        out.extend(((pairs_start + pairs.len()) as u32).to_le_bytes());
        out.extend(radius.to_le_bytes());
        out.extend(grams::fingerprint(t.pairs.iter().copied()).to_le_bytes());
        for (h, _) in &t.pairs {
            pairs.extend(h.to_le_bytes());
        }
        for (_, c) in &t.pairs {
            pairs.extend(c.to_le_bytes());
        }
        summary.push_str(&format!(
            "{} {} size={} radius={radius:.3}\n",
            t.name,
            if t.original { "text" } else { "header" },
            t.size
        ));
    }
    out.extend((names.len() as u32).to_le_bytes());
    out.extend(names);
    if out.len() != pairs_start {
        return Err("directory size miscounted".into());
    }
    out.extend(pairs);
    summary.push_str(&format!(
        "{} licences, {} texts in the table ({} bytes); {} texts left out\n",
        chosen.len(),
        inside.len(),
        out.len(),
        outside.len()
    ));
    Ok((out, summary))
}

/// Slow (a minute in release mode): run it after upgrading `spdx`, with
/// `cargo test --release -p publiccode-licence -- --ignored table_is_current`. The
/// agreement test (`tests/agree.rs`) runs every time.
#[test]
#[ignore = "slow; run after upgrading spdx"]
fn table_is_current() {
    let (bytes, summary) = match generate() {
        Ok(g) => g,
        Err(e) => panic!("cannot generate the licence table: {e}"),
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/table.bin");
    if std::env::var_os("PUBLICCODE_BLESS").is_some() {
        if let Err(e) = std::fs::write(&path, &bytes) {
            panic!("cannot write {}: {e}", path.display());
        }
        eprintln!("{summary}");
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == bytes,
        "src/table.bin is not what the generator writes; rerun with PUBLICCODE_BLESS=1\n{summary}"
    );
}
