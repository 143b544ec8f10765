//! 政府公报 against a real database (SQLite, or PostgreSQL when `GONGKAI_TEST_POSTGRES_URL` is
//! set): issues, their ordered 目录, refusals that write nothing, and the historical import.

use gongkai_core::doc::workflow::EditionStatus;
use gongkai_core::doc::{IndexNo, IndexTemplate};
use gongkai_core::gazette::IssueKey;
use gongkai_core::import::legacy;
use gongkai_core::import::page_text::read_page;
use gongkai_core::org::Role;
use gongkai_store::audit::{AuditFilter, Who};
use gongkai_store::blobs::FsBlobStore;
use gongkai_store::documents::{self, PublishOptions};
use gongkai_store::export::{ImportDocument, ImportEdition, Outcome};
use gongkai_store::gazette::{self, ImportIssue, NewIssue, YearCount};
use gongkai_store::testing::{self, TestStaff, test_db};
use gongkai_store::{Db, StoreError, on_db};
use time::macros::date;

const SEED_PAGE: &str = include_str!("../../core/tests/fixtures/seed-page.txt");

struct World {
    t: testing::TestDb,
    agency: i64,
    editor: TestStaff,
    reviewer: TestStaff,
    blobs: FsBlobStore,
}

async fn world() -> World {
    let t = test_db().await;
    let a = testing::agency(&t.db, "001002003", "wzszfb", "温州市人民政府办公室").await;
    let editor = testing::staff(&t.db, "editor1", Role::Editor, Some(a.id)).await;
    let reviewer = testing::staff(&t.db, "reviewer1", Role::Reviewer, Some(a.id)).await;
    let blobs = FsBlobStore::new(t.data_dir());
    World { agency: a.id, editor, reviewer, blobs, t }
}

impl World {
    fn db(&self) -> &Db {
        &self.t.db
    }

    async fn publish(&self, title: &str) -> (i64, IndexNo) {
        let db = self.db();
        let id =
            documents::create_draft(db, &self.editor.who(), &self.editor.actor(), self.agency, &testing::fields(title))
                .await
                .unwrap();
        documents::submit(db, &self.editor.who(), &self.editor.actor(), id).await.unwrap();
        let template = IndexTemplate::default();
        let opts = PublishOptions { privacy_override: None, template: &template, blobs: &self.blobs };
        let n = documents::publish(db, &self.reviewer.who(), &self.reviewer.actor(), id, &opts).await.unwrap();
        (id, n)
    }

    async fn count(&self, table: &str) -> i64 {
        on_db!(self.db(), |p| sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(p)
            .await
            .unwrap())
    }

    async fn gazette_audit(&self) -> usize {
        let f = AuditFilter { entity: Some("gazette_issue".into()), ..Default::default() };
        gongkai_store::audit::list(self.db(), &f, 100, 0).await.unwrap().0.len()
    }
}

fn key(year: i32, number: u32) -> IssueKey {
    IssueKey { year, number }
}

fn who() -> Who {
    Who::system("test")
}

#[tokio::test]
async fn issues_list_by_year_and_keep_their_table_of_contents_order() {
    let w = world().await;
    let (a, na) = w.publish("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;
    let (_, nb) = w.publish("温州市人民政府办公室关于做好2017年防汛防台工作的通知").await;
    let (_, nc) = w.publish("温州市人民政府办公室关于公布第二批市级非物质文化遗产名录的通知").await;

    assert!(gazette::years(w.db()).await.unwrap().is_empty());
    assert!(gazette::issue(w.db(), key(2017, 12)).await.unwrap().is_none());

    let id = gazette::create_issue(
        w.db(),
        &who(),
        &NewIssue {
            key: key(2017, 12),
            published_on: date!(2017 - 06 - 30),
            documents: vec![nc.clone(), na.clone(), nb.clone()],
        },
    )
    .await
    .unwrap();
    gazette::create_issue(
        w.db(),
        &who(),
        &NewIssue { key: key(2017, 3), published_on: date!(2017 - 02 - 15), documents: vec![na.clone()] },
    )
    .await
    .unwrap();
    gazette::create_issue(
        w.db(),
        &who(),
        &NewIssue { key: key(2018, 1), published_on: date!(2018 - 01 - 15), documents: vec![nb.clone()] },
    )
    .await
    .unwrap();

    assert_eq!(
        gazette::years(w.db()).await.unwrap(),
        [YearCount { year: 2018, issues: 1 }, YearCount { year: 2017, issues: 2 }],
        "newest year first"
    );
    let issues = gazette::issues_of_year(w.db(), 2017).await.unwrap();
    let listed: Vec<(u32, i64)> = issues.iter().map(|i| (i.key.number, i.documents)).collect();
    assert_eq!(listed, [(3, 1), (12, 3)], "in number order, with their document counts");
    assert!(gazette::issues_of_year(w.db(), 2016).await.unwrap().is_empty());

    let issue = gazette::issue(w.db(), key(2017, 12)).await.unwrap().expect("the issue");
    assert_eq!(issue.id, id);
    assert_eq!(issue.published_on, date!(2017 - 06 - 30));
    let toc: Vec<(i64, &str)> = issue.entries.iter().map(|e| (e.position, e.index_no.as_str())).collect();
    assert_eq!(
        toc,
        [(1, nc.as_str()), (2, na.as_str()), (3, nb.as_str())],
        "the order given, not the order of publication"
    );
    let first = &issue.entries[1];
    assert_eq!(first.document_id, a);
    assert_eq!(first.title, "温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知");
    assert_eq!(first.doc_no.as_deref(), Some("温政办〔2017〕62号"));
    assert!(!first.withdrawn);

    let appears: Vec<(IssueKey, i64)> =
        gazette::issues_of_document(w.db(), a).await.unwrap().iter().map(|x| (x.key, x.position)).collect();
    assert_eq!(appears, [(key(2017, 3), 1), (key(2017, 12), 2)]);
    assert_eq!(w.gazette_audit().await, 3, "every issue is in the audit log");
}

#[tokio::test]
async fn a_duplicate_issue_is_refused_and_nothing_is_written() {
    let w = world().await;
    let (_, na) = w.publish("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;
    let (_, nb) = w.publish("温州市人民政府办公室关于做好2017年防汛防台工作的通知").await;
    let new = NewIssue { key: key(2017, 12), published_on: date!(2017 - 06 - 30), documents: vec![na.clone()] };
    gazette::create_issue(w.db(), &who(), &new).await.unwrap();

    let again = NewIssue { documents: vec![nb.clone(), na.clone()], published_on: date!(2017 - 07 - 01), ..new };
    let e = gazette::create_issue(w.db(), &who(), &again).await.unwrap_err();
    assert!(matches!(&e, StoreError::Conflict(m) if m.contains("2017年第12期已存在")), "{e}");

    let issue = gazette::issue(w.db(), key(2017, 12)).await.unwrap().unwrap();
    assert_eq!(issue.published_on, date!(2017 - 06 - 30));
    assert_eq!(issue.entries.len(), 1);
    assert_eq!(w.count("gazette_issues").await, 1);
    assert_eq!(w.count("gazette_entries").await, 1);
    assert_eq!(w.gazette_audit().await, 1);
}

#[tokio::test]
async fn bad_issues_are_refused_with_a_reason_and_nothing_is_written() {
    let w = world().await;
    let (_, na) = w.publish("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;
    let unknown = IndexNo::parse("001002003/2017-09999").unwrap();
    let cases: [(NewIssue, &str); 5] = [
        (
            NewIssue { key: key(2017, 0), published_on: date!(2017 - 06 - 30), documents: vec![na.clone()] },
            "期号从 1 开始",
        ),
        (
            NewIssue { key: key(2017, 1), published_on: date!(2018 - 01 - 02), documents: vec![na.clone()] },
            "不在 2017 年内",
        ),
        (NewIssue { key: key(2017, 1), published_on: date!(2017 - 06 - 30), documents: vec![] }, "目录为空"),
        (
            NewIssue {
                key: key(2017, 1),
                published_on: date!(2017 - 06 - 30),
                documents: vec![na.clone(), na.clone()],
            },
            "出现了两次",
        ),
        (
            NewIssue { key: key(2017, 1), published_on: date!(2017 - 06 - 30), documents: vec![na.clone(), unknown] },
            "001002003/2017-09999",
        ),
    ];
    for (issue, expected) in cases {
        let e = gazette::create_issue(w.db(), &who(), &issue).await.unwrap_err();
        assert!(matches!(e, StoreError::Invalid(_)), "{e}");
        assert!(e.to_string().contains(expected), "{expected}: {e}");
    }
    assert_eq!(w.count("gazette_issues").await, 0);
    assert_eq!(w.count("gazette_entries").await, 0);
    assert_eq!(w.gazette_audit().await, 0);
}

#[tokio::test]
async fn withdrawn_documents_stay_in_the_contents_marked_but_cannot_be_added() {
    let w = world().await;
    let (a, na) = w.publish("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;
    let (_, nb) = w.publish("温州市人民政府办公室关于做好2017年防汛防台工作的通知").await;
    let new = NewIssue { key: key(2017, 12), published_on: date!(2017 - 06 - 30), documents: vec![na.clone(), nb] };
    gazette::create_issue(w.db(), &who(), &new).await.unwrap();
    documents::withdraw(w.db(), &w.reviewer.who(), &w.reviewer.actor(), a, "内容已过时").await.unwrap();

    let issue = gazette::issue(w.db(), key(2017, 12)).await.unwrap().unwrap();
    let marks: Vec<bool> = issue.entries.iter().map(|e| e.withdrawn).collect();
    assert_eq!(marks, [true, false]);

    let later = NewIssue { key: key(2017, 13), published_on: date!(2017 - 07 - 15), documents: vec![na] };
    let e = gazette::create_issue(w.db(), &who(), &later).await.unwrap_err();
    assert!(e.to_string().contains("已撤回"), "{e}");
    assert_eq!(w.count("gazette_issues").await, 1);
}

/// A legacy page as the historical import gets it: one published edition.
fn page(text: &str) -> ImportDocument {
    let (page, _) = read_page(text).unwrap();
    let doc = legacy::to_document(&page).unwrap();
    ImportDocument {
        index_no: doc.index_no,
        agency_code: "001002003".into(),
        first_published_at: doc.published_at,
        withdrawn_at: None,
        withdrawn_reason: None,
        view_count: 0,
        editions: vec![ImportEdition {
            edition_no: 1,
            status: EditionStatus::Published,
            published_at: Some(doc.published_at),
            privacy_override: None,
            fields: doc.fields,
            attachments: vec![],
        }],
    }
}

/// The seed page under another 索引号 and title.
fn other_page(serial: u32, title: &str) -> ImportDocument {
    let text = SEED_PAGE
        .replace("001002003/2017-01330", &format!("001002003/2017-{serial:05}"))
        .replace("温州市人民政府办公室关于印发\n温州市深化政务公开工作实施方案的通知", title);
    page(&text)
}

#[tokio::test]
async fn historical_issues_import_with_their_documents_all_or_nothing() {
    let w = world().await;
    let seed = page(SEED_PAGE);
    let second = other_page(1401, "温州市人民政府办公室关于做好2017年防汛防台工作的通知");
    let issues = vec![
        ImportIssue {
            key: key(2017, 12),
            published_on: date!(2017 - 06 - 30),
            documents: vec![second.clone(), seed.clone()],
        },
        ImportIssue { key: key(2017, 13), published_on: date!(2017 - 07 - 15), documents: vec![seed.clone()] },
    ];
    let done = gazette::import_issues(w.db(), &who(), &w.blobs, &issues).await.unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!(done[0].outcomes, [Outcome::Created, Outcome::Created]);
    assert_eq!(done[1].outcomes, [Outcome::Created], "the same page in two issues is one document");
    let issue = gazette::issue(w.db(), key(2017, 12)).await.unwrap().unwrap();
    let toc: Vec<&str> = issue.entries.iter().map(|e| e.index_no.as_str()).collect();
    assert_eq!(toc, ["001002003/2017-01401", "001002003/2017-01330"]);
    assert_eq!(issue.entries[1].doc_no.as_deref(), Some("温政办〔2017〕62号"));
    assert_eq!(w.count("documents").await, 2);

    // An issue that exists already: refused before any document is written.
    let third = other_page(1402, "温州市人民政府办公室关于公布第二批市级非物质文化遗产名录的通知");
    let again = vec![
        ImportIssue { key: key(2017, 14), published_on: date!(2017 - 07 - 31), documents: vec![third.clone()] },
        ImportIssue { key: key(2017, 12), published_on: date!(2017 - 06 - 30), documents: vec![third.clone()] },
    ];
    let e = gazette::import_issues(w.db(), &who(), &w.blobs, &again).await.unwrap_err();
    assert!(matches!(&e, StoreError::Conflict(m) if m.contains("2017年第12期已存在")), "{e}");
    assert_eq!(w.count("documents").await, 2, "no document was written");
    assert_eq!(w.count("gazette_issues").await, 2);

    // An unknown agency: refused by the document import, nothing written.
    let mut stranger = third.clone();
    stranger.agency_code = "001009999".into();
    let bad = vec![ImportIssue { key: key(2017, 14), published_on: date!(2017 - 07 - 31), documents: vec![stranger] }];
    let e = gazette::import_issues(w.db(), &who(), &w.blobs, &bad).await.unwrap_err();
    assert!(e.to_string().contains("001009999"), "{e}");
    assert_eq!(w.count("documents").await, 2);
    assert_eq!(w.count("gazette_issues").await, 2);

    // One 索引号 with two different contents.
    let mut changed = third.clone();
    changed.editions[0].fields.title = gongkai_core::doc::Title::parse("另一个标题的通知").unwrap();
    let clash = vec![
        ImportIssue { key: key(2017, 14), published_on: date!(2017 - 07 - 31), documents: vec![third.clone()] },
        ImportIssue { key: key(2017, 15), published_on: date!(2017 - 08 - 15), documents: vec![changed] },
    ];
    let e = gazette::import_issues(w.db(), &who(), &w.blobs, &clash).await.unwrap_err();
    assert!(e.to_string().contains("两个内容不同的文件"), "{e}");
    assert_eq!(w.count("documents").await, 2);

    // A page already on the platform is left unchanged and listed.
    let ok =
        vec![ImportIssue { key: key(2017, 14), published_on: date!(2017 - 07 - 31), documents: vec![seed, third] }];
    let done = gazette::import_issues(w.db(), &who(), &w.blobs, &ok).await.unwrap();
    assert_eq!(done[0].outcomes, [Outcome::Unchanged, Outcome::Created]);
    assert_eq!(w.count("documents").await, 3);
    assert_eq!(w.gazette_audit().await, 3);
}
