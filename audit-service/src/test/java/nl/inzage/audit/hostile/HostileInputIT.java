package nl.inzage.audit.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import nl.inzage.audit.OwnerConnection;
import nl.inzage.audit.TestEvents;
import nl.inzage.audit.TestTokens;
import nl.inzage.audit.TestUras;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.testing.CapturedLogs;
import nl.inzage.contracts.testing.HostileInputs;
import org.junit.jupiter.api.Test;

/**
 * Every operation of audit-service (from its OpenAPI document) under hostile input and forged tokens: the right
 * 4xx, never a 5xx, nothing written to the log. Numbers: target/reliability/hostile-input-audit-service.json.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class HostileInputIT {

    private static final String CLIENT = "999991772";

    @TestHTTPResource("/")
    URI base;

    @Inject
    AuditLogService log;

    @Inject
    ObjectMapper json;

    @Test
    void hostileInputIsRefusedWithA4xxAndNothingIsWritten() {
        String ura = TestUras.random();
        var permit = TestEvents.access(Instant.now().truncatedTo(ChronoUnit.MILLIS), CLIENT, "900000101", "verloskundige",
                ura, TestUras.random(), "pregnancy", "permit", false, List.of("consent-permit", "relationship"));
        log.record(List.of(TestEvents.record(json, permit))).await().atMost(Duration.ofSeconds(120));

        List<HostileInputs.Failure> failures;
        try (CapturedLogs logs = CapturedLogs.start()) {
            failures = HostileInputs.of("audit-service", base)
                    .token(op -> op.path().equals("/audit/me") ? TestTokens.client(CLIENT) : TestTokens.privacyOfficer(ura))
                    .wrongRoles(op -> List.of(TestTokens.token("pep", "pep", java.util.Map.of()),
                            TestTokens.token("verloskundige", "verloskundige", java.util.Map.of("uzi", "900000101", "ura", ura))))
                    .pathValue("id", permit.eventId())
                    .queryValue("patient", CLIENT)
                    // 123456789 (sent as an "invalid BSN") is a well-formed UZI number: a practitioner may be searched by it.
                    .queryAdmits("practitioner", Identifiers::isValidUzi)
                    .state(HostileInputIT::logSize)
                    .logs(logs, CLIENT)
                    .run();
        }

        assertThat(failures).as("requests not refused as they should be").isEmpty();
    }

    /** The log and its checkpoints, read as the owner: a refused request adds nothing. */
    private static String logSize() {
        try (Connection owner = OwnerConnection.open();
                ResultSet row = owner.createStatement().executeQuery(
                        "select (select count(*) from audit_record) as records, (select count(*) from audit_checkpoint) as checkpoints")) {
            row.next();
            return "records=" + row.getLong("records") + " checkpoints=" + row.getLong("checkpoints");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
