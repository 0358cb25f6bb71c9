-- At most one access request in force per client and organisation: asking again finds it. The
-- service serialises such requests with an advisory lock; this index is what holds regardless.
create unique index relationship_one_open_access_request_idx
    on relationship (patient_bsn, organization_ura)
    where kind = 'access-request' and status = 'active';

-- The expiry job looks for access requests in force whose end has passed.
create index relationship_access_request_end_idx
    on relationship (end_date)
    where kind = 'access-request' and status = 'active';
