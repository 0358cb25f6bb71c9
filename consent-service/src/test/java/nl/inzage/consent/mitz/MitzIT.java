package nl.inzage.consent.mitz;

import static io.restassured.RestAssured.given;
import static nl.inzage.consent.Fixtures.freshBsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.consent.Fixtures;
import nl.inzage.consent.TestTokens;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.ConsentOutcome;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.ConsentRules;
import nl.inzage.contracts.Topics;
import nl.inzage.mitz.simulator.MitzSimulator;
import nl.inzage.mitz.simulator.MitzSimulator.Choice;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The six Mitz flows against the Mitz simulator (in this JVM), the real PostgreSQL test database
 * and the real test broker: subscriptions, notifications, the Dossierhoudersknop, the closed
 * question, usage; Mitz down; duplicate, reordered and malformed notifications.
 * Data holder 00000201 (V4) is connected to Mitz in the configuration; 00000101 is not.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(MitzSimulatorResource.class)
class MitzIT {

    private static final String HOLDER = "00000201";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    MitzSimulator mitz() {
        return MitzSimulatorResource.mitz;
    }

    @AfterEach
    void mitzUp() {
        mitz().setUp(true);
    }

    @Test
    void aClientsFirstConsentAtAMitzHolderSubscribesHerOnce() {
        String bsn = freshBsn();
        Fixtures.create(bsn, HOLDER);
        Fixtures.create(bsn, HOLDER);
        Fixtures.create(bsn, "00000101");
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptionsOf(bsn).size() == 1);
        MitzSimulator.Subscription subscription = subscriptionsOf(bsn).get(0);
        assertThat(subscription.criteria()).isEqualTo("Consent?_query=otv&patientid=" + bsn + "&providerid=" + HOLDER + "&providertype=V4");
        assertThat(subscription.endpoint()).endsWith("/mitz/notifications");
        assertThat(subscription.headers()).containsExactly("X-Mitz-Token: test-mitz-token");
        // Still one: the second consent at the same holder added no second subscription, 00000101 does not use Mitz.
        sleep(1500);
        assertThat(subscriptionsOf(bsn)).hasSize(1);
    }

    @Test
    void aChoiceMadeAtMitzReachesConsentEventsAndARefusalTurnsThePermitIntoADeny() {
        String bsn = subscribed();
        String mitzId = UUID.randomUUID().toString();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerTask<String, String> events = consentEvents(kafka);
            Instant t1 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            assertThat(mitz().choose(new Choice(mitzId, bsn, HOLDER, "V4", true, List.of("RPZAC104", "RPZAC001"), "GGC002", t1)))
                    .as("the rest-hook took the notification").isEqualTo(1);
            JsonNode permit = awaitEvent(events, bsn, 1);
            assertThat(permit.get("origin").asText()).isEqualTo("mitz");
            assertThat(permit.get("status").asText()).isEqualTo("active");
            List<ConsentRule> rules = rules(permit);
            assertThat(ConsentRules.evaluate("active", rules, "00000777", "V4", "pregnancy")).isEqualTo(ConsentOutcome.PERMIT);
            assertThat(ConsentRules.evaluate("active", rules, "00000401", "Z3", "pregnancy")).isEqualTo(ConsentOutcome.PERMIT);
            assertThat(ConsentRules.evaluate("active", rules, "00000301", "K4", "pregnancy"))
                    .as("kraamzorg (RPZAC004) is not among the categories").isEqualTo(ConsentOutcome.NO_MATCHING_PERMIT);
            assertThat(ConsentRules.evaluate("active", rules, "00000777", "V4", "lab-results"))
                    .as("GGC002 Behandelgegevens does not cover lab results").isEqualTo(ConsentOutcome.NO_MATCHING_PERMIT);

            mitz().choose(new Choice(mitzId, bsn, HOLDER, "V4", false, List.of("RPZAC104", "RPZAC001"), "GGC002", t1.plusSeconds(60)));
            JsonNode refusal = awaitEvent(events, bsn, 2);
            assertThat(refusal.get("consentId").asText()).isEqualTo(permit.get("consentId").asText());
            assertThat(refusal.get("status").asText()).as("Mitz's refusal (inactive without provision.type)").isEqualTo("rejected");
            assertThat(ConsentRules.evaluate("rejected", rules(refusal), "00000777", "V4", "pregnancy")).isEqualTo(ConsentOutcome.REFUSED);
        }
    }

    @Test
    void duplicateAndReorderedNotificationsChangeNothing() {
        String bsn = subscribed();
        String mitzId = UUID.randomUUID().toString();
        Instant t1 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Choice older = new Choice(mitzId, bsn, HOLDER, "V4", true, List.of("RPZAC104"), "GGC002", t1);
        Choice newer = new Choice(mitzId, bsn, HOLDER, "V4", false, List.of("RPZAC104"), "GGC002", t1.plusSeconds(30));
        assertThat(mitz().choose(newer)).isEqualTo(1);
        assertThat(mitz().push(newer)).as("a duplicate is accepted").isEqualTo(1);
        assertThat(mitz().push(older)).as("an older one is accepted").isEqualTo(1);
        List<JsonNode> versions = history(bsn);
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("status").asText()).isEqualTo("inactive");
        assertThat(versions.get(0).path("provision").has("type")).as("the refusal, not the older permit").isFalse();
    }

    @Test
    void malformedOrUnauthenticatedNotificationsAreRefusedWithAnOperationOutcomeAndWriteNothing() {
        String bsn = freshBsn();
        String good = exampleNotification(bsn);
        notification(good, null).then().statusCode(401).body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
        notification(good, "wrong-token").then().statusCode(401);
        notification("<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/", "test-mitz-token").then().statusCode(400)
                .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("not a valid FHIR R4 XML"));
        notification(good.replace("value=\"urn:uuid:p-1\"/>\n          </patient>", "value=\"urn:uuid:nowhere\"/>\n          </patient>"),
                "test-mitz-token").then().statusCode(400)
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("Consent.patient must point at a Patient entry"));
        notification(good.replace("RPZAC104", "RPZAC104\"/><unknownElement value=\"x"), "test-mitz-token").then().statusCode(400);
        notification(good.replace("GGC002", "GGC999"), "test-mitz-token").then().statusCode(422)
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("GGC999"));
        notification(good.replace("<value value=\"" + bsn + "\"/>", "<value value=\"123456789\"/>"), "test-mitz-token").then().statusCode(400)
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("BSN"));
        assertThat(history(bsn)).as("nothing stored").isEmpty();

        notification(good, "test-mitz-token").then().statusCode(200);
        assertThat(history(bsn)).hasSize(1);
    }

    @Test
    void theDossierhoudersknopStoresTheConsentAndForwardsItToMitzEvenWhenMitzIsDown() {
        String bsn = freshBsn();
        mitz().setUp(false);
        given().auth().oauth2(TestTokens.sourceSystem(HOLDER)).contentType("application/fhir+json")
                .body(Fixtures.consent(bsn, HOLDER).toString())
                .post("/mitz/dossierhoudersknop")
                .then().statusCode(201).header("ETag", "W/\"1\"");
        given().auth().oauth2(TestTokens.sourceSystem("00000101")).contentType("application/fhir+json")
                .body(Fixtures.consent(bsn, HOLDER).toString())
                .post("/mitz/dossierhoudersknop")
                .then().statusCode(403);
        sleep(1500);
        assertThat(recordedAtMitz(bsn)).isEmpty();
        mitz().setUp(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> recordedAtMitz(bsn).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriptionsOf(bsn).size() == 1);
    }

    @Test
    void theClosedQuestionAsksMitzStoresAPermitAndDeniesWhenMitzIsDown() {
        String bsn = freshBsn();
        // An earlier test may have left the circuit breaker open for a moment (Mitz was down there).
        await().atMost(Duration.ofSeconds(20)).until(() -> ask(bsn, "V4").statusCode() == 200);
        assertThat(ask(bsn, "V4").then().statusCode(200).extract().jsonPath().getString("answer")).isEqualTo("not-applicable");
        mitz().choose(new Choice(UUID.randomUUID().toString(), bsn, HOLDER, "V4", true, List.of("RPZAC104"), "GGC002", Instant.now()));
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerTask<String, String> events = consentEvents(kafka);
            Response permit = ask(bsn, "Z3");
            permit.then().statusCode(200);
            assertThat(permit.jsonPath().getString("answer")).as("RPZAC104 does not cover huisartsen").isEqualTo("deny");
            Response v4 = ask(bsn, "V4");
            assertThat(v4.jsonPath().getString("answer")).as("still the cached answer").isEqualTo("not-applicable");
            Response k4 = ask(bsn, "K4");
            assertThat(k4.jsonPath().getString("answer")).isEqualTo("deny");

            String other = freshBsn();
            mitz().choose(new Choice(UUID.randomUUID().toString(), other, HOLDER, "V4", true, List.of("RPZAC104"), "GGC002", Instant.now()));
            Response yes = ask(other, "V4");
            assertThat(yes.jsonPath().getString("answer")).isEqualTo("permit");
            JsonNode event = awaitEvent(events, other, 1);
            assertThat(event.get("consentId").asText()).isEqualTo(yes.jsonPath().getString("consentId"));
            assertThat(event.get("origin").asText()).isEqualTo("mitz");
            assertThat(ConsentRules.evaluate("active", rules(event), "00000777", "V4", "ultrasound")).isEqualTo(ConsentOutcome.PERMIT);
            assertThat(mitz().closedQuestions()).anySatisfy(question -> assertThat(question.toString()).contains(other, "900000201"));
        }
        mitz().setUp(false);
        ask(freshBsn(), "V4").then().statusCode(503).body("title", org.hamcrest.Matchers.equalTo("Mitz unavailable"));
        given().auth().oauth2(TestTokens.sourceSystem(HOLDER)).contentType("application/json")
                .body(Map.of("patientBsn", bsn)).post("/mitz/closed-question").then().statusCode(403);
        given().auth().oauth2(TestTokens.service()).contentType("application/json")
                .body(Map.of("patientBsn", "123")).post("/mitz/closed-question").then().statusCode(400);
    }

    @Test
    void everyPermitOnAMitzConsentIsRecordedAtMitzOnceAndNotLostWhileMitzIsDown() throws Exception {
        String bsn = subscribed();
        String mitzId = UUID.randomUUID().toString();
        String consentId;
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerTask<String, String> events = consentEvents(kafka);
            mitz().choose(new Choice(mitzId, bsn, HOLDER, "V4", true, List.of("RPZAC104"), "GGC002", Instant.now()));
            consentId = awaitEvent(events, bsn, 1).get("consentId").asText();
            String local = Fixtures.create(bsn, "00000101").get("id").asText();

            mitz().setUp(false);
            AccessDecided onMitz = access(bsn, "permit", List.of(consentId + "/_history/1"));
            AccessDecided denied = access(bsn, "deny", List.of(consentId + "/_history/1"));
            AccessDecided onLocal = access(bsn, "permit", List.of(local + "/_history/1"));
            for (AccessDecided record : List.of(onMitz, onMitz, denied, onLocal)) {
                kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.AUDIT_EVENTS, record.eventId(), JSON.writeValueAsString(record)))
                        .awaitCompletion();
            }
            sleep(2000);
            assertThat(usageOf(bsn)).isEmpty();
            mitz().setUp(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> usageOf(bsn).size() == 1);
            sleep(2000);
            List<JsonNode> usage = usageOf(bsn);
            assertThat(usage).as("one usage: the duplicate, the deny and the local consent add none").hasSize(1);
            assertThat(usage.get(0).toString()).contains("Consent/" + mitzId, "900000201", HOLDER, onMitz.eventId());
        }
    }

    // --- helpers ---

    private String subscribed() {
        String bsn = freshBsn();
        Fixtures.create(bsn, "00000101");
        given().auth().oauth2(TestTokens.sourceSystem(HOLDER)).contentType("application/fhir+json")
                .body(Fixtures.consent(bsn, HOLDER).toString()).post("/fhir/Consent").then().statusCode(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriptionsOf(bsn).size() == 1);
        return bsn;
    }

    private static AccessDecided access(String bsn, String decision, List<String> consentIds) {
        return new AccessDecided(UUID.randomUUID().toString(), Instant.now(), UUID.randomUUID().toString(),
                new AccessDecided.Practitioner("900000201", null, "gynaecoloog", "00000777", "V4"), bsn, HOLDER, "pregnancy", null,
                "read", decision, List.of(decision.equals("permit") ? "consent-permit" : "no-relationship"), consentIds, List.of(),
                "TREAT", false, null);
    }

    private Response ask(String bsn, String requesterType) {
        return given().auth().oauth2(TestTokens.service()).contentType("application/json")
                .body(Map.of("patientBsn", bsn, "dataHolderUra", HOLDER, "dataHolderType", "V4", "requesterUzi", "900000201",
                        "requesterRole", "01.046", "requesterUra", "00000777", "requesterType", requesterType))
                .post("/mitz/closed-question");
    }

    private static Response notification(String body, String token) {
        var request = given().contentType("application/fhir+xml").body(body);
        if (token != null) {
            request = request.header("X-Mitz-Token", token);
        }
        return request.post("/mitz/notifications");
    }

    private static String exampleNotification(String bsn) {
        return Fixtures.fixture("mitz-notification-refusal.xml").replace("999993653", bsn);
    }

    private List<MitzSimulator.Subscription> subscriptionsOf(String bsn) {
        return mitz().subscriptions().stream().filter(s -> s.bsn().equals(bsn)).toList();
    }

    private List<JsonNode> recordedAtMitz(String bsn) {
        return mitz().recordedConsents().stream().filter(c -> c.toString().contains(bsn)).toList();
    }

    private List<JsonNode> usageOf(String bsn) {
        return mitz().usage().stream().filter(u -> u.toString().contains(bsn)).toList();
    }

    /** Every version of the client's Mitz-replicated consents, as the service account reads them. */
    private static List<JsonNode> history(String bsn) {
        JsonNode search = Fixtures.read(given().auth().oauth2(TestTokens.service())
                .queryParam("patient:identifier", "http://fhir.nl/fhir/NamingSystem/bsn|" + bsn)
                .get("/fhir/Consent").then().statusCode(200).extract().asString());
        List<JsonNode> versions = new java.util.ArrayList<>();
        for (JsonNode entry : search.path("entry")) {
            String id = entry.path("resource").path("id").asText();
            JsonNode history = Fixtures.read(given().auth().oauth2(TestTokens.service()).get("/fhir/Consent/" + id + "/_history")
                    .then().statusCode(200).extract().asString());
            history.path("entry").forEach(e -> {
                if (e.path("resource").path("identifier").toString().contains(MitzConsentReader.MITZ_ID_SYSTEM)) {
                    versions.add(e.path("resource"));
                }
            });
        }
        return versions;
    }

    private static ConsumerTask<String, String> consentEvents(KafkaCompanion kafka) {
        return kafka.consumeStrings().withGroupId("mitz-it-" + UUID.randomUUID()).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Topics.CONSENT_EVENTS);
    }

    private static JsonNode awaitEvent(ConsumerTask<String, String> events, String bsn, int version) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (var record : events.getRecords()) {
                JsonNode event = Fixtures.read(record.value());
                if (bsn.equals(event.path("patientBsn").asText()) && "mitz".equals(event.path("origin").asText())
                        && event.path("version").asInt() == version) {
                    found[0] = event;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<ConsentRule> rules(JsonNode event) {
        return JSON.convertValue(event.get("rules"), JSON.getTypeFactory().constructCollectionType(List.class, ConsentRule.class));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
