//! Rendered public pages and view counts, in memory.
//!
//! A document page is the same for every reader except for its view count, so it is rendered
//! once per edition and kept split around the count. Writes evict it at once on this node;
//! other nodes learn of changes from the outbox within a few seconds. The cache is bounded in
//! bytes and forgets the oldest pages first.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use axum::body::Bytes;

/// A rendered page, split where the view count goes.
pub struct CachedPage {
    pub doc_id: i64,
    pub head: Bytes,
    pub tail: Bytes,
    /// The count when the page was rendered (stored plus not yet written).
    base_views: i64,
    /// Views served from this copy since.
    since: AtomicI64,
}

impl CachedPage {
    pub fn new(doc_id: i64, head: Bytes, tail: Bytes, base_views: i64) -> CachedPage {
        CachedPage { doc_id, head, tail, base_views, since: AtomicI64::new(0) }
    }

    /// Counts one view and returns the count to show.
    pub fn view(&self) -> i64 {
        self.base_views + self.since.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub fn body(&self, count: i64) -> Vec<u8> {
        let count = count.to_string();
        let mut out = Vec::with_capacity(self.head.len() + count.len() + self.tail.len());
        out.extend_from_slice(&self.head);
        out.extend_from_slice(count.as_bytes());
        out.extend_from_slice(&self.tail);
        out
    }

    fn size(&self) -> usize {
        self.head.len() + self.tail.len() + 128
    }
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<String, Arc<CachedPage>>,
    keys_of_doc: HashMap<i64, String>,
    order: VecDeque<String>,
    bytes: usize,
}

pub struct PageCache {
    budget: usize,
    pages: RwLock<Pages>,
}

impl PageCache {
    pub fn new(budget: usize) -> PageCache {
        PageCache { budget, pages: RwLock::new(Pages::default()) }
    }

    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        self.pages.read().expect("page cache lock").by_key.get(key).cloned()
    }

    pub fn insert(&self, key: String, page: CachedPage) -> Arc<CachedPage> {
        let page = Arc::new(page);
        let size = page.size();
        if size > self.budget {
            return page;
        }
        let mut p = self.pages.write().expect("page cache lock");
        if let Some(old) = p.by_key.insert(key.clone(), page.clone()) {
            p.bytes -= old.size();
            p.order.retain(|k| k != &key);
        }
        p.keys_of_doc.insert(page.doc_id, key.clone());
        p.order.push_back(key);
        p.bytes += size;
        while p.bytes > self.budget {
            let Some(oldest) = p.order.pop_front() else { break };
            if let Some(old) = p.by_key.remove(&oldest) {
                p.bytes -= old.size();
                p.keys_of_doc.remove(&old.doc_id);
            }
        }
        page
    }

    pub fn evict(&self, doc_id: i64) {
        let mut p = self.pages.write().expect("page cache lock");
        if let Some(key) = p.keys_of_doc.remove(&doc_id)
            && let Some(old) = p.by_key.remove(&key)
        {
            p.bytes -= old.size();
            p.order.retain(|k| k != &key);
        }
    }

    pub fn clear(&self) {
        *self.pages.write().expect("page cache lock") = Pages::default();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.pages.read().expect("page cache lock").by_key.len()
    }
}

/// Views counted in memory and written to the database in batches, so that reading a page
/// never waits for a write.
#[derive(Default)]
pub struct ViewCounter(Mutex<HashMap<i64, i64>>);

impl ViewCounter {
    pub fn add(&self, doc_id: i64) {
        *self.0.lock().expect("view counter lock").entry(doc_id).or_default() += 1;
    }

    pub fn pending(&self, doc_id: i64) -> i64 {
        self.0.lock().expect("view counter lock").get(&doc_id).copied().unwrap_or(0)
    }

    pub fn take(&self) -> Vec<(i64, i64)> {
        self.0.lock().expect("view counter lock").drain().collect()
    }

    pub fn restore(&self, counts: &[(i64, i64)]) {
        let mut m = self.0.lock().expect("view counter lock");
        for (id, n) in counts {
            *m.entry(*id).or_default() += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(doc: i64, size: usize) -> CachedPage {
        CachedPage::new(doc, Bytes::from(vec![b'a'; size]), Bytes::from_static(b"</p>"), 10)
    }

    #[test]
    fn pages_count_views_around_the_split() {
        let p = CachedPage::new(1, Bytes::from_static(b"<p>"), Bytes::from_static(b"</p>"), 41);
        assert_eq!(p.view(), 42);
        assert_eq!(p.body(42), b"<p>42</p>");
        assert_eq!(p.view(), 43);
    }

    #[test]
    fn the_budget_evicts_the_oldest_and_eviction_is_by_document() {
        let cache = PageCache::new(3 * (1000 + 4 + 128));
        for doc in 0..5 {
            cache.insert(format!("k{doc}"), page(doc, 1000));
        }
        assert_eq!(cache.len(), 3);
        assert!(cache.get("k0").is_none() && cache.get("k4").is_some());
        cache.evict(4);
        assert!(cache.get("k4").is_none());
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn views_survive_a_failed_flush() {
        let v = ViewCounter::default();
        v.add(1);
        v.add(1);
        let taken = v.take();
        assert_eq!(v.pending(1), 0);
        v.restore(&taken);
        assert_eq!(v.pending(1), 2);
    }
}
