//! Attachments (附件): what may be uploaded, and under which name it is offered for download.
//!
//! A disclosure platform serves attachments to everyone, so an uploaded file must not be able
//! to act as a web page (HTML, SVG, script) or a program. The type is decided from the file's
//! first bytes, not only its name, and the two must agree.

use crate::text::char_len;

/// Default upper limit of one attachment; operators can lower or raise it.
pub const DEFAULT_MAX_ATTACHMENT_BYTES: usize = 50 * 1024 * 1024;

/// The kinds of file a government page attaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    pub extensions: &'static [&'static str],
    pub content_type: &'static str,
    sniff: Sniff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniff {
    Prefix(&'static [u8]),
    /// Office Open XML, OFD and ZIP archives are all ZIP containers.
    Zip,
    /// Legacy Office and WPS files are OLE compound documents.
    Ole,
    /// Plain text: valid UTF-8 without NUL bytes.
    Text,
}

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub const FILE_KINDS: &[FileKind] = &[
    FileKind { extensions: &["pdf"], content_type: "application/pdf", sniff: Sniff::Prefix(b"%PDF-") },
    FileKind { extensions: &["ofd"], content_type: "application/ofd", sniff: Sniff::Zip },
    FileKind {
        extensions: &["docx"],
        content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        sniff: Sniff::Zip,
    },
    FileKind {
        extensions: &["xlsx"],
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        sniff: Sniff::Zip,
    },
    FileKind {
        extensions: &["pptx"],
        content_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        sniff: Sniff::Zip,
    },
    FileKind { extensions: &["zip"], content_type: "application/zip", sniff: Sniff::Zip },
    FileKind { extensions: &["doc", "wps"], content_type: "application/msword", sniff: Sniff::Ole },
    FileKind { extensions: &["xls", "et"], content_type: "application/vnd.ms-excel", sniff: Sniff::Ole },
    FileKind { extensions: &["ppt", "dps"], content_type: "application/vnd.ms-powerpoint", sniff: Sniff::Ole },
    FileKind { extensions: &["jpg", "jpeg"], content_type: "image/jpeg", sniff: Sniff::Prefix(&[0xFF, 0xD8, 0xFF]) },
    FileKind { extensions: &["png"], content_type: "image/png", sniff: Sniff::Prefix(b"\x89PNG\r\n\x1a\n") },
    FileKind { extensions: &["txt"], content_type: "text/plain; charset=utf-8", sniff: Sniff::Text },
    FileKind { extensions: &["csv"], content_type: "text/csv; charset=utf-8", sniff: Sniff::Text },
];

impl FileKind {
    fn matches(&self, bytes: &[u8]) -> bool {
        match self.sniff {
            Sniff::Prefix(p) => bytes.starts_with(p),
            Sniff::Zip => bytes.starts_with(b"PK\x03\x04"),
            Sniff::Ole => bytes.starts_with(OLE),
            Sniff::Text => !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok(),
        }
    }

    /// Text files are scanned for personal data before publishing.
    pub fn is_text(&self) -> bool {
        self.sniff == Sniff::Text
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    #[error("附件“{name}”过大（{size}），单个附件不能超过 {limit}")]
    TooLarge { name: String, size: String, limit: String },
    #[error("附件是空文件")]
    Empty,
    #[error("不支持“{0}”类型的附件：可上传 PDF、OFD、Word/WPS、Excel、PowerPoint、图片（JPG/PNG）、TXT、CSV 和 ZIP")]
    Type(String),
    #[error("附件“{0}”的内容与扩展名不符，请检查文件是否损坏或被改名")]
    Mismatch(String),
    #[error("附件文件名不能为空，且不能超过 100 字")]
    Name,
}

/// Formats a size for people: `3.2 MB`, `870 KB`.
pub fn human_size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB { format!("{:.1} MB", bytes as f64 / MB) } else { format!("{} KB", bytes.div_ceil(1024)) }
}

/// Cleans a file name for storage and download: no directory parts, no control characters,
/// no characters that are unsafe in a `Content-Disposition` header.
pub fn clean_file_name(name: &str) -> Result<String, AttachmentError> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String =
        base.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':')).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() || char_len(&cleaned) > 100 {
        return Err(AttachmentError::Name);
    }
    Ok(cleaned)
}

/// Checks an upload and returns its cleaned name and kind.
pub fn check_upload(
    name: &str,
    bytes: &[u8],
    max_bytes: usize,
) -> Result<(String, &'static FileKind), AttachmentError> {
    let name = clean_file_name(name)?;
    if bytes.is_empty() {
        return Err(AttachmentError::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(AttachmentError::TooLarge {
            name,
            size: human_size(bytes.len() as u64),
            limit: human_size(max_bytes as u64),
        });
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let kind = FILE_KINDS
        .iter()
        .find(|k| k.extensions.contains(&ext.as_str()))
        .ok_or_else(|| AttachmentError::Type(ext.clone()))?;
    if !kind.matches(bytes) {
        return Err(AttachmentError::Mismatch(name));
    }
    Ok((name, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_files_under_chinese_names() {
        let (name, kind) = check_upload("温州市深化政务公开工作实施方案.pdf", b"%PDF-1.7\n...", 1024).unwrap();
        assert_eq!(name, "温州市深化政务公开工作实施方案.pdf");
        assert_eq!(kind.content_type, "application/pdf");
        assert!(check_upload("表.XLSX", b"PK\x03\x04rest", 1024).is_ok());
        assert!(check_upload("通知.wps", OLE, 1024).is_ok());
        assert!(check_upload("名单.csv", "姓名,单位\n".as_bytes(), 1024).unwrap().1.is_text());
    }

    #[test]
    fn refuses_dangerous_mismatched_empty_and_oversize_files() {
        assert!(matches!(check_upload("x.html", b"<script>", 1024), Err(AttachmentError::Type(_))));
        assert!(matches!(check_upload("x.svg", b"<svg onload=alert(1)>", 1024), Err(AttachmentError::Type(_))));
        assert!(matches!(check_upload("x.exe", b"MZ", 1024), Err(AttachmentError::Type(_))));
        assert!(matches!(check_upload("report.pdf", b"<html>", 1024), Err(AttachmentError::Mismatch(_))));
        assert!(matches!(check_upload("x.txt", b"a\0b", 1024), Err(AttachmentError::Mismatch(_))));
        assert_eq!(check_upload("x.pdf", b"", 1024), Err(AttachmentError::Empty));
        let err = check_upload("大文件.pdf", &[b'%'; 2048], 1024).unwrap_err();
        assert_eq!(err.to_string(), "附件“大文件.pdf”过大（2 KB），单个附件不能超过 1 KB");
    }

    #[test]
    fn file_names_lose_paths_and_header_breaking_characters() {
        assert_eq!(clean_file_name("C:\\Users\\a\\附件1.pdf").unwrap(), "附件1.pdf");
        assert_eq!(clean_file_name("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(clean_file_name("a\"b\r\n.pdf").unwrap(), "ab.pdf");
        assert!(clean_file_name("...").is_err());
    }
}
