package nl.inzage.consent.rest;

import static io.restassured.RestAssured.given;
import static nl.inzage.consent.Fixtures.freshBsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import nl.inzage.consent.Fixtures;
import nl.inzage.consent.TestTokens;
import nl.inzage.contracts.ProjectionDigest;
import nl.inzage.contracts.testing.Digests;
import org.junit.jupiter.api.Test;

/**
 * The register's reconciliation digest (compared with the gateway's projection by ./dev reconcile):
 * per client and data holder the newest version at a revision. The test database is shared, so the
 * test checks what each write changes, which it knows exactly.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReconciliationIT {

    private static final String OPERATOR = TestTokens.token("operator", "operator", Map.of());

    @Test
    void aNewConsentAddsItsEntryAndAWithdrawalReplacesIt() {
        String bsn = freshBsn();
        var response = given().auth().oauth2(TestTokens.sourceSystem("00000101")).contentType("application/fhir+json")
                .body(Fixtures.consent(bsn, "00000101").toString()).post("/fhir/Consent")
                .then().statusCode(201).extract();
        ObjectNode consent = (ObjectNode) Fixtures.read(response.asString());
        String id = consent.get("id").asText();
        long created = Long.parseLong(response.header("X-Consent-Revision"));
        JsonPath before = digest(created - 1);
        JsonPath after = digest(created);
        assertThat(after.getLong("entries")).isEqualTo(before.getLong("entries") + 1);
        assertThat(after.getString("digest")).isEqualTo(Digests.change(before.getString("digest"),
                new ProjectionDigest().consent(bsn, "00000101", id, 1, "active"), new ProjectionDigest()));

        consent.put("status", "inactive");
        long withdrawn = Long.parseLong(given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/fhir+json").body(consent.toString()).put("/fhir/Consent/" + id)
                .then().statusCode(200).extract().header("X-Consent-Revision"));
        JsonPath replaced = digest(withdrawn);
        assertThat(replaced.getLong("entries")).isEqualTo(digest(withdrawn - 1).getLong("entries"));
        assertThat(replaced.getString("digest")).isEqualTo(Digests.change(digest(withdrawn - 1).getString("digest"),
                new ProjectionDigest().consent(bsn, "00000101", id, 2, "inactive"),
                new ProjectionDigest().consent(bsn, "00000101", id, 1, "active")));
        // A revision's digest does not change with later writes: it is the register as it was then.
        assertThat(digest(created).getString("digest")).isEqualTo(after.getString("digest"));
    }

    @Test
    void aRevisionNotReachedIsAConflictAndAMalformedOneABadRequest() {
        long current = given().auth().oauth2(OPERATOR).get("/reconciliation").then().statusCode(200)
                .extract().jsonPath().getLong("storeRevision");
        given().auth().oauth2(OPERATOR).queryParam("revision", current + 1000).get("/reconciliation")
                .then().statusCode(409).body("resourceType", equalTo("OperationOutcome"));
        for (String bad : new String[] {"-1", "abc", "１２", "99999999999999999999"}) {
            given().auth().oauth2(OPERATOR).queryParam("revision", bad).get("/reconciliation")
                    .then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        }
    }

    @Test
    void onlyOperatorsAndServiceAccountsMayAsk() {
        given().get("/reconciliation").then().statusCode(401);
        given().auth().oauth2(TestTokens.sourceSystem("00000101")).get("/reconciliation").then().statusCode(403);
        given().auth().oauth2(TestTokens.service()).get("/reconciliation").then().statusCode(200);
    }

    private static JsonPath digest(long revision) {
        return given().auth().oauth2(OPERATOR).queryParam("revision", revision).get("/reconciliation")
                .then().statusCode(200).body("revision", equalTo((int) revision)).extract().jsonPath();
    }
}
