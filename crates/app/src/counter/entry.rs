//! Staff entry (issue 44 item 2, 書かない窓口 for a resident without a phone): a clerk starts
//! an entry at the desk, which gives the clerk's browser a fresh resident session, fills the
//! resident's procedures with them through the same steps and checks a resident meets, puts
//! them on the counter slip as a resident would, and opens that slip from the same browser
//! — no code to type — to check identity and file as any prepared visit is filed. Each
//! filing keeps who entered it (`submissions.entered_by`), shown on the filing and counted.

use madoguchi_core::{AuditAction, VisitId};
use madoguchi_records::StaffEntryRecord;
use serde_json::json;

use super::Counter;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::{require_case_worker, require_city};
use crate::kernel::tokens::{new_token, token_hash};
use crate::kernel::{AppError, Clerk};

impl Counter<'_> {
    /// Starts an entry for a resident at the desk: the token of a new resident session
    /// (for the clerk's browser, replacing any other), recorded as the clerk's (audited).
    pub fn start_entry(&self, clerk: &Clerk) -> Result<String, AppError> {
        require_case_worker(clerk)?;
        require_city(clerk, self.city)?;
        let token = new_token()?;
        let record = StaffEntryRecord {
            session_hash: token_hash(&token),
            tenant_id: self.city.clone(),
            clerk_id: clerk.id.clone(),
            started_at: self.app.now().naive_utc(),
        };
        self.app.write(|c| {
            c.insert_staff_entry(&record)?;
            self.app
                .audit(c, clerk, AuditEntry::new(AuditAction::CounterEntryStarted))
        })?;
        Ok(token)
    }

    /// Whether the resident session `token` is an entry a clerk of this city started.
    pub fn is_entry(&self, token: Option<&str>) -> Result<bool, AppError> {
        let Ok(session) = Self::session_of(token) else {
            return Ok(false);
        };
        self.app.read(|c| {
            Ok(c.find_staff_entry(&session)?
                .is_some_and(|e| e.tenant_id == *self.city))
        })
    }

    /// A clerk opens the slip of the entry in their browser, as a code would open it: "not
    /// found" when the session is no entry of this city or has nothing on its slip.
    pub fn open_entry(&self, clerk: &Clerk, token: Option<&str>) -> Result<VisitId, AppError> {
        require_case_worker(clerk)?;
        require_city(clerk, self.city)?;
        let session = Self::session_of(token).map_err(|_| AppError::NotFound)?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            c.find_staff_entry(&session)?
                .filter(|e| e.tenant_id == *self.city)
                .ok_or(AppError::NotFound)?;
            let mut visit = c
                .find_open_counter_visit(self.city, &session)?
                .ok_or(AppError::NotFound)?;
            visit.opened_by = Some(clerk.id.clone());
            visit.opened_at = Some(now);
            c.update_counter_visit(&visit)?;
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::CounterOpen)
                    .detail(json!({ "counter_visit": visit.id, "staff_entry": true }).to_string()),
            )?;
            Ok(visit.id)
        })
    }
}
