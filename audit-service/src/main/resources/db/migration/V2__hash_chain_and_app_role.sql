-- Tamper evidence. The service runs as ${app_role} (INSERT and SELECT only); Flyway migrates as the
-- owner. Every record stores the SHA-256 of its canonical form together with the previous record's
-- hash: one global chain in seq order, written by one transaction at a time (advisory lock).

alter table audit_record
    add column prev_hash bytea,
    add column hash      bytea;

-- Where the chain starts: every record with seq <= last_seq lies before it (written before the
-- chain existed, or purged after retention), and the first record after it must carry last_hash
-- as its prev_hash. The newest anchor counts.
create table audit_chain_anchor (
    id         bigserial   primary key,
    last_seq   bigint      not null,
    last_hash  bytea       not null,
    reason     text        not null,
    created_at timestamptz not null default now()
);

insert into audit_chain_anchor (last_seq, last_hash, reason)
select coalesce(max(seq), 0), decode(repeat('00', 32), 'hex'), 'chain-start' from audit_record;

-- Signed statements "the head of the chain was record head_seq with hash head_hash at created_at".
create table audit_checkpoint (
    id         bigserial   primary key,
    created_at timestamptz not null,
    head_seq   bigint      not null,
    head_hash  bytea       not null,
    key_id     text        not null,
    algorithm  text        not null,
    signature  bytea       not null
);

create trigger audit_chain_anchor_no_update_or_delete
    before update or delete on audit_chain_anchor
    for each row execute function audit_record_append_only();
create trigger audit_chain_anchor_no_truncate
    before truncate on audit_chain_anchor
    for each statement execute function audit_record_append_only();
create trigger audit_checkpoint_no_update_or_delete
    before update or delete on audit_checkpoint
    for each row execute function audit_record_append_only();
create trigger audit_checkpoint_no_truncate
    before truncate on audit_checkpoint
    for each statement execute function audit_record_append_only();

revoke all on audit_record, audit_chain_anchor, audit_checkpoint from public;
-- The runtime role may add and read, nothing else: even without the triggers it cannot change a row.
grant select, insert on audit_record, audit_checkpoint to ${app_role};
grant select on audit_chain_anchor to ${app_role};
grant usage on sequence audit_record_seq_seq, audit_checkpoint_id_seq to ${app_role};
