package nl.inzage.relationship.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.Topics;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Readout;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Refused;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Unreadable;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Write;
import nl.inzage.relationship.rest.Problem;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes relationship registrations written by source systems on their own
 * {@code relationship.inbound.<URA>} topic, one record at a time in offset order, exactly as
 * consent-service consumes consents, and answers each on {@code relationship.inbound.results}:
 * <ul>
 *   <li>a receipt already there (re-delivery): nothing is written, the stored result is published again;</li>
 *   <li>not a JSON object at all: the record goes to {@code relationship.inbound.dlq} and the source
 *       gets a rejected result, so it learns of it on the topic it already reads;</li>
 *   <li>a registration the register refuses (invalid, another organisation's, an access request):
 *       a rejected result with the problem body the REST path would give;</li>
 *   <li>otherwise: the relationship is registered and the result names id, version and revision.</li>
 * </ul>
 * The record is acknowledged only after its result is on the broker; the throttled strategy then
 * commits its offset. A failure that is not about the record (database or broker away) is retried
 * with backoff and then stops the channel, so the uncommitted record is read again after a restart:
 * records are never skipped, and a bad record never blocks its partition.
 */
@ApplicationScoped
public class InboundRelationshipConsumer {

    private static final Logger LOG = Logger.getLogger(InboundRelationshipConsumer.class);

    private final InboundRelationshipReader reader;
    private final InboundRelationshipService inbound;
    private final InboundResultPublisher results;
    private final DeadLetterPublisher deadLetters;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final InboundConfig config;

    public InboundRelationshipConsumer(InboundRelationshipReader reader, InboundRelationshipService inbound,
            InboundResultPublisher results, DeadLetterPublisher deadLetters, ObjectMapper json, MeterRegistry meters,
            InboundConfig config) {
        this.reader = reader;
        this.inbound = inbound;
        this.results = results;
        this.deadLetters = deadLetters;
        this.json = json;
        this.meters = meters;
        this.config = config;
    }

    @Incoming(InboundChannels.RELATIONSHIP_INBOUND)
    public Uni<Void> consume(KafkaRecord<String, String> record) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
        String ceId = header(record, CloudEventHeaders.ID);
        InboundInput input = InboundInput.of(record.getTopic(), record.getPartition(), offset, ceId);
        // Hibernate Reactive needs the record's Vert.x context: every attempt, and every step after a
        // Kafka send (whose acknowledgement arrives on a producer thread), runs on it.
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        return Uni.createFrom().deferred(() -> handle(record, input, ceId, onContext))
                .runSubscriptionOn(onContext)
                .onFailure().invoke(failure -> LOG.warnf("Inbound %s not handled yet, will retry: %s", input.position(),
                        failure.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(config.firstBackoff(), config.maxBackoff()).atMost(config.retries())
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure == null) {
                        count(outcome);
                        return Uni.createFrom().completionStage(record::ack);
                    }
                    // failure-strategy=fail: the channel stops; the record's offset is not committed.
                    LOG.errorf("Inbound %s could not be handled; stopping the inbound channel: %s", input.position(),
                            failure.getClass().getSimpleName());
                    return Uni.createFrom().completionStage(() -> record.nack(failure));
                });
    }

    /** What happened to one record, for the log and the metrics. */
    enum Outcome { ACCEPTED, REJECTED, DEAD_LETTERED, REDELIVERED }

    private Uni<Outcome> handle(KafkaRecord<String, String> record, InboundInput input, String ceId, Executor onContext) {
        return inbound.receipt(input).chain(receipt -> {
            if (receipt != null) {
                LOG.debugf("Inbound %s is a re-delivery: publishing its stored result again", input.position());
                return results.publish(receipt).replaceWith(Outcome.REDELIVERED);
            }
            Readout readout = reader.read(ceId, record.getPayload());
            if (readout instanceof Unreadable unreadable) {
                return deadLetter(record, input, unreadable, onContext);
            }
            if (readout instanceof Refused refused) {
                return reject(input, refused.problem());
            }
            return write(input, (Write) readout);
        });
    }

    private Uni<Outcome> write(InboundInput input, Write write) {
        return alreadyReceipted(input, inbound.apply(input, write.facts()))
                .chain(receipt -> {
                    LOG.infof("Inbound %s: relationship %s version %d stored", input.position(), receipt.relationshipId,
                            receipt.version);
                    return results.publish(receipt).replaceWith(Outcome.ACCEPTED);
                })
                .onFailure(RelationshipProblem.class).recoverWithUni(problem -> reject(input, (RelationshipProblem) problem));
    }

    private Uni<Outcome> reject(InboundInput input, RelationshipProblem problem) {
        // The type and status only: the detail may quote the value.
        LOG.infof("Inbound %s rejected: %s (%d)", input.position(), problem.type(), problem.status());
        return alreadyReceipted(input, inbound.reject(input, json(Problem.of(problem))))
                .chain(receipt -> results.publish(receipt))
                .replaceWith(Outcome.REJECTED);
    }

    private Uni<Outcome> deadLetter(KafkaRecord<String, String> record, InboundInput input, Unreadable reason, Executor onContext) {
        LOG.warnf("Inbound %s dead-lettered: %s", input.position(), reason.code());
        String problem = json(Problem.of(400, "unreadable-record", "The record is not a relationship registration ("
                + reason.describe() + "); it was moved to " + Topics.RELATIONSHIP_INBOUND_DLQ + ".", null));
        // Dead letter first: once the receipt exists, a re-delivery would only republish the result.
        return deadLetters.publish(record, input, reason)
                .emitOn(onContext)
                .chain(() -> alreadyReceipted(input, inbound.reject(input, problem)))
                .chain(receipt -> results.publish(receipt))
                .replaceWith(Outcome.DEAD_LETTERED);
    }

    /**
     * The same input handled meanwhile elsewhere (the same ce_id on another partition, read by
     * another replica): its receipt won, so this attempt's failure is moot and that result stands.
     */
    private Uni<InboundReceiptEntity> alreadyReceipted(InboundInput input, Uni<InboundReceiptEntity> attempt) {
        return attempt.onFailure(failure -> !(failure instanceof RelationshipProblem)).recoverWithUni(failure -> inbound.receipt(input)
                .onItem().ifNull().failWith(() -> failure));
    }

    private String json(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // A record of strings always serialises; failing here is a programming error.
            throw new IllegalStateException("cannot serialise a problem", e);
        }
    }

    private void count(Outcome outcome) {
        meters.counter("inzage.relationship.inbound", "outcome", outcome.name().toLowerCase().replace('_', '-')).increment();
    }

    private static String header(KafkaRecord<String, String> record, String name) {
        Header header = record.getHeaders().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
