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

use crate::doc::{FieldErrors, PolicyKind};

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

/// Table 二 as a whole: the counted block of 第二十条第（一）项 and the cells the platform holds no
/// data for (行政许可, 行政处罚, 行政强制 decisions and the 行政事业性收费 amount), which staff
/// enter and which are marked as entered (`None`: not entered yet).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table2 {
    pub rules: RulesBlock,
    #[serde(default)]
    pub manual: ManualCells,
}

/// The cells of table 二 entered by staff.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ManualCells {
    /// 第二十条第（五）项 行政许可: 本年处理决定数量.
    pub licensing: Option<u64>,
    /// 第二十条第（六）项 行政处罚: 本年处理决定数量.
    pub penalties: Option<u64>,
    /// 第二十条第（六）项 行政强制: 本年处理决定数量.
    pub coercion: Option<u64>,
    /// 第二十条第（八）项 行政事业性收费: 本年收费金额, in 分 (shown in 万元).
    pub fees_fen: Option<u64>,
}

/// What a form supplies for [`ManualCells`], as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ManualInput {
    pub licensing: String,
    pub penalties: String,
    pub coercion: String,
    /// 万元, up to four decimals (one 元).
    pub fees_wan: String,
}

impl ManualCells {
    /// Parses the typed cells; each wrong one gets its own message. An empty cell is "not
    /// entered"; a count is a whole number ≥ 0; the fee amount is 万元 with at most 4 decimals.
    pub fn parse(input: &ManualInput) -> Result<ManualCells, FieldErrors> {
        let mut e = FieldErrors::default();
        let mut count = |field: &'static str, label: &str, v: &str| -> Option<u64> {
            let v = v.trim();
            if v.is_empty() {
                return None;
            }
            match v.parse::<u64>() {
                Ok(n) => Some(n),
                Err(_) if v.starts_with('-') => {
                    e.add(field, format!("{label}不能为负数"));
                    None
                }
                Err(_) => {
                    e.add(field, format!("{label}“{v}”不是整数，请填写 0 或正整数"));
                    None
                }
            }
        };
        let licensing = count("licensing", "行政许可本年处理决定数量", &input.licensing);
        let penalties = count("penalties", "行政处罚本年处理决定数量", &input.penalties);
        let coercion = count("coercion", "行政强制本年处理决定数量", &input.coercion);
        let fees_fen = match input.fees_wan.trim() {
            "" => None,
            v => match wan_to_fen(v) {
                Ok(f) => Some(f),
                Err(m) => {
                    e.add("fees_wan", m);
                    None
                }
            },
        };
        if e.is_empty() { Ok(ManualCells { licensing, penalties, coercion, fees_fen }) } else { Err(e) }
    }

    pub fn to_input(&self) -> ManualInput {
        let n = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
        ManualInput {
            licensing: n(self.licensing),
            penalties: n(self.penalties),
            coercion: n(self.coercion),
            fees_wan: self.fees_fen.map(fen_to_wan).unwrap_or_default(),
        }
    }

    /// The cells not entered yet, by label.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            (self.licensing.is_none(), "行政许可"),
            (self.penalties.is_none(), "行政处罚"),
            (self.coercion.is_none(), "行政强制"),
            (self.fees_fen.is_none(), "行政事业性收费"),
        ]
        .into_iter()
        .filter(|(m, _)| *m)
        .map(|(_, l)| l)
        .collect()
    }
}

/// 万元 as typed (`12.5`, `0.0001`) into 分: 1 万元 = 1,000,000 分; more than 4 decimals would
/// be less than one 元, which the table does not show.
pub fn wan_to_fen(v: &str) -> Result<u64, String> {
    let bad = || format!("收费金额“{v}”不是有效的金额，请以万元为单位填写，如 12.3456");
    if v.starts_with('-') {
        return Err("收费金额不能为负数".into());
    }
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if frac.len() > 4 {
        return Err(format!("收费金额“{v}”最多保留 4 位小数（即精确到元）"));
    }
    let int: u64 = int.parse().map_err(|_| bad())?;
    let frac: u64 = format!("{frac:0<4}").parse().map_err(|_| bad())?;
    int.checked_mul(1_000_000).and_then(|i| i.checked_add(frac * 100)).ok_or_else(bad)
}

/// 分 as 万元 with 4 decimals, the unit of the table.
pub fn fen_to_wan(fen: u64) -> String {
    let yuan = fen / 100;
    format!("{}.{:04}", yuan / 10_000, yuan % 10_000)
}

impl Table2 {
    /// The carry-over of the counted rows against last year's *published* table 二.
    pub fn check_carry_over(&self, last_year: &Table2) -> Vec<CarryOverMismatch> {
        self.rules.check_carry_over(&last_year.rules)
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

    #[test]
    fn manual_cells_refuse_bad_numbers_each_with_its_message() {
        let e = ManualCells::parse(&ManualInput {
            licensing: "十二".into(),
            penalties: "-3".into(),
            coercion: "1.5".into(),
            fees_wan: "1.23456".into(),
        })
        .unwrap_err();
        assert!(e.get("licensing").unwrap().contains("不是整数"));
        assert!(e.get("penalties").unwrap().contains("负数"));
        assert!(e.get("coercion").unwrap().contains("不是整数"));
        assert!(e.get("fees_wan").unwrap().contains("4 位小数"));
        let m =
            ManualCells::parse(&ManualInput { licensing: " 12 ".into(), fees_wan: "3.5".into(), ..Default::default() })
                .unwrap();
        assert_eq!((m.licensing, m.fees_fen), (Some(12), Some(3_500_000)));
        assert_eq!(m.missing(), ["行政处罚", "行政强制"]);
        assert_eq!(fen_to_wan(3_500_000), "3.5000");
        assert_eq!(fen_to_wan(100), "0.0001");
        assert_eq!(ManualCells::parse(&m.to_input()).unwrap(), m);
        assert!(wan_to_fen("abc").is_err() && wan_to_fen("-1").is_err() && wan_to_fen(".5").is_err());
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
