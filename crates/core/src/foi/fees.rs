//! 信息处理费 (条例 Art. 42; 政府信息公开信息处理费管理办法, 国办函〔2020〕109号).
//!
//! Providing information is free; a fee may be charged only to applications beyond a reasonable
//! number or frequency, by one of two methods per application (never both), each progressive on
//! the excess only. Amounts are in 分.

use serde::{Deserialize, Serialize};

/// 按件计收 or 按量计收 (Art. 3 of the measures): one method per application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeeMethod {
    /// Per application, counting the applicant's applications in one calendar month (Art. 4).
    PerApplication,
    /// Per page of paper, e-mailed or copied electronic data (Art. 5).
    PerPage,
}

impl FeeMethod {
    pub fn label(self) -> &'static str {
        match self {
            FeeMethod::PerApplication => "按件计收",
            FeeMethod::PerPage => "按量计收",
        }
    }
}

/// 元 in 分.
const YUAN: i64 = 100;

/// The fee for the `nth` application (1-based) of one applicant in one calendar month, 按件计收
/// (国办函〔2020〕109号 Art. 4): the first 10 are free, the 11th–30th cost 100 元 each, and from
/// the 31st each further band of 10 costs 100 元 more per application (31–40: 200 元, 41–50:
/// 300 元, …).
pub fn per_application_fee(nth: u32) -> i64 {
    match nth {
        0..=10 => 0,
        11..=30 => 100 * YUAN,
        n => (i64::from((n - 31) / 10) + 2) * 100 * YUAN,
    }
}

/// The total for an applicant's first `count` applications of a month, 按件计收.
pub fn per_application_total(count: u32) -> i64 {
    (1..=count).map(per_application_fee).sum()
}

/// The fee for one application of `pages` pages, 按量计收 (国办函〔2020〕109号 Art. 5): up to 30
/// pages free; pages 31–100 at 10 元, 101–200 at 20 元, from 201 at 40 元 — each rate on the pages
/// in its band only.
pub fn per_page_fee(pages: u32) -> i64 {
    let band = |from: u32, to: u32, rate: i64| i64::from(pages.min(to).saturating_sub(from - 1)) * rate * YUAN;
    band(31, 100, 10) + band(101, 200, 20) + band(201, u32::MAX, 40)
}

/// `12.50` → "12.50 元" style, for notices.
pub fn format_yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn per_application_bands() {
        assert_eq!(per_application_fee(10), 0);
        assert_eq!(per_application_fee(11), 10_000);
        assert_eq!(per_application_fee(30), 10_000);
        assert_eq!(per_application_fee(31), 20_000);
        assert_eq!(per_application_fee(40), 20_000);
        assert_eq!(per_application_fee(41), 30_000);
        // The example of ogi-rules §3: 45 applications in a month cost 20×100 + 10×200 + 5×300 元.
        assert_eq!(per_application_total(45), 550_000);
        assert_eq!(per_application_total(10), 0);
    }

    #[test]
    fn per_page_bands() {
        assert_eq!(per_page_fee(30), 0);
        assert_eq!(per_page_fee(31), 1_000);
        assert_eq!(per_page_fee(100), 70_000);
        assert_eq!(per_page_fee(101), 72_000);
        // The example of ogi-rules §3: 250 pages = 70×10 + 100×20 + 50×40 = 4,700 元.
        assert_eq!(per_page_fee(250), 470_000);
        assert_eq!(format_yuan(470_000), "4700.00");
    }

    proptest! {
        #[test]
        fn fees_never_decrease(n in 0u32..10_000) {
            prop_assert!(per_page_fee(n + 1) >= per_page_fee(n));
            prop_assert!(per_application_fee(n + 1) >= per_application_fee(n));
        }
    }
}
