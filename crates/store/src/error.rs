use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// Errors of this crate's own functions; the `Records` implementation turns them into
/// `madoguchi_records::StoreError`.

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Db(#[from] DieselError),
    #[error("database connection pool: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error("migrations failed: {0}")]
    Migration(String),
    #[error("{0}")]
    Config(String),
}

impl Error {
    /// A unique or primary-key constraint refused the row (someone else got there first).
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            Error::Db(DieselError::DatabaseError(
                DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }

    /// The database could not be reached or is overloaded; the request may be retried.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Error::Pool(_) | Error::Connect(_) => true,
            Error::Db(DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, _)) => true,
            Error::Db(DieselError::DatabaseError(_, info)) => {
                let m = info.message();
                m.contains("database is locked") || m.contains("busy")
            }
            _ => false,
        }
    }
}

impl From<Error> for madoguchi_records::StoreError {
    fn from(e: Error) -> Self {
        if e.is_unique_violation() {
            madoguchi_records::StoreError::UniqueViolation(e.to_string())
        } else if e.is_unavailable() {
            madoguchi_records::StoreError::Unavailable(e.to_string())
        } else {
            madoguchi_records::StoreError::Other(e.to_string())
        }
    }
}
