//! Search on the site: the node's index kept in step with the database through the outbox,
//! `/search` and `GET /api/v1/search`.
//!
//! The index is a derived artefact (DESIGN §2.3). Every publish, revision and withdrawal writes
//! an outbox row in its own transaction; the node reads the outbox after the index's cursor,
//! re-reads those documents (a withdrawn or non-public one is deleted from the index) and
//! commits them together with the new cursor (`SearchIndex::commit_through`: tantivy's commit
//! payload, or the `search_cursor` row in the same transaction for the database index). A crash
//! before that commit leaves the cursor behind, so the next start re-applies the same rows
//! (upserts and deletes are idempotent) and the index catches up; `gongkai reindex` rebuilds it
//! from nothing and `gongkai search-check` compares it with the database.
//!
//! Index calls block (CPU, disk, or the database index's queries run to completion), so they
//! run on blocking threads.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongkai_core::doc::{Genre, PolicyKind, SafeHtml, ValidityStatus};
use gongkai_search::{SearchDoc, SearchError, SearchIndex};
use gongkai_store::documents::{self, SearchRow};
use gongkai_store::{Db, StoreError};

/// Which [`SearchIndex`] the site uses (configuration `search_engine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchEngine {
    /// A tantivy index per node, under the data directory (the default; the fastest).
    #[default]
    Tantivy,
    /// One index in the database, shared by every node ([`crate::search_db::DbIndex`]).
    Database,
}

impl SearchEngine {
    pub const NAMES: [&'static str; 2] = ["tantivy", "database"];

    pub fn parse(name: &str) -> Option<SearchEngine> {
        match name.trim() {
            "tantivy" => Some(SearchEngine::Tantivy),
            "database" => Some(SearchEngine::Database),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SearchEngine::Tantivy => "tantivy",
            SearchEngine::Database => "database",
        }
    }
}

/// Opens the configured index. The database index needs the current tokio runtime.
pub fn open(engine: SearchEngine, data_dir: &Path, db: &Db) -> Result<Arc<dyn SearchIndex>, SearchError> {
    Ok(match engine {
        SearchEngine::Tantivy => Arc::new(gongkai_search::TantivyIndex::open(&index_dir(data_dir))?),
        SearchEngine::Database => Arc::new(crate::search_db::DbIndex::new(db.clone())),
    })
}

/// Where a node keeps its index, under the data directory.
pub fn index_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("search")
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("search task: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Runs `f` on the index on a blocking thread.
async fn blocking<T: Send + 'static>(
    index: &Arc<dyn SearchIndex>,
    f: impl FnOnce(&dyn SearchIndex) -> Result<T, SearchError> + Send + 'static,
) -> Result<T, SyncError> {
    let index = index.clone();
    Ok(tokio::task::spawn_blocking(move || f(index.as_ref())).await??)
}

/// Documents re-read from the database, and those to remove, as index writes.
fn writes(
    rows: Vec<SearchRow>,
    names: &std::collections::HashMap<i64, String>,
) -> impl Iterator<Item = SearchDoc> + Send + 'static {
    let names = names.clone();
    rows.into_iter().map(move |row| {
        let name = names.get(&row.agency_id).cloned().unwrap_or_default();
        to_doc(row, &name)
    })
}

/// The document as the index holds it.
pub fn to_doc(row: SearchRow, agency_name: &str) -> SearchDoc {
    let topic = match &row.topic_secondary {
        Some(s) => format!("{}/{s}", row.topic_primary),
        None => row.topic_primary.clone(),
    };
    SearchDoc {
        document_id: row.document_id,
        index_no: row.index_no,
        doc_no: row.doc_no,
        title: row.title,
        body_text: SafeHtml::from_stored(row.body_html).plain_text(),
        agency_id: row.agency_id,
        agency_name: agency_name.to_string(),
        topic,
        genre: Genre::from_code(&row.genre).unwrap_or(Genre::Other),
        policy_kind: PolicyKind::from_code(&row.policy_kind).unwrap_or(PolicyKind::NotPolicy),
        validity: row.validity.as_deref().and_then(ValidityStatus::from_code),
        written_on: row.written_on,
        published_on: gongkai_core::tz::local_date(row.first_published_at),
    }
}

async fn agency_names(db: &Db) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    Ok(gongkai_store::agencies::list(db).await?.into_iter().map(|a| (a.id, a.name)).collect())
}

/// Applies the outbox after the index's cursor, batch by batch, until it is caught up; returns
/// how many documents were re-read.
pub async fn sync(db: &Db, index: &Arc<dyn SearchIndex>) -> Result<usize, SyncError> {
    let mut cursor = blocking(index, |i| i.cursor()).await?;
    let mut done = 0;
    loop {
        let (ids, last) = documents::changed_since(db, cursor).await?;
        if last == cursor {
            return Ok(done);
        }
        let names = agency_names(db).await?;
        let rows = documents::search_rows(db, &ids).await?;
        let public: std::collections::HashSet<i64> = rows.iter().map(|r| r.document_id).collect();
        let gone: Vec<i64> = ids.iter().copied().filter(|id| !public.contains(id)).collect();
        let docs = writes(rows, &names);
        blocking(index, move |i| {
            for doc in docs {
                i.upsert(&doc)?;
            }
            for id in gone {
                i.delete(id)?;
            }
            i.commit_through(last)
        })
        .await?;
        done += ids.len();
        cursor = last;
    }
}

/// Documents a rebuild reads and writes at a time.
const REINDEX_BATCH: i64 = 1000;
/// A rebuild commits every this many documents, so that a database index does not hold the
/// whole corpus in memory (the cursor stays at 0 until the end: an interrupted rebuild is
/// completed by the next sync from the start of the outbox, or by running it again).
const REINDEX_COMMIT_EVERY: u64 = 20_000;

/// Rebuilds the index from the database: empties it, adds every public document in batches
/// (`progress(done, total)` after each), and commits with the outbox's head read before the
/// rebuild began as its cursor (changes made during the rebuild are applied again by [`sync`]).
pub async fn reindex(
    db: &Db,
    index: &Arc<dyn SearchIndex>,
    mut progress: impl FnMut(u64, u64),
) -> Result<u64, SyncError> {
    let head = documents::outbox_head(db).await?;
    let total = documents::public_count(db).await? as u64;
    let names = agency_names(db).await?;
    blocking(index, |i| i.clear()).await?;
    let (mut after, mut done) = (0i64, 0u64);
    loop {
        let rows = documents::search_batch(db, after, REINDEX_BATCH).await?;
        let Some(last) = rows.last().map(|r| r.document_id) else { break };
        let n = rows.len() as u64;
        let docs = writes(rows, &names);
        let commit = (done + n) / REINDEX_COMMIT_EVERY > done / REINDEX_COMMIT_EVERY;
        blocking(index, move |i| {
            for doc in docs {
                i.upsert(&doc)?;
            }
            if commit { i.commit() } else { Ok(()) }
        })
        .await?;
        done += n;
        after = last;
        progress(done, total);
    }
    blocking(index, move |i| i.commit_through(head)).await?;
    Ok(done)
}

/// Documents the index and the database disagree on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Differences {
    /// Public in the database, absent from the index.
    pub missing: Vec<i64>,
    /// In the index, not public in the database (withdrawn, say).
    pub extra: Vec<i64>,
}

impl Differences {
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Compares the index with the database, document by document.
pub async fn check(db: &Db, index: &Arc<dyn SearchIndex>) -> Result<Differences, SyncError> {
    let in_db = documents::public_ids(db).await?;
    let in_index = blocking(index, |i| i.document_ids()).await?;
    let db_set: std::collections::BTreeSet<i64> = in_db.iter().copied().collect();
    let index_set: std::collections::BTreeSet<i64> = in_index.iter().copied().collect();
    Ok(Differences {
        missing: db_set.difference(&index_set).copied().collect(),
        extra: index_set.difference(&db_set).copied().collect(),
    })
}
