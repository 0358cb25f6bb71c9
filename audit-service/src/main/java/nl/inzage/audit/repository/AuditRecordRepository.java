package nl.inzage.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import nl.inzage.audit.AuditFilter;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.StoredAuditRecord;
import nl.inzage.audit.chain.ChainHasher;
import nl.inzage.audit.chain.ChainedRecord;
import nl.inzage.contracts.EventTypes;

/** The {@code audit_record} table, through the reactive pool: insert and read, nothing else. */
@ApplicationScoped
public class AuditRecordRepository {

    /**
     * One writer at a time extends the global chain: every append transaction takes this
     * transaction-scoped advisory lock first, so "read the head, link, insert" cannot interleave.
     */
    static final long CHAIN_LOCK = 7513L;

    // No "on conflict do nothing": ids already stored are filtered out under the lock first, so a
    // conflict here means a writer bypassed the lock, and the transaction must fail, not skip a link.
    static final String INSERT = """
            insert into audit_record (event_id, event_type, occurred_at, recorded_at, patient_bsn, practitioner_uzi,
                practitioner_role, organization_ura, data_holder_ura, decision, emergency, payload, prev_hash, hash)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""";

    static final String SELECT = """
            select seq, recorded_at, event_id, event_type, occurred_at, patient_bsn, practitioner_uzi,
                practitioner_role, organization_ura, data_holder_ura, decision, emergency, payload, prev_hash, hash
            from audit_record""";

    // The head: the newest chained record's hash, else the newest anchor's (empty or fully purged chain).
    static final String HEAD = """
            select coalesce(
                (select hash from audit_record where hash is not null order by seq desc limit 1),
                (select last_hash from audit_chain_anchor order by id desc limit 1)) as head""";

    private final Pool pool;

    public AuditRecordRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Appends the records not stored before (by event id) to the chain, in list order, all in one
     * transaction; answers how many were new. A redelivered event is skipped, which is what makes
     * ingest idempotent.
     */
    public Uni<Integer> append(List<AuditRecord> records) {
        return append(records, Instant::now);
    }

    /** As {@link #append(List)}, with a recording time of the caller's choosing (tests, imports). */
    public Uni<Integer> append(List<AuditRecord> records, Instant recordedAt) {
        return append(records, () -> recordedAt);
    }

    private Uni<Integer> append(List<AuditRecord> records, Supplier<Instant> recordedAt) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> append(connection, records, recordedAt));
    }

    /**
     * Inside the caller's transaction. The recording time is read once the lock is held, so
     * recorded_at never goes down as seq goes up (time ranges of /audit/verify rely on it).
     */
    Uni<Integer> append(SqlConnection connection, List<AuditRecord> records, Supplier<Instant> recordedAt) {
        String[] ids = records.stream().map(AuditRecord::eventId).toArray(String[]::new);
        return connection.query("select pg_advisory_xact_lock(" + CHAIN_LOCK + ")").execute()
                .chain(() -> connection.preparedQuery("select event_id from audit_record where event_id = any($1)")
                        .execute(Tuple.of(ids)))
                .map(existing -> fresh(records, existing))
                .chain(fresh -> connection.query(HEAD).execute()
                        .map(head -> linked(fresh, head.iterator().next().getBuffer("head").getBytes(), recordedAt.get())))
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(0)
                        : connection.preparedQuery(INSERT).executeBatch(rows).map(AuditRecordRepository::inserted));
    }

    /**
     * Removes the records past {@code cutoff} through {@code audit_purge} (the only way a record leaves
     * the log) and appends {@code purgeRecord(result)} to the chain, in one transaction.
     */
    public Uni<Purge> purge(Instant cutoff, Function<Purge, AuditRecord> purgeRecord, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery("select * from audit_purge($1)")
                .execute(Tuple.of(utc(cutoff)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Purge(cutoff, row.getLong("purged"), row.getLong("anchor_seq"),
                            row.getBuffer("anchor_hash").getBytes());
                })
                .call(purge -> purge.purged() == 0
                        ? Uni.createFrom().voidItem()
                        : append(connection, List.of(purgeRecord.apply(purge)), () -> now)));
    }

    /** What a purge removed and where the chain starts now. */
    public record Purge(Instant cutoff, long purged, long anchorSeq, byte[] anchorHash) {
    }

    /** Chained records with seq in [fromSeq, toSeq], in seq order, at most {@code limit}. */
    public Uni<List<ChainedRecord>> chain(long fromSeq, long toSeq, int limit) {
        return pool.preparedQuery(SELECT + " where seq >= $1 and seq <= $2 order by seq limit $3")
                .execute(Tuple.of(fromSeq, toSeq, limit))
                .map(rows -> rows.stream().map(AuditRecordRepository::chainedFromRow).toList());
    }

    /** The newest anchor: where the chain currently starts. */
    public Uni<Anchor> anchor() {
        return pool.query("select last_seq, last_hash from audit_chain_anchor order by id desc limit 1").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Anchor(row.getLong("last_seq"), row.getBuffer("last_hash").getBytes());
                });
    }

    /** The hash and seq of the last record before {@code seq}, if one is left. */
    public Uni<Optional<Anchor>> recordBefore(long seq) {
        return pool.preparedQuery("select seq, hash from audit_record where seq < $1 order by seq desc limit 1")
                .execute(Tuple.of(seq))
                .map(rows -> rows.size() == 0 ? Optional.<Anchor>empty() : Optional.of(rows.iterator().next())
                        .map(row -> new Anchor(row.getLong("seq"),
                                row.getBuffer("hash") == null ? null : row.getBuffer("hash").getBytes())));
    }

    /** The highest seq stored, or 0. */
    public Uni<Long> lastSeq() {
        return pool.query("select coalesce(max(seq), 0) as last from audit_record").execute()
                .map(rows -> rows.iterator().next().getLong("last"));
    }

    /** The first seq recorded at or after {@code at} (or after the last one when there is none). */
    public Uni<Long> firstSeqRecordedFrom(Instant at) {
        return pool.preparedQuery("select coalesce(min(seq), (select coalesce(max(seq), 0) + 1 from audit_record)) as seq"
                        + " from audit_record where recorded_at >= $1")
                .execute(Tuple.of(utc(at)))
                .map(rows -> rows.iterator().next().getLong("seq"));
    }

    /** A place in the chain: a record's seq and hash, or an anchor's. */
    public record Anchor(long seq, byte[] hash) {
    }

    private static List<AuditRecord> fresh(List<AuditRecord> records, RowSet<Row> existing) {
        Set<String> seen = new HashSet<>();
        existing.forEach(row -> seen.add(row.getString("event_id")));
        // seen.add also drops a second copy of the same event within the batch.
        return records.stream().filter(r -> seen.add(r.eventId())).toList();
    }

    private static List<Tuple> linked(List<AuditRecord> records, byte[] head, Instant recordedAt) {
        List<Tuple> rows = new ArrayList<>(records.size());
        byte[] previous = head;
        for (AuditRecord record : records) {
            byte[] hash = ChainHasher.hash(previous, record, recordedAt);
            rows.add(toTuple(record, recordedAt, previous, hash));
            previous = hash;
        }
        return rows;
    }

    /** Records where the organisation is the requester's or the data holder, newest first. */
    public Uni<List<StoredAuditRecord>> search(String organizationUra, AuditFilter filter) {
        return search("(organization_ura = $1 or data_holder_ura = $1)", Tuple.of(organizationUra), filter);
    }

    /** Access decisions about one client (never the change events), newest first. */
    public Uni<List<StoredAuditRecord>> accessesTo(String patientBsn, AuditFilter filter) {
        return search("patient_bsn = $1 and event_type = $2", Tuple.of(patientBsn, EventTypes.ACCESS_DECIDED), filter);
    }

    /** One record by its seq, if it is there. */
    public Uni<Optional<StoredAuditRecord>> bySeq(long seq) {
        return pool.preparedQuery(SELECT + " where seq = $1").execute(Tuple.of(seq))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(fromRow(rows.iterator().next())));
    }

    /** One record by its event id, if it is there. */
    public Uni<Optional<StoredAuditRecord>> byEventId(String eventId) {
        return pool.preparedQuery(SELECT + " where event_id = $1").execute(Tuple.of(eventId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(fromRow(rows.iterator().next())));
    }

    /** The logged change events of one type about one client that happened at or before {@code at}, oldest first. */
    public Uni<List<StoredAuditRecord>> changesUntil(String eventType, String patientBsn, Instant at) {
        return pool.preparedQuery(SELECT + " where event_type = $1 and patient_bsn = $2 and occurred_at <= $3"
                        + " order by occurred_at, seq")
                .execute(Tuple.of(eventType, patientBsn, utc(at)))
                .map(rows -> rows.stream().map(AuditRecordRepository::fromRow).toList());
    }

    private Uni<List<StoredAuditRecord>> search(String scope, Tuple params, AuditFilter filter) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where ").append(scope);
        if (filter.patientBsn() != null) {
            sql.append(" and patient_bsn = $").append(add(params, filter.patientBsn()));
        }
        if (filter.practitionerUzi() != null) {
            sql.append(" and practitioner_uzi = $").append(add(params, filter.practitionerUzi()));
        }
        if (filter.from() != null) {
            sql.append(" and occurred_at >= $").append(add(params, utc(filter.from())));
        }
        if (filter.to() != null) {
            sql.append(" and occurred_at < $").append(add(params, utc(filter.to())));
        }
        if (filter.decision() != null) {
            sql.append(" and decision = $").append(add(params, filter.decision()));
        }
        if (filter.emergency() != null) {
            sql.append(" and emergency = $").append(add(params, filter.emergency()));
        }
        sql.append(" order by occurred_at desc, seq desc");
        sql.append(" limit $").append(add(params, filter.size()));
        sql.append(" offset $").append(add(params, filter.offset()));
        return pool.preparedQuery(sql.toString()).execute(params)
                .map(rows -> rows.stream().map(AuditRecordRepository::fromRow).toList());
    }

    /** Adds a parameter and answers its position, for the {@code $n} placeholder. */
    private static int add(Tuple params, Object value) {
        params.addValue(value);
        return params.size();
    }

    private static Tuple toTuple(AuditRecord r, Instant recordedAt, byte[] prevHash, byte[] hash) {
        return Tuple.from(Arrays.asList(r.eventId(), r.eventType(), utc(ChainHasher.stored(r.occurredAt())),
                utc(ChainHasher.stored(recordedAt)), r.patientBsn(), r.practitionerUzi(), r.practitionerRole(),
                r.organizationUra(), r.dataHolderUra(), r.decision(), r.emergency(), r.payload(),
                Buffer.buffer(prevHash), Buffer.buffer(hash)));
    }

    private static ChainedRecord chainedFromRow(Row row) {
        return new ChainedRecord(fromRow(row), bytes(row, "prev_hash"), bytes(row, "hash"));
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    static StoredAuditRecord fromRow(Row row) {
        return new StoredAuditRecord(
                row.getLong("seq"),
                row.getOffsetDateTime("recorded_at").toInstant(),
                new AuditRecord(
                        row.getString("event_id"),
                        row.getString("event_type"),
                        row.getOffsetDateTime("occurred_at").toInstant(),
                        row.getString("patient_bsn"),
                        row.getString("practitioner_uzi"),
                        row.getString("practitioner_role"),
                        row.getString("organization_ura"),
                        row.getString("data_holder_ura"),
                        row.getString("decision"),
                        row.getBoolean("emergency"),
                        row.getString("payload")));
    }

    // executeBatch answers one result per tuple, chained through next().
    private static int inserted(RowSet<Row> result) {
        int count = 0;
        for (SqlResult<?> r = result; r != null; r = r.next()) {
            count += r.rowCount();
        }
        return count;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
