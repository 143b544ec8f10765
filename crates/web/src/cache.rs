//! Rendered public pages and view counts.
//!
//! A document page is the same for every reader except for its view count, so it is rendered
//! once per edition and kept split around the count, in two places: the most recent pages in
//! memory (bounded in bytes, oldest out first), and every rendered page in an append-only file
//! read back with one positioned read, through the operating system's file cache — the way a
//! static web server serves pre-rendered pages, and what lets a catalogue of 100,000 documents be
//! served without holding it in the process. Writes evict a document's pages at once on this
//! node; other nodes learn of changes from the outbox within seconds. The file belongs to the
//! process and starts empty, so a page never outlives the counts it was rendered with.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::File;
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
    /// The page with `count` in place, without copying the page: the three parts are written
    /// to the socket one after the other.
    pub fn body(&self, count: i64) -> PageBody {
        PageBody { parts: [self.head.clone(), Bytes::from(count.to_string()), self.tail.clone()], next: 0 }
    }

    fn size(&self) -> usize {
        self.head.len() + self.tail.len() + 128
    }
}

/// A response body made of a page's parts, with its exact length known in advance (so the
/// response carries a `Content-Length`, as a static file's does).
pub struct PageBody {
    parts: [Bytes; 3],
    next: usize,
}

impl PageBody {
    #[cfg(test)]
    fn concat(&self) -> Vec<u8> {
        self.parts.concat()
    }
}

impl http_body::Body for PageBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let i = self.next;
        if i >= self.parts.len() {
            return std::task::Poll::Ready(None);
        }
        self.next += 1;
        std::task::Poll::Ready(Some(Ok(http_body::Frame::data(std::mem::take(&mut self.parts[i])))))
    }

    fn is_end_stream(&self) -> bool {
        self.parts[self.next.min(3)..].iter().all(Bytes::is_empty)
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.parts[self.next.min(3)..].iter().map(|p| p.len() as u64).sum())
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
    disk: Option<Arena>,
}

impl PageCache {
    /// `file`: where rendered pages are appended (`None`: memory only). It is emptied now.
    pub fn new(budget: usize, file: Option<PathBuf>) -> PageCache {
        let disk = file.and_then(|path| match Arena::create(&path, ARENA_MAX_BYTES) {
            Ok(a) => Some(a),
            Err(e) => {
                tracing::warn!(file = %path.display(), error = %e, "page cache file unusable; keeping pages in memory only");
                None
            }
        });
        PageCache { budget, memory: RwLock::new(Memory::default()), keys_of_doc: Mutex::default(), disk }
    }

    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        if let Some((p, _)) = self.memory.read().expect("page cache lock").by_key.get(key) {
            return Some(p.clone());
        }
        self.disk.as_ref()?.get(key).map(Arc::new)
    }

    pub fn insert(&self, key: String, page: CachedPage) -> Arc<CachedPage> {
        let page = Arc::new(page);
        self.keys_of_doc.lock().expect("page cache lock").entry(page.doc_id).or_default().insert(key.clone());
        if let Some(disk) = &self.disk {
            disk.put(&key, &page);
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
            if let Some(disk) = &self.disk {
                disk.remove(&key);
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

/// The page file is emptied and started again when it reaches this size: pages evicted by
/// edits leave garbage behind, and re-rendering what is still wanted is cheap.
const ARENA_MAX_BYTES: u64 = 4 << 30;

/// Where a page sits in the arena file.
#[derive(Clone, Copy)]
struct Slot {
    offset: u64,
    head_len: u32,
    tail_len: u32,
    doc_id: i64,
    base_views: i64,
}

/// Rendered pages appended to one file and read back with positioned reads: one system call
/// per page instead of opening, reading and closing a file each.
struct Arena {
    file: File,
    end: Mutex<u64>,
    index: RwLock<HashMap<String, Slot>>,
    max_bytes: u64,
}

impl Arena {
    fn create(path: &Path, max_bytes: u64) -> std::io::Result<Arena> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(path)?;
        Ok(Arena { file, end: Mutex::new(0), index: RwLock::default(), max_bytes })
    }

    fn get(&self, key: &str) -> Option<CachedPage> {
        let slot = *self.index.read().expect("page file lock").get(key)?;
        let mut buf = vec![0u8; slot.head_len as usize + slot.tail_len as usize];
        read_at(&self.file, &mut buf, slot.offset).ok()?;
        let bytes = Bytes::from(buf);
        Some(CachedPage {
            doc_id: slot.doc_id,
            head: bytes.slice(..slot.head_len as usize),
            tail: bytes.slice(slot.head_len as usize..),
            base_views: slot.base_views,
        })
    }

    fn put(&self, key: &str, page: &CachedPage) {
        let (Ok(head_len), Ok(tail_len)) = (u32::try_from(page.head.len()), u32::try_from(page.tail.len())) else {
            return;
        };
        let len = u64::from(head_len) + u64::from(tail_len);
        let mut end = self.end.lock().expect("page file lock");
        if *end + len > self.max_bytes {
            // Start over: everything in the file is either still in memory or cheap to render.
            self.index.write().expect("page file lock").clear();
            if self.file.set_len(0).is_err() {
                return;
            }
            *end = 0;
        }
        let offset = *end;
        let written = write_at(&self.file, &page.head, offset)
            .and_then(|()| write_at(&self.file, &page.tail, offset + u64::from(head_len)));
        if let Err(e) = written {
            tracing::warn!(error = %e, "could not write a page to the page file");
            return;
        }
        *end += len;
        let slot = Slot { offset, head_len, tail_len, doc_id: page.doc_id, base_views: page.base_views };
        self.index.write().expect("page file lock").insert(key.to_string(), slot);
    }

    fn remove(&self, key: &str) {
        self.index.write().expect("page file lock").remove(key);
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(unix)]
fn write_at(file: &File, buf: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::Error::other("positioned reads need a Unix system"))
}

#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::Error::other("positioned writes need a Unix system"))
}

/// Deletes a leftover page file or directory on another thread, so that start-up does not
/// wait for it.
pub fn remove_in_background(path: &Path) {
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let removed = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
        if let Err(e) = removed {
            tracing::warn!(path = %path.display(), error = %e, "could not remove old cached pages");
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
        assert_eq!(p.body(42).concat(), b"<p>42</p>");
        assert_eq!(http_body::Body::size_hint(&p.body(42)).exact(), Some(9));
    }

    #[test]
    fn memory_keeps_the_newest_and_the_file_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PageCache::new(3 * (1000 + 4 + 128), Some(dir.path().join("pages")));
        for doc in 0..5 {
            cache.insert(format!("001/2024-0000{doc}"), page(doc, 1000));
        }
        assert_eq!(cache.in_memory(), 3);
        // The oldest page left memory but is still served, from the file.
        let old = cache.get("001/2024-00000").expect("in the file");
        assert_eq!((old.doc_id, old.base_views, old.head.len(), &old.tail[..]), (0, 10, 1000, &b"</p>"[..]));
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
    fn the_file_starts_empty_and_starts_over_when_full() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pages");
        PageCache::new(0, Some(path.clone())).insert("001/1".into(), page(1, 10));
        assert!(PageCache::new(0, Some(path.clone())).get("001/1").is_none(), "a new cache forgets the old pages");
        let arena = Arena::create(&path, 40).unwrap();
        arena.put("a", &page(1, 20));
        assert!(arena.get("a").is_some());
        arena.put("b", &page(2, 20));
        assert!(arena.get("a").is_none() && arena.get("b").is_some(), "the full file was started over");
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
