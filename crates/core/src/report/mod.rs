//! The annual report on government information disclosure (政府信息公开工作年度报告) in the
//! format of 国办公开办函〔2021〕30号. Tables 三 and 四 are counted from cases in
//! [`crate::foi::report`]; table 二's rows on 规章 and 行政规范性文件 are counted here.

pub mod table2;
