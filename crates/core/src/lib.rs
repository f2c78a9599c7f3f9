#![doc = include_str!("../README.md")]

pub mod arrival;
pub mod error;
pub mod ids;
pub mod jst;
pub mod lang;
pub mod money;

pub use arrival::ArrivalNumber;
pub use error::ErrorCode;
pub use ids::{ClerkId, DepartmentId, SubmissionId, TenantId};
pub use lang::{Lang, Localized};
pub use money::Yen;

/// A path on this site that is safe to redirect to: starts with one `/`, no backslash (so
/// never `//other.example` or `/\other.example`).
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && p.len() < 512
}
