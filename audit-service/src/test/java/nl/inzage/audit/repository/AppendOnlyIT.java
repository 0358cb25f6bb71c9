package nl.inzage.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.inzage.audit.AuditRecord;
import nl.inzage.contracts.EventTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log cannot be changed through the service's own database role, even though it owns the table. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AppendOnlyIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    AuditRecordRepository records;

    String eventId;

    @BeforeEach
    void storeOneRecord() {
        eventId = "append-only-" + UUID.randomUUID();
        records.insertAll(List.of(new AuditRecord(eventId, EventTypes.ACCESS_DECIDED, Instant.now(), "999993653",
                "900000001", "verloskundige", "00000101", "00000201", "permit", false, "{}")))
                .await().atMost(WAIT);
    }

    @Test
    void updateByTheServiceRoleFails() {
        assertThatThrownBy(() -> execute("update audit_record set decision = 'deny' where event_id = $1"))
                .hasMessageContaining("append-only");
        assertThat(decision()).isEqualTo("permit");
    }

    @Test
    void deleteByTheServiceRoleFails() {
        assertThatThrownBy(() -> execute("delete from audit_record where event_id = $1"))
                .hasMessageContaining("append-only");
        assertThat(decision()).isEqualTo("permit");
    }

    @Test
    void truncateByTheServiceRoleFails() {
        assertThatThrownBy(() -> pool.query("truncate audit_record").execute().await().atMost(WAIT))
                .hasMessageContaining("append-only");
        assertThat(decision()).isEqualTo("permit");
    }

    @Test
    void theServiceRoleReallyIsTheTableOwner() {
        // Otherwise the tests above would prove only the revoked privileges, not the trigger.
        Row row = pool.query("select tableowner = current_user as owner from pg_tables where tablename = 'audit_record'")
                .execute().await().atMost(WAIT).iterator().next();
        assertThat(row.getBoolean("owner")).isTrue();
    }

    private void execute(String sql) {
        pool.preparedQuery(sql).execute(Tuple.of(eventId)).await().atMost(WAIT);
    }

    private String decision() {
        return pool.preparedQuery("select decision from audit_record where event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(WAIT).iterator().next().getString("decision");
    }
}
