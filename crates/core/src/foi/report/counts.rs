//! Tables built from counts the database grouped, rather than from every case: a city's year
//! of cases is counted in SQL and only the totals are carried into the table.

use super::{Table3, Table3Column, Table3Line};
use crate::foi::{ApplicantKind, ReplyType};

/// Case counts of one year by applicant kind (and outcome), as `SELECT … GROUP BY` gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Received in the year (一).
    pub new: Vec<(ApplicantKind, u64)>,
    /// Received before the year and open at its start (二).
    pub carried_in: Vec<(ApplicantKind, u64)>,
    /// Closed in the year, by outcome (三).
    pub results: Vec<(ApplicantKind, ReplyType, u64)>,
    /// Open at the end of the year (四).
    pub carried_out: Vec<(ApplicantKind, u64)>,
}

impl Table3 {
    /// The same table as [`Table3::compute`] would give for the cases counted, with 三(七) and
    /// the 总计 column filled in.
    pub fn from_counts(counts: &Counts) -> Table3 {
        let mut t = Table3::zero();
        let mut add = |line: Table3Line, kind: ApplicantKind, n: u64| {
            let column = Table3Column::Applicant(kind);
            t.set_cell(line, column, t.cell(line, column) + n);
        };
        for (k, n) in &counts.new {
            add(Table3Line::New, *k, *n);
        }
        for (k, n) in &counts.carried_in {
            add(Table3Line::CarriedIn, *k, *n);
        }
        for (k, reply, n) in &counts.results {
            add(Table3Line::Result(reply.table3_row()), *k, *n);
        }
        for (k, n) in &counts.carried_out {
            add(Table3Line::CarriedOut, *k, *n);
        }
        t.fill_totals();
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foi::report::ReportCase;
    use proptest::prelude::*;
    use std::collections::HashMap;
    use time::{Date, Duration, Month};

    fn case_strategy() -> impl Strategy<Value = ReportCase> {
        let kinds = ApplicantKind::ALL.to_vec();
        let replies = ReplyType::all();
        (prop::sample::select(kinds), 0i64..1500, prop::option::of((0i64..400, prop::sample::select(replies))))
            .prop_map(|(applicant, received, closed)| {
                let received_on = Date::from_calendar_date(2022, Month::January, 1).unwrap() + Duration::days(received);
                ReportCase { applicant, received_on, closed: closed.map(|(d, r)| (received_on + Duration::days(d), r)) }
            })
    }

    /// Groups cases the way the store's SQL does.
    fn count(year: i32, cases: &[ReportCase]) -> Counts {
        let first = Date::from_calendar_date(year, Month::January, 1).unwrap();
        let last = Date::from_calendar_date(year, Month::December, 31).unwrap();
        let mut new = HashMap::new();
        let mut carried_in = HashMap::new();
        let mut results = HashMap::new();
        let mut carried_out = HashMap::new();
        for c in cases {
            let closed_on = c.closed.map(|x| x.0);
            if c.received_on >= first && c.received_on <= last {
                *new.entry(c.applicant).or_insert(0) += 1;
            }
            if c.received_on < first && closed_on.is_none_or(|d| d >= first) {
                *carried_in.entry(c.applicant).or_insert(0) += 1;
            }
            if let Some((d, r)) = c.closed
                && d >= first
                && d <= last
            {
                *results.entry((c.applicant, r)).or_insert(0) += 1;
            }
            if c.received_on <= last && closed_on.is_none_or(|d| d > last) {
                *carried_out.entry(c.applicant).or_insert(0) += 1;
            }
        }
        Counts {
            new: new.into_iter().collect(),
            carried_in: carried_in.into_iter().collect(),
            results: results.into_iter().map(|((k, r), n)| (k, r, n)).collect(),
            carried_out: carried_out.into_iter().collect(),
        }
    }

    proptest! {
        #[test]
        fn counts_give_the_same_table_as_the_cases(cases in prop::collection::vec(case_strategy(), 0..120), year in 2022i32..2026) {
            let from_cases = Table3::compute(year, cases.iter().copied()).unwrap();
            let from_counts = Table3::from_counts(&count(year, &cases));
            prop_assert_eq!(&from_counts, &from_cases);
            prop_assert!(from_counts.checks().is_empty());
        }
    }
}
