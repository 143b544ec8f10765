//! Around a case: notices and their numbers, editable templates, files, extension requests,
//! the Art. 44 flag, 疑难件备案, 行政复议/诉讼 records, guessing limits, reminders and mail.

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::foi::case::DUE_SOON_DAYS;
use serde::Serialize;
use sqlx::types::Json;
use time::{Date, Duration, OffsetDateTime};

use super::{CaseActor, PendingExtension};
use crate::audit::{self, Entry, Who};
use crate::blobs::BlobStore;
use crate::{Db, StoreError, on_db, on_tx};

async fn agency_of(db: &Db, actor: &CaseActor, case_id: i64, act: bool) -> Result<i64, StoreError> {
    let agency: Option<i64> = on_db!(db, |p| sqlx::query_scalar("SELECT agency_id FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_optional(p)
        .await)?;
    let agency = agency.filter(|a| actor.sees(*a)).ok_or(StoreError::NotFound)?;
    if act && !actor.acts_on(agency) {
        return Err(StoreError::Forbidden("只有本机关的依申请公开经办人或公开工作机构负责人可以办理".into()));
    }
    Ok(agency)
}

/// A notice as issued.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Notice {
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub number: String,
    pub body: String,
    pub issued_on: Date,
    pub created_at: OffsetDateTime,
}

/// The number the next notice of an agency will get in `year`: `{prefix}〔{year}〕{n}号`, counted
/// per agency and year (a reserved number is never reused).
pub async fn next_notice_number(db: &Db, agency_id: i64, prefix: &str, year: i32) -> Result<String, StoreError> {
    let n: i64 = on_db!(db, |p| {
        sqlx::query_scalar(
        "INSERT INTO notice_serials (agency_id, year, last_serial) VALUES ($1, $2, 1)
         ON CONFLICT (agency_id, year) DO UPDATE SET last_serial = notice_serials.last_serial + 1 RETURNING last_serial"
    )
    .bind(agency_id)
    .bind(i64::from(year))
    .fetch_one(p)
    .await
    })?;
    Ok(format!("{prefix}〔{year}〕{n}号"))
}

/// A rendered notice to file with its case.
pub struct NewNotice<'a> {
    pub case_id: i64,
    pub kind: &'a str,
    pub number: &'a str,
    pub body: &'a str,
    pub issued_on: Date,
}

/// Files a rendered notice with the case.
pub async fn issue_notice(db: &Db, who: &Who, actor: &CaseActor, n: &NewNotice<'_>) -> Result<Notice, StoreError> {
    let agency = agency_of(db, actor, n.case_id, true).await?;
    let mut tx = db.begin().await?;
    let now = crate::now();
    let id: i64 = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO notices (case_id, kind, number, body, issued_on, issued_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(n.case_id)
    .bind(n.kind)
    .bind(n.number)
    .bind(n.body)
    .bind(n.issued_on)
    .bind(who.user_id)
    .bind(now)
    .fetch_one(&mut **c)
    .await
    })?;
    audit::record(
        &mut tx,
        who,
        Entry::new("case.notice", "case", n.case_id).agency(Some(agency)).note(format!("{} {}", n.kind, n.number)),
    )
    .await?;
    tx.commit().await?;
    Ok(Notice {
        id,
        case_id: n.case_id,
        kind: n.kind.into(),
        number: n.number.into(),
        body: n.body.into(),
        issued_on: n.issued_on,
        created_at: now,
    })
}

/// Notices filed by the system itself (the receipt of an online application).
pub async fn issue_system_notice(
    db: &Db,
    case_id: i64,
    kind: &str,
    number: &str,
    body: &str,
    issued_on: Date,
) -> Result<(), StoreError> {
    crate::db_exec!(
        db,
        sqlx::query(
            "INSERT INTO notices (case_id, kind, number, body, issued_on, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(case_id)
        .bind(kind)
        .bind(number)
        .bind(body)
        .bind(issued_on)
        .bind(crate::now())
    )?;
    Ok(())
}

pub async fn notices(db: &Db, case_id: i64) -> Result<Vec<Notice>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_as::<_, Notice>(
        "SELECT id, case_id, kind, number, body, issued_on, created_at FROM notices WHERE case_id = $1 ORDER BY id"
    )
    .bind(case_id)
    .fetch_all(p)
    .await)?)
}

/// The office's version of a notice template, if it edited one.
pub async fn template(db: &Db, kind: &str) -> Result<Option<String>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_scalar("SELECT body FROM notice_templates WHERE kind = $1")
        .bind(kind)
        .fetch_optional(p)
        .await)?)
}

/// Saves an edited template (the caller has validated it). Only the disclosure office edits.
pub async fn save_template(db: &Db, who: &Who, kind: &str, body: &str) -> Result<(), StoreError> {
    let before = template(db, kind).await?;
    let mut tx = db.begin().await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO notice_templates (kind, body, updated_by, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (kind) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at"
        )
        .bind(kind)
        .bind(body)
        .bind(who.user_id)
        .bind(crate::now())
    )?;
    audit::record(
        &mut tx,
        who,
        Entry::new("notice-template.save", "notice-template", kind).before(&before).after(&body),
    )
    .await?;
    tx.commit().await
}

/// Goes back to the built-in template.
pub async fn reset_template(db: &Db, who: &Who, kind: &str) -> Result<(), StoreError> {
    let before = template(db, kind).await?;
    let mut tx = db.begin().await?;
    crate::tx_exec!(&mut tx, sqlx::query("DELETE FROM notice_templates WHERE kind = $1").bind(kind))?;
    audit::record(&mut tx, who, Entry::new("notice-template.reset", "notice-template", kind).before(&before)).await?;
    tx.commit().await
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CaseFile {
    pub id: i64,
    pub case_id: i64,
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub released: bool,
    pub from_applicant: bool,
    pub created_at: OffsetDateTime,
}

/// A file to store with a case: information released to the applicant, or material the
/// applicant sent with a correction.
pub struct NewCaseFile<'a> {
    pub case_id: i64,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub max_bytes: usize,
    pub released: bool,
    pub from_applicant: bool,
}

/// Stores a file of a case; type and size are checked like document attachments.
pub async fn add_file(db: &Db, blobs: &dyn BlobStore, who: &Who, f: &NewCaseFile<'_>) -> Result<CaseFile, StoreError> {
    let (name, kind) = gongkai_core::doc::attachment::check_upload(f.file_name, f.bytes, f.max_bytes)
        .map_err(|e| StoreError::invalid("file", e.to_string()))?;
    let sha = blobs.put(f.bytes)?;
    let now = crate::now();
    let size = f.bytes.len() as i64;
    let mut tx = db.begin().await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query("INSERT INTO blobs (sha256, size, created_at) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING")
            .bind(&sha)
            .bind(size)
            .bind(now)
    )?;
    let id: i64 = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO case_files (case_id, sha256, file_name, content_type, size, released, from_applicant, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(f.case_id)
    .bind(&sha)
    .bind(&name)
    .bind(kind.content_type)
    .bind(size)
    .bind(f.released)
    .bind(f.from_applicant)
    .bind(now)
    .fetch_one(&mut **c)
    .await
    })?;
    let what = if f.released { "向申请人提供" } else { "申请人材料" };
    audit::record(&mut tx, who, Entry::new("case.file", "case", f.case_id).note(format!("{name}（{what}）"))).await?;
    tx.commit().await?;
    Ok(CaseFile {
        id,
        case_id: f.case_id,
        sha256: sha,
        file_name: name,
        content_type: kind.content_type.into(),
        size,
        released: f.released,
        from_applicant: f.from_applicant,
        created_at: now,
    })
}

/// Checks that staff may store a file on the case, then stores it as released information.
pub async fn add_staff_file(
    db: &Db,
    blobs: &dyn BlobStore,
    who: &Who,
    actor: &CaseActor,
    f: &NewCaseFile<'_>,
) -> Result<CaseFile, StoreError> {
    agency_of(db, actor, f.case_id, true).await?;
    add_file(db, blobs, who, f).await
}

pub async fn files(db: &Db, case_id: i64) -> Result<Vec<CaseFile>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_as::<_, CaseFile>(
        "SELECT id, case_id, sha256, file_name, content_type, size, released, from_applicant, created_at
         FROM case_files WHERE case_id = $1 ORDER BY id"
    )
    .bind(case_id)
    .fetch_all(p)
    .await)?)
}

pub async fn file(db: &Db, file_id: i64) -> Result<Option<CaseFile>, StoreError> {
    Ok(on_db!(db, |p| {
        sqlx::query_as::<_, CaseFile>(
        "SELECT id, case_id, sha256, file_name, content_type, size, released, from_applicant, created_at FROM case_files WHERE id = $1"
    )
    .bind(file_id)
    .fetch_optional(p)
    .await
    })?)
}

/// Whether `actor` may see the case (for file downloads by staff).
pub async fn visible(db: &Db, actor: &CaseActor, case_id: i64) -> Result<bool, StoreError> {
    Ok(agency_of(db, actor, case_id, false).await.is_ok())
}

/// The officer asks the office head to extend the reply period (条例 Art. 33 ¶2).
pub async fn request_extension(
    db: &Db,
    who: &Who,
    actor: &CaseActor,
    case_id: i64,
    days: u32,
    reason: &str,
    today: Date,
) -> Result<(), StoreError> {
    let agency = agency_of(db, actor, case_id, true).await?;
    if !(1..=gongkai_core::foi::case::MAX_EXTENSION_DAYS).contains(&days) {
        return Err(StoreError::invalid("days", "延长的期限应为 1 至 20 个工作日（《条例》第三十三条第二款）"));
    }
    if reason.trim().is_empty() {
        return Err(StoreError::invalid("reason", "请写明需要延长的理由"));
    }
    let pending =
        PendingExtension { days, reason: reason.trim().into(), requested_by: who.name.clone(), requested_on: today };
    let mut tx = db.begin().await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query("UPDATE cases SET pending_extension_json = $1 WHERE id = $2").bind(Json(&pending)).bind(case_id)
    )?;
    audit::record(
        &mut tx,
        who,
        Entry::new("case.extension-request", "case", case_id).agency(Some(agency)).after(&pending),
    )
    .await?;
    tx.commit().await
}

/// The head declines an extension request.
pub async fn decline_extension(
    db: &Db,
    who: &Who,
    actor: &CaseActor,
    case_id: i64,
    why: &str,
) -> Result<(), StoreError> {
    let agency = agency_of(db, actor, case_id, true).await?;
    if actor.role != gongkai_core::org::Role::OfficeHead {
        return Err(StoreError::Forbidden("只有公开工作机构负责人可以决定是否延长".into()));
    }
    let mut tx = db.begin().await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query("UPDATE cases SET pending_extension_json = NULL WHERE id = $1").bind(case_id)
    )?;
    audit::record(&mut tx, who, Entry::new("case.extension-declined", "case", case_id).agency(Some(agency)).note(why))
        .await?;
    tx.commit().await
}

/// 建议转为主动公开 (条例 Art. 44): information that several applicants ask for, or that an
/// applicant suggests, may be moved into proactive disclosure.
pub async fn set_suggest_proactive(
    db: &Db,
    who: &Who,
    actor: &CaseActor,
    case_id: i64,
    on: bool,
) -> Result<(), StoreError> {
    let agency = agency_of(db, actor, case_id, true).await?;
    let mut tx = db.begin().await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query("UPDATE cases SET suggest_proactive = $1 WHERE id = $2").bind(on).bind(case_id)
    )?;
    audit::record(
        &mut tx,
        who,
        Entry::new(if on { "case.suggest-proactive" } else { "case.unsuggest-proactive" }, "case", case_id)
            .agency(Some(agency)),
    )
    .await?;
    tx.commit().await
}

/// Information asked for by several applicants (Art. 44), grouped by 文号 when one was given,
/// else by the description as written.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FrequentRequest {
    pub agency_id: i64,
    pub subject: String,
    pub applicants: i64,
    pub cases: i64,
    pub flagged: i64,
}

pub async fn frequent_requests(
    db: &Db,
    actor: &CaseActor,
    min_applicants: i64,
) -> Result<Vec<FrequentRequest>, StoreError> {
    Ok(on_db!(db, |p| {
        sqlx::query_as::<_, FrequentRequest>(
        "SELECT agency_id, COALESCE(doc_no, description) AS subject, COUNT(DISTINCT applicant_name) AS applicants, COUNT(*) AS cases,
                SUM(CASE WHEN suggest_proactive THEN 1 ELSE 0 END) AS flagged
         FROM cases WHERE ($1 IS NULL OR agency_id = $1)
         GROUP BY agency_id, COALESCE(doc_no, description)
         HAVING COUNT(DISTINCT applicant_name) >= $2 OR SUM(CASE WHEN suggest_proactive THEN 1 ELSE 0 END) > 0
         ORDER BY COUNT(DISTINCT applicant_name) DESC, COUNT(*) DESC LIMIT 200"
    )
    .bind(actor.scope())
    .bind(min_applicants)
    .fetch_all(p)
    .await
    })?)
}

/// A difficult case filed with the city disclosure office (疑难件备案, 温政办〔2017〕62号 二(六)4).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Filing {
    pub id: i64,
    pub case_id: i64,
    pub case_no: String,
    pub agency_id: i64,
    pub reason: String,
    pub filed_at: OffsetDateTime,
    pub office_note: Option<String>,
    pub status: String,
    pub case_stage: String,
    pub due_on: Option<Date>,
}

pub async fn file_difficult(
    db: &Db,
    who: &Who,
    actor: &CaseActor,
    case_id: i64,
    reason: &str,
) -> Result<i64, StoreError> {
    let agency = agency_of(db, actor, case_id, true).await?;
    if reason.trim().is_empty() {
        return Err(StoreError::invalid("reason", "请写明疑难之处，例如可能引发行政复议或行政诉讼的原因"));
    }
    let now = crate::now();
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO difficult_filings (case_id, agency_id, reason, filed_by, filed_at, status, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'filed', $5) RETURNING id"
    )
    .bind(case_id)
    .bind(agency)
    .bind(reason.trim())
    .bind(who.user_id)
    .bind(now)
    .fetch_one(&mut **c)
    .await)?;
    audit::record(&mut tx, who, Entry::new("case.difficult", "case", case_id).agency(Some(agency)).note(reason.trim()))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Filings with their case's progress: all of them for the office, the agency's own for its staff.
pub async fn filings(db: &Db, actor: &CaseActor, case_id: Option<i64>) -> Result<Vec<Filing>, StoreError> {
    Ok(on_db!(db, |p| {
        sqlx::query_as::<_, Filing>(
        "SELECT f.id, f.case_id, c.case_no, f.agency_id, f.reason, f.filed_at, f.office_note, f.status, c.stage AS case_stage, c.due_on
         FROM difficult_filings f JOIN cases c ON c.id = f.case_id
         WHERE ($1 IS NULL OR f.agency_id = $1) AND ($2 IS NULL OR f.case_id = $2) ORDER BY f.filed_at DESC LIMIT 500"
    )
    .bind(actor.scope())
    .bind(case_id)
    .fetch_all(p)
    .await
    })?)
}

/// The office's guidance on a filing (监督指导), and whether it is settled.
pub async fn answer_filing(
    db: &Db,
    who: &Who,
    actor: &CaseActor,
    filing_id: i64,
    note: &str,
    closed: bool,
) -> Result<(), StoreError> {
    if actor.role != gongkai_core::org::Role::DisclosureOffice {
        return Err(StoreError::Forbidden("只有市政务公开办可以回复疑难件备案".into()));
    }
    let mut tx = db.begin().await?;
    let n = crate::tx_exec!(
        &mut tx,
        sqlx::query("UPDATE difficult_filings SET office_note = $1, status = $2, updated_at = $3 WHERE id = $4")
            .bind(note.trim())
            .bind(if closed { "closed" } else { "answered" })
            .bind(crate::now())
            .bind(filing_id)
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(&mut tx, who, Entry::new("filing.answer", "filing", filing_id).note(note.trim())).await?;
    tx.commit().await
}

/// A 行政复议 or 行政诉讼 about a case (for table 四 of the annual report).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Review {
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub filed_on: Date,
    pub concluded_on: Option<Date>,
    pub result: Option<String>,
}

pub async fn add_review(
    db: &Db,
    who: &Who,
    actor: &CaseActor,
    case_id: i64,
    kind: &str,
    filed_on: Date,
) -> Result<i64, StoreError> {
    let agency = agency_of(db, actor, case_id, true).await?;
    if gongkai_core::foi::report::ReviewKind::from_code(kind).is_none() {
        return Err(StoreError::invalid("kind", "请选择行政复议或行政诉讼"));
    }
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO reviews (case_id, kind, filed_on, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(case_id)
    .bind(kind)
    .bind(filed_on)
    .bind(crate::now())
    .fetch_one(&mut **c)
    .await)?;
    audit::record(
        &mut tx,
        who,
        Entry::new("case.review", "case", case_id).agency(Some(agency)).note(format!("{kind} {filed_on}")),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn conclude_review(
    db: &Db,
    who: &Who,
    actor: &CaseActor,
    review_id: i64,
    on: Date,
    result: &str,
) -> Result<(), StoreError> {
    let case_id: i64 = on_db!(db, |p| sqlx::query_scalar("SELECT case_id FROM reviews WHERE id = $1")
        .bind(review_id)
        .fetch_optional(p)
        .await)?
    .ok_or(StoreError::NotFound)?;
    let agency = agency_of(db, actor, case_id, true).await?;
    if gongkai_core::foi::report::ReviewResult::from_code(result).is_none() {
        return Err(StoreError::invalid("result", "请选择结果：维持、纠正或其他"));
    }
    let mut tx = db.begin().await?;
    crate::tx_exec!(
        &mut tx,
        sqlx::query("UPDATE reviews SET concluded_on = $1, result = $2 WHERE id = $3")
            .bind(on)
            .bind(result)
            .bind(review_id)
    )?;
    audit::record(&mut tx, who, Entry::new("case.review-concluded", "case", case_id).agency(Some(agency)).note(result))
        .await?;
    tx.commit().await
}

pub async fn reviews(db: &Db, case_id: i64) -> Result<Vec<Review>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_as::<_, Review>(
        "SELECT id, case_id, kind, filed_on, concluded_on, result FROM reviews WHERE case_id = $1 ORDER BY id"
    )
    .bind(case_id)
    .fetch_all(p)
    .await)?)
}

/// Wrong 查询码 allowed per address per hour before lookups are refused.
pub const MAX_TRACKING_FAILURES: i64 = 10;
/// Applications accepted per address per day on the public form.
pub const MAX_APPLICATIONS_PER_DAY: i64 = 20;

/// Whether this address has guessed wrong too often in the last hour.
pub async fn tracking_throttled(db: &Db, ip: &str) -> Result<bool, StoreError> {
    let since = crate::now() - Duration::hours(1);
    let n: i64 = on_db!(db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM tracking_attempts WHERE ip = $1 AND at > $2 AND NOT success"
    )
    .bind(ip)
    .bind(since)
    .fetch_one(p)
    .await)?;
    Ok(n >= MAX_TRACKING_FAILURES)
}

pub async fn record_tracking_attempt(db: &Db, ip: &str, success: bool) -> Result<(), StoreError> {
    let now = crate::now();
    crate::db_exec!(
        db,
        sqlx::query("INSERT INTO tracking_attempts (ip, at, success) VALUES ($1, $2, $3)")
            .bind(ip)
            .bind(now)
            .bind(success)
    )?;
    crate::db_exec!(db, sqlx::query("DELETE FROM tracking_attempts WHERE at < $1").bind(now - Duration::days(1)))?;
    Ok(())
}

/// Counts an application from the public form; false when the address has reached its daily
/// cap (the cap holds across web nodes because it is in the database).
pub async fn intake_allowed(db: &Db, ip: &str) -> Result<bool, StoreError> {
    let now = crate::now();
    let n: i64 = on_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM intake_log WHERE ip = $1 AND at > $2")
        .bind(ip)
        .bind(now - Duration::days(1))
        .fetch_one(p)
        .await)?;
    if n >= MAX_APPLICATIONS_PER_DAY {
        return Ok(false);
    }
    crate::db_exec!(db, sqlx::query("INSERT INTO intake_log (ip, at) VALUES ($1, $2)").bind(ip).bind(now))?;
    crate::db_exec!(db, sqlx::query("DELETE FROM intake_log WHERE at < $1").bind(now - Duration::days(2)))?;
    Ok(true)
}

/// Attaches the session to a case the applicant unlocked with its 查询码.
pub async fn remember_tracked(db: &Db, session_token: &str, case_id: i64) -> Result<(), StoreError> {
    let hash = crate::sessions::token_hash(session_token);
    crate::db_exec!(
        db,
        sqlx::query("UPDATE sessions SET tracked_case_id = $1 WHERE token_hash = $2").bind(case_id).bind(hash)
    )?;
    Ok(())
}

pub async fn tracked_case(db: &Db, session_token: &str) -> Result<Option<i64>, StoreError> {
    let hash = crate::sessions::token_hash(session_token);
    Ok(on_db!(db, |p| sqlx::query_scalar::<_, Option<i64>>(
        "SELECT tracked_case_id FROM sessions WHERE token_hash = $1 AND expires_at > $2"
    )
    .bind(hash)
    .bind(crate::now())
    .fetch_optional(p)
    .await)?
    .flatten())
}

/// A reminder for the officers of an agency.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Notification {
    pub id: i64,
    pub agency_id: i64,
    pub case_id: i64,
    pub kind: String,
    pub message: String,
    pub created_at: OffsetDateTime,
}

/// Flags open cases due within 3 working days and overdue ones, once each, and returns the new
/// reminders (the worker mails them to the agency's officers).
pub async fn remind(db: &Db, cal: &WorkCalendar, today: Date) -> Result<Vec<Notification>, StoreError> {
    let soon_limit = cal.add_working_days(today, DUE_SOON_DAYS).map_err(|e| StoreError::Case(e.into()))?;
    let rows: Vec<(i64, i64, String, Date)> = on_db!(db, |p| {
        sqlx::query_as(
        "SELECT id, agency_id, case_no, due_on FROM cases WHERE stage NOT IN ('closed', 'archived') AND due_on IS NOT NULL AND due_on <= $1"
    )
    .bind(soon_limit)
    .fetch_all(p)
    .await
    })?;
    let mut created = Vec::new();
    for (case_id, agency_id, case_no, due) in rows {
        let (kind, message) = if due < today {
            ("overdue", format!("{case_no} 已超过答复期限（{due}），请尽快答复"))
        } else {
            ("due-soon", format!("{case_no} 将于 {due} 到期，还剩不到 {DUE_SOON_DAYS} 个工作日"))
        };
        let now = crate::now();
        let inserted: Option<i64> = on_db!(db, |p| sqlx::query_scalar(
            "INSERT INTO notifications (agency_id, case_id, kind, message, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (case_id, kind) DO NOTHING RETURNING id"
        )
        .bind(agency_id)
        .bind(case_id)
        .bind(kind)
        .bind(&message)
        .bind(now)
        .fetch_optional(p)
        .await)?;
        if let Some(id) = inserted {
            created.push(Notification { id, agency_id, case_id, kind: kind.into(), message, created_at: now });
        }
    }
    Ok(created)
}

/// Unread reminders of the actor's agency (all agencies for the office).
pub async fn notifications(db: &Db, actor: &CaseActor) -> Result<Vec<Notification>, StoreError> {
    Ok(on_db!(db, |p| {
        sqlx::query_as::<_, Notification>(
        "SELECT n.id, n.agency_id, n.case_id, n.kind, n.message, n.created_at FROM notifications n JOIN cases c ON c.id = n.case_id
         WHERE ($1 IS NULL OR n.agency_id = $1) AND n.read_at IS NULL AND c.stage NOT IN ('closed', 'archived')
         ORDER BY n.created_at DESC LIMIT 100"
    )
    .bind(actor.scope())
    .fetch_all(p)
    .await
    })?)
}

/// A mail to send (the reply to an applicant, a reminder to officers).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub case_id: Option<i64>,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

const QUEUE_MAIL: &str = "INSERT INTO outgoing_mail (case_id, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";

pub async fn queue_mail(
    db: &Db,
    case_id: Option<i64>,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<i64, StoreError> {
    Ok(on_db!(db, |p| {
        sqlx::query_scalar(QUEUE_MAIL)
            .bind(case_id)
            .bind(recipient)
            .bind(subject)
            .bind(body)
            .bind(crate::now())
            .fetch_one(p)
            .await
    })?)
}

/// Queues the same mail to every active account of the agency with one of `roles` and an
/// address, inside the caller's transaction (so what the mail announces and the mail are
/// written together); returns how many were queued.
pub(crate) async fn mail_agency_roles(
    tx: &mut crate::Tx,
    staff: &[crate::users::User],
    agency_id: i64,
    roles: &[gongkai_core::org::Role],
    subject: &str,
    body: &str,
) -> Result<usize, StoreError> {
    let mut queued = 0;
    for u in staff.iter().filter(|u| u.active && u.agency_id == Some(agency_id) && roles.contains(&u.role)) {
        if let Some(email) = &u.email {
            let _: i64 = crate::on_tx!(tx, |c| sqlx::query_scalar(QUEUE_MAIL)
                .bind(None::<i64>)
                .bind(email)
                .bind(subject)
                .bind(body)
                .bind(crate::now())
                .fetch_one(&mut **c)
                .await)?;
            queued += 1;
        }
    }
    Ok(queued)
}

pub async fn pending_mail(db: &Db) -> Result<Vec<Mail>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_as::<_, Mail>(
        "SELECT id, case_id, recipient, subject, body FROM outgoing_mail WHERE sent_at IS NULL ORDER BY id LIMIT 100"
    )
    .fetch_all(p)
    .await)?)
}

pub async fn mail_done(db: &Db, id: i64, error: Option<&str>) -> Result<(), StoreError> {
    match error {
        None => crate::db_exec!(
            db,
            sqlx::query("UPDATE outgoing_mail SET sent_at = $1, error = NULL WHERE id = $2")
                .bind(crate::now())
                .bind(id)
        )?,
        Some(e) => {
            crate::db_exec!(db, sqlx::query("UPDATE outgoing_mail SET error = $1 WHERE id = $2").bind(e).bind(id))?
        }
    };
    Ok(())
}

/// Mails of a case, for its page.
pub async fn mails_of(
    db: &Db,
    case_id: i64,
) -> Result<Vec<(String, String, Option<OffsetDateTime>, Option<String>)>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT recipient, subject, sent_at, error FROM outgoing_mail WHERE case_id = $1 ORDER BY id"
    )
    .bind(case_id)
    .fetch_all(p)
    .await)?)
}
