//! 政府公报 on the public site: `/gazette` (the years, with their issue counts),
//! `/gazette/{year}` (the issues of a year) and `/gazette/{year}/{number}` (one issue: its date
//! and its 目录, each entry linking to the document's page).
//!
//! Years and numbers are read strictly (digits, no leading zero): anything else is not a page
//! of the gazette, so it is a 404, as an unknown year or issue is.

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{OriginalUri, Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use gongkai_core::gazette::{IssueKey, MAX_NUMBER, YEARS};
use gongkai_core::tz;
use gongkai_store::gazette;

use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::public::layout;
use crate::views::{Layout, Link};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/gazette", get(index))
        .route("/gazette/", get(|| async { Redirect::permanent("/gazette") }))
        .route("/gazette/{year}", get(year))
        .route("/gazette/{year}/{number}", get(issue))
}

/// One issue in a year's list.
pub struct IssueView {
    pub label: String,
    pub href: String,
    pub published_on: String,
    pub documents: i64,
}

/// One line of an issue's 目录.
pub struct EntryView {
    pub position: i64,
    pub title: String,
    pub href: String,
    pub doc_no: String,
    pub index_no: String,
    pub withdrawn: bool,
}

#[derive(Template)]
#[template(path = "gazette/index.html")]
pub struct IndexPage {
    pub layout: Layout,
    pub name: String,
    pub years: Vec<Link>,
}

#[derive(Template)]
#[template(path = "gazette/year.html")]
pub struct YearPage {
    pub layout: Layout,
    pub name: String,
    pub year: i32,
    pub issues: Vec<IssueView>,
    pub years: Vec<Link>,
}

#[derive(Template)]
#[template(path = "gazette/issue.html")]
pub struct IssuePage {
    pub layout: Layout,
    pub year: i32,
    pub heading: String,
    pub published_on: String,
    pub published_on_zh: String,
    pub entries: Vec<EntryView>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// The gazette's name: the government's, as printed on the cover (温州市人民政府公报).
fn name(state: &AppState) -> String {
    format!("{}公报", state.config().site_name)
}

/// A positive decimal number as a URL writes it: digits only, no sign, no leading zero.
fn strict_number(s: &str, max_digits: usize) -> Option<u32> {
    let canonical =
        !s.is_empty() && s.len() <= max_digits && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
    canonical.then(|| s.parse().ok()).flatten()
}

fn year_of(s: &str) -> AppResult<i32> {
    strict_number(s, 4).and_then(|y| i32::try_from(y).ok()).filter(|y| YEARS.contains(y)).ok_or(AppError::NotFound)
}

fn html(page: impl Template) -> AppResult<Response> {
    Ok(Html(page.render()?).into_response())
}

fn year_href(year: i32) -> String {
    format!("/gazette/{year}")
}

fn issue_href(key: IssueKey) -> String {
    format!("/gazette/{}/{}", key.year, key.number)
}

async fn year_links(state: &AppState, current: Option<i32>) -> AppResult<Vec<Link>> {
    Ok(gazette::years(state.db())
        .await?
        .into_iter()
        .map(|y| Link {
            label: format!("{}年", y.year),
            href: year_href(y.year),
            note: format!("{} 期", y.issues),
            current: Some(y.year) == current,
        })
        .collect())
}

async fn index(State(state): State<AppState>, uri: OriginalUri) -> AppResult<Response> {
    html(IndexPage { layout: layout(&state, &uri, "xxgk"), name: name(&state), years: year_links(&state, None).await? })
}

async fn year(
    State(state): State<AppState>,
    uri: OriginalUri,
    path: Result<Path<String>, PathRejection>,
) -> AppResult<Response> {
    let Ok(Path(raw)) = path else { return Err(AppError::NotFound) };
    let year = year_of(&raw)?;
    let issues = gazette::issues_of_year(state.db(), year).await?;
    if issues.is_empty() {
        return Err(AppError::NotFound);
    }
    html(YearPage {
        layout: layout(&state, &uri, "xxgk"),
        name: name(&state),
        year,
        issues: issues
            .into_iter()
            .map(|i| IssueView {
                label: format!("第{}期", i.key.number),
                href: issue_href(i.key),
                published_on: tz::format_date(i.published_on),
                documents: i.documents,
            })
            .collect(),
        years: year_links(&state, Some(year)).await?,
    })
}

async fn issue(
    State(state): State<AppState>,
    uri: OriginalUri,
    path: Result<Path<(String, String)>, PathRejection>,
) -> AppResult<Response> {
    let Ok(Path((raw_year, raw_number))) = path else { return Err(AppError::NotFound) };
    let year = year_of(&raw_year)?;
    let number = strict_number(&raw_number, 3).filter(|n| *n <= MAX_NUMBER).ok_or(AppError::NotFound)?;
    let key = IssueKey { year, number };
    let issue = gazette::issue(state.db(), key).await?.ok_or(AppError::NotFound)?;
    // 上一期 / 下一期 within the year.
    let siblings = gazette::issues_of_year(state.db(), year).await?;
    let at = siblings.iter().position(|i| i.key == key);
    let link = |i: &gazette::IssueSummary, label: &str| Link {
        label: format!("{label}：第{}期", i.key.number),
        href: issue_href(i.key),
        note: String::new(),
        current: false,
    };
    let prev = at.and_then(|at| at.checked_sub(1)).and_then(|p| siblings.get(p)).map(|i| link(i, "上一期"));
    let next = at.and_then(|at| siblings.get(at + 1)).map(|i| link(i, "下一期"));
    html(IssuePage {
        layout: layout(&state, &uri, "xxgk"),
        year,
        heading: format!("{} {key}", name(&state)),
        published_on: tz::format_date(issue.published_on),
        published_on_zh: tz::format_date_zh(issue.published_on),
        entries: issue
            .entries
            .into_iter()
            .map(|e| EntryView {
                position: e.position,
                href: format!("/doc/{}", e.index_no),
                title: e.title,
                doc_no: e.doc_no.unwrap_or_default(),
                index_no: e.index_no,
                withdrawn: e.withdrawn,
            })
            .collect(),
        prev,
        next,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_paths_are_read_strictly() {
        assert_eq!(strict_number("2017", 4), Some(2017));
        assert_eq!(strict_number("12", 3), Some(12));
        for bad in ["", "0", "012", "+12", "-1", "1e3", "12345", " 12", "１２"] {
            assert_eq!(strict_number(bad, 4), None, "{bad:?}");
        }
        assert!(year_of("1900").is_err());
        assert!(year_of("2017").is_ok());
    }
}
