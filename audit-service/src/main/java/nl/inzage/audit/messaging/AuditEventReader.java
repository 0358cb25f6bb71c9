package nl.inzage.audit.messaging;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.messaging.ReadOutcome.Accepted;
import nl.inzage.audit.messaging.ReadOutcome.Rejected;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.EventTypes;

/**
 * Turns the value and CloudEvents headers of an {@code audit.events} record into a log entry, or
 * says why it cannot. Lenient on content (a log must not drop what the gateway decided), strict on
 * what the log cannot do without: an event id, a time, a decision and an organisation to file it under.
 */
@ApplicationScoped
public class AuditEventReader {

    private final ObjectReader tree;
    private final ObjectMapper json;

    public AuditEventReader(ObjectMapper json) {
        this.json = json;
        // The payload is stored as received, so it must be one JSON document and nothing after it.
        this.tree = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ReadOutcome read(String value, String ceId, String ceType) {
        if (value == null || value.isBlank()) {
            return rejected(Rejection.EMPTY, "the record has no value");
        }
        if (ceType != null && !EventTypes.ACCESS_DECIDED.equals(ceType)) {
            return rejected(Rejection.UNEXPECTED_TYPE, "ce_type is not " + EventTypes.ACCESS_DECIDED);
        }
        JsonNode node;
        try {
            node = tree.readValue(value);
        } catch (JacksonException e) {
            return rejected(Rejection.NOT_JSON, "the value is not one JSON document");
        }
        if (node == null || !node.isObject()) {
            return rejected(Rejection.NOT_ACCESS_DECIDED, "the value is not a JSON object");
        }
        AccessDecided event;
        try {
            event = json.treeToValue(node, AccessDecided.class);
        } catch (JacksonException | IllegalArgumentException e) {
            return rejected(Rejection.NOT_ACCESS_DECIDED, "a field has a value of the wrong type");
        }
        return toRecord(event, firstPresent(ceId, event.eventId()), value);
    }

    private static ReadOutcome toRecord(AccessDecided event, String eventId, String payload) {
        AccessDecided.Practitioner practitioner = event.practitioner();
        String organization = practitioner == null ? null : practitioner.organization();
        if (eventId == null) {
            return rejected(Rejection.NO_EVENT_ID, "neither a ce_id header nor an eventId in the value");
        }
        if (event.occurredAt() == null) {
            return rejected(Rejection.NOT_ACCESS_DECIDED, "occurredAt is missing");
        }
        if (isBlank(event.decision())) {
            return rejected(Rejection.NOT_ACCESS_DECIDED, "decision is missing");
        }
        if (isBlank(organization) && isBlank(event.dataHolder())) {
            return rejected(Rejection.NOT_ACCESS_DECIDED, "neither practitioner.organization nor dataHolder is given");
        }
        return new Accepted(new AuditRecord(
                eventId,
                EventTypes.ACCESS_DECIDED,
                event.occurredAt(),
                event.patientBsn(),
                practitioner == null ? null : practitioner.uzi(),
                practitioner == null ? null : practitioner.role(),
                organization,
                event.dataHolder(),
                event.decision(),
                event.emergency(),
                payload));
    }

    private static Rejected rejected(String code, String detail) {
        return new Rejected(new Rejection(code, detail));
    }

    private static String firstPresent(String first, String second) {
        return !isBlank(first) ? first : isBlank(second) ? null : second;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
