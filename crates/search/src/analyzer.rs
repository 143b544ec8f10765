//! Chinese segmentation: jieba with gongkai's dictionary of government terms, as a tantivy
//! tokenizer, and the synonym table.
//!
//! The tokenizer holds the dictionary behind an `Arc`. tantivy clones a field's tokenizer for
//! every segment writer, query and snippet; `tantivy_jieba::JiebaTokenizer::with_jieba` would
//! clone the whole jieba dictionary (hundreds of thousands of entries) each time, so gongkai
//! implements the few lines of the bridge itself.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use gongkai_core::text::char_len;
use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

const DICT: &str = include_str!("../data/dict.txt");
const SYNONYMS: &str = include_str!("../data/synonyms.txt");

/// Name under which the tokenizer is registered with tantivy.
pub(crate) const TOKENIZER: &str = "gongkai_zh";

/// Loading jieba's dictionary takes a noticeable time; it is done once per process.
static JIEBA: LazyLock<Arc<Jieba>> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for (word, freq) in dict_entries(DICT) {
        jieba.add_word(word, Some(freq), None);
    }
    // Every synonym that can be one token is a word too, so that a query word equals it.
    for group in SynonymTable::builtin().groups {
        for term in group {
            if term.chars().all(is_word_char) {
                jieba.add_word(&term, Some(99_999), None);
            }
        }
    }
    Arc::new(jieba)
});

/// `word [freq]` lines; `#` starts a comment line.
fn dict_entries(text: &str) -> impl Iterator<Item = (&str, usize)> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).filter_map(|l| {
        let mut parts = l.split_whitespace();
        let word = parts.next()?;
        let freq = parts.next().and_then(|f| f.parse().ok()).unwrap_or(99_999);
        Some((word, freq))
    })
}

/// A character that belongs to a word (Chinese, letters, digits); everything else separates.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A token of a text: lower-cased word, its position (in characters from the start, so that the
/// overlapping words of search mode line up for phrases) and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub position: usize,
    pub bytes: std::ops::Range<usize>,
}

impl Word {
    /// The position just after the word, in characters.
    pub fn end(&self) -> usize {
        self.position + char_len(&self.text)
    }
}

/// Segmentation shared by the index and the query side (and by a future database-backed index).
#[derive(Clone)]
pub struct Analyzer {
    jieba: Arc<Jieba>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer { jieba: JIEBA.clone() }
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

impl Analyzer {
    /// The words indexed for a text: jieba's search mode (long words and the shorter words inside
    /// them, so that 财政 finds 财政局), punctuation and spaces dropped.
    pub fn index_words(&self, text: &str) -> Vec<Word> {
        self.words(text, TokenizeMode::Search)
    }

    /// The words of a query: jieba's default mode (no overlaps), punctuation and spaces dropped.
    pub fn query_words(&self, text: &str) -> Vec<Word> {
        self.words(text, TokenizeMode::Default)
    }

    /// The smallest words jieba's search mode finds in a text (those containing no other word
    /// it found), with their positions. A query word is also searched as the phrase of these, so
    /// that 预算执行 still finds 财政预算执行, which jieba segments as 财政预算 + 执行.
    pub fn fine_words(&self, text: &str) -> Vec<Word> {
        smallest(&self.index_words(text))
    }

    fn words(&self, text: &str, mode: TokenizeMode) -> Vec<Word> {
        self.jieba
            .tokenize(text, mode, true)
            .into_iter()
            .filter(|t| t.word.chars().any(is_word_char))
            .map(|t| Word { text: t.word.to_lowercase(), position: t.start, bytes: t.byte_start..t.byte_end })
            .collect()
    }
}

/// Character spans `(start, end, index)` of a text's search-mode words, sorted.
pub(crate) fn spans(words: &[Word]) -> Vec<(usize, usize, usize)> {
    let mut spans: Vec<(usize, usize, usize)> =
        words.iter().enumerate().map(|(i, w)| (w.position, w.end(), i)).collect();
    spans.sort_unstable();
    spans
}

/// The words of `words` (one text's search-mode words) that contain no shorter word of them, in
/// order of position, one per position.
pub(crate) fn smallest(words: &[Word]) -> Vec<Word> {
    smallest_in(words, &spans(words))
}

/// [`smallest`], with the words' [`spans`].
fn smallest_in(words: &[Word], spans: &[(usize, usize, usize)]) -> Vec<Word> {
    // The words inside a word start at or after it and before its end, so each word is
    // compared only with its few neighbours in span order.
    let mut fine: Vec<Word> = Vec::new();
    for (k, &(start, end, i)) in spans.iter().enumerate() {
        let shorter_same_start = spans[..k].iter().rev().take_while(|s| s.0 == start).any(|s| s.1 < end);
        let inside = spans[k + 1..]
            .iter()
            .take_while(|s| s.0 < end)
            .any(|&(s, e, _)| s > start && e <= end && e - s < end - start);
        if !shorter_same_start && !inside && fine.last().is_none_or(|f| f.position != start) {
            fine.push(words[i].clone());
        }
    }
    fine
}

/// Runs of touching smallest words are looked up in the dictionary when they are this many
/// characters long. Shorter: a 2-character dictionary word is its own smallest word, so a query
/// never looks for it as a phrase. Longer: hardly a dictionary word, and each length looked up
/// costs indexing time.
pub(crate) const RUN_CHARS: std::ops::RangeInclusive<usize> = 3..=8;

impl Analyzer {
    /// Whether `word` is in the dictionary.
    pub fn is_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Dictionary words made of two or more touching smallest words of `text`, where jieba did
    /// not give them as one word: 预算执行 in 财政预算执行 (jieba: 财政预算 + 执行), 政务公开 in
    /// 政务公开办 (search mode gives only the 2- and 3-character words inside a longer one).
    /// Indexed beside the text's search-mode words, they let a dictionary word match wherever
    /// its characters are whole smallest words, as a single term: otherwise only a phrase of its
    /// smallest words finds it there, and a phrase of two common words reads the positions of
    /// every document holding both.
    ///
    /// `spans` are the [`spans`] of the search-mode words, `fine` their [`smallest`].
    pub(crate) fn run_words(&self, text: &str, spans: &[(usize, usize, usize)], fine: &[Word]) -> Vec<Word> {
        let mut out = Vec::new();
        for (i, first) in fine.iter().enumerate() {
            for j in i + 1..fine.len() {
                let (prev, last) = (&fine[j - 1], &fine[j]);
                let end = last.end();
                if last.position > prev.end() || end - first.position > *RUN_CHARS.end() {
                    break;
                }
                let run = &text[first.bytes.start..last.bytes.end];
                let given = || spans.binary_search_by(|s| (s.0, s.1).cmp(&(first.position, end))).is_ok();
                if end - first.position >= *RUN_CHARS.start() && self.jieba.has_word(run) && !given() {
                    let bytes = first.bytes.start..last.bytes.end;
                    out.push(Word { text: run.to_lowercase(), position: first.position, bytes });
                }
            }
        }
        out
    }

    /// The words the tantivy index holds for a text: [`Analyzer::index_words`] and
    /// [`Analyzer::run_words`].
    pub(crate) fn indexed_words(&self, text: &str) -> Vec<Word> {
        let mut words = self.index_words(text);
        let spans = spans(&words);
        let runs = self.run_words(text, &spans, &smallest_in(&words, &spans));
        words.extend(runs);
        words
    }
}

/// The tantivy side of [`Analyzer::index_words`], with the [`Analyzer::run_words`].
#[derive(Clone, Default)]
pub(crate) struct GovTokenizer {
    analyzer: Analyzer,
}

pub(crate) struct GovTokenStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl Tokenizer for GovTokenizer {
    type TokenStream<'a> = GovTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GovTokenStream {
        let mut tokens: Vec<Token> = self
            .analyzer
            .indexed_words(text)
            .into_iter()
            .map(|w| Token {
                offset_from: w.bytes.start,
                offset_to: w.bytes.end,
                position: w.position,
                position_length: 1,
                text: w.text,
            })
            .collect();
        // Search mode emits a long word and then the shorter words inside it, so offsets go
        // back. tantivy's snippet generator assumes they never do (it panicked on 最低生活保障
        // in the relevance test); in offset order the same positions are indexed.
        tokens.sort_by_key(|t| (t.offset_from, t.offset_to));
        GovTokenStream { tokens: tokens.into_iter(), current: Token::default() }
    }
}

impl TokenStream for GovTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(token) => {
                self.current = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// Groups of equivalent terms (`data/synonyms.txt`), applied at query time.
#[derive(Debug, Clone, Default)]
pub struct SynonymTable {
    groups: Vec<Vec<String>>,
    by_term: HashMap<String, usize>,
}

impl SynonymTable {
    /// The table compiled in from `data/synonyms.txt`.
    pub fn builtin() -> SynonymTable {
        SynonymTable::parse(SYNONYMS)
    }

    /// One group per line, terms separated by `|`; `#` starts a comment line.
    pub fn parse(text: &str) -> SynonymTable {
        let mut table = SynonymTable::default();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let group: Vec<String> =
                line.split('|').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
            if group.len() < 2 {
                continue;
            }
            let id = table.groups.len();
            for term in &group {
                table.by_term.entry(term.clone()).or_insert(id);
            }
            table.groups.push(group);
        }
        table
    }

    /// The terms equivalent to `term`, itself first; just `term` when it has none.
    pub fn expand(&self, term: &str) -> Vec<String> {
        let mut out = vec![term.to_string()];
        if let Some(&id) = self.by_term.get(term) {
            out.extend(self.groups[id].iter().filter(|t| *t != term).cloned());
        }
        out
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn government_terms_are_one_word() {
        let a = Analyzer::default();
        for term in ["依申请公开", "最多跑一次", "四张清单一张网", "行政规范性文件", "放管服"]
        {
            let words = a.query_words(&format!("关于{term}的通知"));
            assert!(texts(&words).contains(&term), "{term}: {:?}", texts(&words));
        }
    }

    #[test]
    fn search_mode_indexes_words_inside_words_and_drops_punctuation() {
        let a = Analyzer::default();
        let words = a.index_words("温州市财政局：最低生活保障，ABC");
        let t = texts(&words);
        assert!(t.contains(&"财政"), "{t:?}");
        assert!(t.contains(&"最低生活保障"), "{t:?}");
        assert!(t.contains(&"abc"), "{t:?}");
        assert!(!t.iter().any(|w| w.contains('：') || w.contains('，')), "{t:?}");
    }

    /// The definition of [`smallest`], checked word against word.
    fn smallest_by_definition(words: &[Word]) -> Vec<Word> {
        let inside = |o: &Word, w: &Word| {
            o.position >= w.position && o.end() <= w.end() && char_len(&o.text) < char_len(&w.text)
        };
        let mut fine: Vec<Word> = words.iter().filter(|w| !words.iter().any(|o| inside(o, w))).cloned().collect();
        fine.sort_by_key(|w| w.position);
        fine.dedup_by_key(|w| w.position);
        fine
    }

    #[test]
    fn smallest_words_are_those_containing_no_other() {
        let a = Analyzer::default();
        for text in [
            "2017年温州市财政预算执行情况的报告：全市一般公共预算收入完成情况良好。",
            "关于推进老旧小区改造和城中村改造的实施意见（温政办〔2017〕62号）",
            "最低生活保障 四张清单一张网 依申请公开 ABC-123 3.5%",
            "",
        ] {
            let words = a.index_words(text);
            assert_eq!(smallest(&words), smallest_by_definition(&words), "{text}");
        }
        assert_eq!(texts(&a.fine_words("财政预算执行")), vec!["财政", "预算", "执行"]);
    }

    #[test]
    fn run_words_are_dictionary_words_jieba_did_not_give() {
        let a = Analyzer::default();
        let run_words = |text: &str| {
            let words = a.index_words(text);
            a.run_words(text, &spans(&words), &smallest(&words))
        };
        let runs = |text: &str| run_words(text).into_iter().map(|w| (w.text, w.position)).collect::<Vec<_>>();
        let text = "财政预算执行情况";
        assert!(!texts(&a.index_words(text)).contains(&"预算执行"), "{:?}", a.index_words(text));
        assert!(runs(text).contains(&("预算执行".to_string(), 2)), "{:?}", runs(text));
        // Never a word jieba gave at the same place, nor across punctuation.
        assert!(!runs("政务公开").iter().any(|(w, _)| w == "政务公开"));
        assert!(!runs("财政预算。执行情况").iter().any(|(w, _)| w == "预算执行"));
        for run in run_words(text) {
            assert_eq!(&text[run.bytes.clone()], run.text);
        }
    }

    #[test]
    fn dictionary_and_synonyms_have_enough_entries() {
        assert!(dict_entries(DICT).count() >= 40);
        let table = SynonymTable::builtin();
        assert!(table.len() >= 15);
        assert_eq!(table.expand("低保"), vec!["低保", "最低生活保障"]);
        assert_eq!(table.expand("最低生活保障"), vec!["最低生活保障", "低保"]);
        assert_eq!(table.expand("财政"), vec!["财政"]);
    }
}
