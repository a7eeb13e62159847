//! The standard itself, as data: every key with its type and constraints, the closed
//! lists, and the versions. Rules, the JSON Schema generator, the scaffolder and the
//! upgrader all read these tables, so each fact lives here once.

pub mod keys;
pub mod lists;
pub mod versions;

pub use keys::{Deprecation, Field, Presence, ROOT, Ty, Val, find_field};
pub use versions::{LATEST, Version, VersionStatus, classify_version};
