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
