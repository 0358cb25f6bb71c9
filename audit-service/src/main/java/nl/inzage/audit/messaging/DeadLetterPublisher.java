package nl.inzage.audit.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/** Moves a record the log cannot store to {@code audit.events.dlq}, unchanged, with the reason. */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final MutinyEmitter<String> deadLetters;

    public DeadLetterPublisher(@Channel(Channels.AUDIT_DLQ) MutinyEmitter<String> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Completes when the broker has the dead letter, so the original may then be committed. */
    public Uni<Void> publish(KafkaRecord<String, String> original, Rejection rejection) {
        long offset = original.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
        RecordHeaders headers = new RecordHeaders(original.getHeaders().toArray());
        headers.add(DeadLetterHeaders.REASON, bytes(rejection.describe()));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes(original.getTopic()));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, bytes(Integer.toString(original.getPartition())));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, bytes(Long.toString(offset)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(original.getKey())
                .withHeaders(headers)
                .build();
        // The reason code and the position only: the value may hold a BSN.
        LOG.warnf("Dead-lettering %s-%d@%d: %s", original.getTopic(), original.getPartition(), offset,
                rejection.code());
        return deadLetters.sendMessage(Message.of(original.getPayload(), Metadata.of(metadata)));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
