//! The annual report on government information disclosure (政府信息公开工作年度报告) in the
//! format of 国办公开办函〔2021〕30号. Tables 三 and 四 are counted from cases in
//! [`crate::foi::report`]; table 二 is counted (and partly entered) in [`table2`]; the report as
//! a whole, its checks and its outputs are in [`annual`] and [`render`].

pub mod annual;
pub mod chart;
pub mod history;
pub mod render;
pub mod table2;

pub use annual::{AnnualReport, Facts, Level, Narrative, ReportCheck, Source};
