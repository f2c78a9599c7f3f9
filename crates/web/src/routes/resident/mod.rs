//! Resident pages: filing, what was filed, corrections, accounts. Filing and correction
//! share one step handler (`step`).

pub mod account;
pub mod applications;
pub mod booking;
pub mod correction;
pub mod filing;
pub mod guide;
pub mod statement;
pub(crate) mod step;
pub mod waitlist;
