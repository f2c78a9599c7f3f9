DROP INDEX submissions_changed;
