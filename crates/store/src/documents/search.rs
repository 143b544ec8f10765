//! What the search index is fed: the public documents (published, 主动公开, not withdrawn) with
//! the fields the index holds. The store does not know the index (DESIGN §2.3: web and the
//! command line join the two); it answers "what does this document look like now".

use time::{Date, OffsetDateTime};

use crate::{Db, StoreError, on_db};

/// A public document, as the index reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SearchRow {
    pub document_id: i64,
    pub index_no: String,
    pub doc_no: Option<String>,
    pub title: String,
    pub body_html: String,
    pub agency_id: i64,
    pub topic_primary: String,
    pub topic_secondary: Option<String>,
    pub genre: String,
    pub policy_kind: String,
    pub validity: Option<String>,
    pub written_on: Option<Date>,
    pub first_published_at: OffsetDateTime,
}

const SELECT: &str = "SELECT d.id AS document_id, d.index_no, e.doc_no, e.title, e.body_html, d.agency_id,
        e.topic_primary, e.topic_secondary, e.genre, e.policy_kind, e.validity, e.written_on, d.first_published_at
     FROM documents d JOIN editions e ON e.document_id = d.id AND e.status = 'published'
     WHERE d.withdrawn_at IS NULL AND e.disclosure = 'proactive' AND d.index_no IS NOT NULL";

/// The public ones among `ids` (a withdrawn or non-public document is simply absent: the index
/// drops it).
pub async fn search_rows(db: &Db, ids: &[i64]) -> Result<Vec<SearchRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let sql = format!("{SELECT} AND d.id IN ({list})");
    Ok(on_db!(db, |p| sqlx::query_as::<_, SearchRow>(sqlx::AssertSqlSafe(sql.clone())).fetch_all(p).await)?)
}

/// Public documents by id after `after`, `limit` at a time, for a rebuild of the index.
pub async fn search_batch(db: &Db, after: i64, limit: i64) -> Result<Vec<SearchRow>, StoreError> {
    let sql = format!("{SELECT} AND d.id > $1 ORDER BY d.id LIMIT $2");
    Ok(on_db!(db, |p| sqlx::query_as::<_, SearchRow>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(after)
        .bind(limit)
        .fetch_all(p)
        .await)?)
}

/// How many public documents there are (for a rebuild's progress bar).
pub async fn public_count(db: &Db) -> Result<i64, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM ({SELECT}) x")))
        .fetch_one(p)
        .await)?)
}

/// The ids of every public document, sorted (for comparing with the index).
pub async fn public_ids(db: &Db) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT x.document_id FROM ({SELECT}) x ORDER BY x.document_id"
    )))
    .fetch_all(p)
    .await)?)
}
