package nl.inzage.relationship.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import nl.inzage.contracts.ProjectionDigest;
import nl.inzage.contracts.testing.Digests;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The relationships' reconciliation digest (compared with the gateway's projection by ./dev
 * reconcile): each relationship's newest version at a revision. The test database is shared, so
 * the test checks what each write changes, which it knows exactly.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReconciliationIT {

    private static final String OPERATOR = TestTokens.token("operator", "operator", Map.of());
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    @Test
    void aNewRelationshipAddsItsEntryAndEndingItReplacesIt() {
        String bsn = Fixtures.freshBsn();
        ExtractableResponse<Response> registered = given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/json")
                .body(Fixtures.registration(bsn, "00000101", "treatment", TODAY.minusDays(10).toString(), null))
                .post("/relationships").then().statusCode(201).extract();
        String id = registered.jsonPath().getString("id");
        long created = Long.parseLong(registered.header("X-Relationship-Revision"));
        JsonPath before = digest(created - 1);
        JsonPath after = digest(created);
        assertThat(after.getLong("entries")).isEqualTo(before.getLong("entries") + 1);
        assertThat(after.getString("digest")).isEqualTo(Digests.change(before.getString("digest"),
                new ProjectionDigest().relationship(bsn, id, 1, "active"), new ProjectionDigest()));

        long ended = Long.parseLong(given().auth().oauth2(TestTokens.sourceSystem("00000101")).contentType("application/json")
                .body("{\"end\": \"" + TODAY + "\"}").post("/relationships/" + id + "/end")
                .then().statusCode(200).extract().header("X-Relationship-Revision"));
        assertThat(digest(ended).getLong("entries")).isEqualTo(digest(ended - 1).getLong("entries"));
        assertThat(digest(ended).getString("digest")).isEqualTo(Digests.change(digest(ended - 1).getString("digest"),
                new ProjectionDigest().relationship(bsn, id, 2, "ended"), new ProjectionDigest().relationship(bsn, id, 1, "active")));
        assertThat(digest(created).getString("digest")).isEqualTo(after.getString("digest"));
    }

    @Test
    void aRevisionNotReachedIsAConflictAMalformedOneABadRequestAndOnlyOperatorsAndServicesMayAsk() {
        long current = given().auth().oauth2(OPERATOR).get("/reconciliation").then().statusCode(200)
                .extract().jsonPath().getLong("storeRevision");
        given().auth().oauth2(OPERATOR).queryParam("revision", current + 1000).get("/reconciliation").then().statusCode(409);
        given().auth().oauth2(OPERATOR).queryParam("revision", "１２").get("/reconciliation").then().statusCode(400)
                .body("type", org.hamcrest.Matchers.notNullValue());
        given().get("/reconciliation").then().statusCode(401);
        given().auth().oauth2(TestTokens.sourceSystem("00000101")).get("/reconciliation").then().statusCode(403);
        given().auth().oauth2(TestTokens.service("access-gateway")).get("/reconciliation").then().statusCode(200);
    }

    private static JsonPath digest(long revision) {
        return given().auth().oauth2(OPERATOR).queryParam("revision", revision).get("/reconciliation")
                .then().statusCode(200).body("revision", equalTo((int) revision)).extract().jsonPath();
    }
}
