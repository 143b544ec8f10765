//! Small text helpers shared by the identifier parsers, and HTML escaping of plain text.
//!
//! Prose is kept exactly as written (DESIGN §4); only identifiers such as 文号 and 索引号 are
//! normalised, and they all need the same first step: fold full-width forms and drop spaces.

/// Maps full-width ASCII forms (U+FF01–U+FF5E) to ASCII and the ideographic space to a space.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Folds full-width characters and removes all white space (including ideographic space and
/// non-breaking space), the usual noise in identifiers copied from web pages and Word files.
pub fn compact_identifier(s: &str) -> String {
    s.chars().map(fold_width).filter(|c| !c.is_whitespace() && *c != '\u{00A0}' && *c != '\u{200B}').collect()
}

/// Is `c` a CJK ideograph (the unified block and extension A), as used in agency names?
pub fn is_hanzi(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Number of characters (not bytes), for length limits stated to users in 字.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Escapes plain text for HTML (or SVG) element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_escapes_markup_and_quotes() {
        assert_eq!(escape_html("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape_html("政务公开"), "政务公开");
    }

    #[test]
    fn folds_full_width_digits_and_brackets() {
        assert_eq!(compact_identifier("２０１７ ［12］\u{3000}号"), "2017[12]号");
    }

    #[test]
    fn hanzi_detection() {
        assert!(is_hanzi('温'));
        assert!(!is_hanzi('〔'));
        assert!(!is_hanzi('a'));
    }
}
