//! 文号 (发文字号): the number an agency gives each official document.
//!
//! GB/T 9704-2012 §7.2.5 fixes the form: 发文机关代字 + year in full inside 六角括号 〔〕 +
//! serial number without leading zeros and without 第, followed by 号 — `温政办〔2017〕62号`.
//! Orders (命令/令) use a different form with 第 and no year — `国务院令第711号`.
//! Pages and Word files are full of variants ([2017], （2017）, 【2017】, ﹝2017﹞, `第062号`,
//! stray spaces, full-width digits, 號); parsing maps every variant to the one standard form so
//! that the same document is always found under the same 文号.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{compact_identifier, is_hanzi};

/// A well-formed, normalised 文号.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocNo(String);

/// Why a text is not a 文号. Messages are shown to staff as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocNoError {
    #[error("文号不能为空")]
    Empty,
    #[error("“{0}”不是有效的文号：{HINT}")]
    Malformed(String),
    #[error("“{input}”中的年份 {year} 不在 1949—2100 之间：{HINT}")]
    YearOutOfRange { input: String, year: i32 },
    #[error("“{0}”的发文序号不能为 0：{HINT}")]
    ZeroSerial(String),
}

const HINT: &str = "应为“机关代字〔年份〕序号号”，如 温政办〔2017〕62号；命令为“机关名称令第N号”，如 国务院令第711号";

/// The two shapes a 文号 can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocNoForm<'a> {
    /// `温政办〔2017〕62号`
    Serial { prefix: &'a str, year: i32, number: u32 },
    /// `国务院令第711号`
    Order { issuer: &'a str, number: u32 },
}

/// Opening and closing brackets seen around the year in real 文号.
const YEAR_BRACKETS: [(char, char); 9] = [
    ('〔', '〕'),
    ('[', ']'),
    ('(', ')'),
    ('（', '）'),
    ('【', '】'),
    ('﹝', '﹞'),
    ('〖', '〗'),
    ('［', '］'),
    ('〈', '〉'),
];

impl DocNo {
    /// Parses and normalises a 文号; see the module docs for the accepted variants.
    pub fn parse(input: &str) -> Result<DocNo, DocNoError> {
        let compact: String = compact_identifier(input).chars().map(|c| if c == '號' { '号' } else { c }).collect();
        if compact.is_empty() {
            return Err(DocNoError::Empty);
        }
        let malformed = || DocNoError::Malformed(input.trim().to_string());
        let body = compact.strip_suffix('号').ok_or_else(malformed)?;
        if let Some(parsed) = parse_order(body) {
            let (issuer, number) = parsed.ok_or_else(|| DocNoError::ZeroSerial(input.trim().into()))?;
            return Ok(DocNo(format!("{issuer}令第{number}号")));
        }
        let (prefix, year, rest) = split_year(body).ok_or_else(malformed)?;
        let year = expand_year(year);
        if !(1949..=2100).contains(&year) {
            return Err(DocNoError::YearOutOfRange { input: input.trim().into(), year });
        }
        let serial = rest.strip_prefix('第').unwrap_or(rest);
        let number = parse_serial(serial).ok_or_else(malformed)?;
        if number == 0 {
            return Err(DocNoError::ZeroSerial(input.trim().into()));
        }
        if !is_agency_prefix(prefix) {
            return Err(malformed());
        }
        Ok(DocNo(format!("{prefix}〔{year}〕{number}号")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parts of the normalised number.
    pub fn form(&self) -> DocNoForm<'_> {
        let body = self.0.strip_suffix('号').unwrap_or(&self.0);
        if let Some((issuer, n)) = body.rsplit_once("令第") {
            return DocNoForm::Order { issuer, number: n.parse().unwrap_or(0) };
        }
        let (prefix, rest) = body.split_once('〔').unwrap_or((body, ""));
        let (year, number) = rest.split_once('〕').unwrap_or(("0", "0"));
        DocNoForm::Serial { prefix, year: year.parse().unwrap_or(0), number: number.parse().unwrap_or(0) }
    }

    /// The year in the number, if it has one (orders do not).
    pub fn year(&self) -> Option<i32> {
        match self.form() {
            DocNoForm::Serial { year, .. } => Some(year),
            DocNoForm::Order { .. } => None,
        }
    }
}

/// `…令第N号` (the trailing 号 already removed). `Some(None)` means an order with serial 0.
fn parse_order(body: &str) -> Option<Option<(&str, u32)>> {
    let (issuer, n) = body.rsplit_once("令第")?;
    if !issuer.chars().any(is_hanzi) || !issuer.chars().all(is_prefix_char) {
        return None;
    }
    let number = parse_serial(n)?;
    Some((number != 0).then_some((issuer, number)))
}

/// Splits `温政办〔2017〕62` into prefix, year digits and the rest, for any bracket pair.
fn split_year(body: &str) -> Option<(&str, &str, &str)> {
    for (open, close) in YEAR_BRACKETS {
        let Some(start) = body.find(open) else {
            continue;
        };
        let after = &body[start + open.len_utf8()..];
        let Some(end) = after.find(close) else {
            continue;
        };
        let year = &after[..end];
        if (year.len() == 4 || year.len() == 2) && year.bytes().all(|b| b.is_ascii_digit()) {
            return Some((&body[..start], year, &after[end + close.len_utf8()..]));
        }
    }
    None
}

/// Two-digit years (`[17]`) are a common typing shortcut; they are read as 19xx from 50 on and
/// 20xx below, which covers every year a disclosure platform holds documents for.
fn expand_year(digits: &str) -> i32 {
    let n: i32 = digits.parse().unwrap_or(-1);
    match digits.len() {
        2 if n >= 50 => 1900 + n,
        2 => 2000 + n,
        _ => n,
    }
}

/// ASCII digits only; leading zeros are dropped (GB/T 9704: 不编虚位).
fn parse_serial(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_prefix_char(c: char) -> bool {
    is_hanzi(c) || c.is_ascii_alphanumeric() || c == '·'
}

/// A 发文机关代字 is Chinese (`温政办`, `浙发改规划`), possibly with Latin letters or digits
/// mixed in, but never empty, never only digits and never containing punctuation.
fn is_agency_prefix(prefix: &str) -> bool {
    prefix.chars().any(is_hanzi) && prefix.chars().all(is_prefix_char)
}

impl fmt::Display for DocNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DocNo {
    type Error = DocNoError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        DocNo::parse(&s)
    }
}

impl From<DocNo> for String {
    fn from(d: DocNo) -> String {
        d.0
    }
}

impl AsRef<str> for DocNo {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm(s: &str) -> String {
        DocNo::parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).0
    }

    #[test]
    fn standard_form_is_kept() {
        assert_eq!(norm("温政办〔2017〕62号"), "温政办〔2017〕62号");
    }

    #[test]
    fn every_bracket_variant_normalises_to_hexagonal_brackets() {
        for v in [
            "温政办[2017]62号",
            "温政办(2017)62号",
            "温政办（2017）62号",
            "温政办【2017】62号",
            "温政办﹝2017﹞62号",
            "温政办［2017］62号",
            "温政办〖2017〗62号",
        ] {
            assert_eq!(norm(v), "温政办〔2017〕62号", "{v}");
        }
    }

    #[test]
    fn leading_zeros_spaces_di_and_full_width_are_removed() {
        assert_eq!(norm(" 温政办 〔2017〕 062 号 "), "温政办〔2017〕62号");
        assert_eq!(norm("温政办〔2017〕第62号"), "温政办〔2017〕62号");
        assert_eq!(norm("温政办〔２０１７〕６２号"), "温政办〔2017〕62号");
        assert_eq!(norm("溫政辦〔2017〕62號").chars().last(), Some('号'));
    }

    #[test]
    fn two_digit_years_are_expanded() {
        assert_eq!(norm("温政办[17]62号"), "温政办〔2017〕62号");
        assert_eq!(norm("温政办[98]3号"), "温政办〔1998〕3号");
    }

    #[test]
    fn order_forms_keep_di() {
        assert_eq!(norm("国务院令第711号"), "国务院令第711号");
        assert_eq!(norm("国令 第 0672 号"), "国令第672号");
        assert_eq!(norm("温州市人民政府令第5号"), "温州市人民政府令第5号");
        let d = DocNo::parse("国务院令第711号").unwrap();
        assert_eq!(d.form(), DocNoForm::Order { issuer: "国务院", number: 711 });
        assert_eq!(d.year(), None);
    }

    #[test]
    fn form_exposes_parts() {
        let d = DocNo::parse("国办公开办函〔2021〕30号").unwrap();
        assert_eq!(d.form(), DocNoForm::Serial { prefix: "国办公开办函", year: 2021, number: 30 });
        assert_eq!(d.year(), Some(2021));
    }

    #[test]
    fn non_doc_numbers_are_refused_with_the_expected_form() {
        for bad in [
            "62号",
            "〔2017〕62号",
            "温政办2017年62号",
            "温政办〔2017〕号",
            "温政办〔2017〕62",
            "温政办〔201〕62号",
            "hello",
            "温政办〔2017〕6a2号",
            "<script>〔2017〕1号",
        ] {
            let err = DocNo::parse(bad).unwrap_err();
            assert!(err.to_string().contains("温政办〔2017〕62号"), "{bad}: {err}");
        }
        assert_eq!(DocNo::parse("  "), Err(DocNoError::Empty));
        assert!(matches!(DocNo::parse("温政办〔2017〕0号"), Err(DocNoError::ZeroSerial(_))));
        assert!(matches!(DocNo::parse("温政办〔1900〕1号"), Err(DocNoError::YearOutOfRange { .. })));
    }

    #[test]
    fn serde_goes_through_parse() {
        let d: DocNo = serde_json::from_str("\"温政办[2017]62号\"").unwrap();
        assert_eq!(d.as_str(), "温政办〔2017〕62号");
        assert!(serde_json::from_str::<DocNo>("\"x\"").is_err());
    }

    fn prefix() -> impl Strategy<Value = String> {
        proptest::collection::vec(prop::sample::select(vec!['温', '政', '办', '发', '改', '财', '规', '浙']), 1..6)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn every_variant_of_a_number_normalises_to_the_same_value(
            p in prefix(), year in 1949i32..2100, n in 1u32..100_000, zeros in 0usize..3,
            bracket in 0usize..YEAR_BRACKETS.len(), di in any::<bool>(), space in any::<bool>(),
        ) {
            let (o, c) = YEAR_BRACKETS[bracket];
            let sp = if space { " " } else { "" };
            let di = if di { "第" } else { "" };
            let variant = format!("{p}{sp}{o}{year}{c}{sp}{di}{}{n}{sp}号", "0".repeat(zeros));
            let parsed = DocNo::parse(&variant).unwrap();
            prop_assert_eq!(parsed.as_str(), format!("{p}〔{year}〕{n}号"));
            // Normalisation is idempotent.
            prop_assert_eq!(DocNo::parse(parsed.as_str()).unwrap(), parsed.clone());
            prop_assert_eq!(parsed.form(), DocNoForm::Serial { prefix: &p, year, number: n });
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = DocNo::parse(&s);
        }
    }
}
