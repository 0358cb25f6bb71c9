package nl.inzage.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.StateEvents;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AuthZEN 1.0 Access Evaluations: defaults, the three semantics, refusals, and an audit record per evaluation. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class BatchEvaluationIT {

    private static final String HOLDER = "00000101";
    private static final String HOSPITAL = "00000201";
    private static final Map<String, Object> GYNAECOLOOG = Map.of("type", "practitioner", "id", "900000201", "properties", Map.of(
            "subject_organization_id", HOSPITAL, "subject_role", "gynaecoloog", "subject_facility_type", "V4"));

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsentProjection consents;

    @Inject
    RelationshipProjection relationships;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;
    String bsn;

    @BeforeEach
    void clientWithConsentAndRelationship() {
        kafka = new KafkaCompanion(bootstrap);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        bsn = TestBsns.fresh();
        StateEvents events = new StateEvents(kafka, mapper, consents, relationships);
        long consent = events.consent(bsn, HOLDER, "active", 1, StateEvents.NETWORK_PERMIT,
                new nl.inzage.contracts.ConsentRule("deny", null, null, null, List.of("psychosocial")));
        long relationship = events.relationship(bsn, HOSPITAL, "active", 1);
        // Later requests carry these revisions, so they never see the projection before the events.
        defaults = Map.of("purpose_of_use", "TREAT", "consent_revision", consent, "relationship_revision", relationship);
    }

    Map<String, Object> defaults;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void topLevelFieldsAreDefaultsAndEveryEntryIsAnswered() {
        batch(Map.of(), "ultrasound", "psychosocial", "dental")
                .statusCode(200)
                .body("evaluations", hasSize(3))
                .body("evaluations[0].decision", equalTo(true))
                .body("evaluations[1].decision", equalTo(false))
                .body("evaluations[1].context.reasons[0]", equalTo("consent-deny"))
                .body("evaluations[2].context.reasons", hasItem("unknown-category"));
    }

    @Test
    void entryFieldsOverrideTheDefaults() {
        Map<String, Object> kraamzorg = Map.of("type", "practitioner", "id", "900000301", "properties", Map.of(
                "subject_organization_id", "00000301", "subject_role", "kraamverzorgende", "subject_facility_type", "K4"));
        given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(Map.of("subject", GYNAECOLOOG, "action", Map.of("name", "read"), "context", defaults,
                        "evaluations", List.of(Map.of("resource", resource("ultrasound")),
                                Map.of("subject", kraamzorg, "resource", resource("ultrasound")))))
                .post("/access/v1/evaluations")
                .then().statusCode(200)
                .body("evaluations[0].decision", equalTo(true))
                .body("evaluations[1].decision", equalTo(false))
                .body("evaluations[1].context.reasons", equalTo(List.of("consent-permit", "no-relationship", "role-not-permitted")));
    }

    @Test
    void denyOnFirstDenyStopsAtTheFirstDeny() {
        batch(Map.of("evaluations_semantic", "deny_on_first_deny"), "ultrasound", "psychosocial", "lab-results")
                .statusCode(200)
                .body("evaluations", hasSize(2))
                .body("evaluations[1].decision", equalTo(false));
    }

    @Test
    void permitOnFirstPermitStopsAtTheFirstPermit() {
        batch(Map.of("evaluations_semantic", "permit_on_first_permit"), "psychosocial", "lab-results", "ultrasound")
                .statusCode(200)
                .body("evaluations", hasSize(2))
                .body("evaluations[0].decision", equalTo(false))
                .body("evaluations[1].decision", equalTo(true));
    }

    @Test
    void executeAllAnswersEveryEntryAndAuditsEachUnderOneRequestId() {
        ConsumerTask<String, String> audit = kafka.consumeStrings()
                .withGroupId("batch-it-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(Topics.AUDIT_EVENTS);
        batch(Map.of("evaluations_semantic", "execute_all"), "psychosocial", "lab-results", "ultrasound")
                .statusCode(200)
                .body("evaluations", hasSize(3));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> mine = audit.getRecords().stream().map(ConsumerRecord::value).map(this::jsonOrNull)
                    .filter(event -> event != null && bsn.equals(event.path("patientBsn").asText())).toList();
            assertThat(mine).extracting(event -> event.get("dataCategory").asText())
                    .containsExactlyInAnyOrder("psychosocial", "lab-results", "ultrasound");
            assertThat(mine).extracting(event -> event.get("requestId").asText()).containsOnly(mine.get(0).get("requestId").asText());
        });
        audit.close();
    }

    @Test
    void oneInvalidEntryRefusesTheWholeBatch() {
        given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(Map.of("subject", GYNAECOLOOG, "action", Map.of("name", "read"),
                        "evaluations", List.of(Map.of("resource", resource("ultrasound")),
                                Map.of("resource", Map.of("type", "patient-data", "id", "123456789")))))
                .post("/access/v1/evaluations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("evaluations[1]"));
    }

    @Test
    void unknownSemanticIsRefused() {
        batch(Map.of("evaluations_semantic", "majority_vote"), "ultrasound")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("evaluations_semantic"));
    }

    @Test
    void batchNeedsThePepRole() {
        given().auth().oauth2(TestTokens.practitioner("gynaecoloog", "900000201", HOSPITAL, "V4")).contentType("application/json")
                .body(Map.of("subject", GYNAECOLOOG, "evaluations", List.of(Map.of("resource", resource("ultrasound")))))
                .post("/access/v1/evaluations")
                .then().statusCode(403);
    }

    private ValidatableResponse batch(Map<String, Object> options, String... categories) {
        List<Map<String, Object>> entries = java.util.Arrays.stream(categories).map(c -> Map.<String, Object>of("resource", resource(c))).toList();
        return given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(Map.of("subject", GYNAECOLOOG, "action", Map.of("name", "read"), "context", defaults,
                        "evaluations", entries, "options", options))
                .post("/access/v1/evaluations")
                .then();
    }

    private Map<String, Object> resource(String category) {
        return Map.of("type", "patient-data", "id", bsn, "properties", Map.of("data_holder_organization_id", HOLDER, "data_category", category));
    }

    private JsonNode jsonOrNull(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }
}
