//! A deterministic generator of realistic demo content for the demo city 温州市.
//!
//! The platform needs a populated demo, corpora of up to a million documents for benchmarks, and
//! Chinese text whose vocabulary behaves like the real thing for full-text-search relevance tests.
//! Lorem ipsum or random word salad would defeat all three, so documents are assembled from
//! sentence templates and phrase banks modelled on real 通知/意见/办法/公告/动态/解读 texts of
//! Zhejiang governments (see `themes` and `subjects`), with real policy vocabulary.
//!
//! Every document is a pure function of `(seed, index)`: no global state, so a corpus can be
//! streamed or generated in parallel chunks. Corpus-wide invariants (文号 never repeat within an
//! agency-year, titles do not repeat, every genre appears early) come from arithmetic on the
//! index, explained in `layout`.
//!
//! Everything here is plain data with `'static` or owned strings; other crates convert it into
//! their own types.

mod agencies;
mod body;
mod calendar;
mod compose;
mod layout;
mod phrases;
pub(crate) mod rng;
mod subjects;
mod themes;

#[cfg(test)]
mod tests;

use body::{Para, cut_to, joined_len, render};

/// A government body of the demo city.
#[derive(Debug)]
pub struct DemoAgency {
    /// 9-digit organisation code used in 索引号 (001002003 for 温州市人民政府办公室); unique.
    pub code: &'static str,
    pub name: &'static str,
    pub short_name: &'static str,
    /// "government" (温州市人民政府), "department" or "district" (区/县级市 governments).
    pub kind: &'static str,
    /// The city government for everything but itself.
    pub parent_code: Option<&'static str>,
    /// 发文机关代字: 文号 are `{doc_prefix}〔2021〕12号` (函 and 批复: `{doc_prefix}函〔…〕`).
    pub doc_prefix: &'static str,
    pub address: &'static str,
    pub phone: &'static str,
    pub office_hours: &'static str,
    /// The "一级/二级" 主题分类 labels its documents are filed under.
    pub topics: &'static [&'static str],
}

/// One published item: a 公文, a news report, an interpretation, a notice or a data release.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoDocument {
    pub agency_code: &'static str,
    pub title: String,
    /// 温政办〔2019〕45号, 温发改函〔2020〕7号 or 温州市人民政府令第3号; `None` for 动态, 解读,
    /// 公告公示, 数据, 报告, 纪要 and 其他.
    pub doc_no: Option<String>,
    /// "一级/二级" 主题分类.
    pub topic: &'static str,
    /// 决定 命令 公告 通告 意见 通知 通报 报告 批复 函 纪要 动态 解读 公告公示 数据 其他.
    pub genre: &'static str,
    /// "rule" (规章), "normative" (行政规范性文件), "policy" (other 政策文件) or "none".
    pub policy_kind: &'static str,
    /// Item (1..=15) of Art. 20 of the 政府信息公开条例 the document is disclosed under.
    pub statutory_item: Option<u8>,
    /// 成文日期, always a weekday.
    pub written_on: (i32, u8, u8),
    /// 发布日期 and time: 0–10 working days after `written_on` (25–40 for about one in twelve:
    /// published late), within office hours.
    pub published: (i32, u8, u8, u8, u8),
    /// 内容概述, at most 120 characters.
    pub summary: String,
    /// 2–5 主题词.
    pub keywords: Vec<String>,
    /// Paragraphs of plain text with full-width punctuation.
    pub body: Vec<String>,
    /// For 规章, 规范性文件 and about half of the other policies.
    pub validity: Option<DemoValidity>,
    /// For 解读: the 文号 of the policy it interprets (as its body cites it).
    pub interprets: Option<String>,
}

/// 时效性 of a rule or policy, consistent with the demo's "today" (2026-11-28).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoValidity {
    /// "有效", "失效" (past 有效期), "废止", "已修改" or "尚未生效" (施行日期 after today).
    pub status: &'static str,
    /// 施行日期: 30 days after 成文, or the first of the month after next.
    pub effective_on: (i32, u8, u8),
    /// 有效期至: five years after `effective_on` (two for 暂行/试行); `None` for 规章.
    pub expires_on: Option<(i32, u8, u8)>,
}

/// How many agencies the demo city has.
pub const AGENCY_COUNT: usize = 21;

/// The demo city's agencies: the city government, its general office, 14 departments and five
/// district-level governments.
pub fn agencies() -> &'static [DemoAgency] {
    const _: () = assert!(agencies::AGENCIES.len() == AGENCY_COUNT);
    &agencies::AGENCIES
}

/// Deterministic: the same `(seed, index)` always gives the same document, independent of other
/// indices, so a 1,000,000-document corpus can be streamed or generated in parallel chunks.
pub fn document(seed: u64, index: u64) -> DemoDocument {
    let draft = compose::draft(seed, index);
    let mut doc = draft.doc;
    doc.body = render(&draft.paras);
    doc
}

/// The demo set: `document(seed, i)` for `i in 0..count`. From 300 documents on, every agency,
/// genre, policy kind and year 2015–2026 occurs; titles are unique for at least 2,000.
pub fn documents(seed: u64, count: u64) -> impl Iterator<Item = DemoDocument> {
    (0..count).map(move |i| document(seed, i))
}

/// Long-body variant for search benchmarks: the same document, its body padded with further
/// realistic paragraphs (in the document's own style: items, articles or news sentences,
/// inserted before the closing part) or shortened, so that the body is between `min_bytes` and
/// `max_bytes` of UTF-8: the paragraphs alone weigh at least `min_bytes` and, joined with
/// newlines, at most `max_bytes`. With very tight bounds the last paragraph may be cut
/// mid-sentence; if `min_bytes` cannot be reached without exceeding `max_bytes` the body stays
/// just below `min_bytes`.
///
/// # Panics
/// If `min_bytes > max_bytes`.
pub fn document_sized(seed: u64, index: u64, min_bytes: usize, max_bytes: usize) -> DemoDocument {
    assert!(min_bytes <= max_bytes, "document_sized: min_bytes {min_bytes} > max_bytes {max_bytes}");
    let mut draft = compose::draft(seed, index);
    let mut paras = std::mem::take(&mut draft.paras);
    let mut pad_at = draft.pad_at.min(paras.len());
    let mut body = render(&paras);

    // Too long already: drop content just before the padding point, then from the end.
    while joined_len(&body) > max_bytes && paras.len() > 1 {
        if pad_at > 1 {
            paras.remove(pad_at - 1);
            pad_at -= 1;
        } else {
            paras.pop();
            pad_at = pad_at.min(paras.len());
        }
        body = render(&paras);
    }
    if joined_len(&body) > max_bytes {
        draft.doc.body = vec![cut_to(&body[0], max_bytes)];
        return draft.doc;
    }

    let bare_len = |b: &[String]| b.iter().map(String::len).sum::<usize>();
    let offsets = (draft.rng.below(1000), draft.rng.below(1000));
    let mut n = 0;
    while bare_len(&body) < min_bytes && n < 100_000 {
        let text = padding_text(&draft, offsets, n);
        n += 1;
        paras.insert(pad_at, draft.pad_like.like(text.clone()));
        let grown = render(&paras);
        let size = joined_len(&grown);
        if size <= max_bytes {
            body = grown;
            pad_at += 1;
            continue;
        }
        // Shorten this paragraph to the room that is left, then stop.
        let keep = text.len().saturating_sub(size - max_bytes);
        let cut = cut_to(&text, keep);
        paras.remove(pad_at);
        if cut.len() >= '。'.len_utf8() * 2 {
            paras.insert(pad_at, draft.pad_like.like(cut));
            let grown = render(&paras);
            if joined_len(&grown) <= max_bytes {
                body = grown;
                pad_at += 1;
                continue;
            }
            paras.remove(pad_at);
        }
        break;
    }
    draft.doc.body = body;
    draft.doc
}

/// One padding paragraph, shaped like the document's own paragraphs: for 公文 a measure of the
/// document's theme elaborated with a generic sentence, for articles normative sentences, for
/// news a reporting sentence. Successive paragraphs walk through all (measure, sentence) pairs,
/// so a padded body does not repeat itself until it is very long.
fn padding_text(draft: &compose::Draft, (a, b): (usize, usize), n: usize) -> String {
    let measures = draft.theme.measures;
    let m = &measures[(a + n) % measures.len()];
    let pick = |bank: &[&'static str]| bank[(b + n / measures.len() + n) % bank.len()];
    if draft.news {
        return format!("在{}方面，{}{}", m.heading, m.points.concat(), pick(&phrases::NEWS_ELABORATIONS));
    }
    match draft.pad_like {
        Para::Item(_) => format!("{}。{}{}", m.heading, m.points.concat(), pick(&phrases::ELABORATIONS)),
        // A 规章's own articles are specific to it; theme sentences would stray off its subject.
        Para::Article(_) if draft.rule => {
            let extras = &phrases::ARTICLE_ELABORATIONS;
            let (i, j) = ((a + n) % extras.len(), (b + n / extras.len() + n + 1) % extras.len());
            if i == j { extras[i].to_string() } else { format!("{}{}", extras[i], extras[j]) }
        }
        Para::Article(_) => format!("{}{}", m.points.concat(), pick(&phrases::ARTICLE_ELABORATIONS)),
        _ => format!("{}{}", m.points[n % m.points.len()], pick(&phrases::ELABORATIONS)),
    }
}
