//! `/search` and `GET /api/v1/search`: the node's index queried with filters and facets.

use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{OriginalUri, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use gongkai_core::doc::{Genre, ValidityStatus};
use gongkai_search::{Filters, SearchQuery, SearchResults, Sort};
use serde::Deserialize;

use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::public::{PER_PAGE, html, layout, page_of_str};
use crate::views::{Layout, Link, Pager, href_with};

pub fn routes() -> Router<AppState> {
    Router::new().route("/search", get(page)).route("/api/v1/search", get(api))
}

#[derive(Deserialize, Default, Clone)]
pub struct SearchParams {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    agency: Option<String>,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    genre: Option<String>,
    #[serde(default)]
    year: Option<String>,
    #[serde(default)]
    validity: Option<String>,
    #[serde(default)]
    sort: Option<String>,
    /// `1`: policy documents only (the 政策文件库's search).
    #[serde(default)]
    policies: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

impl SearchParams {
    /// Unknown filter values are dropped, not refused: a stale link still searches.
    fn cleaned(&self) -> SearchParams {
        let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        SearchParams {
            q: blank(&self.q),
            agency: blank(&self.agency).filter(|a| a.parse::<i64>().is_ok()),
            topic: blank(&self.topic),
            genre: blank(&self.genre).filter(|g| Genre::from_code(g).is_some()),
            year: blank(&self.year).filter(|y| y.parse::<i32>().is_ok_and(|y| (1949..=2100).contains(&y))),
            validity: blank(&self.validity).filter(|v| ValidityStatus::from_code(v).is_some()),
            sort: blank(&self.sort).filter(|s| s == "date"),
            policies: blank(&self.policies).filter(|p| p == "1"),
            page: None,
        }
    }

    fn query(&self, page: i64) -> SearchQuery {
        SearchQuery {
            text: self.q.clone().unwrap_or_default(),
            filters: Filters {
                agency_id: self.agency.as_deref().and_then(|a| a.parse().ok()),
                topic: self.topic.clone(),
                genre: self.genre.as_deref().and_then(Genre::from_code),
                year: self.year.as_deref().and_then(|y| y.parse().ok()),
                validity: self.validity.as_deref().and_then(ValidityStatus::from_code),
                policies_only: self.policies.is_some(),
            },
            sort: if self.sort.is_some() { Sort::Date } else { Sort::Relevance },
            page: u32::try_from(page).unwrap_or(1),
            per_page: PER_PAGE as u32,
        }
    }

    fn href(&self) -> String {
        href_with(
            "/search",
            &[
                ("q", &self.q),
                ("agency", &self.agency),
                ("topic", &self.topic),
                ("genre", &self.genre),
                ("year", &self.year),
                ("validity", &self.validity),
                ("sort", &self.sort),
                ("policies", &self.policies),
            ],
        )
    }
}

/// Runs the query on a blocking thread: a search reads index files and takes milliseconds at a
/// million documents, which must not hold one of the runtime's few workers.
async fn run(state: &AppState, q: SearchQuery) -> AppResult<SearchResults> {
    let index =
        state.search_index().ok_or_else(|| AppError::internal("the search index is not available on this node"))?;
    tokio::task::spawn_blocking(move || index.search(&q)).await.map_err(AppError::internal)?.map_err(AppError::internal)
}

pub struct HitView {
    pub href: String,
    pub title_html: String,
    pub snippet_html: String,
    pub exact: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub layout: Layout,
    pub q: String,
    pub total: u64,
    pub hits: Vec<HitView>,
    pub pager: Pager,
    pub filters: Vec<(String, Vec<Link>)>,
    pub filtered: bool,
    pub clear_href: String,
    pub by_date: bool,
    pub sort_href: String,
    pub policies_only: bool,
}

async fn page(State(state): State<AppState>, uri: OriginalUri, Query(raw): Query<SearchParams>) -> AppResult<Response> {
    let p = raw.cleaned();
    let page = page_of_str(raw.page.as_deref()).min(500);
    let results = run(&state, p.query(page)).await?;
    let link =
        |label: String, sel: SearchParams, note: String, current: bool| Link { href: sel.href(), label, note, current };
    let facet = |name: &str,
                 values: &[gongkai_search::FacetCount],
                 set: &dyn Fn(Option<String>) -> SearchParams,
                 current: &Option<String>| {
        let mut links = vec![link("不限".into(), set(None), String::new(), current.is_none())];
        links.extend(values.iter().map(|f| {
            link(
                f.label.clone(),
                set(Some(f.value.clone())),
                f.count.to_string(),
                current.as_deref() == Some(f.value.as_str()),
            )
        }));
        (name.to_string(), links)
    };
    let filters = vec![
        facet("发布机构", &results.facets.agency, &|v| SearchParams { agency: v, ..p.clone() }, &p.agency),
        facet("主题分类", &results.facets.topic, &|v| SearchParams { topic: v, ..p.clone() }, &p.topic),
        facet("公文种类", &results.facets.genre, &|v| SearchParams { genre: v, ..p.clone() }, &p.genre),
        facet("年份", &results.facets.year, &|v| SearchParams { year: v, ..p.clone() }, &p.year),
        facet("有效性", &results.facets.validity, &|v| SearchParams { validity: v, ..p.clone() }, &p.validity),
    ];
    let here = p.href();
    let pager_base = if here.contains('?') { format!("{here}&") } else { format!("{here}?") };
    let filtered =
        p.agency.is_some() || p.topic.is_some() || p.genre.is_some() || p.year.is_some() || p.validity.is_some();
    html(SearchPage {
        layout: layout(&state, &uri, "search"),
        q: p.q.clone().unwrap_or_default(),
        total: results.total,
        hits: results
            .hits
            .iter()
            .map(|h| HitView {
                href: format!("/doc/{}", h.index_no),
                title_html: h.title_html.clone(),
                snippet_html: h.snippet_html.clone(),
                exact: results.exact == Some(h.document_id),
            })
            .collect(),
        pager: Pager::new(results.total as i64, page, PER_PAGE, &pager_base),
        filters,
        filtered,
        clear_href: SearchParams { q: p.q.clone(), policies: p.policies.clone(), ..SearchParams::default() }.href(),
        by_date: p.sort.is_some(),
        sort_href: SearchParams { sort: if p.sort.is_some() { None } else { Some("date".into()) }, ..p.clone() }.href(),
        policies_only: p.policies.is_some(),
    })
}

/// The same search as JSON: hits with their 索引号, highlighted title and snippet (HTML), the
/// total, the facets with counts and the exact 文号/索引号 match.
async fn api(State(state): State<AppState>, Query(raw): Query<SearchParams>) -> Response {
    let p = raw.cleaned();
    let page = page_of_str(raw.page.as_deref()).min(500);
    match run(&state, p.query(page)).await {
        Ok(r) => {
            let facet = |v: &[gongkai_search::FacetCount]| {
                v.iter()
                    .map(|f| serde_json::json!({ "value": f.value, "label": f.label, "count": f.count }))
                    .collect::<Vec<_>>()
            };
            Json(serde_json::json!({
                "total": r.total,
                "page": page,
                "exact": r.exact,
                "hits": r.hits.iter().map(|h| serde_json::json!({
                    "document_id": h.document_id, "index_no": h.index_no, "url": format!("/doc/{}", h.index_no),
                    "title_html": h.title_html, "snippet_html": h.snippet_html, "score": h.score,
                })).collect::<Vec<_>>(),
                "facets": {
                    "agency": facet(&r.facets.agency), "topic": facet(&r.facets.topic), "genre": facet(&r.facets.genre),
                    "year": facet(&r.facets.year), "validity": facet(&r.facets.validity),
                },
            }))
            .into_response()
        }
        Err(e) => e.api().into_response(),
    }
}
