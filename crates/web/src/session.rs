//! Sessions in a cookie, the logged-in staff member, and who they are for the audit log.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_core::doc::workflow::Actor;
use gongkai_core::org::Role;
use gongkai_store::audit::Who;
use gongkai_store::sessions::{self, SESSION_TTL, Session};
use gongkai_store::users::User;

use crate::AppState;
use crate::error::AppError;

pub const COOKIE: &str = "gk_session";

/// The value of a cookie in the request, if present.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The `Set-Cookie` value for a session token (or for removing it, with `None`).
pub fn session_cookie(state: &AppState, token: Option<&str>) -> HeaderValue {
    let secure = if state.config().secure_cookies { "; Secure" } else { "" };
    let value = match token {
        Some(t) => {
            format!("{COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", SESSION_TTL.whole_seconds())
        }
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&value).expect("cookie value is ASCII")
}

/// The session of this request, loaded once and kept in the request's extensions.
#[derive(Clone)]
pub struct Loaded {
    pub session: Session,
}

pub async fn load(parts: &mut Parts, state: &AppState) -> Result<Option<Loaded>, AppError> {
    if let Some(l) = parts.extensions.get::<Option<Loaded>>() {
        return Ok(l.clone());
    }
    let loaded = match cookie(&parts.headers, COOKIE) {
        Some(token) => sessions::load(state.db(), token).await?.map(|session| Loaded { session }),
        None => None,
    };
    parts.extensions.insert(loaded.clone());
    Ok(loaded)
}

/// The client address for the audit log.
pub fn client_ip(parts: &Parts) -> String {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// A logged-in staff member. Pages that take it redirect anonymous visitors to the login page.
pub struct Staff {
    pub user: User,
    pub csrf: String,
    pub ip: String,
}

impl Staff {
    pub fn actor(&self) -> Actor {
        Actor { user_id: self.user.id, role: self.user.role, agency_id: self.user.agency_id }
    }

    pub fn who(&self) -> Who {
        Who { user_id: Some(self.user.id), name: self.user.username.clone(), ip: Some(self.ip.clone()) }
    }

    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.user.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!("“{}”无权进行此操作", self.user.role.label())))
        }
    }
}

pub enum StaffRejection {
    Login(String),
    Error(AppError),
}

impl IntoResponse for StaffRejection {
    fn into_response(self) -> Response {
        match self {
            StaffRejection::Login(next) => Redirect::to(&format!(
                "/login?next={}",
                percent_encoding::utf8_percent_encode(&next, percent_encoding::NON_ALPHANUMERIC)
            ))
            .into_response(),
            StaffRejection::Error(e) => e.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = StaffRejection;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let loaded = load(parts, state).await.map_err(StaffRejection::Error)?;
        match loaded {
            Some(Loaded { session: Session { user: Some(user), csrf_token, .. }, .. }) => {
                Ok(Staff { user, csrf: csrf_token, ip: client_ip(parts) })
            }
            _ => {
                let next = parts
                    .extensions
                    .get::<OriginalUri>()
                    .map(|u| u.0.path().to_string())
                    .unwrap_or_else(|| parts.uri.path().to_string());
                Err(StaffRejection::Login(next))
            }
        }
    }
}
