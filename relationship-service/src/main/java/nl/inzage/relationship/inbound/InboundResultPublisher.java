package nl.inzage.relationship.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Publishes the result of an input on {@code relationship.inbound.results}, key = input id, with the
 * CloudEvents headers every event of the product carries.
 *
 * <p>Sent directly, after the receipt committed, not through the outbox: if the service stops
 * between that commit and the broker's acknowledgement, the input's offset is not committed
 * either, so it is read again, finds its receipt and publishes the same result then. A result
 * may therefore arrive twice (same body, another {@code ce_id}), never not at all.
 */
@ApplicationScoped
public class InboundResultPublisher {

    private final MutinyEmitter<String> results;
    private final ObjectMapper json;
    private final String source;

    public InboundResultPublisher(@Channel(InboundChannels.RESULTS) MutinyEmitter<String> results, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.results = results;
        this.json = json;
        this.source = source;
    }

    /** Completes when the broker has the result. */
    public Uni<Void> publish(InboundReceiptEntity receipt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.TYPE, bytes(EventTypes.RELATIONSHIP_INBOUND_RESULT));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.TIME, bytes(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        headers.add(CloudEventHeaders.SUBJECT, bytes(receipt.inputId));
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(receipt.inputId)
                .withHeaders(headers)
                .build();
        return results.sendMessage(Message.of(body(receipt), Metadata.of(metadata)));
    }

    String body(InboundReceiptEntity receipt) {
        try {
            JsonNode outcome = receipt.outcome == null ? null : json.readTree(receipt.outcome);
            return json.writeValueAsString(new InboundResult(receipt.inputId, receipt.topic, receipt.accepted, receipt.relationshipId,
                    receipt.version, receipt.revision, outcome));
        } catch (JsonProcessingException e) {
            // The outcome is JSON the service wrote itself: failing here is a programming error.
            throw new IllegalStateException("cannot write the result of an inbound input", e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
