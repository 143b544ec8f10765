//! `/policies`, the 政策文件库: policy documents only (规章, 行政规范性文件, other 政策文件) of
//! every agency, filtered by 发文机关, 主题分类, year and 有效性, sorted by 发布日期 or 成文日期,
//! each row with its 文号 and 有效性 (DESIGN §2.4; gov.cn's 国务院政策文件库 is the model).
//! Its search box searches the index for policy documents only (`/search?policies=1`).

use axum::Router;
use axum::extract::{OriginalUri, Query, State};
use axum::response::Response;
use axum::routing::get;
use gongkai_core::doc::ValidityStatus;
use gongkai_store::documents::{self, CatalogueFilter};
use serde::Deserialize;

use crate::AppState;
use crate::error::AppResult;
use crate::public::{PER_PAGE, html, layout, page_of_str, rows};
use crate::views::{Link, ListPage, Pager, href_with};

pub fn routes() -> Router<AppState> {
    Router::new().route("/policies", get(library))
}

#[derive(Deserialize, Default, Clone)]
pub struct PolicyQuery {
    #[serde(default)]
    agency: Option<String>,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    year: Option<String>,
    #[serde(default)]
    validity: Option<String>,
    #[serde(default)]
    sort: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

impl PolicyQuery {
    /// The query string of these filters (without the page).
    fn href(&self) -> String {
        href_with(
            "/policies",
            &[
                ("agency", &self.agency),
                ("topic", &self.topic),
                ("year", &self.year),
                ("validity", &self.validity),
                ("sort", &self.sort),
            ],
        )
    }
}

async fn library(
    State(state): State<AppState>,
    uri: OriginalUri,
    Query(raw): Query<PolicyQuery>,
) -> AppResult<Response> {
    let agencies = state.agencies().await?;
    let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    // Unknown values are dropped rather than refused: a stale link still lists something.
    let q = PolicyQuery {
        agency: blank(&raw.agency).filter(|c| agencies.iter().any(|a| a.code.as_str() == c)),
        topic: blank(&raw.topic),
        year: blank(&raw.year).filter(|y| y.parse::<i64>().is_ok_and(|y| (1949..=2100).contains(&y))),
        validity: blank(&raw.validity).filter(|v| ValidityStatus::from_code(v).is_some()),
        sort: blank(&raw.sort).filter(|s| s == "written"),
        page: None,
    };
    let filter = CatalogueFilter {
        agency_id: q.agency.as_deref().and_then(|c| agencies.iter().find(|a| a.code.as_str() == c)).map(|a| a.id),
        topic_primary: q.topic.clone(),
        year: q.year.as_deref().and_then(|y| y.parse().ok()),
        validity: q.validity.clone(),
        policies_only: true,
        by_written_date: q.sort.is_some(),
        ..Default::default()
    };
    let page = page_of_str(raw.page.as_deref());
    let (list, total) = documents::catalogue(state.db(), &filter, PER_PAGE, (page - 1) * PER_PAGE).await?;
    let facets = documents::facets(state.db(), &CatalogueFilter { policies_only: true, ..Default::default() }).await?;

    let link =
        |label: String, sel: PolicyQuery, note: String, current: bool| Link { href: sel.href(), label, note, current };
    let mut by_agency =
        vec![link("全部机关".into(), PolicyQuery { agency: None, ..q.clone() }, String::new(), q.agency.is_none())];
    by_agency.extend(facets.agencies.iter().filter_map(|(id, n)| {
        let a = agencies.iter().find(|a| a.id == *id)?;
        let code = a.code.as_str().to_string();
        let here = q.agency.as_deref() == Some(code.as_str());
        Some(link(a.short_name.clone(), PolicyQuery { agency: Some(code), ..q.clone() }, n.to_string(), here))
    }));
    let mut primaries: Vec<(String, i64)> = Vec::new();
    for (p, _, n) in &facets.topics {
        match primaries.iter_mut().find(|(x, _)| x == p) {
            Some(e) => e.1 += n,
            None => primaries.push((p.clone(), *n)),
        }
    }
    let mut topics =
        vec![link("全部主题".into(), PolicyQuery { topic: None, ..q.clone() }, String::new(), q.topic.is_none())];
    topics.extend(primaries.into_iter().map(|(p, n)| {
        let here = q.topic.as_deref() == Some(p.as_str());
        link(p.clone(), PolicyQuery { topic: Some(p), ..q.clone() }, n.to_string(), here)
    }));
    let mut years =
        vec![link("全部年份".into(), PolicyQuery { year: None, ..q.clone() }, String::new(), q.year.is_none())];
    years.extend(facets.years.iter().map(|(y, n)| {
        let here = q.year.as_deref() == Some(y.to_string().as_str());
        link(format!("{y}年"), PolicyQuery { year: Some(y.to_string()), ..q.clone() }, n.to_string(), here)
    }));
    let mut validities =
        vec![link("不限".into(), PolicyQuery { validity: None, ..q.clone() }, String::new(), q.validity.is_none())];
    validities.extend(facets.validities.iter().filter_map(|(code, n)| {
        let v = ValidityStatus::from_code(code)?;
        let here = q.validity.as_deref() == Some(code.as_str());
        Some(link(v.label().into(), PolicyQuery { validity: Some(code.clone()), ..q.clone() }, n.to_string(), here))
    }));
    let sorts = vec![
        link("按发布日期".into(), PolicyQuery { sort: None, ..q.clone() }, String::new(), q.sort.is_none()),
        link(
            "按成文日期".into(),
            PolicyQuery { sort: Some("written".into()), ..q.clone() },
            String::new(),
            q.sort.is_some(),
        ),
    ];
    let here = q.href();
    let pager_base = if here.contains('?') { format!("{here}&") } else { format!("{here}?") };
    html(ListPage {
        layout: layout(&state, &uri, "policies"),
        heading: "政策文件库".into(),
        intro: "收录本市各级行政机关发布的规章、行政规范性文件和其他政策文件，可按发文机关、主题分类、发布年份和有效性筛选；每条载明文号和有效性，已废止、失效或被修改的文件原页面有标注和链接。".into(),
        crumbs: vec![Link { label: "首页".into(), href: "/".into(), note: String::new(), current: false }],
        rows: rows(list, &agencies),
        pager: Pager::new(total, page, PER_PAGE, &pager_base),
        filters: vec![
            ("排序".into(), sorts),
            ("按发文机关".into(), by_agency),
            ("按主题分类".into(), topics),
            ("按发布年份".into(), years),
            ("按有效性".into(), validities),
        ],
        empty: "没有符合条件的政策文件。请减少筛选条件（如有效性、年份）后再试。".into(),
        search_policies: true,
    })
}
