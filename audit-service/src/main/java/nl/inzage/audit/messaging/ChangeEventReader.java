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
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.contracts.Topics;

/**
 * Turns a record of {@code consent.events} or {@code relationship.events} into a log entry: every
 * change to a consent or a treatment relationship is itself a logged event, and the lawfulness
 * replay later reads the versions in force at a moment from these entries. The topic says which
 * record it must be; the payload is kept exactly as received.
 */
@ApplicationScoped
public class ChangeEventReader {

    private final ObjectReader tree;
    private final ObjectMapper json;

    public ChangeEventReader(ObjectMapper json) {
        this.json = json;
        this.tree = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ReadOutcome read(String topic, String value, String ceId, String ceType) {
        String expectedType = switch (topic) {
            case Topics.CONSENT_EVENTS -> EventTypes.CONSENT_CHANGED;
            case Topics.RELATIONSHIP_EVENTS -> EventTypes.RELATIONSHIP_CHANGED;
            default -> null;
        };
        if (expectedType == null) {
            return rejected(Rejection.UNEXPECTED_TYPE, "records of this topic are not logged");
        }
        if (value == null || value.isBlank()) {
            return rejected(Rejection.EMPTY, "the record has no value");
        }
        if (ceType != null && !expectedType.equals(ceType)) {
            return rejected(Rejection.UNEXPECTED_TYPE, "ce_type is not " + expectedType);
        }
        JsonNode node;
        try {
            node = tree.readValue(value);
        } catch (JacksonException e) {
            return rejected(Rejection.NOT_JSON, "the value is not one JSON document");
        }
        if (node == null || !node.isObject()) {
            return rejected(Rejection.NOT_A_CHANGE, "the value is not a JSON object");
        }
        try {
            return EventTypes.CONSENT_CHANGED.equals(expectedType)
                    ? consent(json.treeToValue(node, ConsentChanged.class), ceId, value)
                    : relationship(json.treeToValue(node, RelationshipChanged.class), ceId, value);
        } catch (JacksonException | IllegalArgumentException e) {
            return rejected(Rejection.NOT_A_CHANGE, "a field has a value of the wrong type");
        }
    }

    private static ReadOutcome consent(ConsentChanged event, String ceId, String payload) {
        String eventId = firstPresent(ceId, event.eventId());
        if (eventId == null) {
            return rejected(Rejection.NO_EVENT_ID, "neither a ce_id header nor an eventId in the value");
        }
        if (event.recordedAt() == null || isBlank(event.consentId()) || isBlank(event.status())) {
            return rejected(Rejection.NOT_A_CHANGE, "a ConsentChanged needs recordedAt, consentId and status");
        }
        if (isBlank(event.custodianUra()) || isBlank(event.patientBsn())) {
            return rejected(Rejection.NOT_A_CHANGE, "a ConsentChanged needs custodianUra and patientBsn");
        }
        // Filed under the data holder (custodian) and, when an organisation acted, under that one too.
        String actorOrganization = event.actor() == null ? null : event.actor().organization();
        String actorUzi = event.actor() != null && "practitioner".equals(event.actor().type()) ? event.actor().id() : null;
        return new Accepted(new AuditRecord(eventId, EventTypes.CONSENT_CHANGED, event.recordedAt(), event.patientBsn(),
                actorUzi, null, actorOrganization, event.custodianUra(), null, false, payload));
    }

    private static ReadOutcome relationship(RelationshipChanged event, String ceId, String payload) {
        String eventId = firstPresent(ceId, event.eventId());
        if (eventId == null) {
            return rejected(Rejection.NO_EVENT_ID, "neither a ce_id header nor an eventId in the value");
        }
        if (event.recordedAt() == null || isBlank(event.relationshipId()) || isBlank(event.status())) {
            return rejected(Rejection.NOT_A_CHANGE, "a RelationshipChanged needs recordedAt, relationshipId and status");
        }
        if (isBlank(event.organization()) || isBlank(event.patientBsn())) {
            return rejected(Rejection.NOT_A_CHANGE, "a RelationshipChanged needs organization and patientBsn");
        }
        return new Accepted(new AuditRecord(eventId, EventTypes.RELATIONSHIP_CHANGED, event.recordedAt(),
                event.patientBsn(), event.practitioner(), null, event.organization(), null, null, false, payload));
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
