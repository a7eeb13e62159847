//! Conversions of publiccode.yml: upgrade and downgrade between versions of the
//! standard (as text edits that keep everything else byte for byte), exports to other
//! catalogue formats, and JSON Schemas generated from the key table.
//!
//! The library never prints; the `publiccode` command renders its results.
//!
//! ```
//! let old = "publiccodeYmlVersion: \"0.2\"\nname: Medusa\nlocalisation:\n  localisationReady: yes\n";
//! let outcome = publiccode_convert::upgrade(old)?;
//! assert!(outcome.text.starts_with("publiccodeYmlVersion: \"0\"\n"));
//! assert!(outcome.text.contains("localisationReady: true"));
//! assert!(!outcome.changes.is_empty());
//! # Ok::<(), publiccode_convert::MoveError>(())
//! ```

pub(crate) mod edit;
pub mod export;
pub mod schema;
pub(crate) mod tojson;
pub mod upgrade;

pub use export::{Export, ExportOptions, Format, export, export_valid, upgrade_model};
pub use tojson::to_json;
pub use upgrade::{MoveError, Note, Outcome, downgrade, upgrade};
