package nl.inzage.relationship.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.List;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.relationship.RelationshipRequest;

/**
 * Reads the JSON body of a registration. Strict on purpose: a misspelt or mistyped member is
 * refused by name rather than silently dropped, so a source system learns of its mistake at once.
 */
@ApplicationScoped
public class RelationshipRequestReader {

    private static final List<String> MEMBERS = List.of(RelationshipRequest.PATIENT, RelationshipRequest.ORGANIZATION,
            RelationshipRequest.ORGANIZATION_TYPE, RelationshipRequest.PRACTITIONER, RelationshipRequest.KIND,
            RelationshipRequest.START, RelationshipRequest.END, RelationshipRequest.REASON);

    private final ObjectReader json;

    public RelationshipRequestReader(ObjectMapper mapper) {
        // Duplicate members and trailing content make the meaning ambiguous: refuse, do not pick one.
        this.json = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public RelationshipRequest read(String body) {
        if (body == null || body.isBlank()) {
            throw RelationshipProblem.invalid(null, "The request body is empty: send the relationship as a JSON object.");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw RelationshipProblem.invalid(null, "The body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")
                    + ".");
        }
        if (!node.isObject()) {
            throw RelationshipProblem.invalid(null, "The body must be a JSON object with the members " + MEMBERS + ".");
        }
        rejectUnknownMembers(node);
        return new RelationshipRequest(
                text(node, RelationshipRequest.PATIENT),
                text(node, RelationshipRequest.ORGANIZATION),
                text(node, RelationshipRequest.ORGANIZATION_TYPE),
                text(node, RelationshipRequest.PRACTITIONER),
                text(node, RelationshipRequest.KIND),
                text(node, RelationshipRequest.START),
                text(node, RelationshipRequest.END),
                text(node, RelationshipRequest.REASON));
    }

    private static void rejectUnknownMembers(JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw RelationshipProblem.invalid(name, "Unknown member '" + name + "': a relationship has only " + MEMBERS + ".");
            }
        }
    }

    /** A member's string value; absent and null both mean "not given". Identifiers as numbers are refused: leading zeros matter. */
    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RelationshipProblem.invalid(member, member + " must be a JSON string, not " + value.getNodeType().name().toLowerCase() + ".");
        }
        return value.textValue();
    }
}
