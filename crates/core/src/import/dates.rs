//! Dates as government pages write them.
//!
//! Legacy pages were typed by hand in many CMSs over two decades, so one field can hold
//! `2017-06-08`, `2017- 06- 08`, `2017/6/8`, `2024年04月06日`, full-width `２０１７－０６－０８` or the
//! formal `二〇一七年六月八日` of a signed document. They all mean a calendar day, and the importer
//! must never guess: a day that does not exist (2月30日) is an error, not the nearest valid day.

use time::{Date, Month, PrimitiveDateTime, Time};

use crate::text::fold_width;

const DATE_FORMS: &str = "应为 2017-06-08、2017年6月8日 或 二〇一七年六月八日 等形式";
const TIME_FORMS: &str = "时间应为 09:47、9:47:05 或 09时47分 等形式";

/// Earliest and latest year accepted. Same bounds as 文号 years: anything outside is a typo on a
/// page of a disclosure platform of the People's Republic, not a real date.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

/// Why a text is not a date. Messages are shown to staff in the import report as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("日期不能为空")]
    Empty,
    #[error("无法识别的日期“{0}”：{DATE_FORMS}")]
    Unrecognised(String),
    #[error("日期“{input}”中的年份 {year} 不在 1949—2100 之间")]
    YearOutOfRange { input: String, year: i32 },
    #[error("日期“{input}”不存在：{year}年没有{month}月{day}日")]
    NoSuchDay { input: String, year: i32, month: u32, day: u32 },
    #[error("无法识别“{0}”中的时间：{TIME_FORMS}")]
    UnrecognisedTime(String),
    #[error("“{input}”中的时间 {hour}:{minute:02}:{second:02} 不存在")]
    NoSuchTime { input: String, hour: u32, minute: u32, second: u32 },
}

/// Parses a calendar day written in any of the forms found on government pages.
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    let input = s.trim();
    let mut cursor = Cursor::new(input)?;
    let date = read_date(&mut cursor, input)?;
    cursor.skip_spaces();
    if !cursor.at_end() {
        return Err(DateError::Unrecognised(input.to_owned()));
    }
    Ok(date)
}

/// Parses a day optionally followed by a time of day; a bare day means midnight.
///
/// The time is local China time as written: pages never state a zone, so none is invented here.
pub fn parse_datetime(s: &str) -> Result<PrimitiveDateTime, DateError> {
    let input = s.trim();
    let mut cursor = Cursor::new(input)?;
    let date = read_date(&mut cursor, input)?;
    cursor.skip_spaces();
    if cursor.at_end() {
        return Ok(PrimitiveDateTime::new(date, Time::MIDNIGHT));
    }
    cursor.eat('T');
    cursor.skip_spaces();
    let time = read_time(&mut cursor, input)?;
    cursor.skip_spaces();
    if !cursor.at_end() {
        return Err(DateError::UnrecognisedTime(input.to_owned()));
    }
    Ok(PrimitiveDateTime::new(date, time))
}

fn read_date(cursor: &mut Cursor, input: &str) -> Result<Date, DateError> {
    let (year, month, day) = read_ymd(cursor).ok_or_else(|| DateError::Unrecognised(input.to_owned()))?;
    if !YEARS.contains(&year) {
        return Err(DateError::YearOutOfRange { input: input.to_owned(), year });
    }
    let no_such_day = || DateError::NoSuchDay { input: input.to_owned(), year, month, day };
    let month_enum = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or_else(no_such_day)?;
    let day_u8 = u8::try_from(day).map_err(|_| no_such_day())?;
    Date::from_calendar_date(year, month_enum, day_u8).map_err(|_| no_such_day())
}

/// Year, month and day as written, not yet checked against the calendar.
fn read_ymd(cursor: &mut Cursor) -> Option<(i32, u32, u32)> {
    let year = cursor.ascii_number(4, 4).or_else(|| cursor.chinese_year())?;
    cursor.skip_spaces();
    let (month, day) =
        if cursor.eat('年') { read_chinese_style_month_day(cursor)? } else { read_separated_month_day(cursor)? };
    Some((i32::try_from(year).ok()?, month, day))
}

/// `6月8日`, `06月08日`, `六月八日`, spaces allowed between the parts.
fn read_chinese_style_month_day(cursor: &mut Cursor) -> Option<(u32, u32)> {
    cursor.skip_spaces();
    let month = cursor.month_or_day()?;
    cursor.skip_spaces();
    cursor.expect('月')?;
    cursor.skip_spaces();
    let day = cursor.month_or_day()?;
    cursor.skip_spaces();
    cursor.eat_any(&['日', '号'])?;
    Some((month, day))
}

/// `-06-08`, `/6/8`, `.06.08`: the same separator twice, spaces allowed around it.
fn read_separated_month_day(cursor: &mut Cursor) -> Option<(u32, u32)> {
    let separator = cursor.eat_any(&['-', '/', '.'])?;
    cursor.skip_spaces();
    let month = cursor.ascii_number(1, 2)?;
    cursor.skip_spaces();
    cursor.expect(separator)?;
    cursor.skip_spaces();
    let day = cursor.ascii_number(1, 2)?;
    Some((month, day))
}

fn read_time(cursor: &mut Cursor, input: &str) -> Result<Time, DateError> {
    let (hour, minute, second) = read_hms(cursor).ok_or_else(|| DateError::UnrecognisedTime(input.to_owned()))?;
    let no_such_time = || DateError::NoSuchTime { input: input.to_owned(), hour, minute, second };
    let (h, m, s) = (
        u8::try_from(hour).map_err(|_| no_such_time())?,
        u8::try_from(minute).map_err(|_| no_such_time())?,
        u8::try_from(second).map_err(|_| no_such_time())?,
    );
    Time::from_hms(h, m, s).map_err(|_| no_such_time())
}

/// `09:47`, `09: 47`, `9:47:05`, `09时47分`, `9点47分05秒`.
fn read_hms(cursor: &mut Cursor) -> Option<(u32, u32, u32)> {
    let hour = cursor.ascii_number(1, 2)?;
    cursor.skip_spaces();
    match cursor.bump()? {
        ':' => {
            cursor.skip_spaces();
            let minute = cursor.ascii_number(1, 2)?;
            cursor.skip_spaces();
            let second = if cursor.eat(':') {
                cursor.skip_spaces();
                cursor.ascii_number(1, 2)?
            } else {
                0
            };
            Some((hour, minute, second))
        }
        '时' | '点' => {
            cursor.skip_spaces();
            let minute = cursor.ascii_number(1, 2)?;
            cursor.skip_spaces();
            cursor.expect('分')?;
            cursor.skip_spaces();
            let second = match cursor.ascii_number(1, 2) {
                Some(second) => {
                    cursor.skip_spaces();
                    cursor.expect('秒')?;
                    second
                }
                None => 0,
            };
            Some((hour, minute, second))
        }
        _ => None,
    }
}

/// The value of a Chinese digit, with the zeros people actually type (〇, 零, ○, letter O).
fn chinese_digit(c: char) -> Option<u32> {
    let value = match c {
        '〇' | '零' | '○' | 'O' | 'o' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    };
    Some(value)
}

/// Value of a written-out month or day number (一 … 三十一); `None` for malformed numerals.
fn chinese_small_number(run: &[char]) -> Option<u32> {
    let digit = |c: &char| chinese_digit(*c).filter(|d| *d > 0);
    match run {
        ['十'] => Some(10),
        [d] => digit(d),
        ['十', units] => Some(10 + digit(units)?),
        [tens, '十'] => Some(10 * digit(tens)?),
        [tens, '十', units] => Some(10 * digit(tens)? + digit(units)?),
        _ => None,
    }
}

/// A position in the input, normalised to half-width so one grammar covers both widths.
struct Cursor {
    chars: Vec<char>,
    pos: usize,
}

impl Cursor {
    fn new(input: &str) -> Result<Self, DateError> {
        if input.is_empty() {
            return Err(DateError::Empty);
        }
        Ok(Cursor { chars: input.chars().map(fold_width).collect(), pos: 0 })
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, expected: char) -> bool {
        self.eat_any(&[expected]).is_some()
    }

    fn expect(&mut self, expected: char) -> Option<()> {
        self.eat(expected).then_some(())
    }

    fn eat_any(&mut self, options: &[char]) -> Option<char> {
        let c = self.peek().filter(|c| options.contains(c))?;
        self.pos += 1;
        Some(c)
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// `min..=max` ASCII digits not followed by another digit; consumes nothing on failure.
    fn ascii_number(&mut self, min: usize, max: usize) -> Option<u32> {
        let digits = self.chars[self.pos..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(min..=max).contains(&digits) {
            return None;
        }
        let value = self.chars[self.pos..self.pos + digits]
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0, |acc, d| acc * 10 + d);
        self.pos += digits;
        Some(value)
    }

    /// Four Chinese digits (`二〇一七`); consumes nothing on failure.
    fn chinese_year(&mut self) -> Option<u32> {
        let rest = self.chars.get(self.pos..self.pos + 4)?;
        let year = rest.iter().map(|c| chinese_digit(*c)).try_fold(0, |acc, d| Some(acc * 10 + d?))?;
        if self.chars.get(self.pos + 4).is_some_and(|c| chinese_digit(*c).is_some()) {
            return None;
        }
        self.pos += 4;
        Some(year)
    }

    /// A month or day in either ASCII digits or Chinese numerals.
    fn month_or_day(&mut self) -> Option<u32> {
        if let Some(n) = self.ascii_number(1, 2) {
            return Some(n);
        }
        let run = self.chars[self.pos..].iter().take_while(|c| **c == '十' || chinese_digit(**c).is_some()).count();
        let value = chinese_small_number(&self.chars[self.pos..self.pos + run])?;
        self.pos += run;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    #[test]
    fn accepts_every_documented_date_form() {
        let cases = [
            ("2017-06-08", date!(2017 - 06 - 08)),
            ("2017- 06- 08", date!(2017 - 06 - 08)),
            ("2017/6/8", date!(2017 - 06 - 08)),
            ("2017.06.08", date!(2017 - 06 - 08)),
            ("2024年04月06日", date!(2024 - 04 - 06)),
            ("2024年4月6日", date!(2024 - 04 - 06)),
            ("2024 年 4 月 6 日", date!(2024 - 04 - 06)),
            ("二〇一七年六月八日", date!(2017 - 06 - 08)),
            ("二〇一七年十二月二十六日", date!(2017 - 12 - 26)),
            ("二零一七年六月八日", date!(2017 - 06 - 08)),
            ("二○一七年十月三十一日", date!(2017 - 10 - 31)),
            ("二〇二〇年二月二十九日", date!(2020 - 02 - 29)),
            ("２０１７－０６－０８", date!(2017 - 06 - 08)),
            ("２０１７年６月８日", date!(2017 - 06 - 08)),
            ("  2017-06-08\u{3000}", date!(2017 - 06 - 08)),
            ("2017年6月8号", date!(2017 - 06 - 08)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        for input in ["2017年2月30日", "2017-02-29", "2017-13-01", "2017-06-00", "二〇一七年二月三十日"] {
            assert!(matches!(parse_date(input), Err(DateError::NoSuchDay { .. })), "{input}");
        }
    }

    #[test]
    fn rejects_malformed_text() {
        for input in [
            "2017",
            "2017-06",
            "2017-06/08",
            "17-06-08",
            "20170-06-08",
            "2017-006-08",
            "2017年6月8",
            "2017-06-08 星期四",
            "二〇一七年六月",
            "二〇一七年十十月八日",
            "二〇一七年〇六月八日",
            "二〇一七〇年六月八日",
            "六月八日",
            "abc",
        ] {
            assert!(matches!(parse_date(input), Err(DateError::Unrecognised(_))), "{input}: {:?}", parse_date(input));
        }
        assert_eq!(parse_date("  "), Err(DateError::Empty));
    }

    #[test]
    fn rejects_years_outside_the_republic() {
        assert!(matches!(parse_date("1911-10-10"), Err(DateError::YearOutOfRange { year: 1911, .. })));
    }

    #[test]
    fn messages_are_chinese_and_quote_the_input() {
        let message = parse_date("六月八号").map_or_else(|e| e.to_string(), |_| String::new());
        assert_eq!(message, "无法识别的日期“六月八号”：应为 2017-06-08、2017年6月8日 或 二〇一七年六月八日 等形式");
        let message = parse_date("2017年2月30日").map_or_else(|e| e.to_string(), |_| String::new());
        assert_eq!(message, "日期“2017年2月30日”不存在：2017年没有2月30日");
    }

    #[test]
    fn accepts_every_documented_time_form() {
        let cases = [
            ("2017- 06- 12 09: 47", datetime!(2017-06-12 09:47)),
            ("2017-06-12 09:47", datetime!(2017-06-12 09:47)),
            ("2017-06-12 9:47:05", datetime!(2017-06-12 09:47:05)),
            ("2017-06-12 09时47分", datetime!(2017-06-12 09:47)),
            ("2017年6月12日 9点47分05秒", datetime!(2017-06-12 09:47:05)),
            ("2017-06-12T09:47:05", datetime!(2017-06-12 09:47:05)),
            ("２０１７－０６－１２　０９：４７", datetime!(2017-06-12 09:47)),
            ("二〇一七年六月十二日", datetime!(2017-06-12 00:00)),
            ("2017-06-12", datetime!(2017-06-12 00:00)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_datetime(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn rejects_bad_times() {
        for input in ["2017-06-12 24:00", "2017-06-12 09:60", "2017-06-12 09:47:61"] {
            assert!(matches!(parse_datetime(input), Err(DateError::NoSuchTime { .. })), "{input}");
        }
        for input in ["2017-06-12 09", "2017-06-12 09:47 上午", "2017-06-12 09时47"] {
            assert!(matches!(parse_datetime(input), Err(DateError::UnrecognisedTime(_))), "{input}");
        }
        assert!(matches!(parse_datetime("2017-02-30 09:47"), Err(DateError::NoSuchDay { .. })));
    }

    fn chinese_numeral(n: u8) -> String {
        const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        let (tens, units) = (usize::from(n / 10), usize::from(n % 10));
        let tens = match tens {
            0 => String::new(),
            1 => "十".to_owned(),
            t => format!("{}十", DIGITS[t]),
        };
        let units = if units == 0 { "" } else { DIGITS[units] };
        format!("{tens}{units}")
    }

    fn chinese_year(year: i32) -> String {
        const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        year.to_string().chars().filter_map(|c| c.to_digit(10)).map(|d| DIGITS[d as usize]).collect()
    }

    fn any_date() -> impl Strategy<Value = Date> {
        let first = date!(1949 - 01 - 01).to_julian_day();
        let last = date!(2100 - 12 - 31).to_julian_day();
        (first..=last).prop_map(|day| Date::from_julian_day(day).expect("day in range"))
    }

    proptest! {
        #[test]
        fn round_trips_year_month_day_in_chinese(d in any_date()) {
            let text = format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day());
            prop_assert_eq!(parse_date(&text), Ok(d));
        }

        #[test]
        fn round_trips_iso(d in any_date()) {
            let text = format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
            prop_assert_eq!(parse_date(&text), Ok(d));
        }

        #[test]
        fn round_trips_chinese_numerals(d in any_date()) {
            let text = format!(
                "{}年{}月{}日",
                chinese_year(d.year()),
                chinese_numeral(u8::from(d.month())),
                chinese_numeral(d.day())
            );
            prop_assert_eq!(parse_date(&text), Ok(d));
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = parse_date(&s);
            let _ = parse_datetime(&s);
        }

        #[test]
        fn never_panics_on_date_like_text(s in "[0-9〇一二三四五六七八九十年月日号时分秒点:：/.\\- T]{0,24}") {
            let _ = parse_date(&s);
            let _ = parse_datetime(&s);
        }
    }
}
