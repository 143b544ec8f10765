//! The public 政府公报 pages: years, the issues of a year, one issue's 目录, and 404s for
//! anything else.

mod common;

use common::TestApp;
use gongkai_core::gazette::IssueKey;
use gongkai_store::audit::Who;
use gongkai_store::gazette::{self, NewIssue};
use time::macros::date;

async fn issue(
    app: &TestApp,
    year: i32,
    number: u32,
    published_on: time::Date,
    documents: Vec<gongkai_core::doc::IndexNo>,
) {
    let new = NewIssue { key: IssueKey { year, number }, published_on, documents };
    gazette::create_issue(&app.t.db, &Who::system("test"), &new).await.unwrap();
}

#[tokio::test]
async fn an_empty_gazette_says_so() {
    let app = TestApp::new().await;
    let page = app.get("/gazette").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("温州市人民政府公报"), "{}", page.body);
    assert!(page.body.contains("暂无政府公报。"));
    assert_eq!(app.get("/gazette/").await.status, 308, "the slash form redirects");
    let portal = app.get("/xxgk/").await;
    assert!(portal.body.contains("<a href=\"/gazette\">政府公报</a>"), "the 政府信息公开 page links to the gazette");
}

#[tokio::test]
async fn years_issues_and_the_table_of_contents_render_in_order() {
    let app = TestApp::new().await;
    let (_, a) = app.published("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;
    let (_, b) = app.published("温州市人民政府办公室关于做好2017年防汛防台工作的通知").await;
    issue(&app, 2017, 12, date!(2017 - 06 - 30), vec![b.clone(), a.clone()]).await;
    issue(&app, 2017, 13, date!(2017 - 07 - 15), vec![a.clone()]).await;
    issue(&app, 2018, 1, date!(2018 - 01 - 20), vec![b.clone()]).await;

    let index = app.get("/gazette").await;
    assert_eq!(index.status, 200);
    let (y2018, y2017) =
        (index.body.find("href=\"/gazette/2018\"").unwrap(), index.body.find("href=\"/gazette/2017\"").unwrap());
    assert!(y2018 < y2017, "newest year first");
    assert!(index.body.contains("2017年</a> <span class=\"n\">2 期</span>"), "{}", index.body);

    let year = app.get("/gazette/2017").await;
    assert_eq!(year.status, 200);
    let (i12, i13) =
        (year.body.find("href=\"/gazette/2017/12\"").unwrap(), year.body.find("href=\"/gazette/2017/13\"").unwrap());
    assert!(i12 < i13, "issues in number order");
    assert!(year.body.contains("第12期") && year.body.contains("2017-06-30"), "{}", year.body);

    let page = app.get("/gazette/2017/12").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(body.contains("<h1>温州市人民政府公报 2017年第12期</h1>"), "{body}");
    assert!(body.contains("2017年6月30日"), "{body}");
    let (first, second) =
        (body.find(&format!("href=\"/doc/{b}\"")).unwrap(), body.find(&format!("href=\"/doc/{a}\"")).unwrap());
    assert!(first < second, "the 目录 keeps the issue's order");
    assert!(body.contains("温州市人民政府办公室关于做好2017年防汛防台工作的通知"));
    assert!(body.contains("温政办〔2017〕62号"), "the 文号 is shown");
    assert!(body.contains("href=\"/gazette/2017/13\" rel=\"next\""), "{body}");
    assert!(!body.contains("style=") && !body.contains("<script>"), "nothing inline under the CSP");
    assert_eq!(body.matches("<h1").count(), 1);

    // The link in the 目录 leads to the document, whose page names both issues it appeared in.
    let doc = app.get(&format!("/doc/{a}")).await;
    assert_eq!(doc.status, 200);
    assert!(doc.body.contains("刊登于政府公报"), "{}", doc.body);
    assert!(doc.body.contains("href=\"/gazette/2017/12\"") && doc.body.contains("href=\"/gazette/2017/13\""));
}

#[tokio::test]
async fn unknown_years_and_issues_and_bad_paths_are_not_found() {
    let app = TestApp::new().await;
    let (_, a) = app.published("温州市人民政府办公室关于印发温州市深化政务公开工作实施方案的通知").await;
    issue(&app, 2017, 12, date!(2017 - 06 - 30), vec![a]).await;
    for path in [
        "/gazette/2016",
        "/gazette/2017/11",
        "/gazette/2016/12",
        "/gazette/abc",
        "/gazette/2017/abc",
        "/gazette/02017",
        "/gazette/2017/012",
        "/gazette/2017/0",
        "/gazette/2017/-1",
        "/gazette/2017/+12",
        "/gazette/99999999999999999999",
        "/gazette/2017/99999999999999999999",
        "/gazette/%FF",
        "/gazette/2017/%FF%FE",
        "/gazette/2017/12/extra",
        "/gazette/1900",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, 404, "{path}");
        assert!(res.body.contains("页面不存在"), "{path}: the site's 404 page");
    }
    assert_eq!(app.get("/gazette/2017/12").await.status, 200);
}
