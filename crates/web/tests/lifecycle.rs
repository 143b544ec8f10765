//! The policy lifecycle on the site: banners on repealed documents, interpretations and
//! citations on document pages (and their cached pages dropped when a linked document
//! changes), the reviewer's warning and the repeal form, the 政策解读 dashboard's scoping, and
//! the catalogue's validity filter.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use gongkai_core::doc::EditionFields;
use gongkai_core::org::Role;
use gongkai_store::testing;

fn normative(title: &str, doc_no: &str) -> EditionFields {
    testing::fields_with(title, |i| {
        i.doc_no = doc_no.into();
        i.policy_kind = "normative".into();
        i.validity = "valid".into();
        i.effective_on = "2024-01-01".into();
    })
}

#[tokio::test]
async fn a_repealed_document_says_since_when_why_and_links_to_the_repealer() {
    let app = TestApp::new().await;
    let (old, old_no) = app.publish_fields(&normative("温州市政务公开暂行办法", "温政办〔2024〕1号")).await;
    let (notice, notice_no) = app
        .publish_fields(&testing::fields_with(
            "温州市人民政府办公室关于废止部分行政规范性文件的通知",
            |i| {
                i.doc_no = "温政办〔2026〕20号".into();
                i.body = "经清理，决定废止《温州市政务公开暂行办法》（温政办〔2024〕1号）。".into();
            },
        ))
        .await;
    // The page is rendered (and cached) before the repeal.
    let before = app.get(&format!("/doc/{old_no}")).await;
    assert!(!before.body.contains("banner-validity"));

    let reviewer = app.reviewer().await;
    let editor = app.editor().await;
    let form = [("kind", "repeal"), ("targets", "温政办[2024]1号"), ("since", "2026-03-01"), ("note", "")];
    // Only the agency's reviewer may do it.
    let res = app.post(&format!("/admin/docs/{notice}/validity"), &editor, &form).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // A list with a document not on the platform changes nothing and says which.
    let bad = [("kind", "repeal"), ("targets", "温政办〔2024〕1号\n温政办〔2024〕99号"), ("since", "2026-03-01")];
    let res = app.post(&format!("/admin/docs/{notice}/validity"), &reviewer, &bad).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("温政办〔2024〕99号"), "{}", res.body);
    assert!(!app.get(&format!("/doc/{old_no}")).await.body.contains("banner-validity"));

    let res = app.post(&format!("/admin/docs/{notice}/validity"), &reviewer, &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(&format!("/doc/{old_no}")).await;
    assert!(page.body.contains("banner-validity"), "the cached page was dropped");
    assert!(page.body.contains("本文件自2026年3月1日起废止"), "{}", page.body);
    assert!(page.body.contains(&format!("href=\"/doc/{notice_no}\"")));
    assert!(page.body.contains("有效性变更"), "the 修订记录 records it");
    let page = app.get(&format!("/doc/{notice_no}")).await;
    assert!(page.body.contains("本文件废止的文件") && page.body.contains(&format!("href=\"/doc/{old_no}\"")));
    // The notice cites the repealed document, which is on the platform: linked.
    assert!(page.body.contains("引用文件"));
    let _ = old;

    // The catalogue filters by validity.
    let repealed = app.get("/xxgk/wzszfb/?validity=repealed").await;
    assert!(repealed.body.contains("温州市政务公开暂行办法") && !repealed.body.contains("关于废止部分"));
    assert!(repealed.body.contains("按有效性"));
}

#[tokio::test]
async fn interpretations_are_linked_both_ways_and_the_reviewer_is_warned() {
    let app = TestApp::new().await;
    let editor = app.editor().await;
    let reviewer = app.reviewer().await;
    // An editor drafts a policy and sends it for review without an interpretation.
    let mut form: Vec<(&str, String)> =
        normative("温州市政策解读工作办法", "温政办〔2026〕5号").to_input().pipe_fields();
    form.push(("csrf_token", editor.csrf.clone()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_form("/admin/docs/new", Some(&editor), &pairs).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = common::doc_id_from(&TestApp::location(&res));
    // A 行政规范性文件 without 有效期至 got the default: 5 years from its 施行日期.
    let view = app.get_as(&format!("/admin/docs/{id}/edit"), &editor).await;
    assert!(view.body.contains("value=\"2028-12-31\""), "default expiry filled in");
    app.post(&format!("/admin/docs/{id}/submit"), &editor, &[]).await;
    let page = app.get_as(&format!("/admin/docs/{id}"), &reviewer).await;
    assert!(
        page.body.contains("尚无已发布的政策解读") && page.body.contains("也没有关联本文件的解读稿件"),
        "{}",
        page.body
    );
    let res = app.post(&format!("/admin/docs/{id}/publish"), &reviewer, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);

    // A second published document with the same 文号 (a data error elsewhere in the agency).
    app.publish_fields(&normative("温州市政策解读工作办法（重复录入）", "温政办〔2026〕5号")).await;
    let interp = testing::fields_with("《温州市政策解读工作办法》政策解读", |i| {
        i.doc_no = String::new();
        i.genre = "interpretation".into();
        i.policy_kind = "none".into();
        i.interprets = "温政办〔2026〕5号".into();
        i.interpretation_form = "media".into();
        i.media_url = "https://example.gov.cn/video/1.mp4".into();
    });
    // Two published documents now carry 温政办〔2026〕5号: the reference is ambiguous and the
    // interpretation is refused until it names the 索引号.
    let e =
        gongkai_store::documents::create_draft(&app.t.db, &app.editor.who(), &app.editor.actor(), app.agency, &interp)
            .await
            .unwrap();
    gongkai_store::documents::submit(&app.t.db, &app.editor.who(), &app.editor.actor(), e).await.unwrap();
    let res = app.post(&format!("/admin/docs/{e}/publish"), &reviewer, &[]).await;
    assert!(res.body.contains("请改用索引号"), "{}", res.body);

    let policy_index = gongkai_store::documents::staff_document(&app.t.db, &app.reviewer.actor(), id)
        .await
        .unwrap()
        .document
        .index_no
        .unwrap();
    let mut by_index = interp.clone();
    by_index.interpretation.as_mut().unwrap().policies =
        vec![gongkai_core::doc::PolicyRef::IndexNo(policy_index.clone())];
    let policy_page_before = app.get(&format!("/doc/{policy_index}")).await;
    assert!(!policy_page_before.body.contains("政策解读</h2>"));
    // Published through the site: the policy's cached page is dropped at once on this node.
    let i = gongkai_store::documents::create_draft(
        &app.t.db,
        &app.editor.who(),
        &app.editor.actor(),
        app.agency,
        &by_index,
    )
    .await
    .unwrap();
    gongkai_store::documents::submit(&app.t.db, &app.editor.who(), &app.editor.actor(), i).await.unwrap();
    let res = app.post(&format!("/admin/docs/{i}/publish"), &reviewer, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let interp_no = gongkai_store::documents::staff_document(&app.t.db, &app.reviewer.actor(), i)
        .await
        .unwrap()
        .document
        .index_no
        .unwrap();
    let policy_page = app.get(&format!("/doc/{policy_index}")).await;
    assert!(policy_page.body.contains("政策解读</h2>") && policy_page.body.contains(&format!("/doc/{interp_no}")));
    let interp_page = app.get(&format!("/doc/{interp_no}")).await;
    assert!(interp_page.body.contains("解读的政策文件") && interp_page.body.contains(&format!("/doc/{policy_index}")));
    assert!(
        interp_page.body.contains("解读形式：音视频")
            && interp_page.body.contains("https://example.gov.cn/video/1.mp4")
    );
    // With its interpretation published, the policy's staff page no longer warns.
    let page = app.get_as(&format!("/admin/docs/{id}"), &reviewer).await;
    assert!(!page.body.contains("尚无已发布的政策解读"));
}

trait PipeFields {
    fn pipe_fields(self) -> Vec<(&'static str, String)>;
}

impl PipeFields for gongkai_core::doc::EditionInput {
    fn pipe_fields(self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title),
            ("doc_no", self.doc_no),
            ("topic", self.topic),
            ("genre", self.genre),
            ("policy_kind", self.policy_kind),
            ("column", self.column),
            ("statutory_item", self.statutory_item),
            ("disclosure", self.disclosure),
            ("validity", self.validity),
            ("effective_on", self.effective_on),
            ("expires_on", self.expires_on),
            ("written_on", self.written_on),
            ("body", self.body),
        ]
    }
}

#[tokio::test]
async fn the_interpretation_dashboard_is_scoped() {
    let app = TestApp::new().await;
    let other = testing::agency(&app.t.db, "001002010", "wzsjyj", "温州市教育局").await;
    let editor2 = testing::staff(&app.t.db, "editor2", Role::Editor, Some(other.id)).await;
    let officer = testing::staff(&app.t.db, "officer1", Role::RequestOfficer, Some(app.agency)).await;
    let office = testing::staff(&app.t.db, "office1", Role::DisclosureOffice, None).await;
    let year = gongkai_core::tz::local_date(gongkai_store::now()).year().to_string();
    app.publish_fields(&normative("温州市政务公开规定", "温政办〔2026〕9号")).await;

    let b = app.login("office1", &office.password).await;
    let page = app.get_as(&format!("/admin/interpretations?year={year}"), &b).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("全市") && page.body.contains("温州市政务公开规定"), "{}", page.body);
    // Another agency's editor sees an empty report of their own agency, whatever they ask.
    let b2 = app.login("editor2", &editor2.password).await;
    let page = app.get_as(&format!("/admin/interpretations?year={year}&agency=001002003"), &b2).await;
    assert!(page.body.contains("温州市教育局") && !page.body.contains("温州市政务公开规定"));
    let b3 = app.login("officer1", &officer.password).await;
    assert_eq!(app.get_as("/admin/interpretations", &b3).await.status, StatusCode::FORBIDDEN);
    // A nonsense year is a clear 400, not a 500.
    assert_eq!(app.get_as("/admin/interpretations?year=abc", &b).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_policy_library_lists_policies_with_filters_and_the_api_has_the_links() {
    let app = TestApp::new().await;
    let (_, old_no) = app.publish_fields(&normative("温州市政务公开暂行办法", "温政办〔2024〕1号")).await;
    let (notice, notice_no) = app
        .publish_fields(&testing::fields_with(
            "温州市人民政府办公室关于废止部分行政规范性文件的通知",
            |i| {
                i.doc_no = "温政办〔2026〕20号".into();
                i.policy_kind = "none".into();
            },
        ))
        .await;
    let mut later = normative("温州市政务数据开放办法", "温政办〔2024〕2号");
    later.written_on = Some(time::macros::date!(2016 - 01 - 01));
    app.publish_fields(&later).await;
    let reviewer = app.reviewer().await;
    let form = [("kind", "repeal"), ("targets", old_no.as_str()), ("since", "2026-03-01")];
    assert_eq!(
        app.post(&format!("/admin/docs/{notice}/validity"), &reviewer, &form).await.status,
        StatusCode::SEE_OTHER
    );

    let all = app.get("/policies").await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("温州市政务公开暂行办法") && all.body.contains("温州市政务数据开放办法"));
    assert!(!all.body.contains("关于废止部分行政规范性文件"), "not a policy document");
    assert!(all.body.contains("温政办〔2024〕1号") && all.body.contains("有效性：废止"));
    let valid = app.get("/policies?validity=valid").await;
    assert!(valid.body.contains("温州市政务数据开放办法") && !valid.body.contains("温州市政务公开暂行办法"));
    // Sorted by 成文日期, the 2016 document comes last.
    let by_written = app.get("/policies?sort=written").await;
    let (a, b) = (
        by_written.body.find("温州市政务公开暂行办法").unwrap(),
        by_written.body.find("温州市政务数据开放办法").unwrap(),
    );
    assert!(a < b);
    // Unknown filter values are ignored, not a 500; nothing matching is a helpful empty page.
    assert_eq!(app.get("/policies?validity=%00&year=abc&agency=zzz&page=-1").await.status, StatusCode::OK);
    let none = app.get("/policies?year=1990").await;
    assert!(none.body.contains("没有符合条件的政策文件"));

    let api: serde_json::Value =
        serde_json::from_str(&app.get(&format!("/api/v1/documents/{old_no}")).await.body).unwrap();
    assert_eq!(api["validity"]["status"], "repealed");
    assert_eq!(api["validity_changes"][0]["since"], "2026-03-01");
    assert_eq!(api["links"]["repealed_by"][0]["index_no"], notice_no.as_str());
}
