//! The officers' desk: the queue, registering applications made in person, by post or fax,
//! and the case page with the actions its stage allows.

use askama::Template;
use axum::Router;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_core::doc::WithholdingGround;
use gongkai_core::foi::case::{ConsultationParty, Event};
use gongkai_core::foi::fees::{self, FeeMethod};
use gongkai_core::foi::intake::{Application, ApplicationInput, delivery_label, form_label};
use gongkai_core::foi::notices::{NoticeContext, NoticeKind, WithheldPart};
use gongkai_core::foi::report::{ReviewKind, ReviewResult};
use gongkai_core::foi::{ApplicantKind, Channel, IdDocument, ReplyType};
use gongkai_core::org::Role;
use gongkai_core::tz;
use gongkai_store::StoreError;
use gongkai_store::cases::{self, CaseRecord, NewCase, NewCaseFile, QueueFilter};
use serde::Deserialize;

use super::{case_actor, deadline_lines, due_text, notices};
use crate::AppState;
use crate::admin::staff_layout;
use crate::error::{AppError, AppResult};
use crate::forms::{CsrfForm, CsrfMultipart, too_large};
use crate::public::PER_PAGE;
use crate::session::Staff;
use crate::views::{Choice, Layout, Link, Pager, url_encode};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/cases", get(queue))
        .route("/admin/cases/new", get(register_form).post(register))
        .route("/admin/cases/{id}", get(view))
        .route("/admin/cases/{id}/act", post(act))
        .route("/admin/cases/{id}/files", post(upload))
        .route("/admin/cases/{id}/notices/{nid}", get(notice))
}

/// Only request staff and city-wide roles come to the desk.
fn require_desk(staff: &Staff) -> AppResult<()> {
    staff.require(&[Role::RequestOfficer, Role::OfficeHead, Role::DisclosureOffice, Role::SystemAdmin])
}

pub struct QueueRowView {
    pub href: String,
    pub case_no: String,
    pub agency: String,
    pub applicant: String,
    pub description: String,
    pub stage: String,
    pub received: String,
    pub due: String,
    pub due_class: &'static str,
}

#[derive(Template)]
#[template(path = "foi/queue.html")]
pub struct QueuePage {
    pub layout: Layout,
    pub heading: String,
    pub rows: Vec<QueueRowView>,
    pub pager: Pager,
    pub stages: Vec<Choice>,
    pub dues: Vec<Choice>,
    pub text: String,
    pub notifications: Vec<(String, String)>,
    pub can_register: bool,
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

pub fn stage_label(code: &str) -> &'static str {
    match code {
        "new" => "待确认收到",
        "open" => "办理中",
        "awaiting-correction" => "待补正",
        "consulting" => "征求意见中",
        "awaiting-reasons" => "待说明理由",
        "awaiting-fee" => "待缴费",
        "closed" => "已答复",
        "archived" => "已归档",
        _ => "",
    }
}

async fn queue(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    require_desk(&staff)?;
    let page = q.page.as_deref().and_then(|p| p.parse().ok()).filter(|p: &i64| *p >= 1).unwrap_or(1);
    let today = state.today();
    let soon = state.calendar().add_working_days(today, gongkai_core::foi::case::DUE_SOON_DAYS).unwrap_or(today);
    let stage = q.stage.clone().filter(|s| !s.is_empty()).or_else(|| Some("open".into()));
    let f = QueueFilter {
        stage: stage.clone().filter(|s| s != "all"),
        due: q.due.clone().filter(|s| !s.is_empty()),
        text: q.q.clone(),
        agency_id: None,
    };
    let actor = case_actor(&staff);
    let (rows, total) = cases::queue(state.db(), &actor, &f, today, soon, PER_PAGE, (page - 1) * PER_PAGE).await?;
    let agencies = state.agencies().await?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let closed = matches!(r.stage.as_str(), "closed" | "archived");
            let (due, due_class) = due_text(&state, r.due_on, closed);
            QueueRowView {
                href: format!("/admin/cases/{}", r.id),
                agency: agencies.iter().find(|a| a.id == r.agency_id).map(|a| a.short_name.clone()).unwrap_or_default(),
                applicant: r.applicant_name,
                description: r.description.chars().take(60).collect(),
                stage: if closed {
                    format!("{}：{}", stage_label(&r.stage), cases::outcome_label(r.outcome.as_deref()))
                } else {
                    stage_label(&r.stage).into()
                },
                received: r.received_on.map(tz::format_date).unwrap_or_else(|| "—".into()),
                due,
                due_class,
                case_no: r.case_no,
            }
        })
        .collect();
    let mut base = String::from("/admin/cases?");
    for (k, v) in [("stage", &stage), ("due", &f.due), ("q", &f.text)] {
        if let Some(v) = v {
            base.push_str(&format!("{k}={}&", url_encode(v)));
        }
    }
    let stage_choices = [
        ("open", "未办结"),
        ("all", "全部"),
        ("new", "待确认收到"),
        ("awaiting-correction", "待补正"),
        ("consulting", "征求意见中"),
        ("awaiting-reasons", "待说明理由"),
        ("awaiting-fee", "待缴费"),
        ("closed", "已答复"),
        ("archived", "已归档"),
    ];
    let notifications = cases::notifications(state.db(), &actor)
        .await?
        .into_iter()
        .map(|n| (format!("/admin/cases/{}", n.case_id), n.message))
        .collect();
    html(QueuePage {
        layout: staff_layout(&state, &uri, &staff),
        heading: if actor.agency_id.is_some() {
            "依申请公开办理".into()
        } else {
            "全市依申请公开".into()
        },
        rows,
        pager: Pager::new(total, page, PER_PAGE, &base),
        stages: Choice::list(stage_choices, stage.as_deref().unwrap_or("")),
        dues: Choice::list(
            [("", "不限"), ("soon", "3 个工作日内到期"), ("overdue", "已逾期")],
            q.due.as_deref().unwrap_or(""),
        ),
        text: q.q.unwrap_or_default(),
        notifications,
        can_register: staff.user.role.handles_requests(),
    })
}

fn html(page: impl Template) -> AppResult<Response> {
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "foi/register.html")]
pub struct RegisterPage {
    pub layout: Layout,
    pub input: ApplicationInput,
    pub received_on: String,
    pub errors: gongkai_core::doc::FieldErrors,
    pub kinds: Vec<Choice>,
    pub documents: Vec<Choice>,
    pub channels: Vec<Choice>,
    pub forms: Vec<Choice>,
    pub deliveries: Vec<Choice>,
}

impl RegisterPage {
    pub fn error(&self, field: &str) -> &str {
        self.errors.get(field).unwrap_or("")
    }
}

pub fn kind_choices(current: &str) -> Vec<Choice> {
    Choice::list(
        ApplicantKind::ALL.iter().map(|k| (k.code(), if k.is_natural_person() { "自然人" } else { k.label() })),
        current,
    )
}

pub fn document_choices(current: &str) -> Vec<Choice> {
    Choice::list(IdDocument::ALL.iter().map(|d| (d.code(), d.label())), current)
}

pub fn form_choices(current: &str) -> Vec<Choice> {
    Choice::list(gongkai_core::foi::intake::ProvisionForm::ALL.iter().map(|(_, c, l)| (*c, *l)), current)
}

pub fn delivery_choices(current: &str) -> Vec<Choice> {
    Choice::list(gongkai_core::foi::intake::Delivery::ALL.iter().map(|(_, c, l)| (*c, *l)), current)
}

fn register_page(
    state: &AppState,
    uri: &OriginalUri,
    staff: &Staff,
    input: ApplicationInput,
    received_on: String,
    errors: gongkai_core::doc::FieldErrors,
) -> RegisterPage {
    RegisterPage {
        layout: staff_layout(state, uri, staff),
        kinds: kind_choices(&input.applicant_kind),
        documents: document_choices(&input.id_document),
        channels: Choice::list(
            Channel::ALL.iter().filter(|c| **c != Channel::Online).map(|c| (c.code(), c.label())),
            &input.channel,
        ),
        forms: form_choices(&input.form),
        deliveries: delivery_choices(&input.delivery),
        input,
        received_on,
        errors,
    }
}

async fn register_form(State(state): State<AppState>, uri: OriginalUri, staff: Staff) -> AppResult<Response> {
    staff.require(&[Role::RequestOfficer, Role::OfficeHead])?;
    let input = ApplicationInput {
        channel: "in-person".into(),
        applicant_kind: "natural-person".into(),
        id_document: "resident-id".into(),
        ..Default::default()
    };
    html(register_page(&state, &uri, &staff, input, tz::format_date(state.today()), Default::default()))
}

#[derive(Deserialize)]
struct RegisterForm {
    #[serde(flatten)]
    input: ApplicationInput,
    #[serde(default)]
    received_on: String,
}

/// Registers an application that came in person, by post or by fax. Staff give the receipt
/// date by the channel's rule (条例 Art. 31): the day it was handed in, signed for, or
/// confirmed with the applicant.
async fn register(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> AppResult<Response> {
    staff.require(&[Role::RequestOfficer, Role::OfficeHead])?;
    let agency = state
        .agency(staff.user.agency_id.unwrap_or(-1))
        .await?
        .ok_or_else(|| AppError::Forbidden("账号未绑定机构".into()))?;
    let mut input = form.input;
    input.agency = agency.code.to_string();
    let parsed = Application::parse(&input);
    let received = gongkai_core::import::dates::parse_date(&form.received_on).ok();
    let errors = match (parsed, received) {
        (Ok(app), Some(received_on)) if app.channel != Channel::Online && received_on <= state.today() => {
            let who = staff.who();
            let created = cases::create(
                state.db(),
                &who,
                state.calendar(),
                &NewCase {
                    application: &app,
                    agency_id: agency.id,
                    submitted_at: state.now(),
                    received_on: Some(received_on),
                },
            )
            .await?;
            let record = cases::get(state.db(), &case_actor(&staff), state.calendar(), created.id).await?;
            let mut ctx = notices::base_context(&state, &record, &agency).await?;
            ctx.tracking_code = created.tracking_code.to_string();
            notices::issue(&state, &staff, &record, &agency, NoticeKind::Receipt, ctx).await?;
            return Ok(Redirect::to(&format!(
                "/admin/cases/{}?code={}",
                created.id,
                url_encode(&created.tracking_code.to_string())
            ))
            .into_response());
        }
        (parsed, received) => {
            let mut e = parsed.err().unwrap_or_default();
            if input.channel.trim() == "online" {
                e.add("channel", "网上申请由申请人在网站提交，请选择其他方式");
            }
            if received.is_none() {
                e.add("received_on", "请按《条例》第三十一条填写收到申请之日（如 2024-03-05）");
            } else if received.is_some_and(|r| r > state.today()) {
                e.add("received_on", "收到申请之日不能晚于今天");
            }
            e
        }
    };
    let page = register_page(&state, &uri, &staff, input, form.received_on, errors);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

pub struct EventView {
    pub date: String,
    pub text: String,
    pub note: String,
    pub by: String,
}

#[derive(Template)]
#[template(path = "foi/case.html")]
pub struct CasePage {
    pub layout: Layout,
    pub id: i64,
    pub case_no: String,
    pub agency: String,
    pub stage: String,
    pub stage_code: String,
    pub due: String,
    pub due_class: &'static str,
    pub stopped: String,
    pub steps: Vec<(String, String)>,
    pub applicant: Vec<(String, String)>,
    pub request: Vec<(String, String)>,
    pub events: Vec<EventView>,
    pub notices: Vec<Link>,
    pub files: Vec<Link>,
    pub mails: Vec<(String, String, String)>,
    pub reviews: Vec<(i64, String, String, String)>,
    pub filings: Vec<(String, String, String)>,
    pub new_code: String,
    pub notice: String,
    pub error: String,
    pub today: String,
    pub acts: bool,
    pub is_head: bool,
    pub pending_extension: String,
    pub suggest_proactive: bool,
    pub outcomes: Vec<Choice>,
    pub grounds: Vec<Choice>,
    pub review_kinds: Vec<Choice>,
    pub review_results: Vec<Choice>,
    pub correction_deadline: String,
    pub max_upload: String,
}

impl CasePage {
    pub fn stage_is(&self, code: &str) -> bool {
        self.stage_code == code
    }
}

#[derive(Deserialize, Default)]
struct ViewQuery {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

fn done_message(done: Option<&str>) -> String {
    match done {
        Some("ok") => "已办理。".into(),
        Some("file") => "文件已上传。".into(),
        Some("extension-requested") => "已提交延期申请，等待公开工作机构负责人审批。".into(),
        Some("filed") => "已向市政务公开办备案。".into(),
        _ => String::new(),
    }
}

fn applicant_rows(r: &CaseRecord) -> Vec<(String, String)> {
    use gongkai_core::foi::intake::Applicant;
    let mut rows = vec![
        ("申请人类型".to_string(), r.applicant.kind().label().to_string()),
        ("姓名或名称".into(), r.applicant.name().into()),
    ];
    match &r.applicant {
        Applicant::Person { id_document, id_number, .. } => rows.push((id_document.label().into(), id_number.clone())),
        Applicant::Organisation { credit_code, representative, contact_person, .. } => {
            rows.push(("统一社会信用代码".into(), credit_code.clone()));
            rows.push(("法定代表人或负责人".into(), representative.clone()));
            if !contact_person.is_empty() {
                rows.push(("联系人".into(), contact_person.clone()));
            }
        }
    }
    rows.push(("联系电话".into(), r.contact.phone.clone()));
    for (label, v) in
        [("电子邮箱", &r.contact.email), ("通信地址", &r.contact.address), ("邮政编码", &r.contact.postcode)]
    {
        if let Some(v) = v {
            rows.push((label.into(), v.clone()));
        }
    }
    rows
}

pub async fn render_case(
    state: &AppState,
    uri: &OriginalUri,
    staff: &Staff,
    id: i64,
    notice: String,
    error: String,
    new_code: String,
) -> AppResult<Response> {
    let actor = case_actor(staff);
    let r = cases::get(state.db(), &actor, state.calendar(), id).await?;
    let agency = state.agency(r.agency_id).await?.map(|a| a.name).unwrap_or_default();
    let stage = r.stage();
    let (stopped, steps) = deadline_lines(state, &r.case);
    let due_on = r.case.deadline(state.calendar()).ok().and_then(|d| d.due);
    let (due, due_class) = due_text(state, due_on, stage.is_closed());
    let mut request = vec![("所需信息".to_string(), r.description.clone())];
    if let Some(d) = &r.doc_no {
        request.push(("文号".into(), d.clone()));
    }
    request.push(("获取形式".into(), form_label(r.form).into()));
    request.push(("获取途径".into(), delivery_label(r.delivery).into()));
    request.push(("提交方式".into(), r.channel.label().into()));
    request.push(("提交时间".into(), tz::format_minutes(r.submitted_at)));
    if let Some(a) = &r.accessibility {
        request.push(("无障碍需求（《条例》第四十三条）".into(), a.clone()));
    }
    let notices = cases::notices(state.db(), id).await?;
    let files = cases::files(state.db(), id).await?;
    let page = CasePage {
        layout: staff_layout(state, uri, staff),
        id,
        case_no: r.case_no.clone(),
        agency,
        stage: match stage.outcome() {
            Some(o) => format!("{}：{}", stage.label(), o.label()),
            None => stage.label().into(),
        },
        stage_code: stage.code().into(),
        due,
        due_class,
        stopped: stopped.unwrap_or_default(),
        steps,
        applicant: applicant_rows(&r),
        request,
        events: r
            .events
            .iter()
            .map(|e| EventView {
                date: tz::format_date(e.event.on()),
                text: e.event.describe(),
                note: e.note.clone().unwrap_or_default(),
                by: e.recorded_by.clone().unwrap_or_else(|| "申请人或系统".into()),
            })
            .collect(),
        notices: notices
            .iter()
            .map(|n| Link {
                label: format!("{} {}", NoticeKind::from_code(&n.kind).map(|k| k.title()).unwrap_or(""), n.number),
                href: format!("/admin/cases/{id}/notices/{}", n.id),
                note: tz::format_date(n.issued_on),
                current: false,
            })
            .collect(),
        files: files
            .iter()
            .map(|f| Link {
                label: f.file_name.clone(),
                href: format!("/apply/files/{}/{}", f.id, url_encode(&f.file_name)),
                note: if f.released { "向申请人提供".into() } else { "申请人提交".into() },
                current: false,
            })
            .collect(),
        mails: cases::mails_of(state.db(), id)
            .await?
            .into_iter()
            .map(|(to, subject, sent, error)| {
                let status = match (sent, error) {
                    (Some(at), _) => format!("已发送 {}", tz::format_minutes(at)),
                    (None, Some(e)) => format!("未发送：{e}"),
                    (None, None) => "待发送".into(),
                };
                (to, subject, status)
            })
            .collect(),
        reviews: cases::reviews(state.db(), id)
            .await?
            .into_iter()
            .map(|v| {
                let kind = ReviewKind::from_code(&v.kind).map(|k| k.full_label()).unwrap_or_default();
                let result = match (v.concluded_on, v.result.as_deref().and_then(ReviewResult::from_code)) {
                    (Some(on), Some(res)) => format!("{}（{}）", res.label(), tz::format_date(on)),
                    _ => "尚未审结".into(),
                };
                (v.id, kind.to_string(), tz::format_date(v.filed_on), result)
            })
            .collect(),
        filings: cases::filings(state.db(), &actor, Some(id))
            .await?
            .into_iter()
            .map(|f| {
                (tz::format_minutes(f.filed_at), f.reason, f.office_note.unwrap_or_else(|| "待市政务公开办回复".into()))
            })
            .collect(),
        new_code,
        notice,
        error,
        today: tz::format_date(state.today()),
        acts: actor.role.handles_requests() && staff.user.agency_id == Some(r.agency_id),
        is_head: staff.user.role == Role::OfficeHead,
        pending_extension: r
            .pending_extension
            .as_ref()
            .map(|p| {
                format!(
                    "{} 于 {} 申请延长 {} 个工作日：{}",
                    p.requested_by,
                    tz::format_date(p.requested_on),
                    p.days,
                    p.reason
                )
            })
            .unwrap_or_default(),
        suggest_proactive: r.suggest_proactive,
        outcomes: ReplyType::all()
            .into_iter()
            .filter(|o| {
                !matches!(o, ReplyType::Withheld(_) | ReplyType::AbandonedNoCorrection | ReplyType::AbandonedUnpaidFee)
            })
            .map(|o| Choice {
                value: o.code(),
                label: format!("{}（{}）", o.label(), gongkai_core::foi::case::outcome_article(o)),
                selected: false,
            })
            .chain(std::iter::once(Choice {
                value: "withheld".into(),
                label: "不予公开（《条例》第三十六条第（三）项，另选依据）".into(),
                selected: false,
            }))
            .collect(),
        grounds: Choice::list(WithholdingGround::ALL.iter().map(|g| (g.code(), g.label())), ""),
        review_kinds: ReviewKind::ALL
            .iter()
            .map(|k| Choice { value: k.code().into(), label: k.full_label(), selected: false })
            .collect(),
        review_results: Choice::list(ReviewResult::ALL.iter().map(|k| (k.code(), k.label())), ""),
        correction_deadline: r
            .case
            .received_on()
            .and_then(|_| state.calendar().add_working_days(state.today(), 15).ok())
            .map(tz::format_date)
            .unwrap_or_default(),
        max_upload: gongkai_core::doc::attachment::human_size(state.config().max_upload_bytes as u64),
    };
    html(page)
}

async fn view(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    Query(q): Query<ViewQuery>,
) -> AppResult<Response> {
    require_desk(&staff)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    render_case(&state, &uri, &staff, id, done_message(q.done.as_deref()), String::new(), q.code.unwrap_or_default())
        .await
}

/// Every field any action of the case page may send.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActForm {
    action: String,
    on: String,
    items: String,
    deadline: String,
    party: String,
    party_name: String,
    days: String,
    reason: String,
    until: String,
    method: String,
    quantity: String,
    served_on: String,
    payment: String,
    outcome: String,
    ground: String,
    late_reason: String,
    note: String,
    obtain_how: String,
    obtain_where: String,
    obtain_when: String,
    search_scope: String,
    responsible_agency: String,
    responsible_contact: String,
    special_register: String,
    special_law: String,
    special_where: String,
    petition_channel: String,
    earlier_number: String,
    earlier_on: String,
    withheld_part: String,
    withheld_ground: String,
    withheld_reason: String,
    disclosed_content: String,
    volume_facts: String,
    review_kind: String,
    review_id: String,
    result: String,
}

fn date_of(s: &str, label: &str) -> AppResult<time::Date> {
    gongkai_core::import::dates::parse_date(s)
        .map_err(|_| AppError::BadRequest(format!("请填写{label}（如 2024-03-05）")))
}

fn zh(d: time::Date) -> String {
    tz::format_date_zh(d)
}

/// Carries out one action of the case page: the event it records (checked by the rules of the
/// 条例), and the notice it issues.
async fn act(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ActForm>,
) -> AppResult<Response> {
    require_desk(&staff)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    match perform(&state, &staff, id, &f).await {
        Ok(done) => Ok(Redirect::to(&format!("/admin/cases/{id}?done={done}")).into_response()),
        Err(e) => {
            let message = match e {
                AppError::NotFound => return Err(AppError::NotFound),
                AppError::Forbidden(m) | AppError::Conflict(m) | AppError::BadRequest(m) => m,
                other => return Err(other),
            };
            let mut res = render_case(&state, &uri, &staff, id, String::new(), message, String::new()).await?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
    }
}

async fn perform(state: &AppState, staff: &Staff, id: i64, f: &ActForm) -> AppResult<&'static str> {
    let actor = case_actor(staff);
    let cal = state.calendar();
    let record = cases::get(state.db(), &actor, cal, id).await?;
    let agency = state.agency(record.agency_id).await?.ok_or(AppError::NotFound)?;
    let who = staff.who();
    let note = Some(f.note.trim()).filter(|n| !n.is_empty());
    let on = || date_of(&f.on, "日期");
    // Records the event, then issues the notice built from the case as it is afterwards.
    let record_event = |event: Event| async move {
        cases::record(state.db(), &who, &actor, cal, id, event, note).await.map_err(AppError::from)?;
        cases::get(state.db(), &actor, cal, id).await.map_err(AppError::from)
    };
    let agency_ref = &agency;
    let base = |r: CaseRecord| async move {
        let ctx = notices::base_context(state, &r, agency_ref).await?;
        Ok::<_, AppError>((r, ctx))
    };
    match f.action.as_str() {
        "confirm" => {
            let r = record_event(Event::Received { on: on()? }).await?;
            let (r, ctx) = base(r).await?;
            notices::issue(state, staff, &r, &agency, NoticeKind::Receipt, ctx).await?;
        }
        "correction" => {
            let items: Vec<String> =
                f.items.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
            let deadline = date_of(&f.deadline, "补正期限")?;
            let r = record_event(Event::CorrectionRequested { on: on()?, items: items.clone(), deadline }).await?;
            let (r, mut ctx) = base(r).await?;
            ctx.correction_items = items;
            ctx.correction_due_on = zh(deadline);
            notices::issue(state, staff, &r, &agency, NoticeKind::Correction, ctx).await?;
        }
        "corrected" => {
            let late = Some(f.late_reason.trim().to_string()).filter(|r| !r.is_empty());
            record_event(Event::Corrected { on: on()?, late_reason: late }).await?;
        }
        "lapse" => {
            let r = record_event(Event::CorrectionLapsed { on: on()? }).await?;
            reply_notice(state, staff, &agency, r, ReplyType::AbandonedNoCorrection, f).await?;
        }
        "consult" => {
            let party =
                if f.party == "co-producer" { ConsultationParty::CoProducer } else { ConsultationParty::ThirdParty };
            if f.party_name.trim().is_empty() {
                return Err(AppError::BadRequest(format!("请填写被征求意见的{}", party.label())));
            }
            let started = on()?;
            let served = if f.served_on.trim().is_empty() { started } else { date_of(&f.served_on, "送达日期")? };
            let r = record_event(Event::ConsultationStarted { on: started, party, served_on: Some(served) }).await?;
            let (r, mut ctx) = base(r).await?;
            ctx.consulted_party = f.party_name.trim().into();
            ctx.consult_reply_by =
                zh(gongkai_core::foi::case::Case::answer_by(cal, served)
                    .map_err(|e| AppError::Conflict(e.to_string()))?);
            ctx.reasons = f.reason.trim().into();
            let kind = if party == ConsultationParty::CoProducer {
                NoticeKind::CoProducerConsultation
            } else {
                NoticeKind::ThirdPartyConsultation
            };
            notices::issue(state, staff, &r, &agency, kind, ctx).await?;
        }
        "consult-end" => {
            record_event(Event::ConsultationEnded { on: on()? }).await?;
        }
        "request-extension" => {
            let days: u32 =
                f.days.trim().parse().map_err(|_| AppError::BadRequest("请填写延长的工作日数（1—20）".into()))?;
            cases::request_extension(state.db(), &who_of(staff), &actor, id, days, &f.reason, state.today()).await?;
            return Ok("extension-requested");
        }
        "approve-extension" => {
            let pending =
                record.pending_extension.clone().ok_or_else(|| AppError::Conflict("没有待审批的延期申请".into()))?;
            // The notice states the deadline before the extension and the one after it.
            let before = record.case.deadline(cal).ok().and_then(|d| d.due).map(zh).unwrap_or_default();
            let r = record_event(Event::Extended {
                on: state.today(),
                days: pending.days,
                approved_by: staff.user.display_name.clone(),
            })
            .await?;
            let (r, mut ctx) = base(r).await?;
            ctx.extension_days = pending.days;
            ctx.new_due_on = std::mem::replace(&mut ctx.due_on, before);
            ctx.reasons = pending.reason.clone();
            notices::issue(state, staff, &r, &agency, NoticeKind::Extension, ctx).await?;
        }
        "decline-extension" => {
            cases::decline_extension(state.db(), &who_of(staff), &actor, id, &f.reason).await?;
        }
        "reasons" => {
            let asked = on()?;
            let r = record_event(Event::ReasonsRequested { on: asked }).await?;
            let (r, mut ctx) = base(r).await?;
            ctx.volume_facts = f.volume_facts.trim().into();
            ctx.reasons_due_on = zh(cal.add_working_days(asked, 10).map_err(|e| AppError::Conflict(e.to_string()))?);
            notices::issue(state, staff, &r, &agency, NoticeKind::ReasonsRequest, ctx).await?;
        }
        "defer" => {
            let until = date_of(&f.until, "延迟答复期限")?;
            let r = record_event(Event::Deferred { on: on()?, until }).await?;
            let (r, mut ctx) = base(r).await?;
            ctx.deferred_due_on = zh(until);
            ctx.reasons = f.reason.trim().into();
            notices::issue(state, staff, &r, &agency, NoticeKind::Deferral, ctx).await?;
        }
        "fee" => {
            let quantity: u32 =
                f.quantity.trim().parse().map_err(|_| AppError::BadRequest("请填写本月累计申请件数或页数".into()))?;
            let (method, amount, basis) = match f.method.as_str() {
                "per-page" => (
                    FeeMethod::PerPage,
                    fees::per_page_fee(quantity),
                    format!("本次申请所需提供的政府信息共 {quantity} 页。"),
                ),
                _ => (
                    FeeMethod::PerApplication,
                    fees::per_application_fee(quantity),
                    format!("本申请为您本月向本机关提出的第 {quantity} 件政府信息公开申请。"),
                ),
            };
            if amount <= 0 {
                return Err(AppError::Conflict(
                    "按所填数量计算不应收费（《政府信息公开信息处理费管理办法》第四条、第五条）".into(),
                ));
            }
            let served_on = date_of(&f.served_on, "申请人收到收费通知之日")?;
            let r = record_event(Event::FeeNoticed { on: on()?, served_on, amount_fen: amount }).await?;
            let (r, mut ctx) = base(r).await?;
            ctx.fee_method = method.label().into();
            ctx.fee_basis = basis;
            ctx.fee_standard = match method {
                FeeMethod::PerPage => "30页以下（含30页）的不收费；31—100页（含100页）的部分每页10元；101—200页（含200页）的部分每页20元；200页以上的部分每页40元".into(),
                FeeMethod::PerApplication => "同一申请人一个自然月内累计申请10件以下（含10件）的不收费；11—30件（含30件）的部分每件100元；30件以上的部分以10件为一档，每增加一档，收费标准提高100元/件".into(),
            };
            ctx.fee_amount = fees::format_yuan(amount);
            ctx.fee_payment = if f.payment.trim().is_empty() {
                "请持本通知书到本机关政府信息公开工作机构办理缴款手续".into()
            } else {
                f.payment.trim().into()
            };
            notices::issue(state, staff, &r, &agency, NoticeKind::FeeNotice, ctx).await?;
        }
        "paid" => {
            record_event(Event::FeePaid { on: on()? }).await?;
        }
        "fee-lapse" => {
            let r = record_event(Event::FeeLapsed { on: on()? }).await?;
            reply_notice(state, staff, &agency, r, ReplyType::AbandonedUnpaidFee, f).await?;
        }
        "reply" => {
            let outcome = if f.outcome == "withheld" {
                ReplyType::Withheld(
                    WithholdingGround::from_code(&f.ground)
                        .ok_or_else(|| AppError::BadRequest("不予公开须选择条例第十四条至第十六条规定的依据".into()))?,
                )
            } else {
                ReplyType::from_code(&f.outcome).ok_or_else(|| AppError::BadRequest("请选择答复类型".into()))?
            };
            let r = record_event(Event::Replied { on: on()?, outcome }).await?;
            reply_notice(state, staff, &agency, r, outcome, f).await?;
        }
        "withdraw" => {
            record_event(Event::Withdrawn { on: on()? }).await?;
        }
        "archive" => {
            record_event(Event::Archived { on: on()? }).await?;
        }
        "suggest" => {
            cases::set_suggest_proactive(state.db(), &who_of(staff), &actor, id, !record.suggest_proactive).await?
        }
        "difficult" => {
            cases::file_difficult(state.db(), &who_of(staff), &actor, id, &f.reason).await?;
            return Ok("filed");
        }
        "review" => {
            cases::add_review(
                state.db(),
                &who_of(staff),
                &actor,
                id,
                &f.review_kind,
                date_of(&f.on, "申请或起诉日期")?,
            )
            .await?;
        }
        "review-result" => {
            let review: i64 = f.review_id.parse().map_err(|_| AppError::NotFound)?;
            cases::conclude_review(state.db(), &who_of(staff), &actor, review, date_of(&f.on, "审结日期")?, &f.result)
                .await?;
        }
        _ => return Err(AppError::BadRequest("未知的操作".into())),
    }
    Ok("ok")
}

fn who_of(staff: &Staff) -> gongkai_store::audit::Who {
    staff.who()
}

/// Issues the reply for `outcome` with the details the officer gave, and queues it by e-mail
/// when the applicant asked for e-mail.
async fn reply_notice(
    state: &AppState,
    staff: &Staff,
    agency: &gongkai_store::agencies::Agency,
    r: CaseRecord,
    outcome: ReplyType,
    f: &ActForm,
) -> AppResult<()> {
    let mut ctx: NoticeContext = notices::base_context(state, &r, agency).await?;
    let t = |s: &str| s.trim().to_string();
    ctx.obtain_how = t(&f.obtain_how);
    ctx.obtain_where = t(&f.obtain_where);
    ctx.obtain_when = t(&f.obtain_when);
    ctx.reasons = t(&f.reason);
    ctx.search_scope = t(&f.search_scope);
    ctx.responsible_agency = t(&f.responsible_agency);
    ctx.responsible_contact = t(&f.responsible_contact);
    ctx.special_register = t(&f.special_register);
    ctx.special_law = t(&f.special_law);
    ctx.special_where = t(&f.special_where);
    ctx.petition_channel = t(&f.petition_channel);
    ctx.earlier_number = t(&f.earlier_number);
    ctx.earlier_on = t(&f.earlier_on);
    ctx.disclosed_content = t(&f.disclosed_content);
    ctx.volume_facts = t(&f.volume_facts);
    if let Some(correction) = r.case.events().iter().find_map(|e| match e {
        Event::CorrectionRequested { on, deadline, items } => Some((*on, *deadline, items.clone())),
        _ => None,
    }) {
        ctx.correction_items = correction.2;
        ctx.correction_due_on = zh(correction.1);
        if ctx.earlier_on.is_empty() {
            ctx.earlier_on = zh(correction.0);
        }
    }
    if outcome == ReplyType::PartiallyDisclosed {
        let ground = WithholdingGround::from_code(&f.withheld_ground)
            .ok_or_else(|| AppError::BadRequest("部分公开须写明不予公开的部分及其依据（《条例》第三十七条）".into()))?;
        ctx.withheld_parts = vec![WithheldPart::new(f.withheld_part.trim(), ground, f.withheld_reason.trim())];
    }
    ctx.enclosures =
        cases::files(state.db(), r.id).await?.into_iter().filter(|f| f.released).map(|f| f.file_name).collect();
    let notice = notices::issue(state, staff, &r, agency, NoticeKind::Reply(outcome), ctx).await?;
    if r.delivery == gongkai_core::foi::intake::Delivery::Email
        && let Some(email) = &r.contact.email
    {
        let subject = format!("{}（{}）", NoticeKind::Reply(outcome).title(), notice.number);
        cases::queue_mail(state.db(), Some(r.id), email, &subject, &notice.body).await?;
    }
    Ok(())
}

/// Uploads information released to the applicant (shown on the tracking page).
async fn upload(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    form: CsrfMultipart,
) -> AppResult<Response> {
    require_desk(&staff)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let limit = state.config().max_upload_bytes;
    let too_large = || too_large(limit);
    let upload = form.read(limit).await?.file;
    let (name, bytes) = upload.ok_or_else(|| AppError::BadRequest("请选择要上传的文件".into()))?;
    let file = NewCaseFile {
        case_id: id,
        file_name: &name,
        bytes: &bytes,
        max_bytes: limit,
        released: true,
        from_applicant: false,
    };
    match cases::add_staff_file(state.db(), state.blobs(), &staff.who(), &case_actor(&staff), &file).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/cases/{id}?done=file")).into_response()),
        Err(StoreError::Invalid(e)) if e.iter().any(|(_, m)| m.contains("过大")) => Err(too_large()),
        Err(StoreError::Invalid(e)) => {
            let message = e.iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
            let mut res = render_case(&state, &uri, &staff, id, String::new(), message, String::new()).await?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "foi/notice.html")]
pub struct NoticePage {
    pub layout: Layout,
    pub title: String,
    pub number: String,
    pub body: String,
    pub back: String,
}

async fn notice(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path((id, nid)): Path<(String, String)>,
) -> AppResult<Response> {
    require_desk(&staff)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    if !cases::visible(state.db(), &case_actor(&staff), id).await? {
        return Err(AppError::NotFound);
    }
    let n = cases::notices(state.db(), id)
        .await?
        .into_iter()
        .find(|n| n.id.to_string() == nid)
        .ok_or(AppError::NotFound)?;
    html(NoticePage {
        layout: staff_layout(&state, &uri, &staff),
        title: NoticeKind::from_code(&n.kind).map(|k| k.title().to_string()).unwrap_or_default(),
        number: n.number,
        body: n.body,
        back: format!("/admin/cases/{id}"),
    })
}
