package nl.inzage.consent.mitz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import nl.inzage.consent.repository.ConsentVersionEntity;
import nl.inzage.consent.service.ConsentService;
import nl.inzage.contracts.AccessDecided;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Flow 6, usage: every permit that rests on a Mitz consent is recorded back to Mitz. The gateway
 * has no database, but every decision it makes is already an acknowledged record on
 * {@code audit.events} (a permit is answered only once Kafka has acknowledged its record, acks=all).
 * This consumer reads those records in its own group, finds permits whose consent versions came
 * from Mitz, and writes one usage record per audit record into the Mitz outbox (keyed by the audit
 * record's id, so a re-delivery adds nothing). The offset is committed only after that commit:
 * nothing is lost between the gateway and Mitz.
 */
@ApplicationScoped
public class MitzUsageConsumer {

    public static final String CHANNEL = "mitz-usage";
    private static final Logger LOG = Logger.getLogger(MitzUsageConsumer.class);

    private final ObjectMapper mapper;
    private final MitzOutbox outbox;
    private final MitzResources resources;
    private final MitzConfig config;

    public MitzUsageConsumer(ObjectMapper mapper, MitzOutbox outbox, MitzResources resources, MitzConfig config) {
        this.mapper = mapper;
        this.outbox = outbox;
        this.resources = resources;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecord<String, String> record) {
        AccessDecided access;
        try {
            access = mapper.readValue(record.getPayload(), AccessDecided.class);
        } catch (Exception e) {
            // Not ours to judge: audit-service dead-letters unreadable audit records.
            LOG.debugf("audit record at offset %s not readable as AccessDecided; no usage", record.getPartition());
            return Uni.createFrom().completionStage(record::ack);
        }
        if (!config.enabled() || !"permit".equals(access.decision()) || access.consentIds() == null || access.consentIds().isEmpty()) {
            return Uni.createFrom().completionStage(record::ack);
        }
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> recordUsage(access)))
                // Every attempt on the record's Vert.x context (Hibernate Reactive refuses any other thread: a retry
                // on Mutiny's worker pool failed with HR000068), until it is done: a database outage of any length
                // is ridden out, and the channel never stops over one (tests/faults, RELIABILITY.md).
                .runSubscriptionOn(onContext)
                .onFailure().invoke(failure -> LOG.warnf("usage not recorded yet, will retry: %s", failure.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(Long.MAX_VALUE)
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(record::ack)
                        : Uni.createFrom().completionStage(() -> record.nack(failure)));
    }

    private Uni<Void> recordUsage(AccessDecided access) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String versioned : access.consentIds()) {
            String[] parts = versioned.split("/_history/");
            if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
                continue;
            }
            String consentId = parts[0];
            int version = Integer.parseInt(parts[1]);
            chain = chain.chain(() -> ConsentVersionEntity.<ConsentVersionEntity>find("consentId = ?1 and version = ?2", consentId, version)
                    .firstResult()
                    .chain(row -> row == null || !ConsentService.ORIGIN_MITZ.equals(row.origin)
                            ? Uni.createFrom().voidItem()
                            : MitzConsentEntity.<MitzConsentEntity>find("consentId", consentId).list()
                                    .chain(mitz -> append(access, versioned, mitz))));
        }
        return chain;
    }

    private Uni<Void> append(AccessDecided access, String versioned, List<MitzConsentEntity> mitz) {
        String mitzId = mitz.isEmpty() ? versioned : mitz.get(0).mitzId;
        return outbox.append(MitzClient.Kind.USAGE, "usage:" + access.eventId() + ":" + versioned, resources.usage(access, mitzId))
                .replaceWithVoid();
    }
}
