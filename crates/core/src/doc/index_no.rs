//! 索引号: the unique catalogue number of a piece of government information.
//!
//! 条例 Art. 12 requires every item of the 政府信息公开目录 to carry an 索引 (index). There is no
//! national format; platforms use `{机构代码}/{年份}-{流水号}` (gov.cn `000014349/2024-00037`), with
//! local variants (`11341702486344515H/202110-00013`). gongkai therefore generates new numbers from
//! a configurable [`IndexTemplate`] and accepts imported numbers as they are, provided they are
//! safe to use in a URL path (`/doc/{索引号}`).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A well-formed 索引号.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndexNo(String);

pub const MAX_INDEX_NO_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexNoError {
    #[error("索引号不能为空")]
    Empty,
    #[error("索引号“{0}”过长（最多 64 个字符）")]
    TooLong(String),
    #[error("索引号“{0}”含有不允许的字符：只能使用字母、数字和 / - _ .，如 001002003/2017-01330")]
    BadChar(String),
    #[error("索引号“{0}”的格式不正确：不能以 / 开头或结尾，不能含有 // 或 ..")]
    BadShape(String),
}

impl IndexNo {
    /// Accepts an existing 索引号 as it is, after removing surrounding white space and folding
    /// full-width characters. Only characters that are safe in a URL path segment are allowed.
    pub fn parse(input: &str) -> Result<IndexNo, IndexNoError> {
        let s = crate::text::compact_identifier(input);
        if s.is_empty() {
            return Err(IndexNoError::Empty);
        }
        if s.len() > MAX_INDEX_NO_LEN {
            return Err(IndexNoError::TooLong(s));
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.')) {
            return Err(IndexNoError::BadChar(s));
        }
        if s.starts_with('/')
            || s.ends_with('/')
            || s.contains("//")
            || s.contains("..")
            || !s.chars().any(|c| c.is_ascii_alphanumeric())
        {
            return Err(IndexNoError::BadShape(s));
        }
        Ok(IndexNo(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IndexNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for IndexNo {
    type Error = IndexNoError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IndexNo::parse(&s)
    }
}

impl From<IndexNo> for String {
    fn from(i: IndexNo) -> String {
        i.0
    }
}

/// The template new 索引号 are generated from, e.g. `{agency_code}/{year}-{serial:05}`.
///
/// Placeholders: `{agency_code}`, `{year}`, `{month}` (two digits) and `{serial}` or
/// `{serial:0N}` (zero-padded to N digits). The serial restarts every year per agency, so a
/// template must contain `{agency_code}`, `{year}` and `{serial}`: together they make every
/// generated number unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexTemplate {
    source: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    AgencyCode,
    Year,
    Month,
    Serial { width: usize },
}

pub const DEFAULT_INDEX_TEMPLATE: &str = "{agency_code}/{year}-{serial:05}";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("索引号模板“{template}”中有未知的占位符 {{{name}}}：可用 {{agency_code}} {{year}} {{month}} {{serial:05}}")]
    UnknownPlaceholder { template: String, name: String },
    #[error("索引号模板“{0}”中的花括号不成对")]
    Unbalanced(String),
    #[error("索引号模板“{0}”必须同时含有 {{agency_code}}、{{year}} 和 {{serial}}，否则生成的索引号可能重复")]
    NotUnique(String),
    #[error("索引号模板“{0}”的固定部分只能使用字母、数字和 / - _ .")]
    BadLiteral(String),
}

impl IndexTemplate {
    pub fn parse(template: &str) -> Result<IndexTemplate, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = template;
        while !rest.is_empty() {
            match rest.find('{') {
                Some(0) => {
                    let end = rest.find('}').ok_or_else(|| TemplateError::Unbalanced(template.into()))?;
                    parts.push(placeholder(template, &rest[1..end])?);
                    rest = &rest[end + 1..];
                }
                Some(i) => {
                    parts.push(literal(template, &rest[..i])?);
                    rest = &rest[i..];
                }
                None => {
                    parts.push(literal(template, rest)?);
                    rest = "";
                }
            }
        }
        let has = |p: fn(&Part) -> bool| parts.iter().any(p);
        if !(has(|p| *p == Part::AgencyCode) && has(|p| *p == Part::Year) && has(|p| matches!(p, Part::Serial { .. })))
        {
            return Err(TemplateError::NotUnique(template.into()));
        }
        Ok(IndexTemplate { source: template.into(), parts })
    }

    /// Renders the number for the `serial`-th document of `agency_code` in `year`.
    ///
    /// Fails only if the agency code itself contains characters an 索引号 may not have.
    pub fn render(&self, agency_code: &str, year: i32, month: u8, serial: u32) -> Result<IndexNo, IndexNoError> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::AgencyCode => out.push_str(agency_code),
                Part::Year => out.push_str(&format!("{year:04}")),
                Part::Month => out.push_str(&format!("{month:02}")),
                Part::Serial { width } => out.push_str(&format!("{serial:0width$}")),
            }
        }
        IndexNo::parse(&out)
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl Default for IndexTemplate {
    fn default() -> Self {
        IndexTemplate::parse(DEFAULT_INDEX_TEMPLATE).expect("the default template is valid")
    }
}

fn placeholder(template: &str, name: &str) -> Result<Part, TemplateError> {
    let unknown = || TemplateError::UnknownPlaceholder { template: template.into(), name: name.into() };
    match name {
        "agency_code" => Ok(Part::AgencyCode),
        "year" => Ok(Part::Year),
        "month" => Ok(Part::Month),
        "serial" => Ok(Part::Serial { width: 0 }),
        _ => {
            let width = name.strip_prefix("serial:0").ok_or_else(unknown)?;
            let width: usize = width.parse().map_err(|_| unknown())?;
            if (1..=12).contains(&width) { Ok(Part::Serial { width }) } else { Err(unknown()) }
        }
    }
}

fn literal(template: &str, s: &str) -> Result<Part, TemplateError> {
    if s.contains('}') {
        return Err(TemplateError::Unbalanced(template.into()));
    }
    if !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.')) {
        return Err(TemplateError::BadLiteral(template.into()));
    }
    Ok(Part::Literal(s.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_template_renders_the_gov_cn_shape() {
        let t = IndexTemplate::default();
        assert_eq!(t.render("001002003", 2017, 6, 1330).unwrap().as_str(), "001002003/2017-01330");
        assert_eq!(t.render("000014349", 2024, 1, 37).unwrap().as_str(), "000014349/2024-00037");
    }

    #[test]
    fn local_templates_work() {
        let t = IndexTemplate::parse("{agency_code}/{year}{month}-{serial:05}").unwrap();
        assert_eq!(t.render("11341702486344515H", 2021, 10, 13).unwrap().as_str(), "11341702486344515H/202110-00013");
        let t = IndexTemplate::parse("{agency_code}-{year}-{serial}").unwrap();
        assert_eq!(t.render("01527918X", 2020, 1, 153077).unwrap().as_str(), "01527918X-2020-153077");
    }

    #[test]
    fn templates_that_could_repeat_or_are_malformed_are_refused() {
        assert!(matches!(IndexTemplate::parse("{year}-{serial:05}"), Err(TemplateError::NotUnique(_))));
        assert!(matches!(IndexTemplate::parse("{agency_code}/{serial}"), Err(TemplateError::NotUnique(_))));
        assert!(matches!(
            IndexTemplate::parse("{agency_code}/{yr}-{serial}"),
            Err(TemplateError::UnknownPlaceholder { .. })
        ));
        assert!(matches!(
            IndexTemplate::parse("{agency_code}/{year-{serial}"),
            Err(TemplateError::UnknownPlaceholder { .. })
        ));
        assert!(matches!(IndexTemplate::parse("{agency_code}/{year}-{serial"), Err(TemplateError::Unbalanced(_))));
        assert!(matches!(IndexTemplate::parse("{agency_code} {year}-{serial}"), Err(TemplateError::BadLiteral(_))));
    }

    #[test]
    fn imported_numbers_are_accepted_as_they_are() {
        for ok in ["001002003/2017-01330", "0142768-8/2022-00185", "20191202-189769", "11370322004222241N/2021-5135380"]
        {
            assert_eq!(IndexNo::parse(ok).unwrap().as_str(), ok);
        }
        assert_eq!(IndexNo::parse(" ００１/2017-1 ").unwrap().as_str(), "001/2017-1");
    }

    #[test]
    fn unsafe_numbers_are_refused() {
        assert_eq!(IndexNo::parse(""), Err(IndexNoError::Empty));
        assert!(matches!(IndexNo::parse("001/../etc"), Err(IndexNoError::BadShape(_))));
        assert!(matches!(IndexNo::parse("/001"), Err(IndexNoError::BadShape(_))));
        assert!(matches!(IndexNo::parse("001?x=1"), Err(IndexNoError::BadChar(_))));
        assert!(matches!(IndexNo::parse("温州/1"), Err(IndexNoError::BadChar(_))));
        assert!(matches!(IndexNo::parse(&"1".repeat(65)), Err(IndexNoError::TooLong(_))));
    }

    proptest! {
        #[test]
        fn distinct_inputs_render_distinct_numbers(
            a in "[0-9A-Z]{9}", b in "[0-9A-Z]{9}", y1 in 2000i32..2100, y2 in 2000i32..2100, s1 in 1u32..99_999, s2 in 1u32..99_999,
        ) {
            let t = IndexTemplate::default();
            let n1 = t.render(&a, y1, 1, s1).unwrap();
            let n2 = t.render(&b, y2, 1, s2).unwrap();
            prop_assert_eq!(n1 == n2, (a, y1, s1) == (b, y2, s2));
        }

        #[test]
        fn parse_is_idempotent(s in "[0-9A-Za-z/._-]{1,64}") {
            if let Ok(i) = IndexNo::parse(&s) {
                prop_assert_eq!(IndexNo::parse(i.as_str()).unwrap(), i);
            }
        }
    }
}
