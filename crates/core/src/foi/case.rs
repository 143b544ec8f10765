//! The life of an application, as dated events, and the reply deadline they produce.
//!
//! The state machine follows ogi-rules §1.5 (条例 Arts. 30–35, 45): received → (补正 →
//! corrected | abandoned) → (consultations, an extension, an Art. 35 deferral, a fee notice) →
//! reply → archive. Transitions the rules do not allow are refused with a reason and change
//! nothing. The deadline is recomputed from the events every time, with the list of steps that
//! produced it, each citing its article — so a new holiday notice or a corrected event date
//! gives the right date without any stored deadline going stale.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::{CalendarError, WorkCalendar};
use crate::foi::ReplyType;
use crate::tz::format_date;

/// Working days to reply (条例 Art. 33 ¶2).
pub const REPLY_DAYS: u32 = 20;
/// Working days within which a 补正 must be asked (Art. 30).
pub const CORRECTION_NOTICE_DAYS: u32 = 7;
/// Working days a third party or co-producing agency has to answer (Arts. 32, 34).
pub const CONSULTATION_DAYS: u32 = 15;
/// Longest extension (Art. 33 ¶2).
pub const MAX_EXTENSION_DAYS: u32 = 20;
/// Working days to pay a fee, from the day after the notice is received (国办函〔2020〕109号).
pub const FEE_PAYMENT_DAYS: u32 = 20;
/// Cases due within this many working days are flagged as due soon.
pub const DUE_SOON_DAYS: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsultationParty {
    /// A third party whose rights disclosure may harm (Art. 32).
    ThirdParty,
    /// An agency that made the information jointly (Art. 34).
    CoProducer,
}

impl ConsultationParty {
    pub fn label(self) -> &'static str {
        match self {
            ConsultationParty::ThirdParty => "第三方",
            ConsultationParty::CoProducer => "共同制作机关",
        }
    }

    fn article(self) -> &'static str {
        match self {
            ConsultationParty::ThirdParty => "《条例》第三十二条、第三十三条第三款",
            ConsultationParty::CoProducer => "《条例》第三十四条、第三十三条第三款",
        }
    }
}

/// Something that happened to an application, on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// The application was received; the date follows the channel's rule (Art. 31).
    Received {
        on: Date,
    },
    /// A 补正 was asked: every item at once, with a reasonable deadline (Art. 30).
    CorrectionRequested {
        on: Date,
        items: Vec<String>,
        deadline: Date,
    },
    /// The corrected application arrived; the reply period starts again from this day (Art. 30).
    /// After the deadline only with a good reason, which is recorded.
    Corrected {
        on: Date,
        late_reason: Option<String>,
    },
    /// The 补正 deadline passed without a correction: the application is deemed abandoned.
    CorrectionLapsed {
        on: Date,
    },
    /// A consultation letter was sent (Arts. 32, 34); the reply clock stops. The party has 15
    /// working days from the day it received the letter (`served_on`; the sending date when not
    /// recorded) to answer, and the pause lasts at most until then.
    ConsultationStarted {
        on: Date,
        party: ConsultationParty,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        served_on: Option<Date>,
    },
    /// The consultation ended (answer received, or its 15 working days ran out); the clock runs.
    ConsultationEnded {
        on: Date,
    },
    /// The office head approved an extension, once, of at most 20 working days (Art. 33 ¶2).
    Extended {
        on: Date,
        days: u32,
        approved_by: String,
    },
    /// The applicant was asked to state reasons for excessive applications (Art. 35).
    ReasonsRequested {
        on: Date,
    },
    /// The reasons were reasonable but the deadline cannot be met: a deferred date was set and
    /// notified (Art. 35).
    Deferred {
        on: Date,
        until: Date,
    },
    /// A fee notice was issued (Art. 42, 国办函〔2020〕109号); `served_on` is when the applicant
    /// received it. The clock stops until payment.
    FeeNoticed {
        on: Date,
        served_on: Date,
        amount_fen: i64,
    },
    FeePaid {
        on: Date,
    },
    /// The fee was not paid within 20 working days: the application is no longer processed.
    FeeLapsed {
        on: Date,
    },
    /// The reply was sent.
    Replied {
        on: Date,
        outcome: ReplyType,
    },
    /// The applicant withdrew the application.
    Withdrawn {
        on: Date,
    },
    /// The case file was archived (Art. 45: 登记、审核、办理、答复、归档).
    Archived {
        on: Date,
    },
}

impl Event {
    pub fn on(&self) -> Date {
        match self {
            Event::Received { on }
            | Event::CorrectionRequested { on, .. }
            | Event::Corrected { on, .. }
            | Event::CorrectionLapsed { on }
            | Event::ConsultationStarted { on, .. }
            | Event::ConsultationEnded { on }
            | Event::Extended { on, .. }
            | Event::ReasonsRequested { on }
            | Event::Deferred { on, .. }
            | Event::FeeNoticed { on, .. }
            | Event::FeePaid { on }
            | Event::FeeLapsed { on }
            | Event::Replied { on, .. }
            | Event::Withdrawn { on }
            | Event::Archived { on } => *on,
        }
    }

    /// A short Chinese description for the case timeline.
    pub fn describe(&self) -> String {
        match self {
            Event::Received { .. } => "收到申请".into(),
            Event::CorrectionRequested { items, deadline, .. } => {
                format!("发出补正告知书（{} 项，补正期限 {}）", items.len(), format_date(*deadline))
            }
            Event::Corrected { late_reason: None, .. } => "收到补正后的申请".into(),
            Event::Corrected { late_reason: Some(r), .. } => format!("收到补正后的申请（逾期，正当理由：{r}）"),
            Event::CorrectionLapsed { .. } => "逾期未补正，视为放弃申请".into(),
            Event::ConsultationStarted { party, .. } => format!("向{}发出征求意见书", party.label()),
            Event::ConsultationEnded { .. } => "征求意见结束".into(),
            Event::Extended { days, approved_by, .. } => format!("经{approved_by}同意延长答复期限 {days} 个工作日"),
            Event::ReasonsRequested { .. } => "要求申请人说明理由".into(),
            Event::Deferred { until, .. } => format!("确定延迟答复期限至 {}", format_date(*until)),
            Event::FeeNoticed { amount_fen, .. } => {
                format!("发出收费通知书（{} 元）", crate::foi::fees::format_yuan(*amount_fen))
            }
            Event::FeePaid { .. } => "申请人缴纳信息处理费".into(),
            Event::FeeLapsed { .. } => "逾期未缴费，不再处理".into(),
            Event::Replied { outcome, .. } => format!("答复：{}", outcome.label()),
            Event::Withdrawn { .. } => "申请人撤回申请".into(),
            Event::Archived { .. } => "归档".into(),
        }
    }
}

/// Where a case stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum Stage {
    /// Registered, not yet received (channels whose receipt date is a confirmation).
    New,
    /// Being handled; the reply clock runs.
    Open,
    AwaitingCorrection {
        deadline: Date,
    },
    /// The clock is stopped; the party has 15 working days from `since` to answer.
    Consulting {
        party: ConsultationParty,
        since: Date,
    },
    AwaitingReasons {
        since: Date,
    },
    /// The clock is stopped; the applicant has 20 working days from `served_on` to pay.
    AwaitingFee {
        served_on: Date,
    },
    Closed {
        outcome: ReplyType,
        on: Date,
    },
    Archived {
        outcome: ReplyType,
        on: Date,
    },
}

impl Stage {
    pub fn code(&self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Open => "open",
            Stage::AwaitingCorrection { .. } => "awaiting-correction",
            Stage::Consulting { .. } => "consulting",
            Stage::AwaitingReasons { .. } => "awaiting-reasons",
            Stage::AwaitingFee { .. } => "awaiting-fee",
            Stage::Closed { .. } => "closed",
            Stage::Archived { .. } => "archived",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Stage::New => "待确认收到",
            Stage::Open => "办理中",
            Stage::AwaitingCorrection { .. } => "待补正",
            Stage::Consulting { .. } => "征求意见中",
            Stage::AwaitingReasons { .. } => "待说明理由",
            Stage::AwaitingFee { .. } => "待缴费",
            Stage::Closed { .. } => "已答复",
            Stage::Archived { .. } => "已归档",
        }
    }

    pub fn is_closed(&self) -> bool {
        matches!(self, Stage::Closed { .. } | Stage::Archived { .. })
    }

    pub fn outcome(&self) -> Option<ReplyType> {
        match self {
            Stage::Closed { outcome, .. } | Stage::Archived { outcome, .. } => Some(*outcome),
            _ => None,
        }
    }
}

/// Why an event was refused. Nothing changes when it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("当前状态为“{stage}”，不能{action}")]
    WrongStage { stage: &'static str, action: &'static str },
    #[error("事件日期 {event} 早于上一事件的日期 {previous}")]
    BeforePrevious { event: Date, previous: Date },
    #[error("补正应在收到申请之日起 7 个工作日内一次性告知（《条例》第三十条），最迟 {limit}")]
    CorrectionTooLate { limit: Date },
    #[error("补正只能一次性告知（《条例》第三十条），本申请已经告知过补正")]
    CorrectionAlreadyAsked,
    #[error("补正告知书须列明需要补正的事项")]
    NoCorrectionItems,
    #[error("补正期限应晚于告知之日")]
    BadCorrectionDeadline,
    #[error("补正期限 {deadline} 已过，逾期补正须写明正当理由（《条例》第三十条）")]
    CorrectedLate { deadline: Date },
    #[error("补正期限 {deadline} 尚未届满，不能视为放弃申请")]
    CorrectionNotLapsed { deadline: Date },
    #[error("答复期限只能延长一次（《条例》第三十三条第二款）")]
    AlreadyExtended,
    #[error("延长的期限应为 1 至 20 个工作日（《条例》第三十三条第二款）")]
    ExtensionTooLong,
    #[error("延长答复期限须经政府信息公开工作机构负责人同意（《条例》第三十三条第二款）")]
    ExtensionNotApproved,
    #[error("延长应在答复期限 {due} 届满前决定")]
    ExtensionAfterDeadline { due: Date },
    #[error("延迟答复期限应晚于决定之日")]
    BadDeferral,
    #[error("收费通知应在答复期限 {due} 内发出（国办函〔2020〕109号）")]
    FeeNoticeAfterDeadline { due: Date },
    #[error("征求意见应在答复期限 {due} 届满前发出（《条例》第三十二条、第三十四条）")]
    ConsultationAfterDeadline { due: Date },
    #[error("送达日期不能早于发出日期")]
    ServedBeforeSent,
    #[error("已延长答复期限的申请不能再要求补正：补正后答复期限将重新计算（《条例》第三十条）")]
    CorrectionAfterExtension,
    #[error("以“无正当理由大量反复申请”不予处理，须先要求申请人说明理由，且其理由不合理（《条例》第三十五条）")]
    ReasonsNotAsked,
    #[error("“补正后申请内容仍不明确”只适用于申请人已经补正的申请（《条例》第三十条）")]
    NotCorrected,
    #[error("收费金额应大于零")]
    NoFee,
    #[error("缴费期限 {pay_by} 已过，应认定逾期未缴费")]
    PaidLate { pay_by: Date },
    #[error("缴费期限 {pay_by} 尚未届满，不能认定逾期未缴费")]
    FeeNotLapsed { pay_by: Date },
    #[error("“{0}”不是答复，由补正期限或缴费期限届满认定")]
    NotAReply(&'static str),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// One line of a deadline's explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub text: String,
    pub article: &'static str,
}

/// The reply deadline and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The last day to reply; `None` while the clock is stopped, or once the case is closed.
    pub due: Option<Date>,
    /// Why the clock is stopped, if it is.
    pub stopped: Option<String>,
    pub steps: Vec<Step>,
}

/// How a running deadline stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum DueStatus {
    OnTime {
        working_days_left: u32,
    },
    /// Due within [`DUE_SOON_DAYS`] working days (today included when it is the last day).
    DueSoon {
        working_days_left: u32,
    },
    Overdue {
        working_days_late: u32,
    },
}

impl DueStatus {
    /// Where `due` stands on `today`.
    pub fn on(cal: &WorkCalendar, due: Date, today: Date) -> Result<DueStatus, CalendarError> {
        if today > due {
            return Ok(DueStatus::Overdue { working_days_late: cal.working_days_between(due, today)? });
        }
        let left = cal.working_days_between(today, due)?;
        Ok(if left <= DUE_SOON_DAYS {
            DueStatus::DueSoon { working_days_left: left }
        } else {
            DueStatus::OnTime { working_days_left: left }
        })
    }
}

/// An application's events, in order, and what they add up to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    events: Vec<Event>,
}

impl Case {
    pub fn new() -> Case {
        Case::default()
    }

    /// Rebuilds a case from stored events, checking each as if it were new.
    pub fn from_events(events: Vec<Event>, cal: &WorkCalendar) -> Result<Case, CaseError> {
        let mut case = Case::new();
        for e in events {
            case.apply(e, cal)?;
        }
        Ok(case)
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn received_on(&self) -> Option<Date> {
        self.events.iter().find_map(|e| match e {
            Event::Received { on } => Some(*on),
            _ => None,
        })
    }

    /// The current stage, from the events.
    pub fn stage(&self) -> Stage {
        let mut stage = Stage::New;
        for e in &self.events {
            stage = match e {
                Event::Received { .. } | Event::Corrected { .. } | Event::ConsultationEnded { .. } => Stage::Open,
                Event::FeePaid { .. } | Event::Deferred { .. } => Stage::Open,
                Event::CorrectionRequested { deadline, .. } => Stage::AwaitingCorrection { deadline: *deadline },
                Event::CorrectionLapsed { on } => Stage::Closed { outcome: ReplyType::AbandonedNoCorrection, on: *on },
                Event::ConsultationStarted { on, party, .. } => Stage::Consulting { party: *party, since: *on },
                Event::Extended { .. } => stage,
                Event::ReasonsRequested { on } => Stage::AwaitingReasons { since: *on },
                Event::FeeNoticed { served_on, .. } => Stage::AwaitingFee { served_on: *served_on },
                Event::FeeLapsed { on } => Stage::Closed { outcome: ReplyType::AbandonedUnpaidFee, on: *on },
                Event::Replied { on, outcome } => Stage::Closed { outcome: *outcome, on: *on },
                Event::Withdrawn { on } => Stage::Closed { outcome: ReplyType::Other, on: *on },
                Event::Archived { on } => match stage {
                    Stage::Closed { outcome, .. } => Stage::Archived { outcome, on: *on },
                    s => s,
                },
            };
        }
        stage
    }

    /// The last day a consulted party has to answer (Arts. 32, 34: 15 working days).
    pub fn answer_by(cal: &WorkCalendar, since: Date) -> Result<Date, CalendarError> {
        cal.add_working_days(since, CONSULTATION_DAYS)
    }

    /// The last day to pay a fee: 20 working days counted from the day after the notice was
    /// received (国办函〔2020〕109号, as restated by the provincial notices).
    pub fn pay_by(cal: &WorkCalendar, served_on: Date) -> Result<Date, CalendarError> {
        cal.add_working_days(served_on, FEE_PAYMENT_DAYS)
    }

    /// The last day to ask for a 补正 (Art. 30: within 7 working days of receipt).
    pub fn correction_limit(&self, cal: &WorkCalendar) -> Result<Option<Date>, CalendarError> {
        self.received_on().map(|r| cal.add_working_days(r, CORRECTION_NOTICE_DAYS)).transpose()
    }

    /// Adds an event if the rules allow it; otherwise explains why and changes nothing.
    pub fn apply(&mut self, event: Event, cal: &WorkCalendar) -> Result<(), CaseError> {
        if let Some(last) = self.events.last()
            && event.on() < last.on()
        {
            return Err(CaseError::BeforePrevious { event: event.on(), previous: last.on() });
        }
        let stage = self.stage();
        let wrong = |action: &'static str| CaseError::WrongStage { stage: stage.label(), action };
        match (&event, &stage) {
            (Event::Received { .. }, Stage::New) => {}
            (Event::Received { .. }, _) => return Err(wrong("再次登记收到")),
            (Event::CorrectionRequested { on, items, deadline }, Stage::Open) => {
                if self.events.iter().any(|e| matches!(e, Event::CorrectionRequested { .. })) {
                    return Err(CaseError::CorrectionAlreadyAsked);
                }
                // The corrected application restarts the period (Art. 30), which would silently
                // drop an extension already granted on the old one.
                if self.events.iter().any(|e| matches!(e, Event::Extended { .. })) {
                    return Err(CaseError::CorrectionAfterExtension);
                }
                if items.iter().all(|i| i.trim().is_empty()) {
                    return Err(CaseError::NoCorrectionItems);
                }
                if deadline <= on {
                    return Err(CaseError::BadCorrectionDeadline);
                }
                if let Some(limit) = self.correction_limit(cal)?
                    && *on > limit
                {
                    return Err(CaseError::CorrectionTooLate { limit });
                }
            }
            (Event::CorrectionRequested { .. }, _) => return Err(wrong("要求补正")),
            (Event::Corrected { on, late_reason }, Stage::AwaitingCorrection { deadline }) => {
                if on > deadline && late_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    return Err(CaseError::CorrectedLate { deadline: *deadline });
                }
            }
            (Event::Corrected { .. }, _) => return Err(wrong("登记补正")),
            (Event::CorrectionLapsed { on }, Stage::AwaitingCorrection { deadline }) => {
                if on <= deadline {
                    return Err(CaseError::CorrectionNotLapsed { deadline: *deadline });
                }
            }
            (Event::CorrectionLapsed { .. }, _) => return Err(wrong("认定逾期未补正")),
            (Event::ConsultationStarted { on, served_on, .. }, Stage::Open) => {
                if served_on.is_some_and(|s| s < *on) {
                    return Err(CaseError::ServedBeforeSent);
                }
                if let Some(due) = self.deadline(cal)?.due
                    && *on > due
                {
                    return Err(CaseError::ConsultationAfterDeadline { due });
                }
            }
            (Event::ConsultationStarted { .. }, _) => return Err(wrong("征求意见")),
            (Event::ConsultationEnded { .. }, Stage::Consulting { .. }) => {}
            (Event::ConsultationEnded { .. }, _) => return Err(wrong("结束征求意见")),
            (Event::Extended { on, days, approved_by }, Stage::Open | Stage::Consulting { .. }) => {
                if self.events.iter().any(|e| matches!(e, Event::Extended { .. })) {
                    return Err(CaseError::AlreadyExtended);
                }
                if *days == 0 || *days > MAX_EXTENSION_DAYS {
                    return Err(CaseError::ExtensionTooLong);
                }
                if approved_by.trim().is_empty() {
                    return Err(CaseError::ExtensionNotApproved);
                }
                if let Some(due) = self.deadline(cal)?.due
                    && *on > due
                {
                    return Err(CaseError::ExtensionAfterDeadline { due });
                }
            }
            (Event::Extended { .. }, _) => return Err(wrong("延长答复期限")),
            (Event::ReasonsRequested { .. }, Stage::Open) => {}
            (Event::ReasonsRequested { .. }, _) => return Err(wrong("要求说明理由")),
            (Event::Deferred { on, until }, Stage::AwaitingReasons { .. }) => {
                if until <= on {
                    return Err(CaseError::BadDeferral);
                }
            }
            (Event::Deferred { .. }, _) => return Err(wrong("确定延迟答复期限")),
            (Event::FeeNoticed { on, served_on, amount_fen }, Stage::Open) => {
                if *amount_fen <= 0 {
                    return Err(CaseError::NoFee);
                }
                if served_on < on {
                    return Err(CaseError::ServedBeforeSent);
                }
                if let Some(due) = self.deadline(cal)?.due
                    && *on > due
                {
                    return Err(CaseError::FeeNoticeAfterDeadline { due });
                }
            }
            (Event::FeeNoticed { .. }, _) => return Err(wrong("发出收费通知")),
            (Event::FeePaid { on }, Stage::AwaitingFee { served_on }) => {
                let pay_by = Case::pay_by(cal, *served_on)?;
                if *on > pay_by {
                    return Err(CaseError::PaidLate { pay_by });
                }
            }
            (Event::FeePaid { .. }, _) => return Err(wrong("登记缴费")),
            (Event::FeeLapsed { on }, Stage::AwaitingFee { served_on }) => {
                let pay_by = Case::pay_by(cal, *served_on)?;
                if *on <= pay_by {
                    return Err(CaseError::FeeNotLapsed { pay_by });
                }
            }
            (Event::FeeLapsed { .. }, _) => return Err(wrong("认定逾期未缴费")),
            (Event::Replied { outcome, .. }, _)
                if matches!(outcome, ReplyType::AbandonedNoCorrection | ReplyType::AbandonedUnpaidFee) =>
            {
                return Err(CaseError::NotAReply(outcome.label()));
            }
            // Art. 35: 不予处理 for excessive requests only while the applicant's reasons are
            // awaited or judged unreasonable (below); from an open case it never applies, as
            // reasons found reasonable lead to a deferral instead.
            (Event::Replied { outcome: ReplyType::Excessive, .. }, Stage::Open) => {
                return Err(CaseError::ReasonsNotAsked);
            }
            // Art. 30: "still unclear" presupposes a 补正 that was answered.
            (Event::Replied { outcome: ReplyType::UnclearAfterCorrection, .. }, Stage::Open)
                if !self.events.iter().any(|e| matches!(e, Event::Corrected { .. })) =>
            {
                return Err(CaseError::NotCorrected);
            }
            (Event::Replied { .. }, Stage::Open) => {}
            // Unreasonable reasons end the case with 不予处理 (Art. 35).
            (Event::Replied { outcome: ReplyType::Excessive, .. }, Stage::AwaitingReasons { .. }) => {}
            (Event::Replied { .. }, _) => return Err(wrong("答复")),
            (Event::Withdrawn { .. }, s) if !s.is_closed() => {}
            (Event::Withdrawn { .. }, _) => return Err(wrong("撤回")),
            (Event::Archived { .. }, Stage::Closed { .. }) => {}
            (Event::Archived { .. }, _) => return Err(wrong("归档")),
        }
        self.events.push(event);
        Ok(())
    }

    /// The reply deadline with its explanation (条例 Arts. 30–35).
    pub fn deadline(&self, cal: &WorkCalendar) -> Result<Deadline, CaseError> {
        let mut steps = Vec::new();
        let mut due: Option<Date> = None;
        let mut stopped: Option<String> = None;
        let mut paused_since: Option<Date> = None;
        // A consultation pauses the clock for a bounded time: its start, the last day the party
        // may answer (if the calendar reaches it), and the deadline when it started.
        let mut consulting: Option<(Date, Option<Date>, Option<Date>)> = None;
        let d = format_date;
        for e in &self.events {
            match e {
                Event::Received { on } => {
                    let base = cal.add_working_days(*on, REPLY_DAYS)?;
                    steps.push(Step {
                        text: format!("收到申请之日为 {}", d(*on)), article: "《条例》第三十一条"
                    });
                    steps.push(Step {
                        text: format!("自收到申请之日起 20 个工作日内答复（收到之日不计入）：{}", d(base)),
                        article: "《条例》第三十三条第二款",
                    });
                    due = Some(base);
                }
                Event::CorrectionRequested { on, deadline, .. } => {
                    steps.push(Step {
                        text: format!(
                            "{} 一次性告知补正，补正期限 {}；等待补正期间不计算答复期限",
                            d(*on),
                            d(*deadline)
                        ),
                        article: "《条例》第三十条",
                    });
                    stopped = Some(format!("等待申请人补正（期限 {}）", d(*deadline)));
                }
                Event::Corrected { on, .. } => {
                    let base = cal.add_working_days(*on, REPLY_DAYS)?;
                    steps.push(Step {
                        text: format!("{} 收到补正后的申请，答复期限自该日起重新计算：{}", d(*on), d(base)),
                        article: "《条例》第三十条",
                    });
                    due = Some(base);
                    stopped = None;
                }
                Event::ConsultationStarted { on, party, served_on } => {
                    let served = served_on.unwrap_or(*on);
                    // The party's last day may fall in a year whose notice is not loaded yet.
                    let (by, uncovered) = match Case::answer_by(cal, served) {
                        Ok(b) => (Some(b), None),
                        Err(CalendarError::YearNotCovered(y)) => (None, Some(y)),
                        Err(e) => return Err(e.into()),
                    };
                    consulting = Some((*on, by, due));
                    let within =
                        by.map_or_else(|| "15 个工作日内".to_string(), |b| format!("15 个工作日内（{}前）", d(b)));
                    steps.push(Step {
                        text: format!(
                            "{} 向{}发出征求意见书（{} 送达），征求意见时间不计入答复期限；{}应在收到后{within}提出意见，逾期未提出的由本机关依法决定",
                            d(*on),
                            party.label(),
                            d(served),
                            party.label(),
                        ),
                        article: party.article(),
                    });
                    // While waiting, the deadline shown is the latest one: the pause ends at the
                    // latest when the party's time runs out.
                    if let Some(current) = due {
                        let latest = match by {
                            Some(b) => cal.working_days_between(*on, b).and_then(|p| cal.add_working_days(current, p)),
                            None => Err(CalendarError::YearNotCovered(uncovered.unwrap_or(served.year()))),
                        };
                        match latest {
                            Ok(latest) => {
                                steps.push(Step {
                                    text: format!(
                                        "征求意见期间答复期限暂停；如对方逾期未提出意见，答复期限最迟为 {}",
                                        d(latest)
                                    ),
                                    article: "《条例》第三十三条第三款",
                                });
                                due = Some(latest);
                            }
                            // Not guessed: the date is known once the consultation ends, or
                            // once that year's notice is loaded.
                            Err(CalendarError::YearNotCovered(year)) => {
                                stopped = Some(format!(
                                    "征求{}意见中；最迟答复期限在 {year} 年，需载入该年节假日安排后才能计算",
                                    party.label()
                                ));
                            }
                            Err(e) => return Err(e.into()),
                        }
                    }
                }
                Event::ConsultationEnded { on } => {
                    if let Some((start, by, before)) = consulting.take() {
                        let overran = by.filter(|b| on > b);
                        let paused = cal.working_days_between(start, overran.unwrap_or(*on))?;
                        if let Some(base) = before {
                            let moved = cal.add_working_days(base, paused)?;
                            let text = match overran {
                                Some(b) => format!(
                                    "{} 征求意见结束；对方逾期未提出意见，不计入答复期限的时间以其答复期限 {} 为止，共 {} 个工作日：{}",
                                    d(*on),
                                    d(b),
                                    paused,
                                    d(moved)
                                ),
                                None => {
                                    format!("{} 征求意见结束，{} 个工作日不计入答复期限：{}", d(*on), paused, d(moved))
                                }
                            };
                            steps.push(Step { text, article: "《条例》第三十三条第三款" });
                            due = Some(moved);
                        }
                    }
                    stopped = None;
                }
                Event::Extended { days, approved_by, .. } => {
                    if let Some(current) = due {
                        let moved = cal.add_working_days(current, *days)?;
                        steps.push(Step {
                            text: format!("经政府信息公开工作机构负责人（{approved_by}）同意并告知申请人，延长 {days} 个工作日：{}", d(moved)),
                            article: "《条例》第三十三条第二款",
                        });
                        due = Some(moved);
                    }
                    // Granted during a consultation: the deadline it resumes from moves too.
                    if let Some((_, _, Some(base))) = &mut consulting {
                        *base = cal.add_working_days(*base, *days)?;
                    }
                }
                Event::ReasonsRequested { on } => steps.push(Step {
                    text: format!("{} 要求申请人说明理由（申请数量、频次明显超过合理范围）", d(*on)),
                    article: "《条例》第三十五条",
                }),
                Event::Deferred { until, .. } => {
                    steps.push(Step {
                        text: format!(
                            "申请人说明的理由合理，但无法在规定期限内答复，确定延迟答复的期限：{}",
                            d(*until)
                        ),
                        article: "《条例》第三十五条",
                    });
                    due = Some(*until);
                }
                Event::FeeNoticed { on, served_on, .. } => {
                    paused_since = Some(*served_on);
                    let by = Case::pay_by(cal, *served_on)?;
                    stopped = Some(format!("等待申请人缴纳信息处理费（期限 {}）", d(by)));
                    steps.push(Step {
                        text: format!("{} 发出收费通知，申请人 {} 收到，应在其后 20 个工作日内（{}前）缴费；等待缴费期间不计算答复期限", d(*on), d(*served_on), d(by)),
                        article: "国办函〔2020〕109号",
                    });
                }
                Event::FeePaid { on } => {
                    if let (Some(start), Some(current)) = (paused_since.take(), due) {
                        let paused = cal.working_days_between(start, *on)?;
                        let moved = cal.add_working_days(current, paused)?;
                        steps.push(Step {
                            text: format!(
                                "{} 缴费，等待缴费的 {} 个工作日不计入答复期限：{}",
                                d(*on),
                                paused,
                                d(moved)
                            ),
                            article: "国办函〔2020〕109号",
                        });
                        due = Some(moved);
                    }
                    stopped = None;
                }
                Event::CorrectionLapsed { .. }
                | Event::FeeLapsed { .. }
                | Event::Replied { .. }
                | Event::Withdrawn { .. } => {
                    steps.push(Step { text: format!("{} {}", d(e.on()), e.describe()), article: closing_article(e) });
                    due = None;
                    stopped = None;
                }
                Event::Archived { .. } => {}
            }
        }
        let due = if stopped.is_some() { None } else { due };
        Ok(Deadline { due, stopped, steps })
    }

    /// Where the deadline stands today, if the clock runs.
    pub fn due_status(&self, cal: &WorkCalendar, today: Date) -> Result<Option<DueStatus>, CaseError> {
        match self.deadline(cal)?.due {
            Some(due) if !self.stage().is_closed() => Ok(Some(DueStatus::on(cal, due, today)?)),
            _ => Ok(None),
        }
    }

    /// Whether the reply was late: replied after the deadline that applied at that moment.
    pub fn replied_late(&self, cal: &WorkCalendar) -> Result<Option<bool>, CaseError> {
        let Some(pos) = self.events.iter().position(|e| matches!(e, Event::Replied { .. })) else { return Ok(None) };
        let before = Case { events: self.events[..pos].to_vec() };
        Ok(before.deadline(cal)?.due.map(|due| self.events[pos].on() > due))
    }
}

fn closing_article(e: &Event) -> &'static str {
    match e {
        Event::CorrectionLapsed { .. } => "《条例》第三十条",
        Event::FeeLapsed { .. } => "国办函〔2020〕109号",
        Event::Replied { outcome, .. } => outcome_article(*outcome),
        // No article governs a withdrawal; the basis is the applicant's own act, counted under
        // table 三(六)3 其他.
        Event::Withdrawn { .. } => "申请人撤回申请",
        _ => "",
    }
}

/// The article a reply rests on.
pub fn outcome_article(outcome: ReplyType) -> &'static str {
    match outcome {
        ReplyType::AlreadyPublic => "《条例》第三十六条第（一）项",
        ReplyType::Disclosed => "《条例》第三十六条第（二）项",
        ReplyType::PartiallyDisclosed => "《条例》第三十七条",
        ReplyType::Withheld(_) => "《条例》第三十六条第（三）项",
        ReplyType::SpecialRegister => "《条例》第三十六条第（七）项",
        ReplyType::NotExist => "《条例》第三十六条第（四）项",
        ReplyType::NotThisAgency => "《条例》第三十六条第（五）项",
        ReplyType::NeedsCreation => "《条例》第三十八条",
        ReplyType::UnclearAfterCorrection => "《条例》第三十条",
        ReplyType::Petition | ReplyType::Publication => "《条例》第三十九条",
        ReplyType::Repeat => "《条例》第三十六条第（六）项",
        ReplyType::Excessive => "《条例》第三十五条",
        // The same articles as its notice (`NoticeKind::articles`).
        ReplyType::ConfirmOrReissue => "《条例》第二条、第三十八条",
        ReplyType::Other => "《条例》第三十六条",
        ReplyType::AbandonedNoCorrection => "《条例》第三十条",
        ReplyType::AbandonedUnpaidFee => "国办函〔2020〕109号",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::WithholdingGround;
    use proptest::prelude::*;
    use time::macros::date;

    fn cal() -> WorkCalendar {
        WorkCalendar::official()
    }

    fn received(on: Date) -> Case {
        let mut c = Case::new();
        c.apply(Event::Received { on }, &cal()).unwrap();
        c
    }

    fn due(c: &Case) -> Option<Date> {
        c.deadline(&cal()).unwrap().due
    }

    #[test]
    fn twenty_working_days_from_receipt_across_spring_festival() {
        // 2024-02-01 (Thu). Counted from the next day: 02-02, 02-04 (Sunday, 调休上班), 02-05 … 02-09,
        // then 02-10 to 02-17 off, 02-18 (Sunday, 调休上班) … 03-05 is the 20th working day.
        let c = received(date!(2024 - 02 - 01));
        assert_eq!(due(&c), Some(date!(2024 - 03 - 05)));
        let steps = c.deadline(&cal()).unwrap().steps;
        assert!(steps.iter().any(|s| s.article == "《条例》第三十三条第二款" && s.text.contains("2024-03-05")));
    }

    #[test]
    fn correction_must_be_asked_within_seven_working_days_and_only_once() {
        let mut c = received(date!(2024 - 02 - 01));
        // The 7th working day after 02-01 is 02-09 (02-04 is a working Sunday).
        assert_eq!(c.correction_limit(&cal()).unwrap(), Some(date!(2024 - 02 - 09)));
        let late = Event::CorrectionRequested {
            on: date!(2024 - 02 - 18),
            items: vec!["请写明文号".into()],
            deadline: date!(2024 - 03 - 01),
        };
        assert_eq!(c.apply(late, &cal()), Err(CaseError::CorrectionTooLate { limit: date!(2024 - 02 - 09) }));
        let empty = Event::CorrectionRequested {
            on: date!(2024 - 02 - 05),
            items: vec![" ".into()],
            deadline: date!(2024 - 02 - 20),
        };
        assert_eq!(c.apply(empty, &cal()), Err(CaseError::NoCorrectionItems));
        assert_eq!(c.events().len(), 1, "refused events change nothing");
        c.apply(
            Event::CorrectionRequested {
                on: date!(2024 - 02 - 09),
                items: vec!["请写明所需信息的文号".into()],
                deadline: date!(2024 - 02 - 23),
            },
            &cal(),
        )
        .unwrap();
        assert_eq!(due(&c), None, "the clock stops while waiting for the correction");
        assert!(c.deadline(&cal()).unwrap().stopped.unwrap().contains("2024-02-23"));
        c.apply(Event::Corrected { on: date!(2024 - 02 - 20), late_reason: None }, &cal()).unwrap();
        // The period starts again from the corrected application (Art. 30): 20 working days after 02-20.
        assert_eq!(due(&c), Some(date!(2024 - 03 - 19)));
        let again = Event::CorrectionRequested {
            on: date!(2024 - 02 - 21),
            items: vec!["x".into()],
            deadline: date!(2024 - 03 - 01),
        };
        assert_eq!(c.apply(again, &cal()), Err(CaseError::CorrectionAlreadyAsked));
    }

    #[test]
    fn a_lapsed_correction_abandons_the_application() {
        let mut c = received(date!(2024 - 03 - 04));
        c.apply(
            Event::CorrectionRequested {
                on: date!(2024 - 03 - 05),
                items: vec!["x".into()],
                deadline: date!(2024 - 03 - 19),
            },
            &cal(),
        )
        .unwrap();
        assert_eq!(
            c.apply(Event::CorrectionLapsed { on: date!(2024 - 03 - 19) }, &cal()),
            Err(CaseError::CorrectionNotLapsed { deadline: date!(2024 - 03 - 19) })
        );
        assert_eq!(
            c.clone().apply(Event::Corrected { on: date!(2024 - 03 - 20), late_reason: None }, &cal()),
            Err(CaseError::CorrectedLate { deadline: date!(2024 - 03 - 19) })
        );
        c.apply(Event::CorrectionLapsed { on: date!(2024 - 03 - 20) }, &cal()).unwrap();
        assert_eq!(c.stage().outcome(), Some(ReplyType::AbandonedNoCorrection));
        assert_eq!(due(&c), None);
    }

    #[test]
    fn consultation_time_does_not_count() {
        let mut c = received(date!(2024 - 03 - 04));
        let base = due(&c).unwrap();
        assert_eq!(base, date!(2024 - 04 - 01));
        let start = |served_on| Event::ConsultationStarted {
            on: date!(2024 - 03 - 11),
            party: ConsultationParty::ThirdParty,
            served_on,
        };
        assert_eq!(c.clone().apply(start(Some(date!(2024 - 03 - 08))), &cal()), Err(CaseError::ServedBeforeSent));
        c.apply(start(None), &cal()).unwrap();
        assert_eq!(Case::answer_by(&cal(), date!(2024 - 03 - 11)).unwrap(), date!(2024 - 04 - 01));
        // While waiting, the deadline is the latest possible one: 03-12 … 04-01 are 15 working
        // days, so 15 working days after 04-01 (清明节 04-04 to 04-06, 04-07 调休上班).
        assert_eq!(due(&c), Some(cal().add_working_days(base, 15).unwrap()));
        c.apply(Event::ConsultationEnded { on: date!(2024 - 03 - 22) }, &cal()).unwrap();
        // 03-12 … 03-22 are 9 working days; the deadline moves by 9 working days from 04-01:
        // 04-02, 04-03, (04-04 to 04-06 清明节), 04-07 (Sunday, 调休上班), 04-08 … 04-12, 04-15.
        assert_eq!(due(&c), Some(date!(2024 - 04 - 15)));
    }

    #[test]
    fn a_consultation_pauses_the_clock_at_most_until_the_party_must_answer() {
        let mut c = received(date!(2024 - 03 - 04));
        // Served three days after sending: the party's 15 working days run from 03-14.
        let served = date!(2024 - 03 - 14);
        c.apply(
            Event::ConsultationStarted {
                on: date!(2024 - 03 - 11),
                party: ConsultationParty::CoProducer,
                served_on: Some(served),
            },
            &cal(),
        )
        .unwrap();
        let by = Case::answer_by(&cal(), served).unwrap();
        assert_eq!(by, date!(2024 - 04 - 07));
        // Ended long after the party's time ran out: only the days until `by` are not counted.
        c.apply(Event::ConsultationEnded { on: date!(2024 - 05 - 20) }, &cal()).unwrap();
        let paused = cal().working_days_between(date!(2024 - 03 - 11), by).unwrap();
        assert_eq!(due(&c), Some(cal().add_working_days(date!(2024 - 04 - 01), paused).unwrap()));
        // And it shows up as overdue rather than waiting for ever.
        assert!(matches!(c.due_status(&cal(), date!(2024 - 05 - 20)), Ok(Some(DueStatus::Overdue { .. }))));
    }

    #[test]
    fn an_extension_during_a_consultation_survives_its_end() {
        let mut c = received(date!(2024 - 03 - 04));
        c.apply(
            Event::ConsultationStarted {
                on: date!(2024 - 03 - 11),
                party: ConsultationParty::ThirdParty,
                served_on: None,
            },
            &cal(),
        )
        .unwrap();
        c.apply(Event::Extended { on: date!(2024 - 03 - 15), days: 10, approved_by: "王主任".into() }, &cal()).unwrap();
        c.apply(Event::ConsultationEnded { on: date!(2024 - 03 - 22) }, &cal()).unwrap();
        // 9 paused working days (see above) then 10 more.
        assert_eq!(due(&c), Some(cal().add_working_days(date!(2024 - 04 - 15), 10).unwrap()));
    }

    #[test]
    fn a_latest_deadline_beyond_the_loaded_calendar_is_not_guessed() {
        let mut c = received(date!(2026 - 11 - 20));
        c.apply(
            Event::ConsultationStarted {
                on: date!(2026 - 12 - 01),
                party: ConsultationParty::ThirdParty,
                served_on: None,
            },
            &cal(),
        )
        .unwrap();
        let d = c.deadline(&cal()).unwrap();
        assert_eq!(d.due, None);
        assert!(d.stopped.unwrap().contains("2027 年"));
        // Once it ends, the paused days are known and the date falls in 2026 again.
        c.apply(Event::ConsultationEnded { on: date!(2026 - 12 - 04) }, &cal()).unwrap();
        let base = cal().add_working_days(date!(2026 - 11 - 20), 20).unwrap();
        assert_eq!(due(&c), Some(cal().add_working_days(base, 3).unwrap()));
    }

    #[test]
    fn a_party_deadline_beyond_the_loaded_calendar_does_not_break_the_case() {
        let mut c = received(date!(2026 - 11 - 20));
        // Served 12-14: the party's 15 working days end in January 2027, not loaded.
        c.apply(
            Event::ConsultationStarted {
                on: date!(2026 - 12 - 10),
                party: ConsultationParty::CoProducer,
                served_on: Some(date!(2026 - 12 - 14)),
            },
            &cal(),
        )
        .unwrap();
        let d = c.deadline(&cal()).unwrap();
        assert_eq!(d.due, None);
        assert!(d.stopped.unwrap().contains("2027 年"));
        // The case can still be handled: an extension is recorded, the consultation ends.
        c.apply(Event::Extended { on: date!(2026 - 12 - 15), days: 5, approved_by: "王主任".into() }, &cal()).unwrap();
        c.apply(Event::ConsultationEnded { on: date!(2026 - 12 - 16) }, &cal()).unwrap();
        let base = cal().add_working_days(date!(2026 - 11 - 20), 20).unwrap();
        let paused = cal().working_days_between(date!(2026 - 12 - 10), date!(2026 - 12 - 16)).unwrap();
        assert_eq!(paused, 4);
        assert_eq!(due(&c), Some(cal().add_working_days(base, 5 + paused).unwrap()));
    }

    #[test]
    fn no_consultation_after_the_deadline() {
        let mut c = received(date!(2024 - 03 - 04));
        assert_eq!(
            c.apply(
                Event::ConsultationStarted {
                    on: date!(2024 - 04 - 02),
                    party: ConsultationParty::ThirdParty,
                    served_on: None
                },
                &cal()
            ),
            Err(CaseError::ConsultationAfterDeadline { due: date!(2024 - 04 - 01) })
        );
    }

    #[test]
    fn replies_that_presuppose_an_earlier_step_need_it() {
        let reply = |outcome| Event::Replied { on: date!(2024 - 03 - 20), outcome };
        let c = received(date!(2024 - 03 - 04));
        assert_eq!(c.clone().apply(reply(ReplyType::Excessive), &cal()), Err(CaseError::ReasonsNotAsked));
        assert_eq!(c.clone().apply(reply(ReplyType::UnclearAfterCorrection), &cal()), Err(CaseError::NotCorrected));
        let mut asked = c.clone();
        asked.apply(Event::ReasonsRequested { on: date!(2024 - 03 - 06) }, &cal()).unwrap();
        asked.apply(reply(ReplyType::Excessive), &cal()).unwrap();
        let mut corrected = c.clone();
        let items = vec!["请说明文件名称".to_string()];
        corrected
            .apply(
                Event::CorrectionRequested { on: date!(2024 - 03 - 05), items, deadline: date!(2024 - 03 - 15) },
                &cal(),
            )
            .unwrap();
        corrected.apply(Event::Corrected { on: date!(2024 - 03 - 08), late_reason: None }, &cal()).unwrap();
        corrected.apply(reply(ReplyType::UnclearAfterCorrection), &cal()).unwrap();
    }

    #[test]
    fn no_correction_after_an_extension_and_no_fee_served_before_it_was_sent() {
        let mut c = received(date!(2024 - 03 - 04));
        c.apply(Event::Extended { on: date!(2024 - 03 - 05), days: 5, approved_by: "王主任".into() }, &cal()).unwrap();
        let items = vec!["请说明文件名称".to_string()];
        assert_eq!(
            c.clone().apply(
                Event::CorrectionRequested { on: date!(2024 - 03 - 06), items, deadline: date!(2024 - 03 - 15) },
                &cal()
            ),
            Err(CaseError::CorrectionAfterExtension)
        );
        assert_eq!(
            c.apply(
                Event::FeeNoticed { on: date!(2024 - 03 - 08), served_on: date!(2024 - 03 - 07), amount_fen: 10_000 },
                &cal()
            ),
            Err(CaseError::ServedBeforeSent)
        );
    }

    #[test]
    fn one_extension_of_at_most_twenty_working_days_approved_before_the_deadline() {
        let mut c = received(date!(2024 - 03 - 04));
        let ext = |days, by: &str, on| Event::Extended { on, days, approved_by: by.into() };
        assert_eq!(c.apply(ext(21, "王主任", date!(2024 - 03 - 20)), &cal()), Err(CaseError::ExtensionTooLong));
        assert_eq!(c.apply(ext(10, " ", date!(2024 - 03 - 20)), &cal()), Err(CaseError::ExtensionNotApproved));
        assert_eq!(
            c.apply(ext(10, "王主任", date!(2024 - 04 - 02)), &cal()),
            Err(CaseError::ExtensionAfterDeadline { due: date!(2024 - 04 - 01) })
        );
        c.apply(ext(20, "王主任", date!(2024 - 03 - 28)), &cal()).unwrap();
        assert_eq!(due(&c), Some(cal().add_working_days(date!(2024 - 04 - 01), 20).unwrap()));
        assert_eq!(c.apply(ext(1, "王主任", date!(2024 - 03 - 29)), &cal()), Err(CaseError::AlreadyExtended));
    }

    #[test]
    fn article_35_reasons_then_deferral_or_refusal() {
        let mut c = received(date!(2024 - 03 - 04));
        c.apply(Event::ReasonsRequested { on: date!(2024 - 03 - 05) }, &cal()).unwrap();
        assert_eq!(
            c.apply(Event::Replied { on: date!(2024 - 03 - 06), outcome: ReplyType::Disclosed }, &cal())
                .unwrap_err()
                .to_string(),
            "当前状态为“待说明理由”，不能答复"
        );
        let mut deferred = c.clone();
        deferred.apply(Event::Deferred { on: date!(2024 - 03 - 10), until: date!(2024 - 05 - 31) }, &cal()).unwrap();
        assert_eq!(due(&deferred), Some(date!(2024 - 05 - 31)));
        c.apply(Event::Replied { on: date!(2024 - 03 - 12), outcome: ReplyType::Excessive }, &cal()).unwrap();
        assert_eq!(c.stage().outcome(), Some(ReplyType::Excessive));
    }

    #[test]
    fn fees_stop_the_clock_and_lapse_into_abandonment() {
        let mut c = received(date!(2024 - 03 - 04));
        c.apply(
            Event::FeeNoticed { on: date!(2024 - 03 - 11), served_on: date!(2024 - 03 - 12), amount_fen: 10_000 },
            &cal(),
        )
        .unwrap();
        // 20 working days from the day after receipt of the notice (03-12): 04-10 (清明 04-04 to 04-06, 04-07 works).
        assert_eq!(Case::pay_by(&cal(), date!(2024 - 03 - 12)).unwrap(), date!(2024 - 04 - 10));
        let mut paid = c.clone();
        paid.apply(Event::FeePaid { on: date!(2024 - 03 - 15) }, &cal()).unwrap();
        // 03-13 … 03-15 are 3 working days: the deadline 04-01 moves to 04-07 (a working Sunday).
        assert_eq!(due(&paid), Some(date!(2024 - 04 - 07)));
        assert!(matches!(
            c.apply(Event::FeeLapsed { on: date!(2024 - 04 - 10) }, &cal()),
            Err(CaseError::FeeNotLapsed { .. })
        ));
        c.apply(Event::FeeLapsed { on: date!(2024 - 04 - 11) }, &cal()).unwrap();
        assert_eq!(c.stage().outcome(), Some(ReplyType::AbandonedUnpaidFee));
    }

    #[test]
    fn replies_close_and_archive_and_abandonment_is_not_a_reply() {
        let mut c = received(date!(2024 - 03 - 04));
        assert!(matches!(
            c.apply(Event::Replied { on: date!(2024 - 03 - 05), outcome: ReplyType::AbandonedUnpaidFee }, &cal()),
            Err(CaseError::NotAReply(_))
        ));
        assert!(matches!(
            c.apply(Event::Archived { on: date!(2024 - 03 - 05) }, &cal()),
            Err(CaseError::WrongStage { .. })
        ));
        c.apply(
            Event::Replied { on: date!(2024 - 04 - 02), outcome: ReplyType::Withheld(WithholdingGround::ThirdParty) },
            &cal(),
        )
        .unwrap();
        assert_eq!(c.replied_late(&cal()).unwrap(), Some(true), "04-01 was the last day");
        c.apply(Event::Archived { on: date!(2024 - 04 - 03) }, &cal()).unwrap();
        assert_eq!(c.stage().code(), "archived");
        assert!(matches!(
            c.apply(Event::Withdrawn { on: date!(2024 - 04 - 04) }, &cal()),
            Err(CaseError::WrongStage { .. })
        ));
        assert!(matches!(
            c.apply(Event::Archived { on: date!(2024 - 04 - 01) }, &cal()),
            Err(CaseError::BeforePrevious { .. })
        ));
    }

    #[test]
    fn due_soon_and_overdue() {
        let due = date!(2024 - 04 - 01);
        assert_eq!(
            DueStatus::on(&cal(), due, date!(2024 - 03 - 20)).unwrap(),
            DueStatus::OnTime { working_days_left: 8 }
        );
        assert_eq!(
            DueStatus::on(&cal(), due, date!(2024 - 03 - 27)).unwrap(),
            DueStatus::DueSoon { working_days_left: 3 }
        );
        assert_eq!(
            DueStatus::on(&cal(), due, date!(2024 - 04 - 01)).unwrap(),
            DueStatus::DueSoon { working_days_left: 0 }
        );
        // 04-02 and 04-03 are working days, 04-04 to 04-06 are 清明节, 04-07 works.
        assert_eq!(
            DueStatus::on(&cal(), due, date!(2024 - 04 - 07)).unwrap(),
            DueStatus::Overdue { working_days_late: 3 }
        );
    }

    #[test]
    fn a_deadline_reaching_an_uncovered_year_is_an_error_not_a_guess() {
        let c = received(date!(2026 - 12 - 20));
        assert!(matches!(c.deadline(&cal()), Err(CaseError::Calendar(CalendarError::YearNotCovered(2027)))));
    }

    #[test]
    fn events_round_trip_through_json() {
        let mut c = received(date!(2024 - 03 - 04));
        c.apply(
            Event::ConsultationStarted {
                on: date!(2024 - 03 - 05),
                party: ConsultationParty::CoProducer,
                served_on: Some(date!(2024 - 03 - 06)),
            },
            &cal(),
        )
        .unwrap();
        let json = serde_json::to_string(c.events()).unwrap();
        let back: Vec<Event> = serde_json::from_str(&json).unwrap();
        assert_eq!(Case::from_events(back, &cal()).unwrap(), c);
    }

    fn covered_date() -> impl Strategy<Value = Date> {
        (0i64..3000).prop_map(|d| date!(2016 - 01 - 01) + time::Duration::days(d))
    }

    proptest! {
        #[test]
        fn consultations_move_the_deadline_by_exactly_the_working_days_they_took(
            received in covered_date(), start_off in 0u32..15, length in 0u32..30,
        ) {
            let cal = cal();
            let mut c = Case::new();
            c.apply(Event::Received { on: received }, &cal).unwrap();
            let base = c.deadline(&cal).unwrap().due.unwrap();
            let start = received + time::Duration::days(i64::from(start_off));
            let end = start + time::Duration::days(i64::from(length));
            c.apply(Event::ConsultationStarted { on: start, party: ConsultationParty::ThirdParty, served_on: None }, &cal).unwrap();
            c.apply(Event::ConsultationEnded { on: end }, &cal).unwrap();
            // Never longer than the party's 15 working days to answer.
            let by = Case::answer_by(&cal, start).unwrap();
            let paused = cal.working_days_between(start, end.min(by)).unwrap();
            let moved = c.deadline(&cal).unwrap().due.unwrap();
            prop_assert_eq!(cal.working_days_between(base, moved).unwrap(), paused);
            prop_assert!(cal.is_working_day(moved).unwrap());
        }

        #[test]
        fn the_deadline_is_always_a_working_day_twenty_working_days_on(received in covered_date()) {
            let cal = cal();
            let c = { let mut c = Case::new(); c.apply(Event::Received { on: received }, &cal).unwrap(); c };
            let due = c.deadline(&cal).unwrap().due.unwrap();
            prop_assert_eq!(cal.working_days_between(received, due).unwrap(), REPLY_DAYS);
            prop_assert!(cal.is_working_day(due).unwrap());
        }
    }
}
