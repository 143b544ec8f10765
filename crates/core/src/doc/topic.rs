//! 主题分类: the two-level subject classification of government information.
//!
//! The vocabulary is the gov.cn 国务院政策文件库 tree, kept as data in `data/topics.txt`.
//! Local platforms use their own variants (`综合政务/政务综合类`, `民政、乡村振兴、救灾`); an
//! imported label outside the vocabulary is kept as written rather than dropped or forced into
//! the nearest category, because the label is part of the record being migrated.

use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

const VOCABULARY_DATA: &str = include_str!("../../../../data/topics.txt");

/// A first-level category and its second-level categories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicGroup {
    pub name: &'static str,
    pub children: Vec<&'static str>,
}

static VOCABULARY: LazyLock<Vec<TopicGroup>> = LazyLock::new(|| parse_vocabulary(VOCABULARY_DATA));

fn parse_vocabulary(data: &'static str) -> Vec<TopicGroup> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('：'))
        .map(|(name, children)| TopicGroup {
            name: name.trim(),
            children: children.split(" · ").map(str::trim).filter(|c| !c.is_empty()).collect(),
        })
        .collect()
}

/// The whole vocabulary, in its official order.
pub fn vocabulary() -> &'static [TopicGroup] {
    &VOCABULARY
}

/// A 主题分类 label: a first-level category and, usually, a second-level one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Topic {
    primary: String,
    secondary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TopicError {
    #[error("主题分类不能为空")]
    Empty,
    #[error("主题分类“{0}”过长（最多 60 字）")]
    TooLong(String),
}

/// Separators seen between the two levels: gov.cn writes `综合政务\其他`, many local sites
/// `综合政务/政务公开`, some `综合政务-文秘工作` or `综合政务>政务公开`.
const SEPARATORS: [char; 8] = ['/', '\\', '／', '＼', '>', '＞', '-', '－'];

impl Topic {
    /// Parses a label such as `综合政务/政务公开` or `综合政务\其他`. Any non-empty label is kept;
    /// use [`Topic::is_known`] to tell whether it is in the vocabulary.
    pub fn parse(label: &str) -> Result<Topic, TopicError> {
        let label = label.trim();
        if label.is_empty() {
            return Err(TopicError::Empty);
        }
        if crate::text::char_len(label) > 60 {
            return Err(TopicError::TooLong(label.into()));
        }
        // Split at the first separator that leaves text on both sides, so a name that itself
        // contains a hyphen-like character is not cut in the wrong place.
        let split = label
            .char_indices()
            .filter(|(_, c)| SEPARATORS.contains(c))
            .map(|(i, c)| (label[..i].trim(), label[i + c.len_utf8()..].trim()))
            .find(|(a, b)| !a.is_empty() && !b.is_empty());
        Ok(match split {
            Some((a, b)) => Topic { primary: a.into(), secondary: Some(b.into()) },
            None => Topic { primary: label.trim_matches(SEPARATORS).trim().into(), secondary: None },
        })
    }

    pub fn primary(&self) -> &str {
        &self.primary
    }

    pub fn secondary(&self) -> Option<&str> {
        self.secondary.as_deref()
    }

    /// Is this label in the gov.cn vocabulary? A first-level category alone counts when the
    /// category has no children (其他).
    pub fn is_known(&self) -> bool {
        vocabulary().iter().any(|g| {
            g.name == self.primary
                && match &self.secondary {
                    Some(s) => g.children.iter().any(|c| c == s),
                    None => g.children.is_empty(),
                }
        })
    }

    /// The label as gongkai shows and stores it: `一级/二级`.
    pub fn label(&self) -> String {
        match &self.secondary {
            Some(s) => format!("{}/{}", self.primary, s),
            None => self.primary.clone(),
        }
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl TryFrom<String> for Topic {
    type Error = TopicError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Topic::parse(&s)
    }
}

impl From<Topic> for String {
    fn from(t: Topic) -> String {
        t.label()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_has_the_22_gov_cn_groups() {
        let v = vocabulary();
        assert_eq!(v.len(), 22);
        assert_eq!(v[1].name, "综合政务");
        assert!(v[1].children.contains(&"政务公开"));
        let agriculture = v.iter().find(|g| g.name == "农业、林业、水利").unwrap();
        assert_eq!(agriculture.children, ["农业、畜牧业、渔业", "林业", "水利", "其他"]);
        assert!(v.iter().find(|g| g.name == "其他").unwrap().children.is_empty());
        let second_level: usize = v.iter().map(|g| g.children.len()).sum();
        assert_eq!(second_level, 121);
    }

    #[test]
    fn known_labels_in_every_separator_style() {
        for s in [
            "综合政务/政务公开",
            "综合政务\\政务公开",
            "综合政务－政务公开",
            "综合政务 > 政务公开",
            "综合政务／政务公开",
        ] {
            let t = Topic::parse(s).unwrap();
            assert!(t.is_known(), "{s}");
            assert_eq!(t.label(), "综合政务/政务公开");
        }
        assert!(Topic::parse("其他").unwrap().is_known());
        assert!(Topic::parse("城乡建设、环境保护/城乡建设（含住房）").unwrap().is_known());
    }

    #[test]
    fn unknown_labels_are_kept_not_dropped() {
        let t = Topic::parse("综合政务/政务综合类").unwrap();
        assert!(!t.is_known());
        assert_eq!(t.label(), "综合政务/政务综合类");
        let t = Topic::parse("民政、乡村振兴、救灾").unwrap();
        assert!(!t.is_known());
        assert_eq!(t.primary(), "民政、乡村振兴、救灾");
        // A first-level category that has children is not complete on its own.
        assert!(!Topic::parse("综合政务").unwrap().is_known());
    }

    #[test]
    fn empty_and_oversize_labels_are_refused() {
        assert_eq!(Topic::parse(" "), Err(TopicError::Empty));
        assert!(matches!(Topic::parse(&"长".repeat(61)), Err(TopicError::TooLong(_))));
    }

    #[test]
    fn every_vocabulary_entry_round_trips_through_its_label() {
        for g in vocabulary() {
            for c in &g.children {
                let t = Topic::parse(&format!("{}/{}", g.name, c)).unwrap();
                assert!(t.is_known(), "{}/{}", g.name, c);
                assert_eq!(Topic::parse(&t.label()).unwrap(), t);
            }
        }
    }
}
