-- The consent register. Nothing is ever deleted: every version stays (20-year retention).

-- One row per consent: the current version, for locking and search.
create table consent (
    id            text primary key,
    version       integer     not null,
    status        text        not null,
    patient_bsn   text        not null,
    custodian_ura text        not null,
    last_updated  timestamptz not null
);
create index consent_patient_idx on consent (patient_bsn, custodian_ura);
create index consent_custodian_idx on consent (custodian_ura);

-- Every version as it was stored, with who stored it and the store revision it produced.
create table consent_version (
    id                 bigserial primary key,
    consent_id         text        not null references consent (id),
    version            integer     not null,
    revision           bigint      not null unique,
    status             text        not null,
    origin             text        not null,
    actor_type         text        not null,
    actor_id           text        not null,
    actor_organization text,
    recorded_at        timestamptz not null,
    resource           text        not null,
    unique (consent_id, version)
);

-- Store-wide revision: one row, incremented in each writing transaction (see StoreRevision).
create table store_revision (
    id    integer primary key check (id = 1),
    value bigint  not null
);
insert into store_revision (id, value) values (1, 0);

-- Transactional outbox (see OutboxRelay).
create table outbox_event (
    id           bigserial primary key,
    topic        text        not null,
    message_key  text        not null,
    event_id     text        not null unique,
    event_type   text        not null,
    subject      text        not null,
    payload      text        not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
create index outbox_event_pending_idx on outbox_event (id) where published_at is null;
