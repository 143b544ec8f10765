//! The public side: the application form (`/apply`) and the tracking page (`/apply/track`),
//! where the applicant follows the case with its 查询码, reads its notices, downloads what was
//! released, answers a 补正 or withdraws. No account is needed; the applicant's personal data is
//! shown to nobody on these pages.

use askama::Template;
use axum::Router;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_core::foi::case::Event;
use gongkai_core::foi::intake::{Application, ApplicationInput};
use gongkai_core::foi::notices::NoticeKind;
use gongkai_core::foi::tracking::TrackingCode;
use gongkai_core::tz;
use gongkai_store::StoreError;
use gongkai_store::cases::{self, CaseRecord, NewCase, NewCaseFile};
use serde::Deserialize;

use super::{deadline_lines, due_text};
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::forms::{CsrfForm, CsrfMultipart, too_large};
use crate::public::layout;
use crate::session;
use crate::views::{Choice, Layout, Link, url_encode};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/apply", get(form).post(submit))
        .route("/apply/track", get(track_form).post(track))
        .route("/apply/case", get(case_page))
        .route("/apply/case/notices/{id}", get(notice))
        .route("/apply/case/correct", post(correct))
        .route("/apply/case/withdraw", post(withdraw))
        .route("/apply/files/{id}/{name}", get(file))
}

#[derive(Template)]
#[template(path = "foi/apply.html")]
pub struct ApplyPage {
    pub layout: Layout,
    pub csrf: String,
    pub input: ApplicationInput,
    pub errors: gongkai_core::doc::FieldErrors,
    pub kinds: Vec<Choice>,
    pub documents: Vec<Choice>,
    pub agencies: Vec<Choice>,
    pub forms: Vec<Choice>,
    pub deliveries: Vec<Choice>,
}

impl ApplyPage {
    pub fn error(&self, field: &str) -> &str {
        self.errors.get(field).unwrap_or("")
    }
}

/// The session of the request, or a new anonymous one: every public form carries a CSRF token.
async fn session_for_form(
    state: &AppState,
    headers: &HeaderMap,
) -> AppResult<(String, String, Option<header::HeaderValue>)> {
    if let Some(token) = session::cookie(headers, session::COOKIE)
        && let Some(s) = gongkai_store::sessions::load(state.db(), token).await?
    {
        return Ok((token.to_string(), s.csrf_token, None));
    }
    let (token, s) = gongkai_store::sessions::create(state.db(), None).await?;
    let cookie = session::session_cookie(state, Some(&token));
    Ok((token, s.csrf_token, Some(cookie)))
}

fn with_cookie(mut res: Response, cookie: Option<header::HeaderValue>) -> Response {
    if let Some(c) = cookie {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    res
}

async fn apply_page(
    state: &AppState,
    uri: &OriginalUri,
    csrf: String,
    input: ApplicationInput,
    errors: gongkai_core::doc::FieldErrors,
) -> AppResult<ApplyPage> {
    let agencies = state.agencies().await?;
    Ok(ApplyPage {
        layout: layout(state, uri, "apply"),
        csrf,
        kinds: super::desk::kind_choices(&input.applicant_kind),
        documents: super::desk::document_choices(&input.id_document),
        agencies: agencies
            .iter()
            .map(|a| Choice {
                value: a.code.to_string(),
                label: a.name.clone(),
                selected: a.code.as_str() == input.agency,
            })
            .collect(),
        forms: super::desk::form_choices(&input.form),
        deliveries: super::desk::delivery_choices(&input.delivery),
        input,
        errors,
    })
}

async fn form(State(state): State<AppState>, uri: OriginalUri, headers: HeaderMap) -> AppResult<Response> {
    let (_, csrf, cookie) = session_for_form(&state, &headers).await?;
    let input = ApplicationInput {
        applicant_kind: "natural-person".into(),
        id_document: "resident-id".into(),
        form: "electronic".into(),
        delivery: "online".into(),
        ..Default::default()
    };
    let page = apply_page(&state, &uri, csrf, input, Default::default()).await?;
    Ok(with_cookie(Html(page.render()?).into_response(), cookie))
}

#[derive(Template)]
#[template(path = "foi/submitted.html")]
pub struct SubmittedPage {
    pub layout: Layout,
    pub case_no: String,
    pub code: String,
    pub agency: String,
}

/// Receives an application from the form. Limited per address per day (in the database, so
/// the cap holds across web nodes); the reply gives the case number and the 查询码 once.
async fn submit(
    State(state): State<AppState>,
    uri: OriginalUri,
    parts: axum::http::request::Parts,
    CsrfForm(mut input): CsrfForm<ApplicationInput>,
) -> AppResult<Response> {
    let ip = session::client_ip(&parts);
    input.channel = "online".into();
    let errors = match Application::parse(&input) {
        Ok(app) => {
            let agency = state.agencies().await?.iter().find(|a| a.code.as_str() == app.agency).cloned();
            match agency {
                Some(agency) => {
                    if !cases::intake_allowed(state.db(), &ip).await? {
                        return Err(AppError::TooManyRequests(
                            "今天从您的网络提交的申请已达上限，请明天再试，或到政府信息公开工作机构当面提交。".into(),
                        ));
                    }
                    let who = gongkai_store::audit::Who::system("web");
                    let created = cases::create(
                        state.db(),
                        &who,
                        state.calendar(),
                        &NewCase {
                            application: &app,
                            agency_id: agency.id,
                            submitted_at: state.now(),
                            received_on: None,
                        },
                    )
                    .await?;
                    if let Some(token) = session::cookie(&parts.headers, session::COOKIE) {
                        cases::remember_tracked(state.db(), token, created.id).await?;
                    }
                    let page = SubmittedPage {
                        layout: layout(&state, &uri, "apply"),
                        case_no: created.case_no,
                        code: created.tracking_code.to_string(),
                        agency: agency.name,
                    };
                    return Ok(with_cookie(Html(page.render()?).into_response(), None));
                }
                None => {
                    let mut e = gongkai_core::doc::FieldErrors::default();
                    e.add("agency", "请选择受理申请的行政机关");
                    e
                }
            }
        }
        Err(e) => e,
    };
    let csrf = match session::cookie(&parts.headers, session::COOKIE) {
        Some(t) => gongkai_store::sessions::load(state.db(), t).await?.map(|s| s.csrf_token).unwrap_or_default(),
        None => String::new(),
    };
    let page = apply_page(&state, &uri, csrf, input, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "foi/track.html")]
pub struct TrackPage {
    pub layout: Layout,
    pub csrf: String,
    pub code: String,
    pub error: String,
}

async fn track_form(State(state): State<AppState>, uri: OriginalUri, headers: HeaderMap) -> AppResult<Response> {
    let (_, csrf, cookie) = session_for_form(&state, &headers).await?;
    let page = TrackPage { layout: layout(&state, &uri, "apply"), csrf, code: String::new(), error: String::new() };
    Ok(with_cookie(Html(page.render()?).into_response(), cookie))
}

#[derive(Deserialize)]
struct TrackForm {
    #[serde(default)]
    code: String,
}

/// Opens a case by its 查询码. Wrong codes are counted per address; past the limit every
/// lookup is refused for an hour, so codes cannot be guessed.
async fn track(
    State(state): State<AppState>,
    uri: OriginalUri,
    parts: axum::http::request::Parts,
    CsrfForm(f): CsrfForm<TrackForm>,
) -> AppResult<Response> {
    let ip = session::client_ip(&parts);
    if cases::tracking_throttled(state.db(), &ip).await? {
        return Err(AppError::TooManyRequests("查询码输入错误次数过多，请一小时后再试。".into()));
    }
    let found = match TrackingCode::parse(&f.code) {
        Some(code) => cases::by_tracking_code(state.db(), state.calendar(), &code).await?,
        None => None,
    };
    cases::record_tracking_attempt(state.db(), &ip, found.is_some()).await?;
    let token = session::cookie(&parts.headers, session::COOKIE);
    match (found, token) {
        (Some(case), Some(token)) => {
            cases::remember_tracked(state.db(), token, case.id).await?;
            Ok(Redirect::to("/apply/case").into_response())
        }
        _ => {
            let csrf = match token {
                Some(t) => {
                    gongkai_store::sessions::load(state.db(), t).await?.map(|s| s.csrf_token).unwrap_or_default()
                }
                None => String::new(),
            };
            let page = TrackPage {
                layout: layout(&state, &uri, "apply"),
                csrf,
                code: f.code,
                error: "没有找到与该查询码对应的申请，请核对后重新输入（查询码为 16 位字母和数字）。".into(),
            };
            Ok((StatusCode::NOT_FOUND, Html(page.render()?)).into_response())
        }
    }
}

/// The case this browser unlocked with a 查询码.
async fn tracked(state: &AppState, headers: &HeaderMap) -> AppResult<(CaseRecord, String)> {
    let token = session::cookie(headers, session::COOKIE).ok_or(AppError::NotFound)?;
    let id = cases::tracked_case(state.db(), token).await?.ok_or(AppError::NotFound)?;
    let csrf = gongkai_store::sessions::load(state.db(), token).await?.map(|s| s.csrf_token).unwrap_or_default();
    Ok((cases::by_id_for_applicant(state.db(), state.calendar(), id).await?, csrf))
}

#[derive(Template)]
#[template(path = "foi/case_public.html")]
pub struct PublicCasePage {
    pub layout: Layout,
    pub csrf: String,
    pub case_no: String,
    pub agency: String,
    pub applicant: String,
    pub submitted: String,
    pub received: String,
    pub stage: String,
    pub due: String,
    pub due_class: &'static str,
    pub stopped: String,
    pub steps: Vec<(String, String)>,
    pub events: Vec<(String, String)>,
    pub notices: Vec<Link>,
    pub files: Vec<Link>,
    pub correction_items: Vec<String>,
    pub correction_deadline: String,
    pub can_withdraw: bool,
    pub message: String,
}

async fn case_page(State(state): State<AppState>, uri: OriginalUri, headers: HeaderMap) -> AppResult<Response> {
    let Ok((r, csrf)) = tracked(&state, &headers).await else {
        return Ok(Redirect::to("/apply/track").into_response());
    };
    render_public_case(&state, &uri, r, csrf, String::new()).await
}

async fn render_public_case(
    state: &AppState,
    uri: &OriginalUri,
    r: CaseRecord,
    csrf: String,
    message: String,
) -> AppResult<Response> {
    let stage = r.stage();
    let (stopped, steps) = deadline_lines(state, &r.case);
    let due_on = r.case.deadline(state.calendar()).ok().and_then(|d| d.due);
    let (due, due_class) = due_text(state, due_on, stage.is_closed());
    let correction = match stage {
        gongkai_core::foi::case::Stage::AwaitingCorrection { deadline } => {
            r.case.events().iter().rev().find_map(|e| match e {
                Event::CorrectionRequested { items, .. } => Some((items.clone(), tz::format_date(deadline))),
                _ => None,
            })
        }
        _ => None,
    };
    let notices = cases::notices(state.db(), r.id).await?;
    let files = cases::files(state.db(), r.id).await?;
    let page = PublicCasePage {
        layout: layout(state, uri, "apply"),
        csrf,
        case_no: r.case_no.clone(),
        agency: state.agency(r.agency_id).await?.map(|a| a.name).unwrap_or_default(),
        applicant: r.applicant.public_name(),
        submitted: tz::format_minutes(r.submitted_at),
        received: r.case.received_on().map(tz::format_date).unwrap_or_else(|| "待受理机关确认".into()),
        stage: match stage.outcome() {
            Some(o) => format!("{}：{}", stage.label(), o.label()),
            None => stage.label().into(),
        },
        due,
        due_class,
        stopped: stopped.unwrap_or_default(),
        steps,
        events: r.events.iter().map(|e| (tz::format_date(e.event.on()), e.event.describe())).collect(),
        notices: notices
            .iter()
            .map(|n| Link {
                label: format!("{}（{}）", NoticeKind::from_code(&n.kind).map(|k| k.title()).unwrap_or(""), n.number),
                href: format!("/apply/case/notices/{}", n.id),
                note: tz::format_date(n.issued_on),
                current: false,
            })
            .collect(),
        files: files
            .iter()
            .filter(|f| f.released)
            .map(|f| Link {
                label: f.file_name.clone(),
                href: format!("/apply/files/{}/{}", f.id, url_encode(&f.file_name)),
                note: gongkai_core::doc::attachment::human_size(f.size as u64),
                current: false,
            })
            .collect(),
        correction_items: correction.as_ref().map(|c| c.0.clone()).unwrap_or_default(),
        correction_deadline: correction.map(|c| c.1).unwrap_or_default(),
        can_withdraw: !stage.is_closed(),
        message,
    };
    let mut res = Html(page.render()?).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

#[derive(Template)]
#[template(path = "foi/notice.html")]
pub struct ApplicantNotice {
    pub layout: Layout,
    pub title: String,
    pub number: String,
    pub body: String,
    pub back: String,
}

async fn notice(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (r, _) = tracked(&state, &headers).await?;
    let n = cases::notices(state.db(), r.id)
        .await?
        .into_iter()
        .find(|n| n.id.to_string() == id)
        .ok_or(AppError::NotFound)?;
    let page = ApplicantNotice {
        layout: layout(&state, &uri, "apply"),
        title: NoticeKind::from_code(&n.kind).map(|k| k.title().to_string()).unwrap_or_default(),
        number: n.number,
        body: n.body,
        back: "/apply/case".into(),
    };
    Ok(Html(page.render()?).into_response())
}

/// The applicant answers a 补正 online: the text of the correction, and a file if needed. The
/// receipt date of the corrected application is today (条例 Art. 30: the period starts again).
async fn correct(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    form: CsrfMultipart,
) -> AppResult<Response> {
    let (r, csrf) = tracked(&state, &headers).await?;
    let limit = state.config().max_upload_bytes;
    let too_large = || too_large(limit);
    let mut uploaded = form.read(limit).await?;
    let text = uploaded.texts.remove("text").unwrap_or_default();
    let upload = uploaded.file.filter(|(_, bytes)| !bytes.is_empty());
    let text = text.trim();
    if text.is_empty() && upload.is_none() {
        return render_public_case(&state, &uri, r, csrf, "请填写补正内容或上传补正材料。".into()).await.map(
            |mut res| {
                *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                res
            },
        );
    }
    if let Some((name, bytes)) = &upload {
        let file = NewCaseFile {
            case_id: r.id,
            file_name: name,
            bytes,
            max_bytes: limit,
            released: false,
            from_applicant: true,
        };
        match cases::add_file(state.db(), state.blobs(), &gongkai_store::audit::Who::system("applicant"), &file).await {
            Err(StoreError::Invalid(e)) => {
                let message = e.iter().map(|(_, m)| m).collect::<Vec<_>>().join("；");
                if message.contains("过大") {
                    return Err(too_large());
                }
                return render_public_case(&state, &uri, r, csrf, message).await;
            }
            other => {
                other?;
            }
        }
    }
    let event = Event::Corrected { on: state.today(), late_reason: None };
    match cases::record_by_applicant(state.db(), state.calendar(), r.id, event, Some(text).filter(|t| !t.is_empty()))
        .await
    {
        Ok(_) => Ok(Redirect::to("/apply/case").into_response()),
        Err(StoreError::Case(e)) => {
            let r = cases::by_id_for_applicant(state.db(), state.calendar(), r.id).await?;
            render_public_case(&state, &uri, r, csrf, e.to_string()).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn withdraw(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    _: CsrfForm<Empty>,
) -> AppResult<Response> {
    let (r, csrf) = tracked(&state, &headers).await?;
    match cases::record_by_applicant(
        state.db(),
        state.calendar(),
        r.id,
        Event::Withdrawn { on: state.today() },
        Some("申请人在网上撤回"),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/apply/case").into_response()),
        Err(StoreError::Case(e)) => render_public_case(&state, &uri, r, csrf, e.to_string()).await,
        Err(e) => Err(e.into()),
    }
}

/// A file of a case: released files for the applicant who unlocked the case, any file for
/// staff who may see the case.
async fn file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, _)): Path<(String, String)>,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let f = cases::file(state.db(), id).await?.ok_or(AppError::NotFound)?;
    let token = session::cookie(&headers, session::COOKIE).ok_or(AppError::NotFound)?;
    let applicant_ok = f.released && cases::tracked_case(state.db(), token).await? == Some(f.case_id);
    let staff_ok = match gongkai_store::sessions::load(state.db(), token).await?.and_then(|s| s.user) {
        Some(u) => {
            let actor = gongkai_store::cases::CaseActor { user_id: u.id, role: u.role, agency_id: u.agency_id };
            cases::visible(state.db(), &actor, f.case_id).await?
        }
        None => false,
    };
    if !applicant_ok && !staff_ok {
        return Err(AppError::NotFound);
    }
    let bytes = gongkai_store::blobs::BlobStore::get(state.blobs(), &f.sha256)?;
    let mut h = HeaderMap::new();
    h.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_str(&f.content_type)
            .unwrap_or(header::HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CONTENT_DISPOSITION, crate::public::content_disposition(&f.file_name));
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, no-store"));
    Ok((StatusCode::OK, h, bytes).into_response())
}
