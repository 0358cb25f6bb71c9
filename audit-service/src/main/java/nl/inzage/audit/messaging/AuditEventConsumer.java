package nl.inzage.audit.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.messaging.ReadOutcome.Accepted;
import nl.inzage.audit.messaging.ReadOutcome.Rejected;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.contracts.DatabaseOutage;
import nl.inzage.contracts.CloudEventHeaders;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Ingests {@code audit.events}, and {@code consent.events} with {@code relationship.events}, one
 * poll at a time: the good records of a batch in one transaction,
 * the malformed ones (and, should the database refuse one, that one) to the DLQ, and only then the batch ack (which lets the throttled strategy
 * commit its offsets). A malformed record therefore never blocks its partition, and no offset is
 * committed for a record that is neither stored nor dead-lettered.
 */
@ApplicationScoped
public class AuditEventConsumer {

    private static final Logger LOG = Logger.getLogger(AuditEventConsumer.class);

    private final AuditEventReader accessReader;
    private final ChangeEventReader changeReader;
    private final AuditLogService log;
    private final DeadLetterPublisher deadLetters;

    public AuditEventConsumer(AuditEventReader accessReader, ChangeEventReader changeReader, AuditLogService log,
            DeadLetterPublisher deadLetters) {
        this.accessReader = accessReader;
        this.changeReader = changeReader;
        this.log = log;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.AUDIT_IN)
    public Uni<Void> ingest(KafkaRecordBatch<String, String> batch) {
        return ingest(batch, record -> accessReader.read(record.getPayload(), header(record, CloudEventHeaders.ID),
                header(record, CloudEventHeaders.TYPE)));
    }

    @Incoming(Channels.CHANGES_IN)
    public Uni<Void> ingestChanges(KafkaRecordBatch<String, String> batch) {
        return ingest(batch, record -> changeReader.read(record.getTopic(), record.getPayload(),
                header(record, CloudEventHeaders.ID), header(record, CloudEventHeaders.TYPE)));
    }

    private Uni<Void> ingest(KafkaRecordBatch<String, String> batch, Function<KafkaRecord<String, String>, ReadOutcome> reader) {
        Triage triage = triage(batch.getRecords(), reader);
        return untilStored(Uni.createFrom().deferred(() -> log.record(triage.accepted())), triage.accepted().size())
                .invoke(stored -> LOG.debugf("Stored %d of %d audit events (%d already present, %d dead-lettered)",
                        stored, batch.getRecords().size(), triage.accepted().size() - stored, triage.rejected().size()))
                .replaceWithVoid()
                // Not an outage: one record of the batch the database will never take. Store them one by one, in
                // order (the hash chain), and set aside on the DLQ only the ones it refuses.
                .onFailure().recoverWithUni(failure -> oneByOne(triage))
                .chain(() -> deadLetter(triage.rejected()))
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                // failure-strategy=fail: the channel stops and the uncommitted batch is read again after a restart.
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(() -> batch.nack(failure)));
    }

    /**
     * Retries while the database is away, for as long as it takes (a channel stopped over a PostgreSQL restart
     * stayed stopped until the service was restarted: tests/faults, RELIABILITY.md); any other failure is
     * returned at once.
     */
    private static <T> Uni<T> untilStored(Uni<T> store, int records) {
        return store
                .onFailure(DatabaseOutage::is).invoke(failure -> LOG.warnf("%d audit events not stored yet, the database is"
                        + " unavailable; will retry: %s", records, failure.getClass().getSimpleName()))
                .onFailure(DatabaseOutage::is).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(Long.MAX_VALUE);
    }

    private Uni<Void> oneByOne(Triage triage) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < triage.accepted().size(); i++) {
            AuditRecord record = triage.accepted().get(i);
            KafkaRecord<String, String> from = triage.acceptedFrom().get(i);
            chain = chain.chain(() -> untilStored(Uni.createFrom().deferred(() -> log.record(List.of(record))), 1)
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(refused -> {
                        LOG.errorf("audit event at %s-%d set aside: the database refuses it (%s)", from.getTopic(),
                                from.getPartition(), refused.getClass().getSimpleName());
                        return deadLetters.publish(from, new Rejection(Rejection.UNSTORABLE, refused.getClass().getSimpleName()));
                    }));
        }
        return chain;
    }

    private static Triage triage(List<KafkaRecord<String, String>> records,
            Function<KafkaRecord<String, String>, ReadOutcome> reader) {
        Triage triage = new Triage(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (KafkaRecord<String, String> record : records) {
            ReadOutcome outcome = reader.apply(record);
            if (outcome instanceof Accepted accepted) {
                triage.accepted().add(accepted.record());
                triage.acceptedFrom().add(record);
            } else if (outcome instanceof Rejected rejected) {
                triage.rejected().add(new DeadLetter(record, rejected.rejection()));
            }
        }
        return triage;
    }

    private Uni<Void> deadLetter(List<DeadLetter> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = rejected.stream().map(d -> deadLetters.publish(d.record(), d.rejection())).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static String header(KafkaRecord<String, String> record, String name) {
        Header header = record.getHeaders().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record Triage(List<AuditRecord> accepted, List<KafkaRecord<String, String>> acceptedFrom, List<DeadLetter> rejected) {
    }

    private record DeadLetter(KafkaRecord<String, String> record, Rejection rejection) {
    }
}
