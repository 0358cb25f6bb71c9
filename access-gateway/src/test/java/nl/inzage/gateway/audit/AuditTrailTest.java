package nl.inzage.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audit hand-off against Kafka's MockProducer: acknowledgements are given (or refused) by the test. */
class AuditTrailTest {

    private static final Node NODE = new Node(0, "localhost", 9092);
    private static final Cluster CLUSTER = new Cluster("test", List.of(NODE),
            List.of(new PartitionInfo(Topics.AUDIT_EVENTS, 0, NODE, new Node[] {NODE}, new Node[] {NODE})), java.util.Set.of(),
            java.util.Set.of());

    private final MockProducer<String, String> producer = new MockProducer<>(CLUSTER, false, null,
            new StringSerializer(), new StringSerializer());
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private AuditTrail trail;

    @AfterEach
    void close() {
        if (trail != null) {
            trail.close();
        }
    }

    @Test
    void anOfferedRecordIsKeyedByEventIdWithTheCloudEventsHeaders() {
        trail = trail(10, Duration.ofSeconds(2));
        AccessDecided event = event();

        assertThat(trail.offer(event)).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        ProducerRecord<String, String> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(Topics.AUDIT_EVENTS);
        assertThat(sent.key()).isEqualTo(event.eventId());
        assertThat(sent.value()).contains("\"patientBsn\":\"999999011\"").contains("\"decision\":\"permit\"");
        assertThat(header(sent, CloudEventHeaders.ID)).isEqualTo(event.eventId());
        assertThat(header(sent, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ACCESS_DECIDED);
        assertThat(header(sent, CloudEventHeaders.SOURCE)).isEqualTo("access-gateway");
        assertThat(header(sent, CloudEventHeaders.TIME)).isEqualTo(event.occurredAt().toString());
        assertThat(header(sent, CloudEventHeaders.SUBJECT)).isEqualTo(event.requestId());
        assertThat(header(sent, CloudEventHeaders.SPEC_VERSION)).isEqualTo(CloudEventHeaders.SPEC_VERSION_VALUE);
        assertThat(header(sent, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void offersBeyondTheBufferAreRefusedUntilKafkaAcknowledges() {
        trail = trail(2, Duration.ofSeconds(2));

        assertThat(trail.offer(event())).isTrue();
        assertThat(trail.offer(event())).isTrue();
        assertThat(trail.offer(event())).isFalse();
        assertThat(trail.pending()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        assertThat(producer.completeNext()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> trail.pending() == 1);
        assertThat(trail.offer(event())).isTrue();
    }

    @Test
    void aRecordKafkaDidNotAcknowledgeIsSentAgainUntilItIs() {
        trail = trail(10, Duration.ofSeconds(2));
        AccessDecided event = event();
        assertThat(trail.offer(event)).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        assertThat(producer.errorNext(new TimeoutException("broker down"))).isTrue();
        assertThat(trail.pending()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        assertThat(producer.history().get(1).key()).isEqualTo(event.eventId());
        assertThat(trail.pending()).isEqualTo(1);
        assertThat(producer.completeNext()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> trail.pending() == 0);
    }

    @Test
    void recordCompletesOnlyOnceKafkaAcknowledged() {
        trail = trail(10, Duration.ofSeconds(30));
        UniAssertSubscriber<Void> recorded = trail.record(event()).subscribe().withSubscriber(UniAssertSubscriber.create());

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        recorded.assertNotTerminated();
        assertThat(producer.completeNext()).isTrue();
        recorded.awaitItem(Duration.ofSeconds(5));
    }

    @Test
    void recordFailsWhenKafkaRefuses() {
        trail = trail(10, Duration.ofSeconds(30));
        UniAssertSubscriber<Void> recorded = trail.record(event()).subscribe().withSubscriber(UniAssertSubscriber.create());

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        assertThat(producer.errorNext(new TimeoutException("broker down"))).isTrue();
        recorded.awaitFailure(Duration.ofSeconds(5)).assertFailedWith(TimeoutException.class);
    }

    @Test
    void recordFailsWithoutAnAcknowledgementWithinTheAckTimeout() {
        trail = trail(10, Duration.ofMillis(200));
        UniAssertSubscriber<Void> recorded = trail.record(event()).subscribe().withSubscriber(UniAssertSubscriber.create());

        recorded.awaitFailure(Duration.ofSeconds(5));
        assertThat(producer.history()).hasSize(1);
    }

    private AuditTrail trail(int bufferSize, Duration ackTimeout) {
        return new AuditTrail(producer, mapper, "access-gateway", ackTimeout, bufferSize, new SimpleMeterRegistry());
    }

    private static AccessDecided event() {
        return new AccessDecided(UUID.randomUUID().toString(), Instant.parse("2026-11-23T10:15:30Z"), UUID.randomUUID().toString(),
                new AccessDecided.Practitioner("900000201", null, "gynaecoloog", "00000201", "V4"),
                "999999011", "00000101", "ultrasound", null, "read", "permit", List.of("consent-permit"),
                List.of("c1/_history/1"), List.of("r1/_history/1"), "TREAT", false, null);
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
