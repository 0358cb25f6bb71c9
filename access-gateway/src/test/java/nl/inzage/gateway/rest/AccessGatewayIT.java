package nl.inzage.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import nl.inzage.gateway.StateEvents;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Through the real Kafka broker: state events in, decisions and audit events out. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessGatewayIT {

    private static final String HOLDER = "00000101";
    private static final String HOSPITAL = "00000201";

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ConsentProjection consents;

    @Inject
    RelationshipProjection relationships;

    KafkaCompanion kafka;
    StateEvents events;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
        events = new StateEvents(kafka, mapper, consents, relationships);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void consentAndRelationshipFromKafkaPermitAndEveryDecisionIsAudited() {
        String bsn = TestBsns.fresh();
        ConsumerTask<String, String> audit = kafka.consumeStrings()
                .withGroupId("gateway-it-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(Topics.AUDIT_EVENTS);
        awaitReady();

        publishConsent(bsn, "active", 1);
        publishRelationship(bsn, HOSPITAL, "active");

        // Permit once the projections have the two events.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> evaluate(bsn, "ultrasound")
                .then().statusCode(200).body("decision", equalTo(true)));
        // The matrix still applies: a kraamverzorgende role may not see ultrasound.
        given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(request(bsn, "kraamverzorgende", "ultrasound"))
                .post("/access/v1/evaluation")
                .then().statusCode(200)
                .body("decision", equalTo(false))
                .body("context.reasons", hasItem("role-not-permitted"));

        // Withdrawal flows through the same topic and turns the next decision into a deny.
        publishConsent(bsn, "inactive", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> evaluate(bsn, "ultrasound")
                .then().statusCode(200)
                .body("decision", equalTo(false))
                .body("context.reasons", hasItem("consent-withdrawn")));

        // Every decision reached audit.events, with the client and the outcome.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> mine = audit.getRecords().stream()
                    .map(ConsumerRecord::value).map(this::jsonOrNull)
                    // The topic is shared: other suites leave records on it, some malformed on purpose.
                    .filter(event -> event != null && bsn.equals(event.path("patientBsn").asText()))
                    .toList();
            assertThat(mine).extracting(event -> event.get("decision").asText()).contains("permit", "deny");
            assertThat(mine).allSatisfy(event -> assertThat(event.get("dataHolder").asText()).isEqualTo(HOLDER));
        });
        audit.close();
    }

    @Test
    void practitionerSeesPerDataHolderWhatTheRoleMaySee() {
        String bsn = TestBsns.fresh();
        awaitReady();
        publishConsent(bsn, "active", 1);
        publishRelationship(bsn, "00000301", "active");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .auth().oauth2(TestTokens.practitioner("kraamverzorgende", "900000301", "00000301", "K4"))
                .get("/viewer/patients/" + bsn)
                .then().statusCode(200)
                .body("dataHolders[0].organization", equalTo(HOLDER))
                .body("dataHolders[0].visibleCategories", equalTo(List.of("pregnancy", "delivery", "postpartum", "newborn", "care-plan")))
                .body("dataHolders[0].hiddenCategories.find { it.category == 'ultrasound' }.reasons", hasItem("role-not-permitted")));
    }

    @Test
    void unreadableAndIncompleteStateEventsDoNotStopTheProjection() {
        String bsn = TestBsns.fresh();
        awaitReady();
        // Into every partition, so whichever partition the valid events land in, they come after poison.
        List<ProducerRecord<String, String>> poison = new java.util.ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            poison.add(new ProducerRecord<>(Topics.CONSENT_EVENTS, partition, "poison-" + bsn, "this is not json"));
            poison.add(new ProducerRecord<>(Topics.CONSENT_EVENTS, partition, "incomplete-" + bsn, "{\"consentId\":\"x\"}"));
            poison.add(new ProducerRecord<>(Topics.RELATIONSHIP_EVENTS, partition, "incomplete-" + bsn, "{}"));
        }
        kafka.produceStrings().fromRecords(poison).awaitCompletion();
        publishConsent(bsn, "active", 1);
        publishRelationship(bsn, HOSPITAL, "active");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> evaluate(bsn, "ultrasound")
                .then().statusCode(200).body("decision", equalTo(true)));
    }

    @Test
    void evaluationWithoutTokenIsUnauthorized() {
        given().contentType("application/json").body(request(TestBsns.fresh(), "gynaecoloog", "ultrasound"))
                .post("/access/v1/evaluation")
                .then().statusCode(401);
    }

    @Test
    void evaluationWithPractitionerTokenIsForbidden() {
        given().auth().oauth2(TestTokens.practitioner("gynaecoloog", "900000201", HOSPITAL, "V4"))
                .contentType("application/json").body(request(TestBsns.fresh(), "gynaecoloog", "ultrasound"))
                .post("/access/v1/evaluation")
                .then().statusCode(403);
    }

    @Test
    void invalidBsnIsRefusedWithProblemBody() {
        given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(request("123456789", "gynaecoloog", "ultrasound"))
                .post("/access/v1/evaluation")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("BSN"));
    }

    @Test
    void evaluationWithContentAfterTheJsonValueIsRefused() throws Exception {
        awaitReady();
        String valid = mapper.writeValueAsString(request(TestBsns.fresh(), "gynaecoloog", "ultrasound"));
        given().auth().oauth2(TestTokens.pep()).contentType("application/json").body(valid + "}}")
                .post("/access/v1/evaluation")
                // Only the status: Quarkus' JSON reader answers a parse error with an empty 400 of its own, which
                // ProblemMapper does not see yet (RELIABILITY.md, "Not built yet").
                .then().statusCode(400);
        // The same body, whole, is still decided.
        given().auth().oauth2(TestTokens.pep()).contentType("application/json").body(valid)
                .post("/access/v1/evaluation")
                .then().statusCode(200);
    }

    @Test
    void discoveryNamesTheEvaluationEndpoint() {
        given().get("/.well-known/authzen-configuration")
                .then().statusCode(200)
                .body("access_evaluation_endpoint", org.hamcrest.Matchers.endsWith("/access/v1/evaluation"));
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private io.restassured.response.Response evaluate(String bsn, String category) {
        return given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(request(bsn, "gynaecoloog", category))
                .post("/access/v1/evaluation");
    }

    private static Map<String, Object> request(String bsn, String role, String category) {
        return Map.of(
                "subject", Map.of("type", "practitioner", "id", "900000201", "properties", Map.of(
                        "subject_organization_id", HOSPITAL, "subject_role", role, "subject_facility_type", "V4")),
                "action", Map.of("name", "read"),
                "resource", Map.of("type", "patient-data", "id", bsn, "properties", Map.of(
                        "data_holder_organization_id", HOLDER, "data_category", category)),
                "context", Map.of("purpose_of_use", "TREAT"));
    }

    private void publishConsent(String bsn, String status, int version) {
        events.consent(bsn, HOLDER, status, version);
    }

    private void publishRelationship(String bsn, String organization, String status) {
        events.relationship(bsn, organization, status, 1);
    }

    private JsonNode jsonOrNull(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }
}
