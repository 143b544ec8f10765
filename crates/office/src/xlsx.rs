//! The three tables of the report as an XLSX workbook: one worksheet per table (表二, 表三, 表四),
//! the report's title and the table's heading over it, then the table with the official header
//! rows and merged ranges. Counts are numbers, the fee amount is a number of 万元 shown with 4
//! decimals; a cell not entered yet is a dash, as on the page.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use gongkai_core::report::AnnualReport;

use crate::OfficeError;
use crate::grid::{self, Grid, Role, Value};

/// The row the table starts at: under the title (row 0) and the heading (row 1).
const FIRST_ROW: u32 = 2;

const FONT: &str = "宋体";
/// The height of a line of 10.5 pt text, in points.
const LINE_HEIGHT: f64 = 14.0;

/// The tables of the report as an XLSX workbook.
pub fn report_xlsx(report: &AnnualReport) -> Result<Vec<u8>, OfficeError> {
    let mut workbook = Workbook::new();
    for grid in grid::tables(report) {
        let sheet = workbook.add_worksheet();
        write_sheet(sheet, report, &grid)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn write_sheet(sheet: &mut Worksheet, report: &AnnualReport, grid: &Grid) -> Result<(), OfficeError> {
    sheet.set_name(grid.sheet)?;
    sheet.set_paper_size(9); // A4
    if grid.columns() > 10 {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);

    let base =
        Format::new().set_font_name(FONT).set_font_size(10.5).set_align(FormatAlign::VerticalCenter).set_text_wrap();
    let cell = base.clone().set_border(FormatBorder::Thin);
    let header = cell.clone().set_align(FormatAlign::Center).set_bold();
    let centred = cell.clone().set_align(FormatAlign::Center);
    let left = cell.clone().set_align(FormatAlign::Left);
    let count = centred.clone().set_num_format("0");
    let wan = centred.clone().set_num_format("0.0000");
    let title = base.clone().set_font_size(14).set_bold().set_align(FormatAlign::Center);
    let heading = base.clone().set_font_size(12).set_bold().set_align(FormatAlign::Left);

    let last_col = u16::try_from(grid.columns() - 1).expect("a table has few columns");
    sheet.merge_range(0, 0, 0, last_col, &report.title(), &title)?;
    sheet.set_row_height(0, 24)?;
    sheet.merge_range(1, 0, 1, last_col, grid.heading, &heading)?;
    sheet.set_row_height(1, 20)?;

    // Column widths in character units (the width of a digit; a Chinese character takes about
    // two), from the widths on the page: a character of 10.5 pt is 210 twentieths of a point.
    let units: Vec<f64> = grid.widths.iter().map(|w| (f64::from(*w) / 210.0 * 2.0).round().max(6.0)).collect();
    for (c, u) in units.iter().enumerate() {
        sheet.set_column_width(c as u16, *u)?;
    }
    // Spreadsheets do not grow a row for wrapped text in merged cells: each row gets the height
    // its longest label needs, a label spanning rows sharing it among them.
    let mut heights = vec![LINE_HEIGHT + 3.0; grid.rows.len()];
    for p in grid.placed() {
        if let Value::Text(text) = &p.cell.value {
            let width: f64 = units[p.col..p.col + p.cell.colspan].iter().sum::<f64>() - 1.0;
            let text_units: f64 = text.chars().map(|c| if c.is_ascii() { 1.1 } else { 2.0 }).sum();
            let lines = (text_units / width.max(1.0)).ceil().max(1.0);
            let per_row = (lines * LINE_HEIGHT + 3.0) / p.cell.rowspan as f64;
            heights[p.row] = heights[p.row].max(per_row);
            for h in &mut heights[p.row + 1..p.row + p.cell.rowspan] {
                *h = h.max(per_row);
            }
        }
    }
    for (r, h) in heights.iter().enumerate() {
        sheet.set_row_height(FIRST_ROW + r as u32, h.ceil())?;
    }

    for p in grid.placed() {
        let row = FIRST_ROW + p.row as u32;
        let col = p.col as u16;
        let format = match (p.cell.role, &p.cell.value) {
            (_, Value::Count(_)) => &count,
            (_, Value::Wan(_)) => &wan,
            (Role::Column | Role::RowGroup, _) => &header,
            (Role::Row, _) if !grid.centre_row_labels => &left,
            _ => &centred,
        };
        let (last_row, last_col) = (row + p.cell.rowspan as u32 - 1, col + p.cell.colspan as u16 - 1);
        let merged = last_row > row || last_col > col;
        if merged {
            // A merged range is written with text; a number goes into its first cell after.
            let text = match &p.cell.value {
                Value::Text(t) => t.as_str(),
                _ => "",
            };
            sheet.merge_range(row, col, last_row, last_col, text, format)?;
        }
        match &p.cell.value {
            Value::Count(n) => {
                sheet.write_number_with_format(row, col, *n as f64, format)?;
            }
            Value::Wan(fen) => {
                sheet.write_number_with_format(row, col, *fen as f64 / 1_000_000.0, format)?;
            }
            Value::Text(t) if !merged => {
                sheet.write_string_with_format(row, col, t, format)?;
            }
            Value::Text(_) => {}
        }
    }
    if let Some(note) = grid.note {
        let row = FIRST_ROW + grid.rows.len() as u32;
        sheet.merge_range(row, 0, row, last_col, note, &base)?;
        sheet.set_row_height(row, 30)?;
    }
    // Table 三 is long: keep its header in view (table 二 repeats its headers block by block).
    if grid.rows.len() > 20 {
        sheet.set_freeze_panes(FIRST_ROW + grid.header_rows as u32, 0)?;
    }
    Ok(())
}
