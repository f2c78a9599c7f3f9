//! The clerks' queue: which submissions a department sees, filtered and sorted.

use chrono::NaiveDate;
use madoguchi_core::{ClerkId, DepartmentId, ProcedureId, SubmissionState, TenantId};

use crate::{StoreError, SubmissionRecord, Timestamp};

/// Which submissions a queue shows. Scope (tenant, department, the clerk's ward) always
/// applies; the rest are the clerk's filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueFilter {
    pub tenant_id: TenantId,
    pub department_id: DepartmentId,
    /// The ward the clerk is limited to, or the ward chosen by a clerk who sees all.
    pub ward: Option<String>,
    /// Any of these states; all when empty.
    pub states: Vec<SubmissionState>,
    pub procedure_id: Option<ProcedureId>,
    pub assignee: AssigneeFilter,
    /// Due on or after / on or before.
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    /// Arrived at or after / before.
    pub arrived_from: Option<Timestamp>,
    pub arrived_before: Option<Timestamp>,
    /// An arrival number (exact), or a normalised fragment of the name or reading.
    pub search: Option<String>,
    pub sort: QueueSort,
}

impl QueueFilter {
    /// Everything of a department, newest first (no filter yet).
    pub fn of_department(tenant_id: TenantId, department_id: DepartmentId) -> Self {
        QueueFilter {
            tenant_id,
            department_id,
            ward: None,
            states: Vec::new(),
            procedure_id: None,
            assignee: AssigneeFilter::default(),
            due_from: None,
            due_to: None,
            arrived_from: None,
            arrived_before: None,
            search: None,
            sort: QueueSort::default(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    Unassigned,
    Clerk(ClerkId),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueueSort {
    #[default]
    NewestFirst,
    OldestFirst,
    /// Earliest due date first; those without one last.
    DueFirst,
}

/// The queue of a department.
pub trait Queue {
    /// The submissions `filter` selects, in its order.
    fn queue(
        &mut self,
        filter: &QueueFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    fn count_queue(&mut self, filter: &QueueFilter) -> Result<i64, StoreError>;
    /// The submissions `filter` selects (its sort ignored), in the order they last changed
    /// (`updated_at`, then id), after `after` when given: a department's system reads its
    /// filings page by page and then only what changed since (the department API).
    fn changed_filings(
        &mut self,
        filter: &QueueFilter,
        after: Option<&(Timestamp, madoguchi_core::SubmissionId)>,
        limit: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    /// How many submissions `filter` selects in each state (its own `states` ignored).
    fn count_queue_by_state(
        &mut self,
        filter: &QueueFilter,
    ) -> Result<Vec<(SubmissionState, i64)>, StoreError>;
}
