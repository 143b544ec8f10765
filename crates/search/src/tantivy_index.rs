//! The default [`SearchIndex`]: tantivy on local disk (or in memory for tests).

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use gongkai_core::doc::PolicyKind;
use gongkai_core::text::char_len;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analyzer::{Analyzer, GovTokenizer, RUN_CHARS, SynonymTable, TOKENIZER, Word};
use crate::facets::{FacetCollector, RawFacets};
use crate::highlight;
use crate::plan::{ExactKeys, doc_no_key};
use crate::query::{ParsedQuery, TermGroup};
use crate::{Hit, MAX_OFFSET, MAX_PER_PAGE, SearchDoc, SearchError, SearchIndex, SearchQuery, SearchResults, Sort};

/// Weight of a word's match in the title, added to its match in the whole text (which holds the
/// title too), so a title word counts about three times a body word.
const TITLE_BOOST: f32 = 2.0;
/// Memory of the single indexing thread (tantivy's minimum is 15 MB per thread).
const WRITER_MEMORY: usize = 50_000_000;

#[derive(Clone, Copy)]
struct Fields {
    document_id: Field,
    index_no: Field,
    doc_no_key: Field,
    title: Field,
    /// Title, 文号, agency name and body as one indexed field: a query word is looked up in two
    /// posting lists (this and the title) instead of four, which is most of a query's cost.
    text: Field,
    body: Field,
    agency_id: Field,
    agency_name: Field,
    topic: Field,
    genre: Field,
    policy_kind: Field,
    validity: Field,
    year: Field,
    published: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored { options.set_stored() } else { options }
    };
    let fields = Fields {
        document_id: b.add_i64_field("document_id", INDEXED | STORED | FAST),
        index_no: b.add_text_field("index_no", STRING | STORED),
        doc_no_key: b.add_text_field("doc_no_key", STRING),
        title: b.add_text_field("title", text(true)),
        text: b.add_text_field("text", text(false)),
        body: b.add_text_field("body", STORED),
        agency_id: b.add_i64_field("agency_id", INDEXED | FAST),
        agency_name: b.add_text_field("agency_name", STRING | FAST),
        topic: b.add_text_field("topic", STRING | FAST),
        genre: b.add_text_field("genre", STRING | FAST),
        policy_kind: b.add_text_field("policy_kind", STRING),
        validity: b.add_text_field("validity", STRING | FAST),
        year: b.add_i64_field("year", INDEXED | FAST),
        published: b.add_i64_field("published", FAST),
    };
    (b.build(), fields)
}

/// tantivy with jieba. One writer (behind a mutex), one reader reloaded after each commit. The
/// outbox cursor is the payload of tantivy's commit, so it is written in the same atomic step as
/// the documents.
pub struct TantivyIndex {
    writer: Mutex<Writer>,
    reader: IndexReader,
    fields: Fields,
    analyzer: Analyzer,
    synonyms: SynonymTable,
}

struct Writer {
    inner: IndexWriter,
    /// As of the last commit.
    cursor: i64,
}

impl Writer {
    fn commit(&mut self, cursor: i64) -> Result<(), SearchError> {
        let mut prepared = self.inner.prepare_commit()?;
        prepared.set_payload(&cursor.to_string());
        prepared.commit()?;
        self.cursor = cursor;
        Ok(())
    }
}

impl std::fmt::Debug for TantivyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TantivyIndex").finish_non_exhaustive()
    }
}

impl TantivyIndex {
    /// Opens the index in `dir`, creating the directory and an empty index if needed.
    ///
    /// An index written by another version of gongkai with other fields is replaced by an empty
    /// one. Its cursor is then 0, so the next sync re-reads every document from the outbox (which
    /// is never pruned): upgrading needs no manual `reindex`, and searches see the documents again
    /// as the rebuild proceeds.
    pub fn open(dir: &Path) -> Result<TantivyIndex, SearchError> {
        std::fs::create_dir_all(dir)?;
        let (schema, _) = schema();
        let index = match Index::open_or_create(MmapDirectory::open(dir)?, schema.clone()) {
            Err(tantivy::TantivyError::SchemaError(reason)) => {
                tracing::warn!(dir = %dir.display(), %reason, "search index has other fields; rebuilding it");
                std::fs::remove_dir_all(dir)?;
                std::fs::create_dir_all(dir)?;
                Index::create_in_dir(dir, schema)?
            }
            opened => opened?,
        };
        TantivyIndex::with_index(index)
    }

    /// An index in memory (tests, tools).
    pub fn in_memory() -> Result<TantivyIndex, SearchError> {
        let (schema, _) = schema();
        TantivyIndex::with_index(Index::create_in_ram(schema))
    }

    fn with_index(index: Index) -> Result<TantivyIndex, SearchError> {
        let (_, fields) = schema();
        let analyzer = Analyzer::default();
        index.tokenizers().register(TOKENIZER, GovTokenizer::default());
        let cursor = index.load_metas()?.payload.and_then(|p| p.parse().ok()).unwrap_or(0);
        let writer = Writer { inner: index.writer_with_num_threads(1, WRITER_MEMORY)?, cursor };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(TantivyIndex { writer: Mutex::new(writer), reader, fields, analyzer, synonyms: SynonymTable::builtin() })
    }

    /// Closes the index once the segment merges running in the background have finished. A
    /// process that exits right after a bulk load (the benchmark) calls it; otherwise the merges
    /// are abandoned and resume after the next commit of whoever opens the index.
    pub fn finish(self) -> Result<(), SearchError> {
        let writer = self.writer.into_inner().map_err(|_| SearchError::Poisoned)?;
        writer.inner.wait_merging_threads()?;
        Ok(())
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, Writer>, SearchError> {
        self.writer.lock().map_err(|_| SearchError::Poisoned)
    }

    fn id_term(&self, document_id: i64) -> Term {
        Term::from_field_i64(self.fields.document_id, document_id)
    }

    fn to_document(&self, d: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_i64(f.document_id, d.document_id);
        doc.add_text(f.index_no, &d.index_no);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.text, &d.title);
        if let Some(no) = &d.doc_no {
            doc.add_text(f.text, no);
            doc.add_text(f.doc_no_key, doc_no_key(no));
        }
        doc.add_text(f.text, &d.agency_name);
        doc.add_text(f.text, &d.body_text);
        doc.add_text(f.body, &d.body_text);
        doc.add_i64(f.agency_id, d.agency_id);
        doc.add_text(f.agency_name, &d.agency_name);
        doc.add_text(f.topic, &d.topic);
        doc.add_text(f.genre, d.genre.code());
        doc.add_text(f.policy_kind, d.policy_kind.code());
        if let Some(v) = d.validity {
            doc.add_text(f.validity, v.code());
        }
        doc.add_i64(f.year, i64::from(d.year()));
        doc.add_i64(f.published, i64::from(d.published_on.to_julian_day()));
        doc
    }

    /// The terms a word or phrase is looked up by, with their offsets in characters.
    fn alternative_terms(words: &[Word]) -> Vec<(usize, String)> {
        let first = words.first().map_or(0, |w| w.position);
        let mut terms: Vec<(usize, String)> = Vec::new();
        for w in words {
            let offset = w.position.saturating_sub(first);
            if !terms.iter().any(|(o, _)| *o == offset) {
                terms.push((offset, w.text.clone()));
            }
        }
        terms
    }

    /// Whether the alternative `alt` of `group` (a phrase of a word's smallest words) finds
    /// nothing its word does not: the word is in the dictionary, so wherever its smallest words
    /// follow one another the index holds the word too ([`Analyzer::run_words`]).
    fn redundant_phrase(&self, group: &TermGroup, alt: &[Word]) -> bool {
        if alt.len() < 2 {
            return false;
        }
        // The text the words cover (smallest words may overlap: 城中 + 中村 is 城中村).
        let mut joined = String::new();
        let mut end = alt[0].position;
        for w in alt {
            joined.extend(w.text.chars().skip(end.saturating_sub(w.position)));
            end = end.max(w.end());
        }
        RUN_CHARS.contains(&char_len(&joined))
            && group.alternatives.iter().any(|a| matches!(a.as_slice(), [w] if w.text == joined))
            && self.analyzer.is_word(&joined)
    }

    /// Terms with offsets (from [`Self::alternative_terms`]) as a query on one field.
    fn terms_query(field: Field, terms: &[(usize, String)]) -> Option<Box<dyn Query>> {
        match terms {
            [] => None,
            [(_, text)] => Some(Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqsAndPositions,
            ))),
            _ => Some(Box::new(PhraseQuery::new_with_offset(
                terms.iter().map(|(offset, text)| (*offset, Term::from_field_text(field, text))).collect(),
            ))),
        }
    }

    /// Every group required; within a group, any alternative in the whole text, and a single
    /// word or the group's first alternative (the word or quoted phrase as typed) also in the
    /// title, boosted. The other alternatives (the phrase of a word's smallest words) are
    /// looked up in the text only: they are there for recall.
    fn text_query(&self, parsed: &ParsedQuery) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &parsed.groups {
            let mut seen: Vec<Vec<(usize, String)>> = Vec::new();
            let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (i, alt) in group.alternatives.iter().enumerate() {
                let terms = Self::alternative_terms(alt);
                if seen.contains(&terms) || self.redundant_phrase(group, alt) {
                    continue;
                }
                if let Some(q) = Self::terms_query(f.text, &terms) {
                    should.push((Occur::Should, q));
                }
                if (i == 0 || alt.len() == 1)
                    && let Some(q) = Self::terms_query(f.title, &terms)
                {
                    should.push((Occur::Should, Box::new(BoostQuery::new(q, TITLE_BOOST))));
                }
                seen.push(terms);
            }
            if !should.is_empty() {
                must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
            }
        }
        (!must.is_empty()).then(|| Box::new(BooleanQuery::new(must)) as Box<dyn Query>)
    }

    fn filter_queries(&self, q: &SearchQuery) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let term = |t: Term| -> Box<dyn Query> {
            Box::new(ConstScoreQuery::new(Box::new(TermQuery::new(t, IndexRecordOption::Basic)), 0.0))
        };
        let mut out = Vec::new();
        let filters = &q.filters;
        if let Some(id) = filters.agency_id {
            out.push(term(Term::from_field_i64(f.agency_id, id)));
        }
        if let Some(topic) = &filters.topic {
            out.push(term(Term::from_field_text(f.topic, topic)));
        }
        if let Some(genre) = filters.genre {
            out.push(term(Term::from_field_text(f.genre, genre.code())));
        }
        if let Some(year) = filters.year {
            out.push(term(Term::from_field_i64(f.year, i64::from(year))));
        }
        if let Some(v) = filters.validity {
            out.push(term(Term::from_field_text(f.validity, v.code())));
        }
        if filters.policies_only {
            let kinds = PolicyKind::ALL
                .iter()
                .filter(|k| **k != PolicyKind::NotPolicy)
                .map(|k| (Occur::Should, term(Term::from_field_text(f.policy_kind, k.code()))))
                .collect();
            out.push(Box::new(BooleanQuery::new(kinds)));
        }
        out
    }

    /// The document whose 文号 or 索引号 is the whole query text.
    fn exact_lookup(&self, searcher: &Searcher, text: &str) -> Result<Option<(i64, DocAddress)>, SearchError> {
        let keys = ExactKeys::of(text);
        let mut terms = Vec::new();
        if let Some(no) = &keys.doc_no {
            terms.push(Term::from_field_text(self.fields.doc_no_key, no));
        }
        if let Some(no) = &keys.index_no {
            terms.push(Term::from_field_text(self.fields.index_no, no));
        }
        for term in terms {
            let top = searcher
                .search(&TermQuery::new(term, IndexRecordOption::Basic), &TopDocs::with_limit(1).order_by_score())?;
            if let Some((_, addr)) = top.first() {
                let doc: TantivyDocument = searcher.doc(*addr)?;
                if let Some(id) = doc.get_first(self.fields.document_id).and_then(|v| v.as_i64()) {
                    return Ok(Some((id, *addr)));
                }
            }
        }
        Ok(None)
    }
}

impl SearchIndex for TantivyIndex {
    fn upsert(&self, doc: &SearchDoc) -> Result<(), SearchError> {
        let document = self.to_document(doc);
        let writer = self.writer()?;
        writer.inner.delete_term(self.id_term(doc.document_id));
        writer.inner.add_document(document)?;
        Ok(())
    }

    fn delete(&self, document_id: i64) -> Result<(), SearchError> {
        self.writer()?.inner.delete_term(self.id_term(document_id));
        Ok(())
    }

    fn commit(&self) -> Result<(), SearchError> {
        let mut writer = self.writer()?;
        let cursor = writer.cursor;
        writer.commit(cursor)?;
        self.reader.reload()?;
        Ok(())
    }

    fn commit_through(&self, cursor: i64) -> Result<(), SearchError> {
        self.writer()?.commit(cursor)?;
        self.reader.reload()?;
        Ok(())
    }

    fn cursor(&self) -> Result<i64, SearchError> {
        Ok(self.writer()?.cursor)
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let parsed = ParsedQuery::parse(&self.analyzer, &self.synonyms, &q.text);
        let exact = self.exact_lookup(&searcher, &q.text)?;
        let text_query = self.text_query(&parsed);
        let exact_query = |id: i64| -> Box<dyn Query> {
            Box::new(BoostQuery::new(Box::new(TermQuery::new(self.id_term(id), IndexRecordOption::Basic)), 1000.0))
        };
        let main: Box<dyn Query> = match (&text_query, exact) {
            (Some(tq), Some((id, _))) => {
                Box::new(BooleanQuery::new(vec![(Occur::Should, tq.box_clone()), (Occur::Should, exact_query(id))]))
            }
            (Some(tq), None) => tq.box_clone(),
            (None, Some((id, _))) => exact_query(id),
            (None, None) => Box::new(AllQuery),
        };
        let mut clauses = vec![(Occur::Must, main)];
        clauses.extend(self.filter_queries(q).into_iter().map(|f| (Occur::Must, f)));
        let query = BooleanQuery::new(clauses);

        let per_page = q.per_page.clamp(1, MAX_PER_PAGE) as usize;
        let page = q.page.max(1) as usize;
        let offset = ((page - 1) * per_page).min(MAX_OFFSET as usize);
        let by_date = q.sort == Sort::Date || (text_query.is_none() && exact.is_none());
        let top = TopDocs::with_limit(per_page).and_offset(offset);
        let (mut found, raw): (Vec<(f32, DocAddress)>, RawFacets) = if by_date {
            let (docs, raw) =
                searcher.search(&query, &(top.order_by_fast_field::<i64>("published", Order::Desc), FacetCollector))?;
            (docs.into_iter().map(|(_, addr)| (0.0, addr)).collect(), raw)
        } else {
            searcher.search(&query, &(top.order_by_score(), FacetCollector))?
        };

        // The exact match heads the first page whenever it is among the results.
        if let Some((_, addr)) = exact
            && page == 1
        {
            if let Some(i) = found.iter().position(|(_, a)| *a == addr) {
                let hit = found.remove(i);
                found.insert(0, hit);
            } else {
                let only = BooleanQuery::new(vec![
                    (Occur::Must, Box::new(query.clone()) as Box<dyn Query>),
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(self.id_term(exact.map_or(0, |e| e.0)), IndexRecordOption::Basic)),
                    ),
                ]);
                if searcher.search(&only, &Count)? > 0 {
                    found.insert(0, (0.0, addr));
                    found.truncate(per_page);
                }
            }
        }

        let words: HashSet<&str> = parsed.words().collect();
        let body_snippets = match &text_query {
            Some(tq) => {
                let mut g = SnippetGenerator::create(&searcher, tq.as_ref(), self.fields.text)?;
                g.set_max_num_chars(highlight::SNIPPET_CHARS);
                Some(g)
            }
            None => None,
        };
        let f = &self.fields;
        let mut hits = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let str_of = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let title = str_of(f.title);
            let body = str_of(f.body);
            let snippet_html = match &body_snippets {
                Some(g) => {
                    let mut s = g.snippet(&body);
                    s.set_snippet_prefix_postfix("<mark>", "</mark>");
                    if s.is_empty() { None } else { Some(s.to_html()) }
                }
                None => None,
            }
            .unwrap_or_else(|| highlight::start_of(&body));
            hits.push(Hit {
                document_id: doc.get_first(f.document_id).and_then(|v| v.as_i64()).unwrap_or_default(),
                index_no: str_of(f.index_no),
                title_html: highlight::mark_words(&self.analyzer, &title, &words),
                snippet_html,
                score,
            });
        }
        Ok(SearchResults { total: raw.total, hits, facets: raw.into_facets(), exact: exact.map(|(id, _)| id) })
    }

    fn len(&self) -> Result<u64, SearchError> {
        Ok(self.reader.searcher().num_docs())
    }

    fn document_ids(&self) -> Result<Vec<i64>, SearchError> {
        let searcher = self.reader.searcher();
        let mut ids = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().i64("document_id")?;
            for doc in segment.doc_ids_alive() {
                if let Some(id) = column.first(doc) {
                    ids.push(id);
                }
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    fn clear(&self) -> Result<(), SearchError> {
        {
            // An empty index reflects no outbox row: if a rebuild is interrupted, the next sync
            // starts from the beginning.
            let mut writer = self.writer()?;
            writer.inner.delete_all_documents()?;
            writer.commit(0)?;
        }
        self.reader.reload()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_usable_from_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<TantivyIndex>();
    }
}
