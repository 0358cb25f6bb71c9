package nl.inzage.consent;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import nl.inzage.contracts.Identifiers;

/** Consent bodies and calls the tests share. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static String fixture(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fhir/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The active consent fixture for another client and data holder. */
    public static ObjectNode consent(String bsn, String custodian) {
        ObjectNode consent = (ObjectNode) read(fixture("consent-active-00000101.json"));
        ((ObjectNode) consent.get("patient").get("identifier")).put("value", bsn);
        ((ObjectNode) consent.get("organization").get(0).get("identifier")).put("value", custodian);
        return consent;
    }

    /** Creates it as the custodian's source system; the created resource. */
    public static ObjectNode create(String bsn, String custodian) {
        Response response = given().auth().oauth2(TestTokens.sourceSystem(custodian))
                .contentType("application/fhir+json")
                .body(consent(bsn, custodian).toString())
                .post("/fhir/Consent");
        if (response.statusCode() != 201) {
            throw new AssertionError("create answered " + response.statusCode() + ": " + response.asString());
        }
        return (ObjectNode) read(response.asString());
    }

    /** The store revision now, as consent-status reports it to a service account. */
    public static long storeRevision() {
        return given().auth().oauth2(TestTokens.service())
                .queryParam("patient", "999993653").queryParam("custodian", "00000101")
                .get("/consent-status")
                .then().statusCode(200)
                .extract().jsonPath().getLong("revision");
    }

    public static String freshBsn() {
        while (true) {
            String candidate = String.format("%09d", ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999));
            if (Identifiers.isValidBsn(candidate)) {
                return candidate;
            }
        }
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
