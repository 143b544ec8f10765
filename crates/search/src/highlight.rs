//! Results as people see them: titles with the query's words marked, a passage of the body
//! around them, everything HTML-escaped. Used by both implementations (tantivy marks body
//! passages with its own snippet generator; the database index uses [`snippet`]).

use std::collections::HashSet;

use crate::analyzer::Analyzer;

/// HTML-escapes text for element content and attribute values.
pub use gongkai_core::text::escape_html as escape;

/// Characters of body shown in a result.
pub const SNIPPET_CHARS: usize = 160;

/// The start of a body, escaped, for a result in which no query word was found (or there is
/// no query).
pub fn start_of(text: &str) -> String {
    escape(&text.chars().take(SNIPPET_CHARS).collect::<String>())
}

/// `text` escaped, with the byte ranges (sorted, possibly overlapping) inside `<mark>…</mark>`.
fn marked(text: &str, mut ranges: Vec<std::ops::Range<usize>>) -> String {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        if r.end <= at {
            continue;
        }
        let start = r.start.max(at);
        out.push_str(&escape(&text[at..start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[start..r.end]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// The whole text (a title), escaped, every word of it that is one of `words` marked.
pub fn mark_words(analyzer: &Analyzer, text: &str, words: &HashSet<&str>) -> String {
    let ranges =
        analyzer.index_words(text).into_iter().filter(|w| words.contains(w.text.as_str())).map(|w| w.bytes).collect();
    marked(text, ranges)
}

/// At most this many occurrences are weighed when choosing a passage (a long body repeating a
/// common word should not cost more than a short one).
const MAX_OCCURRENCES: usize = 256;
/// Characters shown before the first marked word of a passage.
const LEAD_CHARS: usize = 12;

/// A passage of at most `max_chars` characters of `text`, escaped, with the occurrences of
/// `words` marked: the passage holding the most different words, the earliest of those. The
/// start of the text when none occurs.
pub fn snippet(text: &str, words: &[&str], max_chars: usize) -> String {
    // ASCII lower-casing keeps byte offsets; the words are already lower case.
    let haystack = text.to_ascii_lowercase();
    let mut found: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for (w, word) in words.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
        found.extend(haystack.match_indices(word).take(MAX_OCCURRENCES).map(|(at, m)| (at..at + m.len(), w)));
    }
    found.sort_by_key(|(r, _)| r.start);
    found.truncate(MAX_OCCURRENCES);
    // Character index of every char boundary, to measure passages in characters.
    let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let char_at = |byte: usize| chars.partition_point(|&b| b < byte);
    let mut best: Option<(usize, usize)> = None; // (distinct words, start char)
    for (r, _) in &found {
        let start = char_at(r.start).saturating_sub(LEAD_CHARS);
        let end = start + max_chars;
        let mut distinct: Vec<usize> =
            found.iter().filter(|(o, _)| char_at(o.start) >= start && char_at(o.end) <= end).map(|(_, w)| *w).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if best.is_none_or(|(n, _)| distinct.len() > n) {
            best = Some((distinct.len(), start));
        }
    }
    let start_char = best.map_or(0, |(_, s)| s);
    let end_char = (start_char + max_chars).min(chars.len() - 1);
    let (from, to) = (chars[start_char.min(chars.len() - 1)], chars[end_char]);
    let ranges = found
        .into_iter()
        .filter(|(r, _)| r.start >= from && r.end <= to)
        .map(|(r, _)| r.start - from..r.end - from)
        .collect();
    marked(&text[from..to], ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_the_passage_with_most_words() {
        let text = format!("{}财政在此。{}财政预算都在这里<b>。", "无关文字".repeat(30), "别的".repeat(40));
        let s = snippet(&text, &["财政", "预算"], 30);
        assert!(s.contains("<mark>财政</mark><mark>预算</mark>"), "{s}");
        assert!(s.contains("&lt;b&gt;") && !s.contains("<b>"), "{s}");
        assert!(s.replace("<mark>", "").replace("</mark>", "").chars().count() <= 30 + 6, "{s}");
    }

    #[test]
    fn snippet_without_a_match_is_the_start() {
        assert_eq!(snippet("第一段。第二段。", &["财政"], 4), "第一段。");
        assert_eq!(snippet("", &["财政"], 4), "");
        assert_eq!(snippet("abc", &[""], 10), "abc");
    }
}
