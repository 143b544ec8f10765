//! The arithmetic that maps a document index to its agency, year, 文种 and serial slot.
//!
//! Everything structural is computed from the index, never from shared state, so any document
//! can be generated alone (for streaming or parallel chunks) while the corpus as a whole still
//! has properties that would normally need a global counter:
//!
//! * `index → (agency, k)` with `k` the agency's own running number (round-robin over agencies);
//! * `k → (year, slot)` with `slot` the running number within the agency-year, so a serial
//!   block `stride * slot + 1 ..= stride * (slot + 1)` is owned by exactly one document and
//!   文号 never repeat within an agency-year;
//! * `k → family` through a fixed weighted schedule visited in a scrambled order, so the number
//!   of earlier documents of the same family (the *ordinal*) is countable, which lets titles
//!   cycle through the agency's subjects and templates without repeating.

use super::rng::mix;

/// What kind of document a slot holds: 文种 plus the sub-kind that decides its title pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Family {
    /// 规章, published by 温州市人民政府令.
    Rule,
    /// 通知 issuing a 行政规范性文件 (办法/规定/细则).
    NoticeRule,
    /// 通知 issuing a 方案/计划/要点/规划.
    NoticePlan,
    /// 通知 arranging work (做好…工作, 开展…检查).
    NoticeWork,
    /// 实施意见 that is a 行政规范性文件.
    OpinionRule,
    /// 指导意见 and other policy 意见.
    OpinionPolicy,
    Decision,
    Announcement,
    Circular,
    Bulletin,
    Report,
    Reply,
    Letter,
    Minutes,
    News,
    Interpretation,
    Publicity,
    Data,
    Other,
}

impl Family {
    pub(super) fn genre(self) -> &'static str {
        match self {
            Family::Rule => "命令",
            Family::NoticeRule | Family::NoticePlan | Family::NoticeWork => "通知",
            Family::OpinionRule | Family::OpinionPolicy => "意见",
            Family::Decision => "决定",
            Family::Announcement => "公告",
            Family::Circular => "通告",
            Family::Bulletin => "通报",
            Family::Report => "报告",
            Family::Reply => "批复",
            Family::Letter => "函",
            Family::Minutes => "纪要",
            Family::News => "动态",
            Family::Interpretation => "解读",
            Family::Publicity => "公告公示",
            Family::Data => "数据",
            Family::Other => "其他",
        }
    }

    pub(super) fn policy_kind(self) -> &'static str {
        match self {
            Family::Rule => "rule",
            Family::NoticeRule | Family::OpinionRule => "normative",
            Family::NoticePlan
            | Family::NoticeWork
            | Family::OpinionPolicy
            | Family::Decision
            | Family::Announcement
            | Family::Circular => "policy",
            _ => "none",
        }
    }

    /// A small number distinct per family, used to start each family's subject cycle elsewhere.
    fn spread(self) -> u64 {
        self as u64 * 5
    }
}

/// Which weighted mix of families an agency issues.
#[derive(Clone, Copy, Debug)]
pub(super) enum Schedule {
    Government,
    Office,
    Department,
    District,
}

/// Schedules repeat every `PERIOD` documents of an agency.
const PERIOD: u64 = 40;
/// Visiting order within a period: position = (STEP·k + offset) mod PERIOD (STEP coprime to 40).
const STEP: u64 = 7;

use Family::*;

static GOVERNMENT: [(Family, u8); 16] = [
    (NoticePlan, 5),
    (NoticeRule, 4),
    (NoticeWork, 4),
    (OpinionRule, 3),
    (OpinionPolicy, 2),
    (Decision, 3),
    (Announcement, 2),
    (Circular, 1),
    (Bulletin, 1),
    (Report, 2),
    (Reply, 4),
    (Letter, 2),
    (Minutes, 2),
    (News, 2),
    (Interpretation, 2),
    (Publicity, 1),
];

static OFFICE: [(Family, u8); 15] = [
    (NoticePlan, 7),
    (NoticeRule, 5),
    (NoticeWork, 6),
    (OpinionRule, 2),
    (OpinionPolicy, 2),
    (News, 5),
    (Interpretation, 4),
    (Bulletin, 2),
    (Report, 1),
    (Letter, 1),
    (Minutes, 1),
    (Publicity, 1),
    (Data, 1),
    (Other, 1),
    (Announcement, 1),
];

static DEPARTMENT: [(Family, u8); 18] = [
    (News, 8),
    (NoticeWork, 5),
    (NoticePlan, 3),
    (NoticeRule, 3),
    (OpinionRule, 1),
    (OpinionPolicy, 1),
    (Interpretation, 3),
    (Publicity, 5),
    (Data, 2),
    (Circular, 1),
    (Announcement, 1),
    (Bulletin, 1),
    (Report, 1),
    (Reply, 1),
    (Letter, 1),
    (Minutes, 1),
    (Decision, 1),
    (Other, 1),
];

static DISTRICT: [(Family, u8); 18] = [
    (News, 7),
    (NoticePlan, 4),
    (NoticeRule, 3),
    (NoticeWork, 4),
    (OpinionRule, 2),
    (OpinionPolicy, 1),
    (Decision, 1),
    (Announcement, 1),
    (Circular, 1),
    (Bulletin, 1),
    (Report, 1),
    (Reply, 2),
    (Letter, 1),
    (Minutes, 1),
    (Interpretation, 3),
    (Publicity, 4),
    (Data, 2),
    (Other, 1),
];

impl Schedule {
    pub(super) fn table(self) -> &'static [(Family, u8)] {
        match self {
            Schedule::Government => &GOVERNMENT,
            Schedule::Office => &OFFICE,
            Schedule::Department => &DEPARTMENT,
            Schedule::District => &DISTRICT,
        }
    }

    fn family_at(self, pos: u64) -> Family {
        let mut left = pos;
        for &(family, n) in self.table() {
            if left < n as u64 {
                return family;
            }
            left -= n as u64;
        }
        unreachable!("schedules have exactly PERIOD entries")
    }

    fn count(self, family: Family) -> u64 {
        self.table().iter().filter(|(f, _)| *f == family).map(|(_, n)| *n as u64).sum()
    }
}

/// The structural facts of one document.
#[derive(Clone, Copy, Debug)]
pub(super) struct Layout {
    pub agency: usize,
    /// Year of 成文日期.
    pub year: i32,
    /// Running number of the document within its agency-year (owns one serial block).
    pub slot: u64,
    pub family: Family,
    /// Number of earlier documents of the same agency and family.
    pub ordinal: u64,
    /// `ordinal` shifted per family, to spread subjects.
    pub cycle: u64,
    /// 温州市人民政府令 number, for rules only.
    pub rule_no: Option<u32>,
}

pub(super) const FIRST_YEAR: i32 = 2015;
pub(super) const YEARS: u64 = 12;

/// The city government's 规章 slots. Per slot number `j`, the documents of years
/// 2016 + (2j mod 11) and the following year are rules numbered 2j+1 and 2j+2; with two serials
/// per slot (stride 2) those numbers fall in the rule's own serial block, so a 令 number never
/// equals a 温政发 serial of the same year, and for the first 22 rules the numbering is
/// cumulative and chronological, as real 政府令 are.
pub(super) fn rule_number(year_idx: u64, j: u64) -> Option<u32> {
    if year_idx == 0 {
        return None; // Wenzhou gained rule-making power in 2015; the first 令 came in 2016.
    }
    let t = ((year_idx - 1) + 11 - (2 * j) % 11) % 11;
    (t < 2).then_some((2 * j + 1 + t) as u32)
}

pub(super) fn layout(seed: u64, index: u64, agencies: usize, schedules: &dyn Fn(usize) -> Schedule) -> Layout {
    let h = mix(seed ^ 0x5EED_C0DE);
    let n = agencies as u64;
    let agency = ((index + h % n) % n) as usize;
    let k = index / n;
    let year_idx = (k + (h >> 8) % YEARS + agency as u64 * 5) % YEARS;
    let slot = k / YEARS;
    let schedule = schedules(agency);
    let offset = ((h >> 16) % PERIOD + agency as u64 * 13) % PERIOD;
    let position = |kk: u64| (kk * STEP + offset) % PERIOD;
    let family = schedule.family_at(position(k));
    let period_start = k - k % PERIOD;
    let before = (period_start..k).filter(|&kk| schedule.family_at(position(kk)) == family).count() as u64;
    let ordinal = (k / PERIOD) * schedule.count(family) + before;
    let cycle = ordinal + family.spread() + (h >> 24) % 97;
    let rule_no = if matches!(schedule, Schedule::Government) { rule_number(year_idx, slot) } else { None };
    Layout {
        agency,
        year: FIRST_YEAR + year_idx as i32,
        slot,
        family: if rule_no.is_some() { Rule } else { family },
        ordinal,
        cycle,
        rule_no,
    }
}
