package nl.inzage.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
            read(record, ConsentChanged.class, ProjectionConsumers::complete, consents::apply);
        }
        catchUp.consumed(record.topic(), record.partition(), record.offset());
    }

    @Incoming(RELATIONSHIP_CHANNEL)
    public void onRelationship(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            read(record, RelationshipChanged.class, ProjectionConsumers::complete, relationships::apply);
        }
        catchUp.consumed(record.topic(), record.partition(), record.offset());
    }

    /**
     * An unreadable or incomplete state event cannot grant anything: it is counted so operators see
     * it, and skipped. It must never stop the consumer, or the projection would silently freeze.
     */
    private <T> void read(ConsumerRecord<String, String> record, Class<T> type, Predicate<T> complete, Consumer<T> apply) {
        String problem;
        try {
            T event = mapper.readValue(record.value(), type);
            if (complete.test(event)) {
                apply.accept(event);
                return;
            }
            problem = "required fields missing";
        } catch (JsonProcessingException e) {
            problem = e.getOriginalMessage();
        }
        unreadable.increment();
        LOG.errorf("unreadable %s at %s-%d@%d skipped: %s", type.getSimpleName(), record.topic(), record.partition(),
                record.offset(), problem);
    }

    private static boolean complete(ConsentChanged event) {
        return event.consentId() != null && event.patientBsn() != null && event.custodianUra() != null && event.status() != null;
    }

    private static boolean complete(RelationshipChanged event) {
        return event.relationshipId() != null && event.patientBsn() != null && event.organization() != null
                && event.status() != null && event.start() != null;
    }
}
