//! Filings sent as JSON, written in batches: concurrent filings share one unit of writes
//! and one statement per table, on PostgreSQL one statement in all (docs/performance.md,
//! issue 19).
//!
//! A request works out its filing (on SQLite before its turn, see `submit.rs`) and queues
//! it with the node's other filings ([`crate::kernel::combine`]). Whichever request leads
//! writes the queued filings in one unit of writes:
//!
//! 1. each filing's rows (submission, first event, key) and what it announces (receipt
//!    mail, webhooks: the department's webhooks read once per department); a key twice in
//!    the batch leaves its second filing out;
//! 2. all of them stored by `Records::insert_new_filings`, which keeps out every filing
//!    whose key was used before (on PostgreSQL one statement, the keys claimed with `ON
//!    CONFLICT DO NOTHING`, run without a transaction around it: `App::write_atomic`).
//!
//! A filing left out, and every filing of a batch whose write failed (an arrival number
//! drawn twice), is filed alone, after the batch settled, on its own thread, the way it
//! was before batches (`App::file`): it replays the receipt stored under its key, or is
//! written, or gets its own error. So each filing keeps its own validation, idempotency
//! and all-or-nothing outcome, and nothing is answered before the batch's write is
//! durable.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use madoguchi_core::{DepartmentCode, SubmissionId, TenantId};
use madoguchi_forms::Form;
use madoguchi_records::{DepartmentRecord, NewFilings, Records, StoreError, WebhookRecord};

use crate::kernel::combine::{Boxed, Queued};
use crate::kernel::{App, AppError};
use crate::submission::Receipt;
use crate::submission::store::{Filing, Prepared, Staged};

/// How long a filing waits in the queue for a batch to take it (as long as a write waits
/// for its turn in the group commit).
const QUEUE_WAIT: Duration = Duration::from_secs(15);

/// A filing for a batch.
pub(crate) struct Job {
    pub tenant: TenantId,
    pub form: Arc<Form>,
    /// `Filing::Data`.
    pub filing: Filing,
    pub key: String,
    pub department: DepartmentRecord,
    /// Worked out before it was queued, or (`None`) to be worked out in the batch's
    /// transaction.
    pub prepared: Option<Prepared>,
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
        let mut staged: Vec<(usize, Staged)> = Vec::with_capacity(jobs.len());
        for (i, slot) in jobs.iter_mut().enumerate() {
            let Some(job) = slot.take() else { continue };
            // A key twice in the batch: the second replays (or is refused) alone, after.
            if !seen.insert((job.tenant.clone(), job.key.clone())) {
                continue;
            }
            let Filing::Data { data, .. } = &job.filing else {
                continue;
            };
            let prepared = match job.prepared {
                Some(prepared) => prepared,
                None => {
                    let department = job.department;
                    match self.prepare_filing(
                        c,
                        &job.tenant,
                        &job.form,
                        &job.filing,
                        data,
                        department,
                        None,
                    ) {
                        Ok(prepared) => prepared,
                        // Its own error comes from filing it alone.
                        Err(_) => continue,
                    }
                }
            };
            if let Some(s) =
                self.stage_data_filing(&job.tenant, &job.form, &job.filing, &job.key, prepared)?
            {
                staged.push((i, s));
            }
        }
        if staged.is_empty() {
            return Ok(done);
        }
        let mut new = self.batch_notices(c, &staged)?;
        let mut receipts = Vec::with_capacity(staged.len());
        for (i, s) in staged {
            receipts.push((i, s.arrival.row.id.clone(), s.receipt));
            new.submissions.push(s.arrival.row);
            new.events.push(s.arrival.event);
            new.keys.push(s.idempotency);
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

    /// The receipt mails and webhook deliveries of a batch's filings, each department's
    /// webhooks read once.
    fn batch_notices(
        &self,
        c: &mut dyn Records,
        staged: &[(usize, Staged)],
    ) -> Result<NewFilings, AppError> {
        let mut hooks: BTreeMap<(TenantId, DepartmentCode), Vec<WebhookRecord>> = BTreeMap::new();
        let mut all = NewFilings::default();
        for (_, s) in staged {
            let tenant = &s.arrival.row.tenant_id;
            let department = (tenant.clone(), s.arrival.department_code.clone());
            if !hooks.contains_key(&department) {
                let read = c.webhooks(tenant, &department.1)?;
                hooks.insert(department.clone(), read);
            }
            let these = hooks.get(&department).map(Vec::as_slice).unwrap_or(&[]);
            let notices = self.arrival_notices(c, tenant, &s.receipt, &s.arrival, these)?;
            all.mails.extend(notices.mails);
            let id = &s.arrival.row.id;
            all.deliveries
                .extend(notices.deliveries.into_iter().map(|d| (id.clone(), d)));
        }
        Ok(all)
    }
}
