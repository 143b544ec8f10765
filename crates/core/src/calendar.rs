//! 工作日 (working days) on the official calendar: which dates count when a statutory period is
//! measured in working days, and the arithmetic on them.
//!
//! The 政府信息公开条例 (2019) counts its periods in 工作日: 20 to reply, and at most 20 more
//! on extension (Art. 33 ¶2); 7 to ask for a 补正 (Art. 30); 15 for a third party or a
//! co-producing agency to answer (Arts. 32, 34); 20 for the applicant to pay a 信息处理费
//! (国办函〔2020〕109号). The 条例 does not define the term; it is read as every statute that
//! counts working days is read (行政复议法 Art. 88 says so expressly): Saturdays, Sundays and the
//! statutory holidays of the 全国年节及纪念日放假办法 are not working days, and the weekend days
//! that the State Council's yearly notice (国务院办公厅关于××××年部分节假日安排的通知, 国办发明电)
//! declares 上班 (调休) are.
//!
//! The notices are data, not rules: `data/holidays-cn.toml` holds every one from 2015 (with the
//! 2015, 2019 and 2020 amendments) and is compiled in ([`WorkCalendar::official`]); an operator
//! adds a year whose notice came out after the build with [`WorkCalendar::with_extra`]. A date
//! in a year whose notice is not loaded is an error ([`CalendarError::YearNotCovered`]), never a
//! guess: a deadline counted on weekends alone would be wrong whenever a holiday falls inside it.
//!
//! Periods follow 民法典 Art. 201 ¶1 (按照年、月、日计算期间的，开始的当日不计入，自下一日开始
//! 计算): "within 20 working days of receipt" ends on
//! [`WorkCalendar::add_working_days`]`(receipt, 20)`.
//!
//! A date is covered iff the notice for its calendar year is loaded. The notice for year Y may
//! also rearrange the last days of December Y−1 (the 2019 notice made Saturday 2018-12-29 a
//! working day), so answers about late December can still change when next year's notice is
//! added; nothing can be done about that but adding it promptly.
//!
//! Every covered year is kept as a bitmap of its working days, so a deadline is a few word
//! operations per year crossed: queues of thousands of cases are checked without allocating.

use std::collections::BTreeMap;
use std::ops::Bound::{Excluded, Included};
use std::sync::OnceLock;

use serde::Deserialize;
use time::{Date, Month, Weekday};

use crate::tz::format_date;

/// The compiled-in notices, as they are named in messages.
pub const OFFICIAL_SOURCE: &str = "内置数据 data/holidays-cn.toml";

const OFFICIAL_DATA: &str = include_str!("../../../data/holidays-cn.toml");

/// The longest `off` or `work` range accepted: no notice has given more than 10 days in one go
/// (2020's extended Spring Festival), so a longer range is a typing error.
const MAX_RANGE_DAYS: i64 = 31;

/// The official working-day calendar: the covered years, each with its notice, and every day the
/// notices list as 放假 or as 调休上班.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    years: BTreeMap<i32, CoveredYear>,
    /// Every date some notice lists, whatever its calendar year (the 2019 notice lists
    /// 2018-12-29..31): one lookup across all years.
    listed: BTreeMap<Date, Listed>,
    festivals: Vec<Festival>,
}

/// Where a covered year's arrangement comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearNotice {
    pub year: i32,
    /// 文号 of the notice, e.g. 国办发明电〔2023〕7号.
    pub notice: String,
    /// Notices that changed the arrangement afterwards (the file holds the final form).
    pub amended_by: Vec<String>,
    /// [`OFFICIAL_SOURCE`] or the name of the operator's file.
    pub source_name: String,
}

#[derive(Debug, Clone)]
struct CoveredYear {
    notice: YearNotice,
    working: YearBits,
}

#[derive(Debug, Clone, Copy)]
struct Listed {
    /// `work` (调休上班) rather than `off`.
    working: bool,
    festival: usize,
}

#[derive(Debug, Clone)]
struct Festival {
    name: String,
    /// The citation shown for its days: the notice, and the notices that amended it.
    notice: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A date in a year whose notice is not loaded: never guessed.
    #[error("{0} 年的节假日安排尚未载入，无法计算工作日（请在数据目录的 calendar/ 中加入当年的国务院办公厅通知）")]
    YearNotCovered(i32),
    /// A holiday file that cannot be used: which file, and what is wrong with it.
    #[error("节假日数据“{source_name}”有误：{message}")]
    Data { source_name: String, message: String },
}

/// One date as the calendar sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInfo {
    pub date: Date,
    pub working: bool,
    pub reason: DayReason,
}

/// Why a date is, or is not, a working day.
///
/// `notice` is the 文号 of the notice for the year that lists the day, followed (after 、) by the
/// notices that amended that year's arrangement, if any: the data records amendments per year,
/// not per festival.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayReason {
    /// Monday to Friday, not listed by any notice.
    Weekday,
    /// Saturday or Sunday, not listed by any notice.
    Weekend,
    /// Listed as 放假 (or 调休/补休) for `festival`.
    Holiday { festival: String, notice: String },
    /// A weekend day the notice declares 上班 for `festival`.
    MakeUpWorkday { festival: String, notice: String },
}

impl DayInfo {
    /// In Chinese, e.g. `2024-02-04 星期日：工作日（春节调休上班，国办发明电〔2023〕7号）`.
    pub fn describe(&self) -> String {
        let head = format!("{} {}", format_date(self.date), weekday_zh(self.date.weekday()));
        match &self.reason {
            DayReason::Weekday => format!("{head}：工作日"),
            DayReason::Weekend => format!("{head}：休息日（周末）"),
            DayReason::Holiday { festival, notice } => format!("{head}：休息日（{festival}放假，{notice}）"),
            DayReason::MakeUpWorkday { festival, notice } => format!("{head}：工作日（{festival}调休上班，{notice}）"),
        }
    }
}

/// `星期一` … `星期日`.
pub fn weekday_zh(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "星期一",
        Weekday::Tuesday => "星期二",
        Weekday::Wednesday => "星期三",
        Weekday::Thursday => "星期四",
        Weekday::Friday => "星期五",
        Weekday::Saturday => "星期六",
        Weekday::Sunday => "星期日",
    }
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl WorkCalendar {
    /// The compiled-in notices (2015–2026 at the time of writing). Parsed once per process.
    ///
    /// Panics only if the compiled-in file is broken, which a test rules out.
    pub fn official() -> WorkCalendar {
        static OFFICIAL: OnceLock<WorkCalendar> = OnceLock::new();
        OFFICIAL
            .get_or_init(|| {
                let mut calendar =
                    WorkCalendar { years: BTreeMap::new(), listed: BTreeMap::new(), festivals: Vec::new() };
                if let Err(e) = calendar.fold_in(OFFICIAL_SOURCE, OFFICIAL_DATA, Origin::Official) {
                    panic!("{e}");
                }
                calendar
            })
            .clone()
    }

    /// Adds an operator's file: one or more `[[year]]` tables in the layout of
    /// `data/holidays-cn.toml`, typically the notice for a year published after this build.
    ///
    /// Refused, with a message naming `source_name` and what is wrong: a year already loaded; a
    /// date that does not parse; a range that runs backwards or over a month; an `off` day on a
    /// Saturday or Sunday outside an `A/B` range (a weekend is a rest day anyway, so listing one
    /// on its own is almost always a typing error); a `work` day that is not a Saturday or
    /// Sunday; a date listed both `off` and `work`, or twice; a date more than a month outside its
    /// notice's year (before 1 December of the year before, or after 31 January of the year after).
    pub fn with_extra(mut self, source_name: &str, toml_text: &str) -> Result<WorkCalendar, CalendarError> {
        self.fold_in(source_name, toml_text, Origin::Operator)?;
        Ok(self)
    }

    /// The calendar years whose notice is loaded, in order.
    pub fn covered_years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// The notices behind the covered years, in year order.
    pub fn notices(&self) -> impl Iterator<Item = &YearNotice> {
        self.years.values().map(|y| &y.notice)
    }

    /// Whether `d` is a 工作日: listed as 调休上班, or Monday to Friday and not listed as 放假.
    pub fn is_working_day(&self, d: Date) -> Result<bool, CalendarError> {
        Ok(self.bits(d.year())?.get(d.ordinal()))
    }

    /// `d`, whether it is a working day and why (with the festival and notice if a notice lists it).
    pub fn day_info(&self, d: Date) -> Result<DayInfo, CalendarError> {
        let working = self.is_working_day(d)?;
        let reason = match self.listed.get(&d) {
            Some(listed) => self.listed_reason(*listed),
            None if is_weekend(d) => DayReason::Weekend,
            None => DayReason::Weekday,
        };
        Ok(DayInfo { date: d, working, reason })
    }

    /// The `n`-th working day AFTER `start`: the end of a period of `n` 工作日 that begins on
    /// `start`, such as the Art. 33 reply period (20) from the day an application is received.
    /// The start date itself is not counted (期间开始之日不计入, 民法典 Art. 201 ¶1), whether or not
    /// it is a working day: `add_working_days(d, 0) == d`, and `add_working_days(d, 1)` is the
    /// first working day after `d`.
    ///
    /// `start` and every day up to the result must be in covered years; otherwise the answer is
    /// [`CalendarError::YearNotCovered`] for the first uncovered year, never a partial count.
    /// (The start must be covered although it is not counted: a date the calendar cannot place is
    /// a sign its data is out of date, and both functions then have the same domain.)
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Date, CalendarError> {
        let mut year = start.year();
        let mut bits = self.bits(year)?;
        if n == 0 {
            return Ok(start);
        }
        let mut from = start.ordinal() + 1;
        let mut remaining = n;
        loop {
            match bits.nth_set(from, time::util::days_in_year(year), remaining) {
                Ok(ordinal) => {
                    return Ok(Date::from_ordinal_date(year, ordinal).expect("an ordinal within the year"));
                }
                Err(left) => remaining = left,
            }
            year += 1;
            from = 1;
            bits = self.bits(year)?;
        }
    }

    /// The working days in (a, b]: after `a`, up to and including `b`; 0 if `b <= a`. So
    /// `working_days_between(s, add_working_days(s, n)?) == n`: how many working days of a period
    /// that began on `a` have been used up by the end of `b`.
    ///
    /// Both dates, and every year between them, must be covered.
    pub fn working_days_between(&self, a: Date, b: Date) -> Result<u32, CalendarError> {
        self.bits(a.year())?;
        self.bits(b.year())?;
        if b <= a {
            return Ok(0);
        }
        let mut total = 0;
        for year in a.year()..=b.year() {
            let bits = self.bits(year)?;
            let from = if year == a.year() { a.ordinal() + 1 } else { 1 };
            let to = if year == b.year() { b.ordinal() } else { time::util::days_in_year(year) };
            total += bits.count(from, to);
        }
        Ok(total)
    }

    /// The days in (a, b] that a notice lists (holidays and 调休 working days), in date order:
    /// what a period over that span skipped or counted besides ordinary weekends and weekdays.
    /// Same coverage rule as [`WorkCalendar::working_days_between`].
    pub fn listed_days_between(&self, a: Date, b: Date) -> Result<Vec<DayInfo>, CalendarError> {
        self.working_days_between(a, b)?;
        if b <= a {
            return Ok(Vec::new());
        }
        Ok(self
            .listed
            .range((Excluded(a), Included(b)))
            .map(|(d, l)| DayInfo { date: *d, working: l.working, reason: self.listed_reason(*l) })
            .collect())
    }

    /// One line in Chinese on what a period over (a, b] skipped and counted, e.g.
    /// `跳过：2024-02-10 至 2024-02-17 春节放假；计入：2024-02-04、2024-02-18 春节调休上班`.
    pub fn explain_between(&self, a: Date, b: Date) -> Result<String, CalendarError> {
        let days = self.listed_days_between(a, b)?;
        let holidays: Vec<&DayInfo> = days.iter().filter(|d| !d.working).collect();
        let workdays: Vec<&DayInfo> = days.iter().filter(|d| d.working).collect();
        let mut parts = Vec::new();
        if !holidays.is_empty() {
            parts.push(format!("跳过：{}", group_by_festival(&holidays, "放假", true)));
        }
        if !workdays.is_empty() {
            parts.push(format!("计入：{}", group_by_festival(&workdays, "调休上班", false)));
        }
        if parts.is_empty() {
            return Ok("期间没有节假日或调休上班日，只跳过周末".to_string());
        }
        Ok(parts.join("；"))
    }

    fn bits(&self, year: i32) -> Result<&YearBits, CalendarError> {
        self.years.get(&year).map(|y| &y.working).ok_or(CalendarError::YearNotCovered(year))
    }

    fn listed_reason(&self, listed: Listed) -> DayReason {
        let f = &self.festivals[listed.festival];
        let (festival, notice) = (f.name.clone(), f.notice.clone());
        if listed.working {
            DayReason::MakeUpWorkday { festival, notice }
        } else {
            DayReason::Holiday { festival, notice }
        }
    }

    /// Parses, checks and adds one file; on error `self` may be half-changed (callers drop it).
    fn fold_in(&mut self, source_name: &str, text: &str, origin: Origin) -> Result<(), CalendarError> {
        let err = |message: String| CalendarError::Data { source_name: source_name.to_string(), message };
        let file: FileData =
            toml::from_str(text).map_err(|e| err(format!("不是有效的节假日数据文件：{}", e.to_string().trim_end())))?;
        if file.year.is_empty() {
            return Err(err("没有 [[year]] 表：每份通知写一个 [[year]]，含 year、notice 与 holidays".to_string()));
        }
        for entry in &file.year {
            self.add_year(entry, source_name, origin).map_err(err)?;
        }
        self.rebuild_bits();
        Ok(())
    }

    fn add_year(&mut self, entry: &YearData, source_name: &str, origin: Origin) -> Result<(), String> {
        let y = entry.year;
        let (Ok(window_start), Ok(window_end)) =
            (Date::from_calendar_date(y - 1, Month::December, 1), Date::from_calendar_date(y + 1, Month::January, 31))
        else {
            return Err(format!("年份 {y} 无效"));
        };
        if let Some(loaded) = self.years.get(&y) {
            return Err(format!(
                "{y} 年的节假日安排已经载入（{}，来自{}），同一年只能载入一份",
                loaded.notice.notice, loaded.notice.source_name
            ));
        }
        let notice = entry.notice.trim();
        if notice.is_empty() {
            return Err(format!("{y} 年缺少通知文号（notice）"));
        }
        let amended_by: Vec<String> = entry.amended_by.iter().map(|s| s.trim().to_string()).collect();
        if amended_by.iter().any(String::is_empty) {
            return Err(format!("{y} 年的 amended_by 中有空的文号"));
        }
        if entry.holidays.is_empty() {
            return Err(format!("{y} 年没有列出任何节日（holidays）"));
        }
        let citation =
            std::iter::once(notice.to_string()).chain(amended_by.iter().cloned()).collect::<Vec<_>>().join("、");

        for holiday in &entry.holidays {
            let name = holiday.name.trim();
            if name.is_empty() {
                return Err(format!("{y} 年有一个节日没有名称（name）"));
            }
            let at = format!("{y} 年“{name}”");
            let festival = self.festivals.len();
            self.festivals.push(Festival { name: name.to_string(), notice: citation.clone() });
            for (list, working) in [(&holiday.off, false), (&holiday.work, true)] {
                for item in list {
                    let (first, last) = parse_entry(item).map_err(|m| format!("{at}：{m}"))?;
                    for d in [first, last] {
                        if d < window_start || d > window_end {
                            return Err(format!(
                                "{at}：{} 离 {y} 年太远（通知所列日期应在 {} 至 {} 之间），请检查年份",
                                format_date(d),
                                format_date(window_start),
                                format_date(window_end)
                            ));
                        }
                    }
                    let ranged = first != last;
                    let mut d = first;
                    loop {
                        self.add_listed(d, Listed { working, festival }, ranged, origin)
                            .map_err(|m| format!("{at}：{m}"))?;
                        if d == last {
                            break;
                        }
                        d = d.next_day().expect("within the window");
                    }
                }
            }
        }
        let notice =
            YearNotice { year: y, notice: notice.to_string(), amended_by, source_name: source_name.to_string() };
        self.years.insert(y, CoveredYear { notice, working: YearBits::default() });
        Ok(())
    }

    fn add_listed(&mut self, d: Date, listed: Listed, ranged: bool, origin: Origin) -> Result<(), String> {
        let day = || format!("{} {}", format_date(d), weekday_zh(d.weekday()));
        if listed.working && !is_weekend(d) {
            return Err(format!("{} 不是星期六或星期日，不能列为调休上班日（work 只列通知宣布上班的周末）", day()));
        }
        if !listed.working && !ranged && is_weekend(d) && origin == Origin::Operator {
            return Err(format!(
                "{} 是周末，本来就休息，不应单独列为放假日（只有 A/B 区间内的周末才列出）；请核对通知原文，若是写错了日期请改正，若通知确实如此可删去这一天",
                day()
            ));
        }
        if let Some(existing) = self.listed.get(&d) {
            let f = &self.festivals[existing.festival];
            let kind = |working| if working { "调休上班" } else { "放假" };
            return Err(if existing.working == listed.working {
                format!("{} 重复列出（已列为“{}”{}，{}）", day(), f.name, kind(existing.working), f.notice)
            } else {
                format!(
                    "{} 既列为“{}”{}（{}），又列为{}",
                    day(),
                    f.name,
                    kind(existing.working),
                    f.notice,
                    kind(listed.working)
                )
            });
        }
        self.listed.insert(d, listed);
        Ok(())
    }

    fn rebuild_bits(&mut self) {
        let listed = &self.listed;
        for (&year, covered) in self.years.iter_mut() {
            let mut bits = YearBits::default();
            let mut d = Date::from_calendar_date(year, Month::January, 1).expect("a checked year");
            loop {
                let working = match listed.get(&d) {
                    Some(l) => l.working,
                    None => !is_weekend(d),
                };
                if working {
                    bits.set(d.ordinal());
                }
                match d.next_day() {
                    Some(next) if next.year() == year => d = next,
                    _ => break,
                }
            }
            covered.working = bits;
        }
    }
}

/// The compiled-in file keeps the notices' wording, which names some festival days that fall on
/// a weekend on their own; operators' files may not (see [`WorkCalendar::with_extra`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Official,
    Operator,
}

/// `YYYY-MM-DD` or the inclusive range `A/B`.
fn parse_entry(s: &str) -> Result<(Date, Date), String> {
    let date = |part: &str| {
        crate::tz::parse_iso_date(part)
            .filter(|_| part.trim().len() == 10)
            .ok_or_else(|| format!("无法识别的日期“{s}”（应为 YYYY-MM-DD，或区间 YYYY-MM-DD/YYYY-MM-DD）"))
    };
    match s.split_once('/') {
        None => date(s).map(|d| (d, d)),
        Some((a, b)) => {
            let (first, last) = (date(a)?, date(b)?);
            if first > last {
                return Err(format!("区间“{s}”的起始日期晚于结束日期"));
            }
            let days = (last - first).whole_days() + 1;
            if days > MAX_RANGE_DAYS {
                return Err(format!("区间“{s}”长达 {days} 天（超过 {MAX_RANGE_DAYS} 天），请检查日期"));
            }
            Ok((first, last))
        }
    }
}

/// `2024-02-10 至 2024-02-17 春节放假，2024-04-04 至 2024-04-06 清明节放假`: the days of each
/// festival in order, consecutive days as ranges when `ranges`.
fn group_by_festival(days: &[&DayInfo], what: &str, ranges: bool) -> String {
    struct Group<'a> {
        festival: &'a str,
        notice: &'a str,
        runs: Vec<(Date, Date)>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for day in days {
        let (DayReason::Holiday { festival, notice } | DayReason::MakeUpWorkday { festival, notice }) = &day.reason
        else {
            continue;
        };
        match groups.iter_mut().rev().find(|g| g.festival == festival && g.notice == notice) {
            Some(group) => match group.runs.last_mut() {
                Some(run) if ranges && run.1.next_day() == Some(day.date) => run.1 = day.date,
                _ => group.runs.push((day.date, day.date)),
            },
            None => groups.push(Group { festival, notice, runs: vec![(day.date, day.date)] }),
        }
    }
    let run = |&(a, b): &(Date, Date)| {
        if a == b { format_date(a) } else { format!("{} 至 {}", format_date(a), format_date(b)) }
    };
    groups
        .iter()
        .map(|g| format!("{} {}{what}", g.runs.iter().map(run).collect::<Vec<_>>().join("、"), g.festival))
        .collect::<Vec<_>>()
        .join("，")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileData {
    #[serde(default)]
    year: Vec<YearData>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearData {
    year: i32,
    notice: String,
    #[serde(default)]
    amended_by: Vec<String>,
    holidays: Vec<HolidayData>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayData {
    name: String,
    #[serde(default)]
    off: Vec<String>,
    #[serde(default)]
    work: Vec<String>,
}

/// One bit per day of a year, indexed by ordinal − 1.
#[derive(Debug, Clone, Copy, Default)]
struct YearBits([u64; 6]);

impl YearBits {
    fn set(&mut self, ordinal: u16) {
        let i = usize::from(ordinal - 1);
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn get(&self, ordinal: u16) -> bool {
        let i = usize::from(ordinal - 1);
        self.0[i / 64] >> (i % 64) & 1 == 1
    }

    /// The mask of bit indices `lo..hi` within word `w`.
    fn mask(w: usize, lo: usize, hi: usize) -> u64 {
        let (start, end) = (w * 64, w * 64 + 64);
        if hi <= start || lo >= end {
            return 0;
        }
        let mut mask = u64::MAX;
        if lo > start {
            mask &= u64::MAX << (lo - start);
        }
        if hi < end {
            mask &= (1u64 << (hi - start)) - 1;
        }
        mask
    }

    /// Set bits for ordinals `from..=to` (0 if `from > to`).
    fn count(&self, from: u16, to: u16) -> u32 {
        if from > to {
            return 0;
        }
        let (lo, hi) = (usize::from(from - 1), usize::from(to));
        self.0.iter().enumerate().map(|(w, word)| (word & Self::mask(w, lo, hi)).count_ones()).sum()
    }

    /// The ordinal of the `n`-th set bit (n ≥ 1) among ordinals `from..=to`, or how many are
    /// still missing after `to`.
    fn nth_set(&self, from: u16, to: u16, n: u32) -> Result<u16, u32> {
        if from > to {
            return Err(n);
        }
        let (lo, hi) = (usize::from(from - 1), usize::from(to));
        let mut remaining = n;
        for (w, word) in self.0.iter().enumerate() {
            let mut bits = word & Self::mask(w, lo, hi);
            let ones = bits.count_ones();
            if ones < remaining {
                remaining -= ones;
                continue;
            }
            for _ in 1..remaining {
                bits &= bits - 1;
            }
            let index = w * 64 + bits.trailing_zeros() as usize;
            return Ok(u16::try_from(index + 1).expect("at most 366"));
        }
        Err(remaining)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn bit_counts_agree_with_a_scan() {
        let mut bits = YearBits::default();
        for ordinal in (1..=366).filter(|o| o % 3 == 0 || o % 7 == 1) {
            bits.set(ordinal);
        }
        let scan = |from: u16, to: u16| (from..=to).filter(|o| bits.get(*o)).count() as u32;
        for (from, to) in [(1, 366), (1, 64), (64, 65), (65, 128), (129, 129), (2, 365), (300, 200), (367, 366)] {
            assert_eq!(bits.count(from, to), if from > to { 0 } else { scan(from, to) }, "{from}..={to}");
        }
        for n in 1..=scan(1, 366) {
            let o = bits.nth_set(5, 366, n).unwrap_or(0);
            if o != 0 {
                assert!(bits.get(o));
                assert_eq!(scan(5, o), n);
            } else {
                assert!(scan(5, 366) < n);
            }
        }
        assert_eq!(bits.nth_set(367, 366, 4), Err(4));
    }

    /// The compiled-in file is exempt from one operator rule only, and only for the days the
    /// notices themselves name: a festival day on a weekend given on its own.
    #[test]
    fn lone_weekend_days_off_in_the_official_file_are_the_notices_own() {
        let file: FileData = toml::from_str(OFFICIAL_DATA).unwrap();
        let lone: Vec<Date> = file
            .year
            .iter()
            .flat_map(|y| &y.holidays)
            .flat_map(|h| &h.off)
            .filter(|s| !s.contains('/'))
            .map(|s| parse_entry(s).unwrap().0)
            .filter(|d| is_weekend(*d))
            .collect();
        // 2015 清明 4/5（日）、端午 6/20（六）、中秋 9/27（日）; 2016 劳动节 5/1（日）; 2017 元旦 1/1（日）.
        let expected = [
            date!(2015 - 04 - 05),
            date!(2015 - 06 - 20),
            date!(2015 - 09 - 27),
            date!(2016 - 05 - 01),
            date!(2017 - 01 - 01),
        ];
        assert_eq!(lone, expected);
        let mut strict = WorkCalendar { years: BTreeMap::new(), listed: BTreeMap::new(), festivals: Vec::new() };
        let e = strict.fold_in(OFFICIAL_SOURCE, OFFICIAL_DATA, Origin::Operator).unwrap_err().to_string();
        assert!(e.contains("2015-04-05 星期日 是周末"), "{e}");
    }

    #[test]
    fn dates_in_entries_are_strict() {
        assert_eq!(parse_entry("2024-02-10/2024-02-17"), Ok((date!(2024 - 02 - 10), date!(2024 - 02 - 17))));
        assert_eq!(parse_entry("2024-02-10"), Ok((date!(2024 - 02 - 10), date!(2024 - 02 - 10))));
        for bad in ["2024-2-10", "2024-02-30", "2024/02/10", "2024-02-17/2024-02-10", "2024-01-01/2024-03-01", ""] {
            assert!(parse_entry(bad).is_err(), "{bad}");
        }
    }
}
