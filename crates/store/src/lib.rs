//! gongkai-store: persistence. Owns every SQL statement of the platform.
//!
//! Repositories take and return domain types from `gongkai-core`. Agency scoping is enforced
//! here (an editor's query cannot see another agency's drafts), not only in handlers.
//! Every change that the public can see writes an `outbox` row in the same transaction.

pub mod agencies;
pub mod annual;
pub mod audit;
pub mod blobs;
pub mod cases;
mod db;
pub mod documents;
mod error;
pub mod export;
pub mod gazette;
pub mod lifecycle;
#[cfg(feature = "bench")]
pub mod naive_search;
pub mod search_index;
pub mod sessions;
pub(crate) mod sql;
pub mod users;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use db::{Backend, Db, DbUrl, PoolSettings, Tx, UrlError};
pub use error::StoreError;

use time::OffsetDateTime;

/// The current time, truncated to whole seconds: timestamps are compared as text on SQLite,
/// and RFC 3339 text only sorts correctly when every value has the same precision.
pub fn now() -> OffsetDateTime {
    truncate(OffsetDateTime::now_utc())
}

/// An instant in UTC with whole seconds, as every stored timestamp is.
pub fn truncate(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).unwrap_or(at)
}
