//! gongkai full-text search (DESIGN §2.3).
//!
//! [`SearchIndex`] is what the rest of gongkai talks to; [`TantivyIndex`] is the default
//! implementation: tantivy with a jieba tokenizer in search mode, a dictionary of government terms
//! (`data/dict.txt`) and a query-time synonym table (`data/synonyms.txt`), BM25 with a title
//! boost, phrase queries, highlighted snippets, facet counts, filters and exact lookup by 文号 and
//! 索引号.
//!
//! The index is a derived artefact: it can always be thrown away and rebuilt from the database.
//!
//! A second implementation keeps the index in the database itself (for several web nodes sharing
//! one index): [`plan`] turns documents and queries into the jieba tokens and match expressions
//! it stores and runs, [`highlight`] marks the words in its results, and [`Facets::from_rows`]
//! counts them, so that both implementations segment, match and present alike. Its SQL is in
//! `gongkai-store`; [`conformance`] is the behaviour both must show.
//!
//! Bad input never fails a search: the query text is cleaned (control characters dropped, length
//! capped at [`MAX_QUERY_CHARS`]) and read by gongkai's own small grammar (words and `"phrases"`;
//! operator characters are ordinary separators), so there is no query syntax to get wrong.

mod analyzer;
#[cfg(feature = "conformance")]
pub mod conformance;
mod facets;
pub mod highlight;
pub mod plan;
mod query;
mod tantivy_index;

use gongkai_core::doc::{Genre, PolicyKind, ValidityStatus};
use time::Date;

pub use analyzer::{Analyzer, SynonymTable};
pub use query::{MAX_QUERY_CHARS, ParsedQuery};
pub use tantivy_index::TantivyIndex;

/// One published document as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    pub document_id: i64,
    /// 索引号, as stored.
    pub index_no: String,
    /// 文号, as stored; normalised with `DocNo::parse` for the exact lookup.
    pub doc_no: Option<String>,
    pub title: String,
    /// The body as plain text (no markup).
    pub body_text: String,
    pub agency_id: i64,
    pub agency_name: String,
    /// 主题分类 label (一级 or 一级/二级), as shown to people.
    pub topic: String,
    pub genre: Genre,
    pub policy_kind: PolicyKind,
    pub validity: Option<ValidityStatus>,
    /// 成文日期.
    pub written_on: Option<Date>,
    /// 发布日期.
    pub published_on: Date,
}

impl SearchDoc {
    /// The year a document is filed under for the year filter and facet: the year of its 成文日期,
    /// or of its 发布日期 when it has none (as gov.cn's 政策文件库 does).
    pub fn year(&self) -> i32 {
        self.written_on.unwrap_or(self.published_on).year()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (BM25, title ×3); an empty query is always sorted by date.
    #[default]
    Relevance,
    /// Newest 发布日期 first.
    Date,
}

/// Filters; every one that is set must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    pub agency_id: Option<i64>,
    /// Exact 主题分类 label.
    pub topic: Option<String>,
    pub genre: Option<Genre>,
    /// See [`SearchDoc::year`].
    pub year: Option<i32>,
    pub validity: Option<ValidityStatus>,
    /// Only 规章, 行政规范性文件 and other 政策文件 (the 政策文件库).
    pub policies_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub filters: Filters,
    pub sort: Sort,
    /// From 1; 0 is read as 1.
    pub page: u32,
    /// Clamped to 1..=[`MAX_PER_PAGE`].
    pub per_page: u32,
}

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;
/// Pages beyond this many results are not served (deep paging is what crawlers do).
pub const MAX_OFFSET: u32 = 10_000;

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl SearchQuery {
    pub fn text(text: impl Into<String>) -> SearchQuery {
        SearchQuery { text: text.into(), ..SearchQuery::default() }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub document_id: i64,
    pub index_no: String,
    /// The title, HTML-escaped, matched words inside `<mark>…</mark>`.
    pub title_html: String,
    /// A passage of the body, HTML-escaped, matched words inside `<mark>…</mark>`; the start of
    /// the body when no word of the query is in it.
    pub snippet_html: String,
    /// 0 when sorted by date.
    pub score: f32,
}

/// One value of a facet and how many results have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// What a filter takes: agency id, topic label, genre code, year, validity code.
    pub value: String,
    /// What people read.
    pub label: String,
    pub count: u64,
}

/// Counts over all results of the query (with its filters), most frequent first; years newest
/// first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub agency: Vec<FacetCount>,
    pub topic: Vec<FacetCount>,
    pub genre: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub validity: Vec<FacetCount>,
}

/// One combination of facet values and how many results have it: what a database counts with
/// `GROUP BY`, turned into [`Facets`] by [`Facets::from_rows`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetRow {
    pub agency_id: i64,
    pub agency_name: String,
    pub topic: String,
    /// Genre code.
    pub genre: String,
    pub year: i32,
    /// Validity code.
    pub validity: Option<String>,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// Number of matching documents (all pages).
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// The document whose 文号 or 索引号 is the query text, whatever bracket or spacing variant
    /// was typed. It is found regardless of the filters, and when it is among the results it is
    /// the first hit of the first page in either sort order.
    pub exact: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("search index I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index writer lock poisoned")]
    Poisoned,
    /// The database of a [`SearchIndex`] kept in the database.
    #[error("search database: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// A full-text index of published documents.
///
/// Threading: implementations are `Send + Sync` and meant to be shared (`Arc`). Calls are
/// blocking (CPU and disk); from async code call them in `spawn_blocking`. Writes (`upsert`,
/// `delete`, `commit`, `clear`) are serialised by the implementation; `search`, `len` and
/// `document_ids` run concurrently with each other and with writes and see the index as of the
/// last `commit`.
pub trait SearchIndex: Send + Sync {
    /// Adds the document or replaces the one with the same `document_id`. Visible after `commit`.
    fn upsert(&self, doc: &SearchDoc) -> Result<(), SearchError>;
    /// Removes the document (no error if absent). Visible after `commit`.
    fn delete(&self, document_id: i64) -> Result<(), SearchError>;
    /// Makes the writes so far durable and visible to searches; the cursor stays as it was.
    fn commit(&self) -> Result<(), SearchError>;
    /// Like `commit`, and records in the same durable step that the index now reflects the
    /// outbox up to and including row `cursor`: after a crash the index and its cursor agree.
    fn commit_through(&self, cursor: i64) -> Result<(), SearchError>;
    /// The outbox row the index reflects up to (0: none), as of the last commit.
    fn cursor(&self) -> Result<i64, SearchError>;
    fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError>;
    /// Number of documents in the index (as of the last commit).
    fn len(&self) -> Result<u64, SearchError>;
    fn is_empty(&self) -> Result<bool, SearchError> {
        Ok(self.len()? == 0)
    }
    /// Every `document_id` in the index, sorted (for `search-check`).
    fn document_ids(&self) -> Result<Vec<i64>, SearchError>;
    /// Removes every document and commits.
    fn clear(&self) -> Result<(), SearchError>;
}
