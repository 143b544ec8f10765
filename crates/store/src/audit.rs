//! The audit log: who did what, when, with the values before and after. Append-only — the
//! schema's triggers refuse UPDATE and DELETE on both backends — and written in the same
//! transaction as the change it records, so no change goes unrecorded.

use serde::Serialize;
use serde_json::Value;
use sqlx::types::Json;
use time::OffsetDateTime;

use crate::{Db, StoreError, Tx, on_db};

/// Who is acting, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    /// The staff account, or `None` for the command line and the background worker.
    pub user_id: Option<i64>,
    /// A readable name: the login name, or e.g. `cli` / `worker`.
    pub name: String,
    pub ip: Option<String>,
}

impl Who {
    pub fn system(name: &str) -> Who {
        Who { user_id: None, name: name.into(), ip: None }
    }
}

/// One entry to record.
pub struct Entry<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub agency_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub note: Option<String>,
}

impl<'a> Entry<'a> {
    pub fn new(action: &'a str, entity: &'a str, entity_id: impl ToString) -> Entry<'a> {
        Entry {
            action,
            entity,
            entity_id: entity_id.to_string(),
            agency_id: None,
            before: None,
            after: None,
            note: None,
        }
    }

    pub fn agency(mut self, agency_id: Option<i64>) -> Self {
        self.agency_id = agency_id;
        self
    }

    pub fn before(mut self, v: &impl Serialize) -> Self {
        self.before = serde_json::to_value(v).ok();
        self
    }

    pub fn after(mut self, v: &impl Serialize) -> Self {
        self.after = serde_json::to_value(v).ok();
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

pub async fn record(tx: &mut Tx, who: &Who, entry: Entry<'_>) -> Result<(), StoreError> {
    let at = crate::now();
    crate::tx_exec!(tx, sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, agency_id, before_json, after_json, note, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    )
    .bind(at)
    .bind(who.user_id)
    .bind(&who.name)
    .bind(entry.action)
    .bind(entry.entity)
    .bind(&entry.entity_id)
    .bind(entry.agency_id)
    .bind(entry.before.map(Json))
    .bind(entry.after.map(Json))
    .bind(&entry.note)
    .bind(&who.ip)
    )?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub agency_id: Option<i64>,
    pub before_json: Option<Json<Value>>,
    pub after_json: Option<Json<Value>>,
    pub note: Option<String>,
    pub ip: Option<String>,
}

/// Filters for reading the log.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub agency_id: Option<i64>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<i64>,
}

/// Newest first, one page at a time.
pub async fn list(db: &Db, f: &AuditFilter, limit: i64, offset: i64) -> Result<(Vec<AuditRow>, i64), StoreError> {
    const WHERE: &str = "WHERE ($1 IS NULL OR agency_id = $1) AND ($2 IS NULL OR entity = $2)
        AND ($3 IS NULL OR entity_id = $3) AND ($4 IS NULL OR actor_id = $4)";
    let rows = on_db!(db, |p| sqlx::query_as::<_, AuditRow>(sqlx::AssertSqlSafe(format!(
        "SELECT id, at, actor_id, actor_name, action, entity, entity_id, agency_id, before_json, after_json, note, ip
         FROM audit_log {WHERE} ORDER BY id DESC LIMIT $5 OFFSET $6"
    )))
    .bind(f.agency_id)
    .bind(&f.entity)
    .bind(&f.entity_id)
    .bind(f.actor_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(p)
    .await)?;
    let total: i64 =
        on_db!(db, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM audit_log {WHERE}")))
            .bind(f.agency_id)
            .bind(&f.entity)
            .bind(&f.entity_id)
            .bind(f.actor_id)
            .fetch_one(p)
            .await)?;
    Ok((rows, total))
}
