//! 依申请公开 cases against a real database (SQLite, or PostgreSQL when
//! `GONGKAI_TEST_POSTGRES_URL` is set).

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::WithholdingGround;
use gongkai_core::foi::case::{CaseError, ConsultationParty, Event};
use gongkai_core::foi::intake::{Application, ApplicationInput};
use gongkai_core::foi::report::{ReviewKind, Table3, Table3Column, Table3Line, Table4Column};
use gongkai_core::foi::{ApplicantKind, ReplyType, Table3Row};
use gongkai_core::org::Role;
use gongkai_store::StoreError;
use gongkai_store::audit::Who;
use gongkai_store::cases::{self, CaseActor, NewCase, QueueFilter};
use gongkai_store::testing::{self, TestStaff, test_db};
use time::macros::date;

fn actor(s: &TestStaff) -> CaseActor {
    CaseActor { user_id: s.user.id, role: s.user.role, agency_id: s.user.agency_id }
}

fn application(agency_code: &str, kind: &str) -> Application {
    let mut input = ApplicationInput {
        applicant_kind: kind.into(),
        name: "张三".into(),
        id_document: "resident-id".into(),
        id_number: "11010519491231002X".into(),
        phone: "13812345678".into(),
        agency: agency_code.into(),
        description: "2023年城乡居民最低生活保障资金发放情况".into(),
        form: "electronic".into(),
        delivery: "online".into(),
        channel: "in-person".into(),
        ..Default::default()
    };
    if kind != "natural-person" {
        input.name = "温州某某律师事务所".into();
        input.credit_code = "91350100M000100Y43".into();
        input.representative = "李四".into();
    }
    Application::parse(&input).unwrap()
}

struct World {
    t: testing::TestDb,
    cal: WorkCalendar,
    agency: i64,
    officer: TestStaff,
    head: TestStaff,
}

async fn world() -> World {
    let t = test_db().await;
    let a = testing::agency(&t.db, "001002003", "wzszfb", "温州市人民政府办公室").await;
    let officer = testing::staff(&t.db, "officer1", Role::RequestOfficer, Some(a.id)).await;
    let head = testing::staff(&t.db, "head1", Role::OfficeHead, Some(a.id)).await;
    World { t, cal: WorkCalendar::official(), agency: a.id, officer, head }
}

impl World {
    async fn case(&self, kind: &str, received: time::Date) -> i64 {
        let app = application("001002003", kind);
        cases::create(
            &self.t.db,
            &self.officer.who(),
            &self.cal,
            &NewCase {
                application: &app,
                agency_id: self.agency,
                submitted_at: gongkai_store::now(),
                received_on: Some(received),
            },
        )
        .await
        .unwrap()
        .id
    }

    async fn event(&self, id: i64, e: Event) -> Result<(), StoreError> {
        cases::record(&self.t.db, &self.officer.who(), &actor(&self.officer), &self.cal, id, e, None).await.map(|_| ())
    }
}

#[tokio::test]
async fn an_application_goes_from_receipt_to_reply_and_archive() {
    let w = world().await;
    let app = application("001002003", "natural-person");
    let created = cases::create(
        &w.t.db,
        &Who::system("web"),
        &w.cal,
        &NewCase { application: &app, agency_id: w.agency, submitted_at: gongkai_store::now(), received_on: None },
    )
    .await
    .unwrap();
    let year = gongkai_core::tz::local_date(gongkai_store::now()).year();
    assert_eq!(created.case_no, format!("001002003-{year}-00001"));
    assert_eq!(created.tracking_code.to_string().len(), 19);
    // Found by its 查询码, and only by it.
    let found = cases::by_tracking_code(&w.t.db, &w.cal, &created.tracking_code).await.unwrap().unwrap();
    assert_eq!(found.id, created.id);
    assert_eq!(found.stage().code(), "new");
    let other = gongkai_core::foi::tracking::TrackingCode::from_random([7; 10]);
    assert!(cases::by_tracking_code(&w.t.db, &w.cal, &other).await.unwrap().is_none());

    let id = created.id;
    w.event(id, Event::Received { on: date!(2024 - 03 - 04) }).await.unwrap();
    w.event(
        id,
        Event::ConsultationStarted { on: date!(2024 - 03 - 11), party: ConsultationParty::ThirdParty, served_on: None },
    )
    .await
    .unwrap();
    w.event(id, Event::ConsultationEnded { on: date!(2024 - 03 - 22) }).await.unwrap();
    let record = cases::get(&w.t.db, &actor(&w.officer), &w.cal, id).await.unwrap();
    assert_eq!(record.case.deadline(&w.cal).unwrap().due, Some(date!(2024 - 04 - 15)));
    let (rows, _) = cases::queue(
        &w.t.db,
        &actor(&w.officer),
        &QueueFilter::default(),
        date!(2024 - 04 - 10),
        date!(2024 - 04 - 15),
        10,
        0,
    )
    .await
    .unwrap();
    assert_eq!(rows[0].due_on, Some(date!(2024 - 04 - 15)), "the due date is kept for the queue");

    // Only the office head extends (条例 Art. 33 ¶2).
    let extension = Event::Extended { on: date!(2024 - 04 - 10), days: 10, approved_by: "王主任".into() };
    assert!(matches!(w.event(id, extension.clone()).await, Err(StoreError::Forbidden(_))));
    cases::record(&w.t.db, &w.head.who(), &actor(&w.head), &w.cal, id, extension, None).await.unwrap();

    // A transition the rules refuse changes nothing.
    let err = w.event(id, Event::Archived { on: date!(2024 - 04 - 20) }).await.unwrap_err();
    assert!(matches!(err, StoreError::Case(CaseError::WrongStage { .. })), "{err}");
    w.event(id, Event::Replied { on: date!(2024 - 04 - 20), outcome: ReplyType::Disclosed }).await.unwrap();
    w.event(id, Event::Archived { on: date!(2024 - 04 - 22) }).await.unwrap();
    let record = cases::get(&w.t.db, &actor(&w.officer), &w.cal, id).await.unwrap();
    assert_eq!(record.stage().code(), "archived");
    assert_eq!(record.events.len(), 6);
    assert_eq!(record.events[4].recorded_by.as_deref(), Some("测试officer1"));
}

#[tokio::test]
async fn staff_of_another_agency_cannot_see_or_act() {
    let w = world().await;
    let id = w.case("natural-person", date!(2024 - 03 - 04)).await;
    let other = testing::agency(&w.t.db, "001003000", "wzsfgw", "温州市发展和改革委员会").await;
    let outsider = testing::staff(&w.t.db, "officer2", Role::RequestOfficer, Some(other.id)).await;
    assert!(matches!(cases::get(&w.t.db, &actor(&outsider), &w.cal, id).await, Err(StoreError::NotFound)));
    let e = cases::record(
        &w.t.db,
        &outsider.who(),
        &actor(&outsider),
        &w.cal,
        id,
        Event::Withdrawn { on: date!(2024 - 03 - 05) },
        None,
    )
    .await;
    assert!(matches!(e, Err(StoreError::NotFound)));
    let (rows, total) = cases::queue(
        &w.t.db,
        &actor(&outsider),
        &QueueFilter::default(),
        date!(2024 - 03 - 05),
        date!(2024 - 03 - 08),
        10,
        0,
    )
    .await
    .unwrap();
    assert_eq!((rows.len(), total), (0, 0));
    // Editors do not read applicants' personal data; the city office reads but does not act.
    let editor = testing::staff(&w.t.db, "editor1", Role::Editor, Some(w.agency)).await;
    assert!(matches!(cases::get(&w.t.db, &actor(&editor), &w.cal, id).await, Err(StoreError::NotFound)));
    let office = testing::staff(&w.t.db, "office1", Role::DisclosureOffice, None).await;
    assert!(cases::get(&w.t.db, &actor(&office), &w.cal, id).await.is_ok());
    let e = cases::record(
        &w.t.db,
        &office.who(),
        &actor(&office),
        &w.cal,
        id,
        Event::Withdrawn { on: date!(2024 - 03 - 05) },
        None,
    )
    .await;
    assert!(matches!(e, Err(StoreError::Forbidden(_))));
}

#[tokio::test]
async fn queue_filters_due_soon_and_overdue() {
    let w = world().await;
    let a = w.case("natural-person", date!(2024 - 03 - 04)).await; // due 04-01
    let b = w.case("commercial", date!(2024 - 03 - 11)).await; // due 04-09 (清明节 04-04..06, 04-07 works)
    let c = w.case("natural-person", date!(2024 - 03 - 12)).await;
    w.event(c, Event::Replied { on: date!(2024 - 03 - 20), outcome: ReplyType::NotExist }).await.unwrap();
    let run = |due: &str, today, soon| {
        let f = QueueFilter { due: Some(due.into()), ..Default::default() };
        let db = w.t.db.clone();
        let a = actor(&w.officer);
        async move {
            cases::queue(&db, &a, &f, today, soon, 10, 0).await.unwrap().0.into_iter().map(|r| r.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(run("overdue", date!(2024 - 04 - 02), date!(2024 - 04 - 07)).await, vec![a]);
    assert_eq!(run("soon", date!(2024 - 03 - 28), date!(2024 - 04 - 02)).await, vec![a]);
    assert_eq!(run("soon", date!(2024 - 04 - 03), date!(2024 - 04 - 09)).await, vec![b]);
    let open = QueueFilter { stage: Some("open".into()), ..Default::default() };
    let (rows, _) =
        cases::queue(&w.t.db, &actor(&w.officer), &open, date!(2024 - 03 - 20), date!(2024 - 03 - 25), 10, 0)
            .await
            .unwrap();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a, b], "earliest due first, closed cases left out");
    let search = QueueFilter { text: Some("律师事务所".into()), ..Default::default() };
    let page = |f: QueueFilter, limit, offset| {
        let db = w.t.db.clone();
        let a = actor(&w.officer);
        async move {
            let (rows, total) =
                cases::queue(&db, &a, &f, date!(2024 - 03 - 20), date!(2024 - 03 - 25), limit, offset).await.unwrap();
            (rows.into_iter().map(|r| r.id).collect::<Vec<_>>(), total)
        }
    };
    assert_eq!(page(search.clone(), 10, 0).await, (vec![b], 1));
    // The total is right on a page past the end, and on a page shorter than the list.
    assert_eq!(page(search, 10, 10).await, (vec![], 1));
    assert_eq!(page(QueueFilter::default(), 1, 0).await, (vec![c], 3));
    assert_eq!(page(QueueFilter::default(), 1, 5).await, (vec![], 3));
}

#[tokio::test]
async fn report_tables_count_the_year_with_carry_over() {
    let w = world().await;
    // 2023: one case replied in 2023, one carried into 2024.
    let a = w.case("natural-person", date!(2023 - 05 - 08)).await;
    w.event(a, Event::Replied { on: date!(2023 - 05 - 20), outcome: ReplyType::Disclosed }).await.unwrap();
    let b = w.case("legal-service", date!(2023 - 12 - 28)).await;
    w.event(
        b,
        Event::Replied { on: date!(2024 - 01 - 03), outcome: ReplyType::Withheld(WithholdingGround::ThirdParty) },
    )
    .await
    .unwrap();
    let c = w.case("commercial", date!(2024 - 02 - 01)).await;
    w.event(
        c,
        Event::CorrectionRequested {
            on: date!(2024 - 02 - 02),
            items: vec!["文号".into()],
            deadline: date!(2024 - 02 - 20),
        },
    )
    .await
    .unwrap();
    w.event(c, Event::CorrectionLapsed { on: date!(2024 - 02 - 21) }).await.unwrap();
    let d = w.case("natural-person", date!(2024 - 12 - 30)).await;
    cases::add_review(&w.t.db, &w.officer.who(), &actor(&w.officer), b, "reconsideration", date!(2024 - 02 - 10))
        .await
        .unwrap();
    let _ = d;

    let (t2023, _) = cases::tables(&w.t.db, Some(w.agency), 2023).await.unwrap();
    let (t2024, t4) = cases::tables(&w.t.db, None, 2024).await.unwrap();
    let col = |k| Table3Column::Applicant(k);
    assert_eq!(t2023.cell(Table3Line::New, Table3Column::Total), 2);
    assert_eq!(t2023.cell(Table3Line::Result(Table3Row::Disclosed), col(ApplicantKind::NaturalPerson)), 1);
    assert_eq!(t2023.cell(Table3Line::CarriedOut, col(ApplicantKind::LegalService)), 1);
    assert_eq!(t2024.cell(Table3Line::CarriedIn, col(ApplicantKind::LegalService)), 1);
    assert_eq!(t2024.cell(Table3Line::Result(Table3Row::ThirdParty), col(ApplicantKind::LegalService)), 1);
    assert_eq!(t2024.cell(Table3Line::Result(Table3Row::AbandonedNoCorrection), col(ApplicantKind::Commercial)), 1);
    assert_eq!(t2024.cell(Table3Line::CarriedOut, Table3Column::Total), 1);
    assert!(t2023.checks().is_empty() && t2024.checks().is_empty());
    assert!(t2024.check_carry_over(&t2023).is_empty());
    assert_eq!(t4.cell(ReviewKind::Reconsideration, Table4Column::Pending), 1);
    // Aggregating agencies gives the city table.
    assert_eq!(Table3::sum(std::slice::from_ref(&t2024)), t2024);
}

#[tokio::test]
async fn guessing_tracking_codes_is_limited() {
    let w = world().await;
    for _ in 0..cases::MAX_TRACKING_FAILURES {
        assert!(!cases::tracking_throttled(&w.t.db, "10.0.0.9").await.unwrap());
        cases::record_tracking_attempt(&w.t.db, "10.0.0.9", false).await.unwrap();
    }
    assert!(cases::tracking_throttled(&w.t.db, "10.0.0.9").await.unwrap());
    assert!(!cases::tracking_throttled(&w.t.db, "10.0.0.10").await.unwrap());
    for _ in 0..cases::MAX_APPLICATIONS_PER_DAY {
        assert!(cases::intake_allowed(&w.t.db, "10.0.0.11").await.unwrap());
    }
    assert!(!cases::intake_allowed(&w.t.db, "10.0.0.11").await.unwrap());
}

#[tokio::test]
async fn reminders_are_raised_once_per_case() {
    let w = world().await;
    let a = w.case("natural-person", date!(2024 - 03 - 04)).await; // due 04-01
    let first = cases::remind(&w.t.db, &w.cal, date!(2024 - 03 - 28)).await.unwrap();
    assert_eq!(first.iter().map(|n| (n.case_id, n.kind.as_str())).collect::<Vec<_>>(), vec![(a, "due-soon")]);
    assert!(cases::remind(&w.t.db, &w.cal, date!(2024 - 03 - 29)).await.unwrap().is_empty(), "not twice");
    let overdue = cases::remind(&w.t.db, &w.cal, date!(2024 - 04 - 02)).await.unwrap();
    assert_eq!(overdue[0].kind, "overdue");
    assert_eq!(cases::notifications(&w.t.db, &actor(&w.officer)).await.unwrap().len(), 2);
}

#[tokio::test]
async fn notices_are_numbered_per_agency_and_year() {
    let w = world().await;
    let id = w.case("natural-person", date!(2024 - 03 - 04)).await;
    let n1 = cases::next_notice_number(&w.t.db, w.agency, "市府办依公", 2024).await.unwrap();
    let n2 = cases::next_notice_number(&w.t.db, w.agency, "市府办依公", 2024).await.unwrap();
    let n3 = cases::next_notice_number(&w.t.db, w.agency, "市府办依公", 2025).await.unwrap();
    assert_eq!(
        (n1.as_str(), n2.as_str(), n3.as_str()),
        ("市府办依公〔2024〕1号", "市府办依公〔2024〕2号", "市府办依公〔2025〕1号")
    );
    let notice =
        cases::NewNotice {
            case_id: id, kind: "receipt", number: &n1, body: "正文", issued_on: date!(2024 - 03 - 04)
        };
    cases::issue_notice(&w.t.db, &w.officer.who(), &actor(&w.officer), &notice).await.unwrap();
    assert_eq!(cases::notices(&w.t.db, id).await.unwrap()[0].number, n1);
}

#[tokio::test]
async fn imported_histories_obey_the_rules_and_count_like_desk_cases() {
    use gongkai_store::cases::HistoricCase;
    let w = world().await;
    let at = |d: time::Date| d.with_hms(9, 30, 0).unwrap().assume_offset(gongkai_core::tz::CST);
    let replied = HistoricCase {
        agency_id: w.agency,
        application: application("001002003", "research"),
        submitted_at: at(date!(2023 - 12 - 29)),
        events: vec![
            Event::Received { on: date!(2024 - 01 - 02) },
            Event::Replied { on: date!(2024 - 01 - 10), outcome: ReplyType::NotExist },
            Event::Archived { on: date!(2024 - 01 - 12) },
        ],
    };
    let open = HistoricCase {
        agency_id: w.agency,
        application: application("001002003", "natural-person"),
        submitted_at: at(date!(2024 - 03 - 01)),
        events: vec![Event::Received { on: date!(2024 - 03 - 04) }],
    };
    // A reply before receipt breaks the rules: the whole batch is refused and nothing written.
    let broken = HistoricCase {
        events: vec![Event::Replied { on: date!(2024 - 03 - 05), outcome: ReplyType::Disclosed }],
        ..open.clone()
    };
    let err = cases::import(&w.t.db, &Who::system("cli"), &w.cal, &[replied.clone(), broken]).await.unwrap_err();
    assert!(err.to_string().contains("第 2 件"), "{err}");
    let everyone = CaseActor { user_id: 0, role: Role::DisclosureOffice, agency_id: None };
    let none =
        cases::queue(&w.t.db, &everyone, &QueueFilter::default(), date!(2024 - 03 - 05), date!(2024 - 03 - 08), 10, 0)
            .await;
    assert_eq!(none.unwrap().1, 0);

    let made = cases::import(&w.t.db, &Who::system("cli"), &w.cal, &[replied, open.clone()]).await.unwrap();
    // Numbered by the year the application arrived in, per agency.
    assert_eq!(made[0].case_no, "001002003-2023-00001");
    assert_eq!(made[1].case_no, "001002003-2024-00001");
    let first = cases::get(&w.t.db, &actor(&w.officer), &w.cal, made[0].id).await.unwrap();
    assert_eq!(first.stage().code(), "archived");
    assert_eq!(first.events.len(), 3);
    let second = cases::by_tracking_code(&w.t.db, &w.cal, &made[1].tracking_code).await.unwrap().unwrap();
    assert_eq!(second.case.deadline(&w.cal).unwrap().due, Some(date!(2024 - 04 - 01)));
    // A later import continues the agency's numbering for the year.
    let again = cases::import(&w.t.db, &Who::system("cli"), &w.cal, &[open]).await.unwrap();
    assert_eq!(again[0].case_no, "001002003-2024-00002");
    // Imported cases are found by the queue's text search, by number as by description.
    for text in ["2024-00002", "2023-00001"] {
        let f = QueueFilter { text: Some(text.into()), ..Default::default() };
        let (rows, total) =
            cases::queue(&w.t.db, &actor(&w.officer), &f, date!(2024 - 03 - 05), date!(2024 - 03 - 08), 10, 0)
                .await
                .unwrap();
        assert_eq!((rows.len(), total), (1, 1), "{text}");
    }

    let (t2024, _) = cases::tables(&w.t.db, Some(w.agency), 2024).await.unwrap();
    assert_eq!(t2024.cell(Table3Line::Result(Table3Row::NotHeld), Table3Column::Applicant(ApplicantKind::Research)), 1);
    assert_eq!(t2024.cell(Table3Line::CarriedOut, Table3Column::Total), 2);
    assert_eq!(t2024.cell(Table3Line::CarriedIn, Table3Column::Total), 0, "received in 2024, though submitted in 2023");
    assert!(t2024.checks().is_empty());
}
