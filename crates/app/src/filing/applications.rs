//! What a resident sees of what they filed: my applications, the receipt with its history, and the PDFs.

use std::sync::Arc;

use madoguchi_core::jst;
use madoguchi_forms::Form;
use serde_json::Value;

use super::Filing;
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{AppError, token_hash};
use crate::notification::Pdf;
use crate::submission::receipt::history_item;
use crate::submission::{HistoryItem, Receipt};

impl Filing<'_> {
    /// The receipt (受付控え) as a PDF, for the browser session that filed it.
    pub fn receipt_pdf(&self, token: Option<&str>, arrival_number: &str) -> Result<Pdf, AppError> {
        let receipt = self.receipt(token, arrival_number)?;
        let (doc, city, bookings) = self.app.read(|c| {
            let row = c
                .find_submission(self.city, &receipt.submission_id)?
                .ok_or(AppError::NotFound)?;
            let form = self.app.form_version(c, &row.form_version)?;
            let data = self.app.open_data(&form, &row.data)?;
            // Answers as the check page shows them (My Numbers masked).
            let answers = form
                .answers(&data, madoguchi_core::Lang::Ja)
                .into_iter()
                .flat_map(|(_, answers)| answers)
                .filter(|a| a.answered)
                .flat_map(|a| {
                    // A repeatable question's items and their questions, indented under it.
                    a.rows()
                        .into_iter()
                        .map(|(depth, label, value)| {
                            (
                                format!("{}{label}", "\u{3000}".repeat(depth)),
                                value.to_string(),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            // Each visit booked with it: the time, the place, and whether it stands.
            let ja = madoguchi_core::Lang::Ja;
            let bookings = self
                .app
                .filed_bookings(c, self.city, &row)?
                .iter()
                .map(|b| {
                    let time = match b.status_note(ja) {
                        Some(note) => format!("{}({note})", b.time(ja)),
                        None => b.time(ja),
                    };
                    format!("{time}\n{}", b.place.ja)
                })
                .collect();
            Ok((
                answers,
                crate::kernel::municipality::city_name(c, self.city)?,
                bookings,
            ))
        })?;
        let receipt_doc = madoguchi_documents::Receipt {
            municipality: city.ja,
            office: receipt.department.ja.clone(),
            procedure_title: receipt.procedure_title.ja.clone(),
            procedure_title_en: receipt.procedure_title.en.clone(),
            arrival_number: receipt.arrival_number.to_string(),
            arrived_at: jst::to_jst(receipt.arrived_at).naive_local(),
            answers: doc,
            attachments: receipt
                .attachments
                .iter()
                .map(|(name, size)| madoguchi_documents::Attachment {
                    file_name: name.clone(),
                    size_bytes: *size,
                })
                .collect(),
            fee_yen: receipt.fee.amount(),
            bookings,
            // The receipt is in Japanese, the language of record.
            note: madoguchi_i18n::t!(madoguchi_core::Lang::Ja, app_receipt_note).into(),
            reference: receipt.data_sha256.clone(),
        };
        let fonts = self.app.fonts()?;
        let body = madoguchi_documents::receipt(&receipt_doc, &fonts)
            .map_err(|e| AppError::internal("receipt pdf", e))?;
        Ok(Pdf {
            filename: format!("receipt-{}.pdf", receipt.arrival_number),
            body,
        })
    }

    /// The decision notice behind an emailed link.
    pub fn decision_notice_by_link(&self, token: &str) -> Result<Pdf, AppError> {
        if !looks_like_token(token) {
            return Err(AppError::NotFound);
        }
        let doc = self
            .app
            .read(|c| Ok(c.find_document_by_token(&token_hash(token))?))?
            .filter(|d| d.tenant_id == *self.city)
            .ok_or(AppError::NotFound)?;
        self.app.render_notice(&doc)
    }

    /// What this browser session filed (my applications), and what the resident signed in
    /// on it filed on any device, newest first.
    pub fn my_applications(&self, token: Option<&str>) -> Result<Vec<Receipt>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(Vec::new());
        };
        let hash = token_hash(token);
        self.app.read(|conn| {
            let account = self.app.account_of(conn, self.city, &hash)?;
            conn.submissions_of_resident(self.city, &hash, account.as_deref())?
                .iter()
                .map(|row| self.app.receipt_of(conn, row))
                .collect()
        })
    }

    /// The decision notice of a filing, for the browser session that filed it.
    pub fn decision_notice_for_session(
        &self,
        token: Option<&str>,
        arrival_number: &str,
    ) -> Result<Pdf, AppError> {
        let receipt = self.receipt(token, arrival_number)?;
        let doc = self
            .app
            .read(|c| {
                Ok(c.find_document(
                    &receipt.submission_id,
                    crate::notification::documents::DECISION_NOTICE,
                )?)
            })?
            .ok_or(AppError::NotFound)?;
        self.app.render_notice(&doc)
    }

    /// A receipt, shown only to the resident who filed it (`residents_filing`).
    pub fn receipt(&self, token: Option<&str>, arrival_number: &str) -> Result<Receipt, AppError> {
        self.app.read(|conn| {
            let row = self
                .app
                .residents_filing(conn, self.city, token, arrival_number)?;
            self.app.receipt_of(conn, &row)
        })
    }

    /// The receipt with its history, for the browser session that filed it.
    pub fn application(
        &self,
        token: Option<&str>,
        arrival_number: &str,
    ) -> Result<ApplicationView, AppError> {
        let (receipt, form, answers, history, bookings) = self.app.read(|c| {
            let row = self
                .app
                .residents_filing(c, self.city, token, arrival_number)?;
            let receipt = self.app.receipt_of(c, &row)?;
            let form = self.app.form_version(c, &row.form_version)?;
            let answers = self.app.open_data(&form, &row.data)?;
            // Each answered correction's changes go with its "received" line, in order.
            let corrections = c.corrections_of(&row.id)?;
            let mut changes = corrections
                .iter()
                .zip(self.app.correction_changes(&form, &corrections, &row)?)
                .filter(|(c, _)| c.previous_data.is_some())
                .map(|(_, changes)| changes);
            let history = c
                .events(self.city, &row.id)?
                .iter()
                .filter_map(history_item)
                .map(|mut item| {
                    if item.resubmitted {
                        item.changes = changes.next().unwrap_or_default();
                    }
                    item
                })
                .collect();
            let bookings = self.app.filed_bookings(c, self.city, &row)?;
            Ok((receipt, form, answers, history, bookings))
        })?;
        let can_withdraw = madoguchi_workflow::transition(
            receipt.state,
            &madoguchi_workflow::Action::Withdraw,
            madoguchi_workflow::Role::Resident,
        )
        .is_ok();
        Ok(ApplicationView {
            receipt,
            form,
            answers,
            history,
            can_withdraw,
            bookings,
        })
    }
}

/// What the applicant's receipt page shows beyond the receipt.
#[derive(Clone, Debug)]
pub struct ApplicationView {
    pub receipt: Receipt,
    /// The procedure as it was filed, to show the answers with.
    pub form: Arc<Form>,
    /// The answers as they stand now (after any corrections).
    pub answers: Value,
    /// Oldest first; internal steps (assignment) left out.
    pub history: Vec<HistoryItem>,
    /// The applicant may still withdraw it (取下げ).
    pub can_withdraw: bool,
    /// Its bookings (cancelled ones too), each with whether it may still be changed.
    pub bookings: Vec<crate::submission::FiledBooking>,
}
