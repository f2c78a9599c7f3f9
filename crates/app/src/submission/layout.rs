//! The layout a core system (基幹システム) reads a filing in — the export file's rows and the
//! department API's filing — versioned by `LAYOUT_VERSION`: a field is only ever added within
//! a version; a rename or removal is a new version, documented in `docs/API.md`.
//!
//! My Numbers are masked (`********9018`), as on screens: a core system that needs them takes
//! them through an interface of its own, never from a file or this record.

use madoguchi_core::jst;
use madoguchi_forms::Form;
use madoguchi_records::{RecordsRead, SubmissionRecord};
use serde_json::{Value, json};

use crate::kernel::{App, AppError};

/// The version of the layout below (`"layout"` in every record).
pub const LAYOUT_VERSION: u32 = 1;

impl App {
    /// One filing in the layout: its own fields, then its answers (My Numbers masked).
    pub(crate) fn filing_record(
        &self,
        c: &mut dyn RecordsRead,
        row: &SubmissionRecord,
    ) -> Result<Value, AppError> {
        let version = self.form_version(c, &row.form_version)?;
        let mut data = self.open_data(&version, &row.data)?;
        mask_my_numbers(&version, &mut data);
        Ok(json!({
            "layout": LAYOUT_VERSION,
            "id": row.id,
            "arrival_number": row.arrival_number,
            "procedure_id": row.procedure_id,
            "arrived_at": jst::to_jst(row.arrived_at.and_utc()).to_rfc3339(),
            "state": row.state.code(),
            "due_on": row.due_on.map(|d| d.to_string()),
            "decided_at": row.decided_at.map(|t| jst::to_jst(t.and_utc()).to_rfc3339()),
            "business_days_used": row.days_used,
            "corrections": row.correction_count,
            "ward_code": row.ward_code,
            "filing_mode": row.filing_mode,
            "entered_by_staff": row.entered_by.is_some(),
            "fee_yen": row.fee_yen,
            "form_version": row.form_version,
            "data_sha256": row.data_sha256,
            "answers": data,
        }))
    }
}

/// My Numbers as shown on screens (`********9018`).
fn mask_my_numbers(form: &Form, data: &mut Value) {
    let _ = form.map_my_numbers::<()>(data, &mut |v| {
        Ok(madoguchi_forms::display::mask_my_number(v))
    });
}
