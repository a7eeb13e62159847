//! Reference data generated from registry packages by `tools/gen-data`. Do not edit by hand.
