package nl.inzage.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import nl.inzage.audit.AuditFilter;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.StoredAuditRecord;

/** The {@code audit_record} table, through the reactive pool: insert and read, nothing else. */
@ApplicationScoped
public class AuditRecordRepository {

    // A redelivered event (same id) is already there: skipping it is what makes ingest idempotent.
    static final String INSERT = """
            insert into audit_record (event_id, event_type, occurred_at, patient_bsn, practitioner_uzi,
                practitioner_role, organization_ura, data_holder_ura, decision, emergency, payload)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            on conflict (event_id) do nothing""";

    static final String SELECT = """
            select seq, recorded_at, event_id, event_type, occurred_at, patient_bsn, practitioner_uzi,
                practitioner_role, organization_ura, data_holder_ura, decision, emergency, payload
            from audit_record""";

    private final Pool pool;

    public AuditRecordRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts all records in one transaction; answers how many were new. */
    public Uni<Integer> insertAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = records.stream().map(AuditRecordRepository::toTuple).toList();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(rows))
                .map(AuditRecordRepository::inserted);
    }

    /** Records where the organisation is the requester's or the data holder, newest first. */
    public Uni<List<StoredAuditRecord>> search(String organizationUra, AuditFilter filter) {
        Tuple params = Tuple.of(organizationUra);
        StringBuilder sql = new StringBuilder(SELECT).append(" where (organization_ura = $1 or data_holder_ura = $1)");
        if (filter.patientBsn() != null) {
            sql.append(" and patient_bsn = $").append(add(params, filter.patientBsn()));
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

    private static Tuple toTuple(AuditRecord r) {
        return Tuple.from(Arrays.asList(r.eventId(), r.eventType(), utc(r.occurredAt()), r.patientBsn(),
                r.practitionerUzi(), r.practitionerRole(), r.organizationUra(), r.dataHolderUra(), r.decision(),
                r.emergency(), r.payload()));
    }

    private static StoredAuditRecord fromRow(Row row) {
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
