//! View models and their templates. Values are formatted here (dates in China time, labels
//! from codes), so templates only print strings; askama escapes everything except bodies,
//! which are [`SafeHtml`](gongkai_core::doc::SafeHtml) and printed with `|safe`.

use askama::Template;
use gongkai_core::doc::FieldErrors;

/// What the shared layout needs.
pub struct Layout {
    pub site_name: String,
    /// The current path and query, for the reading-preference links to come back to.
    pub here: String,
    pub staff: Option<StaffNav>,
    pub section: &'static str,
}

pub struct StaffNav {
    /// May see annual reports (everyone but the request officer).
    pub reports: bool,
    pub display_name: String,
    pub role: &'static str,
    pub csrf: String,
    pub can_edit: bool,
    pub is_admin: bool,
    pub is_overseer: bool,
    pub handles_requests: bool,
}

impl Layout {
    pub fn here_encoded(&self) -> String {
        url_encode(&self.here)
    }
}

/// `base?k=v&…` with the parameters that are set (values percent-encoded), or `base` alone:
/// the links of filter lists, each keeping the other filters.
pub fn href_with(base: &str, params: &[(&str, &Option<String>)]) -> String {
    let parts: Vec<String> =
        params.iter().filter_map(|(k, v)| v.as_deref().map(|v| format!("{k}={}", url_encode(v)))).collect();
    if parts.is_empty() { base.to_string() } else { format!("{base}?{}", parts.join("&")) }
}

pub fn url_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub title: &'a str,
    pub message: &'a str,
    pub status: u16,
}

/// One link of a list (label, href, count or extra text, selected).
pub struct Link {
    pub label: String,
    pub href: String,
    pub note: String,
    pub current: bool,
}

/// One row of a catalogue.
pub struct Row {
    pub title: String,
    pub href: String,
    pub index_no: String,
    pub doc_no: String,
    pub agency: String,
    pub topic: String,
    pub genre: String,
    pub written_on: String,
    pub published_on: String,
    pub validity: String,
}

/// Page numbers for a list.
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub numbers: Vec<Link>,
}

impl Pager {
    /// `base` is the list URL with its other query parameters, ending in `?` or `&`.
    pub fn new(total: i64, page: i64, per_page: i64, base: &str) -> Pager {
        let pages = ((total + per_page - 1) / per_page).max(1);
        let page = page.clamp(1, pages);
        let url = |p: i64| format!("{base}page={p}");
        let lo = (page - 4).max(1);
        let hi = (lo + 8).min(pages);
        Pager {
            page,
            pages,
            total,
            prev: (page > 1).then(|| url(page - 1)),
            next: (page < pages).then(|| url(page + 1)),
            numbers: (lo..=hi)
                .map(|p| Link { label: p.to_string(), href: url(p), note: String::new(), current: p == page })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub layout: Layout,
    pub latest: Vec<Row>,
    pub items: Vec<Link>,
    pub agencies: Vec<Link>,
    pub districts: Vec<Link>,
    pub total: i64,
}

#[derive(Template)]
#[template(path = "xxgk.html")]
pub struct PortalPage {
    pub layout: Layout,
    pub guide_href: String,
    pub items: Vec<Link>,
    pub rules: Vec<Row>,
    pub reports: Vec<Row>,
    pub agencies: Vec<Link>,
}

#[derive(Template)]
#[template(path = "list.html")]
pub struct ListPage {
    /// A full-text search box over this list (the 政策文件库 has one).
    pub search_policies: bool,
    pub layout: Layout,
    pub heading: String,
    pub intro: String,
    pub crumbs: Vec<Link>,
    pub rows: Vec<Row>,
    pub pager: Pager,
    pub filters: Vec<(String, Vec<Link>)>,
    pub empty: String,
}

#[derive(Template)]
#[template(path = "guide.html")]
pub struct GuidePage {
    pub layout: Layout,
    pub agency: String,
    pub office_name: String,
    pub address: String,
    pub office_hours: String,
    pub phone: String,
    pub fax: String,
    pub email: String,
    pub postcode: String,
    pub catalogue_href: String,
    pub items: Vec<Link>,
    pub topics: Vec<Link>,
}

/// A labelled metadata value on the document page.
pub struct Meta {
    pub label: &'static str,
    pub value: String,
}

pub struct AttachmentView {
    pub href: String,
    pub name: String,
    pub size: String,
}

pub struct RevisionView {
    /// `第 2 版`, or `有效性变更`.
    pub label: String,
    pub published: String,
    pub note: String,
}

/// Why a document is not (or not yet, or no longer fully) in force, with the document that
/// repealed or amended it when there is one.
pub struct ValidityBanner {
    pub message: String,
    pub link: Option<Link>,
}

/// A list of linked documents under a heading on a document page.
pub struct RelatedList {
    pub id: &'static str,
    pub heading: &'static str,
    pub items: Vec<RelatedItem>,
}

/// One linked document (or a cited one that is not on the platform: no `href`).
pub struct RelatedItem {
    pub href: String,
    pub title: String,
    pub doc_no: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "doc.html")]
pub struct DocPage {
    pub layout: Layout,
    pub print: bool,
    pub title: String,
    pub meta: Vec<Meta>,
    pub agency: String,
    pub agency_href: String,
    pub published: String,
    pub validity_banner: Option<ValidityBanner>,
    /// For an interpretation: its form and the audio/video link.
    pub interpretation_note: String,
    pub media_url: String,
    pub related: Vec<RelatedList>,
    pub body: String,
    pub attachments: Vec<AttachmentView>,
    pub history: Vec<RevisionView>,
    pub print_href: String,
    pub canonical_href: String,
    /// Staff preview of an unpublished edition: a banner instead of a view count.
    pub preview: Option<String>,
}

/// Written where the view count goes; it cannot occur in user content (titles are escaped
/// and the sanitiser removes comments from bodies).
pub const VIEWS_MARK: &str = "<!--gk:views-->";

#[derive(Template)]
#[template(path = "admin/login.html")]
pub struct LoginPage {
    pub layout: Layout,
    pub csrf: String,
    pub username: String,
    pub next: String,
    pub error: String,
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
pub struct DashboardPage {
    pub layout: Layout,
    pub agency: String,
    pub counts: Vec<Link>,
    pub recent: Vec<StaffRowView>,
    pub notice: String,
}

pub struct StaffRowView {
    pub href: String,
    pub title: String,
    pub agency: String,
    pub index_no: String,
    pub edition: i64,
    pub status: String,
    pub status_code: String,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "admin/docs.html")]
pub struct StaffListPage {
    pub layout: Layout,
    pub rows: Vec<StaffRowView>,
    pub pager: Pager,
    pub statuses: Vec<Link>,
    pub title_query: String,
    pub notice: String,
}

/// A `<select>` option.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn list<'a>(items: impl IntoIterator<Item = (&'a str, &'a str)>, current: &str) -> Vec<Choice> {
        items
            .into_iter()
            .map(|(v, l)| Choice { value: v.to_string(), label: l.to_string(), selected: v == current })
            .collect()
    }

    /// 全市 and every agency by code, for choosing the scope of a report.
    pub fn scopes(agencies: &[gongkai_store::agencies::Agency], current: Option<i64>) -> Vec<Choice> {
        std::iter::once(Choice { value: String::new(), label: "全市".into(), selected: current.is_none() })
            .chain(agencies.iter().map(|a| Choice {
                value: a.code.to_string(),
                label: a.name.clone(),
                selected: current == Some(a.id),
            }))
            .collect()
    }
}

/// A group of topic options (`<optgroup>`).
pub struct ChoiceGroup {
    pub label: String,
    pub choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "admin/doc_form.html")]
pub struct DocFormPage {
    pub layout: Layout,
    pub heading: String,
    pub action: String,
    pub input: gongkai_core::doc::EditionInput,
    pub errors: FieldErrors,
    pub genres: Vec<Choice>,
    pub topics: Vec<ChoiceGroup>,
    pub topic_known: bool,
    pub policy_kinds: Vec<Choice>,
    pub columns: Vec<Choice>,
    pub items: Vec<Choice>,
    pub disclosures: Vec<Choice>,
    pub grounds: Vec<Choice>,
    pub validities: Vec<Choice>,
    pub interpretation_forms: Vec<Choice>,
    pub general_years: u8,
    pub interim_years: u8,
    pub interpretation_within: u32,
    pub revision: bool,
}

impl DocFormPage {
    pub fn error(&self, field: &str) -> &str {
        self.errors.get(field).unwrap_or("")
    }
}

#[derive(Template)]
#[template(path = "admin/doc.html")]
pub struct StaffDocPage {
    pub layout: Layout,
    pub id: i64,
    pub title: String,
    pub agency: String,
    pub index_no: String,
    pub status: String,
    pub status_code: String,
    pub edition: i64,
    pub withdrawn: String,
    pub review_note: String,
    pub meta: Vec<Meta>,
    pub attachments: Vec<(i64, AttachmentView)>,
    pub history: Vec<(i64, String, String, String)>,
    pub can_edit: bool,
    pub can_submit: bool,
    pub can_review: bool,
    pub can_revise: bool,
    pub can_withdraw: bool,
    pub public_href: String,
    pub notice: String,
    pub error: String,
    pub privacy: String,
    pub max_upload: String,
    /// A policy document without a published interpretation: shown to the reviewer before
    /// publishing, and on the page after.
    pub interpretation_warning: String,
    /// The reviewer may record that this document repeals or amends earlier ones.
    pub can_change_validity: bool,
    pub today: String,
}

#[derive(Template)]
#[template(path = "admin/agencies.html")]
pub struct AgenciesPage {
    pub layout: Layout,
    pub rows: Vec<(String, String, String, String, String, String)>,
    pub notice: String,
}

#[derive(Template)]
#[template(path = "admin/agency_form.html")]
pub struct AgencyFormPage {
    pub layout: Layout,
    pub heading: String,
    pub action: String,
    pub input: gongkai_core::org::AgencyInput,
    pub errors: FieldErrors,
    pub kinds: Vec<Choice>,
    pub parents: Vec<Choice>,
    pub editing: bool,
}

impl AgencyFormPage {
    pub fn error(&self, field: &str) -> &str {
        self.errors.get(field).unwrap_or("")
    }
}

pub struct UserRowView {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub role: String,
    pub agency: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    pub layout: Layout,
    pub rows: Vec<UserRowView>,
    pub notice: String,
}

#[derive(Template)]
#[template(path = "admin/user_form.html")]
pub struct UserFormPage {
    pub layout: Layout,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Choice>,
    pub agencies: Vec<Choice>,
    pub errors: FieldErrors,
    pub created_password: String,
}

impl UserFormPage {
    pub fn error(&self, field: &str) -> &str {
        self.errors.get(field).unwrap_or("")
    }
}

pub struct AuditRowView {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub note: String,
    pub ip: String,
    pub change: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    pub layout: Layout,
    pub rows: Vec<AuditRowView>,
    pub pager: Pager,
}

#[derive(Template)]
#[template(path = "admin/password.html")]
pub struct PasswordPage {
    pub layout: Layout,
    pub error: String,
    pub notice: String,
}
