//! 发布时效: which 主动公开 documents were first published later than 条例 Art. 26 allows (20
//! working days from the day the information was formed), per agency and year. The disclosure
//! office sees every agency; editors and reviewers see their own.

use askama::Template;
use axum::Router;
use axum::extract::{OriginalUri, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use gongkai_core::doc::timeliness::{Assessment, PUBLISH_WITHIN_WORKING_DAYS, Summary, Tally};
use gongkai_core::org::Role;
use gongkai_core::tz;
use gongkai_store::documents;
use serde::Deserialize;

use crate::AppState;
use crate::admin::staff_layout;
use crate::error::{AppError, AppResult};
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
    staff.require(&[Role::DisclosureOffice, Role::SystemAdmin, Role::Editor, Role::Reviewer])?;
    let year = match q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => state.today().year(),
        Some(y) => y
            .parse()
            .ok()
            .filter(|y| (2008..=2100).contains(y))
            .ok_or_else(|| AppError::BadRequest(format!("年份“{y}”不正确：请填写 2008 年以后的四位年份")))?,
    };
    let agencies = state.agencies().await?;
    let can_choose = matches!(staff.user.role, Role::DisclosureOffice | Role::SystemAdmin);
    let agency = if can_choose {
        q.agency.as_deref().and_then(|c| agencies.iter().find(|a| a.code.as_str() == c)).cloned()
    } else {
        // Editors and reviewers see their own agency only, whatever the query says.
        Some(
            staff
                .user
                .agency_id
                .and_then(|id| agencies.iter().find(|a| a.id == id))
                .cloned()
                .ok_or_else(|| AppError::Forbidden("本账号未归属任何机关".into()))?,
        )
    };
    let rows = documents::first_publications(state.db(), agency.as_ref().map(|a| a.id), year).await?;
    let name_of = |id: i64| agencies.iter().find(|a| a.id == id).map(|a| a.short_name.clone()).unwrap_or_default();
    let summary = Summary::of(
        state.calendar(),
        rows.iter().map(|r| (r.agency_id, r.written_on, tz::local_date(r.first_published_at))),
    );
    let (mut late, mut undetermined) = (vec![], vec![]);
    for (r, a) in rows.iter().zip(&summary.assessments) {
        let row = || LateRow {
            href: format!("/doc/{}", r.index_no),
            index_no: r.index_no.clone(),
            title: r.title.clone(),
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
        agencies: Choice::scopes(&agencies, agency.as_ref().map(|a| a.id)),
        can_choose,
        tallies,
        total: summary.total,
        late,
        undetermined,
    };
    Ok(Html(page.render()?).into_response())
}
