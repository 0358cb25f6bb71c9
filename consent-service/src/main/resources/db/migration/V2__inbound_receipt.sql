-- One row per input read from a consent.inbound.<URA> topic, written in the same transaction as
-- the consent version it produced (or alone, for a rejected input). A re-delivered input finds
-- its row, writes nothing and gets the stored result again.
--
-- The key is (topic, input_id), not input_id alone: a ce_id is unique only within its source
-- (CloudEvents: source + id), and one source must not be able to pre-empt another's ids.
create table inbound_receipt (
    topic         text        not null,
    input_id      text        not null,
    partition     integer     not null,
    record_offset bigint      not null,
    accepted      boolean     not null,
    consent_id    text references consent (id),
    version       integer,
    revision      bigint,
    -- The OperationOutcome JSON of a rejected input, as published.
    outcome       text,
    received_at   timestamptz not null,
    primary key (topic, input_id),
    check (accepted = (consent_id is not null) and accepted = (outcome is null))
);
