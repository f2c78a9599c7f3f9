//! Counter pre-entry (書かない窓口): a resident prepares one or more procedures on a phone and
//! shows a QR code at the counter; a clerk scans it (or types its 10-character code), sees
//! the prepared answers, checks the applicant's identity and files them on their behalf.
//!
//! The QR code holds no personal data: only the code, its expiry and a signature
//! (`MDG1-<code>-<expiry>-<signature>`). The code is derived from the visit with a server key
//! and only its SHA-256 is stored; the answers stay in the resident's drafts until filed.
//! Procedures that declare `reuse` take answers from another one in the same visit (the
//! moving-in bundle: 転入 first, then health insurance, child allowance… prefilled).

mod clerk;
mod code;
mod resident;

pub use clerk::{ClerkItem, ClerkVisit, CounterFiled};
pub use code::clean_code;
pub use resident::{CounterCode, CounterItem, CounterSuggestion, ResidentVisit};
