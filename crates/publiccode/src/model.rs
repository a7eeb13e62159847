//! The typed model of publiccode.yml (placeholder; built from the spanned tree).
