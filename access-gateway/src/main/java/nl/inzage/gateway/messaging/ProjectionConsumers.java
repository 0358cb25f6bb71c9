package nl.inzage.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.gateway.projection.CatchUp;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the projections from the two compacted state topics, read from the beginning by every
 * replica (a group id of its own, no offsets committed). Applying is idempotent, so a replay or
 * a re-delivery changes nothing.
 */
@ApplicationScoped
public class ProjectionConsumers {

    public static final String CONSENT_CHANNEL = "consent-events";
    public static final String RELATIONSHIP_CHANNEL = "relationship-events";
    private static final Logger LOG = Logger.getLogger(ProjectionConsumers.class);

    private final ConsentProjection consents;
    private final RelationshipProjection relationships;
    private final CatchUp catchUp;
    private final ObjectMapper mapper;
    private final Counter unreadable;

    public ProjectionConsumers(ConsentProjection consents, RelationshipProjection relationships, CatchUp catchUp,
            ObjectMapper mapper, MeterRegistry registry) {
        this.consents = consents;
        this.relationships = relationships;
        this.catchUp = catchUp;
        this.mapper = mapper;
        this.unreadable = registry.counter("inzage.projection.unreadable.events");
    }

    @Incoming(CONSENT_CHANNEL)
    public void onConsent(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            read(record, ConsentChanged.class, consents::apply);
        }
        catchUp.consumed(record.topic(), record.partition(), record.offset());
    }

    @Incoming(RELATIONSHIP_CHANNEL)
    public void onRelationship(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            read(record, RelationshipChanged.class, relationships::apply);
        }
        catchUp.consumed(record.topic(), record.partition(), record.offset());
    }

    private <T> void read(ConsumerRecord<String, String> record, Class<T> type, java.util.function.Consumer<T> apply) {
        T event;
        try {
            event = mapper.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            // An unreadable state event cannot grant anything; count it so operators see it, and move on.
            unreadable.increment();
            LOG.errorf("unreadable %s at %s-%d@%d skipped: %s", type.getSimpleName(), record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
            return;
        }
        apply.accept(event);
    }
}
