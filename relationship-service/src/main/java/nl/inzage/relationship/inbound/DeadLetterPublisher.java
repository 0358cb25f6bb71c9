package nl.inzage.relationship.inbound;

import nl.inzage.contracts.InboundDeadLetterHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Unreadable;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Moves an inbound record that is not a relationship registration to {@code relationship.inbound.dlq}: value, key and headers unchanged, plus the reason. */
@ApplicationScoped
public class DeadLetterPublisher {

    private final MutinyEmitter<String> deadLetters;

    public DeadLetterPublisher(@Channel(InboundChannels.DEAD_LETTERS) MutinyEmitter<String> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Completes when the broker has the dead letter. */
    public Uni<Void> publish(KafkaRecord<String, String> original, InboundInput input, Unreadable reason) {
        RecordHeaders headers = new RecordHeaders(original.getHeaders().toArray());
        headers.add(InboundDeadLetterHeaders.REASON, bytes(reason.describe()));
        headers.add(InboundDeadLetterHeaders.TOPIC, bytes(input.topic()));
        headers.add(InboundDeadLetterHeaders.PARTITION, bytes(Integer.toString(input.partition())));
        headers.add(InboundDeadLetterHeaders.OFFSET, bytes(Long.toString(input.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(original.getKey())
                .withHeaders(headers)
                .build();
        return deadLetters.sendMessage(Message.of(original.getPayload(), Metadata.of(metadata)));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
