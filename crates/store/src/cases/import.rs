//! Cases brought in whole, with their history: from an agency's previous system, and the
//! synthetic cases of the demo and the benchmarks.
//!
//! Every history is replayed through `Case::apply` before anything is written, so an imported
//! case obeys the same rules as one handled on the desk; a batch is one transaction and one
//! audit entry, written with multi-row statements (a million cases load in minutes, not hours).

use std::collections::BTreeMap;

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::foi::case::{Case, Event};
use gongkai_core::foi::intake::Application;
use gongkai_core::foi::tracking::TrackingCode;
use sqlx::types::Json;
use time::OffsetDateTime;

use super::{Created, Person, delivery_code, derived_columns, form_code, tracking_hash};
use crate::audit::{self, Entry, Who};
use crate::{Db, StoreError, on_tx};

/// A case with its history.
#[derive(Debug, Clone)]
pub struct HistoricCase {
    pub agency_id: i64,
    pub application: Application,
    pub submitted_at: OffsetDateTime,
    pub events: Vec<Event>,
}

/// Rows per statement: 21 parameters a case keeps a statement under SQLite's 32,766.
const CASES_PER_STATEMENT: usize = 500;
const EVENTS_PER_STATEMENT: usize = 2000;

/// Imports `batch` in one transaction. A history the rules refuse stops the import before
/// anything is written, naming the case (its position in the batch) and the rule.
pub async fn import(
    db: &Db,
    who: &Who,
    cal: &WorkCalendar,
    batch: &[HistoricCase],
) -> Result<Vec<Created>, StoreError> {
    let mut replayed = Vec::with_capacity(batch.len());
    for (i, h) in batch.iter().enumerate() {
        let case = Case::from_events(h.events.clone(), cal)
            .map_err(|e| StoreError::invalid("events", format!("第 {} 件：{e}", i + 1)))?;
        replayed.push(derived_columns(&case, cal));
    }
    let mut tx = db.begin().await?;
    let codes = agency_codes(&mut tx, batch).await?;
    // Registration numbers: one serial range per agency and year.
    let mut wanted: BTreeMap<(i64, i32), i64> = BTreeMap::new();
    for h in batch {
        *wanted.entry((h.agency_id, year_of(h))).or_default() += 1;
    }
    let mut next: BTreeMap<(i64, i32), i64> = BTreeMap::new();
    for (&(agency, year), &n) in &wanted {
        let last: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO case_serials (agency_id, year, last_serial) VALUES ($1, $2, $3)
             ON CONFLICT (agency_id, year) DO UPDATE SET last_serial = case_serials.last_serial + $3 RETURNING last_serial"
        )
        .bind(agency)
        .bind(i64::from(year))
        .bind(n)
        .fetch_one(&mut **c)
        .await
        })?;
        next.insert((agency, year), last - n + 1);
    }
    let now = crate::now();
    let mut created = Vec::with_capacity(batch.len());
    for h in batch {
        let year = year_of(h);
        let serial = next.get_mut(&(h.agency_id, year)).expect("allocated above");
        created.push(Created {
            id: 0,
            case_no: format!("{}-{year}-{serial:05}", codes[&h.agency_id]),
            tracking_code: TrackingCode::from_random(rand::random()),
        });
        *serial += 1;
    }
    let mut ids: BTreeMap<String, i64> = BTreeMap::new();
    for (chunk_no, chunk) in batch.chunks(CASES_PER_STATEMENT).enumerate() {
        let start = chunk_no * CASES_PER_STATEMENT;
        let rows = values_list(chunk.len(), 20);
        let sql = format!(
            "INSERT INTO cases (agency_id, case_no, tracking_hash, channel, applicant_kind, applicant_name, applicant_json, description,
                                doc_no, form, delivery, accessibility, submitted_at, received_on, stage, due_on, outcome, closed_on,
                                created_at, updated_at)
             VALUES {rows} RETURNING id, case_no"
        );
        let returned: Vec<(i64, String)> = on_tx!(&mut tx, |c| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for (i, h) in chunk.iter().enumerate() {
                let (made, d) = (&created[start + i], &replayed[start + i]);
                let app = &h.application;
                q = q
                    .bind(h.agency_id)
                    .bind(made.case_no.clone())
                    .bind(tracking_hash(&made.tracking_code))
                    .bind(app.channel.code())
                    .bind(app.applicant.kind().code())
                    .bind(app.applicant.name().to_string())
                    .bind(Json(Person { applicant: app.applicant.clone(), contact: app.contact.clone() }))
                    .bind(app.description.clone())
                    .bind(app.doc_no.as_ref().map(|d| d.to_string()))
                    .bind(form_code(app.form))
                    .bind(delivery_code(app.delivery))
                    .bind(app.accessibility.clone())
                    .bind(h.submitted_at)
                    .bind(d.received_on)
                    .bind(d.stage)
                    .bind(d.due_on)
                    .bind(d.outcome.clone())
                    .bind(d.closed_on)
                    .bind(now)
                    .bind(now);
            }
            q.fetch_all(&mut **c).await
        })?;
        let new_ids: Vec<i64> = returned.iter().map(|(id, _)| *id).collect();
        super::index_for_search(&mut tx, &new_ids).await?;
        ids.extend(returned.into_iter().map(|(id, no)| (no, id)));
    }
    for made in &mut created {
        made.id = *ids
            .get(&made.case_no)
            .ok_or_else(|| StoreError::Corrupt(format!("case {} not inserted", made.case_no)))?;
    }
    let events: Vec<(i64, i64, &Event)> = batch
        .iter()
        .zip(&created)
        .flat_map(|(h, made)| h.events.iter().enumerate().map(move |(seq, e)| (made.id, seq as i64 + 1, e)))
        .collect();
    for chunk in events.chunks(EVENTS_PER_STATEMENT) {
        let rows = values_list(chunk.len(), 5);
        let sql = format!("INSERT INTO case_events (case_id, seq, event_json, recorded_by, recorded_at) VALUES {rows}");
        on_tx!(&mut tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for (case_id, seq, e) in chunk {
                q = q.bind(*case_id).bind(*seq).bind(Json(*e)).bind(who.user_id).bind(now);
            }
            q.execute(&mut **c).await.map(|_| ())
        })?;
    }
    if let Some(first) = created.first() {
        let entry =
            Entry::new("case.import", "case", first.id).note(format!("导入 {} 件申请及其办理记录", created.len()));
        audit::record(&mut tx, who, entry).await?;
    }
    tx.commit().await?;
    Ok(created)
}

/// `($1, $2, …), ($n+1, …)`: the placeholders of a multi-row insert.
fn values_list(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", (1..=width).map(|k| format!("${}", r * width + k)).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The registration year: the CST year the application arrived in.
fn year_of(h: &HistoricCase) -> i32 {
    gongkai_core::tz::local_date(h.submitted_at).year()
}

async fn agency_codes(tx: &mut crate::Tx, batch: &[HistoricCase]) -> Result<BTreeMap<i64, String>, StoreError> {
    let mut codes = BTreeMap::new();
    for h in batch {
        if codes.contains_key(&h.agency_id) {
            continue;
        }
        let code: Option<String> = on_tx!(tx, |c| sqlx::query_scalar("SELECT code FROM agencies WHERE id = $1")
            .bind(h.agency_id)
            .fetch_optional(&mut **c)
            .await)?;
        codes.insert(h.agency_id, code.ok_or_else(|| StoreError::invalid("agency", "受理机关不存在"))?);
    }
    Ok(codes)
}

/// Brings the planner's view of the case tables up to date after a bulk import.
///
/// On PostgreSQL, `VACUUM (ANALYZE)` sets the visibility map, without which the report counts
/// cannot be answered from their covering indexes (measured at 1,000,000 cases: 2.4 s before,
/// 0.5 s after, docs/benchmarks.md); autovacuum would get there later on its own. SQLite is
/// left alone on purpose: with `ANALYZE` statistics its planner chose a skip-scan for the
/// yearly results count that was 25 times slower than the covering index it picks without them.
pub async fn after_bulk_import(db: &Db) -> Result<(), StoreError> {
    if let Db::Pg(pool) = db {
        for table in ["cases", "case_events", "case_search"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM (ANALYZE) {table}"))).execute(pool).await?;
        }
    }
    Ok(())
}
