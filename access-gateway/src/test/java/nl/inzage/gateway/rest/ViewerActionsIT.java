package nl.inzage.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.RelationshipServiceStub;
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

/** The viewer's access request (forwarded to a stand-in relationship-service) and emergency access. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(RelationshipServiceStub.class)
class ViewerActionsIT {

    private static final String HOLDER = "00000101";
    private static final String HOSPITAL = "00000201";
    private static final String GYNAECOLOOG_UZI = "900000201";

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
    String bsn;

    @BeforeEach
    void clientWithConsentButNoRelationship() {
        kafka = new KafkaCompanion(bootstrap);
        events = new StateEvents(kafka, mapper, consents, relationships);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        bsn = TestBsns.fresh();
        long consent = events.consent(bsn, HOLDER, "active", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> consents.watermark().reached() >= consent);
        RelationshipServiceStub.server().resetRequests();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void accessRequestIsForwardedWithTheServiceTokenAndEffectiveForTheNextRequest() {
        overview().then().statusCode(200)
                .body("dataHolders[0].hiddenCategories[0].reasons", hasItem("no-relationship"))
                .body("dataHolders[0].notVisibleBecause", is(List.of("no-relationship")))
                .body("dataHolders[0].actions.name", is(List.of("access-request", "emergency-access")))
                .body("dataHolders[0].actions[0].href", is("/viewer/patients/" + bsn + "/access-request"));
        long revision = events.reserveRelationshipRevision();
        String relationshipId = "relationship-" + bsn + "-" + HOSPITAL;
        RelationshipServiceStub.server().stubFor(post(urlEqualTo("/relationships/access-requests"))
                .withHeader("Authorization", equalTo("Bearer " + RelationshipServiceStub.SERVICE_TOKEN))
                .withRequestBody(equalToJson("{\"patient\":\"" + bsn + "\",\"organization\":\"" + HOSPITAL
                        + "\",\"organizationType\":\"V4\",\"practitioner\":\"" + GYNAECOLOOG_UZI + "\",\"reason\":\"intake na verwijzing\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withHeader("X-Relationship-Revision", String.valueOf(revision))
                        .withBody("{\"id\":\"" + relationshipId + "\",\"version\":1,\"patient\":\"" + bsn + "\",\"organization\":\"" + HOSPITAL
                                + "\",\"organizationType\":\"V4\",\"practitioner\":\"" + GYNAECOLOOG_UZI
                                + "\",\"kind\":\"access-request\",\"status\":\"active\",\"start\":\"2026-11-23\",\"end\":null,"
                                + "\"reason\":\"intake na verwijzing\",\"recordedAt\":\"2026-11-23T10:00:00Z\"}")));
        // relationship-service publishes its event a little after it answers; the gateway must wait for it.
        CompletableFuture<Void> publishedLater = CompletableFuture.runAsync(() -> {
            sleep(500);
            events.relationship(bsn, HOSPITAL, "active", 1, revision);
        });

        io.restassured.path.json.JsonPath answer = given().auth().oauth2(gynaecoloog()).contentType("application/json")
                // Identity comes from the token only (the stub matches the forwarded body on it).
                .body(Map.of("reason", "intake na verwijzing"))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(201)
                .header("X-Relationship-Revision", String.valueOf(revision))
                .body("relationship.id", is(relationshipId))
                .body("relationship.kind", is("access-request"))
                .extract().jsonPath();
        assertThat(answer.getLong("revision")).isEqualTo(revision);

        // Effective for the very next request, without any revision header.
        overview().then().statusCode(200).body("dataHolders[0].visibleCategories", is(DataCategories.ALL));
        publishedLater.join();
    }

    @Test
    void accessRequestWithoutReasonIsRefusedAndNotForwarded() {
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body(Map.of("reason", "  "))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(400).contentType("application/problem+json");
        RelationshipServiceStub.server().verify(0, postRequestedFor(urlEqualTo("/relationships/access-requests")));
    }

    @Test
    void aBodyWithMoreThanTheReasonIsRefusedAndNotForwarded() {
        // An identity member is refused, not silently replaced by the token's: the caller learns she cannot choose it.
        given().auth().oauth2(gynaecoloog()).contentType("application/json")
                .body(Map.of("reason", "intake na verwijzing", "practitioner", "900000999", "organization", "00009999"))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(400).contentType("application/problem+json").body("title", is("Malformed JSON"));
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body("{\"reason\":\"spoed\"}}}")
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(400).contentType("application/problem+json").body("title", is("Malformed JSON"));
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body("{\"reason\":\"spoed\",\"reason\":\"x\"}")
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(400).contentType("application/problem+json").body("title", is("Malformed JSON"));
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body(Map.of("reason", "spoed\u0000"))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(400).contentType("application/problem+json");
        RelationshipServiceStub.server().verify(0, postRequestedFor(urlEqualTo("/relationships/access-requests")));
    }

    @Test
    void relationshipServiceRefusingTheRequestIsPassedOnAsItsRefusal() {
        RelationshipServiceStub.server().stubFor(post(urlEqualTo("/relationships/access-requests"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"invalid-request\",\"title\":\"Invalid request\",\"status\":400,"
                                + "\"detail\":\"organizationType must be a known organisation type.\",\"field\":\"organizationType\"}")));
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body(Map.of("reason", "spoed"))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", is("Access request refused"))
                .body("detail", org.hamcrest.Matchers.containsString("organizationType must be a known organisation type."));

        RelationshipServiceStub.server().stubFor(post(urlEqualTo("/relationships/access-requests"))
                .willReturn(aResponse().withStatus(409)));
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body(Map.of("reason", "spoed"))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(409).contentType("application/problem+json");

        // The gateway's own credentials refused: nothing the practitioner can change, so not hers to be told 403.
        RelationshipServiceStub.server().stubFor(post(urlEqualTo("/relationships/access-requests"))
                .willReturn(aResponse().withStatus(403)));
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body(Map.of("reason", "spoed"))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(502).contentType("application/problem+json");
    }

    @Test
    void relationshipServiceFailureIsAProblemNotAnError() {
        RelationshipServiceStub.server().stubFor(post(urlEqualTo("/relationships/access-requests"))
                .willReturn(aResponse().withStatus(500)));
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body(Map.of("reason", "spoed"))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(503).contentType("application/problem+json");
    }

    @Test
    void accessRequestNeedsAPractitionerToken() {
        given().auth().oauth2(TestTokens.pep()).contentType("application/json").body(Map.of("reason", "spoed"))
                .post("/viewer/patients/" + bsn + "/access-request")
                .then().statusCode(403);
    }

    @Test
    void emergencyAccessOpensTheRecordForItsTimeAndIsLoggedWithItsReason() {
        ConsumerTask<String, String> audit = kafka.consumeStrings()
                .withGroupId("emergency-it-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(Topics.AUDIT_EVENTS);
        ConsumerTask<String, String> shared = kafka.consumeStrings()
                .withGroupId("emergency-topic-it-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(Topics.EMERGENCY_ACCESS);
        String otherHolder = "00000301";
        long refused = events.consent(bsn, otherHolder, "rejected", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> consents.watermark().reached() >= refused);

        Instant before = Instant.now();
        JsonNode granted = mapper.valueToTree(given().auth().oauth2(gynaecoloog()).contentType("application/json")
                .body(Map.of("reason", "bewusteloos binnengebracht, bloeding"))
                .post("/viewer/patients/" + bsn + "/emergency-access")
                .then().statusCode(201)
                .body("reason", is("bewusteloos binnengebracht, bloeding"))
                .extract().as(Map.class));
        Instant expires = Instant.parse(granted.get("expiresAt").asText());
        assertThat(Duration.between(before, expires)).isBetween(Duration.ofHours(4).minusSeconds(5), Duration.ofHours(4).plusSeconds(5));

        overview().then().statusCode(200)
                .body("dataHolders.find { it.organization == '" + HOLDER + "' }.visibleCategories", is(DataCategories.ALL))
                // A refusal is never overridden by an emergency.
                .body("dataHolders.find { it.organization == '" + otherHolder + "' }.visibleCategories", is(List.of()))
                .body("dataHolders.find { it.organization == '" + otherHolder + "' }.hiddenCategories[0].reasons", hasItem("consent-refused"))
                .body("dataHolders.find { it.organization == '" + otherHolder + "' }.notVisibleBecause", is(List.of("consent-refused")))
                .body("dataHolders.find { it.organization == '" + otherHolder + "' }.actions", is(List.of()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> mine = audit.getRecords().stream().map(ConsumerRecord::value).map(this::jsonOrNull)
                    .filter(event -> event != null && bsn.equals(event.path("patientBsn").asText())).toList();
            assertThat(mine).anySatisfy(event -> {
                assertThat(event.get("action").asText()).isEqualTo("emergency-access");
                assertThat(event.get("emergency").asBoolean()).isTrue();
                assertThat(event.get("emergencyReason").asText()).isEqualTo("bewusteloos binnengebracht, bloeding");
            });
            assertThat(mine).anySatisfy(event -> {
                assertThat(event.get("dataHolder").asText()).isEqualTo(HOLDER);
                assertThat(event.get("decision").asText()).isEqualTo("permit");
                assertThat(event.get("emergency").asBoolean()).isTrue();
                assertThat(event.get("purposeOfUse").asText()).isEqualTo("ETREAT");
            });
        });
        audit.close();

        // Shared with every replica through access.emergency, keyed by the grant id, without the reason.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(shared.getRecords())
                .anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo(granted.get("id").asText());
                    assertThat(record.value()).contains(bsn).doesNotContain("bloeding");
                }));
        shared.close();
    }

    @Test
    void emergencyAccessGrantedByAnotherReplicaIsHonouredHereUntilItExpires() throws Exception {
        overview().then().statusCode(200).body("dataHolders[0].visibleCategories", is(List.of()));
        Instant now = Instant.now();
        String grant = UUID.randomUUID().toString();
        kafka.produceStrings().fromRecords(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.EMERGENCY_ACCESS, grant,
                mapper.writeValueAsString(new nl.inzage.contracts.EmergencyAccessGranted(grant, GYNAECOLOOG_UZI, HOSPITAL, bsn,
                        now.minusSeconds(5), now.plusSeconds(4))))).awaitCompletion();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> overview().then().statusCode(200)
                .body("dataHolders[0].visibleCategories", is(DataCategories.ALL))
                .body("dataHolders[0].hiddenCategories", is(List.of())));
        // Time-limited: once it has expired the record closes again.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> overview().then().statusCode(200)
                .body("dataHolders[0].visibleCategories", is(List.of())));
    }

    @Test
    void emergencyAccessWithoutReasonIsRefused() {
        given().auth().oauth2(gynaecoloog()).contentType("application/json").body("{}")
                .post("/viewer/patients/" + bsn + "/emergency-access")
                .then().statusCode(400).contentType("application/problem+json");
        overview().then().statusCode(200).body("dataHolders[0].visibleCategories", is(List.of()));
    }

    private io.restassured.response.Response overview() {
        return given().auth().oauth2(gynaecoloog()).get("/viewer/patients/" + bsn);
    }

    private static String gynaecoloog() {
        return TestTokens.practitioner("gynaecoloog", GYNAECOLOOG_UZI, HOSPITAL, "V4");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode jsonOrNull(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }
}
