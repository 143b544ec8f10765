//! Year-over-year charts of the annual reports, as SVG text with Chinese labels: requests by
//! outcome (table 三's result groups （一） to （六）) and proactive publications. Pure: the SVG is
//! written by hand (simple grouped bars), with no scripts and no external references, so it can
//! be inlined in a page or saved as a file.
//!
//! Accessibility: each chart is `role="img"` labelled by its `<title>` and a `<desc>` that states
//! every number, so a screen reader user gets the data, not only "chart". Each bar also carries a
//! `<title>` (shown as a tooltip) and its value printed above it; the colours are the Okabe–Ito
//! palette, distinguishable with the common colour-vision deficiencies.

use std::fmt::Write as _;

use crate::foi::report::{Table3, Table3Column, Table3Line};
use crate::text::escape_html;

/// The fonts the text is set in; the browser falls back along the list.
const FONT_FAMILY: &str = "Noto Sans CJK SC, Source Han Sans SC, sans-serif";

/// Okabe–Ito colours.
const PALETTE: [&str; 6] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

/// Requests by outcome, per year: for each year a group of six bars — 予以公开, 部分公开, 不予公开,
/// 无法提供, 不予处理, 其他处理 — each the 总计 column of table 三 summed over the rows of its group
/// （一） to （六）. Years are shown in ascending order; no years gives a "暂无数据" chart.
pub fn requests_by_outcome_svg(years: &[(i32, &Table3)]) -> String {
    let groups = outcome_groups();
    let mut rows: Vec<(i32, Vec<u64>)> = years
        .iter()
        .map(|(year, table)| {
            let values = groups
                .iter()
                .map(|(_, lines)| {
                    lines.iter().fold(0u64, |sum, line| sum.saturating_add(table.cell(*line, Table3Column::Total)))
                })
                .collect();
            (*year, values)
        })
        .collect();
    rows.sort_by_key(|(year, _)| *year);
    BarChart {
        id: "gk-chart-requests",
        title: "政府信息公开申请办理结果（按年度）".into(),
        summary: "数据为各年度报告表三“三、本年度办理结果”各类情形的总计。".into(),
        y_label: "申请数（件）".into(),
        series: groups.into_iter().map(|(label, _)| (label, "件".to_string())).collect(),
        years: rows,
    }
    .svg()
}

/// Proactive publications per year: `(year, publications, of which policy documents)` — the
/// 主动公开 government information first published in the year and, of it, the policy documents.
pub fn publications_svg(years: &[(i32, u64, u64)]) -> String {
    let mut rows: Vec<(i32, Vec<u64>)> =
        years.iter().map(|(year, total, policies)| (*year, vec![*total, *policies])).collect();
    rows.sort_by_key(|(year, _)| *year);
    BarChart {
        id: "gk-chart-publications",
        title: "主动公开政府信息数量（按年度）".into(),
        summary: "数据为各年度首次主动公开的政府信息及其中的政策文件。".into(),
        y_label: "数量".into(),
        series: vec![("主动公开政府信息".into(), "条".into()), ("其中政策文件".into(), "件".into())],
        years: rows,
    }
    .svg()
}

/// The six result groups of table 三 with their data rows, read from the official layout: a
/// level-1 header (（三） to （六）) starts a group that takes the numbered rows under it; a level-1
/// data row (（一）, （二）) is a group by itself; （七）总计 is not a group. The label is the
/// group's name without its numbering or note: `（二）部分公开（区分处理的…）` → `部分公开`.
fn outcome_groups() -> Vec<(String, Vec<Table3Line>)> {
    let mut groups: Vec<(String, Vec<Table3Line>)> = Vec::new();
    for row in Table3::layout() {
        match (row.level, row.line) {
            (1, Some(Table3Line::ResultTotal)) | (0, _) => {}
            (1, None) => groups.push((short_label(row.label), Vec::new())),
            (1, Some(line)) => groups.push((short_label(row.label), vec![line])),
            (_, Some(line)) => {
                if let Some((_, lines)) = groups.last_mut() {
                    lines.push(line);
                }
            }
            (_, None) => {}
        }
    }
    debug_assert_eq!(groups.len(), 6, "（一） to （六）");
    groups
}

fn short_label(label: &str) -> String {
    let rest = label.strip_prefix('（').and_then(|l| l.split_once('）')).map_or(label, |(_, rest)| rest);
    rest.split('（').next().unwrap_or(rest).to_string()
}

/// A grouped bar chart: one group per year, one bar per series.
struct BarChart {
    /// Prefix of the element ids (unique per kind of chart on a page).
    id: &'static str,
    title: String,
    /// A sentence saying what the numbers are, at the start of the description.
    summary: String,
    y_label: String,
    /// Legend label and unit of each series.
    series: Vec<(String, String)>,
    /// Per year, one value per series.
    years: Vec<(i32, Vec<u64>)>,
}

const MIN_WIDTH: f64 = 640.0;
const PLOT_LEFT: f64 = 72.0;
const PLOT_RIGHT_MARGIN: f64 = 24.0;
const PLOT_HEIGHT: f64 = 260.0;
const TITLE_SIZE: f64 = 16.0;
const TEXT_SIZE: f64 = 12.0;
const VALUE_SIZE: f64 = 10.0;

impl BarChart {
    fn svg(&self) -> String {
        if self.years.is_empty() {
            return self.empty_svg();
        }
        let n_series = self.series.len().max(1);
        let max = self.years.iter().flat_map(|(_, v)| v.iter().copied()).max().unwrap_or(0);
        // Wide enough for the value printed above each bar (digits are about 0.6 em wide).
        let digits = max.to_string().len() as f64;
        let bar = (digits * VALUE_SIZE * 0.6 + 4.0).max(14.0);
        let gap = (bar * 1.5).max(24.0);
        let group = bar * n_series as f64 + gap;

        // Legend: items side by side, wrapping to a new line when the width is used up.
        let legend_item = |label: &str| 12.0 + 6.0 + label.chars().count() as f64 * TEXT_SIZE + 20.0;
        let natural = PLOT_LEFT + group * self.years.len() as f64 + PLOT_RIGHT_MARGIN;
        let width = natural.max(MIN_WIDTH).ceil();
        let mut legend: Vec<(f64, f64)> = Vec::new(); // (x, y) of each item
        let (mut lx, mut ly) = (PLOT_LEFT, 56.0);
        for (label, _) in &self.series {
            let w = legend_item(label);
            if lx + w > width - PLOT_RIGHT_MARGIN && lx > PLOT_LEFT {
                lx = PLOT_LEFT;
                ly += 20.0;
            }
            legend.push((lx, ly));
            lx += w;
        }
        let plot_top = ly + 32.0;
        let plot_bottom = plot_top + PLOT_HEIGHT;
        let height = (plot_bottom + 56.0).ceil();
        let plot_right = width - PLOT_RIGHT_MARGIN;
        let group = (plot_right - PLOT_LEFT) / self.years.len() as f64;

        let (step, top) = scale(max);
        let y = |v: u64| plot_bottom - (v as f64 / top as f64) * PLOT_HEIGHT;

        let mut s = self.open(width, height);
        let _ = write!(
            s,
            "<text x=\"{x}\" y=\"28\" text-anchor=\"middle\" font-size=\"{TITLE_SIZE}\" font-weight=\"bold\">{}</text>",
            escape_html(&self.title),
            x = width / 2.0
        );
        // Legend.
        s.push_str("<g font-size=\"12\">");
        for (i, ((label, _), (x, ly))) in self.series.iter().zip(&legend).enumerate() {
            let _ = write!(
                s,
                "<rect x=\"{x}\" y=\"{ry}\" width=\"12\" height=\"12\" fill=\"{c}\"/><text x=\"{tx}\" y=\"{ty}\">{}</text>",
                escape_html(label),
                ry = ly - 10.0,
                c = PALETTE[i % PALETTE.len()],
                tx = x + 18.0,
                ty = ly
            );
        }
        s.push_str("</g>");
        // Grid lines and the y axis.
        s.push_str("<g font-size=\"11\" fill=\"#333\">");
        let mut tick = 0;
        while tick <= top {
            let ty = y(tick);
            let _ = write!(
                s,
                "<line x1=\"{PLOT_LEFT}\" x2=\"{plot_right}\" y1=\"{ty}\" y2=\"{ty}\" stroke=\"{}\" stroke-width=\"1\"/>\
                 <text x=\"{tx}\" y=\"{ly}\" text-anchor=\"end\">{tick}</text>",
                if tick == 0 { "#333" } else { "#ddd" },
                tx = PLOT_LEFT - 8.0,
                ly = ty + 4.0
            );
            tick += step;
        }
        let cy = (plot_top + plot_bottom) / 2.0;
        let _ = write!(
            s,
            "<text x=\"18\" y=\"{cy}\" transform=\"rotate(-90 18 {cy})\" text-anchor=\"middle\" font-size=\"12\">{}</text>",
            escape_html(&self.y_label)
        );
        s.push_str("</g>");
        // Bars, their values and the year labels.
        let bars_width = bar * n_series as f64;
        for (g, (year, values)) in self.years.iter().enumerate() {
            let left = PLOT_LEFT + group * g as f64 + (group - bars_width) / 2.0;
            let _ = write!(s, "<g aria-label=\"{year}年\">");
            for (i, v) in values.iter().enumerate() {
                let (label, unit) = self.series.get(i).map_or(("", ""), |(l, u)| (l.as_str(), u.as_str()));
                let x = left + bar * i as f64;
                let top_y = y(*v);
                let _ = write!(
                    s,
                    "<rect x=\"{x:.1}\" y=\"{top_y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{c}\"><title>{year}年 {}：{v}{}</title></rect>\
                     <text x=\"{tx:.1}\" y=\"{vy:.1}\" text-anchor=\"middle\" font-size=\"{VALUE_SIZE}\" fill=\"#222\">{v}</text>",
                    escape_html(label),
                    escape_html(unit),
                    w = bar - 2.0,
                    h = plot_bottom - top_y,
                    c = PALETTE[i % PALETTE.len()],
                    tx = x + (bar - 2.0) / 2.0,
                    vy = top_y - 4.0
                );
            }
            let _ = write!(
                s,
                "<text x=\"{x:.1}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"{TEXT_SIZE}\">{year}年</text></g>",
                x = PLOT_LEFT + group * g as f64 + group / 2.0,
                ty = plot_bottom + 20.0
            );
        }
        let _ = write!(
            s,
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"12\">年度</text>",
            x = (PLOT_LEFT + plot_right) / 2.0,
            ty = plot_bottom + 44.0
        );
        s.push_str("</svg>");
        s
    }

    /// The description a screen reader reads: what the chart shows and every number.
    fn description(&self) -> String {
        let years: Vec<String> = self
            .years
            .iter()
            .map(|(year, values)| {
                let parts: Vec<String> =
                    self.series.iter().zip(values).map(|((label, unit), v)| format!("{label}{v}{unit}")).collect();
                format!("{year}年：{}", parts.join("，"))
            })
            .collect();
        format!("{}{}。", self.summary, years.join("；"))
    }

    fn open(&self, width: f64, height: f64) -> String {
        let desc = if self.years.is_empty() {
            format!("{}暂无数据：还没有任何年度的数据。", self.summary)
        } else {
            self.description()
        };
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
             width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\" fill=\"#222\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
             <rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>",
            escape_html(&self.title),
            escape_html(&desc),
            id = self.id
        )
    }

    fn empty_svg(&self) -> String {
        let (width, height) = (MIN_WIDTH, 160.0);
        let mut s = self.open(width, height);
        let _ = write!(
            s,
            "<text x=\"{x}\" y=\"40\" text-anchor=\"middle\" font-size=\"{TITLE_SIZE}\" font-weight=\"bold\">{}</text>\
             <text x=\"{x}\" y=\"100\" text-anchor=\"middle\" font-size=\"14\" fill=\"#555\">暂无数据</text></svg>",
            escape_html(&self.title),
            x = width / 2.0
        );
        s
    }
}

/// The step between ticks (1, 2 or 5 × 10ⁿ, about five ticks) and the top of the axis, a
/// multiple of the step at or above `max`. An all-zero chart gets an axis of 0 to 5.
fn scale(max: u64) -> (u64, u64) {
    if max == 0 {
        return (1, 5);
    }
    let rough = max.div_ceil(5);
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= rough {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10].into_iter().map(|m| m * magnitude).find(|s| *s >= rough).unwrap_or(rough);
    (step, max.div_ceil(step) * step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foi::Table3Row;

    fn table(disclosed: u64, partial: u64, secret: u64, not_held: u64, repeat: u64, other: u64) -> Table3 {
        let mut t = Table3::zero();
        let set = |t: &mut Table3, row, v| t.set_cell(Table3Line::Result(row), Table3Column::Total, v);
        set(&mut t, Table3Row::Disclosed, disclosed);
        set(&mut t, Table3Row::Partial, partial);
        // Two rows of （三）, to see that a group sums its rows.
        set(&mut t, Table3Row::StateSecret, secret);
        set(&mut t, Table3Row::ThirdParty, 1);
        set(&mut t, Table3Row::NotHeld, not_held);
        set(&mut t, Table3Row::Repeat, repeat);
        set(&mut t, Table3Row::Other, other);
        t
    }

    fn assert_safe(svg: &str) {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\""));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<svg").count(), 1);
        for bad in ["<script", "href", "url(", "<image", "<foreignObject", "@import", " onload=", " onclick="] {
            assert!(!svg.contains(bad), "{bad}");
        }
        assert!(svg.contains("font-family=\"Noto Sans CJK SC, Source Han Sans SC, sans-serif\""));
    }

    #[test]
    fn groups_follow_the_layout() {
        let labels: Vec<String> = outcome_groups().into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]);
        let sizes: Vec<usize> = outcome_groups().iter().map(|(_, lines)| lines.len()).collect();
        assert_eq!(sizes, [1, 1, 8, 3, 5, 3]);
    }

    #[test]
    fn requests_chart_shows_years_and_numbers() {
        let a = table(120, 34, 5, 17, 3, 2);
        let b = table(98, 41, 0, 23, 7, 11);
        let svg = requests_by_outcome_svg(&[(2025, &b), (2024, &a)]);
        assert_safe(&svg);
        assert!(svg.contains("<title id=\"gk-chart-requests-title\">政府信息公开申请办理结果（按年度）</title>"));
        for label in ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"] {
            assert!(svg.contains(&format!(">{label}</text>")), "legend {label}");
        }
        // The description states every number, years in order; 不予公开 sums its rows (5 + 1).
        assert!(svg.contains(
            "2024年：予以公开120件，部分公开34件，不予公开6件，无法提供17件，不予处理3件，其他处理2件；\
             2025年：予以公开98件，部分公开41件，不予公开1件，无法提供23件，不予处理7件，其他处理11件。"
        ));
        assert!(svg.find(">2024年</text>").unwrap() < svg.find(">2025年</text>").unwrap());
        for v in [120, 34, 6, 17, 98, 41, 23, 11] {
            assert!(svg.contains(&format!(">{v}</text>")), "value {v}");
        }
        assert!(svg.contains("<title>2025年 其他处理：11件</title>"));
        assert_eq!(svg.matches("<rect").count(), 1 + 6 + 12, "background, legend, bars");
    }

    #[test]
    fn publications_chart_shows_years_and_numbers() {
        let svg = publications_svg(&[(2023, 1520, 87), (2024, 1734, 92)]);
        assert_safe(&svg);
        assert!(svg.contains(
            "2023年：主动公开政府信息1520条，其中政策文件87件；2024年：主动公开政府信息1734条，其中政策文件92件。"
        ));
        assert!(svg.contains(">2023年</text>") && svg.contains(">2024年</text>"));
        assert!(svg.contains(">1734</text>") && svg.contains(">92</text>"));
        assert!(svg.contains(">其中政策文件</text>"));
    }

    #[test]
    fn empty_input_says_no_data() {
        for svg in [requests_by_outcome_svg(&[]), publications_svg(&[])] {
            assert_safe(&svg);
            assert!(svg.contains(">暂无数据</text>"));
            assert!(svg.contains("暂无数据：还没有任何年度的数据。</desc>"));
        }
        // All zero is data: an axis of 0 to 5 and bars of no height.
        let svg = publications_svg(&[(2025, 0, 0)]);
        assert!(!svg.contains(">暂无数据<") && svg.contains(">5</text>") && svg.contains("height=\"0.0\""));
    }

    #[test]
    fn text_is_escaped() {
        let chart = BarChart {
            id: "t",
            title: "A & B <图>".into(),
            summary: "说明\"'".into(),
            y_label: "<y>".into(),
            series: vec![("<script>alert(1)</script>".into(), "&".into())],
            years: vec![(2025, vec![3])],
        };
        let svg = chart.svg();
        assert!(svg.contains("<title id=\"t-title\">A &amp; B &lt;图&gt;</title>"));
        assert!(svg.contains("说明&quot;&#39;"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("&lt;y&gt;"));
        assert!(!svg.contains("<script") && !svg.contains("<y>"));
    }

    #[test]
    fn scale_uses_round_steps() {
        assert_eq!(scale(0), (1, 5));
        assert_eq!(scale(3), (1, 3));
        assert_eq!(scale(7), (2, 8));
        assert_eq!(scale(120), (50, 150));
        assert_eq!(scale(1734), (500, 2000));
        assert_eq!(scale(10), (2, 10));
    }
}
