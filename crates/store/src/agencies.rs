//! Agencies (机构): the city government, its departments, its districts.

use gongkai_core::org::{AgencyCode, AgencyFields, AgencyKind};
use serde::Serialize;

use crate::audit::{self, Entry, Who};
use crate::error::decode;
use crate::{Db, StoreError, on_db, on_tx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    pub id: i64,
    pub code: AgencyCode,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub kind: AgencyKind,
    pub parent_id: Option<i64>,
    pub office_name: String,
    pub address: String,
    pub office_hours: String,
    pub phone: String,
    pub fax: String,
    pub email: String,
    pub postcode: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    code: String,
    slug: String,
    name: String,
    short_name: String,
    kind: String,
    parent_id: Option<i64>,
    office_name: String,
    address: String,
    office_hours: String,
    phone: String,
    fax: String,
    email: String,
    postcode: String,
}

impl TryFrom<Row> for Agency {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Agency, StoreError> {
        Ok(Agency {
            id: r.id,
            code: AgencyCode::parse(&r.code).map_err(StoreError::Corrupt)?,
            kind: decode(AgencyKind::from_code(&r.kind), "agency kind", &r.kind)?,
            slug: r.slug,
            name: r.name,
            short_name: r.short_name,
            parent_id: r.parent_id,
            office_name: r.office_name,
            address: r.address,
            office_hours: r.office_hours,
            phone: r.phone,
            fax: r.fax,
            email: r.email,
            postcode: r.postcode,
        })
    }
}

const COLUMNS: &str = "id, code, slug, name, short_name, kind, parent_id, office_name, address, office_hours, phone, fax, email, postcode";

pub async fn create(db: &Db, who: &Who, f: &AgencyFields) -> Result<Agency, StoreError> {
    let parent_id = match &f.parent {
        Some(code) => Some(
            by_code(db, code.as_str())
                .await?
                .ok_or_else(|| StoreError::invalid("parent", format!("上级机构“{code}”不存在")))?
                .id,
        ),
        None => None,
    };
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO agencies (code, slug, name, short_name, kind, parent_id, office_name, address, office_hours, phone, fax, email, postcode, position, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, (SELECT COALESCE(MAX(position), 0) + 1 FROM agencies), $14)
         RETURNING id"
    )
    .bind(f.code.as_str())
    .bind(&f.slug)
    .bind(&f.name)
    .bind(&f.short_name)
    .bind(f.kind.code())
    .bind(parent_id)
    .bind(&f.office_name)
    .bind(&f.address)
    .bind(&f.office_hours)
    .bind(&f.phone)
    .bind(&f.fax)
    .bind(&f.email)
    .bind(&f.postcode)
    .bind(crate::now())
    .fetch_one(&mut **c)
    .await)
    .map_err(|e| StoreError::from(e).on_unique(|| format!("机构代码、网址名或名称已被使用：{} / {} / {}", f.code, f.slug, f.name)))?;
    audit::record(&mut tx, who, Entry::new("agency.create", "agency", id).agency(Some(id)).after(f)).await?;
    tx.commit().await?;
    by_id(db, id).await?.ok_or(StoreError::NotFound)
}

/// Updates the name and contact details (the code, which is part of every 索引号 already
/// issued, is not changed here).
pub async fn update(db: &Db, who: &Who, id: i64, f: &AgencyFields) -> Result<Agency, StoreError> {
    let before = by_id(db, id).await?.ok_or(StoreError::NotFound)?;
    let mut tx = db.begin().await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE agencies SET slug = $1, name = $2, short_name = $3, kind = $4, office_name = $5, address = $6,
         office_hours = $7, phone = $8, fax = $9, email = $10, postcode = $11 WHERE id = $12"
        )
        .bind(&f.slug)
        .bind(&f.name)
        .bind(&f.short_name)
        .bind(f.kind.code())
        .bind(&f.office_name)
        .bind(&f.address)
        .bind(&f.office_hours)
        .bind(&f.phone)
        .bind(&f.fax)
        .bind(&f.email)
        .bind(&f.postcode)
        .bind(id)
    )
    .map_err(|e| StoreError::from(e).on_unique(|| "网址名或名称已被其他机构使用".into()))?;
    audit::record(&mut tx, who, Entry::new("agency.update", "agency", id).agency(Some(id)).before(&before).after(f))
        .await?;
    tx.commit().await?;
    by_id(db, id).await?.ok_or(StoreError::NotFound)
}

/// All agencies in display order (government first, then as created).
pub async fn list(db: &Db) -> Result<Vec<Agency>, StoreError> {
    let rows = on_db!(db, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM agencies ORDER BY position, id"
    )))
    .fetch_all(p)
    .await)?;
    rows.into_iter().map(Agency::try_from).collect()
}

async fn one(db: &Db, column: &str, value: &str) -> Result<Option<Agency>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM agencies WHERE {column} = $1");
    let row =
        on_db!(db, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone())).bind(value).fetch_optional(p).await)?;
    row.map(Agency::try_from).transpose()
}

pub async fn by_code(db: &Db, code: &str) -> Result<Option<Agency>, StoreError> {
    one(db, "code", code).await
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Agency>, StoreError> {
    one(db, "slug", slug).await
}

pub async fn by_name(db: &Db, name: &str) -> Result<Option<Agency>, StoreError> {
    match one(db, "name", name).await? {
        Some(a) => Ok(Some(a)),
        None => one(db, "short_name", name).await,
    }
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<Agency>, StoreError> {
    let row = on_db!(db, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM agencies WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(p)
    .await)?;
    row.map(Agency::try_from).transpose()
}
