package nl.inzage.relationship.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.StoreCounts;
import nl.inzage.relationship.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Register, list and end each kind of relationship, against the real PostgreSQL test database. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class RelationshipLifecycleIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    @Inject
    Pool pool;

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {"treatment,", "referral,", "replacement,30"})
    void eachKindIsRegisteredListedAndEndedAsANewVersionKeepingTheOldOne(String kind, Integer days) {
        String bsn = Fixtures.freshBsn();
        String end = days == null ? null : TODAY.plusDays(days).toString();
        String id = register("00000101", Fixtures.registration(bsn, "00000101", kind, TODAY.minusDays(10).toString(), end));

        list(TestTokens.service("access-gateway"), bsn, null, "true")
                .body("", hasSize(1))
                .body("[0].id", equalTo(id))
                .body("[0].kind", equalTo(kind))
                .body("[0].status", equalTo("active"));

        long revision = Long.parseLong(given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/json")
                .body("{\"end\": \"" + TODAY + "\", \"reason\": \"Discharged after the postpartum visit\"}")
                .post("/relationships/" + id + "/end")
                .then().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("id", equalTo(id))
                .body("version", equalTo(2))
                .body("status", equalTo("ended"))
                .body("kind", equalTo(kind))
                .body("end", equalTo(TODAY.toString()))
                .body("reason", equalTo("Discharged after the postpartum visit"))
                .extract().header("X-Relationship-Revision"));

        given().auth().oauth2(TestTokens.service("access-gateway")).get("/relationships/" + id)
                .then().statusCode(200)
                .header("X-Relationship-Revision", equalTo(Long.toString(revision)))
                .body("version", equalTo(2))
                .body("status", equalTo("ended"));
        list(TestTokens.service("access-gateway"), bsn, null, "true").body("", hasSize(0));
        list(TestTokens.service("access-gateway"), bsn, null, null)
                .body("", hasSize(1))
                .body("[0].status", equalTo("ended"));
        // Nothing deleted: both versions stay, each with its own event in the outbox.
        assertThat(versionStatuses(id)).containsExactly("active", "ended");
        assertThat(outboxEvents(id)).isEqualTo(2);
    }

    @Test
    void activeMeansStatusActiveAndTodayWithinStartAndEnd() {
        String bsn = Fixtures.freshBsn();
        String current = register("00000101", Fixtures.registration(bsn, "00000101", "treatment", TODAY.toString(), null));
        String endsToday = register("00000101", Fixtures.registration(bsn, "00000101", "replacement",
                TODAY.minusDays(5).toString(), TODAY.toString()));
        register("00000101", Fixtures.registration(bsn, "00000101", "replacement",
                TODAY.minusDays(20).toString(), TODAY.minusDays(1).toString()));
        register("00000101", Fixtures.registration(bsn, "00000101", "treatment", TODAY.plusDays(1).toString(), null));

        List<String> active = list(TestTokens.service("access-gateway"), bsn, null, "true").extract().jsonPath().getList("id");
        assertThat(active).containsExactlyInAnyOrder(current, endsToday);
        list(TestTokens.service("access-gateway"), bsn, null, null).body("", hasSize(4));
        list(TestTokens.service("access-gateway"), bsn, null, "false").body("", hasSize(4));
    }

    @Test
    void listFiltersByOrganisationAndShowsEachCallerOnlyWhatIsTheirs() {
        String bsn = Fixtures.freshBsn();
        String at101 = register("00000101", Fixtures.registration(bsn, "00000101", "treatment", TODAY.toString(), null));
        String at201 = register("00000201", Fixtures.registration(bsn, "00000201", "referral", TODAY.toString(), null));

        list(TestTokens.service("access-gateway"), bsn, "00000201", null).body("", hasSize(1)).body("[0].id", equalTo(at201));
        list(TestTokens.service("access-gateway"), bsn, null, null).body("", hasSize(2));
        // A source system sees its own organisation's only, and may not ask for another's.
        list(TestTokens.sourceSystem("00000101"), bsn, null, null).body("", hasSize(1)).body("[0].id", equalTo(at101));
        list(TestTokens.sourceSystem("00000101"), bsn, "00000101", null).body("", hasSize(1)).body("[0].id", equalTo(at101));
        list(TestTokens.sourceSystem("00000101"), bsn, "00000201", null).statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        list(TestTokens.sourceSystem("00000301"), bsn, null, null).body("", hasSize(0));
        // The client sees all of her own, and nobody else's.
        list(TestTokens.client(bsn), bsn, null, null).body("", hasSize(2));
        list(TestTokens.client("999993653"), bsn, null, null).statusCode(403).contentType(Problem.MEDIA_TYPE);
        list(TestTokens.token("verloskundige", "verloskundige", java.util.Map.of()), bsn, null, null).statusCode(403);
        given().queryParam("patient", bsn).get("/relationships").then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {
            "BSN failing the 11-test, 999993654, , , patient",
            "BSN of eight digits, 99999365, , , patient",
            "no patient, , , , patient",
            "URA of seven digits, 999993653, 0000010, , organization",
            "active that is no boolean, 999993653, , yes, active"})
    void badSearchIsBadRequestNamingTheParameter(String description, String patient, String organization, String active,
            String field) {
        list(TestTokens.service("access-gateway"), patient, organization, active)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo(field));
    }

    @Test
    void endingTwiceIsAConflictAndWritesNothing() {
        String id = register("00000101", Fixtures.registration(Fixtures.freshBsn(), "00000101", "treatment", TODAY.toString(), null));
        end("00000101", id, "{\"end\": \"" + TODAY + "\", \"reason\": \"discharged\"}").statusCode(200);
        StoreCounts before = StoreCounts.of(pool);

        end("00000101", id, "{\"end\": \"" + TODAY + "\", \"reason\": \"discharged again\"}")
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(409))
                .body("detail", containsString("already ended"));

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    @Test
    void endBeforeStartIsBadRequestAndWritesNothing() {
        String id = register("00000101", Fixtures.registration(Fixtures.freshBsn(), "00000101", "treatment", TODAY.toString(), null));
        StoreCounts before = StoreCounts.of(pool);

        end("00000101", id, "{\"end\": \"" + TODAY.minusDays(1) + "\", \"reason\": \"typo\"}")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("end"));

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no end | {\"reason\": \"discharged\"} | end",
            "end that is no date | {\"end\": \"tomorrow\"} | end",
            "end as a number | {\"end\": 20261123} | end",
            "unknown member | {\"end\": \"2026-12-01\", \"why\": \"x\"} | why",
            "not JSON | end=2026-12-01 | "})
    void badEndBodyIsBadRequestAndWritesNothing(String description, String body, String field) {
        String id = register("00000101", Fixtures.registration(Fixtures.freshBsn(), "00000101", "treatment", "2026-11-01", null));
        StoreCounts before = StoreCounts.of(pool);

        ValidatableResponse response = end("00000101", id, body).statusCode(400).contentType(Problem.MEDIA_TYPE);
        if (field != null) {
            response.body("field", equalTo(field));
        }

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    @Test
    void onlyTheOrganisationsOwnSourceSystemEndsARelationship() {
        String bsn = Fixtures.freshBsn();
        String id = register("00000101", Fixtures.registration(bsn, "00000101", "treatment", TODAY.toString(), null));
        StoreCounts before = StoreCounts.of(pool);
        String body = "{\"end\": \"" + TODAY + "\", \"reason\": \"not mine\"}";

        end("00000201", id, body).statusCode(403).contentType(Problem.MEDIA_TYPE);
        for (String token : List.of(TestTokens.client(bsn), TestTokens.service("access-gateway"))) {
            given().auth().oauth2(token).contentType("application/json").body(body)
                    .post("/relationships/" + id + "/end")
                    .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        }
        given().contentType("application/json").body(body).post("/relationships/" + id + "/end").then().statusCode(401);

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    @Test
    void endingAnUnknownRelationshipIsNotFound() {
        end("00000101", "00000000-0000-0000-0000-000000000000", "{\"end\": \"" + TODAY + "\"}")
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void endWithoutReasonKeepsTheReasonItHad() {
        String id = register("00000101", Fixtures.registration(Fixtures.freshBsn(), "00000101", "treatment", TODAY.toString(), null));

        end("00000101", id, "{\"end\": \"" + TODAY + "\"}")
                .statusCode(200)
                .body("status", equalTo("ended"))
                .body("reason", equalTo("Intake first trimester"));
    }

    private static String register(String ura, String body) {
        return given().auth().oauth2(TestTokens.sourceSystem(ura))
                .contentType("application/json")
                .body(body)
                .post("/relationships")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static ValidatableResponse end(String ura, String id, String body) {
        return given().auth().oauth2(TestTokens.sourceSystem(ura))
                .contentType("application/json")
                .body(body)
                .post("/relationships/" + id + "/end")
                .then();
    }

    private static ValidatableResponse list(String token, String patient, String organization, String active) {
        var request = given().auth().oauth2(token);
        if (patient != null) {
            request.queryParam("patient", patient);
        }
        if (organization != null) {
            request.queryParam("organization", organization);
        }
        if (active != null) {
            request.queryParam("active", active);
        }
        return request.get("/relationships").then();
    }

    private List<String> versionStatuses(String id) {
        List<String> statuses = new java.util.ArrayList<>();
        pool.preparedQuery("select status from relationship_version where relationship_id = $1 order by version")
                .execute(Tuple.of(id)).await().indefinitely()
                .forEach(row -> statuses.add(row.getString("status")));
        return statuses;
    }

    private long outboxEvents(String id) {
        return pool.preparedQuery("select count(*) from outbox_event where message_key = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }
}
