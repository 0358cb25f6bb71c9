-- The NEN 7513 access log. Append-only: rows are inserted once and never changed or removed
-- (retention is handled by a later, separately authorised migration or archive job, not by this role).

create table audit_record (
    seq               bigserial   primary key,
    event_id          text        not null unique,
    event_type        text        not null,
    occurred_at       timestamptz not null,
    recorded_at       timestamptz not null default now(),
    patient_bsn       text,
    practitioner_uzi  text,
    practitioner_role text,
    organization_ura  text,
    data_holder_ura   text,
    decision          text,
    emergency         boolean     not null default false,
    -- The event exactly as received (text, not jsonb): jsonb would reorder and normalise it, and a
    -- later hash chain must be computed over the bytes the gateway sent.
    payload           text        not null
);

-- A privacy officer reads the records of their own organisation, as requester or as data holder.
create index audit_record_organization_idx on audit_record (organization_ura, occurred_at desc);
create index audit_record_data_holder_idx on audit_record (data_holder_ura, occurred_at desc);
create index audit_record_patient_idx on audit_record (patient_bsn, occurred_at desc);

revoke update, delete, truncate on audit_record from public;

-- Privileges do not bind the table owner (the role the service and Flyway run as), a trigger does.
create function audit_record_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_record is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_record_no_update_or_delete
    before update or delete on audit_record
    for each row execute function audit_record_append_only();

-- TRUNCATE bypasses row triggers, so it gets its own statement trigger.
create trigger audit_record_no_truncate
    before truncate on audit_record
    for each statement execute function audit_record_append_only();
