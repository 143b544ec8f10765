//! Tables 三 and 四 of the 政府信息公开工作年度报告 (format of 国办公开办函〔2021〕30号), computed
//! from the applications and the 行政复议/行政诉讼 cases of one agency, with the cross-checks
//! the format states or implies.
//!
//! * [`Table3`] — 三、收到和处理政府信息公开申请情况: 25 data rows × 7 columns, computed by
//!   [`Table3::compute`] from [`ReportCase`]s. [`Table3::layout`] gives the rows for rendering,
//!   group headers included.
//! * [`Table4`] — 四、政府信息公开行政复议、行政诉讼情况: 3 blocks × 5 cells, computed by
//!   [`Table4::compute`] from [`ReportReview`]s (see there for how reviews that span a year end are
//!   counted).
//!
//! Computed tables derive their totals from the cases, so they always pass; [`Table3::checks`],
//! [`Table3::check_carry_over`] and [`Table4::checks`] are for tables entered by hand, imported, or
//! summed.
//!
//! \[V\] and \[D\] are the confidence marks of the project's reference on the rules: a check stated
//! in the format itself, and one derived from its labels.

mod counts;
mod table3;
mod table4;
#[cfg(test)]
mod tests;

pub use counts::Counts;
pub use table3::{LayoutRow, Table3, Table3Column, Table3Line};
pub use table4::{ReportReview, ReviewKind, ReviewResult, Table4, Table4Block, Table4Column};

use crate::doc::code_enum;
use crate::foi::{ApplicantKind, ReplyType};

/// One application as the annual report counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportCase {
    /// The applicant column it is counted in.
    pub applicant: ApplicantKind,
    /// 收到申请之日 (条例 Art. 31).
    pub received_on: time::Date,
    /// When it ended (reply sent, deemed abandoned, withdrawn), with its outcome; `None` while open.
    pub closed: Option<(time::Date, ReplyType)>,
}

/// Data that cannot be counted. The position is the 0-based index of the item in the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("第 {position} 件政府信息公开申请的办结日期（{closed_on}）早于收到申请之日（{received_on}），无法统计")]
    ClosedBeforeReceived { position: usize, received_on: time::Date, closed_on: time::Date },
    #[error("第 {position} 件{kind}案件的审结日期（{concluded_on}）早于立案（申请、起诉）日期（{filed_on}），无法统计")]
    ConcludedBeforeFiled { position: usize, kind: &'static str, filed_on: time::Date, concluded_on: time::Date },
}

code_enum! {
    /// The cross-checks of tables 三 and 四.
    pub enum CheckRule {
        /// \[V\] stated in table 三: 一 + 二 = 三(七) + 四, in every column.
        Balance = ("balance", "第一项加第二项之和等于第三项加第四项之和"),
        /// \[D\] 三(七)总计 = the sum of the 21 result rows, in every column.
        ResultTotal = ("result-total", "（七）总计等于各项办理结果之和"),
        /// \[D\] the 总计 column = 自然人 + the five 法人或其他组织 columns, in every row.
        ColumnTotal = ("column-total", "总计等于各类申请人数量之和"),
        /// \[D\] this year's 二 = last year's 四, in every column.
        CarryOver = ("carry-over", "上年结转数量等于上年报告的结转下年度继续办理数量"),
        /// \[D\] table 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, in each block.
        ReviewTotal = ("review-total", "总计等于结果维持、结果纠正、其他结果、尚未审结之和"),
    }
}

/// Where a check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "at", rename_all = "kebab-case")]
pub enum CheckLocation {
    /// A whole column of table 三 ([`CheckRule::Balance`]: the four cells of the identity).
    Table3Column { column: Table3Column },
    /// One cell of table 三 that disagrees with the cells it must equal: the 三(七) cell of a
    /// column ([`CheckRule::ResultTotal`]), the 总计 cell of a row ([`CheckRule::ColumnTotal`]), or
    /// the 二 cell of a column ([`CheckRule::CarryOver`]).
    Table3Cell { line: Table3Line, column: Table3Column },
    /// The 总计 cell of one block of table 四 ([`CheckRule::ReviewTotal`]).
    Table4Total { kind: ReviewKind },
}

/// A failed cross-check: which rule, where, the value the rule calls for and the value found, and a
/// sentence in Chinese saying all of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckFailure {
    pub rule: CheckRule,
    pub location: CheckLocation,
    /// What the rule calls for: the sum of the parts (for [`CheckRule::Balance`], 一 + 二; for
    /// [`CheckRule::CarryOver`], last year's 四).
    pub expected: u64,
    /// What the table holds (for [`CheckRule::Balance`], 三(七) + 四; for
    /// [`CheckRule::CarryOver`], this year's 二).
    pub found: u64,
    pub message: String,
}

impl std::fmt::Display for CheckFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Appends one CSV field (RFC 4180): quoted, with quotes doubled, if it holds a comma, a quote or
/// a line break. Full-width punctuation (，“”) needs no quoting.
fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends one CSV record ending in CRLF (RFC 4180).
fn push_csv_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_csv_field(out, field);
    }
    out.push_str("\r\n");
}

/// Adds counts without overflow panics on absurd (hand-entered or deserialised) tables.
fn add_all(values: impl IntoIterator<Item = u64>) -> u64 {
    values.into_iter().fold(0, u64::saturating_add)
}
