//! Documents cited in a body: `《title》（文号）`, a bare `国办发〔2017〕24号`, an order such as
//! `国务院令第711号`, or a `《title》` alone.
//!
//! 温政办〔2017〕62号 cites 国办发〔2017〕24号 and 浙政办发〔2017〕36号; a platform that holds those
//! documents links them, and shows each document's 被引用 in return. Chinese has no spaces,
//! so where a bare 文号 begins is a guess: the 机关代字 is read back from the 号 over at most
//! [`MAX_PREFIX_CHARS`] characters and stops at punctuation and at the words that usually
//! introduce a citation (根据, 按照 …). A 《title》 with a 文号 in brackets after it needs no guess.

use std::collections::HashSet;

use serde::Serialize;

use super::DocNo;

/// One cited document, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub doc_no: Option<DocNo>,
    /// The title in 《》, without the marks.
    pub title: Option<String>,
}

/// The longest 机关代字 read before a bracketed year (`浙发改规划` is 5; a margin for longer).
pub const MAX_PREFIX_CHARS: usize = 8;

/// Titles longer than this inside 《》 are not document titles (a quoted paragraph, a book).
const MAX_TITLE_CHARS: usize = 120;

/// Words after which a 文号 starts, longest first so `依照` is not cut to `照`.
const LEAD_WORDS: [&str; 18] = [
    "根据", "按照", "依据", "依照", "参照", "对照", "贯彻", "落实", "执行", "印发", "转发", "详见", "见", "和", "及",
    "与", "或", "是",
];

fn stops_prefix(c: char) -> bool {
    !(crate::text::is_hanzi(c) || c.is_ascii_alphanumeric() || c == '·')
}

/// The citations in `text` (a body as plain text), in order of first appearance, each 文号 and
/// each title once. `own` is the citing document's 文号 and `own_title` its title: a document
/// never cites itself (a 印发 notice names its own title in its body).
pub fn extract(text: &str, own: Option<&DocNo>, own_title: &str) -> Vec<Citation> {
    let mut found: Vec<Citation> = Vec::new();
    let mut seen_nos: HashSet<DocNo> = own.into_iter().cloned().collect();
    let mut seen_titles: HashSet<String> = HashSet::from([own_title.trim().to_string()]);
    let mut push = |doc_no: Option<DocNo>, title: Option<String>| {
        if let Some(no) = &doc_no
            && !seen_nos.insert(no.clone())
        {
            return;
        }
        if let Some(t) = &title
            && !seen_titles.insert(t.clone())
            && (doc_no.is_none() || t == own_title.trim())
        {
            return;
        }
        found.push(Citation { doc_no, title });
    };

    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // 文号 inside a 《title》（…） are taken with their title and skipped as bare numbers.
    let mut consumed_until = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '《'
            && let Some((title, end)) = title_at(text, at)
        {
            let rest = &text[end..];
            match bracketed_doc_no(rest) {
                Some((no, len)) => {
                    push(Some(no), Some(title));
                    consumed_until = end + len;
                }
                None => push(None, Some(title)),
            }
        } else if (c == '号' || c == '號')
            && at >= consumed_until
            && let Some(no) = doc_no_ending_at(text, at + c.len_utf8())
        {
            push(Some(no), None);
        }
        i += 1;
    }
    found
}

/// `《…》` starting at byte `at`: the title and the byte just after `》`.
fn title_at(text: &str, at: usize) -> Option<(String, usize)> {
    let inner_start = at + '《'.len_utf8();
    let close = text[inner_start..].find(['》', '《', '\n'])?;
    if !text[inner_start + close..].starts_with('》') {
        return None;
    }
    let title = text[inner_start..inner_start + close].trim();
    let n = title.chars().count();
    (n > 0 && n <= MAX_TITLE_CHARS).then(|| (title.to_string(), inner_start + close + '》'.len_utf8()))
}

/// `（温政办〔2017〕62号）` or `(…)` right after a title: the 文号 and the bytes it took.
fn bracketed_doc_no(rest: &str) -> Option<(DocNo, usize)> {
    let open = rest.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let inner = &rest[open.len_utf8()..];
    let close = inner.find(['）', ')'])?;
    let candidate = &inner[..close];
    if candidate.chars().count() > 40 {
        return None;
    }
    let no = DocNo::parse(candidate).ok()?;
    let close_len = inner[close..].chars().next().map_or(1, char::len_utf8);
    Some((no, open.len_utf8() + close + close_len))
}

/// A bare 文号 whose `号` ends at byte `end`, read backwards.
fn doc_no_ending_at(text: &str, end: usize) -> Option<DocNo> {
    let before: Vec<(usize, char)> = text[..end].char_indices().collect();
    let mut k = before.len().checked_sub(1)?; // the 号
    // Serial digits (half- or full-width), possibly after 第.
    let digits_end = k;
    while k > 0 && is_digit(before[k - 1].1) {
        k -= 1;
    }
    if k == digits_end {
        return None;
    }
    if k > 0 && before[k - 1].1 == '第' {
        k -= 1;
    }
    // Either `〔2017〕` (serial form) or `令` before 第 (order form).
    let is_order = k > 0 && before[k - 1].1 == '令' && before[k].1 == '第';
    if !is_order {
        if k == 0 || !is_close_bracket(before[k - 1].1) {
            return None;
        }
        k -= 1;
        let year_end = k;
        while k > 0 && is_digit(before[k - 1].1) {
            k -= 1;
        }
        if !(2..=4).contains(&(year_end - k)) || k == 0 || !is_open_bracket(before[k - 1].1) {
            return None;
        }
        k -= 1;
    } else {
        k -= 1; // the 令 belongs to the issuer's name in `国务院令`
    }
    let prefix_end = k;
    let mut start = k;
    while start > 0 && prefix_end - (start - 1) <= MAX_PREFIX_CHARS && !stops_prefix(before[start - 1].1) {
        start -= 1;
    }
    let prefix: String = before[start..prefix_end].iter().map(|(_, c)| c).collect();
    let prefix = trim_lead_words(&prefix);
    if prefix.is_empty() {
        return None;
    }
    let rest = &text[before[prefix_end].0..end];
    DocNo::parse(&format!("{prefix}{rest}")).ok()
}

/// Drops everything up to the last lead word (`根据国办发` → `国办发`).
fn trim_lead_words(prefix: &str) -> &str {
    let mut cut = 0;
    for w in LEAD_WORDS {
        if let Some(i) = prefix.rfind(w) {
            // A lead word at the very end would leave nothing; such a 代字 is not cut.
            let after = i + w.len();
            if after < prefix.len() && after > cut {
                cut = after;
            }
        }
    }
    &prefix[cut..]
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_open_bracket(c: char) -> bool {
    matches!(c, '〔' | '[' | '(' | '（' | '【' | '﹝' | '〖' | '［' | '〈')
}

fn is_close_bracket(c: char) -> bool {
    matches!(c, '〕' | ']' | ')' | '）' | '】' | '﹞' | '〗' | '］' | '〉')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nos(text: &str) -> Vec<String> {
        extract(text, None, "").into_iter().filter_map(|c| c.doc_no.map(|d| d.to_string())).collect()
    }

    #[test]
    fn the_seed_page_cites_two_documents() {
        let text = "为深入贯彻落实《国务院办公厅关于印发〈开展基层政务公开标准化规范化试点工作方案〉的通知》（国办发〔2017〕24号）\
                    和《浙江省人民政府办公厅关于印发2017年浙江省政务公开工作要点的通知》（浙政办发〔2017〕36号）精神";
        let found = extract(text, None, "");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].doc_no.as_ref().unwrap().as_str(), "国办发〔2017〕24号");
        assert!(found[0].title.as_deref().unwrap().starts_with("国务院办公厅关于印发"));
        assert_eq!(found[1].doc_no.as_ref().unwrap().as_str(), "浙政办发〔2017〕36号");
    }

    #[test]
    fn bare_numbers_start_after_lead_words_and_punctuation() {
        assert_eq!(nos("根据国办发〔2017〕24号文件精神，"), ["国办发〔2017〕24号"]);
        assert_eq!(
            nos("按照温政办[2017]62号和浙政办发（2017）36号要求"),
            ["温政办〔2017〕62号", "浙政办发〔2017〕36号"]
        );
        assert_eq!(nos("（温政发〔2019〕3号）同时废止。"), ["温政发〔2019〕3号"]);
    }

    #[test]
    fn orders_are_cited_too() {
        assert_eq!(nos("依照国务院令第711号的规定"), ["国务院令第711号"]);
    }

    #[test]
    fn each_document_once_and_never_itself() {
        let own = DocNo::parse("温政办〔2017〕62号").unwrap();
        let text = "国办发〔2017〕24号……国办发[2017]24号……温政办〔2017〕62号";
        let found = extract(text, Some(&own), "");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].doc_no.as_ref().unwrap().as_str(), "国办发〔2017〕24号");
    }

    #[test]
    fn a_document_does_not_cite_its_own_title() {
        let title = "温州市人民政府办公室关于印发温州市政务公开办法的通知";
        let text = format!("《{title}》已经市政府同意。依据《温州市政务公开规定》执行。");
        let found = extract(&text, None, title);
        assert_eq!(found, [Citation { doc_no: None, title: Some("温州市政务公开规定".into()) }]);
    }

    #[test]
    fn a_title_alone_is_kept_without_number() {
        let found = extract("依据《中华人民共和国政府信息公开条例》，制定本办法。", None, "");
        assert_eq!(found, [Citation { doc_no: None, title: Some("中华人民共和国政府信息公开条例".into()) }]);
    }

    #[test]
    fn things_that_are_not_numbers_are_ignored() {
        assert!(nos("2017年6月12号召开会议，第3号台风").is_empty());
        assert!(nos("〔2017〕24号").is_empty(), "no 机关代字");
        assert!(extract("《未闭合的书名号", None, "").is_empty());
        assert!(extract("", None, "").is_empty());
    }
}
