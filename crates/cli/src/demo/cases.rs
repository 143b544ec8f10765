//! Synthetic 依申请公开 cases, for the demo city and the benchmarks.
//!
//! Each case is derived from `(seed, index)` alone. Its history is built by proposing the
//! events a real case goes through (补正, consultation, extension, fee, reasons, withdrawal,
//! reply, archive) and keeping only those `Case::apply` accepts, so every generated case is one
//! the desk could have produced. Histories stop at `until`: recent cases are still open, some
//! in each waiting stage, and a few have run past their deadline.

use std::collections::HashSet;

use gongkai_core::calendar::WorkCalendar;
use gongkai_core::doc::{DocNo, WithholdingGround};
use gongkai_core::foi::case::{Case, ConsultationParty, Event};
use gongkai_core::foi::intake::{Applicant, Application, Contact, Delivery, ProvisionForm};
use gongkai_core::foi::{ApplicantKind, Channel, IdDocument, ReplyType, Table3Row};
use gongkai_core::org::valid_credit_code;
use gongkai_core::privacy::is_valid_id_number;
use gongkai_store::cases::HistoricCase;
use time::{Date, Duration};

use super::corpus::rng::Rng;

/// Where synthetic cases go and over which period.
pub struct CaseGenerator<'a> {
    pub seed: u64,
    pub cal: &'a WorkCalendar,
    /// First and last day an application may arrive; no event is later than `until`.
    pub from: Date,
    pub until: Date,
    /// Agency id and code, in the order cases are spread over them.
    pub agencies: Vec<(i64, String)>,
}

const SURNAMES: &[&str] =
    &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱", "林", "郑", "潘", "叶"];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英",
    "建华", "海燕", "志强", "晓东",
];
const PLACES: &[&str] = &["瓯江", "鹿城", "龙湾", "瓯海", "洞头", "雁荡", "楠溪", "南塘", "江心", "大罗山"];
const DISTRICTS: &[&str] = &["鹿城区", "龙湾区", "瓯海区", "洞头区"];
const AREAS: &[&str] = &["330302", "330303", "330304", "330305", "330324", "330381", "330382"];

/// What applicants ask for, with `{y}` for a year.
const REQUESTS: &[&str] = &[
    "{y}年城乡居民最低生活保障资金发放情况",
    "{y}年本单位“三公”经费预算及执行情况",
    "某路段道路拓宽工程的立项批复及环境影响评价文件",
    "本人房屋所在地块的征收决定、补偿方案及社会稳定风险评估报告",
    "{y}年度建设用地供应计划及出让地块清单",
    "某小区周边规划调整的批前公示材料及审批意见",
    "{y}年企业稳岗返还资金发放名单",
    "某化工企业排污许可证及近一年监督性监测数据",
    "{y}年中小学招生入学政策及学区划分依据",
    "本村集体土地征收的批准文件及土地补偿费分配方案",
    "{y}年财政专项资金（农业产业化）分配结果",
    "某行政处罚决定所依据的执法检查记录",
    "{y}年重大建设项目批准和实施情况",
    "某农贸市场改造项目的招标文件及中标结果",
    "{y}年医疗保障基金使用情况及定点医药机构名单",
    "本单位权责清单及行政许可事项办理流程",
    "{y}年政府信息公开工作年度报告中依申请公开数据的统计口径",
    "某公交线路调整的论证报告及征求意见情况",
];
const DOC_NOS: &[&str] = &["温政办〔2017〕62号", "温政发〔2019〕12号", "浙政办发〔2020〕8号", "温政办〔2021〕45号"];

impl CaseGenerator<'_> {
    /// Case number `index` (0-based) of the set.
    pub fn case(&self, index: u64) -> HistoricCase {
        let mut rng = Rng::new(self.seed, index);
        let (agency_id, agency_code) = &self.agencies[rng.below(self.agencies.len())];
        let span = (self.until - self.from).whole_days().max(0) as usize + 1;
        let arrived = self.from + Duration::days(rng.below(span) as i64);
        let channel = pick_weighted(
            &mut rng,
            &[
                (Channel::Online, 58),
                (Channel::InPerson, 18),
                (Channel::SignedPost, 12),
                (Channel::OrdinaryLetter, 8),
                (Channel::Fax, 4),
            ],
        );
        let application = application(&mut rng, agency_code, channel, arrived.year());
        // Applications handed in or signed for are received that day (if it is a working day);
        // the others on the working day the agency confirms them.
        let received = if !channel.needs_confirmation() && self.cal.is_working_day(arrived).unwrap_or(false) {
            Some(arrived)
        } else {
            self.cal.add_working_days(arrived, 1).ok()
        };
        let hour = 8 + rng.below(10) as u8;
        let submitted_at =
            gongkai_core::tz::from_local(arrived.with_hms(hour, rng.below(60) as u8, 0).expect("valid time"));
        let mut events = History { case: Case::new(), cal: self.cal, until: self.until };
        if let Some(received) = received {
            events.build(&mut rng, received);
        }
        HistoricCase { agency_id: *agency_id, application, submitted_at, events: events.case.events().to_vec() }
    }
}

/// Every stage a case can be in, plus open cases past their deadline.
const SHOWCASE_STAGES: &[&str] = &[
    "new",
    "open",
    "awaiting-correction",
    "consulting",
    "awaiting-reasons",
    "awaiting-fee",
    "closed",
    "archived",
    "overdue",
];

impl CaseGenerator<'_> {
    /// `count` cases that include, whenever the period allows, one in every stage, one past its
    /// deadline and one for every row of table 三: the demo has to show all of them. Cases are
    /// taken in index order, skipping ordinary ones once only the places kept for missing kinds
    /// are left.
    pub fn showcase(&self, count: usize) -> Vec<HistoricCase> {
        let mut stages: HashSet<&str> = SHOWCASE_STAGES.iter().copied().collect();
        let mut rows: HashSet<Table3Row> = Table3Row::ALL.iter().copied().collect();
        let mut out = Vec::with_capacity(count);
        let mut index = 0;
        while out.len() < count && index < count as u64 * 2000 {
            let h = self.case(index);
            index += 1;
            let Ok(case) = Case::from_events(h.events.clone(), self.cal) else { continue };
            let stage = case.stage();
            let overdue = !stage.is_closed()
                && case.deadline(self.cal).ok().and_then(|d| d.due).is_some_and(|due| due < self.until);
            let mut new = stages.remove(stage.code());
            new |= overdue && stages.remove("overdue");
            new |= stage.outcome().is_some_and(|o| rows.remove(&o.table3_row()));
            if new || out.len() + stages.len() + rows.len() < count {
                out.push(h);
            }
        }
        out
    }
}

/// A history being built: each proposed event is kept only if it is not after `until` and the
/// rules accept it; the first one refused ends the history.
struct History<'a> {
    case: Case,
    cal: &'a WorkCalendar,
    until: Date,
}

impl History<'_> {
    fn push(&mut self, e: Event) -> Option<Date> {
        let on = e.on();
        if on > self.until {
            return None;
        }
        self.case.apply(e, self.cal).ok().map(|()| on)
    }

    fn wd(&self, from: Date, n: u32) -> Option<Date> {
        self.cal.add_working_days(from, n).ok()
    }

    fn due(&self) -> Option<Date> {
        self.case.deadline(self.cal).ok().and_then(|d| d.due)
    }

    /// Builds the history; returns early when the story has reached `until`.
    fn build(&mut self, rng: &mut Rng, received: Date) -> Option<()> {
        let mut last = self.push(Event::Received { on: received })?;
        if rng.chance(3) {
            let on = self.wd(last, rng.range(1, 8))?;
            self.push(Event::Withdrawn { on })?;
            return self.archive(rng);
        }
        if rng.chance(8) {
            let on = self.wd(last, rng.range(1, 6))?;
            let deadline = self.wd(on, 15)?;
            let items = vec!["请明确所需政府信息的名称、文号或者便于查询的其他特征性描述".to_string()];
            last = self.push(Event::CorrectionRequested { on, items, deadline })?;
            if rng.chance(25) {
                self.push(Event::CorrectionLapsed { on: deadline + Duration::days(1) })?;
                return self.archive(rng);
            }
            last = self.push(Event::Corrected { on: self.wd(last, rng.range(1, 12))?, late_reason: None })?;
        }
        if rng.chance(2) {
            last = self.push(Event::ReasonsRequested { on: self.wd(last, rng.range(2, 5))? })?;
            if rng.chance(50) {
                let on = self.wd(last, rng.range(10, 16))?;
                self.push(Event::Replied { on, outcome: ReplyType::Excessive })?;
                return self.archive(rng);
            }
            let on = self.wd(last, rng.range(3, 10))?;
            last = self.push(Event::Deferred { on, until: self.wd(on, rng.range(20, 40))? })?;
        }
        if rng.chance(6) {
            let party = if rng.chance(80) { ConsultationParty::ThirdParty } else { ConsultationParty::CoProducer };
            let on = self.wd(last, rng.range(2, 6))?;
            let served_on = Some(self.wd(on, rng.range(0, 3))?);
            last = self.push(Event::ConsultationStarted { on, party, served_on })?;
            last = self.push(Event::ConsultationEnded { on: self.wd(last, rng.range(4, 15))? })?;
        }
        if rng.chance(5) {
            let due = self.due()?;
            let on = self.wd(last, rng.range(1, 10))?.min(due).max(last);
            let days = rng.range(5, 20);
            last = self.push(Event::Extended { on, days, approved_by: "办公室主任".into() })?;
        }
        if rng.chance(2) {
            let on = self.wd(last, rng.range(1, 5))?.min(self.due()?).max(last);
            let served_on = self.wd(on, rng.range(1, 3))?;
            let amount_fen = 100 * i64::from(rng.range(1, 60)) * 10;
            self.push(Event::FeeNoticed { on, served_on, amount_fen })?;
            let pay_by = Case::pay_by(self.cal, served_on).ok()?;
            if rng.chance(30) {
                self.push(Event::FeeLapsed { on: pay_by + Duration::days(1) })?;
                return self.archive(rng);
            }
            last = self.push(Event::FeePaid { on: self.wd(served_on, rng.range(1, 15))? })?;
        }
        let due = self.due()?;
        let on = if rng.chance(4) {
            self.wd(due, rng.range(1, 10))?
        } else {
            let room = self.cal.working_days_between(last, due).ok()?.max(1);
            self.wd(last, rng.range(1, room))?
        };
        let corrected = self.case.events().iter().any(|e| matches!(e, Event::Corrected { .. }));
        let outcome = match outcome(rng) {
            ReplyType::UnclearAfterCorrection if !corrected => ReplyType::NotExist,
            o => o,
        };
        self.push(Event::Replied { on, outcome })?;
        self.archive(rng)
    }

    fn archive(&mut self, rng: &mut Rng) -> Option<()> {
        if rng.chance(80) {
            let last = self.case.events().last()?.on();
            self.push(Event::Archived { on: self.wd(last, rng.range(1, 10))? })?;
        }
        Some(())
    }
}

/// Replies in proportions like those of published annual reports.
fn outcome(rng: &mut Rng) -> ReplyType {
    use WithholdingGround as G;
    pick_weighted(
        rng,
        &[
            (ReplyType::Disclosed, 330),
            (ReplyType::AlreadyPublic, 120),
            (ReplyType::PartiallyDisclosed, 60),
            (ReplyType::Withheld(G::StateSecret), 3),
            (ReplyType::Withheld(G::ProhibitedByLaw), 4),
            (ReplyType::Withheld(G::Security), 3),
            (ReplyType::Withheld(G::ThirdParty), 18),
            (ReplyType::Withheld(G::InternalAffairs), 8),
            (ReplyType::Withheld(G::ProcessInformation), 14),
            (ReplyType::Withheld(G::EnforcementFile), 6),
            (ReplyType::SpecialRegister, 20),
            (ReplyType::NotExist, 160),
            (ReplyType::NotThisAgency, 60),
            (ReplyType::NeedsCreation, 40),
            (ReplyType::UnclearAfterCorrection, 10),
            (ReplyType::Petition, 40),
            (ReplyType::Repeat, 25),
            (ReplyType::Publication, 5),
            (ReplyType::ConfirmOrReissue, 15),
            (ReplyType::Other, 20),
        ],
    )
}

fn pick_weighted<T: Copy>(rng: &mut Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.below(total as usize) as u32;
    for (t, w) in table {
        if x < *w {
            return *t;
        }
        x -= w;
    }
    table[table.len() - 1].0
}

fn application(rng: &mut Rng, agency: &str, channel: Channel, year: i32) -> Application {
    let kind = pick_weighted(
        rng,
        &[
            (ApplicantKind::NaturalPerson, 86),
            (ApplicantKind::Commercial, 6),
            (ApplicantKind::Research, 1),
            (ApplicantKind::PublicInterest, 1),
            (ApplicantKind::LegalService, 4),
            (ApplicantKind::OtherOrganisation, 2),
        ],
    );
    let person = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
    let applicant = if kind.is_natural_person() {
        Applicant::Person { name: person, id_document: IdDocument::ResidentId, id_number: id_number(rng) }
    } else {
        let place = rng.pick(PLACES);
        let name = match kind {
            ApplicantKind::Commercial => format!("温州{place}科技有限公司"),
            ApplicantKind::Research => format!("温州{place}产业研究院"),
            ApplicantKind::PublicInterest => format!("温州市{place}公益服务中心"),
            ApplicantKind::LegalService => format!("浙江{place}律师事务所"),
            _ => format!("温州市{place}小区业主委员会"),
        };
        Applicant::Organisation {
            kind,
            name,
            credit_code: credit_code(rng),
            representative: person.clone(),
            contact_person: person,
        }
    };
    let request = rng.pick(REQUESTS).replace("{y}", &(year - 1).to_string());
    let online = channel == Channel::Online;
    let delivery = pick_weighted(
        rng,
        &[(Delivery::Email, 45), (Delivery::Online, 25), (Delivery::Post, 20), (Delivery::Pickup, 10)],
    );
    let (with_email, with_address) = (online || delivery == Delivery::Email, !online || delivery == Delivery::Post);
    Application {
        applicant,
        contact: Contact {
            phone: format!("13{}{:08}", rng.range(0, 9), rng.range(0, 99_999_999)),
            email: with_email.then(|| format!("applicant{}@example.cn", rng.range(1000, 999_999))),
            address: with_address
                .then(|| format!("温州市{}{}路{}号", rng.pick(DISTRICTS), rng.pick(PLACES), rng.range(1, 300))),
            postcode: with_address.then(|| "325000".to_string()),
        },
        description: request,
        doc_no: rng.chance(8).then(|| DocNo::parse(rng.pick(DOC_NOS)).expect("demo document numbers parse")),
        form: if rng.chance(70) { ProvisionForm::Electronic } else { ProvisionForm::Paper },
        delivery,
        accessibility: None,
        agency: agency.to_string(),
        channel,
    }
}

/// A resident ID number of a Wenzhou district with a correct check character (GB 11643).
fn id_number(rng: &mut Rng) -> String {
    let body = format!(
        "{}{}{:02}{:02}{:03}",
        rng.pick(AREAS),
        rng.range(1950, 2004),
        rng.range(1, 12),
        rng.range(1, 28),
        rng.range(1, 999)
    );
    "0123456789X"
        .chars()
        .map(|c| format!("{body}{c}"))
        .find(|s| is_valid_id_number(s))
        .expect("one check character fits")
}

/// A 统一社会信用代码 registered in Wenzhou with a correct check character (GB 32100).
fn credit_code(rng: &mut Rng) -> String {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let body: String = (0..9).map(|_| CHARS[rng.below(CHARS.len())] as char).collect();
    CHARS
        .iter()
        .map(|&c| format!("91330300{body}{}", c as char))
        .find(|s| valid_credit_code(s))
        .expect("one check character fits")
}

#[cfg(test)]
mod tests {
    use gongkai_core::foi::intake::ApplicationInput;
    use time::macros::date;

    use super::*;

    fn generator(cal: &WorkCalendar) -> CaseGenerator<'_> {
        CaseGenerator {
            seed: 7,
            cal,
            from: date!(2024 - 01 - 01),
            until: date!(2025 - 11 - 28),
            agencies: vec![(1, "001002003".into()), (2, "001003000".into())],
        }
    }

    #[test]
    fn histories_replay_and_cover_every_stage_and_outcome() {
        let cal = WorkCalendar::official();
        let g = generator(&cal);
        let mut stages = HashSet::new();
        let mut outcomes = HashSet::new();
        for i in 0..4000 {
            let h = g.case(i);
            let case = Case::from_events(h.events.clone(), &cal).expect("generated histories obey the rules");
            assert!(h.events.iter().all(|e| e.on() <= g.until));
            stages.insert(case.stage().code());
            if let Some(o) = case.stage().outcome() {
                outcomes.insert(o.table3_row());
            }
        }
        for stage in SHOWCASE_STAGES.iter().filter(|s| **s != "overdue") {
            assert!(stages.contains(stage), "no case in stage {stage}: {stages:?}");
        }
        assert_eq!(outcomes.len(), gongkai_core::foi::Table3Row::ALL.len(), "every row of table 三");
    }

    #[test]
    fn the_demo_set_shows_every_stage_and_every_row_of_table_three() {
        let cal = WorkCalendar::official();
        let g = CaseGenerator { from: date!(2025 - 01 - 01), until: date!(2026 - 11 - 28), ..generator(&cal) };
        let set = g.showcase(400);
        assert_eq!(set.len(), 400);
        let cases: Vec<Case> = set.iter().map(|h| Case::from_events(h.events.clone(), &cal).unwrap()).collect();
        for stage in SHOWCASE_STAGES.iter().filter(|s| **s != "overdue") {
            assert!(cases.iter().any(|c| c.stage().code() == *stage), "no case in stage {stage}");
        }
        assert!(
            cases.iter().any(|c| !c.stage().is_closed() && c.deadline(&cal).unwrap().due.is_some_and(|d| d < g.until))
        );
        let rows: HashSet<Table3Row> =
            cases.iter().filter_map(|c| c.stage().outcome()).map(|o| o.table3_row()).collect();
        assert_eq!(rows.len(), Table3Row::ALL.len());
    }

    #[test]
    fn the_same_seed_gives_the_same_case() {
        let cal = WorkCalendar::official();
        let g = generator(&cal);
        assert_eq!(g.case(42).events, g.case(42).events);
        assert_eq!(g.case(42).application, g.case(42).application);
    }

    #[test]
    fn generated_applicants_pass_the_public_form_checks() {
        let cal = WorkCalendar::official();
        let g = generator(&cal);
        for i in 0..500 {
            let app = g.case(i).application;
            let input = match &app.applicant {
                Applicant::Person { name, id_number, .. } => ApplicationInput {
                    applicant_kind: "natural-person".into(),
                    name: name.clone(),
                    id_document: "resident-id".into(),
                    id_number: id_number.clone(),
                    ..ApplicationInput::default()
                },
                Applicant::Organisation { kind, name, credit_code, representative, contact_person } => {
                    ApplicationInput {
                        applicant_kind: kind.code().into(),
                        name: name.clone(),
                        credit_code: credit_code.clone(),
                        representative: representative.clone(),
                        contact_person: contact_person.clone(),
                        ..ApplicationInput::default()
                    }
                }
            };
            let input = ApplicationInput {
                phone: app.contact.phone.clone(),
                email: app.contact.email.clone().unwrap_or_default(),
                address: app.contact.address.clone().unwrap_or_default(),
                agency: app.agency.clone(),
                description: app.description.clone(),
                form: ProvisionForm::ALL.iter().find(|f| f.0 == app.form).unwrap().1.into(),
                delivery: Delivery::ALL.iter().find(|d| d.0 == app.delivery).unwrap().1.into(),
                postcode: app.contact.postcode.clone().unwrap_or_default(),
                doc_no: app.doc_no.as_ref().map(|d| d.to_string()).unwrap_or_default(),
                channel: app.channel.code().into(),
                ..input
            };
            let parsed = Application::parse(&input).unwrap_or_else(|e| panic!("case {i}: {e:?}"));
            assert_eq!(parsed, app, "case {i}");
        }
    }
}
