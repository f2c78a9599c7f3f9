//! Drafts a resident comes back to: the list on "my applications", and "email me a link
//! to continue", which moves a draft to the browser that opens the link (once, before the
//! draft expires).

use chrono::{DateTime, Utc};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, Localized, jst};
use madoguchi_i18n::t;

use super::Filing;
use crate::kernel::municipality::city_name;
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{AppError, new_token, token_hash};
use crate::notification::mail::{body_in_every_language, subject_in_every_language};

/// A procedure being filled in.
#[derive(Clone, Debug)]
pub struct DraftSummary {
    pub procedure_id: ProcedureId,
    pub title: Localized,
    pub saved_at: DateTime<Utc>,
    /// Deleted then unless saved again.
    pub expires_at: DateTime<Utc>,
}

impl Filing<'_> {
    /// The session's drafts in progress, most recently saved first.
    pub fn my_drafts(&self, token: Option<&str>) -> Result<Vec<DraftSummary>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(Vec::new());
        };
        let now = self.app.now().naive_utc();
        let rows = self
            .app
            .read(|c| Ok(c.drafts_of_session(self.city, &token_hash(token), now)?))?;
        Ok(rows
            .into_iter()
            .filter_map(|d| {
                let form = self.app.forms_for(self.city).get(d.procedure_id.as_str())?;
                Some(DraftSummary {
                    procedure_id: d.procedure_id,
                    title: form.title().clone(),
                    saved_at: d.updated_at.and_utc(),
                    expires_at: d.expires_at.and_utc(),
                })
            })
            .collect())
    }

    /// Emails a link that continues this session's draft of `procedure_id` in any browser.
    pub fn email_resume_link(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
        email: &str,
    ) -> Result<(), AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let email = email.trim();
        if !madoguchi_forms::formats::is_email(email) {
            return Err(AppError::Refused(ErrorCode::EmailInvalid));
        }
        let now = self.app.now().naive_utc();
        let link = new_token()?;
        self.app.write(|c| {
            let draft = c
                .find_live_draft(self.city, &token_hash(token), procedure_id, now)?
                .ok_or(AppError::DraftMissing)?;
            c.insert_draft_link(
                &token_hash(&link),
                self.city,
                &draft.id,
                now,
                draft.expires_at,
            )?;
            let form = self
                .app
                .forms_for(self.city)
                .get(procedure_id.as_str())
                .ok_or(AppError::NotFound)?;
            let city = city_name(c, self.city)?;
            let url = format!("{}/resume/{link}", self.app.public_url_of(self.city));
            let subject = subject_in_every_language(|lang| {
                t!(
                    lang,
                    mail_resume_subject,
                    city = city.get(lang),
                    title = form.title().get(lang)
                )
            });
            let body = body_in_every_language(|lang| {
                t!(
                    lang,
                    mail_resume_body,
                    title = form.title().get(lang),
                    url = &url,
                    until = jst::format_datetime(draft.expires_at.and_utc(), lang),
                    city = city.get(lang),
                )
            });
            let mail = self.app.outbox_mail(
                self.city,
                None,
                madoguchi_core::MailKind::ResumeLink,
                email,
                subject,
                body,
            )?;
            c.enqueue_mail(&mail)?;
            Ok(())
        })
    }

    /// Opens a resume link in this browser: the draft (and its files) move to this
    /// session. Returns the procedure. An unknown link is 404; used or expired, 410.
    pub fn resume_draft(&self, session_token: &str, link: &str) -> Result<ProcedureId, AppError> {
        if !looks_like_token(link) || !looks_like_token(session_token) {
            return Err(AppError::NotFound);
        }
        let now = self.app.now().naive_utc();
        let hash = token_hash(link);
        self.app.write(|c| {
            let (link_tenant, draft_id, expires_at, used_at) =
                c.find_draft_link(&hash)?.ok_or(AppError::NotFound)?;
            if link_tenant != *self.city {
                return Err(AppError::NotFound);
            }
            if used_at.is_some() || expires_at <= now {
                return Err(AppError::Refused(ErrorCode::LinkExpired));
            }
            let draft = c
                .find_draft(&draft_id)?
                .filter(|d| d.expires_at > now)
                .ok_or(AppError::Refused(ErrorCode::LinkExpired))?;
            if !c.use_draft_link(&hash, now)? {
                return Err(AppError::Refused(ErrorCode::LinkExpired));
            }
            c.move_draft(&draft, &token_hash(session_token))?;
            tracing::info!(procedure = %draft.procedure_id, "draft resumed from an emailed link");
            Ok(draft.procedure_id)
        })
    }
}
