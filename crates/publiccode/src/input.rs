//! The byte front end shared by every input format (publiccode.yml, code.json, ORE):
//! one size check, one byte-order-mark and UTF-8 handling, and the same positions for
//! the problems found there, whatever the format.

use crate::diagnostic::LineIndex;

/// Why bytes are not usable text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input is larger than the limit.
    TooLarge {
        /// Its size, in bytes.
        len: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The input is not UTF-8.
    NotUtf8 {
        /// Byte offset of the first invalid byte (after the byte order mark).
        at: usize,
        /// Its 1-based line.
        line: usize,
        /// Its 1-based column, in characters.
        column: usize,
    },
}

/// Checks the size, removes one UTF-8 byte order mark and decodes UTF-8. Offsets in
/// the returned text (and in [`DecodeError::NotUtf8`]) count from after the mark.
pub fn decode(bytes: &[u8], max_bytes: usize) -> Result<&str, DecodeError> {
    if bytes.len() > max_bytes {
        return Err(DecodeError::TooLarge {
            len: bytes.len(),
            limit: max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let prefix = String::from_utf8_lossy(&bytes[..at]);
        let (line, column) = LineIndex::new(&prefix).line_col(at);
        DecodeError::NotUtf8 { at, line, column }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_after_the_mark() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1", 100), Ok("a: 1"));
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: 1\nb: \xff", 100),
            Err(DecodeError::NotUtf8 {
                at: 8,
                line: 2,
                column: 4
            })
        );
        assert_eq!(
            decode(b"12345", 4),
            Err(DecodeError::TooLarge { len: 5, limit: 4 })
        );
    }
}
