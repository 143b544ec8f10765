//! 依申请公开 through the site: applying, tracking, the officer's desk, the office's oversight.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Browser, Resp, TestApp};
use gongkai_core::org::Role;
use gongkai_store::testing;
use time::macros::date;

async fn app() -> TestApp {
    TestApp::with_config(|c| {
        c.today = Some(date!(2024 - 03 - 11));
        c.mail = gongkai_web::mail::MailSettings::in_memory();
    })
    .await
}

/// A visitor's browser with a session, from the given page.
async fn visitor(app: &TestApp, page: &str) -> (Browser, Resp) {
    let res = app.get(page).await;
    assert_eq!(res.status, StatusCode::OK, "{page}");
    (Browser { cookie: res.session_cookie().expect("a session"), csrf: res.csrf() }, res)
}

fn application<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("applicant_kind", "natural-person"),
        ("name", "张三"),
        ("id_document", "resident-id"),
        ("id_number", "11010519491231002X"),
        ("phone", "13812345678"),
        ("email", "zhangsan@example.cn"),
        ("agency", "001002003"),
        ("description", "2023年城乡居民最低生活保障资金发放情况"),
        ("form", "electronic"),
        ("delivery", "email"),
    ]
}

/// The 查询码 shown once after applying.
fn code_of(res: &Resp) -> String {
    let marker = "<code class=\"secret\">";
    let start = res.body.find(marker).expect("the page shows the code") + marker.len();
    res.body[start..start + 19].to_string()
}

fn case_id_of(app_body: &str) -> i64 {
    let marker = "href=\"/admin/cases/";
    app_body
        .match_indices(marker)
        .map(|(i, _)| app_body[i + marker.len()..].chars().take_while(char::is_ascii_digit).collect::<String>())
        .find(|id| !id.is_empty())
        .expect("a link to a case")
        .parse()
        .unwrap()
}

async fn officer(app: &TestApp, name: &str, role: Role) -> Browser {
    let s = testing::staff(&app.t.db, name, role, Some(app.agency)).await;
    app.login(name, &s.password).await
}

#[tokio::test]
async fn an_online_application_is_followed_from_receipt_to_reply_and_archive() {
    let app = app().await;
    let (visitor, form) = visitor(&app, "/apply").await;
    assert!(form.body.contains("一件申请请只涉及一项政府信息"));
    let submitted = app.post("/apply", &visitor, &application()).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let code = code_of(&submitted);
    assert!(submitted.body.contains("001002003-2024-00001"));

    // The applicant sees the case, without personal data.
    let page = app.get_as("/apply/case", &visitor).await;
    assert!(page.body.contains("待确认收到") && page.body.contains("张*"));
    assert!(!page.body.contains("13812345678") && !page.body.contains("11010519491231002X"));

    // The officer confirms receipt: a receipt notice is issued and the 20 working days run.
    let desk = officer(&app, "officer1", Role::RequestOfficer).await;
    let queue = app.get_as("/admin/cases?stage=new", &desk).await;
    assert!(queue.body.contains("001002003-2024-00001"));
    let id = case_id_of(&queue.body);
    let act = |fields: Vec<(&'static str, &'static str)>| {
        let desk = desk.clone();
        let app = &app;
        async move { app.post(&format!("/admin/cases/{id}/act"), &desk, &fields).await }
    };
    let res = act(vec![("action", "confirm"), ("on", "2024-03-04")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let case = app.get_as(&format!("/admin/cases/{id}"), &desk).await;
    assert!(case.body.contains("2024-04-01"), "due 20 working days after 03-04");
    assert!(case.body.contains("政府信息公开申请登记回执") || case.body.contains("回执"));

    // 补正: listed all at once; the applicant answers online and the period starts again.
    let res = act(vec![
        ("action", "correction"),
        ("items", "请写明所需信息的年份\n请写明涉及的区县"),
        ("on", "2024-03-05"),
        ("deadline", "2024-03-19"),
    ])
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get_as("/apply/case", &visitor).await;
    assert!(page.body.contains("请写明涉及的区县") && page.body.contains("2024-03-19"));
    let boundary = "XgkB";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n2023年，鹿城区\r\n--{boundary}--\r\n",
        visitor.csrf
    );
    let res = app
        .send(
            Request::post("/apply/case/correct")
                .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
                .header(header::COOKIE, &visitor.cookie)
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let case = app.get_as(&format!("/admin/cases/{id}"), &desk).await;
    // 20 working days after the corrected application of 03-11 (today): 04-09.
    assert!(case.body.contains("2024-04-09"), "{}", case.body);
    assert!(case.body.contains("2023年，鹿城区"));

    // A withholding reply without its ground is refused and changes nothing.
    let res = act(vec![("action", "reply"), ("outcome", "withheld"), ("on", "2024-03-11")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("第十四条至第十六条"));

    // The reply: the information is disclosed; the reply goes out by e-mail.
    let res = act(vec![
        ("action", "reply"),
        ("outcome", "disclosed"),
        ("obtain_how", "电子文件"),
        ("obtain_where", "随本答复书提供，并可在本网站申请查询页面下载"),
        ("on", "2024-03-11"),
    ])
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(gongkai_web::mail::deliver(&app.state).await.unwrap(), 1);
    let sent = app.state_mailer_sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "zhangsan@example.cn");
    assert!(
        sent[0].body.contains("六个月") && sent[0].body.contains("温州市人民政府"),
        "relief clause:\n{}",
        sent[0].body
    );

    let page = app.get_as("/apply/case", &visitor).await;
    assert!(page.body.contains("已答复：予以公开"));
    assert!(page.body.contains("政府信息公开申请答复书"));
    let res = act(vec![("action", "archive"), ("on", "2024-03-11")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(app.get_as(&format!("/admin/cases/{id}"), &desk).await.body.contains("已归档"));
    // The queue shows open cases by default; 全部 includes the archived one.
    let open_only = app.get_as("/admin/cases", &desk).await;
    assert_eq!(open_only.status, StatusCode::OK);
    assert!(!open_only.body.contains("001002003-2024-00001"));
    assert!(app.get_as("/admin/cases?stage=all", &desk).await.body.contains("001002003-2024-00001"));

    // The tracking code works from another browser too.
    let (other, _) = visitor_again(&app).await;
    let res = app.post("/apply/track", &other, &[("code", &code.to_lowercase())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(app.get_as("/apply/case", &other).await.body.contains("001002003-2024-00001"));

    // It counts in table 三 for 2024.
    let report = app.get_as("/admin/foi/report?year=2024", &desk).await;
    assert!(report.body.contains("勾稽关系校验通过"), "{}", report.body);
}

async fn visitor_again(app: &TestApp) -> (Browser, Resp) {
    visitor(app, "/apply/track").await
}

trait Sent {
    fn state_mailer_sent(&self) -> Vec<gongkai_web::mail::SentMail>;
}

impl Sent for TestApp {
    fn state_mailer_sent(&self) -> Vec<gongkai_web::mail::SentMail> {
        self.state.sent_mail()
    }
}

#[tokio::test]
async fn bad_applications_get_a_message_per_field_and_create_nothing() {
    let app = app().await;
    let (visitor, _) = visitor(&app, "/apply").await;
    let mut fields = application();
    fields.retain(|(k, _)| *k != "id_number" && *k != "description");
    fields.push(("id_number", "110105194912310021"));
    let res = app.post("/apply", &visitor, &fields).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("校验码") && res.body.contains("特征性描述"));
    assert!(res.body.contains("value=\"张三\""), "what was typed is kept");
    let (_, total) = gongkai_store::cases::queue(
        &app.t.db,
        &gongkai_store::cases::CaseActor { user_id: 0, role: Role::DisclosureOffice, agency_id: None },
        &Default::default(),
        date!(2024 - 03 - 11),
        date!(2024 - 03 - 14),
        10,
        0,
    )
    .await
    .unwrap();
    assert_eq!(total, 0, "nothing saved");
    // Without the form's token nothing is accepted either.
    let forged = Browser { csrf: "0".repeat(64), ..visitor };
    assert_eq!(app.post("/apply", &forged, &application()).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn guessing_tracking_codes_is_stopped() {
    let app = app().await;
    let (visitor, _) = visitor(&app, "/apply/track").await;
    for _ in 0..gongkai_store::cases::MAX_TRACKING_FAILURES {
        let res = app.post("/apply/track", &visitor, &[("code", "0000-0000-0000-0000")]).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
    let res = app.post("/apply/track", &visitor, &[("code", "0000-0000-0000-0000")]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // Without a tracked case, the case page sends the visitor to the code form.
    assert_eq!(app.get_as("/apply/case", &visitor).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn only_the_agencys_officers_see_and_act_and_only_the_head_extends() {
    let app = app().await;
    let (visitor, _) = visitor(&app, "/apply").await;
    app.post("/apply", &visitor, &application()).await;
    let desk = officer(&app, "officer1", Role::RequestOfficer).await;
    let id = case_id_of(&app.get_as("/admin/cases?stage=new", &desk).await.body);
    app.post(&format!("/admin/cases/{id}/act"), &desk, &[("action", "confirm"), ("on", "2024-03-04")]).await;

    let other = testing::agency(&app.t.db, "001003000", "wzsfgw", "温州市发展和改革委员会").await;
    let s = testing::staff(&app.t.db, "officer2", Role::RequestOfficer, Some(other.id)).await;
    let outsider = app.login("officer2", &s.password).await;
    assert_eq!(app.get_as(&format!("/admin/cases/{id}"), &outsider).await.status, StatusCode::NOT_FOUND);
    let res =
        app.post(&format!("/admin/cases/{id}/act"), &outsider, &[("action", "withdraw"), ("on", "2024-03-05")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let editor = app.editor().await;
    assert_eq!(app.get_as("/admin/cases", &editor).await.status, StatusCode::FORBIDDEN);

    // The officer asks; approving is the head's (条例 Art. 33 ¶2).
    let res = app
        .post(
            &format!("/admin/cases/{id}/act"),
            &desk,
            &[("action", "request-extension"), ("days", "10"), ("reason", "涉及多个区县，需汇总")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = app.post(&format!("/admin/cases/{id}/act"), &desk, &[("action", "approve-extension")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    let head = officer(&app, "head1", Role::OfficeHead).await;
    let res = app.post(&format!("/admin/cases/{id}/act"), &head, &[("action", "approve-extension")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let case = app.get_as(&format!("/admin/cases/{id}"), &head).await;
    // 04-01 plus 10 working days: 04-02, 03, (清明节 04-04..06 off) 07 (a working Sunday),
    // 08..12, 15, 16.
    assert!(case.body.contains("2024-04-16") && case.body.contains("延期答复告知书"), "{}", case.body);
    // The notice gives the original deadline and the extended one.
    let prefix = format!("/admin/cases/{id}/notices/");
    let mut found = false;
    for part in case.body.split("href=\"").skip(1) {
        let href = &part[..part.find('"').unwrap()];
        if href.starts_with(&prefix) {
            let notice = app.get_as(href, &head).await.body;
            if notice.contains("延期答复告知书") {
                assert!(notice.contains("最迟于2024年4月1日作出答复"), "{notice}");
                assert!(notice.contains("最迟于2024年4月16日作出答复"), "{notice}");
                found = true;
            }
        }
    }
    assert!(found, "no extension notice linked from the case page");
    // A second extension is refused with the rule.
    app.post(
        &format!("/admin/cases/{id}/act"),
        &desk,
        &[("action", "request-extension"), ("days", "5"), ("reason", "再延")],
    )
    .await;
    let res = app.post(&format!("/admin/cases/{id}/act"), &head, &[("action", "approve-extension")]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.body.contains("只能延长一次"));
}

#[tokio::test]
async fn the_office_edits_templates_but_cannot_drop_the_relief_clause() {
    let app = app().await;
    let s = testing::staff(&app.t.db, "office1", Role::DisclosureOffice, None).await;
    let office = app.login("office1", &s.password).await;
    let page = app.get_as("/admin/foi/templates/reply:disclosed", &office).await;
    assert_eq!(page.status, StatusCode::OK);
    let res = app
        .post(
            "/admin/foi/templates/reply:disclosed",
            &office,
            &[("body", "{{ title }}\n{{ applicant }}：您的申请已办理。")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("未保存"));
    let good = "{{ title }}\n\n{{ number }}\n\n{{ applicant }}：\n\n本机关同意公开，{{ obtain_how }}。\n\n{{ relief_clause }}\n\n{{ agency }}\n{{ issued_on }}";
    let res = app.post("/admin/foi/templates/reply:disclosed", &office, &[("body", good)]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("已保存"));
    let audit = app.get_as("/admin/audit", &office).await;
    assert!(audit.body.contains("notice-template.save"));
    // Officers cannot edit templates.
    let desk = officer(&app, "officer1", Role::RequestOfficer).await;
    assert_eq!(app.get_as("/admin/foi/templates", &desk).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn reminders_flag_cases_due_soon() {
    let app = TestApp::with_config(|c| {
        c.today = Some(date!(2024 - 03 - 28));
        c.mail = gongkai_web::mail::MailSettings::in_memory();
    })
    .await;
    let (visitor, _) = visitor(&app, "/apply").await;
    app.post("/apply", &visitor, &application()).await;
    let desk = officer(&app, "officer1", Role::RequestOfficer).await;
    let id = case_id_of(&app.get_as("/admin/cases?stage=new", &desk).await.body);
    app.post(&format!("/admin/cases/{id}/act"), &desk, &[("action", "confirm"), ("on", "2024-03-04")]).await;
    assert_eq!(gongkai_web::foi_duties(&app.state).await.unwrap(), 1);
    let queue = app.get_as("/admin/cases", &desk).await;
    assert!(queue.body.contains("到期提醒") && queue.body.contains("将于 2024-04-01 到期"), "{}", queue.body);
    assert!(queue.body.contains("due-soon"));
}
