//! What can go wrong in storage, as callers need to tell it apart.

/// What can go wrong in storage, as callers need to tell it apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// A unique or primary-key constraint refused the row: someone else got there first.
    #[error("unique constraint: {0}")]
    UniqueViolation(String),
    /// The database cannot be reached, or is too busy now; the request may be retried.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The caller ended a write transaction early; everything in it was rolled back.
    #[error("transaction rolled back by the caller")]
    RolledBack,
    #[error("database error: {0}")]
    Other(String),
}

impl StoreError {
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::UniqueViolation(_))
    }

    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

/// The one place a diesel error becomes a `StoreError`, so every query in the store can
/// end in `?`.
#[cfg(feature = "diesel")]
impl From<diesel::result::Error> for StoreError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        let unique = matches!(
            e,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
        );
        let unavailable = match &e {
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => true,
            Error::DatabaseError(_, info) => {
                let m = info.message();
                m.contains("database is locked") || m.contains("busy")
            }
            _ => false,
        };
        let text = format!("database error: {e}");
        if unique {
            StoreError::UniqueViolation(text)
        } else if unavailable {
            StoreError::Unavailable(text)
        } else {
            StoreError::Other(text)
        }
    }
}
