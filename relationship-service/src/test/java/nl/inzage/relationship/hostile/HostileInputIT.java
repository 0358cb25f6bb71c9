package nl.inzage.relationship.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import nl.inzage.contracts.testing.CapturedLogs;
import nl.inzage.contracts.testing.HostileInputs;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.StoreCounts;
import nl.inzage.relationship.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Every operation of relationship-service (from its OpenAPI document) under hostile input and forged tokens: the
 * right 4xx, never a 5xx, nothing stored. Numbers: target/reliability/hostile-input-relationship-service.json.
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
        String bsn = Fixtures.freshBsn();
        String id = given().auth().oauth2(TestTokens.sourceSystem(HOLDER))
                .contentType("application/json")
                .body(Fixtures.registration(bsn, HOLDER, "treatment", "2026-11-01", null))
                .post("/relationships")
                .then().statusCode(201)
                .extract().jsonPath().getString("id");

        List<HostileInputs.Failure> failures;
        try (CapturedLogs logs = CapturedLogs.start()) {
            failures = HostileInputs.of("relationship-service", base)
                    .token(HostileInputIT::tokenFor)
                    .wrongRoles(op -> List.of(TestTokens.token("pep", "pep", java.util.Map.of()),
                            TestTokens.token("verloskundige", "verloskundige", java.util.Map.of("uzi", "900000101", "ura", HOLDER))))
                    .pathValue("id", id)
                    .queryValue("patient", bsn)
                    .queryValue("organization", HOLDER)
                    .queryValue("active", "true")
                    .validBody(op -> validBody(op, bsn))
                    .strictUnknownElements()
                    .state(() -> StoreCounts.of(pool))
                    .logs(logs, bsn)
                    .run();
        }

        assertThat(failures).as("requests not refused as they should be").isEmpty();
    }

    private static String tokenFor(HostileInputs.Operation op) {
        if (op.path().equals("/relationships/access-requests")) {
            return TestTokens.service("access-gateway");
        }
        return TestTokens.sourceSystem(HOLDER);
    }

    private static String validBody(HostileInputs.Operation op, String bsn) {
        if (op.path().endsWith("/end")) {
            return "{\"end\":\"2026-11-20\",\"reason\":\"Care handed over\"}";
        }
        if (op.path().endsWith("/access-requests")) {
            return "{\"patient\":\"" + Fixtures.freshBsn() + "\",\"organization\":\"00000201\",\"organizationType\":\"V4\","
                    + "\"practitioner\":\"900000201\",\"reason\":\"Referred for a consultation\"}";
        }
        return Fixtures.registration(Fixtures.freshBsn(), HOLDER, "treatment", "2026-11-01", null);
    }
}
