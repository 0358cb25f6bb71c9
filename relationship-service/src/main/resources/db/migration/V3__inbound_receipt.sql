-- One row per input read from a relationship.inbound.<URA> topic, written in the same transaction
-- as the relationship it produced (or alone, for a rejected input). A re-delivered input finds its
-- row, writes nothing and gets the stored result again. Keyed by (topic, input_id): a ce_id is
-- unique only within its source, and one source must not pre-empt another's ids.
create table inbound_receipt (
    topic           text        not null,
    input_id        text        not null,
    partition       integer     not null,
    record_offset   bigint      not null,
    accepted        boolean     not null,
    relationship_id text references relationship (id),
    version         integer,
    revision        bigint,
    -- The problem+json body of a rejected input, as published.
    outcome         text,
    received_at     timestamptz not null,
    primary key (topic, input_id),
    check (accepted = (relationship_id is not null) and accepted = (outcome is null))
);
