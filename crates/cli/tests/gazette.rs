//! `gongkai import-gazette DIR`: historical issues of the 政府公报 from page-text files and a
//! manifest. The binary is run as an operator runs it (SQLite in a fresh data directory); the
//! same import is also driven as a library on SQLite and, when `GONGKAI_TEST_POSTGRES_URL` is
//! set, on PostgreSQL.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use gongkai::commands::gazette::{folder, import, prepare};
use gongkai_core::gazette::IssueKey;
use gongkai_store::audit::{self, AuditFilter};
use gongkai_store::blobs::FsBlobStore;
use gongkai_store::documents::{self, CatalogueFilter};
use gongkai_store::testing::{self, test_db};
use gongkai_store::{Db, DbUrl, agencies, gazette};

const SEED_PAGE: &str = include_str!("../../core/tests/fixtures/seed-page.txt");

fn gongkai(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .current_dir(dir)
        .env_clear()
        .env("RUST_LOG", "warn")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run gongkai")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn ok(o: Output) -> Output {
    assert!(o.status.success(), "exit {:?}\nstdout:\n{}\nstderr:\n{}", o.status, stdout(&o), stderr(&o));
    o
}

#[track_caller]
fn fails(o: Output) -> String {
    assert_eq!(o.status.code(), Some(1), "stdout:\n{}\nstderr:\n{}", stdout(&o), stderr(&o));
    stderr(&o)
}

/// The seed page under another 索引号, 文号 and title.
fn other_page(serial: u32, doc_no: u32, title: &str) -> String {
    SEED_PAGE
        .replace("001002003/2017-01330", &format!("001002003/2017-{serial:05}"))
        .replace("温政办〔2017〕62号", &format!("温政办〔2017〕{doc_no}号"))
        .replace("温州市人民政府办公室关于印发\n温州市深化政务公开工作实施方案的通知", title)
}

/// A folder with two issues: 第6期 lists a new page and the seed page, 第7期 another new page.
fn write_folder(dir: &Path) {
    std::fs::create_dir_all(dir.join("2017-06")).unwrap();
    std::fs::create_dir_all(dir.join("2017-07")).unwrap();
    std::fs::write(
        dir.join("2017-06/01.txt"),
        other_page(1401, 58, "温州市人民政府办公室关于做好2017年防汛防台工作的通知"),
    )
    .unwrap();
    std::fs::write(dir.join("2017-06/02.txt"), SEED_PAGE).unwrap();
    std::fs::write(
        dir.join("2017-07/01.txt"),
        other_page(1402, 71, "温州市人民政府办公室关于公布第二批市级非物质文化遗产名录的通知"),
    )
    .unwrap();
    std::fs::write(
        dir.join("manifest.toml"),
        r#"
[[issue]]
year = 2017
number = 6
published_on = "2017-06-30"
files = ["2017-06/01.txt", "2017-06/02.txt"]

[[issue]]
year = 2017
number = 7
published_on = 2017-07-31
files = ["2017-07/01.txt"]
"#,
    )
    .unwrap();
}

async fn sqlite(dir: &Path) -> Db {
    let url = DbUrl::parse(&format!("sqlite://{}", dir.join("gongkai-data/gongkai.db").display())).unwrap();
    Db::connect(&url).await.unwrap()
}

/// What an import can change, read through the store: public documents, agencies, issues,
/// 目录 entries, audit entries.
async fn state_of(db: &Db) -> [i64; 5] {
    let (_, documents) = documents::catalogue(db, &CatalogueFilter::default(), 1, 0).await.unwrap();
    let agencies = agencies::list(db).await.unwrap().len() as i64;
    let mut issues = 0;
    let mut entries = 0;
    for y in gazette::years(db).await.unwrap() {
        issues += y.issues;
        entries += gazette::issues_of_year(db, y.year).await.unwrap().iter().map(|i| i.documents).sum::<i64>();
    }
    let (_, audit) = audit::list(db, &AuditFilter::default(), 1, 0).await.unwrap();
    [documents, agencies, issues, entries, audit]
}

async fn counts(dir: &Path) -> [i64; 5] {
    let db = sqlite(dir).await;
    let out = state_of(&db).await;
    db.close().await;
    out
}

#[tokio::test]
async fn import_gazette_reads_the_folder_and_lists_each_issue() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The seed page's agency, created by the ordinary import of the seed page itself.
    let seed = d.join("seed.txt");
    std::fs::write(&seed, SEED_PAGE).unwrap();
    ok(gongkai(d, &["import", seed.to_str().unwrap()]));

    let pages = d.join("gazette");
    write_folder(&pages);
    let out = stdout(&ok(gongkai(d, &["import-gazette", pages.to_str().unwrap()])));
    assert!(out.contains("checked 2 issues and 3 files"), "{out}");
    assert!(out.contains("✓ 2017年第6期 (2017-06-30): 2 documents"), "{out}");
    assert!(out.contains(" 1. 2017-06/01.txt: 001002003/2017-01401 created"), "{out}");
    assert!(out.contains(" 2. 2017-06/02.txt: 001002003/2017-01330 unchanged"), "{out}");
    assert!(out.contains("✓ 2017年第7期 (2017-07-31): 1 documents"), "{out}");
    assert!(out.contains("2 issues imported; documents: 2 created, 0 updated, 1 unchanged"), "{out}");

    let db = sqlite(d).await;
    let issue = gazette::issue(&db, IssueKey { year: 2017, number: 6 }).await.unwrap().expect("imported");
    let toc: Vec<&str> = issue.entries.iter().map(|e| e.index_no.as_str()).collect();
    assert_eq!(toc, ["001002003/2017-01401", "001002003/2017-01330"]);
    assert_eq!(issue.entries[0].doc_no.as_deref(), Some("温政办〔2017〕58号"));
    db.close().await;

    // A second run finds the issues there and changes nothing.
    let before = counts(d).await;
    let e = fails(gongkai(d, &["import-gazette", pages.to_str().unwrap()]));
    assert!(e.contains("2017年第6期、2017年第7期已存在") && e.contains("nothing was imported"), "{e}");
    assert_eq!(counts(d).await, before);
}

#[tokio::test]
async fn a_manifest_naming_missing_files_changes_nothing_and_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pages = d.join("gazette");
    write_folder(&pages);
    std::fs::remove_file(pages.join("2017-06/02.txt")).unwrap();
    std::fs::remove_file(pages.join("2017-07/01.txt")).unwrap();

    // Checked before the database is opened: not even an empty database is created.
    let e = fails(gongkai(d, &["import-gazette", pages.to_str().unwrap()]));
    assert!(e.contains("the manifest names 2 missing file(s)"), "{e}");
    assert!(e.contains("2017-06/02.txt (2017年第6期, item 2)"), "{e}");
    assert!(e.contains("2017-07/01.txt (2017年第7期, item 1)"), "{e}");
    assert!(e.contains("nothing was imported"), "{e}");
    assert!(!d.join("gongkai-data").exists(), "no database was created");

    // With a database holding the agency: still nothing is written.
    let seed = d.join("seed.txt");
    std::fs::write(&seed, SEED_PAGE).unwrap();
    ok(gongkai(d, &["import", seed.to_str().unwrap()]));
    let before = counts(d).await;
    let e = fails(gongkai(d, &["import-gazette", pages.to_str().unwrap()]));
    assert!(e.contains("2017-06/02.txt") && e.contains("2017-07/01.txt"), "{e}");
    assert_eq!(counts(d).await, before, "the database is unchanged");
}

#[tokio::test]
async fn bad_manifests_and_pages_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seed = d.join("seed.txt");
    std::fs::write(&seed, SEED_PAGE).unwrap();
    ok(gongkai(d, &["import", seed.to_str().unwrap()]));
    let pages = d.join("gazette");
    write_folder(&pages);
    let before = counts(d).await;
    let run = || gongkai(d, &["import-gazette", pages.to_str().unwrap()]);

    // The manifest's problems, with their lines.
    let manifest = std::fs::read_to_string(pages.join("manifest.toml")).unwrap();
    std::fs::write(pages.join("manifest.toml"), manifest.replace("number = 7", "number = 6")).unwrap();
    let e = fails(run());
    assert!(e.contains("manifest.toml 第 8 行：2017年第6期重复"), "{e}");
    std::fs::write(pages.join("manifest.toml"), manifest.replace("2017-07/01.txt", "../secret.txt")).unwrap();
    let e = fails(run());
    assert!(e.contains("含有“..”"), "{e}");
    std::fs::write(pages.join("manifest.toml"), &manifest).unwrap();

    // A page that does not read as a document.
    std::fs::write(pages.join("2017-07/01.txt"), "\n").unwrap();
    let e = fails(run());
    assert!(
        e.contains("1 file(s) cannot be imported") && e.contains("2017-07/01.txt (2017年第7期, item 1): 页面内容为空"),
        "{e}"
    );
    std::fs::write(pages.join("2017-07/01.txt"), [0xCE, 0xC2, 0xD6, 0xDD, b'\n']).unwrap();
    let e = fails(run());
    assert!(e.contains("not UTF-8"), "{e}");

    // A page whose agency is not on the platform: never created by this command.
    std::fs::write(
        pages.join("2017-07/01.txt"),
        SEED_PAGE
            .replace("001002003/2017-01330", "001002099/2017-00001")
            .replace("温州市人民政府办公室", "温州市某某局"),
    )
    .unwrap();
    let e = fails(run());
    assert!(e.contains("no agency is named “温州市某某局”") && e.contains("--agency"), "{e}");
    assert_eq!(counts(d).await, before, "nothing was written by any of these");

    // Unless the operator names one.
    let out = stdout(&ok(gongkai(d, &["import-gazette", pages.to_str().unwrap(), "--agency", "001002003"])));
    assert!(out.contains("2017-07/01.txt: 001002099/2017-00001 created"), "{out}");
}

/// The same import as a library, on the backend the environment selects.
#[tokio::test]
async fn the_import_is_all_or_nothing_on_either_database() {
    let t = test_db().await;
    testing::agency(&t.db, "001002003", "wzszfb", "温州市人民政府办公室").await;
    let blobs = FsBlobStore::new(t.data_dir());
    let who = audit::Who::system("test");
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let manifest = std::fs::read_to_string(dir.path().join("manifest.toml")).unwrap();

    std::fs::rename(dir.path().join("2017-07/01.txt"), dir.path().join("2017-07/moved.txt")).unwrap();
    let e = prepare(&manifest, folder(dir.path())).err().expect("a missing file");
    assert!(format!("{e:#}").contains("2017-07/01.txt"), "{e:#}");
    std::fs::rename(dir.path().join("2017-07/moved.txt"), dir.path().join("2017-07/01.txt")).unwrap();

    let prepared = prepare(&manifest, folder(dir.path())).unwrap();
    let mut report = Vec::new();
    let done = import(&t.db, &who, &blobs, prepared, None, &mut report).await.unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!(state_of(&t.db).await[..4], [3, 1, 2, 3]);
    let years = gazette::years(&t.db).await.unwrap();
    assert_eq!(years.len(), 1);
    assert_eq!(years[0].issues, 2);

    // Again: the issues exist, so not even the documents are looked at twice.
    let prepared = prepare(&manifest, folder(dir.path())).unwrap();
    let e = import(&t.db, &who, &blobs, prepared, None, &mut Vec::new()).await.expect_err("issues exist");
    assert!(format!("{e:#}").contains("已存在"), "{e:#}");
    assert_eq!(state_of(&t.db).await[..4], [3, 1, 2, 3]);
}
