//! The figures of tables 三 and 四 of the annual report, counted by the database.
//!
//! A city has hundreds of thousands of cases: the counts are grouped in SQL (four indexed range
//! queries) and only the totals travel, so a city-wide year takes well under the two seconds
//! the statistics page allows (see docs/benchmarks.md).

use serde::Serialize;
use time::{Date, Month};

use crate::{Db, StoreError, on_db};

/// Case counts of one year, grouped by applicant kind (and outcome), for one agency or all.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportCounts {
    /// Received in the year.
    pub new: Vec<(String, i64)>,
    /// Received before the year and not closed before it (上年结转).
    pub carried_in: Vec<(String, i64)>,
    /// Closed in the year, by applicant kind and outcome code.
    pub results: Vec<(String, String, i64)>,
    /// Received by 31 December and not closed by then (结转下年度).
    pub carried_out: Vec<(String, i64)>,
    /// 行政复议 and 行政诉讼 concluded in the year or still open at its end: kind, filed,
    /// concluded, result (the counting rule of `Table4::compute`).
    pub reviews: Vec<(String, Date, Option<Date>, Option<String>)>,
}

pub async fn report_counts(db: &Db, agency_id: Option<i64>, year: i32) -> Result<ReportCounts, StoreError> {
    report_counts_in(db, agency_id.map(|a| vec![a]).as_deref(), year).await
}

/// [`report_counts`] for a set of agencies (a government and its departments), or the city.
pub async fn report_counts_in(db: &Db, agencies: Option<&[i64]>, year: i32) -> Result<ReportCounts, StoreError> {
    use crate::sql::{Arg, Filter};
    let first = Date::from_calendar_date(year, Month::January, 1).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let last = Date::from_calendar_date(year, Month::December, 31).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    // Each count is a range on an index that also holds the grouped columns (see the
    // migration), so it reads the index only.
    let filter = |conditions: &[(&str, Date)]| {
        let mut w = Filter::default();
        crate::sql::agencies_in(&mut w, "agency_id", agencies);
        for (c, d) in conditions {
            w.with(c, Arg::Date(*d));
        }
        w
    };
    let new = filter(&[("received_on >= ?", first), ("received_on <= ?", last)]);
    let carried_in = filter(&[("received_on < ?", first), ("(closed_on IS NULL OR closed_on >= ?)", first)]);
    let carried_out = filter(&[("received_on <= ?", last), ("(closed_on IS NULL OR closed_on > ?)", last)]);
    let mut counts = ReportCounts::default();
    for (w, into) in
        [(new, &mut counts.new), (carried_in, &mut counts.carried_in), (carried_out, &mut counts.carried_out)]
    {
        let sql = format!("SELECT applicant_kind, COUNT(*) FROM cases{} GROUP BY applicant_kind", w.sql());
        *into = on_db!(db, |p| crate::bind_args!(
            sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sql.clone())),
            &w.args
        )
        .fetch_all(p)
        .await)?;
    }
    let mut w = filter(&[("closed_on >= ?", first), ("closed_on <= ?", last)]);
    w.always("received_on IS NOT NULL").always("outcome IS NOT NULL");
    let sql =
        format!("SELECT applicant_kind, outcome, COUNT(*) FROM cases{} GROUP BY applicant_kind, outcome", w.sql());
    counts.results = on_db!(db, |p| crate::bind_args!(
        sqlx::query_as::<_, (String, String, i64)>(sqlx::AssertSqlSafe(sql.clone())),
        &w.args
    )
    .fetch_all(p)
    .await)?;
    let mut w = Filter::default();
    crate::sql::agencies_in(&mut w, "c.agency_id", agencies);
    w.with("r.filed_on <= ?", Arg::Date(last))
        .with("(r.concluded_on IS NULL OR r.concluded_on >= ?)", Arg::Date(first));
    let sql = format!(
        "SELECT r.kind, r.filed_on, r.concluded_on, r.result FROM reviews r JOIN cases c ON c.id = r.case_id{}",
        w.sql()
    );
    // Concluded in the year, or filed by its end and not concluded before it (the counting rule
    // of `Table4::compute`, which decides between the two).
    counts.reviews = on_db!(db, |p| crate::bind_args!(
        sqlx::query_as::<_, (String, Date, Option<Date>, Option<String>)>(sqlx::AssertSqlSafe(sql.clone())),
        &w.args
    )
    .fetch_all(p)
    .await)?;
    Ok(counts)
}

/// Tables 三 and 四 of `year` for one agency or the whole city.
pub async fn tables(
    db: &Db,
    agency_id: Option<i64>,
    year: i32,
) -> Result<(gongkai_core::foi::report::Table3, gongkai_core::foi::report::Table4), StoreError> {
    tables_in(db, agency_id.map(|a| vec![a]).as_deref(), year).await
}

/// Tables 三 and 四 of `year` for a set of agencies (a government's report), or the city.
pub async fn tables_in(
    db: &Db,
    agencies: Option<&[i64]>,
    year: i32,
) -> Result<(gongkai_core::foi::report::Table3, gongkai_core::foi::report::Table4), StoreError> {
    use gongkai_core::foi::report::{Counts, ReportReview, ReviewKind, ReviewResult, Table3, Table4};
    use gongkai_core::foi::{ApplicantKind, ReplyType};
    let c = report_counts_in(db, agencies, year).await?;
    let kind =
        |k: &str| ApplicantKind::from_code(k).ok_or_else(|| StoreError::Corrupt(format!("applicant kind `{k}`")));
    let pairs = |v: &[(String, i64)]| -> Result<Vec<(ApplicantKind, u64)>, StoreError> {
        v.iter().map(|(k, n)| Ok((kind(k)?, *n as u64))).collect()
    };
    let counts = Counts {
        new: pairs(&c.new)?,
        carried_in: pairs(&c.carried_in)?,
        carried_out: pairs(&c.carried_out)?,
        results: c
            .results
            .iter()
            .map(|(k, o, n)| {
                let reply = ReplyType::from_code(o).ok_or_else(|| StoreError::Corrupt(format!("outcome `{o}`")))?;
                Ok((kind(k)?, reply, *n as u64))
            })
            .collect::<Result<_, StoreError>>()?,
    };
    let reviews = c
        .reviews
        .iter()
        .map(|(k, filed_on, concluded_on, result)| {
            let kind = ReviewKind::from_code(k).ok_or_else(|| StoreError::Corrupt(format!("review kind `{k}`")))?;
            let concluded = match (concluded_on, result.as_deref().and_then(ReviewResult::from_code)) {
                (Some(d), Some(r)) => Some((*d, r)),
                _ => None,
            };
            Ok(ReportReview { kind, filed_on: *filed_on, concluded })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let table4 = Table4::compute(year, reviews).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok((Table3::from_counts(&counts), table4))
}
