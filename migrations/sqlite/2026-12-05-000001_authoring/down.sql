DROP TABLE procedure_retirements;
DROP TABLE procedure_versions;
DROP TABLE procedure_drafts;
