//! gongkai-core: the domain of government information disclosure (政务公开).
//!
//! Pure and synchronous: no I/O, no database, no clock. Every legal rule is a plain
//! function here, cites its article, and is tested without a database.
//! Types are parsed once at the edge ("parse, don't validate"): a [`doc::DocNo`] exists
//! only if it parsed, an [`doc::IndexNo`] only if it is well formed.

pub mod calendar;
pub mod doc;
pub mod foi;
pub mod gazette;
pub mod import;
pub mod org;
pub mod privacy;
pub mod report;
pub mod text;
pub mod tz;
