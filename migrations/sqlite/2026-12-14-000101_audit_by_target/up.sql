-- The audit log read by the staff member an entry concerns (the audit log page).
CREATE INDEX audit_log_target_clerk ON audit_log (target_clerk_id, at);
