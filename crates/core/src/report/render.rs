//! The report as HTML (the body it is published with, and the page staff review), and its
//! tables as CSV. The tables follow the official layout of the 2021 format cell for cell: the
//! same header rows and spans, the same labels and numbering, every cell filled; header cells
//! are `<th>` with their scope, so a screen reader announces each number with its row and
//! column.

use super::annual::{AnnualReport, Narrative, ReportCheck};
use super::table2::fen_to_wan;
use crate::foi::report::{ReviewKind, Table3, Table3Column, Table4Column};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn paragraphs(out: &mut String, text: &str, placeholder: &str) {
    let mut any = false;
    for p in Narrative::paragraphs(text) {
        out.push_str(&format!("<p>{}</p>", esc(p)));
        any = true;
    }
    if !any {
        out.push_str(&format!("<p>{}</p>", esc(placeholder)));
    }
}

/// The whole report as HTML: the six parts in order, the three tables, the 信息处理费 under 六,
/// and — when checks fail — the written explanation.
pub fn report_html(r: &AnnualReport, checks: &[ReportCheck]) -> String {
    let mut h = String::new();
    h.push_str(&format!(
        "<p>本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制，报告所列数据统计期限自{y}年1月1日起至{y}年12月31日止。</p>",
        y = r.year
    ));
    h.push_str("<h2>一、总体情况</h2>");
    paragraphs(&mut h, &r.narrative.overview, "（未填写）");
    h.push_str("<h2>二、主动公开政府信息情况</h2>");
    h.push_str(&table2_html(r));
    h.push_str("<h2>三、收到和处理政府信息公开申请情况</h2>");
    h.push_str(&table3_html(&r.table3));
    h.push_str("<h2>四、政府信息公开行政复议、行政诉讼情况</h2>");
    h.push_str(&table4_html(r));
    h.push_str("<h2>五、存在的主要问题及改进情况</h2>");
    paragraphs(&mut h, &r.narrative.problems, "（未填写）");
    h.push_str("<h2>六、其他需要报告的事项</h2>");
    paragraphs(&mut h, &r.narrative.other, "");
    h.push_str(&format!("<p>{}</p>", esc(&r.fees_sentence())));
    if !checks.is_empty() {
        h.push_str("<h3>数据说明</h3><ul>");
        for c in checks {
            h.push_str(&format!("<li>{}</li>", esc(&c.message)));
        }
        h.push_str("</ul>");
        if let Some(e) = &r.explanation {
            paragraphs(&mut h, e, "");
        }
    }
    h
}

/// The report as a standalone HTML file (what `gongkai report annual --format html` writes):
/// the body of [`report_html`] with a title and a stylesheet for screen and print (A4, tables
/// with ruled cells), readable offline and printable as it is.
pub fn standalone_html(r: &AnnualReport, checks: &[ReportCheck]) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title><style>\
         body{{font-family:\"Noto Serif CJK SC\",\"SimSun\",serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.8}}\
         h1{{text-align:center;font-size:1.6rem}}h2{{font-size:1.2rem;margin-top:2rem}}\
         table{{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}}caption{{font-weight:bold;margin-bottom:.5rem}}\
         th,td{{border:1px solid #000;padding:.25rem .4rem;text-align:center}}th[scope=row]{{text-align:left;font-weight:normal}}\
         @page{{size:A4;margin:2cm}}@media print{{body{{margin:0;max-width:none}}table{{page-break-inside:auto}}tr{{page-break-inside:avoid}}}}\
         </style></head><body><h1>{title}</h1>\n{body}\n</body></html>\n",
        title = esc(&r.title()),
        body = report_html(r, checks)
    )
}

/// Table 二 in the official layout: four blocks by item of 条例 Art. 20, each with its header
/// row; the cells entered by staff are marked in a note under the table.
pub fn table2_html(r: &AnnualReport) -> String {
    let t = &r.table2;
    let n = |v: Option<u64>| v.map_or_else(|| "—".into(), |n| n.to_string());
    let mut h = String::from("<table><caption>主动公开政府信息情况</caption><tbody>");
    h.push_str("<tr><th scope=\"colgroup\" colspan=\"4\">第二十条第（一）项</th></tr>");
    h.push_str("<tr><th scope=\"col\">信息内容</th><th scope=\"col\">本年制发件数</th><th scope=\"col\">本年废止件数</th><th scope=\"col\">现行有效件数</th></tr>");
    for (label, row) in [("规章", &t.rules.rules), ("行政规范性文件", &t.rules.normative)] {
        h.push_str(&format!(
            "<tr><th scope=\"row\">{label}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            row.issued, row.abolished, row.in_force
        ));
    }
    let block = |h: &mut String, item: &str, column: &str, rows: &[(&str, String)]| {
        h.push_str(&format!("<tr><th scope=\"colgroup\" colspan=\"4\">第二十条第（{item}）项</th></tr>"));
        h.push_str(&format!("<tr><th scope=\"col\">信息内容</th><th scope=\"col\" colspan=\"3\">{column}</th></tr>"));
        for (label, value) in rows {
            h.push_str(&format!("<tr><th scope=\"row\">{label}</th><td colspan=\"3\">{value}</td></tr>"));
        }
    };
    block(&mut h, "五", "本年处理决定数量", &[("行政许可", n(t.manual.licensing))]);
    block(&mut h, "六", "本年处理决定数量", &[("行政处罚", n(t.manual.penalties)), ("行政强制", n(t.manual.coercion))]);
    block(
        &mut h,
        "八",
        "本年收费金额（单位：万元）",
        &[("行政事业性收费", t.manual.fees_fen.map_or_else(|| "—".into(), fen_to_wan))],
    );
    h.push_str("</tbody></table>");
    h.push_str("<p>注：规章、行政规范性文件数据由政府信息公开平台统计；行政许可、行政处罚、行政强制决定数量和行政事业性收费金额由本机关填报。</p>");
    h
}

/// Table 三 in the official layout: three header rows under the 勾稽 note, the label in up to
/// three columns (三、本年度办理结果 spans its 22 rows, each group its items), 7 numbers a row.
pub fn table3_html(t: &Table3) -> String {
    let mut h = String::from("<table><caption>收到和处理政府信息公开申请情况</caption><thead>");
    h.push_str(&format!(
        "<tr><th scope=\"col\" rowspan=\"3\" colspan=\"3\">{}</th><th scope=\"colgroup\" colspan=\"7\">{}</th></tr>",
        Table3::NOTE,
        Table3::APPLICANTS_HEADER
    ));
    h.push_str(&format!(
        "<tr><th scope=\"col\" rowspan=\"2\">{}</th><th scope=\"colgroup\" colspan=\"5\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th></tr><tr>",
        Table3Column::ALL[0].label(),
        Table3::ORGANISATIONS_HEADER,
        Table3Column::Total.label()
    ));
    for c in &Table3Column::ALL[1..6] {
        h.push_str(&format!("<th scope=\"col\">{}</th>", c.label()));
    }
    h.push_str("</tr></thead><tbody>");
    let mut pending: Vec<(usize, &str)> = Vec::new();
    for row in Table3::layout() {
        let Some(line) = row.line else {
            pending.push((row.span, row.label));
            continue;
        };
        h.push_str("<tr>");
        for (span, label) in pending.drain(..) {
            h.push_str(&format!("<th scope=\"rowgroup\" rowspan=\"{span}\">{label}</th>"));
        }
        let colspan = 3 - usize::from(row.level).min(2);
        if colspan > 1 {
            h.push_str(&format!("<th scope=\"row\" colspan=\"{colspan}\">{}</th>", row.label));
        } else {
            h.push_str(&format!("<th scope=\"row\">{}</th>", row.label));
        }
        for n in t.row(line) {
            h.push_str(&format!("<td>{n}</td>"));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// Table 四: 行政复议 and the two kinds of 行政诉讼, five columns each, one row of 15 numbers.
pub fn table4_html(r: &AnnualReport) -> String {
    let t = &r.table4;
    let mut h = String::from("<table><caption>政府信息公开行政复议、行政诉讼情况</caption><thead>");
    // As the format prints it: 行政复议 over its five columns, whose labels span the next two
    // rows; 行政诉讼 over its two kinds, each over its five columns.
    h.push_str("<tr><th scope=\"colgroup\" colspan=\"5\">行政复议</th><th scope=\"colgroup\" colspan=\"10\">行政诉讼</th></tr><tr>");
    for c in Table4Column::ALL {
        h.push_str(&format!("<th scope=\"col\" rowspan=\"2\">{}</th>", c.label()));
    }
    h.push_str(&format!(
        "<th scope=\"colgroup\" colspan=\"5\">{}</th><th scope=\"colgroup\" colspan=\"5\">{}</th></tr><tr>",
        ReviewKind::Litigation.label(),
        ReviewKind::LitigationAfterReconsideration.label()
    ));
    for _ in &ReviewKind::ALL[1..] {
        for c in Table4Column::ALL {
            h.push_str(&format!("<th scope=\"col\">{}</th>", c.label()));
        }
    }
    h.push_str("</tr></thead><tbody><tr>");
    for k in ReviewKind::ALL {
        for c in Table4Column::ALL {
            h.push_str(&format!("<td>{}</td>", t.cell(*k, *c)));
        }
    }
    h.push_str("</tr></tbody></table>");
    h
}

/// The three tables as CSV (UTF-8 with CRLF, as spreadsheet programs read it): table 二's
/// rows, an empty line, table 三, an empty line, table 四.
pub fn tables_csv(r: &AnnualReport) -> String {
    let t = &r.table2;
    let n = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    let mut csv =
        String::from("表二,信息内容,本年制发件数,本年废止件数,现行有效件数,本年处理决定数量,本年收费金额（万元）\r\n");
    for (label, row) in [("规章", &t.rules.rules), ("行政规范性文件", &t.rules.normative)] {
        csv.push_str(&format!("第二十条第（一）项,{label},{},{},{},,\r\n", row.issued, row.abolished, row.in_force));
    }
    csv.push_str(&format!("第二十条第（五）项,行政许可,,,,{},\r\n", n(t.manual.licensing)));
    csv.push_str(&format!("第二十条第（六）项,行政处罚,,,,{},\r\n", n(t.manual.penalties)));
    csv.push_str(&format!("第二十条第（六）项,行政强制,,,,{},\r\n", n(t.manual.coercion)));
    csv.push_str(&format!(
        "第二十条第（八）项,行政事业性收费,,,,,{}\r\n",
        t.manual.fees_fen.map(fen_to_wan).unwrap_or_default()
    ));
    csv.push_str("\r\n");
    csv.push_str(&r.table3.to_csv());
    csv.push_str("\r\n");
    csv.push_str(&r.table4.to_csv());
    csv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foi::report::{Table3Line, Table4};
    use crate::report::annual::{Level, Source};
    use crate::report::table2::{ManualCells, Table2};

    fn report() -> AnnualReport {
        let mut table3 = Table3::zero();
        table3.set_cell(Table3Line::New, Table3Column::Total, 7);
        AnnualReport {
            year: 2025,
            agency_code: "001002003".into(),
            agency_name: "温州市人民政府办公室".into(),
            level: Level::Agency,
            narrative: Narrative {
                overview: "第一段\n第二段".into(),
                problems: "<b>不是标签</b>".into(),
                other: String::new(),
            },
            table2: Table2 {
                manual: ManualCells {
                    licensing: Some(3),
                    penalties: None,
                    coercion: Some(0),
                    fees_fen: Some(1_234_500),
                },
                ..Default::default()
            },
            table3,
            table4: Table4::default(),
            fees_collected_fen: 40_000,
            explanation: None,
            source: Source::Computed,
            published_checks: Vec::new(),
        }
    }

    #[test]
    fn the_html_has_six_parts_in_order_and_escapes_text() {
        let h = report_html(&report(), &[]);
        let parts = [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理",
            "四、政府信息公开行政复议",
            "五、存在的主要问题",
            "六、其他需要报告的事项",
        ];
        let positions: Vec<usize> = parts.iter().map(|p| h.find(p).unwrap_or_else(|| panic!("{p}"))).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
        assert!(h.contains("<p>第一段</p><p>第二段</p>"));
        assert!(h.contains("&lt;b&gt;不是标签&lt;/b&gt;"), "narrative is text");
        assert!(h.contains("共计400元"));
    }

    #[test]
    fn table3_has_the_official_spans_and_every_cell() {
        let h = table3_html(&report().table3);
        assert!(h.contains("<th scope=\"rowgroup\" rowspan=\"22\">三、本年度办理结果</th>"));
        assert!(h.contains("<th scope=\"rowgroup\" rowspan=\"8\">（三）不予公开</th>"));
        assert!(h.contains("<th scope=\"rowgroup\" rowspan=\"3\">（四）无法提供</th>"));
        assert!(h.contains("<th scope=\"rowgroup\" rowspan=\"5\">（五）不予处理</th>"));
        assert!(h.contains("<th scope=\"rowgroup\" rowspan=\"3\">（六）其他处理</th>"));
        assert!(h.contains("<th scope=\"row\" colspan=\"3\">一、本年新收政府信息公开申请数量</th><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>7</td>"));
        assert_eq!(h.matches("<td>").count(), 25 * 7, "every cell");
        assert_eq!(h.matches("<tr>").count(), 3 + 25, "three header rows and 25 data rows");
    }

    #[test]
    fn table2_and_table4_show_every_cell_and_mark_entered_ones() {
        let r = report();
        let h = table2_html(&r);
        assert!(h.contains("<th scope=\"row\">行政许可</th><td colspan=\"3\">3</td>"));
        assert!(h.contains("<th scope=\"row\">行政处罚</th><td colspan=\"3\">—</td>"), "not entered yet");
        assert!(h.contains("<td colspan=\"3\">1.2345</td>"), "万元");
        assert!(h.contains("由本机关填报"));
        let h = table4_html(&r);
        assert_eq!(h.matches("<td>").count(), 15);
        assert!(h.contains("<tr><th scope=\"colgroup\" colspan=\"5\">行政复议</th><th scope=\"colgroup\" colspan=\"10\">行政诉讼</th></tr>"));
        assert_eq!(h.matches("<th scope=\"col\" rowspan=\"2\">").count(), 5, "复议's labels span two rows");
        assert_eq!(h.matches("<th scope=\"col\">总计</th>").count(), 2, "the two kinds of 诉讼");
        let csv = tables_csv(&r);
        assert!(csv.contains("第二十条第（八）项,行政事业性收费,,,,,1.2345\r\n"));
        assert!(csv.contains("一、本年新收政府信息公开申请数量"));
    }
}
