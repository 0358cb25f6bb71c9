package nl.inzage.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import nl.inzage.contracts.CloudEventHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows in id order and marks them published once Kafka acknowledged
 * them. One relay at a time per database (a transaction-scoped advisory lock), so the order per
 * key is the commit order even with several replicas. Kafka down: the batch fails, its
 * transaction rolls back, and the same rows are tried again; writers are never blocked.
 * Delivery is at least once: consumers are idempotent on {@code ce_id}.
 *
 * <p>It runs on a thread of its own rather than the scheduler, whose triggers fire at most once
 * a second: the relay's pause is what a withdrawal waits before it reaches the gateway.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel every publishing service configures (connector smallrye-kafka). */
    public static final String CHANNEL = "outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that makes one relay active per database. */
    private static final long RELAY_LOCK = 0x696e7a616765L;

    private final MutinyEmitter<String> emitter;
    private final String source;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Duration idlePause;
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "inzage.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "inzage.outbox.send-timeout", defaultValue = "PT10S") Duration sendTimeout,
            @ConfigProperty(name = "inzage.outbox.idle-pause", defaultValue = "PT0.02S") Duration idlePause,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.source = source;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.idlePause = idlePause;
        registry.gauge("inzage.outbox.backlog", backlog);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(sendTimeout.toMillis());
    }

    private void loop() {
        int failedInARow = 0;
        while (running) {
            int published;
            try {
                // A fresh duplicated Vert.x context per batch: what Hibernate Reactive needs off a request.
                published = VertxContextSupport.subscribeAndAwait(this::relayBatch);
                if (failedInARow > 0 && published > 0) {
                    LOG.infof("outbox relay: publishing again after %d failed attempts", failedInARow);
                    failedInARow = 0;
                }
            } catch (Throwable failure) {
                if (!running) {
                    return;
                }
                failedInARow++;
                LOG.warnf("outbox relay: batch not published (attempt %d), will retry: %s", failedInARow,
                        failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
                published = 0;
                pause(Duration.ofSeconds(1));
            }
            if (published < batchSize) {
                pause(idlePause);
            }
        }
    }

    /** Publishes one batch; the number of events published. */
    Uni<Integer> relayBatch() {
        Context context = Vertx.currentContext();
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        return Panache.withTransaction(() -> tryLock()
                .chain(locked -> locked ? publishBatch(onContext) : Uni.createFrom().item(0)));
    }

    private Uni<Boolean> tryLock() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")", Boolean.class)
                .getSingleResult());
    }

    private Uni<Integer> publishBatch(Executor onContext) {
        return OutboxEvent.<OutboxEvent>find("publishedAt is null order by id").page(0, batchSize).list()
                .chain(events -> events.isEmpty()
                        ? countBacklog().replaceWith(0)
                        : sendAll(events).emitOn(onContext)
                                .chain(() -> markPublished(events))
                                .chain(this::countBacklog)
                                .replaceWith(events.size()));
    }

    private Uni<Void> sendAll(List<OutboxEvent> events) {
        // Subscribed in list order: the idempotent producer keeps that order per partition.
        List<Uni<Void>> sends = events.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid()
                .ifNoItem().after(sendTimeout).fail();
    }

    private Uni<Void> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, bytes(event.eventId));
        headers.add(CloudEventHeaders.TYPE, bytes(event.eventType));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.TIME, bytes(event.createdAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        headers.add(CloudEventHeaders.SUBJECT, bytes(event.subject));
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.key)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(event.payload).addMetadata(metadata));
    }

    private Uni<Void> markPublished(List<OutboxEvent> events) {
        List<Long> ids = events.stream().map(e -> e.id).toList();
        return OutboxEvent.update("publishedAt = ?1 where id in ?2", OffsetDateTime.now(ZoneOffset.UTC), ids)
                .replaceWithVoid();
    }

    private Uni<Void> countBacklog() {
        return OutboxEvent.count("publishedAt is null").invoke(backlog::set).replaceWithVoid();
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
