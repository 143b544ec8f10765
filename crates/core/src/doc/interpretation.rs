//! 政策解读: every policy document is interpreted by the agency that drafted it (谁起草、谁解读),
//! and the interpretation is published with it (同步起草、同步审签、同步发布), at the latest a few
//! working days after it (国办发〔2016〕80号 一(三); the 3-working-day limit is a local rule,
//! ogi-rules §6, so the limit is a setting with 3 as its default).

use serde::Serialize;
use time::Date;

use crate::calendar::{CalendarError, WorkCalendar};
use crate::doc::{DocNo, IndexNo, PolicyKind, code_enum};

/// The default for how many working days after its policy an interpretation may be published.
pub const DEFAULT_WITHIN_WORKING_DAYS: u32 = 3;

code_enum! {
    /// How an interpretation explains its policy.
    pub enum InterpretationForm {
        Text = ("text", "文字解读"),
        Graphic = ("graphic", "图解"),
        QuestionsAndAnswers = ("qa", "问答"),
        Media = ("media", "音视频"),
    }
}

/// A reference to a policy document as an editor types it: its 文号, or its 索引号.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum PolicyRef {
    DocNo(DocNo),
    IndexNo(IndexNo),
}

impl PolicyRef {
    /// A 文号 if it reads as one, otherwise an 索引号.
    pub fn parse(s: &str) -> Result<PolicyRef, String> {
        let s = s.trim();
        if let Ok(no) = DocNo::parse(s) {
            return Ok(PolicyRef::DocNo(no));
        }
        IndexNo::parse(s)
            .map(PolicyRef::IndexNo)
            .map_err(|_| format!("“{s}”既不是文号（如 温政办〔2017〕62号）也不是索引号"))
    }
}

impl std::fmt::Display for PolicyRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicyRef::DocNo(n) => f.write_str(n.as_str()),
            PolicyRef::IndexNo(n) => f.write_str(n.as_str()),
        }
    }
}

/// What a 解读 says about itself: its form and the policies it interprets (one or more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Interpretation {
    pub form: InterpretationForm,
    /// The audio or video, for [`InterpretationForm::Media`].
    pub media_url: Option<String>,
    pub policies: Vec<PolicyRef>,
}

impl PolicyKind {
    /// 规章, 行政规范性文件 and other 政策文件 are interpreted; other documents are not.
    pub fn needs_interpretation(self) -> bool {
        !matches!(self, PolicyKind::NotPolicy)
    }
}

// Dates as `2024-03-05` in reports.
time::serde::format_description!(ymd, Date, "[year]-[month]-[day]");

/// Where a published policy document stands with its interpretation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum InterpretationStatus {
    /// Interpreted by the last day allowed.
    OnTime {
        #[serde(with = "ymd")]
        due_on: Date,
        #[serde(with = "ymd")]
        interpreted_on: Date,
    },
    /// Interpreted, but after the last day allowed.
    Late {
        #[serde(with = "ymd")]
        due_on: Date,
        #[serde(with = "ymd")]
        interpreted_on: Date,
    },
    /// No interpretation, and the last day allowed has passed.
    Missing {
        #[serde(with = "ymd")]
        due_on: Date,
    },
    /// No interpretation yet; there is still time.
    Pending {
        #[serde(with = "ymd")]
        due_on: Date,
    },
    /// The period runs into a year whose holiday notice is not loaded: not guessed.
    NotCovered { year: i32 },
}

impl InterpretationStatus {
    /// Assesses a policy published on `published_on`, whose first interpretation (if any) was
    /// published on `interpreted_on`, as of `today`, with `within` working days allowed.
    pub fn assess(
        cal: &WorkCalendar,
        published_on: Date,
        interpreted_on: Option<Date>,
        today: Date,
        within: u32,
    ) -> InterpretationStatus {
        let due_on = match cal.add_working_days(published_on, within) {
            Ok(d) => d,
            Err(CalendarError::YearNotCovered(year)) => return InterpretationStatus::NotCovered { year },
            Err(_) => return InterpretationStatus::NotCovered { year: published_on.year() },
        };
        match interpreted_on {
            Some(on) if on <= due_on => InterpretationStatus::OnTime { due_on, interpreted_on: on },
            Some(on) => InterpretationStatus::Late { due_on, interpreted_on: on },
            None if today > due_on => InterpretationStatus::Missing { due_on },
            None => InterpretationStatus::Pending { due_on },
        }
    }

    /// Shown on the dashboards: late or missing.
    pub fn is_flagged(&self) -> bool {
        matches!(self, InterpretationStatus::Late { .. } | InterpretationStatus::Missing { .. })
    }

    pub fn label(&self) -> &'static str {
        match self {
            InterpretationStatus::OnTime { .. } => "按时解读",
            InterpretationStatus::Late { .. } => "解读滞后",
            InterpretationStatus::Missing { .. } => "未解读（已超期）",
            InterpretationStatus::Pending { .. } => "待解读",
            InterpretationStatus::NotCovered { .. } => "无法判断（节假日安排未载入）",
        }
    }

    pub fn due_on(&self) -> Option<Date> {
        match self {
            InterpretationStatus::OnTime { due_on, .. }
            | InterpretationStatus::Late { due_on, .. }
            | InterpretationStatus::Missing { due_on }
            | InterpretationStatus::Pending { due_on } => Some(*due_on),
            InterpretationStatus::NotCovered { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn cal() -> WorkCalendar {
        WorkCalendar::official()
    }

    #[test]
    fn the_limit_counts_working_days_across_a_holiday() {
        // Published Friday 2024-09-27; National Day holiday 10-01..10-07, 09-29 and 10-12 are
        // make-up working days: day 1 = 09-29 (Sunday, working), 2 = 09-30, 3 = 10-08.
        let s = InterpretationStatus::assess(&cal(), date!(2024 - 09 - 27), None, date!(2024 - 10 - 08), 3);
        assert_eq!(s, InterpretationStatus::Pending { due_on: date!(2024 - 10 - 08) });
        let s = InterpretationStatus::assess(&cal(), date!(2024 - 09 - 27), None, date!(2024 - 10 - 09), 3);
        assert_eq!(s, InterpretationStatus::Missing { due_on: date!(2024 - 10 - 08) });
        assert!(s.is_flagged());
    }

    #[test]
    fn same_day_is_on_time_and_after_the_limit_is_late() {
        let p = date!(2025 - 03 - 03);
        let on = InterpretationStatus::assess(&cal(), p, Some(p), date!(2025 - 12 - 31), 3);
        assert!(matches!(on, InterpretationStatus::OnTime { .. }));
        let late = InterpretationStatus::assess(&cal(), p, Some(date!(2025 - 03 - 07)), date!(2025 - 12 - 31), 3);
        assert_eq!(
            late,
            InterpretationStatus::Late { due_on: date!(2025 - 03 - 06), interpreted_on: date!(2025 - 03 - 07) }
        );
        // With a limit of 0 the interpretation must come the same day.
        let strict = InterpretationStatus::assess(&cal(), p, Some(date!(2025 - 03 - 04)), date!(2025 - 12 - 31), 0);
        assert!(strict.is_flagged());
    }

    #[test]
    fn a_period_into_an_unloaded_year_is_not_guessed() {
        let s = InterpretationStatus::assess(&cal(), date!(2026 - 12 - 30), None, date!(2026 - 12 - 31), 3);
        assert_eq!(s, InterpretationStatus::NotCovered { year: 2027 });
        assert!(!s.is_flagged());
    }

    #[test]
    fn only_policy_documents_need_an_interpretation() {
        assert!(PolicyKind::Normative.needs_interpretation());
        assert!(PolicyKind::Rule.needs_interpretation());
        assert!(PolicyKind::OtherPolicy.needs_interpretation());
        assert!(!PolicyKind::NotPolicy.needs_interpretation());
    }
}
