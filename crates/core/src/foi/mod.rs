//! 依申请公开: applications for government information under 条例 Arts. 27–45.
//!
//! The case is a list of dated events (received, 补正 asked and answered, consultations, an
//! extension, a fee notice, the reply …). Its state and its reply deadline are computed from the
//! events on the official working-day calendar, and every deadline comes with the steps that
//! produced it, each citing its article.

mod applicant;
pub mod case;
pub mod fees;
pub mod intake;
pub mod notices;
mod outcome;
pub mod report;
pub mod tracking;

pub use applicant::{ApplicantKind, Channel, IdDocument};
pub use outcome::{ReplyType, Table3Row};
