//! 发布时效: which 主动公开 documents were first published later than 条例 Art. 26 allows (20
//! working days from the day the information was formed), per agency and year. The disclosure
//! office sees every agency; editors and reviewers see their own.

use askama::Template;
use axum::Router;
use axum::extract::{OriginalUri, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use gongkai_core::doc::timeliness::{Assessment, PUBLISH_WITHIN_WORKING_DAYS, Summary, Tally};
use gongkai_core::tz;
use gongkai_store::documents;
use serde::Deserialize;

use crate::AppState;
use crate::admin::{ReportScope, staff_layout};
use crate::error::AppResult;
use crate::session::Staff;
use crate::views::{Choice, Layout};

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/timeliness", get(page))
}

pub struct TallyRow {
    pub agency: String,
    pub tally: Tally,
}

pub struct LateRow {
    pub href: String,
    pub index_no: String,
    pub title: String,
    pub agency: String,
    pub assessment: String,
}

#[derive(Template)]
#[template(path = "admin/timeliness.html")]
pub struct TimelinessPage {
    pub layout: Layout,
    pub year: i32,
    pub days: u32,
    pub scope: String,
    pub agencies: Vec<Choice>,
    pub can_choose: bool,
    pub tallies: Vec<TallyRow>,
    pub total: Tally,
    pub late: Vec<LateRow>,
    pub undetermined: Vec<LateRow>,
}

#[derive(Deserialize)]
pub struct TimelinessQuery {
    year: Option<String>,
    agency: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(q): Query<TimelinessQuery>,
) -> AppResult<Response> {
    let scope = ReportScope::of(&state, &staff, q.year.as_deref(), q.agency.as_deref()).await?;
    let (year, agency) = (scope.year, scope.agency.clone());
    let rows = documents::publications(state.db(), agency.as_ref().map(|a| a.id), year).await?;
    let name_of = |id: i64| scope.name_of(id);
    let summary =
        Summary::of(state.calendar(), rows.iter().map(|r| (r.agency_id, r.formed_on, tz::local_date(r.published_at))));
    let (mut late, mut undetermined) = (vec![], vec![]);
    for (r, a) in rows.iter().zip(&summary.assessments) {
        let row = || LateRow {
            href: format!("/doc/{}", r.index_no),
            index_no: r.index_no.clone(),
            title: if r.is_revision() {
                format!("{}（第 {} 版修订）", r.title, r.edition_no)
            } else {
                r.title.clone()
            },
            agency: name_of(r.agency_id),
            assessment: a.describe(),
        };
        match a {
            Assessment::Late { .. } => late.push(row()),
            Assessment::NoFormedDate { .. } | Assessment::NotCovered { .. } => undetermined.push(row()),
            Assessment::OnTime { .. } => {}
        }
    }
    let tallies = summary.agencies.into_iter().map(|(id, tally)| TallyRow { agency: name_of(id), tally }).collect();
    let page = TimelinessPage {
        layout: staff_layout(&state, &uri, &staff),
        year,
        days: PUBLISH_WITHIN_WORKING_DAYS,
        scope: agency.as_ref().map_or("全市".into(), |a| a.name.clone()),
        agencies: Choice::scopes(&scope.agencies, agency.as_ref().map(|a| a.id)),
        can_choose: scope.can_choose,
        tallies,
        total: summary.total,
        late,
        undetermined,
    };
    Ok(Html(page.render()?).into_response())
}
