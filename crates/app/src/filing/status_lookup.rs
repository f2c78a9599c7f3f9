//! A filing's status from its arrival number and the look-up key printed on its receipt,
//! for anyone who has both (no account, any device). What it shows is deliberately little:
//! the procedure, the dates, the status and the times and places booked — no answers, no
//! name, no address.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::{ArrivalNumber, ErrorCode, Localized};
use subtle::ConstantTimeEq;

use super::Filing;
use crate::kernel::throttle::GuessLimits;
use crate::kernel::{AppError, status_key_hash};

/// Failed look-ups counted over `THROTTLE_WINDOW`: 5 of one filing from one address, 30 of
/// one filing from all addresses, 30 from one address over every filing. See
/// [`crate::kernel::throttle`]: one address cannot pause a filing's look-up.
const LOOK_UP_LIMITS: GuessLimits = GuessLimits {
    per_client: 5,
    per_thing: 30,
    per_address: 30,
};

/// What the look-up page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilingStatus {
    pub arrival_number: ArrivalNumber,
    pub procedure_title: Localized,
    pub arrived_at: DateTime<Utc>,
    /// Where it stands, in the resident's words (the fee still to pay included).
    pub status: Localized,
    pub due_on: Option<NaiveDate>,
    /// The due date rests on a processing period the city has not confirmed.
    pub due_to_confirm: bool,
    pub decided_at: Option<DateTime<Utc>>,
    /// The visits booked with it: time, place and whether each stands (no one's name).
    pub bookings: Vec<crate::submission::FiledBooking>,
}

impl Filing<'_> {
    /// The status of the filing with `arrival_number` when `key` is its look-up key.
    /// A wrong number and a wrong key answer alike; failures are counted per filing (the
    /// number as typed) from the client, per filing and per client address, and past a
    /// limit nothing is checked.
    pub fn look_up_status(
        &self,
        arrival_number: &str,
        key: &str,
        address: &str,
    ) -> Result<FilingStatus, AppError> {
        let number: Option<ArrivalNumber> = arrival_number.parse().ok();
        let typed = status_key_hash(key);
        let (Some(number), Some(typed)) = (number, typed) else {
            // Malformed: nothing to look up, and nothing guessed either.
            return Err(AppError::Refused(ErrorCode::StatusLookupFailed));
        };
        let Some(attempt) = self.app.begin_guess(
            self.city,
            "status",
            number.as_str(),
            address,
            LOOK_UP_LIMITS,
        )?
        else {
            tracing::warn!("status look-up throttled");
            return Err(AppError::Refused(ErrorCode::StatusLookupThrottled));
        };
        let found = self.app.read(|c| {
            let Some(row) = c.find_submission_by_arrival_number(self.city, number.as_str())? else {
                return Ok(None);
            };
            let stored = row.status_key_hash.clone().unwrap_or_default();
            // Constant time: how much of the hash matched says nothing.
            if stored.len() != typed.len() || !bool::from(stored.as_bytes().ct_eq(typed.as_bytes()))
            {
                return Ok(None);
            }
            let receipt = self.app.receipt_of(c, &row)?;
            Ok(Some(FilingStatus {
                arrival_number: receipt.arrival_number.clone(),
                procedure_title: receipt.procedure_title.clone(),
                arrived_at: receipt.arrived_at,
                status: receipt.status_label(),
                due_on: receipt.due_on,
                due_to_confirm: receipt.due_to_confirm,
                decided_at: row.decided_at.map(|t| t.and_utc()),
                bookings: self.app.filed_bookings(c, self.city, &row)?,
            }))
        })?;
        let Some(status) = found else {
            tracing::info!("status look-up refused");
            return Err(AppError::Refused(ErrorCode::StatusLookupFailed));
        };
        self.app.attempt_succeeded(attempt)?;
        Ok(status)
    }
}
