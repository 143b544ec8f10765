//! Issuing a notice: the office's template (or the built-in one), a number from the agency's
//! yearly series, the facts of the case, the relief clause for the right 复议 body.

use gongkai_core::foi::notices::{self, NoticeContext, NoticeKind, Relief};
use gongkai_core::org::AgencyKind;
use gongkai_core::tz;
use gongkai_store::agencies::Agency;
use gongkai_store::cases::{self, CaseRecord, NewNotice, Notice};

use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::session::Staff;

/// Who hears a 行政复议 against `agency` (行政复议法 2023 Art. 24): for a department, its own
/// government (its parent in the tree); for a government, the one above it.
pub async fn relief(state: &AppState, agency: &Agency) -> AppResult<Relief> {
    let parent = match agency.parent_id {
        Some(id) => state.agency(id).await?.map(|a| a.name),
        None => None,
    };
    let body = match agency.kind {
        AgencyKind::Department => {
            notices::review_body(agency.kind, None, parent.as_deref().or(Some(&state.config().site_name)), false)
        }
        _ => notices::review_body(
            agency.kind,
            parent.as_deref().or(Some(&state.config().superior_government)),
            None,
            false,
        ),
    }
    .map_err(|e| AppError::Conflict(e.to_string()))?;
    Ok(Relief { review_body: body })
}

/// The facts every notice of a case carries.
pub async fn base_context(state: &AppState, record: &CaseRecord, agency: &Agency) -> AppResult<NoticeContext> {
    let mut ctx = NoticeContext {
        agency: agency.name.clone(),
        issued_on: tz::format_date_zh(state.today()),
        office_address: agency.address.clone(),
        office_phone: agency.phone.clone(),
        applicant: record.applicant.name().to_string(),
        case_no: record.case_no.clone(),
        tracking_url: format!("{}/apply/track", state.config().base_url.clone().unwrap_or_default()),
        received_on: record.case.received_on().map(tz::format_date_zh).unwrap_or_default(),
        request: record.description.clone(),
        relief: relief(state, agency).await?,
        ..Default::default()
    };
    ctx.set_channel(record.channel, None);
    if let Ok(d) = record.case.deadline(state.calendar())
        && let Some(due) = d.due
    {
        ctx.due_on = tz::format_date_zh(due);
    }
    Ok(ctx)
}

/// Renders and files a notice; the number is taken only when the notice renders.
pub async fn issue(
    state: &AppState,
    staff: &Staff,
    record: &CaseRecord,
    agency: &Agency,
    kind: NoticeKind,
    mut ctx: NoticeContext,
) -> AppResult<Notice> {
    let template =
        cases::template(state.db(), &kind.code()).await?.unwrap_or_else(|| kind.default_template().to_string());
    // Render once with a placeholder number to find errors before a number is used up.
    ctx.number = "（编号）".into();
    notices::render(&kind, &template, &ctx).map_err(|e| AppError::Conflict(format!("告知书无法生成：{e}")))?;
    let prefix = format!("{}依公", agency.short_name);
    ctx.number = cases::next_notice_number(state.db(), agency.id, &prefix, state.today().year()).await?;
    let body =
        notices::render(&kind, &template, &ctx).map_err(|e| AppError::Conflict(format!("告知书无法生成：{e}")))?;
    let notice = NewNotice {
        case_id: record.id,
        kind: &kind.code(),
        number: &ctx.number,
        body: &body,
        issued_on: state.today(),
    };
    Ok(cases::issue_notice(state.db(), &staff.who(), &crate::foi::case_actor(staff), &notice).await?)
}
