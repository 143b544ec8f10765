//! The annual report against a real database (SQLite, or PostgreSQL when
//! `GONGKAI_TEST_POSTGRES_URL` is set): drafting, the checks that stop publication, publication
//! into the 年报 column, carry-over from an imported earlier year, a government's report over its
//! departments, the 信息处理费 collected, reminders.

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::IndexTemplate;
use gongkai_core::foi::ReplyType;
use gongkai_core::foi::case::Event;
use gongkai_core::foi::intake::{Application, ApplicationInput};
use gongkai_core::foi::report::{Table3Column, Table3Line};
use gongkai_core::org::Role;
use gongkai_core::report::table2::ManualCells;
use gongkai_core::report::{Level, Narrative};
use gongkai_store::annual::{self, PublishReport, ReportKey, Status};
use gongkai_store::audit::Who;
use gongkai_store::blobs::FsBlobStore;
use gongkai_store::testing::{self, TestStaff, test_db};
use gongkai_store::{StoreError, cases};
use time::macros::date;

struct World {
    t: testing::TestDb,
    city: i64,
    office: i64,
    district: i64,
    editor: TestStaff,
    head: TestStaff,
    city_head: TestStaff,
    blobs: FsBlobStore,
    template: IndexTemplate,
    cal: WorkCalendar,
}

async fn world() -> World {
    let t = test_db().await;
    let city = testing::agency_in(&t.db, "001002000", "wzs", "温州市人民政府", "government", None).await;
    let office =
        testing::agency_in(&t.db, "001002003", "wzszfb", "温州市人民政府办公室", "department", Some("001002000")).await;
    let district =
        testing::agency_in(&t.db, "001301000", "lcq", "温州市鹿城区人民政府", "district", Some("001002000")).await;
    let editor = testing::staff(&t.db, "editor1", Role::Editor, Some(office.id)).await;
    let head = testing::staff(&t.db, "head1", Role::OfficeHead, Some(office.id)).await;
    let city_head = testing::staff(&t.db, "head2", Role::OfficeHead, Some(city.id)).await;
    let blobs = FsBlobStore::new(t.data_dir());
    World {
        city: city.id,
        office: office.id,
        district: district.id,
        editor,
        head,
        city_head,
        blobs,
        template: IndexTemplate::default(),
        cal: WorkCalendar::official(),
        t,
    }
}

fn full_manual() -> ManualCells {
    ManualCells { licensing: Some(12), penalties: Some(3), coercion: Some(0), fees_fen: Some(1_500_000) }
}

fn application(agency_code: &str) -> Application {
    Application::parse(&ApplicationInput {
        applicant_kind: "natural-person".into(),
        name: "张三".into(),
        id_document: "resident-id".into(),
        id_number: "11010519491231002X".into(),
        phone: "13812345678".into(),
        agency: agency_code.into(),
        description: "城乡居民最低生活保障资金发放情况".into(),
        form: "electronic".into(),
        delivery: "online".into(),
        channel: "in-person".into(),
        ..Default::default()
    })
    .unwrap()
}

impl World {
    fn opts(&self, explanation: Option<&'static str>) -> PublishReport<'_> {
        PublishReport {
            explanation,
            include_districts: false,
            template: &self.template,
            blobs: &self.blobs,
            today: date!(2026 - 01 - 20),
            calendar: &self.cal,
            privacy_override: None,
        }
    }

    async fn case(&self, agency: i64, code: &str, events: Vec<Event>) {
        let submitted =
            events.first().map(|e| e.on()).unwrap().with_hms(9, 0, 0).unwrap().assume_offset(gongkai_core::tz::CST);
        let c =
            cases::HistoricCase { agency_id: agency, application: application(code), submitted_at: submitted, events };
        cases::import(&self.t.db, &Who::system("test"), &self.cal, &[c]).await.unwrap();
    }
}

#[tokio::test]
async fn an_agency_drafts_checks_and_publishes_its_report() {
    let w = world().await;
    let key = ReportKey { agency_id: w.office, level: Level::Agency, year: 2025 };
    // Two applications in 2025, one answered, one with a fee paid.
    w.case(
        w.office,
        "001002003",
        vec![
            Event::Received { on: date!(2025 - 03 - 03) },
            Event::Replied { on: date!(2025 - 03 - 10), outcome: ReplyType::Disclosed },
        ],
    )
    .await;
    w.case(
        w.office,
        "001002003",
        vec![
            Event::Received { on: date!(2025 - 05 - 06) },
            Event::FeeNoticed { on: date!(2025 - 05 - 08), served_on: date!(2025 - 05 - 08), amount_fen: 40_000 },
            Event::FeePaid { on: date!(2025 - 05 - 12) },
        ],
    )
    .await;

    let narrative = Narrative::parse("2025年，本机关……", "存在的问题……", "").unwrap();
    // The report level must fit the agency: a department's own report, not a government's.
    let wrong = ReportKey { level: Level::Government, ..key };
    let e = annual::save_draft(&w.t.db, &w.editor.who(), &w.editor.actor(), &w.cal, wrong, &narrative, &full_manual())
        .await;
    assert!(e.unwrap_err().to_string().contains("应编制部门年度报告"));
    // A year the calendar does not cover: refused, nothing saved.
    let uncovered = ReportKey { year: 2030, ..key };
    let e =
        annual::save_draft(&w.t.db, &w.editor.who(), &w.editor.actor(), &w.cal, uncovered, &narrative, &full_manual())
            .await;
    assert!(e.unwrap_err().to_string().contains("未载入工作日日历"));
    assert!(annual::saved(&w.t.db, uncovered).await.unwrap().is_none());
    let mut manual = full_manual();
    manual.penalties = None;
    annual::save_draft(&w.t.db, &w.editor.who(), &w.editor.actor(), &w.cal, key, &narrative, &manual).await.unwrap();
    // A head with an address is told when the report is submitted.
    gongkai_store::users::create(
        &w.t.db,
        &Who::system("test"),
        &gongkai_store::users::NewUser {
            username: "head9".into(),
            display_name: "负责人".into(),
            role: Role::OfficeHead,
            agency_id: Some(w.office),
            password: "Test-pw-2024-nine".into(),
            email: Some("head9@example.gov.cn".into()),
        },
    )
    .await
    .unwrap();

    let (report, checks, saved) = annual::checked(&w.t.db, key, false).await.unwrap();
    assert_eq!(saved.unwrap().status, Status::Draft);
    assert_eq!(report.table3.cell(Table3Line::New, Table3Column::Total), 2);
    assert_eq!(report.table3.cell(Table3Line::CarriedOut, Table3Column::Total), 1);
    assert_eq!(report.fees_collected_fen, 40_000, "the fee paid in 2025");
    assert!(report.fees_sentence().contains("400元"));
    assert_eq!(checks.len(), 1, "{checks:?}");
    assert!(checks[0].message.contains("行政处罚") && !checks[0].explainable);

    // The editor cannot publish; the head cannot while a cell is blank, nor before the year ends.
    let e = annual::publish(&w.t.db, &w.editor.who(), &w.editor.actor(), key, &w.opts(None)).await.unwrap_err();
    assert!(matches!(e, StoreError::Forbidden(_)), "{e}");
    // Not before it is submitted, and not with a blank cell.
    let e = annual::publish(&w.t.db, &w.head.who(), &w.head.actor(), key, &w.opts(None)).await.unwrap_err();
    assert!(e.to_string().contains("报送后"), "{e}");
    annual::submit(&w.t.db, &w.editor.who(), &w.editor.actor(), key).await.unwrap();
    let mail = cases::pending_mail(&w.t.db).await.unwrap();
    assert!(mail.iter().any(|m| m.recipient == "head9@example.gov.cn" && m.subject == "年度报告待审定"), "{mail:?}");
    let e = annual::publish(&w.t.db, &w.head.who(), &w.head.actor(), key, &w.opts(None)).await.unwrap_err();
    assert!(e.to_string().contains("行政处罚"), "{e}");
    let early = PublishReport { today: date!(2025 - 12 - 31), ..w.opts(None) };
    let e = annual::publish(&w.t.db, &w.head.who(), &w.head.actor(), key, &early).await.unwrap_err();
    assert!(e.to_string().contains("尚未结束"), "{e}");

    annual::save_draft(&w.t.db, &w.editor.who(), &w.editor.actor(), &w.cal, key, &narrative, &full_manual())
        .await
        .unwrap();
    annual::submit(&w.t.db, &w.editor.who(), &w.editor.actor(), key).await.unwrap();
    let doc = annual::publish(&w.t.db, &w.head.who(), &w.head.actor(), key, &w.opts(None)).await.unwrap();
    let saved = annual::saved(&w.t.db, key).await.unwrap().unwrap();
    assert_eq!((saved.status, saved.document_id), (Status::Published, Some(doc)));
    // It is a public document of the 年报 column, with the tables in its body.
    let eds = gongkai_store::documents::editions(&w.t.db, doc).await.unwrap();
    let f = &eds[0].fields;
    assert_eq!(f.title.as_str(), "温州市人民政府办公室2025年政府信息公开工作年度报告");
    assert_eq!(f.column.code(), "annual-report");
    assert!(f.body.as_str().contains("三、本年度办理结果") && f.body.as_str().contains("rowspan=\"22\""));

    // Published is final: the snapshot does not follow later data, and nothing changes it.
    w.case(w.office, "001002003", vec![Event::Received { on: date!(2025 - 12 - 30) }]).await;
    let (again, _, _) = annual::checked(&w.t.db, key, false).await.unwrap();
    assert_eq!(again.table3.cell(Table3Line::New, Table3Column::Total), 2);
    let e =
        annual::save_draft(&w.t.db, &w.editor.who(), &w.editor.actor(), &w.cal, key, &narrative, &full_manual()).await;
    assert!(matches!(e.unwrap_err(), StoreError::Conflict(_)));
    let e = annual::publish(&w.t.db, &w.head.who(), &w.head.actor(), key, &w.opts(None)).await.unwrap_err();
    assert!(matches!(e, StoreError::Conflict(_)), "{e}");
}

#[tokio::test]
async fn carry_over_from_an_imported_year_needs_an_explanation_when_it_fails() {
    let w = world().await;
    // Last year's report, imported: it carried 2 applications into 2025.
    let key = ReportKey { agency_id: w.office, level: Level::Agency, year: 2025 };
    let (mut last, _, _) = annual::checked(&w.t.db, ReportKey { year: 2024, ..key }, false).await.unwrap();
    last.table3.set_cell(Table3Line::New, Table3Column::APPLICANTS[0], 2);
    last.table3.set_cell(Table3Line::CarriedOut, Table3Column::APPLICANTS[0], 2);
    last.table3.fill_totals();
    let today = date!(2026 - 01 - 20);
    // Not the current year (final, it would block the real report), not with script in it.
    let mut current = last.clone();
    current.year = 2026;
    assert!(
        annual::import(&w.t.db, &Who::system("test"), today, &[current])
            .await
            .unwrap_err()
            .to_string()
            .contains("尚未结束")
    );
    let mut scripted = last.clone();
    scripted.narrative.overview = "<script>x</script>".into();
    assert!(matches!(
        annual::import(&w.t.db, &Who::system("test"), today, &[scripted]).await,
        Err(StoreError::Invalid(_))
    ));
    // Two reports, the second refused: neither is imported.
    let mut unknown = last.clone();
    unknown.agency_code = "999999999".into();
    assert!(annual::import(&w.t.db, &Who::system("test"), today, &[last.clone(), unknown]).await.is_err());
    assert!(annual::saved(&w.t.db, ReportKey { year: 2024, ..key }).await.unwrap().is_none());
    let imported = annual::import(&w.t.db, &Who::system("test"), today, std::slice::from_ref(&last)).await.unwrap();
    assert_eq!(annual::saved(&w.t.db, imported[0]).await.unwrap().unwrap().status, Status::Imported);
    // Importing the same year again is refused.
    assert!(matches!(
        annual::import(&w.t.db, &Who::system("test"), today, &[last]).await,
        Err(StoreError::Conflict(_))
    ));

    let narrative = Narrative::parse("总体情况。", "问题和改进。", "").unwrap();
    annual::save_draft(&w.t.db, &w.editor.who(), &w.editor.actor(), &w.cal, key, &narrative, &full_manual())
        .await
        .unwrap();
    annual::submit(&w.t.db, &w.editor.who(), &w.editor.actor(), key).await.unwrap();
    let (_, checks, _) = annual::checked(&w.t.db, key, false).await.unwrap();
    assert!(checks.iter().any(|c| c.kind == "carry-over"), "{checks:?}");
    let e = annual::publish(&w.t.db, &w.head.who(), &w.head.actor(), key, &w.opts(None)).await.unwrap_err();
    assert!(e.to_string().contains("书面说明"), "{e}");
    let doc = annual::publish(
        &w.t.db,
        &w.head.who(),
        &w.head.actor(),
        key,
        &w.opts(Some("2024年结转的2件申请系平台上线前受理，未录入平台。")),
    )
    .await
    .unwrap();
    let body = gongkai_store::documents::editions(&w.t.db, doc).await.unwrap()[0].fields.body.as_str().to_string();
    assert!(body.contains("数据说明") && body.contains("平台上线前受理"), "the explanation is published with it");
    // Published, it is checked as it was: the explained failure is kept, nothing new appears.
    let (_, checks, _) = annual::checked(&w.t.db, key, false).await.unwrap();
    assert!(checks.iter().all(|c| c.kind == "published") && !checks.is_empty());
}

#[tokio::test]
async fn a_governments_report_covers_its_departments_and_reminders_come_once() {
    let w = world().await;
    w.case(w.office, "001002003", vec![Event::Received { on: date!(2025 - 03 - 03) }]).await;
    w.case(w.city, "001002000", vec![Event::Received { on: date!(2025 - 04 - 01) }]).await;
    w.case(w.district, "001301000", vec![Event::Received { on: date!(2025 - 04 - 02) }]).await;
    let key = ReportKey { agency_id: w.city, level: Level::Government, year: 2025 };
    for (include, expected) in [(false, 2), (true, 3)] {
        let (r, _, _) = annual::checked(&w.t.db, key, include).await.unwrap();
        // The city and its office; the district only where the city includes it.
        assert_eq!(r.table3.cell(Table3Line::New, Table3Column::Total), expected, "include districts: {include}");
    }

    // Reminders: a department's report is due on 31 January, a government's on 31 March.
    let first = annual::remind(&w.t.db, date!(2026 - 01 - 02)).await.unwrap();
    let office: Vec<_> = first.iter().filter(|r| r.agency_id == w.office).collect();
    assert_eq!(office.len(), 1);
    assert!(office[0].message.contains("2026年1月31日前") && office[0].days_before == 30, "{:?}", office[0]);
    assert!(first.iter().all(|r| r.agency_id != w.city), "the city's is due on 31 March");
    assert!(annual::remind(&w.t.db, date!(2026 - 01 - 03)).await.unwrap().is_empty(), "once per step");
    let overdue = annual::remind(&w.t.db, date!(2026 - 02 - 01)).await.unwrap();
    assert!(overdue.iter().any(|r| r.agency_id == w.office && r.days_before == -1 && r.message.contains("已超过")));
    let status = annual::overview(&w.t.db, 2025).await.unwrap();
    let city = status.iter().find(|o| o.agency.id == w.city).unwrap();
    assert_eq!((city.level, city.status, city.deadline), (Level::Government, None, date!(2026 - 03 - 31)));
    // The government's reminders come before 31 March, stepping 30 → 14 days.
    let march = annual::remind(&w.t.db, date!(2026 - 03 - 01)).await.unwrap();
    assert!(march.iter().any(|r| r.agency_id == w.city && r.days_before == 30), "{march:?}");
    let later = annual::remind(&w.t.db, date!(2026 - 03 - 17)).await.unwrap();
    assert!(later.iter().any(|r| r.agency_id == w.city && r.days_before == 14), "{later:?}");

    // The government's report starts from its departments' entered cells and is published by
    // the government's own head.
    let office_key = ReportKey { agency_id: w.office, level: Level::Agency, year: 2025 };
    let narrative = Narrative::parse("总体情况。", "问题和改进。", "").unwrap();
    annual::save_draft(&w.t.db, &w.editor.who(), &w.editor.actor(), &w.cal, office_key, &narrative, &full_manual())
        .await
        .unwrap();
    let (city_report, _, _) = annual::checked(&w.t.db, key, false).await.unwrap();
    assert_eq!(city_report.table2.manual, full_manual(), "summed from the office's entries");
    let e = annual::publish(&w.t.db, &w.head.who(), &w.head.actor(), key, &w.opts(None)).await.unwrap_err();
    assert!(matches!(e, StoreError::Forbidden(_)), "the office's head cannot publish the city's report");
    let city_editor = testing::staff(&w.t.db, "editor9", Role::Editor, Some(w.city)).await;
    annual::save_draft(&w.t.db, &city_editor.who(), &city_editor.actor(), &w.cal, key, &narrative, &full_manual())
        .await
        .unwrap();
    annual::submit(&w.t.db, &city_editor.who(), &city_editor.actor(), key).await.unwrap();
    let opts = PublishReport { today: date!(2026 - 03 - 20), ..w.opts(None) };
    annual::publish(&w.t.db, &w.city_head.who(), &w.city_head.actor(), key, &opts).await.unwrap();
    assert!(annual::remind(&w.t.db, date!(2026 - 03 - 30)).await.unwrap().iter().all(|r| r.agency_id != w.city));
}
