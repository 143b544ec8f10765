//! Import and export of whole catalogues in the JSON Lines format of
//! `gongkai_core::import::records`.
//!
//! Import is keyed by 索引号 and idempotent: a document already present with the same published
//! content is left alone; one present with different content gets the imported content as a
//! new edition, so nothing already published is overwritten without a trace. Each call to
//! [`import_documents`] is one transaction, so the caller decides the batch size and an
//! interrupted import keeps every batch it reported as done.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use gongkai_core::doc::workflow::EditionStatus;
use gongkai_core::doc::{EditionFields, IndexNo};
use gongkai_core::import::records::{AttachmentRecord, DocumentRecord, EditionRecord, Record};
use gongkai_core::org::{AgencyFields, AgencyInput};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::agencies::{self, Agency};
use crate::audit::{self, Entry, Who};
use crate::blobs::{BlobStore, sha256_hex};
use crate::documents::{self, Edition, FieldValues, bind_fields};
use crate::{Db, StoreError, Tx, on_tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Unchanged,
    /// The imported content was added as a new edition.
    Updated,
}

/// A document record checked and parsed, ready to be written.
#[derive(Debug, Clone)]
pub struct ImportDocument {
    pub index_no: IndexNo,
    pub agency_code: String,
    pub first_published_at: OffsetDateTime,
    pub withdrawn_at: Option<OffsetDateTime>,
    pub withdrawn_reason: Option<String>,
    pub view_count: i64,
    pub editions: Vec<ImportEdition>,
}

#[derive(Debug, Clone)]
pub struct ImportEdition {
    pub edition_no: i64,
    pub status: EditionStatus,
    pub published_at: Option<OffsetDateTime>,
    pub privacy_override: Option<String>,
    pub fields: EditionFields,
    pub attachments: Vec<(String, Vec<u8>)>,
}

fn parse_time(what: &str, s: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(s, &Rfc3339)
        .map(crate::truncate)
        .map_err(|_| format!("{what}“{s}”不是 RFC 3339 时间（如 2017-06-12T09:47:00+08:00）"))
}

fn format_time(t: OffsetDateTime) -> String {
    t.to_offset(gongkai_core::tz::CST).format(&Rfc3339).unwrap_or_default()
}

impl ImportDocument {
    /// Checks a record: every field must parse, exactly one edition must be published, and
    /// attachment contents must match their checksums. The error names what is wrong.
    pub fn from_record(r: &DocumentRecord) -> Result<ImportDocument, String> {
        let index_no = IndexNo::parse(&r.index_no).map_err(|e| e.to_string())?;
        let mut editions = Vec::new();
        for e in &r.editions {
            let status = EditionStatus::from_code(&e.status)
                .ok_or_else(|| format!("第 {} 版的状态“{}”无效", e.edition_no, e.status))?;
            let fields = EditionFields::parse(&e.fields).map_err(|errs| format!("第 {} 版：{errs}", e.edition_no))?;
            let published_at = e.published_at.as_deref().map(|s| parse_time("发布时间", s)).transpose()?;
            if matches!(status, EditionStatus::Published | EditionStatus::Superseded) && published_at.is_none() {
                return Err(format!("第 {} 版已发布，但缺少发布时间", e.edition_no));
            }
            let mut attachments = Vec::new();
            for a in &e.attachments {
                let bytes =
                    BASE64.decode(&a.data).map_err(|_| format!("附件“{}”的内容不是有效的 base64", a.file_name))?;
                if sha256_hex(&bytes) != a.sha256 {
                    return Err(format!("附件“{}”的内容与 sha256 不符", a.file_name));
                }
                attachments.push((a.file_name.clone(), bytes));
            }
            editions.push(ImportEdition {
                edition_no: e.edition_no,
                status,
                published_at,
                privacy_override: e.privacy_override.clone(),
                fields,
                attachments,
            });
        }
        editions.sort_by_key(|e| e.edition_no);
        if editions.iter().filter(|e| e.status == EditionStatus::Published).count() != 1 {
            return Err("必须恰好有一个已发布的版本".into());
        }
        if editions.windows(2).any(|w| w[0].edition_no == w[1].edition_no) {
            return Err("版本号重复".into());
        }
        Ok(ImportDocument {
            index_no,
            agency_code: r.agency.trim().to_string(),
            first_published_at: parse_time("发布日期", &r.first_published_at)?,
            withdrawn_at: r.withdrawn_at.as_deref().map(|s| parse_time("撤回时间", s)).transpose()?,
            withdrawn_reason: r.withdrawn_reason.clone(),
            view_count: r.view_count.max(0),
            editions,
        })
    }

    fn published(&self) -> &ImportEdition {
        self.editions.iter().find(|e| e.status == EditionStatus::Published).expect("checked in from_record")
    }
}

/// Creates an agency that does not exist yet; an existing code is left as it is.
pub async fn import_agency(db: &Db, who: &Who, input: &AgencyInput) -> Result<(Agency, Outcome), StoreError> {
    let fields = AgencyFields::parse(input).map_err(StoreError::Invalid)?;
    if let Some(existing) = agencies::by_code(db, fields.code.as_str()).await? {
        return Ok((existing, Outcome::Unchanged));
    }
    Ok((agencies::create(db, who, &fields).await?, Outcome::Created))
}

/// Imports a batch of documents in one transaction. Fails as a whole if any document cannot be
/// written (its agency is unknown, say); the caller can then retry the documents one by one to
/// report which.
pub async fn import_documents(
    db: &Db,
    who: &Who,
    blobs: &dyn BlobStore,
    docs: &[ImportDocument],
) -> Result<Vec<Outcome>, StoreError> {
    let mut tx = db.begin().await?;
    let outcomes = import_documents_in(db, &mut tx, who, blobs, docs).await?;
    tx.commit().await?;
    Ok(outcomes)
}

/// [`import_documents`] inside the caller's transaction, so that what the documents belong to
/// (a gazette issue) is written with them or not at all. Agencies are looked up through `db`.
pub(crate) async fn import_documents_in(
    db: &Db,
    tx: &mut Tx,
    who: &Who,
    blobs: &dyn BlobStore,
    docs: &[ImportDocument],
) -> Result<Vec<Outcome>, StoreError> {
    // Attachment files first: content-addressed, so writing them again is harmless.
    for d in docs {
        for e in &d.editions {
            for (_, bytes) in &e.attachments {
                blobs.put(bytes)?;
            }
        }
    }
    let mut agency_ids = std::collections::HashMap::new();
    for d in docs {
        if !agency_ids.contains_key(&d.agency_code) {
            let a = agencies::by_code(db, &d.agency_code).await?.ok_or_else(|| {
                StoreError::invalid("agency", format!("机构代码“{}”不存在，请先导入或创建该机构", d.agency_code))
            })?;
            agency_ids.insert(d.agency_code.clone(), a.id);
        }
    }
    let mut outcomes = Vec::with_capacity(docs.len());
    let mut created = Vec::new();
    for d in docs {
        let agency_id = agency_ids[&d.agency_code];
        let existing: Option<(i64, i64)> =
            on_tx!(&mut *tx, |c| sqlx::query_as("SELECT id, agency_id FROM documents WHERE index_no = $1")
                .bind(d.index_no.as_str())
                .fetch_optional(&mut **c)
                .await)?;
        let outcome = match existing {
            None => {
                insert_document(tx, agency_id, d).await?;
                created.push(d.index_no.to_string());
                Outcome::Created
            }
            Some((_, other)) if other != agency_id => {
                return Err(StoreError::Conflict(format!("索引号 {} 已属于另一机构，未导入", d.index_no)));
            }
            Some((id, _)) => update_document(tx, who, id, agency_id, d).await?,
        };
        outcomes.push(outcome);
    }
    if !created.is_empty() {
        audit::record(
            tx,
            who,
            Entry::new("document.import", "document", format!("{} 件", created.len())).after(&created),
        )
        .await?;
    }
    Ok(outcomes)
}

async fn insert_document(tx: &mut Tx, agency_id: i64, d: &ImportDocument) -> Result<(), StoreError> {
    let now = crate::now();
    let year = i64::from(gongkai_core::tz::local_date(d.first_published_at).year());
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO documents (agency_id, index_no, first_published_at, published_year, withdrawn_at, withdrawn_reason, view_count, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"
    )
    .bind(agency_id)
    .bind(d.index_no.as_str())
    .bind(d.first_published_at)
    .bind(year)
    .bind(d.withdrawn_at)
    .bind(&d.withdrawn_reason)
    .bind(d.view_count)
    .bind(now)
    .fetch_one(&mut **c)
    .await
    })?;
    for e in &d.editions {
        insert_edition(tx, id, e, now).await?;
    }
    if let Some(e) = d.editions.iter().find(|e| e.status == EditionStatus::Published) {
        crate::lifecycle::on_publish(tx, id, agency_id, &e.fields, crate::lifecycle::Resolve::Lenient).await?;
    }
    crate::documents::staff_outbox(tx, "published", id).await
}

async fn insert_edition(
    tx: &mut Tx,
    document_id: i64,
    e: &ImportEdition,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let v = FieldValues::new(&e.fields);
    let sql = format!(
        "INSERT INTO editions (document_id, edition_no, status, published_at, privacy_override, created_at, updated_at, {})
         VALUES ($1, $2, $3, $4, $5, $6, $6, {}) RETURNING id",
        documents::FIELD_COLUMNS.join(", "),
        documents::field_placeholders(7)
    );
    let edition_id: i64 = on_tx!(tx, |c| bind_fields!(
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
            .bind(document_id)
            .bind(e.edition_no)
            .bind(e.status.code())
            .bind(e.published_at)
            .bind(&e.privacy_override)
            .bind(now),
        v
    )
    .fetch_one(&mut **c)
    .await)?;
    for (position, (name, bytes)) in e.attachments.iter().enumerate() {
        let (name, kind) = gongkai_core::doc::attachment::check_upload(name, bytes, usize::MAX)
            .map_err(|err| StoreError::invalid("attachments", err.to_string()))?;
        let sha = sha256_hex(bytes);
        crate::tx_exec!(
            tx,
            sqlx::query(
                "INSERT INTO blobs (sha256, size, created_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING"
            )
            .bind(&sha)
            .bind(bytes.len() as i64)
            .bind(now)
        )?;
        crate::tx_exec!(tx, sqlx::query(
            "INSERT INTO attachments (edition_id, position, file_name, content_type, size, sha256) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(edition_id)
        .bind(position as i64 + 1)
        .bind(&name)
        .bind(kind.content_type)
        .bind(bytes.len() as i64)
        .bind(&sha)
        )?;
    }
    Ok(())
}

/// An existing document: unchanged if its published content equals the imported one, else the
/// imported content becomes a new published edition.
async fn update_document(
    tx: &mut Tx,
    who: &Who,
    id: i64,
    agency_id: i64,
    d: &ImportDocument,
) -> Result<Outcome, StoreError> {
    let rows = on_tx!(tx, |c| sqlx::query_as::<_, documents::EditionRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM editions WHERE document_id = $1 ORDER BY edition_no",
        documents::edition_columns()
    )))
    .bind(id)
    .fetch_all(&mut **c)
    .await)?;
    let existing: Vec<Edition> = rows.into_iter().map(Edition::try_from).collect::<Result<_, _>>()?;
    let imported = d.published();
    if existing.iter().any(|e| e.status == EditionStatus::Published && e.fields == imported.fields) {
        return Ok(Outcome::Unchanged);
    }
    let next = existing.iter().map(|e| e.edition_no).max().unwrap_or(0) + 1;
    crate::tx_exec!(
        tx,
        sqlx::query("UPDATE editions SET status = 'superseded' WHERE document_id = $1 AND status = 'published'")
            .bind(id)
    )?;
    let mut edition = imported.clone();
    edition.edition_no = next;
    edition.published_at = Some(edition.published_at.unwrap_or_else(crate::now));
    if edition.fields.change_note.is_none() {
        edition.fields.change_note = Some("导入更新".into());
    }
    insert_edition(tx, id, &edition, crate::now()).await?;
    crate::lifecycle::on_publish(tx, id, agency_id, &edition.fields, crate::lifecycle::Resolve::Lenient).await?;
    crate::documents::staff_outbox(tx, "published", id).await?;
    audit::record(
        tx,
        who,
        Entry::new("document.import-update", "document", id)
            .agency(Some(agency_id))
            .before(&existing.iter().find(|e| e.status == EditionStatus::Published).map(|e| &e.fields))
            .after(&edition.fields),
    )
    .await?;
    Ok(Outcome::Updated)
}

/// Writes every agency and every document that has a 索引号, in a stable order, as records.
pub async fn export(
    db: &Db,
    blobs: &dyn BlobStore,
    mut out: impl FnMut(Record) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let agencies = agencies::list(db).await?;
    let code_of = |id: Option<i64>| id.and_then(|id| agencies.iter().find(|a| a.id == id)).map(|a| a.code.to_string());
    // Parents before children, so the file imports in one pass.
    let mut written: Vec<i64> = Vec::new();
    while written.len() < agencies.len() {
        let before = written.len();
        for a in &agencies {
            if !written.contains(&a.id) && a.parent_id.is_none_or(|p| written.contains(&p)) {
                out(Record::Agency(AgencyInput {
                    code: a.code.to_string(),
                    slug: a.slug.clone(),
                    name: a.name.clone(),
                    short_name: a.short_name.clone(),
                    kind: a.kind.code().into(),
                    parent: code_of(a.parent_id).unwrap_or_default(),
                    office_name: a.office_name.clone(),
                    address: a.address.clone(),
                    office_hours: a.office_hours.clone(),
                    phone: a.phone.clone(),
                    fax: a.fax.clone(),
                    email: a.email.clone(),
                    postcode: a.postcode.clone(),
                }))?;
                written.push(a.id);
            }
        }
        if written.len() == before {
            return Err(StoreError::Corrupt("agency parents form a cycle".into()));
        }
    }
    let mut count = 0;
    let mut after = 0i64;
    loop {
        let ids: Vec<i64> = crate::on_db!(db, |p| sqlx::query_scalar(
            "SELECT id FROM documents WHERE index_no IS NOT NULL AND id > $1 ORDER BY id LIMIT 500"
        )
        .bind(after)
        .fetch_all(p)
        .await)?;
        let Some(last) = ids.last() else { break };
        after = *last;
        for id in ids {
            let doc = documents::document_by_id(db, id).await?.ok_or(StoreError::NotFound)?;
            let mut editions = Vec::new();
            for e in documents::editions(db, id).await? {
                let mut attachments = Vec::new();
                for a in documents::attachments(db, e.id).await? {
                    attachments.push(AttachmentRecord {
                        file_name: a.file_name,
                        data: BASE64.encode(blobs.get(&a.sha256)?),
                        sha256: a.sha256,
                    });
                }
                editions.push(EditionRecord {
                    edition_no: e.edition_no,
                    status: e.status.code().into(),
                    published_at: e.published_at.map(format_time),
                    privacy_override: e.privacy_override,
                    fields: e.fields.to_input(),
                    attachments,
                });
            }
            out(Record::Document(DocumentRecord {
                index_no: doc.index_no.map(String::from).unwrap_or_default(),
                agency: code_of(Some(doc.agency_id)).unwrap_or_default(),
                first_published_at: doc.first_published_at.map(format_time).unwrap_or_default(),
                withdrawn_at: doc.withdrawn_at.map(format_time),
                withdrawn_reason: doc.withdrawn_reason,
                view_count: doc.view_count,
                editions,
            }))?;
            count += 1;
        }
    }
    Ok(count)
}
