//! 政府信息公开工作年度报告 in the back office: the disclosure office's overview of which
//! agencies have published (with the deadlines of 条例 Art. 49), and each report's page —
//! the report as it will be published, its checks, the draft (parts 一, 五, 六 and table 二's
//! entered cells) for the agency's editors and head, and approval and publication for the head.

use askama::Template;
use axum::Router;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_core::doc::FieldErrors;
use gongkai_core::report::table2::{ManualCells, ManualInput};
use gongkai_core::report::{AnnualReport, Level, Narrative, render};
use gongkai_core::tz;
use gongkai_store::StoreError;
use gongkai_store::agencies::Agency;
use gongkai_store::annual::{self, PublishReport, ReportKey, Status};
use serde::Deserialize;

use crate::AppState;
use crate::admin::staff_layout;
use crate::error::{AppError, AppResult};
use crate::forms::CsrfForm;
use crate::session::Staff;
use crate::views::Layout;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/reports", get(overview))
        .route("/admin/reports/{code}/{year}", get(page).post(save))
        .route("/admin/reports/{code}/{year}/submit", post(submit))
        .route("/admin/reports/{code}/{year}/publish", post(publish))
        .route("/admin/reports/{code}/{year}/return", post(return_to_drafter))
        .route("/admin/reports/{code}/{year}/report.csv", get(csv))
        .route("/admin/reports/{code}/{year}/report.docx", get(docx))
        .route("/admin/reports/{code}/{year}/report.xlsx", get(xlsx))
}

pub struct OverviewRow {
    pub agency: String,
    pub level: &'static str,
    pub status: String,
    pub status_code: &'static str,
    pub deadline: String,
    pub overdue: bool,
    pub href: String,
}

#[derive(Template)]
#[template(path = "admin/reports.html")]
pub struct OverviewPage {
    pub layout: Layout,
    pub year: i32,
    pub rows: Vec<OverviewRow>,
    pub published: usize,
    pub missing: usize,
}

#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<String>,
}

fn parse_year(raw: Option<&str>, default: i32) -> AppResult<i32> {
    match raw.map(str::trim).filter(|y| !y.is_empty()) {
        None => Ok(default),
        Some(y) => y
            .parse()
            .ok()
            .filter(|y| (2008..=2100).contains(y))
            .ok_or_else(|| AppError::BadRequest(format!("年份“{y}”不正确：请填写 2008 年以后的四位年份"))),
    }
}

/// Which agencies have published their report for a year. The disclosure office and
/// administrators see all; agency staff see their own agency's line.
async fn overview(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let year = parse_year(q.year.as_deref(), state.today().year() - 1)?;
    let today = state.today();
    let all = annual::overview(state.db(), year).await?;
    let actor = staff.actor();
    let rows: Vec<OverviewRow> = all
        .into_iter()
        .filter(|o| annual::may_view(&actor, o.agency.id))
        .map(|o| {
            let status = o.status;
            OverviewRow {
                href: format!("/admin/reports/{}/{year}", o.agency.code.as_str()),
                agency: o.agency.name,
                level: o.level.label(),
                status: status.map_or("未编写", Status::label).into(),
                status_code: match status {
                    Some(s) if s.is_final() => "published",
                    Some(_) => "in-review",
                    None => "draft",
                },
                deadline: tz::format_date(o.deadline),
                overdue: !status.is_some_and(Status::is_final) && today > o.deadline,
            }
        })
        .collect();
    let published = rows.iter().filter(|r| r.status_code == "published").count();
    Ok(Html(
        OverviewPage {
            layout: staff_layout(&state, &uri, &staff),
            year,
            missing: rows.len() - published,
            published,
            rows,
        }
        .render()?,
    )
    .into_response())
}

#[derive(Template)]
#[template(path = "admin/report.html")]
pub struct ReportPage {
    pub layout: Layout,
    pub code: String,
    pub year: i32,
    pub title: String,
    pub status: String,
    pub deadline: String,
    pub body: String,
    pub checks: Vec<(String, bool)>,
    pub can_draft: bool,
    pub can_publish: bool,
    pub final_: bool,
    pub narrative: Narrative,
    pub manual: ManualInput,
    pub errors: FieldErrors,
    pub explanation: String,
    pub public_href: String,
    pub notice: String,
    /// Year-over-year charts (SVG, drawn from published reports and this one).
    pub charts: Vec<String>,
}

impl ReportPage {
    pub fn error(&self, field: &str) -> &str {
        self.errors.get(field).unwrap_or("")
    }
}

async fn target(state: &AppState, staff: &Staff, code: &str, year: &str) -> AppResult<(Agency, ReportKey)> {
    let year: i32 = year.parse().ok().filter(|y| (2008..=2100).contains(y)).ok_or(AppError::NotFound)?;
    let agency = state.agencies().await?.iter().find(|a| a.code.as_str() == code).cloned().ok_or(AppError::NotFound)?;
    if !annual::may_view(&staff.actor(), agency.id) {
        return Err(AppError::NotFound);
    }
    let key = ReportKey { agency_id: agency.id, level: Level::for_kind(agency.kind), year };
    Ok((agency, key))
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    done: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path((code, year)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let (agency, key) = target(&state, &staff, &code, &year).await?;
    let notice = match q.done.as_deref() {
        Some("saved") => "草稿已保存。",
        Some("submitted") => "已报送政务公开工作机构负责人审定。",
        Some("published") => "年度报告已发布到政府信息公开年报栏目。",
        Some("returned") => "已退回编写人员修改。",
        _ => "",
    };
    render_page(&state, &uri, &staff, &agency, key, None, FieldErrors::default(), notice).await
}

#[allow(clippy::too_many_arguments)]
async fn render_page(
    state: &AppState,
    uri: &OriginalUri,
    staff: &Staff,
    agency: &Agency,
    key: ReportKey,
    typed: Option<(Narrative, ManualInput, String)>,
    errors: FieldErrors,
    notice: &str,
) -> AppResult<Response> {
    let include = state.config().report_includes_districts;
    let (report, checks, saved) = annual::checked(state.db(), key, include).await?;
    let status = saved.as_ref().map(|s| s.status);
    let final_ = status.is_some_and(Status::is_final);
    let actor = staff.actor();
    let (mut narrative, manual, explanation) = match typed {
        Some(t) => t,
        None => {
            (report.narrative.clone(), report.table2.manual.to_input(), report.explanation.clone().unwrap_or_default())
        }
    };
    // A first draft of part 一 from the year's figures, until staff write their own.
    if !final_ && narrative.overview.is_empty() {
        narrative.overview = annual::facts(state.db(), state.calendar(), key, include).await?.overview_draft();
    }
    let public_href = match saved.as_ref().and_then(|s| s.document_id) {
        Some(id) => gongkai_store::documents::index_no_of(state.db(), id)
            .await?
            .map(|n| format!("/doc/{n}"))
            .unwrap_or_default(),
        None => String::new(),
    };
    let charts = charts(state, key, &report).await?;
    let page = ReportPage {
        charts,
        layout: staff_layout(state, uri, staff),
        code: agency.code.as_str().to_string(),
        year: key.year,
        title: report.title(),
        status: status.map_or("未编写", Status::label).into(),
        deadline: tz::format_date_zh(key.level.deadline(key.year)),
        body: render::report_html(&report, &checks),
        checks: checks.iter().map(|c| (c.message.clone(), c.explainable)).collect(),
        can_draft: !final_ && annual::may_draft(&actor, agency.id),
        can_publish: !final_ && annual::may_publish(&actor, agency.id),
        final_,
        narrative,
        manual,
        errors,
        explanation,
        public_href,
        notice: notice.into(),
    };
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Html(page.render()?)).into_response())
}

/// How many earlier years the charts show.
const CHART_YEARS: i32 = 4;

/// Requests by outcome from the reports of earlier years (as published or imported) and this
/// one; proactive publications per year from the platform's documents.
async fn charts(state: &AppState, key: ReportKey, report: &AnnualReport) -> AppResult<Vec<String>> {
    use gongkai_core::report::chart;
    let include = state.config().report_includes_districts;
    let mut tables = Vec::new();
    let mut publications = Vec::new();
    for year in key.year - CHART_YEARS..key.year {
        let k = ReportKey { year, ..key };
        if let Some(snapshot) = annual::saved(state.db(), k).await?.and_then(|s| s.snapshot) {
            tables.push((year, snapshot.table3));
        }
    }
    tables.push((key.year, report.table3.clone()));
    for year in key.year - CHART_YEARS..=key.year {
        let f = annual::facts(state.db(), state.calendar(), ReportKey { year, ..key }, include).await?;
        if f.published > 0 || year == key.year {
            publications.push((year, f.published, f.policies));
        }
    }
    let refs: Vec<(i32, &gongkai_core::foi::report::Table3)> = tables.iter().map(|(y, t)| (*y, t)).collect();
    Ok(vec![chart::requests_by_outcome_svg(&refs), chart::publications_svg(&publications)])
}

#[derive(Deserialize, Default)]
pub struct DraftForm {
    #[serde(default)]
    overview: String,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    other: String,
    #[serde(default)]
    licensing: String,
    #[serde(default)]
    penalties: String,
    #[serde(default)]
    coercion: String,
    #[serde(default)]
    fees_wan: String,
}

/// Saves the draft. Bad cells or markup in the text: the form comes back with one message per
/// field and what was typed, and nothing is saved.
async fn save(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path((code, year)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<DraftForm>,
) -> AppResult<Response> {
    let (agency, key) = target(&state, &staff, &code, &year).await?;
    let manual_input =
        ManualInput { licensing: f.licensing, penalties: f.penalties, coercion: f.coercion, fees_wan: f.fees_wan };
    let mut errors = FieldErrors::default();
    let narrative = Narrative::parse(&f.overview, &f.problems, &f.other).map_err(|e| {
        e.iter().for_each(|(k, m)| errors.add(k, m));
    });
    let manual = ManualCells::parse(&manual_input).map_err(|e| {
        e.iter().for_each(|(k, m)| errors.add(k, m));
    });
    let (Ok(narrative), Ok(manual)) = (narrative, manual) else {
        let typed = Narrative { overview: f.overview, problems: f.problems, other: f.other };
        return render_page(&state, &uri, &staff, &agency, key, Some((typed, manual_input, String::new())), errors, "")
            .await;
    };
    match annual::save_draft(state.db(), &staff.who(), &staff.actor(), state.calendar(), key, &narrative, &manual).await
    {
        Ok(()) => Ok(Redirect::to(&format!("/admin/reports/{code}/{}?done=saved", key.year)).into_response()),
        // A year the calendar does not cover: the form comes back with what was typed.
        Err(StoreError::Invalid(errors)) => {
            render_page(
                &state,
                &uri,
                &staff,
                &agency,
                key,
                Some((narrative, manual.to_input(), String::new())),
                errors,
                "",
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn submit(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, year)): Path<(String, String)>,
    _: CsrfForm<crate::admin::Empty>,
) -> AppResult<Response> {
    let (_, key) = target(&state, &staff, &code, &year).await?;
    annual::submit(state.db(), &staff.who(), &staff.actor(), key).await?;
    Ok(Redirect::to(&format!("/admin/reports/{code}/{}?done=submitted", key.year)).into_response())
}

#[derive(Deserialize, Default)]
pub struct ReturnForm {
    #[serde(default)]
    note: String,
}

/// The head sends the report back to its drafters with a note.
async fn return_to_drafter(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path((code, year)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<ReturnForm>,
) -> AppResult<Response> {
    let (agency, key) = target(&state, &staff, &code, &year).await?;
    match annual::return_to_drafter(state.db(), &staff.who(), &staff.actor(), key, &f.note).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/reports/{code}/{}?done=returned", key.year)).into_response()),
        Err(StoreError::Invalid(errors)) => render_page(&state, &uri, &staff, &agency, key, None, errors, "").await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct PublishForm {
    #[serde(default)]
    explanation: String,
    #[serde(default)]
    privacy_override: String,
}

async fn publish(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path((code, year)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<PublishForm>,
) -> AppResult<Response> {
    let (agency, key) = target(&state, &staff, &code, &year).await?;
    let opts = PublishReport {
        explanation: Some(f.explanation.as_str()),
        include_districts: state.config().report_includes_districts,
        template: &state.config().index_template,
        blobs: state.blobs(),
        today: state.today(),
        calendar: state.calendar(),
        privacy_override: Some(f.privacy_override.as_str()),
    };
    match annual::publish(state.db(), &staff.who(), &staff.actor(), key, &opts).await {
        Ok(doc) => {
            state.document_changed(doc).await;
            Ok(Redirect::to(&format!("/admin/reports/{code}/{}?done=published", key.year)).into_response())
        }
        Err(StoreError::PrivacyBlocked(m)) => {
            let mut errors = FieldErrors::default();
            errors.add("privacy_override", m);
            let (report, _) = annual::report(state.db(), key, state.config().report_includes_districts).await?;
            let typed = (report.narrative.clone(), report.table2.manual.to_input(), f.explanation);
            render_page(&state, &uri, &staff, &agency, key, Some(typed), errors, "").await
        }
        Err(StoreError::Invalid(errors)) => {
            let (report, _) = annual::report(state.db(), key, state.config().report_includes_districts).await?;
            let typed = (report.narrative.clone(), report.table2.manual.to_input(), f.explanation);
            render_page(&state, &uri, &staff, &agency, key, Some(typed), errors, "").await
        }
        Err(e) => Err(e.into()),
    }
}

/// The three tables as CSV.
async fn csv(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, year)): Path<(String, String)>,
) -> AppResult<Response> {
    let (_, key) = target(&state, &staff, &code, &year).await?;
    let (report, _) = annual::report(state.db(), key, state.config().report_includes_districts).await?;
    Ok(download(&report, "csv", "text/csv; charset=utf-8", render::tables_csv(&report).into_bytes()))
}

/// The report as DOCX, the format agencies exchange.
async fn docx(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, year)): Path<(String, String)>,
) -> AppResult<Response> {
    let (_, key) = target(&state, &staff, &code, &year).await?;
    let (report, checks, _) = annual::checked(state.db(), key, state.config().report_includes_districts).await?;
    let bytes = gongkai_office::report_docx(&report, &checks).map_err(AppError::internal)?;
    Ok(download(&report, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes))
}

/// The tables as XLSX.
async fn xlsx(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, year)): Path<(String, String)>,
) -> AppResult<Response> {
    let (_, key) = target(&state, &staff, &code, &year).await?;
    let (report, _) = annual::report(state.db(), key, state.config().report_includes_districts).await?;
    let bytes = gongkai_office::report_xlsx(&report).map_err(AppError::internal)?;
    Ok(download(&report, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes))
}

/// A file of the report, named after it.
pub fn download(report: &AnnualReport, ext: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let name = format!("{}.{ext}", report.title());
    (
        [
            (header::CONTENT_TYPE, axum::http::HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, crate::public::content_disposition(&name)),
        ],
        bytes,
    )
        .into_response()
}
