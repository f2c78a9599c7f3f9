DROP INDEX outbox_failed;
DROP INDEX outbox_of_submission;
