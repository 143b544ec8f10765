//! The dates Art. 26 timeliness is judged on: when each document was first published, and the
//! 成文日期 of the edition then published (`gongkai_core::doc::timeliness` does the judging).

use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::sql::{Arg, Filter};
use crate::{Db, StoreError, on_db};

/// A document's first publication.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FirstPublication {
    pub document_id: i64,
    pub index_no: String,
    pub agency_id: i64,
    pub title: String,
    pub written_on: Option<Date>,
    pub first_published_at: OffsetDateTime,
}

/// The 主动公开 documents first published in `year` (China Standard Time), of one agency or
/// all, oldest first. Revisions are not counted: the platform records no date of change for
/// them, and judging a revision by its original 成文日期 would call every revision late.
pub async fn first_publications(
    db: &Db,
    agency_id: Option<i64>,
    year: i32,
) -> Result<Vec<FirstPublication>, StoreError> {
    let mut w = Filter::default();
    w.with("d.published_year = ?", Arg::I64(i64::from(year)))
        .maybe("d.agency_id = ?", agency_id, Arg::I64)
        .always("e.disclosure = 'proactive'")
        .always(
            "e.edition_no = (SELECT MIN(x.edition_no) FROM editions x
                             WHERE x.document_id = d.id AND x.status IN ('published', 'superseded'))",
        );
    let sql = format!(
        "SELECT d.id AS document_id, d.index_no, d.agency_id, e.title, e.written_on, d.first_published_at
         FROM documents d JOIN editions e ON e.document_id = d.id{}
         ORDER BY d.agency_id, d.first_published_at, d.id",
        w.sql()
    );
    Ok(on_db!(db, |p| crate::bind_args!(
        sqlx::query_as::<_, FirstPublication>(sqlx::AssertSqlSafe(sql.clone())),
        &w.args
    )
    .fetch_all(p)
    .await)?)
}
