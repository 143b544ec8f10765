//! How an edition's fields are stored: flat columns with stable codes, and back.

use gongkai_core::doc::workflow::EditionStatus;
use gongkai_core::doc::{
    Disclosure, DisclosureKind, DocNo, EditionFields, Genre, Interpretation, InterpretationForm, PolicyKind, PolicyRef,
    SafeHtml, SiteColumn, StatutoryItem, Title, Topic, Validity, ValidityStatus, WithholdingGround,
};
use time::{Date, OffsetDateTime};

use super::Edition;
use crate::StoreError;
use crate::error::decode;

/// The stored form of [`EditionFields`], in the column order of [`FIELD_COLUMNS`].
pub(crate) struct FieldValues {
    pub title: String,
    pub doc_no: Option<String>,
    pub topic_primary: String,
    pub topic_secondary: Option<String>,
    pub genre: &'static str,
    pub policy_kind: &'static str,
    pub site_column: &'static str,
    pub statutory_item: Option<&'static str>,
    pub disclosure: &'static str,
    pub ground: Option<&'static str>,
    pub disclosure_note: Option<String>,
    pub validity: Option<&'static str>,
    pub effective_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub written_on: Option<Date>,
    pub summary: Option<String>,
    pub keywords: String,
    pub body_html: String,
    pub change_note: Option<String>,
    pub registration_no: Option<String>,
    pub interpretation_form: Option<&'static str>,
    pub media_url: Option<String>,
    pub interprets: String,
    pub changed_on: Option<Date>,
}

/// The columns [`bind_fields`] binds, in order.
pub(crate) const FIELD_COLUMNS: [&str; 24] = [
    "title",
    "doc_no",
    "topic_primary",
    "topic_secondary",
    "genre",
    "policy_kind",
    "site_column",
    "statutory_item",
    "disclosure",
    "ground",
    "disclosure_note",
    "validity",
    "effective_on",
    "expires_on",
    "written_on",
    "summary",
    "keywords",
    "body_html",
    "change_note",
    "registration_no",
    "interpretation_form",
    "media_url",
    "interprets",
    "changed_on",
];

/// Keywords are stored joined by this separator, which keyword parsing never lets through.
const KEYWORD_SEPARATOR: &str = "，";

impl FieldValues {
    pub fn new(f: &EditionFields) -> FieldValues {
        FieldValues {
            title: f.title.as_str().into(),
            doc_no: f.doc_no.as_ref().map(|d| d.to_string()),
            topic_primary: f.topic.primary().into(),
            topic_secondary: f.topic.secondary().map(str::to_string),
            genre: f.genre.code(),
            policy_kind: f.policy_kind.code(),
            site_column: f.column.code(),
            statutory_item: f.statutory_item.map(StatutoryItem::code),
            disclosure: f.disclosure.kind().code(),
            ground: f.disclosure.ground().map(WithholdingGround::code),
            disclosure_note: f.disclosure_note.clone(),
            validity: f.validity.map(|v| v.status().code()),
            effective_on: f.validity.and_then(|v| v.effective_on()),
            expires_on: f.validity.and_then(|v| v.expires_on()),
            written_on: f.written_on,
            summary: f.summary.clone(),
            keywords: f.keywords.join(KEYWORD_SEPARATOR),
            body_html: f.body.as_str().into(),
            change_note: f.change_note.clone(),
            registration_no: f.registration_no.clone(),
            interpretation_form: f.interpretation.as_ref().map(|i| i.form.code()),
            media_url: f.interpretation.as_ref().and_then(|i| i.media_url.clone()),
            interprets: f
                .interpretation
                .as_ref()
                .map(|i| i.policies.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
                .unwrap_or_default(),
            changed_on: f.changed_on,
        }
    }
}

/// Binds the 24 field values, in [`FIELD_COLUMNS`] order, to a query on either backend.
macro_rules! bind_fields {
    ($q:expr, $v:expr) => {
        $q.bind(&$v.title)
            .bind(&$v.doc_no)
            .bind(&$v.topic_primary)
            .bind(&$v.topic_secondary)
            .bind($v.genre)
            .bind($v.policy_kind)
            .bind($v.site_column)
            .bind($v.statutory_item)
            .bind($v.disclosure)
            .bind($v.ground)
            .bind(&$v.disclosure_note)
            .bind($v.validity)
            .bind($v.effective_on)
            .bind($v.expires_on)
            .bind($v.written_on)
            .bind(&$v.summary)
            .bind(&$v.keywords)
            .bind(&$v.body_html)
            .bind(&$v.change_note)
            .bind(&$v.registration_no)
            .bind($v.interpretation_form)
            .bind(&$v.media_url)
            .bind(&$v.interprets)
            .bind($v.changed_on)
    };
}
pub(crate) use bind_fields;

/// `id, document_id, …` — every column of `editions`, for `SELECT`.
pub(crate) fn edition_columns() -> String {
    format!(
        "id, document_id, edition_no, status, {}, created_by, created_at, updated_at, submitted_by, submitted_at, \
         reviewed_by, reviewed_at, review_note, privacy_override, published_at",
        FIELD_COLUMNS.join(", ")
    )
}

/// `$first, $first+1, …` placeholders for the field columns.
pub(crate) fn field_placeholders(first: usize) -> String {
    (first..first + FIELD_COLUMNS.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// `title = $first, doc_no = $first+1, …` for `UPDATE`.
pub(crate) fn field_assignments(first: usize) -> String {
    FIELD_COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ${}", first + i)).collect::<Vec<_>>().join(", ")
}

#[derive(sqlx::FromRow)]
pub(crate) struct EditionRow {
    id: i64,
    document_id: i64,
    edition_no: i64,
    status: String,
    title: String,
    doc_no: Option<String>,
    topic_primary: String,
    topic_secondary: Option<String>,
    genre: String,
    policy_kind: String,
    site_column: String,
    statutory_item: Option<String>,
    disclosure: String,
    ground: Option<String>,
    disclosure_note: Option<String>,
    validity: Option<String>,
    effective_on: Option<Date>,
    expires_on: Option<Date>,
    written_on: Option<Date>,
    summary: Option<String>,
    keywords: String,
    body_html: String,
    change_note: Option<String>,
    registration_no: Option<String>,
    interpretation_form: Option<String>,
    media_url: Option<String>,
    interprets: String,
    changed_on: Option<Date>,
    created_by: Option<i64>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    submitted_by: Option<i64>,
    submitted_at: Option<OffsetDateTime>,
    reviewed_by: Option<i64>,
    reviewed_at: Option<OffsetDateTime>,
    review_note: Option<String>,
    privacy_override: Option<String>,
    published_at: Option<OffsetDateTime>,
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

impl TryFrom<EditionRow> for Edition {
    type Error = StoreError;
    fn try_from(r: EditionRow) -> Result<Edition, StoreError> {
        let topic = match &r.topic_secondary {
            Some(s) => Topic::parse(&format!("{}/{}", r.topic_primary, s)),
            None => Topic::parse(&r.topic_primary),
        }
        .map_err(corrupt)?;
        let kind = decode(DisclosureKind::from_code(&r.disclosure), "disclosure", &r.disclosure)?;
        let ground = r.ground.as_deref().map(|g| decode(WithholdingGround::from_code(g), "ground", g)).transpose()?;
        let validity = match &r.validity {
            Some(code) => Some(
                Validity::new(decode(ValidityStatus::from_code(code), "validity", code)?, r.effective_on, r.expires_on)
                    .map_err(corrupt)?,
            ),
            None => None,
        };
        let interpretation = match r.interpretation_form.as_deref() {
            Some(code) => Some(Interpretation {
                form: decode(InterpretationForm::from_code(code), "interpretation form", code)?,
                media_url: r.media_url,
                policies: r.interprets.lines().map(PolicyRef::parse).collect::<Result<_, _>>().map_err(corrupt)?,
            }),
            None => None,
        };
        let fields = EditionFields {
            title: Title::parse(&r.title).map_err(corrupt)?,
            doc_no: r.doc_no.as_deref().map(DocNo::parse).transpose().map_err(corrupt)?,
            topic,
            genre: decode(Genre::from_code(&r.genre), "genre", &r.genre)?,
            policy_kind: decode(PolicyKind::from_code(&r.policy_kind), "policy kind", &r.policy_kind)?,
            column: decode(SiteColumn::from_code(&r.site_column), "column", &r.site_column)?,
            statutory_item: r
                .statutory_item
                .as_deref()
                .map(|s| decode(StatutoryItem::from_code(s), "statutory item", s))
                .transpose()?,
            disclosure: Disclosure::new(kind, ground).map_err(corrupt)?,
            disclosure_note: r.disclosure_note,
            validity,
            written_on: r.written_on,
            summary: r.summary,
            keywords: r.keywords.split(KEYWORD_SEPARATOR).filter(|k| !k.is_empty()).map(str::to_string).collect(),
            body: SafeHtml::from_stored(r.body_html),
            change_note: r.change_note,
            registration_no: r.registration_no,
            changed_on: r.changed_on,
            interpretation,
        };
        Ok(Edition {
            id: r.id,
            document_id: r.document_id,
            edition_no: r.edition_no,
            status: decode(EditionStatus::from_code(&r.status), "edition status", &r.status)?,
            fields,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            submitted_by: r.submitted_by,
            submitted_at: r.submitted_at,
            reviewed_by: r.reviewed_by,
            reviewed_at: r.reviewed_at,
            review_note: r.review_note,
            privacy_override: r.privacy_override,
            published_at: r.published_at,
        })
    }
}
