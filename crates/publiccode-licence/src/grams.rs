//! Word pairs (the full detector's 2-grams) as a sorted multiset of 64-bit hashes, and
//! the scores computed from them.

/// FNV-1a (64 bits) of a word pair as the full detector spells it: `first second`
/// ([`for_each_pair`] computes the same, continuing from each word's state).
#[cfg(test)]
pub fn pair_hash(first: &str, second: &str) -> u64 {
    fnv(fnv(fnv(OFFSET, first.as_bytes()), b" "), second.as_bytes())
}

/// FNV-1a (64 bits) of a word pair already joined by a space (as the detection data
/// stores it).
#[cfg(test)]
pub fn gram_hash(gram: &str) -> u64 {
    fnv(OFFSET, gram.as_bytes())
}

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// A 64-bit finaliser (splitmix64's): spreads a pair hash before it is added into a
/// fingerprint ([`fingerprint_of`]), so that sums of different multisets differ.
fn mix(h: u64) -> u64 {
    let z = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The fingerprint of a multiset of pair hashes given as `(hash, count)`: the same sum
/// [`fingerprint_of`] adds up pair by pair (the generator stores it for every table text).
#[cfg(test)]
pub fn fingerprint(pairs: impl Iterator<Item = (u64, u32)>) -> u64 {
    pairs.fold(0u64, |f, (h, c)| {
        f.wrapping_add(mix(h).wrapping_mul(u64::from(c)))
    })
}

/// Calls `f` with the hash of each pair of consecutive words of `text`, in text order,
/// split on runs of ASCII white space: for a processed text (single spaces, as the full
/// detector splits it) and for one whose white space is not collapsed yet
/// (`normalise::uncollapsed`) alike.
fn for_each_pair(text: &str, mut f: impl FnMut(u64)) {
    // Each word's hash state once followed by the space, so a pair's hash continues from
    // its first word's state.
    let mut first: Option<u64> = None;
    let words = text
        .as_bytes()
        .split(|&b| b == b' ' || (b'\t'..=b'\r').contains(&b))
        .filter(|w| !w.is_empty());
    for word in words {
        if let Some(state) = first {
            f(fnv(state, word));
        }
        first = Some(fnv(fnv(OFFSET, word), b" "));
    }
}

/// The number of word pairs of `text` and an order-free fingerprint of their multiset
/// (the sum of [`mix`] over the pair hashes, wrapping), with nothing stored: a text whose
/// fingerprint and size are a table text's has that text's pairs (as far as 64-bit hashes
/// tell, the trust the table already puts in pair hashes), so its score is 1 without
/// sorting, merging, or the 45 kB of fresh memory (a dozen page faults in a one-file
/// run) the pairs of a GPL text take.
pub fn fingerprint_of(text: &str) -> (u64, u64) {
    let mut size = 0u64;
    let mut fingerprint = 0u64;
    for_each_pair(text, |h| {
        size += 1;
        fingerprint = fingerprint.wrapping_add(mix(h));
    });
    (size, fingerprint)
}

/// The multiset of `all`.
fn sorted(mut all: Vec<u64>) -> Grams {
    all.sort_unstable();
    let mut g = Grams {
        size: all.len() as u64,
        ..Grams::default()
    };
    for h in all {
        if g.hashes.last() == Some(&h) {
            if let Some(c) = g.counts.last_mut() {
                *c += 1;
            }
        } else {
            g.hashes.push(h);
            g.counts.push(1);
        }
    }
    g
}

/// The word pairs of a processed text: sorted distinct hashes with their counts, and the
/// number of pairs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grams {
    /// Sorted distinct pair hashes.
    pub hashes: Vec<u64>,
    /// How often each hash occurs.
    pub counts: Vec<u32>,
    /// Number of pairs (the sum of `counts`).
    pub size: u64,
}

impl Grams {
    /// The pairs of consecutive words of `text` ([`for_each_pair`]), sorted.
    pub fn of(text: &str) -> Grams {
        let mut all: Vec<u64> = Vec::with_capacity(text.len() / 5 + 1);
        for_each_pair(text, |h| all.push(h));
        sorted(all)
    }
}

/// Sum over shared pairs of the smaller count, for two sorted multisets given as
/// `(hash, count)` iterators.
pub fn shared(a: impl Iterator<Item = (u64, u32)>, b: impl Iterator<Item = (u64, u32)>) -> u64 {
    let mut a = a.peekable();
    let mut b = b.peekable();
    let mut n = 0u64;
    while let (Some(&(ha, ca)), Some(&(hb, cb))) = (a.peek(), b.peek()) {
        match ha.cmp(&hb) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                n += u64::from(ca.min(cb));
                a.next();
                b.next();
            }
        }
    }
    n
}

/// The full detector's score, computed as it does (in `f32`).
pub fn dice(shared: u64, size_a: u64, size_b: u64) -> f32 {
    if size_a == 0 || size_b == 0 {
        return 0.0;
    }
    (2.0 * shared as f32) / ((size_a + size_b) as f32)
}

/// The weighted Jaccard distance `1 - Σmin / Σmax` (a metric), from the same counts.
pub fn distance(shared: u64, size_a: u64, size_b: u64) -> f64 {
    let union = size_a + size_b - shared;
    if union == 0 {
        return 0.0;
    }
    1.0 - shared as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_hashed_as_first_space_second() {
        let text = "a bb ccc a bb";
        let words: Vec<&str> = text.split(' ').collect();
        let mut want: Vec<u64> = words.windows(2).map(|w| pair_hash(w[0], w[1])).collect();
        want.sort_unstable();
        let g = Grams::of(text);
        let mut got = Vec::new();
        for (h, c) in g.hashes.iter().zip(&g.counts) {
            got.extend(std::iter::repeat_n(*h, *c as usize));
        }
        assert_eq!(got, want);
        assert_eq!(g.size, 4);
        assert_eq!(Grams::of(" a\n\nbb \t ccc\x0Ba  bb\r\n"), g);
        assert_eq!(gram_hash("a bb"), pair_hash("a", "bb"));
        assert_eq!(Grams::of("one").size, 0);
        assert_eq!(
            fingerprint_of(text),
            (
                4,
                fingerprint(g.hashes.iter().copied().zip(g.counts.iter().copied()))
            )
        );
        assert_ne!(fingerprint_of("a b a"), fingerprint_of("a b b"));
    }
}
