//! The clerks' queue: a department's submissions, filtered and sorted.

use diesel::prelude::*;
use madoguchi_core::SubmissionState;
use madoguchi_records::schema::submissions;
use madoguchi_records::{
    AssigneeFilter, Queue, QueueFilter, QueueSort, StoreError, SubmissionRecord,
};

use crate::DbConn;
use crate::conn::MultiBackend;

/// The submissions a queue filter selects (its `states` applied when `with_states`).
fn filtered<'a>(
    f: &'a QueueFilter,
    with_states: bool,
) -> submissions::BoxedQuery<'a, MultiBackend> {
    let mut q = submissions::table
        .filter(submissions::tenant_id.eq(&f.tenant_id))
        .filter(submissions::department_id.eq(&f.department_id))
        .into_boxed();
    if let Some(w) = &f.ward {
        q = q.filter(submissions::ward_code.eq(w));
    }
    if with_states && !f.states.is_empty() {
        q = q.filter(submissions::state.eq_any(&f.states));
    }
    if let Some(p) = &f.procedure_id {
        q = q.filter(submissions::procedure_id.eq(p));
    }
    match &f.assignee {
        AssigneeFilter::Anyone => {}
        AssigneeFilter::Unassigned => q = q.filter(submissions::assignee_id.is_null()),
        AssigneeFilter::Clerk(id) => q = q.filter(submissions::assignee_id.eq(id)),
    }
    if let Some(d) = f.due_from {
        q = q.filter(submissions::due_on.ge(d));
    }
    if let Some(d) = f.due_to {
        q = q.filter(submissions::due_on.le(d));
    }
    if let Some(t) = f.arrived_from {
        q = q.filter(submissions::arrived_at.ge(t));
    }
    if let Some(t) = f.arrived_before {
        q = q.filter(submissions::arrived_at.lt(t));
    }
    if let Some(s) = f.search.as_deref().filter(|s| !s.is_empty()) {
        // LIKE wildcards in what was typed are taken literally.
        let escaped = s
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        q = q.filter(
            submissions::arrival_number
                .eq(s.to_uppercase())
                .or(submissions::search_key
                    .like(format!("%{escaped}%"))
                    .escape('\\')),
        );
    }
    q
}

impl Queue for DbConn {
    fn queue(
        &mut self,
        f: &QueueFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        let q = filtered(f, true);
        let q = match f.sort {
            QueueSort::NewestFirst => {
                q.order((submissions::arrived_at.desc(), submissions::id.desc()))
            }
            QueueSort::OldestFirst => {
                q.order((submissions::arrived_at.asc(), submissions::id.asc()))
            }
            // NULL due dates last on both engines (SQLite sorts NULL first by default).
            QueueSort::DueFirst => q.order((
                submissions::due_on.is_null().asc(),
                submissions::due_on.asc(),
                submissions::arrived_at.asc(),
            )),
        };
        Ok(q.limit(limit)
            .offset(offset)
            .select(SubmissionRecord::as_select())
            .load(self)?)
    }

    fn changed_filings(
        &mut self,
        f: &QueueFilter,
        after: Option<&(crate::Timestamp, madoguchi_core::SubmissionId)>,
        limit: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        let mut q = filtered(f, true);
        if let Some((at, id)) = after {
            q = q.filter(
                submissions::updated_at.gt(*at).or(submissions::updated_at
                    .eq(*at)
                    .and(submissions::id.gt(id.clone()))),
            );
        }
        Ok(
            q.order((submissions::updated_at.asc(), submissions::id.asc()))
                .limit(limit)
                .select(SubmissionRecord::as_select())
                .load(self)?,
        )
    }

    fn count_queue(&mut self, f: &QueueFilter) -> Result<i64, StoreError> {
        Ok(filtered(f, true).count().get_result(self)?)
    }

    /// A boxed query cannot be grouped, so it is one indexed count per state that occurs.
    fn count_queue_by_state(
        &mut self,
        f: &QueueFilter,
    ) -> Result<Vec<(SubmissionState, i64)>, StoreError> {
        let states: Vec<SubmissionState> = filtered(f, false)
            .select(submissions::state)
            .distinct()
            .load(self)?;
        let mut counts = Vec::with_capacity(states.len());
        for state in states {
            let n: i64 = filtered(f, false)
                .filter(submissions::state.eq(state))
                .count()
                .get_result(self)?;
            counts.push((state, n));
        }
        Ok(counts)
    }
}
