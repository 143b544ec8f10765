//! The daily duty of the policy lifecycle, run "as of" a date so that tests can move time:
//! expire documents past their 有效期至, bring 尚未生效 ones into force, remind agencies of
//! documents expiring within 6 months and of policies whose interpretation is overdue.

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::interpretation::InterpretationStatus;
use gongkai_core::doc::validity::add_months;
use gongkai_core::doc::{REMIND_MONTHS_BEFORE_EXPIRY, Validity, ValidityStatus};
use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::{PUBLIC, named};
use crate::audit::Who;
use crate::sql::{Arg, Filter};
use crate::{Db, StoreError, bind_args, on_db};

/// How far back an overdue interpretation is still reminded of.
const RECENT_DAYS: i64 = 30;

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DailyReport {
    pub expired: Vec<i64>,
    pub came_into_force: Vec<i64>,
    /// Documents whose due change could not be applied (logged; retried on the next run).
    pub failed: Vec<i64>,
    /// Reminders created by this run (none twice for the same document, kind and date).
    pub reminders: Vec<DocumentReminder>,
    /// Digest mails queued with them.
    pub mails: usize,
}

/// A reminder to an agency about one of its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DocumentReminder {
    pub id: i64,
    pub agency_id: i64,
    pub document_id: i64,
    /// `expiry` or `interpretation`.
    pub kind: String,
    pub due_on: Date,
    pub message: String,
    pub created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct Expiring {
    id: i64,
    agency_id: i64,
    title: String,
    doc_no: Option<String>,
    validity: String,
    effective_on: Option<Date>,
    expires_on: Date,
}

/// Runs the duty as of `today`; `within` is the interpretation limit in working days.
/// Running it again the same day changes nothing.
pub async fn daily(db: &Db, cal: &WorkCalendar, today: Date, within: u32) -> Result<DailyReport, StoreError> {
    let who = Who::system("worker");
    let mut report = DailyReport::default();
    let due: Vec<i64> = on_db!(db, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT d.id FROM documents d JOIN editions e ON {PUBLIC}
         WHERE (e.validity IN ('valid', 'not-yet-effective', 'amended') AND e.expires_on < $1)
            OR (e.validity = 'not-yet-effective' AND e.effective_on <= $1)
         ORDER BY d.id"
    )))
    .bind(today)
    .fetch_all(p)
    .await)?;
    for id in due {
        // One document that cannot be changed (bad stored data) must not stop the others.
        match super::validity::apply_due(db, &who, id, today).await {
            Ok(Some(ValidityStatus::Expired)) => report.expired.push(id),
            Ok(Some(_)) => report.came_into_force.push(id),
            Ok(None) => {}
            Err(e) => {
                tracing::warn!(document = id, error = %e, "could not apply a validity change; the others go on");
                report.failed.push(id);
            }
        }
    }

    let mut due: Vec<Due> = Vec::new();
    // A month of margin beyond the reminder period; the exact day comes from the rule in core.
    let horizon = add_months(today, i32::from(REMIND_MONTHS_BEFORE_EXPIRY) + 1);
    let expiring: Vec<Expiring> = on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT d.id, d.agency_id, e.title, e.doc_no, e.validity, e.effective_on, e.expires_on
         FROM documents d JOIN editions e ON {PUBLIC}
         WHERE e.validity IN ('valid', 'not-yet-effective', 'amended') AND e.expires_on >= $1 AND e.expires_on <= $2
         ORDER BY e.expires_on, d.id"
    )))
    .bind(today)
    .bind(horizon)
    .fetch_all(p)
    .await)?;
    for x in expiring {
        let status = crate::error::decode(ValidityStatus::from_code(&x.validity), "validity", &x.validity)?;
        let validity = Validity::new(status, x.effective_on, Some(x.expires_on))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if validity.reminder_from().is_none_or(|from| today < from) {
            continue;
        }
        let message = format!(
            "{}有效期至{}。请在届满前评估：需要继续执行的，应重新登记、编号、发布；不再执行的，到期自动失效。",
            named(&x.title, x.doc_no.as_deref()),
            gongkai_core::tz::format_date_zh(x.expires_on)
        );
        due.push(Due { agency_id: x.agency_id, document_id: x.id, kind: "expiry", due_on: x.expires_on, message });
    }

    // Policies whose interpretation became overdue in the last 30 days: a reminder is about
    // what can still be put right, and a first run over years of imported pages must not
    // send hundreds of them.
    let since = today - time::Duration::days(RECENT_DAYS);
    for year in (since.year()..=today.year()).collect::<std::collections::BTreeSet<_>>() {
        for row in super::interpretation_report(db, cal, None, year, today, within).await? {
            if let InterpretationStatus::Missing { due_on } = row.status
                && due_on >= since
            {
                let message = format!(
                    "{}于{}发布，应在{}前发布政策解读，至今未发布。",
                    named(&row.title, row.doc_no.as_deref()),
                    gongkai_core::tz::format_date_zh(row.published_on),
                    gongkai_core::tz::format_date_zh(due_on)
                );
                due.push(Due {
                    agency_id: row.agency_id,
                    document_id: row.document_id,
                    kind: "interpretation",
                    due_on,
                    message,
                });
            }
        }
    }
    let (reminders, mails) = record_reminders(db, due).await?;
    report.reminders = reminders;
    report.mails = mails;
    Ok(report)
}

/// A reminder the duty found due.
struct Due {
    agency_id: i64,
    document_id: i64,
    kind: &'static str,
    due_on: Date,
    message: String,
}

/// Records the reminders not recorded yet and, in the same transaction per agency, queues one
/// digest mail to each of its active editors and reviewers with an address: a reminder is never
/// recorded without its mail. Returns the new reminders and the number of mails.
async fn record_reminders(db: &Db, due: Vec<Due>) -> Result<(Vec<DocumentReminder>, usize), StoreError> {
    use std::collections::BTreeMap;
    let mut by_agency: BTreeMap<i64, Vec<Due>> = BTreeMap::new();
    for d in due {
        by_agency.entry(d.agency_id).or_default().push(d);
    }
    if by_agency.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let staff = crate::users::list(db).await?;
    let (mut new, mut mails) = (Vec::new(), 0);
    for (agency, list) in by_agency {
        let mut tx = db.begin().await?;
        let mut recorded = Vec::new();
        for d in &list {
            let r: Option<DocumentReminder> = crate::on_tx!(&mut tx, |c| sqlx::query_as::<_, DocumentReminder>(
                "INSERT INTO document_reminders (agency_id, document_id, kind, due_on, message, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (document_id, kind, due_on) DO NOTHING
                 RETURNING id, agency_id, document_id, kind, due_on, message, created_at"
            )
            .bind(d.agency_id)
            .bind(d.document_id)
            .bind(d.kind)
            .bind(d.due_on)
            .bind(&d.message)
            .bind(crate::now())
            .fetch_optional(&mut **c)
            .await)?;
            recorded.extend(r);
        }
        if !recorded.is_empty() {
            let body: Vec<String> = recorded.iter().map(|r| format!("· {}", r.message)).collect();
            let subject = format!("政策文件提醒（{} 件）：有效期将届满或解读逾期", recorded.len());
            let roles = [gongkai_core::org::Role::Editor, gongkai_core::org::Role::Reviewer];
            mails +=
                crate::cases::mail_agency_roles(&mut tx, &staff, agency, &roles, &subject, &body.join("\n")).await?;
        }
        tx.commit().await?;
        new.extend(recorded);
    }
    Ok((new, mails))
}

/// The newest reminders, of one agency or all, newest first.
pub async fn reminders(db: &Db, agency_id: Option<i64>, limit: i64) -> Result<Vec<DocumentReminder>, StoreError> {
    let mut f = Filter::default();
    f.maybe("agency_id = ?", agency_id, Arg::I64);
    let sql = format!(
        "SELECT id, agency_id, document_id, kind, due_on, message, created_at FROM document_reminders{}
         ORDER BY created_at DESC, id DESC LIMIT {}",
        f.sql(),
        f.next_placeholder()
    );
    Ok(on_db!(db, |p| bind_args!(sqlx::query_as::<_, DocumentReminder>(sqlx::AssertSqlSafe(sql.clone())), &f.args)
        .bind(limit)
        .fetch_all(p)
        .await)?)
}
