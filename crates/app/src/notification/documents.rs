//! The decision notice (決定通知書) as a PDF. What it says is fixed when the decision is
//! recorded (the `documents` row, JSON); the PDF is drawn from that on each download, with the
//! built-in IPAex Gothic or the font file `font_path` names.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::{DocumentId, DocumentKind, Lang, jst};
use madoguchi_documents::{DecisionNotice, Fonts};
use madoguchi_forms::Form;
use madoguchi_i18n::t;
use madoguchi_records::{DocumentRecord, Records, SubmissionRecord};
use madoguchi_workflow::State;
use serde::{Deserialize, Serialize};

use crate::kernel::{App, AppError, new_token, token_hash};

pub(crate) const DECISION_NOTICE: DocumentKind = DocumentKind::DecisionNotice;

/// What a decision notice says, as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct NoticeContent {
    municipality: String,
    /// Who decided (仙台市長); notices stored before it was kept print the municipality.
    #[serde(default)]
    authority: String,
    office: String,
    notice_date: NaiveDate,
    applicant_name: String,
    subject: String,
    procedure_title: String,
    arrival_number: String,
    filed_on: NaiveDate,
    decision: String,
    granted: bool,
    reasons: String,
    appeal_notice: String,
    title_en: String,
    summary_en: String,
}

impl From<NoticeContent> for DecisionNotice {
    fn from(c: NoticeContent) -> Self {
        DecisionNotice {
            municipality: c.municipality,
            authority: c.authority,
            office: c.office,
            notice_date: c.notice_date,
            applicant_name: c.applicant_name,
            subject: c.subject,
            procedure_title: c.procedure_title,
            arrival_number: c.arrival_number,
            filed_on: c.filed_on,
            decision: c.decision,
            granted: c.granted,
            reasons: c.reasons,
            appeal_notice: c.appeal_notice,
            title_en: c.title_en,
            summary_en: c.summary_en,
            reference: String::new(),
        }
    }
}

/// A PDF to send.
#[derive(Clone, Debug)]
pub struct Pdf {
    pub filename: String,
    pub body: Vec<u8>,
}

impl App {
    /// The font PDFs are drawn with, loaded once: the file `AppConfig::font_path` names,
    /// or the built-in IPAex Gothic.
    pub(crate) fn fonts(&self) -> Result<Arc<Fonts>, AppError> {
        let loaded = self.fonts.get_or_init(|| {
            Fonts::configured(self.config.font_path.as_deref())
                .map(Arc::new)
                .map_err(|e| {
                    tracing::error!(error = %e, "no font for PDFs");
                    e.to_string()
                })
        });
        loaded.clone().map_err(AppError::Unavailable)
    }

    /// What PDFs are drawn with (`IPAexGothic (built in)` or the file's path), loading the
    /// font; an error says why the configured file cannot be used.
    pub fn pdf_font(&self) -> Result<String, AppError> {
        self.fonts().map(|f| f.source().to_string())
    }

    /// Records what the decision notice says and returns the secret of its download link.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn issue_decision_notice(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        form: &Form,
        department: &madoguchi_core::Localized,
        to: State,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<String, AppError> {
        let tenant = row.tenant_id.clone();
        let city = crate::kernel::municipality::city_name(c, &tenant)?;
        let appeal = self
            .appeal_notice(tenant.as_str(), form.settings().appeal_key())
            .ok_or_else(|| AppError::broken(format!("no appeal notice for {}", form.id())))?;
        let granted = to == State::Approved;
        let reasons = reason.unwrap_or_default().to_string();
        let title = form.title();
        let summary_en = format!(
            "Decision on your application \"{}\" (arrival number {}): {}.{}\n\nYour right to appeal: {}\n\nThe Japanese text above is the official notice.",
            title.en,
            row.arrival_number,
            if granted { "approved" } else { "rejected" },
            if reasons.is_empty() {
                String::new()
            } else {
                format!(" {}: {reasons}", if granted { "Note" } else { "Reasons" })
            },
            appeal.en
        );
        let content = NoticeContent {
            authority: self
                .decision_authority_of(&tenant, row.ward_code.as_deref())
                .map(|a| a.ja)
                .unwrap_or_default(),
            municipality: city.ja,
            office: department.ja.clone(),
            notice_date: jst::date(now),
            applicant_name: row.applicant_name.clone().unwrap_or_default(),
            subject: title.ja.clone(),
            procedure_title: title.ja.clone(),
            arrival_number: row.arrival_number.clone(),
            filed_on: jst::date(row.arrived_at.and_utc()),
            // The notice is in Japanese, the language of record.
            decision: if granted {
                t!(Lang::Ja, app_decision_granted)
            } else {
                t!(Lang::Ja, app_decision_refused)
            }
            .into(),
            granted,
            reasons,
            appeal_notice: appeal.ja.clone(),
            title_en: format!("Notice of decision: {}", title.en),
            summary_en,
        };
        let token = new_token()?;
        c.insert_document(&DocumentRecord {
            id: DocumentId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: row.tenant_id.clone(),
            submission_id: row.id.clone(),
            kind: DECISION_NOTICE,
            created_at: now.naive_utc(),
            content: serde_json::to_string(&content)
                .map_err(|e| AppError::internal("notice", e))?,
            token_hash: token_hash(&token),
        })?;
        Ok(token)
    }

    pub(crate) fn render_notice(&self, doc: &DocumentRecord) -> Result<Pdf, AppError> {
        let content: NoticeContent = serde_json::from_str(&doc.content)
            .map_err(|e| AppError::internal(format!("notice {}", doc.id), e))?;
        let filename = format!("decision-notice-{}.pdf", content.arrival_number);
        let fonts = self.fonts()?;
        let body = madoguchi_documents::decision_notice(&content.into(), &fonts)
            .map_err(|e| AppError::internal(format!("notice {}", doc.id), e))?;
        Ok(Pdf { filename, body })
    }
}
