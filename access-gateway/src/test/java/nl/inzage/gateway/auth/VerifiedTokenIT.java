package nl.inzage.gateway.auth;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.Map;
import nl.inzage.contracts.testing.ForgedTokens;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import org.junit.jupiter.api.Test;

/** The decision API keeps verified bearer tokens (VerifiedTokens): what it keeps must not widen what it accepts. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class VerifiedTokenIT {

    @Test
    void aKeptTokenIsRefusedOnceItsExpHasPassed() throws InterruptedException {
        long exp = Instant.now().getEpochSecond() + 3;
        String token = ForgedTokens.resigned(TestTokens.pep(), claims -> claims.put("exp", exp));
        evaluate(token).statusCode(200);
        evaluate(token).statusCode(200);

        Thread.sleep(Math.max(0, (exp + 1) * 1000 - System.currentTimeMillis()));

        evaluate(token).statusCode(401);
    }

    @Test
    void aKeptTokenLendsItsIdentityToNoOtherToken() {
        String token = TestTokens.pep();
        evaluate(token).statusCode(200);
        evaluate(token).statusCode(200);

        // The same claims with a broken signature: verified (and refused), not found.
        String[] parts = token.split("\\.");
        String signature = parts[2];
        String broken = parts[0] + "." + parts[1] + "." + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        evaluate(broken).statusCode(401);
        // A valid token of another role is its own identity: not a PEP.
        evaluate(TestTokens.practitioner("verloskundige", "900000101", "00000101", "G3")).statusCode(403);
    }

    private static ValidatableResponse evaluate(String token) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of(
                        "subject", Map.of("type", "practitioner", "id", "900000201", "properties", Map.of(
                                "subject_organization_id", "00000201", "subject_role", "gynaecoloog", "subject_facility_type", "V4")),
                        "action", Map.of("name", "read"),
                        "resource", Map.of("type", "patient-data", "id", TestBsns.fresh(), "properties", Map.of(
                                "data_holder_organization_id", "00000101", "data_category", "ultrasound")),
                        "context", Map.of("purpose_of_use", "TREAT")))
                .post("/access/v1/evaluation")
                .then();
    }
}
