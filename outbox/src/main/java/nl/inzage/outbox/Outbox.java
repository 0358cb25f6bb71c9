package nl.inzage.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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

    /** An event for {@link #appendAll}: the arguments of {@link #append}. */
    public record Pending(String topic, String key, String eventId, String eventType, String subject, Object payload) {
    }

    /**
     * Appends many events inside the caller's transaction, in list order, with one statement per
     * few thousand events rather than one per event (bulk writers; same rows as {@link #append}).
     */
    public Uni<Void> appendAll(List<Pending> events) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(events.size());
        for (Pending event : events) {
            rows.add(new Object[] {event.topic(), event.key(), event.eventId(), event.eventType(), event.subject(), toJson(event.payload()), now});
        }
        return RowInserts.insert("outbox_event", COLUMNS, rows);
    }

    private static final List<String> COLUMNS = List.of("topic", "message_key", "event_id", "event_type", "subject", "payload", "created_at");

    private String toJson(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            // Our own records always serialise; failing here is a programming error.
            throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }
}
