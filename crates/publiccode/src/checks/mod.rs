//! Value checks shared by the rules: each answers one question about one scalar.

pub mod bcp47;
pub mod country;
pub mod oembed;
