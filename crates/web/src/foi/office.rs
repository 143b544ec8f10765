//! The city disclosure office's oversight: 疑难件备案 across agencies, information many people
//! ask for (条例 Art. 44), the notice templates, and tables 三 and 四 of the annual report.

use askama::Template;
use axum::Router;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_core::foi::notices::{self, NoticeKind};
use gongkai_core::foi::report::{ReviewKind, Table3, Table3Column, Table4, Table4Column};
use gongkai_core::org::Role;
use gongkai_core::tz;
use gongkai_store::cases;
use serde::Deserialize;

use super::case_actor;
use crate::AppState;
use crate::admin::staff_layout;
use crate::error::{AppError, AppResult};
use crate::forms::CsrfForm;
use crate::session::Staff;
use crate::views::{Choice, Layout, Link};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/foi", get(overview))
        .route("/admin/foi/filings/{id}", post(answer_filing))
        .route("/admin/foi/templates", get(templates))
        .route("/admin/foi/templates/{kind}", get(template_form).post(template_save))
        .route("/admin/foi/report", get(report))
}

fn html(page: impl Template) -> AppResult<Response> {
    Ok(Html(page.render()?).into_response())
}

pub struct FilingView {
    pub id: i64,
    pub case_href: String,
    pub case_no: String,
    pub agency: String,
    pub filed: String,
    pub reason: String,
    pub note: String,
    pub status: String,
    pub progress: String,
}

#[derive(Template)]
#[template(path = "foi/office.html")]
pub struct OverviewPage {
    pub layout: Layout,
    pub is_office: bool,
    pub overdue: Vec<Link>,
    pub filings: Vec<FilingView>,
    pub frequent: Vec<(String, String, i64, i64, i64)>,
}

async fn overview(State(state): State<AppState>, uri: OriginalUri, staff: Staff) -> AppResult<Response> {
    staff.require(&[Role::DisclosureOffice, Role::SystemAdmin, Role::RequestOfficer, Role::OfficeHead])?;
    let actor = case_actor(&staff);
    let agencies = state.agencies().await?;
    let name = |id: i64| agencies.iter().find(|a| a.id == id).map(|a| a.short_name.clone()).unwrap_or_default();
    let today = state.today();
    let f = cases::QueueFilter { due: Some("overdue".into()), ..Default::default() };
    let (rows, _) = cases::queue(state.db(), &actor, &f, today, today, 200, 0).await?;
    let overdue = rows
        .into_iter()
        .map(|r| Link {
            label: format!("{} {}", r.case_no, name(r.agency_id)),
            href: format!("/admin/cases/{}", r.id),
            note: r.due_on.map(tz::format_date).unwrap_or_default(),
            current: false,
        })
        .collect();
    let filings = cases::filings(state.db(), &actor, None)
        .await?
        .into_iter()
        .map(|f| FilingView {
            id: f.id,
            case_href: format!("/admin/cases/{}", f.case_id),
            case_no: f.case_no,
            agency: name(f.agency_id),
            filed: tz::format_minutes(f.filed_at),
            reason: f.reason,
            note: f.office_note.unwrap_or_default(),
            status: match f.status.as_str() {
                "filed" => "待回复".into(),
                "answered" => "已回复".into(),
                _ => "已办结".into(),
            },
            progress: format!(
                "{}{}",
                super::desk::stage_label(&f.case_stage),
                f.due_on.map(|d| format!("，期限 {}", tz::format_date(d))).unwrap_or_default()
            ),
        })
        .collect();
    let frequent = cases::frequent_requests(state.db(), &actor, 2)
        .await?
        .into_iter()
        .map(|r| (name(r.agency_id), r.subject, r.applicants, r.cases, r.flagged))
        .collect();
    html(OverviewPage {
        layout: staff_layout(&state, &uri, &staff),
        is_office: staff.user.role == Role::DisclosureOffice,
        overdue,
        filings,
        frequent,
    })
}

#[derive(Deserialize)]
struct FilingForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    close: Option<String>,
}

async fn answer_filing(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<FilingForm>,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    if f.note.trim().is_empty() {
        return Err(AppError::BadRequest("请填写指导意见".into()));
    }
    cases::answer_filing(state.db(), &staff.who(), &case_actor(&staff), id, &f.note, f.close.is_some()).await?;
    Ok(Redirect::to("/admin/foi").into_response())
}

#[derive(Template)]
#[template(path = "foi/templates.html")]
pub struct TemplatesPage {
    pub layout: Layout,
    pub kinds: Vec<(String, String, bool)>,
}

async fn templates(State(state): State<AppState>, uri: OriginalUri, staff: Staff) -> AppResult<Response> {
    staff.require(&[Role::DisclosureOffice])?;
    let mut kinds = Vec::new();
    for k in NoticeKind::template_kinds() {
        let edited = cases::template(state.db(), &k.code()).await?.is_some();
        kinds.push((k.code(), template_title(&k), edited));
    }
    html(TemplatesPage { layout: staff_layout(&state, &uri, &staff), kinds })
}

fn template_title(k: &NoticeKind) -> String {
    match k {
        NoticeKind::Reply(r) => format!(
            "{}（{}）",
            k.title(),
            if matches!(r, gongkai_core::foi::ReplyType::Withheld(_)) { "不予公开" } else { r.label() }
        ),
        _ => k.title().to_string(),
    }
}

#[derive(Template)]
#[template(path = "foi/template_edit.html")]
pub struct TemplatePage {
    pub layout: Layout,
    pub code: String,
    pub title: String,
    pub body: String,
    pub fields: Vec<String>,
    pub preview: String,
    pub error: String,
    pub saved: bool,
}

fn preview(kind: &NoticeKind, body: &str) -> (String, String) {
    match notices::validate_template(kind, body)
        .and_then(|()| notices::render(kind, body, &notices::sample_context(kind)))
    {
        Ok(text) => (text, String::new()),
        Err(e) => (String::new(), e.to_string()),
    }
}

async fn template_form(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(code): Path<String>,
) -> AppResult<Response> {
    staff.require(&[Role::DisclosureOffice])?;
    let kind = NoticeKind::from_code(&code).ok_or(AppError::NotFound)?;
    let body = cases::template(state.db(), &kind.code()).await?.unwrap_or_else(|| kind.default_template().to_string());
    let (preview, error) = preview(&kind, &body);
    html(TemplatePage {
        layout: staff_layout(&state, &uri, &staff),
        code: kind.code(),
        title: template_title(&kind),
        body,
        fields: notices::available_fields(&kind),
        preview,
        error,
        saved: false,
    })
}

#[derive(Deserialize)]
struct TemplateForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    reset: Option<String>,
}

/// Saves an edited template only if it renders and keeps the relief clause where the law needs
/// it; otherwise the form comes back with the reason and the text as typed.
async fn template_save(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(code): Path<String>,
    CsrfForm(f): CsrfForm<TemplateForm>,
) -> AppResult<Response> {
    staff.require(&[Role::DisclosureOffice])?;
    let kind = NoticeKind::from_code(&code).ok_or(AppError::NotFound)?;
    if f.reset.is_some() {
        cases::reset_template(state.db(), &staff.who(), &kind.code()).await?;
        return Ok(Redirect::to(&format!("/admin/foi/templates/{}", kind.code())).into_response());
    }
    let body = f.body.replace("\r\n", "\n");
    let (preview, error) = preview(&kind, &body);
    let saved = error.is_empty();
    if saved {
        cases::save_template(state.db(), &staff.who(), &kind.code(), &body).await?;
    }
    let page = TemplatePage {
        layout: staff_layout(&state, &uri, &staff),
        code: kind.code(),
        title: template_title(&kind),
        body,
        fields: notices::available_fields(&kind),
        preview,
        error,
        saved,
    };
    let status = if saved { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Html(page.render()?)).into_response())
}

/// A data row of a rendered table: label, indentation, cells.
pub struct TableRow {
    pub label: String,
    pub level: u8,
    pub header: bool,
    pub cells: Vec<u64>,
}

#[derive(Template)]
#[template(path = "foi/report.html")]
pub struct ReportPage {
    pub layout: Layout,
    pub year: i32,
    pub scope: String,
    pub agencies: Vec<Choice>,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    pub table4: Vec<(String, Vec<u64>)>,
    pub checks: Vec<String>,
    pub csv_href: String,
}

#[derive(Deserialize, Default)]
struct ReportQuery {
    #[serde(default)]
    year: Option<String>,
    #[serde(default)]
    agency: Option<String>,
    #[serde(default)]
    format: Option<String>,
}

/// Tables 三 and 四 for a year, for one agency or the city, with the cross-checks of the 2021
/// format; `?format=csv` downloads table 三 with the official labels.
async fn report(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    staff.require(&[Role::DisclosureOffice, Role::SystemAdmin, Role::RequestOfficer, Role::OfficeHead])?;
    let year = q.year.as_deref().and_then(|y| y.parse().ok()).unwrap_or(state.today().year() - 1);
    if !(2008..=2100).contains(&year) {
        return Err(AppError::BadRequest("年份不正确".into()));
    }
    let agencies = state.agencies().await?;
    let agency = match staff.user.role {
        Role::RequestOfficer | Role::OfficeHead => {
            staff.user.agency_id.and_then(|id| agencies.iter().find(|a| a.id == id)).cloned()
        }
        _ => q.agency.as_deref().and_then(|c| agencies.iter().find(|a| a.code.as_str() == c)).cloned(),
    };
    let (t3, t4) = cases::tables(state.db(), agency.as_ref().map(|a| a.id), year).await?;
    if q.format.as_deref() == Some("csv") {
        let name = format!("table3-{year}-{}.csv", agency.as_ref().map_or("city".to_string(), |a| a.code.to_string()));
        return Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            format!("\u{FEFF}{}", t3.to_csv()),
        )
            .into_response());
    }
    let last = cases::tables(state.db(), agency.as_ref().map(|a| a.id), year - 1).await?.0;
    html(ReportPage {
        layout: staff_layout(&state, &uri, &staff),
        year,
        scope: agency.as_ref().map_or("全市".into(), |a| a.name.clone()),
        agencies: Choice::scopes(&agencies, agency.as_ref().map(|a| a.id)),
        columns: Table3Column::ALL.iter().map(|c| c.label().to_string()).collect(),
        rows: table3_rows(&t3),
        table4: table4_rows(&t4),
        checks: t3
            .checks()
            .into_iter()
            .chain(t3.check_carry_over(&last))
            .chain(t4.checks())
            .map(|c| c.message)
            .collect(),
        csv_href: format!(
            "/admin/foi/report?year={year}&agency={}&format=csv",
            agency.as_ref().map(|a| a.code.to_string()).unwrap_or_default()
        ),
    })
}

pub fn table3_rows(t: &Table3) -> Vec<TableRow> {
    Table3::layout()
        .into_iter()
        .map(|row| TableRow {
            label: row.label.to_string(),
            level: row.level,
            header: row.line.is_none(),
            cells: row.line.map(|l| t.row(l).to_vec()).unwrap_or_default(),
        })
        .collect()
}

pub fn table4_rows(t: &Table4) -> Vec<(String, Vec<u64>)> {
    ReviewKind::ALL
        .iter()
        .map(|k| (k.full_label().to_string(), Table4Column::ALL.iter().map(|c| t.cell(*k, *c)).collect()))
        .collect()
}
