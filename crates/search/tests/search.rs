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

#[test]
fn an_index_with_other_fields_is_replaced_by_an_empty_one_from_cursor_zero() {
    let dir = tempfile::tempdir().unwrap();
    {
        // What an earlier version might have left: another schema, documents, a cursor.
        let mut builder = tantivy::schema::Schema::builder();
        let old_title = builder.add_text_field("old_title", tantivy::schema::TEXT);
        let index = tantivy::Index::create_in_dir(dir.path(), builder.build()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.add_document(tantivy::doc!(old_title => "旧索引")).unwrap();
        let mut prepared = writer.prepare_commit().unwrap();
        prepared.set_payload("42");
        prepared.commit().unwrap();
    }
    let idx = TantivyIndex::open(dir.path()).unwrap();
    assert_eq!((idx.cursor().unwrap(), idx.len().unwrap()), (0, 0));
    conformance::load(&idx);
    idx.commit_through(7).unwrap();
    drop(idx);
    let idx = TantivyIndex::open(dir.path()).unwrap();
    assert_eq!((idx.cursor().unwrap(), idx.len().unwrap()), (7, 6));
}
