//! The public site: home, the 政府信息公开 section, agency catalogues, document pages,
//! attachment downloads and reading preferences.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use gongkai_core::doc::{Genre, IndexNo, StatutoryItem, ValidityStatus};
use gongkai_core::tz;
use gongkai_store::agencies::Agency;
use gongkai_store::documents::{self, CatalogueFilter, CatalogueRow, PublicLookup, PublicPage};
use gongkai_store::lifecycle::{LinkedDoc, Relations};
use serde::Deserialize;

use crate::AppState;
use crate::cache::CachedPage;
use crate::error::{AppError, AppResult};
use crate::views::{
    AttachmentView, DocPage, GuidePage, HomePage, Layout, Link, ListPage, Meta, Pager, PortalPage, RelatedItem,
    RelatedList, RevisionView, Row, VIEWS_MARK, ValidityBanner, url_encode,
};

pub const PER_PAGE: i64 = 20;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/xxgk/", get(portal))
        .route("/xxgk", get(|| async { Redirect::permanent("/xxgk/") }))
        .route("/xxgk/zhidu", get(rules))
        .route("/xxgk/nianbao", get(reports))
        .route("/xxgk/fdzdgknr/{item}", get(statutory))
        .route("/xxgk/{slug}/", get(agency_catalogue))
        .route(
            "/xxgk/{slug}",
            get(
                |Path(slug): Path<String>| async move { Redirect::permanent(&format!("/xxgk/{}/", url_encode(&slug))) },
            ),
        )
        .route("/xxgk/{slug}/guide", get(guide))
        .route("/doc/{*index_no}", get(document))
        .route("/files/{id}/{name}", get(download))
        .route("/prefs", get(prefs))
        .route("/prefs.css", get(prefs_css))
        .route(
            "/static/site.css",
            get(|| async { asset("text/css; charset=utf-8", include_str!("../static/site.css")) }),
        )
        .route(
            "/static/site.js",
            get(|| async { asset("text/javascript; charset=utf-8", include_str!("../static/site.js")) }),
        )
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=86400")], body).into_response()
}

pub fn layout(state: &AppState, here: &OriginalUri, section: &'static str) -> Layout {
    Layout {
        site_name: state.config().site_name.clone(),
        here: here.0.path_and_query().map_or("/".to_string(), |p| p.as_str().to_string()),
        staff: None,
        section,
    }
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

fn date(d: Option<time::Date>) -> String {
    d.map(tz::format_date).unwrap_or_default()
}

fn doc_href(index_no: &str) -> String {
    // 索引号 are limited to URL-safe characters (see IndexNo), so they go into the path as is.
    format!("/doc/{index_no}")
}

fn agency_name(agencies: &[Agency], id: i64) -> String {
    agencies.iter().find(|a| a.id == id).map(|a| a.name.clone()).unwrap_or_default()
}

pub fn rows(list: Vec<CatalogueRow>, agencies: &[Agency]) -> Vec<Row> {
    list.into_iter()
        .map(|r| Row {
            href: doc_href(&r.index_no),
            agency: agency_name(agencies, r.agency_id),
            topic: match &r.topic_secondary {
                Some(s) => format!("{}/{}", r.topic_primary, s),
                None => r.topic_primary.clone(),
            },
            genre: Genre::from_code(&r.genre).map(|g| g.label().to_string()).unwrap_or_default(),
            written_on: date(r.written_on),
            published_on: tz::format_date(tz::local_date(r.first_published_at)),
            validity: r
                .validity
                .as_deref()
                .and_then(ValidityStatus::from_code)
                .map(|v| v.label().to_string())
                .unwrap_or_default(),
            title: r.title,
            index_no: r.index_no,
            doc_no: r.doc_no.unwrap_or_default(),
        })
        .collect()
}

pub(crate) fn html(page: impl Template) -> AppResult<Response> {
    Ok(Html(page.render()?).into_response())
}

/// Links to the 15 statutory items with their counts.
async fn item_links(state: &AppState, agency_id: Option<i64>, base: &str) -> AppResult<Vec<Link>> {
    let counts = documents::item_counts(state.db(), agency_id).await?;
    Ok(StatutoryItem::ALL
        .iter()
        .map(|i| {
            let n = counts.iter().find(|(c, _)| c == i.code()).map_or(0, |c| c.1);
            Link {
                label: i.label().into(),
                href: format!("{base}{}", i.number()),
                note: format!("{n}"),
                current: false,
            }
        })
        .collect())
}

async fn home(State(state): State<AppState>, uri: OriginalUri) -> AppResult<Response> {
    let agencies = state.agencies().await?;
    let (latest, total) = documents::catalogue(state.db(), &CatalogueFilter::default(), 10, 0).await?;
    let link = |a: &Agency| Link {
        label: a.name.clone(),
        href: format!("/xxgk/{}/", a.slug),
        note: String::new(),
        current: false,
    };
    use gongkai_core::org::AgencyKind;
    html(HomePage {
        layout: layout(&state, &uri, "home"),
        latest: rows(latest, &agencies),
        items: item_links(&state, None, "/xxgk/fdzdgknr/").await?,
        agencies: agencies
            .iter()
            .filter(|a| matches!(a.kind, AgencyKind::Government | AgencyKind::Department))
            .map(link)
            .collect(),
        districts: agencies
            .iter()
            .filter(|a| matches!(a.kind, AgencyKind::District | AgencyKind::Township))
            .map(link)
            .collect(),
        total,
    })
}

/// The agency whose guide stands for the whole site: the people's government at the top.
fn top_agency(agencies: &[Agency]) -> Option<&Agency> {
    agencies
        .iter()
        .find(|a| a.kind == gongkai_core::org::AgencyKind::Government && a.parent_id.is_none())
        .or_else(|| agencies.first())
}

async fn portal(State(state): State<AppState>, uri: OriginalUri) -> AppResult<Response> {
    let agencies = state.agencies().await?;
    let counts = documents::agency_counts(state.db()).await?;
    let column = |c: &str| CatalogueFilter { column: Some(c.into()), ..Default::default() };
    let (rules, _) = documents::catalogue(state.db(), &column("disclosure-rules"), 5, 0).await?;
    let (reports, _) = documents::catalogue(state.db(), &column("annual-report"), 5, 0).await?;
    html(PortalPage {
        layout: layout(&state, &uri, "xxgk"),
        guide_href: top_agency(&agencies).map(|a| format!("/xxgk/{}/guide", a.slug)).unwrap_or_default(),
        items: item_links(&state, None, "/xxgk/fdzdgknr/").await?,
        rules: rows(rules, &agencies),
        reports: rows(reports, &agencies),
        agencies: agencies
            .iter()
            .map(|a| Link {
                label: a.name.clone(),
                href: format!("/xxgk/{}/", a.slug),
                note: format!("{} 条", counts.iter().find(|c| c.0 == a.id).map_or(0, |c| c.1)),
                current: false,
            })
            .collect(),
    })
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    genre: Option<String>,
    #[serde(default)]
    year: Option<String>,
    #[serde(default)]
    agency: Option<String>,
    #[serde(default)]
    validity: Option<String>,
}

/// Page numbers from the query; anything unreadable is page 1 rather than an error.
pub(crate) fn page_of_str(page: Option<&str>) -> i64 {
    page.and_then(|p| p.parse().ok()).filter(|p| *p >= 1 && *p <= 100_000).unwrap_or(1)
}

fn page_of(q: &ListQuery) -> i64 {
    page_of_str(q.page.as_deref())
}

/// A list of one column across all agencies (制度, 年报, a statutory item).
async fn column_list(
    state: &AppState,
    uri: &OriginalUri,
    filter: CatalogueFilter,
    heading: String,
    intro: String,
    q: &ListQuery,
    base: &str,
) -> AppResult<Response> {
    let agencies = state.agencies().await?;
    let agency_id = q.agency.as_deref().and_then(|slug| agencies.iter().find(|a| a.slug == slug)).map(|a| a.id);
    let filter = CatalogueFilter { agency_id, ..filter };
    let page = page_of(q);
    let (list, total) = documents::catalogue(state.db(), &filter, PER_PAGE, (page - 1) * PER_PAGE).await?;
    let agency_q = q.agency.as_deref().map(|a| format!("agency={}&", url_encode(a))).unwrap_or_default();
    let mut agency_links =
        vec![Link {
            label: "全部机构".into(), href: base.into(), note: String::new(), current: agency_id.is_none()
        }];
    agency_links.extend(agencies.iter().map(|a| Link {
        label: a.short_name.clone(),
        href: format!("{base}?agency={}", url_encode(&a.slug)),
        note: String::new(),
        current: Some(a.id) == agency_id,
    }));
    html(ListPage {
        layout: layout(state, uri, "xxgk"),
        crumbs: vec![Link {
            label: "政府信息公开".into(), href: "/xxgk/".into(), note: String::new(), current: false
        }],
        rows: rows(list, &agencies),
        pager: Pager::new(total, page, PER_PAGE, &format!("{base}?{agency_q}")),
        filters: vec![("按机构".into(), agency_links)],
        empty: "该栏目暂无信息。".into(),
        search_policies: false,
        heading,
        intro,
    })
}

async fn rules(State(state): State<AppState>, uri: OriginalUri, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let filter = CatalogueFilter { column: Some("disclosure-rules".into()), ..Default::default() };
    let intro = "各级行政机关建立健全的政府信息公开工作制度（《条例》第十七条、第四十五条、第四十六条等）。".into();
    column_list(&state, &uri, filter, "政府信息公开制度".into(), intro, &q, "/xxgk/zhidu").await
}

async fn reports(State(state): State<AppState>, uri: OriginalUri, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let filter = CatalogueFilter { column: Some("annual-report".into()), ..Default::default() };
    let intro = "行政机关每年 1 月 31 日前、各级人民政府每年 3 月 31 日前公布上一年度政府信息公开工作年度报告（《条例》第四十九条）。".into();
    column_list(&state, &uri, filter, "政府信息公开年报".into(), intro, &q, "/xxgk/nianbao").await
}

async fn statutory(
    State(state): State<AppState>,
    uri: OriginalUri,
    Path(item): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let item = item.parse().ok().and_then(StatutoryItem::from_number).ok_or(AppError::NotFound)?;
    let filter = CatalogueFilter { statutory_item: Some(item.code().into()), ..Default::default() };
    let intro = format!(
        "《中华人民共和国政府信息公开条例》第二十条第（{}）项规定应当主动公开的政府信息。",
        zh_number(item.number())
    );
    let base = format!("/xxgk/fdzdgknr/{}", item.number());
    column_list(&state, &uri, filter, item.label().into(), intro, &q, &base).await
}

/// 一 … 十五, for article item numbers.
fn zh_number(n: u8) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n as usize].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
        _ => n.to_string(),
    }
}

async fn agency_by_slug(state: &AppState, slug: &str) -> AppResult<Agency> {
    state.agencies().await?.iter().find(|a| a.slug == slug).cloned().ok_or(AppError::NotFound)
}

/// The filters chosen on a catalogue page.
#[derive(Clone, Default)]
struct Selection {
    topic: Option<String>,
    genre: Option<String>,
    year: Option<String>,
    validity: Option<String>,
}

impl Selection {
    fn href(&self, base: &str) -> String {
        crate::views::href_with(
            base,
            &[("topic", &self.topic), ("genre", &self.genre), ("year", &self.year), ("validity", &self.validity)],
        )
    }
}

async fn agency_catalogue(
    State(state): State<AppState>,
    uri: OriginalUri,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let agency = agency_by_slug(&state, &slug).await?;
    let agencies = state.agencies().await?;
    let (topic_primary, topic_secondary) = match q.topic.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => match t.split_once('/') {
            Some((a, b)) => (Some(a.to_string()), Some(b.to_string())),
            None => (Some(t.to_string()), None),
        },
        None => (None, None),
    };
    let genre = q.genre.as_deref().filter(|g| Genre::from_code(g).is_some()).map(str::to_string);
    let year = q.year.as_deref().and_then(|y| y.parse::<i64>().ok());
    let validity = q.validity.as_deref().filter(|v| ValidityStatus::from_code(v).is_some()).map(str::to_string);
    let filter = CatalogueFilter {
        agency_id: Some(agency.id),
        topic_primary,
        topic_secondary,
        genre,
        year,
        validity,
        ..Default::default()
    };
    let page = page_of(&q);
    let (list, total) = documents::catalogue(state.db(), &filter, PER_PAGE, (page - 1) * PER_PAGE).await?;
    let facets =
        documents::facets(state.db(), &CatalogueFilter { agency_id: Some(agency.id), ..Default::default() }).await?;

    // Each facet link keeps the other filters and resets the page.
    let base = format!("/xxgk/{}/", agency.slug);
    let current = Selection {
        topic: q.topic.clone().filter(|t| !t.trim().is_empty()),
        genre: filter.genre.clone(),
        year: filter.year.map(|y| y.to_string()),
        validity: filter.validity.clone(),
    };
    let link = |label: String, sel: Selection, note: String, current: bool| Link {
        href: sel.href(&base),
        label,
        note,
        current,
    };
    let mut topics = vec![link(
        "全部主题".into(),
        Selection { topic: None, ..current.clone() },
        String::new(),
        current.topic.is_none(),
    )];
    topics.extend(facets.topics.iter().map(|(a, b, n)| {
        let label = match b {
            Some(b) => format!("{a}/{b}"),
            None => a.clone(),
        };
        let here = current.topic.as_deref() == Some(label.as_str());
        link(label.clone(), Selection { topic: Some(label), ..current.clone() }, n.to_string(), here)
    }));
    let mut genres = vec![link(
        "全部种类".into(),
        Selection { genre: None, ..current.clone() },
        String::new(),
        current.genre.is_none(),
    )];
    genres.extend(facets.genres.iter().filter_map(|(code, n)| {
        let g = Genre::from_code(code)?;
        let here = current.genre.as_deref() == Some(code.as_str());
        Some(link(g.label().into(), Selection { genre: Some(code.clone()), ..current.clone() }, n.to_string(), here))
    }));
    let mut years = vec![link(
        "全部年份".into(),
        Selection { year: None, ..current.clone() },
        String::new(),
        current.year.is_none(),
    )];
    years.extend(facets.years.iter().map(|(y, n)| {
        let here = current.year.as_deref() == Some(y.to_string().as_str());
        link(format!("{y}年"), Selection { year: Some(y.to_string()), ..current.clone() }, n.to_string(), here)
    }));
    let mut validities = vec![link(
        "不限".into(),
        Selection { validity: None, ..current.clone() },
        String::new(),
        current.validity.is_none(),
    )];
    validities.extend(facets.validities.iter().filter_map(|(code, n)| {
        let v = ValidityStatus::from_code(code)?;
        let here = current.validity.as_deref() == Some(code.as_str());
        Some(link(v.label().into(), Selection { validity: Some(code.clone()), ..current.clone() }, n.to_string(), here))
    }));
    let current_query = current.href(&base);
    let pager_base =
        if current_query.contains('?') { format!("{current_query}&") } else { format!("{current_query}?") };
    let mut filters = vec![
        (
            "政府信息公开指南".into(),
            vec![Link {
                label: "查看本机构公开指南".into(),
                href: format!("/xxgk/{}/guide", agency.slug),
                note: String::new(),
                current: false,
            }],
        ),
        ("按主题分类".into(), topics),
        ("按公文种类".into(), genres),
        ("按发布年份".into(), years),
    ];
    if validities.len() > 1 {
        filters.push(("按有效性".into(), validities));
    }
    html(ListPage {
        layout: layout(&state, &uri, "xxgk"),
        heading: format!("{}政府信息公开目录", agency.name),
        intro: "本目录按主题分类、公文种类和发布年份编排，可在右侧筛选；每条信息载明索引号、文号、成文日期和发布日期。"
            .into(),
        crumbs: vec![Link {
            label: "政府信息公开".into(), href: "/xxgk/".into(), note: String::new(), current: false
        }],
        rows: rows(list, &agencies),
        pager: Pager::new(total, page, PER_PAGE, &pager_base),
        filters,
        empty: "没有符合条件的信息。请减少筛选条件后再试。".into(),
        search_policies: false,
    })
}

async fn guide(State(state): State<AppState>, uri: OriginalUri, Path(slug): Path<String>) -> AppResult<Response> {
    let agency = agency_by_slug(&state, &slug).await?;
    let base = format!("/xxgk/{}/", agency.slug);
    let counts = documents::item_counts(state.db(), Some(agency.id)).await?;
    let facets =
        documents::facets(state.db(), &CatalogueFilter { agency_id: Some(agency.id), ..Default::default() }).await?;
    let mut primaries: Vec<(String, i64)> = Vec::new();
    for (p, _, n) in &facets.topics {
        match primaries.iter_mut().find(|(q, _)| q == p) {
            Some(e) => e.1 += n,
            None => primaries.push((p.clone(), *n)),
        }
    }
    html(GuidePage {
        layout: layout(&state, &uri, "xxgk"),
        catalogue_href: base.clone(),
        items: StatutoryItem::ALL
            .iter()
            .map(|i| Link {
                label: i.label().into(),
                href: format!("/xxgk/fdzdgknr/{}?agency={}", i.number(), url_encode(&agency.slug)),
                note: format!("{} 条", counts.iter().find(|c| c.0 == i.code()).map_or(0, |c| c.1)),
                current: false,
            })
            .collect(),
        topics: primaries
            .into_iter()
            .map(|(p, n)| Link {
                href: format!("{base}?topic={}", url_encode(&p)),
                label: p,
                note: n.to_string(),
                current: false,
            })
            .collect(),
        agency: agency.name,
        office_name: agency.office_name,
        address: agency.address,
        office_hours: agency.office_hours,
        phone: agency.phone,
        fax: agency.fax,
        email: agency.email,
        postcode: agency.postcode,
    })
}

#[derive(Deserialize)]
struct DocQuery {
    view: Option<String>,
}

/// Why a document is not, or no longer fully, in force: the banner on its page. A change
/// recorded by a repeal, an amendment or the daily expiry says since when, why and by which
/// document (温政办〔2017〕62号 二(二)1: mark abolished and expired documents on the original).
fn validity_banner(v: &gongkai_core::doc::Validity, relations: &Relations) -> Option<ValidityBanner> {
    let zh = |d: Option<time::Date>| d.map(tz::format_date_zh);
    let recorded = relations.validity_changes.iter().rev().find(|c| c.status == v.status());
    if let Some(c) = recorded.filter(|_| v.needs_banner()) {
        let verb = match c.status {
            ValidityStatus::Repealed => "废止",
            ValidityStatus::Amended => "修改",
            _ => "失效",
        };
        return Some(ValidityBanner {
            message: format!("本文件自{}起{}：{}。", tz::format_date_zh(c.since), verb, c.reason),
            link: c.by.as_ref().map(|b| Link {
                href: doc_href(&b.index_no),
                label: format!("查看{verb}文件"),
                note: String::new(),
                current: false,
            }),
        });
    }
    let message = match v.status() {
        ValidityStatus::Valid => return None,
        ValidityStatus::NotYetEffective => match zh(v.effective_on()) {
            Some(d) => format!("本文件自{d}起施行，目前尚未生效。"),
            None => "本文件尚未生效。".into(),
        },
        ValidityStatus::Expired => match zh(v.expires_on()) {
            Some(d) => format!("本文件有效期至{d}，现已失效。"),
            None => "本文件已失效。".into(),
        },
        ValidityStatus::Repealed => "本文件已废止，仅供查阅。".into(),
        ValidityStatus::Amended => "本文件已被修改，请以修改后的文件为准。".into(),
    };
    // A repeal recorded without a change row (imported so) still links to its repealer.
    let by = relations.repealed_by.last().or(relations.amended_by.last());
    Some(ValidityBanner {
        message,
        link: by.map(|b| Link {
            href: doc_href(&b.index_no),
            label: b.title.clone(),
            note: String::new(),
            current: false,
        }),
    })
}

fn related_items(docs: &[LinkedDoc]) -> Vec<RelatedItem> {
    docs.iter()
        .map(|d| RelatedItem {
            href: doc_href(&d.index_no),
            title: d.title.clone(),
            doc_no: d.doc_no.clone().unwrap_or_default(),
            note: d.published_at.map(|t| tz::format_date(tz::local_date(t))).unwrap_or_default(),
        })
        .collect()
}

/// The lists of linked documents shown under the body, in reading order; empty ones left out.
fn related_lists(page: &PublicPage) -> Vec<RelatedList> {
    let r = &page.relations;
    let gazette = page
        .gazette
        .iter()
        .map(|a| RelatedItem {
            href: format!("/gazette/{}/{}", a.key.year, a.key.number),
            title: format!("政府公报{}", a.key),
            doc_no: String::new(),
            note: tz::format_date(a.published_on),
        })
        .collect();
    let cites = r
        .cites
        .iter()
        .map(|c| match &c.link {
            Some(d) => RelatedItem {
                href: doc_href(&d.index_no),
                title: d.title.clone(),
                doc_no: d.doc_no.clone().unwrap_or_default(),
                note: String::new(),
            },
            None => RelatedItem {
                href: String::new(),
                title: c.title.clone().unwrap_or_default(),
                doc_no: c.doc_no.clone().unwrap_or_default(),
                note: "未在本平台发布".into(),
            },
        })
        .collect();
    [
        RelatedList { id: "rel-interpretations", heading: "政策解读", items: related_items(&r.interpretations) },
        RelatedList { id: "rel-interprets", heading: "解读的政策文件", items: related_items(&r.interprets) },
        RelatedList {
            id: "rel-repealed-by", heading: "废止本文件的文件", items: related_items(&r.repealed_by)
        },
        RelatedList { id: "rel-amended-by", heading: "修改本文件的文件", items: related_items(&r.amended_by) },
        RelatedList { id: "rel-repeals", heading: "本文件废止的文件", items: related_items(&r.repeals) },
        RelatedList { id: "rel-amends", heading: "本文件修改的文件", items: related_items(&r.amends) },
        RelatedList { id: "rel-cites", heading: "引用文件", items: cites },
        RelatedList { id: "rel-cited-by", heading: "被引用", items: related_items(&r.cited_by) },
        RelatedList { id: "rel-gazette", heading: "刊登于政府公报", items: gazette },
    ]
    .into_iter()
    .filter(|l| !l.items.is_empty())
    .collect()
}

/// The page of a document, for the public or for staff previewing an edition.
pub fn doc_page(
    state: &AppState,
    uri: &OriginalUri,
    page: &PublicPage,
    agency: Option<&Agency>,
    print: bool,
    preview: Option<String>,
) -> DocPage {
    let f = &page.edition.fields;
    let index_no = page.document.index_no.as_ref().map(|n| n.to_string()).unwrap_or_default();
    let published =
        page.document.first_published_at.or(page.edition.published_at).map(tz::format_minutes).unwrap_or_default();
    let agency_name = agency.map(|a| a.name.clone()).unwrap_or_default();
    let mut meta = vec![
        Meta {
            label: "索引号", value: if index_no.is_empty() { "（发布时生成）".into() } else { index_no.clone() }
        },
        Meta { label: "主题分类", value: f.topic.label() },
        Meta { label: "文号", value: f.doc_no.as_ref().map(|d| d.to_string()).unwrap_or_default() },
        Meta { label: "发布机构", value: agency_name.clone() },
        Meta { label: "成文日期", value: date(f.written_on) },
        Meta { label: "发布日期", value: published.clone() },
        Meta { label: "公文种类", value: f.genre.label().into() },
    ];
    if let Some(v) = &f.validity {
        meta.push(Meta { label: "有效性", value: v.status().label().into() });
        if let Some(d) = v.effective_on() {
            meta.push(Meta { label: "施行日期", value: tz::format_date(d) });
        }
        if let Some(d) = v.expires_on() {
            meta.push(Meta { label: "有效期至", value: tz::format_date(d) });
        }
    }
    if let Some(n) = &f.registration_no {
        meta.push(Meta { label: "统一登记编号", value: n.clone() });
    }
    let canonical = doc_href(&index_no);
    DocPage {
        layout: layout(state, uri, "xxgk"),
        print,
        title: f.title.as_str().into(),
        meta,
        agency_href: agency.map(|a| format!("/xxgk/{}/", a.slug)).unwrap_or_else(|| "/xxgk/".into()),
        agency: agency_name,
        published,
        validity_banner: f.validity.as_ref().and_then(|v| validity_banner(v, &page.relations)),
        interpretation_note: f
            .interpretation
            .as_ref()
            .map(|i| format!("解读形式：{}", i.form.label()))
            .unwrap_or_default(),
        media_url: f.interpretation.as_ref().and_then(|i| i.media_url.clone()).unwrap_or_default(),
        related: related_lists(page),
        body: f.body.as_str().into(),
        attachments: page
            .attachments
            .iter()
            .map(|a| AttachmentView {
                href: format!("/files/{}/{}", a.id, url_encode(&a.file_name)),
                name: a.file_name.clone(),
                size: gongkai_core::doc::attachment::human_size(a.size as u64),
            })
            .collect(),
        history: history(page),
        print_href: format!("{canonical}?view=print"),
        canonical_href: canonical,
        preview,
    }
}

/// The 修订记录: published editions and changes of 有效性, in time order.
fn history(page: &PublicPage) -> Vec<RevisionView> {
    let mut rows: Vec<(time::OffsetDateTime, RevisionView)> = page
        .history
        .iter()
        .map(|r| {
            (
                r.published_at.unwrap_or(page.document.created_at),
                RevisionView {
                    label: format!("第 {} 版", r.edition_no),
                    published: r.published_at.map(tz::format_minutes).unwrap_or_default(),
                    note: r
                        .change_note
                        .clone()
                        .unwrap_or_else(|| if r.edition_no == 1 { "首次发布".into() } else { String::new() }),
                },
            )
        })
        .collect();
    rows.extend(page.relations.validity_changes.iter().map(|c| {
        (
            c.at,
            RevisionView {
                label: "有效性变更".into(),
                published: tz::format_minutes(c.at),
                note: format!(
                    "有效性由“{}”变为“{}”，自{}起。{}",
                    c.previous.map_or("未标注", |p| p.label()),
                    c.status.label(),
                    tz::format_date_zh(c.since),
                    c.reason
                ),
            },
        )
    }));
    rows.sort_by_key(|(at, _)| *at);
    rows.into_iter().map(|(_, v)| v).collect()
}

async fn document(
    State(state): State<AppState>,
    uri: OriginalUri,
    Path(raw): Path<String>,
    Query(q): Query<DocQuery>,
) -> AppResult<Response> {
    let index_no = IndexNo::parse(&raw).map_err(|_| AppError::NotFound)?;
    let print = q.view.as_deref() == Some("print");
    let key = if print { format!("{index_no}.print") } else { index_no.to_string() };
    let page = match state.pages().get(&key) {
        Some(p) => p,
        None => match documents::public_page(state.db(), &index_no).await? {
            PublicLookup::NotFound => return Err(AppError::NotFound),
            PublicLookup::Withdrawn { title, withdrawn_at, reason } => {
                return Err(AppError::Gone(format!(
                    "“{title}”已于 {} 撤回，不再公开。{}",
                    tz::format_date_zh(tz::local_date(withdrawn_at)),
                    reason.map(|r| format!("撤回原因：{r}")).unwrap_or_default()
                )));
            }
            PublicLookup::Found(p) => {
                let agency = state.agency(p.document.agency_id).await?;
                let html = doc_page(&state, &uri, &p, agency.as_ref(), print, None).render()?;
                let (head, tail) = html
                    .split_once(VIEWS_MARK)
                    .ok_or_else(|| AppError::internal("document template lacks the view mark"))?;
                // All cached pages of a document count views from the same rendering.
                state.pages().evict(p.document.id);
                let pending = state.views().rendered(p.document.id);
                state.pages().insert(
                    key,
                    CachedPage {
                        doc_id: p.document.id,
                        head: Bytes::copy_from_slice(head.as_bytes()),
                        tail: Bytes::copy_from_slice(tail.as_bytes()),
                        base_views: p.document.view_count + pending,
                    },
                )
            }
        },
    };
    let count = page.base_views + state.views().view(page.doc_id);
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], axum::body::Body::new(page.body(count))).into_response())
}

/// `attachment; filename="…"; filename*=UTF-8''…`: the ASCII fallback for old clients, the
/// exact (Chinese) name for the rest (RFC 6266).
pub fn content_disposition(name: &str) -> HeaderValue {
    let fallback: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let value = format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{}", url_encode(name));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

async fn download(
    State(state): State<AppState>,
    Path((id, _name)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let d = documents::download(state.db(), id).await?.ok_or(AppError::NotFound)?;
    if !d.public {
        // Staff of the agency (and city-wide roles) may fetch files of unpublished editions.
        let session = match crate::session::cookie(&headers, crate::session::COOKIE) {
            Some(token) => gongkai_store::sessions::load(state.db(), token).await?,
            None => None,
        };
        let allowed = session
            .and_then(|s| s.user)
            .is_some_and(|u| !u.role.is_agency_scoped() || u.agency_id == Some(d.agency_id));
        if !allowed {
            return Err(AppError::NotFound);
        }
    }
    let bytes = gongkai_store::blobs::BlobStore::get(state.blobs(), &d.attachment.sha256)?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&d.attachment.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CONTENT_DISPOSITION, content_disposition(&d.attachment.file_name));
    let cache = if d.public { "public, max-age=3600" } else { "private, no-store" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok((StatusCode::OK, headers, bytes).into_response())
}

#[derive(Deserialize)]
struct PrefsQuery {
    font: Option<String>,
    contrast: Option<String>,
    back: Option<String>,
}

const FONT_COOKIE: &str = "gk_font";
const CONTRAST_COOKIE: &str = "gk_contrast";

/// Sets the reading preferences (字体 大/中/小, 高对比度) in cookies and goes back. Works without
/// JavaScript; the page's stylesheet `/prefs.css` reads them.
async fn prefs(headers: HeaderMap, Query(q): Query<PrefsQuery>) -> Response {
    let back = q
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or_else(|| "/".into());
    let mut res = Redirect::to(&back).into_response();
    let cookie =
        |k: &str, v: &str| HeaderValue::from_str(&format!("{k}={v}; Path=/; Max-Age=31536000; SameSite=Lax")).ok();
    if let Some(f) = q.font.filter(|f| matches!(f.as_str(), "s" | "m" | "l"))
        && let Some(c) = cookie(FONT_COOKIE, &f)
    {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    if let Some(c) = q.contrast {
        let on = crate::session::cookie(&headers, CONTRAST_COOKIE) == Some("1");
        let value = match c.as_str() {
            "on" => "1",
            "off" => "0",
            _ if on => "0",
            _ => "1",
        };
        if let Some(c) = cookie(CONTRAST_COOKIE, value) {
            res.headers_mut().append(header::SET_COOKIE, c);
        }
    }
    res
}

async fn prefs_css(headers: HeaderMap) -> Response {
    let mut css = String::new();
    match crate::session::cookie(&headers, FONT_COOKIE) {
        Some("l") => css.push_str(":root{--font-size:1.25rem}\n"),
        Some("s") => css.push_str(":root{--font-size:0.9375rem}\n"),
        _ => {}
    }
    if crate::session::cookie(&headers, CONTRAST_COOKIE) == Some("1") {
        css.push_str(
            ":root{--fg:#fff;--bg:#000;--muted:#fff;--link:#ff0;--line:#fff;--panel:#000;--brand:#000;--brand-fg:#ff0;--accent:#ff0}\n",
        );
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-cache"),
            (header::VARY, "Cookie"),
        ],
        css,
    )
        .into_response()
}
