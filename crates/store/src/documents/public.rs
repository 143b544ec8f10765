//! What the public reads: the document page, catalogues and their facet counts.
//!
//! Only 主动公开 documents with a published edition that have not been withdrawn are public.

use gongkai_core::doc::IndexNo;
use gongkai_core::doc::workflow::EditionStatus;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::{Attachment, DOCUMENT_COLUMNS, Document, DocumentRow, Edition, EditionRow, edition_columns};
use crate::{Db, StoreError, on_db};

/// Everything the public page of a document shows.
#[derive(Debug, Clone, Serialize)]
pub struct PublicPage {
    pub document: Document,
    pub edition: Edition,
    pub attachments: Vec<Attachment>,
    /// Published editions, oldest first, for the 修订记录.
    pub history: Vec<Revision>,
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
    Ok(PublicLookup::Found(Box::new(PublicPage { document, edition, attachments, history })))
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

const PUBLIC_FROM: &str = "FROM documents d JOIN editions e ON e.document_id = d.id AND e.status = 'published'
    WHERE d.withdrawn_at IS NULL AND e.disclosure = 'proactive'
    AND ($1 IS NULL OR d.agency_id = $1) AND ($2 IS NULL OR e.topic_primary = $2) AND ($3 IS NULL OR e.topic_secondary = $3)
    AND ($4 IS NULL OR e.genre = $4) AND ($5 IS NULL OR d.published_year = $5) AND ($6 IS NULL OR e.site_column = $6)
    AND ($7 IS NULL OR e.statutory_item = $7)";

macro_rules! bind_filter {
    ($q:expr, $f:expr) => {
        $q.bind($f.agency_id)
            .bind(&$f.topic_primary)
            .bind(&$f.topic_secondary)
            .bind(&$f.genre)
            .bind($f.year)
            .bind(&$f.column)
            .bind(&$f.statutory_item)
    };
}

/// A page of a catalogue, newest first, and the total count.
pub async fn catalogue(
    db: &Db,
    f: &CatalogueFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CatalogueRow>, i64), StoreError> {
    let rows = on_db!(db, |p| {
        bind_filter!(
        sqlx::query_as::<_, CatalogueRow>(sqlx::AssertSqlSafe(format!(
            "SELECT d.index_no, d.agency_id, e.title, e.doc_no, e.topic_primary, e.topic_secondary, e.genre, e.written_on,
                    e.validity, d.first_published_at
             {PUBLIC_FROM} ORDER BY d.first_published_at DESC, d.id DESC LIMIT $8 OFFSET $9"
        ))),
        f
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(p)
    .await
    })?;
    let total: i64 = on_db!(db, |p| bind_filter!(
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {PUBLIC_FROM}"))),
        f
    )
    .fetch_one(p)
    .await)?;
    Ok((rows, total))
}

/// How many public documents each statutory item (条例 Art. 20) has, city-wide or for one
/// agency.
pub async fn item_counts(db: &Db, agency_id: Option<i64>) -> Result<Vec<(String, i64)>, StoreError> {
    let f = CatalogueFilter { agency_id, ..Default::default() };
    Ok(on_db!(db, |p| bind_filter!(
        sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(format!(
            "SELECT e.statutory_item, COUNT(*) {PUBLIC_FROM} AND e.statutory_item IS NOT NULL GROUP BY e.statutory_item"
        ))),
        f
    )
    .fetch_all(p)
    .await)?)
}

/// How many public documents each agency has.
pub async fn agency_counts(db: &Db) -> Result<Vec<(i64, i64)>, StoreError> {
    let f = CatalogueFilter::default();
    Ok(on_db!(db, |p| bind_filter!(
        sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(format!(
            "SELECT d.agency_id, COUNT(*) {PUBLIC_FROM} GROUP BY d.agency_id"
        ))),
        f
    )
    .fetch_all(p)
    .await)?)
}

/// Counts per value, for the browse-by lists beside a catalogue.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// (一级, 二级, count)
    pub topics: Vec<(String, Option<String>, i64)>,
    pub genres: Vec<(String, i64)>,
    pub years: Vec<(i64, i64)>,
}

/// Facet counts for everything matching the filter's agency (the other filters are ignored,
/// so each list shows every way to narrow the catalogue).
pub async fn facets(db: &Db, agency_id: Option<i64>) -> Result<Facets, StoreError> {
    let f = CatalogueFilter { agency_id, ..Default::default() };
    let topics = on_db!(db, |p| {
        bind_filter!(
        sqlx::query_as::<_, (String, Option<String>, i64)>(sqlx::AssertSqlSafe(format!(
            "SELECT e.topic_primary, e.topic_secondary, COUNT(*) {PUBLIC_FROM} GROUP BY e.topic_primary, e.topic_secondary
             ORDER BY COUNT(*) DESC, e.topic_primary, e.topic_secondary"
        ))),
        f
    )
    .fetch_all(p)
    .await
    })?;
    let genres = on_db!(db, |p| bind_filter!(
        sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(format!(
            "SELECT e.genre, COUNT(*) {PUBLIC_FROM} GROUP BY e.genre ORDER BY COUNT(*) DESC, e.genre"
        ))),
        f
    )
    .fetch_all(p)
    .await)?;
    let years = on_db!(db, |p| {
        bind_filter!(
        sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(format!(
            "SELECT d.published_year, COUNT(*) {PUBLIC_FROM} GROUP BY d.published_year ORDER BY d.published_year DESC"
        ))),
        f
    )
    .fetch_all(p)
    .await
    })?;
    Ok(Facets { topics, genres, years })
}
