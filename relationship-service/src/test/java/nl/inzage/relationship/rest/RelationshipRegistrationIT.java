package nl.inzage.relationship.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Topics;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL and Kafka of the local stack. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class RelationshipRegistrationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void sourceSystemRegistersTreatmentThatIsStoredAndPublished() throws IOException {
        ConsumerTask<String, String> events = kafka.consumeStrings()
                .withGroupId("relationship-registration-it-" + System.nanoTime())
                .withAutoCommit()
                .fromTopics(Topics.RELATIONSHIP_EVENTS);

        Response created = given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/json")
                .body(Fixtures.body(Fixtures.TREATMENT))
                .post("/relationships")
                .then().statusCode(201)
                .header("Location", matchesPattern("https?://[^/]+/relationships/[0-9a-f-]{36}"))
                .header("ETag", equalTo("W/\"1\""))
                .header("X-Relationship-Revision", matchesPattern("[0-9]+"))
                .body("version", equalTo(1))
                .body("patient", equalTo("999993653"))
                .body("organization", equalTo("00000101"))
                .body("organizationType", equalTo("G3"))
                .body("practitioner", equalTo("900000101"))
                .body("kind", equalTo("treatment"))
                .body("status", equalTo("active"))
                .body("start", equalTo("2026-11-01"))
                .body("end", nullValue())
                .body("reason", equalTo("Intake first trimester"))
                .extract().response();
        JsonNode stored = JSON.readTree(created.asString());
        String id = stored.get("id").asText();
        long revision = Long.parseLong(created.header("X-Relationship-Revision"));
        assertThat(created.header("Location")).endsWith("/relationships/" + id);

        // Read back from the database: the same state, version and revision.
        Response read = given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .get("/relationships/" + id)
                .then().statusCode(200)
                .header("X-Relationship-Revision", equalTo(Long.toString(revision)))
                .extract().response();
        assertThat(JSON.readTree(read.asString())).isEqualTo(stored);

        // Published through the outbox, keyed by relationship id, with the full state and CloudEvents headers.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events.getRecords().stream().anyMatch(r -> id.equals(r.key())));
        ConsumerRecord<String, String> record = events.getRecords().stream()
                .filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        events.close();
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("relationshipId").asText()).isEqualTo(id);
        assertThat(event.get("version").asLong()).isEqualTo(1);
        assertThat(event.get("revision").asLong()).isEqualTo(revision);
        assertThat(event.get("recordedAt").asText()).isEqualTo(stored.get("recordedAt").asText());
        assertThat(event.get("patientBsn").asText()).isEqualTo("999993653");
        assertThat(event.get("organization").asText()).isEqualTo("00000101");
        assertThat(event.get("organizationType").asText()).isEqualTo("G3");
        assertThat(event.get("practitioner").asText()).isEqualTo("900000101");
        assertThat(event.get("kind").asText()).isEqualTo("treatment");
        assertThat(event.get("status").asText()).isEqualTo("active");
        assertThat(event.get("start").asText()).isEqualTo("2026-11-01");
        assertThat(event.get("end").isNull()).isTrue();
        assertThat(event.get("reason").asText()).isEqualTo("Intake first trimester");
        assertThat(event.get("actor").get("type").asText()).isEqualTo("source-system");
        assertThat(event.get("actor").get("id").asText()).isEqualTo("source-00000101");
        assertThat(event.get("actor").get("organization").asText()).isEqualTo("00000101");
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.get("eventId").asText());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.RELATIONSHIP_CHANGED);
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("relationship-service");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
    }

    @Test
    void requestWithoutTokenIsUnauthorized() {
        given().contentType("application/json")
                .body(Fixtures.body(Fixtures.TREATMENT))
                .post("/relationships")
                .then().statusCode(401);
    }

    @Test
    void clientCannotRegisterRelationship() {
        given().auth().oauth2(TestTokens.client("999993653"))
                .contentType("application/json")
                .body(Fixtures.body(Fixtures.TREATMENT))
                .post("/relationships")
                .then().statusCode(403);
    }

    @Test
    void sourceSystemCannotRegisterForAnotherOrganization() {
        given().auth().oauth2(TestTokens.sourceSystem("00000201"))
                .contentType("application/json")
                .body(Fixtures.body(Fixtures.TREATMENT))
                .post("/relationships")
                .then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(403))
                .body("title", equalTo("Forbidden"))
                .body("detail", containsString("own organisation"));
    }

    @Test
    void serviceAndTheClientHerselfMayReadButOthersMayNot() throws IOException {
        String id = register();

        given().auth().oauth2(TestTokens.service("access-gateway")).get("/relationships/" + id)
                .then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(TestTokens.client("999993653")).get("/relationships/" + id)
                .then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(TestTokens.client("999990019")).get("/relationships/" + id)
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(TestTokens.sourceSystem("00000201")).get("/relationships/" + id)
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        given().get("/relationships/" + id)
                .then().statusCode(401);
    }

    @Test
    void unknownRelationshipIsNotFound() {
        given().auth().oauth2(TestTokens.service("access-gateway"))
                .get("/relationships/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("detail", containsString("00000000-0000-0000-0000-000000000000"));
    }

    private static String register() throws IOException {
        String body = given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/json")
                .body(Fixtures.body(Fixtures.TREATMENT))
                .post("/relationships")
                .then().statusCode(201)
                .extract().asString();
        return JSON.readTree(body).get("id").asText();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
