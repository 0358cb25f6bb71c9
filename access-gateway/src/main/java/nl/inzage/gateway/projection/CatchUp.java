package nl.inzage.gateway.projection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.inzage.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import nl.inzage.gateway.config.KafkaAdminSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Knows whether the projections have caught up with the end of both state topics as they were
 * when the gateway started. Until then every decision is a deny and readiness is DOWN: a replica
 * that has not read everything must not decide.
 */
@ApplicationScoped
public class CatchUp {

    private static final Logger LOG = Logger.getLogger(CatchUp.class);
    private static final List<String> TOPICS = List.of(Topics.CONSENT_EVENTS, Topics.RELATIONSHIP_EVENTS);

    private final Map<String, Object> kafkaDefaults;
    private final Map<TopicPartition, Long> consumed = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> targets;
    private volatile boolean caughtUp;
    private volatile Thread fetcher;

    public CatchUp(@Identifier("default-kafka-broker") Map<String, Object> kafkaDefaults) {
        this.kafkaDefaults = kafkaDefaults;
    }

    void onStart(@Observes StartupEvent event) {
        // The broker may not answer yet: keep trying off the start-up thread.
        Thread thread = new Thread(this::fetchTargetsUntilKnown, "catch-up-targets");
        thread.setDaemon(true);
        thread.start();
        fetcher = thread;
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread thread = fetcher;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Called by the consumers for every record they applied. */
    public void consumed(String topic, int partition, long offset) {
        consumed.merge(new TopicPartition(topic, partition), offset + 1, Math::max);
        if (!caughtUp) {
            check();
        }
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Whether the consumers have applied everything before these offsets. */
    public boolean passed(Map<TopicPartition, Long> offsets) {
        for (Map.Entry<TopicPartition, Long> offset : offsets.entrySet()) {
            if (consumed.getOrDefault(offset.getKey(), 0L) < offset.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Partitions still behind their start-up end offset, for health details. */
    public Map<String, Long> lag() {
        Map<TopicPartition, Long> known = targets;
        Map<String, Long> lag = new HashMap<>();
        if (known == null) {
            return lag;
        }
        known.forEach((partition, end) -> {
            long behind = end - consumed.getOrDefault(partition, 0L);
            if (behind > 0) {
                lag.put(partition.toString(), behind);
            }
        });
        return lag;
    }

    private synchronized void check() {
        Map<TopicPartition, Long> known = targets;
        if (caughtUp || known == null) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : known.entrySet()) {
            if (consumed.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return;
            }
        }
        caughtUp = true;
        LOG.infof("projections caught up with %d partitions", known.size());
    }

    private void fetchTargetsUntilKnown() {
        Properties config = KafkaAdminSettings.of(kafkaDefaults, 5000, 10000);
        while (targets == null && !Thread.currentThread().isInterrupted()) {
            try (Admin admin = Admin.create(config)) {
                targets = endOffsets(admin);
                LOG.infof("catching up to the end offsets of %s", TOPICS);
                check();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warnf("cannot read end offsets yet (%s); retrying", e.getMessage());
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        Map<String, TopicDescription> descriptions = admin.describeTopics(TOPICS).allTopicNames().get(10, TimeUnit.SECONDS);
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                request.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
        return Map.copyOf(ends);
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
