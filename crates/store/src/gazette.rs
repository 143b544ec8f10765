//! 政府公报: issues (year, number, date) and their ordered tables of contents (目录).
//!
//! An issue lists documents already on the platform, by their 索引号, in the order the printed
//! issue has them; a document may appear in several issues. The public reads an entry's title
//! and 文号 from the document's published edition, so a corrected edition shows in the 目录 too.
//! Only documents the public can read (published, 主动公开, not withdrawn) can be put in an
//! issue; an entry whose document is withdrawn later stays in the 目录 and is marked as such.
//!
//! Historical issues (历史公报数字化) come in through [`import_issues`], which writes the
//! documents through the catalogue import and the issues in one transaction.

use std::collections::HashMap;

use gongkai_core::doc::IndexNo;
use gongkai_core::gazette::{IssueKey, check_issue};
use time::{Date, OffsetDateTime};

use crate::audit::{self, Entry, Who};
use crate::blobs::BlobStore;
use crate::export::{ImportDocument, Outcome};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// An issue to create: its documents in table-of-contents order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIssue {
    pub key: IssueKey,
    pub published_on: Date,
    pub documents: Vec<IndexNo>,
}

/// A year of the gazette and how many issues it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearCount {
    pub year: i32,
    pub issues: i64,
}

/// An issue in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueSummary {
    pub id: i64,
    pub key: IssueKey,
    pub published_on: Date,
    /// Entries the public can read (see [`issue`]).
    pub documents: i64,
}

/// One line of an issue's 目录, as the document's published edition has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 1, 2, 3 … in the order of the printed issue.
    pub position: i64,
    pub document_id: i64,
    pub index_no: String,
    pub title: String,
    pub doc_no: Option<String>,
    /// The document was withdrawn after the issue appeared; its page says why (HTTP 410).
    pub withdrawn: bool,
}

/// An issue with its 目录.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub id: i64,
    pub key: IssueKey,
    pub published_on: Date,
    pub created_at: OffsetDateTime,
    pub entries: Vec<TocEntry>,
}

/// Where a document appears in the gazette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Appearance {
    pub key: IssueKey,
    pub published_on: Date,
    pub position: i64,
}

fn key_of(year: i64, number: i64) -> Result<IssueKey, StoreError> {
    match (i32::try_from(year), u32::try_from(number)) {
        (Ok(year), Ok(number)) => Ok(IssueKey { year, number }),
        _ => Err(StoreError::Corrupt(format!("gazette issue {year}/{number}"))),
    }
}

/// Checks what can be checked without the database: the issue's number and date
/// ([`check_issue`]), a non-empty 目录 without repeats.
fn check_new(key: IssueKey, published_on: Date, documents: &[&IndexNo]) -> Result<(), StoreError> {
    check_issue(i64::from(key.year), i64::from(key.number), published_on)
        .map_err(|e| StoreError::invalid("issue", e))?;
    if documents.is_empty() {
        return Err(StoreError::invalid("documents", format!("{key}的目录为空：每一期至少要有一篇文件")));
    }
    for (i, n) in documents.iter().enumerate() {
        if documents[..i].contains(n) {
            return Err(StoreError::invalid("documents", format!("索引号 {n} 在{key}的目录中出现了两次")));
        }
    }
    Ok(())
}

/// Creates an issue with its 目录, in one transaction with its audit entry. Refused, with
/// nothing written: an invalid number or date, an empty 目录 or one listing a document twice,
/// an issue that already exists ([`StoreError::Conflict`]), a 索引号 that is not a public
/// document.
pub async fn create_issue(db: &Db, who: &Who, issue: &NewIssue) -> Result<i64, StoreError> {
    check_new(issue.key, issue.published_on, &issue.documents.iter().collect::<Vec<_>>())?;
    let mut tx = db.begin().await?;
    let id = insert_issue(&mut tx, who, issue, "gazette.create").await?;
    tx.commit().await?;
    Ok(id)
}

fn exists_message(keys: &[IssueKey]) -> String {
    let names: Vec<String> = keys.iter().map(IssueKey::to_string).collect();
    format!("{}已存在，未重复创建", names.join("、"))
}

async fn insert_issue(tx: &mut Tx, who: &Who, issue: &NewIssue, action: &str) -> Result<i64, StoreError> {
    let key = issue.key;
    let existing: Option<i64> =
        on_tx!(&mut *tx, |c| sqlx::query_scalar("SELECT id FROM gazette_issues WHERE year = $1 AND number = $2")
            .bind(i64::from(key.year))
            .bind(i64::from(key.number))
            .fetch_optional(&mut **c)
            .await)?;
    if existing.is_some() {
        return Err(StoreError::Conflict(exists_message(&[key])));
    }
    let mut document_ids = Vec::with_capacity(issue.documents.len());
    let mut missing = Vec::new();
    for n in &issue.documents {
        let id: Option<i64> = on_tx!(&mut *tx, |c| sqlx::query_scalar(
            "SELECT d.id FROM documents d JOIN editions e ON e.document_id = d.id AND e.status = 'published'
             WHERE d.index_no = $1 AND d.withdrawn_at IS NULL AND e.disclosure = 'proactive'"
        )
        .bind(n.as_str())
        .fetch_optional(&mut **c)
        .await)?;
        match id {
            Some(id) => document_ids.push(id),
            None => missing.push(n.to_string()),
        }
    }
    if !missing.is_empty() {
        return Err(StoreError::invalid(
            "documents",
            format!(
                "{key}的目录中以下索引号不是已公开的文件（不存在、未发布、已撤回或不主动公开）：{}",
                missing.join("、")
            ),
        ));
    }
    let id: i64 = on_tx!(&mut *tx, |c| sqlx::query_scalar(
        "INSERT INTO gazette_issues (year, number, published_on, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(i64::from(key.year))
    .bind(i64::from(key.number))
    .bind(issue.published_on)
    .bind(crate::now())
    .fetch_one(&mut **c)
    .await)
    .map_err(|e| StoreError::from(e).on_unique(|| exists_message(&[key])))?;
    for (position, document_id) in document_ids.iter().enumerate() {
        crate::tx_exec!(
            &mut *tx,
            sqlx::query("INSERT INTO gazette_entries (issue_id, position, document_id) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(position as i64 + 1)
                .bind(document_id)
        )?;
        // Each document's page says in which issue it appeared.
        crate::documents::staff_outbox(tx, "gazette", *document_id).await?;
    }
    let after = serde_json::json!({
        "issue": key.to_string(),
        "year": key.year,
        "number": key.number,
        "published_on": gongkai_core::tz::format_date(issue.published_on),
        "documents": issue.documents.iter().map(IndexNo::as_str).collect::<Vec<_>>(),
    });
    audit::record(tx, who, Entry::new(action, "gazette_issue", id).after(&after)).await?;
    Ok(id)
}

/// Years with issues, newest first.
pub async fn years(db: &Db) -> Result<Vec<YearCount>, StoreError> {
    let rows: Vec<(i64, i64)> =
        on_db!(db, |p| sqlx::query_as("SELECT year, COUNT(*) FROM gazette_issues GROUP BY year ORDER BY year DESC")
            .fetch_all(p)
            .await)?;
    rows.into_iter()
        .map(|(year, issues)| {
            let year = i32::try_from(year).map_err(|_| StoreError::Corrupt(format!("gazette year {year}")))?;
            Ok(YearCount { year, issues })
        })
        .collect()
}

/// The public entries of an issue: the document has a published 主动公开 edition.
const TOC_FROM: &str = "FROM gazette_entries g JOIN documents d ON d.id = g.document_id
    JOIN editions e ON e.document_id = d.id AND e.status = 'published'
    WHERE e.disclosure = 'proactive' AND d.index_no IS NOT NULL";

/// The issues of a year, in number order, with how many documents each lists.
pub async fn issues_of_year(db: &Db, year: i32) -> Result<Vec<IssueSummary>, StoreError> {
    let rows: Vec<(i64, i64, i64, Date, i64)> = on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT i.id, i.year, i.number, i.published_on,
                (SELECT COUNT(*) {TOC_FROM} AND g.issue_id = i.id)
         FROM gazette_issues i WHERE i.year = $1 ORDER BY i.number"
    )))
    .bind(i64::from(year))
    .fetch_all(p)
    .await)?;
    rows.into_iter()
        .map(|(id, year, number, published_on, documents)| {
            Ok(IssueSummary { id, key: key_of(year, number)?, published_on, documents })
        })
        .collect()
}

/// One issue with its 目录 in order, or `None` if there is no such issue. Entries whose
/// document is no longer published or not 主动公开 are left out; withdrawn ones are kept and
/// marked.
pub async fn issue(db: &Db, key: IssueKey) -> Result<Option<Issue>, StoreError> {
    let row: Option<(i64, Date, OffsetDateTime)> = on_db!(db, |p| sqlx::query_as(
        "SELECT id, published_on, created_at FROM gazette_issues WHERE year = $1 AND number = $2"
    )
    .bind(i64::from(key.year))
    .bind(i64::from(key.number))
    .fetch_optional(p)
    .await)?;
    let Some((id, published_on, created_at)) = row else { return Ok(None) };
    type EntryRow = (i64, i64, String, String, Option<String>, Option<OffsetDateTime>);
    let rows: Vec<EntryRow> = on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT g.position, d.id, d.index_no, e.title, e.doc_no, d.withdrawn_at {TOC_FROM} AND g.issue_id = $1
         ORDER BY g.position"
    )))
    .bind(id)
    .fetch_all(p)
    .await)?;
    let entries = rows
        .into_iter()
        .map(|(position, document_id, index_no, title, doc_no, withdrawn_at)| TocEntry {
            position,
            document_id,
            index_no,
            title,
            doc_no,
            withdrawn: withdrawn_at.is_some(),
        })
        .collect();
    Ok(Some(Issue { id, key, published_on, created_at, entries }))
}

/// The issues a document appears in, oldest first.
pub async fn issues_of_document(db: &Db, document_id: i64) -> Result<Vec<Appearance>, StoreError> {
    let rows: Vec<(i64, i64, Date, i64)> = on_db!(db, |p| sqlx::query_as(
        "SELECT i.year, i.number, i.published_on, g.position
         FROM gazette_entries g JOIN gazette_issues i ON i.id = g.issue_id
         WHERE g.document_id = $1 ORDER BY i.published_on, i.year, i.number, g.position"
    )
    .bind(document_id)
    .fetch_all(p)
    .await)?;
    rows.into_iter()
        .map(|(year, number, published_on, position)| {
            Ok(Appearance { key: key_of(year, number)?, published_on, position })
        })
        .collect()
}

/// Which of these issues already exist.
pub async fn existing(db: &Db, keys: &[IssueKey]) -> Result<Vec<IssueKey>, StoreError> {
    let mut found = Vec::new();
    for key in keys {
        let n: i64 =
            on_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM gazette_issues WHERE year = $1 AND number = $2")
                .bind(i64::from(key.year))
                .bind(i64::from(key.number))
                .fetch_one(p)
                .await)?;
        if n > 0 {
            found.push(*key);
        }
    }
    Ok(found)
}

/// A historical issue to import: its documents, parsed, in 目录 order.
#[derive(Debug, Clone)]
pub struct ImportIssue {
    pub key: IssueKey,
    pub published_on: Date,
    pub documents: Vec<ImportDocument>,
}

/// What the import did for one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedIssue {
    pub id: i64,
    pub key: IssueKey,
    /// One per document of the 目录, in order: created, unchanged (already on the platform
    /// with the same content) or updated (a new edition with the imported content).
    pub outcomes: Vec<Outcome>,
}

/// Imports historical issues with their documents: all of them, or nothing.
///
/// Everything that can be refused is checked before anything is written: each issue's number,
/// date and 目录 ([`create_issue`]'s rules), issues named twice, issues already on the platform,
/// a 索引号 given twice with different content, a document of the platform that is withdrawn,
/// unknown agencies, a 索引号 that belongs to another agency. The documents (through the
/// catalogue import, keyed by 索引号) and the issues are then written in one transaction.
pub async fn import_issues(
    db: &Db,
    who: &Who,
    blobs: &dyn BlobStore,
    issues: &[ImportIssue],
) -> Result<Vec<ImportedIssue>, StoreError> {
    if issues.is_empty() {
        return Err(StoreError::invalid("issues", "没有要导入的期"));
    }
    for (i, issue) in issues.iter().enumerate() {
        check_new(issue.key, issue.published_on, &issue.documents.iter().map(|d| &d.index_no).collect::<Vec<_>>())?;
        if issues[..i].iter().any(|other| other.key == issue.key) {
            return Err(StoreError::invalid("issues", format!("{}出现了两次", issue.key)));
        }
    }
    let keys: Vec<IssueKey> = issues.iter().map(|i| i.key).collect();
    let existing = existing(db, &keys).await?;
    if !existing.is_empty() {
        return Err(StoreError::Conflict(exists_message(&existing)));
    }

    // Each 索引号 once; the same page listed by two issues is the same document.
    let mut unique: Vec<ImportDocument> = Vec::new();
    let mut by_index_no: HashMap<&str, usize> = HashMap::new();
    for d in issues.iter().flat_map(|i| &i.documents) {
        match by_index_no.get(d.index_no.as_str()) {
            Some(&at) => {
                let first = &unique[at];
                if first.editions.iter().map(|e| &e.fields).ne(d.editions.iter().map(|e| &e.fields)) {
                    return Err(StoreError::invalid(
                        "documents",
                        format!("索引号 {} 出现在两个内容不同的文件中", d.index_no),
                    ));
                }
            }
            None => {
                by_index_no.insert(d.index_no.as_str(), unique.len());
                unique.push(d.clone());
            }
        }
    }
    let mut withdrawn = Vec::new();
    for d in &unique {
        let row: Option<Option<OffsetDateTime>> =
            on_db!(db, |p| sqlx::query_scalar("SELECT withdrawn_at FROM documents WHERE index_no = $1")
                .bind(d.index_no.as_str())
                .fetch_optional(p)
                .await)?;
        if let Some(Some(_)) = row {
            withdrawn.push(d.index_no.to_string());
        }
    }
    if !withdrawn.is_empty() {
        return Err(StoreError::invalid(
            "documents",
            format!("以下索引号的文件已在平台上撤回，不能编入公报：{}", withdrawn.join("、")),
        ));
    }

    let mut tx = db.begin().await?;
    let outcomes = crate::export::import_documents_in(db, &mut tx, who, blobs, &unique).await?;
    let outcome_of: HashMap<&str, Outcome> =
        unique.iter().zip(&outcomes).map(|(d, o)| (d.index_no.as_str(), *o)).collect();
    let mut done = Vec::with_capacity(issues.len());
    for issue in issues {
        let new = NewIssue {
            key: issue.key,
            published_on: issue.published_on,
            documents: issue.documents.iter().map(|d| d.index_no.clone()).collect(),
        };
        let id = insert_issue(&mut tx, who, &new, "gazette.import").await?;
        let outcomes = issue.documents.iter().map(|d| outcome_of[d.index_no.as_str()]).collect();
        done.push(ImportedIssue { id, key: issue.key, outcomes });
    }
    tx.commit().await?;
    Ok(done)
}
