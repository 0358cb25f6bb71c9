package nl.inzage.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends an event to the outbox inside the caller's transaction: the change and its event commit
 * together or not at all. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param subject CloudEvents subject: the id of the thing that changed (never a BSN)
     */
    public Uni<Void> append(String topic, String key, String eventId, String eventType, String subject, Object payload) {
        OutboxEvent event = new OutboxEvent();
        event.topic = topic;
        event.key = key;
        event.eventId = eventId;
        event.eventType = eventType;
        event.subject = subject;
        event.payload = toJson(payload);
        event.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return event.persist().replaceWithVoid();
    }

    private String toJson(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            // Our own records always serialise; failing here is a programming error.
            throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }
}
