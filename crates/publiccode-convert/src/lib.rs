//! Conversions of publiccode.yml: upgrade and downgrade between versions of the
//! standard (as text edits that keep everything else byte for byte), exports to other
//! catalogue formats, and JSON Schemas generated from the key table.
//!
//! The library never prints; the `publiccode` command renders its results.

pub mod edit;
pub mod export;
pub mod schema;
pub mod tojson;
pub mod upgrade;

pub use export::{Export, ExportOptions, Format, export, export_valid, upgrade_model};
pub use tojson::to_json;
pub use upgrade::{MoveError, Note, Outcome, downgrade, upgrade};
