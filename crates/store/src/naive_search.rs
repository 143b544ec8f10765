//! The naive search most platforms run, kept only to be measured against (bench/search.sh).
//!
//! What a typical government site does with SQLite: the documents in a plain table, an FTS5
//! index with the `trigram` tokenizer over title and body, and `LIKE '%…%'` for the words the
//! trigram index cannot answer (a trigram MATCH string of fewer than 3 characters matches
//! nothing, and 2-character words are most of the Chinese vocabulary: 财政, 预算, 低保 …).
//!
//! - The FTS5 table is **external content** (`content='docs'`): the text is stored once, in
//!   `docs`. A bulk load inserts the rows, then builds the index in one pass (`'rebuild'`) and
//!   adds the triggers that keep it in step with later writes, as SQLite's documentation shows.
//! - `docs` keeps the small columns (agency, publication time) before title and body, so a
//!   filter or a sort reads them without walking a body's overflow pages.
//! - A query's words (split on whitespace, duplicates dropped) are ANDed. Words of 3 or more
//!   characters are trigram MATCH phrases; words of 1–2 characters become
//!   `(title LIKE '%w%' OR body LIKE '%w%')`.
//! - Order: by `bm25` (title weighted 3, body 1) whenever there is a MATCH; by publication time,
//!   newest first, when every word is short (LIKE only: there is no score), which an index on
//!   `published` (and one on `(agency_id, published)` for the agency filter) serves.
//! - The first page (20) and the total count (the "共 N 条" every platform shows) are two
//!   queries, both computed in full.
//!
//! Bulk loading is for a benchmark: no journal, no fsync.

use std::path::Path;
use std::time::{Duration, Instant};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, SqliteConnection};

use crate::StoreError;

/// Results per page.
pub const PAGE_SIZE: i64 = 20;

const SCHEMA: &str = "
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL,
    published INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE VIRTUAL TABLE docs_fts USING fts5(
    title, body, content='docs', content_rowid='id', tokenize='trigram'
);
";

/// After the bulk load: the trigram index built from `docs` in one pass.
const BUILD_FTS: &str = "INSERT INTO docs_fts (docs_fts) VALUES ('rebuild')";

/// Then what keeps it in step with later writes (SQLite's documented external-content triggers),
/// the indexes for the agency filter and the date order, and the planner's statistics.
const AFTER_LOAD: &str = "
CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN
    INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER docs_ad AFTER DELETE ON docs BEGIN
    INSERT INTO docs_fts (docs_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER docs_au AFTER UPDATE ON docs BEGIN
    INSERT INTO docs_fts (docs_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE INDEX docs_published ON docs (published);
CREATE INDEX docs_agency_published ON docs (agency_id, published);
ANALYZE;
";

/// How long [`NaiveSearch::finish_load`] took, by step.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadTimes {
    /// Building the trigram index over every document.
    pub fts: Duration,
    /// Triggers, b-tree indexes, `ANALYZE`.
    pub indexes: Duration,
}

/// One document to load.
#[derive(Debug, Clone)]
pub struct NaiveDoc {
    pub id: i64,
    pub agency_id: i64,
    /// Unix seconds.
    pub published: i64,
    pub title: String,
    pub body: String,
}

/// Which way a query ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QueryKind {
    /// Every word has 3 or more characters: trigram MATCH only.
    Match,
    /// Long and short words: MATCH for the long ones, LIKE for the short ones.
    MatchLike,
    /// Every word has 1–2 characters: LIKE only (a scan).
    Like,
    /// No words.
    Empty,
}

impl QueryKind {
    /// How `text` would run.
    pub fn of(text: &str) -> QueryKind {
        let (long, short) = split_words(text);
        match (long.is_empty(), short.is_empty()) {
            (true, true) => QueryKind::Empty,
            (false, true) => QueryKind::Match,
            (false, false) => QueryKind::MatchLike,
            (true, false) => QueryKind::Like,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QueryKind::Match => "MATCH only",
            QueryKind::MatchLike => "MATCH + LIKE",
            QueryKind::Like => "LIKE only",
            QueryKind::Empty => "empty",
        }
    }
}

/// A page of results and the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NaiveHits {
    pub total: u64,
    /// At most [`PAGE_SIZE`] document ids, best (or newest) first.
    pub ids: Vec<i64>,
    pub kind: QueryKind,
}

/// Bytes on disk, by part (from SQLite's `dbstat`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NaiveSizes {
    /// `docs`, overflow pages included.
    pub documents: u64,
    /// The FTS5 trigram index (`docs_fts_*` shadow tables).
    pub fts: u64,
    /// The b-tree indexes on `docs`.
    pub indexes: u64,
}

/// A SQLite database of its own (not the platform's), with the trigram index.
pub struct NaiveSearch {
    conn: SqliteConnection,
}

impl NaiveSearch {
    /// Creates the database file at `path` with an empty schema. Fails if the tables exist
    /// already (delete the file first).
    pub async fn create(path: &Path) -> Result<NaiveSearch, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Off)
            .synchronous(SqliteSynchronous::Off)
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory");
        let mut conn = options.connect().await?;
        sqlx::raw_sql(SCHEMA).execute(&mut conn).await?;
        Ok(NaiveSearch { conn })
    }

    /// Bulk load: inserts `docs` in one transaction (one prepared statement). Pass thousands at
    /// a time, then call [`NaiveSearch::finish_load`] once: the documents are not searchable
    /// before.
    pub async fn insert_batch(&mut self, docs: &[NaiveDoc]) -> Result<(), StoreError> {
        let mut tx = self.conn.begin().await?;
        for d in docs {
            sqlx::query("INSERT INTO docs (id, agency_id, published, title, body) VALUES (?, ?, ?, ?, ?)")
                .bind(d.id)
                .bind(d.agency_id)
                .bind(d.published)
                .bind(d.title.as_str())
                .bind(d.body.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// After the bulk load, as an import would do it: the trigram index built in one pass
    /// (faster than a trigger row by row), then the triggers for later writes, the indexes for
    /// the agency filter and the date order, and the planner's statistics.
    pub async fn finish_load(&mut self) -> Result<LoadTimes, StoreError> {
        let started = Instant::now();
        sqlx::raw_sql(BUILD_FTS).execute(&mut self.conn).await?;
        let fts = started.elapsed();
        sqlx::raw_sql(AFTER_LOAD).execute(&mut self.conn).await?;
        Ok(LoadTimes { fts, indexes: started.elapsed() - fts })
    }

    /// How the file's pages are used. Reads every page.
    pub async fn sizes(&mut self) -> Result<NaiveSizes, StoreError> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetch_all(&mut self.conn).await?;
        let mut sizes = NaiveSizes::default();
        for (name, bytes) in rows {
            let bytes = u64::try_from(bytes).unwrap_or(0);
            match name.as_str() {
                "docs" => sizes.documents += bytes,
                "docs_published" | "docs_agency_published" => sizes.indexes += bytes,
                n if n.starts_with("docs_fts") => sizes.fts += bytes,
                _ => {}
            }
        }
        Ok(sizes)
    }

    /// The first page (20) of documents with every word of `text`, optionally of one agency,
    /// and how many there are in all.
    pub async fn search(&mut self, text: &str, agency_id: Option<i64>) -> Result<NaiveHits, StoreError> {
        let kind = QueryKind::of(text);
        let (long, short) = split_words(text);
        if kind == QueryKind::Empty {
            return Ok(NaiveHits { total: 0, ids: Vec::new(), kind });
        }
        let like_patterns: Vec<String> = short.iter().map(|w| format!("%{}%", escape_like(w))).collect();
        let like_sql = vec!["(d.title LIKE ? ESCAPE '\\' OR d.body LIKE ? ESCAPE '\\')"; short.len()];
        let agency_sql = agency_id.map(|_| "d.agency_id = ?");

        let (page_sql, count_sql, match_string) = if long.is_empty() {
            let mut conds = like_sql;
            conds.extend(agency_sql);
            let conds = conds.join(" AND ");
            (
                format!("SELECT d.id FROM docs d WHERE {conds} ORDER BY d.published DESC LIMIT {PAGE_SIZE}"),
                format!("SELECT count(*) FROM docs d WHERE {conds}"),
                None,
            )
        } else {
            let match_string = long.iter().map(|w| fts5_phrase(w)).collect::<Vec<_>>().join(" AND ");
            if short.is_empty() && agency_id.is_none() {
                // The index alone answers: no need to read a document.
                (
                    format!(
                        "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? \
                         ORDER BY bm25(docs_fts, 3.0, 1.0) LIMIT {PAGE_SIZE}"
                    ),
                    "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?".to_string(),
                    Some(match_string),
                )
            } else {
                let mut conds = vec!["docs_fts MATCH ?"];
                conds.extend(like_sql);
                conds.extend(agency_sql);
                let conds = conds.join(" AND ");
                (
                    format!(
                        "SELECT d.id FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid WHERE {conds} \
                         ORDER BY bm25(docs_fts, 3.0, 1.0) LIMIT {PAGE_SIZE}"
                    ),
                    format!("SELECT count(*) FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid WHERE {conds}"),
                    Some(match_string),
                )
            }
        };

        // Binds in the order of the conditions: MATCH, the LIKE pairs, the agency.
        macro_rules! bound {
            ($q:expr) => {{
                let mut q = $q;
                if let Some(m) = &match_string {
                    q = q.bind(m.clone());
                }
                for p in &like_patterns {
                    q = q.bind(p.clone()).bind(p.clone());
                }
                if let Some(a) = agency_id {
                    q = q.bind(a);
                }
                q
            }};
        }
        let ids: Vec<i64> = bound!(sqlx::query_scalar(AssertSqlSafe(page_sql))).fetch_all(&mut self.conn).await?;
        let total: i64 = bound!(sqlx::query_scalar(AssertSqlSafe(count_sql))).fetch_one(&mut self.conn).await?;
        Ok(NaiveHits { total: u64::try_from(total).unwrap_or(0), ids, kind })
    }
}

/// The distinct words of a query: (3 or more characters, 1–2 characters).
fn split_words(text: &str) -> (Vec<&str>, Vec<&str>) {
    let mut long = Vec::new();
    let mut short = Vec::new();
    for w in text.split_whitespace() {
        if long.contains(&w) || short.contains(&w) {
            continue;
        }
        if w.chars().count() >= 3 { long.push(w) } else { short.push(w) }
    }
    (long, short)
}

/// An FTS5 string (a phrase): in double quotes, quotes inside doubled.
fn fts5_phrase(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// `%`, `_` and the escape character itself, escaped with `\` for `LIKE … ESCAPE '\'`.
fn escape_like(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: i64, agency_id: i64, published: i64, title: &str, body: &str) -> NaiveDoc {
        NaiveDoc { id, agency_id, published, title: title.into(), body: body.into() }
    }

    #[tokio::test]
    async fn finds_by_trigram_match_and_by_like_and_counts() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = NaiveSearch::create(&dir.path().join("naive.sqlite")).await.unwrap();
        s.insert_batch(&[
            doc(
                1,
                1,
                100,
                "关于调整最低生活保障标准的通知",
                "各区县民政局：为保障困难群众基本生活，现将低保标准调整如下。",
            ),
            doc(2, 1, 300, "2024年财政预算执行情况", "全市一般公共预算收入完成年度目标，财政支出保持较快增长。"),
            doc(3, 2, 200, "教育局2024年招生工作安排", "义务教育阶段招生实行免试就近入学，财政保障学位供给。"),
            doc(4, 2, 400, "关于\"100%\"办结率的说明", "政务服务事项办结率达到100%_以上。"),
        ])
        .await
        .unwrap();
        s.finish_load().await.unwrap();

        // 3+ characters: trigram MATCH (in the title of 1 only).
        let r = s.search("最低生活保障", None).await.unwrap();
        assert_eq!((r.total, r.ids.clone(), r.kind), (1, vec![1], QueryKind::Match));
        // 2 characters: LIKE, newest first; 财政 is in the title of 2 and the body of 3.
        let r = s.search("财政", None).await.unwrap();
        assert_eq!((r.total, r.ids.clone(), r.kind), (2, vec![2, 3], QueryKind::Like));
        // A 2-character word the trigram index alone could never find (in a body only).
        let r = s.search("低保", None).await.unwrap();
        assert_eq!((r.total, r.ids), (1, vec![1]));
        // Words are ANDed; the agency filter applies.
        let r = s.search("财政 招生", None).await.unwrap();
        assert_eq!((r.total, r.ids), (1, vec![3]));
        let r = s.search("财政", Some(1)).await.unwrap();
        assert_eq!((r.total, r.ids), (1, vec![2]));
        // MATCH and LIKE combined.
        let r = s.search("执行情况 财政", None).await.unwrap();
        assert_eq!((r.total, r.ids.clone(), r.kind), (1, vec![2], QueryKind::MatchLike));
        let r = s.search("执行情况 教育", None).await.unwrap();
        assert_eq!((r.total, r.ids), (0, vec![]));
        let r = s.search("免试就近入学 财政", Some(2)).await.unwrap();
        assert_eq!((r.total, r.ids), (1, vec![3]));
        let r = s.search("免试就近入学", Some(1)).await.unwrap();
        assert_eq!((r.total, r.ids), (0, vec![]));
        // Quotes, % and _ are taken literally, not as syntax.
        let r = s.search("\"100%\"", None).await.unwrap();
        assert_eq!((r.total, r.ids), (1, vec![4]));
        let r = s.search("%", None).await.unwrap();
        assert_eq!((r.total, r.ids), (1, vec![4]));
        let r = s.search("%_", None).await.unwrap();
        assert_eq!((r.total, r.ids), (1, vec![4]));
        let r = s.search("   ", None).await.unwrap();
        assert_eq!((r.total, r.kind), (0, QueryKind::Empty));
        // Later writes reach the index through the triggers.
        s.insert_batch(&[doc(5, 3, 500, "城市更新", "老旧小区改造与最低生活保障并行推进。")]).await.unwrap();
        let r = s.search("最低生活保障", None).await.unwrap();
        assert_eq!((r.total, r.ids), (2, vec![1, 5]));
        let sizes = s.sizes().await.unwrap();
        assert!(sizes.documents > 0 && sizes.fts > 0 && sizes.indexes > 0, "{sizes:?}");
    }

    #[tokio::test]
    async fn ranks_the_title_match_first_and_counts_beyond_a_page() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = NaiveSearch::create(&dir.path().join("naive.sqlite")).await.unwrap();
        let mut docs: Vec<NaiveDoc> =
            (1..=30).map(|i| doc(i, 1, i, &format!("第{i}号通知"), "本通知涉及国土空间规划的有关事项。")).collect();
        docs.push(doc(31, 1, 0, "国土空间规划", "国土空间规划"));
        s.insert_batch(&docs).await.unwrap();
        s.finish_load().await.unwrap();
        let r = s.search("国土空间规划", None).await.unwrap();
        assert_eq!(r.total, 31);
        assert_eq!(r.ids.len(), 20);
        assert_eq!(r.ids[0], 31);
        let r = s.search("通知", None).await.unwrap();
        assert_eq!(r.total, 30);
        assert_eq!(r.ids[..3], [30, 29, 28]);
    }
}
