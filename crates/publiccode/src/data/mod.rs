//! Reference data generated from registry packages by `tools/gen-data`. Do not edit by hand.

pub mod countries;
pub mod languages;
pub mod oembed;
