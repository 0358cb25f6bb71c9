package nl.inzage.gateway.mitz;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.RelationshipServiceStub;
import nl.inzage.gateway.StateEvents;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flows 4–5 at the gateway, through the real broker: with no choice in the projection for a data
 * holder that uses Mitz (00000201), the decision asks consent-service's closed question (a stub
 * here; consent-service's MitzIT covers its side against the Mitz simulator). Permit only on
 * Mitz's permit; Mitz unreachable or slow means deny, within the timeout. Mitz choices that reached
 * the projection (origin mitz) decide without asking.
 */
@QuarkusTest
@TestProfile(MitzDecisionIT.MitzOn.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class MitzDecisionIT {

    /** A profile of its own: Mitz on, consent-service stubbed. */
    public static class MitzOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inzage.mitz.enabled", "true", "inzage.mitz.timeout", "PT1.5S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RelationshipServiceStub.class));
        }
    }

    private static final String MITZ_HOLDER = "00000201";
    private static final String OTHER_HOLDER = "00000101";
    private static final String REQUESTER = "00000777";

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
    void noChoiceAtAMitzHolderIsPermittedOnMitzsPermitAndTheAuditRecordNamesTheMitzConsent() {
        String bsn = related();
        ConsumerTask<String, String> audit = kafka.consumeStrings().withGroupId("mitz-gw-it-" + UUID.randomUUID())
                .withAutoCommit().fromTopics(Topics.AUDIT_EVENTS);
        answer(bsn, 200, "{\"answer\":\"permit\",\"consentId\":\"mitz-consent-" + bsn + "\",\"version\":1,\"revision\":1}", 0);
        evaluate(bsn, MITZ_HOLDER).then().statusCode(200).body("decision", org.hamcrest.Matchers.equalTo(true))
                .body("context.reasons", hasItem("consent-permit"));
        RelationshipServiceStub.server().verify(postRequestedFor(urlEqualTo("/mitz/closed-question"))
                .withHeader("Authorization", equalTo("Bearer " + RelationshipServiceStub.SERVICE_TOKEN))
                .withRequestBody(matchingJsonPath("$.patientBsn", equalTo(bsn)))
                .withRequestBody(matchingJsonPath("$.dataHolderType", equalTo("V4")))
                .withRequestBody(matchingJsonPath("$.requesterUzi", equalTo("900000201")))
                .withRequestBody(matchingJsonPath("$.requesterType", equalTo("V4"))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> mine = audit.getRecords().stream().map(ConsumerRecord::value).map(this::jsonOrNull)
                    .filter(event -> event != null && bsn.equals(event.path("patientBsn").asText())).toList();
            assertThat(mine).anySatisfy(event -> {
                assertThat(event.path("decision").asText()).isEqualTo("permit");
                assertThat(event.path("consentIds").toString()).contains("mitz-consent-" + bsn + "/_history/1");
            });
        });
        audit.close();
    }

    @Test
    void mitzDenyingOrHavingNoChoiceEitherIsADeny() {
        String bsn = related();
        answer(bsn, 200, "{\"answer\":\"not-applicable\"}", 0);
        evaluate(bsn, MITZ_HOLDER).then().statusCode(200).body("decision", org.hamcrest.Matchers.equalTo(false))
                .body("context.reasons", hasItem("no-consent")).body("context.reasons", hasItem("mitz-no-permit"));
    }

    @Test
    void mitzUnavailableOrSlowIsADenyWithThatReasonWithinTheTimeout() {
        String down = related();
        answer(down, 503, "{\"title\":\"Mitz unavailable\"}", 0);
        evaluate(down, MITZ_HOLDER).then().statusCode(200).body("decision", org.hamcrest.Matchers.equalTo(false))
                .body("context.reasons", hasItem("mitz-unavailable"));

        String slow = related();
        answer(slow, 200, "{\"answer\":\"permit\",\"consentId\":\"late\",\"version\":1,\"revision\":1}", 5000);
        long start = System.nanoTime();
        evaluate(slow, MITZ_HOLDER).then().statusCode(200).body("decision", org.hamcrest.Matchers.equalTo(false))
                .body("context.reasons", hasItem("mitz-unavailable"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void holdersThatDoNotUseMitzAndChoicesAlreadyHeldAreNotAskedAbout() {
        String bsn = related();
        answer(bsn, 200, "{\"answer\":\"permit\",\"consentId\":\"never\",\"version\":1,\"revision\":1}", 0);
        evaluate(bsn, OTHER_HOLDER).then().statusCode(200).body("decision", org.hamcrest.Matchers.equalTo(false))
                .body("context.reasons", hasItem("no-consent"));

        // A refusal made at Mitz reached the projection (origin mitz, status rejected): deny without asking.
        publishMitzConsent(bsn, "rejected", List.of(new ConsentRule("deny", null, "V4", null, List.of())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> evaluate(bsn, MITZ_HOLDER).then().statusCode(200)
                .body("decision", org.hamcrest.Matchers.equalTo(false)).body("context.reasons", hasItem("consent-refused")));
        RelationshipServiceStub.server().verify(0, postRequestedFor(urlEqualTo("/mitz/closed-question"))
                .withRequestBody(matchingJsonPath("$.patientBsn", equalTo(bsn))));

        // A permit made at Mitz for hospitals: permits without asking.
        publishMitzConsent(bsn, "active", List.of(new ConsentRule("permit", null, "V4", null, List.of("ultrasound"))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> evaluate(bsn, MITZ_HOLDER).then().statusCode(200)
                .body("decision", org.hamcrest.Matchers.equalTo(true)));
        RelationshipServiceStub.server().verify(0, postRequestedFor(urlEqualTo("/mitz/closed-question"))
                .withRequestBody(matchingJsonPath("$.patientBsn", equalTo(bsn))));
    }

    @Test
    void aBatchAsksMitzOnceForAllCategoriesOfAHolderAndPermitsWhatTheRoleMaySee() {
        String bsn = related();
        answer(bsn, 200, "{\"answer\":\"permit\",\"consentId\":\"mitz-batch-" + bsn + "\",\"version\":1,\"revision\":1}", 0);
        given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(Map.of(
                        "subject", practitioner(),
                        "action", Map.of("name", "read"),
                        "context", Map.of("purpose_of_use", "TREAT"),
                        "evaluations", List.of(
                                Map.of("resource", resource(bsn, MITZ_HOLDER, "ultrasound")),
                                Map.of("resource", resource(bsn, MITZ_HOLDER, "pregnancy")),
                                Map.of("resource", resource(bsn, OTHER_HOLDER, "pregnancy")))))
                .post("/access/v1/evaluations")
                .then().statusCode(200)
                .body("evaluations.decision", org.hamcrest.Matchers.contains(true, true, false))
                .body("evaluations[2].context.reasons", hasItem("no-consent"));
        RelationshipServiceStub.server().verify(1, postRequestedFor(urlEqualTo("/mitz/closed-question"))
                .withRequestBody(matchingJsonPath("$.patientBsn", equalTo(bsn))));
    }

    @Test
    void theViewerShowsAMitzHolderWhereTheClientHasNoChoiceHereWithWhatMitzPermits() {
        String bsn = related();
        answer(bsn, 200, "{\"answer\":\"permit\",\"consentId\":\"mitz-viewer-" + bsn + "\",\"version\":1,\"revision\":1}", 0);
        given().auth().oauth2(TestTokens.practitioner("gynaecoloog", "900000201", REQUESTER, "V4"))
                .get("/viewer/patients/" + bsn)
                .then().statusCode(200)
                .body("dataHolders.organization", org.hamcrest.Matchers.contains(MITZ_HOLDER))
                .body("dataHolders[0].visibleCategories", hasItem("ultrasound"))
                .body("dataHolders[0].visibleCategories", hasItem("psychosocial"));
        RelationshipServiceStub.server().verify(1, postRequestedFor(urlEqualTo("/mitz/closed-question"))
                .withRequestBody(matchingJsonPath("$.patientBsn", equalTo(bsn))));

        String refused = related();
        answer(refused, 200, "{\"answer\":\"deny\"}", 0);
        given().auth().oauth2(TestTokens.practitioner("gynaecoloog", "900000201", REQUESTER, "V4"))
                .get("/viewer/patients/" + refused)
                .then().statusCode(200)
                .body("dataHolders[0].visibleCategories", org.hamcrest.Matchers.empty())
                .body("dataHolders[0].notVisibleBecause", hasItem("mitz-no-permit"));
    }

    private String related() {
        String bsn = TestBsns.fresh();
        events.relationship(bsn, REQUESTER, "active", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !relationships.forPatient(bsn).isEmpty());
        return bsn;
    }

    private void publishMitzConsent(String bsn, String status, List<ConsentRule> rules) {
        long revision = consents.watermark().highest() + 1;
        String id = "mitz-" + bsn;
        int version = consents.find(bsn, MITZ_HOLDER) == null ? 1 : (int) consents.find(bsn, MITZ_HOLDER).version() + 1;
        ConsentChanged event = new ConsentChanged(UUID.randomUUID().toString(), id, version, revision, Instant.now(),
                new Actor("mitz", "mitz", null), "mitz", status, bsn, MITZ_HOLDER, rules, "{}");
        try {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.CONSENT_EVENTS, id, mapper.writeValueAsString(event)))
                    .awaitCompletion();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(String bsn, int status, String body, int delayMillis) {
        RelationshipServiceStub.server().stubFor(post(urlEqualTo("/mitz/closed-question"))
                .withRequestBody(matchingJsonPath("$.patientBsn", equalTo(bsn)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                        .withFixedDelay(delayMillis)));
    }

    private static Response evaluate(String bsn, String holder) {
        return given().auth().oauth2(TestTokens.pep()).contentType("application/json")
                .body(Map.of(
                        "subject", practitioner(),
                        "action", Map.of("name", "read"),
                        "resource", resource(bsn, holder, "ultrasound"),
                        "context", Map.of("purpose_of_use", "TREAT")))
                .post("/access/v1/evaluation");
    }

    private static Map<String, Object> practitioner() {
        return Map.of("type", "practitioner", "id", "900000201", "properties", Map.of(
                "subject_organization_id", REQUESTER, "subject_role", "gynaecoloog", "subject_facility_type", "V4"));
    }

    private static Map<String, Object> resource(String bsn, String holder, String category) {
        return Map.of("type", "patient-data", "id", bsn, "properties", Map.of(
                "data_holder_organization_id", holder, "data_category", category));
    }

    private JsonNode jsonOrNull(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }
}
