package nl.inzage.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.contracts.Topics;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import com.github.tomakehurst.wiremock.client.WireMock;
import nl.inzage.gateway.FhirHoldersStub;
import nl.inzage.gateway.StateEvents;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Stops the real test broker ({@code KAFKA_INSTANCE=test deploy/local/kafka.sh}): once freshness
 * cannot be confirmed for the staleness limit, every decision is a deny with reason {@code stale}
 * and readiness is DOWN, the viewer answers 503 without data; after the restart the gateway
 * recovers by itself and no queued audit record is lost.
 */
@QuarkusTest
@TestProfile(OutageProfile.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FhirHoldersStub.class)
class BrokerOutageIT {

    private static final Path KAFKA_SCRIPT = Path.of("..", "deploy", "local", "kafka.sh");
    private static final String HOLDER = "00000101";
    private static final String HOSPITAL = "00000201";

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsentProjection consents;

    @Inject
    RelationshipProjection relationships;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void brokerOutageMakesEveryDecisionStaleAndTheGatewayRecoversAfterRestart() throws Exception {
        assertThat(kafka("status")).as("the test broker runs under KAFKA_INSTANCE=test deploy/local/kafka.sh").isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        String bsn = TestBsns.fresh();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            StateEvents events = new StateEvents(kafka, mapper, consents, relationships);
            events.consent(bsn, HOLDER, "active", 1);
            events.relationship(bsn, HOSPITAL, "active", 1);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> evaluate(bsn).then().statusCode(200).body("decision", equalTo(true)));

        assertThat(kafka("stop")).isZero();
        String unknown = TestBsns.fresh(); // no consent, no relationship: every decision for her is a deny
        List<String> outageCategories = List.of("ultrasound", "lab-results", "pregnancy", "medication", "delivery");
        try {
            // A permit is answered only once Kafka has its audit record: none comes, so it is a deny.
            evaluate(bsn, "ultrasound").then().statusCode(200)
                    .body("decision", equalTo(false))
                    .body("context.reasons", hasItem("audit-unavailable"));
            // Denies are queued: the buffer holds three unacknowledged records; decisions beyond it say so too.
            List<Response> during = outageCategories.stream().map(category -> evaluate(unknown, category)).toList();
            assertThat(during).allSatisfy(response -> assertThat(response.jsonPath().getBoolean("decision")).isFalse());
            assertThat(during.subList(3, 5)).allSatisfy(response ->
                    assertThat(response.jsonPath().getList("context.reasons")).contains("audit-unavailable"));

            // The viewer waits for Kafka's acknowledgement of its audit records: none, so 503 and no data holder is asked.
            FhirHoldersStub.server().resetAll();
            given().auth().oauth2(TestTokens.practitioner("gynaecoloog", "900000201", HOSPITAL, "V4"))
                    .get("/viewer/patients/" + bsn + "/fhir/Observation")
                    .then().statusCode(503).contentType("application/problem+json");
            FhirHoldersStub.server().verify(0, WireMock.anyRequestedFor(WireMock.anyUrl()));
            given().auth().oauth2(TestTokens.practitioner("gynaecoloog", "900000201", HOSPITAL, "V4"))
                    .get("/viewer/patients/" + bsn)
                    .then().statusCode(503).contentType("application/problem+json");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> evaluate(bsn, "ultrasound").then().statusCode(200)
                    .body("decision", equalTo(false))
                    .body("context.reasons", hasItem("stale")));
            given().get("/q/health/ready").then().statusCode(503).body(containsString("stale"));
            given().get("/q/metrics").then().statusCode(200).body(containsString("inzage_projection_stale 1.0"));
        } finally {
            assertThat(kafka("start")).isZero();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> evaluate(bsn, "ultrasound").then().statusCode(200)
                .body("decision", equalTo(true)));
        given().get("/q/metrics").then().statusCode(200).body(containsString("inzage_projection_stale 0.0"));

        // The three denies queued during the outage were not dropped: they reach audit.events after the restart.
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerTask<String, String> audit = kafka.consumeStrings()
                    .withGroupId("outage-audit-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(Topics.AUDIT_EVENTS);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(audit.getRecords().stream()
                    .map(record -> record.value())
                    .filter(value -> value.contains(unknown))
                    .filter(value -> outageCategories.subList(0, 3).stream().anyMatch(c -> value.contains("\"dataCategory\":\"" + c + "\""))))
                    .hasSizeGreaterThanOrEqualTo(3));
            audit.close();
        }
    }

    private Response evaluate(String bsn) {
        return evaluate(bsn, "ultrasound");
    }

    private Response evaluate(String bsn, String category) {
        return given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(Map.of(
                        "subject", Map.of("type", "practitioner", "id", "900000201", "properties", Map.of(
                                "subject_organization_id", HOSPITAL, "subject_role", "gynaecoloog", "subject_facility_type", "V4")),
                        "action", Map.of("name", "read"),
                        "resource", Map.of("type", "patient-data", "id", bsn, "properties", Map.of(
                                "data_holder_organization_id", HOLDER, "data_category", category))))
                .post("/access/v1/evaluation");
    }

    private static int kafka(String command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("kafka-script", ".log");
        ProcessBuilder builder = new ProcessBuilder(KAFKA_SCRIPT.toString(), command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_INSTANCE", "test");
        return builder.start().waitFor();
    }
}
