package nl.inzage.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.inzage.gateway.StateEvents;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Freshness on demand through the real broker: a decision carrying a revision is made on a projection that has it. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class FreshnessIT {

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

    KafkaCompanion kafka;
    StateEvents events;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
        events = new StateEvents(kafka, mapper, consents, relationships);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void decisionCarryingTheWithdrawalRevisionDenies() {
        String bsn = TestBsns.fresh();
        events.consent(bsn, HOLDER, "active", 1);
        events.relationship(bsn, HOSPITAL, "active", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> evaluate(bsn, Map.of())
                .then().statusCode(200).body("decision", equalTo(true)));

        for (int round = 0; round < 3; round++) {
            long permitted = events.consent(bsn, HOLDER, "active", 2 + 2 * round);
            evaluate(bsn, Map.of("consent_revision", permitted)).then().statusCode(200).body("decision", equalTo(true));
            // Asked straight after the write, with the revision the write returned: never the old permit.
            long withdrawn = events.consent(bsn, HOLDER, "inactive", 3 + 2 * round);
            long decidedAt = evaluate(bsn, Map.of("consent_revision", withdrawn)).then().statusCode(200)
                    .body("decision", equalTo(false))
                    .body("context.reasons[0]", equalTo("consent-withdrawn"))
                    .extract().jsonPath().getLong("context.revision.consent");
            assertThat(decidedAt).as("decided at a projection that holds the withdrawal").isGreaterThanOrEqualTo(withdrawn);
        }
    }

    @Test
    void headerRevisionIsHonouredLikeTheBodyRevision() {
        String bsn = TestBsns.fresh();
        long consent = events.consent(bsn, HOLDER, "active", 1);
        long relationship = events.relationship(bsn, HOSPITAL, "active", 1);
        given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .header("X-Relationship-Revision", relationship)
                .header("X-Consent-Revision", consent)
                .body(request(bsn, Map.of()))
                .post("/access/v1/evaluation")
                .then().statusCode(200).body("decision", equalTo(true));

        long ended = events.relationship(bsn, HOSPITAL, "ended", 2);
        given().auth().oauth2(TestTokens.practitioner("gynaecoloog", "900000201", HOSPITAL, "V4"))
                .header("X-Relationship-Revision", ended)
                .get("/viewer/patients/" + bsn)
                .then().statusCode(200)
                .body("dataHolders[0].visibleCategories", equalTo(List.of()))
                .body("dataHolders[0].hiddenCategories[0].reasons[1]", equalTo("no-relationship"));
    }

    @Test
    void revisionNeverReachedIsStaleAfterTheWait() {
        String bsn = TestBsns.fresh();
        long beyond = consents.watermark().highest() + 1_000_000;
        long started = System.nanoTime();

        evaluate(bsn, Map.of("consent_revision", beyond)).then().statusCode(200)
                .body("decision", equalTo(false))
                .body("context.reasons", equalTo(List.of("stale")));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("waited the configured freshness wait, then gave up").isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void malformedRevisionIsRefused() {
        given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .header("X-Consent-Revision", "yesterday")
                .body(request(TestBsns.fresh(), Map.of()))
                .post("/access/v1/evaluation")
                .then().statusCode(400).contentType("application/problem+json");
        evaluate(TestBsns.fresh(), Map.of("relationship_revision", -3)).then().statusCode(400).contentType("application/problem+json");
    }

    private Response evaluate(String bsn, Map<String, Object> context) {
        return given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(request(bsn, context))
                .post("/access/v1/evaluation");
    }

    private static Map<String, Object> request(String bsn, Map<String, Object> revisions) {
        Map<String, Object> context = new HashMap<>(revisions);
        context.put("purpose_of_use", "TREAT");
        return Map.of(
                "subject", Map.of("type", "practitioner", "id", "900000201", "properties", Map.of(
                        "subject_organization_id", HOSPITAL, "subject_role", "gynaecoloog", "subject_facility_type", "V4")),
                "action", Map.of("name", "read"),
                "resource", Map.of("type", "patient-data", "id", bsn, "properties", Map.of(
                        "data_holder_organization_id", HOLDER, "data_category", "ultrasound")),
                "context", context);
    }
}
