//! What an index kept in a database stores and runs, computed here so that it segments and
//! matches exactly as the tantivy index does (same jieba, dictionary, synonyms and query
//! grammar); the SQL that stores and runs it is in `gongkai-store`.
//!
//! A database's full-text index numbers the words of a text one after the other, and a phrase
//! is words with consecutive numbers. jieba's search mode gives overlapping words (财政预算, then
//! 财政 and 预算 inside it), which cannot be numbered that way, so a text is stored as its
//! smallest words in order ([`Analyzer::fine_words`], numbered consecutively: phrases are
//! matched on these) followed by the longer words that contain them (matched as single words).

use std::collections::HashSet;

use gongkai_core::doc::{DocNo, IndexNo};

use crate::analyzer::{Analyzer, SynonymTable, is_word_char, smallest};
use crate::query::{ParsedQuery, clean};

/// The words of `text` as a database index stores them, in order (see the module comment).
/// Every word is lower case and made only of letters and digits (a jieba word such as `3.5%` is
/// stored as `3`, `5`), so a database's own tokenizer and query parser see them unchanged.
pub fn terms(analyzer: &Analyzer, text: &str) -> Vec<String> {
    let words = analyzer.index_words(text);
    let fine = smallest(&words);
    let is_fine: HashSet<(usize, &str)> = fine.iter().map(|f| (f.position, f.text.as_str())).collect();
    let mut out: Vec<String> = fine.iter().flat_map(|w| parts(&w.text)).collect();
    for word in &words {
        if !is_fine.contains(&(word.position, word.text.as_str())) {
            out.extend(parts(&word.text));
        }
    }
    out
}

fn parts(word: &str) -> impl Iterator<Item = String> + '_ {
    word.split(|c: char| !is_word_char(c)).filter(|p| !p.is_empty()).map(str::to_string)
}

/// One way a required part of a query may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// This word anywhere.
    Word(String),
    /// These smallest words one after the other.
    Phrase(Vec<String>),
}

/// A query for a database index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryPlan {
    /// Every group must match; within a group, any of its alternatives. Empty: no text query.
    pub groups: Vec<Vec<Match>>,
    /// Every word of the query with its synonyms, for marking results.
    pub words: Vec<String>,
}

impl QueryPlan {
    /// The query text as groups of alternatives, from the same [`ParsedQuery`] tantivy runs.
    pub fn new(analyzer: &Analyzer, synonyms: &SynonymTable, text: &str) -> QueryPlan {
        let parsed = ParsedQuery::parse(analyzer, synonyms, text);
        let mut words: Vec<String> = parsed.words().map(str::to_string).collect();
        words.sort();
        words.dedup();
        let groups = parsed
            .groups
            .iter()
            .map(|group| {
                let mut alternatives: Vec<Match> = Vec::new();
                for alt in &group.alternatives {
                    let m = match alt.as_slice() {
                        [one] => to_match(parts(&one.text).collect()),
                        many => {
                            let joined: String = many.iter().map(|w| w.text.as_str()).collect();
                            to_match(analyzer.fine_words(&joined).iter().flat_map(|w| parts(&w.text)).collect())
                        }
                    };
                    if let Some(m) = m
                        && !alternatives.contains(&m)
                    {
                        alternatives.push(m);
                    }
                }
                alternatives
            })
            .filter(|alternatives| !alternatives.is_empty())
            .collect();
        QueryPlan { groups, words }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

fn to_match(mut words: Vec<String>) -> Option<Match> {
    match words.len() {
        0 => None,
        1 => words.pop().map(Match::Word),
        _ => Some(Match::Phrase(words)),
    }
}

/// The key a 文号 is looked up by: its normal form when it parses, else the trimmed text.
pub fn doc_no_key(doc_no: &str) -> String {
    DocNo::parse(doc_no).map(|n| n.as_str().to_string()).unwrap_or_else(|_| doc_no.trim().to_string())
}

/// What the whole query text would be as a 文号 key and as an 索引号, whatever bracket or
/// spacing variant was typed (the importer's normalisation).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExactKeys {
    pub doc_no: Option<String>,
    pub index_no: Option<String>,
}

impl ExactKeys {
    pub fn of(text: &str) -> ExactKeys {
        let text = clean(text);
        if text.is_empty() || text.chars().count() > 64 {
            return ExactKeys::default();
        }
        ExactKeys {
            doc_no: DocNo::parse(&text).ok().map(|n| n.as_str().to_string()),
            index_no: IndexNo::parse(&text).ok().map(|n| n.as_str().to_string()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.doc_no.is_none() && self.index_no.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> QueryPlan {
        QueryPlan::new(&Analyzer::default(), &SynonymTable::builtin(), text)
    }

    #[test]
    fn terms_put_the_smallest_words_first_in_order() {
        let t = terms(&Analyzer::default(), "财政预算执行，3.5%");
        let pos = |w: &str| t.iter().position(|x| x == w).unwrap_or_else(|| panic!("{w} missing from {t:?}"));
        // 财政 预算 执行 are consecutive (a phrase of them matches); 财政预算 comes after.
        assert_eq!((pos("预算"), pos("执行")), (pos("财政") + 1, pos("财政") + 2), "{t:?}");
        assert!(pos("财政预算") > pos("执行"), "{t:?}");
        assert!(t.iter().all(|w| w.chars().all(char::is_alphanumeric)), "{t:?}");
    }

    #[test]
    fn a_query_word_is_itself_its_synonyms_and_the_phrase_of_its_smallest_words() {
        let p = plan("最低生活保障");
        assert_eq!(p.groups.len(), 1);
        let g = &p.groups[0];
        assert!(g.contains(&Match::Word("最低生活保障".into())), "{g:?}");
        assert!(g.contains(&Match::Word("低保".into())), "{g:?}");
        assert!(
            g.iter().any(|m| matches!(m, Match::Phrase(w) if w.first().map(String::as_str) == Some("最低"))),
            "{g:?}"
        );
        assert!(plan("！？。，").is_empty());
    }

    #[test]
    fn exact_keys_read_any_bracket_variant() {
        let a = ExactKeys::of("温政办[2017]62号");
        assert_eq!(a, ExactKeys::of(" 温政办 (2017) 62 号 "));
        assert!(a.doc_no.is_some());
        assert!(ExactKeys::of("财政预算").is_empty());
        assert!(ExactKeys::of(&"温".repeat(80)).is_empty());
    }
}
