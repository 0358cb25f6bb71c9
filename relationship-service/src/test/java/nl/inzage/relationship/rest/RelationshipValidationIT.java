package nl.inzage.relationship.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.StoreCounts;
import nl.inzage.relationship.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refused registration answers problem+json and leaves the register exactly as it was. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class RelationshipValidationIT {

    @Inject
    Pool pool;

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidRegistrationIsBadRequestNamingTheFieldAndStoresNothing(String description, String body, String field) {
        StoreCounts before = StoreCounts.of(pool);

        ValidatableResponse response = post(body)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("http://inzage.nl/problems/invalid-request"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400));
        if (field == null) {
            response.body("field", nullValue());
        } else {
            response.body("field", equalTo(field)).body("detail", containsString(field));
        }

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("BSN failing the 11-test", Fixtures.with("patient", "\"999993654\""), "patient"),
                Arguments.of("missing BSN", Fixtures.without("patient"), "patient"),
                Arguments.of("URA of seven digits", Fixtures.with("organization", "\"0000010\""), "organization"),
                Arguments.of("missing organisation type", Fixtures.without("organizationType"), "organizationType"),
                Arguments.of("UZI of five digits", Fixtures.with("practitioner", "\"12345\""), "practitioner"),
                Arguments.of("unknown kind", Fixtures.with("kind", "\"friendship\""), "kind"),
                Arguments.of("missing start", Fixtures.without("start"), "start"),
                Arguments.of("start on a day that does not exist", Fixtures.with("start", "\"2026-02-30\""), "start"),
                Arguments.of("end before start", Fixtures.with("end", "\"2026-10-31\""), "end"),
                Arguments.of("replacement without end", Fixtures.with("kind", "\"replacement\""), "end"),
                Arguments.of("BSN as a JSON number", Fixtures.with("patient", "999993653"), "patient"),
                Arguments.of("start as a JSON array", Fixtures.with("start", "[\"2026-11-01\"]"), "start"),
                Arguments.of("misspelt member", Fixtures.with("organisation", "\"00000101\""), "organisation"),
                Arguments.of("malformed JSON", "{\"patient\": \"999993653\",", null),
                Arguments.of("empty body", "", null),
                Arguments.of("JSON array instead of object", "[]", null));
    }

    @Test
    void accessRequestIsRefusedOnTheSourceSystemPathAndStoresNothing() {
        StoreCounts before = StoreCounts.of(pool);

        post(Fixtures.with("kind", "\"access-request\""))
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("http://inzage.nl/problems/forbidden"))
                .body("detail", containsString("access-request path"));

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    @Test
    void foreignOrganizationIsRefusedAndStoresNothing() {
        StoreCounts before = StoreCounts.of(pool);

        given().auth().oauth2(TestTokens.sourceSystem("00000201"))
                .contentType("application/json")
                .body(Fixtures.body(Fixtures.TREATMENT))
                .post("/relationships")
                .then().statusCode(403);

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    @Test
    void registrationAfterRefusalsTakesTheNextRevision() {
        StoreCounts before = StoreCounts.of(pool);
        post(Fixtures.with("patient", "\"999993654\"")).statusCode(400);
        post(Fixtures.with("kind", "\"access-request\"")).statusCode(403);

        String revision = post(Fixtures.body(Fixtures.TREATMENT)).statusCode(201)
                .extract().header("X-Relationship-Revision");

        assertThat(Long.parseLong(revision)).isEqualTo(before.revision() + 1);
        assertThat(StoreCounts.of(pool)).isEqualTo(new StoreCounts(before.revision() + 1,
                before.relationships() + 1, before.versions() + 1, before.outboxEvents() + 1));
    }

    @Test
    void bodyThatIsNotJsonMediaTypeIsUnsupported() {
        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("text/plain")
                .body(Fixtures.body(Fixtures.TREATMENT))
                .post("/relationships")
                .then().statusCode(415)
                .contentType(Problem.MEDIA_TYPE);
    }

    private static ValidatableResponse post(String body) {
        return given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/json")
                .body(body)
                .post("/relationships")
                .then();
    }
}
