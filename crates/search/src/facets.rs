//! Facet counts over all results of a query: in tantivy from fast fields, in one pass with the
//! top docs; in a database from `GROUP BY` rows ([`Facets::from_rows`]). Both end in
//! [`RawFacets::into_facets`], so they are labelled and ordered alike.

use std::collections::HashMap;

use gongkai_core::doc::{Genre, ValidityStatus};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::{FacetCount, FacetRow, Facets};

/// Raw counts: agency id → (count, name); strings → count; years → count.
#[derive(Debug, Default)]
pub(crate) struct RawFacets {
    pub total: u64,
    pub agency: HashMap<i64, (u64, String)>,
    pub topic: HashMap<String, u64>,
    pub genre: HashMap<String, u64>,
    pub year: HashMap<i64, u64>,
    pub validity: HashMap<String, u64>,
}

pub(crate) struct FacetCollector;

/// Keys below this are counted in a vector: term ordinals, agency ids and years all are, and
/// an indexed increment is several times cheaper than hashing, on the one path that runs for
/// every match of a query.
const DENSE_KEYS: u64 = 1 << 12;

/// Match counts by key, each with the first document seen with it (to read the agency's name
/// from).
#[derive(Default)]
struct Counts {
    dense: Vec<(u64, DocId)>,
    sparse: HashMap<u64, (u64, DocId)>,
}

impl Counts {
    fn add(&mut self, key: u64, doc: DocId) {
        if key < DENSE_KEYS {
            let k = key as usize;
            if k >= self.dense.len() {
                self.dense.resize(k + 1, (0, 0));
            }
            let slot = &mut self.dense[k];
            if slot.0 == 0 {
                slot.1 = doc;
            }
            slot.0 += 1;
        } else {
            self.sparse.entry(key).or_insert((0, doc)).0 += 1;
        }
    }

    /// (key, count, first document) of every key seen.
    fn entries(self) -> impl Iterator<Item = (u64, u64, DocId)> {
        let dense = self.dense.into_iter().enumerate().filter(|(_, (n, _))| *n > 0).map(|(k, (n, d))| (k as u64, n, d));
        dense.chain(self.sparse.into_iter().map(|(k, (n, d))| (k, n, d)))
    }
}

/// Matches are counted in blocks of this many: a column reads a block of documents' values in
/// one call far faster than one value per call.
const BLOCK: usize = 256;

pub(crate) struct SegmentFacets {
    agency_id: Column<i64>,
    agency_name: Option<StrColumn>,
    year: Column<i64>,
    /// Topic, genre and validity: one value (or none) per document.
    strs: [Option<StrColumn>; 3],
    total: u64,
    /// Matches not counted yet, and room for their values.
    block: Vec<DocId>,
    ints: Vec<Option<i64>>,
    ords_buf: Vec<Option<u64>>,
    /// Ids and years as u64 keys (a negative one would land in the map and come back intact).
    agency: Counts,
    years: Counts,
    ords: [Counts; 3],
}

impl Collector for FacetCollector {
    type Fruit = RawFacets;
    type Child = SegmentFacets;

    fn for_segment(&self, _ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let ff = segment.fast_fields();
        Ok(SegmentFacets {
            agency_id: ff.i64("agency_id")?,
            agency_name: ff.str("agency_name")?,
            year: ff.i64("year")?,
            strs: [ff.str("topic")?, ff.str("genre")?, ff.str("validity")?],
            total: 0,
            block: Vec::with_capacity(BLOCK),
            ints: vec![None; BLOCK],
            ords_buf: vec![None; BLOCK],
            agency: Counts::default(),
            years: Counts::default(),
            ords: Default::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<RawFacets>) -> tantivy::Result<RawFacets> {
        let mut all = RawFacets::default();
        for f in fruits {
            all.total += f.total;
            for (id, (n, name)) in f.agency {
                let e = all.agency.entry(id).or_insert((0, name));
                e.0 += n;
            }
            for (k, n) in f.year {
                *all.year.entry(k).or_default() += n;
            }
            for (dst, src) in [(&mut all.topic, f.topic), (&mut all.genre, f.genre), (&mut all.validity, f.validity)] {
                for (k, n) in src {
                    *dst.entry(k).or_default() += n;
                }
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = RawFacets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.block.push(doc);
        if self.block.len() == BLOCK {
            self.count_block();
        }
    }

    fn harvest(mut self) -> RawFacets {
        self.count_block();
        let resolve = |col: &Option<StrColumn>, counts: Counts| -> HashMap<String, u64> {
            let mut out = HashMap::new();
            let Some(col) = col else { return out };
            for (ord, n, _) in counts.entries() {
                let mut s = String::new();
                if col.ord_to_str(ord, &mut s).unwrap_or(false) {
                    *out.entry(s).or_default() += n;
                }
            }
            out
        };
        let mut agency = HashMap::new();
        for (id, n, doc) in self.agency.entries() {
            let mut name = String::new();
            if let Some(col) = &self.agency_name
                && let Some(ord) = col.ords().first(doc)
            {
                let _ = col.ord_to_str(ord, &mut name);
            }
            agency.insert(id as i64, (n, name));
        }
        let [topic, genre, validity] = self.ords;
        let [topic_col, genre_col, validity_col] = &self.strs;
        RawFacets {
            total: self.total,
            agency,
            topic: resolve(topic_col, topic),
            genre: resolve(genre_col, genre),
            year: self.years.entries().map(|(y, n, _)| (y as i64, n)).collect(),
            validity: resolve(validity_col, validity),
        }
    }
}

impl SegmentFacets {
    fn count_block(&mut self) {
        let docs = &self.block[..];
        let n = docs.len();
        self.total += n as u64;
        let ints = &mut self.ints[..n];
        for (column, counts) in [(&self.agency_id, &mut self.agency), (&self.year, &mut self.years)] {
            // A column without values leaves the output as it was.
            ints.fill(None);
            column.first_vals(docs, ints);
            for (&doc, value) in docs.iter().zip(ints.iter()) {
                if let Some(v) = value {
                    counts.add(*v as u64, doc);
                }
            }
        }
        let ords = &mut self.ords_buf[..n];
        for (column, counts) in self.strs.iter().zip(self.ords.iter_mut()) {
            let Some(column) = column else { continue };
            ords.fill(None);
            column.ords().first_vals(docs, ords);
            for (&doc, ord) in docs.iter().zip(ords.iter()) {
                if let Some(o) = ord {
                    counts.add(*o, doc);
                }
            }
        }
        self.block.clear();
    }
}

fn sorted_counts<K>(counts: HashMap<K, u64>, value: impl Fn(&K) -> (String, String)) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .into_iter()
        .map(|(k, count)| {
            let (value, label) = value(&k);
            FacetCount { value, label, count }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}

impl RawFacets {
    /// Labelled counts, most frequent first; years newest first.
    pub(crate) fn into_facets(self) -> Facets {
        let mut year: Vec<FacetCount> = self
            .year
            .into_iter()
            .map(|(y, count)| FacetCount { value: y.to_string(), label: format!("{y}年"), count })
            .collect();
        year.sort_by(|a, b| b.value.cmp(&a.value));
        let agency_names: HashMap<i64, String> =
            self.agency.iter().map(|(id, (_, name))| (*id, name.clone())).collect();
        Facets {
            agency: sorted_counts(self.agency.into_iter().map(|(id, (n, _))| (id, n)).collect(), |id| {
                (id.to_string(), agency_names.get(id).cloned().unwrap_or_default())
            }),
            topic: sorted_counts(self.topic, |t| (t.clone(), t.clone())),
            genre: sorted_counts(self.genre, |g| {
                (g.clone(), Genre::from_code(g).map(|g| g.label().to_string()).unwrap_or_else(|| g.clone()))
            }),
            year,
            validity: sorted_counts(self.validity, |v| {
                (v.clone(), ValidityStatus::from_code(v).map(|v| v.label().to_string()).unwrap_or_else(|| v.clone()))
            }),
        }
    }
}

impl Facets {
    /// The number of results and their facets, from counts per combination of values.
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = &'a FacetRow>) -> (u64, Facets) {
        let mut raw = RawFacets::default();
        for r in rows {
            raw.total += r.count;
            raw.agency.entry(r.agency_id).or_insert((0, r.agency_name.clone())).0 += r.count;
            *raw.topic.entry(r.topic.clone()).or_default() += r.count;
            *raw.genre.entry(r.genre.clone()).or_default() += r.count;
            *raw.year.entry(i64::from(r.year)).or_default() += r.count;
            if let Some(v) = &r.validity {
                *raw.validity.entry(v.clone()).or_default() += r.count;
            }
        }
        (raw.total, raw.into_facets())
    }
}
