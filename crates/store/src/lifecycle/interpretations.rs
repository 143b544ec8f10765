//! Which published policy documents lack a timely interpretation (政策解读), per agency.

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::interpretation::InterpretationStatus;
use gongkai_core::doc::{Genre, PolicyKind};
use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::PUBLIC;
use crate::sql::{Arg, Filter};
use crate::{Db, StoreError, bind_args, on_db};

/// One policy document and how it stands with its interpretation.
#[derive(Debug, Clone, Serialize)]
pub struct InterpretationRow {
    pub document_id: i64,
    pub agency_id: i64,
    pub index_no: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub policy_kind: PolicyKind,
    pub published_on: Date,
    pub interpretations: i64,
    pub status: InterpretationStatus,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    agency_id: i64,
    index_no: String,
    title: String,
    doc_no: Option<String>,
    policy_kind: String,
    first_published_at: OffsetDateTime,
    interpreted_at: Option<OffsetDateTime>,
    interpretations: i64,
}

/// The policy documents (规章, 行政规范性文件, other 政策文件) first published in `year`, of one
/// agency or all, each assessed as of `today` with `within` working days allowed, oldest first.
pub async fn interpretation_report(
    db: &Db,
    cal: &WorkCalendar,
    agency_id: Option<i64>,
    year: i32,
    today: Date,
    within: u32,
) -> Result<Vec<InterpretationRow>, StoreError> {
    let mut f = Filter::default();
    f.always("e.policy_kind IN ('rule', 'normative', 'policy')")
        .with("d.published_year = ?", Arg::I64(i64::from(year)))
        .maybe("d.agency_id = ?", agency_id, Arg::I64);
    // The earliest public interpretation linked to each policy, and how many there are.
    let sql = format!(
        "SELECT d.id, d.agency_id, d.index_no, e.title, e.doc_no, e.policy_kind, d.first_published_at,
                MIN(i.first_published_at) AS interpreted_at, COUNT(i.id) AS interpretations
         FROM documents d JOIN editions e ON {PUBLIC}
         LEFT JOIN document_links l ON l.to_document = d.id AND l.kind = 'interprets'
         LEFT JOIN documents i ON i.id = l.from_document AND i.withdrawn_at IS NULL
         {} GROUP BY d.id, d.agency_id, d.index_no, e.title, e.doc_no, e.policy_kind, d.first_published_at
         ORDER BY d.first_published_at, d.id",
        f.sql()
    );
    let rows: Vec<Row> =
        on_db!(db, |p| bind_args!(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone())), &f.args)
            .fetch_all(p)
            .await)?;
    rows.into_iter()
        .map(|r| {
            let published_on = gongkai_core::tz::local_date(r.first_published_at);
            let interpreted_on = r.interpreted_at.map(gongkai_core::tz::local_date);
            Ok(InterpretationRow {
                status: InterpretationStatus::assess(cal, published_on, interpreted_on, today, within),
                document_id: r.id,
                agency_id: r.agency_id,
                index_no: r.index_no,
                title: r.title,
                doc_no: r.doc_no,
                policy_kind: crate::error::decode(
                    PolicyKind::from_code(&r.policy_kind),
                    "policy kind",
                    &r.policy_kind,
                )?,
                published_on,
                interpretations: r.interpretations,
            })
        })
        .collect()
}

/// How many unpublished interpretations (drafts, in review) name this document by its 文号 or
/// 索引号: the reviewer publishing a policy sees whether one is on its way.
pub async fn drafts_interpreting(db: &Db, doc_no: Option<&str>, index_no: Option<&str>) -> Result<i64, StoreError> {
    let patterns: Vec<String> = [doc_no, index_no].into_iter().flatten().map(crate::documents::like_pattern).collect();
    if patterns.is_empty() {
        return Ok(0);
    }
    let mut total = 0;
    for p in patterns {
        total += on_db!(db, |c| sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM editions e JOIN documents d ON d.id = e.document_id
             WHERE e.genre = $1 AND e.status IN ('draft', 'in-review') AND d.withdrawn_at IS NULL
             AND e.interprets LIKE $2 ESCAPE '\\'"
        )
        .bind(Genre::Interpretation.code())
        .bind(&p)
        .fetch_one(c)
        .await)?;
    }
    Ok(total)
}
