//! The tantivy index against the behaviour every index must show (`conformance`), in memory, and
//! what only an index on disk can show.

use gongkai_search::conformance::{self, corpus};
use gongkai_search::{SearchIndex, SearchQuery, TantivyIndex};

#[test]
fn tantivy_index_conforms() {
    conformance::run_all(&TantivyIndex::in_memory().unwrap());
}

#[test]
fn on_disk_index_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let idx = TantivyIndex::open(dir.path()).unwrap();
        for d in corpus() {
            idx.upsert(&d).unwrap();
        }
        idx.commit().unwrap();
    }
    let idx = TantivyIndex::open(dir.path()).unwrap();
    assert_eq!(idx.len().unwrap(), 6);
    assert_eq!(idx.search(&SearchQuery::text("温政办[2017]62号")).unwrap().exact, Some(1));
}

#[test]
fn on_disk_cursor_survives_reopening_and_uncommitted_writes_do_not() {
    let dir = tempfile::tempdir().unwrap();
    {
        let idx = TantivyIndex::open(dir.path()).unwrap();
        conformance::load(&idx);
        idx.commit_through(42).unwrap();
        idx.delete(1).unwrap();
    }
    let idx = TantivyIndex::open(dir.path()).unwrap();
    assert_eq!((idx.cursor().unwrap(), idx.len().unwrap()), (42, 6));
}
