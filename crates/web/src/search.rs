//! Search on the site: the node's index kept in step with the database through the outbox,
//! `/search` and `GET /api/v1/search`.
//!
//! The index is a derived artefact (DESIGN §2.3). Every publish, revision and withdrawal writes
//! an outbox row in its own transaction; this node reads the outbox after its cursor, re-reads
//! those documents (a withdrawn or non-public one is deleted from the index), commits the index,
//! and only then moves the cursor, kept in a file beside the index. A crash anywhere in between
//! leaves the cursor behind, so the next start re-applies the same rows (upserts and deletes are
//! idempotent) and the index catches up; `gongkai reindex` rebuilds it from nothing and
//! `gongkai search-check` compares it with the database.

use std::path::{Path, PathBuf};

use gongkai_core::doc::{Genre, PolicyKind, SafeHtml, ValidityStatus};
use gongkai_search::{SearchDoc, SearchError, SearchIndex};
use gongkai_store::documents::{self, SearchRow};
use gongkai_store::{Db, StoreError};

/// Where a node keeps its index, under the data directory.
pub fn index_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("search")
}

fn cursor_file(index_dir: &Path) -> PathBuf {
    index_dir.join("outbox-cursor")
}

/// The outbox id this node's index has applied up to (0: nothing yet).
pub fn read_cursor(index_dir: &Path) -> i64 {
    std::fs::read_to_string(cursor_file(index_dir)).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0)
}

fn write_cursor(index_dir: &Path, cursor: i64) -> std::io::Result<()> {
    // Written to a new file and renamed, so a crash never leaves a half-written number.
    let tmp = index_dir.join("outbox-cursor.tmp");
    std::fs::write(&tmp, cursor.to_string())?;
    std::fs::rename(tmp, cursor_file(index_dir))
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("search cursor: {0}")]
    Io(#[from] std::io::Error),
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

/// Applies the outbox after the cursor to the index, batch by batch, until it is caught up;
/// returns how many documents were re-read.
pub async fn sync(db: &Db, index: &dyn SearchIndex, dir: &Path) -> Result<usize, SyncError> {
    let mut cursor = read_cursor(dir);
    let mut done = 0;
    loop {
        let (ids, last) = documents::changed_since(db, cursor).await?;
        if last == cursor {
            return Ok(done);
        }
        let names = agency_names(db).await?;
        let rows = documents::search_rows(db, &ids).await?;
        let public: std::collections::HashSet<i64> = rows.iter().map(|r| r.document_id).collect();
        for row in rows {
            let name = names.get(&row.agency_id).cloned().unwrap_or_default();
            index.upsert(&to_doc(row, &name))?;
        }
        for id in ids.iter().filter(|id| !public.contains(id)) {
            index.delete(*id)?;
        }
        index.commit()?;
        write_cursor(dir, last)?;
        done += ids.len();
        cursor = last;
    }
}

/// Rebuilds the index from the database: empties it, adds every public document in batches
/// (`progress(done, total)` after each), commits, and sets the cursor to the outbox's head read
/// before the rebuild began (changes made during the rebuild are applied again by [`sync`]).
pub async fn reindex(
    db: &Db,
    index: &dyn SearchIndex,
    dir: &Path,
    mut progress: impl FnMut(u64, u64),
) -> Result<u64, SyncError> {
    let head = documents::outbox_head(db).await?;
    let total = documents::public_count(db).await? as u64;
    let names = agency_names(db).await?;
    index.clear()?;
    let (mut after, mut done) = (0i64, 0u64);
    loop {
        let rows = documents::search_batch(db, after, 1000).await?;
        let Some(last) = rows.last().map(|r| r.document_id) else { break };
        for row in rows {
            let name = names.get(&row.agency_id).cloned().unwrap_or_default();
            index.upsert(&to_doc(row, &name))?;
            done += 1;
        }
        after = last;
        progress(done, total);
    }
    index.commit()?;
    write_cursor(dir, head)?;
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
pub async fn check(db: &Db, index: &dyn SearchIndex) -> Result<Differences, SyncError> {
    let in_db = documents::public_ids(db).await?;
    let in_index = index.document_ids()?;
    let db_set: std::collections::BTreeSet<i64> = in_db.iter().copied().collect();
    let index_set: std::collections::BTreeSet<i64> = in_index.iter().copied().collect();
    Ok(Differences {
        missing: db_set.difference(&index_set).copied().collect(),
        extra: index_set.difference(&db_set).copied().collect(),
    })
}
