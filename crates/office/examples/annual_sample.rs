//! Writes a sample annual report with non-zero numbers in every table, for looking at the
//! output: `cargo run -p gongkai-office --example annual_sample [DIR]` writes
//! `annual-sample.docx`, `annual-sample.xlsx` and the two charts (`annual-chart-requests.svg`,
//! `annual-chart-publications.svg`) into DIR (default `/tmp`). Then, for example:
//!
//! ```sh
//! soffice --headless --convert-to pdf --outdir /tmp /tmp/annual-sample.docx
//! pdftoppm -png -r 60 /tmp/annual-sample.pdf /tmp/annual-sample
//! ```

use std::path::PathBuf;

use gongkai_core::foi::Table3Row;
use gongkai_core::foi::report::{ReviewKind, Table3, Table3Column, Table3Line, Table4, Table4Column};
use gongkai_core::report::chart::{publications_svg, requests_by_outcome_svg};
use gongkai_core::report::table2::{ManualCells, RegisterRow, RulesBlock, Table2};
use gongkai_core::report::{AnnualReport, Level, Narrative, Source};

/// A balanced table 三: results spread over the rows by a simple rule, 一 and 四 chosen so that
/// 一 + 二 = 三(七) + 四 in every column.
fn table3(scale: u64) -> Table3 {
    let mut t = Table3::zero();
    for (j, column) in Table3Column::APPLICANTS.into_iter().enumerate() {
        let weight = [40, 9, 2, 3, 5, 4][j] * scale;
        for (i, row) in Table3Row::ALL.iter().enumerate() {
            let v = match i {
                0 => weight * 3,
                1 => weight,
                _ => (weight * (i as u64 % 4)) / 8,
            };
            t.set_cell(Table3Line::Result(*row), column, v);
        }
        t.set_cell(Table3Line::CarriedIn, column, weight / 4);
        t.set_cell(Table3Line::CarriedOut, column, weight / 3);
    }
    t.fill_totals();
    for column in Table3Column::APPLICANTS {
        let new = t.cell(Table3Line::ResultTotal, column) + t.cell(Table3Line::CarriedOut, column)
            - t.cell(Table3Line::CarriedIn, column);
        t.set_cell(Table3Line::New, column, new);
    }
    t.fill_totals();
    t
}

fn report() -> AnnualReport {
    let mut table4 = Table4::default();
    for (k, kind) in ReviewKind::ALL.iter().enumerate() {
        let block = table4.block_mut(*kind);
        for (j, column) in Table4Column::ALL[..4].iter().enumerate() {
            *block.get_mut(*column) = (k as u64 + 1) * (j as u64 + 1);
        }
        block.total = block.sum_of_parts();
    }
    AnnualReport {
        year: 2025,
        agency_code: "001002003".into(),
        agency_name: "温州市人民政府办公室".into(),
        level: Level::Agency,
        narrative: Narrative {
            overview: "2025年，温州市人民政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，推进政府信息公开工作。\n（一）主动公开。全年通过政府信息公开平台主动公开政府信息1734条，其中政策文件92件，发布政策解读41篇。\n（二）依申请公开。全年新收政府信息公开申请若干件，详见下表。".into(),
            problems: "一是政策解读形式还不够丰富；二是依申请公开答复的规范性有待提高。2026年将加强培训，完善答复文书模板。".into(),
            other: "无其他需要报告的事项。".into(),
        },
        table2: Table2 {
            rules: RulesBlock {
                rules: RegisterRow { issued: 2, abolished: 1, in_force: 37 },
                normative: RegisterRow { issued: 18, abolished: 6, in_force: 142 },
            },
            manual: ManualCells { licensing: Some(1520), penalties: Some(87), coercion: None, fees_fen: Some(123_456_700) },
        },
        table3: table3(3),
        table4,
        fees_collected_fen: 40_000,
        explanation: Some("行政强制决定数量正在核对，核对后补报。".into()),
        source: Source::Computed,
        published_checks: Vec::new(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "/tmp".into()));
    let r = report();
    let checks = r.checks(None);
    std::fs::write(dir.join("annual-sample.docx"), gongkai_office::report_docx(&r, &checks)?)?;
    std::fs::write(dir.join("annual-sample.xlsx"), gongkai_office::report_xlsx(&r)?)?;
    let (t2023, t2024) = (table3(1), table3(2));
    let charts = [
        ("annual-chart-requests.svg", requests_by_outcome_svg(&[(2023, &t2023), (2024, &t2024), (2025, &r.table3)])),
        ("annual-chart-publications.svg", publications_svg(&[(2023, 1520, 87), (2024, 1688, 95), (2025, 1734, 92)])),
        ("annual-chart-empty.svg", publications_svg(&[])),
    ];
    for (name, svg) in charts {
        std::fs::write(dir.join(name), svg)?;
    }
    println!("written to {}", dir.display());
    for c in checks {
        println!("check: {}", c.message);
    }
    Ok(())
}
