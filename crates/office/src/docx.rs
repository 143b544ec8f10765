//! The report as a DOCX, in the layout of 党政机关公文格式 (GB/T 9704) that agencies exchange:
//! A4, title in 小标宋 二号 centred, headings in 黑体 三号, text in 仿宋 三号 at a fixed 28 pt line,
//! tables in 宋体 with the official header rows and merged cells (`w:gridSpan` across columns,
//! `w:vMerge` down rows), page numbers in the footer.
//!
//! Every run names its East-Asian font (`w:eastAsia`) and the `eastAsia` hint, so Word, WPS and
//! LibreOffice set the Chinese text (and the full-width punctuation) in a CJK face, substituting a
//! similar one where the named font is not installed.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType, PageMargin,
    Paragraph, Run, RunFonts, SpecialIndentType, Table, TableAlignmentType, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use gongkai_core::report::{AnnualReport, Narrative, ReportCheck};
use std::io::{Cursor, Read, Write};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::OfficeError;
use crate::grid::{self, Grid, Role, TEXT_WIDTH};

/// The faces of 党政机关公文格式 by their usual names in Chinese Windows and WPS.
const TITLE_FONT: &str = "方正小标宋简体";
const HEADING_FONT: &str = "黑体";
const SUBHEADING_FONT: &str = "楷体_GB2312";
const BODY_FONT: &str = "仿宋_GB2312";
const TABLE_FONT: &str = "宋体";
/// Digits and Latin letters.
const LATIN_FONT: &str = "Times New Roman";

/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const FOOTER_SIZE: usize = 28;
const NOTE_SIZE: usize = 24;

/// A4 in twentieths of a point, and the GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm,
/// right 26 mm).
const A4: (u32, u32) = (11906, 16838);

/// The first-line indent: two characters of 三号 (16 pt), in twentieths of a point.
const INDENT: i32 = 640;

/// The fixed line of the text (28 pt, 22 lines to a page as the standard asks).
const BODY_LINE: i32 = 560;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii(LATIN_FONT).hi_ansi(LATIN_FONT).cs(LATIN_FONT).hint("eastAsia")
}

fn run(text: &str, east_asia: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(east_asia)).size(size)
}

fn body_spacing() -> LineSpacing {
    LineSpacing::new().line(BODY_LINE).line_rule(LineSpacingType::Exact).before(0).after(0)
}

/// A paragraph of text with the first line indented by two characters.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, BODY_SIZE))
        .fonts(fonts(BODY_FONT))
        .size(BODY_SIZE)
        .line_spacing(body_spacing())
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .align(AlignmentType::Both)
}

/// A heading of the first level (一、总体情况): 黑体, indented like the text, kept with what
/// follows, and an outline level so it shows in the navigation pane.
fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, HEADING_FONT, BODY_SIZE))
        .fonts(fonts(HEADING_FONT))
        .size(BODY_SIZE)
        .line_spacing(body_spacing())
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .keep_next(true)
        .outline_lvl(0)
}

fn subheading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, SUBHEADING_FONT, BODY_SIZE))
        .fonts(fonts(SUBHEADING_FONT))
        .size(BODY_SIZE)
        .line_spacing(body_spacing())
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .keep_next(true)
        .outline_lvl(1)
}

fn paragraphs(doc: Docx, text: &str, placeholder: &str) -> Docx {
    let mut doc = doc;
    let mut any = false;
    for p in Narrative::paragraphs(text) {
        doc = doc.add_paragraph(body(p));
        any = true;
    }
    if !any && !placeholder.is_empty() {
        doc = doc.add_paragraph(body(placeholder));
    }
    doc
}

/// The whole report as a DOCX: the title, the opening paragraph, the six parts with their
/// headings, tables 二, 三 and 四 in the official layout, the 信息处理费 under 六, and — when
/// `checks` is not empty — the 数据说明 (each failed check) and the written explanation.
pub fn report_docx(report: &AnnualReport, checks: &[ReportCheck]) -> Result<Vec<u8>, OfficeError> {
    let [table2, table3, table4] = grid::tables(report);
    let title = Paragraph::new()
        .add_run(run(&report.title(), TITLE_FONT, TITLE_SIZE))
        .fonts(fonts(TITLE_FONT))
        .size(TITLE_SIZE)
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().line(700).line_rule(LineSpacingType::Exact).before(0).after(BODY_LINE as u32));
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ", LATIN_FONT, FOOTER_SIZE))
            .add_run(
                Run::new()
                    .fonts(fonts(BODY_FONT))
                    .size(FOOTER_SIZE)
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                    .add_field_char(FieldCharType::Separate, false)
                    .add_text("1")
                    .add_field_char(FieldCharType::End, false),
            )
            .add_run(run(" —", LATIN_FONT, FOOTER_SIZE)),
    );
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(2098).bottom(1984).left(1587).right(1474).header(851).footer(992))
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .footer(footer)
        .add_paragraph(title)
        .add_paragraph(body(&format!(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制，报告所列数据统计期限自{y}年1月1日起至{y}年12月31日止。",
            y = report.year
        )))
        .add_paragraph(heading("一、总体情况"));
    doc = paragraphs(doc, &report.narrative.overview, "（未填写）");
    for grid in [&table2, &table3, &table4] {
        doc = doc.add_paragraph(heading(grid.heading)).add_table(table(grid));
        if let Some(note) = grid.note {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(run(note, BODY_FONT, NOTE_SIZE))
                    .size(NOTE_SIZE)
                    .line_spacing(LineSpacing::new().before(60).after(0)),
            );
        }
        // Space between a table and the next heading.
        doc = doc.add_paragraph(Paragraph::new().size(NOTE_SIZE).line_spacing(LineSpacing::new().after(0)));
    }
    doc = doc.add_paragraph(heading("五、存在的主要问题及改进情况"));
    doc = paragraphs(doc, &report.narrative.problems, "（未填写）");
    doc = doc.add_paragraph(heading("六、其他需要报告的事项"));
    doc = paragraphs(doc, &report.narrative.other, "");
    doc = doc.add_paragraph(body(&report.fees_sentence()));
    if !checks.is_empty() {
        doc = doc.add_paragraph(subheading("数据说明"));
        for (i, c) in checks.iter().enumerate() {
            doc = doc.add_paragraph(body(&format!("{}.{}", i + 1, c.message)));
        }
        if let Some(e) = &report.explanation {
            doc = paragraphs(doc, e, "");
        }
    }
    let mut stored = Cursor::new(Vec::new());
    doc.build().pack(&mut stored).map_err(|e| OfficeError::Docx(Box::new(e)))?;
    deflate(stored.get_ref(), report).map_err(|e| OfficeError::Docx(Box::new(e)))
}

/// The document's language, which docx-rs cannot set: Chinese (zh-CN) for East-Asian text, so
/// that readers pick Simplified Chinese glyphs and fallback fonts (without it LibreOffice takes
/// the Japanese forms of Noto CJK) and check spelling as Chinese; English for Latin text.
/// Added to the run defaults of `word/styles.xml`, after the size and fonts there.
fn with_language(styles: Vec<u8>) -> Vec<u8> {
    const DEFAULTS_END: &str = "</w:rPr></w:rPrDefault>";
    const LANG: &str = "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\" />";
    match String::from_utf8(styles) {
        Ok(text) if text.contains(DEFAULTS_END) => {
            text.replacen(DEFAULTS_END, &format!("{LANG}{DEFAULTS_END}"), 1).into_bytes()
        }
        Ok(text) => text.into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// The document's title and author in its properties (docx-rs leaves the author "unknown" and
/// has no title): what Word shows in the title bar and file properties, and what a PDF exported
/// from it takes as its title.
fn with_title(core: Vec<u8>, report: &AnnualReport) -> Vec<u8> {
    let xml = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    match String::from_utf8(core) {
        Ok(text) => {
            let agency = xml(&report.agency_name);
            text.replacen(
                "<dc:creator>unknown</dc:creator>",
                &format!("<dc:title>{}</dc:title><dc:creator>{agency}</dc:creator>", xml(&report.title())),
                1,
            )
            .replacen(
                "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
                &format!("<cp:lastModifiedBy>{agency}</cp:lastModifiedBy>"),
                1,
            )
            .into_bytes()
        }
        Err(e) => e.into_bytes(),
    }
}

/// docx-rs writes the package uncompressed, with directory entries; it is written again with
/// its parts deflated, in the same order ([Content_Types].xml first) and without the directories
/// — about a tenth of the size —, with the language and the title added on the way.
fn deflate(stored: &[u8], report: &AnnualReport) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name()?.into_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes)?;
        match name.as_str() {
            "word/styles.xml" => bytes = with_language(bytes),
            "docProps/core.xml" => bytes = with_title(bytes, report),
            _ => {}
        }
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

/// A grid as a Word table: the column grid, each cell with its `gridSpan`, a cell spanning rows
/// as `vMerge restart` in its first row and `vMerge continue` in each row below (WordprocessingML
/// has no rowspan: every row lists a cell at each covered position), fixed layout so the widths
/// hold, and rows kept on one page.
fn table(grid: &Grid) -> Table {
    let placed = grid.placed();
    let columns = grid.columns();
    // Which placed cell covers each position.
    let mut owner = vec![vec![usize::MAX; columns]; grid.rows.len()];
    for (i, p) in placed.iter().enumerate() {
        for row in &mut owner[p.row..p.row + p.cell.rowspan] {
            for o in &mut row[p.col..p.col + p.cell.colspan] {
                *o = i;
            }
        }
    }
    let size = if columns > 4 { 18 } else { 21 };
    let last = grid.rows.len() - 1;
    let mut rows = Vec::new();
    for (r, owners) in owner.iter().enumerate() {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < columns {
            let p = placed[owners[c]];
            let width: u32 = grid.widths[c..c + p.cell.colspan].iter().sum();
            let mut cell = TableCell::new().width(width as usize, WidthType::Dxa).vertical_align(VAlignType::Center);
            if p.cell.colspan > 1 {
                cell = cell.grid_span(p.cell.colspan);
            }
            if p.row == r {
                if p.cell.rowspan > 1 {
                    cell = cell.vertical_merge(VMergeType::Restart);
                }
                let align = match p.cell.role {
                    Role::Row if !grid.centre_row_labels => AlignmentType::Left,
                    _ => AlignmentType::Center,
                };
                cell = cell.add_paragraph(cell_paragraph(&p.cell.text(), align, size, r < last));
            } else {
                cell = cell.vertical_merge(VMergeType::Continue).add_paragraph(cell_paragraph(
                    "",
                    AlignmentType::Center,
                    size,
                    r < last,
                ));
            }
            cells.push(cell);
            c += p.cell.colspan;
        }
        let mut row = TableRow::new(cells).cant_split();
        if r < grid.header_rows {
            row = row.row_height(340.0);
        }
        rows.push(row);
    }
    Table::new(rows)
        .set_grid(grid.widths.iter().map(|w| *w as usize).collect())
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .margins(TableCellMargins::new().margin(20, 40, 20, 40))
}

/// A cell's paragraph: 宋体 at the table's size, single-spaced; `keep_next` on every row but the
/// last keeps a table on one page where it fits (its heading is kept with it too).
fn cell_paragraph(text: &str, align: AlignmentType, size: usize, keep_next: bool) -> Paragraph {
    let mut p = Paragraph::new()
        .fonts(fonts(TABLE_FONT))
        .size(size)
        .align(align)
        .line_spacing(LineSpacing::new().line(240).line_rule(LineSpacingType::Auto).before(0).after(0))
        .keep_next(keep_next);
    if !text.is_empty() {
        p = p.add_run(run(text, TABLE_FONT, size));
    }
    p
}
