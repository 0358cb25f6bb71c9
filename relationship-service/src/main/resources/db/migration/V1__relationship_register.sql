-- The treatment-relationship register. Nothing is ever deleted: every version stays (20-year retention).

-- One row per relationship: the current version, for locking and search.
create table relationship (
    id                text primary key,
    version           integer     not null,
    patient_bsn       text        not null,
    organization_ura  text        not null,
    organization_type text        not null,
    practitioner_uzi  text,
    kind              text        not null check (kind in ('treatment', 'referral', 'replacement', 'access-request')),
    status            text        not null check (status in ('active', 'ended')),
    start_date        date        not null,
    end_date          date check (end_date >= start_date),
    reason            text,
    last_updated      timestamptz not null
);
create index relationship_patient_idx on relationship (patient_bsn, organization_ura);
create index relationship_organization_idx on relationship (organization_ura);

-- Every version as it was stored, with who stored it and the store revision it produced.
create table relationship_version (
    id                 bigserial primary key,
    relationship_id    text        not null references relationship (id),
    version            integer     not null,
    revision           bigint      not null unique,
    patient_bsn        text        not null,
    organization_ura   text        not null,
    organization_type  text        not null,
    practitioner_uzi   text,
    kind               text        not null,
    status             text        not null,
    start_date         date        not null,
    end_date           date,
    reason             text,
    actor_type         text        not null,
    actor_id           text        not null,
    actor_organization text,
    recorded_at        timestamptz not null,
    unique (relationship_id, version)
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
