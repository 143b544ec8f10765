//! The JSON API for integrators: `/api/v1/documents` and `/api/v1/documents/{索引号}`.
//! Errors come back as JSON too.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use gongkai_core::doc::IndexNo;
use gongkai_core::tz;
use gongkai_store::documents::{self, CatalogueFilter, PublicLookup};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::{AppError, AppResult};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/documents", get(list))
        .route("/api/v1/documents/{*index_no}", get(one))
        .route("/api/{*rest}", get(|| async { AppError::NotFound.api() }))
}

#[derive(Deserialize)]
struct ListQuery {
    agency: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

#[derive(Serialize)]
struct Item {
    index_no: String,
    title: String,
    doc_no: Option<String>,
    agency: String,
    topic: String,
    genre: String,
    written_on: Option<String>,
    published_at: String,
    validity: Option<String>,
    url: String,
}

#[derive(Serialize)]
struct Page {
    total: i64,
    page: i64,
    per_page: i64,
    items: Vec<Item>,
}

async fn list(
    State(state): State<AppState>,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> AppResult<Json<Page>> {
    let Query(q) = q.map_err(|e| AppError::BadRequest(e.body_text()).api())?;
    let agencies = state.agencies().await.map_err(|e| AppError::from(e).api())?;
    let agency_id = match q.agency.as_deref() {
        Some(code) => Some(
            agencies.iter().find(|a| a.code.as_str() == code || a.slug == code).ok_or(AppError::NotFound.api())?.id,
        ),
        None => None,
    };
    let per_page = q.per_page.unwrap_or(20).clamp(1, 100);
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let filter = CatalogueFilter { agency_id, ..Default::default() };
    let (rows, total) = documents::catalogue(state.db(), &filter, per_page, (page - 1) * per_page)
        .await
        .map_err(|e| AppError::from(e).api())?;
    let items = rows
        .into_iter()
        .map(|r| Item {
            url: format!("/doc/{}", r.index_no),
            agency: agencies.iter().find(|a| a.id == r.agency_id).map(|a| a.name.clone()).unwrap_or_default(),
            topic: match &r.topic_secondary {
                Some(s) => format!("{}/{}", r.topic_primary, s),
                None => r.topic_primary.clone(),
            },
            written_on: r.written_on.map(tz::format_date),
            published_at: r
                .first_published_at
                .to_offset(tz::CST)
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            index_no: r.index_no,
            title: r.title,
            doc_no: r.doc_no,
            genre: r.genre,
            validity: r.validity,
        })
        .collect();
    Ok(Json(Page { total, page, per_page, items }))
}

/// Linked documents as `{index_no, title, doc_no}`.
fn refs(docs: &[gongkai_store::lifecycle::LinkedDoc]) -> Vec<serde_json::Value> {
    docs.iter().map(|d| serde_json::json!({ "index_no": d.index_no, "title": d.title, "doc_no": d.doc_no })).collect()
}

async fn one(State(state): State<AppState>, Path(raw): Path<String>) -> AppResult<Response> {
    let index_no = IndexNo::parse(&raw).map_err(|_| AppError::NotFound.api())?;
    match documents::public_page(state.db(), &index_no).await.map_err(|e| AppError::from(e).api())? {
        PublicLookup::Found(p) => {
            let agency = state.agency(p.document.agency_id).await.map_err(|e| AppError::from(e).api())?;
            let f = &p.edition.fields;
            Ok(Json(serde_json::json!({
                "index_no": index_no.as_str(),
                "agency": agency.map(|a| serde_json::json!({ "code": a.code.as_str(), "name": a.name })),
                "title": f.title.as_str(),
                "doc_no": f.doc_no.as_ref().map(|d| d.as_str()),
                "topic": f.topic.label(),
                "genre": f.genre.code(),
                "policy_kind": f.policy_kind.code(),
                "written_on": f.written_on.map(tz::format_date),
                "published_at": p.document.first_published_at.map(|t| t.to_offset(tz::CST).format(&time::format_description::well_known::Rfc3339).unwrap_or_default()),
                "validity": f.validity.map(|v| serde_json::json!({
                    "status": v.status().code(),
                    "effective_on": v.effective_on().map(tz::format_date),
                    "expires_on": v.expires_on().map(tz::format_date),
                })),
                "summary": f.summary_or_excerpt(),
                "body_html": f.body.as_str(),
                "attachments": p.attachments.iter().map(|a| serde_json::json!({
                    "file_name": a.file_name, "size": a.size, "content_type": a.content_type,
                    "url": format!("/files/{}/{}", a.id, crate::views::url_encode(&a.file_name)),
                })).collect::<Vec<_>>(),
                "editions": p.history.iter().map(|h| serde_json::json!({
                    "edition": h.edition_no, "change_note": h.change_note,
                })).collect::<Vec<_>>(),
                "view_count": p.document.view_count,
                "registration_no": f.registration_no,
                "interpretation": f.interpretation.as_ref().map(|i| serde_json::json!({
                    "form": i.form.code(),
                    "media_url": i.media_url,
                })),
                "validity_changes": p.relations.validity_changes.iter().map(|c| serde_json::json!({
                    "status": c.status.code(),
                    "since": tz::format_date(c.since),
                    "reason": c.reason,
                    "by": c.by.as_ref().map(|b| b.index_no.as_str()),
                })).collect::<Vec<_>>(),
                "links": {
                    "interpretations": refs(&p.relations.interpretations),
                    "interprets": refs(&p.relations.interprets),
                    "repealed_by": refs(&p.relations.repealed_by),
                    "amended_by": refs(&p.relations.amended_by),
                    "repeals": refs(&p.relations.repeals),
                    "amends": refs(&p.relations.amends),
                    "cited_by": refs(&p.relations.cited_by),
                    "cites": p.relations.cites.iter().map(|c| serde_json::json!({
                        "doc_no": c.doc_no,
                        "title": c.title,
                        "index_no": c.link.as_ref().map(|l| l.index_no.as_str()),
                    })).collect::<Vec<_>>(),
                },
                "gazette": p.gazette.iter().map(|g| serde_json::json!({
                    "year": g.key.year, "number": g.key.number, "published_on": tz::format_date(g.published_on),
                })).collect::<Vec<_>>(),
            }))
            .into_response())
        }
        PublicLookup::Withdrawn { .. } => Err(AppError::Gone("该信息已撤回".into()).api()),
        PublicLookup::NotFound => Err(AppError::NotFound.api()),
    }
}
