//! The full SPDX detector of the `spdx` crate, loaded once per process on first use, for
//! the texts the compile-time table does not settle.

use std::sync::OnceLock;

use spdx::detection::{Store, TextData};

use crate::{Detection, prefer_common};

/// The detection data of every SPDX licence (about 100 ms to load), or `None` when it
/// cannot be decoded.
pub fn store() -> Option<&'static Store> {
    static STORE: OnceLock<Option<Store>> = OnceLock::new();
    STORE.get_or_init(|| Store::load_inline().ok()).as_ref()
}

/// The best match of the full detector, after the preference for common licences.
pub fn closest(text: &str) -> Option<Detection> {
    let store = store()?;
    let data = TextData::new(text);
    let m = store.analyze(&data);
    let (id, score) = prefer_common((m.name, m.score), |id| {
        store.get_original(id).map(|o| o.match_score(&data))
    });
    Some(Detection {
        id,
        score,
        fast: false,
    })
}
