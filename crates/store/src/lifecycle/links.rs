//! Reading the links around one document, for its page: its interpretations (or the policies
//! it interprets), what repealed or amended it (or what it repealed or amended), the validity
//! changes it went through, what it cites and what cites it.

use gongkai_core::doc::{PolicyRef, ValidityStatus};
use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::PUBLIC;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// Another public document, as a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LinkedDoc {
    pub document_id: i64,
    pub index_no: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub published_at: Option<OffsetDateTime>,
}

/// One cited document: linked when it is on the platform, otherwise shown as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedDoc {
    pub doc_no: Option<String>,
    pub title: Option<String>,
    pub link: Option<LinkedDoc>,
}

/// One change of 有效性.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidityChange {
    pub status: ValidityStatus,
    pub previous: Option<ValidityStatus>,
    pub since: Date,
    pub reason: String,
    pub by: Option<LinkedDoc>,
    pub at: OffsetDateTime,
}

/// Everything linked to a document, for its page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Relations {
    /// Published interpretations of this policy.
    pub interpretations: Vec<LinkedDoc>,
    /// The policies this interpretation interprets.
    pub interprets: Vec<LinkedDoc>,
    /// Documents that repealed this one.
    pub repealed_by: Vec<LinkedDoc>,
    /// Documents that amended this one.
    pub amended_by: Vec<LinkedDoc>,
    /// Documents this one repealed.
    pub repeals: Vec<LinkedDoc>,
    /// Documents this one amended.
    pub amends: Vec<LinkedDoc>,
    /// Oldest first.
    pub validity_changes: Vec<ValidityChange>,
    pub cites: Vec<CitedDoc>,
    pub cited_by: Vec<LinkedDoc>,
}

fn linked_select() -> String {
    format!(
        "SELECT d.id AS document_id, d.index_no, e.title, e.doc_no, d.first_published_at AS published_at
         FROM documents d JOIN editions e ON {PUBLIC}"
    )
}

async fn linked(db: &Db, sql: String, id: i64) -> Result<Vec<LinkedDoc>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_as::<_, LinkedDoc>(sqlx::AssertSqlSafe(sql.clone())).bind(id).fetch_all(p).await)?)
}

/// Documents linked *to* `id` by `kind` (`from_document` is the other one).
fn links_to(kind: &str) -> String {
    format!(
        "{} JOIN document_links l ON l.from_document = d.id WHERE l.to_document = $1 AND l.kind = '{kind}'
         ORDER BY d.first_published_at, d.id",
        linked_select()
    )
}

/// Documents linked *from* `id` by `kind`.
fn links_from(kind: &str) -> String {
    format!(
        "{} JOIN document_links l ON l.to_document = d.id WHERE l.from_document = $1 AND l.kind = '{kind}'
         ORDER BY d.first_published_at, d.id",
        linked_select()
    )
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    status: String,
    previous: String,
    since: Date,
    reason: String,
    by_document: Option<i64>,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct CitationRow {
    doc_no: Option<String>,
    title: Option<String>,
}

pub async fn relations(db: &Db, id: i64) -> Result<Relations, StoreError> {
    let mut r = Relations {
        interpretations: linked(db, links_to("interprets"), id).await?,
        interprets: linked(db, links_from("interprets"), id).await?,
        repealed_by: linked(db, links_to("repeals"), id).await?,
        amended_by: linked(db, links_to("amends"), id).await?,
        repeals: linked(db, links_from("repeals"), id).await?,
        amends: linked(db, links_from("amends"), id).await?,
        ..Relations::default()
    };
    let changes: Vec<ChangeRow> = on_db!(db, |p| sqlx::query_as(
        "SELECT status, previous, since, reason, by_document, created_at FROM validity_changes
         WHERE document_id = $1 ORDER BY id"
    )
    .bind(id)
    .fetch_all(p)
    .await)?;
    for c in changes {
        let by = match c.by_document {
            Some(b) => linked(db, format!("{} WHERE d.id = $1", linked_select()), b).await?.into_iter().next(),
            None => None,
        };
        r.validity_changes.push(ValidityChange {
            status: crate::error::decode(ValidityStatus::from_code(&c.status), "validity", &c.status)?,
            previous: ValidityStatus::from_code(&c.previous),
            since: c.since,
            reason: c.reason,
            by,
            at: c.created_at,
        });
    }
    let cited: Vec<CitationRow> =
        on_db!(db, |p| sqlx::query_as("SELECT doc_no, title FROM citations WHERE document_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(p)
            .await)?;
    for c in cited {
        let link = match (&c.doc_no, &c.title) {
            (Some(no), _) => linked_by(db, "doc_no", no).await?,
            (None, Some(t)) => linked_by(db, "title", t).await?,
            (None, None) => None,
        };
        // A title alone is a law or a book far more often than a document of the platform:
        // shown only when it links (and never to the document itself).
        let link = link.filter(|l| l.document_id != id);
        if c.doc_no.is_some() || link.is_some() {
            r.cites.push(CitedDoc { doc_no: c.doc_no, title: c.title, link });
        }
    }
    r.cited_by = linked(
        db,
        format!(
            "{} WHERE d.id IN (
               SELECT c.document_id FROM citations c JOIN editions t ON t.document_id = $1 AND t.status = 'published'
               WHERE c.doc_no = t.doc_no OR (c.doc_no IS NULL AND c.title = t.title))
             AND d.id <> $1 ORDER BY d.first_published_at, d.id",
            linked_select()
        ),
        id,
    )
    .await?;
    Ok(r)
}

/// The newest public document whose published edition has `value` in `column` (a 文号 or a
/// title).
async fn linked_by(db: &Db, column: &str, value: &str) -> Result<Option<LinkedDoc>, StoreError> {
    let sql = format!("{} WHERE e.{column} = $1 ORDER BY d.first_published_at DESC LIMIT 1", linked_select());
    Ok(on_db!(db, |p| sqlx::query_as::<_, LinkedDoc>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(value)
        .fetch_optional(p)
        .await)?)
}

/// The published document a 文号 or 索引号 names, with its agency and policy kind; `None` if
/// nothing published answers to it. A 文号 shared by several published documents (a data
/// error) resolves to none of them: the caller says so rather than guess.
pub async fn resolve_ref(tx: &mut Tx, r: &PolicyRef) -> Result<Vec<(i64, i64, String)>, StoreError> {
    let (sql, value) = match r {
        PolicyRef::DocNo(no) => ("e.doc_no = $1", no.as_str().to_string()),
        PolicyRef::IndexNo(no) => ("d.index_no = $1", no.as_str().to_string()),
    };
    let sql = format!(
        "SELECT d.id, d.agency_id, e.policy_kind FROM documents d JOIN editions e ON e.status = 'published'
         AND e.document_id = d.id WHERE d.withdrawn_at IS NULL AND {sql}"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (i64, i64, String)>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&value)
        .fetch_all(&mut **c)
        .await)?)
}

/// The one published document a 文号 or 索引号 names, or a message saying why there is none.
pub async fn find_published(db: &Db, r: &PolicyRef) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let found = resolve_ref(&mut tx, r).await?;
    drop(tx);
    match found.as_slice() {
        [(id, _, _)] => Ok(*id),
        [] => Err(StoreError::invalid("by", format!("“{r}”：平台上没有已发布的该文件"))),
        many => Err(StoreError::invalid("by", format!("“{r}”对应 {} 个已发布文件，请改用索引号", many.len()))),
    }
}

/// Documents whose pages show `ids` (links both ways, citations both ways): when one of `ids`
/// changes, their pages change too.
pub async fn related_documents(db: &Db, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT to_document FROM document_links WHERE from_document IN ({list})
         UNION SELECT from_document FROM document_links WHERE to_document IN ({list})
         UNION SELECT c.document_id FROM citations c JOIN editions t ON t.status = 'published'
               AND t.document_id IN ({list}) AND (c.doc_no = t.doc_no OR (c.doc_no IS NULL AND c.title = t.title))
         UNION SELECT t.document_id FROM citations c JOIN editions t ON t.status = 'published'
               AND (t.doc_no = c.doc_no OR (c.doc_no IS NULL AND t.title = c.title)) WHERE c.document_id IN ({list})"
    );
    Ok(on_db!(db, |p| sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.clone())).fetch_all(p).await)?)
}
