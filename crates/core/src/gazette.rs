//! 政府公报 (the government gazette): issues identified by year and number (2017年第12期), each
//! with a date and an ordered table of contents (目录) of documents.
//!
//! Historical issues are digitised (历史公报数字化) from a folder of legacy page-text files, one
//! per document, and a manifest, `manifest.toml`, that names the issues and lists each issue's
//! files in table-of-contents order:
//!
//! ```toml
//! [[issue]]
//! year = 2017
//! number = 12                    # 第12期
//! published_on = "2017-06-30"    # or the TOML date 2017-06-30, or 2017年6月30日
//! files = ["2017-12/01.txt", "2017-12/02.txt"]
//! ```
//!
//! This module only reads the manifest's text and checks it; reading the files is the caller's
//! job. Every problem is reported at once, each with its line and, where known, its issue, so
//! an operator fixes the manifest in one pass.

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use time::{Date, Month};
use toml::Spanned;

/// The manifest's file name inside an import folder.
pub const MANIFEST_FILE: &str = "manifest.toml";

/// Years an issue may have: the bounds of dates on the platform's pages
/// ([`crate::import::dates`]).
pub const YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

/// Highest issue number accepted: weekly gazettes with supplements stay far below it, so a
/// larger number is a typo (a date typed as a number, say).
pub const MAX_NUMBER: u32 = 999;

/// An issue's identity: its year and its number within the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct IssueKey {
    pub year: i32,
    pub number: u32,
}

impl fmt::Display for IssueKey {
    /// `2017年第12期`, as gazettes name their issues.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年第{}期", self.year, self.number)
    }
}

/// Checks an issue's year, number and date: the number counts from 1, and the issue appears
/// in its own year. Messages are in Chinese, for staff.
pub fn check_issue(year: i64, number: i64, published_on: Date) -> Result<IssueKey, String> {
    let key = IssueKey { year: check_year(year)?, number: check_number(number)? };
    check_date(key, published_on)?;
    Ok(key)
}

fn check_year(year: i64) -> Result<i32, String> {
    i32::try_from(year)
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| format!("年份 {year} 不在 {}—{} 之间", YEARS.start(), YEARS.end()))
}

fn check_number(number: i64) -> Result<u32, String> {
    if number < 1 {
        return Err(format!("期号 {number} 无效：期号从 1 开始"));
    }
    u32::try_from(number)
        .ok()
        .filter(|n| *n <= MAX_NUMBER)
        .ok_or_else(|| format!("期号 {number} 过大：期号应在 1—{MAX_NUMBER} 之间"))
}

fn check_date(key: IssueKey, published_on: Date) -> Result<(), String> {
    if published_on.year() != key.year {
        return Err(format!("{key}的出版日期 {} 不在 {} 年内", crate::tz::format_date(published_on), key.year));
    }
    Ok(())
}

/// Checks a file path of the manifest: relative to the manifest's folder and staying inside
/// it, so a manifest can never make the importer read another file of the server.
pub fn check_path(path: &str) -> Result<(), String> {
    if path.trim().is_empty() {
        return Err("文件路径为空".into());
    }
    if path.contains('\0') {
        return Err(format!("文件路径“{}”含有空字符", path.escape_debug()));
    }
    let bytes = path.as_bytes();
    let windows_drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if path.starts_with('/') || path.starts_with('\\') || windows_drive {
        return Err(format!("文件路径“{path}”是绝对路径：请写相对于清单所在目录的路径"));
    }
    if path.split(['/', '\\']).any(|part| part == "..") {
        return Err(format!("文件路径“{path}”含有“..”：文件必须在清单所在目录之内"));
    }
    Ok(())
}

/// One issue of a manifest, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestIssue {
    pub key: IssueKey,
    pub published_on: Date,
    /// Paths relative to the manifest's folder, in table-of-contents order; never empty.
    pub files: Vec<String>,
    /// The line of its `[[issue]]` header, for messages about it.
    pub line: usize,
}

/// A checked manifest: at least one issue, no two with the same year and number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub issues: Vec<ManifestIssue>,
}

impl Manifest {
    /// Every file with its issue, in manifest order (a file listed by two issues comes twice).
    pub fn files(&self) -> impl Iterator<Item = (&ManifestIssue, &str)> {
        self.issues.iter().flat_map(|i| i.files.iter().map(move |f| (i, f.as_str())))
    }
}

/// One problem of a manifest, at a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{MANIFEST_FILE} 第 {line} 行：{message}")]
pub struct ManifestError {
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    issue: Vec<Spanned<RawIssue>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssue {
    year: Spanned<i64>,
    number: Spanned<i64>,
    published_on: Spanned<toml::Value>,
    files: Spanned<Vec<Spanned<String>>>,
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// serde's messages are English; the common ones are said in Chinese.
fn translate(message: &str) -> String {
    let message = message.trim();
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if message.starts_with("missing field") {
        format!("缺少 {}（每个 [[issue]] 需要 year、number、published_on 和 files）", quoted(message))
    } else if message.starts_with("unknown field") {
        format!("未知的键 {}（可用的键：year、number、published_on、files）", quoted(message))
    } else {
        format!("格式有误：{message}")
    }
}

fn published_on(value: &toml::Value) -> Result<Date, String> {
    const FORM: &str = "出版日期应写成 \"2017-06-30\" 这样的日期";
    match value {
        toml::Value::String(s) => crate::import::dates::parse_date(s).map_err(|e| e.to_string()),
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => Month::try_from(d.month)
                .ok()
                .and_then(|m| Date::from_calendar_date(i32::from(d.year), m, d.day).ok())
                .ok_or_else(|| FORM.to_string()),
            _ => Err(format!("{FORM}，不带时间")),
        },
        _ => Err(FORM.into()),
    }
}

/// Reads and checks a manifest. Refused, each with its line: TOML that does not parse, unknown
/// or missing keys, no issue at all, a year out of range, a number below 1, a date outside the
/// issue's year, an issue listed twice, an empty file list, a path that is absolute or contains
/// `..`, a file listed twice in one issue.
pub fn parse_manifest(text: &str) -> Result<Manifest, Vec<ManifestError>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let raw: RawManifest = toml::from_str(text).map_err(|e| {
        vec![ManifestError { line: e.span().map_or(1, |s| line_of(text, s.start)), message: translate(e.message()) }]
    })?;
    if raw.issue.is_empty() {
        return Err(vec![ManifestError {
            line: 1,
            message: "清单中没有任何期：每一期写一个 [[issue]] 表，含 year、number、published_on 和 files".into(),
        }]);
    }
    let mut errors = Vec::new();
    let mut issues = Vec::new();
    let mut seen: HashMap<IssueKey, usize> = HashMap::new();
    for spanned in &raw.issue {
        let line = line_of(text, spanned.span().start);
        let raw = spanned.get_ref();
        let mut error = |at: usize, message: String| errors.push(ManifestError { line: line_of(text, at), message });
        let year = check_year(*raw.year.get_ref()).map_err(|e| (raw.year.span().start, e));
        let number = check_number(*raw.number.get_ref()).map_err(|e| (raw.number.span().start, e));
        let date = published_on(raw.published_on.get_ref()).map_err(|e| (raw.published_on.span().start, e));
        let checked = year.and_then(|year| {
            let key = IssueKey { year, number: number? };
            let date = date?;
            check_date(key, date).map_err(|e| (raw.published_on.span().start, e))?;
            Ok((key, date))
        });
        let (key, date) = match checked {
            Ok(checked) => checked,
            Err((at, e)) => {
                error(at, e);
                continue;
            }
        };
        if let Some(first) = seen.get(&key) {
            error(spanned.span().start, format!("{key}重复：第 {first} 行已有这一期"));
            continue;
        }
        seen.insert(key, line);
        let files = raw.files.get_ref();
        if files.is_empty() {
            error(raw.files.span().start, format!("{key}的 files 为空：每一期至少要有一个文件"));
            continue;
        }
        let mut ok = true;
        let mut listed: Vec<&str> = Vec::new();
        for f in files {
            let path = f.get_ref().trim();
            if let Err(e) = check_path(path) {
                error(f.span().start, format!("{key}：{e}"));
                ok = false;
            } else if listed.contains(&path) {
                error(f.span().start, format!("{key}：文件“{path}”在本期目录中出现了两次"));
                ok = false;
            }
            listed.push(path);
        }
        if ok {
            issues.push(ManifestIssue {
                key,
                published_on: date,
                files: listed.into_iter().map(str::to_string).collect(),
                line,
            });
        }
    }
    if errors.is_empty() { Ok(Manifest { issues }) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const GOOD: &str = r#"
# 温州市人民政府公报
[[issue]]
year = 2017
number = 12          # 第12期
published_on = "2017-06-30"
files = ["2017-12/01.txt", "2017-12/02.txt"]

[[issue]]
year = 2017
number = 13
published_on = 2017-07-15
files = ["2017-13/01.txt"]
"#;

    fn errors(text: &str) -> Vec<ManifestError> {
        parse_manifest(text).expect_err("must be refused")
    }

    fn one_error(text: &str) -> ManifestError {
        let e = errors(text);
        assert_eq!(e.len(), 1, "{e:?}");
        e.into_iter().next().unwrap()
    }

    fn issue(year: &str, number: &str, date: &str, files: &str) -> String {
        format!("[[issue]]\nyear = {year}\nnumber = {number}\npublished_on = {date}\nfiles = {files}\n")
    }

    #[test]
    fn a_good_manifest_gives_issues_in_order_with_their_files() {
        let m = parse_manifest(GOOD).unwrap();
        assert_eq!(m.issues.len(), 2);
        let first = &m.issues[0];
        assert_eq!(first.key, IssueKey { year: 2017, number: 12 });
        assert_eq!(first.key.to_string(), "2017年第12期");
        assert_eq!(first.published_on, date!(2017 - 06 - 30));
        assert_eq!(first.files, ["2017-12/01.txt", "2017-12/02.txt"]);
        assert_eq!(first.line, 3);
        assert_eq!(m.issues[1].published_on, date!(2017 - 07 - 15), "a TOML date works too");
        let all: Vec<&str> = m.files().map(|(_, f)| f).collect();
        assert_eq!(all, ["2017-12/01.txt", "2017-12/02.txt", "2017-13/01.txt"]);
    }

    #[test]
    fn chinese_dates_are_read() {
        let m = parse_manifest(&issue("2017", "1", "\"2017年1月15日\"", "[\"a.txt\"]")).unwrap();
        assert_eq!(m.issues[0].published_on, date!(2017 - 01 - 15));
    }

    #[test]
    fn duplicate_issues_are_refused_with_both_lines() {
        let text = format!(
            "{}\n{}",
            issue("2017", "12", "\"2017-06-30\"", "[\"a.txt\"]"),
            issue("2017", "12", "\"2017-07-01\"", "[\"b.txt\"]")
        );
        let e = one_error(&text);
        assert_eq!(e.line, 7);
        assert!(e.message.contains("2017年第12期重复") && e.message.contains("第 1 行"), "{e}");
        assert!(e.to_string().starts_with("manifest.toml 第 7 行："), "{e}");
    }

    #[test]
    fn numbers_below_one_are_refused() {
        for n in ["0", "-3"] {
            let e = one_error(&issue("2017", n, "\"2017-06-30\"", "[\"a.txt\"]"));
            assert_eq!(e.line, 3, "the line of `number`");
            assert!(e.message.contains("期号从 1 开始"), "{e}");
        }
        let e = one_error(&issue("2017", "20170630", "\"2017-06-30\"", "[\"a.txt\"]"));
        assert!(e.message.contains("过大"), "{e}");
    }

    #[test]
    fn a_date_outside_the_year_is_refused() {
        let e = one_error(&issue("2017", "1", "\"2018-01-05\"", "[\"a.txt\"]"));
        assert_eq!(e.line, 4, "the line of `published_on`");
        assert!(e.message.contains("2017年第1期的出版日期 2018-01-05 不在 2017 年内"), "{e}");
        let e = one_error(&issue("2017", "1", "\"2017-02-30\"", "[\"a.txt\"]"));
        assert!(e.message.contains("不存在"), "{e}");
        let e = one_error(&issue("2017", "1", "2017-06-30T09:00:00", "[\"a.txt\"]"));
        assert!(e.message.contains("不带时间"), "{e}");
        let e = one_error(&issue("1900", "1", "\"1900-06-30\"", "[\"a.txt\"]"));
        assert!(e.message.contains("1900"), "{e}");
    }

    #[test]
    fn an_empty_file_list_is_refused() {
        let e = one_error(&issue("2017", "1", "\"2017-06-30\"", "[]"));
        assert_eq!(e.line, 5);
        assert!(e.message.contains("2017年第1期的 files 为空"), "{e}");
    }

    #[test]
    fn absolute_paths_and_parent_directories_are_refused() {
        for bad in ["/etc/passwd", "\\\\server\\share\\a.txt", "C:\\pages\\a.txt", "../a.txt", "2017/../../a.txt", ""] {
            let files = format!("[\"a.txt\", '{bad}']");
            let e = one_error(&issue("2017", "1", "\"2017-06-30\"", &files));
            assert_eq!(e.line, 5, "{bad}");
            assert!(e.message.starts_with("2017年第1期："), "{bad}: {e}");
        }
        assert!(check_path("2017-12/01.txt").is_ok());
        assert!(check_path("./a..b.txt").is_ok(), "dots inside a name are fine");
    }

    #[test]
    fn a_file_listed_twice_in_one_issue_is_refused() {
        let e = one_error(&issue("2017", "1", "\"2017-06-30\"", "[\"a.txt\", \"b.txt\", \"a.txt\"]"));
        assert!(e.message.contains("“a.txt”在本期目录中出现了两次"), "{e}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = format!(
            "{}\n{}\n{}",
            issue("2017", "0", "\"2017-06-30\"", "[\"a.txt\"]"),
            issue("2017", "2", "\"2017-06-30\"", "[]"),
            issue("2017", "3", "\"2017-06-30\"", "[\"/a.txt\"]")
        );
        let lines: Vec<usize> = errors(&text).iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 11, 17]);
    }

    #[test]
    fn broken_toml_and_wrong_keys_name_their_line() {
        let e = one_error("[[issue]]\nyear = 2017\nnumber = = 3\n");
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("格式有误"), "{e}");
        let e = one_error("[[issue]]\nyear = 2017\nnumber = 3\npublished_on = \"2017-01-01\"\n");
        assert!(e.message.contains("缺少 files"), "{e}");
        let e = one_error(&format!("{}file = [\"x\"]\n", issue("2017", "1", "\"2017-06-30\"", "[\"a.txt\"]")));
        assert!(e.message.contains("未知的键 file"), "{e}");
        let e = one_error("# nothing yet\n");
        assert!(e.message.contains("没有任何期"), "{e}");
        let e = one_error("[[issue]]\nyear = \"2017\"\nnumber = 1\npublished_on = \"2017-01-01\"\nfiles = [\"a\"]\n");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn check_issue_is_the_rule_for_every_issue() {
        assert_eq!(check_issue(2024, 1, date!(2024 - 01 - 10)), Ok(IssueKey { year: 2024, number: 1 }));
        assert!(check_issue(2024, 0, date!(2024 - 01 - 10)).is_err());
        assert!(check_issue(2024, 1, date!(2023 - 12 - 31)).is_err());
        assert!(check_issue(3000, 1, date!(2024 - 01 - 10)).is_err());
    }
}
