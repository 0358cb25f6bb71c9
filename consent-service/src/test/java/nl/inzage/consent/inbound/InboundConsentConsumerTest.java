package nl.inzage.consent.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.fhir.FhirContextProducer;
import nl.inzage.consent.fhir.OperationOutcomes;
import nl.inzage.consent.inbound.InboundConsentReader.Unreadable;
import nl.inzage.consent.inbound.InboundConsentReader.Write;
import nl.inzage.contracts.CloudEventHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a record is acknowledged (its offset may be committed) and when it is not: the consumer
 * against a database and a broker that fail on purpose.
 */
class InboundConsentConsumerTest {

    private static final int RETRIES = 3;
    private static final InboundConfig FAST = new InboundConfig() {
        public int retries() {
            return RETRIES;
        }

        public Duration firstBackoff() {
            return Duration.ofMillis(1);
        }

        public Duration maxBackoff() {
            return Duration.ofMillis(5);
        }
    };

    private static InboundConsentReader reader;
    private static OperationOutcomes outcomes;
    private static String consent;

    private FakeInbound inbound;
    private FakeResults results;
    private InboundConsentConsumer consumer;

    @BeforeAll
    static void setUpOnce() throws IOException {
        var fhir = FhirContextProducer.newContext();
        reader = new InboundConsentReader(new ConsentReader(fhir), new ObjectMapper());
        outcomes = new OperationOutcomes(fhir);
        try (InputStream in = InboundConsentConsumerTest.class.getResourceAsStream("/fhir/consent-active-00000101.json")) {
            consent = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() {
        inbound = new FakeInbound();
        results = new FakeResults();
        consumer = new InboundConsentConsumer(reader, inbound, results, new FakeDeadLetters(), outcomes,
                new SimpleMeterRegistry(), FAST);
    }

    @Test
    void databaseAwayPastTheRetriesStopsTheChannelWithoutAcknowledging() {
        inbound.receipt = () -> Uni.createFrom().failure(new IllegalStateException("connection refused"));
        FakeRecord record = new FakeRecord(consent);

        consumer.consume(record).await().atMost(Duration.ofSeconds(5));

        assertThat(record.acked).isFalse();
        assertThat(record.nacked).as("nack: failure-strategy=fail stops the channel, the offset stays uncommitted").isTrue();
        assertThat(inbound.lookups.get()).isEqualTo(1 + RETRIES);
        assertThat(results.published).isEmpty();
    }

    @Test
    void databaseBackWithinTheRetriesStoresAndAnswersOnce() {
        AtomicInteger calls = new AtomicInteger();
        inbound.receipt = () -> calls.incrementAndGet() <= 2
                ? Uni.createFrom().failure(new IllegalStateException("connection refused"))
                : Uni.createFrom().nullItem();
        FakeRecord record = new FakeRecord(consent);

        consumer.consume(record).await().atMost(Duration.ofSeconds(5));

        assertThat(record.acked).isTrue();
        assertThat(inbound.applied.get()).isEqualTo(1);
        assertThat(results.published).extracting(r -> r.accepted).containsExactly(true);
    }

    @Test
    void resultNotPublishedIsPublishedFromTheReceiptOnTheNextAttempt() {
        results.failures = 1;
        FakeRecord record = new FakeRecord(consent);

        consumer.consume(record).await().atMost(Duration.ofSeconds(5));

        assertThat(record.acked).isTrue();
        assertThat(inbound.applied.get()).as("the write is not repeated").isEqualTo(1);
        assertThat(results.published).hasSize(1);
    }

    @Test
    void refusedWriteIsAnsweredNotRetried() {
        inbound.apply = () -> Uni.createFrom().failure(FhirProblem.forbidden("not your organisation's consent"));
        FakeRecord record = new FakeRecord(consent);

        consumer.consume(record).await().atMost(Duration.ofSeconds(5));

        assertThat(record.acked).isTrue();
        assertThat(inbound.applied.get()).isEqualTo(1);
        assertThat(results.published).singleElement().satisfies(r -> {
            assertThat(r.accepted).isFalse();
            assertThat(r.outcome).contains("forbidden");
        });
    }

    @Test
    void sameInputReceiptedMeanwhileKeepsTheResultThatWon() {
        InboundReceiptEntity winner = receiptOf(true);
        winner.consentId = "the-winner";
        AtomicInteger lookups = new AtomicInteger();
        inbound.receipt = () -> Uni.createFrom().item(lookups.incrementAndGet() == 1 ? null : winner);
        inbound.apply = () -> Uni.createFrom().failure(new IllegalStateException("duplicate key (23505)"));
        FakeRecord record = new FakeRecord(consent);

        consumer.consume(record).await().atMost(Duration.ofSeconds(5));

        assertThat(record.acked).isTrue();
        assertThat(inbound.applied.get()).isEqualTo(1);
        assertThat(results.published).extracting(r -> r.consentId).containsExactly("the-winner");
    }

    @Test
    void unreadableRecordIsAnsweredAndAcknowledged() {
        FakeRecord record = new FakeRecord("not json");

        consumer.consume(record).await().atMost(Duration.ofSeconds(5));

        assertThat(record.acked).isTrue();
        assertThat(inbound.applied.get()).isZero();
        assertThat(results.published).singleElement().satisfies(r -> assertThat(r.outcome).contains("not-json"));
    }

    private static InboundReceiptEntity receiptOf(boolean accepted) {
        InboundReceiptEntity receipt = new InboundReceiptEntity();
        receipt.topic = FakeRecord.TOPIC;
        receipt.inputId = "ce-1";
        receipt.accepted = accepted;
        return receipt;
    }

    /** The database, as far as the consumer sees it. */
    private static class FakeInbound extends InboundConsentService {

        final AtomicInteger lookups = new AtomicInteger();
        final AtomicInteger applied = new AtomicInteger();
        Supplier<Uni<InboundReceiptEntity>> receipt = () -> Uni.createFrom().nullItem();
        Supplier<Uni<InboundReceiptEntity>> apply = () -> {
            InboundReceiptEntity stored = receiptOf(true);
            stored.consentId = "c-1";
            stored.version = 1;
            stored.revision = 1L;
            return Uni.createFrom().item(stored);
        };
        InboundReceiptEntity stored;

        FakeInbound() {
            super(null, null);
        }

        @Override
        public Uni<InboundReceiptEntity> receipt(InboundInput input) {
            lookups.incrementAndGet();
            // What was committed before is found again, as in the database.
            return stored != null ? Uni.createFrom().item(stored) : Uni.createFrom().deferred(() -> receipt.get());
        }

        @Override
        public Uni<InboundReceiptEntity> apply(InboundInput input, Write write) {
            applied.incrementAndGet();
            return Uni.createFrom().deferred(() -> apply.get()).invoke(r -> stored = r);
        }

        @Override
        public Uni<InboundReceiptEntity> reject(InboundInput input, String operationOutcome) {
            InboundReceiptEntity rejected = receiptOf(false);
            rejected.outcome = operationOutcome;
            stored = rejected;
            return Uni.createFrom().item(rejected);
        }
    }

    private static class FakeResults extends InboundResultPublisher {

        final List<InboundReceiptEntity> published = new ArrayList<>();
        int failures;

        FakeResults() {
            super(null, new ObjectMapper(), "consent-service");
        }

        @Override
        public Uni<Void> publish(InboundReceiptEntity receipt) {
            if (failures > 0) {
                failures--;
                return Uni.createFrom().failure(new IllegalStateException("broker away"));
            }
            published.add(receipt);
            return Uni.createFrom().voidItem();
        }
    }

    private static class FakeDeadLetters extends DeadLetterPublisher {

        FakeDeadLetters() {
            super(null);
        }

        @Override
        public Uni<Void> publish(KafkaRecord<String, String> original, InboundInput input, Unreadable reason) {
            return Uni.createFrom().voidItem();
        }
    }

    private static class FakeRecord implements KafkaRecord<String, String> {

        static final String TOPIC = "consent.inbound.00000101";
        private final String value;
        private final RecordHeaders headers = new RecordHeaders();
        volatile boolean acked;
        volatile boolean nacked;

        FakeRecord(String value) {
            this.value = value;
            headers.add(CloudEventHeaders.ID, "ce-1".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String getPayload() {
            return value;
        }

        @Override
        public String getKey() {
            return "ce-1";
        }

        @Override
        public String getTopic() {
            return TOPIC;
        }

        @Override
        public int getPartition() {
            return 0;
        }

        @Override
        public Instant getTimestamp() {
            return Instant.now();
        }

        @Override
        public Headers getHeaders() {
            return headers;
        }

        @Override
        public CompletionStage<Void> ack() {
            acked = true;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> nack(Throwable reason) {
            nacked = true;
            return CompletableFuture.completedFuture(null);
        }
    }
}
