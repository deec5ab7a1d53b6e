//! The person file (docs/domain.md §2, docs/safety.md "Access" and "Data protection"): what may be
//! attached to it, and what a reason to open a file that is not one's own must say.

/// The largest attachment: a scanned form or a letter, not an archive.
pub const ATTACHMENT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// The kinds of file a caseworker may attach, recognized from their first bytes (what the
/// browser claims is not trusted): documents and pictures that open everywhere, nothing that
/// runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachmentType {
    Pdf,
    Png,
    Jpeg,
    Text,
}

impl AttachmentType {
    pub fn media_type(self) -> &'static str {
        match self {
            AttachmentType::Pdf => "application/pdf",
            AttachmentType::Png => "image/png",
            AttachmentType::Jpeg => "image/jpeg",
            AttachmentType::Text => "text/plain; charset=utf-8",
        }
    }

    /// The extensions a name of this type may end with; the first is given to one that does
    /// not, so that a script saved as text never downloads as something that runs.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            AttachmentType::Pdf => &["pdf"],
            AttachmentType::Png => &["png"],
            AttachmentType::Jpeg => &["jpg", "jpeg"],
            AttachmentType::Text => &["txt"],
        }
    }

    /// The name a document is kept under: cleaned, and ending with an extension of its type.
    pub fn file_name(self, name: &str) -> String {
        let name = clean_file_name(name);
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if self.extensions().contains(&ext.as_str()) {
            name
        } else {
            format!("{name}.{}", self.extensions()[0])
        }
    }

    /// The type of a file from its content, or None for a type Havre does not keep.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(AttachmentType::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(AttachmentType::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(AttachmentType::Jpeg)
        } else if !bytes.is_empty()
            && std::str::from_utf8(bytes).is_ok_and(|s| {
                !s.chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            })
            && !looks_like_markup(bytes)
        {
            Some(AttachmentType::Text)
        } else {
            None
        }
    }
}

/// HTML or SVG saved as "text" could run in a browser that sniffs it: refused as text.
fn looks_like_markup(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    let head = head.trim_start();
    head.starts_with('<') || head.contains("<script") || head.contains("<html")
}

/// Characters that change how a name reads without being seen: bidirectional overrides
/// ("lettre\u{202E}fdp.exe" shows as "lettreexe.pdf"), zero-width characters.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A file name as shown back: its last path component, without control or invisible
/// formatting characters, at most 200 characters. Empty when nothing usable is left.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    last.chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .take(200)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A reason to open a file that is not one's own ("break the glass") is read by the
/// coordinator: it must say something, at least a few words.
pub fn is_valid_access_reason(reason: &str) -> bool {
    let reason = reason.trim();
    let n = reason.chars().count();
    (10..=1000).contains(&n) && !reason.chars().any(|c| c.is_control() && c != '\n')
}

/// How long an exceptional access lasts: the rest of a working day.
pub const ACCESS_GRANT_HOURS: i64 = 8;

/// A note is free text: not empty, at most 20,000 characters.
pub fn is_valid_note(body: &str) -> bool {
    let n = body.trim().chars().count();
    (1..=20_000).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_are_recognized_by_their_content() {
        assert_eq!(
            AttachmentType::sniff(b"%PDF-1.7\n..."),
            Some(AttachmentType::Pdf)
        );
        assert_eq!(
            AttachmentType::sniff(b"\x89PNG\r\n\x1a\n\0\0"),
            Some(AttachmentType::Png)
        );
        assert_eq!(
            AttachmentType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(AttachmentType::Jpeg)
        );
        assert_eq!(
            AttachmentType::sniff("Formulaire IVAC envoyé le 3 mars.\n".as_bytes()),
            Some(AttachmentType::Text)
        );
        // Programs, archives, markup and empty files are refused.
        assert_eq!(AttachmentType::sniff(b"MZ\x90\0\x03"), None);
        assert_eq!(AttachmentType::sniff(b"PK\x03\x04"), None);
        assert_eq!(AttachmentType::sniff(b"\x7fELF"), None);
        assert_eq!(
            AttachmentType::sniff(b"<html><script>alert(1)</script>"),
            None
        );
        assert_eq!(AttachmentType::sniff(b"  <svg onload=x>"), None);
        assert_eq!(AttachmentType::sniff(b""), None);
    }

    #[test]
    fn file_names_lose_their_path_and_control_characters() {
        assert_eq!(clean_file_name("C:\\Users\\x\\lettre.pdf"), "lettre.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\u{0}b\n.pdf"), "ab.pdf");
        assert_eq!(clean_file_name("   "), "");
    }

    #[test]
    fn a_document_keeps_an_extension_of_its_type() {
        assert_eq!(AttachmentType::Pdf.file_name("lettre.PDF"), "lettre.PDF");
        assert_eq!(AttachmentType::Jpeg.file_name("photo.jpeg"), "photo.jpeg");
        assert_eq!(
            AttachmentType::Text.file_name("relance.js"),
            "relance.js.txt"
        );
        assert_eq!(AttachmentType::Text.file_name("run.bat"), "run.bat.txt");
        assert_eq!(
            AttachmentType::Pdf.file_name("sans extension"),
            "sans extension.pdf"
        );
        assert_eq!(
            AttachmentType::Pdf.file_name("lettre\u{202E}fdp.exe"),
            "lettrefdp.exe.pdf"
        );
    }

    #[test]
    fn an_access_reason_says_something() {
        assert!(!is_valid_access_reason("urgent"));
        assert!(!is_valid_access_reason("          "));
        assert!(is_valid_access_reason(
            "Remplacement de Julie, absente, appel de crise"
        ));
    }
}
