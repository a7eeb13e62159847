//! Scaffolding for publiccode.yml, the part of `publiccode init` that is not a terminal:
//! inference from a repository ([`infer()`]), the answers a file is made of ([`Answers`]),
//! scaffold profiles ([`profile`]), completeness checks ([`complete`]) and rendering in the
//! standard's key order ([`render()`]). Nothing here prints or prompts; the CLI does.
//!
//! ```
//! use publiccode_init::{Answers, RenderOptions, render};
//! let yaml = render(&Answers::default(), &RenderOptions::new().with_comments(false));
//! assert!(yaml.starts_with("publiccodeYmlVersion: \"0\""));
//! ```

pub mod answers;
pub mod complete;
pub mod infer;
pub(crate) mod manifest;
pub mod profile;
pub mod render;
pub(crate) mod repo_file;

pub use answers::{Answers, Contact, Contractor, Dependency, Description};
pub use complete::{Missing, apply_profile, missing, validation_errors};
pub use infer::{Guess, Inference, infer};
pub use profile::Profile;
pub use render::{RenderOptions, render};
