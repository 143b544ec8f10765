//! The search index kept in the database (`search_engine = "database"`, issue #4 item 4): one
//! index shared by every web node, where the default keeps a tantivy index per node.
//!
//! [`DbIndex`] is a [`SearchIndex`] like the tantivy one and passes the same conformance suite
//! on SQLite and PostgreSQL. It segments with gongkai-search (`plan`: the same jieba,
//! dictionary, synonyms and query grammar), stores and matches with gongkai-store
//! (`search_index`: FTS5 or PostgreSQL full-text search), and marks results with
//! gongkai-search's `highlight`.
//!
//! Like every [`SearchIndex`] its calls block; it runs the store's async calls on the runtime it
//! was made in, so call it from a blocking thread (`spawn_blocking`), never from async code.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use gongkai_search::plan::{self, ExactKeys, QueryPlan};
use gongkai_search::{
    Analyzer, FacetRow, Facets, Hit, MAX_OFFSET, MAX_PER_PAGE, SearchDoc, SearchError, SearchIndex, SearchQuery,
    SearchResults, Sort, SynonymTable, highlight,
};
use gongkai_store::search_index::{self as store, CursorMove, EntryFilter, EntryQuery, Match};
use gongkai_store::{Db, StoreError};

pub struct DbIndex {
    db: Db,
    runtime: tokio::runtime::Handle,
    analyzer: Analyzer,
    synonyms: SynonymTable,
    /// Writes since the last commit, by document (`None`: delete); applied in one transaction.
    pending: Mutex<BTreeMap<i64, Option<store::Entry>>>,
}

impl std::fmt::Debug for DbIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbIndex").finish_non_exhaustive()
    }
}

fn backend(e: StoreError) -> SearchError {
    SearchError::Backend(Box::new(e))
}

impl DbIndex {
    /// An index in `db`, run on the current tokio runtime (panics outside one).
    pub fn new(db: Db) -> DbIndex {
        DbIndex {
            db,
            runtime: tokio::runtime::Handle::current(),
            analyzer: Analyzer::default(),
            synonyms: SynonymTable::builtin(),
            pending: Mutex::new(BTreeMap::new()),
        }
    }

    fn block<T>(&self, f: impl Future<Output = Result<T, StoreError>>) -> Result<T, SearchError> {
        self.runtime.block_on(f).map_err(backend)
    }

    fn entry(&self, d: &SearchDoc) -> store::Entry {
        let terms = |text: &str| plan::terms(&self.analyzer, text);
        store::Entry {
            document_id: d.document_id,
            index_no: d.index_no.clone(),
            doc_no_key: d.doc_no.as_deref().map(plan::doc_no_key),
            title: d.title.clone(),
            body_text: d.body_text.clone(),
            agency_id: d.agency_id,
            agency_name: d.agency_name.clone(),
            topic: d.topic.clone(),
            genre: d.genre.code().to_string(),
            policy_kind: d.policy_kind.code().to_string(),
            validity: d.validity.map(|v| v.code().to_string()),
            year: d.year(),
            published_on: d.published_on,
            terms: [
                terms(&d.title),
                terms(d.doc_no.as_deref().unwrap_or_default()),
                terms(&d.agency_name),
                terms(&d.body_text),
            ],
        }
    }

    fn apply(&self, clear: bool, cursor: CursorMove) -> Result<(), SearchError> {
        let mut pending = self.pending.lock().map_err(|_| SearchError::Poisoned)?;
        let changes = store::Changes { clear, entries: std::mem::take(&mut *pending).into_iter().collect() };
        // Dropped changes (another node got there first with newer reads) are not an error.
        self.block(store::apply(&self.db, &changes, cursor))?;
        Ok(())
    }
}

fn store_filter(q: &SearchQuery) -> EntryFilter {
    let f = &q.filters;
    EntryFilter {
        document_id: None,
        agency_id: f.agency_id,
        topic: f.topic.clone(),
        genre: f.genre.map(|g| g.code().to_string()),
        year: f.year,
        validity: f.validity.map(|v| v.code().to_string()),
        policies_only: f.policies_only,
    }
}

fn store_groups(plan: &QueryPlan) -> Vec<Vec<Match>> {
    plan.groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|m| match m {
                    plan::Match::Word(w) => Match::Word(w.clone()),
                    plan::Match::Phrase(ws) => Match::Phrase(ws.clone()),
                })
                .collect()
        })
        .collect()
}

impl SearchIndex for DbIndex {
    fn upsert(&self, doc: &SearchDoc) -> Result<(), SearchError> {
        let entry = self.entry(doc);
        self.pending.lock().map_err(|_| SearchError::Poisoned)?.insert(doc.document_id, Some(entry));
        Ok(())
    }

    fn delete(&self, document_id: i64) -> Result<(), SearchError> {
        self.pending.lock().map_err(|_| SearchError::Poisoned)?.insert(document_id, None);
        Ok(())
    }

    fn commit(&self) -> Result<(), SearchError> {
        self.apply(false, CursorMove::Keep)
    }

    fn commit_through(&self, cursor: i64) -> Result<(), SearchError> {
        self.apply(false, CursorMove::Through(cursor))
    }

    fn cursor(&self) -> Result<i64, SearchError> {
        self.block(store::cursor(&self.db))
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let plan = QueryPlan::new(&self.analyzer, &self.synonyms, &q.text);
        let keys = ExactKeys::of(&q.text);
        let exact = if keys.is_empty() {
            None
        } else {
            self.block(store::exact(&self.db, keys.doc_no.as_deref(), keys.index_no.as_deref()))?
        };
        let groups = store_groups(&plan);
        let filter = store_filter(q);
        let text_query = EntryQuery { groups: &groups, filter: &filter };
        let filter_only = EntryQuery { groups: &[], filter: &filter };

        // The results are the text's matches (every document when there is no text), plus the
        // exact match when it passes the filters without matching the text, as in the tantivy
        // index (where it is a further alternative of the query).
        let mut extra = None;
        let mut exact_in_text = false;
        if let Some(id) = exact {
            exact_in_text = !plan.is_empty() && self.block(store::matches(&self.db, text_query, id))?;
            if !exact_in_text && self.block(store::matches(&self.db, filter_only, id))? {
                extra = Some(id);
            }
        }
        let query = match (plan.is_empty(), exact) {
            (false, _) => Some(text_query),
            (true, None) => Some(filter_only),
            (true, Some(_)) => None,
        };

        let per_page = q.per_page.clamp(1, MAX_PER_PAGE);
        let page = q.page.max(1);
        let offset = (page - 1).saturating_mul(per_page).min(MAX_OFFSET);
        let by_date = q.sort == Sort::Date || plan.is_empty();
        let mut found = Vec::new();
        let mut rows = Vec::new();
        if let Some(query) = query {
            // The extra match heads page 1, so the query's own results start one place later.
            let (limit, from) = match extra {
                Some(_) if offset == 0 => (per_page - 1, 0),
                Some(_) => (per_page, offset - 1),
                None => (per_page, offset),
            };
            if limit > 0 {
                found = self.block(store::page(&self.db, query, by_date, limit, from))?;
            }
            rows = self.block(store::facet_counts(&self.db, query))?;
        }
        if let Some(id) = extra {
            let own = EntryFilter { document_id: Some(id), ..EntryFilter::default() };
            rows.extend(self.block(store::facet_counts(&self.db, EntryQuery { groups: &[], filter: &own }))?);
            if offset == 0 {
                found.insert(0, (id, 0.0));
            }
        }
        // The exact match heads the first page whenever it is among the results.
        if let Some(id) = exact
            && page == 1
            && exact_in_text
        {
            let hit = match found.iter().position(|(d, _)| *d == id) {
                Some(i) => found.remove(i),
                None => (id, 0.0),
            };
            found.insert(0, hit);
            found.truncate(per_page as usize);
        }
        let rows: Vec<FacetRow> = rows
            .into_iter()
            .map(|r| FacetRow {
                agency_id: r.agency_id,
                agency_name: r.agency_name,
                topic: r.topic,
                genre: r.genre,
                year: r.year,
                validity: r.validity,
                count: r.count as u64,
            })
            .collect();
        let (total, facets) = Facets::from_rows(&rows);

        let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
        let shown: BTreeMap<i64, store::Shown> =
            self.block(store::shown(&self.db, &ids))?.into_iter().map(|s| (s.document_id, s)).collect();
        let words: Vec<&str> = plan.words.iter().map(String::as_str).collect();
        let word_set: HashSet<&str> = words.iter().copied().collect();
        let hits = found
            .into_iter()
            .filter_map(|(id, score)| {
                let s = shown.get(&id)?;
                let snippet_html = if words.is_empty() {
                    highlight::start_of(&s.body_text)
                } else {
                    highlight::snippet(&s.body_text, &words, highlight::SNIPPET_CHARS)
                };
                Some(Hit {
                    document_id: id,
                    index_no: s.index_no.clone(),
                    title_html: highlight::mark_words(&self.analyzer, &s.title, &word_set),
                    snippet_html,
                    score,
                })
            })
            .collect();
        Ok(SearchResults { total, hits, facets, exact })
    }

    fn len(&self) -> Result<u64, SearchError> {
        self.block(store::count(&self.db))
    }

    fn document_ids(&self) -> Result<Vec<i64>, SearchError> {
        self.block(store::document_ids(&self.db))
    }

    fn clear(&self) -> Result<(), SearchError> {
        self.pending.lock().map_err(|_| SearchError::Poisoned)?.clear();
        self.apply(true, CursorMove::Set(0))
    }
}
