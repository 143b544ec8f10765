//! One error type for the web edge. Users see a safe message (an HTML page on the site, JSON
//! under `/api`); the log gets the cause.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Json, Response};
use gongkai_store::StoreError;

use crate::views::ErrorPage;

#[derive(Debug)]
pub enum AppError {
    NotFound,
    /// 410: the page existed and was taken down; the message says why.
    Gone(String),
    BadRequest(String),
    Forbidden(String),
    Conflict(String),
    TooLarge(String),
    TooManyRequests(String),
    /// Something broke; the message is logged, never shown.
    Internal(String),
    /// Under `/api`: the same errors as JSON.
    Api(Box<AppError>),
}

impl AppError {
    pub fn internal(e: impl std::fmt::Display) -> AppError {
        AppError::Internal(e.to_string())
    }

    /// The same error, rendered as JSON.
    pub fn api(self) -> AppError {
        match self {
            AppError::Api(_) => self,
            other => AppError::Api(Box::new(other)),
        }
    }

    fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "您访问的页面不存在，可能已被移动或网址有误。".into()),
            AppError::Gone(m) => (StatusCode::GONE, m.clone()),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, m.clone()),
            AppError::Conflict(m) => (StatusCode::CONFLICT, m.clone()),
            AppError::TooLarge(m) => (StatusCode::PAYLOAD_TOO_LARGE, m.clone()),
            AppError::TooManyRequests(m) => (StatusCode::TOO_MANY_REQUESTS, m.clone()),
            AppError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "服务器出现错误，请稍后再试。问题已记录。".into())
            }
            AppError::Api(inner) => inner.status_and_message(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(m) | StoreError::PrivacyBlocked(m) => AppError::Conflict(m),
            StoreError::Invalid(errs) => {
                AppError::BadRequest(errs.iter().map(|(_, m)| m).collect::<Vec<_>>().join("；"))
            }
            StoreError::Workflow(w) => AppError::Conflict(w.to_string()),
            StoreError::Case(c) => AppError::Conflict(c.to_string()),
            StoreError::Forbidden(m) => AppError::Forbidden(m),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> AppError {
        AppError::Internal(format!("template: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = self.status_and_message();
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        } else if let AppError::Api(inner) = &self
            && let AppError::Internal(cause) = inner.as_ref()
        {
            tracing::error!(%cause, "internal error");
        }
        if matches!(self, AppError::Api(_)) {
            let body = serde_json::json!({ "error": { "status": status.as_u16(), "message": message } });
            return (status, Json(body)).into_response();
        }
        let title = match status {
            StatusCode::NOT_FOUND => "页面不存在",
            StatusCode::GONE => "该信息已撤回",
            StatusCode::FORBIDDEN => "无权访问",
            StatusCode::PAYLOAD_TOO_LARGE => "文件过大",
            StatusCode::TOO_MANY_REQUESTS => "请求过于频繁",
            StatusCode::CONFLICT => "无法完成操作",
            StatusCode::BAD_REQUEST => "请求有误",
            _ => "服务器错误",
        };
        let page = ErrorPage { title, message: &message, status: status.as_u16() };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, message).into_response(),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
