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
