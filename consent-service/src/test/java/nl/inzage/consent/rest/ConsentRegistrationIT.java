package nl.inzage.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

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
import java.util.Optional;
import nl.inzage.consent.TestTokens;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL and Kafka of the local stack. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConsentRegistrationIT {

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
    void sourceSystemRecordsConsentThatIsStoredAndPublishedOnce() throws IOException {
        ConsumerTask<String, String> events = kafka.consumeStrings()
                .withGroupId("consent-registration-it-" + System.nanoTime())
                .withAutoCommit()
                .fromTopics(Topics.CONSENT_EVENTS);

        Response created = given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .contentType("application/fhir+json")
                .body(fixture("consent-active-00000101.json"))
                .post("/fhir/Consent")
                .then().statusCode(201)
                .header("Location", matchesPattern("https?://[^/]+/fhir/Consent/[0-9a-f-]{36}/_history/1"))
                .header("ETag", equalTo("W/\"1\""))
                .header("X-Consent-Revision", matchesPattern("[0-9]+"))
                .extract().response();
        String id = JSON.readTree(created.asString()).get("id").asText();
        long revision = Long.parseLong(created.header("X-Consent-Revision"));

        // Read back from the database.
        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .get("/fhir/Consent/" + id)
                .then().statusCode(200)
                .body("status", equalTo("active"))
                .body("meta.versionId", equalTo("1"))
                .body("patient.identifier.value", equalTo("999993653"));

        // Published through the outbox, keyed by consent id, with the full state and CloudEvents headers.
        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20))
                .until(() -> events.getRecords().stream().filter(r -> id.equals(r.key())).findFirst(), Optional::isPresent)
                .get();
        assertThat(events.getRecords().stream().filter(r -> id.equals(r.key()))).as("published exactly once").hasSize(1);
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("consentId").asText()).isEqualTo(id);
        assertThat(event.get("version").asInt()).isEqualTo(1);
        assertThat(event.get("revision").asLong()).isEqualTo(revision);
        assertThat(event.get("status").asText()).isEqualTo("active");
        assertThat(event.get("custodianUra").asText()).isEqualTo("00000101");
        assertThat(event.get("rules").toString()).contains("\"effect\":\"deny\"", "\"organizationType\":\"JGZ\"");
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.CONSENT_CHANGED);
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.get("eventId").asText());
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("consent-service");
        events.close();
    }

    @Test
    void requestWithoutTokenIsUnauthorized() throws IOException {
        given().contentType("application/fhir+json")
                .body(fixture("consent-active-00000101.json"))
                .post("/fhir/Consent")
                .then().statusCode(401);
    }

    @Test
    void tokenWithoutSourceSystemRoleIsForbidden() throws IOException {
        given().auth().oauth2(TestTokens.client("999993653"))
                .contentType("application/fhir+json")
                .body(fixture("consent-active-00000101.json"))
                .post("/fhir/Consent")
                .then().statusCode(403);
    }

    @Test
    void sourceSystemCannotRecordConsentForAnotherOrganization() throws IOException {
        given().auth().oauth2(TestTokens.sourceSystem("00000201"))
                .contentType("application/fhir+json")
                .body(fixture("consent-active-00000101.json"))
                .post("/fhir/Consent")
                .then().statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("own organisation"));
    }

    private static String fixture(String name) throws IOException {
        try (var in = ConsentRegistrationIT.class.getResourceAsStream("/fhir/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
