//! Errors of the persistence layer. The web edge turns them into pages and status codes.

use gongkai_core::doc::FieldErrors;
use gongkai_core::doc::workflow::WorkflowError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing does not exist, or the actor may not see it (the two are not distinguished,
    /// so staff of one agency cannot probe for another agency's drafts).
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken; the message says which, in words for the user.
    #[error("{0}")]
    Conflict(String),
    /// The input is invalid; one message per field.
    #[error("{0}")]
    Invalid(FieldErrors),
    /// The workflow does not allow this action now.
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    /// The actor lacks the permission.
    #[error("{0}")]
    Forbidden(String),
    /// A case event the rules of the 条例 do not allow now; the message says why.
    #[error(transparent)]
    Case(gongkai_core::foi::case::CaseError),
    /// Publishing is blocked by the privacy check until a reviewer overrides it with a reason.
    #[error("{0}")]
    PrivacyBlocked(String),
    #[error(transparent)]
    Url(#[from] crate::UrlError),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    /// Stored data that does not parse back into a domain value (a bug or a manual edit).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
}

impl StoreError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        let mut e = FieldErrors::default();
        e.add(field, message);
        StoreError::Invalid(e)
    }

    /// Maps a unique-constraint violation to a user-facing conflict, leaving other errors alone.
    pub(crate) fn on_unique(self, message: impl FnOnce() -> String) -> StoreError {
        match &self {
            StoreError::Db(sqlx::Error::Database(e)) if e.is_unique_violation() => StoreError::Conflict(message()),
            _ => self,
        }
    }
}

/// Shorthand for decoding a stored code back into its enum.
pub(crate) fn decode<T>(value: Option<T>, what: &str, raw: &str) -> Result<T, StoreError> {
    value.ok_or_else(|| StoreError::Corrupt(format!("{what} `{raw}`")))
}
