//! Office outputs of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): the whole report as a
//! DOCX, the format agencies exchange, and its three tables as an XLSX workbook.
//!
//! Both follow the HTML of [`gongkai_core::report::render`] cell for cell: the same header rows,
//! spans and labels (the tables are described once, in `grid`, and drawn by each writer). A
//! separate crate because the writers (docx-rs, rust_xlsxwriter and their zip) are dependencies of
//! their own that the rest of the platform does not need.

mod docx;
mod grid;
mod xlsx;

pub use docx::report_docx;
pub use xlsx::report_xlsx;

/// A report that could not be written as an office file. Every input is a valid report, so this
/// only happens when a writer fails (which would be a bug in it or here).
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error("无法生成 DOCX 文件：{0}")]
    Docx(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("无法生成 XLSX 文件：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

#[cfg(test)]
mod tests;
