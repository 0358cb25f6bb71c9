package nl.inzage.consent.hostile;

import static nl.inzage.consent.Fixtures.consent;
import static nl.inzage.consent.Fixtures.create;
import static nl.inzage.consent.Fixtures.freshBsn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import nl.inzage.consent.TestTokens;
import nl.inzage.contracts.testing.CapturedLogs;
import nl.inzage.contracts.testing.HostileInputs;
import org.junit.jupiter.api.Test;

/**
 * Every operation of consent-service (from its OpenAPI document) under hostile input and forged tokens: the right
 * 4xx, never a 5xx, nothing stored. Numbers: target/reliability/hostile-input-consent-service.json.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class HostileInputIT {

    private static final String HOLDER = "00000101";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Test
    void hostileInputIsRefusedWithA4xxAndNothingIsStored() {
        String bsn = freshBsn();
        ObjectNode existing = create(bsn, HOLDER);

        List<HostileInputs.Failure> failures;
        try (CapturedLogs logs = CapturedLogs.start()) {
            failures = HostileInputs.of("consent-service", base)
                    .token(op -> tokenFor(op, bsn))
                    .wrongRoles(op -> tokenFor(op, bsn) == null ? List.of() : List.of(
                            TestTokens.token("pep", "pep", Map.of()),
                            TestTokens.token("verloskundige", "verloskundige", Map.of("uzi", "900000101", "ura", HOLDER))))
                    .pathValue("id", existing.get("id").asText())
                    .pathValue("vid", "1")
                    .queryValue("patient", bsn)
                    .queryValue("custodian", HOLDER)
                    .queryValue("dryRun", "true")
                    .validBody(op -> op.path().startsWith("/fhir/Consent") ? validConsent(op, existing, bsn) : "{}")
                    .validContentType(op -> op.path().equals("/mitz/closed-question") ? "application/json" : "application/fhir+json")
                    // Mitz's notifications carry a shared token in X-Mitz-Token, not a bearer token: MitzIT covers a missing
                    // or wrong token (401) and malformed Bundles (4xx OperationOutcome, nothing stored).
                    .skip(op -> op.path().equals("/mitz/notifications"))
                    // A migration upload is spooled and judged by its job (202, then a report): MigrationIT covers unreadable files.
                    .bodyCases(op -> !op.path().startsWith("/migrations"))
                    .strictUnknownElements()
                    .state(this::store)
                    .logs(logs, bsn)
                    .run();
        }

        assertThat(failures).as("requests not refused as they should be").isEmpty();
    }

    private static String tokenFor(HostileInputs.Operation op, String bsn) {
        if (op.path().equals("/fhir/metadata") || op.method().equals("DELETE")) {
            return null; // public: the CapabilityStatement; DELETE answers 405 to everyone
        }
        if (op.path().startsWith("/migrations")) {
            return TestTokens.token("operator", "operator", Map.of());
        }
        if (op.path().startsWith("/consent-status") || op.path().equals("/mitz/closed-question")) {
            return TestTokens.service();
        }
        return TestTokens.sourceSystem(HOLDER);
    }

    private static String validConsent(HostileInputs.Operation op, ObjectNode existing, String bsn) {
        if (op.method().equals("PUT")) {
            ObjectNode update = existing.deepCopy();
            update.remove("meta");
            return update.toString();
        }
        return consent(freshBsn(), HOLDER).toString();
    }

    /** Everything a write touches: a refused request must change none of it. */
    private String store() {
        Row row = pool.query("""
                select (select value from store_revision) as revision,
                       (select count(*) from consent) as consents,
                       (select count(*) from consent_version) as versions,
                       (select count(*) from outbox_event) as outbox,
                       (select count(*) from migration_job) as jobs
                """).execute().await().indefinitely().iterator().next();
        return "revision=" + row.getLong("revision") + " consents=" + row.getLong("consents") + " versions="
                + row.getLong("versions") + " outbox=" + row.getLong("outbox") + " jobs=" + row.getLong("jobs");
    }
}
