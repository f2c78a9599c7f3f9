//! Submissions, their append-only audit events, and idempotency keys.

use chrono::NaiveDate;
use diesel::dsl::max;
use diesel::prelude::*;

use crate::conn::MultiBackend;
use crate::repo::row;
use crate::schema::{corrections, idempotency_keys, submission_events, submissions};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::{
    AssigneeFilter, CorrectionRecord, DataUpdate, EventRecord, FigureCounts, IdempotencyRecord,
    QueueFilter, QueueSort, SubmissionRecord,
};

row!(SubmissionRow <-> SubmissionRecord in submissions {
    id: String,
    tenant_id: String,
    department_id: String,
    procedure_id: String,
    form_version: String,
    arrival_number: String,
    arrived_at: Timestamp,
    due_on: Option<NaiveDate>,
    state: String,
    data: String,
    data_sha256: String,
    fee_yen: i64,
    applicant_name: Option<String>,
    contact_email: Option<String>,
    resident_session_hash: Option<String>,
    updated_at: Timestamp,
    ward_code: Option<String>,
    assignee_id: Option<String>,
    search_key: String,
    filing_mode: String,
    decided_at: Option<Timestamp>,
    days_used: Option<i32>,
    correction_count: i32,
    resident_account: Option<String>,
});

row!(EventRow <-> EventRecord in submission_events {
    id: String,
    tenant_id: String,
    submission_id: String,
    seq: i32,
    at: Timestamp,
    actor_kind: String,
    actor_id: Option<String>,
    action: String,
    from_state: Option<String>,
    to_state: String,
    reason: Option<String>,
    detail: Option<String>,
});

row!(CorrectionRow <-> CorrectionRecord in corrections {
    id: String,
    tenant_id: String,
    submission_id: String,
    seq: i32,
    requested_by: String,
    requested_at: Timestamp,
    fields: String,
    message: String,
    deadline: NaiveDate,
    token_hash: String,
        resubmitted_at: Option<Timestamp>,
    previous_data: Option<String>,
    reminded_at: Option<Timestamp>,
});

row!(IdempotencyRow <-> IdempotencyRecord in idempotency_keys {
    tenant_id: String,
    idem_key: String,
    request_hash: String,
    submission_id: String,
    created_at: Timestamp,
});

pub fn insert(conn: &mut DbConn, row: &SubmissionRecord) -> Result<(), Error> {
    diesel::insert_into(submissions::table)
        .values(SubmissionRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn find(
    conn: &mut DbConn,
    tenant_id: &str,
    id: &str,
) -> Result<Option<SubmissionRecord>, Error> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::id.eq(id))
        .select(SubmissionRow::as_select())
        .first::<SubmissionRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn find_by_arrival_number(
    conn: &mut DbConn,
    tenant_id: &str,
    arrival_number: &str,
) -> Result<Option<SubmissionRecord>, Error> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::arrival_number.eq(arrival_number))
        .select(SubmissionRow::as_select())
        .first::<SubmissionRow>(conn)
        .optional()?
        .map(Into::into))
}

/// What one browser session filed, and what the signed-in resident `account` filed on any
/// device, newest first (at most 100).
pub fn of_resident(
    conn: &mut DbConn,
    tenant_id: &str,
    session_hash: &str,
    account: Option<&str>,
) -> Result<Vec<SubmissionRecord>, Error> {
    let mut query = submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .into_boxed::<MultiBackend>();
    query = match account {
        Some(account) => query.filter(
            submissions::resident_session_hash
                .eq(session_hash)
                .or(submissions::resident_account.eq(account)),
        ),
        None => query.filter(submissions::resident_session_hash.eq(session_hash)),
    };
    Ok(query
        .order(submissions::arrived_at.desc())
        .limit(100)
        .select(SubmissionRow::as_select())
        .load::<SubmissionRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

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

/// The submissions `f` selects, in its order.
pub fn queue(
    conn: &mut DbConn,
    f: &QueueFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<SubmissionRecord>, Error> {
    let q = filtered(f, true);
    let q = match f.sort {
        QueueSort::NewestFirst => q.order((submissions::arrived_at.desc(), submissions::id.desc())),
        QueueSort::OldestFirst => q.order((submissions::arrived_at.asc(), submissions::id.asc())),
        // NULL due dates last on both engines (SQLite sorts NULL first by default).
        QueueSort::DueFirst => q.order((
            submissions::due_on.is_null().asc(),
            submissions::due_on.asc(),
            submissions::arrived_at.asc(),
        )),
    };
    let rows: Vec<SubmissionRow> = q
        .limit(limit)
        .offset(offset)
        .select(SubmissionRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub fn count_queue(conn: &mut DbConn, f: &QueueFilter) -> Result<i64, Error> {
    Ok(filtered(f, true).count().get_result(conn)?)
}

/// Counts per state of what `f` selects, `f.states` ignored. (A boxed query cannot be
/// grouped, so it is one indexed count per state that occurs.)
pub fn count_queue_by_state(
    conn: &mut DbConn,
    f: &QueueFilter,
) -> Result<Vec<(String, i64)>, Error> {
    let states: Vec<String> = filtered(f, false)
        .select(submissions::state)
        .distinct()
        .load(conn)?;
    let mut counts = Vec::with_capacity(states.len());
    for state in states {
        let n: i64 = filtered(f, false)
            .filter(submissions::state.eq(&state))
            .count()
            .get_result(conn)?;
        counts.push((state, n));
    }
    Ok(counts)
}

pub fn without_search_key(conn: &mut DbConn, limit: i64) -> Result<Vec<SubmissionRecord>, Error> {
    Ok(submissions::table
        .filter(submissions::search_key.not_like("%/%"))
        .order(submissions::id.asc())
        .limit(limit)
        .select(SubmissionRow::as_select())
        .load::<SubmissionRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn set_search_key(conn: &mut DbConn, id: &str, search_key: &str) -> Result<(), Error> {
    diesel::update(submissions::table.find(id))
        .set(submissions::search_key.eq(search_key))
        .execute(conn)?;
    Ok(())
}

pub fn record_decision(
    conn: &mut DbConn,
    id: &str,
    decided_at: Timestamp,
    days_used: Option<i32>,
) -> Result<(), Error> {
    diesel::update(submissions::table.find(id))
        .set((
            submissions::decided_at.eq(Some(decided_at)),
            submissions::days_used.eq(days_used),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn count_correction(conn: &mut DbConn, id: &str) -> Result<(), Error> {
    diesel::update(submissions::table.find(id))
        .set(submissions::correction_count.eq(submissions::correction_count + 1))
        .execute(conn)?;
    Ok(())
}

/// Grouped counts for the published figures (four small aggregate queries).
pub fn figure_counts(
    conn: &mut DbConn,
    tenant_id: &str,
    from: Timestamp,
    to: Timestamp,
) -> Result<FigureCounts, Error> {
    use diesel::dsl::count_star;
    let scope = submissions::tenant_id
        .eq(tenant_id)
        .and(submissions::arrived_at.ge(from))
        .and(submissions::arrived_at.lt(to));
    let by_state = submissions::table
        .filter(scope)
        .group_by((
            submissions::procedure_id,
            submissions::filing_mode,
            submissions::state,
        ))
        .select((
            submissions::procedure_id,
            submissions::filing_mode,
            submissions::state,
            count_star(),
        ))
        .load::<(String, String, String, i64)>(conn)?;
    let by_days = submissions::table
        .filter(scope)
        .filter(submissions::days_used.is_not_null())
        .group_by((submissions::procedure_id, submissions::days_used))
        .select((
            submissions::procedure_id,
            submissions::days_used,
            count_star(),
        ))
        .load::<(String, Option<i32>, i64)>(conn)?
        .into_iter()
        .filter_map(|(p, d, n)| Some((p, d?, n)))
        .collect();
    let corrected = submissions::table
        .filter(scope)
        .filter(submissions::correction_count.gt(0))
        .group_by(submissions::procedure_id)
        .select((submissions::procedure_id, count_star()))
        .load::<(String, i64)>(conn)?;
    let late = submissions::table
        .filter(scope)
        .filter(submissions::decided_at.is_not_null())
        .filter(submissions::due_on.is_not_null())
        .filter(
            diesel::dsl::date(submissions::decided_at.assume_not_null())
                .gt(submissions::due_on.assume_not_null()),
        )
        .group_by(submissions::procedure_id)
        .select((submissions::procedure_id, count_star()))
        .load::<(String, i64)>(conn)?;
    Ok(FigureCounts {
        by_state,
        by_days,
        corrected,
        late,
    })
}

pub fn count_arrivals(
    conn: &mut DbConn,
    tenant_id: &str,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<(String, i64)>, Error> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::arrived_at.ge(from))
        .filter(submissions::arrived_at.lt(to))
        .group_by(submissions::procedure_id)
        .select((submissions::procedure_id, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?)
}

pub fn set_assignee(
    conn: &mut DbConn,
    id: &str,
    assignee_id: Option<&str>,
    now: Timestamp,
) -> Result<(), Error> {
    diesel::update(submissions::table.find(id))
        .set((
            submissions::assignee_id.eq(assignee_id),
            submissions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_due_on(conn: &mut DbConn, id: &str, due_on: Option<NaiveDate>) -> Result<(), Error> {
    diesel::update(submissions::table.find(id))
        .set(submissions::due_on.eq(due_on))
        .execute(conn)?;
    Ok(())
}

pub fn replace_data(
    conn: &mut DbConn,
    id: &str,
    u: &DataUpdate,
    now: Timestamp,
) -> Result<(), Error> {
    diesel::update(submissions::table.find(id))
        .set((
            submissions::data.eq(&u.data),
            submissions::data_sha256.eq(&u.data_sha256),
            submissions::search_key.eq(&u.search_key),
            submissions::applicant_name.eq(&u.applicant_name),
            submissions::contact_email.eq(&u.contact_email),
            submissions::ward_code.eq(&u.ward_code),
            submissions::fee_yen.eq(u.fee_yen),
            submissions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_correction(conn: &mut DbConn, row: &CorrectionRecord) -> Result<(), Error> {
    diesel::insert_into(corrections::table)
        .values(CorrectionRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn corrections_of(
    conn: &mut DbConn,
    submission_id: &str,
) -> Result<Vec<CorrectionRecord>, Error> {
    Ok(corrections::table
        .filter(corrections::submission_id.eq(submission_id))
        .order(corrections::seq.asc())
        .select(CorrectionRow::as_select())
        .load::<CorrectionRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn find_correction_by_token(
    conn: &mut DbConn,
    token_hash: &str,
) -> Result<Option<CorrectionRecord>, Error> {
    Ok(corrections::table
        .filter(corrections::token_hash.eq(token_hash))
        .select(CorrectionRow::as_select())
        .first::<CorrectionRow>(conn)
        .optional()?
        .map(Into::into))
}

/// Records the answer to a correction once; false when it was answered already.
pub fn mark_correction_answered(
    conn: &mut DbConn,
    id: &str,
    at: Timestamp,
    previous_data: &str,
) -> Result<bool, Error> {
    let n = diesel::update(
        corrections::table
            .filter(corrections::id.eq(id))
            .filter(corrections::resubmitted_at.is_null()),
    )
    .set((
        corrections::resubmitted_at.eq(Some(at)),
        corrections::previous_data.eq(Some(previous_data)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Open corrections (not answered, not reminded) whose deadline is from `from` to `until`.
pub fn corrections_to_remind(
    conn: &mut DbConn,
    from: NaiveDate,
    until: NaiveDate,
    limit: i64,
) -> Result<Vec<CorrectionRecord>, Error> {
    Ok(corrections::table
        .filter(corrections::resubmitted_at.is_null())
        .filter(corrections::reminded_at.is_null())
        .filter(corrections::deadline.ge(from))
        .filter(corrections::deadline.le(until))
        .order(corrections::deadline.asc())
        .limit(limit)
        .select(CorrectionRow::as_select())
        .load::<CorrectionRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Records the reminder and the new link's hash, once (false when already reminded or
/// answered meanwhile).
pub fn mark_correction_reminded(
    conn: &mut DbConn,
    id: &str,
    at: Timestamp,
    token_hash: &str,
) -> Result<bool, Error> {
    let n = diesel::update(
        corrections::table
            .filter(corrections::id.eq(id))
            .filter(corrections::resubmitted_at.is_null())
            .filter(corrections::reminded_at.is_null()),
    )
    .set((
        corrections::reminded_at.eq(Some(at)),
        corrections::token_hash.eq(token_hash),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Moves a submission from `from` to `to`. Returns false when it was no longer in `from`
/// (another clerk acted first), so two decisions can never both apply.
pub fn update_state(
    conn: &mut DbConn,
    id: &str,
    from: &str,
    to: &str,
    now: Timestamp,
) -> Result<bool, Error> {
    let n = diesel::update(
        submissions::table
            .filter(submissions::id.eq(id))
            .filter(submissions::state.eq(from)),
    )
    .set((submissions::state.eq(to), submissions::updated_at.eq(now)))
    .execute(conn)?;
    Ok(n == 1)
}

/// The next sequence number of a submission's events (1 for the first).
pub fn next_event_seq(conn: &mut DbConn, submission_id: &str) -> Result<i32, Error> {
    let current: Option<i32> = submission_events::table
        .filter(submission_events::submission_id.eq(submission_id))
        .select(max(submission_events::seq))
        .first(conn)?;
    Ok(current.unwrap_or(0) + 1)
}

pub fn append_event(conn: &mut DbConn, row: &EventRecord) -> Result<(), Error> {
    diesel::insert_into(submission_events::table)
        .values(EventRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn events(
    conn: &mut DbConn,
    tenant_id: &str,
    submission_id: &str,
) -> Result<Vec<EventRecord>, Error> {
    Ok(submission_events::table
        .filter(submission_events::tenant_id.eq(tenant_id))
        .filter(submission_events::submission_id.eq(submission_id))
        .order(submission_events::seq.asc())
        .select(EventRow::as_select())
        .load::<EventRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn find_idempotency(
    conn: &mut DbConn,
    tenant_id: &str,
    key: &str,
) -> Result<Option<IdempotencyRecord>, Error> {
    Ok(idempotency_keys::table
        .find((tenant_id, key))
        .select(IdempotencyRow::as_select())
        .first::<IdempotencyRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn insert_idempotency(conn: &mut DbConn, row: &IdempotencyRecord) -> Result<(), Error> {
    diesel::insert_into(idempotency_keys::table)
        .values(IdempotencyRow::from(row))
        .execute(conn)?;
    Ok(())
}

/// Counts, for tests and health checks.
pub fn count_all(conn: &mut DbConn) -> Result<i64, Error> {
    Ok(submissions::table.count().get_result(conn)?)
}
