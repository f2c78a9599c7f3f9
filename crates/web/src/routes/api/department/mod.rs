//! The departments' part of the API, with a department's token (`Authorization: Bearer
//! mdg_…`): its procedures (list, working copy, create, update, publish, retire, versions)
//! its filings (a list by change with a cursor, one in the documented layout with its files,
//! its status), and its bookable resources (their slots anyone may read). Read tokens read; write tokens also change. Errors use the API's
//! envelope; a definition the lint refuses answers 422 with `problems` by JSON pointer.

mod auth;
pub(super) mod bookings;
pub(super) mod drafts;
pub(super) mod filings;
pub(super) mod publish;
pub(super) mod status;

pub(super) use auth::{Bearer, with_client};
