//! Structured bodies: paragraphs whose numbering (一、 （一） 1. 第一章 第一条) is assigned at
//! render time, so that padding can insert further items or articles in the middle of a
//! document and the numbering stays consistent.

use super::calendar::cn_num;

#[derive(Clone, Debug)]
pub(super) enum Para {
    /// Plain paragraph.
    Text(String),
    /// "一、{text}"; restarts item and point numbering.
    Section(String),
    /// "（一）{text}"; restarts point numbering.
    Item(String),
    /// "1.{text}".
    Point(String),
    /// "第一章　{text}".
    Chapter(String),
    /// "第一条　{text}"; numbered through the whole document.
    Article(String),
}

impl Para {
    /// A paragraph of the same kind with other text (used for padding).
    pub(super) fn like(&self, text: String) -> Para {
        match self {
            Para::Text(_) | Para::Section(_) | Para::Chapter(_) => Para::Text(text),
            Para::Item(_) => Para::Item(text),
            Para::Point(_) => Para::Point(text),
            Para::Article(_) => Para::Article(text),
        }
    }
}

pub(super) fn render(paras: &[Para]) -> Vec<String> {
    let (mut section, mut item, mut point, mut chapter, mut article) = (0, 0, 0, 0, 0);
    paras
        .iter()
        .map(|p| match p {
            Para::Text(t) => t.clone(),
            Para::Section(t) => {
                section += 1;
                item = 0;
                point = 0;
                format!("{}、{}", cn_num(section), t)
            }
            Para::Item(t) => {
                item += 1;
                point = 0;
                format!("（{}）{}", cn_num(item), t)
            }
            Para::Point(t) => {
                point += 1;
                format!("{point}.{t}")
            }
            Para::Chapter(t) => {
                chapter += 1;
                format!("第{}章　{}", cn_num(chapter), t)
            }
            Para::Article(t) => {
                article += 1;
                format!("第{}条　{}", cn_num(article), t)
            }
        })
        .collect()
}

/// Size of a body as stored: paragraphs joined by one newline.
pub(super) fn joined_len(body: &[String]) -> usize {
    body.iter().map(String::len).sum::<usize>() + body.len().saturating_sub(1)
}

/// Cuts `text` to at most `max` bytes, preferring to end at a sentence boundary (。；), and
/// otherwise at a character boundary followed by 。 so that the paragraph still ends cleanly.
pub(super) fn cut_to(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut best = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if end > max {
            break;
        }
        if c == '。' || c == '；' {
            best = Some(end);
        }
    }
    if let Some(end) = best {
        let mut s = text[..end].to_string();
        if s.ends_with('；') {
            s.truncate(s.len() - '；'.len_utf8());
            s.push('。');
        }
        return s;
    }
    let dot = '。'.len_utf8();
    if max < dot {
        return String::new();
    }
    let mut end = max - dot;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut s = text[..end].trim_end_matches(['，', '、', '；', '：']).to_string();
    s.push('。');
    s
}
