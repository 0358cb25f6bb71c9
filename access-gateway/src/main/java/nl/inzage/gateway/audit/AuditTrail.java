package nl.inzage.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/** Sends every decision to {@code audit.events}, keyed by event id (never by BSN). */
@ApplicationScoped
public class AuditTrail {

    public static final String CHANNEL = "audit-out";
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final int EMITTER_BUFFER = 16384;

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final String source;
    private final Duration ackTimeout;
    private final Counter failures;
    private final Counter bufferFull;
    private final Semaphore pending;

    public AuditTrail(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER) MutinyEmitter<String> emitter,
            ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "inzage.audit.ack-timeout", defaultValue = "PT2S") Duration ackTimeout,
            @ConfigProperty(name = "inzage.audit.buffer-size", defaultValue = "10000") int bufferSize,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.source = source;
        this.ackTimeout = ackTimeout;
        this.failures = registry.counter("inzage.audit.send.failures");
        this.bufferFull = registry.counter("inzage.audit.buffer.full");
        // Below the emitter's own overflow buffer, so the emitter never refuses what was accepted here.
        this.pending = new Semaphore(Math.min(bufferSize, EMITTER_BUFFER));
        Gauge.builder("inzage.audit.buffer.pending", pending, permits -> Math.min(bufferSize, EMITTER_BUFFER) - permits.availablePermits())
                .description("Decision-API audit records queued and not yet acknowledged by Kafka")
                .register(registry);
    }

    /** Completes once Kafka has acknowledged the record; fails when it cannot within the ack timeout. */
    public Uni<Void> record(AccessDecided event) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message(event)))
                .ifNoItem().after(ackTimeout).fail()
                .onFailure().invoke(this::countFailure);
    }

    /**
     * Queues the record for sending without waiting for the acknowledgement; the producer sends
     * queued records in batches. A record stays queued, and is retried, until Kafka has
     * acknowledged it: none is dropped. False when the queue is full: the caller must then not permit.
     */
    public boolean offer(AccessDecided event) {
        if (!pending.tryAcquire()) {
            bufferFull.increment();
            return false;
        }
        Message<String> message = message(event);
        Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .onFailure().invoke(this::countFailure)
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(sent -> pending.release(), this::countFailure);
        return true;
    }

    private void countFailure(Throwable failure) {
        failures.increment();
        LOG.errorf("audit record not written to Kafka: %s", failure.getMessage());
    }

    private Message<String> message(AccessDecided event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, bytes(event.eventId()));
        headers.add(CloudEventHeaders.TYPE, bytes(EventTypes.ACCESS_DECIDED));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.TIME, bytes(event.occurredAt().toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(event.requestId()));
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        return Message.of(json(event)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.eventId())
                .withHeaders(headers)
                .build());
    }

    private String json(AccessDecided event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an audit record", e);
        }
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
