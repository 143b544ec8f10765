//! Changes of 有效性 after publication: a later document repeals (废止) or amends (修改) earlier
//! ones, one or many at once (a 清理结果 notice abolishes a list of 文号); the daily duty expires
//! documents and brings them into force ([`super::duties`]).
//!
//! The published edition's 有效性 is updated in place (so every list and filter sees it at
//! once) and the change is kept in `validity_changes`: since when, why, by which document. The
//! public page shows it as a banner and in its 修订记录. Working drafts of the document get the
//! same 有效性, so publishing a revision later cannot silently bring a repealed document back.

use std::collections::{HashSet, VecDeque};

use gongkai_core::doc::workflow::Actor;
use gongkai_core::doc::{PolicyRef, Validity, ValidityStatus};
use gongkai_core::org::Role;
use time::Date;

use crate::audit::{self, Entry, Who};
use crate::{Db, StoreError, Tx, on_tx, tx_exec};

/// What a later document does to earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Repeal,
    Amend,
}

impl ChangeKind {
    fn status(self) -> ValidityStatus {
        match self {
            ChangeKind::Repeal => ValidityStatus::Repealed,
            ChangeKind::Amend => ValidityStatus::Amended,
        }
    }

    fn link(self) -> &'static str {
        match self {
            ChangeKind::Repeal => "repeals",
            ChangeKind::Amend => "amends",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            ChangeKind::Repeal => "废止",
            ChangeKind::Amend => "修改",
        }
    }
}

/// A repeal or amendment of one or more documents by a published document.
#[derive(Debug, Clone)]
pub struct ValidityAct<'a> {
    pub kind: ChangeKind,
    /// The repealing or amending document; it must be published.
    pub by_document: i64,
    /// The documents repealed or amended, by 文号 or 索引号.
    pub targets: &'a [PolicyRef],
    /// The first day the targets are no longer in force as they were.
    pub since: Date,
    /// Added to the reason shown on the targets' pages.
    pub note: Option<&'a str>,
    /// Today in China: a repeal from a later day is refused (nothing would apply it then).
    pub today: Date,
}

#[derive(sqlx::FromRow)]
struct Target {
    id: i64,
    agency_id: i64,
    title: String,
    doc_no: Option<String>,
    validity: Option<String>,
    effective_on: Option<Date>,
    expires_on: Option<Date>,
    written_on: Option<Date>,
    disclosure: String,
}

const TARGET_SQL: &str =
    "SELECT d.id, d.agency_id, e.title, e.doc_no, e.validity, e.effective_on, e.expires_on, e.written_on, e.disclosure
     FROM documents d JOIN editions e ON e.document_id = d.id AND e.status = 'published'
     WHERE d.withdrawn_at IS NULL AND d.id = $1";

async fn target(tx: &mut Tx, id: i64) -> Result<Option<Target>, StoreError> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, Target>(TARGET_SQL).bind(id).fetch_optional(&mut **c).await)?)
}

/// Locks the documents' rows on PostgreSQL, in id order (so two changes over the same
/// documents wait for each other instead of deadlocking); SQLite's `BEGIN IMMEDIATE` already
/// serialises writers. Two nodes expiring the same document, or "A amends B" and "B amends A"
/// at once, then see each other's result.
async fn lock(tx: &mut Tx, ids: &[i64]) -> Result<(), StoreError> {
    if let Tx::Pg(c) = tx {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            sqlx::query("SELECT id FROM documents WHERE id = $1 FOR UPDATE").bind(id).execute(&mut **c).await?;
        }
    }
    Ok(())
}

impl Target {
    fn named(&self) -> String {
        super::named(&self.title, self.doc_no.as_deref())
    }
}

/// Is `ancestor` the agency itself or above it in the tree (a people's government over its
/// departments and districts)?
pub(crate) async fn governs(tx: &mut Tx, ancestor: i64, agency: i64) -> Result<bool, StoreError> {
    let mut current = Some(agency);
    let mut hops = 0;
    while let Some(a) = current {
        if a == ancestor {
            return Ok(true);
        }
        hops += 1;
        if hops > 32 {
            return Err(StoreError::Corrupt(format!("agency {agency} has a cycle of parents")));
        }
        current = on_tx!(tx, |c| sqlx::query_scalar::<_, Option<i64>>("SELECT parent_id FROM agencies WHERE id = $1")
            .bind(a)
            .fetch_optional(&mut **c)
            .await)?
        .flatten();
    }
    Ok(false)
}

/// Would a link `from → to` close a loop of repeals and amendments (A amends B, B amends A)?
async fn closes_cycle(tx: &mut Tx, from: i64, to: i64) -> Result<bool, StoreError> {
    let mut seen = HashSet::from([to]);
    let mut queue = VecDeque::from([to]);
    while let Some(d) = queue.pop_front() {
        if d == from {
            return Ok(true);
        }
        let next: Vec<i64> = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT to_document FROM document_links WHERE from_document = $1 AND kind IN ('repeals', 'amends')"
        )
        .bind(d)
        .fetch_all(&mut **c)
        .await)?;
        queue.extend(next.into_iter().filter(|n| seen.insert(*n)));
    }
    Ok(false)
}

/// Repeals or amends the targets, all or none: every problem with every target is reported
/// together and nothing changes unless there is none.
///
/// Authority: the acting reviewer belongs to the agency of the repealing document (or is a
/// system administrator; the command line acts with `actor = None`), and that agency is the
/// target's own agency or governs it (a people's government over its departments) — an agency
/// cannot repeal what another agency issued.
pub async fn change_validity(
    db: &Db,
    who: &Who,
    actor: Option<&Actor>,
    act: &ValidityAct<'_>,
) -> Result<Vec<i64>, StoreError> {
    if act.targets.is_empty() {
        return Err(StoreError::invalid("targets", format!("请填写要{}的文件的文号或索引号", act.kind.verb())));
    }
    let mut tx = db.begin().await?;
    // Resolve first, then lock everything involved, then read it under the lock.
    let mut resolved_ids: Vec<(String, Result<i64, String>)> = Vec::new();
    for r in act.targets {
        let found = super::resolve_ref(&mut tx, r).await?;
        let id = match found.as_slice() {
            [] => Err(format!("“{r}”：平台上没有已发布的该文件")),
            [(id, _, _)] => Ok(*id),
            _ => Err(format!("“{r}”：有 {} 个已发布文件使用该文号，请改用索引号", found.len())),
        };
        resolved_ids.push((r.to_string(), id));
    }
    let mut involved: Vec<i64> = resolved_ids.iter().filter_map(|(_, id)| id.as_ref().ok().copied()).collect();
    involved.push(act.by_document);
    lock(&mut tx, &involved).await?;
    let by = target(&mut tx, act.by_document).await?.ok_or(StoreError::NotFound)?;
    if let Some(a) = actor {
        let allowed = match a.role {
            Role::SystemAdmin => true,
            Role::Reviewer => a.agency_id == Some(by.agency_id),
            _ => false,
        };
        if !allowed {
            return Err(StoreError::Forbidden(format!(
                "只有本机关的审核人才能以本机关文件{}其他文件",
                act.kind.verb()
            )));
        }
    }
    let mut problems: Vec<String> = Vec::new();
    if by.disclosure != "proactive" {
        problems.push(format!("{}不是主动公开的文件，不能作为废止或修改的依据在公开页面上链接", by.named()));
    }
    if act.since > act.today {
        problems.push(format!(
            "{}日期 {} 晚于今天：请在该日当天或之后再作变更",
            act.kind.verb(),
            gongkai_core::tz::format_date(act.since)
        ));
    }
    let mut resolved: Vec<Target> = Vec::new();
    for (_, id) in resolved_ids {
        let id = match id {
            Ok(id) => id,
            Err(m) => {
                problems.push(m);
                continue;
            }
        };
        let Some(t) = target(&mut tx, id).await? else { continue };
        let name = t.named();
        if t.id == by.id {
            problems.push(format!("{name}：文件不能{}自身", act.kind.verb()));
            continue;
        }
        if resolved.iter().any(|x| x.id == t.id) {
            continue;
        }
        if !governs(&mut tx, by.agency_id, t.agency_id).await? {
            problems.push(format!("{name}：由其他机关制发，本机关无权{}", act.kind.verb()));
        }
        match t.validity.as_deref().and_then(ValidityStatus::from_code) {
            Some(ValidityStatus::Repealed) => problems.push(format!("{name}：已经废止")),
            Some(ValidityStatus::Expired) => problems.push(format!("{name}：已经失效")),
            _ => {}
        }
        if let Some(eff) = t.effective_on
            && act.since < eff
        {
            problems.push(format!(
                "{name}：{}日期 {} 早于其施行日期 {}",
                act.kind.verb(),
                gongkai_core::tz::format_date(act.since),
                gongkai_core::tz::format_date(eff)
            ));
        }
        if let (Some(later), Some(earlier)) = (by.written_on, t.written_on)
            && later < earlier
        {
            problems.push(format!("{name}：成文日期晚于{}，不能被它{}", by.named(), act.kind.verb()));
        }
        if closes_cycle(&mut tx, by.id, t.id).await? {
            problems.push(format!(
                "{name}：已经（直接或间接）{}了本文件，不能循环{}",
                act.kind.verb(),
                act.kind.verb()
            ));
        }
        resolved.push(t);
    }
    if !problems.is_empty() {
        return Err(StoreError::invalid("targets", problems.join("；")));
    }
    let reason = format!(
        "被{}{}{}",
        by.named(),
        act.kind.verb(),
        act.note.map(str::trim).filter(|n| !n.is_empty()).map(|n| format!("（{n}）")).unwrap_or_default()
    );
    for t in &resolved {
        apply(&mut tx, who, t, act.kind.status(), act.since, &reason, Some(by.id)).await?;
        tx_exec!(
            &mut tx,
            sqlx::query(
                "INSERT INTO document_links (from_document, to_document, kind, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (from_document, kind, to_document) DO NOTHING"
            )
            .bind(by.id)
            .bind(t.id)
            .bind(act.kind.link())
            .bind(crate::now())
        )?;
    }
    crate::documents::staff_outbox(&mut tx, "links", by.id).await?;
    tx.commit().await?;
    Ok(resolved.iter().map(|t| t.id).collect())
}

/// Sets a document's 有效性 to `status` from `since`, keeps the change, tells the caches and
/// the audit log. Used by repeals, amendments and the daily duty.
async fn apply(
    tx: &mut Tx,
    who: &Who,
    t: &Target,
    status: ValidityStatus,
    since: Date,
    reason: &str,
    by: Option<i64>,
) -> Result<(), StoreError> {
    let previous = t.validity.as_deref().and_then(ValidityStatus::from_code);
    // An expiry needs its end date; the day before `since` is the last day in force.
    let expires_on =
        if status == ValidityStatus::Expired { t.expires_on.or(since.previous_day()) } else { t.expires_on };
    Validity::new(status, t.effective_on, expires_on).map_err(|e| StoreError::invalid("validity", e.to_string()))?;
    tx_exec!(
        tx,
        sqlx::query(
            "UPDATE editions SET validity = $1, expires_on = $2 WHERE document_id = $3 AND status = 'published'"
        )
        .bind(status.code())
        .bind(expires_on)
        .bind(t.id)
    )?;
    // A revision in the works keeps its own dates (a renewal may be extending them); it gets
    // the new status, and an end date only if it has none and the status needs one.
    tx_exec!(
        tx,
        sqlx::query(
            "UPDATE editions SET validity = $1,
                    expires_on = CASE WHEN $1 = 'expired' AND expires_on IS NULL THEN $2 ELSE expires_on END
             WHERE document_id = $3 AND status IN ('draft', 'in-review')"
        )
        .bind(status.code())
        .bind(expires_on)
        .bind(t.id)
    )?;
    tx_exec!(
        tx,
        sqlx::query(
            "INSERT INTO validity_changes (document_id, status, previous, since, reason, by_document, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(t.id)
        .bind(status.code())
        .bind(previous.map_or("", ValidityStatus::code))
        .bind(since)
        .bind(reason)
        .bind(by)
        .bind(who.user_id)
        .bind(crate::now())
    )?;
    crate::documents::staff_outbox(tx, "validity", t.id).await?;
    audit::record(
        tx,
        who,
        Entry::new("document.validity", "document", t.id)
            .agency(Some(t.agency_id))
            .before(&previous.map(ValidityStatus::code))
            .after(&serde_json::json!({ "status": status.code(), "since": gongkai_core::tz::format_date(since) }))
            .note(reason),
    )
    .await?;
    Ok(())
}

/// Applies what the calendar did to one document (expiry, coming into force), in its own
/// transaction; `None` if the document changed meanwhile and there was nothing to do.
pub(crate) async fn apply_due(db: &Db, who: &Who, id: i64, today: Date) -> Result<Option<ValidityStatus>, StoreError> {
    let mut tx = db.begin().await?;
    lock(&mut tx, &[id]).await?;
    let Some(t) = target(&mut tx, id).await? else { return Ok(None) };
    let Some(status) = t.validity.as_deref().and_then(ValidityStatus::from_code) else { return Ok(None) };
    let validity =
        Validity::new(status, t.effective_on, t.expires_on).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let Some(change) = validity.due_change(today) else { return Ok(None) };
    let reason = match change.status {
        ValidityStatus::Expired => {
            format!("有效期至{}届满，自动失效", t.expires_on.map(gongkai_core::tz::format_date_zh).unwrap_or_default())
        }
        _ => format!("自{}起施行", gongkai_core::tz::format_date_zh(change.since)),
    };
    apply(&mut tx, who, &t, change.status, change.since, &reason, None).await?;
    tx.commit().await?;
    Ok(Some(change.status))
}
