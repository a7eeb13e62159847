//! Reading a repository's own files for inference with the validator's guarantees:
//! only regular files inside the repository (no symbolic link out of it, no FIFO, no
//! `/proc` entry), size checked before reading. A README that is a link to
//! `/etc/shadow` must not end up in a long description.

use std::path::Path;

use publiccode::resources::{OverLimit, read_confined, repository_root};

/// Largest text file read for inference.
pub const MAX_TEXT: usize = 1 << 20;

/// The bytes of `dir/rel` (at most `limit`, cut there when `truncate`), or `None`.
pub fn read_bytes(dir: &Path, rel: &str, limit: usize, truncate: bool) -> Option<Vec<u8>> {
    let root = repository_root(dir, None);
    let over = if truncate {
        OverLimit::Truncate
    } else {
        OverLimit::Refuse
    };
    read_confined(&root, &dir.join(rel), limit, over).ok()
}

/// The UTF-8 text of `dir/rel` when it is at most [`MAX_TEXT`] bytes, or `None`.
pub fn read_text(dir: &Path, rel: &str) -> Option<String> {
    String::from_utf8(read_bytes(dir, rel, MAX_TEXT, false)?).ok()
}
