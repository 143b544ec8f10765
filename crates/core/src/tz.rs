//! China Standard Time. Timestamps are stored in UTC and shown in CST (UTC+8, no daylight
//! saving); legal dates (成文日期, receipt dates, deadlines) are CST calendar dates.

use time::macros::{format_description, offset};
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

pub const CST: UtcOffset = offset!(+8);

/// The CST calendar date of an instant: what "today" means for a Chinese agency.
pub fn local_date(at: OffsetDateTime) -> Date {
    at.to_offset(CST).date()
}

/// A wall-clock time written on a Chinese page, as an instant.
pub fn from_local(local: PrimitiveDateTime) -> OffsetDateTime {
    local.assume_offset(CST)
}

/// `2017-06-12 09:47`, in CST.
pub fn format_minutes(at: OffsetDateTime) -> String {
    at.to_offset(CST).format(format_description!("[year]-[month]-[day] [hour]:[minute]")).unwrap_or_default()
}

/// `2017-06-08`.
pub fn format_date(d: Date) -> String {
    d.format(format_description!("[year]-[month]-[day]")).unwrap_or_default()
}

/// `2017年6月8日`, as dates are written in Chinese official documents.
pub fn format_date_zh(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day())
}

/// Parses `YYYY-MM-DD`, the form HTML date inputs send.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    Date::parse(s.trim(), format_description!("[year]-[month]-[day]")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn local_date_crosses_midnight_in_cst() {
        // 17:30 UTC on 31 December is already New Year's Day in China.
        assert_eq!(local_date(datetime!(2023-12-31 17:30 UTC)), time::macros::date!(2024 - 01 - 01));
        assert_eq!(format_minutes(from_local(datetime!(2017-06-12 09:47))), "2017-06-12 09:47");
        assert_eq!(from_local(datetime!(2017-06-12 09:47)).to_offset(UtcOffset::UTC).hour(), 1);
    }

    #[test]
    fn formats() {
        let d = time::macros::date!(2017 - 06 - 08);
        assert_eq!(format_date(d), "2017-06-08");
        assert_eq!(format_date_zh(d), "2017年6月8日");
        assert_eq!(parse_iso_date(" 2017-06-08 "), Some(d));
        assert_eq!(parse_iso_date("2017-02-30"), None);
    }
}
