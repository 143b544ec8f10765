//! The files are unzipped and their XML read: the labels, spans and numbers of the official
//! tables must be there, cell by cell.

use std::collections::BTreeMap;
use std::io::Read;

use gongkai_core::foi::report::{ReviewKind, Table3, Table3Column, Table3Line, Table4, Table4Column};
use gongkai_core::report::table2::{ManualCells, RegisterRow, RulesBlock, Table2};
use gongkai_core::report::{AnnualReport, Level, Narrative, Source};

use crate::{report_docx, report_xlsx};

/// A report whose every number is different, so each can be looked for: table 三's applicant
/// cells are 1000 + 10 × row + column (totals derived), table 四's 500 + 10 × block + column.
fn sample() -> AnnualReport {
    let mut table3 = Table3::zero();
    for (i, line) in Table3Line::ALL.into_iter().enumerate() {
        for (j, column) in Table3Column::APPLICANTS.into_iter().enumerate() {
            table3.set_cell(line, column, 1000 + 10 * i as u64 + j as u64);
        }
    }
    table3.fill_totals();
    let mut table4 = Table4::default();
    for (k, kind) in ReviewKind::ALL.iter().enumerate() {
        for (j, column) in Table4Column::ALL.iter().enumerate() {
            *table4.block_mut(*kind).get_mut(*column) = 500 + 10 * k as u64 + j as u64;
        }
    }
    AnnualReport {
        year: 2025,
        agency_code: "001002003".into(),
        agency_name: "温州市人民政府办公室".into(),
        level: Level::Agency,
        narrative: Narrative {
            overview: "第一段总体情况\n第二段 <不是标签> & 符号".into(),
            problems: "问题一".into(),
            other: "其他事项".into(),
        },
        table2: Table2 {
            rules: RulesBlock {
                rules: RegisterRow { issued: 301, abolished: 302, in_force: 303 },
                normative: RegisterRow { issued: 311, abolished: 312, in_force: 313 },
            },
            manual: ManualCells {
                licensing: Some(321),
                penalties: None,
                coercion: Some(323),
                fees_fen: Some(1_234_500),
            },
        },
        table3,
        table4,
        fees_collected_fen: 40_000,
        explanation: Some("说明：数据差异系历史数据导入所致。".into()),
        source: Source::Computed,
        published_checks: Vec::new(),
    }
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut text = String::new();
        if f.read_to_string(&mut text).is_ok() {
            files.insert(f.name().expect("a UTF-8 name").to_string(), text);
        }
    }
    files
}

/// The `<w:tr>` elements of the `n`th table of a document.
fn table_rows(document: &str, n: usize) -> Vec<&str> {
    let table = document.split("<w:tbl>").nth(n + 1).expect("table").split("</w:tbl>").next().unwrap();
    table.split("<w:tr>").skip(1).collect()
}

/// The `<w:tc>` elements of a row.
fn row_cells(row: &str) -> Vec<&str> {
    row.split("<w:tc>").skip(1).collect()
}

/// The value of a worksheet cell (`<c r="D6" …><v>…</v></c>`).
fn cell_value<'a>(sheet: &'a str, reference: &str) -> Option<&'a str> {
    let start = sheet.find(&format!("<c r=\"{reference}\""))?;
    let cell = &sheet[start..];
    let cell = &cell[..cell.find("</c>").unwrap_or(cell.len())];
    let v = cell.find("<v>")? + 3;
    Some(&cell[v..v + cell[v..].find("</v>")?])
}

fn column_letter(c: usize) -> char {
    (b'A' + c as u8) as char
}

#[test]
fn docx_is_a_word_document_with_the_six_parts_in_order() {
    let r = sample();
    let bytes = report_docx(&r, &[]).unwrap();
    let files = unzip(&bytes);
    assert!(files.contains_key("[Content_Types].xml"));
    let doc = &files["word/document.xml"];
    let parts = [
        "温州市人民政府办公室2025年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》",
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ];
    let positions: Vec<usize> = parts.iter().map(|p| doc.find(p).unwrap_or_else(|| panic!("{p}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(doc.contains("第二段 &lt;不是标签&gt; &amp; 符号"), "narrative is escaped text");
    assert!(doc.contains(&r.fees_sentence()) && r.fees_sentence().contains("共计400元"));
    assert!(doc.find(&r.fees_sentence()).unwrap() > doc.find("六、其他需要报告的事项").unwrap());
    assert!(!doc.contains("数据说明"), "no checks, no explanation");
    // A4, East-Asian fonts on the runs, a centred title.
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""), "A4");
    for font in ["方正小标宋简体", "黑体", "仿宋_GB2312", "宋体"] {
        assert!(doc.contains(&format!("w:eastAsia=\"{font}\"")), "{font}");
    }
    assert!(doc.contains("w:hint=\"eastAsia\""));
    assert!(files["word/styles.xml"].contains("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\""), "Chinese text");
    assert!(doc.contains("w:firstLine=\"640\""), "first lines indented two characters");
    assert!(files["docProps/core.xml"].contains(
        "<dc:title>温州市人民政府办公室2025年政府信息公开工作年度报告</dc:title><dc:creator>温州市人民政府办公室</dc:creator>"
    ));
    assert_eq!(doc.matches("<w:tbl>").count(), 3);
}

#[test]
fn docx_table3_has_every_label_span_and_number() {
    let r = sample();
    let doc = &unzip(&report_docx(&r, &[]).unwrap())["word/document.xml"];
    for line in Table3Line::ALL {
        assert!(doc.contains(&format!(">{}</w:t>", line.label())), "{}", line.label());
    }
    for label in [
        Table3::NOTE,
        "申请人情况",
        "法人或其他组织",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ] {
        assert!(doc.contains(&format!(">{label}</w:t>")), "{label}");
    }
    let rows = table_rows(doc, 1);
    assert_eq!(rows.len(), 3 + 25);
    // The header: the note over 3 columns and 3 rows, 申请人情况 over 7 columns.
    let first = row_cells(rows[0]);
    assert_eq!(first.len(), 2);
    assert!(first[0].contains("<w:gridSpan w:val=\"3\" />") && first[0].contains("<w:vMerge w:val=\"restart\" />"));
    assert!(first[1].contains("<w:gridSpan w:val=\"7\" />") && first[1].contains("申请人情况"));
    for r in &rows[1..3] {
        let c = row_cells(r);
        assert!(c[0].contains("<w:gridSpan w:val=\"3\" />") && c[0].contains("<w:vMerge w:val=\"continue\" />"));
    }
    // 三、本年度办理结果 starts a merge down its 22 rows: restart in the first, continue in 21.
    let merged: Vec<bool> = rows.iter().map(|r| row_cells(r)[0].contains("<w:vMerge w:val=\"continue\" />")).collect();
    let start = rows.iter().position(|r| row_cells(r)[0].contains("三、本年度办理结果")).unwrap();
    assert_eq!(start, 5);
    assert!(row_cells(rows[start])[0].contains("<w:vMerge w:val=\"restart\" />"));
    assert!(merged[start + 1..start + 22].iter().all(|m| *m), "21 continued rows");
    assert!(!merged[start + 22], "四 is not in the merge");
    // （三）不予公开 over its 8 rows, in the second column.
    let withheld = rows.iter().position(|r| r.contains(">（三）不予公开</w:t>")).unwrap();
    for r in &rows[withheld + 1..withheld + 8] {
        let c = row_cells(r);
        assert!(c[1].contains("<w:vMerge w:val=\"continue\" />"), "{r}");
        assert_eq!(c.len(), 3 + 7);
    }
    // Every row has 10 grid columns; every number is in its row.
    for (row, line) in rows[3..].iter().zip(Table3Line::ALL) {
        let spans: usize = row_cells(row)
            .iter()
            .map(|c| c.split("<w:gridSpan w:val=\"").nth(1).map_or(1, |s| s[..s.find('"').unwrap()].parse().unwrap()))
            .sum();
        assert_eq!(spans, 10, "{}", line.label());
        for n in r.table3.row(line) {
            assert!(row.contains(&format!(">{n}</w:t>")), "{} {n}", line.label());
        }
    }
}

#[test]
fn docx_tables_2_and_4_and_the_checks() {
    let r = sample();
    let checks = r.checks(None);
    assert!(!checks.is_empty(), "the sample does not balance");
    let doc = &unzip(&report_docx(&r, &checks).unwrap())["word/document.xml"];
    // Table 二: its labels, its numbers, the dash of a cell not entered and the fee in 万元.
    let t2 = table_rows(doc, 0).concat();
    for label in [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "本年收费金额（单位：万元）",
        "行政事业性收费",
    ] {
        assert!(t2.contains(&format!(">{label}</w:t>")), "{label}");
    }
    for n in ["301", "302", "303", "311", "312", "313", "321", "—", "323", "1.2345"] {
        assert!(t2.contains(&format!(">{n}</w:t>")), "{n}");
    }
    assert!(doc.contains("由本机关填报"));
    // Table 四: 行政复议 over 5 columns (one row), its labels over the next two; 行政诉讼 over 10,
    // its two kinds over 5 each, their labels in the third row; the 15 numbers.
    let rows = table_rows(doc, 2);
    assert_eq!(rows.len(), 4);
    let first = row_cells(rows[0]);
    assert!(first[0].contains(">行政复议</w:t>") && first[0].contains("<w:gridSpan w:val=\"5\" />"));
    assert!(!first[0].contains("<w:vMerge"));
    assert!(first[1].contains(">行政诉讼</w:t>") && first[1].contains("<w:gridSpan w:val=\"10\" />"));
    let second = row_cells(rows[1]);
    assert!(second[0].contains(">结果维持</w:t>") && second[0].contains("<w:vMerge w:val=\"restart\" />"));
    assert!(row_cells(rows[2])[0].contains("<w:vMerge w:val=\"continue\" />"));
    assert_eq!(rows[1].matches(">总计</w:t>").count(), 1);
    assert_eq!(rows[2].matches(">总计</w:t>").count(), 2);
    for kind in ReviewKind::ALL {
        for c in Table4Column::ALL {
            assert!(rows[3].contains(&format!(">{}</w:t>", r.table4.cell(*kind, *c))));
        }
    }
    // The checks and the written explanation, under 六.
    let at = doc.find("数据说明").expect("数据说明");
    assert!(at > doc.find("六、其他需要报告的事项").unwrap());
    for c in &checks {
        assert!(doc.contains(&c.message), "{}", c.message);
    }
    assert!(doc.contains("说明：数据差异系历史数据导入所致。"));
}

#[test]
fn xlsx_has_three_sheets_with_the_official_merges_and_numbers() {
    let r = sample();
    let files = unzip(&report_xlsx(&r).unwrap());
    let workbook = &files["xl/workbook.xml"];
    let names: Vec<usize> = ["表二", "表三", "表四"]
        .iter()
        .map(|n| workbook.find(&format!("<sheet name=\"{n}\"")).unwrap_or_else(|| panic!("{n}")))
        .collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(workbook.matches("<sheet ").count(), 3);
    let strings = &files["xl/sharedStrings.xml"];
    let (s2, s3, s4) =
        (&files["xl/worksheets/sheet1.xml"], &files["xl/worksheets/sheet2.xml"], &files["xl/worksheets/sheet3.xml"]);

    // 表三: the header merges, 三、本年度办理结果 over 22 rows, every label and number.
    for range in [
        "A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A6:C6", "A8:A29", "B8:C8", "B10:B17", "B18:B20", "B21:B25",
        "B26:B28", "B29:C29", "A30:C30",
    ] {
        assert!(s3.contains(&format!("<mergeCell ref=\"{range}\"/>")), "{range}");
    }
    for line in Table3Line::ALL {
        assert!(strings.contains(&format!(">{}</t>", line.label())), "{}", line.label());
    }
    for label in [Table3::NOTE, "申请人情况", "法人或其他组织", "社会公益组织", "三、本年度办理结果", "（三）不予公开"]
    {
        assert!(strings.contains(&format!(">{label}</t>")), "{label}");
    }
    for (i, line) in Table3Line::ALL.into_iter().enumerate() {
        for (j, n) in r.table3.row(line).into_iter().enumerate() {
            let reference = format!("{}{}", column_letter(3 + j), 6 + i);
            assert_eq!(cell_value(s3, &reference), Some(n.to_string().as_str()), "{reference}");
        }
    }

    // 表二: block headers over 4 columns, values over 3, numbers as numbers, the fee in 万元.
    for range in [
        "A3:D3", "A7:D7", "B8:D8", "B9:D9", "A10:D10", "B11:D11", "B12:D12", "B13:D13", "A14:D14", "B15:D15", "B16:D16",
    ] {
        assert!(s2.contains(&format!("<mergeCell ref=\"{range}\"/>")), "{range}");
    }
    for (reference, v) in [
        ("B5", "301"),
        ("C5", "302"),
        ("D5", "303"),
        ("B6", "311"),
        ("D6", "313"),
        ("B9", "321"),
        ("B13", "323"),
        ("B16", "1.2345"),
    ] {
        assert_eq!(cell_value(s2, reference), Some(v), "{reference}");
    }
    assert!(strings.contains(">本年收费金额（单位：万元）</t>") && strings.contains(">—</t>"));
    assert!(files["xl/styles.xml"].contains("formatCode=\"0.0000\""));

    // 表四: 行政复议 over 5 columns, its labels over two rows, 行政诉讼 over 10, 15 numbers in row 6.
    for range in ["A3:E3", "F3:O3", "A4:A5", "E4:E5", "F4:J4", "K4:O4"] {
        assert!(s4.contains(&format!("<mergeCell ref=\"{range}\"/>")), "{range}");
    }
    for (k, kind) in ReviewKind::ALL.iter().enumerate() {
        for (j, c) in Table4Column::ALL.iter().enumerate() {
            let reference = format!("{}6", column_letter(5 * k + j));
            assert_eq!(cell_value(s4, &reference), Some(r.table4.cell(*kind, *c).to_string().as_str()));
        }
    }
    assert!(strings.contains(">未经复议直接起诉</t>") && strings.contains(">复议后起诉</t>"));
}
