//! Microbenchmark of licence recognition (issue 9: a one-file validation run must stay
//! under 2 ms with a licence text beside it). For each file given, prints the time of
//! the process's first `detect` call (table parsed, pages touched: what a one-file run
//! pays) and the mean of later calls, with the answer and whether the compile-time table
//! gave it.
//!
//! ```text
//! cargo run --release -p publiccode-licence --example detect_time -- testdata/licences/*.txt
//! ```

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a benchmark prints its figures"
)]

use std::time::Instant;

/// Later calls timed per file.
const REPEAT: u32 = 200;

fn main() {
    let mut first = true;
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let start = Instant::now();
        let found = publiccode_licence::detect(&text);
        let once = start.elapsed();
        let start = Instant::now();
        for _ in 0..REPEAT {
            std::hint::black_box(publiccode_licence::detect(std::hint::black_box(&text)));
        }
        let each = start.elapsed() / REPEAT;
        let answer = found.map_or_else(
            || "none".to_string(),
            |d| {
                format!(
                    "{} {:.4}{}",
                    d.id,
                    d.score,
                    if d.fast { " (table)" } else { "" }
                )
            },
        );
        let label = if first { "first call" } else { "call" };
        first = false;
        println!(
            "{path}: {label} {:.1} µs, later calls {:.1} µs: {answer}",
            once.as_secs_f64() * 1e6,
            each.as_secs_f64() * 1e6
        );
    }
}
