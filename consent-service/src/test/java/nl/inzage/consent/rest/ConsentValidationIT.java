package nl.inzage.consent.rest;

import static io.restassured.RestAssured.given;
import static nl.inzage.consent.Fixtures.consent;
import static nl.inzage.consent.Fixtures.storeRevision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.inzage.consent.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every client mistake: a 4xx OperationOutcome that names the problem, and nothing stored. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConsentValidationIT {

    private static Arguments bad(String name, int status, String message, Function<ObjectNode, String> body) {
        return Arguments.of(name, status, message, body);
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("malformed JSON", 400, "not a valid FHIR", c -> "{\"resourceType\": \"Consent\", "),
                bad("empty body", 400, "empty", c -> ""),
                bad("not a Consent", 400, "Expected resourceType 'Consent'", c -> "{\"resourceType\":\"Patient\"}"),
                bad("invalid BSN", 400, "BSN", c -> with(c, n -> ((ObjectNode) n.get("patient").get("identifier")).put("value", "123456789"))),
                bad("patient without BSN system", 400, "bsn", c -> with(c, n -> ((ObjectNode) n.get("patient").get("identifier")).put("system", "urn:x"))),
                bad("invalid URA", 400, "URA", c -> with(c, n -> ((ObjectNode) n.get("organization").get(0).get("identifier")).put("value", "12x"))),
                bad("unknown status code", 400, "status", c -> with(c, n -> n.put("status", "maybe"))),
                bad("missing status", 400, "status", c -> with(c, n -> n.remove("status"))),
                bad("missing scope", 400, "scope", c -> with(c, n -> n.remove("scope"))),
                bad("missing category", 400, "category", c -> with(c, n -> n.remove("category"))),
                bad("no policy or policyRule (ppc-1)", 400, "ppc-1", c -> with(c, n -> n.remove("policyRule"))),
                bad("unknown element", 400, "not a valid FHIR", c -> with(c, n -> n.put("favouriteColour", "blue"))),
                bad("unknown data category", 400, "data category", c -> with(c, n -> ((ObjectNode) n.get("provision"))
                        .putArray("class").addObject().put("system", "http://inzage.nl/fhir/CodeSystem/data-category").put("code", "dental"))),
                bad("active without informed-consent record", 422, "informed", c -> with(c, n -> n.remove("extension"))),
                bad("a server-assigned id in a create", 400, "must not carry an id", c -> with(c, n -> n.put("id", "chosen-by-me"))),
                bad("body over 1 MiB", 413, "1 MiB", c -> with(c, n -> n.putArray("note").addObject().put("text", "x".repeat(1_100_000)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsRefusedAndNothingIsStored(String name, int status, String message, Function<ObjectNode, String> body) {
        long before = storeRevision();

        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/fhir+json")
                .body(body.apply(consent("999990019", "00000101")))
                .post("/fhir/Consent")
                .then().statusCode(status)
                .contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(message));

        assertThat(storeRevision()).as("store revision after '%s'", name).isEqualTo(before);
    }

    @Test
    void wrongContentTypeIs415() {
        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("text/plain")
                .body(consent("999990019", "00000101").toString())
                .post("/fhir/Consent")
                .then().statusCode(415)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void deleteIsRefusedWithAnExplanationOfWithdrawal() {
        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .delete("/fhir/Consent/some-id")
                .then().statusCode(405)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("status 'inactive'"));
    }

    @Test
    void metadataTellsWhatIsSupported() {
        given().get("/fhir/metadata")
                .then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"))
                .body("rest[0].resource[0].type", equalTo("Consent"))
                .body("rest[0].resource[0].interaction.code", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("delete")))
                .body("rest[0].resource[0].searchParam.name", org.hamcrest.Matchers.hasItems("patient", "organization", "status", "_lastUpdated", "_count"));
    }

    private static String with(ObjectNode consent, java.util.function.Consumer<ObjectNode> change) {
        change.accept(consent);
        return consent.toString();
    }
}
