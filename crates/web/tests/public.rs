//! The public site against the real router and database.

mod common;

use axum::http::StatusCode;
use common::TestApp;

#[tokio::test]
async fn the_document_page_shows_the_metadata_of_the_seed_page() {
    let app = TestApp::new().await;
    let (_, n) = app.published("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;
    let res = app.get(&format!("/doc/{n}")).await;
    assert_eq!(res.status, StatusCode::OK);
    for text in [
        "索引号",
        n.as_str(),
        "主题分类",
        "综合政务/政务公开",
        "文号",
        "温政办〔2017〕62号",
        "发布机构",
        "温州市人民政府办公室",
        "成文日期",
        "2017-06-08",
        "发布日期",
        "修订记录",
        "首次发布",
    ] {
        assert!(res.body.contains(text), "missing {text}");
    }
    assert!(res.body.contains("<p>各县(市、区)人民政府，市政府直属各单位：</p>"));
    assert!(res.body.contains("<html lang=\"zh-CN\">"));
    assert!(!res.body.contains("gk:views"), "the view mark is replaced");
    assert!(res.body.contains("浏览次数：1<"), "first view");
    let again = app.get(&format!("/doc/{n}")).await;
    assert!(again.body.contains("浏览次数：2<"), "second view");
    // The print view is the same content without the site chrome links.
    let print = app.get(&format!("/doc/{n}?view=print")).await;
    assert_eq!(print.status, StatusCode::OK);
    assert!(print.body.contains("print-view"));
    // Views reach the database.
    app.state.flush_views().await.unwrap();
    let PublicLookup::Found(p) = gongkai_store::documents::public_page(&app.t.db, &n).await.unwrap() else { panic!() };
    assert_eq!(p.document.view_count, 3);
}

use gongkai_store::documents::PublicLookup;

#[tokio::test]
async fn unknown_urls_get_a_real_404_page() {
    let app = TestApp::new().await;
    for path in [
        "/no/such/page",
        "/doc/001002003/2099-99999",
        "/doc/bad..number",
        "/xxgk/nobody/",
        "/xxgk/fdzdgknr/16",
        "/files/999/x.pdf",
        "/files/abc/x.pdf",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(res.body.contains("页面不存在"), "{path}");
        assert!(res.header("content-type").starts_with("text/html"), "{path}");
    }
}

#[tokio::test]
async fn withdrawn_documents_answer_410_with_the_reason_even_after_being_cached() {
    let app = TestApp::new().await;
    let (id, n) = app.published("将被撤回").await;
    assert_eq!(app.get(&format!("/doc/{n}")).await.status, StatusCode::OK);
    let reviewer = app.reviewer().await;
    let res = app.post(&format!("/admin/docs/{id}/withdraw"), &reviewer, &[("reason", "已被新文件替代")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let gone = app.get(&format!("/doc/{n}")).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(gone.body.contains("已被新文件替代"));
    assert!(gone.body.contains("将被撤回"));
}

#[tokio::test]
async fn script_in_titles_and_bodies_is_escaped_or_removed() {
    let app = TestApp::new().await;
    for payload in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>"] {
        let (_, n) = app.published(payload).await;
        let res = app.get(&format!("/doc/{n}")).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(!res.body.contains(payload), "{payload} appears unescaped");
        assert!(!res.body.contains("<script>alert"), "{payload}");
    }
    // Bodies: through the editor form, with HTML.
    let editor = app.editor().await;
    let mut fields = form_fields("正文脚本");
    fields.retain(|(k, _)| *k != "body");
    fields
        .push(("body", "<p onclick=\"x()\">正文</p><script>alert(1)</script><a href=\"javascript:alert(1)\">链接</a>"));
    let res = app.post("/admin/docs/new", &editor, &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let preview = app.get_as(&format!("{}/preview", TestApp::location(&res).split('?').next().unwrap()), &editor).await;
    assert!(preview.body.contains("<p>正文</p>"));
    assert!(
        !preview.body.contains("onclick")
            && !preview.body.contains("javascript:")
            && !preview.body.contains("<script>alert")
    );
}

pub fn form_fields(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", title),
        ("doc_no", "温政办〔2024〕8号"),
        ("topic", "综合政务/政务公开"),
        ("genre", "notice"),
        ("policy_kind", "policy"),
        ("column", "general"),
        ("disclosure", "proactive"),
        ("written_on", "2024-03-01"),
        ("body", "各县(市、区)人民政府，市政府直属各单位：\n现将有关事项通知如下。"),
    ]
}

#[tokio::test]
async fn catalogues_filter_paginate_and_say_when_empty() {
    let app = TestApp::new().await;
    for i in 0..23 {
        app.published(&format!("通知第{i}号")).await;
    }
    let res = app.get("/xxgk/wzszfb/").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("共 23 条"));
    assert!(res.body.contains("下一页"));
    let page2 = app.get("/xxgk/wzszfb/?page=2").await;
    assert_eq!(page2.body.matches("class=\"doctitle\"").count(), 3);
    let none = app.get("/xxgk/wzszfb/?topic=%E5%8D%AB%E7%94%9F%E3%80%81%E4%BD%93%E8%82%B2").await;
    assert!(none.body.contains("没有符合条件的信息"));
    // SQL metacharacters and nonsense in parameters are harmless.
    for q in [
        "?topic=%27%20OR%201%3D1--",
        "?genre=%27;DROP%20TABLE%20documents",
        "?year=abc",
        "?page=-5",
        "?page=99999999999",
    ] {
        let r = app.get(&format!("/xxgk/wzszfb/{q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{q}");
    }
    assert_eq!(app.get("/xxgk/fdzdgknr/1").await.status, StatusCode::OK);
    let portal = app.get("/xxgk/").await;
    assert!(portal.body.contains("法定主动公开内容") && portal.body.contains("行政法规、规章和规范性文件"));
    let guide = app.get("/xxgk/wzszfb/guide").await;
    assert!(guide.body.contains("0577-88960000") && guide.body.contains("温州市鹿城区市府路500号"));
    let home = app.get("/").await;
    assert!(home.body.contains("最新公开信息") && home.body.contains("通知第22号"));
}

#[tokio::test]
async fn reading_preferences_work_without_javascript() {
    let app = TestApp::new().await;
    let res = app.get("/prefs?font=l&back=/xxgk/").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(TestApp::location(&res), "/xxgk/");
    assert!(res.header("set-cookie").contains("gk_font=l"));
    let css = app
        .send(
            axum::http::Request::get("/prefs.css")
                .header("cookie", "gk_font=l; gk_contrast=1")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(css.body.contains("--font-size:1.25rem") && css.body.contains("--bg:#000"));
    // Only local paths are followed.
    assert_eq!(TestApp::location(&app.get("/prefs?font=s&back=//evil.example/").await), "/");
    assert_eq!(TestApp::location(&app.get("/prefs?font=s&back=https://evil.example/").await), "/");
}

#[tokio::test]
async fn every_page_carries_security_headers() {
    let app = TestApp::new().await;
    for path in ["/", "/xxgk/", "/login", "/nope"] {
        let res = app.get(path).await;
        assert!(res.header("content-security-policy").contains("script-src 'self'"), "{path}");
        assert_eq!(res.header("x-content-type-options"), "nosniff");
        assert_eq!(res.header("x-frame-options"), "DENY");
    }
}

#[tokio::test]
async fn health_metrics_and_the_json_api() {
    let app = TestApp::new().await;
    let (_, n) = app.published("接口测试").await;
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    let list = app.get("/api/v1/documents?agency=001002003").await;
    assert_eq!(list.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["index_no"], n.as_str());
    let one: serde_json::Value = serde_json::from_str(&app.get(&format!("/api/v1/documents/{n}")).await.body).unwrap();
    assert_eq!(one["doc_no"], "温政办〔2017〕62号");
    let missing = app.get("/api/v1/documents/001/2099-1").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let v: serde_json::Value = serde_json::from_str(&missing.body).unwrap();
    assert_eq!(v["error"]["status"], 404);
    let bad = app.get("/api/v1/documents?page=x").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.header("content-type").starts_with("application/json"));
    let metrics = app.get("/metrics").await;
    assert!(metrics.body.contains("gongkai_http_requests_total"), "{}", metrics.body);
}
