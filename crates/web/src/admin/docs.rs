//! Staff pages for documents: the overview, the list, drafting, review and publication.

use axum::Router;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_core::doc::workflow::{self, Action, EditionStatus};
use gongkai_core::doc::{
    DisclosureKind, EditionFields, EditionInput, FieldErrors, Genre, InterpretationForm, PolicyKind, SiteColumn,
    StatutoryItem, Topic, ValidityStatus, WithholdingGround, vocabulary,
};
use gongkai_core::org::Role;
use gongkai_core::tz;
use gongkai_store::StoreError;
use gongkai_store::documents::{self, PublishOptions, StaffDocument, StaffFilter, StaffRow, Upload};
use serde::Deserialize;

use super::{Done, Empty, html, staff_layout};
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::forms::{CsrfForm, CsrfMultipart, too_large};
use crate::public::{PER_PAGE, doc_page};
use crate::session::Staff;
use crate::views::{
    AttachmentView, Choice, ChoiceGroup, DashboardPage, DocFormPage, Link, Meta, Pager, StaffDocPage, StaffListPage,
    StaffRowView, url_encode,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/docs", get(list))
        .route("/admin/docs/new", get(new_form).post(create))
        .route("/admin/docs/{id}", get(view))
        .route("/admin/docs/{id}/edit", get(edit_form).post(update))
        .route("/admin/docs/{id}/preview", get(preview))
        .route("/admin/docs/{id}/submit", post(submit))
        .route("/admin/docs/{id}/return", post(return_to_editor))
        .route("/admin/docs/{id}/publish", post(publish))
        .route("/admin/docs/{id}/revise", post(revise))
        .route("/admin/docs/{id}/withdraw", post(withdraw))
        .route("/admin/docs/{id}/attachments", post(attach))
        .route("/admin/docs/{id}/attachments/{aid}/delete", post(detach))
}

fn status_label(code: &str, withdrawn: bool) -> String {
    if withdrawn {
        return "已撤回".into();
    }
    EditionStatus::from_code(code).map(|s| s.label().to_string()).unwrap_or_else(|| code.into())
}

async fn row_views(state: &AppState, rows: Vec<StaffRow>) -> AppResult<Vec<StaffRowView>> {
    let agencies = state.agencies().await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffRowView {
            href: format!("/admin/docs/{}", r.id),
            agency: agencies.iter().find(|a| a.id == r.agency_id).map(|a| a.short_name.clone()).unwrap_or_default(),
            index_no: r.index_no.unwrap_or_default(),
            edition: r.edition_no,
            status: status_label(&r.status, r.withdrawn),
            status_code: if r.withdrawn { "withdrawn".into() } else { r.status },
            updated: tz::format_minutes(r.updated_at),
            title: r.title,
        })
        .collect())
}

pub async fn dashboard(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    let actor = staff.actor();
    let mut counts = Vec::new();
    for (code, label) in [("draft", "草稿"), ("in-review", "待审核"), ("published", "已发布"), ("withdrawn", "已撤回")]
    {
        let f = StaffFilter { status: Some(code.into()), ..Default::default() };
        let (_, n) = documents::staff_list(state.db(), &actor, &f, 1, 0).await?;
        counts.push(Link {
            label: label.into(),
            href: format!("/admin/docs?status={code}"),
            note: n.to_string(),
            current: false,
        });
    }
    let (recent, _) = documents::staff_list(state.db(), &actor, &StaffFilter::default(), 10, 0).await?;
    let agency = match staff.user.agency_id {
        Some(id) => state.agency(id).await?.map(|a| a.name).unwrap_or_default(),
        None => "全市".into(),
    };
    html(DashboardPage {
        layout: staff_layout(&state, &uri, &staff),
        agency,
        counts,
        recent: row_views(&state, recent).await?,
        notice: done.message(),
    })
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let status = q.status.clone().filter(|s| !s.is_empty());
    let title = q.q.clone().filter(|s| !s.trim().is_empty());
    let page = q.page.as_deref().and_then(|p| p.parse().ok()).filter(|p: &i64| *p >= 1).unwrap_or(1);
    let f = StaffFilter { status: status.clone(), title: title.clone(), agency_id: None };
    let (rows, total) = documents::staff_list(state.db(), &staff.actor(), &f, PER_PAGE, (page - 1) * PER_PAGE).await?;
    let mut base = String::from("/admin/docs?");
    if let Some(s) = &status {
        base.push_str(&format!("status={}&", url_encode(s)));
    }
    if let Some(t) = &title {
        base.push_str(&format!("q={}&", url_encode(t)));
    }
    let statuses =
        [("", "全部"), ("draft", "草稿"), ("in-review", "待审核"), ("published", "已发布"), ("withdrawn", "已撤回")]
            .iter()
            .map(|(code, label)| Link {
                label: (*label).into(),
                href: (*code).into(),
                note: String::new(),
                current: status.as_deref().unwrap_or("") == *code,
            })
            .collect();
    html(StaffListPage {
        layout: staff_layout(&state, &uri, &staff),
        rows: row_views(&state, rows).await?,
        pager: Pager::new(total, page, PER_PAGE, &base),
        statuses,
        title_query: title.unwrap_or_default(),
        notice: Done { done: q.done }.message(),
    })
}

/// Which form: the heading, where it posts, and whether it edits a revision.
struct Target {
    heading: String,
    action: String,
    revision: bool,
}

impl Target {
    fn new_document() -> Target {
        Target { heading: "新建信息".into(), action: "/admin/docs/new".into(), revision: false }
    }

    fn edit(doc: &StaffDocument) -> Target {
        Target {
            heading: format!("编辑：第 {} 版", doc.working.edition_no),
            action: format!("/admin/docs/{}/edit", doc.document.id),
            revision: doc.working.edition_no > 1,
        }
    }
}

fn form_page(
    state: &AppState,
    uri: &OriginalUri,
    staff: &Staff,
    target: Target,
    input: EditionInput,
    errors: FieldErrors,
) -> DocFormPage {
    let Target { heading, action, revision } = target;
    let topic = Topic::parse(&input.topic).ok();
    let current_topic = topic.as_ref().map(|t| t.label()).unwrap_or_default();
    DocFormPage {
        layout: staff_layout(state, uri, staff),
        heading,
        action,
        genres: Choice::list(Genre::ALL.iter().map(|x| (x.code(), x.label())), &input.genre),
        topics: vocabulary()
            .iter()
            .map(|g| ChoiceGroup {
                label: g.name.into(),
                choices: if g.children.is_empty() {
                    vec![Choice { value: g.name.into(), label: g.name.into(), selected: current_topic == g.name }]
                } else {
                    g.children
                        .iter()
                        .map(|c| {
                            let v = format!("{}/{}", g.name, c);
                            Choice { selected: v == current_topic, value: v, label: (*c).into() }
                        })
                        .collect()
                },
            })
            .collect(),
        topic_known: topic.as_ref().is_none_or(Topic::is_known),
        policy_kinds: Choice::list(
            PolicyKind::ALL.iter().map(|x| (x.code(), x.label())),
            if input.policy_kind.is_empty() { "none" } else { &input.policy_kind },
        ),
        columns: Choice::list(
            SiteColumn::ALL.iter().map(|x| (x.code(), x.label())),
            if input.column.is_empty() { "general" } else { &input.column },
        ),
        items: StatutoryItem::ALL
            .iter()
            .map(|i| Choice {
                value: i.code().into(),
                label: format!("（{}）{}", i.number(), i.label()),
                selected: i.code() == input.statutory_item,
            })
            .collect(),
        disclosures: Choice::list(
            DisclosureKind::ALL.iter().map(|x| (x.code(), x.label())),
            if input.disclosure.is_empty() { "proactive" } else { &input.disclosure },
        ),
        grounds: Choice::list(WithholdingGround::ALL.iter().map(|x| (x.code(), x.label())), &input.ground),
        validities: Choice::list(ValidityStatus::ALL.iter().map(|x| (x.code(), x.label())), &input.validity),
        interpretation_forms: Choice::list(
            InterpretationForm::ALL.iter().map(|x| (x.code(), x.label())),
            &input.interpretation_form,
        ),
        general_years: state.config().validity_periods.general_years,
        interim_years: state.config().validity_periods.interim_years,
        interpretation_within: state.config().interpretation_within,
        input,
        errors,
        revision,
    }
}

async fn new_form(State(state): State<AppState>, uri: OriginalUri, staff: Staff) -> AppResult<Response> {
    staff.require(&[Role::Editor])?;
    let input = EditionInput { disclosure: "proactive".into(), ..Default::default() };
    html(form_page(&state, &uri, &staff, Target::new_document(), input, FieldErrors::default()))
}

/// The form's fields, with the configured default 有效期 filled in.
fn parse_fields(state: &AppState, input: &EditionInput) -> Result<EditionFields, FieldErrors> {
    let mut fields = EditionFields::parse(input)?;
    fields.apply_default_expiry(&state.config().validity_periods, state.today());
    Ok(fields)
}

fn invalid_or(e: StoreError) -> Result<FieldErrors, AppError> {
    match e {
        StoreError::Invalid(errs) => Ok(errs),
        other => Err(other.into()),
    }
}

async fn create(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    CsrfForm(input): CsrfForm<EditionInput>,
) -> AppResult<Response> {
    staff.require(&[Role::Editor])?;
    let agency_id = staff.user.agency_id.ok_or_else(|| AppError::Forbidden("账号未绑定机构".into()))?;
    let errors = match parse_fields(&state, &input) {
        Ok(fields) => match documents::create_draft(state.db(), &staff.who(), &staff.actor(), agency_id, &fields).await
        {
            Ok(id) => return Ok(Redirect::to(&format!("/admin/docs/{id}?done=created")).into_response()),
            Err(e) => invalid_or(e)?,
        },
        Err(errors) => errors,
    };
    let page = form_page(&state, &uri, &staff, Target::new_document(), input, errors);
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, axum::response::Html(askama::Template::render(&page)?))
        .into_response())
}

async fn load(state: &AppState, staff: &Staff, id: &str) -> AppResult<StaffDocument> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    Ok(documents::staff_document(state.db(), &staff.actor(), id).await?)
}

async fn edit_form(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let doc = load(&state, &staff, &id).await?;
    workflow::check(Action::Edit, &staff.actor(), doc.document.agency_id, Some(&doc.state()))
        .map_err(|e| AppError::Conflict(e.to_string()))?;
    html(form_page(&state, &uri, &staff, Target::edit(&doc), doc.working.fields.to_input(), FieldErrors::default()))
}

async fn update(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(input): CsrfForm<EditionInput>,
) -> AppResult<Response> {
    let doc = load(&state, &staff, &id).await?;
    let errors = match parse_fields(&state, &input) {
        Ok(fields) => match documents::update_draft(state.db(), &staff.who(), &staff.actor(), doc.document.id, &fields)
            .await
        {
            Ok(()) => return Ok(Redirect::to(&format!("/admin/docs/{}?done=saved", doc.document.id)).into_response()),
            Err(e) => invalid_or(e)?,
        },
        Err(errors) => errors,
    };
    let page = form_page(&state, &uri, &staff, Target::edit(&doc), input, errors);
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, axum::response::Html(askama::Template::render(&page)?))
        .into_response())
}

/// Metadata rows for the staff view.
fn meta(fields: &EditionFields) -> Vec<Meta> {
    let mut m = vec![
        Meta { label: "文号", value: fields.doc_no.as_ref().map(|d| d.to_string()).unwrap_or_default() },
        Meta { label: "主题分类", value: fields.topic.label() },
        Meta { label: "公文种类", value: fields.genre.label().into() },
        Meta { label: "文件类别", value: fields.policy_kind.label().into() },
        Meta { label: "成文日期", value: fields.written_on.map(tz::format_date).unwrap_or_default() },
        Meta {
            label: "栏目",
            value: match fields.statutory_item {
                Some(i) => format!("{}：（{}）{}", fields.column.label(), i.number(), i.label()),
                None => fields.column.label().into(),
            },
        },
        Meta {
            label: "公开属性",
            value: match fields.disclosure.ground() {
                Some(g) => format!("{}（{}）", fields.disclosure.kind().label(), g.label()),
                None => fields.disclosure.kind().label().into(),
            },
        },
    ];
    if let Some(v) = fields.validity {
        m.push(Meta { label: "有效性", value: v.status().label().into() });
    }
    m
}

#[derive(Deserialize, Default)]
struct ViewQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn render_view(
    state: &AppState,
    uri: &OriginalUri,
    staff: &Staff,
    doc: StaffDocument,
    notice: String,
    error: String,
    privacy: String,
) -> AppResult<Response> {
    let actor = staff.actor();
    let st = doc.state();
    let can = |a: Action| workflow::check(a, &actor, doc.document.agency_id, Some(&st)).is_ok();
    let agency = state.agency(doc.document.agency_id).await?.map(|a| a.name).unwrap_or_default();
    let public = doc.published.is_some()
        && doc.document.withdrawn_at.is_none()
        && doc.published.as_ref().is_some_and(|p| p.fields.disclosure.is_public());
    let index_no = doc.document.index_no.as_ref().map(|n| n.to_string()).unwrap_or_default();
    let interpretation_warning = interpretation_warning(state, &doc, can(Action::Publish), public).await?;
    let can_change_validity = public
        && match actor.role {
            Role::Reviewer => actor.agency_id == Some(doc.document.agency_id),
            Role::SystemAdmin => true,
            _ => false,
        };
    let page = StaffDocPage {
        layout: staff_layout(state, uri, staff),
        id: doc.document.id,
        title: doc.working.fields.title.as_str().into(),
        agency,
        status: doc.working.status.label().into(),
        status_code: doc.working.status.code().into(),
        edition: doc.working.edition_no,
        withdrawn: doc
            .document
            .withdrawn_at
            .map(|at| {
                format!(
                    "已于 {} 撤回：{}",
                    tz::format_minutes(at),
                    doc.document.withdrawn_reason.clone().unwrap_or_default()
                )
            })
            .unwrap_or_default(),
        review_note: if doc.working.status == EditionStatus::Draft {
            doc.working.review_note.clone().unwrap_or_default()
        } else {
            String::new()
        },
        meta: meta(&doc.working.fields),
        attachments: doc
            .attachments
            .iter()
            .map(|a| {
                (
                    a.id,
                    AttachmentView {
                        href: format!("/files/{}/{}", a.id, url_encode(&a.file_name)),
                        name: a.file_name.clone(),
                        size: gongkai_core::doc::attachment::human_size(a.size as u64),
                    },
                )
            })
            .collect(),
        history: doc
            .editions
            .iter()
            .map(|e| {
                (
                    e.edition_no,
                    e.status.label().to_string(),
                    e.published_at.map(tz::format_minutes).unwrap_or_default(),
                    e.fields.change_note.clone().unwrap_or_default(),
                )
            })
            .collect(),
        can_edit: can(Action::Edit),
        can_submit: can(Action::Submit),
        can_review: can(Action::Publish),
        can_revise: can(Action::Revise),
        can_withdraw: can(Action::Withdraw),
        public_href: if public { format!("/doc/{index_no}") } else { String::new() },
        index_no,
        notice,
        error,
        privacy,
        max_upload: gongkai_core::doc::attachment::human_size(state.config().max_upload_bytes as u64),
        interpretation_warning,
        can_change_validity,
        today: tz::format_date(state.today()),
    };
    html(page)
}

/// 谁起草、谁解读: a policy document is published with its interpretation. The reviewer about to
/// publish one without a published interpretation is told so (and whether one is being
/// drafted); a published one without an interpretation says so too.
async fn interpretation_warning(
    state: &AppState,
    doc: &StaffDocument,
    about_to_publish: bool,
    public: bool,
) -> AppResult<String> {
    let f = &doc.working.fields;
    if !(about_to_publish || public) || !f.policy_kind.needs_interpretation() || !f.disclosure.is_public() {
        return Ok(String::new());
    }
    let relations = gongkai_store::lifecycle::relations(state.db(), doc.document.id).await?;
    if !relations.interpretations.is_empty() {
        return Ok(String::new());
    }
    let drafts = gongkai_store::lifecycle::drafts_interpreting(
        state.db(),
        f.doc_no.as_ref().map(|d| d.as_str()),
        doc.document.index_no.as_ref().map(|n| n.as_str()),
    )
    .await?;
    let drafts = if drafts > 0 {
        format!("（有 {drafts} 篇解读稿件正在编辑或待审核）")
    } else {
        "，也没有关联本文件的解读稿件".into()
    };
    Ok(format!(
        "本文件属于{}，尚无已发布的政策解读{drafts}。按照“谁起草、谁解读”，解读应与政策文件同步发布，最迟在发布后 {} 个工作日内发布，逾期将在政策解读统计中标为未解读。",
        f.policy_kind.label(),
        state.config().interpretation_within
    ))
}

async fn view(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    Query(q): Query<ViewQuery>,
) -> AppResult<Response> {
    let doc = load(&state, &staff, &id).await?;
    render_view(&state, &uri, &staff, doc, Done { done: q.done }.message(), String::new(), String::new()).await
}

/// The edition being worked on, as the public page will show it.
async fn preview(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let doc = load(&state, &staff, &id).await?;
    let page = gongkai_store::documents::PublicPage {
        relations: gongkai_store::lifecycle::relations(state.db(), doc.document.id).await?,
        gazette: gongkai_store::gazette::issues_of_document(state.db(), doc.document.id).await?,
        attachments: doc.attachments.clone(),
        history: Vec::new(),
        edition: doc.working.clone(),
        document: doc.document.clone(),
    };
    let agency = state.agency(doc.document.agency_id).await?;
    let note = format!("预览：第 {} 版（{}），尚未对公众公开。", doc.working.edition_no, doc.working.status.label());
    let mut p = doc_page(&state, &uri, &page, agency.as_ref(), false, Some(note));
    p.layout = staff_layout(&state, &uri, &staff);
    html(p)
}

/// After a workflow action: back to the document with a message, or the document page with
/// the refusal explained (and nothing changed).
async fn after(
    state: &AppState,
    uri: &OriginalUri,
    staff: &Staff,
    id: i64,
    result: Result<(), StoreError>,
    done: &str,
) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/docs/{id}?done={done}")).into_response()),
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => {
            let (error, privacy) = match e {
                StoreError::PrivacyBlocked(m) => (String::new(), m),
                StoreError::Invalid(errs) => {
                    (errs.iter().map(|(_, m)| m).collect::<Vec<_>>().join("；"), String::new())
                }
                StoreError::Workflow(w) => (w.to_string(), String::new()),
                other => return Err(other.into()),
            };
            let doc = documents::staff_document(state.db(), &staff.actor(), id).await?;
            let mut res = render_view(state, uri, staff, doc, String::new(), error, privacy).await?;
            *res.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(res)
        }
    }
}

fn doc_id(id: &str) -> AppResult<i64> {
    id.parse().map_err(|_| AppError::NotFound)
}

async fn submit(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    _: CsrfForm<Empty>,
) -> AppResult<Response> {
    let id = doc_id(&id)?;
    let r = documents::submit(state.db(), &staff.who(), &staff.actor(), id).await;
    after(&state, &uri, &staff, id, r, "submitted").await
}

#[derive(Deserialize)]
struct ReturnForm {
    #[serde(default)]
    review_note: String,
}

async fn return_to_editor(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ReturnForm>,
) -> AppResult<Response> {
    let id = doc_id(&id)?;
    let r = documents::return_to_editor(state.db(), &staff.who(), &staff.actor(), id, &f.review_note).await;
    after(&state, &uri, &staff, id, r, "returned").await
}

#[derive(Deserialize)]
struct PublishForm {
    #[serde(default)]
    privacy_override: String,
}

async fn publish(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<PublishForm>,
) -> AppResult<Response> {
    let id = doc_id(&id)?;
    let opts = PublishOptions {
        privacy_override: Some(f.privacy_override.as_str()),
        template: &state.config().index_template,
        blobs: state.blobs(),
    };
    let r = documents::publish(state.db(), &staff.who(), &staff.actor(), id, &opts).await.map(|_| ());
    if r.is_ok() {
        state.document_changed(id).await;
    }
    after(&state, &uri, &staff, id, r, "published").await
}

async fn revise(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    _: CsrfForm<Empty>,
) -> AppResult<Response> {
    let id = doc_id(&id)?;
    let r = documents::revise(state.db(), &staff.who(), &staff.actor(), id).await.map(|_| ());
    after(&state, &uri, &staff, id, r, "revised").await
}

#[derive(Deserialize)]
struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

async fn withdraw(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<WithdrawForm>,
) -> AppResult<Response> {
    let id = doc_id(&id)?;
    let r = documents::withdraw(state.db(), &staff.who(), &staff.actor(), id, &f.reason).await;
    if r.is_ok() {
        state.document_changed(id).await;
    }
    after(&state, &uri, &staff, id, r, "withdrawn").await
}

async fn attach(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path(id): Path<String>,
    form: CsrfMultipart,
) -> AppResult<Response> {
    let id = doc_id(&id)?;
    let limit = state.config().max_upload_bytes;
    let too_large = || too_large(limit);
    let upload = form.read(limit).await?.file;
    if upload.as_ref().is_some_and(|(_, bytes)| bytes.len() > limit) {
        return Err(too_large());
    }
    let (name, bytes) = upload.ok_or_else(|| AppError::BadRequest("请选择要上传的文件".into()))?;
    let r = documents::add_attachment(
        state.db(),
        state.blobs(),
        &staff.who(),
        &staff.actor(),
        id,
        &Upload { file_name: &name, bytes: &bytes, max_bytes: Some(limit) },
    )
    .await
    .map(|_| ());
    if let Err(StoreError::Invalid(errs)) = &r
        && errs.iter().any(|(_, m)| m.contains("过大"))
    {
        return Err(too_large());
    }
    after(&state, &uri, &staff, id, r, "attached").await
}

async fn detach(
    State(state): State<AppState>,
    uri: OriginalUri,
    staff: Staff,
    Path((id, aid)): Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> AppResult<Response> {
    let id = doc_id(&id)?;
    let aid: i64 = aid.parse().map_err(|_| AppError::NotFound)?;
    let r = documents::remove_attachment(state.db(), &staff.who(), &staff.actor(), id, aid).await;
    after(&state, &uri, &staff, id, r, "detached").await
}
