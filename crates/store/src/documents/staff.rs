//! What staff do to documents: draft, edit, submit, return, publish, revise, withdraw, attach.
//!
//! Each operation checks the workflow rules of `gongkai_core::doc::workflow` against the state
//! read inside its own transaction (with the document row locked on PostgreSQL; SQLite write
//! transactions are serialised by `BEGIN IMMEDIATE`), so two reviewers pressing "publish" at
//! once cannot both succeed. Every operation writes the audit log in the same transaction.

use gongkai_core::doc::attachment::{self, DEFAULT_MAX_ATTACHMENT_BYTES};
use gongkai_core::doc::workflow::{self, Action, Actor, DocState, EditionStatus, WorkflowError};
use gongkai_core::doc::{EditionFields, IndexNo, IndexTemplate};
use gongkai_core::privacy;
use serde::Serialize;
use time::OffsetDateTime;

use super::rows::{field_assignments, field_placeholders};
use super::{
    Attachment, DOCUMENT_COLUMNS, Document, DocumentRow, Edition, EditionRow, FieldValues, bind_fields, edition_columns,
};
use crate::audit::{self, Entry, Who};
use crate::blobs::BlobStore;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A document as staff see it: its newest edition (the one being worked on, or the published
/// one), the published edition if any, and all editions for the history.
#[derive(Debug, Clone, Serialize)]
pub struct StaffDocument {
    pub document: Document,
    pub working: Edition,
    pub published: Option<Edition>,
    pub attachments: Vec<Attachment>,
    pub editions: Vec<Edition>,
}

impl StaffDocument {
    pub fn state(&self) -> DocState {
        state_of(&self.document, &self.editions)
    }
}

fn state_of(doc: &Document, editions: &[Edition]) -> DocState {
    let newest = editions.last();
    DocState {
        agency_id: doc.agency_id,
        edition_status: newest.map_or(EditionStatus::Draft, |e| e.status),
        submitted_by: newest.and_then(|e| e.submitted_by),
        published_at: newest.and_then(|e| e.published_at),
        has_published: editions.iter().any(|e| e.status == EditionStatus::Published),
        withdrawn: doc.withdrawn_at.is_some(),
    }
}

/// Staff of an agency see only their agency's documents; city-wide roles see all.
fn visible(actor: &Actor, agency_id: i64) -> bool {
    !actor.role.is_agency_scoped() || actor.agency_id == Some(agency_id)
}

fn editions_sql() -> String {
    format!("SELECT {} FROM editions WHERE document_id = $1 ORDER BY edition_no", edition_columns())
}

fn document_sql() -> String {
    format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = $1")
}

pub async fn staff_document(db: &Db, actor: &Actor, id: i64) -> Result<StaffDocument, StoreError> {
    let doc =
        super::document_by_id(db, id).await?.filter(|d| visible(actor, d.agency_id)).ok_or(StoreError::NotFound)?;
    let editions = super::editions(db, id).await?;
    assemble(db, doc, editions).await
}

async fn assemble(db: &Db, document: Document, editions: Vec<Edition>) -> Result<StaffDocument, StoreError> {
    let working = editions
        .last()
        .cloned()
        .ok_or_else(|| StoreError::Corrupt(format!("document {} has no edition", document.id)))?;
    let attachments = super::attachments(db, working.id).await?;
    let published = editions.iter().find(|e| e.status == EditionStatus::Published).cloned();
    Ok(StaffDocument { document, working, published, attachments, editions })
}

/// Locks the document and reads its state inside the transaction.
async fn load_locked(tx: &mut Tx, actor: &Actor, id: i64) -> Result<(Document, Vec<Edition>), StoreError> {
    // PostgreSQL needs an explicit row lock; SQLite's IMMEDIATE transaction already holds the
    // database write lock.
    if let Tx::Pg(c) = tx {
        sqlx::query("SELECT id FROM documents WHERE id = $1 FOR UPDATE").bind(id).execute(&mut **c).await?;
    }
    let row = on_tx!(tx, |c| sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(document_sql()))
        .bind(id)
        .fetch_optional(&mut **c)
        .await)?;
    let doc =
        row.map(Document::try_from).transpose()?.filter(|d| visible(actor, d.agency_id)).ok_or(StoreError::NotFound)?;
    let rows = on_tx!(tx, |c| sqlx::query_as::<_, EditionRow>(sqlx::AssertSqlSafe(editions_sql()))
        .bind(id)
        .fetch_all(&mut **c)
        .await)?;
    let editions = rows.into_iter().map(Edition::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((doc, editions))
}

/// Begins a transaction, locks the document, and checks that `action` is allowed.
async fn begin_action(
    db: &Db,
    actor: &Actor,
    id: i64,
    action: Action,
) -> Result<(Tx, Document, Vec<Edition>), StoreError> {
    let mut tx = db.begin().await?;
    let (doc, editions) = load_locked(&mut tx, actor, id).await?;
    workflow::check(action, actor, doc.agency_id, Some(&state_of(&doc, &editions)))?;
    Ok((tx, doc, editions))
}

fn newest(editions: &[Edition]) -> Result<&Edition, StoreError> {
    editions.last().ok_or_else(|| StoreError::Corrupt("document without editions".into()))
}

fn who_id(who: &Who) -> Option<i64> {
    who.user_id
}

async fn insert_edition(
    tx: &mut Tx,
    document_id: i64,
    edition_no: i64,
    status: EditionStatus,
    fields: &EditionFields,
    created_by: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let v = FieldValues::new(fields);
    let sql = format!(
        "INSERT INTO editions (document_id, edition_no, status, created_by, created_at, updated_at, {}) VALUES ($1, $2, $3, $4, $5, $5, {}) RETURNING id",
        super::rows::FIELD_COLUMNS.join(", "),
        field_placeholders(6)
    );
    let id: i64 = on_tx!(tx, |c| bind_fields!(
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
            .bind(document_id)
            .bind(edition_no)
            .bind(status.code())
            .bind(created_by)
            .bind(now),
        v
    )
    .fetch_one(&mut **c)
    .await)?;
    Ok(id)
}

/// Starts a new document with its first edition as a draft. Returns the document id.
pub async fn create_draft(
    db: &Db,
    who: &Who,
    actor: &Actor,
    agency_id: i64,
    fields: &EditionFields,
) -> Result<i64, StoreError> {
    workflow::check(Action::Create, actor, agency_id, None)?;
    let now = crate::now();
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO documents (agency_id, created_by, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id"
    )
    .bind(agency_id)
    .bind(who_id(who))
    .bind(now)
    .fetch_one(&mut **c)
    .await)?;
    insert_edition(&mut tx, id, 1, EditionStatus::Draft, fields, who_id(who), now).await?;
    audit::record(&mut tx, who, Entry::new("document.create", "document", id).agency(Some(agency_id)).after(fields))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces the fields of the working draft.
pub async fn update_draft(
    db: &Db,
    who: &Who,
    actor: &Actor,
    id: i64,
    fields: &EditionFields,
) -> Result<(), StoreError> {
    let (mut tx, doc, editions) = begin_action(db, actor, id, Action::Edit).await?;
    let working = newest(&editions)?;
    let v = FieldValues::new(fields);
    let sql = format!("UPDATE editions SET {}, updated_at = $1 WHERE id = $2", field_assignments(3));
    crate::tx_exec!(
        &mut tx,
        bind_fields!(sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(crate::now()).bind(working.id), v)
    )?;
    touch(&mut tx, id).await?;
    audit::record(
        &mut tx,
        who,
        Entry::new("document.edit", "document", id).agency(Some(doc.agency_id)).before(&working.fields).after(fields),
    )
    .await?;
    tx.commit().await
}

async fn touch(tx: &mut Tx, id: i64) -> Result<(), StoreError> {
    crate::tx_exec!(tx, sqlx::query("UPDATE documents SET updated_at = $1 WHERE id = $2").bind(crate::now()).bind(id))?;
    Ok(())
}

/// Sends the working draft to the agency's reviewers.
pub async fn submit(db: &Db, who: &Who, actor: &Actor, id: i64) -> Result<(), StoreError> {
    let (mut tx, doc, editions) = begin_action(db, actor, id, Action::Submit).await?;
    let working = newest(&editions)?;
    crate::tx_exec!(&mut tx, sqlx::query(
        "UPDATE editions SET status = 'in-review', submitted_by = $1, submitted_at = $2, updated_at = $2 WHERE id = $3"
    )
    .bind(who_id(who))
    .bind(crate::now())
    .bind(working.id)
    )?;
    touch(&mut tx, id).await?;
    audit::record(&mut tx, who, Entry::new("document.submit", "document", id).agency(Some(doc.agency_id))).await?;
    tx.commit().await
}

/// The reviewer sends the edition back to the editors with a note saying what to change.
pub async fn return_to_editor(db: &Db, who: &Who, actor: &Actor, id: i64, note: &str) -> Result<(), StoreError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(StoreError::invalid("review_note", "退回时请写明需要修改的内容"));
    }
    let (mut tx, doc, editions) = begin_action(db, actor, id, Action::Return).await?;
    let working = newest(&editions)?;
    crate::tx_exec!(&mut tx, sqlx::query(
        "UPDATE editions SET status = 'draft', review_note = $1, reviewed_by = $2, reviewed_at = $3, updated_at = $3 WHERE id = $4"
    )
    .bind(note)
    .bind(who_id(who))
    .bind(crate::now())
    .bind(working.id)
    )?;
    touch(&mut tx, id).await?;
    audit::record(&mut tx, who, Entry::new("document.return", "document", id).agency(Some(doc.agency_id)).note(note))
        .await?;
    tx.commit().await
}

/// Everything [`publish`] needs besides the document.
pub struct PublishOptions<'a> {
    /// A reviewer's written reason to publish although the privacy check found personal data.
    pub privacy_override: Option<&'a str>,
    pub template: &'a IndexTemplate,
    pub blobs: &'a dyn BlobStore,
}

/// Finds personal data in what is about to be published: title, summary, body and text
/// attachments.
fn privacy_findings(edition: &Edition, attachments: &[Attachment], blobs: &dyn BlobStore) -> Vec<privacy::Finding> {
    let f = &edition.fields;
    let mut texts = vec![f.title.as_str().to_string(), f.summary.clone().unwrap_or_default(), f.body.plain_text()];
    for a in attachments.iter().filter(|a| a.content_type.starts_with("text/")) {
        if let Ok(bytes) = blobs.get(&a.sha256) {
            texts.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    texts.iter().flat_map(|t| privacy::scan(t)).collect()
}

/// Publishes the edition under review: it becomes the public version, the previous published
/// edition is kept as history, the document gets its 索引号 on first publication, and an
/// outbox row tells the search index and page caches.
///
/// Blocked while the privacy check finds personal data (ID, mobile or bank card numbers),
/// unless the reviewer gives a written reason, which is stored and audited.
pub async fn publish(
    db: &Db,
    who: &Who,
    actor: &Actor,
    id: i64,
    opts: &PublishOptions<'_>,
) -> Result<IndexNo, StoreError> {
    let (mut tx, doc, editions) = begin_action(db, actor, id, Action::Publish).await?;
    let working = newest(&editions)?.clone();
    if working.edition_no > 1 && working.fields.change_note.is_none() {
        return Err(StoreError::invalid("change_note", "修订后重新发布时必须填写修订说明，它将显示在修订记录中"));
    }
    // Once published, 有效性 changes only by a repeal or amendment (with its document and
    // authority) or by the calendar; a revision cannot bring a repealed document back or
    // repeal one without saying by what.
    if let Some(published) = editions.iter().find(|e| e.status == EditionStatus::Published)
        && let Some(current) = published.fields.validity.map(|v| v.status())
        && working.fields.validity.map(|v| v.status()) != Some(current)
    {
        return Err(StoreError::invalid(
            "validity",
            format!(
                "已发布文件的有效性（{}）只能通过“以本文件废止或修改其他文件”或到期自动变更，修订时请保持为“{}”",
                current.label(),
                current.label()
            ),
        ));
    }
    if working.fields.genre == gongkai_core::doc::Genre::Interpretation && working.fields.interpretation.is_none() {
        return Err(StoreError::invalid(
            "interprets",
            "政策解读必须关联至少一个被解读的政策文件（填写文号或索引号，每行一个）后才能发布",
        ));
    }
    let attachments = super::attachments(db, working.id).await?;
    let findings = privacy_findings(&working, &attachments, opts.blobs);
    let override_reason = opts.privacy_override.map(str::trim).filter(|r| !r.is_empty());
    if !findings.is_empty() && override_reason.is_none() {
        return Err(StoreError::PrivacyBlocked(format!(
            "{}。请先遮盖这些个人信息；如确需公开，请填写理由后再发布（将记入审计日志）",
            privacy::summary(&findings)
        )));
    }
    let now = crate::now();
    crate::tx_exec!(
        &mut tx,
        sqlx::query("UPDATE editions SET status = 'superseded' WHERE document_id = $1 AND status = 'published'")
            .bind(id)
    )?;
    let updated = crate::tx_exec!(&mut tx, sqlx::query(
        "UPDATE editions SET status = 'published', reviewed_by = $1, reviewed_at = $2, published_at = $2, updated_at = $2,
         privacy_override = $3 WHERE id = $4 AND status = 'in-review'"
    )
    .bind(who_id(who))
    .bind(now)
    .bind(findings.is_empty().then_some(()).map_or(override_reason, |_| None))
    .bind(working.id)
    )?;
    if updated != 1 {
        return Err(WorkflowError::AlreadyPublished(String::new()).into());
    }
    let index_no = match &doc.index_no {
        Some(n) => n.clone(),
        None => allocate_index_no(&mut tx, doc.agency_id, now, opts.template).await?,
    };
    let year = i64::from(gongkai_core::tz::local_date(now).year());
    crate::tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE documents SET index_no = $1, first_published_at = COALESCE(first_published_at, $2),
         published_year = COALESCE(published_year, $3), updated_at = $2 WHERE id = $4"
        )
        .bind(index_no.as_str())
        .bind(now)
        .bind(year)
        .bind(id)
    )?;
    outbox(&mut tx, "published", id).await?;
    crate::lifecycle::on_publish(&mut tx, id, doc.agency_id, &working.fields, crate::lifecycle::Resolve::Strict)
        .await?;
    let mut entry =
        Entry::new("document.publish", "document", id).agency(Some(doc.agency_id)).after(&serde_json::json!({
            "index_no": index_no.as_str(),
            "edition_no": working.edition_no,
        }));
    if !findings.is_empty() {
        entry = entry.note(format!(
            "隐私检查：{}；审核人理由：{}",
            privacy::summary(&findings),
            override_reason.unwrap_or_default()
        ));
    }
    audit::record(&mut tx, who, entry).await?;
    tx.commit().await?;
    Ok(index_no)
}

pub(crate) async fn outbox(tx: &mut Tx, kind: &str, document_id: i64) -> Result<(), StoreError> {
    crate::tx_exec!(
        tx,
        sqlx::query("INSERT INTO outbox (kind, document_id, created_at) VALUES ($1, $2, $3)")
            .bind(kind)
            .bind(document_id)
            .bind(crate::now())
    )?;
    Ok(())
}

/// Takes the agency's next serial for the year and renders the 索引号, skipping numbers that
/// an import already took.
pub(crate) async fn allocate_index_no(
    tx: &mut Tx,
    agency_id: i64,
    now: OffsetDateTime,
    template: &IndexTemplate,
) -> Result<IndexNo, StoreError> {
    let code: String = on_tx!(tx, |c| sqlx::query_scalar("SELECT code FROM agencies WHERE id = $1")
        .bind(agency_id)
        .fetch_one(&mut **c)
        .await)?;
    let local = gongkai_core::tz::local_date(now);
    loop {
        let serial: i64 = on_tx!(tx, |c| sqlx::query_scalar(
            "INSERT INTO index_serials (agency_id, year, last_serial) VALUES ($1, $2, 1)
             ON CONFLICT (agency_id, year) DO UPDATE SET last_serial = index_serials.last_serial + 1
             RETURNING last_serial"
        )
        .bind(agency_id)
        .bind(i64::from(local.year()))
        .fetch_one(&mut **c)
        .await)?;
        let serial = u32::try_from(serial).map_err(|_| StoreError::Corrupt("index serial overflow".into()))?;
        let candidate = template
            .render(&code, local.year(), u8::from(local.month()), serial)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let taken: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM documents WHERE index_no = $1")
            .bind(candidate.as_str())
            .fetch_optional(&mut **c)
            .await)?;
        if taken.is_none() {
            return Ok(candidate);
        }
    }
}

/// Starts a revision of a published document: a new draft edition with the published fields
/// and attachments. The public keeps seeing the published edition until the revision is
/// published in its turn.
pub async fn revise(db: &Db, who: &Who, actor: &Actor, id: i64) -> Result<i64, StoreError> {
    let (mut tx, doc, editions) = begin_action(db, actor, id, Action::Revise).await?;
    let current = newest(&editions)?;
    let mut fields = current.fields.clone();
    fields.change_note = None;
    let now = crate::now();
    let edition_id =
        insert_edition(&mut tx, id, current.edition_no + 1, EditionStatus::Draft, &fields, who_id(who), now).await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO attachments (edition_id, position, file_name, content_type, size, sha256)
         SELECT $1, position, file_name, content_type, size, sha256 FROM attachments WHERE edition_id = $2"
        )
        .bind(edition_id)
        .bind(current.id)
    )?;
    touch(&mut tx, id).await?;
    audit::record(
        &mut tx,
        who,
        Entry::new("document.revise", "document", id)
            .agency(Some(doc.agency_id))
            .note(format!("第 {} 版", current.edition_no + 1)),
    )
    .await?;
    tx.commit().await?;
    Ok(edition_id)
}

/// Takes a document off the public site. Its page then answers 410 Gone with the reason.
pub async fn withdraw(db: &Db, who: &Who, actor: &Actor, id: i64, reason: &str) -> Result<(), StoreError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::invalid("reason", "撤回时请写明理由，它将显示在原网址上"));
    }
    let (mut tx, doc, _) = begin_action(db, actor, id, Action::Withdraw).await?;
    let now = crate::now();
    crate::tx_exec!(
        &mut tx,
        sqlx::query("UPDATE documents SET withdrawn_at = $1, withdrawn_reason = $2, updated_at = $1 WHERE id = $3")
            .bind(now)
            .bind(reason)
            .bind(id)
    )?;
    outbox(&mut tx, "withdrawn", id).await?;
    audit::record(
        &mut tx,
        who,
        Entry::new("document.withdraw", "document", id).agency(Some(doc.agency_id)).note(reason),
    )
    .await?;
    tx.commit().await
}

/// A file sent by an editor.
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// The operator's limit, or the default.
    pub max_bytes: Option<usize>,
}

/// Attaches a file to the working draft after checking its size, type and content.
pub async fn add_attachment(
    db: &Db,
    blobs: &dyn BlobStore,
    who: &Who,
    actor: &Actor,
    id: i64,
    upload: &Upload<'_>,
) -> Result<Attachment, StoreError> {
    let Upload { file_name, bytes, max_bytes } = *upload;
    let (name, kind) = attachment::check_upload(file_name, bytes, max_bytes.unwrap_or(DEFAULT_MAX_ATTACHMENT_BYTES))
        .map_err(|e| StoreError::invalid("file", e.to_string()))?;
    let sha = blobs.put(bytes)?;
    let (mut tx, doc, editions) = begin_action(db, actor, id, Action::Edit).await?;
    let working = newest(&editions)?;
    let size = bytes.len() as i64;
    crate::tx_exec!(
        &mut tx,
        sqlx::query("INSERT INTO blobs (sha256, size, created_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING")
            .bind(&sha)
            .bind(size)
            .bind(crate::now())
    )?;
    let (aid, position): (i64, i64) = on_tx!(&mut tx, |c| sqlx::query_as(
        "INSERT INTO attachments (edition_id, position, file_name, content_type, size, sha256)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM attachments WHERE edition_id = $1), $2, $3, $4, $5)
         RETURNING id, position"
    )
    .bind(working.id)
    .bind(&name)
    .bind(kind.content_type)
    .bind(size)
    .bind(&sha)
    .fetch_one(&mut **c)
    .await)?;
    let a = Attachment {
        id: aid,
        edition_id: working.id,
        position,
        file_name: name,
        content_type: kind.content_type.into(),
        size,
        sha256: sha,
    };
    touch(&mut tx, id).await?;
    audit::record(&mut tx, who, Entry::new("document.attach", "document", id).agency(Some(doc.agency_id)).after(&a))
        .await?;
    tx.commit().await?;
    Ok(a)
}

pub async fn remove_attachment(
    db: &Db,
    who: &Who,
    actor: &Actor,
    id: i64,
    attachment_id: i64,
) -> Result<(), StoreError> {
    let (mut tx, doc, editions) = begin_action(db, actor, id, Action::Edit).await?;
    let working = newest(&editions)?;
    let removed = crate::tx_exec!(
        &mut tx,
        sqlx::query("DELETE FROM attachments WHERE id = $1 AND edition_id = $2").bind(attachment_id).bind(working.id)
    )?;
    if removed == 0 {
        return Err(StoreError::NotFound);
    }
    touch(&mut tx, id).await?;
    audit::record(
        &mut tx,
        who,
        Entry::new("document.detach", "document", id)
            .agency(Some(doc.agency_id))
            .note(format!("attachment {attachment_id}")),
    )
    .await?;
    tx.commit().await
}

/// Filters of the staff document list.
#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    /// `draft`, `in-review`, `published` (newest edition published) or `withdrawn`.
    pub status: Option<String>,
    pub agency_id: Option<i64>,
    /// Part of the title.
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub agency_id: i64,
    pub index_no: Option<String>,
    pub title: String,
    pub edition_no: i64,
    pub status: String,
    pub withdrawn: bool,
    pub updated_at: OffsetDateTime,
}

/// The documents an actor may see, newest change first.
pub async fn staff_list(
    db: &Db,
    actor: &Actor,
    f: &StaffFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<StaffRow>, i64), StoreError> {
    let agency = if actor.role.is_agency_scoped() { actor.agency_id.or(Some(-1)) } else { f.agency_id };
    let (status, withdrawn) = match f.status.as_deref() {
        Some("withdrawn") => (None, Some(true)),
        Some(s) if EditionStatus::from_code(s).is_some() => (Some(s.to_string()), Some(false)),
        _ => (None, None),
    };
    let title = f.title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(like_pattern);
    const FROM: &str = "FROM documents d JOIN editions e ON e.document_id = d.id
        AND e.edition_no = (SELECT MAX(edition_no) FROM editions WHERE document_id = d.id)
        WHERE ($1 IS NULL OR d.agency_id = $1) AND ($2 IS NULL OR e.status = $2)
        AND ($3 IS NULL OR (d.withdrawn_at IS NOT NULL) = $3) AND ($4 IS NULL OR e.title LIKE $4 ESCAPE '\\')";
    let rows = on_db!(db, |p| {
        sqlx::query_as::<_, StaffRow>(sqlx::AssertSqlSafe(format!(
        "SELECT d.id, d.agency_id, d.index_no, e.title, e.edition_no, e.status, d.withdrawn_at IS NOT NULL AS withdrawn, d.updated_at
         {FROM} ORDER BY d.updated_at DESC, d.id DESC LIMIT $5 OFFSET $6"
    )))
    .bind(agency)
    .bind(&status)
    .bind(withdrawn)
    .bind(&title)
    .bind(limit)
    .bind(offset)
    .fetch_all(p)
    .await
    })?;
    let total: i64 = on_db!(db, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {FROM}")))
        .bind(agency)
        .bind(&status)
        .bind(withdrawn)
        .bind(&title)
        .fetch_one(p)
        .await)?;
    Ok((rows, total))
}

/// `%text%` with LIKE's wildcards in the text escaped, so a search for `50%` means that.
pub(crate) fn like_pattern(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}
