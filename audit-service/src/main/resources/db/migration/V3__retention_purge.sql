-- Retention (NEN 7513: at least 5 years; WGBO: 20). The runtime role cannot DELETE; the only way
-- a record leaves the log is this function, owned by the table owner, which removes the oldest
-- records past retention (a prefix of the chain, so it stays verifiable), never anything younger
-- than 5 years, and records where the chain now starts (the anchor) in the same transaction.

create or replace function audit_record_append_only() returns trigger
    language plpgsql as
$$
begin
    -- audit_purge() sets this flag for its own transaction only; the runtime role has no DELETE
    -- privilege at all, so the flag opens nothing for it.
    if tg_op = 'DELETE' and tg_table_name = 'audit_record'
            and coalesce(current_setting('inzage.audit_purge', true), '') = 'on' then
        return old;
    end if;
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create function audit_purge(cutoff timestamptz)
    returns table (purged bigint, anchor_seq bigint, anchor_hash bytea)
    language plpgsql
    security definer
    set search_path = public, pg_temp
as
$$
declare
    old_anchor audit_chain_anchor%rowtype;
    keep_from  bigint;
    last_seq   bigint;
    last_hash  bytea;
    n          bigint;
begin
    if cutoff > now() - interval '5 years' then
        raise exception 'retention shorter than 5 years is not allowed (cutoff %)', cutoff
            using errcode = 'insufficient_privilege';
    end if;
    -- The same lock as every append: the chain does not move while its start is cut.
    perform pg_advisory_xact_lock(7513);
    select * into old_anchor from audit_chain_anchor order by id desc limit 1;
    -- The oldest record still within retention; when every record is past it, the newest is kept
    -- so the chain keeps a head.
    select coalesce(min(seq) filter (where occurred_at >= cutoff or recorded_at >= cutoff), max(seq))
        into keep_from from audit_record;
    if keep_from is null then
        return query select 0::bigint, old_anchor.last_seq, old_anchor.last_hash;
        return;
    end if;
    select r.seq, r.hash into last_seq, last_hash
        from audit_record r where r.seq < keep_from order by r.seq desc limit 1;
    if last_seq is null then
        return query select 0::bigint, old_anchor.last_seq, old_anchor.last_hash;
        return;
    end if;
    -- A record from before the chain carries no hash: the chain then still starts at the old anchor's hash.
    if last_hash is null or last_seq <= old_anchor.last_seq then
        last_hash := old_anchor.last_hash;
    end if;
    perform set_config('inzage.audit_purge', 'on', true);
    delete from audit_record where seq < keep_from;
    get diagnostics n = row_count;
    perform set_config('inzage.audit_purge', 'off', true);
    insert into audit_chain_anchor (last_seq, last_hash, reason)
        values (greatest(last_seq, old_anchor.last_seq), last_hash, 'purge');
    return query select n, greatest(last_seq, old_anchor.last_seq), last_hash;
end;
$$;

revoke all on function audit_purge(timestamptz) from public;
grant execute on function audit_purge(timestamptz) to ${app_role};
