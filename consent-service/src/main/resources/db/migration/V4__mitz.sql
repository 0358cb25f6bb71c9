-- Mitz (README "Connecting to Mitz"). What must reach Mitz is written here in the same transaction
-- as the change that causes it, and delivered by MitzRelay with backoff until Mitz takes it.
create table mitz_outbox (
    id              bigserial primary key,
    kind            text        not null,          -- subscription | consent | usage
    dedup_key       text        not null unique,   -- one subscription per client and holder, one usage per audit record
    payload         text        not null,          -- the FHIR resource, JSON
    created_at      timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    last_error      text
);
create index mitz_outbox_due_idx on mitz_outbox (next_attempt_at) where delivered_at is null;

-- Which register consent replicates which Mitz consent, and the Mitz time of the version stored:
-- an older or equal notification (duplicate, out of order) changes nothing.
create table mitz_consent (
    mitz_id    text primary key,
    consent_id text        not null references consent (id),
    mitz_time  timestamptz not null
);
create index mitz_consent_consent_idx on mitz_consent (consent_id);
