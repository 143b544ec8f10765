//! The back office: login, CSRF, the editorial workflow, uploads, scoping.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{TestApp, doc_id_from};
use gongkai_core::org::Role;
use gongkai_store::testing;

fn fields(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", title),
        ("doc_no", "温政办[2024]08号"),
        ("topic", "综合政务/政务公开"),
        ("genre", "notice"),
        ("policy_kind", "policy"),
        ("column", "statutory"),
        ("statutory_item", "art20-01"),
        ("disclosure", "proactive"),
        ("written_on", "2024-03-01"),
        ("body", "各县(市、区)人民政府，市政府直属各单位：\n现将有关事项通知如下。"),
    ]
}

#[tokio::test]
async fn staff_pages_need_a_login() {
    let app = TestApp::new().await;
    let res = app.get("/admin/docs").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(TestApp::location(&res).starts_with("/login?next=%2Fadmin%2Fdocs"));
}

#[tokio::test]
async fn login_is_checked_throttled_and_protected_against_csrf() {
    let app = TestApp::new().await;
    let page = app.get("/login").await;
    let anon = common::Browser { cookie: page.session_cookie().unwrap(), csrf: page.csrf() };
    assert!(page.header("set-cookie").contains("HttpOnly") && page.header("set-cookie").contains("SameSite=Lax"));

    // No token, a wrong token, or no session at all: refused, nothing checked.
    let no_token = app.post_form("/login", Some(&anon), &[("username", "editor1"), ("password", "x")]).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let forged = common::Browser { csrf: "0".repeat(64), ..anon.clone() };
    assert_eq!(
        app.post("/login", &forged, &[("username", "editor1"), ("password", "x")]).await.status,
        StatusCode::FORBIDDEN
    );
    // A cross-site form is refused even with a token.
    let cross = app
        .send(
            Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, &anon.cookie)
                .header("sec-fetch-site", "cross-site")
                .body(Body::from(format!("csrf_token={}&username=editor1&password=x", anon.csrf)))
                .unwrap(),
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);

    let wrong = app.post("/login", &anon, &[("username", "editor1"), ("password", "wrong password 1")]).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("用户名或密码错误"));
    for _ in 0..4 {
        app.post("/login", &anon, &[("username", "editor1"), ("password", "wrong password 1")]).await;
    }
    let throttled = app.post("/login", &anon, &[("username", "editor1"), ("password", &app.editor.password)]).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.body.contains("15 分钟"));
}

#[tokio::test]
async fn a_document_goes_from_draft_to_published_through_the_forms() {
    let app = TestApp::new().await;
    let editor = app.editor().await;
    let res = app.post("/admin/docs/new", &editor, &fields("关于做好2024年政务公开工作的通知")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = doc_id_from(&TestApp::location(&res));
    let view = app.get_as(&format!("/admin/docs/{id}?done=created"), &editor).await;
    assert!(view.body.contains("已保存草稿") && view.body.contains("温政办〔2024〕8号"), "the 文号 is normalised");
    assert_eq!(app.post(&format!("/admin/docs/{id}/submit"), &editor, &[]).await.status, StatusCode::SEE_OTHER);

    // The editor cannot publish: the page explains and nothing changes.
    let refused = app.post(&format!("/admin/docs/{id}/publish"), &editor, &[]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("该操作由审核人负责"));

    let reviewer = app.reviewer().await;
    let queue = app.get_as("/admin/docs?status=in-review", &reviewer).await;
    assert!(queue.body.contains("关于做好2024年政务公开工作的通知"));
    let published = app.post(&format!("/admin/docs/{id}/publish"), &reviewer, &[("privacy_override", "")]).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
    // A second reviewer action on the published edition is refused with an explanation.
    let again = app.post(&format!("/admin/docs/{id}/publish"), &reviewer, &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("不能重复审核"));

    let doc = gongkai_store::documents::staff_document(&app.t.db, &app.reviewer.actor(), id).await.unwrap();
    let n = doc.document.index_no.unwrap();
    let public = app.get(&format!("/doc/{n}")).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("关于做好2024年政务公开工作的通知"));
    assert!(app.get("/xxgk/fdzdgknr/1").await.body.contains("关于做好2024年政务公开工作的通知"));
}

#[tokio::test]
async fn a_malformed_form_re_renders_with_a_message_per_field_and_saves_nothing() {
    let app = TestApp::new().await;
    let editor = app.editor().await;
    let bad = [
        ("title", ""),
        ("doc_no", "第八号"),
        ("topic", "综合政务/政务公开"),
        ("genre", "notice"),
        ("column", "statutory"),
        ("statutory_item", ""),
        ("disclosure", "withheld"),
        ("written_on", "2024-02-30"),
        ("policy_kind", "normative"),
        ("body", ""),
    ];
    let res = app.post("/admin/docs/new", &editor, &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "请填写标题",
        "应为“机关代字〔年份〕序号号”",
        "请选择条例第二十条的具体事项",
        "第十四条至第十六条",
        "2024-02-30",
        "规章和行政规范性文件必须填写有效性",
        "请填写正文",
    ] {
        assert!(res.body.contains(message), "missing message: {message}");
    }
    assert!(res.body.contains("aria-invalid=\"true\""));
    // What was typed is kept.
    assert!(res.body.contains("value=\"第八号\""));
    let (_, total) =
        gongkai_store::documents::staff_list(&app.t.db, &app.editor.actor(), &Default::default(), 10, 0).await.unwrap();
    assert_eq!(total, 0, "nothing saved");
}

async fn multipart(app: &TestApp, path: &str, b: &common::Browser, name: &str, bytes: &[u8]) -> common::Resp {
    let boundary = "XgongkaiBoundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n", b.csrf).as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    app.send(
        Request::post(path)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .header(header::COOKIE, &b.cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn uploads_are_limited_checked_and_downloaded_under_their_chinese_name() {
    let app = TestApp::with_config(|c| c.max_upload_bytes = 4096).await;
    let editor = app.editor().await;
    let res = app.post("/admin/docs/new", &editor, &fields("附件")).await;
    let id = doc_id_from(&TestApp::location(&res));
    let path = format!("/admin/docs/{id}/attachments");

    let big = multipart(&app, &path, &editor, "大.pdf", &[b'%'; 10_000]).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(big.body.contains("单个附件不能超过 4 KB"), "{}", big.body);
    let html = multipart(&app, &path, &editor, "x.html", b"<script>alert(1)</script>").await;
    assert_eq!(html.status, StatusCode::CONFLICT);
    assert!(html.body.contains("不支持"));
    let ok = multipart(&app, &path, &editor, "温州市深化政务公开工作实施方案.pdf", b"%PDF-1.7 demo").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

    let doc = gongkai_store::documents::staff_document(&app.t.db, &app.editor.actor(), id).await.unwrap();
    let a = &doc.attachments[0];
    // Not public yet: anonymous download is refused, staff can fetch it.
    let href = format!("/files/{}/x", a.id);
    assert_eq!(app.get(&href).await.status, StatusCode::NOT_FOUND);
    let file = app.get_as(&href, &editor).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.bytes, b"%PDF-1.7 demo");
    let cd = file.header("content-disposition");
    assert!(cd.contains("filename*=UTF-8''%E6%B8%A9%E5%B7%9E"), "{cd}");
    assert_eq!(file.header("content-type"), "application/pdf");
    // A form without a token cannot upload.
    let forged = common::Browser { csrf: "f".repeat(64), ..editor.clone() };
    assert_eq!(multipart(&app, &path, &forged, "a.pdf", b"%PDF-1").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn staff_of_another_agency_see_nothing() {
    let app = TestApp::new().await;
    let editor = app.editor().await;
    let res = app.post("/admin/docs/new", &editor, &fields("本机构草稿")).await;
    let id = doc_id_from(&TestApp::location(&res));
    let other = testing::agency(&app.t.db, "001003000", "wzsfgw", "温州市发展和改革委员会").await;
    let outsider = testing::staff(&app.t.db, "editor2", Role::Editor, Some(other.id)).await;
    let b = app.login("editor2", &outsider.password).await;
    assert_eq!(app.get_as(&format!("/admin/docs/{id}"), &b).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.post(&format!("/admin/docs/{id}/submit"), &b, &[]).await.status, StatusCode::NOT_FOUND);
    assert!(!app.get_as("/admin/docs", &b).await.body.contains("本机构草稿"));
    // Editors cannot reach administration pages.
    assert_eq!(app.get_as("/admin/users", &b).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn personal_data_blocks_publishing_until_the_reviewer_gives_a_reason() {
    let app = TestApp::new().await;
    let editor = app.editor().await;
    let mut f = fields("低保对象公示");
    f.retain(|(k, _)| *k != "body");
    f.push(("body", "张三 身份证号 11010519491231002X 手机 13812345678"));
    let id = doc_id_from(&TestApp::location(&app.post("/admin/docs/new", &editor, &f).await));
    app.post(&format!("/admin/docs/{id}/submit"), &editor, &[]).await;
    let reviewer = app.reviewer().await;
    let blocked = app.post(&format!("/admin/docs/{id}/publish"), &reviewer, &[("privacy_override", "")]).await;
    assert_eq!(blocked.status, StatusCode::CONFLICT);
    assert!(blocked.body.contains("身份证号码") && blocked.body.contains("privacy_override"));
    let ok =
        app.post(&format!("/admin/docs/{id}/publish"), &reviewer, &[("privacy_override", "经本人书面同意公示")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let office = testing::staff(&app.t.db, "office1", Role::DisclosureOffice, None).await;
    let b = app.login("office1", &office.password).await;
    let audit = app.get_as("/admin/audit", &b).await;
    assert!(audit.body.contains("经本人书面同意公示"));
}

#[tokio::test]
async fn administrators_manage_agencies_and_accounts() {
    let app = TestApp::new().await;
    let admin = testing::staff(&app.t.db, "admin1", Role::SystemAdmin, None).await;
    let b = app.login("admin1", &admin.password).await;
    let bad =
        app.post("/admin/agencies/new", &b, &[("code", "12"), ("slug", "Bad Slug"), ("name", ""), ("kind", "")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("机构代码应为") && bad.body.contains("网址名只能使用"));
    let ok = app
        .post(
            "/admin/agencies/new",
            &b,
            &[
                ("code", "001004000"),
                ("slug", "wzsjyj"),
                ("name", "温州市教育局"),
                ("kind", "department"),
                ("phone", "0577-88000000"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert!(app.get("/xxgk/").await.body.contains("温州市教育局"), "the agency list is refreshed");
    let created = app
        .post(
            "/admin/users/new",
            &b,
            &[("username", "jyj-editor"), ("display_name", "李四"), ("role", "editor"), ("agency", "")],
        )
        .await;
    assert_eq!(created.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(created.body.contains("必须属于一个机构"));
    let a = gongkai_store::agencies::by_code(&app.t.db, "001004000").await.unwrap().unwrap();
    let created = app
        .post(
            "/admin/users/new",
            &b,
            &[("username", "jyj-editor"), ("display_name", "李四"), ("role", "editor"), ("agency", &a.id.to_string())],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK);
    let marker = "<code class=\"secret\">";
    let start = created.body.find(marker).unwrap() + marker.len();
    let password = &created.body[start..created.body[start..].find('<').unwrap() + start];
    app.login("jyj-editor", password).await;
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::new().await;
    let editor = app.editor().await;
    let res = app.post("/logout", &editor, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get_as("/admin", &editor).await.status, StatusCode::SEE_OTHER);
}

/// 发布时效 (条例 Art. 26): late first publications are listed; editors and reviewers see only
/// their agency; the disclosure office sees the city; bad years are refused with a message.
#[tokio::test]
async fn timeliness_page_lists_late_publications_by_scope() {
    use gongkai_core::doc::IndexNo;
    use gongkai_core::doc::workflow::EditionStatus;
    use gongkai_store::audit::Who;
    use gongkai_store::blobs::FsBlobStore;
    use gongkai_store::export::{ImportDocument, ImportEdition, import_documents};
    use time::macros::{date, datetime};

    let app = TestApp::new().await;
    let other = testing::agency(&app.t.db, "001002008", "wzsfgw", "温州市发展和改革委员会").await;
    let doc = |code: &str, n: u32, title: &str, published: time::OffsetDateTime| {
        let mut fields = testing::fields(title);
        fields.written_on = Some(date!(2024 - 02 - 01));
        ImportDocument {
            index_no: IndexNo::parse(&format!("{code}/2024-{n:05}")).unwrap(),
            agency_code: code.into(),
            first_published_at: published,
            withdrawn_at: None,
            withdrawn_reason: None,
            view_count: 0,
            editions: vec![ImportEdition {
                edition_no: 1,
                status: EditionStatus::Published,
                published_at: Some(published),
                privacy_override: None,
                fields,
                attachments: vec![],
            }],
        }
    };
    let docs = [
        doc("001002003", 1, "按时发布的通知", datetime!(2024-03-05 09:00 +8)),
        doc("001002003", 2, "迟发的通知", datetime!(2024-03-06 09:00 +8)),
        doc("001002008", 3, "发改委迟发的公告", datetime!(2024-04-01 09:00 +8)),
    ];
    let blobs = FsBlobStore::new(app.t.data_dir());
    import_documents(&app.t.db, &Who::system("test"), &blobs, &docs).await.unwrap();

    let reviewer = app.reviewer().await;
    // Asking for another agency changes nothing for a reviewer.
    let page = app.get_as("/admin/timeliness?year=2024&agency=001002008", &reviewer).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("温州市人民政府办公室"), "{}", page.body);
    assert!(page.body.contains("迟发的通知") && page.body.contains("超期：用时 21 个工作日"), "{}", page.body);
    assert!(!page.body.contains("按时发布的通知"), "only late ones are listed");
    assert!(!page.body.contains("发改委迟发的公告"), "another agency's documents are not shown");

    let s = testing::staff(&app.t.db, "office1", Role::DisclosureOffice, None).await;
    let office = app.login("office1", &s.password).await;
    let city = app.get_as("/admin/timeliness?year=2024", &office).await;
    assert!(city.body.contains("迟发的通知") && city.body.contains("发改委迟发的公告"), "{}", city.body);
    assert!(city.body.contains("<th scope=\"row\">合计</th><td>3</td><td>1</td><td>2</td><td>0</td>"), "{}", city.body);
    let chosen = app.get_as("/admin/timeliness?year=2024&agency=001002008", &office).await;
    assert!(chosen.body.contains("发改委迟发的公告") && !chosen.body.contains(">迟发的通知<"), "{}", chosen.body);

    let empty = app.get_as("/admin/timeliness?year=2019", &office).await;
    assert!(empty.body.contains("2019年没有发布主动公开信息"), "{}", empty.body);
    let bad = app.get_as("/admin/timeliness?year=20x4", &office).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("四位年份"), "{}", bad.body);

    let o = testing::staff(&app.t.db, "officer1", Role::RequestOfficer, Some(other.id)).await;
    let officer = app.login("officer1", &o.password).await;
    assert_eq!(app.get_as("/admin/timeliness?year=2024", &officer).await.status, StatusCode::FORBIDDEN);
}
