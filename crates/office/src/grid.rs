//! The three tables of the report as grids of cells with their spans, in the official layout of
//! the 2021 format — the same rows, spans and labels as the HTML of
//! [`gongkai_core::report::render`] — for the DOCX and XLSX writers to draw.

use gongkai_core::foi::report::{ReviewKind, Table3, Table3Column, Table4Column};
use gongkai_core::report::AnnualReport;

/// What a cell shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Text(String),
    /// A count.
    Count(u64),
    /// An amount in 分, shown in 万元 with 4 decimals.
    Wan(u64),
}

/// What a cell is, which decides how it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A column header (`<th scope="col">` / `colgroup`), or the note in table 三's corner.
    Column,
    /// A header over several rows (`<th scope="rowgroup">`: 三、本年度办理结果, （三）不予公开 …).
    RowGroup,
    /// A row's label (`<th scope="row">`).
    Row,
    /// A number, or the dash of a cell not entered yet.
    Data,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    pub value: Value,
    pub role: Role,
    pub colspan: usize,
    pub rowspan: usize,
}

impl Cell {
    fn new(role: Role, value: Value) -> Cell {
        Cell { value, role, colspan: 1, rowspan: 1 }
    }
    fn col(text: &str) -> Cell {
        Cell::new(Role::Column, Value::Text(text.to_string()))
    }
    fn row(text: &str) -> Cell {
        Cell::new(Role::Row, Value::Text(text.to_string()))
    }
    fn count(n: u64) -> Cell {
        Cell::new(Role::Data, Value::Count(n))
    }
    fn span(mut self, colspan: usize, rowspan: usize) -> Cell {
        self.colspan = colspan;
        self.rowspan = rowspan;
        self
    }

    /// The text as printed.
    pub fn text(&self) -> String {
        match &self.value {
            Value::Text(t) => t.clone(),
            Value::Count(n) => n.to_string(),
            Value::Wan(fen) => gongkai_core::report::table2::fen_to_wan(*fen),
        }
    }
}

/// A cell where it sits in the grid.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed<'a> {
    pub row: usize,
    pub col: usize,
    pub cell: &'a Cell,
}

/// One table: its rows as in HTML (each row lists the cells that start in it, left to right; a
/// cell spanning rows is listed once, in its first row).
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    /// The worksheet name: 表二, 表三, 表四.
    pub sheet: &'static str,
    /// The part the table belongs to, with its numbering: 二、主动公开政府信息情况.
    pub heading: &'static str,
    /// Relative column widths, in twentieths of a point on an A4 page (they add up to the width
    /// of the text area).
    pub widths: Vec<u32>,
    /// The rows that are header rows (at the top).
    pub header_rows: usize,
    /// Whether row labels are centred (table 二's short labels) or left-aligned (table 三's long,
    /// numbered ones).
    pub centre_row_labels: bool,
    pub rows: Vec<Vec<Cell>>,
    /// The note printed under the table, if any.
    pub note: Option<&'static str>,
}

impl Grid {
    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    /// Every cell with its position, placing cells as HTML does: each in the first column of its
    /// row not taken by a cell spanning down from a row above.
    pub fn placed(&self) -> Vec<Placed<'_>> {
        let columns = self.columns();
        let mut taken = vec![vec![false; columns]; self.rows.len()];
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while c < columns && taken[r][c] {
                    c += 1;
                }
                assert!(c + cell.colspan <= columns, "{}: row {r} is wider than the table", self.sheet);
                let below = (r + cell.rowspan).min(self.rows.len());
                for row in &mut taken[r..below] {
                    for t in &mut row[c..c + cell.colspan] {
                        *t = true;
                    }
                }
                out.push(Placed { row: r, col: c, cell });
                c += cell.colspan;
            }
        }
        debug_assert!(taken.iter().all(|row| row.iter().all(|t| *t)), "{}: every position is covered", self.sheet);
        out
    }
}

/// Table 二 in the official layout (as `render::table2_html`): four blocks by item of 条例
/// Art. 20, each with its header row; the entered cells are marked in a note under the table.
pub(crate) fn table2(r: &AnnualReport) -> Grid {
    let t = &r.table2;
    let entered = |v: Option<u64>| match v {
        Some(n) => Cell::count(n),
        None => Cell::new(Role::Data, Value::Text("—".into())),
    };
    let mut rows = vec![
        vec![Cell::col("第二十条第（一）项").span(4, 1)],
        vec![Cell::col("信息内容"), Cell::col("本年制发件数"), Cell::col("本年废止件数"), Cell::col("现行有效件数")],
    ];
    for (label, row) in [("规章", &t.rules.rules), ("行政规范性文件", &t.rules.normative)] {
        rows.push(vec![
            Cell::row(label),
            Cell::count(row.issued),
            Cell::count(row.abolished),
            Cell::count(row.in_force),
        ]);
    }
    let fees = match t.manual.fees_fen {
        Some(fen) => Cell::new(Role::Data, Value::Wan(fen)),
        None => entered(None),
    };
    let blocks = [
        ("五", "本年处理决定数量", vec![("行政许可", entered(t.manual.licensing))]),
        (
            "六",
            "本年处理决定数量",
            vec![("行政处罚", entered(t.manual.penalties)), ("行政强制", entered(t.manual.coercion))],
        ),
        ("八", "本年收费金额（单位：万元）", vec![("行政事业性收费", fees)]),
    ];
    for (item, column, values) in blocks {
        rows.push(vec![Cell::col(&format!("第二十条第（{item}）项")).span(4, 1)]);
        rows.push(vec![Cell::col("信息内容"), Cell::col(column).span(3, 1)]);
        for (label, value) in values {
            rows.push(vec![Cell::row(label), value.span(3, 1)]);
        }
    }
    Grid {
        sheet: "表二",
        heading: "二、主动公开政府信息情况",
        widths: vec![2645, 2100, 2100, 2000],
        header_rows: 2,
        centre_row_labels: true,
        rows,
        note: Some(
            "注：规章、行政规范性文件数据由政府信息公开平台统计；行政许可、行政处罚、行政强制决定数量和行政事业性收费金额由本机关填报。",
        ),
    }
}

/// Table 三 in the official layout (as `render::table3_html`): three header rows under the 勾稽
/// note, the label in up to three columns (三、本年度办理结果 spans its 22 rows, each group its
/// items), 7 numbers a row.
pub(crate) fn table3(t: &Table3) -> Grid {
    let mut rows = vec![
        vec![Cell::col(Table3::NOTE).span(3, 3), Cell::col(Table3::APPLICANTS_HEADER).span(7, 1)],
        vec![
            Cell::col(Table3Column::ALL[0].label()).span(1, 2),
            Cell::col(Table3::ORGANISATIONS_HEADER).span(5, 1),
            Cell::col(Table3Column::Total.label()).span(1, 2),
        ],
        Table3Column::ALL[1..6].iter().map(|c| Cell::col(c.label())).collect(),
    ];
    let mut pending: Vec<(usize, &str)> = Vec::new();
    for row in Table3::layout() {
        let Some(line) = row.line else {
            pending.push((row.span, row.label));
            continue;
        };
        let mut cells: Vec<Cell> = pending
            .drain(..)
            .map(|(span, label)| Cell::new(Role::RowGroup, Value::Text(label.into())).span(1, span))
            .collect();
        let colspan = 3 - usize::from(row.level).min(2);
        cells.push(Cell::row(row.label).span(colspan, 1));
        cells.extend(t.row(line).into_iter().map(Cell::count));
        rows.push(cells);
    }
    Grid {
        sheet: "表三",
        heading: "三、收到和处理政府信息公开申请情况",
        // Label columns of 1.2 cm, 1.9 cm and 5 cm. The number columns are as wide as their
        // labels break well at 9 pt: 自然人 and the 3 + 3 characters of 社会公益组织 / 法律服务机构
        // in 1.13 cm, 商业企业 / 科研机构 / 其他 as 2 + 2 in 0.99 cm (still five digits wide).
        widths: vec![680, 1080, 2845, 640, 560, 560, 640, 640, 560, 640],
        header_rows: 3,
        centre_row_labels: false,
        rows,
        note: None,
    }
}

/// Table 四 (as `render::table4_html`): 行政复议 and the two kinds of 行政诉讼, five columns each,
/// one row of 15 numbers.
pub(crate) fn table4(r: &AnnualReport) -> Grid {
    let t = &r.table4;
    // As the format prints it (and render::table4_html): 行政复议 over one row, its five labels
    // spanning the next two; 行政诉讼 over its two kinds, each over its five labels.
    let mut second: Vec<Cell> = Table4Column::ALL.iter().map(|c| Cell::col(c.label()).span(1, 2)).collect();
    second.push(Cell::col(ReviewKind::Litigation.label()).span(5, 1));
    second.push(Cell::col(ReviewKind::LitigationAfterReconsideration.label()).span(5, 1));
    let third: Vec<Cell> =
        ReviewKind::ALL[1..].iter().flat_map(|_| Table4Column::ALL.iter().map(|c| Cell::col(c.label()))).collect();
    let numbers: Vec<Cell> =
        ReviewKind::ALL.iter().flat_map(|k| Table4Column::ALL.iter().map(|c| Cell::count(t.cell(*k, *c)))).collect();
    let rows = vec![vec![Cell::col("行政复议").span(5, 1), Cell::col("行政诉讼").span(10, 1)], second, third, numbers];
    let mut widths = vec![589; 15];
    widths[14] = 8845 - 589 * 14;
    Grid {
        sheet: "表四",
        heading: "四、政府信息公开行政复议、行政诉讼情况",
        widths,
        header_rows: 3,
        centre_row_labels: true,
        rows,
        note: None,
    }
}

/// The three tables in the order of the report.
pub(crate) fn tables(r: &AnnualReport) -> [Grid; 3] {
    [table2(r), table3(&r.table3), table4(r)]
}

/// The width of the text area of an A4 page with the margins of 党政机关公文格式 (GB/T 9704:
/// left 28 mm, right 26 mm), in twentieths of a point.
pub(crate) const TEXT_WIDTH: u32 = 8845;

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::foi::report::Table4;
    use gongkai_core::report::table2::Table2;
    use gongkai_core::report::{Level, Narrative, Source};

    fn report() -> AnnualReport {
        AnnualReport {
            year: 2025,
            agency_code: "001".into(),
            agency_name: "某局".into(),
            level: Level::Agency,
            narrative: Narrative::default(),
            table2: Table2::default(),
            table3: Table3::zero(),
            table4: Table4::default(),
            fees_collected_fen: 0,
            explanation: None,
            source: Source::Computed,
            published_checks: Vec::new(),
        }
    }

    #[test]
    fn every_grid_is_rectangular_and_fills_the_text_width() {
        for g in tables(&report()) {
            assert_eq!(g.widths.iter().sum::<u32>(), TEXT_WIDTH, "{}", g.sheet);
            let area: usize = g.placed().iter().map(|p| p.cell.colspan * p.cell.rowspan).sum();
            assert_eq!(area, g.columns() * g.rows.len(), "{}", g.sheet);
        }
    }

    #[test]
    fn table3_places_the_groups_as_the_html_does() {
        let g = table3(&Table3::zero());
        assert_eq!(g.rows.len(), 3 + 25);
        let placed = g.placed();
        let at = |label: &str| {
            placed.iter().find(|p| p.cell.value == Value::Text(label.into())).map(|p| (p.row, p.col, p.cell.rowspan))
        };
        assert_eq!(at("三、本年度办理结果"), Some((5, 0, 22)));
        assert_eq!(at("（三）不予公开"), Some((7, 1, 8)));
        assert_eq!(at("1.属于国家秘密"), Some((7, 2, 1)));
        assert_eq!(at("（七）总计"), Some((26, 1, 1)));
        assert_eq!(at("四、结转下年度继续办理"), Some((27, 0, 1)));
        assert_eq!(placed.iter().filter(|p| p.cell.role == Role::Data).count(), 25 * 7);
    }
}
