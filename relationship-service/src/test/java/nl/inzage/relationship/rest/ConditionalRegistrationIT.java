package nl.inzage.relationship.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A registration with an If-None-Exist header (FHIR's conditional create, on this JSON API): what makes a source
 * system's retried registration (after a timeout or a 503 while the database was down) land once.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConditionalRegistrationIT {

    @Test
    void aRetriedRegistrationAnswersTheRelationshipTheFirstOneCreatedAndWritesNothing() {
        String bsn = Fixtures.freshBsn();
        Response first = register(bsn, "patient=" + bsn + "&active=true");
        first.then().statusCode(201);
        String id = first.jsonPath().getString("id");

        register(bsn, "patient=" + bsn + "&active=true")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("version", equalTo(1))
                .header("Location", endsWith("/relationships/" + id));

        assertThat(relationshipsOf(bsn)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesCreateOneRelationship() {
        String bsn = Fixtures.freshBsn();
        List<CompletableFuture<Integer>> attempts = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> register(bsn, "patient=" + bsn).statusCode()))
                .toList();
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
        assertThat(relationshipsOf(bsn)).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsRelationshipDoesNotMatch() {
        String bsn = Fixtures.freshBsn();
        given().auth().oauth2(TestTokens.sourceSystem("00000201")).contentType("application/json")
                .body(Fixtures.registration(bsn, "00000201", "treatment", "2026-06-01", null))
                .post("/relationships").then().statusCode(201);

        register(bsn, "patient=" + bsn).then().statusCode(201);
    }

    @Test
    void criteriaMatchingSeveralRelationshipsAreAPreconditionFailure() {
        String bsn = Fixtures.freshBsn();
        register(bsn, null).then().statusCode(201);
        register(bsn, null).then().statusCode(201);

        register(bsn, "patient=" + bsn)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("status", equalTo(412));
        assertThat(relationshipsOf(bsn)).isEqualTo(2);
    }

    @Test
    void criteriaThatAreNotASearchForOneClientAreRefusedAndWriteNothing() {
        String bsn = Fixtures.freshBsn();
        for (String criteria : List.of("active=true", "patient", "patient=" + bsn + "&patient=" + bsn, "patient=" + bsn + "&kind=treatment",
                "patient=123456789", "patient=%zz", "patient=" + bsn + "&active=yes", "patient=" + Fixtures.freshBsn())) {
            register(bsn, criteria).then().statusCode(400).contentType("application/problem+json");
        }
        register(bsn, "patient=" + bsn + "&organization=00000201").then().statusCode(403);
        assertThat(relationshipsOf(bsn)).isZero();
    }

    private static Response register(String bsn, String criteria) {
        var request = given().auth().oauth2(TestTokens.sourceSystem("00000101")).contentType("application/json")
                .body(Fixtures.registration(bsn, "00000101", "treatment", "2026-06-01", null));
        if (criteria != null) {
            request.header("If-None-Exist", criteria);
        }
        return request.post("/relationships");
    }

    private static int relationshipsOf(String bsn) {
        return given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .queryParam("patient", bsn)
                .get("/relationships")
                .then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }
}
