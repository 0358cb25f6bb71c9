-- Consent migration from a regional register (nl.inzage.consent.migration).

-- One row per uploaded file: what it is, who started it, how far it got. Progress and totals are
-- updated in the same transaction as the records they count, so after a crash records_done says
-- exactly which records are done: a resumed job skips them.
create table migration_job (
    id                   text        primary key,
    dry_run              boolean     not null,
    register             text        not null,
    file_name            text        not null,
    file_sha256          text        not null,
    file_format          text        not null,
    file_bytes           bigint      not null,
    -- The uploaded file while the job runs (it holds BSNs): deleted when the job finishes.
    spool_path           text        not null,
    requested_by         text        not null,
    requester_role       text        not null,
    -- A privacy officer's job covers only her own organisation's records; null for an operator.
    requester_ura        text,
    state                text        not null check (state in ('queued', 'running', 'finished', 'failed')),
    records_done         bigint      not null default 0,
    bytes_done           bigint      not null default 0,
    -- records_done when the current run of the job started, for the rate after a resume.
    resumed_from         bigint      not null default 0,
    valid                bigint      not null default 0,
    incomplete           bigint      not null default 0,
    invalid              bigint      not null default 0,
    not_migratable       bigint      not null default 0,
    imported             bigint      not null default 0,
    already_imported     bigint      not null default 0,
    register_has_consent bigint      not null default 0,
    error                text,
    created_at           timestamptz not null,
    started_at           timestamptz,
    updated_at           timestamptz not null,
    finished_at          timestamptz
);

-- One row per record of a job: the report. Never a BSN: records are named by their number.
-- An imported record names its consent and carries the record key (a hash of the register and the
-- record's content); the unique index makes a second import of the same record impossible, in
-- this job, a re-run or a concurrent job.
create table migration_record (
    job_id       text   not null references migration_job (id),
    record_no    bigint not null,
    organisation text,
    result       text   not null check (result in ('valid', 'incomplete', 'invalid', 'scope-not-migratable')),
    outcome      text   check (outcome in ('imported', 'would-import', 'already-imported', 'register-has-consent')),
    detail       text,
    record_key   text,
    consent_id   text   references consent (id),
    primary key (job_id, record_no),
    check ((result = 'valid') = (outcome is not null)),
    check ((outcome = 'imported') = (consent_id is not null))
);
create unique index migration_record_imported_key on migration_record (record_key) where consent_id is not null;
create index migration_record_key_idx on migration_record (record_key);
