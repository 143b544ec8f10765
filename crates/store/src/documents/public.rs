//! What the public reads: the document page, catalogues and their facet counts.
//!
//! Only 主动公开 documents with a published edition that have not been withdrawn are public.

use gongkai_core::doc::IndexNo;
use gongkai_core::doc::workflow::EditionStatus;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::{Attachment, DOCUMENT_COLUMNS, Document, DocumentRow, Edition, EditionRow, edition_columns};
use crate::sql::{Arg, Filter};
use crate::{Db, StoreError, bind_args, on_db};

/// Everything the public page of a document shows.
#[derive(Debug, Clone, Serialize)]
pub struct PublicPage {
    pub document: Document,
    pub edition: Edition,
    pub attachments: Vec<Attachment>,
    /// Published editions, oldest first, for the 修订记录.
    pub history: Vec<Revision>,
    /// Interpretations, repeals and amendments, validity changes, citations.
    pub relations: crate::lifecycle::Relations,
    /// The 政府公报 issues the document appeared in.
    pub gazette: Vec<crate::gazette::Appearance>,
}

/// One line of the 修订记录.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    pub edition_no: i64,
    pub published_at: Option<OffsetDateTime>,
    pub change_note: Option<String>,
}

pub enum PublicLookup {
    Found(Box<PublicPage>),
    /// The document was public and has been withdrawn: the page says so (HTTP 410).
    Withdrawn {
        title: String,
        withdrawn_at: OffsetDateTime,
        reason: Option<String>,
    },
    NotFound,
}

pub async fn public_page(db: &Db, index_no: &IndexNo) -> Result<PublicLookup, StoreError> {
    let row = on_db!(db, |p| sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE index_no = $1"
    )))
    .bind(index_no.as_str())
    .fetch_optional(p)
    .await)?;
    let Some(document) = row.map(Document::try_from).transpose()? else { return Ok(PublicLookup::NotFound) };
    // The published edition and the earlier ones of the 修订记录, in one query.
    let rows = on_db!(db, |p| {
        sqlx::query_as::<_, EditionRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM editions WHERE document_id = $1 AND status IN ('published', 'superseded') ORDER BY edition_no",
        edition_columns()
    )))
    .bind(document.id)
    .fetch_all(p)
    .await
    })?;
    let editions = rows.into_iter().map(Edition::try_from).collect::<Result<Vec<_>, _>>()?;
    let history = editions
        .iter()
        .map(|e| Revision {
            edition_no: e.edition_no,
            published_at: e.published_at,
            change_note: e.fields.change_note.clone(),
        })
        .collect();
    let Some(edition) = editions.into_iter().find(|e| e.status == EditionStatus::Published) else {
        return Ok(PublicLookup::NotFound);
    };
    if !edition.fields.disclosure.is_public() {
        return Ok(PublicLookup::NotFound);
    }
    if let Some(withdrawn_at) = document.withdrawn_at {
        return Ok(PublicLookup::Withdrawn {
            title: edition.fields.title.as_str().into(),
            withdrawn_at,
            reason: document.withdrawn_reason.clone(),
        });
    }
    let attachments = super::attachments(db, edition.id).await?;
    let relations = crate::lifecycle::relations(db, document.id).await?;
    let gazette = crate::gazette::issues_of_document(db, document.id).await?;
    Ok(PublicLookup::Found(Box::new(PublicPage { document, edition, attachments, history, relations, gazette })))
}

/// Filters of a public catalogue. `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogueFilter {
    pub agency_id: Option<i64>,
    pub topic_primary: Option<String>,
    pub topic_secondary: Option<String>,
    pub genre: Option<String>,
    pub year: Option<i64>,
    pub column: Option<String>,
    pub statutory_item: Option<String>,
    /// 有效性 code (`valid`, `repealed` …).
    pub validity: Option<String>,
    /// Only policy documents (规章, 行政规范性文件, other 政策文件).
    pub policies_only: bool,
    /// Newest 成文日期 first instead of newest publication first.
    pub by_written_date: bool,
}

impl CatalogueFilter {
    /// `FROM … WHERE …` with only the conditions that are set, so each catalogue view can use
    /// its index (see `crate::sql`).
    fn sql_from_where(&self) -> (String, Filter) {
        let mut w = Filter::default();
        w.always("d.withdrawn_at IS NULL")
            .always("e.disclosure = 'proactive'")
            .maybe("d.agency_id = ?", self.agency_id, Arg::I64)
            .maybe("e.topic_primary = ?", self.topic_primary.clone(), Arg::Text)
            .maybe("e.topic_secondary = ?", self.topic_secondary.clone(), Arg::Text)
            .maybe("e.genre = ?", self.genre.clone(), Arg::Text)
            .maybe("d.published_year = ?", self.year, Arg::I64)
            .maybe("e.site_column = ?", self.column.clone(), Arg::Text)
            .maybe("e.statutory_item = ?", self.statutory_item.clone(), Arg::Text)
            .maybe("e.validity = ?", self.validity.clone(), Arg::Text);
        if self.policies_only {
            w.always("e.policy_kind IN ('rule', 'normative', 'policy')");
        }
        (format!("FROM documents d JOIN editions e ON e.document_id = d.id AND e.status = 'published'{}", w.sql()), w)
    }
}

/// One line of a catalogue (目录): Art. 12 asks for 索引, 名称, 内容概述 and 生成日期.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CatalogueRow {
    pub index_no: String,
    pub agency_id: i64,
    pub title: String,
    pub doc_no: Option<String>,
    pub topic_primary: String,
    pub topic_secondary: Option<String>,
    pub genre: String,
    pub written_on: Option<Date>,
    pub validity: Option<String>,
    pub first_published_at: OffsetDateTime,
}

/// A page of a catalogue, newest first, and the total count.
pub async fn catalogue(
    db: &Db,
    f: &CatalogueFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CatalogueRow>, i64), StoreError> {
    let (from, w) = f.sql_from_where();
    let sql = format!(
        "SELECT d.index_no, d.agency_id, e.title, e.doc_no, e.topic_primary, e.topic_secondary, e.genre, e.written_on,
                e.validity, d.first_published_at
         {from} ORDER BY {} LIMIT {} OFFSET ${}",
        if f.by_written_date {
            "e.written_on DESC NULLS LAST, d.first_published_at DESC, d.id DESC"
        } else {
            "d.first_published_at DESC, d.id DESC"
        },
        w.next_placeholder(),
        w.args.len() + 2
    );
    let rows =
        on_db!(db, |p| bind_args!(sqlx::query_as::<_, CatalogueRow>(sqlx::AssertSqlSafe(sql.clone())), &w.args)
            .bind(limit)
            .bind(offset)
            .fetch_all(p)
            .await)?;
    let count = format!("SELECT COUNT(*) {from}");
    let total: i64 =
        on_db!(db, |p| bind_args!(sqlx::query_scalar(sqlx::AssertSqlSafe(count.clone())), &w.args).fetch_one(p).await)?;
    Ok((rows, total))
}

/// How many public documents each statutory item (条例 Art. 20) has, city-wide or for one
/// agency.
pub async fn item_counts(db: &Db, agency_id: Option<i64>) -> Result<Vec<(String, i64)>, StoreError> {
    let f = CatalogueFilter { agency_id, ..Default::default() };
    grouped(db, &f, "e.statutory_item", "AND e.statutory_item IS NOT NULL GROUP BY e.statutory_item").await
}

/// How many public documents each agency has.
pub async fn agency_counts(db: &Db) -> Result<Vec<(i64, i64)>, StoreError> {
    grouped(db, &CatalogueFilter::default(), "d.agency_id", "GROUP BY d.agency_id").await
}

/// Counts per value, for the browse-by lists beside a catalogue.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// (一级, 二级, count)
    pub topics: Vec<(String, Option<String>, i64)>,
    pub genres: Vec<(String, i64)>,
    pub years: Vec<(i64, i64)>,
    /// (有效性 code, count), for documents that state one.
    pub validities: Vec<(String, i64)>,
    /// (agency id, count).
    pub agencies: Vec<(i64, i64)>,
}

/// `SELECT {columns}, COUNT(*)` over the public documents matching `f`, then `tail` (extra
/// conditions starting with `AND`, `GROUP BY`, `ORDER BY`).
async fn grouped<T>(db: &Db, f: &CatalogueFilter, columns: &str, tail: &str) -> Result<Vec<T>, StoreError>
where
    T: Send + Unpin,
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
{
    let (from, w) = f.sql_from_where();
    // `from` ends with a WHERE clause (the filter always has conditions), so `AND …` continues it.
    let sql = format!("SELECT {columns}, COUNT(*) {from} {tail}");
    Ok(on_db!(db, |p| bind_args!(sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql.clone())), &w.args)
        .fetch_all(p)
        .await)?)
}

/// Facet counts for everything matching the filter's agency and kind (the other filters are
/// ignored, so each list shows every way to narrow the catalogue).
pub async fn facets(db: &Db, base: &CatalogueFilter) -> Result<Facets, StoreError> {
    let f = CatalogueFilter { agency_id: base.agency_id, policies_only: base.policies_only, ..Default::default() };
    let topics = grouped(
        db,
        &f,
        "e.topic_primary, e.topic_secondary",
        "GROUP BY e.topic_primary, e.topic_secondary ORDER BY COUNT(*) DESC, e.topic_primary, e.topic_secondary",
    )
    .await?;
    let genres = grouped(db, &f, "e.genre", "GROUP BY e.genre ORDER BY COUNT(*) DESC, e.genre").await?;
    let years = grouped(db, &f, "d.published_year", "GROUP BY d.published_year ORDER BY d.published_year DESC").await?;
    let validities = grouped(
        db,
        &f,
        "e.validity",
        "AND e.validity IS NOT NULL GROUP BY e.validity ORDER BY COUNT(*) DESC, e.validity",
    )
    .await?;
    let agencies = grouped(db, &f, "d.agency_id", "GROUP BY d.agency_id ORDER BY COUNT(*) DESC").await?;
    Ok(Facets { topics, genres, years, validities, agencies })
}
