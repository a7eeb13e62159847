//! Value checks shared by the rules: each answers one question about one scalar.

pub mod bcp47;
pub mod country;
pub mod date;
pub mod image;
pub mod ipa;
pub mod license;
pub mod oembed;
pub mod text;
pub mod url;
