use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
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

impl StoreError {
    /// A unique or primary-key constraint refused the row (someone else got there first).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Db(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)))
    }

    /// The database could not be reached or is overloaded; the request may be retried.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Pool(_) | StoreError::Connect(_) => true,
            StoreError::Db(DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, _)) => true,
            StoreError::Db(DieselError::DatabaseError(_, info)) => {
                let m = info.message();
                m.contains("database is locked") || m.contains("busy")
            }
            _ => false,
        }
    }
}
