//! "Next filing": the filing after one in the queue's own order (its filters and sort), so
//! a clerk works down the list they were looking at without going back to it.

use super::Review;
use crate::kernel::staff::require_case_worker;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};
use crate::review::QueueQuery;
use madoguchi_core::{SubmissionId, jst};

/// How many filings one read looks through for the current one.
const CHUNK: i64 = 200;

impl Review<'_> {
    /// The filing after `current` in the clerk's queue as `query` filters and sorts it
    /// (whatever its page); `None` when `current` is the last or no longer in that view.
    pub fn next_in_queue(
        &self,
        clerk: &Clerk,
        query: &QueueQuery,
        current: &str,
    ) -> Result<Option<SubmissionId>, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let filter = self.queue_filter(clerk, query, jst::date(self.app.now()));
        self.app.read(|conn| {
            let mut offset = 0;
            let mut found = false;
            loop {
                let rows = conn.queue(&filter, CHUNK, offset)?;
                for row in &rows {
                    if found {
                        return Ok(Some(row.id.clone()));
                    }
                    found = row.id.as_str() == current;
                }
                if (rows.len() as i64) < CHUNK {
                    return Ok(None);
                }
                offset += CHUNK;
            }
        })
    }
}
