//! 依申请公开 on the web: the public application form and tracking page, the officers' desk,
//! and the disclosure office's oversight (overdue cases, 疑难件备案, notice templates, statistics).

mod apply;
mod desk;
mod notices;
mod office;

use axum::Router;
use gongkai_core::foi::case::{Case, DueStatus};
use gongkai_core::tz;
use gongkai_store::cases::CaseActor;

use crate::AppState;
use crate::session::Staff;

pub fn routes() -> Router<AppState> {
    Router::new().merge(apply::routes()).merge(desk::routes()).merge(office::routes())
}

/// Due date, with how it stands today, for queues and case pages.
pub fn due_text(state: &AppState, due: Option<time::Date>, closed: bool) -> (String, &'static str) {
    let Some(due) = due else {
        return (if closed { String::new() } else { "计时暂停或待确认".into() }, "");
    };
    if closed {
        return (tz::format_date(due), "");
    }
    match DueStatus::on(state.calendar(), due, state.today()) {
        Ok(DueStatus::OnTime { working_days_left }) => {
            (format!("{}（剩 {working_days_left} 个工作日）", tz::format_date(due)), "ontime")
        }
        Ok(DueStatus::DueSoon { working_days_left }) => {
            (format!("{}（剩 {working_days_left} 个工作日，即将到期）", tz::format_date(due)), "soon")
        }
        Ok(DueStatus::Overdue { working_days_late }) => {
            (format!("{}（已逾期 {working_days_late} 个工作日）", tz::format_date(due)), "overdue")
        }
        Err(e) => (format!("{}（{e}）", tz::format_date(due)), ""),
    }
}

/// The deadline steps of a case, as text lines with their articles.
pub fn deadline_lines(state: &AppState, case: &Case) -> (Option<String>, Vec<(String, String)>) {
    match case.deadline(state.calendar()) {
        Ok(d) => (d.stopped, d.steps.into_iter().map(|s| (s.text, s.article.to_string())).collect()),
        Err(e) => (Some(e.to_string()), Vec::new()),
    }
}

/// Staff who handle requests (officers, heads) or oversee them (the office, administrators).
pub fn case_actor(staff: &Staff) -> CaseActor {
    CaseActor { user_id: staff.user.id, role: staff.user.role, agency_id: staff.user.agency_id }
}
