package nl.inzage.gateway.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.config.GatewayConfig;
import io.smallrye.common.annotation.Identifier;
import nl.inzage.gateway.config.KafkaAdminSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Confirms, again and again, that the projections are at the end of both state topics: it reads
 * the end offsets and the revisions applied so far, and once the consumers have passed those
 * offsets, everything published before that moment is applied. When no confirmation succeeds for
 * longer than the staleness limit (the broker is unreachable, the consumers are stuck), the
 * projections are stale and every decision is a deny.
 */
@ApplicationScoped
public class Freshness {

    private static final Logger LOG = Logger.getLogger(Freshness.class);
    private static final List<String> TOPICS = List.of(Topics.CONSENT_EVENTS, Topics.RELATIONSHIP_EVENTS);

    /** End offsets read at {@code takenAt}, with the revisions the projections had applied just before. */
    private record Snapshot(Instant takenAt, Map<TopicPartition, Long> ends, long consentRevision, long relationshipRevision) {
    }

    private final CatchUp catchUp;
    private final ConsentProjection consents;
    private final RelationshipProjection relationships;
    private final GatewayConfig config;
    private final Map<String, Object> kafkaDefaults;
    private volatile Instant confirmedAt = Instant.now();
    private Snapshot outstanding;
    private ScheduledExecutorService scheduler;
    private Admin admin;

    public Freshness(CatchUp catchUp, ConsentProjection consents, RelationshipProjection relationships, GatewayConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaDefaults, MeterRegistry registry) {
        this.catchUp = catchUp;
        this.consents = consents;
        this.relationships = relationships;
        this.config = config;
        this.kafkaDefaults = kafkaDefaults;
        Gauge.builder("inzage.projection.stale", this, freshness -> freshness.stale() ? 1 : 0)
                .description("1 while freshness cannot be confirmed for longer than the staleness limit: every decision is denied")
                .register(registry);
        Gauge.builder("inzage.projection.freshness.age", this, freshness -> freshness.age().toMillis() / 1000.0)
                .description("Seconds since the projections were last confirmed at the end of their topics")
                .baseUnit("seconds")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        admin = Admin.create(KafkaAdminSettings.of(kafkaDefaults, 3000, 5000));
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-freshness");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.freshnessCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** True when freshness has not been confirmed for longer than the staleness limit. */
    public boolean stale() {
        return age().compareTo(config.stalenessLimit()) > 0;
    }

    /** Time since the projections were last confirmed at the end of their topics. */
    public Duration age() {
        return Duration.between(confirmedAt, Instant.now());
    }

    private void check() {
        try {
            Snapshot snapshot = outstanding;
            if (snapshot != null && catchUp.caughtUp() && catchUp.passed(snapshot.ends())) {
                consents.watermark().settle(snapshot.consentRevision());
                relationships.watermark().settle(snapshot.relationshipRevision());
                confirmedAt = snapshot.takenAt();
                outstanding = null;
            }
            if (outstanding == null) {
                outstanding = snapshot();
            }
        } catch (Exception e) {
            // Expected while the broker is unreachable; stale() turns it into denies after the limit.
            LOG.debugf("cannot confirm freshness: %s", e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Snapshot snapshot() throws Exception {
        Instant takenAt = Instant.now();
        // Revisions first: everything applied now was published before the end offsets are read.
        long consentRevision = consents.watermark().highest();
        long relationshipRevision = relationships.watermark().highest();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        Map<String, TopicDescription> descriptions = admin.describeTopics(TOPICS).allTopicNames().get(5, TimeUnit.SECONDS);
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                request.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
        return new Snapshot(takenAt, Map.copyOf(ends), consentRevision, relationshipRevision);
    }
}
