package nl.inzage.consent.mitz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import nl.inzage.contracts.RelationshipChanged;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Flow 1's other trigger: a client's first treatment relationship with a data holder connected to
 * Mitz registers her there, as her first consent does. Reads {@code relationship.events} in its own
 * group; the subscription goes into the Mitz outbox before the offset is committed.
 */
@ApplicationScoped
public class MitzRelationshipConsumer {

    public static final String CHANNEL = "mitz-relationships";
    private static final Logger LOG = Logger.getLogger(MitzRelationshipConsumer.class);

    private final ObjectMapper mapper;
    private final MitzSubscriptions subscriptions;
    private final MitzConfig config;

    public MitzRelationshipConsumer(ObjectMapper mapper, MitzSubscriptions subscriptions, MitzConfig config) {
        this.mapper = mapper;
        this.subscriptions = subscriptions;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecord<String, String> record) {
        RelationshipChanged relationship;
        try {
            relationship = mapper.readValue(record.getPayload(), RelationshipChanged.class);
        } catch (Exception e) {
            LOG.debugf("relationship event not readable; no subscription");
            return Uni.createFrom().completionStage(record::ack);
        }
        if (relationship.patientBsn() == null || relationship.organization() == null
                || !config.holderUsesMitz(relationship.organization())) {
            return Uni.createFrom().completionStage(record::ack);
        }
        return Uni.createFrom().deferred(() -> Panache.withTransaction(
                        () -> subscriptions.ensure(relationship.patientBsn(), relationship.organization())))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(10)
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(record::ack)
                        : Uni.createFrom().completionStage(() -> record.nack(failure)));
    }
}
