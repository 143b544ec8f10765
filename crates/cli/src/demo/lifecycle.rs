//! The policy lifecycle in the demo: the general office's policies of this year with an
//! interpretation on time, one late, one missing and one still due; a 清理 notice that repeals
//! two earlier documents, a decision that amends one, a document whose 有效期 ran out (expired
//! by the daily duty), one expiring within six months and one not yet in force. Dates count
//! back from the demo's "today", so the dashboards always have something to show.

use anyhow::{Context, anyhow};
use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::workflow::EditionStatus;
use gongkai_core::doc::{EditionFields, EditionInput, IndexNo, PolicyRef};
use gongkai_store::Db;
use gongkai_store::audit::Who;
use gongkai_store::blobs::BlobStore;
use gongkai_store::export::{ImportDocument, ImportEdition, import_documents};
use gongkai_store::lifecycle::{self, ChangeKind, DailyReport, ValidityAct};
use time::{Date, Duration, OffsetDateTime};

use crate::commands::{field_errors, store_error};

/// The general office (温州市人民政府办公室), whose 代字 is 温政办.
const OFFICE: &str = "001002003";
/// How many documents the showcase adds.
pub const SHOWCASE_DOCUMENTS: usize = 15;

/// Serials far above the generated corpus's, so the showcase never takes a corpus number.
const FIRST_SERIAL: u32 = 9001;

/// One showcase document.
struct Item {
    key: &'static str,
    title: String,
    doc_no: Option<String>,
    genre: &'static str,
    policy_kind: &'static str,
    /// (status, 施行日期, 有效期至)
    validity: Option<(&'static str, Date, Option<Date>)>,
    interprets: Option<String>,
    published: Date,
    body: String,
}

fn day(today: Date, back: i64) -> Date {
    today - Duration::days(back)
}

fn iso(d: Date) -> String {
    gongkai_core::tz::format_date(d)
}

fn items(today: Date) -> Vec<Item> {
    let y = today.year();
    let no = |n: u32| format!("温政办〔{y}〕{n}号");
    let policy = |key, title: &str, n: u32, back: i64| Item {
        key,
        title: title.into(),
        doc_no: Some(no(n)),
        genre: "notice",
        policy_kind: "normative",
        validity: Some(("valid", day(today, back), None)),
        interprets: None,
        published: day(today, back),
        body: format!(
            "各县（市、区）人民政府，市政府直属各单位：\n《{title}》已经市政府同意，现印发给你们，请认真贯彻执行。"
        ),
    };
    let interp = |key, name: &str, of: &Item, back: i64| Item {
        key,
        title: format!("《{name}》政策解读"),
        doc_no: None,
        genre: "interpretation",
        policy_kind: "none",
        validity: None,
        interprets: of.doc_no.clone(),
        published: day(today, back),
        body: format!(
            "近日，市政府办公室印发了《{}》（{}）。为便于社会公众理解和执行，现解读如下。\n一、出台背景\n二、主要内容\n三、施行时间",
            of.title,
            of.doc_no.as_deref().unwrap_or_default()
        ),
    };
    let on_time = policy("on-time", "温州市人民政府办公室关于印发温州市政务公开标准化规范化工作规范的通知", 901, 40);
    let late = policy("late", "温州市人民政府办公室关于印发温州市政府信息公开申请办理工作规程的通知", 902, 30);
    let missing = policy("missing", "温州市人民政府办公室关于印发温州市政策解读工作办法的通知", 903, 15);
    let due = policy("due", "温州市人民政府办公室关于印发温州市政务新媒体管理办法的通知", 904, 1);
    let old = |key, title: &str, n: u32, written: i32| Item {
        key,
        title: title.into(),
        doc_no: Some(format!("温政办〔{written}〕{n}号")),
        genre: "notice",
        policy_kind: "normative",
        validity: Some((
            "valid",
            Date::from_calendar_date(written, time::Month::March, 1).unwrap_or(today),
            Some(Date::from_calendar_date(written + 5, time::Month::February, 28).unwrap_or(today)),
        )),
        interprets: None,
        published: Date::from_calendar_date(written, time::Month::February, 20).unwrap_or(today),
        body: format!(
            "各县（市、区）人民政府，市政府直属各单位：\n《{title}》已经市政府同意，现印发给你们，请认真贯彻执行。"
        ),
    };
    let repealed_a = old("repealed-a", "温州市人民政府办公室关于印发温州市政府网站集约化管理暂行办法的通知", 11, y - 3);
    let repealed_b = old("repealed-b", "温州市人民政府办公室关于印发温州市政务信息报送办法的通知", 12, y - 3);
    let amended = old("amended", "温州市人民政府办公室关于印发温州市政务服务事项管理办法的通知", 13, y - 2);
    let mut expired = old("expired", "温州市人民政府办公室关于印发温州市公共信息资源开放试行办法的通知", 14, y - 5);
    if let Some((_, eff, exp)) = &mut expired.validity {
        *eff = day(today, 2 * 365);
        *exp = Some(day(today, 10));
    }
    expired.published = day(today, 2 * 365 + 5);
    let mut expiring = old("expiring", "温州市人民政府办公室关于印发温州市政务公开考核评估办法的通知", 15, y - 4);
    if let Some((_, _, exp)) = &mut expiring.validity {
        *exp = Some(today + Duration::days(90));
    }
    let mut upcoming = policy("upcoming", "温州市人民政府办公室关于印发温州市政务数据共享实施细则的通知", 905, 3);
    upcoming.validity = Some(("not-yet-effective", today + Duration::days(20), None));
    let clean = Item {
        key: "clean",
        title: "温州市人民政府办公室关于废止部分行政规范性文件的通知".into(),
        doc_no: Some(no(906)),
        genre: "notice",
        policy_kind: "none",
        validity: None,
        interprets: None,
        published: day(today, 60),
        body: format!(
            "各县（市、区）人民政府，市政府直属各单位：\n经清理，市政府办公室决定废止《{}》（{}）和《{}》（{}）。\n本通知自印发之日起施行。",
            repealed_a.title,
            repealed_a.doc_no.as_deref().unwrap_or_default(),
            repealed_b.title,
            repealed_b.doc_no.as_deref().unwrap_or_default()
        ),
    };
    let amend = Item {
        key: "amend",
        title: "温州市人民政府办公室关于修改《温州市政务服务事项管理办法》的决定".into(),
        doc_no: Some(no(907)),
        genre: "decision",
        policy_kind: "normative",
        validity: Some(("valid", day(today, 45), None)),
        interprets: None,
        published: day(today, 45),
        body: format!(
            "各县（市、区）人民政府，市政府直属各单位：\n市政府办公室决定对《温州市政务服务事项管理办法》（{}）作如下修改：……\n本决定自印发之日起施行。",
            amended.doc_no.as_deref().unwrap_or_default()
        ),
    };
    let interpretations = [
        interp("on-time-interpretation", "温州市政务公开标准化规范化工作规范", &on_time, 40),
        interp("late-interpretation", "温州市政府信息公开申请办理工作规程", &late, 20),
        interp("amend-interpretation", "关于修改〈温州市政务服务事项管理办法〉的决定", &amend, 45),
    ];
    let mut all =
        vec![on_time, late, missing, due, repealed_a, repealed_b, amended, expired, expiring, upcoming, clean, amend];
    all.extend(interpretations);
    all
}

fn fields(item: &Item, today: Date) -> anyhow::Result<EditionFields> {
    let (validity, effective_on, expires_on) = match item.validity {
        Some((status, eff, exp)) => (status.to_string(), iso(eff), exp.map(iso).unwrap_or_default()),
        None => Default::default(),
    };
    let input = EditionInput {
        title: item.title.clone(),
        doc_no: item.doc_no.clone().unwrap_or_default(),
        topic: "综合政务/政务公开".into(),
        genre: item.genre.into(),
        policy_kind: item.policy_kind.into(),
        column: "statutory".into(),
        statutory_item: "1".into(),
        disclosure: "proactive".into(),
        validity,
        effective_on,
        expires_on,
        written_on: iso(item.published.min(today)),
        body: item.body.clone(),
        interprets: item.interprets.clone().unwrap_or_default(),
        interpretation_form: if item.genre == "interpretation" { "qa".into() } else { String::new() },
        ..EditionInput::default()
    };
    EditionFields::parse(&input).map_err(|e| anyhow!("demo lifecycle document “{}”:{}", item.title, field_errors(&e)))
}

/// Seeds the showcase, then runs the daily duty as of `today`. Returns how many documents it
/// added and what the duty did.
pub async fn seed(
    db: &Db,
    who: &Who,
    blobs: &dyn BlobStore,
    cal: &WorkCalendar,
    today: Date,
) -> anyhow::Result<(usize, DailyReport)> {
    let items = items(today);
    let mut docs = Vec::new();
    let mut index_nos = std::collections::HashMap::new();
    for (n, item) in items.iter().enumerate() {
        let at: OffsetDateTime =
            item.published.with_hms(9, 30, 0).map_err(|e| anyhow!("{e}"))?.assume_offset(gongkai_core::tz::CST);
        let index_no = IndexNo::parse(&format!("{OFFICE}/{}-{:05}", item.published.year(), FIRST_SERIAL + n as u32))
            .map_err(|e| anyhow!("{e}"))?;
        index_nos.insert(item.key, index_no.clone());
        docs.push(ImportDocument {
            index_no,
            agency_code: OFFICE.into(),
            first_published_at: at,
            withdrawn_at: None,
            withdrawn_reason: None,
            view_count: 0,
            editions: vec![ImportEdition {
                edition_no: 1,
                status: EditionStatus::Published,
                published_at: Some(at),
                privacy_override: None,
                fields: fields(item, today)?,
                attachments: vec![],
            }],
        });
    }
    // Policies before their interpretations, so the import links them.
    docs.sort_by_key(|d| d.editions[0].fields.interpretation.is_some());
    import_documents(db, who, blobs, &docs).await.map_err(store_error).context("importing the lifecycle showcase")?;

    let find = |key: &str| -> anyhow::Result<PolicyRef> {
        Ok(PolicyRef::IndexNo(index_nos.get(key).cloned().ok_or_else(|| anyhow!("no showcase item {key}"))?))
    };
    for (kind, by, targets, back) in [
        (ChangeKind::Repeal, "clean", vec!["repealed-a", "repealed-b"], 60),
        (ChangeKind::Amend, "amend", vec!["amended"], 45),
    ] {
        let by_id = lifecycle::find_published(db, &find(by)?).await.map_err(store_error)?;
        let targets = targets.iter().map(|t| find(t)).collect::<anyhow::Result<Vec<_>>>()?;
        let act =
            ValidityAct { kind, by_document: by_id, targets: &targets, since: day(today, back), note: None, today };
        lifecycle::change_validity(db, who, None, &act).await.map_err(store_error).context("demo repeal")?;
    }
    let report = lifecycle::daily(db, cal, today, gongkai_core::doc::interpretation::DEFAULT_WITHIN_WORKING_DAYS)
        .await
        .map_err(store_error)?;
    Ok((docs.len(), report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn every_showcase_document_parses_whatever_the_day() {
        for today in [date!(2026 - 11 - 28), date!(2026 - 01 - 01), date!(2025 - 03 - 03)] {
            assert_eq!(items(today).len(), SHOWCASE_DOCUMENTS);
            for item in items(today) {
                fields(&item, today).unwrap();
            }
        }
    }
}
