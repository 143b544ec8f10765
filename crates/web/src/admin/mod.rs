//! The back office: login, the work overview, documents, agencies, accounts and the audit log.

mod accounts;
mod docs;
mod lifecycle;
mod reports;
mod timeliness;

use askama::Template;
use axum::Router;
use axum::extract::{OriginalUri, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_core::org::Role;
use gongkai_store::users::LoginOutcome;
use serde::Deserialize;

use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::forms::CsrfForm;
use crate::session::{self, Staff};
use crate::views::{Layout, LoginPage, StaffNav};

pub fn routes(_state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/admin", get(docs::dashboard))
        .route("/admin/", get(|| async { Redirect::permanent("/admin") }))
        .merge(docs::routes())
        .merge(accounts::routes())
        .merge(timeliness::routes())
        .merge(lifecycle::routes())
        .merge(reports::routes())
}

pub fn staff_layout(state: &AppState, uri: &OriginalUri, staff: &Staff) -> Layout {
    let role = staff.user.role;
    Layout {
        site_name: state.config().site_name.clone(),
        here: uri.0.path().to_string(),
        staff: Some(StaffNav {
            display_name: staff.user.display_name.clone(),
            role: role.label(),
            csrf: staff.csrf.clone(),
            can_edit: role == Role::Editor,
            is_admin: role == Role::SystemAdmin,
            is_overseer: matches!(role, Role::SystemAdmin | Role::DisclosureOffice),
            handles_requests: role.handles_requests(),
            reports: role != Role::RequestOfficer,
        }),
        section: "admin",
    }
}

fn html(page: impl Template) -> AppResult<Response> {
    Ok(Html(page.render()?).into_response())
}

/// Messages shown after a redirect, chosen by code so that no text travels in the URL.
#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: Option<String>,
}

impl Done {
    pub fn message(&self) -> String {
        match self.done.as_deref() {
            Some("created") => "已保存草稿。",
            Some("saved") => "已保存。",
            Some("submitted") => "已送审，等待审核人审核。",
            Some("returned") => "已退回信息员修改。",
            Some("published") => "已审核发布。",
            Some("revised") => "已创建修订稿，公开页面仍显示已发布的版本，直到修订稿发布。",
            Some("withdrawn") => "已撤回，原网址将显示撤回说明。",
            Some("attached") => "附件已上传。",
            Some("detached") => "附件已删除。",
            Some("password") => "密码已修改。",
            Some("agency") => "机构信息已保存。",
            Some("user") => "账号已更新。",
            Some("welcome") => "登录成功。",
            Some("validity") => "有效性已变更：被废止或修改的文件原页面已标注，并链接到本文件。",
            _ => "",
        }
        .into()
    }
}

/// A form with nothing but its CSRF token (a button).
#[derive(Deserialize)]
pub struct Empty {}

/// The year and agency a supervision report is for. The disclosure office and administrators
/// choose any agency or the whole city; editors and reviewers see their own agency only,
/// whatever the query says; request officers are not shown these reports.
pub struct ReportScope {
    pub year: i32,
    pub agency: Option<gongkai_store::agencies::Agency>,
    pub agencies: std::sync::Arc<Vec<gongkai_store::agencies::Agency>>,
    pub can_choose: bool,
}

impl ReportScope {
    pub async fn of(
        state: &AppState,
        staff: &Staff,
        year: Option<&str>,
        agency: Option<&str>,
    ) -> AppResult<ReportScope> {
        staff.require(&[Role::DisclosureOffice, Role::SystemAdmin, Role::Editor, Role::Reviewer])?;
        let year = match year.map(str::trim).filter(|y| !y.is_empty()) {
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
            agency.and_then(|c| agencies.iter().find(|a| a.code.as_str() == c)).cloned()
        } else {
            Some(
                staff
                    .user
                    .agency_id
                    .and_then(|id| agencies.iter().find(|a| a.id == id))
                    .cloned()
                    .ok_or_else(|| AppError::Forbidden("本账号未归属任何机关".into()))?,
            )
        };
        Ok(ReportScope { year, agency, agencies, can_choose })
    }

    /// The short name of an agency, for table rows.
    pub fn name_of(&self, id: i64) -> String {
        self.agencies.iter().find(|a| a.id == id).map(|a| a.short_name.clone()).unwrap_or_default()
    }
}

#[derive(Deserialize, Default)]
struct LoginQuery {
    #[serde(default)]
    next: Option<String>,
}

/// Only local paths are followed after login (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\')).unwrap_or("/admin").to_string()
}

/// The login page. It starts an anonymous session so that its form carries a CSRF token.
async fn login_form(
    State(state): State<AppState>,
    uri: OriginalUri,
    Query(q): Query<LoginQuery>,
    mut parts: axum::http::request::Parts,
) -> AppResult<Response> {
    let loaded = session::load(&mut parts, &state).await?;
    if loaded.as_ref().is_some_and(|l| l.session.user.is_some()) {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    let (csrf, cookie) = match loaded {
        Some(l) => (l.session.csrf_token, None),
        None => {
            let (token, s) = gongkai_store::sessions::create(state.db(), None).await?;
            (s.csrf_token, Some(session::session_cookie(&state, Some(&token))))
        }
    };
    let page = LoginPage {
        layout: crate::public::layout(&state, &uri, "admin"),
        csrf,
        username: String::new(),
        next: safe_next(q.next.as_deref()),
        error: String::new(),
    };
    let mut res = Html(page.render()?).into_response();
    if let Some(c) = cookie {
        res.headers_mut().insert(header::SET_COOKIE, c);
    }
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    uri: OriginalUri,
    parts: axum::http::request::Parts,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> AppResult<Response> {
    let ip = session::client_ip(&parts);
    let username = form.username.trim().to_string();
    let outcome = gongkai_store::users::login(state.db(), &username, &form.password, &ip).await?;
    let error = match outcome {
        LoginOutcome::Ok(user) => {
            // A new session on login: whatever token existed before (possibly planted by an
            // attacker) does not become an authenticated one.
            if let Some(old) = session::cookie(&parts.headers, session::COOKIE) {
                gongkai_store::sessions::delete(state.db(), old).await?;
            }
            let (token, _) = gongkai_store::sessions::create(state.db(), Some(user.id)).await?;
            tracing::info!(user = %user.username, "login");
            let mut res = Redirect::to(&safe_next(form.next.as_deref())).into_response();
            res.headers_mut().insert(header::SET_COOKIE, session::session_cookie(&state, Some(&token)));
            return Ok(res);
        }
        LoginOutcome::Failed => "用户名或密码错误。",
        LoginOutcome::Throttled => "登录失败次数过多，请 15 分钟后再试。",
    };
    let csrf = session::cookie(&parts.headers, session::COOKIE);
    let csrf = match csrf {
        Some(t) => gongkai_store::sessions::load(state.db(), t).await?.map(|s| s.csrf_token).unwrap_or_default(),
        None => String::new(),
    };
    let page = LoginPage {
        layout: crate::public::layout(&state, &uri, "admin"),
        csrf,
        username,
        next: safe_next(form.next.as_deref()),
        error: error.into(),
    };
    let status = if matches!(outcome, LoginOutcome::Throttled) {
        axum::http::StatusCode::TOO_MANY_REQUESTS
    } else {
        axum::http::StatusCode::UNAUTHORIZED
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn logout(
    State(state): State<AppState>,
    parts: axum::http::request::Parts,
    _: CsrfForm<Empty>,
) -> AppResult<Response> {
    if let Some(token) = session::cookie(&parts.headers, session::COOKIE) {
        gongkai_store::sessions::delete(state.db(), token).await?;
    }
    let mut res = Redirect::to("/").into_response();
    res.headers_mut().insert(header::SET_COOKIE, session::session_cookie(&state, None));
    Ok(res)
}
