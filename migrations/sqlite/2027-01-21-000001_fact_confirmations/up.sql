-- What a city has confirmed of the facts its procedures state (issue 46 item 3). A fact a
-- definition marks `to_confirm` is shown to residents as not yet confirmed until a
-- supervisor of the procedure's section (or an administrator) records here who confirmed
-- it, when, and on what evidence: a published page, an ordinance, an internal rule. A
-- confirmation holds for the words it was given on (`digest`: the statement and the note);
-- an author's change to either needs a new one. `form_version` is the version it was made
-- on, kept with the record.
CREATE TABLE fact_confirmations (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    procedure_id TEXT NOT NULL,
    fact TEXT NOT NULL,
    digest TEXT NOT NULL,
    form_version TEXT NOT NULL,
    evidence_kind TEXT NOT NULL
        CHECK (evidence_kind IN ('page', 'ordinance', 'internal_rule')),
    evidence TEXT NOT NULL,
    confirmed_by TEXT NOT NULL REFERENCES clerks (id),
    confirmed_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX fact_confirmations_once
    ON fact_confirmations (tenant_id, procedure_id, fact, digest);
