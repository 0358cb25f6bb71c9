package nl.inzage.audit.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.inzage.audit.TestTokens;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real PostgreSQL and Kafka of the local stack. Each test uses organisations of its own
 * (random URAs), so records left on the topic by earlier runs never show up in its results.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AuditIngestIT {

    private static final Duration INGESTED = Duration.ofSeconds(60);
    private static final String BSN = "999993653";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper json;

    KafkaCompanion kafka;
    String requester;
    String dataHolder;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
        requester = randomUra();
        dataHolder = randomUra();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void accessDecisionsAreLoggedForRequesterAndDataHolderNewestFirst() throws JsonProcessingException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AccessDecided earlier = event(now.minusSeconds(60), "permit", false);
        AccessDecided later = event(now, "deny", true);
        produce(record(earlier), record(later));

        List<Map<String, Object>> seen = awaitEvents(requester, 2);

        assertThat(seen).extracting(e -> e.get("eventId")).containsExactly(later.eventId(), earlier.eventId());
        Map<String, Object> newest = seen.get(0);
        assertThat(newest).containsEntry("eventType", EventTypes.ACCESS_DECIDED)
                .containsEntry("occurredAt", now.toString())
                .containsEntry("patientBsn", BSN)
                .containsEntry("practitionerUzi", "900000001")
                .containsEntry("practitionerRole", "verloskundige")
                .containsEntry("organizationUra", requester)
                .containsEntry("dataHolderUra", dataHolder)
                .containsEntry("decision", "deny")
                .containsEntry("emergency", true)
                .containsKey("recordedAt");
        assertThat(newest.get("event")).asString().contains("no-relationship");
        assertThat(events(dataHolder, Map.of())).hasSize(2);
    }

    @Test
    void filtersNarrowTheLog() throws JsonProcessingException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AccessDecided old = event(now.minus(2, ChronoUnit.DAYS), "permit", false);
        AccessDecided emergency = event(now.minusSeconds(10), "permit", true);
        AccessDecided denied = event(now, "deny", false);
        produce(record(old), record(emergency), record(denied));
        awaitEvents(requester, 3);

        assertThat(ids(Map.of("emergency", "true"))).containsExactly(emergency.eventId());
        assertThat(ids(Map.of("decision", "deny"))).containsExactly(denied.eventId());
        assertThat(ids(Map.of("from", now.minus(1, ChronoUnit.DAYS).toString()))).containsExactly(denied.eventId(), emergency.eventId());
        assertThat(ids(Map.of("to", now.minus(1, ChronoUnit.DAYS).toString()))).containsExactly(old.eventId());
        assertThat(ids(Map.of("patient", BSN, "size", "1", "page", "1"))).containsExactly(emergency.eventId());
        assertThat(ids(Map.of("patient", "999990019"))).isEmpty();
    }

    @Test
    void sameEventIdProducedTwiceIsStoredOnce() throws JsonProcessingException {
        AccessDecided event = event(Instant.now(), "permit", false);
        AccessDecided after = event(Instant.now().plusSeconds(1), "permit", false);
        // One partition keeps the order: once "after" is stored, both copies have been handled.
        produce(onPartition(0, record(event)), onPartition(0, record(event)), onPartition(0, record(after)));

        List<Map<String, Object>> seen = awaitEvents(requester, 2);

        assertThat(seen).extracting(e -> e.get("eventId")).containsExactly(after.eventId(), event.eventId());
    }

    @Test
    void eventIdComesFromThePayloadWhenTheHeaderIsMissing() throws JsonProcessingException {
        AccessDecided event = event(Instant.now(), "permit", false);
        produce(new ProducerRecord<>(Topics.AUDIT_EVENTS, null, event.eventId(), json.writeValueAsString(event)));

        assertThat(awaitEvents(requester, 1)).extracting(e -> e.get("eventId")).containsExactly(event.eventId());
    }

    @Test
    void privacyOfficerOfAnotherOrganisationSeesNone() throws JsonProcessingException {
        produce(record(event(Instant.now(), "permit", false)));
        awaitEvents(requester, 1);

        assertThat(events(randomUra(), Map.of())).isEmpty();
    }

    @Test
    void malformedRecordIsDeadLetteredAndDoesNotBlockThePartition() throws JsonProcessingException {
        ConsumerTask<String, String> deadLetters = kafka.consumeStrings()
                .withGroupId("audit-ingest-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.AUDIT_EVENTS_DLQ);
        String badKey = "bad-" + UUID.randomUUID();
        RecordHeaders badHeaders = headers(badKey);
        AccessDecided good = event(Instant.now(), "permit", false);
        produce(new ProducerRecord<>(Topics.AUDIT_EVENTS, 1, badKey, "this is not json", badHeaders),
                onPartition(1, record(good)));

        assertThat(awaitEvents(requester, 1)).extracting(e -> e.get("eventId")).containsExactly(good.eventId());
        ConsumerRecord<String, String> dead = await().atMost(INGESTED).until(
                () -> deadLetters.getRecords().stream().filter(r -> badKey.equals(r.key())).findFirst(),
                found -> found.isPresent()).orElseThrow();
        assertThat(dead.value()).isEqualTo("this is not json");
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith(Rejection.NOT_JSON);
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.AUDIT_EVENTS);
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("1");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_OFFSET)).matches("[0-9]+");
        assertThat(header(dead, CloudEventHeaders.ID)).isEqualTo(badKey);
        deadLetters.close();
    }

    @Test
    void aRecordTheDatabaseRefusesIsSetAsideAndTheOthersOfItsBatchAreStored() throws JsonProcessingException {
        ConsumerTask<String, String> deadLetters = kafka.consumeStrings()
                .withGroupId("audit-ingest-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.AUDIT_EVENTS_DLQ);
        AccessDecided before = event(Instant.now(), "deny", false);
        AccessDecided good = event(Instant.now(), "permit", false);
        // Readable, but PostgreSQL refuses a NUL character in text (22021): never an outage, so never retried for ever.
        AccessDecided refused = new AccessDecided(UUID.randomUUID().toString(), Instant.now(), "req-" + UUID.randomUUID(),
                new AccessDecided.Practitioner("900000001", "A. Verloskundige", "verlos\u0000kundige", requester, "G3"),
                BSN, dataHolder, "pregnancy", null, "read", "deny", List.of("no-relationship"), List.of(), List.of(),
                "TREAT", false, "127.0.0.1");
        produce(onPartition(2, record(before)), onPartition(2, record(refused)), onPartition(2, record(good)));

        assertThat(awaitEvents(requester, 2)).extracting(e -> e.get("eventId")).containsExactlyInAnyOrder(before.eventId(), good.eventId());
        ConsumerRecord<String, String> dead = await().atMost(INGESTED).until(
                () -> deadLetters.getRecords().stream().filter(r -> refused.eventId().equals(r.key())).findFirst(),
                found -> found.isPresent()).orElseThrow();
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith(Rejection.UNSTORABLE);
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
        deadLetters.close();
    }

    @Test
    void requestWithoutTokenIsUnauthorized() {
        given().get("/audit/events").then().statusCode(401);
    }

    @Test
    void tokenWithoutPrivacyOfficerRoleIsForbidden() {
        given().auth().oauth2(TestTokens.client(BSN)).get("/audit/events").then().statusCode(403);
    }

    @Test
    void privacyOfficerTokenWithoutUraIsForbidden() {
        given().auth().oauth2(TestTokens.token("privacy-nowhere", "privacy-officer", Map.of()))
                .get("/audit/events")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void badQueryIsAProblemNotAnError() {
        given().auth().oauth2(TestTokens.privacyOfficer(requester))
                .queryParam("from", "yesterday")
                .get("/audit/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
        given().auth().oauth2(TestTokens.privacyOfficer(requester))
                .queryParam("patient", "123456789")
                .get("/audit/events")
                .then().statusCode(400);
    }

    private AccessDecided event(Instant occurredAt, String decision, boolean emergency) {
        return new AccessDecided(UUID.randomUUID().toString(), occurredAt, "req-" + UUID.randomUUID(),
                new AccessDecided.Practitioner("900000001", "A. Verloskundige", "verloskundige", requester, "G3"),
                BSN, dataHolder, "pregnancy", null, "read", decision,
                List.of("permit".equals(decision) ? "consent-permit" : "no-relationship"), List.of(), List.of(),
                emergency ? "ETREAT" : "TREAT", emergency, "127.0.0.1");
    }

    private ProducerRecord<String, String> record(AccessDecided event) throws JsonProcessingException {
        return new ProducerRecord<>(Topics.AUDIT_EVENTS, null, event.eventId(), json.writeValueAsString(event),
                headers(event.eventId()));
    }

    private static ProducerRecord<String, String> onPartition(int partition, ProducerRecord<String, String> record) {
        return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
    }

    private static RecordHeaders headers(String eventId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, bytes(eventId));
        headers.add(CloudEventHeaders.TYPE, bytes(EventTypes.ACCESS_DECIDED));
        headers.add(CloudEventHeaders.SOURCE, bytes("access-gateway"));
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        return headers;
    }

    @SafeVarargs
    private void produce(ProducerRecord<String, String>... records) {
        kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(20));
    }

    private List<Map<String, Object>> awaitEvents(String ura, int count) {
        return await().atMost(INGESTED).pollInterval(Duration.ofMillis(250))
                .until(() -> events(ura, Map.of()), seen -> seen.size() >= count);
    }

    private List<Object> ids(Map<String, String> query) {
        return events(requester, query).stream().map(e -> e.get("eventId")).toList();
    }

    private static List<Map<String, Object>> events(String ura, Map<String, String> query) {
        JsonPath body = given().auth().oauth2(TestTokens.privacyOfficer(ura))
                .queryParams(query)
                .get("/audit/events")
                .then().statusCode(200)
                .extract().jsonPath();
        return body.getList("$");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomUra() {
        return String.format("%08d", ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
    }
}
