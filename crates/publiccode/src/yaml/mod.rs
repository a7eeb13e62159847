//! The YAML front end: text to a tree where every key and value keeps its span.
//!
//! Built on the event parser of the saphyr project (`saphyr-parser`), so that the
//! tree is ours: duplicate keys are reported with both positions instead of being
//! dropped, alias expansion and nesting depth are bounded, and every scalar keeps its
//! raw style so that YAML 1.2 typing (and YAML 1.1 habits) can be judged precisely.

mod load;
mod node;
mod scalar;

pub use load::{Limits, LoadError, LoadErrorKind, load};
pub use node::{Entry, Node, NodeKind, Scalar, ScalarStyle};
pub use scalar::{CoreType, Yaml11Bool, core_type, yaml11_bool};
