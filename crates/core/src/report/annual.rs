//! The 政府信息公开工作年度报告 of one agency or one government for one year, in the six parts
//! of the 2021 format (国办公开办函〔2021〕30号; 条例 Arts. 49–50): 一 总体情况, 五 存在的主要问题及
//! 改进情况 and 六 其他需要报告的事项 are text written by staff; 二, 三 and 四 are tables computed
//! from the platform's data (二's cells the platform holds no data for are entered by staff).

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use super::table2::{Table2, fen_to_wan};
use crate::doc::{FieldErrors, code_enum};
use crate::foi::report::{Table3, Table4};

code_enum! {
    /// Whose report: one agency's own, or a people's government's, which covers the government
    /// and its departments (and its districts where the city says so).
    pub enum Level {
        Agency = ("agency", "部门"),
        Government = ("government", "政府"),
    }
}

impl Level {
    /// The report an agency of this kind publishes: a people's government (city or district)
    /// the government's, covering its departments; a department or township its own.
    pub fn for_kind(kind: crate::org::AgencyKind) -> Level {
        match kind {
            crate::org::AgencyKind::Government | crate::org::AgencyKind::District => Level::Government,
            crate::org::AgencyKind::Department | crate::org::AgencyKind::Township => Level::Agency,
        }
    }

    /// 条例 Art. 49: departments publish last year's report by 31 January, governments (their
    /// disclosure authority) by 31 March.
    pub fn deadline(self, report_year: i32) -> Date {
        let month = match self {
            Level::Agency => Month::January,
            Level::Government => Month::March,
        };
        Date::from_calendar_date(report_year + 1, month, 31).expect("31 January and 31 March exist")
    }
}

/// The longest narrative part accepted, in characters.
pub const MAX_NARRATIVE_CHARS: usize = 30_000;

/// Parts 一, 五 and 六, as plain text: paragraphs separated by line breaks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Narrative {
    /// 一、总体情况.
    pub overview: String,
    /// 五、存在的主要问题及改进情况.
    pub problems: String,
    /// 六、其他需要报告的事项.
    pub other: String,
}

impl Narrative {
    /// Checks the three parts: plain text only (a report is published as it is written, so any
    /// markup — a script above all — is refused rather than silently removed), within
    /// [`MAX_NARRATIVE_CHARS`].
    pub fn parse(overview: &str, problems: &str, other: &str) -> Result<Narrative, FieldErrors> {
        let mut e = FieldErrors::default();
        for (field, label, text) in [
            ("overview", "一、总体情况", overview),
            ("problems", "五、存在的主要问题及改进情况", problems),
            ("other", "六、其他需要报告的事项", other),
        ] {
            if has_markup(text) {
                e.add(field, format!("{label}只能填写纯文字，不能包含 HTML 标签或脚本（如 <script>）"));
            } else if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
                // Characters a DOCX (XML 1.0) cannot hold; text pasted from Word brings them.
                e.add(field, format!("{label}含有不可见的控制字符，请删除后再保存（常见于从其他文档复制的文字）"));
            } else if crate::text::char_len(text) > MAX_NARRATIVE_CHARS {
                e.add(field, format!("{label}最多 {MAX_NARRATIVE_CHARS} 字"));
            }
        }
        if e.is_empty() {
            let clean = |s: &str| s.replace("\r\n", "\n").trim().to_string();
            Ok(Narrative { overview: clean(overview), problems: clean(problems), other: clean(other) })
        } else {
            Err(e)
        }
    }

    /// The paragraphs of a part.
    pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
        text.lines().map(str::trim).filter(|l| !l.is_empty())
    }
}

/// `<` followed by a letter, `/`, `!` or `?`: the start of a tag, comment or processing
/// instruction. A lone `<` (as in "≤" typed as "<5") is text.
fn has_markup(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
        || text.contains("javascript:")
}

/// Where the tables of a report came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Counted by the platform.
    #[default]
    Computed,
    /// Imported from an earlier year's report (2021 format).
    Imported,
    /// Imported without a table 二 that can be compared (not given, or in another layout): its
    /// carry-over is not checked against.
    ImportedWithoutTable2,
    /// Imported from a report in the 2019 trial format (国办公开办函〔2019〕60号): table 三's
    /// single 其他处理 row is read into 3.其他; table 二's rows are not comparable and are left
    /// out of the carry-over check.
    Imported2019,
}

/// The whole report. Its JSON is what `gongkai report annual --format json` writes and what the
/// history import reads back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub year: i32,
    pub agency_code: String,
    pub agency_name: String,
    pub level: Level,
    #[serde(default)]
    pub narrative: Narrative,
    pub table2: Table2,
    pub table3: Table3,
    pub table4: Table4,
    /// 信息处理费 collected in the year, in 分 (reported under 六).
    #[serde(default)]
    pub fees_collected_fen: u64,
    /// The written explanation of checks that fail, published with the report.
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub source: Source,
    /// The checks that failed when the report was published (with the explanation above): a
    /// published report shows them as they were, whatever is imported or changed later.
    #[serde(default)]
    pub published_checks: Vec<String>,
}

/// One failed check of a report, in words for staff and the public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportCheck {
    /// `table3`, `table4`, `carry-over`, `table2-carry-over`, `table2-missing`.
    pub kind: &'static str,
    pub message: String,
    /// Whether a written explanation lets the report be published anyway (a missing cell must
    /// be filled in instead: 0 is a value, blank is not).
    pub explainable: bool,
}

impl AnnualReport {
    /// The title it is published under.
    pub fn title(&self) -> String {
        format!("{}{}年政府信息公开工作年度报告", self.agency_name, self.year)
    }

    /// Every check the format states or implies, against last year's report when there is one:
    /// table 三's 一 + 二 = 三(七) + 四 per column, 总计 = sum of the columns, 三(七) = sum of its
    /// rows; table 四's totals; this year's 上年结转 = last year's 结转下年度; table 二's 现行有效
    /// carried over from last year (上年现行有效 + 本年制发 − 本年废止); and table 二's entered cells
    /// all filled in.
    pub fn checks(&self, last_year: Option<&AnnualReport>) -> Vec<ReportCheck> {
        let mut out: Vec<ReportCheck> = Vec::new();
        let mut push = |kind, message: String, explainable| out.push(ReportCheck { kind, message, explainable });
        for f in self.table3.checks() {
            push("table3", f.message, true);
        }
        for f in self.table4.checks() {
            push("table4", f.message, true);
        }
        if let Some(last) = last_year {
            for f in self.table3.check_carry_over(&last.table3) {
                push("carry-over", f.message, true);
            }
            if !matches!(last.source, Source::Imported2019 | Source::ImportedWithoutTable2) {
                for m in self.table2.check_carry_over(&last.table2) {
                    push("table2-carry-over", format!("表二（与上年度报告比较）{m}"), true);
                }
            }
        }
        // Parts 一 and 五 are what the report is for (条例 Art. 50); a draft's prompts must not
        // be published.
        for (label, text) in
            [("一、总体情况", &self.narrative.overview), ("五、存在的主要问题及改进情况", &self.narrative.problems)]
        {
            if text.trim().is_empty() {
                push("narrative", format!("{label}尚未填写"), false);
            } else if text.contains(PROMPT) {
                push("narrative", format!("{label}中还有“{PROMPT}……】”待补充的内容"), false);
            }
        }
        let missing = self.table2.manual.missing();
        if !missing.is_empty() {
            push("table2-missing", format!("表二中{}的数据尚未填写（没有的请填 0）", missing.join("、")), false);
        }
        out
    }

    /// The sentence of part 六 on 信息处理费, which the format's practice reports there.
    pub fn fees_sentence(&self) -> String {
        if self.fees_collected_fen == 0 {
            format!("{}年，本{}未收取信息处理费。", self.year, self.level_word())
        } else {
            let yuan = self.fees_collected_fen / 100;
            let fen = self.fees_collected_fen % 100;
            let amount = if fen == 0 { format!("{yuan}") } else { format!("{yuan}.{fen:02}") };
            format!(
                "{}年，本{}依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费共计{amount}元。",
                self.year,
                self.level_word()
            )
        }
    }

    fn level_word(&self) -> &'static str {
        match self.level {
            Level::Agency => "机关",
            Level::Government => "级政府",
        }
    }

    /// Table 二's fee amount as the table shows it (万元), or empty when not entered.
    pub fn fees_cell(&self) -> String {
        self.table2.manual.fees_fen.map(fen_to_wan).unwrap_or_default()
    }
}

/// How the draft of part 一 marks what staff must complete.
pub const PROMPT: &str = "【请补充";

/// What the draft of part 一 is written from: the year's figures on the platform.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facts {
    pub agency_name: String,
    pub year: i32,
    /// 主动公开 documents first published in the year.
    pub published: u64,
    /// Of which policy documents.
    pub policies: u64,
    /// Interpretations published in the year.
    pub interpretations: u64,
    /// Documents first published late (条例 Art. 26).
    pub late: u64,
    pub requests_new: u64,
    pub requests_closed: u64,
    pub requests_carried_out: u64,
    /// Of those closed: disclosed in full or in part.
    pub disclosed: u64,
    pub reviews: u64,
}

impl Facts {
    /// A draft of 一、总体情况 stating the year's figures, for staff to complete: the format asks
    /// for 主动公开, 依申请公开, 政府信息管理, 平台建设 and 监督保障 (ogi-rules §2.1).
    pub fn overview_draft(&self) -> String {
        let Facts { agency_name, year, published, policies, interpretations, late, .. } = self;
        let mut p = vec![format!(
            "{year}年，{agency_name}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，推进政府信息公开工作。"
        )];
        p.push(format!(
            "（一）主动公开。全年通过政府信息公开平台主动公开政府信息{published}条，其中政策文件{policies}件，发布政策解读{interpretations}篇{}。",
            if *late > 0 { format!("；超过条例第二十六条规定期限发布的{late}条，已督促整改") } else { String::new() }
        ));
        p.push(format!(
            "（二）依申请公开。全年新收政府信息公开申请{}件，办结{}件（其中予以公开和部分公开{}件），结转下年度继续办理{}件；因政府信息公开引起的行政复议、行政诉讼{}件。",
            self.requests_new, self.requests_closed, self.disclosed, self.requests_carried_out, self.reviews
        ));
        p.push("（三）政府信息管理。【请补充：公开属性源头认定、保密审查、政策文件清理等情况】".into());
        p.push("（四）平台建设。【请补充：政府信息公开平台、政府网站和政务新媒体建设情况】".into());
        p.push("（五）监督保障。【请补充：组织领导、培训、考核评议等情况】".into());
        p.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foi::report::{Table3Column, Table3Line};
    use crate::report::table2::{ManualCells, RegisterRow, RulesBlock};

    fn report(year: i32) -> AnnualReport {
        AnnualReport {
            year,
            agency_code: "001002003".into(),
            agency_name: "温州市人民政府办公室".into(),
            level: Level::Agency,
            narrative: Narrative {
                overview: "总体情况。".into(),
                problems: "问题和改进。".into(),
                other: String::new(),
            },
            table2: Table2 {
                rules: RulesBlock::default(),
                manual: ManualCells { licensing: Some(0), penalties: Some(0), coercion: Some(0), fees_fen: Some(0) },
            },
            table3: Table3::zero(),
            table4: Table4::default(),
            fees_collected_fen: 0,
            explanation: None,
            source: Source::Computed,
            published_checks: Vec::new(),
        }
    }

    #[test]
    fn deadlines_follow_article_49() {
        assert_eq!(Level::Agency.deadline(2025), time::macros::date!(2026 - 01 - 31));
        assert_eq!(Level::Government.deadline(2025), time::macros::date!(2026 - 03 - 31));
    }

    #[test]
    fn narrative_refuses_markup_and_keeps_text() {
        let e = Narrative::parse("正文<script>alert(1)</script>", "", "<img src=x onerror=alert(1)>").unwrap_err();
        assert!(e.get("overview").unwrap().contains("不能包含 HTML"));
        assert!(e.get("other").is_some());
        assert!(e.get("problems").is_none());
        let n = Narrative::parse("  第一段\r\n第二段 <5 件 ", "", "").unwrap();
        assert_eq!(Narrative::paragraphs(&n.overview).collect::<Vec<_>>(), ["第一段", "第二段 <5 件"]);
        assert!(Narrative::parse(&"字".repeat(MAX_NARRATIVE_CHARS + 1), "", "").is_err());
        let e = Narrative::parse("", "从文档复制\u{0B}的文字", "").unwrap_err();
        assert!(e.get("problems").unwrap().contains("控制字符"));
    }

    #[test]
    fn checks_cover_tables_carry_over_and_missing_cells() {
        let last = report(2024);
        let mut this = report(2025);
        assert!(this.checks(Some(&last)).is_empty());
        // A carried-in count that last year did not carry out, and a table 三 that does not balance.
        this.table3.set_cell(Table3Line::CarriedIn, Table3Column::Total, 2);
        let checks = this.checks(Some(&last));
        assert!(checks.iter().any(|c| c.kind == "carry-over"), "{checks:?}");
        assert!(checks.iter().any(|c| c.kind == "table3"));
        assert!(checks.iter().all(|c| c.explainable));
        // 现行有效 that does not follow from last year's.
        let mut t2 = report(2025);
        t2.table2.rules.normative = RegisterRow { issued: 1, abolished: 0, in_force: 5 };
        assert!(t2.checks(Some(&last)).iter().any(|c| c.kind == "table2-carry-over"));
        // Not compared with a 2019-format report.
        let mut old = report(2024);
        old.source = Source::Imported2019;
        assert!(t2.checks(Some(&old)).is_empty());
        // A blank cell is not explainable: it must be filled in.
        let mut blank = report(2025);
        blank.table2.manual.penalties = None;
        let c = blank.checks(None);
        assert_eq!(c.len(), 1);
        assert!(!c[0].explainable && c[0].message.contains("行政处罚"));
        // So must parts 一 and 五, and the draft's prompts.
        let mut prompt = report(2025);
        prompt.narrative.overview = Facts::default().overview_draft();
        prompt.narrative.problems = String::new();
        let c = prompt.checks(None);
        assert_eq!(c.iter().filter(|c| c.kind == "narrative" && !c.explainable).count(), 2, "{c:?}");
        assert!(c.iter().any(|c| c.message.contains("待补充")));
    }

    #[test]
    fn fees_under_part_six() {
        let mut r = report(2025);
        assert!(r.fees_sentence().contains("未收取"));
        r.fees_collected_fen = 40_000;
        assert!(r.fees_sentence().contains("共计400元"), "{}", r.fees_sentence());
        r.fees_collected_fen = 12_345;
        assert!(r.fees_sentence().contains("123.45元"));
    }

    #[test]
    fn the_json_round_trips() {
        let r = report(2025);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<AnnualReport>(&json).unwrap(), r);
    }
}
