//! Table 四、政府信息公开行政复议、行政诉讼情况 (国办公开办函〔2021〕30号).

use super::{CheckFailure, CheckLocation, CheckRule, ReportError, add_all, push_csv_record};
use crate::doc::code_enum;

code_enum! {
    /// The three blocks of table 四. The labels are the official block headers; the two litigation
    /// blocks sit under the header 行政诉讼 ([`ReviewKind::group_label`]).
    pub enum ReviewKind {
        /// 行政复议
        Reconsideration = ("reconsideration", "行政复议"),
        /// 行政诉讼 — 未经复议直接起诉
        Litigation = ("litigation-direct", "未经复议直接起诉"),
        /// 行政诉讼 — 复议后起诉
        LitigationAfterReconsideration = ("litigation-after-reconsideration", "复议后起诉"),
    }
}

impl ReviewKind {
    /// The header above the block's own label: 行政诉讼 for the two litigation blocks.
    pub fn group_label(self) -> Option<&'static str> {
        match self {
            ReviewKind::Reconsideration => None,
            ReviewKind::Litigation | ReviewKind::LitigationAfterReconsideration => Some("行政诉讼"),
        }
    }

    /// The label with its group: 行政复议, 行政诉讼（未经复议直接起诉）, 行政诉讼（复议后起诉）.
    pub fn full_label(self) -> String {
        match self.group_label() {
            Some(group) => format!("{group}（{}）", self.label()),
            None => self.label().to_string(),
        }
    }
}

code_enum! {
    /// How a 行政复议 or 行政诉讼 ended, as table 四 counts it.
    pub enum ReviewResult {
        /// The agency's act was upheld (维持, 驳回).
        Upheld = ("upheld", "结果维持"),
        /// The act was corrected (撤销, 变更, 确认违法, 责令履行 …).
        Corrected = ("corrected", "结果纠正"),
        /// Any other ending (终止, withdrawal, settlement …).
        Other = ("other", "其他结果"),
    }
}

code_enum! {
    /// The five columns of each block of table 四.
    pub enum Table4Column {
        Upheld = ("upheld", "结果维持"),
        Corrected = ("corrected", "结果纠正"),
        Other = ("other", "其他结果"),
        Pending = ("pending", "尚未审结"),
        Total = ("total", "总计"),
    }
}

impl From<ReviewResult> for Table4Column {
    fn from(result: ReviewResult) -> Table4Column {
        match result {
            ReviewResult::Upheld => Table4Column::Upheld,
            ReviewResult::Corrected => Table4Column::Corrected,
            ReviewResult::Other => Table4Column::Other,
        }
    }
}

/// One 行政复议 or 行政诉讼 concerning the agency's disclosure work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportReview {
    pub kind: ReviewKind,
    /// The day the 复议 was applied for or the suit filed (accepted).
    pub filed_on: time::Date,
    /// When it was decided or otherwise ended, with its result; `None` while pending.
    pub concluded: Option<(time::Date, ReviewResult)>,
}

/// One block of table 四: 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Table4Block {
    pub upheld: u64,
    pub corrected: u64,
    pub other: u64,
    pub pending: u64,
    pub total: u64,
}

impl Table4Block {
    pub fn get(&self, column: Table4Column) -> u64 {
        match column {
            Table4Column::Upheld => self.upheld,
            Table4Column::Corrected => self.corrected,
            Table4Column::Other => self.other,
            Table4Column::Pending => self.pending,
            Table4Column::Total => self.total,
        }
    }

    pub fn get_mut(&mut self, column: Table4Column) -> &mut u64 {
        match column {
            Table4Column::Upheld => &mut self.upheld,
            Table4Column::Corrected => &mut self.corrected,
            Table4Column::Other => &mut self.other,
            Table4Column::Pending => &mut self.pending,
            Table4Column::Total => &mut self.total,
        }
    }

    /// 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    pub fn sum_of_parts(&self) -> u64 {
        add_all([self.upheld, self.corrected, self.other, self.pending])
    }

    fn count(&mut self, column: Table4Column) {
        *self.get_mut(column) += 1;
        self.total += 1;
    }
}

/// Table 四: one block per [`ReviewKind`], 15 cells in all.
///
/// JSON: `{"reconsideration": {"upheld": 1, "corrected": 0, "other": 1, "pending": 2, "total": 4},
/// "litigation-direct": {…}, "litigation-after-reconsideration": {…}}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table4 {
    #[serde(rename = "reconsideration")]
    pub reconsideration: Table4Block,
    #[serde(rename = "litigation-direct")]
    pub litigation: Table4Block,
    #[serde(rename = "litigation-after-reconsideration")]
    pub litigation_after_reconsideration: Table4Block,
}

impl Table4 {
    /// Table 四 of the report for `year`.
    ///
    /// The format does not say how a review that spans a year end is counted. The rule here
    /// mirrors table 三's 结转: **results are counted in the year the review concludes, and
    /// 尚未审结 is everything open at 31 December.** So a review is counted in `year`
    ///
    /// * under its result, if it concluded in `year` (whenever it was filed);
    /// * under 尚未审结, if it was filed by 31 December of `year` and had not concluded by then
    ///   (whether filed in `year` or earlier);
    /// * not at all if it concluded before `year` or was filed after it.
    ///
    /// Consequences: each result is counted once, in one year; 尚未审结 means exactly "open at the
    /// end of the year"; and a review open across a year end appears in the 总计 of each year it was
    /// open in — as 尚未审结, then under its result — just as an application appears in 四 one year
    /// and in 二 the next. 总计 is therefore the number of reviews open at some time in `year`, and
    /// for each block 总计(year) = filed in year + 尚未审结(year − 1). (The rule "filed in `year`, or
    /// filed earlier and concluded in `year`" would leave out, and under-report as 尚未审结, a review
    /// that stays open through a whole year; a rule that counts only reviews filed in `year` would
    /// never report the result of one that was pending at the previous year end.)
    ///
    /// A review concluded before it was filed is a data error, reported with its position.
    pub fn compute(year: i32, reviews: impl IntoIterator<Item = ReportReview>) -> Result<Table4, ReportError> {
        let mut table = Table4::default();
        for (position, review) in reviews.into_iter().enumerate() {
            if let Some((concluded_on, _)) = review.concluded
                && concluded_on < review.filed_on
            {
                return Err(ReportError::ConcludedBeforeFiled {
                    position,
                    kind: review.kind.label(),
                    filed_on: review.filed_on,
                    concluded_on,
                });
            }
            if review.filed_on.year() > year {
                continue;
            }
            let block = table.block_mut(review.kind);
            match review.concluded {
                Some((on, result)) if on.year() == year => block.count(result.into()),
                Some((on, _)) if on.year() < year => {}
                _ => block.count(Table4Column::Pending),
            }
        }
        Ok(table)
    }

    pub fn block(&self, kind: ReviewKind) -> &Table4Block {
        match kind {
            ReviewKind::Reconsideration => &self.reconsideration,
            ReviewKind::Litigation => &self.litigation,
            ReviewKind::LitigationAfterReconsideration => &self.litigation_after_reconsideration,
        }
    }

    pub fn block_mut(&mut self, kind: ReviewKind) -> &mut Table4Block {
        match kind {
            ReviewKind::Reconsideration => &mut self.reconsideration,
            ReviewKind::Litigation => &mut self.litigation,
            ReviewKind::LitigationAfterReconsideration => &mut self.litigation_after_reconsideration,
        }
    }

    pub fn cell(&self, kind: ReviewKind, column: Table4Column) -> u64 {
        self.block(kind).get(column)
    }

    /// \[D\] In each block, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    pub fn checks(&self) -> Vec<CheckFailure> {
        ReviewKind::ALL
            .iter()
            .filter_map(|&kind| {
                let block = self.block(kind);
                let (expected, found) = (block.sum_of_parts(), block.total);
                (expected != found).then(|| CheckFailure {
                    rule: CheckRule::ReviewTotal,
                    location: CheckLocation::Table4Total { kind },
                    expected,
                    found,
                    message: format!(
                        "表四“{}”：“总计”为 {found}，而结果维持（{}）、结果纠正（{}）、其他结果（{}）、尚未审结（{}）之和为 {expected}",
                        kind.full_label(),
                        block.upheld,
                        block.corrected,
                        block.other,
                        block.pending
                    ),
                })
            })
            .collect()
    }

    /// CSV (RFC 4180, UTF-8, CRLF line ends): a header record `类别,结果维持,结果纠正,其他结果,尚未审结,总计`
    /// and one record per block — 行政复议, 行政诉讼（未经复议直接起诉）, 行政诉讼（复议后起诉） —
    /// with its 5 numbers. (The official table lays the 15 cells out in one row; three records
    /// keep the CSV readable with one header line.)
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        push_csv_record(&mut out, std::iter::once("类别").chain(Table4Column::ALL.iter().map(|c| c.label())));
        for &kind in ReviewKind::ALL {
            let label = kind.full_label();
            let numbers: Vec<String> = Table4Column::ALL.iter().map(|&c| self.cell(kind, c).to_string()).collect();
            push_csv_record(&mut out, std::iter::once(label.as_str()).chain(numbers.iter().map(String::as_str)));
        }
        out
    }

    /// The cell-by-cell sum, e.g. of every agency of a city.
    pub fn sum(tables: &[Table4]) -> Table4 {
        let mut sum = Table4::default();
        for table in tables {
            for &kind in ReviewKind::ALL {
                for &column in Table4Column::ALL {
                    let cell = sum.block_mut(kind).get_mut(column);
                    *cell = cell.saturating_add(table.cell(kind, column));
                }
            }
        }
        sum
    }
}
