package nl.inzage.consent.inbound;

import nl.inzage.contracts.InboundDeadLetterHeaders;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.TestTokens;
import nl.inzage.consent.inbound.InboundConsentReader.Write;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consents written on Kafka by source systems, against the real broker and PostgreSQL of the local
 * stack. The shared topics hold records of other tests and earlier runs: each test finds its own
 * by input id (a fresh ce_id) and uses a client (BSN) of its own.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class InboundConsentIT {

    private static final Duration HANDLED = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_101 = Topics.CONSENT_INBOUND_PREFIX + "00000101";
    private static final String SOURCE_201 = Topics.CONSENT_INBOUND_PREFIX + "00000201";
    private static final String SOURCE_301 = Topics.CONSENT_INBOUND_PREFIX + "00000301";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.incoming." + InboundChannels.CONSENT_INBOUND + ".topic")
    String inboundTopics;

    @Inject
    InboundConsentService inbound;

    @Inject
    InboundConsentReader reader;

    KafkaCompanion kafka;
    ConsumerTask<String, String> results;
    String bsn;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
        results = kafka.consumeStrings()
                .withGroupId("inbound-consent-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.CONSENT_INBOUND_RESULTS);
        bsn = newBsn();
    }

    @AfterEach
    void close() {
        results.close();
        kafka.close();
    }

    @Test
    void consentOnItsSourcesTopicIsAcceptedStoredAndPublished() throws IOException {
        ConsumerTask<String, String> events = kafka.consumeStrings()
                .withGroupId("inbound-consent-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.CONSENT_EVENTS);
        String inputId = newInputId();

        produce(record(SOURCE_101, inputId, consent(bsn)));

        ConsumerRecord<String, String> answer = awaitResults(inputId, 1).get(0);
        JsonNode result = JSON.readTree(answer.value());
        assertThat(result.get("inputId").asText()).isEqualTo(inputId);
        assertThat(result.get("topic").asText()).isEqualTo(SOURCE_101);
        assertThat(result.get("accepted").asBoolean()).isTrue();
        assertThat(result.get("version").asInt()).isEqualTo(1);
        assertThat(result.get("revision").asLong()).isPositive();
        assertThat(result.get("outcome").isNull()).isTrue();
        assertThat(header(answer, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.CONSENT_INBOUND_RESULT);
        assertThat(header(answer, CloudEventHeaders.SOURCE)).isEqualTo("consent-service");
        assertThat(header(answer, CloudEventHeaders.SUBJECT)).isEqualTo(inputId);
        assertThat(header(answer, CloudEventHeaders.ID)).isNotBlank().isNotEqualTo(inputId);
        String id = result.get("id").asText();

        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .get("/fhir/Consent/" + id)
                .then().statusCode(200)
                .body("status", equalTo("active"))
                .body("meta.versionId", equalTo("1"))
                .body("patient.identifier.value", equalTo(bsn));

        ConsumerRecord<String, String> published = await().atMost(HANDLED)
                .until(() -> events.getRecords().stream().filter(r -> id.equals(r.key())).findFirst(), found -> found.isPresent())
                .orElseThrow();
        JsonNode event = JSON.readTree(published.value());
        assertThat(event.get("version").asInt()).isEqualTo(1);
        assertThat(event.get("revision").asLong()).isEqualTo(result.get("revision").asLong());
        assertThat(event.get("origin").asText()).isEqualTo("source-system");
        assertThat(event.get("actor").get("id").asText()).isEqualTo("kafka:" + SOURCE_101);
        assertThat(event.get("actor").get("organization").asText()).isEqualTo("00000101");
        events.close();
    }

    @Test
    void consentForAnotherOrganisationIsRejectedAndNothingIsStored() throws IOException {
        String inputId = newInputId();

        produce(record(SOURCE_201, inputId, consent(bsn)));

        JsonNode result = JSON.readTree(awaitResults(inputId, 1).get(0).value());
        assertThat(result.get("accepted").asBoolean()).isFalse();
        assertThat(result.get("id").isNull()).isTrue();
        assertThat(result.get("topic").asText()).isEqualTo(SOURCE_201);
        JsonNode outcome = result.get("outcome");
        assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.get("issue").get(0).get("code").asText()).isEqualTo("forbidden");
        assertThat(outcome.get("issue").get(0).get("diagnostics").asText()).contains("own organisation");
        assertThat(consentsOf(bsn)).isZero();
    }

    @Test
    void invalidConsentIsRejectedWithItsOperationOutcome() throws IOException {
        String inputId = newInputId();

        produce(record(SOURCE_101, inputId, consent("123456789")));

        JsonNode result = JSON.readTree(awaitResults(inputId, 1).get(0).value());
        assertThat(result.get("accepted").asBoolean()).isFalse();
        JsonNode issue = result.get("outcome").get("issue").get(0);
        assertThat(issue.get("code").asText()).isEqualTo("invalid");
        assertThat(issue.get("diagnostics").asText()).contains("BSN");
    }

    @Test
    void sameInputProducedTwiceIsStoredOnceAndAnsweredTwiceAlike() throws IOException {
        String inputId = newInputId();
        ProducerRecord<String, String> record = record(SOURCE_101, inputId, consent(bsn));

        produce(record, record);

        List<ConsumerRecord<String, String>> answers = awaitResults(inputId, 2);
        assertThat(answers.get(1).value()).isEqualTo(answers.get(0).value());
        assertThat(JSON.readTree(answers.get(0).value()).get("accepted").asBoolean()).isTrue();
        assertThat(header(answers.get(1), CloudEventHeaders.ID)).isNotEqualTo(header(answers.get(0), CloudEventHeaders.ID));
        assertThat(consentsOf(bsn)).isEqualTo(1);
    }

    @Test
    void rejectedInputProducedTwiceIsAnsweredTwiceAlike() throws IOException {
        String inputId = newInputId();
        ProducerRecord<String, String> record = record(SOURCE_201, inputId, consent(bsn));

        produce(record, record);

        List<ConsumerRecord<String, String>> answers = awaitResults(inputId, 2);
        assertThat(answers.get(1).value()).isEqualTo(answers.get(0).value());
        assertThat(JSON.readTree(answers.get(0).value()).get("accepted").asBoolean()).isFalse();
    }

    @Test
    void consentWithAnIdUpdatesThatConsent() throws IOException {
        String create = newInputId();
        produce(record(SOURCE_101, create, consent(bsn)));
        String id = JSON.readTree(awaitResults(create, 1).get(0).value()).get("id").asText();
        String withdrawal = consent(bsn).replaceFirst("\\{", "{\"id\": \"" + id + "\",")
                .replace("\"status\": \"active\"", "\"status\": \"inactive\"");
        String update = newInputId();

        produce(record(SOURCE_101, update, withdrawal));

        JsonNode result = JSON.readTree(awaitResults(update, 1).get(0).value());
        assertThat(result.get("accepted").asBoolean()).isTrue();
        assertThat(result.get("id").asText()).isEqualTo(id);
        assertThat(result.get("version").asInt()).isEqualTo(2);
        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .get("/fhir/Consent/" + id)
                .then().statusCode(200)
                .body("status", equalTo("inactive"))
                .body("meta.versionId", equalTo("2"));
    }

    @Test
    void updateOfAnotherOrganisationsConsentIsRejected() throws IOException {
        String create = newInputId();
        produce(record(SOURCE_101, create, consent(bsn)));
        String id = JSON.readTree(awaitResults(create, 1).get(0).value()).get("id").asText();
        String update = newInputId();

        produce(record(SOURCE_201, update, consent(bsn).replaceFirst("\\{", "{\"id\": \"" + id + "\",")));

        JsonNode result = JSON.readTree(awaitResults(update, 1).get(0).value());
        assertThat(result.get("accepted").asBoolean()).isFalse();
        assertThat(result.get("outcome").get("issue").get(0).get("code").asText()).isEqualTo("forbidden");
        given().auth().oauth2(TestTokens.sourceSystem("00000101"))
                .get("/fhir/Consent/" + id)
                .then().statusCode(200)
                .body("meta.versionId", equalTo("1"));
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndDoNotBlockThePartition() throws IOException {
        ConsumerTask<String, String> deadLetters = kafka.consumeStrings()
                .withGroupId("inbound-consent-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.CONSENT_INBOUND_DLQ);
        String bad = newInputId();
        String tombstone = newInputId();
        String good = newInputId();

        produce(new ProducerRecord<>(SOURCE_301, 0, "key-" + bad, "this is not json", headers(bad)),
                new ProducerRecord<>(SOURCE_301, 0, "key-" + tombstone, null, headers(tombstone)),
                new ProducerRecord<>(SOURCE_301, 0, "key-" + good, consent(bsn).replace("00000101", "00000301"), headers(good)));

        assertThat(JSON.readTree(awaitResults(good, 1).get(0).value()).get("accepted").asBoolean()).isTrue();
        ConsumerRecord<String, String> dead = await().atMost(HANDLED)
                .until(() -> deadLetters.getRecords().stream().filter(r -> ("key-" + bad).equals(r.key())).findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
        assertThat(dead.value()).isEqualTo("this is not json");
        assertThat(header(dead, InboundDeadLetterHeaders.REASON)).startsWith("not-json");
        assertThat(header(dead, InboundDeadLetterHeaders.TOPIC)).isEqualTo(SOURCE_301);
        assertThat(header(dead, InboundDeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(dead, InboundDeadLetterHeaders.OFFSET)).matches("[0-9]+");
        assertThat(header(dead, CloudEventHeaders.ID)).isEqualTo(bad);
        // The source learns of it too, on the topic it already reads.
        JsonNode refusal = JSON.readTree(awaitResults(bad, 1).get(0).value());
        assertThat(refusal.get("accepted").asBoolean()).isFalse();
        assertThat(refusal.get("outcome").get("issue").get(0).get("code").asText()).isEqualTo("structure");
        ConsumerRecord<String, String> deadTombstone = await().atMost(HANDLED)
                .until(() -> deadLetters.getRecords().stream().filter(r -> ("key-" + tombstone).equals(r.key())).findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
        assertThat(deadTombstone.value()).isNull();
        assertThat(header(deadTombstone, InboundDeadLetterHeaders.REASON)).startsWith("empty");
        deadLetters.close();
    }

    @Test
    void withoutCeIdTheRecordsPositionIsTheInputId() throws IOException {
        long offset = kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(SOURCE_301, 0, null, consent(bsn).replace("00000101", "00000301")))
                .awaitCompletion(Duration.ofSeconds(20))
                .getFirstRecord().offset();
        String inputId = SOURCE_301 + "-0-" + offset;

        JsonNode result = JSON.readTree(awaitResults(inputId, 1).get(0).value());

        assertThat(result.get("accepted").asBoolean()).isTrue();
        assertThat(result.get("inputId").asText()).isEqualTo(inputId);
    }

    /** The consent version and the receipt are one transaction: a receipt that cannot be written undoes the consent. */
    @Test
    void receiptThatCannotBeWrittenUndoesTheConsent() throws Throwable {
        Write first = write(bsn);
        Write second = write(bsn);
        InboundInput input = InboundInput.of(SOURCE_101, 0, 0, newInputId());
        // A receipt under the same key already exists: the insert of the second one must fail.
        VertxContextSupport.subscribeAndAwait(() -> inbound.reject(input, "{\"resourceType\":\"OperationOutcome\"}"));

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> inbound.apply(input, first)))
                .isNotInstanceOf(FhirProblem.class);
        assertThat(consentsOf(bsn)).as("the consent of the failed transaction").isZero();

        InboundInput fresh = InboundInput.of(SOURCE_101, 0, 0, newInputId());
        InboundReceiptEntity receipt = VertxContextSupport.subscribeAndAwait(() -> inbound.apply(fresh, second));
        assertThat(receipt.accepted).isTrue();
        assertThat(consentsOf(bsn)).as("the same write with a free input id").isEqualTo(1);
    }

    @Test
    void channelSubscribesByTheSharedTopicPattern() {
        assertThat(inboundTopics).isEqualTo(Topics.CONSENT_INBOUND_PATTERN);
    }

    private Write write(String patient) throws IOException {
        return (Write) reader.read(null, consent(patient));
    }

    private List<ConsumerRecord<String, String>> awaitResults(String inputId, int count) {
        return await().atMost(HANDLED).pollInterval(Duration.ofMillis(200))
                .until(() -> results.getRecords().stream().filter(r -> inputId.equals(r.key())).toList(),
                        found -> found.size() >= count);
    }

    /** How many consents the register holds for this client, as a service account sees it. */
    private static int consentsOf(String patient) {
        return given().auth().oauth2(TestTokens.token("inbound-it", "service", Map.of()))
                .queryParam("patient:identifier", patient)
                .get("/fhir/Consent")
                .then().statusCode(200)
                .extract().path("total");
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

    private static String consent(String patient) throws IOException {
        try (var in = InboundConsentIT.class.getResourceAsStream("/fhir/consent-active-00000101.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("999993653", patient);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String newInputId() {
        return "inbound-it-" + UUID.randomUUID();
    }

    /** A test BSN (9999…) of this test's own, passing the 11-test. */
    private static String newBsn() {
        while (true) {
            String first = "9999" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (first.charAt(i) - '0');
            }
            int check = sum % 11;
            if (check < 10 && Identifiers.isValidBsn(first + check)) {
                return first + check;
            }
        }
    }
}
