//! publiccode.yml, the standard: YAML text to a spanned tree to a typed model, and
//! the rules of the standard that turn it into diagnostics.
//!
//! The library never prints. Every finding is a [`Diagnostic`] value (code, severity,
//! key path, span, message, help, optional fix) that front ends render as they like.
//!
//! ```
//! let report = publiccode::validate_str(
//!     "publiccodeYmlVersion: \"0\"\nname: Medusa\n",
//!     &publiccode::Options::default(),
//! );
//! assert!(!report.is_valid());
//! let missing = report.diagnostics.iter().find(|d| d.key == "url").map(|d| d.code.as_ref());
//! assert_eq!(missing, Some(publiccode::rules::code::MISSING_KEY));
//!
//! // The spanned tree becomes the typed model, problems or not.
//! let model = report.tree.as_ref().map(publiccode::model::PublicCode::from_tree);
//! assert_eq!(model.map(|m| m.name).as_deref(), Some("Medusa"));
//! ```

pub mod checks;
pub mod data;
pub mod diagnostic;
pub mod input;
pub mod keypath;
pub mod yaml;

pub use diagnostic::{Applicability, CharCursor, Diagnostic, Edit, Fix, LineIndex, Severity, Span};
pub use keypath::KeyPath;
pub mod resources;
pub mod rules;
pub mod spec;
pub mod suppress;
pub mod validate;

pub use resources::{
    DirResources, Entry, EntryKind, MemoryResources, NoResources, ResourceError, Resources,
};
pub use validate::{Options, Report, validate_bytes, validate_str};
pub mod fix;
pub mod model;
