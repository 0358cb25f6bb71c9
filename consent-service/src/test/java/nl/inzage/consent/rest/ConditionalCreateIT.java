package nl.inzage.consent.rest;

import static io.restassured.RestAssured.given;
import static nl.inzage.consent.Fixtures.consent;
import static nl.inzage.consent.Fixtures.create;
import static nl.inzage.consent.Fixtures.freshBsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import nl.inzage.consent.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * FHIR conditional create ({@code If-None-Exist}): what makes a source system's retried create (after a timeout or a
 * 503 while the database was down) land once.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConditionalCreateIT {

    private static final String BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn|";

    @Test
    void aRetriedCreateAnswersTheConsentTheFirstOneCreatedAndWritesNothing() {
        String bsn = freshBsn();
        Response first = conditionalCreate(bsn, "patient:identifier=" + BSN_SYSTEM + bsn + "&status=active");
        first.then().statusCode(201).header("ETag", equalTo("W/\"1\""));
        String id = first.jsonPath().getString("id");

        conditionalCreate(bsn, "patient:identifier=" + BSN_SYSTEM + bsn + "&status=active")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .header("Content-Location", containsString("/fhir/Consent/" + id + "/_history/1"));

        assertThat(consentsOf(bsn)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesCreateOneConsent() {
        String bsn = freshBsn();
        List<CompletableFuture<Integer>> attempts = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> conditionalCreate(bsn, "patient:identifier=" + BSN_SYSTEM + bsn).statusCode()))
                .toList();
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
        assertThat(consentsOf(bsn)).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsConsentDoesNotMatch() {
        String bsn = freshBsn();
        create(bsn, "00000201");

        conditionalCreate(bsn, "patient:identifier=" + BSN_SYSTEM + bsn).then().statusCode(201);
    }

    @Test
    void criteriaMatchingSeveralConsentsAreAPreconditionFailure() {
        String bsn = freshBsn();
        create(bsn, "00000101");
        create(bsn, "00000101");

        conditionalCreate(bsn, "patient:identifier=" + BSN_SYSTEM + bsn)
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("multiple-matches"));
        assertThat(consentsOf(bsn)).isEqualTo(2);
    }

    @Test
    void criteriaThatAreNotASearchForOneClientAreRefusedAndWriteNothing() {
        String bsn = freshBsn();
        for (String criteria : List.of("status=active", "patient:identifier", "identifier=abc&patient:identifier=" + BSN_SYSTEM + bsn,
                "patient:identifier=" + BSN_SYSTEM + "123456789", "patient:identifier=%zz", "_count=1&patient:identifier=" + bsn,
                "patient:identifier=" + BSN_SYSTEM + freshBsn())) {
            conditionalCreate(bsn, criteria).then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        }
        conditionalCreate(bsn, "patient:identifier=" + BSN_SYSTEM + bsn
                + "&organization:identifier=http://fhir.nl/fhir/NamingSystem/ura|00000201").then().statusCode(403);
        assertThat(consentsOf(bsn)).isZero();
    }

    private static Response conditionalCreate(String bsn, String criteria) {
        return given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/fhir+json")
                .header("If-None-Exist", criteria)
                .body(consent(bsn, "00000101").toString())
                .post("/fhir/Consent");
    }

    private static int consentsOf(String bsn) {
        return given().auth().oauth2(TestTokens.service())
                .get("/fhir/Consent?patient:identifier=" + BSN_SYSTEM + bsn + "&_count=0")
                .then().statusCode(200)
                .extract().jsonPath().getInt("total");
    }
}
