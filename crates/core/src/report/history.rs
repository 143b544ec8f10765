//! Reports of years before the platform, read from the CSV of their tables (as
//! [`super::render::tables_csv`] writes them, or typed from a published report in the same
//! shape), so that carry-over and trends work from the first year. The 2019 trial format
//! (国办公开办函〔2019〕60号) is understood: its table 三 has one （六）其他处理 row, read into
//! 3.其他; its table 二 has other columns and is not read (ogi-rules §2.5).

use super::annual::{AnnualReport, Level, Narrative, Source};
use super::table2::{ManualCells, RegisterRow, RulesBlock, Table2, wan_to_fen};
use crate::foi::Table3Row;
use crate::foi::report::{ReviewKind, Table3, Table3Column, Table3Line, Table4, Table4Column};

/// The one row of the 2019 format that the 2021 format splits in three.
const OTHER_2019: &str = "（六）其他处理";

/// Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes
/// doubled and line breaks); returns each record with its 1-based line number.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let (mut quoted, mut line, mut start) = (false, 1usize, 1usize);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut record)));
                line += 1;
                start = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(format!("第 {start} 行：引号未闭合"));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push((start, record));
    }
    Ok(out)
}

fn blank(r: &[String]) -> bool {
    r.iter().all(|f| f.trim().is_empty())
}

fn number(line: usize, label: &str, v: &str) -> Result<u64, String> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(0);
    }
    v.parse::<u64>().map_err(|_| format!("第 {line} 行“{label}”：“{v}”不是 0 或正整数"))
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    norm(a) == norm(b)
}

/// Reads a report's tables from CSV. Every problem is reported with its line; nothing is
/// guessed: an unknown row, a missing number column or a bad number stops the reading.
pub fn from_csv(
    text: &str,
    agency_code: &str,
    agency_name: &str,
    level: Level,
    year: i32,
) -> Result<AnnualReport, Vec<String>> {
    let recs = records(text).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let mut table2: Option<Table2> = None;
    let mut table3: Option<Table3> = None;
    let mut table4: Option<Table4> = None;
    let mut source = Source::Imported;
    // Sections: a header record, then rows, until a blank record.
    let mut i = 0;
    while i < recs.len() {
        let (line, header) = &recs[i];
        if blank(header) {
            i += 1;
            continue;
        }
        let first = header[0].trim();
        let mut rows = Vec::new();
        i += 1;
        while i < recs.len() && !blank(&recs[i].1) {
            rows.push(&recs[i]);
            i += 1;
        }
        if same(first, Table3::NOTE) {
            let mut t = Table3::zero();
            // Published reports often leave 总计 (and 三(七)) blank: derived then, not read as 0.
            let mut blank_totals = false;
            for (line, r) in rows {
                let label = r[0].trim();
                let target = if same(label, OTHER_2019) {
                    source = Source::Imported2019;
                    Some(Table3Line::Result(Table3Row::Other))
                } else {
                    Table3Line::ALL.iter().copied().find(|l| same(l.label(), label) || same(&l.full_label(), label))
                };
                let Some(target) = target else {
                    errors.push(format!("第 {line} 行：表三没有“{label}”这一行"));
                    continue;
                };
                if r.len() < 8 {
                    errors.push(format!("第 {line} 行“{label}”：应有 7 个数字（自然人、五类法人或其他组织、总计）"));
                    continue;
                }
                for (k, column) in Table3Column::ALL.iter().enumerate() {
                    let derived = *column == Table3Column::Total || target == Table3Line::ResultTotal;
                    if derived && r[k + 1].trim().is_empty() {
                        blank_totals = true;
                        continue;
                    }
                    match number(*line, label, &r[k + 1]) {
                        Ok(n) => t.set_cell(target, *column, n),
                        Err(e) => errors.push(e),
                    }
                }
            }
            if blank_totals {
                t.fill_totals();
            }
            table3 = Some(t);
        } else if same(first, "类别") {
            let mut t = Table4::default();
            for (line, r) in rows {
                let label = r[0].trim();
                let Some(kind) =
                    ReviewKind::ALL.iter().copied().find(|k| same(&k.full_label(), label) || same(k.label(), label))
                else {
                    errors.push(format!("第 {line} 行：表四没有“{label}”这一类"));
                    continue;
                };
                if r.len() < 6 {
                    errors.push(format!("第 {line} 行“{label}”：应有 5 个数字"));
                    continue;
                }
                for (k, column) in Table4Column::ALL.iter().enumerate() {
                    match number(*line, label, &r[k + 1]) {
                        Ok(n) => *t.block_mut(kind).get_mut(*column) = n,
                        Err(e) => errors.push(e),
                    }
                }
            }
            table4 = Some(t);
        } else if first == "表二" && header.iter().any(|h| same(h, "本年制发件数")) {
            let mut t = Table2 { rules: RulesBlock::default(), manual: ManualCells::default() };
            for (line, r) in rows {
                let label = r.get(1).map_or("", |s| s.trim());
                let cell = |k: usize| r.get(k).map_or("", |s| s.as_str());
                let row = |line: usize| -> Result<RegisterRow, String> {
                    Ok(RegisterRow {
                        issued: number(line, label, cell(2))?,
                        abolished: number(line, label, cell(3))?,
                        in_force: number(line, label, cell(4))?,
                    })
                };
                let optional = |k: usize| -> Result<Option<u64>, String> {
                    if cell(k).trim().is_empty() { Ok(None) } else { number(*line, label, cell(k)).map(Some) }
                };
                let result = match label {
                    "规章" => row(*line).map(|x| t.rules.rules = x),
                    "行政规范性文件" => row(*line).map(|x| t.rules.normative = x),
                    "行政许可" => optional(5).map(|x| t.manual.licensing = x),
                    "行政处罚" => optional(5).map(|x| t.manual.penalties = x),
                    "行政强制" => optional(5).map(|x| t.manual.coercion = x),
                    "行政事业性收费" => match cell(6).trim() {
                        "" => Ok(()),
                        v => {
                            wan_to_fen(v).map(|f| t.manual.fees_fen = Some(f)).map_err(|m| format!("第 {line} 行：{m}"))
                        }
                    },
                    other => Err(format!("第 {line} 行：表二没有“{other}”这一行")),
                };
                if let Err(e) = result {
                    errors.push(e);
                }
            }
            table2 = Some(t);
        } else if header.iter().any(|h| same(h, "本年新制作数量") || same(h, "对外公开总数量")) {
            // Table 二 of the 2019 trial format: other columns, not comparable; skipped.
            source = Source::Imported2019;
        } else if first == "表二" || first.contains("信息内容") || first.starts_with("第二十条") {
            errors.push(format!(
                "第 {line} 行：表二请按本平台导出的格式填写（表二,信息内容,本年制发件数,本年废止件数,现行有效件数,本年处理决定数量,本年收费金额（万元））"
            ));
        } else {
            errors.push(format!("第 {line} 行：无法识别的表格（首格为“{first}”）"));
        }
    }
    if table3.is_none() {
        errors.push("没有找到表三（首格应为“（本列数据的勾稽关系为：……）”）".into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if table2.is_none() && source == Source::Imported {
        source = Source::ImportedWithoutTable2;
    }
    Ok(AnnualReport {
        year,
        agency_code: agency_code.into(),
        agency_name: agency_name.into(),
        level,
        narrative: Narrative::default(),
        table2: table2.unwrap_or_default(),
        table3: table3.unwrap_or_default(),
        table4: table4.unwrap_or_default(),
        fees_collected_fen: 0,
        explanation: None,
        source,
        published_checks: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::render::tables_csv;

    fn sample() -> AnnualReport {
        let mut table3 = Table3::zero();
        table3.set_cell(Table3Line::New, Table3Column::ALL[0], 5);
        table3.set_cell(Table3Line::Result(Table3Row::Disclosed), Table3Column::ALL[0], 4);
        table3.set_cell(Table3Line::CarriedOut, Table3Column::ALL[0], 1);
        table3.fill_totals();
        let mut table4 = Table4::default();
        *table4.block_mut(ReviewKind::Reconsideration).get_mut(Table4Column::Upheld) = 2;
        *table4.block_mut(ReviewKind::Reconsideration).get_mut(Table4Column::Total) = 2;
        AnnualReport {
            year: 2020,
            agency_code: "001002003".into(),
            agency_name: "温州市人民政府办公室".into(),
            level: Level::Agency,
            narrative: Narrative::default(),
            table2: Table2 {
                rules: RulesBlock {
                    normative: RegisterRow { issued: 3, abolished: 1, in_force: 20 },
                    ..Default::default()
                },
                manual: ManualCells {
                    licensing: Some(7),
                    penalties: Some(0),
                    coercion: Some(0),
                    fees_fen: Some(2_000_000),
                },
            },
            table3,
            table4,
            fees_collected_fen: 0,
            explanation: None,
            source: Source::Imported,
            published_checks: Vec::new(),
        }
    }

    #[test]
    fn what_the_platform_writes_reads_back() {
        let r = sample();
        let back = from_csv(&tables_csv(&r), "001002003", "温州市人民政府办公室", Level::Agency, 2020).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn the_2019_format_is_understood() {
        let mut report = sample();
        report.table3.set_cell(Table3Line::Result(Table3Row::Other), Table3Column::ALL[0], 3);
        report.table3.set_cell(Table3Line::New, Table3Column::ALL[0], 8);
        report.table3.fill_totals();
        let mut csv = tables_csv(&report);
        // The 2019 table 二 has other columns.
        let t2_end = csv.find("\r\n\r\n").unwrap();
        csv.replace_range(
            ..t2_end,
            "信息内容,本年新制作数量,本年新公开数量,对外公开总数量\r\n规章,0,0,0\r\n规范性文件,3,3,20",
        );
        // The 2019 table 三 has one 其他处理 row instead of three.
        let lines: Vec<&str> = csv.split("\r\n").collect();
        let mut kept: Vec<String> = Vec::new();
        for l in lines {
            if l.starts_with("1.申请人无正当理由逾期不补正") || l.starts_with("2.申请人逾期未按收费通知")
            {
                continue;
            }
            if l.starts_with("3.其他,") {
                kept.push(l.replacen("3.其他", OTHER_2019, 1));
                continue;
            }
            kept.push(l.to_string());
        }
        csv = kept.join("\r\n");
        let r = from_csv(&csv, "001002003", "温州市人民政府办公室", Level::Agency, 2019).unwrap();
        assert_eq!(r.source, Source::Imported2019);
        assert_eq!(r.table3.cell(Table3Line::New, Table3Column::Total), 8);
        assert_eq!(r.table3.cell(Table3Line::Result(Table3Row::Other), Table3Column::Total), 3, "其他处理 → 3.其他");
        assert!(r.table3.checks().is_empty());
        assert_eq!(r.table2, Table2::default(), "not comparable, not read");
    }

    #[test]
    fn blank_totals_are_derived_and_a_missing_table_two_is_not_compared() {
        let csv = tables_csv(&sample());
        let t3_start = csv.find(Table3::NOTE).unwrap();
        let t3 = &csv[t3_start..];
        // Blank the 总计 column (the last field of every row of table 三).
        let blanked: String = t3
            .split("\r\n")
            .map(|l| match l.rsplit_once(',') {
                Some((head, _)) if !l.is_empty() => format!("{head},"),
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\r\n");
        let r = from_csv(&blanked, "x", "x", Level::Agency, 2020).unwrap();
        assert_eq!(r.table3, sample().table3, "totals derived from their parts");
        assert_eq!(r.source, Source::ImportedWithoutTable2);
    }

    #[test]
    fn bad_rows_and_numbers_are_named_with_their_line() {
        let csv = tables_csv(&sample())
            .replace("一、本年新收政府信息公开申请数量,5", "一、本年新收政府信息公开申请数量,-5")
            .replace("规章,", "规 章X,");
        let e = from_csv(&csv, "x", "x", Level::Agency, 2020).unwrap_err();
        assert!(e.iter().any(|m| m.contains("“-5”不是 0 或正整数")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("表二没有")), "{e:?}");
        assert!(
            from_csv("a,b\r\n1,2\r\n", "x", "x", Level::Agency, 2020)
                .unwrap_err()
                .iter()
                .any(|m| m.contains("没有找到表三"))
        );
        assert!(from_csv("\"unclosed", "x", "x", Level::Agency, 2020).is_err());
    }
}
