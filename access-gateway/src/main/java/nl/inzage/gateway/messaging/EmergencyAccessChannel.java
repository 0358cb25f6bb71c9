package nl.inzage.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import nl.inzage.contracts.EmergencyAccessGranted;
import nl.inzage.contracts.EventTypes;
import nl.inzage.gateway.decision.EmergencyAccess;
import nl.inzage.gateway.projection.EmergencyAccesses;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Shares emergency accesses between replicas through {@code access.emergency}: the granting
 * replica publishes, every replica (this one too) reads the topic from the beginning (every partition
 * assigned, no group) and holds the grants in {@link EmergencyAccesses}. An unreadable record grants nothing:
 * it is counted ({@code inzage_emergency_unreadable_events_total}), logged with its place, and skipped, as
 * the state topics' are; not dead-lettered, since every replica reads it and each would set it aside again.
 */
@ApplicationScoped
public class EmergencyAccessChannel {

    public static final String OUT = "emergency-out";
    public static final String IN = "emergency-events";
    private static final Logger LOG = Logger.getLogger(EmergencyAccessChannel.class);

    private final MutinyEmitter<String> emitter;
    private final EmergencyAccesses emergencies;
    private final ObjectMapper mapper;
    private final String source;
    private final Duration ackTimeout;
    private final Counter unreadable;

    public EmergencyAccessChannel(@Channel(OUT) MutinyEmitter<String> emitter, EmergencyAccesses emergencies, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "inzage.audit.ack-timeout", defaultValue = "PT2S") Duration ackTimeout, MeterRegistry registry) {
        this.emitter = emitter;
        this.emergencies = emergencies;
        this.mapper = mapper;
        this.source = source;
        this.ackTimeout = ackTimeout;
        this.unreadable = registry.counter("inzage.emergency.unreadable.events");
    }

    /** Completes once Kafka has acknowledged the grant, so every replica will hold it. */
    public Uni<Void> publish(EmergencyAccess access) {
        EmergencyAccessGranted event = new EmergencyAccessGranted(access.id(), access.practitionerUzi(), access.organization(),
                access.patientBsn(), access.grantedAt(), access.expiresAt());
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message(event)))
                .ifNoItem().after(ackTimeout).fail();
    }

    @Incoming(IN)
    public void onGrant(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            EmergencyAccessGranted event = mapper.readValue(record.value(), EmergencyAccessGranted.class);
            if (event.grantId() == null || event.practitionerUzi() == null || event.organization() == null
                    || event.patientBsn() == null || event.grantedAt() == null || event.expiresAt() == null) {
                unreadable.increment();
                LOG.errorf("incomplete emergency access at %s-%d@%d skipped", record.topic(), record.partition(), record.offset());
                return;
            }
            emergencies.apply(new EmergencyAccess(event.grantId(), event.practitionerUzi(), event.organization(), event.patientBsn(),
                    null, event.grantedAt(), event.expiresAt()));
        } catch (JsonProcessingException e) {
            // An unreadable grant grants nothing; it must not stop the consumer.
            unreadable.increment();
            LOG.errorf("unreadable emergency access at %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(),
                    e.getOriginalMessage());
        }
    }

    private Message<String> message(EmergencyAccessGranted event) {
        RecordHeaders headers = CloudEventRecordHeaders.of(event.grantId(), EventTypes.EMERGENCY_ACCESS_GRANTED, source,
                event.grantedAt(), event.grantId());
        try {
            return Message.of(mapper.writeValueAsString(event)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(event.grantId()).withHeaders(headers).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an emergency access", e);
        }
    }
}
