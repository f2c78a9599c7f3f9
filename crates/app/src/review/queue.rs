//! The department's queue: filters, sorting, counts and the due-date flags.

use super::Review;
use crate::kernel::staff::require_case_worker;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};
use crate::review::detail::clerk_choice;
use crate::review::detail::name_of;
use crate::review::detail::ward_name;
use crate::submission::DUE_SOON_DAYS;
use crate::submission::access::parse_number;
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ArrivalNumber, ClerkId, DepartmentCode, Localized, SubmissionId, Yen, jst};
use madoguchi_forms::catalog::fold;
use madoguchi_records::{AssigneeFilter, QueueFilter, QueueSort, RecordsRead};
use madoguchi_workflow::{Role, State};

const PER_PAGE: i64 = 50;

/// Whose work a queue shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AssigneeChoice {
    #[default]
    Anyone,
    Me,
    Unassigned,
    Clerk(ClerkId),
}

/// Due-date filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueChoice {
    Overdue,
    Soon,
}

/// What a clerk asked the queue for.
#[derive(Clone, Debug, Default)]
pub struct QueueQuery {
    pub states: Vec<State>,
    pub procedure: Option<ProcedureId>,
    pub ward: Option<String>,
    pub assignee: AssigneeChoice,
    pub due: Option<DueChoice>,
    /// Arrival dates (JST), inclusive.
    pub arrived_from: Option<NaiveDate>,
    pub arrived_to: Option<NaiveDate>,
    /// An arrival number, or part of the applicant's name or its reading.
    pub search: Option<String>,
    pub sort: QueueSort,
    pub page: i64,
}

#[derive(Clone, Debug)]
pub struct QueueItem {
    pub id: SubmissionId,
    pub arrival_number: ArrivalNumber,
    pub procedure_title: Localized,
    pub applicant_name: Option<String>,
    pub arrived_at: DateTime<Utc>,
    pub state: State,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub due_soon: bool,
    pub fee: Yen,
    pub ward: Option<Localized>,
    pub assignee: Option<String>,
    /// Another open filing of the procedure is for the same person and key answers
    /// (`procedure.duplicates`): 「重複の疑い」.
    pub alike: bool,
}

/// A choice in a filter: value and label.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: Localized,
}

#[derive(Clone, Debug)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// Submissions per state under the other filters, in workflow order.
    pub counts: Vec<(State, i64)>,
    /// What the filters offer.
    pub procedures: Vec<Choice>,
    pub wards: Vec<Choice>,
    pub clerks: Vec<Choice>,
}

impl Review<'_> {
    /// The clerk's queue: scoped to their department (and ward), filtered as asked.
    pub fn queue(&self, clerk: &Clerk, query: &QueueQuery) -> Result<QueuePage, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let today = jst::date(self.app.now());
        let filter = self.queue_filter(clerk, query, today);
        self.app.read(|conn| {
            let total = conn.count_queue(&filter)?;
            let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
            let page = query.page.clamp(1, pages);
            let rows = conn.queue(&filter, PER_PAGE, (page - 1) * PER_PAGE)?;
            let wards = conn.wards_of(&clerk.tenant)?;
            let clerks = conn.clerks_of_department(&clerk.tenant, &clerk.department)?;
            let keys: Vec<String> = rows
                .iter()
                .filter(|r| r.state.is_open())
                .filter_map(|r| r.duplicate_key.clone())
                .collect();
            let shared = conn.shared_duplicate_keys(&clerk.tenant, &keys)?;
            let mut items = Vec::with_capacity(rows.len());
            for row in &rows {
                let form = self.app.form_version(conn, &row.form_version)?;
                let state = row.state;
                let (overdue, due_soon) =
                    self.app.due_flags(&row.tenant_id, state, row.due_on, today);
                items.push(QueueItem {
                    id: row.id.clone(),
                    arrival_number: parse_number(row)?,
                    procedure_title: form.title().clone(),
                    applicant_name: row.applicant_name.clone(),
                    arrived_at: row.arrived_at.and_utc(),
                    state,
                    due_on: row.due_on,
                    overdue,
                    due_soon,
                    fee: Yen::new(row.fee_yen),
                    ward: ward_name(&wards, row.ward_code.as_deref()),
                    assignee: name_of(&clerks, row.assignee_id.as_ref().map(ClerkId::as_str)),
                    alike: state.is_open()
                        && row
                            .duplicate_key
                            .as_ref()
                            .is_some_and(|k| shared.contains(k)),
                });
            }
            let counted = conn.count_queue_by_state(&filter)?;
            // Under a due-date filter only running clocks count (a decided filing keeps its
            // due date, but is never overdue).
            let running =
                |s: State| matches!(s, State::Arrived | State::InReview | State::Resubmitted);
            let counts = State::ALL
                .into_iter()
                .map(|s| {
                    let n = counted
                        .iter()
                        .find(|(state, _)| *state == s)
                        .map_or(0, |(_, n)| *n);
                    (
                        s,
                        if query.due.is_some() && !running(s) {
                            0
                        } else {
                            n
                        },
                    )
                })
                .collect();
            let dep_code = self.department_code_of(conn, clerk);
            let mut procedures: Vec<Choice> = self
                .app
                .forms_for(&clerk.tenant)
                .all()
                .filter(|f| {
                    dep_code.as_ref().map(DepartmentCode::as_str)
                        == Some(f.definition().procedure.department.as_str())
                })
                .map(|f| Choice {
                    value: f.id().to_string(),
                    label: f.title().clone(),
                })
                .collect();
            procedures.sort_by(|a, b| a.label.ja.cmp(&b.label.ja));
            let wards = if clerk.ward.is_some() {
                Vec::new()
            } else {
                wards
                    .iter()
                    .map(|w| Choice {
                        value: w.code.clone(),
                        label: Localized::new(&w.name_ja, &w.name_en),
                    })
                    .collect()
            };
            Ok(QueuePage {
                items,
                total,
                page,
                pages,
                counts,
                procedures,
                wards,
                // Those who work on filings (not the section's authors).
                clerks: clerks
                    .iter()
                    .filter(|c| matches!(c.role, Role::Clerk | Role::Supervisor))
                    .map(clerk_choice)
                    .collect(),
            })
        })
    }

    fn department_code_of(
        &self,
        conn: &mut dyn RecordsRead,
        clerk: &Clerk,
    ) -> Option<DepartmentCode> {
        self.app.department_code(conn, clerk).ok()
    }

    pub(super) fn queue_filter(
        &self,
        clerk: &Clerk,
        q: &QueueQuery,
        today: NaiveDate,
    ) -> QueueFilter {
        let mut states: Vec<State> = q.states.clone();
        let (mut due_from, mut due_to) = (None, None);
        if let Some(due) = q.due {
            // Only a running clock can be overdue or due soon.
            let running = [State::Arrived, State::InReview, State::Resubmitted];
            states = if states.is_empty() {
                running.to_vec()
            } else {
                states.into_iter().filter(|s| running.contains(s)).collect()
            };
            if states.is_empty() {
                // Asked for overdue filings in a state whose clock is not running: none.
                states.push(State::Closed);
                due_to = Some(NaiveDate::MIN);
            }
            match due {
                DueChoice::Overdue => due_to = due_to.or(today.pred_opt()),
                DueChoice::Soon => {
                    due_from = Some(today);
                    let days = self.app.office_calendar(&clerk.tenant).days;
                    due_to = due_to.or(Some(days.add_business_days(today, DUE_SOON_DAYS)));
                }
            }
        }
        let search = q
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| match s.to_uppercase().parse::<ArrivalNumber>() {
                Ok(n) => n.to_string(),
                Err(_) => fold(s),
            });
        QueueFilter {
            tenant_id: clerk.tenant.clone(),
            department_id: clerk.department.clone(),
            // A ward clerk is limited to their ward whatever they ask.
            ward: clerk
                .ward
                .as_ref()
                .map(|w| w.code.clone())
                .or_else(|| q.ward.clone()),
            states,
            procedure_id: q.procedure.clone(),
            assignee: match &q.assignee {
                AssigneeChoice::Anyone => AssigneeFilter::Anyone,
                AssigneeChoice::Me => AssigneeFilter::Clerk(clerk.id.clone()),
                AssigneeChoice::Unassigned => AssigneeFilter::Unassigned,
                AssigneeChoice::Clerk(id) => AssigneeFilter::Clerk(id.clone()),
            },
            due_from,
            due_to,
            arrived_from: q.arrived_from.map(jst::start_utc),
            arrived_before: q.arrived_to.and_then(|d| d.succ_opt()).map(jst::start_utc),
            search,
            sort: q.sort,
        }
    }
}
