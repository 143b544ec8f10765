//! Form bodies that carry the session's CSRF token. Every state-changing request of the site
//! goes through one of these extractors, so a handler cannot forget the check.

use axum::RequestExt;
use axum::extract::{FromRequest, Multipart, Request};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::AppError;
use crate::session;

/// Compares in constant time (hashing first makes the lengths equal).
fn same(a: &str, b: &str) -> bool {
    let (x, y) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    x.iter().zip(y.iter()).fold(0u8, |acc, (p, q)| acc | (p ^ q)) == 0
}

const EXPIRED: &str = "页面已过期或来源不明，请刷新页面后重新提交。";

async fn session_csrf(req: &mut Request, state: &AppState) -> Result<String, AppError> {
    let (mut parts, body) = std::mem::take(req).into_parts();
    let loaded = session::load(&mut parts, state).await;
    *req = Request::from_parts(parts, body);
    loaded?.map(|l| l.session.csrf_token).ok_or_else(|| AppError::Forbidden(EXPIRED.into()))
}

/// A url-encoded form with a valid `csrf_token` field.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct TokenOnly {
    #[serde(default)]
    csrf_token: String,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = AppError;

    async fn from_request(mut req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let expected = session_csrf(&mut req, state).await?;
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("无法读取表单内容".into()))?;
        let token: TokenOnly =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::BadRequest("表单格式不正确".into()))?;
        if !same(&token.csrf_token, &expected) {
            return Err(AppError::Forbidden(EXPIRED.into()));
        }
        let value: T =
            serde_urlencoded::from_bytes(&bytes).map_err(|e| AppError::BadRequest(format!("表单格式不正确：{e}")))?;
        Ok(CsrfForm(value))
    }
}

/// A multipart form (file upload) whose first field is a valid `csrf_token`.
pub struct CsrfMultipart(pub Multipart);

impl FromRequest<AppState> for CsrfMultipart {
    type Rejection = AppError;

    async fn from_request(mut req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let limit = state.config().max_upload_bytes;
        let too_large = || too_large(limit);
        // Refuse early when the client announces a body beyond the limit (plus room for the
        // other form fields), before reading any of it.
        let declared = req
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > limit + 64 * 1024) {
            return Err(too_large());
        }
        let expected = session_csrf(&mut req, state).await?;
        let mut multipart: Multipart =
            req.extract().await.map_err(|_| AppError::BadRequest("上传格式不正确".into()))?;
        let field = multipart.next_field().await.map_err(|_| too_large())?;
        let ok = match field {
            Some(f) if f.name() == Some("csrf_token") => same(&f.text().await.unwrap_or_default(), &expected),
            _ => false,
        };
        if !ok {
            return Err(AppError::Forbidden(EXPIRED.into()));
        }
        Ok(CsrfMultipart(multipart))
    }
}

/// Whether an upload read failed because the body was too large.
fn is_too_large(e: &axum::extract::multipart::MultipartError) -> bool {
    e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE
}

/// The answer to an upload beyond the configured limit.
pub fn too_large(limit: usize) -> AppError {
    AppError::TooLarge(format!(
        "上传的文件过大：单个附件不能超过 {}",
        gongkai_core::doc::attachment::human_size(limit as u64)
    ))
}

/// The fields of an upload form after its CSRF token.
#[derive(Default)]
pub struct Uploaded {
    /// Text fields by name.
    pub texts: std::collections::HashMap<String, String>,
    /// The field `file`: the name the browser gave and the contents (empty when no file was
    /// chosen).
    pub file: Option<(String, axum::body::Bytes)>,
}

impl CsrfMultipart {
    /// Reads the rest of the form; a body beyond `limit` is [`too_large`], a broken one a
    /// request to try again.
    pub async fn read(mut self, limit: usize) -> Result<Uploaded, AppError> {
        let failed = |e: axum::extract::multipart::MultipartError| {
            if is_too_large(&e) { too_large(limit) } else { AppError::BadRequest("上传中断，请重试".into()) }
        };
        let mut out = Uploaded::default();
        while let Some(field) = self.0.next_field().await.map_err(failed)? {
            let name = field.name().unwrap_or_default().to_string();
            if name == "file" {
                let file_name = field.file_name().unwrap_or_default().to_string();
                out.file = Some((file_name, field.bytes().await.map_err(failed)?));
            } else {
                // Other fields are read leniently, as text; only their size can fail the form.
                match field.text().await {
                    Ok(text) => {
                        out.texts.insert(name, text);
                    }
                    Err(e) if is_too_large(&e) => return Err(too_large(limit)),
                    Err(_) => {}
                }
            }
        }
        Ok(out)
    }
}

impl<T> std::ops::Deref for CsrfForm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
