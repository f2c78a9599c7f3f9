DROP INDEX audit_log_target_clerk;
