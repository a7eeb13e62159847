//! Links the `publiccode` binary as a position-dependent executable on GNU/Linux.
//!
//! Why: a position-independent executable (the default) has its ~50,000 pointers in
//! static tables (rule registry, language and country tables, clap's definitions)
//! relocated by the dynamic loader at every start, which touches about 230 pages: about
//! 0.5 ms of a 2 ms single-file run (`tools/bench-cli.sh`). Linked at a fixed address,
//! those pages are mapped from the file untouched. The cost is that the binary itself is
//! not placed at a random address (its libraries, heap and stacks still are). Build with
//! `PUBLICCODE_PIE=1` in the environment to keep the default.
//!
//! A static build (`+crt-static`, as `tools/build-dist.sh` makes) is left alone: rustc
//! chooses its own static or static-PIE link there, and `-no-pie` beside `-static-pie`
//! would produce a binary that cannot start.

fn main() {
    println!("cargo:rerun-if-env-changed=PUBLICCODE_PIE");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    let pie_asked = std::env::var_os("PUBLICCODE_PIE").is_some_and(|v| !v.is_empty() && v != "0");
    let crt_static = std::env::var("CARGO_CFG_TARGET_FEATURE")
        .is_ok_and(|features| features.split(',').any(|f| f == "crt-static"));
    if linux_gnu && !pie_asked && !crt_static {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
