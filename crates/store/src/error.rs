use diesel::result::Error as DieselError;
use madoguchi_records::StoreError;

/// Errors of this crate's own functions (connecting, the pool, migrations, settings). The
/// storage traits answer `StoreError`; this converts into it once, below.
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

impl From<Error> for StoreError {
    fn from(e: Error) -> Self {
        match e {
            // Classified in one place (madoguchi-records, `diesel` feature).
            Error::Db(e) => e.into(),
            Error::Pool(_) | Error::Connect(_) => StoreError::Unavailable(e.to_string()),
            Error::Migration(_) | Error::Config(_) => StoreError::Other(e.to_string()),
        }
    }
}
