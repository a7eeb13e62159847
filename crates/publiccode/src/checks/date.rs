//! Dates: exactly `YYYY-MM-DD`, and a real calendar day.

use chrono::NaiveDate;

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict() {
        assert!(parse_date("2024-01-02").is_some());
        assert!(parse_date("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2024-1-2",
            " 2024-01-02",
            "+2024-01-02",
            "20240102",
            "2024-01-02T10:00:00Z",
            "",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
