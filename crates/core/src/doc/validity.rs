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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

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
