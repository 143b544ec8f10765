//! 依申请公开 cases: applications, their events, notices, files and filings.
//!
//! The events are the record; the case's stage, reply deadline, outcome and closing date are
//! derived from them by `gongkai_core::foi::case` and kept in columns only so that queues and
//! statistics can be queried. Every event is checked against the state read inside its own
//! transaction (row lock on PostgreSQL, `BEGIN IMMEDIATE` on SQLite) and audited.

mod extras;
mod import;
mod report;

pub use extras::*;
pub use import::{HistoricCase, after_bulk_import, import};
pub use report::{ReportCounts, report_counts, report_counts_in, tables, tables_in};

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::foi::case::{Case, CaseError, Event, Stage};
use gongkai_core::foi::intake::{Applicant, Application, Contact, Delivery, ProvisionForm};
use gongkai_core::foi::tracking::TrackingCode;
use gongkai_core::foi::{Channel, ReplyType};
use gongkai_core::org::Role;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::types::Json;
use time::{Date, OffsetDateTime};

use crate::audit::{self, Entry, Who};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// Who is looking at or acting on cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseActor {
    pub user_id: i64,
    pub role: Role,
    pub agency_id: Option<i64>,
}

impl CaseActor {
    /// Officers and heads see their agency's cases; the disclosure office and administrators
    /// see all (read only); editors and reviewers see none (applicants' personal data is not
    /// theirs to read).
    fn sees(&self, agency_id: i64) -> bool {
        match self.role {
            Role::RequestOfficer | Role::OfficeHead => self.agency_id == Some(agency_id),
            Role::DisclosureOffice | Role::SystemAdmin => true,
            Role::Editor | Role::Reviewer => false,
        }
    }

    fn acts_on(&self, agency_id: i64) -> bool {
        self.role.handles_requests() && self.agency_id == Some(agency_id)
    }

    /// The agency filter for lists: `Some(id)` for agency staff, `None` (all) for city-wide
    /// roles, and an impossible id for roles that see no cases.
    fn scope(&self) -> Option<i64> {
        match self.role {
            Role::RequestOfficer | Role::OfficeHead => Some(self.agency_id.unwrap_or(-1)),
            Role::DisclosureOffice | Role::SystemAdmin => None,
            Role::Editor | Role::Reviewer => Some(-1),
        }
    }
}

/// Personal data of the applicant, stored together (and never exported or shown publicly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Person {
    applicant: Applicant,
    contact: Contact,
}

/// An extension the officer asked for and the head has not decided yet (条例 Art. 33 ¶2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingExtension {
    pub days: u32,
    pub reason: String,
    pub requested_by: String,
    pub requested_on: Date,
}

/// One recorded event with who recorded it.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    pub seq: i64,
    pub event: Event,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: OffsetDateTime,
}

/// A case with everything its page shows.
#[derive(Debug, Clone, Serialize)]
pub struct CaseRecord {
    pub id: i64,
    pub agency_id: i64,
    pub case_no: String,
    pub channel: Channel,
    pub applicant: Applicant,
    pub contact: Contact,
    pub description: String,
    pub doc_no: Option<String>,
    pub form: ProvisionForm,
    pub delivery: Delivery,
    pub accessibility: Option<String>,
    pub submitted_at: OffsetDateTime,
    pub case: Case,
    pub events: Vec<EventRecord>,
    pub suggest_proactive: bool,
    pub pending_extension: Option<PendingExtension>,
}

impl CaseRecord {
    pub fn stage(&self) -> Stage {
        self.case.stage()
    }
}

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    agency_id: i64,
    case_no: String,
    channel: String,
    applicant_json: Json<Person>,
    description: String,
    doc_no: Option<String>,
    form: String,
    delivery: String,
    accessibility: Option<String>,
    submitted_at: OffsetDateTime,
    suggest_proactive: bool,
    pending_extension_json: Option<Json<PendingExtension>>,
}

const CASE_COLUMNS: &str = "id, agency_id, case_no, channel, applicant_json, description, doc_no, form, delivery, accessibility, \
                            submitted_at, suggest_proactive, pending_extension_json";

#[derive(sqlx::FromRow)]
struct EventRow {
    seq: i64,
    event_json: Json<Event>,
    note: Option<String>,
    recorded_by: Option<String>,
    recorded_at: OffsetDateTime,
}

fn corrupt(what: &str, raw: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} `{raw}`"))
}

fn form_code(f: ProvisionForm) -> &'static str {
    ProvisionForm::ALL.iter().find(|x| x.0 == f).map_or("", |x| x.1)
}

fn delivery_code(d: Delivery) -> &'static str {
    Delivery::ALL.iter().find(|x| x.0 == d).map_or("", |x| x.1)
}

pub fn tracking_hash(code: &TrackingCode) -> String {
    hex::encode(Sha256::digest(code.as_str().as_bytes()))
}

impl From<CaseError> for StoreError {
    fn from(e: CaseError) -> StoreError {
        StoreError::Case(e)
    }
}

/// A new application, parsed, with the agency it is addressed to.
pub struct NewCase<'a> {
    pub application: &'a Application,
    pub agency_id: i64,
    /// When the application arrived; its CST year is the year in the registration number.
    pub submitted_at: OffsetDateTime,
    /// The receipt date, when the channel fixes it at registration (in person, signed post);
    /// `None` for channels that need a confirmation first (online, ordinary letter, fax).
    pub received_on: Option<Date>,
}

/// What the applicant gets back: the registration number and the 查询码 (shown once).
#[derive(Debug)]
pub struct Created {
    pub id: i64,
    pub case_no: String,
    pub tracking_code: TrackingCode,
}

/// Registers an application. The 查询码 is drawn from the OS generator and only its hash is
/// kept.
pub async fn create(db: &Db, who: &Who, cal: &WorkCalendar, new: &NewCase<'_>) -> Result<Created, StoreError> {
    let app = new.application;
    let now = new.submitted_at;
    let year = i64::from(gongkai_core::tz::local_date(now).year());
    let code = TrackingCode::from_random(rand::random());
    let person = Person { applicant: app.applicant.clone(), contact: app.contact.clone() };
    let mut case = Case::new();
    if let Some(on) = new.received_on {
        case.apply(Event::Received { on }, cal)?;
    }
    let (stage, due_on) = derived(&case, cal);
    let mut tx = db.begin().await?;
    let agency_code: String = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT code FROM agencies WHERE id = $1")
        .bind(new.agency_id)
        .fetch_optional(&mut **c)
        .await)?
    .ok_or_else(|| StoreError::invalid("agency", "受理机关不存在"))?;
    let serial: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO case_serials (agency_id, year, last_serial) VALUES ($1, $2, 1)
         ON CONFLICT (agency_id, year) DO UPDATE SET last_serial = case_serials.last_serial + 1 RETURNING last_serial"
    )
    .bind(new.agency_id)
    .bind(year)
    .fetch_one(&mut **c)
    .await)?;
    let case_no = format!("{agency_code}-{year}-{serial:05}");
    let id: i64 = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO cases (agency_id, case_no, tracking_hash, channel, applicant_kind, applicant_name, applicant_json, description,
                            doc_no, form, delivery, accessibility, submitted_at, received_on, stage, due_on, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $13, $13) RETURNING id"
    )
    .bind(new.agency_id)
    .bind(&case_no)
    .bind(tracking_hash(&code))
    .bind(app.channel.code())
    .bind(app.applicant.kind().code())
    .bind(app.applicant.name())
    .bind(Json(&person))
    .bind(&app.description)
    .bind(app.doc_no.as_ref().map(|d| d.to_string()))
    .bind(form_code(app.form))
    .bind(delivery_code(app.delivery))
    .bind(&app.accessibility)
    .bind(now)
    .bind(new.received_on)
    .bind(stage.code())
    .bind(due_on)
    .bind(who.user_id)
    .fetch_one(&mut **c)
    .await
    })?;
    index_for_search(&mut tx, &[id]).await?;
    for (seq, e) in case.events().iter().enumerate() {
        insert_event(&mut tx, id, seq as i64 + 1, e, None, who).await?;
    }
    audit::record(
        &mut tx,
        who,
        Entry::new("case.create", "case", id)
            .agency(Some(new.agency_id))
            .note(format!("{case_no}（{}）", app.channel.label())),
    )
    .await?;
    tx.commit().await?;
    Ok(Created { id, case_no, tracking_code: code })
}

/// The stage and, when the clock runs, the due date. A deadline that cannot be computed (its
/// year's calendar is not loaded yet) is stored as unknown and recomputed daily by the worker.
fn derived(case: &Case, cal: &WorkCalendar) -> (Stage, Option<Date>) {
    let stage = case.stage();
    let due = case.deadline(cal).ok().and_then(|d| d.due);
    (stage, due)
}

async fn insert_event(
    tx: &mut Tx,
    case_id: i64,
    seq: i64,
    e: &Event,
    note: Option<&str>,
    who: &Who,
) -> Result<(), StoreError> {
    crate::tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO case_events (case_id, seq, event_json, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(case_id)
        .bind(seq)
        .bind(Json(e))
        .bind(note)
        .bind(who.user_id)
        .bind(crate::now())
    )?;
    Ok(())
}

async fn load_row(db: &Db, id: i64) -> Result<Option<CaseRow>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_as::<_, CaseRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(p)
    .await)?)
}

async fn load_events(db: &Db, id: i64) -> Result<Vec<EventRow>, StoreError> {
    Ok(on_db!(db, |p| sqlx::query_as::<_, EventRow>(
        "SELECT e.seq, e.event_json, e.note, u.display_name AS recorded_by, e.recorded_at
         FROM case_events e LEFT JOIN users u ON u.id = e.recorded_by WHERE e.case_id = $1 ORDER BY e.seq"
    )
    .bind(id)
    .fetch_all(p)
    .await)?)
}

fn assemble(row: CaseRow, events: Vec<EventRow>, cal: &WorkCalendar) -> Result<CaseRecord, StoreError> {
    let channel = Channel::from_code(&row.channel).ok_or_else(|| corrupt("channel", &row.channel))?;
    let form =
        ProvisionForm::ALL.iter().find(|x| x.1 == row.form).map(|x| x.0).ok_or_else(|| corrupt("form", &row.form))?;
    let delivery = Delivery::ALL
        .iter()
        .find(|x| x.1 == row.delivery)
        .map(|x| x.0)
        .ok_or_else(|| corrupt("delivery", &row.delivery))?;
    let case = Case::from_events(events.iter().map(|e| e.event_json.0.clone()).collect(), cal)?;
    let Person { applicant, contact } = row.applicant_json.0;
    Ok(CaseRecord {
        id: row.id,
        agency_id: row.agency_id,
        case_no: row.case_no,
        channel,
        applicant,
        contact,
        description: row.description,
        doc_no: row.doc_no,
        form,
        delivery,
        accessibility: row.accessibility,
        submitted_at: row.submitted_at,
        case,
        events: events
            .into_iter()
            .map(|e| EventRecord {
                seq: e.seq,
                event: e.event_json.0,
                note: e.note,
                recorded_by: e.recorded_by,
                recorded_at: e.recorded_at,
            })
            .collect(),
        suggest_proactive: row.suggest_proactive,
        pending_extension: row.pending_extension_json.map(|j| j.0),
    })
}

/// A case as staff see it; another agency's case is not found.
pub async fn get(db: &Db, actor: &CaseActor, cal: &WorkCalendar, id: i64) -> Result<CaseRecord, StoreError> {
    let row = load_row(db, id).await?.filter(|r| actor.sees(r.agency_id)).ok_or(StoreError::NotFound)?;
    let events = load_events(db, id).await?;
    assemble(row, events, cal)
}

/// A case found by its 查询码, for the applicant.
pub async fn by_tracking_code(
    db: &Db,
    cal: &WorkCalendar,
    code: &TrackingCode,
) -> Result<Option<CaseRecord>, StoreError> {
    let id: Option<i64> = on_db!(db, |p| sqlx::query_scalar("SELECT id FROM cases WHERE tracking_hash = $1")
        .bind(tracking_hash(code))
        .fetch_optional(p)
        .await)?;
    match id {
        Some(id) => {
            let row = load_row(db, id).await?.ok_or(StoreError::NotFound)?;
            Ok(Some(assemble(row, load_events(db, id).await?, cal)?))
        }
        None => Ok(None),
    }
}

pub async fn by_id_for_applicant(db: &Db, cal: &WorkCalendar, id: i64) -> Result<CaseRecord, StoreError> {
    let row = load_row(db, id).await?.ok_or(StoreError::NotFound)?;
    assemble(row, load_events(db, id).await?, cal)
}

/// Begins a transaction on a case: locks it (PostgreSQL) and reads its events inside the
/// transaction, so concurrent officers cannot both apply conflicting events.
async fn begin(db: &Db, cal: &WorkCalendar, id: i64) -> Result<(Tx, i64, Case), StoreError> {
    let mut tx = db.begin().await?;
    if let Tx::Pg(c) = &mut tx {
        sqlx::query("SELECT id FROM cases WHERE id = $1 FOR UPDATE").bind(id).execute(&mut **c).await?;
    }
    let agency_id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT agency_id FROM cases WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **c)
        .await)?
    .ok_or(StoreError::NotFound)?;
    let events: Vec<Json<Event>> =
        on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT event_json FROM case_events WHERE case_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&mut **c)
            .await)?;
    let case = Case::from_events(events.into_iter().map(|e| e.0).collect(), cal)?;
    Ok((tx, agency_id, case))
}

/// Adds the text the queue searches for new cases (their number, applicant and description
/// never change afterwards).
async fn index_for_search(tx: &mut Tx, ids: &[i64]) -> Result<(), StoreError> {
    let list = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "INSERT INTO case_search (agency_id, case_id, text)
         SELECT agency_id, id, case_no || ' ' || applicant_name || ' ' || description FROM cases WHERE id IN ({list})"
    );
    crate::tx_exec!(tx, {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
        for id in ids {
            q = q.bind(*id);
        }
        q
    })?;
    Ok(())
}

/// The columns kept from the events for queues and statistics.
struct Derived {
    stage: &'static str,
    due_on: Option<Date>,
    outcome: Option<String>,
    closed_on: Option<Date>,
    received_on: Option<Date>,
}

fn derived_columns(case: &Case, cal: &WorkCalendar) -> Derived {
    let (stage, due_on) = derived(case, cal);
    let closed_on = match &stage {
        Stage::Closed { on, .. } => Some(*on),
        Stage::Archived { .. } => case.events().iter().rev().find_map(|e| match e {
            Event::Replied { on, .. }
            | Event::Withdrawn { on }
            | Event::CorrectionLapsed { on }
            | Event::FeeLapsed { on } => Some(*on),
            _ => None,
        }),
        _ => None,
    };
    Derived {
        stage: stage.code(),
        due_on,
        outcome: stage.outcome().map(|o| o.code()),
        closed_on,
        received_on: case.received_on(),
    }
}

/// Writes the derived columns after an event.
async fn update_derived(tx: &mut Tx, id: i64, case: &Case, cal: &WorkCalendar) -> Result<(), StoreError> {
    let d = derived_columns(case, cal);
    crate::tx_exec!(
        tx,
        sqlx::query(
            "UPDATE cases SET stage = $1, due_on = $2, outcome = $3, closed_on = $4, received_on = $5, updated_at = $6 WHERE id = $7"
        )
        .bind(d.stage)
        .bind(d.due_on)
        .bind(d.outcome)
        .bind(d.closed_on)
        .bind(d.received_on)
        .bind(crate::now())
        .bind(id)
    )?;
    Ok(())
}

/// Records an event if the rules allow it (`gongkai_core::foi::case::Case::apply`); a refusal
/// explains itself and changes nothing. Returns the case as it is afterwards.
pub async fn record(
    db: &Db,
    who: &Who,
    actor: &CaseActor,
    cal: &WorkCalendar,
    id: i64,
    event: Event,
    note: Option<&str>,
) -> Result<Case, StoreError> {
    let (mut tx, agency_id, mut case) = begin(db, cal, id).await?;
    if !actor.sees(agency_id) {
        return Err(StoreError::NotFound);
    }
    if !actor.acts_on(agency_id) {
        return Err(StoreError::Forbidden("只有本机关的依申请公开经办人或公开工作机构负责人可以办理".into()));
    }
    if matches!(event, Event::Extended { .. }) && actor.role != Role::OfficeHead {
        return Err(StoreError::Forbidden(
            "延长答复期限须经政府信息公开工作机构负责人同意（《条例》第三十三条第二款）".into(),
        ));
    }
    case.apply(event.clone(), cal)?;
    insert_event(&mut tx, id, case.events().len() as i64, &event, note, who).await?;
    update_derived(&mut tx, id, &case, cal).await?;
    if matches!(event, Event::Extended { .. }) {
        crate::tx_exec!(&mut tx, sqlx::query("UPDATE cases SET pending_extension_json = NULL WHERE id = $1").bind(id))?;
    }
    let mut entry = Entry::new("case.event", "case", id).agency(Some(agency_id)).after(&event);
    if let Some(n) = note {
        entry = entry.note(n);
    }
    audit::record(&mut tx, who, entry).await?;
    tx.commit().await?;
    Ok(case)
}

/// The applicant's own actions from the tracking page: answering a 补正, withdrawing.
pub async fn record_by_applicant(
    db: &Db,
    cal: &WorkCalendar,
    id: i64,
    event: Event,
    note: Option<&str>,
) -> Result<Case, StoreError> {
    if !matches!(event, Event::Corrected { .. } | Event::Withdrawn { .. }) {
        return Err(StoreError::Forbidden("申请人只能补正或撤回申请".into()));
    }
    let (mut tx, agency_id, mut case) = begin(db, cal, id).await?;
    case.apply(event.clone(), cal)?;
    let who = Who::system("applicant");
    insert_event(&mut tx, id, case.events().len() as i64, &event, note, &who).await?;
    update_derived(&mut tx, id, &case, cal).await?;
    audit::record(&mut tx, &who, Entry::new("case.applicant", "case", id).agency(Some(agency_id)).after(&event))
        .await?;
    tx.commit().await?;
    Ok(case)
}

/// Recomputes the stored stage and due date of every open case (run by the worker), so a
/// newly loaded holiday notice reaches cases already in progress.
///
/// The scan reads the events of all open cases in one query; only a case whose due date differs
/// is then rewritten, in its own transaction that replays its events again under the lock (an
/// event may have arrived since the scan).
pub async fn refresh_open(db: &Db, cal: &WorkCalendar) -> Result<u64, StoreError> {
    let rows: Vec<(i64, Option<Date>, Json<Event>)> = on_db!(db, |p| sqlx::query_as(
        "SELECT c.id, c.due_on, e.event_json FROM cases c JOIN case_events e ON e.case_id = c.id
         WHERE c.stage NOT IN ('closed', 'archived') ORDER BY c.id, e.seq"
    )
    .fetch_all(p)
    .await)?;
    let mut stale = Vec::new();
    for group in rows.chunk_by(|a, b| a.0 == b.0) {
        let (id, stored, _) = &group[0];
        let events = group.iter().map(|(_, _, e)| e.0.clone()).collect();
        // One case that no longer replays (its history predates a rule) must not stop the
        // refresh, and with it the reminders, for every other case of the city.
        match Case::from_events(events, cal) {
            Ok(case) if derived(&case, cal).1 != *stored => stale.push(*id),
            Ok(_) => {}
            Err(e) => tracing::warn!(case_id = id, error = %e, "case history does not replay; deadline not refreshed"),
        }
    }
    for &id in &stale {
        let (mut tx, _, case) = begin(db, cal, id).await?;
        update_derived(&mut tx, id, &case, cal).await?;
        tx.commit().await?;
    }
    Ok(stale.len() as u64)
}

/// What queues filter on.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// A stage code, `open` for all not closed, or nothing for all.
    pub stage: Option<String>,
    /// `soon` (due within 3 working days) or `overdue`.
    pub due: Option<String>,
    /// Part of the case number, the applicant's name or the description.
    pub text: Option<String>,
    pub agency_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub agency_id: i64,
    pub case_no: String,
    pub applicant_name: String,
    pub applicant_kind: String,
    pub description: String,
    pub channel: String,
    pub stage: String,
    pub received_on: Option<Date>,
    pub due_on: Option<Date>,
    pub outcome: Option<String>,
    pub closed_on: Option<Date>,
}

/// A page of cases the actor may see: running cases the most urgent first (earliest due date,
/// then newest), other lists newest first.
/// `soon_limit` is the last due date that counts as due soon (today + 3 working days).
pub async fn queue(
    db: &Db,
    actor: &CaseActor,
    f: &QueueFilter,
    today: Date,
    soon_limit: Date,
    limit: i64,
    offset: i64,
) -> Result<(Vec<QueueRow>, i64), StoreError> {
    use crate::sql::{Arg, Filter};
    let mut w = Filter::default();
    w.maybe("agency_id = ?", actor.scope().or(f.agency_id), Arg::I64);
    let open = "stage NOT IN ('closed', 'archived')";
    match f.stage.as_deref() {
        Some("open") => {
            w.always(open);
        }
        Some(s) if !s.is_empty() => {
            w.with("stage = ?", Arg::Text(s.into()));
        }
        _ => {}
    }
    match f.due.as_deref() {
        Some("soon") => {
            w.always(open).with("due_on >= ?", Arg::Date(today)).with("due_on <= ?", Arg::Date(soon_limit));
        }
        Some("overdue") => {
            w.always(open).with("due_on < ?", Arg::Date(today));
        }
        _ => {}
    }
    // The search reads `case_search`, one agency's rows at a time when the actor has one.
    let text = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(crate::documents::like_pattern);
    let in_agency = match actor.scope().or(f.agency_id) {
        Some(agency) => format!("agency_id = {agency} AND "),
        None => String::new(),
    };
    w.maybe(
        &format!("id IN (SELECT case_id FROM case_search WHERE {in_agency}text LIKE ? ESCAPE '\\')"),
        text,
        Arg::Text,
    );
    // Cases still running are a worklist, the most urgent first; other lists are browsed newest
    // first, in the order of an index, so a long list is not sorted whole for each page.
    let running = f.due.as_deref().is_some_and(|d| !d.is_empty())
        || f.stage.as_deref().is_some_and(|s| !s.is_empty() && !matches!(s, "closed" | "archived"));
    let order = if running { "due_on IS NULL, due_on, id DESC" } else { "id DESC" };
    let (filter, next) = (w.sql(), w.next_placeholder());
    let page = format!(
        "SELECT id, agency_id, case_no, applicant_name, applicant_kind, description, channel, stage, received_on, due_on, outcome, closed_on
         FROM cases{filter} ORDER BY {order} LIMIT {next} OFFSET {limit_offset}",
        limit_offset = format_args!("${}", w.args.len() + 2)
    );
    let rows =
        on_db!(db, |p| crate::bind_args!(sqlx::query_as::<_, QueueRow>(sqlx::AssertSqlSafe(page.clone())), &w.args)
            .bind(limit)
            .bind(offset)
            .fetch_all(p)
            .await)?;
    // Counted apart: a window count would make every list read all its rows, not one page.
    let count = format!("SELECT COUNT(*) FROM cases{filter}");
    let total: i64 =
        on_db!(db, |p| crate::bind_args!(sqlx::query_scalar(sqlx::AssertSqlSafe(count.clone())), &w.args)
            .fetch_one(p)
            .await)?;
    Ok((rows, total))
}

/// How the closed outcome of a queue row reads.
pub fn outcome_label(code: Option<&str>) -> String {
    code.and_then(ReplyType::from_code).map(|r| r.label().to_string()).unwrap_or_default()
}
