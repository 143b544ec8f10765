//! The generated demo corpus ([`super::corpus`]) as platform data: agencies, documents with
//! their 索引号, and staff accounts. Shared by `gongkai demo`, `gongkai serve --demo` and
//! `gongkai generate-corpus`, so the demo site and the benchmark corpus are the same kind of
//! data and go through the same parsers as any import.

use std::collections::HashMap;

use anyhow::{Context, anyhow, bail};
use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::workflow::EditionStatus;
use gongkai_core::doc::{EditionFields, EditionInput, Genre, IndexNo, IndexTemplate, StatutoryItem};
use gongkai_core::foi::ReplyType;
use gongkai_core::foi::case::Event;
use gongkai_core::import::legacy;
use gongkai_core::import::page_text::read_page;
use gongkai_core::import::records::{DocumentRecord, EditionRecord};
use gongkai_core::org::{AgencyFields, AgencyInput, Role};
use gongkai_store::audit::Who;
use gongkai_store::blobs::BlobStore;
use gongkai_store::cases::CaseActor;
use gongkai_store::export::{ImportDocument, ImportEdition, import_documents};
use gongkai_store::users::{self, NewUser};
use gongkai_store::{Db, agencies, cases};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use super::corpus::{self, DemoAgency, DemoDocument};
use crate::commands::field_errors;

/// The demo is always the same city: the corpus seed and size are fixed.
pub const DEMO_SEED: u64 = 2017;
pub const DEMO_DOCUMENTS: u64 = 240;

/// Every document the demo holds: the generated ones, the seed page, the gazette's historical
/// issue, the policy-lifecycle showcase and last year's annual report of every agency.
pub const DEMO_DOCUMENTS_TOTAL: u64 = DEMO_DOCUMENTS
    + 1
    + super::gazette::HISTORICAL_DOCUMENTS as u64
    + super::lifecycle::SHOWCASE_DOCUMENTS as u64
    + super::corpus::AGENCY_COUNT as u64;
/// Documents written per transaction while seeding.
const BATCH: usize = 500;

/// The real page the project started from (温政办〔2017〕62号), seeded next to the generated ones.
pub const SEED_PAGE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/fixtures/seed-page.txt"));
/// The seed page's 索引号. Generated numbers skip it, so the page can always be imported next
/// to a generated corpus without overwriting a generated document.
pub const SEED_PAGE_INDEX_NO: &str = "001002003/2017-01330";

/// Short URL names in the style of Chinese government sites (pinyin initials of the short
/// name). Agencies added to the corpus later fall back to `a-<code>`.
const SLUGS: &[(&str, &str)] = &[
    ("001002000", "wzs"),
    ("001002003", "sfb"),
    ("001002008", "fgw"),
    ("001002010", "jyj"),
    ("001002011", "gaj"),
    ("001002013", "mzj"),
    ("001002015", "czj"),
    ("001002016", "rsj"),
    ("001002017", "zrzyj"),
    ("001002018", "sthjj"),
    ("001002019", "zjj"),
    ("001002020", "jtysj"),
    ("001002026", "wjw"),
    ("001002029", "yjglj"),
    ("001002031", "scjgj"),
    ("001002034", "tjj"),
    ("001302000", "lcq"),
    ("001303000", "lwq"),
    ("001304000", "ohq"),
    ("001381000", "ras"),
    ("001382000", "yqs"),
];

pub fn slug(a: &DemoAgency) -> String {
    match SLUGS.iter().find(|(code, _)| *code == a.code) {
        Some((_, slug)) => (*slug).to_string(),
        None => crate::commands::agency::default_slug(a.code),
    }
}

/// The corpus agencies, parents before children (the order `agencies::create` needs).
pub fn ordered_agencies() -> Vec<&'static DemoAgency> {
    let all = corpus::agencies();
    let mut out: Vec<&DemoAgency> = Vec::with_capacity(all.len());
    while out.len() < all.len() {
        let before = out.len();
        for a in all {
            let placed = |code: &str| out.iter().any(|o| o.code == code);
            if !placed(a.code) && a.parent_code.is_none_or(placed) {
                out.push(a);
            }
        }
        assert!(out.len() > before, "the demo agencies' parents form a cycle or name a missing agency");
    }
    out
}

pub fn agency_input(a: &DemoAgency) -> AgencyInput {
    // A department's disclosure work is done by its 办公室; the government office itself has
    // a 政务公开处.
    let office_name = if a.name.ends_with("办公室") {
        format!("{}政务公开处", a.name)
    } else {
        format!("{}办公室", a.name)
    };
    AgencyInput {
        code: a.code.into(),
        slug: slug(a),
        name: a.name.into(),
        short_name: a.short_name.into(),
        kind: a.kind.into(),
        parent: a.parent_code.unwrap_or_default().into(),
        office_name,
        address: a.address.into(),
        office_hours: a.office_hours.into(),
        phone: a.phone.into(),
        fax: String::new(),
        email: String::new(),
        postcode: String::new(),
    }
}

fn iso_date((y, m, d): (i32, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The form values an editor would have typed for a generated document.
pub fn edition_input(d: &DemoDocument) -> EditionInput {
    let (validity, effective_on, expires_on) = match &d.validity {
        Some(v) => (
            validity_code(v.status).to_string(),
            iso_date(v.effective_on),
            v.expires_on.map(iso_date).unwrap_or_default(),
        ),
        None => Default::default(),
    };
    EditionInput {
        title: d.title.clone(),
        doc_no: d.doc_no.clone().unwrap_or_default(),
        topic: d.topic.into(),
        // An unknown label is passed on as it is, for `EditionFields::parse` to refuse loudly.
        genre: Genre::from_label(d.genre).map_or(d.genre, Genre::code).into(),
        policy_kind: d.policy_kind.into(),
        column: if d.statutory_item.is_some() { "statutory" } else { "general" }.into(),
        statutory_item: d
            .statutory_item
            .map(|n| StatutoryItem::from_number(n).map_or_else(|| n.to_string(), |i| i.code().to_string()))
            .unwrap_or_default(),
        disclosure: "proactive".into(),
        validity,
        effective_on,
        expires_on,
        written_on: iso_date(d.written_on),
        summary: d.summary.clone(),
        keywords: d.keywords.join("，"),
        body: d.body.join("\n"),
        interprets: d.interprets.clone().unwrap_or_default(),
        ..EditionInput::default()
    }
}

fn validity_code(label: &str) -> &str {
    match label {
        "有效" => "valid",
        "尚未生效" => "not-yet-effective",
        "已修改" => "amended",
        "失效" => "expired",
        "废止" => "repealed",
        // Passed on for the parser to refuse.
        other => other,
    }
}

/// When the document went online, in China time.
pub fn published_at(d: &DemoDocument) -> anyhow::Result<OffsetDateTime> {
    let (y, mo, day, h, mi) = d.published;
    let date = Month::try_from(mo).ok().and_then(|m| Date::from_calendar_date(y, m, day).ok());
    let time = Time::from_hms(h, mi, 0).ok();
    match (date, time) {
        (Some(date), Some(time)) => Ok(gongkai_core::tz::from_local(PrimitiveDateTime::new(date, time))),
        _ => bail!("demo document “{}” has an impossible publication time {:?}", d.title, d.published),
    }
}

/// `2017-06-12T09:47:00+08:00`, as `gongkai export` writes times.
fn rfc3339_cst((y, mo, d, h, mi): (i32, u8, u8, u8, u8)) -> String {
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00+08:00")
}

/// 索引号 for generated documents: the default template, serials counted per agency and year of
/// publication in generation order (so the same seed always gives the same numbers).
#[derive(Default)]
pub struct Numbering {
    template: IndexTemplate,
    next: HashMap<(&'static str, i32), u32>,
}

impl Numbering {
    pub fn next(&mut self, d: &DemoDocument) -> anyhow::Result<IndexNo> {
        let (year, month, ..) = d.published;
        let serial = self.next.entry((d.agency_code, year)).or_insert(0);
        loop {
            *serial += 1;
            let index_no = self
                .template
                .render(d.agency_code, year, month, *serial)
                .map_err(|e| anyhow!("demo agency code {}: {e}", d.agency_code))?;
            if index_no.as_str() != SEED_PAGE_INDEX_NO {
                return Ok(index_no);
            }
        }
    }
}

/// Checks a generated document as any import is checked; a failure is a bug in the corpus.
pub fn edition_fields(d: &DemoDocument) -> anyhow::Result<EditionFields> {
    EditionFields::parse(&edition_input(d))
        .map_err(|e| anyhow!("generated document “{}” does not parse (a corpus bug):{}", d.title, field_errors(&e)))
}

/// A generated document, ready for `import_documents`: one published edition.
pub fn import_document(d: &DemoDocument, index_no: IndexNo) -> anyhow::Result<ImportDocument> {
    let at = published_at(d)?;
    Ok(ImportDocument {
        index_no,
        agency_code: d.agency_code.into(),
        first_published_at: at,
        withdrawn_at: None,
        withdrawn_reason: None,
        view_count: 0,
        editions: vec![ImportEdition {
            edition_no: 1,
            status: EditionStatus::Published,
            published_at: Some(at),
            privacy_override: None,
            fields: edition_fields(d)?,
            attachments: vec![],
        }],
    })
}

/// A generated document as a line of the interchange format.
pub fn document_record(d: &DemoDocument, index_no: &IndexNo) -> DocumentRecord {
    let at = rfc3339_cst(d.published);
    DocumentRecord {
        index_no: index_no.to_string(),
        agency: d.agency_code.into(),
        first_published_at: at.clone(),
        withdrawn_at: None,
        withdrawn_reason: None,
        view_count: 0,
        editions: vec![EditionRecord {
            edition_no: 1,
            status: EditionStatus::Published.code().into(),
            published_at: Some(at),
            privacy_override: None,
            fields: edition_input(d),
            attachments: vec![],
        }],
    }
}

/// A staff account created by the demo, with the password that is shown once.
#[derive(Debug, Clone)]
pub struct StaffAccount {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Short name of the agency, for editors and reviewers.
    pub agency: Option<String>,
    pub password: String,
}

#[derive(Debug, Clone)]
pub struct SeedReport {
    pub agencies: usize,
    pub documents: usize,
    pub cases: usize,
    pub staff: Vec<StaffAccount>,
    /// An open case and its 查询码, to try the applicant's tracking page with.
    pub sample_case: Option<(String, String)>,
}

/// 依申请公开 cases of the demo city, over last year and this one up to the seeding day.
pub const DEMO_CASES: usize = 400;
/// Of those, received in the last few weeks by each agency, so every officer who signs in to
/// the demo finds work in progress in the queue.
const RECENT_CASES_PER_AGENCY: usize = 3;
const RECENT_DAYS: i64 = 15;

/// Seeds the demo city into an empty database: every corpus agency, the seed page and
/// [`DEMO_DOCUMENTS`] generated documents, [`DEMO_CASES`] cases received from 1 January of
/// last year to `today`, and the staff accounts.
pub async fn seed(db: &Db, blobs: &dyn BlobStore, cal: &WorkCalendar, today: Date) -> anyhow::Result<SeedReport> {
    let who = Who::system("demo");
    let mut agency_ids = HashMap::new();
    for a in ordered_agencies() {
        let fields = AgencyFields::parse(&agency_input(a))
            .map_err(|e| anyhow!("demo agency {} does not parse:{}", a.code, field_errors(&e)))?;
        let agency = agencies::create(db, &who, &fields)
            .await
            .map_err(crate::commands::store_error)
            .with_context(|| format!("creating demo agency {} {}", a.code, a.name))?;
        agency_ids.insert(a.code, agency.id);
    }

    let (page, _) = read_page(SEED_PAGE).context("reading the seed page")?;
    let page = legacy::to_document(&page).map_err(|e| anyhow!("the seed page: {e}"))?;
    let publisher = page.publisher.clone().unwrap_or_default();
    let seed_agency = corpus::agencies()
        .iter()
        .find(|a| a.name == publisher || a.short_name == publisher)
        .ok_or_else(|| anyhow!("the seed page's publisher {publisher} is not a demo agency"))?;
    let mut batch = vec![crate::commands::import::legacy_import(page, seed_agency.code.into())];
    let mut documents = 0;
    let mut numbering = Numbering::default();
    for d in corpus::documents(DEMO_SEED, DEMO_DOCUMENTS) {
        let index_no = numbering.next(&d)?;
        batch.push(import_document(&d, index_no)?);
        if batch.len() >= BATCH {
            documents += write(db, &who, blobs, &mut batch).await?;
        }
    }
    documents += write(db, &who, blobs, &mut batch).await?;
    documents += super::gazette::seed(db, &who, blobs, today).await?;
    let (showcase, _) = super::lifecycle::seed(db, &who, blobs, cal, today).await?;
    documents += showcase;

    let (cases, sample_case) = seed_cases(db, &who, cal, today, &agency_ids).await?;
    // Last year's annual reports, from the documents and cases just seeded.
    documents += super::annual::seed(db, &who, blobs, cal, today).await?;
    let staff = create_staff(db, &agency_ids).await?;
    Ok(SeedReport { agencies: agency_ids.len(), documents, cases, staff, sample_case })
}

async fn seed_cases(
    db: &Db,
    who: &Who,
    cal: &WorkCalendar,
    today: Date,
    agency_ids: &HashMap<&'static str, i64>,
) -> anyhow::Result<(usize, Option<(String, String)>)> {
    let from = Date::from_calendar_date(today.year() - 1, Month::January, 1)?;
    let generator = super::cases::CaseGenerator {
        seed: DEMO_SEED,
        cal,
        from,
        until: today,
        agencies: ordered_agencies().iter().map(|a| (agency_ids[a.code], a.code.to_string())).collect(),
    };
    let agencies = &generator.agencies;
    let mut batch = generator.showcase(DEMO_CASES - agencies.len() * RECENT_CASES_PER_AGENCY);
    for (n, agency) in agencies.iter().enumerate() {
        let recent = super::cases::CaseGenerator {
            seed: DEMO_SEED + 1 + n as u64,
            cal,
            from: today - time::Duration::days(RECENT_DAYS),
            until: today,
            agencies: vec![agency.clone()],
        };
        batch.extend((0..RECENT_CASES_PER_AGENCY as u64).map(|i| recent.case(i)));
    }
    let created = cases::import(db, who, cal, &batch)
        .await
        .map_err(crate::commands::store_error)
        .context("writing demo cases")?;
    // Some replies are challenged: 行政复议 and 行政诉讼 for table 四, concluded or pending.
    let challenged = batch.iter().zip(&created).filter_map(|(h, c)| {
        let replied = h.events.iter().find_map(|e| match e {
            Event::Replied { on, outcome } if outcome.withholds() || *outcome == ReplyType::NotExist => Some(*on),
            _ => None,
        })?;
        Some((h.agency_id, c.id, replied))
    });
    const KINDS: [&str; 3] = ["reconsideration", "litigation-direct", "litigation-after-reconsideration"];
    const RESULTS: [&str; 3] = ["upheld", "corrected", "other"];
    for (n, (agency_id, case_id, replied)) in challenged.step_by(3).enumerate() {
        let filed_on = replied + time::Duration::days(30 + (n % 20) as i64);
        if filed_on > today {
            continue;
        }
        let desk = CaseActor { user_id: 0, role: Role::RequestOfficer, agency_id: Some(agency_id) };
        let review = cases::add_review(db, who, &desk, case_id, KINDS[n % 3], filed_on).await?;
        let concluded_on = filed_on + time::Duration::days(60);
        if concluded_on <= today && n % 4 != 0 {
            cases::conclude_review(db, who, &desk, review, concluded_on, RESULTS[n / 3 % 3]).await?;
        }
    }
    let sample = batch
        .iter()
        .zip(&created)
        .rev()
        .find(|(h, _)| {
            h.events.len() > 1 && !matches!(h.events.last(), Some(Event::Replied { .. } | Event::Archived { .. }))
        })
        .map(|(_, c)| (c.case_no.clone(), c.tracking_code.to_string()));
    Ok((created.len(), sample))
}

async fn write(db: &Db, who: &Who, blobs: &dyn BlobStore, batch: &mut Vec<ImportDocument>) -> anyhow::Result<usize> {
    if batch.is_empty() {
        return Ok(0);
    }
    import_documents(db, who, blobs, batch)
        .await
        .map_err(crate::commands::store_error)
        .context("writing demo documents")?;
    let n = batch.len();
    batch.clear();
    Ok(n)
}

/// The accounts a demo visitor needs: one administrator, the city disclosure office, and an
/// editor and a reviewer for every agency.
pub fn staff_accounts() -> Vec<StaffAccount> {
    let account = |username: String, display_name: String, role, agency: Option<&str>| StaffAccount {
        password: crate::commands::user::generate_password(&username),
        username,
        display_name,
        role,
        agency: agency.map(str::to_string),
    };
    let mut staff = vec![
        account("admin".into(), "系统管理员".into(), Role::SystemAdmin, None),
        account("office".into(), "市政务公开办".into(), Role::DisclosureOffice, None),
    ];
    for a in ordered_agencies() {
        let slug = slug(a);
        staff.push(account(
            format!("{slug}-officer"),
            format!("{}依申请公开经办人", a.short_name),
            Role::RequestOfficer,
            Some(a.short_name),
        ));
        staff.push(account(
            format!("{slug}-head"),
            format!("{}公开办负责人", a.short_name),
            Role::OfficeHead,
            Some(a.short_name),
        ));
        staff.push(account(
            format!("{slug}-editor"),
            format!("{}信息员", a.short_name),
            Role::Editor,
            Some(a.short_name),
        ));
        staff.push(account(
            format!("{slug}-reviewer"),
            format!("{}审核人", a.short_name),
            Role::Reviewer,
            Some(a.short_name),
        ));
    }
    staff
}

/// Password hashing (argon2id, 19 MiB) dominates seeding, so accounts are created a few at a
/// time, one per core.
async fn create_staff(db: &Db, agency_ids: &HashMap<&'static str, i64>) -> anyhow::Result<Vec<StaffAccount>> {
    let staff = staff_accounts();
    let by_short_name: HashMap<&str, i64> =
        corpus::agencies().iter().filter_map(|a| Some((a.short_name, *agency_ids.get(a.code)?))).collect();
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
    for chunk in staff.chunks(parallel) {
        let mut tasks = tokio::task::JoinSet::new();
        for s in chunk {
            let new = NewUser {
                username: s.username.clone(),
                display_name: s.display_name.clone(),
                role: s.role,
                agency_id: s.agency.as_deref().and_then(|a| by_short_name.get(a).copied()),
                password: s.password.clone(),
                email: None,
            };
            let db = db.clone();
            tasks.spawn(async move {
                users::create(&db, &Who::system("demo"), &new)
                    .await
                    .map_err(crate::commands::store_error)
                    .with_context(|| format!("creating demo account {}", new.username))
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.context("creating demo accounts")??;
        }
    }
    Ok(staff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_usernames_are_valid_and_unique() {
        let mut slugs = std::collections::HashSet::new();
        for a in corpus::agencies() {
            let s = slug(a);
            assert!(gongkai_core::org::valid_slug(&s), "{s}");
            assert!(slugs.insert(s.clone()), "duplicate slug {s}");
            assert!(AgencyFields::parse(&agency_input(a)).is_ok(), "{}", a.code);
        }
        let staff = staff_accounts();
        assert_eq!(staff.len(), 2 + 4 * corpus::agencies().len());
        let mut names = std::collections::HashSet::new();
        for s in &staff {
            assert!(gongkai_core::org::valid_username(&s.username), "{}", s.username);
            assert!(names.insert(&s.username), "duplicate username {}", s.username);
            assert_eq!(gongkai_core::org::password_problem(&s.username, &s.password), None);
        }
    }

    #[test]
    fn parents_come_first() {
        let order = ordered_agencies();
        assert_eq!(order.len(), corpus::agencies().len());
        for (i, a) in order.iter().enumerate() {
            if let Some(p) = a.parent_code {
                assert!(order[..i].iter().any(|o| o.code == p), "{} before its parent {p}", a.code);
            }
        }
    }

    #[test]
    fn the_seed_page_keeps_its_number_and_agency() {
        let (page, _) = read_page(SEED_PAGE).unwrap();
        let doc = legacy::to_document(&page).unwrap();
        assert_eq!(doc.index_no.as_str(), SEED_PAGE_INDEX_NO);
        let (code, _) = SEED_PAGE_INDEX_NO.split_once('/').unwrap();
        let agency =
            corpus::agencies().iter().find(|a| a.code == code).expect("the seed page's agency is in the corpus");
        assert_eq!(Some(agency.name), doc.publisher.as_deref());
    }

    #[test]
    fn demo_documents_parse_and_get_distinct_numbers() {
        let mut numbering = Numbering::default();
        let mut seen = std::collections::HashSet::new();
        for d in corpus::documents(DEMO_SEED, DEMO_DOCUMENTS) {
            let index_no = numbering.next(&d).unwrap();
            assert_ne!(index_no.as_str(), SEED_PAGE_INDEX_NO);
            assert!(seen.insert(index_no.clone()), "duplicate {index_no}");
            let fields = edition_fields(&d).unwrap();
            assert_eq!(fields.title.as_str(), d.title.split_whitespace().collect::<Vec<_>>().join(" "));
            // The record form parses to the same document as the direct conversion.
            let record = document_record(&d, &index_no);
            let from_record = ImportDocument::from_record(&record).unwrap();
            let direct = import_document(&d, index_no).unwrap();
            assert_eq!(from_record.first_published_at, direct.first_published_at);
            assert_eq!(from_record.editions[0].fields, direct.editions[0].fields);
        }
    }

    #[test]
    fn serials_skip_the_seed_page_number() {
        let mut numbering = Numbering::default();
        numbering.next.insert(("001002003", 2017), 1328);
        let mut d = corpus::document(DEMO_SEED, 0);
        d.agency_code = "001002003";
        d.published = (2017, 6, 1, 9, 0);
        assert_eq!(numbering.next(&d).unwrap().as_str(), "001002003/2017-01329");
        assert_eq!(numbering.next(&d).unwrap().as_str(), "001002003/2017-01331");
    }
}
