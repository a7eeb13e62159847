//! Recognising images by their content, so that a logo called `.png` really is one.

/// The image formats the standard allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG (text).
    Svg,
    /// SVGZ (gzip-compressed SVG).
    Svgz,
}

impl ImageKind {
    /// The kind a file extension claims (case-insensitive, without the dot).
    pub fn from_extension(ext: &str) -> Option<ImageKind> {
        match ext.to_ascii_lowercase().as_str() {
            "png" => Some(ImageKind::Png),
            "jpg" | "jpeg" => Some(ImageKind::Jpeg),
            "svg" => Some(ImageKind::Svg),
            "svgz" => Some(ImageKind::Svgz),
            _ => None,
        }
    }
}

/// Checks that `bytes` hold an image of `kind`; the error says what is wrong.
pub fn check_image(bytes: &[u8], kind: ImageKind) -> Result<(), String> {
    match kind {
        ImageKind::Png => {
            const SIG: &[u8] = b"\x89PNG\r\n\x1a\n";
            if !bytes.starts_with(SIG) {
                return Err(if bytes.is_empty() {
                    "the file is empty, not a PNG image".into()
                } else {
                    "the file does not start with the PNG signature".into()
                });
            }
            let ihdr = bytes.get(12..16) == Some(b"IHDR");
            let dims = bytes.get(16..24).map(|d| {
                (
                    u32::from_be_bytes([d[0], d[1], d[2], d[3]]),
                    u32::from_be_bytes([d[4], d[5], d[6], d[7]]),
                )
            });
            match (ihdr, dims) {
                (true, Some((w, h))) if w > 0 && h > 0 => Ok(()),
                _ => Err("the PNG header (IHDR) is missing or invalid".into()),
            }
        }
        ImageKind::Jpeg => {
            if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
                Ok(())
            } else {
                Err("the file does not start with a JPEG marker".into())
            }
        }
        ImageKind::Svg => {
            let head = &bytes[..bytes.len().min(4096)];
            let text = String::from_utf8_lossy(head);
            if text.contains("<svg") {
                Ok(())
            } else {
                Err("no <svg> element in the first 4 KiB".into())
            }
        }
        ImageKind::Svgz => {
            if bytes.starts_with(&[0x1F, 0x8B]) {
                Ok(())
            } else {
                Err("the file is not gzip-compressed".into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        assert!(check_image(b"", ImageKind::Png).is_err());
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1]);
        assert!(check_image(&png, ImageKind::Png).is_ok());
        assert!(check_image(b"<?xml?><svg/>", ImageKind::Svg).is_ok());
        assert!(check_image(&[0xFF, 0xD8, 0xFF, 0xE0], ImageKind::Jpeg).is_ok());
    }
}
