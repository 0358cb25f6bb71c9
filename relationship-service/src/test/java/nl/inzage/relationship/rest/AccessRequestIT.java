package nl.inzage.relationship.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.StoreCounts;
import nl.inzage.relationship.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway's access-request path, against the real PostgreSQL test database. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessRequestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final String GATEWAY = TestTokens.service("access-gateway");

    @Inject
    Pool pool;

    @Test
    void accessRequestCreatesAnAccessRequestRelationshipFromTodayForTwelveMonths() {
        String bsn = Fixtures.freshBsn();

        ExtractableResponse<Response> created = request(GATEWAY, body(bsn, "00000101"))
                .statusCode(201)
                .header("Location", matchesPattern("https?://[^/]+/relationships/[0-9a-f-]{36}"))
                .header("ETag", equalTo("W/\"1\""))
                .header("X-Relationship-Revision", matchesPattern("[0-9]+"))
                .body("version", equalTo(1))
                .body("patient", equalTo(bsn))
                .body("organization", equalTo("00000101"))
                .body("organizationType", equalTo("G3"))
                .body("practitioner", equalTo("900000101"))
                .body("kind", equalTo("access-request"))
                .body("status", equalTo("active"))
                .body("start", equalTo(TODAY.toString()))
                .body("end", equalTo(TODAY.plusMonths(12).toString()))
                .body("reason", equalTo("Client came in for a check-up"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/relationships/" + id);

        // The same shape as GET, and in force at once.
        given().auth().oauth2(GATEWAY).get("/relationships/" + id)
                .then().statusCode(200)
                .header("X-Relationship-Revision", equalTo(created.header("X-Relationship-Revision")))
                .body("kind", equalTo("access-request"))
                .body("end", equalTo(TODAY.plusMonths(12).toString()));
        given().auth().oauth2(GATEWAY).queryParam("patient", bsn).queryParam("active", "true").get("/relationships")
                .then().statusCode(200).body("", hasSize(1)).body("[0].id", equalTo(id));
        // The actor is the practitioner, for the organisation.
        assertThat(actorOfVersion(id, 1)).containsExactly("practitioner", "900000101", "00000101");
    }

    @Test
    void askingAgainAnswersTheExistingRelationshipAndWritesNothing() {
        String bsn = Fixtures.freshBsn();
        ExtractableResponse<Response> first = request(GATEWAY, body(bsn, "00000101")).statusCode(201).extract();
        StoreCounts before = StoreCounts.of(pool);

        ObjectNode again = body(bsn, "00000101");
        again.put("practitioner", "900000102");
        again.put("reason", "Another colleague asks too");
        request(GATEWAY, again)
                .statusCode(200)
                .header("X-Relationship-Revision", equalTo(first.header("X-Relationship-Revision")))
                .header("ETag", equalTo("W/\"1\""))
                .body("id", equalTo(first.path("id")))
                .body("practitioner", equalTo("900000101"))
                .body("reason", equalTo("Client came in for a check-up"));

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
        // Another organisation asking for the same client gets its own.
        request(GATEWAY, body(bsn, "00000201")).statusCode(201).body("organization", equalTo("00000201"));
    }

    @Test
    void concurrentIdenticalRequestsCreateOneRelationship() throws Exception {
        String bsn = Fixtures.freshBsn();
        String body = body(bsn, "00000101").toString();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Callable<ExtractableResponse<Response>>> calls = IntStream.range(0, 6)
                    .<Callable<ExtractableResponse<Response>>>mapToObj(i -> () -> request(GATEWAY, body).extract())
                    .toList();
            List<ExtractableResponse<Response>> answers = threads.invokeAll(calls).stream().map(AccessRequestIT::get).toList();

            assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(200, 201);
            assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(1);
            assertThat(answers).extracting(answer -> (String) answer.path("id")).containsOnly((String) answers.get(0).path("id"));
        } finally {
            threads.shutdownNow();
        }
        given().auth().oauth2(GATEWAY).queryParam("patient", bsn).get("/relationships")
                .then().statusCode(200).body("", hasSize(1));
    }

    @Test
    void endedAccessRequestIsFollowedByANewOne() {
        String bsn = Fixtures.freshBsn();
        String first = request(GATEWAY, body(bsn, "00000101")).statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.sourceSystem("00000101")).contentType("application/json")
                .body("{\"end\": \"" + TODAY + "\", \"reason\": \"Care finished\"}")
                .post("/relationships/" + first + "/end")
                .then().statusCode(200).body("status", equalTo("ended"));

        String second = request(GATEWAY, body(bsn, "00000101")).statusCode(201).extract().path("id");

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void onlyTheGatewaysServiceAccountRecordsAccessRequests() {
        String bsn = Fixtures.freshBsn();
        StoreCounts before = StoreCounts.of(pool);

        for (String token : List.of(TestTokens.sourceSystem("00000101"), TestTokens.client(bsn),
                TestTokens.token("verloskundige", "verloskundige", Map.of("uzi", "900000101", "ura", "00000101")))) {
            request(token, body(bsn, "00000101")).statusCode(403).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo("http://inzage.nl/problems/forbidden"));
        }
        given().contentType("application/json").body(body(bsn, "00000101").toString())
                .post("/relationships/access-requests").then().statusCode(401);

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no practitioner | practitioner | | practitioner",
            "no reason | reason | | reason",
            "blank reason | reason | '   ' | reason",
            "UZI of five digits | practitioner | 12345 | practitioner",
            "BSN failing the 11-test | patient | 999993654 | patient",
            "URA of seven digits | organization | 0000010 | organization",
            "no organisation type | organizationType | | organizationType",
            "a kind is not the caller's to choose | kind | treatment | kind",
            "a start is not the caller's to choose | start | 2020-01-01 | start"})
    void invalidAccessRequestIsBadRequestNamingTheFieldAndWritesNothing(String description, String member, String value,
            String field) {
        ObjectNode body = body(Fixtures.freshBsn(), "00000101");
        if (value == null) {
            body.remove(member);
        } else {
            body.put(member, value);
        }
        StoreCounts before = StoreCounts.of(pool);

        request(GATEWAY, body)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("field", equalTo(field));

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    @Test
    void bodyThatIsNotJsonIsBadRequest() {
        given().auth().oauth2(GATEWAY).contentType("application/json").body("{\"patient\": ")
                .post("/relationships/access-requests")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("field", nullValue());
    }

    /**
     * The HTTP layer's own 413 closed the connection while the client was still sending, and the client often saw a
     * reset instead of the answer (BodyLimit): repeated, so the answer is seen every time, not by luck.
     */
    @Test
    void bodyOverOneMebibyteIsPayloadTooLargeWithAProblemBodyEveryTimeAndWritesNothing() {
        String huge = "{\"reason\":\"" + "a".repeat(3 << 20) + "\"}";
        StoreCounts before = StoreCounts.of(pool);

        for (int i = 0; i < 5; i++) {
            for (String path : List.of("/relationships/access-requests", "/relationships",
                    "/relationships/00000000-0000-0000-0000-000000000000/end")) {
                given().auth().oauth2(path.endsWith("access-requests") ? GATEWAY : TestTokens.sourceSystem("00000101"))
                        .contentType("application/json").body(huge)
                        .post(path)
                        .then().statusCode(413).contentType(Problem.MEDIA_TYPE)
                        .body("status", equalTo(413))
                        .body("type", equalTo("http://inzage.nl/problems/payload-too-large"));
            }
        }

        assertThat(StoreCounts.of(pool)).isEqualTo(before);
    }

    static ObjectNode body(String bsn, String ura) {
        ObjectNode body = JSON.createObjectNode();
        body.put("patient", bsn);
        body.put("organization", ura);
        body.put("organizationType", "G3");
        body.put("practitioner", "900000101");
        body.put("reason", "Client came in for a check-up");
        return body;
    }

    static ValidatableResponse request(String token, Object body) {
        return given().auth().oauth2(token)
                .contentType("application/json")
                .body(body.toString())
                .post("/relationships/access-requests")
                .then();
    }

    private List<String> actorOfVersion(String id, int version) {
        var row = pool.preparedQuery("select actor_type, actor_id, actor_organization from relationship_version"
                        + " where relationship_id = $1 and version = $2")
                .execute(Tuple.of(id, version)).await().indefinitely().iterator().next();
        return List.of(row.getString(0), row.getString(1), row.getString(2));
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
