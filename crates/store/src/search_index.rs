//! The search index kept in the database (issue #4, item 4), for sites with several web nodes:
//! one index shared by all of them instead of one tantivy directory each.
//!
//! The words come already segmented (jieba, in `gongkai-search`'s `plan`): this module only
//! stores them and runs match expressions over them, with SQLite's FTS5 (`search_terms`, ranked
//! by `bm25` with column weights) or PostgreSQL's full-text search (a weighted `tsvector`, ranked
//! by `ts_rank`). A word is a run of letters and digits, so the databases' own tokenizers (FTS5
//! `unicode61`) and literals (`::tsvector`, `::tsquery`) see each one unchanged.
//!
//! The outbox cursor lives in `search_cursor` and is written in the same transaction as the
//! entries, so a crash leaves index and cursor in agreement; nodes applying the same outbox rows
//! at once are serialised by that row (see [`apply`]).

use gongkai_core::doc::PolicyKind;
use time::Date;

use crate::sql::{Arg, Filter};
use crate::{Db, StoreError, Tx, bind_args, on_db, tx_exec};

/// Column weights: a match in the title counts three times one in the body (as in the tantivy
/// index), in the 文号 twice.
const SQLITE_BM25: &str = "bm25(search_terms, 3.0, 2.0, 1.0, 1.0)";
/// `ts_rank` weights, in PostgreSQL's order {D body, C agency, B 文号, A title}.
const PG_WEIGHTS: &str = "'{0.1, 0.1, 0.2, 0.3}'";
/// PostgreSQL numbers words up to this position; later ones share it (phrases there match less
/// precisely, single words still match).
const PG_MAX_POSITION: usize = 16_383;

/// One public document as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub document_id: i64,
    pub index_no: String,
    /// The 文号's lookup key (normalised), if it has one.
    pub doc_no_key: Option<String>,
    pub title: String,
    pub body_text: String,
    pub agency_id: i64,
    pub agency_name: String,
    pub topic: String,
    pub genre: String,
    pub policy_kind: String,
    pub validity: Option<String>,
    pub year: i32,
    pub published_on: Date,
    /// Words of the title, 文号, agency name and body, in the order `plan::terms` gives.
    pub terms: [Vec<String>; 4],
}

/// One way a required part of a query may match (see `gongkai_search::plan::Match`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    Word(String),
    Phrase(Vec<String>),
}

/// Conditions on the stored columns; every one that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryFilter {
    /// This document only.
    pub document_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub topic: Option<String>,
    pub genre: Option<String>,
    pub year: Option<i32>,
    pub validity: Option<String>,
    pub policies_only: bool,
}

/// A query: every group must match (any of its alternatives), and the filter.
#[derive(Debug, Clone, Copy)]
pub struct EntryQuery<'a> {
    /// Empty: no text condition.
    pub groups: &'a [Vec<Match>],
    pub filter: &'a EntryFilter,
}

/// Counts per combination of facet values.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FacetCounts {
    pub agency_id: i64,
    pub agency_name: String,
    pub topic: String,
    pub genre: String,
    pub year: i32,
    pub validity: Option<String>,
    pub count: i64,
}

/// What a result shows.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Shown {
    pub document_id: i64,
    pub index_no: String,
    pub title: String,
    pub body_text: String,
}

/// Writes to apply together.
#[derive(Debug, Default)]
pub struct Changes {
    /// Remove every entry first.
    pub clear: bool,
    /// By document id, in order: `Some` adds or replaces the entry, `None` removes it.
    pub entries: Vec<(i64, Option<Entry>)>,
}

/// How the cursor moves with a [`Changes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CursorMove {
    /// Stays as it is.
    Keep,
    /// Becomes this outbox id: the index now reflects the outbox through it. If another node
    /// has already moved it this far or further, it applied the same rows from reads at least
    /// as recent, and these changes are dropped (they could only be older).
    Through(i64),
    /// Becomes this value whatever it was (0 after a clear).
    Set(i64),
}

/// Applies the changes and moves the cursor in one transaction; `false` when they were dropped
/// (see [`CursorMove::Through`]).
pub async fn apply(db: &Db, changes: &Changes, cursor: CursorMove) -> Result<bool, StoreError> {
    let mut tx = db.begin().await?;
    // The cursor row first: on PostgreSQL its lock serialises nodes applying at the same time
    // (the second sees the first's cursor once it commits); SQLite's IMMEDIATE transaction
    // already holds the write lock.
    let moved = match cursor {
        CursorMove::Keep => 1,
        CursorMove::Through(to) => tx_exec!(
            &mut tx,
            sqlx::query("UPDATE search_cursor SET outbox_id = $1 WHERE id = 1 AND outbox_id < $1").bind(to)
        )?,
        CursorMove::Set(to) => {
            tx_exec!(&mut tx, sqlx::query("UPDATE search_cursor SET outbox_id = $1 WHERE id = 1").bind(to))?
        }
    };
    if moved == 0 {
        return Ok(false);
    }
    if changes.clear {
        tx_exec!(&mut tx, sqlx::query("DELETE FROM search_entries"))?;
        if let Tx::Sqlite(_) = &tx {
            tx_exec!(&mut tx, sqlx::query("DELETE FROM search_terms"))?;
        }
    }
    for (id, entry) in &changes.entries {
        remove(&mut tx, *id).await?;
        if let Some(e) = entry {
            insert(&mut tx, e).await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}

async fn remove(tx: &mut Tx, id: i64) -> Result<(), StoreError> {
    tx_exec!(tx, sqlx::query("DELETE FROM search_entries WHERE document_id = $1").bind(id))?;
    if let Tx::Sqlite(c) = tx {
        sqlx::query("DELETE FROM search_terms WHERE rowid = $1").bind(id).execute(&mut **c).await?;
    }
    Ok(())
}

const INSERT: &str = "INSERT INTO search_entries (document_id, index_no, doc_no_key, title, body_text, agency_id,
        agency_name, topic, genre, policy_kind, validity, year, published_on";

async fn insert(tx: &mut Tx, e: &Entry) -> Result<(), StoreError> {
    macro_rules! bind_entry {
        ($q:expr) => {
            $q.bind(e.document_id)
                .bind(&e.index_no)
                .bind(&e.doc_no_key)
                .bind(&e.title)
                .bind(&e.body_text)
                .bind(e.agency_id)
                .bind(&e.agency_name)
                .bind(&e.topic)
                .bind(&e.genre)
                .bind(&e.policy_kind)
                .bind(&e.validity)
                .bind(e.year)
                .bind(e.published_on)
        };
    }
    match tx {
        Tx::Sqlite(c) => {
            let sql = format!("{INSERT}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
            bind_entry!(sqlx::query(sqlx::AssertSqlSafe(sql))).execute(&mut **c).await?;
            let [title, doc_no, agency, body] = e.terms.each_ref().map(|t| t.join(" "));
            sqlx::query("INSERT INTO search_terms (rowid, title, doc_no, agency, body) VALUES ($1, $2, $3, $4, $5)")
                .bind(e.document_id)
                .bind(title)
                .bind(doc_no)
                .bind(agency)
                .bind(body)
                .execute(&mut **c)
                .await?;
        }
        Tx::Pg(c) => {
            let sql = format!(
                "{INSERT}, terms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::tsvector)"
            );
            bind_entry!(sqlx::query(sqlx::AssertSqlSafe(sql)))
                .bind(tsvector_literal(&e.terms))
                .execute(&mut **c)
                .await?;
        }
    }
    Ok(())
}

/// `'word':position+weight …`, fields numbered one after the other (one position apart, so a
/// phrase does not run from one field into the next), weights A to D.
fn tsvector_literal(fields: &[Vec<String>; 4]) -> String {
    let mut out = String::new();
    let mut position = 1usize;
    for (words, weight) in fields.iter().zip(['A', 'B', 'C', 'D']) {
        for word in words {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&quoted(word));
            out.push_str(&format!(":{}{weight}", position.min(PG_MAX_POSITION)));
            position += 1;
        }
        position += 1;
    }
    out
}

/// A word as a tsvector or tsquery literal lexeme.
fn quoted(word: &str) -> String {
    format!("'{}'", word.replace('\\', "\\\\").replace('\'', "''"))
}

/// The groups as a PostgreSQL tsquery literal: `('a' | 'b' <-> 'c') & …`.
fn tsquery_literal(groups: &[Vec<Match>]) -> String {
    let alternative = |m: &Match| match m {
        Match::Word(w) => quoted(w),
        Match::Phrase(ws) => format!("({})", ws.iter().map(|w| quoted(w)).collect::<Vec<_>>().join(" <-> ")),
    };
    groups
        .iter()
        .map(|g| format!("({})", g.iter().map(alternative).collect::<Vec<_>>().join(" | ")))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// The groups as an FTS5 match expression: `("a" OR "b c") AND …` (a quoted string of several
/// words is a phrase).
fn fts5_literal(groups: &[Vec<Match>]) -> String {
    let phrase = |ws: &[String]| format!("\"{}\"", ws.join(" ").replace('"', "\"\""));
    let alternative = |m: &Match| match m {
        Match::Word(w) => phrase(std::slice::from_ref(w)),
        Match::Phrase(ws) => phrase(ws),
    };
    groups
        .iter()
        .map(|g| format!("({})", g.iter().map(alternative).collect::<Vec<_>>().join(" OR ")))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// `FROM … WHERE …` for a query, with its arguments, and the rank expression (higher is better)
/// when there is text to rank by.
fn from_where(db: &Db, q: EntryQuery<'_>) -> (String, Filter, Option<String>) {
    let mut w = Filter::default();
    let (from, rank) = if q.groups.is_empty() {
        ("search_entries e".to_string(), None)
    } else {
        match db {
            Db::Sqlite(_) => {
                w.with("search_terms MATCH ?", Arg::Text(fts5_literal(q.groups)));
                (
                    "search_terms JOIN search_entries e ON e.document_id = search_terms.rowid".to_string(),
                    Some(format!("-{SQLITE_BM25}")),
                )
            }
            Db::Pg(_) => {
                w.with("e.terms @@ ?::tsquery", Arg::Text(tsquery_literal(q.groups)));
                let at = w.args.len();
                ("search_entries e".to_string(), Some(format!("ts_rank({PG_WEIGHTS}, e.terms, ${at}::tsquery)")))
            }
        }
    };
    let f = q.filter;
    w.maybe("e.document_id = ?", f.document_id, Arg::I64)
        .maybe("e.agency_id = ?", f.agency_id, Arg::I64)
        .maybe("e.topic = ?", f.topic.clone(), Arg::Text)
        .maybe("e.genre = ?", f.genre.clone(), Arg::Text)
        .maybe("e.year = ?", f.year.map(i64::from), Arg::I64)
        .maybe("e.validity = ?", f.validity.clone(), Arg::Text);
    if f.policies_only {
        w.with("e.policy_kind <> ?", Arg::Text(PolicyKind::NotPolicy.code().to_string()));
    }
    (format!("FROM {from}{}", w.sql()), w, rank)
}

/// A page of matches: `(document id, score)`, best first (or newest first with `by_date`, and
/// always when there is no text), score 0 when sorted by date.
pub async fn page(
    db: &Db,
    q: EntryQuery<'_>,
    by_date: bool,
    limit: u32,
    offset: u32,
) -> Result<Vec<(i64, f32)>, StoreError> {
    let (from, w, rank) = from_where(db, q);
    let (score, order) = match rank {
        Some(rank) if !by_date => (format!("CAST({rank} AS REAL)"), "score DESC, e.document_id".to_string()),
        _ => ("CAST(0 AS REAL)".to_string(), "e.published_on DESC, e.document_id DESC".to_string()),
    };
    let sql =
        format!("SELECT e.document_id, {score} AS score {from} ORDER BY {order} LIMIT {} OFFSET {}", limit, offset);
    Ok(on_db!(db, |p| bind_args!(sqlx::query_as::<_, (i64, f32)>(sqlx::AssertSqlSafe(sql.clone())), &w.args)
        .fetch_all(p)
        .await)?)
}

/// Counts of all matches per combination of facet values (their sum is the number of matches).
pub async fn facet_counts(db: &Db, q: EntryQuery<'_>) -> Result<Vec<FacetCounts>, StoreError> {
    let (from, w, _) = from_where(db, q);
    let sql = format!(
        "SELECT e.agency_id, e.agency_name, e.topic, e.genre, e.year, e.validity, COUNT(*) AS count {from}
         GROUP BY e.agency_id, e.agency_name, e.topic, e.genre, e.year, e.validity"
    );
    Ok(on_db!(db, |p| bind_args!(sqlx::query_as::<_, FacetCounts>(sqlx::AssertSqlSafe(sql.clone())), &w.args)
        .fetch_all(p)
        .await)?)
}

/// Does document `id` match the query?
pub async fn matches(db: &Db, q: EntryQuery<'_>, id: i64) -> Result<bool, StoreError> {
    let one = EntryFilter { document_id: Some(id), ..q.filter.clone() };
    let (from, w, _) = from_where(db, EntryQuery { groups: q.groups, filter: &one });
    let sql = format!("SELECT COUNT(*) {from}");
    let n: i64 =
        on_db!(db, |p| bind_args!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone())), &w.args).fetch_one(p).await)?;
    Ok(n > 0)
}

/// The document whose 文号 key or 索引号 is given (the lowest id if several share a 文号).
pub async fn exact(db: &Db, doc_no_key: Option<&str>, index_no: Option<&str>) -> Result<Option<i64>, StoreError> {
    for (column, value) in [("doc_no_key", doc_no_key), ("index_no", index_no)] {
        let Some(value) = value else { continue };
        let sql = format!("SELECT MIN(document_id) FROM search_entries WHERE {column} = $1");
        let id: Option<i64> =
            on_db!(db, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone())).bind(value).fetch_one(p).await)?;
        if id.is_some() {
            return Ok(id);
        }
    }
    Ok(None)
}

/// What the results `ids` show, in any order.
pub async fn shown(db: &Db, ids: &[i64]) -> Result<Vec<Shown>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let sql =
        format!("SELECT document_id, index_no, title, body_text FROM search_entries WHERE document_id IN ({list})");
    Ok(on_db!(db, |p| sqlx::query_as::<_, Shown>(sqlx::AssertSqlSafe(sql.clone())).fetch_all(p).await)?)
}

/// Number of entries.
pub async fn count(db: &Db) -> Result<u64, StoreError> {
    let n: i64 = on_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM search_entries").fetch_one(p).await)?;
    Ok(n as u64)
}

/// Every document id in the index, sorted.
pub async fn document_ids(db: &Db) -> Result<Vec<i64>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_scalar("SELECT document_id FROM search_entries ORDER BY document_id")
        .fetch_all(p)
        .await)?)
}

/// The outbox id the index reflects up to.
pub async fn cursor(db: &Db) -> Result<i64, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_scalar("SELECT outbox_id FROM search_cursor WHERE id = 1").fetch_one(p).await)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_quote_words_and_number_fields_apart() {
        let fields = [vec!["财政".to_string(), "o'k".into()], vec![], vec!["a\\b".into()], vec!["财政".into()]];
        assert_eq!(tsvector_literal(&fields), "'财政':1A 'o''k':2A 'a\\\\b':5C '财政':7D");
        let groups = vec![
            vec![Match::Word("低保".into()), Match::Phrase(vec!["最低".into(), "生活".into()])],
            vec![Match::Word("x\"y".into())],
        ];
        assert_eq!(tsquery_literal(&groups), "('低保' | ('最低' <-> '生活')) & ('x\"y')");
        assert_eq!(fts5_literal(&groups), "(\"低保\" OR \"最低 生活\") AND (\"x\"\"y\")");
    }
}
