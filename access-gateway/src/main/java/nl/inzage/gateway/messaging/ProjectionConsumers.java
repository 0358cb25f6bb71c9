package nl.inzage.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.gateway.projection.CatchUp;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
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

    /**
     * A whole poll at a time ({@code batch=true}): one record at a time through Reactive Messaging
     * was what limited the catch-up (BENCHMARKS.md, "Projection footprint and readiness").
     */
    @Incoming(CONSENT_CHANNEL)
    public void onConsents(ConsumerRecords<String, String> records) {
        apply(records, ConsentChanged.class, ProjectionConsumers::complete, consents::apply);
    }

    @Incoming(RELATIONSHIP_CHANNEL)
    public void onRelationships(ConsumerRecords<String, String> records) {
        apply(records, RelationshipChanged.class, ProjectionConsumers::complete, relationships::apply);
    }

    /**
     * Applies every record of a partition in offset order, then tells the catch-up the partition's
     * last offset: everything up to it has been applied (or, if unreadable, counted and skipped).
     */
    private <T> void apply(ConsumerRecords<String, String> records, Class<T> type, Predicate<T> complete, Consumer<T> apply) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> inPartition = records.records(partition);
            if (inPartition.isEmpty()) {
                continue;
            }
            for (ConsumerRecord<String, String> record : inPartition) {
                if (record.value() != null) {
                    read(record, type, complete, apply);
                }
            }
            catchUp.consumed(partition.topic(), partition.partition(), inPartition.get(inPartition.size() - 1).offset());
        }
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
