package nl.inzage.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends every decision to {@code audit.events}, keyed by event id (never by BSN).
 *
 * <p>Why a plain Kafka {@link KafkaProducer} and not the Reactive Messaging emitter: the emitter
 * handed every record, on the Vert.x event loop, to the Kafka sink's own queue and sending thread;
 * under load both event loops queued on that hand-off's lock, and decisions waited for each other
 * (BENCHMARKS.md, "HTTP, open loop"). The Kafka producer is thread-safe and batches by itself (its
 * accumulator, {@code linger.ms}); {@code send} with a callback only appends to a batch, unless it
 * has to wait for the topic's metadata or for buffer memory (KAFKA-3539, the reason SmallRye runs
 * sends on a thread of its own). Both are kept off the event loop here: sends go through the
 * {@code audit-sender} thread until the topic's metadata is known (fetched at start-up), the
 * metadata is kept while idle ({@code metadata.max.idle.ms}), and the records that may be buffered
 * are bounded ({@code inzage.audit.buffer-size}) far below {@code buffer.memory}. The producer is
 * the stable public client API; the SmallRye {@code KafkaClientService} is marked experimental and
 * its {@code KafkaProducer} sends through the same sending thread again.
 *
 * <p>Configuration: every {@code kafka.*} property (bootstrap servers, security: the same defaults
 * the Reactive Messaging channels get), then {@code inzage.audit.kafka.*} (acks, idempotence,
 * linger, timeouts), as the channel {@code audit-out} was configured before.
 */
@Startup
@ApplicationScoped
public class AuditTrail {

    /** The default of {@code inzage.audit.topic}. */
    public static final String TOPIC = Topics.AUDIT_EVENTS;
    static final String CONFIG_PREFIX = "inzage.audit.kafka.";
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final long RETRY_MIN_MS = 500;
    private static final long RETRY_MAX_MS = 10_000;

    private final Producer<String, String> producer;
    private final String topic;
    private final ObjectMapper mapper;
    private final String source;
    private final Duration ackTimeout;
    private final Counter failures;
    private final Counter acknowledgedRecords;
    private final Counter bufferFull;
    private final Semaphore pending;
    private final int capacity;
    /** Sends while the topic's metadata is not known yet, and the retries: the one thread allowed to block in {@code send}. */
    private final ScheduledExecutorService sender;
    private volatile boolean metadataKnown;
    private volatile boolean closed;

    @Inject
    public AuditTrail(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "inzage.audit.ack-timeout", defaultValue = "PT2S") Duration ackTimeout,
            @ConfigProperty(name = "inzage.audit.buffer-size", defaultValue = "10000") int bufferSize,
            @ConfigProperty(name = "inzage.audit.topic", defaultValue = TOPIC) String topic,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaDefaults,
            Config config,
            MeterRegistry registry) {
        this(new KafkaProducer<>(producerConfig(kafkaDefaults, config), new StringSerializer(), new StringSerializer()),
                mapper, source, ackTimeout, bufferSize, topic, registry);
    }

    AuditTrail(Producer<String, String> producer, ObjectMapper mapper, String source, Duration ackTimeout, int bufferSize,
            MeterRegistry registry) {
        this(producer, mapper, source, ackTimeout, bufferSize, TOPIC, registry);
    }

    private AuditTrail(Producer<String, String> producer, ObjectMapper mapper, String source, Duration ackTimeout, int bufferSize,
            String topic, MeterRegistry registry) {
        this.topic = topic;
        this.producer = producer;
        this.mapper = mapper;
        this.source = source;
        this.ackTimeout = ackTimeout;
        this.capacity = bufferSize;
        this.failures = registry.counter("inzage.audit.send.failures");
        // What audit-service must have stored, once it has caught up (./dev bench counts its table against this).
        this.acknowledgedRecords = Counter.builder("inzage.audit.records.acknowledged")
                .description("Audit records Kafka has acknowledged").register(registry);
        this.bufferFull = registry.counter("inzage.audit.buffer.full");
        this.pending = new Semaphore(bufferSize);
        Gauge.builder("inzage.audit.buffer.pending", pending, permits -> capacity - permits.availablePermits())
                .description("Decision-API audit records queued and not yet acknowledged by Kafka")
                .register(registry);
        this.sender = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-sender");
            thread.setDaemon(true);
            return thread;
        });
        sender.execute(this::learnMetadata);
    }

    /** Completes once Kafka has acknowledged the record; fails when it cannot within the ack timeout. */
    public Uni<Void> record(AccessDecided event) {
        Context context = Vertx.currentContext();
        Uni<Void> acknowledged = Uni.createFrom().<Void>emitter(emitter -> send(producerRecord(event), failure -> {
            if (failure == null) {
                emitter.complete(null);
            } else {
                emitter.fail(failure);
            }
        }));
        // The acknowledgement arrives on the producer's I/O thread: continue where the caller was.
        if (context != null) {
            acknowledged = acknowledged.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return acknowledged
                .ifNoItem().after(ackTimeout).fail()
                .onFailure().invoke(this::countFailure);
    }

    /**
     * Queues the record for sending without waiting for the acknowledgement; the producer sends
     * queued records in batches. A record stays queued, and is retried, until Kafka has
     * acknowledged it: none is dropped. False when the queue is full: the caller must then not permit.
     */
    public boolean offer(AccessDecided event) {
        if (!pending.tryAcquire()) {
            bufferFull.increment();
            return false;
        }
        ProducerRecord<String, String> record;
        try {
            record = producerRecord(event);
        } catch (RuntimeException e) {
            pending.release();
            throw e;
        }
        sendUntilAcknowledged(record, 1);
        return true;
    }

    /** Records offered and not yet acknowledged. */
    int pending() {
        return capacity - pending.availablePermits();
    }

    @PreDestroy
    void close() {
        closed = true;
        sender.shutdownNow();
        int unacknowledged = pending();
        // Waits for what is in flight (at most this long); what is still unacknowledged then is lost with the process.
        producer.close(Duration.ofSeconds(5));
        if (unacknowledged > 0) {
            LOG.warnf("shutting down with %d audit records not yet acknowledged", unacknowledged);
        }
    }

    private void sendUntilAcknowledged(ProducerRecord<String, String> record, int attempt) {
        send(record, failure -> {
            if (failure == null) {
                pending.release();
                return;
            }
            countFailure(failure);
            long delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS << Math.min(attempt - 1, 10));
            try {
                sender.schedule(() -> sendUntilAcknowledged(record, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.errorf("audit record %s not retried: the gateway is shutting down", record.key());
            }
        });
    }

    /** Hands the record to the producer: right here once it cannot block, else on the sender thread. */
    private void send(ProducerRecord<String, String> record, Consumer<Exception> done) {
        if (metadataKnown) {
            sendNow(record, done);
            return;
        }
        try {
            sender.execute(() -> sendNow(record, done));
        } catch (RejectedExecutionException e) {
            done.accept(e);
        }
    }

    private void sendNow(ProducerRecord<String, String> record, Consumer<Exception> done) {
        if (closed) {
            done.accept(new IllegalStateException("the audit trail is closed"));
            return;
        }
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception == null) {
                    acknowledgedRecords.increment();
                }
                done.accept(exception);
            });
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    /** Until the topic's partitions are known, {@code send} may wait for them: learn them here, off the event loop. */
    private void learnMetadata() {
        if (closed) {
            return;
        }
        try {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            if (partitions != null && !partitions.isEmpty()) {
                metadataKnown = true;
                return;
            }
        } catch (RuntimeException e) {
            LOG.warnf("metadata of %s not known yet (%s); retrying", topic, e.getMessage());
        }
        try {
            sender.schedule(this::learnMetadata, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void countFailure(Throwable failure) {
        failures.increment();
        LOG.errorf("audit record not written to Kafka: %s", failure.getMessage());
    }

    private ProducerRecord<String, String> producerRecord(AccessDecided event) {
        return AuditRecords.producerRecord(topic, source, event, json(event));
    }

    private String json(AccessDecided event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an audit record", e);
        }
    }

    /** {@code kafka.*} (as every channel gets it), overlaid with {@code inzage.audit.kafka.*}. */
    static Map<String, Object> producerConfig(Map<String, Object> kafkaDefaults, Config config) {
        Map<String, Object> properties = new HashMap<>(kafkaDefaults);
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(CONFIG_PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.put(name.substring(CONFIG_PREFIX.length()), value));
            }
        }
        properties.remove("key.serializer");
        properties.remove("value.serializer");
        return properties;
    }
}
