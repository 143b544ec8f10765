//! Documents (政府信息) and their editions.
//!
//! A document is the stable thing the public links to (`/doc/{索引号}`); an edition is one
//! version of its metadata and body. Exactly one edition is published at a time (a partial
//! unique index enforces it); earlier published editions are kept as `superseded` and listed
//! in the public 修订记录.

mod public;
mod rows;
mod search;
mod staff;
mod timeliness;

pub use public::{
    CatalogueFilter, CatalogueRow, Facets, PublicLookup, PublicPage, Revision, agency_counts, catalogue, facets,
    item_counts, public_page,
};
pub use search::{SearchRow, public_count, public_ids, search_batch, search_rows};
pub use staff::{
    PublishOptions, StaffDocument, StaffFilter, StaffRow, Upload, add_attachment, create_draft, publish,
    remove_attachment, return_to_editor, revise, staff_document, staff_list, submit, update_draft, withdraw,
};
pub use timeliness::{Publication, publications};

use gongkai_core::doc::IndexNo;
use gongkai_core::doc::workflow::EditionStatus;
use serde::Serialize;
use time::OffsetDateTime;

pub(crate) use rows::{EditionRow, FIELD_COLUMNS, FieldValues, bind_fields, edition_columns, field_placeholders};
pub(crate) use staff::allocate_index_no;
pub(crate) use staff::like_pattern;
pub(crate) use staff::outbox as staff_outbox;

use crate::{Db, StoreError, on_db};

/// The document itself, independent of its editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub id: i64,
    pub agency_id: i64,
    pub index_no: Option<IndexNo>,
    pub first_published_at: Option<OffsetDateTime>,
    pub withdrawn_at: Option<OffsetDateTime>,
    pub withdrawn_reason: Option<String>,
    pub view_count: i64,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// One version of a document's metadata and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edition {
    pub id: i64,
    pub document_id: i64,
    pub edition_no: i64,
    pub status: EditionStatus,
    pub fields: gongkai_core::doc::EditionFields,
    pub created_by: Option<i64>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub submitted_by: Option<i64>,
    pub submitted_at: Option<OffsetDateTime>,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<OffsetDateTime>,
    pub review_note: Option<String>,
    pub privacy_override: Option<String>,
    pub published_at: Option<OffsetDateTime>,
}

/// A file attached to an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub edition_id: i64,
    pub position: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct DocumentRow {
    id: i64,
    agency_id: i64,
    index_no: Option<String>,
    first_published_at: Option<OffsetDateTime>,
    withdrawn_at: Option<OffsetDateTime>,
    withdrawn_reason: Option<String>,
    view_count: i64,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

pub(crate) const DOCUMENT_COLUMNS: &str =
    "id, agency_id, index_no, first_published_at, withdrawn_at, withdrawn_reason, view_count, created_at, updated_at";

impl TryFrom<DocumentRow> for Document {
    type Error = StoreError;
    fn try_from(r: DocumentRow) -> Result<Document, StoreError> {
        Ok(Document {
            id: r.id,
            agency_id: r.agency_id,
            index_no: r
                .index_no
                .map(|s| IndexNo::parse(&s).map_err(|e| StoreError::Corrupt(e.to_string())))
                .transpose()?,
            first_published_at: r.first_published_at,
            withdrawn_at: r.withdrawn_at,
            withdrawn_reason: r.withdrawn_reason,
            view_count: r.view_count,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

pub(crate) async fn document_by_id(db: &Db, id: i64) -> Result<Option<Document>, StoreError> {
    let row = on_db!(db, |p| sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(p)
    .await)?;
    row.map(Document::try_from).transpose()
}

/// A document's 索引号 (assigned at its first publication), for linking to its public page.
pub async fn index_no_of(db: &Db, id: i64) -> Result<Option<IndexNo>, StoreError> {
    Ok(document_by_id(db, id).await?.and_then(|d| d.index_no))
}

/// All editions of a document, oldest first.
pub async fn editions(db: &Db, document_id: i64) -> Result<Vec<Edition>, StoreError> {
    let rows = on_db!(db, |p| sqlx::query_as::<_, EditionRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM editions WHERE document_id = $1 ORDER BY edition_no",
        edition_columns()
    )))
    .bind(document_id)
    .fetch_all(p)
    .await)?;
    rows.into_iter().map(Edition::try_from).collect()
}

pub async fn attachments(db: &Db, edition_id: i64) -> Result<Vec<Attachment>, StoreError> {
    Ok(on_db!(db, |p| {
        sqlx::query_as::<_, Attachment>(
        "SELECT id, edition_id, position, file_name, content_type, size, sha256 FROM attachments WHERE edition_id = $1 ORDER BY position, id"
    )
    .bind(edition_id)
    .fetch_all(p)
    .await
    })?)
}

/// Where and how an attachment may be downloaded.
#[derive(Debug, Clone)]
pub struct Download {
    pub attachment: Attachment,
    /// Whether the public may fetch it (its edition is the published one of a proactive,
    /// non-withdrawn document); staff may fetch any attachment of their agency.
    pub public: bool,
    pub agency_id: i64,
}

pub async fn download(db: &Db, attachment_id: i64) -> Result<Option<Download>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        attachment: Attachment,
        agency_id: i64,
        status: String,
        disclosure: String,
        live: bool,
    }
    let row = on_db!(db, |p| {
        sqlx::query_as::<_, Row>(
        "SELECT a.id, a.edition_id, a.position, a.file_name, a.content_type, a.size, a.sha256, d.agency_id, e.status,
                e.disclosure, d.withdrawn_at IS NULL AS live
         FROM attachments a JOIN editions e ON e.id = a.edition_id JOIN documents d ON d.id = e.document_id
         WHERE a.id = $1"
    )
    .bind(attachment_id)
    .fetch_optional(p)
    .await
    })?;
    Ok(row.map(|r| Download {
        public: r.live && r.status == EditionStatus::Published.code() && r.disclosure == "proactive",
        agency_id: r.agency_id,
        attachment: r.attachment,
    }))
}

/// Adds the views counted in memory since the last flush (the web layer batches them so that
/// reading a page never waits for a write). One statement per 64 documents (SQLite looks
/// parameters up by name, so much longer statements cost more than they save): a busy site
/// touches tens of thousands of documents between flushes.
pub async fn add_views(db: &Db, counts: &[(i64, i64)]) -> Result<(), StoreError> {
    if counts.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for chunk in counts.chunks(64) {
        // `VALUES` columns are called column1, column2 in both dialects.
        let values =
            (0..chunk.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "UPDATE documents SET view_count = view_count + v.column2 FROM (VALUES {values}) AS v WHERE documents.id = v.column1"
        );
        crate::on_tx!(&mut tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for (id, n) in chunk {
                q = q.bind(id).bind(n);
            }
            q.execute(&mut **c).await.map(|r| r.rows_affected())
        })?;
    }
    tx.commit().await
}

/// Ids of documents whose public page changed since outbox id `after` (with the documents
/// whose pages link to them), for page caches on every node; returns the newest outbox id seen.
pub async fn changed_since(db: &Db, after: i64) -> Result<(Vec<i64>, i64), StoreError> {
    let rows: Vec<(i64, i64)> =
        on_db!(db, |p| sqlx::query_as("SELECT id, document_id FROM outbox WHERE id > $1 ORDER BY id LIMIT 1000")
            .bind(after)
            .fetch_all(p)
            .await)?;
    let last = rows.last().map_or(after, |r| r.0);
    let mut ids: Vec<i64> = rows.into_iter().map(|r| r.1).collect();
    ids.sort_unstable();
    ids.dedup();
    // Pages that show these documents (interpretations, repeals, citations) change with them.
    ids.extend(crate::lifecycle::related_documents(db, &ids).await?);
    Ok((ids, last))
}

/// The newest outbox id (a node starts watching from here).
pub async fn outbox_head(db: &Db) -> Result<i64, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(id) FROM outbox").fetch_one(p).await)?
        .unwrap_or(0))
}
