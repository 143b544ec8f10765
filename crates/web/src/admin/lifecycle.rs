//! The policy lifecycle in the back office: the 政策解读 dashboard (policies with a missing or
//! late interpretation, per agency, for the agency and the city disclosure office, with the
//! documents whose 有效期 ends soon), and repealing or amending documents from the page of
//! the later document, one or a 清理结果 list at once.

use askama::Template;
use axum::Router;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_core::doc::PolicyRef;
use gongkai_core::doc::interpretation::InterpretationStatus;
use gongkai_core::tz;
use gongkai_store::StoreError;
use gongkai_store::lifecycle::{self, ChangeKind, ValidityAct};
use serde::Deserialize;

use crate::AppState;
use crate::admin::{ReportScope, staff_layout};
use crate::error::{AppError, AppResult};
use crate::forms::CsrfForm;
use crate::session::Staff;
use crate::views::{Choice, Layout};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/interpretations", get(dashboard))
        .route("/admin/docs/{id}/validity", post(change_validity))
}

/// Counts of one agency's policy documents by interpretation status.
#[derive(Default, Clone)]
pub struct Counts {
    pub policies: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
    pub pending: u32,
    pub undetermined: u32,
}

impl Counts {
    fn add(&mut self, s: &InterpretationStatus) {
        self.policies += 1;
        match s {
            InterpretationStatus::OnTime { .. } => self.on_time += 1,
            InterpretationStatus::Late { .. } => self.late += 1,
            InterpretationStatus::Missing { .. } => self.missing += 1,
            InterpretationStatus::Pending { .. } => self.pending += 1,
            InterpretationStatus::NotCovered { .. } => self.undetermined += 1,
        }
    }
}

pub struct AgencyCounts {
    pub agency: String,
    pub counts: Counts,
}

pub struct FlagRow {
    pub href: String,
    pub title: String,
    pub doc_no: String,
    pub agency: String,
    pub published: String,
    pub status: String,
    pub due: String,
}

pub struct ReminderRow {
    pub href: String,
    pub agency: String,
    pub kind: &'static str,
    pub message: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "admin/interpretations.html")]
pub struct InterpretationsPage {
    pub layout: Layout,
    pub year: i32,
    pub within: u32,
    pub scope: String,
    pub agencies: Vec<Choice>,
    pub can_choose: bool,
    pub per_agency: Vec<AgencyCounts>,
    pub total: Counts,
    pub flagged: Vec<FlagRow>,
    pub pending: Vec<FlagRow>,
    pub reminders: Vec<ReminderRow>,
}

#[derive(Deserialize)]
pub struct ScopeQuery {
    year: Option<String>,
    agency: Option<String>,
}

async fn dashboard(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(q): Query<ScopeQuery>,
) -> AppResult<Response> {
    let scope = ReportScope::of(&state, &staff, q.year.as_deref(), q.agency.as_deref()).await?;
    let within = state.config().interpretation_within;
    let agency_id = scope.agency.as_ref().map(|a| a.id);
    let rows =
        lifecycle::interpretation_report(state.db(), state.calendar(), agency_id, scope.year, state.today(), within)
            .await?;
    let mut per_agency: Vec<(i64, Counts)> = Vec::new();
    let mut total = Counts::default();
    let (mut flagged, mut pending) = (Vec::new(), Vec::new());
    for r in &rows {
        total.add(&r.status);
        match per_agency.iter_mut().find(|(id, _)| *id == r.agency_id) {
            Some((_, c)) => c.add(&r.status),
            None => {
                let mut c = Counts::default();
                c.add(&r.status);
                per_agency.push((r.agency_id, c));
            }
        }
        let row = || FlagRow {
            href: format!("/admin/docs/{}", r.document_id),
            title: r.title.clone(),
            doc_no: r.doc_no.clone().unwrap_or_default(),
            agency: scope.name_of(r.agency_id),
            published: tz::format_date(r.published_on),
            status: r.status.label().into(),
            due: r.status.due_on().map(tz::format_date).unwrap_or_default(),
        };
        if r.status.is_flagged() {
            flagged.push(row());
        } else if matches!(r.status, InterpretationStatus::Pending { .. }) {
            pending.push(row());
        }
    }
    per_agency.sort_by_key(|(id, _)| scope.agencies.iter().position(|a| a.id == *id));
    let reminders = lifecycle::reminders(state.db(), agency_id, 50)
        .await?
        .into_iter()
        .map(|r| ReminderRow {
            href: format!("/admin/docs/{}", r.document_id),
            agency: scope.name_of(r.agency_id),
            kind: if r.kind == "expiry" { "有效期将届满" } else { "解读超期" },
            message: r.message,
            at: tz::format_minutes(r.created_at),
        })
        .collect();
    let page = InterpretationsPage {
        layout: staff_layout(&state, &uri, &staff),
        year: scope.year,
        within,
        scope: scope.agency.as_ref().map_or("全市".into(), |a| a.name.clone()),
        agencies: Choice::scopes(&scope.agencies, agency_id),
        can_choose: scope.can_choose,
        per_agency: per_agency
            .into_iter()
            .map(|(id, counts)| AgencyCounts { agency: scope.name_of(id), counts })
            .collect(),
        total,
        flagged,
        pending,
        reminders,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
pub struct ValidityForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    targets: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    note: String,
}

/// Repeals or amends the documents listed (one 文号 or 索引号 per line, as in a 清理结果
/// notice) by this published document. All or nothing: any problem is shown and nothing changes.
async fn change_validity(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ValidityForm>,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let kind = match f.kind.as_str() {
        "repeal" => ChangeKind::Repeal,
        "amend" => ChangeKind::Amend,
        _ => return Err(AppError::BadRequest("请选择“废止”或“修改”".into())),
    };
    let since = gongkai_core::import::dates::parse_date(f.since.trim())
        .map_err(|_| AppError::BadRequest(format!("日期“{}”不正确，请按 2026-03-01 的格式填写", f.since.trim())))?;
    let mut targets = Vec::new();
    let mut bad = Vec::new();
    for line in f.targets.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match PolicyRef::parse(line) {
            Ok(r) => targets.push(r),
            Err(m) => bad.push(m),
        }
    }
    if !bad.is_empty() {
        return Err(AppError::BadRequest(bad.join("；")));
    }
    let act = ValidityAct {
        kind,
        by_document: id,
        targets: &targets,
        since,
        note: Some(f.note.as_str()),
        today: state.today(),
    };
    match lifecycle::change_validity(state.db(), &staff.who(), Some(&staff.actor()), &act).await {
        Ok(changed) => {
            state.document_changed(id).await;
            for t in changed {
                state.document_changed(t).await;
            }
            Ok(Redirect::to(&format!("/admin/docs/{id}?done=validity")).into_response())
        }
        Err(StoreError::Invalid(e)) => Err(AppError::Conflict(e.iter().map(|(_, m)| m).collect::<Vec<_>>().join("；"))),
        Err(e) => Err(e.into()),
    }
}
