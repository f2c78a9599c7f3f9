//! Reminders of open corrections: an email shortly before a correction's deadline, with a
//! fresh link.

use chrono::Duration;
use madoguchi_core::jst;
use madoguchi_workflow::State;

use crate::kernel::{App, AppError, new_token, token_hash};
use crate::notification::mails::as_correction_reminder;

/// Days before a correction's deadline its reminder goes out.
pub const REMIND_DAYS_BEFORE: i64 = 2;

impl App {
    /// Emails a reminder for each open correction whose deadline is at most
    /// `REMIND_DAYS_BEFORE` days away, once, with a fresh link (the earlier one stops
    /// working: only one link's hash is kept). Run by the mail worker each round.
    pub fn send_correction_reminders(&self) -> Result<usize, AppError> {
        self.run_job("correction_reminders", || {
            self.send_correction_reminders_round()
        })
    }

    fn send_correction_reminders_round(&self) -> Result<usize, AppError> {
        let now = self.now();
        let today = jst::date(now);
        let due = self.read(|c| {
            Ok(c.corrections_to_remind(today, today + Duration::days(REMIND_DAYS_BEFORE), 100)?)
        })?;
        let mut sent = 0;
        for k in due {
            sent += self.write(|c| {
                let row = c
                    .find_submission(&k.tenant_id, &k.submission_id)?
                    .ok_or(AppError::NotFound)?;
                let email = row
                    .contact_email
                    .clone()
                    .filter(|_| row.state == State::CorrectionRequested);
                let Some(email) = email else {
                    // Nobody to remind (no address, or no longer waiting): do not look again.
                    c.mark_correction_reminded(&k.id, now.naive_utc(), &k.token_hash)?;
                    return Ok(0);
                };
                let token = new_token()?;
                if !c.mark_correction_reminded(&k.id, now.naive_utc(), &token_hash(&token))? {
                    return Ok(0);
                }
                let form = self.form_version(c, &row.form_version)?;
                let receipt = self.receipt_of(c, &row)?;
                let fields: Vec<String> = serde_json::from_str(&k.fields)
                    .map_err(|e| AppError::internal("correction fields", e))?;
                let mut mail = self.correction_mail(
                    c,
                    &row.tenant_id,
                    &receipt,
                    &form,
                    &fields,
                    &k.message,
                    k.deadline,
                    &token,
                    &email,
                )?;
                as_correction_reminder(&mut mail, k.deadline);
                c.enqueue_mail(&mail)?;
                Ok(1)
            })?;
        }
        Ok(sent)
    }
}
