//! 政府信息公开工作年度报告: drafted by the agency (narrative and the cells of table 二 the
//! platform holds no data for), computed from live data while it is a draft, approved and
//! published by the head of its disclosure office into the 年报 column, and kept exactly as
//! published (a JSON snapshot) so that next year's carry-over compares with what was published.
//! Reports of years before the platform are imported the same way.

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::workflow::{Actor, EditionStatus};
use gongkai_core::doc::{EditionFields, EditionInput, IndexTemplate};
use gongkai_core::foi::case::Event;
use gongkai_core::org::{AgencyKind, Role};
use gongkai_core::report::table2::{ManualCells, RulesBlock, Table2};
use gongkai_core::report::{AnnualReport, Facts, Level, Narrative, ReportCheck, Source, render};
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::agencies::{self, Agency};
use crate::audit::{self, Entry, Who};
use crate::blobs::BlobStore;
use crate::cases::mail_agency_roles;
use crate::export::{ImportDocument, ImportEdition};
use crate::{Db, StoreError, on_db, on_tx, tx_exec};

/// Which report: whose, at which level, for which year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportKey {
    pub agency_id: i64,
    pub level: Level,
    pub year: i32,
}

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Submitted,
    Published,
    Imported,
}

impl Status {
    fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Published => "published",
            Status::Imported => "imported",
        }
    }

    fn from_code(s: &str) -> Option<Status> {
        [Status::Draft, Status::Submitted, Status::Published, Status::Imported].into_iter().find(|x| x.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "起草中",
            Status::Submitted => "待审定",
            Status::Published => "已发布",
            Status::Imported => "已导入（历史报告）",
        }
    }

    /// Published on the platform or imported as published elsewhere: final.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Published | Status::Imported)
    }
}

/// What is saved of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    pub status: Status,
    pub narrative: Narrative,
    pub manual: ManualCells,
    pub explanation: Option<String>,
    pub document_id: Option<i64>,
    pub updated_at: OffsetDateTime,
    pub published_at: Option<OffsetDateTime>,
    /// The report as published or imported.
    pub snapshot: Option<AnnualReport>,
}

#[derive(sqlx::FromRow)]
struct Row {
    status: String,
    overview: String,
    problems: String,
    other: String,
    manual: String,
    snapshot: Option<String>,
    explanation: Option<String>,
    document_id: Option<i64>,
    updated_at: OffsetDateTime,
    published_at: Option<OffsetDateTime>,
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

impl TryFrom<Row> for Saved {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Saved, StoreError> {
        Ok(Saved {
            status: Status::from_code(&r.status).ok_or_else(|| corrupt(format!("report status `{}`", r.status)))?,
            narrative: Narrative { overview: r.overview, problems: r.problems, other: r.other },
            manual: serde_json::from_str(&r.manual).map_err(corrupt)?,
            explanation: r.explanation,
            document_id: r.document_id,
            updated_at: r.updated_at,
            published_at: r.published_at,
            snapshot: r.snapshot.as_deref().map(serde_json::from_str).transpose().map_err(corrupt)?,
        })
    }
}

const ROW_COLUMNS: &str =
    "status, overview, problems, other, manual, snapshot, explanation, document_id, updated_at, published_at";

/// The saved report, if any.
pub async fn saved(db: &Db, key: ReportKey) -> Result<Option<Saved>, StoreError> {
    let row = on_db!(db, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
        "SELECT {ROW_COLUMNS} FROM annual_reports WHERE agency_id = $1 AND level = $2 AND year = $3"
    )))
    .bind(key.agency_id)
    .bind(key.level.code())
    .bind(i64::from(key.year))
    .fetch_optional(p)
    .await)?;
    row.map(Saved::try_from).transpose()
}

/// The agencies a report covers: the agency itself; for a government's report, also every
/// agency below it, except district governments and what is below them unless
/// `include_districts` (a city's report may or may not include its districts' figures).
pub async fn scope(db: &Db, key: ReportKey, include_districts: bool) -> Result<Vec<i64>, StoreError> {
    if key.level == Level::Agency {
        return Ok(vec![key.agency_id]);
    }
    let all = agencies::list(db).await?;
    let mut out = vec![key.agency_id];
    let mut frontier = vec![key.agency_id];
    while let Some(parent) = frontier.pop() {
        for a in all.iter().filter(|a| a.parent_id == Some(parent)) {
            if a.kind == AgencyKind::District && !include_districts {
                continue;
            }
            if !out.contains(&a.id) {
                out.push(a.id);
                frontier.push(a.id);
            }
        }
    }
    Ok(out)
}

async fn agency(db: &Db, id: i64) -> Result<Agency, StoreError> {
    agencies::by_id(db, id).await?.ok_or(StoreError::NotFound)
}

/// 信息处理费 collected in `year` by the agencies: for each case whose fee was paid in the
/// year, the amount of its (last) fee notice.
async fn fees_collected(db: &Db, agencies: &[i64], year: i32) -> Result<u64, StoreError> {
    let first = Date::from_calendar_date(year, time::Month::January, 1).map_err(corrupt)?;
    let last = Date::from_calendar_date(year, time::Month::December, 31).map_err(corrupt)?;
    let mut w = crate::sql::Filter::default();
    crate::sql::agencies_in(&mut w, "c.agency_id", Some(agencies));
    // A fee paid in the year was paid on a case open during the year: only those cases' events
    // are read (the range conditions use the cases' indexes).
    w.with("c.received_on <= ?", crate::sql::Arg::Date(last))
        .with("(c.closed_on IS NULL OR c.closed_on >= ?)", crate::sql::Arg::Date(first));
    // JSONB on PostgreSQL, TEXT on SQLite: compared as text on both.
    w.always("(CAST(e.event_json AS TEXT) LIKE '%fee-noticed%' OR CAST(e.event_json AS TEXT) LIKE '%fee-paid%')");
    let sql = format!(
        "SELECT e.case_id, e.event_json FROM case_events e JOIN cases c ON c.id = e.case_id{} ORDER BY e.case_id, e.seq",
        w.sql()
    );
    let rows: Vec<(i64, sqlx::types::Json<Event>)> = on_db!(db, |p| crate::bind_args!(
        sqlx::query_as::<_, (i64, sqlx::types::Json<Event>)>(sqlx::AssertSqlSafe(sql.clone())),
        &w.args
    )
    .fetch_all(p)
    .await)?;
    let mut total = 0u64;
    let mut amount: Option<(i64, i64)> = None;
    for (case, json) in rows {
        match json.0 {
            Event::FeeNoticed { amount_fen, .. } => amount = Some((case, amount_fen)),
            Event::FeePaid { on } if on.year() == year => {
                if let Some((c, fen)) = amount
                    && c == case
                {
                    total += u64::try_from(fen).unwrap_or(0);
                }
            }
            _ => {}
        }
    }
    Ok(total)
}

/// The report as it stands: the published (or imported) one as it was, otherwise computed
/// from live data with the saved narrative and entered cells.
pub async fn report(
    db: &Db,
    key: ReportKey,
    include_districts: bool,
) -> Result<(AnnualReport, Option<Saved>), StoreError> {
    let saved = saved(db, key).await?;
    if let Some(snapshot) = saved.as_ref().and_then(|s| s.snapshot.clone()) {
        return Ok((snapshot, saved));
    }
    let a = agency(db, key.agency_id).await?;
    let agencies = scope(db, key, include_districts).await?;
    let (table3, table4) = crate::cases::tables_in(db, Some(&agencies), key.year).await?;
    let entries = crate::lifecycle::register_entries_in(db, Some(&agencies)).await?;
    let report = AnnualReport {
        year: key.year,
        agency_code: a.code.as_str().to_string(),
        agency_name: a.name.clone(),
        level: key.level,
        narrative: saved.as_ref().map(|s| s.narrative.clone()).unwrap_or_default(),
        table2: Table2 {
            rules: RulesBlock::count(&entries, key.year),
            manual: match &saved {
                Some(s) => s.manual,
                // A government's first draft starts from what its departments entered.
                None if key.level == Level::Government => departments_manual(db, &agencies, key).await?,
                None => ManualCells::default(),
            },
        },
        table3,
        table4,
        fees_collected_fen: fees_collected(db, &agencies, key.year).await?,
        explanation: saved.as_ref().and_then(|s| s.explanation.clone()),
        source: Source::Computed,
        published_checks: Vec::new(),
    };
    Ok((report, saved))
}

/// The sum of the cells the agencies below a government entered in their own reports of the
/// year (a cell no department entered stays blank).
async fn departments_manual(db: &Db, agencies: &[i64], key: ReportKey) -> Result<ManualCells, StoreError> {
    let mut sum = ManualCells::default();
    for a in agencies.iter().filter(|a| **a != key.agency_id) {
        let Some(s) = saved(db, ReportKey { agency_id: *a, level: Level::Agency, year: key.year }).await? else {
            continue;
        };
        let add = |into: &mut Option<u64>, v: Option<u64>| {
            if let Some(v) = v {
                *into = Some(into.unwrap_or(0) + v);
            }
        };
        add(&mut sum.licensing, s.manual.licensing);
        add(&mut sum.penalties, s.manual.penalties);
        add(&mut sum.coercion, s.manual.coercion);
        add(&mut sum.fees_fen, s.manual.fees_fen);
    }
    Ok(sum)
}

/// Last year's report as published or imported, for the carry-over checks.
pub async fn last_year(db: &Db, key: ReportKey) -> Result<Option<AnnualReport>, StoreError> {
    Ok(saved(db, ReportKey { year: key.year - 1, ..key }).await?.and_then(|s| s.snapshot))
}

/// The report with its checks against last year's.
pub async fn checked(
    db: &Db,
    key: ReportKey,
    include_districts: bool,
) -> Result<(AnnualReport, Vec<ReportCheck>, Option<Saved>), StoreError> {
    let (report, saved) = report(db, key, include_districts).await?;
    // A published report is checked as it was published, not against what came later.
    if saved.as_ref().is_some_and(|s| s.status.is_final()) {
        let checks = report
            .published_checks
            .iter()
            .map(|m| ReportCheck { kind: "published", message: m.clone(), explainable: true })
            .collect();
        return Ok((report, checks, saved));
    }
    let last = last_year(db, key).await?;
    let checks = report.checks(last.as_ref());
    Ok((report, checks, saved))
}

/// The year's figures for the draft of part 一.
pub async fn facts(db: &Db, cal: &WorkCalendar, key: ReportKey, include_districts: bool) -> Result<Facts, StoreError> {
    let a = agency(db, key.agency_id).await?;
    let agencies = scope(db, key, include_districts).await?;
    let mut w = crate::sql::Filter::default();
    crate::sql::agencies_in(&mut w, "d.agency_id", Some(&agencies));
    w.with("d.published_year = ?", crate::sql::Arg::I64(i64::from(key.year)))
        .always("e.disclosure = 'proactive'")
        .always("d.withdrawn_at IS NULL");
    let sql = format!(
        "SELECT COUNT(*),
                COALESCE(SUM(CASE WHEN e.policy_kind IN ('rule', 'normative', 'policy') THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN e.genre = 'interpretation' THEN 1 ELSE 0 END), 0)
         FROM documents d JOIN editions e ON e.document_id = d.id AND e.status = 'published'{}",
        w.sql()
    );
    let (published, policies, interpretations): (i64, i64, i64) = on_db!(db, |p| crate::bind_args!(
        sqlx::query_as::<_, (i64, i64, i64)>(sqlx::AssertSqlSafe(sql.clone())),
        &w.args
    )
    .fetch_one(p)
    .await)?;
    let (t3, t4) = crate::cases::tables_in(db, Some(&agencies), key.year).await?;
    use gongkai_core::foi::Table3Row;
    use gongkai_core::foi::report::{ReviewKind, Table3Column, Table3Line, Table4Column};
    let total = |line| t3.cell(line, Table3Column::Total);
    Ok(Facts {
        agency_name: a.name,
        year: key.year,
        published: published as u64,
        policies: policies as u64,
        interpretations: interpretations as u64,
        late: late(db, cal, &agencies, key.year).await?,
        requests_new: total(Table3Line::New),
        requests_closed: total(Table3Line::ResultTotal),
        requests_carried_out: total(Table3Line::CarriedOut),
        disclosed: total(Table3Line::Result(Table3Row::Disclosed)) + total(Table3Line::Result(Table3Row::Partial)),
        reviews: ReviewKind::ALL.iter().map(|k| t4.cell(*k, Table4Column::Total)).sum(),
    })
}

/// First publications of the year later than 条例 Art. 26 allows, for the draft of part 一.
async fn late(db: &Db, cal: &WorkCalendar, agencies: &[i64], year: i32) -> Result<u64, StoreError> {
    let mut n = 0;
    for a in agencies {
        for p in crate::documents::publications(db, Some(*a), year).await? {
            if gongkai_core::doc::timeliness::Assessment::of(
                cal,
                p.formed_on,
                gongkai_core::tz::local_date(p.published_at),
            )
            .is_late()
            {
                n += 1;
            }
        }
    }
    Ok(n)
}

/// May this actor see the report? Staff of the agency, the disclosure office, administrators.
pub fn may_view(actor: &Actor, agency_id: i64) -> bool {
    !actor.role.is_agency_scoped() || actor.agency_id == Some(agency_id)
}

/// May this actor write the draft? The agency's 信息员 and the head of its disclosure office.
pub fn may_draft(actor: &Actor, agency_id: i64) -> bool {
    matches!(actor.role, Role::Editor | Role::OfficeHead) && actor.agency_id == Some(agency_id)
}

/// May this actor approve and publish it? The head of the agency's disclosure office only.
pub fn may_publish(actor: &Actor, agency_id: i64) -> bool {
    actor.role == Role::OfficeHead && actor.agency_id == Some(agency_id)
}

async fn lock_row(tx: &mut crate::Tx, key: ReportKey) -> Result<Option<Status>, StoreError> {
    let sql = if matches!(tx, crate::Tx::Pg(_)) {
        "SELECT status FROM annual_reports WHERE agency_id = $1 AND level = $2 AND year = $3 FOR UPDATE"
    } else {
        "SELECT status FROM annual_reports WHERE agency_id = $1 AND level = $2 AND year = $3"
    };
    let status: Option<String> = on_tx!(tx, |c| sqlx::query_scalar(sql)
        .bind(key.agency_id)
        .bind(key.level.code())
        .bind(i64::from(key.year))
        .fetch_optional(&mut **c)
        .await)?;
    status.map(|s| Status::from_code(&s).ok_or_else(|| corrupt(format!("report status `{s}`")))).transpose()
}

/// An audit entry about one report (`{agency code}-{level}-{year}`).
fn report_entry<'a>(action: &'a str, a: &Agency, key: ReportKey) -> Entry<'a> {
    Entry::new(action, "annual_report", format!("{}-{}-{}", a.code.as_str(), key.level.code(), key.year))
        .agency(Some(key.agency_id))
}

/// The level an agency reports at must match its kind, and the year must be one the
/// regulation's reports exist for.
async fn check_key(db: &Db, key: ReportKey) -> Result<Agency, StoreError> {
    let a = agency(db, key.agency_id).await?;
    if Level::for_kind(a.kind) != key.level {
        return Err(StoreError::invalid(
            "level",
            format!("{}应编制{}年度报告", a.name, Level::for_kind(a.kind).label()),
        ));
    }
    if !(2008..=9999).contains(&key.year) {
        return Err(StoreError::invalid("year", "年度报告从 2008 年起编制"));
    }
    Ok(a)
}

/// A report is drafted from the year's data, judged on the working-day calendar (timeliness,
/// interpretations): a year whose holiday notice is not loaded is refused, never guessed.
fn year_covered(cal: &WorkCalendar, year: i32) -> Result<(), StoreError> {
    if cal.covered_years().contains(&year) {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "year",
            format!("{year}年的节假日安排未载入工作日日历，不能编制该年度的报告；请先添加该年度的国务院办公厅通知"),
        ))
    }
}

/// Saves the draft's narrative and entered cells; a submitted report goes back to draft (what
/// the head approves is what was submitted). Refused once published (or imported), for anyone
/// but the agency's editors and head, and for a year the calendar does not cover.
pub async fn save_draft(
    db: &Db,
    who: &Who,
    actor: &Actor,
    cal: &WorkCalendar,
    key: ReportKey,
    narrative: &Narrative,
    manual: &ManualCells,
) -> Result<(), StoreError> {
    let a = check_key(db, key).await?;
    year_covered(cal, key.year)?;
    if !may_draft(actor, key.agency_id) {
        return Err(StoreError::Forbidden("只有本机关的信息员和政务公开工作机构负责人可以编写年度报告".into()));
    }
    let mut tx = db.begin().await?;
    let status = lock_row(&mut tx, key).await?;
    if status.is_some_and(Status::is_final) {
        return Err(StoreError::Conflict(format!("{}{}年度报告已发布，不能再修改", a.name, key.year)));
    }
    let now = crate::now();
    let manual_json = serde_json::to_string(manual).map_err(corrupt)?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO annual_reports (agency_id, level, year, status, overview, problems, other, manual, updated_by, created_at, updated_at)
             VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $9)
             ON CONFLICT (agency_id, level, year) DO UPDATE SET status = 'draft', overview = $4, problems = $5,
                 other = $6, manual = $7, updated_by = $8, updated_at = $9"
        )
        .bind(key.agency_id)
        .bind(key.level.code())
        .bind(i64::from(key.year))
        .bind(&narrative.overview)
        .bind(&narrative.problems)
        .bind(&narrative.other)
        .bind(&manual_json)
        .bind(who.user_id)
        .bind(now)
    )?;
    audit::record(&mut tx, who, report_entry("annual_report.save", &a, key)).await?;
    tx.commit().await
}

/// Sends the draft to the head of the disclosure office for approval.
pub async fn submit(db: &Db, who: &Who, actor: &Actor, key: ReportKey) -> Result<(), StoreError> {
    let a = check_key(db, key).await?;
    if !may_draft(actor, key.agency_id) {
        return Err(StoreError::Forbidden("只有本机关的信息员和政务公开工作机构负责人可以报送年度报告".into()));
    }
    let mut tx = db.begin().await?;
    match lock_row(&mut tx, key).await? {
        None => return Err(StoreError::invalid("report", "请先保存年度报告草稿")),
        Some(s) if s.is_final() => return Err(StoreError::Conflict("年度报告已发布".into())),
        Some(_) => {}
    }
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE annual_reports SET status = 'submitted', submitted_at = $1, updated_at = $1
             WHERE agency_id = $2 AND level = $3 AND year = $4"
        )
        .bind(crate::now())
        .bind(key.agency_id)
        .bind(key.level.code())
        .bind(i64::from(key.year))
    )?;
    // The head of the disclosure office is told that a report waits for approval.
    let message = format!("{}{}年政府信息公开工作年度报告已报送，请审定发布。", a.name, key.year);
    let staff = crate::users::list(db).await?;
    mail_agency_roles(&mut tx, &staff, key.agency_id, &[Role::OfficeHead], "年度报告待审定", &message).await?;
    audit::record(&mut tx, who, report_entry("annual_report.submit", &a, key)).await?;
    tx.commit().await
}

/// Sends the submitted report back to its drafters with the head's note (the report becomes a
/// draft again, and the note goes to the agency's editors by mail and into the audit log).
pub async fn return_to_drafter(
    db: &Db,
    who: &Who,
    actor: &Actor,
    key: ReportKey,
    note: &str,
) -> Result<(), StoreError> {
    let a = check_key(db, key).await?;
    if !may_publish(actor, key.agency_id) {
        return Err(StoreError::Forbidden("只有本机关政务公开工作机构负责人可以退回年度报告".into()));
    }
    let note = note.trim();
    if note.is_empty() {
        return Err(StoreError::invalid("note", "退回时请写明修改意见"));
    }
    let mut tx = db.begin().await?;
    if lock_row(&mut tx, key).await? != Some(Status::Submitted) {
        return Err(StoreError::Conflict("只能退回已报送、尚未发布的年度报告".into()));
    }
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE annual_reports SET status = 'draft', updated_at = $1 WHERE agency_id = $2 AND level = $3 AND year = $4"
        )
        .bind(crate::now())
        .bind(key.agency_id)
        .bind(key.level.code())
        .bind(i64::from(key.year))
    )?;
    let message = format!("{}{}年政府信息公开工作年度报告被退回修改：{note}", a.name, key.year);
    let staff = crate::users::list(db).await?;
    mail_agency_roles(&mut tx, &staff, key.agency_id, &[Role::Editor], "年度报告退回修改", &message).await?;
    audit::record(&mut tx, who, report_entry("annual_report.return", &a, key).note(note)).await?;
    tx.commit().await
}

/// What [`publish`] needs besides the report.
pub struct PublishReport<'a> {
    /// Required when a check fails (and allowed only for checks an explanation can cover).
    pub explanation: Option<&'a str>,
    pub include_districts: bool,
    pub template: &'a IndexTemplate,
    pub blobs: &'a dyn BlobStore,
    /// Today in China: the report's 成文日期; no report is published before its year is over.
    pub today: Date,
    pub calendar: &'a WorkCalendar,
    /// The head's written reason to publish although the privacy check found personal data in
    /// the text (stored in the audit log), as for any publication.
    pub privacy_override: Option<&'a str>,
}

/// Approves and publishes the report: it becomes a document of the 年报 column (the HTML of
/// the six parts and the tables), the report is kept as published, and the audit log records
/// it, in one transaction. Refused: by anyone but the head of the agency's disclosure office;
/// before the year is over; with a blank cell of table 二; with a failing check and no written
/// explanation (the explanation is then published with the report); a second time.
pub async fn publish(
    db: &Db,
    who: &Who,
    actor: &Actor,
    key: ReportKey,
    opts: &PublishReport<'_>,
) -> Result<i64, StoreError> {
    let a = check_key(db, key).await?;
    if !may_publish(actor, key.agency_id) {
        return Err(StoreError::Forbidden("年度报告须由本机关政务公开工作机构负责人审定发布".into()));
    }
    if opts.today.year() <= key.year {
        return Err(StoreError::invalid("year", format!("{}年尚未结束，不能发布该年度的年度报告", key.year)));
    }
    year_covered(opts.calendar, key.year)?;
    let (mut report, checks, saved) = checked(db, key, opts.include_districts).await?;
    match saved.as_ref().map(|s| s.status) {
        None | Some(Status::Draft) => {
            return Err(StoreError::invalid("report", "年度报告须由编写人员报送后，才能审定发布"));
        }
        Some(Status::Published | Status::Imported) => {
            return Err(StoreError::Conflict(format!("{}{}年度报告已发布", a.name, key.year)));
        }
        Some(Status::Submitted) => {}
    }
    // The text staff wrote goes public: the same personal-data check as any publication.
    let texts = [&report.narrative.overview, &report.narrative.problems, &report.narrative.other];
    let mut findings: Vec<_> = texts.iter().flat_map(|t| gongkai_core::privacy::scan(t)).collect();
    findings.extend(opts.explanation.map(gongkai_core::privacy::scan).unwrap_or_default());
    let privacy_reason = opts.privacy_override.map(str::trim).filter(|r| !r.is_empty());
    if !findings.is_empty() && privacy_reason.is_none() {
        return Err(StoreError::PrivacyBlocked(format!(
            "{}。请先在报告文字中遮盖这些个人信息；如确需公开，请填写理由后再发布（将记入审计日志）",
            gongkai_core::privacy::summary(&findings)
        )));
    }
    if let Some(blocking) = checks.iter().find(|c| !c.explainable) {
        return Err(StoreError::invalid("manual", blocking.message.clone()));
    }
    let explanation = opts.explanation.map(str::trim).filter(|e| !e.is_empty());
    if !checks.is_empty() && explanation.is_none() {
        return Err(StoreError::invalid(
            "explanation",
            format!("有 {} 项校验未通过，须填写书面说明后才能发布，说明将随报告公开", checks.len()),
        ));
    }
    if let Some(e) = explanation {
        Narrative::parse(e, "", "").map_err(|_| StoreError::invalid("explanation", "说明只能填写纯文字"))?;
    }
    report.explanation = explanation.filter(|_| !checks.is_empty()).map(str::to_string);
    report.published_checks = checks.iter().map(|c| c.message.clone()).collect();
    let body = render::report_html(&report, &checks);
    let input = EditionInput {
        title: report.title(),
        topic: "综合政务/政务公开".into(),
        genre: "report".into(),
        policy_kind: "none".into(),
        column: "annual-report".into(),
        disclosure: "proactive".into(),
        written_on: gongkai_core::tz::format_date(opts.today),
        summary: format!("{}，按国办公开办函〔2021〕30号规定的格式编制。", report.title()),
        keywords: "政府信息公开，年度报告".into(),
        body,
        ..EditionInput::default()
    };
    let fields = EditionFields::parse(&input).map_err(StoreError::Invalid)?;
    let mut tx = db.begin().await?;
    // Saved again (back to draft) or published by someone else meanwhile: not what was approved.
    if lock_row(&mut tx, key).await? != Some(Status::Submitted) {
        return Err(StoreError::Conflict(format!("{}{}年度报告已被修改或已发布，请刷新后重试", a.name, key.year)));
    }
    let now = crate::now();
    let index_no = crate::documents::allocate_index_no(&mut tx, key.agency_id, now, opts.template).await?;
    let doc = ImportDocument {
        index_no: index_no.clone(),
        agency_code: a.code.as_str().to_string(),
        first_published_at: now,
        withdrawn_at: None,
        withdrawn_reason: None,
        view_count: 0,
        editions: vec![ImportEdition {
            edition_no: 1,
            status: EditionStatus::Published,
            published_at: Some(now),
            privacy_override: None,
            fields,
            attachments: Vec::new(),
        }],
    };
    crate::export::import_documents_in(db, &mut tx, who, opts.blobs, &[doc]).await?;
    let document_id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT id FROM documents WHERE index_no = $1")
        .bind(index_no.as_str())
        .fetch_one(&mut **c)
        .await)?;
    let snapshot = serde_json::to_string(&report).map_err(corrupt)?;
    tx_exec!(
        &mut tx,
        sqlx::query(
            "UPDATE annual_reports SET status = 'published', snapshot = $1, explanation = $2, document_id = $3,
                 published_by = $4, published_at = $5, updated_at = $5
             WHERE agency_id = $6 AND level = $7 AND year = $8"
        )
        .bind(&snapshot)
        .bind(&report.explanation)
        .bind(document_id)
        .bind(who.user_id)
        .bind(now)
        .bind(key.agency_id)
        .bind(key.level.code())
        .bind(i64::from(key.year))
    )?;
    audit::record(
        &mut tx,
        who,
        report_entry("annual_report.publish", &a, key)
            .after(&serde_json::json!({ "index_no": index_no.as_str(), "checks": checks.len() })),
    )
    .await?;
    tx.commit().await?;
    Ok(document_id)
}

/// Imports reports of earlier years (as `gongkai report annual --format json` writes them, or
/// read from CSV), kept as published so that carry-over and trends work from the first year:
/// all of them or none, in one transaction. Refused: an unknown agency or a level that does not
/// fit it; a year not over yet on `today` (the import is final and would block the real
/// report); a year already published or imported; narrative text with markup or control
/// characters.
pub async fn import(db: &Db, who: &Who, today: Date, reports: &[AnnualReport]) -> Result<Vec<ReportKey>, StoreError> {
    let mut prepared = Vec::new();
    for report in reports {
        let a = agencies::by_code(db, &report.agency_code)
            .await?
            .ok_or_else(|| StoreError::invalid("agency", format!("机构代码“{}”不存在", report.agency_code)))?;
        let key = ReportKey { agency_id: a.id, level: report.level, year: report.year };
        check_key(db, key).await?;
        if report.year >= today.year() {
            return Err(StoreError::invalid("year", format!("{}年尚未结束，不能导入该年度的报告", report.year)));
        }
        if prepared.iter().any(|(k, _, _): &(ReportKey, _, _)| *k == key) {
            return Err(StoreError::invalid("report", format!("{}{}年度报告出现了两次", a.name, report.year)));
        }
        let n = &report.narrative;
        let narrative = Narrative::parse(&n.overview, &n.problems, &n.other).map_err(StoreError::Invalid)?;
        if let Some(e) = &report.explanation {
            Narrative::parse(e, "", "").map_err(|_| StoreError::invalid("explanation", "说明只能填写纯文字"))?;
        }
        let mut report = report.clone();
        report.narrative = narrative;
        if report.source == Source::Computed {
            report.source = Source::Imported;
        }
        prepared.push((key, a, report));
    }
    let mut tx = db.begin().await?;
    let now = crate::now();
    for (key, a, report) in &prepared {
        if lock_row(&mut tx, *key).await?.is_some_and(Status::is_final) {
            return Err(StoreError::Conflict(format!("{}{}年度报告已存在，未重复导入", a.name, key.year)));
        }
        let n = &report.narrative;
        tx_exec!(
            &mut tx,
            sqlx::query(
                "INSERT INTO annual_reports (agency_id, level, year, status, overview, problems, other, manual, snapshot,
                     explanation, updated_by, created_at, updated_at, published_at)
                 VALUES ($1, $2, $3, 'imported', $4, $5, $6, $7, $8, $9, $10, $11, $11, $11)
                 ON CONFLICT (agency_id, level, year) DO UPDATE SET status = 'imported', overview = $4, problems = $5,
                     other = $6, manual = $7, snapshot = $8, explanation = $9, updated_by = $10, updated_at = $11,
                     published_at = $11"
            )
            .bind(key.agency_id)
            .bind(key.level.code())
            .bind(i64::from(key.year))
            .bind(&n.overview)
            .bind(&n.problems)
            .bind(&n.other)
            .bind(serde_json::to_string(&report.table2.manual).map_err(corrupt)?)
            .bind(serde_json::to_string(report).map_err(corrupt)?)
            .bind(&report.explanation)
            .bind(who.user_id)
            .bind(now)
        )?;
        audit::record(&mut tx, who, report_entry("annual_report.import", a, *key)).await?;
    }
    tx.commit().await?;
    Ok(prepared.into_iter().map(|(k, _, _)| k).collect())
}

/// One agency's report for a year, for the disclosure office's overview.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub agency: Agency,
    pub level: Level,
    pub status: Option<Status>,
    pub deadline: Date,
    pub published_at: Option<OffsetDateTime>,
    pub document_id: Option<i64>,
}

/// agency, level, status, published at, document.
type OverviewRow = (i64, String, String, Option<OffsetDateTime>, Option<i64>);

/// Every agency's report for `year` at the level its kind calls for, in agency order: which
/// are published, which are not, and by when they must be (条例 Art. 49).
pub async fn overview(db: &Db, year: i32) -> Result<Vec<Overview>, StoreError> {
    let rows: Vec<OverviewRow> = on_db!(db, |p| sqlx::query_as(
        "SELECT agency_id, level, status, published_at, document_id FROM annual_reports WHERE year = $1"
    )
    .bind(i64::from(year))
    .fetch_all(p)
    .await)?;
    let mut out = Vec::new();
    for a in agencies::list(db).await? {
        let level = Level::for_kind(a.kind);
        let row = rows.iter().find(|r| r.0 == a.id && r.1 == level.code());
        out.push(Overview {
            level,
            status: row.and_then(|r| Status::from_code(&r.2)),
            deadline: level.deadline(year),
            published_at: row.and_then(|r| r.3),
            document_id: row.and_then(|r| r.4),
            agency: a,
        });
    }
    Ok(out)
}

/// A reminder to an agency that its report is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub agency_id: i64,
    pub level: Level,
    pub year: i32,
    pub days_before: i64,
    pub message: String,
}

/// The days before the deadline on which agencies are reminded; -1 is "overdue".
const REMIND_DAYS: [i64; 5] = [30, 14, 7, 1, -1];

/// Reminds every agency whose report for last year is not published yet, 30, 14, 7 and 1 days
/// before its deadline (31 January, 31 March: 条例 Art. 49) and once when it is overdue: each
/// step once, recorded together with the mail to the agency's editors and head in one
/// transaction, so a step is never recorded without its mail. Returns the new reminders.
pub async fn remind(db: &Db, today: Date) -> Result<Vec<Reminder>, StoreError> {
    let year = today.year() - 1;
    // Read once: the accounts that get the mails of every reminder below.
    let staff = crate::users::list(db).await?;
    let mut out = Vec::new();
    for o in overview(db, year).await? {
        if o.status.is_some_and(Status::is_final) {
            continue;
        }
        let left = (o.deadline - today).whole_days();
        // The step due now: the smallest threshold not below the days left (or overdue).
        let Some(step) = REMIND_DAYS
            .iter()
            .copied()
            .filter(|d| *d >= 0 && left <= *d && left >= 0)
            .min()
            .or((left < 0).then_some(-1))
        else {
            continue;
        };
        let deadline = gongkai_core::tz::format_date_zh(o.deadline);
        let message = if step < 0 {
            format!(
                "{}{year}年政府信息公开工作年度报告已超过{deadline}的发布期限（条例第四十九条），请尽快审定发布。",
                o.agency.name
            )
        } else {
            format!(
                "{}{year}年政府信息公开工作年度报告应于{deadline}前发布（条例第四十九条），距期限还有 {left} 天。",
                o.agency.name
            )
        };
        let mut tx = db.begin().await?;
        let inserted = tx_exec!(
            &mut tx,
            sqlx::query(
                "INSERT INTO annual_report_reminders (agency_id, level, year, days_before, created_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agency_id, level, year, days_before) DO NOTHING"
            )
            .bind(o.agency.id)
            .bind(o.level.code())
            .bind(i64::from(year))
            .bind(step)
            .bind(crate::now())
        )?;
        if inserted != 1 {
            continue;
        }
        mail_agency_roles(
            &mut tx,
            &staff,
            o.agency.id,
            &[Role::Editor, Role::OfficeHead],
            "政府信息公开工作年度报告发布提醒",
            &message,
        )
        .await?;
        tx.commit().await?;
        out.push(Reminder { agency_id: o.agency.id, level: o.level, year, days_before: step, message });
    }
    Ok(out)
}
