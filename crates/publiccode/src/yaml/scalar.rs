//! YAML 1.2 core-schema typing of plain scalars, and recognition of YAML 1.1 habits.

/// The type the YAML 1.2 core schema gives a plain scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoreType {
    /// `~`, `null`, empty.
    Null,
    /// `true` / `false` in their three casings.
    Bool,
    /// Decimal, `0o` octal, `0x` hex.
    Int,
    /// Decimal floats, `.inf`, `.nan`.
    Float,
    /// Everything else.
    Str,
}

/// Types a plain scalar by the YAML 1.2 core schema.
pub fn core_type(s: &str) -> CoreType {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return CoreType::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return CoreType::Bool,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return CoreType::Float,
        _ => {}
    }
    let b = s.as_bytes();
    if let Some(rest) = s.strip_prefix("0o")
        && !rest.is_empty()
        && rest.bytes().all(|c| (b'0'..=b'7').contains(&c))
    {
        return CoreType::Int;
    }
    if let Some(rest) = s.strip_prefix("0x")
        && !rest.is_empty()
        && rest.bytes().all(|c| c.is_ascii_hexdigit())
    {
        return CoreType::Int;
    }
    let digits = b
        .strip_prefix(b"-")
        .or_else(|| b.strip_prefix(b"+"))
        .unwrap_or(b);
    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
        return CoreType::Int;
    }
    if is_float(digits) {
        return CoreType::Float;
    }
    CoreType::Str
}

/// `( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_float(b: &[u8]) -> bool {
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

/// A YAML 1.1 boolean spelling that YAML 1.2 reads as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Yaml11Bool(pub bool);

/// Recognises YAML 1.1 booleans that are strings in YAML 1.2 (`yes`, `No`, `ON`, `y` …).
pub fn yaml11_bool(s: &str) -> Option<Yaml11Bool> {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(Yaml11Bool(true)),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(Yaml11Bool(false)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema() {
        for (s, t) in [
            ("", CoreType::Null),
            ("~", CoreType::Null),
            ("true", CoreType::Bool),
            ("yes", CoreType::Str),
            ("0.2", CoreType::Float),
            ("0", CoreType::Int),
            ("-12", CoreType::Int),
            ("0x1F", CoreType::Int),
            ("0777", CoreType::Int),
            ("1e3", CoreType::Float),
            ("1.", CoreType::Float),
            (".5", CoreType::Float),
            (".", CoreType::Str),
            ("1_000", CoreType::Str),
            ("2024-01-02", CoreType::Str),
            ("+391624231322", CoreType::Int),
        ] {
            assert_eq!(core_type(s), t, "{s}");
        }
        assert_eq!(yaml11_bool("on"), Some(Yaml11Bool(true)));
        assert_eq!(yaml11_bool("true"), None);
    }
}
