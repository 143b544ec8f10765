//! The 规章 and 行政规范性文件 that table 二 counts (`gongkai_core::report::table2`).

use gongkai_core::doc::{PolicyKind, ValidityStatus};
use gongkai_core::report::table2::RegisterEntry;
use time::{Date, OffsetDateTime};

use super::PUBLIC;
use crate::sql::Filter;
use crate::{Db, StoreError, bind_args, on_db};

#[derive(sqlx::FromRow)]
struct Row {
    policy_kind: String,
    written_on: Option<Date>,
    first_published_at: OffsetDateTime,
    validity: Option<String>,
    expires_on: Option<Date>,
    abolished_on: Option<Date>,
}

/// Every public 规章 and 行政规范性文件 of an agency (or of all agencies), with the dates the
/// table counts: issued on its 成文日期 (or first publication), abolished on the first day of
/// its expiry or repeal. A document marked 失效 or 废止 without a recorded change (imported so)
/// is taken as abolished on the day after its 有效期至, or else on its issue date.
pub async fn register_entries(db: &Db, agency_id: Option<i64>) -> Result<Vec<RegisterEntry>, StoreError> {
    register_entries_in(db, agency_id.map(|a| vec![a]).as_deref()).await
}

/// [`register_entries`] for a set of agencies (a government's report), or the city.
pub async fn register_entries_in(db: &Db, agencies: Option<&[i64]>) -> Result<Vec<RegisterEntry>, StoreError> {
    let mut f = Filter::default();
    f.always("e.policy_kind IN ('rule', 'normative')");
    crate::sql::agencies_in(&mut f, "d.agency_id", agencies);
    let sql = format!(
        "SELECT e.policy_kind, e.written_on, d.first_published_at, e.validity, e.expires_on,
                (SELECT MIN(v.since) FROM validity_changes v
                 WHERE v.document_id = d.id AND v.status IN ('expired', 'repealed')) AS abolished_on
         FROM documents d JOIN editions e ON {PUBLIC}{}",
        f.sql()
    );
    let rows: Vec<Row> =
        on_db!(db, |p| bind_args!(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.clone())), &f.args)
            .fetch_all(p)
            .await)?;
    rows.into_iter()
        .map(|r| {
            let kind = crate::error::decode(PolicyKind::from_code(&r.policy_kind), "policy kind", &r.policy_kind)?;
            let issued_on = r.written_on.unwrap_or_else(|| gongkai_core::tz::local_date(r.first_published_at));
            let status = r.validity.as_deref().and_then(ValidityStatus::from_code);
            let abolished_on = match status {
                Some(ValidityStatus::Expired | ValidityStatus::Repealed) => Some(
                    r.abolished_on
                        .or_else(|| {
                            r.expires_on.and_then(|d| d.next_day()).filter(|_| status == Some(ValidityStatus::Expired))
                        })
                        .unwrap_or(issued_on),
                ),
                _ => None,
            };
            Ok(RegisterEntry { kind, issued_on, abolished_on })
        })
        .collect()
}
