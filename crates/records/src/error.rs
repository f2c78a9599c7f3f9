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
                m.contains("database is locked") || m.contains("busy") || disk_full(m)
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

/// The database's disk (or its size limit) is full: SQLite's `SQLITE_FULL`, PostgreSQL's
/// `53100 disk_full` ("could not extend file …: No space left on device"). Nothing was
/// written; the request may be tried again once there is space, so it is "unavailable"
/// (503 with `Retry-After`), never an internal error.
#[cfg(feature = "diesel")]
fn disk_full(message: &str) -> bool {
    message.contains("database or disk is full")
        || message.contains("No space left on device")
        || message.contains("Disk quota exceeded")
}

#[cfg(all(test, feature = "diesel"))]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    fn db_error(message: &str) -> StoreError {
        Error::DatabaseError(DatabaseErrorKind::Unknown, Box::new(message.to_string())).into()
    }

    #[test]
    fn a_full_disk_is_unavailable_not_an_internal_error() {
        for full in [
            "database or disk is full",
            "could not extend file \"base/16384/2619\": No space left on device",
            "could not write to file: Disk quota exceeded",
        ] {
            assert!(db_error(full).is_unavailable(), "{full}");
        }
        assert!(!db_error("syntax error near FROM").is_unavailable());
    }
}
