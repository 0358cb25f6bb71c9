package nl.inzage.relationship.inbound;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import nl.inzage.relationship.RelationshipFacts;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.relationship.RelationshipRules;
import nl.inzage.relationship.rest.RelationshipRequestReader;

/**
 * Reads the value of an inbound record with the rules of {@code POST /relationships}. Three answers:
 * not a JSON object at all (dead letter), a registration the register refuses (rejected, with the
 * problem body the REST path would give), or a registration to store.
 */
@ApplicationScoped
public class InboundRelationshipReader {

    /** As {@code POST /relationships}: a registration is far smaller. */
    static final int MAX_VALUE_BYTES = 1024 * 1024;

    /** The outcome of reading one record. */
    public sealed interface Readout {
    }

    /**
     * Not a registration at all: goes to the DLQ. Neither part quotes the value, so it may be logged.
     *
     * @param code stable: {@code empty}, {@code not-json}, {@code not-object}, {@code bad-ce-id}
     */
    public record Unreadable(String code, String detail) implements Readout {

        public String describe() {
            return code + ": " + detail;
        }
    }

    /** A registration the register refuses, for the reason the REST path would give. */
    public record Refused(RelationshipProblem problem) implements Readout {
    }

    /** A valid registration to store. */
    public record Write(RelationshipFacts facts) implements Readout {
    }

    private final RelationshipRequestReader reader;
    private final ObjectReader tree;

    public InboundRelationshipReader(RelationshipRequestReader reader, ObjectMapper json) {
        this.reader = reader;
        this.tree = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public Readout read(String ceId, String value) {
        if (InboundInput.isUnusableId(ceId)) {
            return new Unreadable("bad-ce-id", "the ce_id header is longer than " + InboundInput.MAX_ID_LENGTH
                    + " characters or holds control characters");
        }
        if (value == null || value.isBlank()) {
            return new Unreadable("empty", "the record has no value");
        }
        if (value.length() > MAX_VALUE_BYTES / 4 && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            return new Refused(new RelationshipProblem(413, "payload-too-large", null,
                    "The value is larger than 1 MiB; a relationship registration is far smaller."));
        }
        Unreadable notObject = notAnObject(value);
        if (notObject != null) {
            return notObject;
        }
        try {
            return new Write(RelationshipRules.check(reader.read(value)));
        } catch (RelationshipProblem problem) {
            return new Refused(problem);
        }
    }

    private Unreadable notAnObject(String value) {
        JsonNode node;
        try {
            node = tree.readValue(value);
        } catch (JacksonException e) {
            return new Unreadable("not-json", "the value is not one JSON document");
        }
        if (node == null || !node.isObject()) {
            return new Unreadable("not-object", "the value is not a JSON object");
        }
        return null;
    }
}
