//! Staff pages: signing in, the queue, reviewing a filing, mail deliveries, approvals of
//! publications.

pub mod approvals;
pub mod audit;
pub mod bookings;
pub mod congestion;
pub mod decisions;
pub mod deliveries;
pub mod facts;
pub mod figures_entry;
pub mod queue;
pub mod retention;
pub mod review;
pub mod sign_in;
