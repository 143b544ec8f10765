//! Table 二 (主动公开政府信息情况), block 第二十条第（一）项: for 规章 and 行政规范性文件, 本年制发件数,
//! 本年废止件数 and 现行有效件数 (2021 format, ogi-rules §2.2).
//!
//! Counting rules (the format does not define them; chosen so that the carry-over identity
//! holds by construction for data counted the same way):
//! - a document is *issued* on its 成文日期, or on its first publication if it has none;
//! - it is *abolished* on the first day it is no longer in force because it expired (失效) or
//!   was repealed (废止); an amended (已修改) document stays in force in its amended form;
//! - it is *in force* at the end of a year if it was issued by then and not abolished by then
//!   (a document issued but whose 施行日期 is still ahead counts as in force: it is current law
//!   of the agency, 现行).

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::doc::PolicyKind;

/// One 规章 or 行政规范性文件, reduced to what the table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterEntry {
    pub kind: PolicyKind,
    pub issued_on: Date,
    pub abolished_on: Option<Date>,
}

/// One row: 本年制发件数, 本年废止件数, 现行有效件数.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub issued: u64,
    pub abolished: u64,
    pub in_force: u64,
}

/// The two rows of 第二十条第（一）项.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesBlock {
    /// 规章.
    pub rules: RegisterRow,
    /// 行政规范性文件.
    pub normative: RegisterRow,
}

/// A row whose 现行有效件数 does not follow from last year's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarryOverMismatch {
    pub row: &'static str,
    pub last_year_in_force: u64,
    pub issued: u64,
    pub abolished: u64,
    pub in_force: u64,
}

impl std::fmt::Display for CarryOverMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}：上年现行有效 {} + 本年制发 {} − 本年废止 {} = {}，但本年现行有效为 {}",
            self.row,
            self.last_year_in_force,
            self.issued,
            self.abolished,
            (self.last_year_in_force + self.issued).saturating_sub(self.abolished),
            self.in_force
        )
    }
}

impl RulesBlock {
    /// Counts `entries` for `year`. Entries of other kinds are ignored.
    pub fn count(entries: &[RegisterEntry], year: i32) -> RulesBlock {
        let mut block = RulesBlock::default();
        for e in entries {
            let row = match e.kind {
                PolicyKind::Rule => &mut block.rules,
                PolicyKind::Normative => &mut block.normative,
                _ => continue,
            };
            // An abolition dated before the issue (bad data) is read as on the issue date, so
            // the document is counted issued and abolished, never abolished first.
            let abolished_on = e.abolished_on.map(|a| a.max(e.issued_on));
            if e.issued_on.year() == year {
                row.issued += 1;
            }
            if abolished_on.is_some_and(|a| a.year() == year) {
                row.abolished += 1;
            }
            let end = year_end(year);
            if e.issued_on <= end && abolished_on.is_none_or(|a| a > end) {
                row.in_force += 1;
            }
        }
        block
    }

    /// The consistency rule: last year's 现行有效 + 本年制发 − 本年废止 = this year's 现行有效.
    /// Not stated by the format (ogi-rules §2.2), so a mismatch is a warning for the report,
    /// not a refusal; it means last year's report was counted differently or data changed.
    pub fn check_carry_over(&self, last_year: &RulesBlock) -> Vec<CarryOverMismatch> {
        [("规章", &last_year.rules, &self.rules), ("行政规范性文件", &last_year.normative, &self.normative)]
            .into_iter()
            .filter(|(_, prev, this)| prev.in_force + this.issued != this.in_force + this.abolished)
            .map(|(row, prev, this)| CarryOverMismatch {
                row,
                last_year_in_force: prev.in_force,
                issued: this.issued,
                abolished: this.abolished,
                in_force: this.in_force,
            })
            .collect()
    }
}

fn year_end(year: i32) -> Date {
    Date::from_calendar_date(year, Month::December, 31).expect("31 December exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn e(kind: PolicyKind, issued_on: Date, abolished_on: Option<Date>) -> RegisterEntry {
        RegisterEntry { kind, issued_on, abolished_on }
    }

    #[test]
    fn counts_issue_abolition_and_force_per_row() {
        let entries = [
            e(PolicyKind::Normative, date!(2023 - 05 - 01), None),
            e(PolicyKind::Normative, date!(2024 - 02 - 01), Some(date!(2024 - 12 - 31))),
            e(PolicyKind::Normative, date!(2020 - 02 - 01), Some(date!(2025 - 01 - 01))),
            e(PolicyKind::Rule, date!(2024 - 07 - 01), None),
            e(PolicyKind::OtherPolicy, date!(2024 - 07 - 01), None),
        ];
        let b = RulesBlock::count(&entries, 2024);
        assert_eq!(b.normative, RegisterRow { issued: 1, abolished: 1, in_force: 2 });
        assert_eq!(b.rules, RegisterRow { issued: 1, abolished: 0, in_force: 1 });
        let next = RulesBlock::count(&entries, 2025);
        assert_eq!(next.normative, RegisterRow { issued: 0, abolished: 1, in_force: 1 });
        assert!(next.check_carry_over(&b).is_empty());
    }

    #[test]
    fn a_mismatch_names_the_row_and_the_numbers() {
        let last =
            RulesBlock { normative: RegisterRow { issued: 3, abolished: 0, in_force: 10 }, ..Default::default() };
        let this =
            RulesBlock { normative: RegisterRow { issued: 2, abolished: 1, in_force: 12 }, ..Default::default() };
        let m = this.check_carry_over(&last);
        assert_eq!(m.len(), 1);
        assert_eq!(
            m[0].to_string(),
            "行政规范性文件：上年现行有效 10 + 本年制发 2 − 本年废止 1 = 11，但本年现行有效为 12"
        );
    }

    proptest! {
        /// Counted from the same data, every year carries over from the year before.
        #[test]
        fn counted_years_always_carry_over(
            docs in prop::collection::vec((0u8..2, 0i32..3000, prop::option::of(-400i32..3000)), 0..60),
            year in 2016i32..2024,
        ) {
            let base = date!(2016 - 01 - 01);
            let entries: Vec<RegisterEntry> = docs.iter().map(|(k, issued, abolished)| {
                let issued_on = base + time::Duration::days(i64::from(*issued));
                RegisterEntry {
                    kind: if *k == 0 { PolicyKind::Rule } else { PolicyKind::Normative },
                    issued_on,
                    abolished_on: abolished.map(|a| issued_on + time::Duration::days(i64::from(a))),
                }
            }).collect();
            let last = RulesBlock::count(&entries, year - 1);
            let this = RulesBlock::count(&entries, year);
            prop_assert!(this.check_carry_over(&last).is_empty(), "{last:?} → {this:?}");
        }
    }
}
