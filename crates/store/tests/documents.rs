//! The document workflow against a real database (SQLite, or PostgreSQL when
//! `GONGKAI_TEST_POSTGRES_URL` is set).

use gongkai_core::doc::workflow::{EditionStatus, WorkflowError};
use gongkai_core::doc::{EditionInput, IndexNo, IndexTemplate};
use gongkai_core::org::Role;
use gongkai_store::audit::{AuditFilter, Who};
use gongkai_store::blobs::FsBlobStore;
use gongkai_store::documents::{self, CatalogueFilter, PublicLookup, PublishOptions, StaffFilter, Upload};
use gongkai_store::testing::{self, TestStaff, test_db};
use gongkai_store::{Db, StoreError, on_db};

struct World {
    t: testing::TestDb,
    agency: i64,
    editor: TestStaff,
    reviewer: TestStaff,
    blobs: FsBlobStore,
    template: IndexTemplate,
}

async fn world() -> World {
    let t = test_db().await;
    let a = testing::agency(&t.db, "001002003", "wzszfb", "温州市人民政府办公室").await;
    let editor = testing::staff(&t.db, "editor1", Role::Editor, Some(a.id)).await;
    let reviewer = testing::staff(&t.db, "reviewer1", Role::Reviewer, Some(a.id)).await;
    let blobs = FsBlobStore::new(t.data_dir());
    World { agency: a.id, editor, reviewer, blobs, template: IndexTemplate::default(), t }
}

impl World {
    fn db(&self) -> &Db {
        &self.t.db
    }

    fn opts(&self) -> PublishOptions<'_> {
        PublishOptions { privacy_override: None, template: &self.template, blobs: &self.blobs }
    }

    async fn draft(&self, title: &str) -> i64 {
        documents::create_draft(
            self.db(),
            &self.editor.who(),
            &self.editor.actor(),
            self.agency,
            &testing::fields(title),
        )
        .await
        .unwrap()
    }

    async fn publish_new(&self, title: &str) -> (i64, IndexNo) {
        let id = self.draft(title).await;
        documents::submit(self.db(), &self.editor.who(), &self.editor.actor(), id).await.unwrap();
        let n = documents::publish(self.db(), &self.reviewer.who(), &self.reviewer.actor(), id, &self.opts())
            .await
            .unwrap();
        (id, n)
    }
}

#[tokio::test]
async fn draft_review_publish_and_the_public_page() {
    let w = world().await;
    let id = w.draft("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;

    // A draft is not public and has no 索引号 yet.
    let staff = documents::staff_document(w.db(), &w.editor.actor(), id).await.unwrap();
    assert_eq!(staff.working.status, EditionStatus::Draft);
    assert!(staff.document.index_no.is_none());

    // Editors cannot publish; reviewers cannot publish what was not submitted.
    let e = documents::publish(w.db(), &w.editor.who(), &w.editor.actor(), id, &w.opts()).await.unwrap_err();
    assert!(matches!(e, StoreError::Workflow(WorkflowError::WrongRole { .. })), "{e}");
    let e = documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap_err();
    assert!(matches!(e, StoreError::Workflow(WorkflowError::WrongState { .. })), "{e}");

    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    let n = documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap();
    let year = gongkai_core::tz::local_date(gongkai_store::now()).year();
    assert_eq!(n.as_str(), format!("001002003/{year}-00001"));

    let PublicLookup::Found(page) = documents::public_page(w.db(), &n).await.unwrap() else { panic!("not public") };
    assert_eq!(page.edition.fields.doc_no.as_ref().unwrap().as_str(), "温政办〔2017〕62号");
    assert_eq!(page.history.len(), 1);

    // A second review of the published edition is refused, saying when it was published.
    let e = documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap_err();
    assert!(e.to_string().contains("审核发布，不能重复审核"), "{e}");

    // The next document gets the next serial.
    let (_, n2) = w.publish_new("第二件").await;
    assert_eq!(n2.as_str(), format!("001002003/{year}-00002"));

    // The audit log has every step, with who did it.
    let (rows, _) = gongkai_store::audit::list(
        w.db(),
        &AuditFilter { entity: Some("document".into()), entity_id: Some(id.to_string()), ..Default::default() },
        50,
        0,
    )
    .await
    .unwrap();
    let actions: Vec<_> = rows.iter().rev().map(|r| (r.action.as_str(), r.actor_name.as_str())).collect();
    assert_eq!(
        actions,
        [("document.create", "editor1"), ("document.submit", "editor1"), ("document.publish", "reviewer1")]
    );
}

#[tokio::test]
async fn revisions_keep_history_and_need_a_change_note() {
    let w = world().await;
    let (id, n) = w.publish_new("原标题").await;
    documents::revise(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    // Only one open revision at a time.
    let e = documents::revise(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap_err();
    assert!(matches!(e, StoreError::Workflow(WorkflowError::OpenRevision)), "{e}");

    let mut fields = testing::fields("修订后的标题");
    documents::update_draft(w.db(), &w.editor.who(), &w.editor.actor(), id, &fields).await.unwrap();
    // The public still sees the published edition while the revision is a draft.
    let PublicLookup::Found(page) = documents::public_page(w.db(), &n).await.unwrap() else { panic!() };
    assert_eq!(page.edition.fields.title.as_str(), "原标题");

    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    let e = documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap_err();
    assert!(e.to_string().contains("修订说明"), "{e}");
    documents::return_to_editor(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, "请填写修订说明").await.unwrap();
    fields.change_note = Some("更正标题".into());
    documents::update_draft(w.db(), &w.editor.who(), &w.editor.actor(), id, &fields).await.unwrap();
    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    let n2 = documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap();
    assert_eq!(n2, n, "the 索引号 never changes");

    let PublicLookup::Found(page) = documents::public_page(w.db(), &n).await.unwrap() else { panic!() };
    assert_eq!(page.edition.fields.title.as_str(), "修订后的标题");
    assert_eq!(page.history.len(), 2);
    assert_eq!(page.history[1].change_note.as_deref(), Some("更正标题"));
    let editions = documents::editions(w.db(), id).await.unwrap();
    assert_eq!(
        editions.iter().map(|e| e.status).collect::<Vec<_>>(),
        [EditionStatus::Superseded, EditionStatus::Published]
    );
}

#[tokio::test]
async fn other_agencies_cannot_see_or_touch_drafts() {
    let w = world().await;
    let other = testing::agency(w.db(), "001003000", "wzsfgw", "温州市发展和改革委员会").await;
    let outsider = testing::staff(w.db(), "editor2", Role::Editor, Some(other.id)).await;
    let id = w.draft("内部草稿").await;
    assert!(matches!(documents::staff_document(w.db(), &outsider.actor(), id).await, Err(StoreError::NotFound)));
    assert!(matches!(
        documents::update_draft(w.db(), &outsider.who(), &outsider.actor(), id, &testing::fields("x")).await,
        Err(StoreError::NotFound)
    ));
    let (rows, total) = documents::staff_list(w.db(), &outsider.actor(), &StaffFilter::default(), 50, 0).await.unwrap();
    assert_eq!((rows.len(), total), (0, 0));
    // An editor of the agency sees it; so does the city disclosure office.
    let (rows, _) = documents::staff_list(w.db(), &w.editor.actor(), &StaffFilter::default(), 50, 0).await.unwrap();
    assert_eq!(rows.len(), 1);
    let office = testing::staff(w.db(), "office1", Role::DisclosureOffice, None).await;
    assert!(documents::staff_document(w.db(), &office.actor(), id).await.is_ok());
    // Creating a draft for another agency is refused.
    let e = documents::create_draft(w.db(), &outsider.who(), &outsider.actor(), w.agency, &testing::fields("x"))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Workflow(WorkflowError::OtherAgency)));
}

#[tokio::test]
async fn withdrawn_documents_answer_with_their_reason() {
    let w = world().await;
    let (id, n) = w.publish_new("将被撤回的信息").await;
    let e = documents::withdraw(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, "  ").await.unwrap_err();
    assert!(matches!(e, StoreError::Invalid(_)));
    documents::withdraw(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, "内容已过时").await.unwrap();
    match documents::public_page(w.db(), &n).await.unwrap() {
        PublicLookup::Withdrawn { title, reason, .. } => {
            assert_eq!(title, "将被撤回的信息");
            assert_eq!(reason.as_deref(), Some("内容已过时"));
        }
        _ => panic!("expected withdrawn"),
    }
    let (rows, total) = documents::catalogue(w.db(), &CatalogueFilter::default(), 10, 0).await.unwrap();
    assert_eq!((rows.len(), total), (0, 0));
    let (_, last) = documents::changed_since(w.db(), 0).await.unwrap();
    assert!(last >= 2, "publish and withdraw both wrote the outbox");
}

#[tokio::test]
async fn privacy_check_blocks_until_a_reviewer_overrides_with_a_reason() {
    let w = world().await;
    let mut input = testing::fields("公示").to_input();
    input.body = "申请人：张三，身份证号码 11010519491231002X，联系电话 13812345678。".into();
    let fields = gongkai_core::doc::EditionFields::parse(&input).unwrap();
    let id = documents::create_draft(w.db(), &w.editor.who(), &w.editor.actor(), w.agency, &fields).await.unwrap();
    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    let e = documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap_err();
    let StoreError::PrivacyBlocked(msg) = e else { panic!("expected privacy block, got {e}") };
    assert!(msg.contains("身份证号码") && msg.contains("手机号码"), "{msg}");
    // Nothing changed.
    let doc = documents::staff_document(w.db(), &w.reviewer.actor(), id).await.unwrap();
    assert_eq!(doc.working.status, EditionStatus::InReview);

    let opts = PublishOptions { privacy_override: Some("依法公示，经本人同意"), ..w.opts() };
    documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &opts).await.unwrap();
    let (rows, _) = gongkai_store::audit::list(
        w.db(),
        &AuditFilter { entity_id: Some(id.to_string()), ..Default::default() },
        10,
        0,
    )
    .await
    .unwrap();
    let note = rows.iter().find(|r| r.action == "document.publish").and_then(|r| r.note.clone()).unwrap();
    assert!(note.contains("依法公示，经本人同意") && note.contains("身份证号码"), "{note}");
}

#[tokio::test]
async fn attachments_are_checked_and_carried_into_revisions() {
    let w = world().await;
    let id = w.draft("附件测试").await;
    let upload = |name, bytes| Upload { file_name: name, bytes, max_bytes: Some(1024) };
    let e = documents::add_attachment(
        w.db(),
        &w.blobs,
        &w.editor.who(),
        &w.editor.actor(),
        id,
        &upload("x.pdf", &[b'%'; 2000]),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("过大"), "{e}");
    let e = documents::add_attachment(
        w.db(),
        &w.blobs,
        &w.editor.who(),
        &w.editor.actor(),
        id,
        &upload("x.html", b"<script>"),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("不支持"), "{e}");
    let a = documents::add_attachment(
        w.db(),
        &w.blobs,
        &w.editor.who(),
        &w.editor.actor(),
        id,
        &upload("温州市深化政务公开工作实施方案.pdf", b"%PDF-1.7 content"),
    )
    .await
    .unwrap();
    assert_eq!(a.file_name, "温州市深化政务公开工作实施方案.pdf");
    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap();
    let d = documents::download(w.db(), a.id).await.unwrap().unwrap();
    assert!(d.public);
    let revision = documents::revise(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    let copied = documents::attachments(w.db(), revision).await.unwrap();
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0].sha256, a.sha256);
    // The draft's copy is not public.
    assert!(!documents::download(w.db(), copied[0].id).await.unwrap().unwrap().public);
}

#[tokio::test]
async fn the_audit_log_cannot_be_changed() {
    let w = world().await;
    w.draft("x").await;
    let update =
        on_db!(w.db(), |p| sqlx::query("UPDATE audit_log SET actor_name = 'mallory'").execute(p).await.map(|_| ()));
    assert!(update.is_err(), "UPDATE must be refused");
    let delete = on_db!(w.db(), |p| sqlx::query("DELETE FROM audit_log").execute(p).await.map(|_| ()));
    assert!(delete.is_err(), "DELETE must be refused");
}

#[tokio::test]
async fn sql_metacharacters_are_data() {
    let w = world().await;
    let nasty = "'; DROP TABLE documents; -- \" OR 1=1 %_\\";
    let (_, n) = w.publish_new(nasty).await;
    let PublicLookup::Found(page) = documents::public_page(w.db(), &n).await.unwrap() else { panic!() };
    assert_eq!(page.edition.fields.title.as_str(), nasty);
    let f = StaffFilter { title: Some("%_".into()), ..Default::default() };
    let (rows, _) = documents::staff_list(w.db(), &w.editor.actor(), &f, 10, 0).await.unwrap();
    assert_eq!(rows.len(), 1);
    let f = StaffFilter { title: Some("%x%".into()), ..Default::default() };
    assert_eq!(documents::staff_list(w.db(), &w.editor.actor(), &f, 10, 0).await.unwrap().1, 0, "% is literal");
}

#[tokio::test]
async fn catalogue_filters_and_facets() {
    let w = world().await;
    for i in 0..3 {
        w.publish_new(&format!("通知{i}")).await;
    }
    let mut input = testing::fields("动态").to_input();
    input.genre = "news".into();
    input.topic = "卫生、体育/卫生".into();
    input.column = "general".into();
    input.statutory_item.clear();
    let f = gongkai_core::doc::EditionFields::parse(&input).unwrap();
    let id = documents::create_draft(w.db(), &w.editor.who(), &w.editor.actor(), w.agency, &f).await.unwrap();
    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap();

    let all = CatalogueFilter { agency_id: Some(w.agency), ..Default::default() };
    let (rows, total) = documents::catalogue(w.db(), &all, 2, 0).await.unwrap();
    assert_eq!((rows.len(), total), (2, 4));
    let news = CatalogueFilter { genre: Some("news".into()), ..all.clone() };
    assert_eq!(documents::catalogue(w.db(), &news, 10, 0).await.unwrap().1, 1);
    let health = CatalogueFilter { topic_primary: Some("卫生、体育".into()), ..all.clone() };
    assert_eq!(documents::catalogue(w.db(), &health, 10, 0).await.unwrap().1, 1);
    let item = CatalogueFilter { statutory_item: Some("art20-01".into()), ..all };
    assert_eq!(documents::catalogue(w.db(), &item, 10, 0).await.unwrap().1, 3);
    let facets =
        documents::facets(w.db(), &CatalogueFilter { agency_id: Some(w.agency), ..Default::default() }).await.unwrap();
    assert_eq!(facets.genres, [("notice".to_string(), 3), ("news".to_string(), 1)]);
    assert_eq!(facets.years.iter().map(|y| y.1).sum::<i64>(), 4);
}

#[tokio::test]
async fn a_non_proactive_document_is_never_public() {
    let w = world().await;
    let mut input: EditionInput = testing::fields("内部事务").to_input();
    input.disclosure = "withheld".into();
    input.ground = "art16-internal".into();
    let f = gongkai_core::doc::EditionFields::parse(&input).unwrap();
    let id = documents::create_draft(w.db(), &w.editor.who(), &w.editor.actor(), w.agency, &f).await.unwrap();
    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), id).await.unwrap();
    let n = documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), id, &w.opts()).await.unwrap();
    assert!(matches!(documents::public_page(w.db(), &n).await.unwrap(), PublicLookup::NotFound));
    assert_eq!(documents::catalogue(w.db(), &CatalogueFilter::default(), 10, 0).await.unwrap().1, 0);
}

#[tokio::test]
async fn who_is_recorded_even_from_the_command_line() {
    let w = world().await;
    let a = gongkai_store::agencies::by_code(w.db(), "001002003").await.unwrap().unwrap();
    let mut input = gongkai_core::org::AgencyInput { code: a.code.to_string(), ..Default::default() };
    input.slug = a.slug.clone();
    input.name = a.name.clone();
    input.kind = "department".into();
    input.phone = "0577-88961234".into();
    let f = gongkai_core::org::AgencyFields::parse(&input).unwrap();
    gongkai_store::agencies::update(w.db(), &Who::system("cli"), a.id, &f).await.unwrap();
    let (rows, _) =
        gongkai_store::audit::list(w.db(), &AuditFilter { entity: Some("agency".into()), ..Default::default() }, 10, 0)
            .await
            .unwrap();
    let update = rows.iter().find(|r| r.action == "agency.update").unwrap();
    assert_eq!(update.actor_name, "cli");
    assert_eq!(update.before_json.as_ref().unwrap().0["phone"], "0577-88960000");
    assert_eq!(update.after_json.as_ref().unwrap().0["phone"], "0577-88961234");
}

/// Art. 26 timeliness reads each document's first publication, with the 成文日期 of the
/// edition then published, and each revision with its 变更日期; only 主动公开 documents, only
/// the year asked, only the agency asked.
#[tokio::test]
async fn publications_of_a_year_for_timeliness() {
    use gongkai_core::doc::timeliness::{Assessment, Tally};
    use gongkai_store::export::{ImportDocument, ImportEdition, import_documents};
    use time::macros::{date, datetime};

    let w = world().await;
    let other = testing::agency(w.db(), "001002008", "wzsfgw", "温州市发展和改革委员会").await;
    let doc = |code: &str, n: u32, written: &str, published: time::OffsetDateTime, revised: bool| {
        let mut first = testing::fields(&format!("文件{n}"));
        first.written_on = (!written.is_empty())
            .then(|| time::Date::parse(written, time::macros::format_description!("[year]-[month]-[day]")).unwrap());
        let mut editions = vec![ImportEdition {
            edition_no: 1,
            status: if revised { EditionStatus::Superseded } else { EditionStatus::Published },
            published_at: Some(published),
            privacy_override: None,
            fields: first,
            attachments: vec![],
        }];
        if revised {
            // A later edition with a much later 成文日期 must not change the first publication.
            let mut second = testing::fields(&format!("文件{n}（修订）"));
            second.written_on = Some(date!(2024 - 09 - 02));
            editions.push(ImportEdition {
                edition_no: 2,
                status: EditionStatus::Published,
                published_at: Some(datetime!(2024-09-03 10:00 +8)),
                privacy_override: None,
                fields: second,
                attachments: vec![],
            });
        }
        ImportDocument {
            index_no: IndexNo::parse(&format!("{code}/2024-{n:05}")).unwrap(),
            agency_code: code.into(),
            first_published_at: published,
            withdrawn_at: None,
            withdrawn_reason: None,
            view_count: 0,
            editions,
        }
    };
    let docs = vec![
        doc("001002003", 1, "2024-02-01", datetime!(2024-03-05 09:00 +8), false), // 20th working day
        doc("001002003", 2, "2024-02-01", datetime!(2024-03-06 09:00 +8), true),  // 21st
        doc("001002003", 3, "", datetime!(2024-05-06 09:00 +8), false),           // no 成文日期
        // Published 2024-12-31 23:30 in Beijing: 2024 there, though 2024-12-31 15:30 UTC.
        doc("001002003", 4, "2024-12-03", datetime!(2024-12-31 23:30 +8), false), // 20th
        doc("001002003", 5, "2023-12-01", datetime!(2025-01-02 09:00 +8), false), // another year
        doc("001002008", 6, "2024-02-01", datetime!(2024-06-03 09:00 +8), false), // another agency
    ];
    // A revision that records its 变更日期 (2024-10-08) is judged from it: published on
    // 2024-11-20, after its 20th working day (2024-11-05).
    let mut docs = docs;
    let mut revised = doc("001002003", 7, "2024-01-10", datetime!(2024-01-15 09:00 +8), true);
    revised.editions[1].fields.changed_on = Some(date!(2024 - 10 - 08));
    revised.editions[1].published_at = Some(datetime!(2024-11-20 10:00 +8));
    docs.push(revised);
    let who = Who::system("test");
    import_documents(w.db(), &who, &w.blobs, &docs).await.unwrap();

    let rows = documents::publications(w.db(), Some(w.agency), 2024).await.unwrap();
    let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["文件7", "文件1", "文件2", "文件3", "文件7（修订）", "文件4"]);
    assert_eq!(rows[2].formed_on, Some(date!(2024 - 02 - 01)), "the first edition's 成文日期");
    assert!(rows[4].is_revision() && rows[4].formed_on == Some(date!(2024 - 10 - 08)), "the 变更日期");
    let cal = gongkai_core::calendar::WorkCalendar::official();
    let mut tally = Tally::default();
    for r in &rows {
        tally.add(&Assessment::of(&cal, r.formed_on, gongkai_core::tz::local_date(r.published_at)));
    }
    assert_eq!(tally, Tally { published: 6, on_time: 3, late: 2, undetermined: 1 });
    assert_eq!(documents::publications(w.db(), None, 2024).await.unwrap().len(), 7);
    assert_eq!(documents::publications(w.db(), Some(other.id), 2025).await.unwrap().len(), 0);
}
