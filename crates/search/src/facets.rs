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

pub(crate) struct SegmentFacets {
    agency_id: Column<i64>,
    agency_name: Option<StrColumn>,
    year: Column<i64>,
    strs: [Option<StrColumn>; 3],
    total: u64,
    /// Count and the first document seen (to read the agency's name from).
    agency: HashMap<i64, (u64, DocId)>,
    year_counts: HashMap<i64, u64>,
    ords: [HashMap<u64, u64>; 3],
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
            agency: HashMap::new(),
            year_counts: HashMap::new(),
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
        self.total += 1;
        if let Some(id) = self.agency_id.first(doc) {
            self.agency.entry(id).or_insert((0, doc)).0 += 1;
        }
        if let Some(y) = self.year.first(doc) {
            *self.year_counts.entry(y).or_default() += 1;
        }
        for (col, counts) in self.strs.iter().zip(self.ords.iter_mut()) {
            if let Some(col) = col {
                for ord in col.term_ords(doc) {
                    *counts.entry(ord).or_default() += 1;
                }
            }
        }
    }

    fn harvest(self) -> RawFacets {
        let resolve = |col: &Option<StrColumn>, counts: HashMap<u64, u64>| -> HashMap<String, u64> {
            let mut out = HashMap::new();
            let Some(col) = col else { return out };
            for (ord, n) in counts {
                let mut s = String::new();
                if col.ord_to_str(ord, &mut s).unwrap_or(false) {
                    *out.entry(s).or_default() += n;
                }
            }
            out
        };
        let mut agency = HashMap::new();
        for (id, (n, doc)) in self.agency {
            let mut name = String::new();
            if let Some(col) = &self.agency_name
                && let Some(ord) = col.term_ords(doc).next()
            {
                let _ = col.ord_to_str(ord, &mut name);
            }
            agency.insert(id, (n, name));
        }
        let [topic, genre, validity] = self.ords;
        let [topic_col, genre_col, validity_col] = &self.strs;
        RawFacets {
            total: self.total,
            agency,
            topic: resolve(topic_col, topic),
            genre: resolve(genre_col, genre),
            year: self.year_counts,
            validity: resolve(validity_col, validity),
        }
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
