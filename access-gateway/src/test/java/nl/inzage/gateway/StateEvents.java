package nl.inzage.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes state events as consent- and relationship-service would: full state, gap-free store
 * revisions continuing above whatever the gateway has already seen (the test broker outlives runs).
 */
public final class StateEvents {

    public static final ConsentRule NETWORK_PERMIT = new ConsentRule("permit", null, null, null, List.of());
    private static final AtomicLong CONSENT_REVISION = new AtomicLong();
    private static final AtomicLong RELATIONSHIP_REVISION = new AtomicLong();

    private final KafkaCompanion kafka;
    private final ObjectMapper mapper;
    private final ConsentProjection consents;
    private final RelationshipProjection relationships;

    public StateEvents(KafkaCompanion kafka, ObjectMapper mapper, ConsentProjection consents, RelationshipProjection relationships) {
        this.kafka = kafka;
        this.mapper = mapper;
        this.consents = consents;
        this.relationships = relationships;
    }

    /** Publishes the consent of {@code bsn} at {@code holder}; returns its store revision. */
    public long consent(String bsn, String holder, String status, int version, ConsentRule... rules) {
        long revision = CONSENT_REVISION.updateAndGet(last -> Math.max(last, consents.watermark().highest()) + 1);
        String id = "consent-" + bsn + "-" + holder;
        ConsentChanged event = new ConsentChanged(UUID.randomUUID().toString(), id, version, revision, Instant.now(),
                new Actor("source-system", "source-" + holder, holder), "source-system", status, bsn, holder,
                List.of(rules.length == 0 ? new ConsentRule[] {NETWORK_PERMIT} : rules), "{}");
        send(Topics.CONSENT_EVENTS, id, event);
        return revision;
    }

    /** Publishes an active treatment relationship of {@code organization} with {@code bsn} (or ends it); returns its revision. */
    public long relationship(String bsn, String organization, String status, int version) {
        return relationship(bsn, organization, status, version, reserveRelationshipRevision());
    }

    /** The next relationship revision, for a test that must know it before the event is published. */
    public long reserveRelationshipRevision() {
        return RELATIONSHIP_REVISION.updateAndGet(last -> Math.max(last, relationships.watermark().highest()) + 1);
    }

    public long relationship(String bsn, String organization, String status, int version, long revision) {
        String id = "relationship-" + bsn + "-" + organization;
        RelationshipChanged event = new RelationshipChanged(UUID.randomUUID().toString(), id, version, revision, Instant.now(),
                new Actor("source-system", "source-" + organization, organization), bsn, organization, "V4", null,
                "treatment", status, LocalDate.now().minusDays(10), "ended".equals(status) ? LocalDate.now().minusDays(1) : null,
                "intake");
        send(Topics.RELATIONSHIP_EVENTS, id, event);
        return revision;
    }

    private void send(String topic, String key, Object event) {
        try {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, mapper.writeValueAsString(event))).awaitCompletion();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
