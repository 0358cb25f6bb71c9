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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.OwnerConnection;
import nl.inzage.contracts.EventTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's database role may add and read log rows, nothing else; and even the owner's
 * UPDATE and DELETE are refused by a trigger (only disabling it, which the chain then exposes, gets past).
 */
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
        records.append(List.of(new AuditRecord(eventId, EventTypes.ACCESS_DECIDED, Instant.now(), "999993653",
                "900000001", "verloskundige", "00000101", "00000201", "permit", false, "{}")), Instant.now())
                .await().atMost(WAIT);
    }

    @Test
    void theServiceRoleIsNotTheTableOwner() {
        Row row = pool.query("select tableowner <> current_user as other, current_user as me from pg_tables"
                        + " where tablename = 'audit_record'")
                .execute().await().atMost(WAIT).iterator().next();
        assertThat(row.getBoolean("other")).isTrue();
        assertThat(row.getString("me")).isEqualTo("audit_app");
    }

    @Test
    void updateByTheServiceRoleIsRefused() {
        assertThatThrownBy(() -> execute("update audit_record set decision = 'deny' where event_id = $1"))
                .hasMessageContaining("permission denied");
        assertThat(decision()).isEqualTo("permit");
    }

    @Test
    void deleteByTheServiceRoleIsRefused() {
        assertThatThrownBy(() -> execute("delete from audit_record where event_id = $1"))
                .hasMessageContaining("permission denied");
        assertThat(decision()).isEqualTo("permit");
    }

    @Test
    void truncateByTheServiceRoleIsRefused() {
        assertThatThrownBy(() -> pool.query("truncate audit_record").execute().await().atMost(WAIT))
                .hasMessageContaining("permission denied");
        assertThat(decision()).isEqualTo("permit");
    }

    @Test
    void checkpointsAndAnchorsCannotBeChangedByTheServiceRole() {
        assertThatThrownBy(() -> pool.query("delete from audit_checkpoint").execute().await().atMost(WAIT))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> pool.query("insert into audit_chain_anchor (last_seq, last_hash, reason)"
                        + " values (0, '\\x00', 'forged')").execute().await().atMost(WAIT))
                .hasMessageContaining("permission denied");
    }

    @Test
    void updateAndDeleteByTheOwnerAreRefusedByTheTrigger() throws Exception {
        try (Connection owner = OwnerConnection.open()) {
            assertThatThrownBy(() -> ownerExecute(owner, "update audit_record set decision = 'deny' where event_id = ?"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> ownerExecute(owner, "delete from audit_record where event_id = ?"))
                    .hasMessageContaining("append-only");
        }
        assertThat(decision()).isEqualTo("permit");
    }

    private void ownerExecute(Connection owner, String sql) throws Exception {
        try (PreparedStatement statement = owner.prepareStatement(sql)) {
            statement.setString(1, eventId);
            statement.executeUpdate();
        }
    }

    private void execute(String sql) {
        pool.preparedQuery(sql).execute(Tuple.of(eventId)).await().atMost(WAIT);
    }

    private String decision() {
        return pool.preparedQuery("select decision from audit_record where event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(WAIT).iterator().next().getString("decision");
    }
}
