//! Filings sent as JSON, written in batches: concurrent filings share one unit of writes,
//! on PostgreSQL two statements in all (docs/performance.md, issue 19).
//!
//! A request works out its filing to the rows that store it (`submit.rs`: its submission,
//! first event and key, its receipt and receipt mail) and queues them with the node's
//! other filings ([`crate::kernel::combine`]). Whichever request leads writes the queued
//! filings in one unit of writes, `Records::insert_new_filings`, which keeps out every
//! filing whose key was used before and posts each filing's webhook event to the webhooks
//! of its department that listen for it (on PostgreSQL one statement, the keys claimed with
//! `ON CONFLICT DO NOTHING` and the webhooks joined in, run without a transaction around it
//! and with no read before it: `App::write_atomic`). A key twice in the batch leaves its
//! second filing out.
//!
//! A filing left out, and every filing of a batch whose write failed (an arrival number
//! drawn twice), is filed alone, after the batch settled, on its own thread, the way it
//! was before batches (`Filing::file`): it replays the receipt stored under its key, or is
//! written, or gets its own error. So each filing keeps its own validation, idempotency
//! and all-or-nothing outcome, and nothing is answered before the batch's write is
//! durable.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use madoguchi_core::SubmissionId;
use madoguchi_records::{NewFilings, OutboxRecord, Records, StoreError};

use crate::kernel::combine::{Boxed, Queued};
use crate::kernel::{App, AppError};
use crate::notification::webhooks::filing_webhook_event;
use crate::submission::Receipt;
use crate::submission::store::{Arrival, Staged};

/// How long a filing waits in the queue for a batch to take it (as long as a write waits
/// for its turn in the group commit).
const QUEUE_WAIT: Duration = Duration::from_secs(15);

/// A filing for a batch, worked out to its rows.
pub(crate) struct Job {
    pub staged: Staged,
    /// Its receipt mail.
    pub mails: Vec<OutboxRecord>,
}

/// What became of a filing in its batch.
enum Done {
    Stored(Box<Receipt>),
    /// Not written by the batch: file it alone.
    Alone,
}

impl App {
    /// How many batches this node's filings sent as JSON were written in, and how many
    /// filings they carried (the mean batch size; for tests and figures).
    pub fn filing_batch_counts(&self) -> crate::kernel::combine::BatchCounts {
        self.filing_batches.counts()
    }

    /// How many filings this node's batches stored (the rest of the filings they took were
    /// filed alone: a key used before, a batch that failed).
    pub fn filings_stored_by_batches(&self) -> u64 {
        self.filings_batched
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Files `job` in a batch with the node's concurrent filings: its receipt, or `None`
    /// when it is to be filed alone (its key was used before, or its batch failed).
    pub(crate) fn file_in_batch(&self, job: Job) -> Result<Option<Receipt>, AppError> {
        let deadline = Instant::now() + QUEUE_WAIT;
        let run = |jobs: Vec<Boxed>| self.write_batch(jobs);
        match self.filing_batches.submit(Box::new(job), deadline, &run) {
            Queued::Done(done) => match done.downcast::<Done>().map(|d| *d) {
                Ok(Done::Stored(receipt)) => Ok(Some(*receipt)),
                Ok(Done::Alone) | Err(_) => Ok(None),
            },
            Queued::Abandoned => Ok(None),
            Queued::Expired => Err(AppError::Store(StoreError::Unavailable(format!(
                "no batch took the filing within {} s; nothing was written",
                QUEUE_WAIT.as_secs()
            )))),
        }
    }

    /// Writes a batch (run by the request that leads): one outcome per job, in order.
    fn write_batch(&self, jobs: Vec<Boxed>) -> Vec<Boxed> {
        let mut jobs: Vec<Option<Job>> = jobs
            .into_iter()
            .map(|j| j.downcast::<Job>().ok().map(|j| *j))
            .collect();
        let count = jobs.len();
        let written = self.write_atomic(|c| self.store_batch(c, &mut jobs));
        let done: Vec<Done> = match written {
            // Logged once committed: a batch that failed names no number it did not keep.
            Ok(done) => {
                for d in &done {
                    if let Done::Stored(receipt) = d {
                        self.filings_batched
                            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        tracing::info!(arrival_number = %receipt.arrival_number, procedure = %receipt.procedure_id, "submission arrived");
                    }
                }
                done
            }
            Err(e) => {
                tracing::debug!(error = %e, filings = count, "a batch of filings failed; each is filed alone");
                (0..count).map(|_| Done::Alone).collect()
            }
        };
        done.into_iter().map(|d| Box::new(d) as Boxed).collect()
    }

    fn store_batch(
        &self,
        c: &mut dyn Records,
        jobs: &mut [Option<Job>],
    ) -> Result<Vec<Done>, AppError> {
        let mut done: Vec<Done> = jobs.iter().map(|_| Done::Alone).collect();
        let mut seen = HashSet::new();
        let mut new = NewFilings::default();
        let mut receipts = Vec::with_capacity(jobs.len());
        for (i, slot) in jobs.iter_mut().enumerate() {
            let Some(Job { staged, mails }) = slot.take() else {
                continue;
            };
            // A key twice in the batch: the second replays (or is refused) alone, after.
            let key = &staged.idempotency;
            if !seen.insert((key.tenant_id.clone(), key.idem_key.clone())) {
                continue;
            }
            let Arrival {
                row,
                event,
                department_code,
                ..
            } = staged.arrival;
            new.webhook_events
                .extend(filing_webhook_event(&row, &department_code, &event));
            new.mails.extend(mails);
            receipts.push((i, row.id.clone(), staged.receipt));
            new.submissions.push(row);
            new.events.push(event);
            new.keys.push(staged.idempotency);
        }
        if receipts.is_empty() {
            return Ok(done);
        }
        // A filing whose key was used before is not stored: it replays alone, after.
        let stored: HashSet<SubmissionId> = c.insert_new_filings(&new)?.into_iter().collect();
        for (i, id, receipt) in receipts {
            if stored.contains(&id) {
                done[i] = Done::Stored(Box::new(receipt));
            }
        }
        Ok(done)
    }
}
