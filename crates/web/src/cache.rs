//! Rendered public pages and view counts.
//!
//! A document page is the same for every reader except for its view count, so it is rendered
//! once per edition and kept split around the count, in two places: the most recent pages in
//! memory (bounded in bytes, oldest out first), and every rendered page as a file in the cache
//! directory, read back through the operating system's file cache — the way a static web server
//! serves pre-rendered pages, and what lets a catalogue of 100,000 documents be served without
//! holding it in the process. Writes evict a document's pages at once on this node; other
//! nodes learn of changes from the outbox within seconds. The directory is private to the
//! process and emptied at start, so a page never outlives the counts it was rendered with.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use axum::body::Bytes;

/// A rendered page, split where the view count goes.
pub struct CachedPage {
    pub doc_id: i64,
    pub head: Bytes,
    pub tail: Bytes,
    /// The count when the page was rendered (stored plus not yet written).
    pub base_views: i64,
}

impl CachedPage {
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

    /// File form: a header line `gk1 {doc_id} {base_views} {head_len}` and the two parts.
    fn to_file(&self) -> Vec<u8> {
        let header = format!("gk1 {} {} {}\n", self.doc_id, self.base_views, self.head.len());
        let mut out = Vec::with_capacity(header.len() + self.head.len() + self.tail.len());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&self.head);
        out.extend_from_slice(&self.tail);
        out
    }

    fn from_file(bytes: Vec<u8>) -> Option<CachedPage> {
        let newline = bytes.iter().position(|b| *b == b'\n')?;
        let header = std::str::from_utf8(&bytes[..newline]).ok()?;
        let mut parts = header.strip_prefix("gk1 ")?.split(' ');
        let doc_id = parts.next()?.parse().ok()?;
        let base_views = parts.next()?.parse().ok()?;
        let head_len: usize = parts.next()?.parse().ok()?;
        let bytes = Bytes::from(bytes);
        let body = bytes.slice(newline + 1..);
        if head_len > body.len() {
            return None;
        }
        Some(CachedPage { doc_id, head: body.slice(..head_len), tail: body.slice(head_len..), base_views })
    }
}

/// Pages in memory, forgotten oldest first. `order` may hold keys already evicted or
/// replaced; the generation number tells, so eviction never scans the queue.
#[derive(Default)]
struct Memory {
    by_key: HashMap<String, (Arc<CachedPage>, u64)>,
    order: VecDeque<(String, u64)>,
    bytes: usize,
    generation: u64,
}

pub struct PageCache {
    budget: usize,
    memory: RwLock<Memory>,
    /// Every key with a page in memory or on disk, by document, for eviction.
    keys_of_doc: Mutex<HashMap<i64, HashSet<String>>>,
    dir: Option<PathBuf>,
}

impl PageCache {
    /// `dir`: where rendered pages are kept as files (`None`: memory only). It is emptied now.
    pub fn new(budget: usize, dir: Option<PathBuf>) -> PageCache {
        let dir = dir.and_then(|d| match prepare(&d) {
            Ok(()) => Some(d),
            Err(e) => {
                tracing::warn!(dir = %d.display(), error = %e, "page cache directory unusable; keeping pages in memory only");
                None
            }
        });
        PageCache { budget, memory: RwLock::new(Memory::default()), keys_of_doc: Mutex::default(), dir }
    }

    fn file(&self, key: &str) -> Option<PathBuf> {
        // Keys are 索引号 (limited to URL-safe characters, no `..`) plus an optional `.print`.
        self.dir.as_ref().map(|d| d.join(format!("{key}.html")))
    }

    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        if let Some((p, _)) = self.memory.read().expect("page cache lock").by_key.get(key) {
            return Some(p.clone());
        }
        // Files are small and were written by this process moments or minutes ago, so the
        // read almost always comes from the OS file cache and costs microseconds.
        let bytes = std::fs::read(self.file(key)?).ok()?;
        CachedPage::from_file(bytes).map(Arc::new)
    }

    pub fn insert(&self, key: String, page: CachedPage) -> Arc<CachedPage> {
        let page = Arc::new(page);
        self.keys_of_doc.lock().expect("page cache lock").entry(page.doc_id).or_default().insert(key.clone());
        if let Some(path) = self.file(&key) {
            let written = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&path, page.to_file()));
            if let Err(e) = written {
                tracing::warn!(path = %path.display(), error = %e, "could not write a cached page");
            }
        }
        let size = page.size();
        if size > self.budget {
            return page;
        }
        let mut m = self.memory.write().expect("page cache lock");
        m.generation += 1;
        let generation = m.generation;
        if let Some((old, _)) = m.by_key.insert(key.clone(), (page.clone(), generation)) {
            m.bytes -= old.size();
        }
        m.order.push_back((key, generation));
        m.bytes += size;
        while m.bytes > self.budget {
            let Some((oldest, generation)) = m.order.pop_front() else { break };
            if m.by_key.get(&oldest).is_some_and(|(_, g)| *g == generation)
                && let Some((old, _)) = m.by_key.remove(&oldest)
            {
                m.bytes -= old.size();
            }
        }
        // Stale queue entries are dropped when they reach the front; compact if they pile up.
        if m.order.len() > 2 * m.by_key.len() + 1024 {
            let Memory { by_key, order, .. } = &mut *m;
            order.retain(|(k, g)| by_key.get(k).is_some_and(|(_, current)| current == g));
        }
        page
    }

    /// Forgets every page of a document, in memory and on disk.
    pub fn evict(&self, doc_id: i64) {
        let Some(keys) = self.keys_of_doc.lock().expect("page cache lock").remove(&doc_id) else { return };
        let mut m = self.memory.write().expect("page cache lock");
        for key in keys {
            if let Some((old, _)) = m.by_key.remove(&key) {
                m.bytes -= old.size();
            }
            if let Some(path) = self.file(&key) {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    pub fn clear(&self) {
        let docs: Vec<i64> = self.keys_of_doc.lock().expect("page cache lock").keys().copied().collect();
        for doc in docs {
            self.evict(doc);
        }
        *self.memory.write().expect("page cache lock") = Memory::default();
    }

    #[cfg(test)]
    fn in_memory(&self) -> usize {
        self.memory.read().expect("page cache lock").by_key.len()
    }
}

/// Empties the directory: its pages were rendered with counts of an earlier run.
fn prepare(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        remove_in_background(dir);
    }
    std::fs::create_dir_all(dir)
}

/// Moves a directory of cached pages aside at once and deletes it on another thread: a large
/// catalogue leaves tens of thousands of files, and start-up must not wait for them.
pub fn remove_in_background(dir: &Path) {
    let trash = dir.with_extension(format!("trash-{}", std::process::id()));
    let target = match std::fs::rename(dir, &trash) {
        Ok(()) => trash,
        Err(_) => dir.to_path_buf(),
    };
    std::thread::spawn(move || {
        if let Err(e) = std::fs::remove_dir_all(&target) {
            tracing::warn!(dir = %target.display(), error = %e, "could not remove old cached pages");
        }
    });
}

#[derive(Default, Clone, Copy)]
struct Counts {
    /// Views not yet written to the database.
    pending: i64,
    /// Views since the document's page was last rendered.
    since_render: i64,
}

/// Views counted in memory and written to the database in batches, so that reading a page
/// never waits for a write.
#[derive(Default)]
pub struct ViewCounter(Mutex<HashMap<i64, Counts>>);

impl ViewCounter {
    /// Counts a view and returns the views since the page was rendered.
    pub fn view(&self, doc_id: i64) -> i64 {
        let mut m = self.0.lock().expect("view counter lock");
        let c = m.entry(doc_id).or_default();
        c.pending += 1;
        c.since_render += 1;
        c.since_render
    }

    /// The page of `doc_id` is being rendered now: views start counting again from it. Returns
    /// the views not yet written, which the rendered count includes.
    pub fn rendered(&self, doc_id: i64) -> i64 {
        let mut m = self.0.lock().expect("view counter lock");
        let c = m.entry(doc_id).or_default();
        c.since_render = 0;
        c.pending
    }

    /// The views to write now; they are no longer pending.
    pub fn take(&self) -> Vec<(i64, i64)> {
        let mut m = self.0.lock().expect("view counter lock");
        let mut out = Vec::new();
        for (id, c) in m.iter_mut() {
            if c.pending > 0 {
                out.push((*id, c.pending));
                c.pending = 0;
            }
        }
        out
    }

    /// Puts back views whose write failed.
    pub fn restore(&self, counts: &[(i64, i64)]) {
        let mut m = self.0.lock().expect("view counter lock");
        for (id, n) in counts {
            m.entry(*id).or_default().pending += n;
        }
    }

    #[cfg(test)]
    fn pending(&self, doc_id: i64) -> i64 {
        self.0.lock().expect("view counter lock").get(&doc_id).map_or(0, |c| c.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(doc: i64, size: usize) -> CachedPage {
        CachedPage {
            doc_id: doc,
            head: Bytes::from(vec![b'a'; size]),
            tail: Bytes::from_static(b"</p>"),
            base_views: 10,
        }
    }

    #[test]
    fn pages_are_split_around_the_count() {
        let p = CachedPage {
            doc_id: 1,
            head: Bytes::from_static(b"<p>"),
            tail: Bytes::from_static(b"</p>"),
            base_views: 41,
        };
        assert_eq!(p.body(42), b"<p>42</p>");
        let back = CachedPage::from_file(p.to_file()).unwrap();
        assert_eq!((back.doc_id, back.base_views, &back.head[..], &back.tail[..]), (1, 41, &b"<p>"[..], &b"</p>"[..]));
        assert!(CachedPage::from_file(b"garbage".to_vec()).is_none());
        assert!(CachedPage::from_file(b"gk1 1 2 99\nshort".to_vec()).is_none());
    }

    #[test]
    fn memory_keeps_the_newest_and_disk_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PageCache::new(3 * (1000 + 4 + 128), Some(dir.path().join("pages")));
        for doc in 0..5 {
            cache.insert(format!("001/2024-0000{doc}"), page(doc, 1000));
        }
        assert_eq!(cache.in_memory(), 3);
        // The oldest page left memory but is still served, from its file.
        let old = cache.get("001/2024-00000").expect("on disk");
        assert_eq!(old.doc_id, 0);
        cache.evict(0);
        assert!(cache.get("001/2024-00000").is_none());
        cache.evict(4);
        assert!(cache.get("001/2024-00004").is_none());
        assert_eq!(cache.in_memory(), 2);
    }

    #[test]
    fn evicting_a_document_drops_all_its_views_of_it() {
        let cache = PageCache::new(1 << 20, None);
        cache.insert("001/1".into(), page(7, 10));
        cache.insert("001/1.print".into(), page(7, 10));
        cache.evict(7);
        assert!(cache.get("001/1").is_none() && cache.get("001/1.print").is_none());
    }

    #[test]
    fn the_directory_is_emptied_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join("pages");
        PageCache::new(1 << 20, Some(pages.clone())).insert("001/1".into(), page(1, 10));
        assert!(pages.join("001/1.html").exists());
        let fresh = PageCache::new(1 << 20, Some(pages.clone()));
        assert!(fresh.get("001/1").is_none());
    }

    #[test]
    fn views_count_since_render_and_survive_a_failed_flush() {
        let v = ViewCounter::default();
        assert_eq!(v.view(1), 1);
        assert_eq!(v.view(1), 2);
        let taken = v.take();
        assert_eq!(taken, [(1, 2)]);
        assert_eq!(v.pending(1), 0);
        v.restore(&taken);
        assert_eq!(v.pending(1), 2);
        assert_eq!(v.rendered(1), 2);
        assert_eq!(v.view(1), 1, "counting restarts at the new rendering");
    }
}
