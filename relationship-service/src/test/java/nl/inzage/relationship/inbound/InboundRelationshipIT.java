package nl.inzage.relationship.inbound;

import nl.inzage.contracts.InboundDeadLetterHeaders;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Topics;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Relationship registrations written on Kafka by source systems, against the real test broker and
 * PostgreSQL. The shared topics hold records of other tests and earlier runs: each test finds its
 * own by input id (a fresh ce_id) and uses a client (BSN) of its own.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class InboundRelationshipIT {

    private static final Duration HANDLED = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_101 = Topics.RELATIONSHIP_INBOUND_PREFIX + "00000101";
    private static final String SOURCE_201 = Topics.RELATIONSHIP_INBOUND_PREFIX + "00000201";
    private static final String SOURCE_301 = Topics.RELATIONSHIP_INBOUND_PREFIX + "00000301";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.incoming." + InboundChannels.RELATIONSHIP_INBOUND + ".topic")
    String inboundTopics;

    KafkaCompanion kafka;
    ConsumerTask<String, String> results;
    String bsn;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
        results = kafka.consumeStrings()
                .withGroupId("inbound-relationship-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.RELATIONSHIP_INBOUND_RESULTS);
        bsn = Fixtures.freshBsn();
    }

    @AfterEach
    void close() {
        results.close();
        kafka.close();
    }

    @Test
    void registrationOnItsSourcesTopicIsAcceptedStoredAndPublished() throws IOException {
        ConsumerTask<String, String> events = kafka.consumeStrings()
                .withGroupId("inbound-relationship-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.RELATIONSHIP_EVENTS);
        String inputId = newInputId();

        produce(record(SOURCE_101, inputId, registration("00000101")));

        ConsumerRecord<String, String> answer = awaitResults(inputId, 1).get(0);
        JsonNode result = JSON.readTree(answer.value());
        assertThat(result.get("inputId").asText()).isEqualTo(inputId);
        assertThat(result.get("topic").asText()).isEqualTo(SOURCE_101);
        assertThat(result.get("accepted").asBoolean()).isTrue();
        assertThat(result.get("version").asInt()).isEqualTo(1);
        assertThat(result.get("revision").asLong()).isPositive();
        assertThat(result.get("outcome").isNull()).isTrue();
        assertThat(header(answer, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.RELATIONSHIP_INBOUND_RESULT);
        assertThat(header(answer, CloudEventHeaders.SOURCE)).isEqualTo("relationship-service");
        assertThat(header(answer, CloudEventHeaders.SUBJECT)).isEqualTo(inputId);
        assertThat(header(answer, CloudEventHeaders.ID)).isNotBlank().isNotEqualTo(inputId);
        String id = result.get("id").asText();

        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .get("/relationships/" + id)
                .then().statusCode(200)
                .header("X-Relationship-Revision", equalTo(result.get("revision").asText()))
                .body("patient", equalTo(bsn))
                .body("kind", equalTo("treatment"))
                .body("status", equalTo("active"));

        ConsumerRecord<String, String> published = await().atMost(HANDLED)
                .until(() -> events.getRecords().stream().filter(r -> id.equals(r.key())).findFirst(), found -> found.isPresent())
                .orElseThrow();
        JsonNode event = JSON.readTree(published.value());
        assertThat(event.get("revision").asLong()).isEqualTo(result.get("revision").asLong());
        assertThat(event.get("actor").get("type").asText()).isEqualTo("source-system");
        assertThat(event.get("actor").get("id").asText()).isEqualTo("kafka:" + SOURCE_101);
        assertThat(event.get("actor").get("organization").asText()).isEqualTo("00000101");
        events.close();
    }

    @Test
    void registrationForAnotherOrganisationIsRejectedAndNothingIsStored() throws IOException {
        String inputId = newInputId();

        produce(record(SOURCE_201, inputId, registration("00000101")));

        JsonNode result = JSON.readTree(awaitResults(inputId, 1).get(0).value());
        assertThat(result.get("accepted").asBoolean()).isFalse();
        assertThat(result.get("id").isNull()).isTrue();
        assertThat(result.get("topic").asText()).isEqualTo(SOURCE_201);
        JsonNode problem = result.get("outcome");
        assertThat(problem.get("type").asText()).isEqualTo("http://inzage.nl/problems/forbidden");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("detail").asText()).contains("own organisation");
        assertThat(relationshipsOf(bsn)).isZero();
    }

    @Test
    void invalidRegistrationIsRejectedWithTheProblemTheRestPathGives() throws IOException {
        String inputId = newInputId();

        produce(record(SOURCE_101, inputId, registration("00000101").replace("\"treatment\"", "\"friendship\"")));

        JsonNode problem = JSON.readTree(awaitResults(inputId, 1).get(0).value()).get("outcome");
        assertThat(problem.get("type").asText()).isEqualTo("http://inzage.nl/problems/invalid-request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("field").asText()).isEqualTo("kind");
        assertThat(relationshipsOf(bsn)).isZero();
    }

    @Test
    void accessRequestOnTheInboundTopicIsRejected() throws IOException {
        String inputId = newInputId();

        produce(record(SOURCE_101, inputId, registration("00000101").replace("\"treatment\"", "\"access-request\"")));

        JsonNode problem = JSON.readTree(awaitResults(inputId, 1).get(0).value()).get("outcome");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(relationshipsOf(bsn)).isZero();
    }

    @Test
    void sameInputProducedTwiceIsStoredOnceAndAnsweredTwiceAlike() {
        String inputId = newInputId();
        ProducerRecord<String, String> record = record(SOURCE_101, inputId, registration("00000101"));

        produce(record, record);

        List<ConsumerRecord<String, String>> answers = awaitResults(inputId, 2);
        assertThat(answers.get(1).value()).isEqualTo(answers.get(0).value());
        assertThat(header(answers.get(1), CloudEventHeaders.ID)).isNotEqualTo(header(answers.get(0), CloudEventHeaders.ID));
        assertThat(relationshipsOf(bsn)).isEqualTo(1);
    }

    @Test
    void unreadableRecordsAreDeadLetteredAnsweredAndDoNotBlockThePartition() throws IOException {
        ConsumerTask<String, String> deadLetters = kafka.consumeStrings()
                .withGroupId("inbound-relationship-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.RELATIONSHIP_INBOUND_DLQ);
        String bad = newInputId();
        String array = newInputId();
        String tombstone = newInputId();
        String good = newInputId();

        produce(new ProducerRecord<>(SOURCE_301, 0, "key-" + bad, "this is not json", headers(bad)),
                new ProducerRecord<>(SOURCE_301, 0, "key-" + array, "[]", headers(array)),
                new ProducerRecord<>(SOURCE_301, 0, "key-" + tombstone, null, headers(tombstone)),
                new ProducerRecord<>(SOURCE_301, 0, "key-" + good, registration("00000301"), headers(good)));

        assertThat(JSON.readTree(awaitResults(good, 1).get(0).value()).get("accepted").asBoolean()).isTrue();
        ConsumerRecord<String, String> dead = deadLetter(deadLetters, "key-" + bad);
        assertThat(dead.value()).isEqualTo("this is not json");
        assertThat(header(dead, InboundDeadLetterHeaders.REASON)).startsWith("not-json");
        assertThat(header(dead, InboundDeadLetterHeaders.TOPIC)).isEqualTo(SOURCE_301);
        assertThat(header(dead, InboundDeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(dead, InboundDeadLetterHeaders.OFFSET)).matches("[0-9]+");
        assertThat(header(dead, CloudEventHeaders.ID)).isEqualTo(bad);
        assertThat(header(deadLetter(deadLetters, "key-" + array), InboundDeadLetterHeaders.REASON)).startsWith("not-object");
        assertThat(deadLetter(deadLetters, "key-" + tombstone).value()).isNull();
        // The source learns of it too, on the topic it already reads.
        JsonNode refusal = JSON.readTree(awaitResults(bad, 1).get(0).value());
        assertThat(refusal.get("accepted").asBoolean()).isFalse();
        assertThat(refusal.get("outcome").get("status").asInt()).isEqualTo(400);
        assertThat(refusal.get("outcome").get("detail").asText()).contains(Topics.RELATIONSHIP_INBOUND_DLQ);
        deadLetters.close();
    }

    @Test
    void withoutCeIdTheRecordsPositionIsTheInputId() throws IOException {
        long offset = kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(SOURCE_301, 0, null, registration("00000301")))
                .awaitCompletion(Duration.ofSeconds(20))
                .getFirstRecord().offset();
        String inputId = SOURCE_301 + "-0-" + offset;

        JsonNode result = JSON.readTree(awaitResults(inputId, 1).get(0).value());

        assertThat(result.get("accepted").asBoolean()).isTrue();
        assertThat(result.get("inputId").asText()).isEqualTo(inputId);
    }

    @Test
    void channelSubscribesByTheSharedTopicPattern() {
        assertThat(inboundTopics).isEqualTo(Topics.RELATIONSHIP_INBOUND_PATTERN);
    }

    private ConsumerRecord<String, String> deadLetter(ConsumerTask<String, String> deadLetters, String key) {
        return await().atMost(HANDLED)
                .until(() -> deadLetters.getRecords().stream().filter(r -> key.equals(r.key())).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    private List<ConsumerRecord<String, String>> awaitResults(String inputId, int count) {
        return await().atMost(HANDLED).pollInterval(Duration.ofMillis(200))
                .until(() -> results.getRecords().stream().filter(r -> inputId.equals(r.key())).toList(),
                        found -> found.size() >= count);
    }

    /** How many relationships the register holds for this client, as a service account sees it. */
    private static int relationshipsOf(String patient) {
        return given().auth().oauth2(TestTokens.service("inbound-it"))
                .queryParam("patient", patient)
                .get("/relationships")
                .then().statusCode(200)
                .extract().jsonPath().getList("").size();
    }

    @SafeVarargs
    private void produce(ProducerRecord<String, String>... records) {
        kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(20));
    }

    private static ProducerRecord<String, String> record(String topic, String inputId, String value) {
        return new ProducerRecord<>(topic, null, inputId, value, headers(inputId));
    }

    private static RecordHeaders headers(String inputId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, inputId.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private String registration(String ura) {
        return Fixtures.registration(bsn, ura, "treatment", "2026-11-01", null);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String newInputId() {
        return "inbound-it-" + UUID.randomUUID();
    }
}
