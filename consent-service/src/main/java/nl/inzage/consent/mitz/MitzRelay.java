package nl.inzage.consent.mitz;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Delivers the Mitz outbox: due rows, oldest first, each until Mitz has taken it. A failed
 * delivery is tried again after a backoff that doubles up to the configured maximum; rows are
 * never dropped. {@code for update skip locked} lets several replicas share the work without
 * sending a row twice at the same time; delivery is still at least once (Mitz answers a repeated
 * subscription with 202, and usage records carry their audit record's id).
 */
@ApplicationScoped
public class MitzRelay {

    private static final Logger LOG = Logger.getLogger(MitzRelay.class);

    private final MitzClient mitz;
    private final MitzConfig config;
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running;
    private Thread worker;

    public MitzRelay(MitzClient mitz, MitzConfig config, MeterRegistry registry) {
        this.mitz = mitz;
        this.config = config;
        registry.gauge("inzage.mitz.outbox.backlog", backlog);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "mitz-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(config.timeout().toMillis() * 2);
        }
    }

    private void loop() {
        while (running) {
            int handled;
            try {
                handled = VertxContextSupport.subscribeAndAwait(this::relayBatch);
            } catch (Throwable failure) {
                if (!running) {
                    return;
                }
                LOG.warnf("mitz relay: batch failed, will retry: %s", failure.getClass().getSimpleName());
                handled = 0;
            }
            if (handled == 0) {
                pause(config.relayIdlePause());
            }
        }
    }

    /** Tries every due row once; the number of rows tried. */
    Uni<Integer> relayBatch() {
        Context context = Vertx.currentContext();
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select * from mitz_outbox where delivered_at is null and next_attempt_at <= now()"
                        + " order by id limit " + config.relayBatchSize() + " for update skip locked", MitzOutboxEntry.class)
                .getResultList())
                .chain(rows -> deliverAll(rows, onContext).replaceWith(rows.size())))
                .call(() -> Panache.withSession(() -> MitzOutboxEntry.count("deliveredAt is null").invoke(backlog::set)));
    }

    private Uni<Void> deliverAll(List<MitzOutboxEntry> rows, Executor onContext) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MitzOutboxEntry row : rows) {
            chain = chain.chain(() -> mitz.send(MitzClient.Kind.valueOf(row.kind), row.payload)
                    .emitOn(onContext)
                    .onItemOrFailure().invoke((ignored, failure) -> settle(row, failure))
                    .onFailure().recoverWithNull());
        }
        return chain;
    }

    private void settle(MitzOutboxEntry row, Throwable failure) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        row.attempts++;
        if (failure == null) {
            row.deliveredAt = now;
            row.lastError = null;
            return;
        }
        Duration backoff = backoff(row.attempts, config.relayFirstBackoff(), config.relayMaxBackoff());
        row.nextAttemptAt = now.plus(backoff);
        row.lastError = failure.getMessage();
        LOG.infof("mitz relay: %s %d not delivered (attempt %d), next in %s: %s", row.kind, row.id, row.attempts, backoff,
                failure.getMessage());
    }

    static Duration backoff(int attempts, Duration first, Duration max) {
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration backoff = first.multipliedBy(factor);
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
