//! `cargo bench -p publiccode --bench corpus`: validates the whole real corpus
//! (`testdata/corpus/publiccode`) in one process, sequentially and in parallel on every
//! core, and prints descriptors per second and per-file latency percentiles.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use publiccode::{Options, validate_bytes};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/corpus/publiccode");
    let mut files: Vec<Vec<u8>> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yml"))
            .filter_map(|p| std::fs::read(p).ok())
            .collect(),
        Err(e) => {
            eprintln!("corpus not found at {}: {e}", dir.display());
            return;
        }
    };
    files.sort();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let options = Options::default();
    // Warm-up.
    for f in &files {
        std::hint::black_box(validate_bytes(f, &options));
    }
    let rounds = 20;
    let mut latencies: Vec<Duration> = Vec::with_capacity(files.len() * rounds);
    let start = Instant::now();
    for _ in 0..rounds {
        for f in &files {
            let t = Instant::now();
            std::hint::black_box(validate_bytes(f, &options));
            latencies.push(t.elapsed());
        }
    }
    let seq = start.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    let n = (files.len() * rounds) as f64;
    println!(
        "corpus: {} files, {:.1} KiB; {} rounds",
        files.len(),
        bytes as f64 / 1024.0,
        rounds
    );
    println!(
        "sequential: {:.0} descriptors/s ({:.1} MiB/s); latency p50 {:?}, p90 {:?}, p99 {:?}, max {:?}",
        n / seq.as_secs_f64(),
        (bytes * rounds) as f64 / seq.as_secs_f64() / (1024.0 * 1024.0),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0)
    );
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let files = &files;
            let options = &options;
            s.spawn(move || {
                for _ in 0..rounds {
                    for f in files.iter().skip(t).step_by(threads) {
                        std::hint::black_box(validate_bytes(f, options));
                    }
                }
            });
        }
    });
    let par = start.elapsed();
    println!(
        "parallel ({threads} threads): {:.0} descriptors/s",
        n / par.as_secs_f64()
    );
}
