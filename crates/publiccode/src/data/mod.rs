//! Reference data generated from registry packages by `tools/gen-data`. Do not edit by hand.

pub(crate) mod countries;
pub mod languages;
pub(crate) mod oembed;
