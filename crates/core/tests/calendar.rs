//! The working-day calendar against the State Council notices. Every expected date below was
//! worked out by hand from the notice text (and the weekday of each date checked separately),
//! not by running the code.

use gongkai_core::calendar::{CalendarError, DayReason, WorkCalendar};
use proptest::prelude::*;
use time::macros::date;
use time::{Date, Duration};

fn cal() -> &'static WorkCalendar {
    static CALENDAR: std::sync::OnceLock<WorkCalendar> = std::sync::OnceLock::new();
    CALENDAR.get_or_init(WorkCalendar::official)
}

fn working(d: Date) -> bool {
    cal().is_working_day(d).unwrap_or_else(|e| panic!("{d}: {e}"))
}

fn days(first: Date, last: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(first), move |d| d.next_day().filter(|n| *n <= last))
}

/// One festival of one notice: the days it gives off, the weekend days it declares working, and
/// the first working day after the break.
struct Arrangement {
    off: (Date, Date),
    work: &'static [Date],
    first_after: Date,
}

#[track_caller]
fn check(a: &Arrangement) {
    let c = cal();
    for d in days(a.off.0, a.off.1) {
        assert!(!working(d), "{d} is a day off");
    }
    for &d in a.work {
        assert!(working(d), "{d} is a 调休 working day");
        assert!(matches!(c.day_info(d).unwrap().reason, DayReason::MakeUpWorkday { .. }), "{d}");
    }
    assert_eq!(c.add_working_days(a.off.1, 1).unwrap(), a.first_after, "first working day after {}", a.off.1);
    assert!(working(a.first_after));
}

#[test]
fn the_official_data_loads() {
    let c = cal();
    assert_eq!(c.covered_years(), (2015..=2026).collect::<Vec<_>>());
    let notices: Vec<(i32, &str)> = c.notices().map(|n| (n.year, n.notice.as_str())).collect();
    assert_eq!(notices[0], (2015, "国办发明电〔2014〕28号"));
    assert_eq!(notices[4], (2019, "国办发明电〔2018〕15号"));
    assert_eq!(notices[11], (2026, "国办发明电〔2025〕7号"));
    assert_eq!(c.notices().nth(5).unwrap().amended_by, ["国办发明电〔2020〕1号"]);
}

#[test]
fn every_covered_date_has_an_answer() {
    for d in days(date!(2015 - 01 - 01), date!(2026 - 12 - 31)) {
        cal().is_working_day(d).unwrap_or_else(|e| panic!("{d}: {e}"));
        cal().day_info(d).unwrap_or_else(|e| panic!("{d}: {e}"));
    }
}

/// Working days per calendar year, counted independently of this code (from the notices, by a
/// separate script, and by hand for 2025: 261 weekdays − 18 holiday weekdays + 5 调休 days).
#[test]
fn working_days_per_year() {
    let expected =
        [(2015, 249), (2016, 250), (2017, 249), (2018, 250), (2019, 250), (2020, 249), (2021, 250), (2022, 249)]
            .into_iter()
            .chain([(2023, 249), (2024, 251), (2025, 248), (2026, 248)]);
    for (year, n) in expected {
        let before = Date::from_calendar_date(year - 1, time::Month::December, 31).unwrap();
        let last = Date::from_calendar_date(year, time::Month::December, 31).unwrap();
        let counted = days(before.next_day().unwrap(), last).filter(|d| working(*d)).count() as u32;
        assert_eq!(counted, n, "{year}");
        if year > 2015 {
            assert_eq!(cal().working_days_between(before, last).unwrap(), n, "{year}");
        }
    }
}

#[test]
fn spring_festival_and_national_day_2015_to_2020() {
    for a in [
        // 国办发明电〔2014〕28号: 2月18日至24日；2月15日（日）、2月28日（六）上班.
        Arrangement {
            off: (date!(2015 - 02 - 18), date!(2015 - 02 - 24)),
            work: &[date!(2015 - 02 - 15), date!(2015 - 02 - 28)],
            first_after: date!(2015 - 02 - 25),
        },
        // 10月1日至7日；10月10日（六）上班.
        Arrangement {
            off: (date!(2015 - 10 - 01), date!(2015 - 10 - 07)),
            work: &[date!(2015 - 10 - 10)],
            first_after: date!(2015 - 10 - 08),
        },
        // 国办发明电〔2015〕18号: 2月7日至13日；2月6日（六）、2月14日（日）上班.
        Arrangement {
            off: (date!(2016 - 02 - 07), date!(2016 - 02 - 13)),
            work: &[date!(2016 - 02 - 06), date!(2016 - 02 - 14)],
            first_after: date!(2016 - 02 - 14),
        },
        Arrangement {
            off: (date!(2016 - 10 - 01), date!(2016 - 10 - 07)),
            work: &[date!(2016 - 10 - 08), date!(2016 - 10 - 09)],
            first_after: date!(2016 - 10 - 08),
        },
        // 国办发明电〔2016〕17号: 1月27日至2月2日；1月22日（日）、2月4日（六）上班.
        Arrangement {
            off: (date!(2017 - 01 - 27), date!(2017 - 02 - 02)),
            work: &[date!(2017 - 01 - 22), date!(2017 - 02 - 04)],
            first_after: date!(2017 - 02 - 03),
        },
        // 中秋节、国庆节: 10月1日至8日；9月30日（六）上班.
        Arrangement {
            off: (date!(2017 - 10 - 01), date!(2017 - 10 - 08)),
            work: &[date!(2017 - 09 - 30)],
            first_after: date!(2017 - 10 - 09),
        },
        // 国办发明电〔2017〕12号: 2月15日至21日；2月11日（日）、2月24日（六）上班.
        Arrangement {
            off: (date!(2018 - 02 - 15), date!(2018 - 02 - 21)),
            work: &[date!(2018 - 02 - 11), date!(2018 - 02 - 24)],
            first_after: date!(2018 - 02 - 22),
        },
        Arrangement {
            off: (date!(2018 - 10 - 01), date!(2018 - 10 - 07)),
            work: &[date!(2018 - 09 - 29), date!(2018 - 09 - 30)],
            first_after: date!(2018 - 10 - 08),
        },
        // 国办发明电〔2018〕15号: 2月4日至10日；2月2日（六）、2月3日（日）上班.
        Arrangement {
            off: (date!(2019 - 02 - 04), date!(2019 - 02 - 10)),
            work: &[date!(2019 - 02 - 02), date!(2019 - 02 - 03)],
            first_after: date!(2019 - 02 - 11),
        },
        Arrangement {
            off: (date!(2019 - 10 - 01), date!(2019 - 10 - 07)),
            work: &[date!(2019 - 09 - 29), date!(2019 - 10 - 12)],
            first_after: date!(2019 - 10 - 08),
        },
        // 国办发明电〔2019〕16号 as extended by 〔2020〕1号: 1月24日至2月2日；1月19日（日）上班.
        Arrangement {
            off: (date!(2020 - 01 - 24), date!(2020 - 02 - 02)),
            work: &[date!(2020 - 01 - 19)],
            first_after: date!(2020 - 02 - 03),
        },
        // 国庆节、中秋节: 10月1日至8日；9月27日（日）、10月10日（六）上班.
        Arrangement {
            off: (date!(2020 - 10 - 01), date!(2020 - 10 - 08)),
            work: &[date!(2020 - 09 - 27), date!(2020 - 10 - 10)],
            first_after: date!(2020 - 10 - 09),
        },
    ] {
        check(&a);
    }
}

#[test]
fn spring_festival_and_national_day_2021_to_2026() {
    for a in [
        // 国办发明电〔2020〕27号: 2月11日至17日；2月7日（日）、2月20日（六）上班.
        Arrangement {
            off: (date!(2021 - 02 - 11), date!(2021 - 02 - 17)),
            work: &[date!(2021 - 02 - 07), date!(2021 - 02 - 20)],
            first_after: date!(2021 - 02 - 18),
        },
        Arrangement {
            off: (date!(2021 - 10 - 01), date!(2021 - 10 - 07)),
            work: &[date!(2021 - 09 - 26), date!(2021 - 10 - 09)],
            first_after: date!(2021 - 10 - 08),
        },
        // 国办发明电〔2021〕11号: 1月31日至2月6日；1月29日（六）、1月30日（日）上班.
        Arrangement {
            off: (date!(2022 - 01 - 31), date!(2022 - 02 - 06)),
            work: &[date!(2022 - 01 - 29), date!(2022 - 01 - 30)],
            first_after: date!(2022 - 02 - 07),
        },
        Arrangement {
            off: (date!(2022 - 10 - 01), date!(2022 - 10 - 07)),
            work: &[date!(2022 - 10 - 08), date!(2022 - 10 - 09)],
            first_after: date!(2022 - 10 - 08),
        },
        // 国办发明电〔2022〕16号: 1月21日至27日；1月28日（六）、1月29日（日）上班.
        Arrangement {
            off: (date!(2023 - 01 - 21), date!(2023 - 01 - 27)),
            work: &[date!(2023 - 01 - 28), date!(2023 - 01 - 29)],
            first_after: date!(2023 - 01 - 28),
        },
        // 中秋节、国庆节: 9月29日至10月6日；10月7日（六）、10月8日（日）上班.
        Arrangement {
            off: (date!(2023 - 09 - 29), date!(2023 - 10 - 06)),
            work: &[date!(2023 - 10 - 07), date!(2023 - 10 - 08)],
            first_after: date!(2023 - 10 - 07),
        },
        // 国办发明电〔2023〕7号: 2月10日至17日；2月4日（日）、2月18日（日）上班.
        Arrangement {
            off: (date!(2024 - 02 - 10), date!(2024 - 02 - 17)),
            work: &[date!(2024 - 02 - 04), date!(2024 - 02 - 18)],
            first_after: date!(2024 - 02 - 18),
        },
        Arrangement {
            off: (date!(2024 - 10 - 01), date!(2024 - 10 - 07)),
            work: &[date!(2024 - 09 - 29), date!(2024 - 10 - 12)],
            first_after: date!(2024 - 10 - 08),
        },
        // 国办发明电〔2024〕12号: 1月28日至2月4日；1月26日（日）、2月8日（六）上班.
        Arrangement {
            off: (date!(2025 - 01 - 28), date!(2025 - 02 - 04)),
            work: &[date!(2025 - 01 - 26), date!(2025 - 02 - 08)],
            first_after: date!(2025 - 02 - 05),
        },
        // 国庆节、中秋节: 10月1日至8日；9月28日（日）、10月11日（六）上班.
        Arrangement {
            off: (date!(2025 - 10 - 01), date!(2025 - 10 - 08)),
            work: &[date!(2025 - 09 - 28), date!(2025 - 10 - 11)],
            first_after: date!(2025 - 10 - 09),
        },
        // 国办发明电〔2025〕7号: 2月15日至23日（9天）；2月14日（六）、2月28日（六）上班.
        Arrangement {
            off: (date!(2026 - 02 - 15), date!(2026 - 02 - 23)),
            work: &[date!(2026 - 02 - 14), date!(2026 - 02 - 28)],
            first_after: date!(2026 - 02 - 24),
        },
        Arrangement {
            off: (date!(2026 - 10 - 01), date!(2026 - 10 - 07)),
            work: &[date!(2026 - 09 - 20), date!(2026 - 10 - 10)],
            first_after: date!(2026 - 10 - 08),
        },
    ] {
        check(&a);
    }
}

#[test]
fn amendment_2015_victory_day() {
    // 国发明电〔2015〕1号: 9月3日（四）放假，9月4日（五）调休，9月5日（六），9月6日（日）上班.
    assert!(!working(date!(2015 - 09 - 03)));
    assert!(!working(date!(2015 - 09 - 04)));
    assert!(!working(date!(2015 - 09 - 05)));
    assert!(working(date!(2015 - 09 - 06)));
    assert_eq!(cal().add_working_days(date!(2015 - 09 - 02), 1).unwrap(), date!(2015 - 09 - 06));
    let info = cal().day_info(date!(2015 - 09 - 06)).unwrap();
    assert!(info.describe().contains("国发明电〔2015〕1号"), "{}", info.describe());
}

#[test]
fn amendment_2019_labour_day() {
    // 国办发明电〔2019〕3号: 5月1日至4日放假调休；4月28日（日）、5月5日（日）上班.
    for d in days(date!(2019 - 05 - 01), date!(2019 - 05 - 04)) {
        assert!(!working(d), "{d}");
    }
    assert!(working(date!(2019 - 04 - 28)));
    assert!(working(date!(2019 - 05 - 05)));
    assert!(working(date!(2019 - 04 - 30)));
    assert_eq!(cal().add_working_days(date!(2019 - 04 - 30), 1).unwrap(), date!(2019 - 05 - 05));
}

#[test]
fn amendment_2020_spring_festival_extension() {
    // 国办发明电〔2020〕1号: 延长至2月2日，2月3日起正常上班；the planned 2月1日（六）working day is gone.
    for d in days(date!(2020 - 01 - 24), date!(2020 - 02 - 02)) {
        assert!(!working(d), "{d}");
    }
    assert!(!working(date!(2020 - 01 - 31)), "a Friday made a day off by the extension");
    assert!(!working(date!(2020 - 02 - 01)), "Saturday 1 February is no longer a working day");
    let monday = cal().day_info(date!(2020 - 02 - 03)).unwrap();
    assert!(monday.working);
    assert_eq!(monday.reason, DayReason::Weekday, "an ordinary working day, not 调休");
}

#[test]
fn twenty_working_days_across_spring_festival_2024() {
    // Received Thursday 1 February 2024. Counting from the next day: 2/2 (1), 2/4 Sunday 调休 (2),
    // 2/5–2/9 (3–7; 除夕 2/9 is only "encouraged" off), 2/10–2/17 off, 2/18 Sunday 调休 (8),
    // 2/19–2/23 (9–13), 2/26–3/1 (14–18), 3/4 (19), 3/5 (20).
    let c = cal();
    assert_eq!(c.add_working_days(date!(2024 - 02 - 01), 20).unwrap(), date!(2024 - 03 - 05));
    assert_eq!(c.working_days_between(date!(2024 - 02 - 01), date!(2024 - 03 - 05)).unwrap(), 20);
    assert_eq!(c.working_days_between(date!(2024 - 02 - 01), date!(2024 - 03 - 04)).unwrap(), 19);
    assert!(working(date!(2024 - 02 - 09)));
    assert_eq!(
        c.explain_between(date!(2024 - 02 - 01), date!(2024 - 03 - 05)).unwrap(),
        "跳过：2024-02-10 至 2024-02-17 春节放假；计入：2024-02-04、2024-02-18 春节调休上班"
    );
}

#[test]
fn twenty_working_days_across_national_day_2024() {
    // From Friday 20 September: 9/23–9/27 (1–5), 9/29 Sunday 调休 (6), 9/30 (7), 10/1–10/7 off,
    // 10/8–10/11 (8–11), 10/12 Saturday 调休 (12), 10/14–10/18 (13–17), 10/21–10/23 (18–20).
    let c = cal();
    assert_eq!(c.add_working_days(date!(2024 - 09 - 20), 20).unwrap(), date!(2024 - 10 - 23));
    assert_eq!(
        c.explain_between(date!(2024 - 09 - 20), date!(2024 - 10 - 23)).unwrap(),
        "跳过：2024-10-01 至 2024-10-07 国庆节放假；计入：2024-09-29、2024-10-12 国庆节调休上班"
    );
}

#[test]
fn twenty_working_days_across_new_year_2019() {
    // From Thursday 20 December 2018: 12/21 (1), 12/24–12/28 (2–6), 12/29 Saturday worked under
    // the 2019 notice (7), 12/30–1/1 off, 1/2–1/4 (8–10), 1/7–1/11 (11–15), 1/14–1/18 (16–20).
    let c = cal();
    assert_eq!(c.add_working_days(date!(2018 - 12 - 20), 20).unwrap(), date!(2019 - 01 - 18));
    assert!(working(date!(2018 - 12 - 29)));
    assert!(!working(date!(2018 - 12 - 31)));
    assert_eq!(
        c.day_info(date!(2018 - 12 - 29)).unwrap().describe(),
        "2018-12-29 星期六：工作日（元旦调休上班，国办发明电〔2018〕15号、国办发明电〔2019〕3号）"
    );
    // The 2023 notice gives Saturday 2022-12-31 as part of 元旦.
    assert_eq!(
        c.day_info(date!(2022 - 12 - 31)).unwrap().reason,
        DayReason::Holiday { festival: "元旦".into(), notice: "国办发明电〔2022〕16号".into() }
    );
}

#[test]
fn descriptions() {
    let c = cal();
    let describe = |d| c.day_info(d).unwrap().describe();
    assert_eq!(describe(date!(2024 - 02 - 04)), "2024-02-04 星期日：工作日（春节调休上班，国办发明电〔2023〕7号）");
    assert_eq!(describe(date!(2024 - 02 - 12)), "2024-02-12 星期一：休息日（春节放假，国办发明电〔2023〕7号）");
    assert_eq!(describe(date!(2024 - 03 - 02)), "2024-03-02 星期六：休息日（周末）");
    assert_eq!(describe(date!(2024 - 03 - 04)), "2024-03-04 星期一：工作日");
}

#[test]
fn the_start_day_is_not_counted() {
    let c = cal();
    // A working day as start: the first working day after it, not itself.
    assert_eq!(c.add_working_days(date!(2024 - 03 - 04), 1).unwrap(), date!(2024 - 03 - 05));
    assert_eq!(c.add_working_days(date!(2024 - 03 - 04), 0).unwrap(), date!(2024 - 03 - 04));
    // A holiday as start (an online application confirmed on a holiday).
    assert_eq!(c.add_working_days(date!(2024 - 10 - 03), 1).unwrap(), date!(2024 - 10 - 08));
    assert_eq!(c.working_days_between(date!(2024 - 03 - 05), date!(2024 - 03 - 04)).unwrap(), 0);
    assert_eq!(c.working_days_between(date!(2024 - 03 - 04), date!(2024 - 03 - 04)).unwrap(), 0);
}

#[test]
fn years_without_a_notice_are_refused() {
    let c = cal();
    assert_eq!(c.is_working_day(date!(2027 - 01 - 04)), Err(CalendarError::YearNotCovered(2027)));
    assert_eq!(c.day_info(date!(2027 - 01 - 04)), Err(CalendarError::YearNotCovered(2027)));
    // 2026-12-20 is a Sunday; nine working days are left in 2026 and the tenth would be in 2027.
    assert_eq!(c.add_working_days(date!(2026 - 12 - 20), 9), Ok(date!(2026 - 12 - 31)));
    assert_eq!(c.add_working_days(date!(2026 - 12 - 20), 20), Err(CalendarError::YearNotCovered(2027)));
    assert_eq!(c.add_working_days(date!(2026 - 12 - 31), 1), Err(CalendarError::YearNotCovered(2027)));
    assert_eq!(
        c.working_days_between(date!(2026 - 12 - 20), date!(2027 - 01 - 05)),
        Err(CalendarError::YearNotCovered(2027))
    );
    assert_eq!(c.is_working_day(date!(2014 - 12 - 31)), Err(CalendarError::YearNotCovered(2014)));
    assert_eq!(c.add_working_days(date!(2014 - 12 - 31), 1), Err(CalendarError::YearNotCovered(2014)));
    assert_eq!(
        c.working_days_between(date!(2014 - 12 - 31), date!(2015 - 01 - 05)),
        Err(CalendarError::YearNotCovered(2014))
    );
    assert_eq!(
        c.listed_days_between(date!(2026 - 12 - 01), date!(2027 - 01 - 05)).unwrap_err().to_string(),
        "2027 年的节假日安排尚未载入，无法计算工作日（请在数据目录的 calendar/ 中加入当年的国务院办公厅通知）"
    );
}

/// Test data only: not a real notice (2027's had not been published when this was written).
const TEST_2027: &str = r#"
[[year]]
year = 2027
notice = "测试〔2027〕1号"
holidays = [
  { name = "元旦", off = ["2027-01-01/2027-01-03"], work = [] },
  { name = "春节", off = ["2027-02-06/2027-02-12"], work = ["2027-01-31"] },
]
"#;

#[test]
fn an_operator_file_adds_a_year() {
    let c = cal().clone().with_extra("calendar/2027.toml", TEST_2027).unwrap();
    assert_eq!(c.covered_years(), (2015..=2027).collect::<Vec<_>>());
    assert!(c.is_working_day(date!(2027 - 01 - 04)).unwrap());
    assert!(!c.is_working_day(date!(2027 - 02 - 08)).unwrap());
    assert!(c.is_working_day(date!(2027 - 01 - 31)).unwrap(), "a Sunday declared working");
    assert_eq!(c.add_working_days(date!(2026 - 12 - 20), 20).unwrap(), date!(2027 - 01 - 18));
    assert_eq!(c.notices().last().unwrap().source_name, "calendar/2027.toml");
    assert_eq!(c.is_working_day(date!(2028 - 01 - 03)), Err(CalendarError::YearNotCovered(2028)));
}

#[track_caller]
fn refused(text: &str, needle: &str) {
    let e = cal().clone().with_extra("calendar/x.toml", text).map(|_| ()).unwrap_err();
    let message = e.to_string();
    assert!(matches!(e, CalendarError::Data { ref source_name, .. } if source_name == "calendar/x.toml"), "{e:?}");
    assert!(message.contains("calendar/x.toml"), "{message}");
    assert!(message.contains(needle), "{message} should contain {needle}");
}

fn year_2027(holidays: &str) -> String {
    format!("[[year]]\nyear = 2027\nnotice = \"测试〔2027〕1号\"\nholidays = [{holidays}]\n")
}

#[test]
fn malformed_operator_files_are_refused() {
    refused("", "没有 [[year]]");
    refused("[[year]\nyear = 2027", "不是有效的节假日数据文件");
    refused("[[year]]\nyear = 2027\nnotice = \"x\"\nholidays = []\nurl = \"u\"\n", "url");
    refused(&TEST_2027.replace("2027\n", "2026\n").replace("2027-", "2026-"), "2026 年的节假日安排已经载入");
    refused(&format!("{TEST_2027}{TEST_2027}"), "2027 年的节假日安排已经载入");
    refused(&year_2027(r#"{ name = "元旦", off = ["2027-1-1"] }"#), "无法识别的日期“2027-1-1”");
    refused(&year_2027(r#"{ name = "元旦", off = ["2027-01-03/2027-01-01"] }"#), "起始日期晚于结束日期");
    refused(&year_2027(r#"{ name = "春节", off = ["2027-02-01/2027-04-01"] }"#), "超过 31 天");
    // A lone Saturday as a day off: probably a typing error for Friday 2027-01-01.
    refused(&year_2027(r#"{ name = "元旦", off = ["2027-01-02"] }"#), "2027-01-02 星期六 是周末");
    // A Monday as a 调休 working day.
    refused(
        &year_2027(r#"{ name = "春节", off = ["2027-02-06/2027-02-12"], work = ["2027-02-15"] }"#),
        "不是星期六或星期日",
    );
    refused(
        &year_2027(r#"{ name = "春节", off = ["2027-02-06/2027-02-12"], work = ["2027-02-06"] }"#),
        "既列为“春节”放假",
    );
    refused(&year_2027(r#"{ name = "元旦", off = ["2027-01-01"] }, { name = "x", off = ["2027-01-01"] }"#), "重复列出");
    // 2028's notice may list late December 2027, but not October 2027.
    refused(&year_2027(r#"{ name = "元旦", off = ["2026-10-30"] }"#), "离 2027 年太远");
    refused(&year_2027(r#"{ name = "元旦", off = ["2028-02-01"] }"#), "离 2027 年太远");
    refused(&year_2027(r#"{ name = "", off = ["2027-01-01"] }"#), "没有名称");
    refused(
        "[[year]]\nyear = 2027\nnotice = \" \"\nholidays = [{ name = \"元旦\", off = [\"2027-01-01\"] }]",
        "缺少通知文号",
    );
}

fn year_2028(holidays: &str) -> String {
    format!("[[year]]\nyear = 2028\nnotice = \"测试〔2028〕1号\"\nholidays = [{holidays}]\n")
}

#[test]
fn operator_files_cannot_contradict_loaded_ones() {
    // A 2028 notice may give days of December 2027 (as 2019's gave 2018-12-29..31).
    let c = cal().clone().with_extra("calendar/2027.toml", TEST_2027).unwrap();
    let c = c.with_extra("calendar/2028.toml", &year_2028(r#"{ name = "元旦", off = ["2027-12-31"] }"#)).unwrap();
    assert!(!c.is_working_day(date!(2027 - 12 - 31)).unwrap());
    assert!(c.is_working_day(date!(2027 - 12 - 30)).unwrap());

    // Saturday 2027-12-25 is off under the 2027 file: the 2028 file cannot make it a working day.
    let with_range = year_2027(r#"{ name = "圣诞", off = ["2027-12-24/2027-12-26"] }"#);
    let c = cal().clone().with_extra("calendar/2027.toml", &with_range).unwrap();
    let e = c.with_extra("calendar/2028.toml", &year_2028(r#"{ name = "元旦", work = ["2027-12-25"] }"#));
    let e = e.unwrap_err().to_string();
    assert!(e.contains("calendar/2028.toml"), "{e}");
    assert!(e.contains("2027-12-25 星期六 既列为“圣诞”放假（测试〔2027〕1号），又列为调休上班"), "{e}");
}

#[test]
fn the_official_file_keeps_single_weekend_days_as_the_notices_give_them() {
    // "4月5日放假，4月6日（星期一）补休" names a Sunday: a rest day, and now with its festival.
    let c = cal();
    assert_eq!(
        c.day_info(date!(2015 - 04 - 05)).unwrap().describe(),
        "2015-04-05 星期日：休息日（清明节放假，国办发明电〔2014〕28号、国发明电〔2015〕1号）"
    );
    assert!(!working(date!(2015 - 04 - 06)));
    assert!(working(date!(2015 - 04 - 07)));
}

fn covered_date() -> impl Strategy<Value = Date> {
    let first = date!(2015 - 01 - 01);
    let span = (date!(2026 - 12 - 31) - first).whole_days();
    (0..=span).prop_map(move |i| first + Duration::days(i))
}

proptest! {
    #[test]
    fn add_and_between_agree(s in covered_date(), n in 0u32..60, m in 0u32..60) {
        let c = cal();
        match c.add_working_days(s, n) {
            Ok(end) => {
                if n > 0 {
                    prop_assert!(end > s);
                    prop_assert!(c.is_working_day(end).unwrap());
                } else {
                    prop_assert_eq!(end, s);
                }
                prop_assert_eq!(c.working_days_between(s, end).unwrap(), n);
                // One working day fewer is reached strictly before the end.
                if n > 0 {
                    prop_assert!(c.add_working_days(s, n - 1).unwrap() < end);
                }
                match c.add_working_days(s, n + m) {
                    Ok(total) => prop_assert_eq!(total, c.add_working_days(end, m).unwrap()),
                    Err(e) => {
                        prop_assert_eq!(&e, &CalendarError::YearNotCovered(2027));
                        prop_assert_eq!(c.add_working_days(end, m), Err(e));
                    }
                }
            }
            Err(e) => prop_assert_eq!(e, CalendarError::YearNotCovered(2027)),
        }
    }

    #[test]
    fn between_is_additive(a in covered_date(), b in covered_date(), c in covered_date()) {
        let mut v = [a, b, c];
        v.sort();
        let [a, b, c] = v;
        let cal = cal();
        let whole = cal.working_days_between(a, c).unwrap();
        prop_assert_eq!(whole, cal.working_days_between(a, b).unwrap() + cal.working_days_between(b, c).unwrap());
        let scanned = days(a, c).skip(1).filter(|d| cal.is_working_day(*d).unwrap()).count() as u32;
        prop_assert_eq!(whole, scanned);
    }
}
