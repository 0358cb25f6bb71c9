package nl.inzage.consent.rest;

import static io.restassured.RestAssured.given;
import static nl.inzage.consent.Fixtures.create;
import static nl.inzage.consent.Fixtures.freshBsn;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.inzage.consent.TestTokens;
import org.junit.jupiter.api.Test;

/** Versions, If-Match, history, withdrawal and consent-status, against the real database. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConsentLifecycleIT {

    private static final String SOURCE = TestTokens.sourceSystem("00000101");

    @Test
    void updateWithCurrentVersionMakesVersionTwo() {
        ObjectNode consent = create(freshBsn(), "00000101");
        String id = consent.get("id").asText();

        consent.put("status", "active");
        given().auth().oauth2(SOURCE).contentType("application/fhir+json").header("If-Match", "W/\"1\"")
                .body(consent.toString())
                .put("/fhir/Consent/" + id)
                .then().statusCode(200)
                .header("ETag", "W/\"2\"")
                .header("X-Consent-Revision", org.hamcrest.Matchers.matchesPattern("[0-9]+"))
                .body("meta.versionId", equalTo("2"));
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        ObjectNode consent = create(freshBsn(), "00000101");
        String id = consent.get("id").asText();
        given().auth().oauth2(SOURCE).contentType("application/fhir+json").header("If-Match", "W/\"1\"")
                .body(consent.toString()).put("/fhir/Consent/" + id).then().statusCode(200);

        consent.put("status", "inactive");
        given().auth().oauth2(SOURCE).contentType("application/fhir+json").header("If-Match", "W/\"1\"")
                .body(consent.toString())
                .put("/fhir/Consent/" + id)
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("current version is 2"));

        given().auth().oauth2(SOURCE).get("/fhir/Consent/" + id)
                .then().statusCode(200).body("meta.versionId", equalTo("2")).body("status", equalTo("active"));
    }

    @Test
    void withdrawnConsentKeepsItsHistoryReadable() {
        String bsn = freshBsn();
        ObjectNode consent = create(bsn, "00000101");
        String id = consent.get("id").asText();

        consent.put("status", "inactive");
        given().auth().oauth2(SOURCE).contentType("application/fhir+json").body(consent.toString())
                .put("/fhir/Consent/" + id).then().statusCode(200);

        given().auth().oauth2(SOURCE).get("/fhir/Consent/" + id)
                .then().statusCode(200).body("status", equalTo("inactive"));
        given().auth().oauth2(SOURCE).get("/fhir/Consent/" + id + "/_history")
                .then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("history"))
                .body("total", equalTo(2))
                .body("entry.resource.meta.versionId", contains("2", "1"))
                .body("entry.resource.status", contains("inactive", "active"));
        given().auth().oauth2(SOURCE).get("/fhir/Consent/" + id + "/_history/1")
                .then().statusCode(200).body("status", equalTo("active")).header("ETag", "W/\"1\"");
        given().auth().oauth2(SOURCE).get("/fhir/Consent/" + id + "/_history/3")
                .then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void consentStatusFollowsGivingAndWithdrawing() {
        String bsn = freshBsn();
        given().auth().oauth2(TestTokens.service()).queryParam("patient", bsn).queryParam("custodian", "00000101")
                .get("/consent-status")
                .then().statusCode(200).body("status", equalTo("no-choice"));

        ObjectNode consent = create(bsn, "00000101");
        String id = consent.get("id").asText();
        given().auth().oauth2(SOURCE).queryParam("patient", bsn).queryParam("custodian", "00000101")
                .get("/consent-status")
                .then().statusCode(200)
                .body("status", equalTo("permit"))
                .body("consents", hasItem(id + "/_history/1"));
        // The fixture excludes organisation type JGZ: for a JGZ requester the answer is deny.
        given().auth().oauth2(SOURCE).queryParam("patient", bsn).queryParam("custodian", "00000101")
                .queryParam("organization", "00000501").queryParam("organizationType", "JGZ").queryParam("category", "delivery")
                .get("/consent-status")
                .then().statusCode(200).body("status", equalTo("deny"));

        consent.put("status", "inactive");
        String revision = given().auth().oauth2(SOURCE).contentType("application/fhir+json").body(consent.toString())
                .put("/fhir/Consent/" + id).then().statusCode(200).extract().header("X-Consent-Revision");
        given().auth().oauth2(SOURCE).queryParam("patient", bsn).queryParam("custodian", "00000101")
                .get("/consent-status")
                .then().statusCode(200)
                .body("status", equalTo("deny"))
                .body("revision", org.hamcrest.Matchers.greaterThanOrEqualTo(Integer.parseInt(revision)));
    }

    @Test
    void clientWithdrawsAndGivesAgainHerOwnConsent() {
        String bsn = freshBsn();
        ObjectNode consent = create(bsn, "00000101");
        String id = consent.get("id").asText();
        String client = TestTokens.client(bsn);

        consent.put("status", "inactive");
        given().auth().oauth2(client).contentType("application/fhir+json").body(consent.toString())
                .put("/fhir/Consent/" + id).then().statusCode(200).body("status", equalTo("inactive"));
        consent.put("status", "active");
        given().auth().oauth2(client).contentType("application/fhir+json").body(consent.toString())
                .put("/fhir/Consent/" + id).then().statusCode(200).body("meta.versionId", equalTo("3"));
    }

    @Test
    void patientAndCustodianCannotChange() {
        ObjectNode consent = create(freshBsn(), "00000101");
        String id = consent.get("id").asText();
        ((ObjectNode) consent.get("patient").get("identifier")).put("value", freshBsn());
        given().auth().oauth2(SOURCE).contentType("application/fhir+json").body(consent.toString())
                .put("/fhir/Consent/" + id)
                .then().statusCode(422).body("issue[0].diagnostics", containsString("cannot change"));
    }

    @Test
    void updateOfUnknownConsentIs404() {
        ObjectNode consent = create(freshBsn(), "00000101");
        consent.put("id", "no-such-consent");
        given().auth().oauth2(SOURCE).contentType("application/fhir+json").body(consent.toString())
                .put("/fhir/Consent/no-such-consent")
                .then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
    }
}
