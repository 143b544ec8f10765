//! The policy lifecycle against a real database (SQLite, or PostgreSQL when
//! `GONGKAI_TEST_POSTGRES_URL` is set): interpretations, repeal and amendment with their
//! authority and cycle rules, citations, the daily duty run "as of" dates across year
//! boundaries and holidays, and table 二.

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::interpretation::InterpretationStatus;
use gongkai_core::doc::workflow::EditionStatus;
use gongkai_core::doc::{EditionFields, IndexTemplate, PolicyRef, ValidityStatus};
use gongkai_core::org::Role;
use gongkai_core::report::table2::{RegisterRow, RulesBlock};
use gongkai_store::blobs::FsBlobStore;
use gongkai_store::documents::{self, PublicLookup, PublishOptions};
use gongkai_store::lifecycle::{self, ChangeKind, ValidityAct};
use gongkai_store::testing::{self, TestStaff, test_db};
use gongkai_store::{Db, StoreError};
use time::macros::date;
use time::{Date, OffsetDateTime};

const CITY: &str = "001002000";
const OFFICE: &str = "001002003";
const BUREAU: &str = "001002010";

struct World {
    t: testing::TestDb,
    office: i64,
    bureau: i64,
    editor: TestStaff,
    reviewer: TestStaff,
    bureau_reviewer: TestStaff,
    city_reviewer: TestStaff,
    blobs: FsBlobStore,
    template: IndexTemplate,
}

async fn world() -> World {
    let t = test_db().await;
    let city = testing::agency_in(&t.db, CITY, "wzs", "温州市人民政府", "government", None).await;
    let office = testing::agency_in(&t.db, OFFICE, "wzszfb", "温州市人民政府办公室", "department", Some(CITY)).await;
    let bureau = testing::agency_in(&t.db, BUREAU, "wzsjyj", "温州市教育局", "department", Some(CITY)).await;
    let editor = testing::staff(&t.db, "editor1", Role::Editor, Some(office.id)).await;
    let reviewer = testing::staff(&t.db, "reviewer1", Role::Reviewer, Some(office.id)).await;
    let bureau_reviewer = testing::staff(&t.db, "reviewer2", Role::Reviewer, Some(bureau.id)).await;
    let city_reviewer = testing::staff(&t.db, "reviewer3", Role::Reviewer, Some(city.id)).await;
    let blobs = FsBlobStore::new(t.data_dir());
    World {
        office: office.id,
        bureau: bureau.id,
        editor,
        reviewer,
        bureau_reviewer,
        city_reviewer,
        blobs,
        template: IndexTemplate::default(),
        t,
    }
}

fn at(d: Date) -> OffsetDateTime {
    d.with_hms(10, 0, 0).unwrap().assume_offset(gongkai_core::tz::CST)
}

fn normative(title: &str, doc_no: &str, effective: &str, expires: &str) -> EditionFields {
    testing::fields_with(title, |i| {
        i.doc_no = doc_no.into();
        i.policy_kind = "normative".into();
        i.validity = "valid".into();
        i.effective_on = effective.into();
        i.expires_on = expires.into();
    })
}

/// Published before its 施行日期.
fn pending(title: &str, doc_no: &str, effective: &str, expires: &str) -> EditionFields {
    let mut input = normative(title, doc_no, effective, expires).to_input();
    input.validity = "not-yet-effective".into();
    EditionFields::parse(&input).unwrap()
}

fn interpretation(title: &str, of: &str) -> EditionFields {
    testing::fields_with(title, |i| {
        i.doc_no = String::new();
        i.genre = "interpretation".into();
        i.policy_kind = "none".into();
        i.interprets = of.into();
        i.interpretation_form = "qa".into();
    })
}

impl World {
    fn db(&self) -> &Db {
        &self.t.db
    }

    fn opts(&self) -> PublishOptions<'_> {
        PublishOptions { privacy_override: None, template: &self.template, blobs: &self.blobs }
    }

    /// Drafts, submits and publishes in the office, now.
    async fn publish(&self, fields: &EditionFields) -> Result<i64, StoreError> {
        let id = documents::create_draft(self.db(), &self.editor.who(), &self.editor.actor(), self.office, fields)
            .await
            .unwrap();
        documents::submit(self.db(), &self.editor.who(), &self.editor.actor(), id).await.unwrap();
        documents::publish(self.db(), &self.reviewer.who(), &self.reviewer.actor(), id, &self.opts()).await?;
        Ok(id)
    }

    async fn validity_of(&self, id: i64) -> Option<ValidityStatus> {
        let eds = documents::editions(self.db(), id).await.unwrap();
        eds.iter().find(|e| e.status == EditionStatus::Published).unwrap().fields.validity.map(|v| v.status())
    }

    async fn repeal(
        &self,
        who: &TestStaff,
        kind: ChangeKind,
        by: i64,
        targets: &[&str],
        since: Date,
    ) -> Result<Vec<i64>, StoreError> {
        let targets: Vec<PolicyRef> = targets.iter().map(|t| PolicyRef::parse(t).unwrap()).collect();
        let act =
            ValidityAct { kind, by_document: by, targets: &targets, since, note: None, today: date!(2026 - 11 - 28) };
        lifecycle::change_validity(self.db(), &who.who(), Some(&who.actor()), &act).await
    }
}

#[tokio::test]
async fn an_interpretation_links_to_published_policies_only() {
    let w = world().await;
    let interp = interpretation("《温州市政务公开工作规定》政策解读", "温政办〔2026〕7号");
    // The policy is not on the platform yet: publishing the interpretation stops, and nothing
    // is published.
    let e = w.publish(&interp).await.unwrap_err();
    assert!(e.to_string().contains("温政办〔2026〕7号") && e.to_string().contains("先发布政策文件"), "{e}");
    // A non-policy document cannot be interpreted either.
    let news = testing::fields_with("政务公开工作动态", |i| {
        i.doc_no = "温政办〔2026〕8号".into();
        i.policy_kind = "none".into();
    });
    w.publish(&news).await.unwrap();
    let e = w.publish(&interpretation("解读", "温政办〔2026〕8号")).await.unwrap_err();
    assert!(e.to_string().contains("不是政策文件"), "{e}");

    let policy =
        w.publish(&normative("温州市政务公开工作规定", "温政办〔2026〕7号", "2026-01-01", "2030-12-31")).await.unwrap();
    let i = w.publish(&interp).await.unwrap();
    let r = lifecycle::relations(w.db(), policy).await.unwrap();
    assert_eq!(r.interpretations.iter().map(|d| d.document_id).collect::<Vec<_>>(), [i]);
    let r = lifecycle::relations(w.db(), i).await.unwrap();
    assert_eq!(r.interprets.iter().map(|d| d.document_id).collect::<Vec<_>>(), [policy]);
    // The policy's page changes with its interpretation: it is among the related documents.
    assert!(lifecycle::related_documents(w.db(), &[i]).await.unwrap().contains(&policy));
    // The public page carries the links.
    let index_no = documents::staff_document(w.db(), &w.reviewer.actor(), policy).await.unwrap().document.index_no;
    let PublicLookup::Found(page) = documents::public_page(w.db(), &index_no.unwrap()).await.unwrap() else {
        panic!("policy not public")
    };
    assert_eq!(page.relations.interpretations.len(), 1);
}

#[tokio::test]
async fn interpretation_report_flags_missing_and_late_across_a_holiday() {
    let w = world().await;
    let cal = WorkCalendar::official();
    // Published Tuesday 2025-09-30; the National Day holiday runs 10-01..10-08 and Saturday
    // 10-11 is a make-up working day: days 1–3 are 10-09, 10-10, 10-11.
    let p1 = testing::published_at(
        w.db(),
        OFFICE,
        "001002003/2025-00001",
        at(date!(2025 - 09 - 30)),
        normative("温州市行政规范性文件管理办法", "温政办〔2025〕30号", "2025-10-01", ""),
    )
    .await;
    let p2 = testing::published_at(
        w.db(),
        OFFICE,
        "001002003/2025-00002",
        at(date!(2025 - 09 - 30)),
        normative("温州市政务数据共享办法", "温政办〔2025〕31号", "2025-10-01", ""),
    )
    .await;
    // p2's interpretation comes on 10-13, one working day late.
    testing::published_at(
        w.db(),
        OFFICE,
        "001002003/2025-00003",
        at(date!(2025 - 10 - 13)),
        interpretation("《温州市政务数据共享办法》解读", "温政办〔2025〕31号"),
    )
    .await;
    let report = |today| lifecycle::interpretation_report(w.db(), &cal, Some(w.office), 2025, today, 3);
    let rows = report(date!(2025 - 10 - 11)).await.unwrap();
    let status = |id: i64| rows.iter().find(|r| r.document_id == id).unwrap().status.clone();
    assert_eq!(status(p1), InterpretationStatus::Pending { due_on: date!(2025 - 10 - 11) });
    assert!(matches!(status(p2), InterpretationStatus::Late { .. }));
    let rows = report(date!(2025 - 10 - 12)).await.unwrap();
    assert_eq!(
        rows.iter().find(|r| r.document_id == p1).unwrap().status,
        InterpretationStatus::Missing { due_on: date!(2025 - 10 - 11) }
    );
    // Another agency's report does not show them.
    let other = lifecycle::interpretation_report(w.db(), &cal, Some(w.bureau), 2025, date!(2025 - 12 - 31), 3);
    assert!(other.await.unwrap().is_empty());

    // The daily duty reminds the office once about the missing one.
    let first = lifecycle::daily(w.db(), &cal, date!(2025 - 10 - 12), 3).await.unwrap();
    assert_eq!(first.reminders.iter().filter(|r| r.kind == "interpretation").count(), 1);
    let again = lifecycle::daily(w.db(), &cal, date!(2025 - 10 - 13), 3).await.unwrap();
    assert!(again.reminders.iter().all(|r| r.kind != "interpretation"), "{again:?}");
}

#[tokio::test]
async fn a_repeal_marks_the_original_and_links_both_ways() {
    let w = world().await;
    let old =
        w.publish(&normative("温州市政务公开暂行办法", "温政办〔2026〕1号", "2026-01-01", "2027-12-31")).await.unwrap();
    let new = w
        .publish(&testing::fields_with(
            "温州市人民政府办公室关于废止部分行政规范性文件的通知",
            |i| {
                i.doc_no = "温政办〔2026〕20号".into();
            },
        ))
        .await
        .unwrap();
    // A draft revision of the old document is under way; it must not bring the document back.
    documents::revise(w.db(), &w.editor.who(), &w.editor.actor(), old).await.unwrap();

    let changed =
        w.repeal(&w.reviewer, ChangeKind::Repeal, new, &["温政办[2026]1号"], date!(2026 - 06 - 01)).await.unwrap();
    assert_eq!(changed, [old]);
    assert_eq!(w.validity_of(old).await, Some(ValidityStatus::Repealed));
    let eds = documents::editions(w.db(), old).await.unwrap();
    assert!(eds.iter().all(|e| e.fields.validity.map(|v| v.status()) == Some(ValidityStatus::Repealed)));

    let r = lifecycle::relations(w.db(), old).await.unwrap();
    assert_eq!(r.repealed_by.iter().map(|d| d.document_id).collect::<Vec<_>>(), [new]);
    let change = r.validity_changes.last().unwrap();
    assert_eq!(
        (change.status, change.previous, change.since),
        (ValidityStatus::Repealed, Some(ValidityStatus::Valid), date!(2026 - 06 - 01))
    );
    assert!(change.reason.contains("温政办〔2026〕20号") && change.reason.contains("废止"), "{}", change.reason);
    assert_eq!(change.by.as_ref().unwrap().document_id, new);
    let r = lifecycle::relations(w.db(), new).await.unwrap();
    assert_eq!(r.repeals.iter().map(|d| d.document_id).collect::<Vec<_>>(), [old]);

    // Repealing it again says so and changes nothing.
    let e = w
        .repeal(&w.reviewer, ChangeKind::Repeal, new, &["温政办〔2026〕1号"], date!(2026 - 07 - 01))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("已经废止"), "{e}");
    assert_eq!(lifecycle::relations(w.db(), old).await.unwrap().validity_changes.len(), 1);
}

#[tokio::test]
async fn repeals_need_authority_and_a_whole_list_fails_together() {
    let w = world().await;
    let mine = w.publish(&normative("温州市政务公开办法", "温政办〔2026〕2号", "2026-01-01", "")).await.unwrap();
    let notice = w
        .publish(&testing::fields_with("关于废止文件的通知", |i| i.doc_no = "温政办〔2026〕21号".into()))
        .await
        .unwrap();
    // The bureau's own document, published by the bureau.
    let theirs = testing::published_at(
        w.db(),
        BUREAU,
        "001002010/2026-00001",
        at(date!(2026 - 02 - 02)),
        normative("温州市学校管理办法", "温教〔2026〕3号", "2026-03-01", ""),
    )
    .await;

    // The office cannot repeal the bureau's document; the list fails as a whole, naming every
    // problem, and its own document in the list stays valid.
    let e = w
        .repeal(
            &w.reviewer,
            ChangeKind::Repeal,
            notice,
            &["温政办〔2026〕2号", "温教〔2026〕3号", "温政办〔2026〕99号"],
            date!(2026 - 06 - 01),
        )
        .await
        .unwrap_err();
    let m = e.to_string();
    assert!(m.contains("无权废止") && m.contains("温政办〔2026〕99号") && m.contains("没有已发布"), "{m}");
    assert_eq!(w.validity_of(mine).await, Some(ValidityStatus::Valid));
    assert_eq!(w.validity_of(theirs).await, Some(ValidityStatus::Valid));

    // A reviewer of another agency cannot act with the office's notice at all.
    let e = w
        .repeal(&w.bureau_reviewer, ChangeKind::Repeal, notice, &["温政办〔2026〕2号"], date!(2026 - 06 - 01))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Forbidden(_)), "{e}");

    // A date before the document's 施行日期 is refused.
    let e = w
        .repeal(&w.reviewer, ChangeKind::Repeal, notice, &["温政办〔2026〕2号"], date!(2025 - 12 - 31))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("早于其施行日期"), "{e}");

    // The city government governs its departments: its notice may repeal the bureau's document.
    let city_notice = testing::published_at(
        w.db(),
        CITY,
        "001002000/2026-00001",
        at(date!(2026 - 05 - 05)),
        testing::fields_with("温州市人民政府关于废止部分规范性文件的决定", |i| {
            i.doc_no = "温政发〔2026〕5号".into()
        }),
    )
    .await;
    w.repeal(&w.city_reviewer, ChangeKind::Repeal, city_notice, &["温教〔2026〕3号"], date!(2026 - 06 - 01))
        .await
        .unwrap();
    assert_eq!(w.validity_of(theirs).await, Some(ValidityStatus::Repealed));
}

#[tokio::test]
async fn a_cycle_of_amendments_is_refused() {
    let w = world().await;
    let a = w.publish(&normative("甲办法", "温政办〔2026〕3号", "2026-01-01", "")).await.unwrap();
    let b = w.publish(&normative("乙办法", "温政办〔2026〕4号", "2026-01-01", "")).await.unwrap();
    let c = w.publish(&normative("丙办法", "温政办〔2026〕5号", "2026-01-01", "")).await.unwrap();
    w.repeal(&w.reviewer, ChangeKind::Amend, b, &["温政办〔2026〕3号"], date!(2026 - 03 - 01)).await.unwrap();
    w.repeal(&w.reviewer, ChangeKind::Amend, c, &["温政办〔2026〕4号"], date!(2026 - 04 - 01)).await.unwrap();
    // a amends c would close a → c → b → a.
    let e =
        w.repeal(&w.reviewer, ChangeKind::Amend, a, &["温政办〔2026〕5号"], date!(2026 - 05 - 01)).await.unwrap_err();
    assert!(e.to_string().contains("循环"), "{e}");
    assert_eq!(w.validity_of(c).await, Some(ValidityStatus::Valid));
    // A document cannot amend itself either.
    let e =
        w.repeal(&w.reviewer, ChangeKind::Amend, c, &["温政办〔2026〕5号"], date!(2026 - 05 - 01)).await.unwrap_err();
    assert!(e.to_string().contains("自身"), "{e}");
    // An amended document is still in force and can be amended again.
    assert_eq!(w.validity_of(a).await, Some(ValidityStatus::Amended));
}

#[tokio::test]
async fn the_daily_duty_expires_across_the_new_year_and_reminds_six_months_ahead() {
    let w = world().await;
    let cal = WorkCalendar::official();
    let expiring = testing::published_at(
        w.db(),
        OFFICE,
        "001002003/2021-00001",
        at(date!(2021 - 01 - 05)),
        normative("温州市某某管理办法", "温政办〔2021〕1号", "2021-01-01", "2025-12-31"),
    )
    .await;
    let later = testing::published_at(
        w.db(),
        OFFICE,
        "001002003/2025-00009",
        at(date!(2025 - 12 - 20)),
        pending("温州市某某实施细则", "温政办〔2025〕40号", "2026-01-01", "2030-12-31"),
    )
    .await;
    // Until 2025-12-31 both stand; the first is reminded of (its expiry is within 6 months).
    let r = lifecycle::daily(w.db(), &cal, date!(2025 - 12 - 31), 3).await.unwrap();
    assert!(r.expired.is_empty() && r.came_into_force.is_empty(), "{r:?}");
    assert_eq!(
        r.reminders.iter().filter(|x| x.kind == "expiry").map(|x| x.document_id).collect::<Vec<_>>(),
        [expiring]
    );
    assert_eq!(w.validity_of(later).await, Some(ValidityStatus::NotYetEffective));

    // On 1 January the first has expired and the second is in force.
    let r = lifecycle::daily(w.db(), &cal, date!(2026 - 01 - 01), 3).await.unwrap();
    assert_eq!((r.expired.as_slice(), r.came_into_force.as_slice()), ([expiring].as_slice(), [later].as_slice()));
    assert_eq!(w.validity_of(expiring).await, Some(ValidityStatus::Expired));
    assert_eq!(w.validity_of(later).await, Some(ValidityStatus::Valid));
    let change = lifecycle::relations(w.db(), expiring).await.unwrap().validity_changes.pop().unwrap();
    assert_eq!(change.since, date!(2026 - 01 - 01));
    assert!(change.reason.contains("2025年12月31日"), "{}", change.reason);

    // Running again changes nothing and reminds of nothing new.
    let r = lifecycle::daily(w.db(), &cal, date!(2026 - 01 - 01), 3).await.unwrap();
    assert_eq!(r, lifecycle::DailyReport::default());
    // The second is reminded of only once it is within six months of 2030-12-31.
    let r = lifecycle::daily(w.db(), &cal, date!(2030 - 06 - 29), 3).await.unwrap();
    assert!(r.reminders.iter().all(|x| x.document_id != later));
    let r = lifecycle::daily(w.db(), &cal, date!(2030 - 06 - 30), 3).await.unwrap();
    assert!(r.reminders.iter().any(|x| x.document_id == later && x.kind == "expiry"));
    let kinds: Vec<String> =
        lifecycle::reminders(w.db(), Some(w.office), 10).await.unwrap().into_iter().map(|r| r.kind).collect();
    assert_eq!(kinds.iter().filter(|k| *k == "expiry").count(), 2, "{kinds:?}");
    assert!(lifecycle::reminders(w.db(), Some(w.bureau), 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn citations_link_when_the_cited_documents_are_on_the_platform() {
    let w = world().await;
    let body = "<p>为深入贯彻落实《国务院办公厅关于印发〈开展基层政务公开标准化规范化试点工作方案〉的通知》（国办发〔2017〕24号）\
                和《浙江省人民政府办公厅关于印发2017年浙江省政务公开工作要点的通知》（浙政办发〔2017〕36号）精神，制定本方案。</p>";
    let seed = w
        .publish(&testing::fields_with("温州市深化政务公开工作实施方案", |i| {
            i.body = body.into();
        }))
        .await
        .unwrap();
    let r = lifecycle::relations(w.db(), seed).await.unwrap();
    assert_eq!(r.cites.len(), 2);
    assert!(r.cites.iter().all(|c| c.link.is_none()), "not on the platform yet: shown as text");
    assert_eq!(r.cites[0].doc_no.as_deref(), Some("国办发〔2017〕24号"));

    let cited = w
        .publish(&testing::fields_with(
            "国务院办公厅关于印发开展基层政务公开标准化规范化试点工作方案的通知",
            |i| {
                i.doc_no = "国办发〔2017〕24号".into();
            },
        ))
        .await
        .unwrap();
    let r = lifecycle::relations(w.db(), seed).await.unwrap();
    assert_eq!(r.cites[0].link.as_ref().map(|l| l.document_id), Some(cited));
    assert!(r.cites[1].link.is_none());
    assert_eq!(
        lifecycle::relations(w.db(), cited).await.unwrap().cited_by.iter().map(|d| d.document_id).collect::<Vec<_>>(),
        [seed]
    );
    // Publishing the cited document changes the citing page: the outbox names both.
    let related = lifecycle::related_documents(w.db(), &[cited]).await.unwrap();
    assert!(related.contains(&seed), "{related:?}");

    // The back-fill finds the same citations again.
    let written = lifecycle::backfill_citations(w.db(), 1, |_, _| {}).await.unwrap();
    assert_eq!(written, 2);
}

#[tokio::test]
async fn table_two_counts_issue_abolition_and_force_and_carries_over() {
    let w = world().await;
    let cal = WorkCalendar::official();
    let doc = |n: u32, written: &str, expires: &str| {
        let mut f = normative(&format!("办法{n}"), &format!("温政办〔2024〕{n}号"), written, expires);
        f.written_on = gongkai_core::import::dates::parse_date(written).ok();
        f
    };
    for (n, written, expires) in
        [(1, "2023-03-01", ""), (2, "2024-02-01", "2024-12-31"), (3, "2024-05-01", ""), (4, "2024-06-01", "")]
    {
        testing::published_at(
            w.db(),
            OFFICE,
            &format!("001002003/2024-0000{n}"),
            at(gongkai_core::import::dates::parse_date(written).unwrap()),
            doc(n, written, expires),
        )
        .await;
    }
    // A rule (规章) of the city, and a repeal in 2025 of document 3.
    let mut rule = normative("温州市政府信息公开规定", "温州市人民政府令第5号", "2024-07-01", "");
    rule.policy_kind = gongkai_core::doc::PolicyKind::Rule;
    rule.written_on = Some(date!(2024 - 07 - 01));
    testing::published_at(w.db(), CITY, "001002000/2024-00001", at(date!(2024 - 07 - 01)), rule).await;
    let notice = testing::published_at(
        w.db(),
        OFFICE,
        "001002003/2025-00001",
        at(date!(2025 - 03 - 01)),
        testing::fields_with("关于废止的通知", |i| {
            i.doc_no = "温政办〔2025〕9号".into();
            i.written_on = "2025-03-01".into();
        }),
    )
    .await;
    w.repeal(&w.reviewer, ChangeKind::Repeal, notice, &["温政办〔2024〕3号"], date!(2025 - 03 - 01)).await.unwrap();
    // Document 2 expires with the year's end.
    lifecycle::daily(w.db(), &cal, date!(2025 - 01 - 02), 3).await.unwrap();

    let entries = lifecycle::register_entries(w.db(), Some(w.office)).await.unwrap();
    let y2024 = RulesBlock::count(&entries, 2024);
    let y2025 = RulesBlock::count(&entries, 2025);
    assert_eq!(y2024.normative, RegisterRow { issued: 3, abolished: 0, in_force: 4 });
    assert_eq!(y2025.normative, RegisterRow { issued: 0, abolished: 2, in_force: 2 });
    assert_eq!(y2024.rules, RegisterRow::default(), "the rule is the city's, not the office's");
    assert!(y2025.check_carry_over(&y2024).is_empty());
    let city = RulesBlock::count(&lifecycle::register_entries(w.db(), None).await.unwrap(), 2024);
    assert_eq!(city.rules, RegisterRow { issued: 1, abolished: 0, in_force: 1 });
}

#[tokio::test]
async fn a_revision_cannot_undo_a_repeal_and_the_worker_keeps_a_renewals_dates() {
    let w = world().await;
    let cal = WorkCalendar::official();
    let old = w.publish(&normative("温州市政务公开办法", "温政办〔2026〕2号", "2026-01-01", "")).await.unwrap();
    let notice = w
        .publish(&testing::fields_with("关于废止文件的通知", |i| i.doc_no = "温政办〔2026〕21号".into()))
        .await
        .unwrap();
    w.repeal(&w.reviewer, ChangeKind::Repeal, notice, &["温政办〔2026〕2号"], date!(2026 - 06 - 01)).await.unwrap();
    // An editor revises the repealed document and sets it back to 有效: publishing refuses.
    documents::revise(w.db(), &w.editor.who(), &w.editor.actor(), old).await.unwrap();
    let mut fields = normative("温州市政务公开办法", "温政办〔2026〕2号", "2026-01-01", "");
    fields.change_note = Some("恢复".into());
    documents::update_draft(w.db(), &w.editor.who(), &w.editor.actor(), old, &fields).await.unwrap();
    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), old).await.unwrap();
    let e = documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), old, &w.opts()).await.unwrap_err();
    assert!(e.to_string().contains("只能通过"), "{e}");
    assert_eq!(w.validity_of(old).await, Some(ValidityStatus::Repealed));

    // A document expiring while its renewal is drafted: the draft keeps its new end date.
    let expiring = testing::published_at(
        w.db(),
        OFFICE,
        "001002003/2021-00001",
        at(date!(2021 - 01 - 05)),
        normative("温州市某某管理办法", "温政办〔2021〕1号", "2021-01-01", "2025-12-31"),
    )
    .await;
    documents::revise(w.db(), &w.editor.who(), &w.editor.actor(), expiring).await.unwrap();
    let mut renewal = normative("温州市某某管理办法", "温政办〔2021〕1号", "2021-01-01", "2030-12-31");
    renewal.change_note = Some("评估后继续有效".into());
    documents::update_draft(w.db(), &w.editor.who(), &w.editor.actor(), expiring, &renewal).await.unwrap();
    lifecycle::daily(w.db(), &cal, date!(2026 - 01 - 01), 3).await.unwrap();
    let eds = documents::editions(w.db(), expiring).await.unwrap();
    let draft = eds.iter().find(|e| e.status == EditionStatus::Draft).unwrap();
    assert_eq!(draft.fields.validity.unwrap().status(), ValidityStatus::Expired, "the status follows");
    assert_eq!(draft.fields.validity.unwrap().expires_on(), Some(date!(2030 - 12 - 31)), "the new date stays");
}

#[tokio::test]
async fn interpretation_links_follow_the_latest_edition_and_the_drafting_agency() {
    let w = world().await;
    let policy = w.publish(&normative("温州市政务公开规定", "温政办〔2026〕7号", "2026-01-01", "")).await.unwrap();
    // A 解读 must name its policy before it is published (a draft may not yet).
    let bare = interpretation("解读稿", "");
    assert!(bare.interpretation.is_none());
    let e = w.publish(&bare).await.unwrap_err();
    assert!(e.to_string().contains("至少一个"), "{e}");

    let i = w.publish(&interpretation("《温州市政务公开规定》解读", "温政办〔2026〕7号")).await.unwrap();
    assert_eq!(lifecycle::relations(w.db(), policy).await.unwrap().interpretations.len(), 1);
    // A revision that is no longer a 解读 leaves no link behind.
    documents::revise(w.db(), &w.editor.who(), &w.editor.actor(), i).await.unwrap();
    let mut news = testing::fields_with("政务公开工作动态", |f| {
        f.doc_no = String::new();
        f.genre = "news".into();
        f.policy_kind = "none".into();
    });
    news.change_note = Some("改为动态".into());
    documents::update_draft(w.db(), &w.editor.who(), &w.editor.actor(), i, &news).await.unwrap();
    documents::submit(w.db(), &w.editor.who(), &w.editor.actor(), i).await.unwrap();
    documents::publish(w.db(), &w.reviewer.who(), &w.reviewer.actor(), i, &w.opts()).await.unwrap();
    assert!(lifecycle::relations(w.db(), policy).await.unwrap().interpretations.is_empty());

    // 谁起草、谁解读: a sibling department cannot interpret the office's policy.
    let bureau_editor = testing::staff(w.db(), "editor2", Role::Editor, Some(w.bureau)).await;
    let d = documents::create_draft(
        w.db(),
        &bureau_editor.who(),
        &bureau_editor.actor(),
        w.bureau,
        &interpretation("教育局解读", "温政办〔2026〕7号"),
    )
    .await
    .unwrap();
    documents::submit(w.db(), &bureau_editor.who(), &bureau_editor.actor(), d).await.unwrap();
    let e = documents::publish(w.db(), &w.bureau_reviewer.who(), &w.bureau_reviewer.actor(), d, &w.opts())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("谁起草、谁解读"), "{e}");
}

#[tokio::test]
async fn an_interpretation_due_over_the_new_year_holiday() {
    let w = world().await;
    let cal = WorkCalendar::official();
    // Published 2025-12-30; 2026-01-01..03 is 元旦, Sunday 01-04 is worked: due 2026-01-05.
    let p = testing::published_at(
        w.db(),
        OFFICE,
        "001002003/2025-00010",
        at(date!(2025 - 12 - 30)),
        normative("温州市跨年政策", "温政办〔2025〕50号", "2026-01-01", ""),
    )
    .await;
    for (today, expected) in [
        (date!(2026 - 01 - 05), InterpretationStatus::Pending { due_on: date!(2026 - 01 - 05) }),
        (date!(2026 - 01 - 06), InterpretationStatus::Missing { due_on: date!(2026 - 01 - 05) }),
    ] {
        let rows = lifecycle::interpretation_report(w.db(), &cal, None, 2025, today, 3).await.unwrap();
        assert_eq!(rows.into_iter().find(|r| r.document_id == p).unwrap().status, expected);
    }
}

#[tokio::test]
async fn repeals_from_the_future_or_by_documents_the_public_cannot_read_are_refused() {
    let w = world().await;
    w.publish(&normative("温州市政务公开办法", "温政办〔2026〕2号", "2026-01-01", "")).await.unwrap();
    let notice = w
        .publish(&testing::fields_with("关于废止文件的通知", |i| i.doc_no = "温政办〔2026〕21号".into()))
        .await
        .unwrap();
    let e = w
        .repeal(&w.reviewer, ChangeKind::Repeal, notice, &["温政办〔2026〕2号"], date!(2026 - 12 - 01))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("晚于今天"), "{e}");
    let internal = w
        .publish(&testing::fields_with("内部通知", |i| {
            i.doc_no = "温政办〔2026〕22号".into();
            i.disclosure = "on-request".into();
            i.ground = "art16-internal".into();
        }))
        .await
        .unwrap();
    let e = w
        .repeal(&w.reviewer, ChangeKind::Repeal, internal, &["温政办〔2026〕2号"], date!(2026 - 06 - 01))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("不是主动公开"), "{e}");
}

#[tokio::test]
async fn another_node_learns_of_changed_citations_from_the_outbox() {
    let w = world().await;
    let citing = w
        .publish(&testing::fields_with("引用文件的通知", |i| {
            i.body = "<p>根据国办发〔2017〕24号文件精神。</p>".into();
        }))
        .await
        .unwrap();
    let (_, head) = documents::changed_since(w.db(), 0).await.unwrap();
    let cited =
        w.publish(&testing::fields_with("被引用的通知", |i| i.doc_no = "国办发〔2017〕24号".into())).await.unwrap();
    let (changed, _) = documents::changed_since(w.db(), head).await.unwrap();
    assert!(changed.contains(&cited) && changed.contains(&citing), "{changed:?}");
}
