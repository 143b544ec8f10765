//! Table 三、收到和处理政府信息公开申请情况 (国办公开办函〔2021〕30号).

use super::{CheckFailure, CheckLocation, CheckRule, ReportCase, ReportError, add_all, push_csv_record};
use crate::foi::{ApplicantKind, Table3Row};

/// A data row of table 三, in the official order: 一, 二, the 21 result rows of 三 ([`Table3Row`]),
/// 三(七)总计, 四.
///
/// Codes (JSON, URLs): `new`, `carried-in`, the [`Table3Row`] codes `1`, `2`, `3.1` … `6.3` (so
/// `3.1` is 三（三）1.属于国家秘密), `total`, `carried-out`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Table3Line {
    /// 一、本年新收政府信息公开申请数量
    New,
    /// 二、上年结转政府信息公开申请数量
    CarriedIn,
    /// A row of 三、本年度办理结果, （一） to （六）3.
    Result(Table3Row),
    /// 三（七）总计
    ResultTotal,
    /// 四、结转下年度继续办理
    CarriedOut,
}

impl Table3Line {
    /// The 25 data rows in the official order.
    pub const ALL: [Table3Line; 25] = [
        Table3Line::New,
        Table3Line::CarriedIn,
        Table3Line::Result(Table3Row::Disclosed),
        Table3Line::Result(Table3Row::Partial),
        Table3Line::Result(Table3Row::StateSecret),
        Table3Line::Result(Table3Row::LawProhibits),
        Table3Line::Result(Table3Row::Security),
        Table3Line::Result(Table3Row::ThirdParty),
        Table3Line::Result(Table3Row::InternalAffairs),
        Table3Line::Result(Table3Row::ProcessInfo),
        Table3Line::Result(Table3Row::EnforcementFile),
        Table3Line::Result(Table3Row::AdminQuery),
        Table3Line::Result(Table3Row::NotHeld),
        Table3Line::Result(Table3Row::NeedsCreation),
        Table3Line::Result(Table3Row::Unclear),
        Table3Line::Result(Table3Row::Petition),
        Table3Line::Result(Table3Row::Repeat),
        Table3Line::Result(Table3Row::Publication),
        Table3Line::Result(Table3Row::Excessive),
        Table3Line::Result(Table3Row::ConfirmOrReissue),
        Table3Line::Result(Table3Row::AbandonedNoCorrection),
        Table3Line::Result(Table3Row::AbandonedUnpaidFee),
        Table3Line::Result(Table3Row::Other),
        Table3Line::ResultTotal,
        Table3Line::CarriedOut,
    ];

    /// Position in [`Table3Line::ALL`].
    pub fn index(self) -> usize {
        match self {
            Table3Line::New => 0,
            Table3Line::CarriedIn => 1,
            Table3Line::Result(row) => 2 + row as usize,
            Table3Line::ResultTotal => 23,
            Table3Line::CarriedOut => 24,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Table3Line::New => "new",
            Table3Line::CarriedIn => "carried-in",
            Table3Line::Result(row) => row.code(),
            Table3Line::ResultTotal => "total",
            Table3Line::CarriedOut => "carried-out",
        }
    }

    pub fn from_code(code: &str) -> Option<Table3Line> {
        Table3Line::ALL.into_iter().find(|line| line.code() == code)
    }

    /// The official label, verbatim with its numbering, as printed in the row's own cell
    /// (so `1.属于国家秘密` for 三（三）1).
    pub fn label(self) -> &'static str {
        match self {
            Table3Line::New => "一、本年新收政府信息公开申请数量",
            Table3Line::CarriedIn => "二、上年结转政府信息公开申请数量",
            Table3Line::Result(row) => row.label(),
            Table3Line::ResultTotal => "（七）总计",
            Table3Line::CarriedOut => "四、结转下年度继续办理",
        }
    }

    /// The label with its group, unambiguous out of the table: `（三）不予公开 1.属于国家秘密`.
    pub fn full_label(self) -> String {
        match self {
            Table3Line::Result(row) => match result_group(row) {
                Some(group) => format!("{} {}", group.label(), row.label()),
                None => row.label().to_string(),
            },
            other => other.label().to_string(),
        }
    }
}

impl std::fmt::Display for Table3Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.full_label())
    }
}

impl From<Table3Line> for &'static str {
    fn from(line: Table3Line) -> &'static str {
        line.code()
    }
}

impl TryFrom<String> for Table3Line {
    type Error = String;
    fn try_from(code: String) -> Result<Table3Line, String> {
        Table3Line::from_code(&code).ok_or_else(|| format!("表三没有代码为“{code}”的行"))
    }
}

/// A numeric column of table 三: the six applicant columns (申请人情况: 自然人, then 法人或其他组织
/// split into 商业企业 · 科研机构 · 社会公益组织 · 法律服务机构 · 其他), then 总计.
///
/// Codes: the [`ApplicantKind`] codes (`natural-person` … `other-organisation`), then `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Table3Column {
    Applicant(ApplicantKind),
    Total,
}

impl Table3Column {
    pub const ALL: [Table3Column; 7] = [
        Table3Column::Applicant(ApplicantKind::NaturalPerson),
        Table3Column::Applicant(ApplicantKind::Commercial),
        Table3Column::Applicant(ApplicantKind::Research),
        Table3Column::Applicant(ApplicantKind::PublicInterest),
        Table3Column::Applicant(ApplicantKind::LegalService),
        Table3Column::Applicant(ApplicantKind::OtherOrganisation),
        Table3Column::Total,
    ];

    /// The six columns whose sum is 总计.
    pub const APPLICANTS: [Table3Column; 6] = [
        Table3Column::Applicant(ApplicantKind::NaturalPerson),
        Table3Column::Applicant(ApplicantKind::Commercial),
        Table3Column::Applicant(ApplicantKind::Research),
        Table3Column::Applicant(ApplicantKind::PublicInterest),
        Table3Column::Applicant(ApplicantKind::LegalService),
        Table3Column::Applicant(ApplicantKind::OtherOrganisation),
    ];

    /// Position in [`Table3Column::ALL`].
    pub fn index(self) -> usize {
        match self {
            Table3Column::Applicant(kind) => kind as usize,
            Table3Column::Total => 6,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Table3Column::Applicant(kind) => kind.code(),
            Table3Column::Total => "total",
        }
    }

    pub fn from_code(code: &str) -> Option<Table3Column> {
        Table3Column::ALL.into_iter().find(|column| column.code() == code)
    }

    /// The official column label: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    pub fn label(self) -> &'static str {
        match self {
            Table3Column::Applicant(kind) => kind.label(),
            Table3Column::Total => "总计",
        }
    }

    /// The header above the column's own label, under 申请人情况: 法人或其他组织 for the five
    /// organisation columns.
    pub fn group_label(self) -> Option<&'static str> {
        match self {
            Table3Column::Applicant(kind) if !kind.is_natural_person() => Some(Table3::ORGANISATIONS_HEADER),
            _ => None,
        }
    }
}

impl std::fmt::Display for Table3Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl From<Table3Column> for &'static str {
    fn from(column: Table3Column) -> &'static str {
        column.code()
    }
}

impl TryFrom<String> for Table3Column {
    type Error = String;
    fn try_from(code: String) -> Result<Table3Column, String> {
        Table3Column::from_code(&code).ok_or_else(|| format!("表三没有代码为“{code}”的列"))
    }
}

/// The sub-groups of 三、本年度办理结果 that are headers, not data rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResultGroup {
    Withheld,
    Unable,
    NotProcessed,
    OtherHandling,
}

impl ResultGroup {
    const ALL: [ResultGroup; 4] =
        [ResultGroup::Withheld, ResultGroup::Unable, ResultGroup::NotProcessed, ResultGroup::OtherHandling];

    fn label(self) -> &'static str {
        match self {
            ResultGroup::Withheld => "（三）不予公开",
            ResultGroup::Unable => "（四）无法提供",
            ResultGroup::NotProcessed => "（五）不予处理",
            ResultGroup::OtherHandling => "（六）其他处理",
        }
    }
}

fn result_group(row: Table3Row) -> Option<ResultGroup> {
    use Table3Row as R;
    match row {
        R::Disclosed | R::Partial => None,
        R::StateSecret
        | R::LawProhibits
        | R::Security
        | R::ThirdParty
        | R::InternalAffairs
        | R::ProcessInfo
        | R::EnforcementFile
        | R::AdminQuery => Some(ResultGroup::Withheld),
        R::NotHeld | R::NeedsCreation | R::Unclear => Some(ResultGroup::Unable),
        R::Petition | R::Repeat | R::Publication | R::Excessive | R::ConfirmOrReissue => {
            Some(ResultGroup::NotProcessed)
        }
        R::AbandonedNoCorrection | R::AbandonedUnpaidFee | R::Other => Some(ResultGroup::OtherHandling),
    }
}

/// One row of table 三 as printed: a group header (`三、本年度办理结果`, `（三）不予公开`, …), which
/// has no numbers, or a data row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LayoutRow {
    /// Indentation: 0 for 一、二、三、四; 1 for （一） to （七）; 2 for the numbered rows inside
    /// （三） to （六）.
    pub level: u8,
    /// The official label, verbatim.
    pub label: &'static str,
    /// The data row, or `None` for a group header.
    pub line: Option<Table3Line>,
    /// How many data rows the label's cell spans in the official table (its `rowspan`): 22 for
    /// 三、本年度办理结果, 8 for （三）, 3 for （四）, 5 for （五）, 3 for （六）; 1 for a data row.
    pub span: usize,
}

/// Table 三: 25 data rows ([`Table3Line`]) × 7 columns ([`Table3Column`]).
///
/// JSON: `{"rows": [{"code": "new", "label": "一、本年新收政府信息公开申请数量", "cells":
/// {"natural-person": 3, "commercial": 1, …, "total": 5}}, …]}` with the 25 rows in official order.
/// On input every row must appear exactly once (in any order) with all 7 cells; `label` is
/// informative and ignored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(into = "Table3Json", try_from = "Table3Json")]
pub struct Table3 {
    cells: [[u64; 7]; 25],
}

impl Default for Table3 {
    fn default() -> Self {
        Table3::zero()
    }
}

impl Table3 {
    /// The verbatim top-left cell of the official table, stating the \[V\] identity.
    pub const NOTE: &'static str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    /// The header over the seven numeric columns.
    pub const APPLICANTS_HEADER: &'static str = "申请人情况";
    /// The header over the five organisation columns.
    pub const ORGANISATIONS_HEADER: &'static str = "法人或其他组织";

    /// A table of zeros.
    pub fn zero() -> Table3 {
        Table3 { cells: [[0; 7]; 25] }
    }

    /// Table 三 of the report for `year`, from every application the agency has (any year; those
    /// received after 31 December of `year` are ignored):
    ///
    /// * 一 — received in `year`;
    /// * 二 — received before `year` and not closed before 1 January of `year`;
    /// * 三 rows — closed in `year`, in the row of [`crate::foi::ReplyType::table3_row`] (so a partial
    ///   disclosure counts only in （二）); 三(七) is the sum of these rows;
    /// * 四 — received by 31 December of `year` and not closed by then (still open, or closed later).
    ///
    /// Each case is counted in its applicant's column and in 总计. A case closed on the day it was
    /// received (当场答复) is fine; one closed before it was received is a data error, reported with
    /// its position in `cases` whatever its year.
    pub fn compute(year: i32, cases: impl IntoIterator<Item = ReportCase>) -> Result<Table3, ReportError> {
        let mut table = Table3::zero();
        for (position, case) in cases.into_iter().enumerate() {
            if let Some((closed_on, _)) = case.closed
                && closed_on < case.received_on
            {
                return Err(ReportError::ClosedBeforeReceived { position, received_on: case.received_on, closed_on });
            }
            let received = case.received_on.year();
            if received > year {
                continue;
            }
            let column = Table3Column::Applicant(case.applicant);
            let closed = case.closed.map(|(on, reply)| (on.year(), reply));
            if received == year {
                table.increment(Table3Line::New, column);
            } else if closed.is_none_or(|(closed_year, _)| closed_year >= year) {
                table.increment(Table3Line::CarriedIn, column);
            }
            match closed {
                Some((closed_year, reply)) if closed_year == year => {
                    table.increment(Table3Line::Result(reply.table3_row()), column);
                    table.increment(Table3Line::ResultTotal, column);
                }
                Some((closed_year, _)) if closed_year < year => {}
                _ => table.increment(Table3Line::CarriedOut, column),
            }
        }
        Ok(table)
    }

    fn increment(&mut self, line: Table3Line, column: Table3Column) {
        self.cells[line.index()][column.index()] += 1;
        if column != Table3Column::Total {
            self.cells[line.index()][Table3Column::Total.index()] += 1;
        }
    }

    pub fn cell(&self, line: Table3Line, column: Table3Column) -> u64 {
        self.cells[line.index()][column.index()]
    }

    /// Sets one cell, for tables entered by hand (e.g. last year's published report). Totals are
    /// not adjusted: call [`Table3::fill_totals`], or let [`Table3::checks`] find the mismatch.
    pub fn set_cell(&mut self, line: Table3Line, column: Table3Column, value: u64) {
        self.cells[line.index()][column.index()] = value;
    }

    /// The 7 cells of a row, in the order of [`Table3Column::ALL`].
    pub fn row(&self, line: Table3Line) -> [u64; 7] {
        self.cells[line.index()]
    }

    /// Recomputes the derived cells from their parts: 三(七) from the result rows, then the 总计
    /// column from the six applicant columns. 一, 二 and 四 are not derived and are left as they are.
    pub fn fill_totals(&mut self) {
        for column in Table3Column::APPLICANTS {
            let sum = self.result_sum(column);
            self.set_cell(Table3Line::ResultTotal, column, sum);
        }
        for line in Table3Line::ALL {
            let sum = self.applicant_sum(line);
            self.set_cell(line, Table3Column::Total, sum);
        }
    }

    fn result_sum(&self, column: Table3Column) -> u64 {
        add_all(Table3Row::ALL.iter().map(|row| self.cell(Table3Line::Result(*row), column)))
    }

    fn applicant_sum(&self, line: Table3Line) -> u64 {
        add_all(Table3Column::APPLICANTS.iter().map(|column| self.cell(line, *column)))
    }

    /// The rows as printed, in official order: the 25 data rows and the 5 group headers
    /// (三、本年度办理结果 and （三） to （六）), each with its indentation, verbatim label and the
    /// number of data rows its cell spans.
    pub fn layout() -> Vec<LayoutRow> {
        let data = |level, line: Table3Line| LayoutRow { level, label: line.label(), line: Some(line), span: 1 };
        let header = |level, label, span| LayoutRow { level, label, line: None, span };
        let mut rows = vec![
            data(0, Table3Line::New),
            data(0, Table3Line::CarriedIn),
            header(0, "三、本年度办理结果", Table3Row::ALL.len() + 1),
        ];
        let mut current: Option<ResultGroup> = None;
        for row in Table3Row::ALL.iter().copied() {
            let group = result_group(row);
            if let Some(g) = group
                && current != group
            {
                let span = Table3Row::ALL.iter().filter(|r| result_group(**r) == Some(g)).count();
                rows.push(header(1, g.label(), span));
            }
            current = group;
            rows.push(data(if group.is_some() { 2 } else { 1 }, Table3Line::Result(row)));
        }
        debug_assert!(ResultGroup::ALL.iter().all(|g| rows.iter().any(|r| r.label == g.label())));
        rows.push(data(1, Table3Line::ResultTotal));
        rows.push(data(0, Table3Line::CarriedOut));
        rows
    }

    /// The cross-checks within the table, each failure saying where in Chinese:
    ///
    /// * [`CheckRule::Balance`] \[V\]: 一 + 二 = 三(七) + 四, in each of the 7 columns;
    /// * [`CheckRule::ResultTotal`] \[D\]: 三(七) = the sum of the 21 result rows, in each column;
    /// * [`CheckRule::ColumnTotal`] \[D\]: 总计 = the sum of the six applicant columns, in each row.
    ///
    /// A computed table always passes. One wrong cell usually fails two checks (every cell is in a
    /// column identity and a row total); the cell is where they cross.
    pub fn checks(&self) -> Vec<CheckFailure> {
        let mut failures = Vec::new();
        for column in Table3Column::ALL {
            let new = self.cell(Table3Line::New, column);
            let carried_in = self.cell(Table3Line::CarriedIn, column);
            let total = self.cell(Table3Line::ResultTotal, column);
            let carried_out = self.cell(Table3Line::CarriedOut, column);
            let (expected, found) = (new.saturating_add(carried_in), total.saturating_add(carried_out));
            if expected != found {
                failures.push(CheckFailure {
                    rule: CheckRule::Balance,
                    location: CheckLocation::Table3Column { column },
                    expected,
                    found,
                    message: format!(
                        "表三“{column}”列：第一项（本年新收 {new}）加第二项（上年结转 {carried_in}）之和为 {expected}，\
                         第三项（本年度办理结果总计 {total}）加第四项（结转下年度继续办理 {carried_out}）之和为 {found}，两者应当相等"
                    ),
                });
            }
        }
        for column in Table3Column::ALL {
            let expected = self.result_sum(column);
            let found = self.cell(Table3Line::ResultTotal, column);
            if expected != found {
                failures.push(CheckFailure {
                    rule: CheckRule::ResultTotal,
                    location: CheckLocation::Table3Cell { line: Table3Line::ResultTotal, column },
                    expected,
                    found,
                    message: format!(
                        "表三“{column}”列：“三、本年度办理结果（七）总计”为 {found}，而（一）至（六）各项办理结果之和为 {expected}"
                    ),
                });
            }
        }
        for line in Table3Line::ALL {
            let expected = self.applicant_sum(line);
            let found = self.cell(line, Table3Column::Total);
            if expected != found {
                failures.push(CheckFailure {
                    rule: CheckRule::ColumnTotal,
                    location: CheckLocation::Table3Cell { line, column: Table3Column::Total },
                    expected,
                    found,
                    message: format!(
                        "表三“{line}”行：“总计”列为 {found}，而自然人和法人或其他组织各列之和为 {expected}"
                    ),
                });
            }
        }
        failures
    }

    /// \[D\] This year's 二、上年结转 must equal last year's 四、结转下年度继续办理, column by column.
    /// One failure per column that differs (so an applicant-column error usually also shows in
    /// 总计); empty if they agree.
    pub fn check_carry_over(&self, last_year: &Table3) -> Vec<CheckFailure> {
        Table3Column::ALL
            .into_iter()
            .filter_map(|column| {
                let expected = last_year.cell(Table3Line::CarriedOut, column);
                let found = self.cell(Table3Line::CarriedIn, column);
                (expected != found).then(|| CheckFailure {
                    rule: CheckRule::CarryOver,
                    location: CheckLocation::Table3Cell { line: Table3Line::CarriedIn, column },
                    expected,
                    found,
                    message: format!(
                        "表三“{column}”列：本年“二、上年结转政府信息公开申请数量”为 {found}，\
                         而上年报告“四、结转下年度继续办理”为 {expected}，两者应当相等"
                    ),
                })
            })
            .collect()
    }

    /// CSV (RFC 4180, UTF-8, CRLF line ends, no BOM): a header record — the table's top-left note
    /// ([`Table3::NOTE`]) then the 7 column labels — and one record per data row: its official
    /// label verbatim, then the 7 numbers. Fields holding an ASCII comma or quote are quoted; the
    /// official labels use full-width punctuation only and come out unquoted.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        push_csv_record(
            &mut out,
            std::iter::once(Table3::NOTE).chain(Table3Column::ALL.iter().map(|column| column.label())),
        );
        for line in Table3Line::ALL {
            let numbers = self.row(line).map(|n| n.to_string());
            push_csv_record(&mut out, std::iter::once(line.label()).chain(numbers.iter().map(String::as_str)));
        }
        out
    }

    /// The cell-by-cell sum, e.g. of the tables of every agency of a city for a city-wide table.
    /// Summing checked tables gives a checked table; the sum of none is a table of zeros.
    pub fn sum(tables: &[Table3]) -> Table3 {
        let mut sum = Table3::zero();
        for table in tables {
            for (sum_row, row) in sum.cells.iter_mut().zip(&table.cells) {
                for (s, c) in sum_row.iter_mut().zip(row) {
                    *s = s.saturating_add(*c);
                }
            }
        }
        sum
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Table3Json {
    rows: Vec<Table3JsonRow>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Table3JsonRow {
    code: Table3Line,
    #[serde(default)]
    label: String,
    cells: Table3JsonCells,
}

/// The 7 cells of a row; the keys are the [`Table3Column`] codes.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct Table3JsonCells {
    natural_person: u64,
    commercial: u64,
    research: u64,
    public_interest: u64,
    legal_service: u64,
    other_organisation: u64,
    total: u64,
}

impl From<Table3> for Table3Json {
    fn from(table: Table3) -> Table3Json {
        let rows = Table3Line::ALL
            .into_iter()
            .map(|line| {
                let [natural_person, commercial, research, public_interest, legal_service, other_organisation, total] =
                    table.row(line);
                Table3JsonRow {
                    code: line,
                    label: line.label().to_string(),
                    cells: Table3JsonCells {
                        natural_person,
                        commercial,
                        research,
                        public_interest,
                        legal_service,
                        other_organisation,
                        total,
                    },
                }
            })
            .collect();
        Table3Json { rows }
    }
}

impl TryFrom<Table3Json> for Table3 {
    type Error = String;
    fn try_from(json: Table3Json) -> Result<Table3, String> {
        let mut table = Table3::zero();
        let mut seen = [false; 25];
        for row in json.rows {
            let index = row.code.index();
            if std::mem::replace(&mut seen[index], true) {
                return Err(format!("表三的“{}”行出现了不止一次", row.code.full_label()));
            }
            let c = row.cells;
            table.cells[index] = [
                c.natural_person,
                c.commercial,
                c.research,
                c.public_interest,
                c.legal_service,
                c.other_organisation,
                c.total,
            ];
        }
        if let Some(missing) = Table3Line::ALL.into_iter().find(|line| !seen[line.index()]) {
            return Err(format!("表三缺少“{}”行（代码 {}）", missing.full_label(), missing.code()));
        }
        Ok(table)
    }
}
