//! The state of a booking, as stored.

use crate::column::code_enum;

code_enum! {
    /// Where a booking stands. Requested and confirmed bookings count in their slot's
    /// `booked`; a cancelled one no longer does.
    pub enum BookingStatus {
        /// Filed, waiting for a clerk to confirm it (仮受付).
        Requested = "requested",
        /// It stands (本受付, or booked at once).
        Confirmed = "confirmed",
        /// Cancelled by the resident or a clerk, or its filing withdrawn or refused.
        Cancelled = "cancelled",
    }
}

code_enum! {
    /// Whether the person came, as the counter marked it on the day list.
    pub enum Attendance {
        Arrived = "arrived",
        /// The time passed and no one came.
        NoShow = "no_show",
    }
}

code_enum! {
    /// Where a place in a slot's waiting list (キャンセル待ち) stands.
    pub enum WaitlistStatus {
        /// In line for a place.
        Waiting = "waiting",
        /// A freed place is held for the person; the mail with the link went out.
        Offered = "offered",
        /// The person took the place on to their form.
        Taken = "taken",
        /// Over unanswered: the offer ran out, or the slot can no longer be booked.
        Lapsed = "lapsed",
        /// The person left the line.
        Withdrawn = "withdrawn",
    }
}

impl WaitlistStatus {
    /// Is the entry still in line or holding an offer?
    pub fn is_open(self) -> bool {
        matches!(self, WaitlistStatus::Waiting | WaitlistStatus::Offered)
    }
}

impl BookingStatus {
    /// Does it take a place in its slot?
    pub fn takes_a_place(self) -> bool {
        !matches!(self, BookingStatus::Cancelled)
    }
}

/// Whether `id` can be a bookable resource's id: 1 to 60 lower-case letters, digits and
/// hyphens (`aoba-mynumber`). One rule for the definition, a booking question's answer and
/// a path.
pub fn is_resource_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 60
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
