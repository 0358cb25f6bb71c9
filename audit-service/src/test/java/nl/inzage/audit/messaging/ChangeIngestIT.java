package nl.inzage.audit.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.audit.TestTokens;
import nl.inzage.audit.TestUras;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consent and relationship changes are logged events too: real Kafka, real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ChangeIngestIT {

    private static final Duration INGESTED = Duration.ofSeconds(60);
    private static final String BSN = "999993653";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper json;

    KafkaCompanion kafka;
    String custodian;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
        custodian = TestUras.random();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void consentAndRelationshipChangesAreLoggedOnceEachEvenWhenRedelivered() throws JsonProcessingException {
        ConsentChanged consent = consent("active");
        RelationshipChanged relationship = relationship();
        ProducerRecord<String, String> consentRecord = record(Topics.CONSENT_EVENTS, consent.consentId(), consent.eventId(),
                EventTypes.CONSENT_CHANGED, json.writeValueAsString(consent));
        ProducerRecord<String, String> relationshipRecord = record(Topics.RELATIONSHIP_EVENTS,
                relationship.relationshipId(), relationship.eventId(), EventTypes.RELATIONSHIP_CHANGED,
                json.writeValueAsString(relationship));
        ConsentChanged later = consent("inactive");
        // The same event twice (a replay), then a later one on the same key: once that is in, both copies were handled.
        produce(consentRecord, relationshipRecord, consentRecord, record(Topics.CONSENT_EVENTS, later.consentId(),
                later.eventId(), EventTypes.CONSENT_CHANGED, json.writeValueAsString(later)));

        List<Map<String, Object>> seen = await().atMost(INGESTED).pollInterval(Duration.ofMillis(250))
                .until(() -> events(custodian), list -> list.size() >= 3);

        assertThat(seen).extracting(e -> e.get("eventId"))
                .containsExactlyInAnyOrder(consent.eventId(), relationship.eventId(), later.eventId());
        assertThat(seen).filteredOn(e -> consent.eventId().equals(e.get("eventId"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("eventType", EventTypes.CONSENT_CHANGED)
                        .containsEntry("dataHolderUra", custodian)
                        .containsEntry("patientBsn", BSN));
        assertThat(seen).filteredOn(e -> relationship.eventId().equals(e.get("eventId"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("eventType", EventTypes.RELATIONSHIP_CHANGED)
                        .containsEntry("organizationUra", custodian)
                        .containsEntry("practitionerUzi", "900000101"));
    }

    @Test
    void malformedChangeIsDeadLetteredWithTheReasonAndDoesNotBlockThePartition() throws JsonProcessingException {
        ConsumerTask<String, String> deadLetters = kafka.consumeStrings()
                .withGroupId("change-ingest-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.AUDIT_EVENTS_DLQ);
        String badKey = "bad-" + UUID.randomUUID();
        ConsentChanged good = consent("active");
        produce(onPartition(2, record(Topics.CONSENT_EVENTS, badKey, badKey, EventTypes.CONSENT_CHANGED, "{\"status\":")),
                onPartition(2, record(Topics.CONSENT_EVENTS, good.consentId(), good.eventId(), EventTypes.CONSENT_CHANGED,
                        json.writeValueAsString(good))));

        List<Map<String, Object>> seen = await().atMost(INGESTED).pollInterval(Duration.ofMillis(250))
                .until(() -> events(custodian), list -> !list.isEmpty());
        assertThat(seen).extracting(e -> e.get("eventId")).containsExactly(good.eventId());
        ConsumerRecord<String, String> dead = await().atMost(INGESTED).until(
                () -> deadLetters.getRecords().stream().filter(r -> badKey.equals(r.key())).findFirst(),
                found -> found.isPresent()).orElseThrow();
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith(Rejection.NOT_JSON);
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.CONSENT_EVENTS);
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
        deadLetters.close();
    }

    private ConsentChanged consent(String status) {
        return new ConsentChanged(UUID.randomUUID().toString(), "consent-" + custodian, 1, 1,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), new Actor("source-system", "source-" + custodian, custodian),
                "source-system", status, BSN, custodian,
                List.of(new ConsentRule(ConsentRule.PERMIT, null, null, null, List.of())), "{}");
    }

    private RelationshipChanged relationship() {
        return new RelationshipChanged(UUID.randomUUID().toString(), "relationship-" + custodian, 1, 1,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), new Actor("source-system", "source-" + custodian, custodian),
                BSN, custodian, "G3", "900000101", "treatment", "active", LocalDate.now().minusDays(1), null, "intake");
    }

    private static ProducerRecord<String, String> record(String topic, String key, String eventId, String type,
            String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private static ProducerRecord<String, String> onPartition(int partition, ProducerRecord<String, String> record) {
        return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
    }

    @SafeVarargs
    private void produce(ProducerRecord<String, String>... records) {
        kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(20));
    }

    private static List<Map<String, Object>> events(String ura) {
        return given().auth().oauth2(TestTokens.privacyOfficer(ura))
                .get("/audit/events")
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
