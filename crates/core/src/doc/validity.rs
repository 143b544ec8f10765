//! 有效性: whether a (normative) document is in force.
//!
//! Disclosure pages show 有效性 for 规章 and 行政规范性文件; 温政办〔2017〕62号 二(二)1 asks
//! agencies to mark abolished and expired documents on the original page. The five statuses
//! follow the national legal database convention (ogi-rules §4.6).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::doc::code_enum;

code_enum! {
    pub enum ValidityStatus {
        /// In force.
        Valid = ("valid", "有效"),
        /// Published but its 施行日期 has not come.
        NotYetEffective = ("not-yet-effective", "尚未生效"),
        /// Amended by a later document (which is linked).
        Amended = ("amended", "已修改"),
        /// Its validity period (有效期) has run out.
        Expired = ("expired", "失效"),
        /// Repealed by a later act.
        Repealed = ("repealed", "废止"),
    }
}

/// The validity of a document: its status and the dates that explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    status: ValidityStatus,
    effective_on: Option<Date>,
    expires_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidityError {
    #[error("有效期至（{expires}）不能早于施行日期（{effective}）")]
    ExpiresBeforeEffective { effective: Date, expires: Date },
    #[error("“尚未生效”的文件必须填写施行日期")]
    NotYetEffectiveWithoutDate,
    #[error("“失效”的文件必须填写有效期至")]
    ExpiredWithoutDate,
}

impl Validity {
    /// Checks that the dates are consistent with each other and with the status.
    pub fn new(
        status: ValidityStatus,
        effective_on: Option<Date>,
        expires_on: Option<Date>,
    ) -> Result<Validity, ValidityError> {
        if let (Some(effective), Some(expires)) = (effective_on, expires_on)
            && expires < effective
        {
            return Err(ValidityError::ExpiresBeforeEffective { effective, expires });
        }
        match status {
            ValidityStatus::NotYetEffective if effective_on.is_none() => Err(ValidityError::NotYetEffectiveWithoutDate),
            ValidityStatus::Expired if expires_on.is_none() => Err(ValidityError::ExpiredWithoutDate),
            _ => Ok(Validity { status, effective_on, expires_on }),
        }
    }

    pub fn status(&self) -> ValidityStatus {
        self.status
    }

    /// 施行日期.
    pub fn effective_on(&self) -> Option<Date> {
        self.effective_on
    }

    /// 有效期至.
    pub fn expires_on(&self) -> Option<Date> {
        self.expires_on
    }

    /// Is the document in force (有效 and not before its 施行日期 nor after its 有效期至) on `day`?
    pub fn in_force_on(&self, day: Date) -> bool {
        matches!(self.status, ValidityStatus::Valid | ValidityStatus::NotYetEffective)
            && self.effective_on.is_none_or(|d| d <= day)
            && self.expires_on.is_none_or(|d| day <= d)
    }
}

/// How long a normative document stays in force when it gives no 有效期 of its own: 5 years,
/// 2 for 暂行/试行 ones (local rules implementing 国办发〔2018〕37号; ogi-rules §4.6 — they differ
/// between provinces, so both are settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidityPeriods {
    pub general_years: u8,
    pub interim_years: u8,
}

impl Default for ValidityPeriods {
    fn default() -> Self {
        ValidityPeriods { general_years: 5, interim_years: 2 }
    }
}

/// Months before its 有效期至 that the owning agency is reminded to evaluate a document
/// (ogi-rules §4.6: evaluate within the 6 months before expiry).
pub const REMIND_MONTHS_BEFORE_EXPIRY: u8 = 6;

impl ValidityPeriods {
    /// Is this an interim or trial document (暂行, 试行), with the shorter period?
    pub fn is_interim(title: &str) -> bool {
        title.contains("暂行") || title.contains("试行")
    }

    /// The last day in force of a document taking effect on `effective_on`: the day before
    /// the same date `years` later. A period from 29 February ends on 28 February of a common
    /// year, the month's last day standing in for the missing one (民法典 Art. 202).
    pub fn default_expiry(&self, title: &str, effective_on: Date) -> Date {
        let years = if Self::is_interim(title) { self.interim_years } else { self.general_years };
        let anniversary = add_months(effective_on, i32::from(years) * 12);
        if anniversary.day() != effective_on.day() {
            // Clamped (29 February → 28 February): the month's last day is the last day.
            return anniversary;
        }
        anniversary.previous_day().unwrap_or(effective_on)
    }
}

/// `d` plus `months`, clamped to the end of a shorter month.
pub fn add_months(d: Date, months: i32) -> Date {
    let total = d.year() * 12 + i32::from(u8::from(d.month())) - 1 + months;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let month = time::Month::try_from(month0 as u8 + 1).expect("a month number 1–12");
    let day = d.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(d)
}

/// A change of status that the calendar alone brings about, for the daily duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueChange {
    pub status: ValidityStatus,
    /// The first day of the new status.
    pub since: Date,
}

impl Validity {
    /// What the calendar has done to this validity by `today`: a 尚未生效 document comes into
    /// force on its 施行日期; a document in force (also one in force as amended) expires (失效)
    /// the day after its 有效期至. Repealed and expired documents are left as they are.
    pub fn due_change(&self, today: Date) -> Option<DueChange> {
        let expired_since = self.expires_on.and_then(|d| d.next_day()).filter(|since| *since <= today);
        match self.status {
            ValidityStatus::Valid | ValidityStatus::NotYetEffective | ValidityStatus::Amended
                if expired_since.is_some() =>
            {
                Some(DueChange { status: ValidityStatus::Expired, since: expired_since? })
            }
            ValidityStatus::NotYetEffective => self
                .effective_on
                .filter(|d| *d <= today)
                .map(|since| DueChange { status: ValidityStatus::Valid, since }),
            _ => None,
        }
    }

    /// The day from which the owning agency is reminded that this document expires, if it is
    /// in force with an end date.
    pub fn reminder_from(&self) -> Option<Date> {
        self.is_current().then_some(self.expires_on?).map(|d| add_months(d, -i32::from(REMIND_MONTHS_BEFORE_EXPIRY)))
    }

    /// The same dates with another status (a repeal, an amendment, an expiry, coming into
    /// force). An expiry needs the end date, which the caller supplies if it differs.
    pub fn with_status(&self, status: ValidityStatus, expires_on: Option<Date>) -> Result<Validity, ValidityError> {
        Validity::new(status, self.effective_on, expires_on.or(self.expires_on))
    }

    /// Is the document current law of its agency: in force, in force as amended, or not yet in
    /// force (as opposed to expired or repealed)?
    pub fn is_current(&self) -> bool {
        matches!(self.status, ValidityStatus::Valid | ValidityStatus::NotYetEffective | ValidityStatus::Amended)
    }

    /// Is this status one under which the document is no longer (or not fully) in force, so
    /// that its page carries a banner?
    pub fn needs_banner(&self) -> bool {
        matches!(self.status, ValidityStatus::Amended | ValidityStatus::Expired | ValidityStatus::Repealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn default_periods_are_five_years_and_two_for_interim_titles() {
        let p = ValidityPeriods::default();
        assert_eq!(p.default_expiry("温州市政务公开办法", date!(2020 - 03 - 01)), date!(2025 - 02 - 28));
        assert_eq!(p.default_expiry("温州市政务公开暂行办法", date!(2020 - 03 - 01)), date!(2022 - 02 - 28));
        assert_eq!(p.default_expiry("试行规定", date!(2024 - 02 - 29)), date!(2026 - 02 - 28));
        assert_eq!(p.default_expiry("试行规定", date!(2024 - 02 - 28)), date!(2026 - 02 - 27));
        let short = ValidityPeriods { general_years: 3, interim_years: 1 };
        assert_eq!(short.default_expiry("办法", date!(2021 - 01 - 01)), date!(2023 - 12 - 31));
    }

    #[test]
    fn the_calendar_expires_and_brings_into_force() {
        let v = Validity::new(ValidityStatus::Valid, Some(date!(2020 - 03 - 01)), Some(date!(2025 - 02 - 28))).unwrap();
        assert_eq!(v.due_change(date!(2025 - 02 - 28)), None, "the last day is still in force");
        assert_eq!(
            v.due_change(date!(2025 - 03 - 01)),
            Some(DueChange { status: ValidityStatus::Expired, since: date!(2025 - 03 - 01) })
        );
        let n = Validity::new(ValidityStatus::NotYetEffective, Some(date!(2026 - 01 - 01)), None).unwrap();
        assert_eq!(n.due_change(date!(2025 - 12 - 31)), None);
        assert_eq!(
            n.due_change(date!(2026 - 01 - 01)),
            Some(DueChange { status: ValidityStatus::Valid, since: date!(2026 - 01 - 01) })
        );
        let r = Validity::new(ValidityStatus::Repealed, None, Some(date!(2020 - 01 - 01))).unwrap();
        assert_eq!(r.due_change(date!(2030 - 01 - 01)), None);
        // An amended document stays in force in its amended form, until its 有效期 runs out.
        let a = Validity::new(ValidityStatus::Amended, None, Some(date!(2025 - 02 - 28))).unwrap();
        assert_eq!(a.due_change(date!(2025 - 03 - 01)).map(|c| c.status), Some(ValidityStatus::Expired));
        assert!(a.reminder_from().is_some());
    }

    #[test]
    fn reminders_start_six_months_before_expiry() {
        let v = Validity::new(ValidityStatus::Valid, None, Some(date!(2026 - 08 - 31))).unwrap();
        assert_eq!(v.reminder_from(), Some(date!(2026 - 02 - 28)));
        assert_eq!(Validity::new(ValidityStatus::Valid, None, None).unwrap().reminder_from(), None);
        assert_eq!(add_months(date!(2024 - 12 - 15), 2), date!(2025 - 02 - 15));
        assert_eq!(add_months(date!(2025 - 01 - 31), -2), date!(2024 - 11 - 30));
    }

    #[test]
    fn expiry_before_effective_date_is_refused() {
        let err =
            Validity::new(ValidityStatus::Valid, Some(date!(2020 - 01 - 01)), Some(date!(2019 - 12 - 31))).unwrap_err();
        assert!(err.to_string().contains("不能早于施行日期"));
        assert!(Validity::new(ValidityStatus::Valid, Some(date!(2020 - 01 - 01)), Some(date!(2020 - 01 - 01))).is_ok());
    }

    #[test]
    fn statuses_that_rest_on_a_date_need_it() {
        assert_eq!(
            Validity::new(ValidityStatus::NotYetEffective, None, None),
            Err(ValidityError::NotYetEffectiveWithoutDate)
        );
        assert_eq!(
            Validity::new(ValidityStatus::Expired, Some(date!(2015 - 01 - 01)), None),
            Err(ValidityError::ExpiredWithoutDate)
        );
        assert!(Validity::new(ValidityStatus::Repealed, None, None).is_ok());
    }

    #[test]
    fn in_force_follows_dates_and_status() {
        let v = Validity::new(ValidityStatus::Valid, Some(date!(2020 - 03 - 01)), Some(date!(2025 - 02 - 28))).unwrap();
        assert!(!v.in_force_on(date!(2020 - 02 - 29)));
        assert!(v.in_force_on(date!(2020 - 03 - 01)));
        assert!(v.in_force_on(date!(2025 - 02 - 28)));
        assert!(!v.in_force_on(date!(2025 - 03 - 01)));
        let r = Validity::new(ValidityStatus::Repealed, Some(date!(2020 - 03 - 01)), None).unwrap();
        assert!(!r.in_force_on(date!(2021 - 01 - 01)));
    }
}
