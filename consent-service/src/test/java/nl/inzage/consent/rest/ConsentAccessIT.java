package nl.inzage.consent.rest;

import static io.restassured.RestAssured.given;
import static nl.inzage.consent.Fixtures.create;
import static nl.inzage.consent.Fixtures.freshBsn;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.inzage.consent.TestTokens;
import org.junit.jupiter.api.Test;

/** Organisation and citizen isolation: identity from the token, never from the body. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConsentAccessIT {

    @Test
    void anotherOrganizationCannotReadOrUpdate() {
        ObjectNode consent = create(freshBsn(), "00000101");
        String id = consent.get("id").asText();
        String other = TestTokens.sourceSystem("00000201");

        given().auth().oauth2(other).get("/fhir/Consent/" + id).then().statusCode(403);
        given().auth().oauth2(other).get("/fhir/Consent/" + id + "/_history").then().statusCode(403);
        consent.put("status", "inactive");
        given().auth().oauth2(other).contentType("application/fhir+json").body(consent.toString())
                .put("/fhir/Consent/" + id).then().statusCode(403);
    }

    @Test
    void aClientCannotReadOrChangeAnotherClientsConsent() {
        String bsn = freshBsn();
        ObjectNode consent = create(bsn, "00000101");
        String id = consent.get("id").asText();
        String stranger = TestTokens.client(freshBsn());

        given().auth().oauth2(stranger).get("/fhir/Consent/" + id).then().statusCode(403);
        consent.put("status", "inactive");
        given().auth().oauth2(stranger).contentType("application/fhir+json").body(consent.toString())
                .put("/fhir/Consent/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.client(bsn)).get("/fhir/Consent/" + id).then().statusCode(200);
    }

    @Test
    void aClientCannotCreateAndPractitionersHaveNoDirectAccess() {
        String bsn = freshBsn();
        ObjectNode consent = nl.inzage.consent.Fixtures.consent(bsn, "00000101");
        given().auth().oauth2(TestTokens.client(bsn)).contentType("application/fhir+json").body(consent.toString())
                .post("/fhir/Consent").then().statusCode(403);
        String practitioner = TestTokens.token("verloskundige", "verloskundige", java.util.Map.of("ura", "00000101"));
        given().auth().oauth2(practitioner).get("/fhir/Consent?patient:identifier=" + bsn).then().statusCode(403);
    }

    @Test
    void serviceAccountReadsAnyConsent() {
        ObjectNode consent = create(freshBsn(), "00000201");
        given().auth().oauth2(TestTokens.service()).get("/fhir/Consent/" + consent.get("id").asText())
                .then().statusCode(200).body("organization[0].identifier.value", equalTo("00000201"));
    }

    @Test
    void consentStatusOfAnotherOrganizationIsForbiddenForASourceSystem() {
        given().auth().oauth2(TestTokens.sourceSystem("00000201"))
                .queryParam("patient", "999993653").queryParam("custodian", "00000101")
                .get("/consent-status").then().statusCode(403);
        given().auth().oauth2(TestTokens.client("999993653"))
                .queryParam("patient", "999993653").queryParam("custodian", "00000101")
                .get("/consent-status").then().statusCode(403);
    }
}
