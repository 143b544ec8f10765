//! The annual report in the back office and on the public site: drafting with clear messages
//! for bad input (and nothing saved), who may do what, publication into the 年报 column, the
//! disclosure office's overview of who has published.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use gongkai_core::org::Role;
use gongkai_store::testing;

async fn app() -> TestApp {
    TestApp::with_config(|c| c.today = Some(time::macros::date!(2026 - 01 - 20))).await
}

#[tokio::test]
async fn a_report_is_drafted_checked_and_published_into_the_annual_report_column() {
    let app = app().await;
    let head = testing::staff(&app.t.db, "head1", Role::OfficeHead, Some(app.agency)).await;
    let office = testing::staff(&app.t.db, "office1", Role::DisclosureOffice, None).await;
    let other = testing::agency(&app.t.db, "001002010", "wzsjyj", "温州市教育局").await;
    let stranger = testing::staff(&app.t.db, "editor2", Role::Editor, Some(other.id)).await;
    let editor = app.editor().await;
    let url = "/admin/reports/001002003/2025";

    // The page shows the report as it will be published, with a draft of part 一 from the data.
    let page = app.get_as(url, &editor).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("温州市人民政府办公室2025年政府信息公开工作年度报告"));
    assert!(page.body.contains("三、本年度办理结果") && page.body.contains("（本列数据的勾稽关系为"));
    assert!(page.body.contains("2025年，温州市人民政府办公室认真贯彻落实"), "the draft of part 一");
    assert!(page.body.contains("尚未填写"), "table 二's cells are not entered yet");

    // Script in the text and bad numbers: the form comes back with every message, nothing saved.
    let bad = [
        ("overview", "总体情况<script>alert(1)</script>"),
        ("problems", ""),
        ("other", ""),
        ("licensing", "-1"),
        ("penalties", "三"),
        ("coercion", "0"),
        ("fees_wan", "1.234567"),
    ];
    let res = app.post(url, &editor, &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("不能包含 HTML 标签或脚本") && res.body.contains("不能为负数"), "{}", res.body);
    assert!(res.body.contains("不是整数") && res.body.contains("4 位小数"));
    assert!(!res.body.contains("<script>alert(1)</script>"), "what was typed is shown escaped");
    assert!(gongkai_store::annual::saved(&app.t.db, key(&app)).await.unwrap().is_none(), "nothing saved");

    let good = [
        ("overview", "2025年，本机关……"),
        ("problems", "存在的问题……"),
        ("other", ""),
        ("licensing", "12"),
        ("penalties", "3"),
        ("coercion", "0"),
        ("fees_wan", "1.5"),
    ];
    let res = app.post(url, &editor, &good).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get_as(url, &editor).await;
    assert!(page.body.contains("校验通过") && page.body.contains("<td colspan=\"3\">1.5000</td>"), "{}", page.body);
    assert!(!page.body.contains("审定并发布"), "only the head publishes");

    // Another agency's editor does not even see it; the editor cannot publish.
    let b = app.login("editor2", &stranger.password).await;
    assert_eq!(app.get_as(url, &b).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.post(&format!("{url}/publish"), &editor, &[]).await.status, StatusCode::FORBIDDEN);

    let h = app.login("head1", &head.password).await;
    // Not submitted yet: refused with the reason on the page.
    let res = app.post(&format!("{url}/publish"), &h, &[("explanation", "")]).await;
    assert!(res.body.contains("报送后"), "{}", res.body);
    let res = app.post(&format!("{url}/submit"), &editor, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    // The head can send it back with a note (it is a draft again), and it is submitted anew.
    let res = app.post(&format!("{url}/return"), &h, &[("note", "请补充平台建设情况")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(app.get_as(url, &editor).await.body.contains("起草中"));
    assert_eq!(app.post(&format!("{url}/return"), &editor, &[("note", "x")]).await.status, StatusCode::FORBIDDEN);
    let res = app.post(&format!("{url}/submit"), &editor, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    // The head's menu leads here; a request without its CSRF token changes nothing.
    assert!(app.get_as("/admin", &h).await.body.contains("href=\"/admin/reports\""));
    let forged = app.post_form(&format!("{url}/publish"), Some(&h), &[("explanation", "")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let res = app.post(&format!("{url}/publish"), &h, &[("explanation", "")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get_as(url, &h).await;
    assert!(page.body.contains("已发布") && page.body.contains("查看公开页面"));
    let nianbao = app.get("/xxgk/nianbao").await;
    assert!(nianbao.body.contains("温州市人民政府办公室2025年政府信息公开工作年度报告"), "{}", nianbao.body);
    let csv = app.get_as(&format!("{url}/report.csv"), &h).await;
    assert!(csv.body.contains("第二十条第（八）项,行政事业性收费,,,,,1.5000"));

    // The disclosure office sees who has published and who has not.
    let o = app.login("office1", &office.password).await;
    let overview = app.get_as("/admin/reports?year=2025", &o).await;
    assert!(overview.body.contains("已发布 1 份，未发布 1 份"), "{}", overview.body);
    assert_eq!(app.get_as("/admin/reports?year=abc", &o).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get_as("/admin/reports/001002003/20x5", &o).await.status, StatusCode::NOT_FOUND);
}

fn key(app: &TestApp) -> gongkai_store::annual::ReportKey {
    gongkai_store::annual::ReportKey { agency_id: app.agency, level: gongkai_core::report::Level::Agency, year: 2025 }
}
