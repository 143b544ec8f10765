//! Agencies, accounts, the audit log and one's own password.

use axum::Router;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_core::org::{AgencyFields, AgencyInput, AgencyKind, Role};
use gongkai_core::tz;
use gongkai_store::audit::AuditFilter;
use gongkai_store::users::{self, LoginOutcome, NewUser};
use gongkai_store::{StoreError, agencies};
use rand::Rng;
use serde::Deserialize;

use super::{Done, Empty, html, staff_layout};
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::forms::CsrfForm;
use crate::session::Staff;
use crate::views::{
    AgenciesPage, AgencyFormPage, AuditPage, AuditRowView, Choice, Pager, PasswordPage, UserFormPage, UserRowView,
    UsersPage,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/agencies", get(agency_list))
        .route("/admin/agencies/new", get(agency_new).post(agency_create))
        .route("/admin/agencies/{id}/edit", get(agency_edit).post(agency_update))
        .route("/admin/users", get(user_list))
        .route("/admin/users/new", get(user_new).post(user_create))
        .route("/admin/users/{id}/{action}", post(user_action))
        .route("/admin/audit", get(audit))
        .route("/admin/password", get(password_form).post(password_change))
}

async fn agency_list(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    let list = agencies::list(state.db()).await?;
    html(AgenciesPage {
        layout: staff_layout(&state, &uri, &staff),
        rows: list
            .into_iter()
            .map(|a| {
                (
                    a.code.to_string(),
                    a.name,
                    a.short_name,
                    a.kind.label().to_string(),
                    a.slug,
                    format!("/admin/agencies/{}/edit", a.id),
                )
            })
            .collect(),
        notice: done.message(),
    })
}

async fn agency_form(
    state: &AppState,
    uri: &OriginalUri,
    staff: &Staff,
    input: AgencyInput,
    errors: gongkai_core::doc::FieldErrors,
    editing: Option<i64>,
) -> AppResult<AgencyFormPage> {
    let parents = agencies::list(state.db()).await?;
    Ok(AgencyFormPage {
        layout: staff_layout(state, uri, staff),
        heading: if editing.is_some() { "编辑机构".into() } else { "新增机构".into() },
        action: match editing {
            Some(id) => format!("/admin/agencies/{id}/edit"),
            None => "/admin/agencies/new".into(),
        },
        kinds: Choice::list(AgencyKind::ALL.iter().map(|k| (k.code(), k.label())), &input.kind),
        parents: parents
            .iter()
            .map(|a| Choice {
                value: a.code.to_string(),
                label: a.name.clone(),
                selected: a.code.as_str() == input.parent,
            })
            .collect(),
        input,
        errors,
        editing: editing.is_some(),
    })
}

async fn agency_new(State(state): State<AppState>, uri: OriginalUri, staff: Staff) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    html(agency_form(&state, &uri, &staff, AgencyInput::default(), Default::default(), None).await?)
}

async fn agency_create(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    CsrfForm(input): CsrfForm<AgencyInput>,
) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    let errors = match AgencyFields::parse(&input) {
        Ok(f) => match agencies::create(state.db(), &staff.who(), &f).await {
            Ok(_) => {
                state.forget_agencies();
                return Ok(Redirect::to("/admin/agencies?done=agency").into_response());
            }
            Err(StoreError::Invalid(e)) => e,
            Err(StoreError::Conflict(m)) => {
                let mut e = gongkai_core::doc::FieldErrors::default();
                e.add("code", m);
                e
            }
            Err(e) => return Err(e.into()),
        },
        Err(e) => e,
    };
    let page = agency_form(&state, &uri, &staff, input, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(askama::Template::render(&page)?)).into_response())
}

async fn agency_edit(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let a = agencies::by_id(state.db(), id).await?.ok_or(AppError::NotFound)?;
    let parent = match a.parent_id {
        Some(p) => agencies::by_id(state.db(), p).await?.map(|p| p.code.to_string()).unwrap_or_default(),
        None => String::new(),
    };
    let input = AgencyInput {
        code: a.code.to_string(),
        slug: a.slug,
        name: a.name,
        short_name: a.short_name,
        kind: a.kind.code().into(),
        parent,
        office_name: a.office_name,
        address: a.address,
        office_hours: a.office_hours,
        phone: a.phone,
        fax: a.fax,
        email: a.email,
        postcode: a.postcode,
    };
    html(agency_form(&state, &uri, &staff, input, Default::default(), Some(id)).await?)
}

async fn agency_update(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(mut input): CsrfForm<AgencyInput>,
) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let existing = agencies::by_id(state.db(), id).await?.ok_or(AppError::NotFound)?;
    // The code is part of every 索引号 already issued: it cannot change here.
    input.code = existing.code.to_string();
    input.parent = match existing.parent_id {
        Some(p) => agencies::by_id(state.db(), p).await?.map(|p| p.code.to_string()).unwrap_or_default(),
        None => String::new(),
    };
    let errors = match AgencyFields::parse(&input) {
        Ok(f) => match agencies::update(state.db(), &staff.who(), id, &f).await {
            Ok(_) => {
                state.forget_agencies();
                return Ok(Redirect::to("/admin/agencies?done=agency").into_response());
            }
            Err(StoreError::Conflict(m)) => {
                let mut e = gongkai_core::doc::FieldErrors::default();
                e.add("slug", m);
                e
            }
            Err(e) => return Err(e.into()),
        },
        Err(e) => e,
    };
    let page = agency_form(&state, &uri, &staff, input, errors, Some(id)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(askama::Template::render(&page)?)).into_response())
}

async fn user_list(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    let list = users::list(state.db()).await?;
    let agencies = state.agencies().await?;
    html(UsersPage {
        layout: staff_layout(&state, &uri, &staff),
        rows: list
            .into_iter()
            .map(|u| UserRowView {
                id: u.id,
                agency: u
                    .agency_id
                    .and_then(|id| agencies.iter().find(|a| a.id == id))
                    .map(|a| a.short_name.clone())
                    .unwrap_or_default(),
                username: u.username,
                name: u.display_name,
                role: u.role.label().into(),
                active: u.active,
            })
            .collect(),
        notice: done.message(),
    })
}

async fn user_form(
    state: &AppState,
    uri: &OriginalUri,
    staff: &Staff,
    form: &UserForm,
    errors: gongkai_core::doc::FieldErrors,
    created_password: String,
) -> AppResult<UserFormPage> {
    let agencies = state.agencies().await?;
    Ok(UserFormPage {
        layout: staff_layout(state, uri, staff),
        username: form.username.clone(),
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        roles: Choice::list(Role::ALL.iter().map(|r| (r.code(), r.label())), &form.role),
        agencies: agencies
            .iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: a.name.clone(),
                selected: a.id.to_string() == form.agency,
            })
            .collect(),
        errors,
        created_password,
    })
}

#[derive(Deserialize, Default)]
struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    email: String,
}

async fn user_new(State(state): State<AppState>, uri: OriginalUri, staff: Staff) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    let form = UserForm { role: "editor".into(), ..Default::default() };
    html(user_form(&state, &uri, &staff, &form, Default::default(), String::new()).await?)
}

/// A strong random password for a new or reset account, shown once.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let body: String = (0..14).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    // A digit and a symbol guarantee the password policy's "two classes" whatever was drawn.
    format!("{body}-{}", rng.random_range(2..10))
}

async fn user_create(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    CsrfForm(form): CsrfForm<UserForm>,
) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    let mut errors = gongkai_core::doc::FieldErrors::default();
    let role = Role::from_code(&form.role).or_else(|| {
        errors.add("role", "请选择角色");
        None
    });
    let agency_id = match form.agency.trim() {
        "" => None,
        a => a.parse::<i64>().ok().or_else(|| {
            errors.add("agency", "请选择机构");
            None
        }),
    };
    let created = match role {
        Some(role) if errors.is_empty() => {
            let password = generate_password();
            let new = NewUser {
                username: form.username.trim().into(),
                display_name: form.display_name.trim().into(),
                role,
                agency_id,
                password: password.clone(),
                email: Some(form.email.trim().to_string()).filter(|m| !m.is_empty()),
            };
            match users::create(state.db(), &staff.who(), &new).await {
                Ok(_) => Some(password),
                Err(StoreError::Invalid(e)) => {
                    errors = e;
                    None
                }
                Err(StoreError::Conflict(m)) => {
                    errors.add("username", m);
                    None
                }
                Err(e) => return Err(e.into()),
            }
        }
        _ => None,
    };
    let status = if created.is_some() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = user_form(&state, &uri, &staff, &form, errors, created.unwrap_or_default()).await?;
    Ok((status, Html(askama::Template::render(&page)?)).into_response())
}

async fn user_action(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path((id, action)): Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin])?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    match action.as_str() {
        "disable" if id == staff.user.id => Err(AppError::Conflict("不能停用自己的账号".into())),
        "disable" | "enable" => {
            users::set_active(state.db(), &staff.who(), id, action == "enable").await?;
            Ok(Redirect::to("/admin/users?done=user").into_response())
        }
        "reset" => {
            let password = generate_password();
            users::set_password(state.db(), &staff.who(), id, &password).await?;
            let user = users::by_id(state.db(), id).await?.ok_or(AppError::NotFound)?;
            let form = UserForm {
                username: user.username,
                display_name: user.display_name,
                role: user.role.code().into(),
                agency: user.agency_id.map(|a| a.to_string()).unwrap_or_default(),
                email: user.email.unwrap_or_default(),
            };
            html(user_form(&state, &uri, &staff, &form, Default::default(), password).await?)
        }
        _ => Err(AppError::NotFound),
    }
}

#[derive(Deserialize, Default)]
struct AuditQuery {
    #[serde(default)]
    page: Option<String>,
}

async fn audit(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    staff.require(&[Role::SystemAdmin, Role::DisclosureOffice])?;
    let page = q.page.as_deref().and_then(|p| p.parse().ok()).filter(|p: &i64| *p >= 1).unwrap_or(1);
    const PER: i64 = 50;
    let (rows, total) = gongkai_store::audit::list(state.db(), &AuditFilter::default(), PER, (page - 1) * PER).await?;
    html(AuditPage {
        layout: staff_layout(&state, &uri, &staff),
        rows: rows
            .into_iter()
            .map(|r| AuditRowView {
                at: tz::format_minutes(r.at),
                actor: r.actor_name,
                action: r.action,
                entity: format!("{} {}", r.entity, r.entity_id),
                note: r.note.unwrap_or_default(),
                ip: r.ip.unwrap_or_default(),
                change: match (&r.before_json, &r.after_json) {
                    (None, None) => String::new(),
                    (b, a) => format!(
                        "修改前：{}\n修改后：{}",
                        b.as_ref().map(|v| v.0.to_string()).unwrap_or_else(|| "—".into()),
                        a.as_ref().map(|v| v.0.to_string()).unwrap_or_else(|| "—".into())
                    ),
                },
            })
            .collect(),
        pager: Pager::new(total, page, PER, "/admin/audit?"),
    })
}

async fn password_form(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    html(PasswordPage { layout: staff_layout(&state, &uri, &staff), error: String::new(), notice: done.message() })
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    new_password: String,
}

async fn password_change(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    CsrfForm(f): CsrfForm<PasswordForm>,
) -> AppResult<Response> {
    let error = match users::login(state.db(), &staff.user.username, &f.current, &staff.ip).await? {
        LoginOutcome::Ok(_) => {
            match users::set_password(state.db(), &staff.who(), staff.user.id, &f.new_password).await {
                // Changing the password ends every session, this one included: log in again.
                Ok(()) => return Ok(Redirect::to("/login?next=/admin").into_response()),
                Err(StoreError::Invalid(e)) => e.iter().map(|(_, m)| m.to_string()).collect::<Vec<_>>().join("；"),
                Err(e) => return Err(e.into()),
            }
        }
        LoginOutcome::Failed => "当前密码不正确".into(),
        LoginOutcome::Throttled => "失败次数过多，请 15 分钟后再试".into(),
    };
    let page = PasswordPage { layout: staff_layout(&state, &uri, &staff), error, notice: String::new() };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(askama::Template::render(&page)?)).into_response())
}
