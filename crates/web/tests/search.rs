//! Search on the site (SQLite, or PostgreSQL when `GONGKAI_TEST_POSTGRES_URL` is set), with each
//! search engine: the index follows the outbox (publication, withdrawal), survives a crash
//! mid-indexing, and `/search` and the API answer, also to bad input. The database index also
//! passes the conformance suite every index passes.

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::TestApp;
use gongkai_search::{SearchIndex, TantivyIndex};
use gongkai_store::documents;
use gongkai_store::testing;
use gongkai_web::search::SearchEngine;
use gongkai_web::search_db::DbIndex;

#[tokio::test]
async fn the_database_index_conforms() {
    let t = testing::test_db().await;
    let index = DbIndex::new(t.db.clone());
    // Its calls block on the runtime, so they run on a blocking thread.
    tokio::task::spawn_blocking(move || gongkai_search::conformance::run_all(&index)).await.unwrap();
}

#[tokio::test]
async fn the_tantivy_index_follows_the_outbox_and_search_answers() {
    follows_the_outbox_and_search_answers(SearchEngine::Tantivy).await;
}

#[tokio::test]
async fn the_database_index_follows_the_outbox_and_search_answers() {
    follows_the_outbox_and_search_answers(SearchEngine::Database).await;
}

async fn follows_the_outbox_and_search_answers(engine: SearchEngine) {
    let app = TestApp::with_config(|c| c.search_engine = engine).await;
    let (id, index_no) = app.published("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;
    app.publish_fields(&testing::fields_with("温州市城乡居民最低生活保障实施办法", |i| {
        i.doc_no = "温政办〔2018〕5号".into();
        i.body = "为做好最低生活保障工作，制定本办法。".into();
    }))
    .await;
    app.state.sync_search().await.unwrap();

    // Any bracket variant of the 文号 finds the document first.
    let page = app.get("/search?q=%E6%B8%A9%E6%94%BF%E5%8A%9E%5B2017%5D62%E5%8F%B7").await;
    assert_eq!(page.status, StatusCode::OK);
    let first = page.body.find("class=\"doctitle\"").expect("a hit");
    assert!(page.body[first..].starts_with(&format!("class=\"doctitle\" href=\"/doc/{index_no}\"")), "{}", page.body);
    // A short form finds the long one (低保 ↔ 最低生活保障), highlighted.
    let api: serde_json::Value =
        serde_json::from_str(&app.get("/api/v1/search?q=%E4%BD%8E%E4%BF%9D").await.body).unwrap();
    assert_eq!(api["total"], 1, "{api}");
    assert!(api["hits"][0]["title_html"].as_str().unwrap().contains("<mark>"));

    // Withdrawn: gone from the index on the next sync.
    documents::withdraw(&app.t.db, &app.reviewer.who(), &app.reviewer.actor(), id, "发布有误").await.unwrap();
    app.state.sync_search().await.unwrap();
    let after = app.get("/search?q=%E6%B8%A9%E6%94%BF%E5%8A%9E%E3%80%942017%E3%80%9562%E5%8F%B7").await;
    assert!(!after.body.contains(&format!("/doc/{index_no}")), "withdrawn documents leave the index");
    let d = gongkai_web::search::check(&app.t.db, &app.state.search_index().unwrap()).await.unwrap();
    assert!(d.is_empty(), "{d:?}");

    // Bad input never fails; nothing found says how to search.
    for q in ["%22%22%22", "AND%20OR%20NOT", "%F0%9F%98%80", "%00%01", "%EF%BC%8C%E3%80%82", &"x".repeat(10_000)] {
        let res = app.get(&format!("/search?q={q}&page=99999&year=abc&genre=zzz")).await;
        assert_eq!(res.status, StatusCode::OK, "{q}");
    }
    let none = app.get("/search?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D%E8%AF%AD&genre=notice").await;
    assert!(none.body.contains("去掉筛选条件") && none.body.contains("温政办〔2017〕62号"), "{}", none.body);
    // The 政策文件库's search: policy documents only.
    let policies = app.get("/policies").await;
    assert!(policies.body.contains("name=\"policies\" value=\"1\""));
    let all: serde_json::Value = serde_json::from_str(&app.get("/api/v1/search").await.body).unwrap();
    let only: serde_json::Value = serde_json::from_str(&app.get("/api/v1/search?policies=1").await.body).unwrap();
    assert_eq!(
        (all["total"].as_u64(), only["total"].as_u64()),
        (Some(1), Some(0)),
        "the remaining document is a notice, not a policy"
    );
    // An empty query lists by date.
    assert!(app.get("/search").await.body.contains("按发布日期排列"));
}

#[tokio::test]
async fn a_crash_while_indexing_loses_nothing_with_tantivy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    a_crash_while_indexing_loses_nothing(move |_| Arc::new(TantivyIndex::open(&path).unwrap())).await;
}

#[tokio::test]
async fn a_crash_while_indexing_loses_nothing_with_the_database() {
    a_crash_while_indexing_loses_nothing(|db| Arc::new(DbIndex::new(db.clone()))).await;
}

/// `open` opens the index as a starting process does; dropping it is the process dying.
async fn a_crash_while_indexing_loses_nothing(open: impl Fn(&gongkai_store::Db) -> Arc<dyn SearchIndex>) {
    let app = TestApp::new().await;
    for n in 0..3 {
        app.published(&format!("关于第{n}批政务公开事项的通知")).await;
    }
    let db = &app.t.db;
    let on_thread = |index: &Arc<dyn SearchIndex>, f: fn(&dyn SearchIndex)| {
        let index = index.clone();
        tokio::task::spawn_blocking(move || f(index.as_ref()))
    };
    {
        // Indexing begins: one document is added, then the process dies before the commit.
        let index = open(db);
        let rows = documents::search_batch(db, 0, 1).await.unwrap();
        let doc = gongkai_web::search::to_doc(rows[0].clone(), "温州市人民政府办公室");
        let i = index.clone();
        tokio::task::spawn_blocking(move || i.upsert(&doc).unwrap()).await.unwrap();
    }
    {
        // The next start finds nothing uncommitted and catches up from the outbox. Then a
        // further change is indexed but the process dies before committing it.
        let index = open(db);
        on_thread(&index, |i| assert_eq!((i.len().unwrap(), i.cursor().unwrap()), (0, 0))).await.unwrap();
        gongkai_web::search::sync(db, &index).await.unwrap();
        on_thread(&index, |i| assert_eq!(i.len().unwrap(), 3)).await.unwrap();
        let cursor = documents::outbox_head(db).await.unwrap();
        let first = documents::public_ids(db).await.unwrap()[0];
        let i = index.clone();
        tokio::task::spawn_blocking(move || i.delete(first).unwrap()).await.unwrap();
        let i = index.clone();
        assert_eq!(tokio::task::spawn_blocking(move || i.cursor().unwrap()).await.unwrap(), cursor);
    }
    let index = open(db);
    on_thread(&index, |i| assert_eq!(i.len().unwrap(), 3, "the uncommitted delete is lost")).await.unwrap();
    // A change made while the node was down is applied on start.
    app.published("关于第4批政务公开事项的通知").await;
    gongkai_web::search::sync(db, &index).await.unwrap();
    on_thread(&index, |i| assert_eq!(i.len().unwrap(), 4)).await.unwrap();
    let d = gongkai_web::search::check(db, &index).await.unwrap();
    assert!(d.is_empty(), "the index matches the database: {d:?}");
    // A rebuild gives the same.
    gongkai_web::search::reindex(db, &index, |_, _| {}).await.unwrap();
    assert!(gongkai_web::search::check(db, &index).await.unwrap().is_empty());
}
