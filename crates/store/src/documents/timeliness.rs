//! The dates Art. 26 timeliness is judged on: each publication of a 主动公开 document — its
//! first, counted from the 成文日期 of the edition then published, and each revision that
//! records its 变更日期, counted from that — and when it went online
//! (`gongkai_core::doc::timeliness` does the judging).

use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::sql::{Arg, Filter};
use crate::{Db, StoreError, on_db};

/// One publication to judge.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Publication {
    pub document_id: i64,
    pub index_no: String,
    pub agency_id: i64,
    pub title: String,
    /// 1 for the first publication, more for a revision.
    pub edition_no: i64,
    /// The day the information was formed (成文日期) or, for a revision, changed (变更日期).
    pub formed_on: Option<Date>,
    pub published_at: OffsetDateTime,
}

impl Publication {
    pub fn is_revision(&self) -> bool {
        self.edition_no > 1
    }
}

/// The publications of `year` (China Standard Time), of one agency or all, oldest first: every
/// first publication, and every revision with a 变更日期. A revision without one is not
/// judged: counting it from the original 成文日期 would call every revision late.
pub async fn publications(db: &Db, agency_id: Option<i64>, year: i32) -> Result<Vec<Publication>, StoreError> {
    let mut first = Filter::default();
    first
        .with("d.published_year = ?", Arg::I64(i64::from(year)))
        .maybe("d.agency_id = ?", agency_id, Arg::I64)
        .always("e.disclosure = 'proactive'")
        .always(
            "e.edition_no = (SELECT MIN(x.edition_no) FROM editions x
                             WHERE x.document_id = d.id AND x.status IN ('published', 'superseded'))",
        );
    let sql = format!(
        "SELECT d.id AS document_id, d.index_no, d.agency_id, e.title, e.edition_no, e.written_on AS formed_on,
                d.first_published_at AS published_at
         FROM documents d JOIN editions e ON e.document_id = d.id{}",
        first.sql()
    );
    let mut rows: Vec<Publication> = on_db!(db, |p| crate::bind_args!(
        sqlx::query_as::<_, Publication>(sqlx::AssertSqlSafe(sql.clone())),
        &first.args
    )
    .fetch_all(p)
    .await)?;

    // Revisions published within the year, by the edition's own publication time.
    let (from, to) = year_bounds(year)?;
    let mut revised = Filter::default();
    revised
        .always("e.edition_no > 1")
        .always("e.changed_on IS NOT NULL")
        .always("e.status IN ('published', 'superseded')")
        .always("e.disclosure = 'proactive'")
        .always("d.index_no IS NOT NULL")
        .with("e.published_at >= ?", Arg::Time(from))
        .with("e.published_at < ?", Arg::Time(to))
        .maybe("d.agency_id = ?", agency_id, Arg::I64);
    let sql = format!(
        "SELECT d.id AS document_id, d.index_no, d.agency_id, e.title, e.edition_no, e.changed_on AS formed_on,
                e.published_at AS published_at
         FROM documents d JOIN editions e ON e.document_id = d.id{}",
        revised.sql()
    );
    let revisions: Vec<Publication> = on_db!(db, |p| crate::bind_args!(
        sqlx::query_as::<_, Publication>(sqlx::AssertSqlSafe(sql.clone())),
        &revised.args
    )
    .fetch_all(p)
    .await)?;
    rows.extend(revisions);
    rows.sort_by(|a, b| {
        (a.agency_id, a.published_at, a.document_id).cmp(&(b.agency_id, b.published_at, b.document_id))
    });
    Ok(rows)
}

/// The first instant of `year` and of the next, in China Standard Time, as stored (UTC).
fn year_bounds(year: i32) -> Result<(OffsetDateTime, OffsetDateTime), StoreError> {
    let start = |y: i32| {
        Date::from_calendar_date(y, time::Month::January, 1)
            .map(|d| crate::truncate(d.midnight().assume_offset(gongkai_core::tz::CST)))
            .map_err(|e| StoreError::invalid("year", e.to_string()))
    };
    Ok((start(year)?, start(year + 1)?))
}
