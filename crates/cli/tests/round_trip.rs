//! Moving a catalogue between databases loses nothing: seed the demo into one database, export
//! it, import the export into an empty one, export again, and compare bytes. Runs on SQLite,
//! and on PostgreSQL too when `GONGKAI_TEST_POSTGRES_URL` is set (fresh databases either way).

use gongkai::commands::export::{Counts, export_jsonl};
use gongkai::commands::generate_corpus::{Progress, write_corpus};
use gongkai::commands::import::{Importer, Totals};
use gongkai::demo::{corpus, seed};
use gongkai_core::foi::report::{Table3Column, Table3Line};
use gongkai_core::import::records::Record;
use gongkai_store::blobs::FsBlobStore;
use gongkai_store::testing::test_db;

async fn import(db: &gongkai_store::Db, blobs: &FsBlobStore, jsonl: &[u8], batch: usize) -> (Totals, String) {
    let mut report = Vec::new();
    let mut importer = Importer::new(db, blobs, &mut report, batch);
    importer.import_json_lines("export.jsonl", jsonl).await.expect("import");
    let totals = importer.finish().await.expect("finish");
    (totals, String::from_utf8(report).unwrap())
}

#[tokio::test]
async fn demo_export_import_export_gives_the_same_bytes() {
    gongkai_store::users::use_cheap_hashes_for_tests();
    let a = test_db().await;
    let blobs_a = FsBlobStore::new(a.data_dir());
    let cal = gongkai_core::calendar::WorkCalendar::official();
    let seeded = seed::seed(&a.db, &blobs_a, &cal, time::macros::date!(2026 - 11 - 28)).await.expect("seed the demo");
    let agencies = corpus::agencies().len();
    assert_eq!(seeded.agencies, agencies);
    assert_eq!(seeded.documents as u64, seed::DEMO_DOCUMENTS_TOTAL, "generated, seed page, gazette, showcase");
    assert_eq!(seeded.staff.len(), 2 + 4 * agencies, "editor, reviewer, request officer and office head per agency");
    assert_eq!(seeded.cases, seed::DEMO_CASES);
    assert!(seeded.sample_case.is_some());
    for year in [2025, 2026] {
        let (t3, t4) = gongkai_store::cases::tables(&a.db, None, year).await.unwrap();
        assert!(t3.checks().is_empty() && t4.checks().is_empty(), "{year}: {:?}", t3.checks());
        assert!(t3.cell(Table3Line::New, Table3Column::Total) > 100);
    }
    let mut first = Vec::new();
    let counts = export_jsonl(&a.db, &blobs_a, &mut first).await.expect("export A");
    assert_eq!(counts, Counts { agencies: agencies as u64, documents: seed::DEMO_DOCUMENTS_TOTAL });
    let text = std::str::from_utf8(&first).unwrap();
    assert!(text.contains("\"index_no\":\"001002003/2017-01330\""));
    assert!(text.contains("温政办〔2017〕62号"));

    let b = test_db().await;
    let blobs_b = FsBlobStore::new(b.data_dir());
    // A batch size that does not divide the count, so the last batch is a partial one.
    let (totals, report) = import(&b.db, &blobs_b, &first, 100).await;
    assert_eq!(totals.failed, 0, "{report}");
    assert_eq!(totals.created, seed::DEMO_DOCUMENTS_TOTAL, "{report}");
    assert_eq!(totals.agencies_created, agencies as u64, "{report}");
    let mut second = Vec::new();
    export_jsonl(&b.db, &blobs_b, &mut second).await.expect("export B");
    if first != second {
        let (a, b) = (String::from_utf8_lossy(&first), String::from_utf8_lossy(&second));
        let (i, (x, y)) =
            a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y).expect("same lines, different length");
        panic!("exports differ at line {}:\nA: {x}\nB: {y}", i + 1);
    }

    // Importing the same file again changes nothing.
    let (totals, report) = import(&b.db, &blobs_b, &first, 500).await;
    assert_eq!(totals.unchanged, seed::DEMO_DOCUMENTS_TOTAL, "{report}");
    assert_eq!((totals.created, totals.updated, totals.failed, totals.agencies_created), (0, 0, 0, 0), "{report}");
}

#[tokio::test]
async fn a_generated_corpus_parses_and_imports() {
    let mut out = Vec::new();
    write_corpus(&mut out, 7, 50, None, &mut Progress::Hidden).expect("generate");
    let text = String::from_utf8(out).unwrap();
    let records: Vec<Record> = text.lines().map(|l| serde_json::from_str(l).expect(l)).collect();
    let agencies = records.iter().filter(|r| matches!(r, Record::Agency(_))).count();
    assert_eq!(agencies, corpus::agencies().len());
    assert_eq!(records.len() - agencies, 50);
    assert!(records[..agencies].iter().all(|r| matches!(r, Record::Agency(_))), "agencies come first");

    let db = test_db().await;
    let blobs = FsBlobStore::new(db.data_dir());
    let (totals, report) = import(&db.db, &blobs, text.as_bytes(), 16).await;
    assert_eq!((totals.created, totals.failed), (50, 0), "{report}");

    // Documents generated to a size import too.
    let mut out = Vec::new();
    write_corpus(&mut out, 7, 20, Some((3000, 6000)), &mut Progress::Hidden).expect("generate sized");
    let (totals, report) = import(&db.db, &blobs, &out, 16).await;
    assert_eq!(totals.failed, 0, "{report}");
}

#[tokio::test]
async fn a_failing_batch_names_the_bad_document_and_keeps_the_good_ones() {
    let mut out = Vec::new();
    write_corpus(&mut out, 11, 30, None, &mut Progress::Hidden).expect("generate");
    let good = String::from_utf8(out).unwrap();
    // The 10th document of the file claims an agency that exists nowhere: the store refuses its
    // whole batch, and the importer then writes the batch's documents one by one.
    let (line_no, line) = good.lines().enumerate().filter(|(_, l)| l.contains("\"type\":\"document\"")).nth(9).unwrap();
    let Record::Document(mut bad) = serde_json::from_str(line).unwrap() else { unreachable!() };
    bad.agency = "999999999".into();
    let bad_line = serde_json::to_string(&Record::Document(bad.clone())).unwrap();
    let text = good.replacen(line, &bad_line, 1);

    let db = test_db().await;
    let blobs = FsBlobStore::new(db.data_dir());
    let (totals, report) = import(&db.db, &blobs, text.as_bytes(), 8).await;
    assert_eq!((totals.created, totals.failed), (29, 1), "{report}");
    let expected = format!("✗ export.jsonl:{}: {}: ", line_no + 1, bad.index_no);
    let failure = report.lines().find(|l| l.starts_with(&expected)).unwrap_or_else(|| panic!("{expected}\n{report}"));
    assert!(failure.contains("999999999"), "{failure}");

    // Fixed and imported again, only the missing document is new.
    let (totals, report) = import(&db.db, &blobs, good.as_bytes(), 8).await;
    assert_eq!((totals.created, totals.unchanged, totals.failed), (1, 29, 0), "{report}");
}
