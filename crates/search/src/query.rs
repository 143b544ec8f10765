//! The query language, such as it is: words (all required) and `"phrases"`. Everything else —
//! operators, brackets, emoji, control characters — separates words, so no input is an error.

use crate::analyzer::{Analyzer, SynonymTable, Word, is_word_char};

/// Query text beyond this many characters is ignored (no real query is longer; 10 KB pasted
/// into the box must not cost a 10 KB query).
pub const MAX_QUERY_CHARS: usize = 100;
/// At most this many required words; the rest are ignored.
const MAX_GROUPS: usize = 16;
/// Function words that would otherwise be required and exclude documents for no reason.
const STOPWORDS: &[&str] = &["的", "了", "和", "与", "及", "或", "之", "等", "在", "是", "对", "and", "or", "not"];
const QUOTES: &[char] = &['"', '“', '”', '「', '」', '『', '』', '＂'];

/// One required part of a query: any of its alternatives matches. An alternative is one word or
/// a phrase (words with their positions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermGroup {
    pub alternatives: Vec<Vec<Word>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    pub groups: Vec<TermGroup>,
}

/// The query text without control characters, at most [`MAX_QUERY_CHARS`] characters, trimmed.
pub fn clean(text: &str) -> String {
    let s: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).take(MAX_QUERY_CHARS).collect();
    s.trim().to_string()
}

/// Adds the phrase of the smallest words of `text` as a further alternative when it differs.
fn add_fine(analyzer: &Analyzer, text: &str, alternatives: &mut Vec<Vec<Word>>) {
    let fine = analyzer.fine_words(text);
    let same = |alt: &Vec<Word>| alt.len() == fine.len() && alt.iter().zip(&fine).all(|(a, b)| a.text == b.text);
    if fine.len() > 1 && !alternatives.iter().any(same) {
        alternatives.push(fine);
    }
}

impl ParsedQuery {
    pub fn parse(analyzer: &Analyzer, synonyms: &SynonymTable, text: &str) -> ParsedQuery {
        let text = clean(text);
        let mut groups = Vec::new();
        let mut stop_groups = Vec::new();
        let mut in_phrase = false;
        let mut current = String::new();
        let flush = |segment: &str, phrase: bool, groups: &mut Vec<TermGroup>, stops: &mut Vec<TermGroup>| {
            if phrase {
                let words = analyzer.query_words(segment);
                if !words.is_empty() {
                    let mut alternatives = vec![words];
                    add_fine(analyzer, segment, &mut alternatives);
                    groups.push(TermGroup { alternatives });
                }
                return;
            }
            for chunk in segment.split(|c: char| !is_word_char(c)).filter(|c| !c.is_empty()) {
                if matches!(chunk, "AND" | "OR" | "NOT") {
                    continue;
                }
                for word in analyzer.query_words(chunk) {
                    let mut alternatives = Vec::new();
                    for term in synonyms.expand(&word.text) {
                        let alt = if term == word.text {
                            vec![Word { position: 0, ..word.clone() }]
                        } else {
                            analyzer.query_words(&term)
                        };
                        if !alt.is_empty() {
                            alternatives.push(alt);
                        }
                        add_fine(analyzer, &term, &mut alternatives);
                    }
                    let group = TermGroup { alternatives };
                    if STOPWORDS.contains(&word.text.as_str()) {
                        stops.push(group);
                    } else {
                        groups.push(group);
                    }
                }
            }
        };
        for c in text.chars() {
            if QUOTES.contains(&c) {
                flush(&current, in_phrase, &mut groups, &mut stop_groups);
                current.clear();
                in_phrase = !in_phrase;
            } else {
                current.push(c);
            }
        }
        // An unterminated quote is read as ordinary words.
        flush(&current, false, &mut groups, &mut stop_groups);
        if groups.is_empty() {
            groups = stop_groups;
        }
        groups.dedup();
        groups.truncate(MAX_GROUPS);
        ParsedQuery { groups }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every word of the query (synonyms included), for highlighting.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().flat_map(|g| g.alternatives.iter().flatten()).map(|w| w.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ParsedQuery {
        ParsedQuery::parse(&Analyzer::default(), &SynonymTable::builtin(), text)
    }

    #[test]
    fn operators_and_punctuation_are_separators() {
        assert!(parse("").is_empty());
        assert!(parse("+-:^*()~ “” \"\" ！？。，").is_empty());
        assert!(parse("\u{0}\u{7}\u{1b}").is_empty());
        let q = parse("财政 AND 预算");
        assert_eq!(q.groups.len(), 2);
    }

    #[test]
    fn quoted_text_is_one_phrase_group() {
        let q = parse("\"财政预算执行\"");
        assert_eq!(q.groups.len(), 1);
        // The phrase as jieba segments it, and the phrase of its smallest words.
        assert!(q.groups[0].alternatives.iter().all(|alt| alt.len() > 1), "{q:?}");
    }

    #[test]
    fn synonyms_become_alternatives() {
        let q = parse("低保");
        assert_eq!(q.groups.len(), 1);
        let single: Vec<&str> =
            q.groups[0].alternatives.iter().filter(|a| a.len() == 1).map(|a| a[0].text.as_str()).collect();
        assert_eq!(single, vec!["低保", "最低生活保障"]);
    }

    #[test]
    fn long_text_is_capped() {
        let q = clean(&"财政".repeat(5000));
        assert_eq!(q.chars().count(), MAX_QUERY_CHARS);
        assert!(parse(&"财政预算执行情况 ".repeat(2000)).groups.len() <= MAX_GROUPS);
    }
}
