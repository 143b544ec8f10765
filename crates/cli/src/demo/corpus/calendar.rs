//! Proleptic Gregorian calendar arithmetic and Chinese number/date formatting.
//!
//! Kept local (rather than using `time`) so the corpus module stays dependency-free plain data,
//! and because we need a few domain helpers such as "next working day" and 第一条-style numerals.

/// `(year, month, day)`.
pub(super) type Ymd = (i32, u8, u8);

/// The demo's "today": validity statuses are computed against this date.
pub(super) const TODAY: Ymd = (2026, 11, 28);

pub(super) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(super) fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
pub(super) fn is_valid(d: Ymd) -> bool {
    (1..=12).contains(&d.1) && d.2 >= 1 && d.2 <= days_in_month(d.0, d.1)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub(super) fn to_days(d: Ymd) -> i64 {
    let (y, m, day) = (d.0 as i64, d.1 as i64, d.2 as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) fn from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
    (y, m, d)
}

/// 0 = Monday … 6 = Sunday.
pub(super) fn weekday(d: Ymd) -> u8 {
    ((to_days(d) + 3).rem_euclid(7)) as u8
}

pub(super) fn is_weekday(d: Ymd) -> bool {
    weekday(d) < 5
}

pub(super) fn add_days(d: Ymd, n: i64) -> Ymd {
    from_days(to_days(d) + n)
}

/// Public holidays on fixed dates: 元旦, 劳动节 and the 国庆 week. (Lunar holidays and swapped
/// working weekends are ignored: this is demo data.)
pub(super) fn is_holiday(d: Ymd) -> bool {
    matches!((d.1, d.2), (1, 1) | (5, 1) | (10, 1..=7))
}

pub(super) fn is_working_day(d: Ymd) -> bool {
    is_weekday(d) && !is_holiday(d)
}

pub(super) fn add_working_days(d: Ymd, n: u32) -> Ymd {
    let mut cur = d;
    let mut left = n;
    while left > 0 {
        cur = add_days(cur, 1);
        if is_working_day(cur) {
            left -= 1;
        }
    }
    cur
}

/// Same month and day `n` years later; 29 February becomes 28 February in common years.
pub(super) fn add_years(d: Ymd, n: i32) -> Ymd {
    let y = d.0 + n;
    (y, d.1, d.2.min(days_in_month(y, d.1)))
}

/// The first day of the month after next ("自2019年5月1日起施行" for a text written in March).
pub(super) fn first_of_month_after_next(d: Ymd) -> Ymd {
    let m0 = d.1 as i32 - 1 + 2;
    (d.0 + m0 / 12, (m0 % 12 + 1) as u8, 1)
}

/// "2019年3月5日".
pub(super) fn cn_date(d: Ymd) -> String {
    format!("{}年{}月{}日", d.0, d.1, d.2)
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Chinese numeral as used in 第十二条, 一、 and 十三届: 十, 十一, 二十, 一百零五, 一千零二十.
/// Numbers of 10000 and more (only reachable in huge corpora) are written in Arabic digits.
pub(super) fn cn_num(n: u32) -> String {
    if n == 0 || n >= 10_000 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut s = String::new();
    let mut pending_zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            pending_zero = !s.is_empty();
            continue;
        }
        if pending_zero {
            s.push('零');
            pending_zero = false;
        }
        // 十一 rather than 一十一 when the number starts at the tens.
        if !(i == 2 && d == 1 && s.is_empty()) {
            s.push_str(DIGITS[d as usize]);
        }
        s.push_str(units[i]);
    }
    s
}
