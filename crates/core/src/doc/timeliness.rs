//! Timeliness of proactive disclosure (条例 Art. 26): information within the scope of 主动公开
//! is published within 20 working days of the day it was formed or changed, on the official
//! working-day calendar.

use serde::Serialize;
use time::Date;

use crate::calendar::{CalendarError, WorkCalendar};

/// 条例 Art. 26: "应当自该政府信息形成或者变更之日起20个工作日内及时公开".
pub const PUBLISH_WITHIN_WORKING_DAYS: u32 = 20;

// Dates as `2024-03-05` in reports (the crate's default is a `[year, ordinal]` pair).
time::serde::format_description!(ymd, Date, "[year]-[month]-[day]");

/// How one publication stands against Art. 26.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Assessment {
    /// Published by the last day allowed.
    OnTime {
        #[serde(with = "ymd")]
        formed_on: Date,
        #[serde(with = "ymd")]
        published_on: Date,
        #[serde(with = "ymd")]
        due_on: Date,
        working_days: u32,
    },
    /// Published after the last day allowed.
    Late {
        #[serde(with = "ymd")]
        formed_on: Date,
        #[serde(with = "ymd")]
        published_on: Date,
        #[serde(with = "ymd")]
        due_on: Date,
        working_days: u32,
    },
    /// No 成文日期 recorded, so there is nothing to count from.
    NoFormedDate {
        #[serde(with = "ymd")]
        published_on: Date,
    },
    /// The period runs through a year whose holiday notice is not loaded: not guessed.
    NotCovered {
        #[serde(with = "ymd")]
        formed_on: Date,
        #[serde(with = "ymd")]
        published_on: Date,
        year: i32,
    },
}

impl Assessment {
    /// Assesses a publication on `published_on` of information formed on `formed_on`. The
    /// period counts from the day after it was formed (民法典 Art. 201), like every 工作日
    /// period in gongkai.
    pub fn of(cal: &WorkCalendar, formed_on: Option<Date>, published_on: Date) -> Assessment {
        let Some(formed_on) = formed_on else { return Assessment::NoFormedDate { published_on } };
        let counted = || -> Result<(Date, u32), CalendarError> {
            let due_on = cal.add_working_days(formed_on, PUBLISH_WITHIN_WORKING_DAYS)?;
            let working_days =
                if published_on > formed_on { cal.working_days_between(formed_on, published_on)? } else { 0 };
            Ok((due_on, working_days))
        };
        match counted() {
            Ok((due_on, working_days)) if published_on > due_on => {
                Assessment::Late { formed_on, published_on, due_on, working_days }
            }
            Ok((due_on, working_days)) => Assessment::OnTime { formed_on, published_on, due_on, working_days },
            Err(CalendarError::YearNotCovered(year)) => Assessment::NotCovered { formed_on, published_on, year },
            // Any other calendar error is a date the calendar cannot place at all: the same
            // answer, never a guess.
            Err(_) => Assessment::NotCovered { formed_on, published_on, year: formed_on.year() },
        }
    }

    pub fn is_late(&self) -> bool {
        matches!(self, Assessment::Late { .. })
    }

    /// A short Chinese description for lists and reports.
    pub fn describe(&self) -> String {
        match self {
            Assessment::OnTime { working_days, .. } => format!("按时（{working_days} 个工作日）"),
            Assessment::Late { working_days, due_on, .. } => {
                format!("超期：用时 {working_days} 个工作日，应于 {due_on} 前公开")
            }
            Assessment::NoFormedDate { .. } => "未填成文日期，无法判断".into(),
            Assessment::NotCovered { year, .. } => format!("{year} 年节假日安排未载入，无法判断"),
        }
    }
}

/// Counts of one agency's (or the city's) first publications in a year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub published: u64,
    pub on_time: u64,
    pub late: u64,
    pub undetermined: u64,
}

impl Tally {
    pub fn add(&mut self, a: &Assessment) {
        self.published += 1;
        match a {
            Assessment::OnTime { .. } => self.on_time += 1,
            Assessment::Late { .. } => self.late += 1,
            Assessment::NoFormedDate { .. } | Assessment::NotCovered { .. } => self.undetermined += 1,
        }
    }
}

/// A year's first publications assessed, with counts per agency and in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary<K> {
    /// One tally per agency, in the order the agencies first appear.
    pub agencies: Vec<(K, Tally)>,
    pub total: Tally,
    /// One assessment per publication, in the order given.
    pub assessments: Vec<Assessment>,
}

impl<K: PartialEq> Summary<K> {
    /// Assesses each `(agency, formed_on, published_on)`; publications of one agency are
    /// expected together (as the store returns them).
    pub fn of(cal: &WorkCalendar, publications: impl IntoIterator<Item = (K, Option<Date>, Date)>) -> Summary<K> {
        let mut s = Summary { agencies: Vec::new(), total: Tally::default(), assessments: Vec::new() };
        for (agency, formed_on, published_on) in publications {
            let a = Assessment::of(cal, formed_on, published_on);
            s.total.add(&a);
            match s.agencies.last_mut() {
                Some((k, t)) if *k == agency => t.add(&a),
                _ => {
                    let mut t = Tally::default();
                    t.add(&a);
                    s.agencies.push((agency, t));
                }
            }
            s.assessments.push(a);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn cal() -> WorkCalendar {
        WorkCalendar::official()
    }

    #[test]
    fn twenty_working_days_from_the_day_after_it_was_formed() {
        // Formed Thursday 2024-02-01: the 20 working days cross the Spring Festival (02-10 to
        // 02-17 off, 02-04 and 02-18 worked) and end on 2024-03-05.
        let formed = Some(date!(2024 - 02 - 01));
        let on_time = Assessment::of(&cal(), formed, date!(2024 - 03 - 05));
        assert_eq!(
            on_time,
            Assessment::OnTime {
                formed_on: date!(2024 - 02 - 01),
                published_on: date!(2024 - 03 - 05),
                due_on: date!(2024 - 03 - 05),
                working_days: 20
            }
        );
        let late = Assessment::of(&cal(), formed, date!(2024 - 03 - 06));
        assert!(late.is_late(), "{late:?}");
        assert!(late.describe().contains("21 个工作日"), "{}", late.describe());
        // Published the day it was formed, or (a data error) before it: on time, 0 days.
        assert!(matches!(
            Assessment::of(&cal(), formed, date!(2024 - 01 - 30)),
            Assessment::OnTime { working_days: 0, .. }
        ));
    }

    #[test]
    fn without_a_date_or_a_calendar_nothing_is_guessed() {
        assert_eq!(
            Assessment::of(&cal(), None, date!(2024 - 03 - 05)),
            Assessment::NoFormedDate { published_on: date!(2024 - 03 - 05) }
        );
        let a = Assessment::of(&cal(), Some(date!(2026 - 12 - 20)), date!(2027 - 01 - 05));
        assert!(matches!(a, Assessment::NotCovered { year: 2027, .. }), "{a:?}");
        let a = Assessment::of(&cal(), Some(date!(2010 - 05 - 04)), date!(2010 - 05 - 20));
        assert!(matches!(a, Assessment::NotCovered { .. }), "{a:?}");
        let mut t = Tally::default();
        for a in [
            Assessment::of(&cal(), None, date!(2024 - 03 - 05)),
            Assessment::of(&cal(), Some(date!(2024 - 02 - 01)), date!(2024 - 03 - 06)),
            Assessment::of(&cal(), Some(date!(2024 - 02 - 01)), date!(2024 - 02 - 02)),
        ] {
            t.add(&a);
        }
        assert_eq!(t, Tally { published: 3, on_time: 1, late: 1, undetermined: 1 });
    }

    #[test]
    fn a_summary_counts_per_agency_and_in_all() {
        let s = Summary::of(
            &cal(),
            [
                ("a", Some(date!(2024 - 02 - 01)), date!(2024 - 03 - 05)),
                ("a", Some(date!(2024 - 02 - 01)), date!(2024 - 03 - 06)),
                ("b", None, date!(2024 - 03 - 06)),
            ],
        );
        assert_eq!(
            s.agencies,
            [
                ("a", Tally { published: 2, on_time: 1, late: 1, undetermined: 0 }),
                ("b", Tally { published: 1, on_time: 0, late: 0, undetermined: 1 })
            ]
        );
        assert_eq!(s.total, Tally { published: 3, on_time: 1, late: 1, undetermined: 1 });
        assert!(s.assessments[1].is_late());
    }

    #[test]
    fn reports_carry_dates_as_text() {
        let late = Assessment::of(&cal(), Some(date!(2024 - 02 - 01)), date!(2024 - 03 - 06));
        assert_eq!(
            serde_json::to_value(&late).unwrap(),
            serde_json::json!({"status": "late", "formed_on": "2024-02-01", "published_on": "2024-03-06",
                               "due_on": "2024-03-05", "working_days": 21})
        );
    }
}
