//! Exports of a procedure's filings for the city's core systems (基幹システム): CSV
//! (UTF-8, optionally with a BOM for spreadsheet tools) or JSON. Scoped like the queue (the
//! clerk's department and ward), logged in the audit log with what was asked and how many
//! rows left. My Numbers are exported masked: a core system that needs them takes them from
//! the filing through an interface of its own, not from a file on a desktop.

use chrono::NaiveDate;
use madoguchi_core::ProcedureId;
use madoguchi_core::{Lang, jst};
use madoguchi_forms::Form;
use madoguchi_records::{AssigneeFilter, QueueFilter, QueueSort};
use madoguchi_workflow::State;
use serde_json::{Map, Value, json};

use super::Review;
use crate::kernel::audit::AuditEntry;
use crate::kernel::spreadsheet::CsvFile;
use crate::kernel::staff::require_case_worker;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};
use madoguchi_core::AuditAction;

/// At most this many rows per file (larger periods are exported month by month).
pub const MAX_EXPORT_ROWS: i64 = 50_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv { bom: bool },
    Json,
}

#[derive(Clone, Debug)]
pub struct ExportQuery {
    /// The procedure (ignored when `ids` are given).
    pub procedure: ProcedureId,
    /// Filings chosen in the queue (bulk export); empty: by the filters below.
    pub ids: Vec<String>,
    /// Arrival dates (JST), inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub states: Vec<State>,
    pub format: ExportFormat,
}

#[derive(Clone, Debug)]
pub struct Export {
    pub filename: String,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub rows: usize,
}

impl Review<'_> {
    /// A file of one procedure's filings, as the clerk's queue would list them.
    pub fn export(&self, clerk: &Clerk, q: &ExportQuery) -> Result<Export, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        if !q.ids.is_empty() {
            return self.export_chosen(clerk, q);
        }
        let form = self
            .app
            .forms_for(&clerk.tenant)
            .get(q.procedure.as_str())
            .ok_or(AppError::NotFound)?;
        let filter = QueueFilter {
            tenant_id: clerk.tenant.clone(),
            department_id: clerk.department.clone(),
            ward: clerk.ward.as_ref().map(|w| w.code.clone()),
            states: q.states.clone(),
            procedure_id: Some(q.procedure.clone()),
            assignee: AssigneeFilter::Anyone,
            due_from: None,
            due_to: None,
            arrived_from: q.from.map(jst::start_utc),
            arrived_before: q.to.and_then(|d| d.succ_opt()).map(jst::start_utc),
            search: None,
            sort: QueueSort::OldestFirst,
        };
        let rows = self
            .app
            .read(|c| Ok(c.queue(&filter, MAX_EXPORT_ROWS + 1, 0)?))?;
        if rows.len() as i64 > MAX_EXPORT_ROWS {
            return Err(AppError::Refused(madoguchi_core::ErrorCode::ExportTooLarge));
        }
        self.export_rows(clerk, q, Some(form), q.procedure.as_str(), rows)
    }

    /// The filings chosen in the queue: each must be the clerk's to see (else nothing is
    /// exported). A CSV needs them to be of one procedure (its answers are the columns).
    fn export_chosen(&self, clerk: &Clerk, q: &ExportQuery) -> Result<Export, AppError> {
        if q.ids.len() > super::decide::MAX_BULK {
            return Err(AppError::Refused(
                madoguchi_core::ErrorCode::SelectionInvalid,
            ));
        }
        let rows = self.app.read(|c| {
            q.ids
                .iter()
                .map(|id| self.app.visible_to(c, clerk, id))
                .collect::<Result<Vec<_>, _>>()
        })?;
        let procedures: std::collections::BTreeSet<&str> =
            rows.iter().map(|r| r.procedure_id.as_str()).collect();
        let single = (procedures.len() == 1)
            .then(|| procedures.first().copied())
            .flatten()
            .map(str::to_string);
        let form = single
            .as_deref()
            .and_then(|id| self.app.forms_for(&clerk.tenant).get(id));
        if form.is_none() && matches!(q.format, ExportFormat::Csv { .. }) {
            return Err(AppError::Refused(
                madoguchi_core::ErrorCode::ExportMixedProcedures,
            ));
        }
        let name = single.unwrap_or_else(|| "selected".into());
        self.export_rows(clerk, q, form, &name, rows)
    }

    fn export_rows(
        &self,
        clerk: &Clerk,
        q: &ExportQuery,
        form: Option<std::sync::Arc<Form>>,
        name: &str,
        rows: Vec<madoguchi_records::SubmissionRecord>,
    ) -> Result<Export, AppError> {
        let mut records = Vec::with_capacity(rows.len());
        self.app.read(|c| {
            for row in &rows {
                records.push(self.app.filing_record(c, row)?);
            }
            Ok(())
        })?;
        let stamp = jst::date(self.app.now()).format("%Y%m%d");
        let export = match q.format {
            ExportFormat::Json => Export {
                filename: format!("{name}-{stamp}.json"),
                content_type: "application/json; charset=utf-8",
                body: serde_json::to_vec_pretty(&json!({
                                        "procedure_id": name,
                    "exported_at": jst::to_jst(self.app.now()).to_rfc3339(),
                    "filings": records,
                }))
                .map_err(|e| AppError::internal("export", e))?,
                rows: rows.len(),
            },
            ExportFormat::Csv { bom } => Export {
                filename: format!("{name}-{stamp}.csv"),
                content_type: "text/csv; charset=utf-8",
                body: to_csv(
                    form.as_deref().ok_or(AppError::Refused(
                        madoguchi_core::ErrorCode::ExportMixedProcedures,
                    ))?,
                    &records,
                    bom,
                )?,
                rows: rows.len(),
            },
        };
        self.app.write(|c| {
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::Export).detail(
                    json!({
                                                "procedure": name,
                        "chosen": q.ids.len(),
                        "from": q.from,
                        "to": q.to,
                        "states": q.states.iter().map(|s| s.code()).collect::<Vec<_>>(),
                        "rows": export.rows,
                    })
                    .to_string(),
                ),
            )
        })?;
        tracing::info!(clerk = %clerk.id, procedure = %q.procedure, rows = export.rows, "export");
        Ok(export)
    }
}

/// One column per answer (`applicant_address.city`; lists as JSON in one cell), after the
/// filing's own columns. Headers are the field pointers, so a core system's mapping does not
/// break when a label is reworded; the second header row holds the Japanese labels. An
/// answer a spreadsheet would read as a formula is written as text (`kernel::spreadsheet`);
/// the JSON export keeps every answer exactly as stored.
fn to_csv(form: &Form, records: &[Value], bom: bool) -> Result<Vec<u8>, AppError> {
    const FIXED: [&str; 13] = [
        "arrival_number",
        "arrived_at",
        "state",
        "due_on",
        "decided_at",
        "business_days_used",
        "corrections",
        "ward_code",
        "filing_mode",
        "fee_yen",
        "form_version",
        "data_sha256",
        "procedure_id",
    ];
    let mut answer_columns: Vec<String> = Vec::new();
    for r in records {
        if let Some(Value::Object(a)) = r.get("answers") {
            flatten_keys(a, "", &mut answer_columns);
        }
    }
    let mut w = CsvFile::new(bom);
    let header: Vec<String> = FIXED
        .iter()
        .map(|s| (*s).to_string())
        .chain(answer_columns.iter().cloned())
        .collect();
    let labels: Vec<String> = FIXED
        .iter()
        .map(|s| (*s).to_string())
        .chain(answer_columns.iter().map(|c| {
            let pointer = format!("/{}", c.replace('.', "/"));
            form.field(&pointer)
                .map(|f| f.message_label().get(Lang::Ja).to_string())
                .unwrap_or_default()
        }))
        .collect();
    let csv_err = |e: csv::Error| AppError::internal("export", e);
    w.row(&header).map_err(csv_err)?;
    w.row(&labels).map_err(csv_err)?;
    for r in records {
        let mut line: Vec<String> = FIXED.iter().map(|k| cell(r.get(*k))).collect();
        let answers = r.get("answers").cloned().unwrap_or(Value::Null);
        for c in &answer_columns {
            let pointer = format!("/{}", c.replace('.', "/"));
            line.push(cell(answers.pointer(&pointer)));
        }
        w.row(&line).map_err(csv_err)?;
    }
    w.finish().map_err(|e| AppError::internal("export", e))
}

fn flatten_keys(map: &Map<String, Value>, prefix: &str, out: &mut Vec<String>) {
    for (k, v) in map {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Object(inner) => flatten_keys(inner, &key, out),
            _ => {
                if !out.contains(&key) {
                    out.push(key);
                }
            }
        }
    }
}

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}
