package nl.inzage.consent.mitz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executor;
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
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        return Uni.createFrom().deferred(() -> Panache.withTransaction(
                        () -> subscriptions.ensure(relationship.patientBsn(), relationship.organization())))
                // Every attempt on the record's Vert.x context (Hibernate Reactive refuses any other thread: a retry
                // on Mutiny's worker pool failed with HR000068), until it is done: a database outage of any length
                // is ridden out, and the channel never stops over one (tests/faults, RELIABILITY.md).
                .runSubscriptionOn(onContext)
                .onFailure().invoke(failure -> LOG.warnf("subscription not recorded yet, will retry: %s", failure.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(Long.MAX_VALUE)
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(record::ack)
                        : Uni.createFrom().completionStage(() -> record.nack(failure)));
    }
}
