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
import nl.inzage.relationship.AccessRequest;
import nl.inzage.relationship.EndRequest;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.relationship.RelationshipRequest;

/**
 * Reads the JSON bodies of the register: a registration, an end, an access request. Strict on purpose: a misspelt or mistyped member is
 * refused by name rather than silently dropped, so a source system learns of its mistake at once.
 */
@ApplicationScoped
public class RelationshipRequestReader {

    private static final List<String> MEMBERS = List.of(RelationshipRequest.PATIENT, RelationshipRequest.ORGANIZATION,
            RelationshipRequest.ORGANIZATION_TYPE, RelationshipRequest.PRACTITIONER, RelationshipRequest.KIND,
            RelationshipRequest.START, RelationshipRequest.END, RelationshipRequest.REASON);
    private static final List<String> END_MEMBERS = List.of(EndRequest.END, EndRequest.REASON);
    private static final List<String> ACCESS_REQUEST_MEMBERS = List.of(AccessRequest.PATIENT, AccessRequest.ORGANIZATION,
            AccessRequest.ORGANIZATION_TYPE, AccessRequest.PRACTITIONER, AccessRequest.REASON);

    private final ObjectReader json;

    public RelationshipRequestReader(ObjectMapper mapper) {
        // Duplicate members and trailing content make the meaning ambiguous: refuse, do not pick one.
        this.json = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public RelationshipRequest read(String body) {
        JsonNode node = object(body, MEMBERS, "relationship");
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

    public EndRequest readEnd(String body) {
        JsonNode node = object(body, END_MEMBERS, "end");
        return new EndRequest(text(node, EndRequest.END), text(node, EndRequest.REASON));
    }

    public AccessRequest readAccessRequest(String body) {
        JsonNode node = object(body, ACCESS_REQUEST_MEMBERS, "access request");
        return new AccessRequest(
                text(node, AccessRequest.PATIENT),
                text(node, AccessRequest.ORGANIZATION),
                text(node, AccessRequest.ORGANIZATION_TYPE),
                text(node, AccessRequest.PRACTITIONER),
                text(node, AccessRequest.REASON));
    }

    private JsonNode object(String body, List<String> members, String what) {
        if (body == null || body.isBlank()) {
            throw RelationshipProblem.invalid(null, "The request body is empty: send the " + what + " as a JSON object.");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw RelationshipProblem.invalid(null, "The body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")
                    + ".");
        }
        if (node == null || !node.isObject()) {
            throw RelationshipProblem.invalid(null, "The body must be a JSON object with the members " + members + ".");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                throw RelationshipProblem.invalid(name, "Unknown member '" + name + "': the " + what + " has only " + members + ".");
            }
        }
        return node;
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
        // PostgreSQL text cannot hold NUL: refuse it here rather than fail the insert (was a 500).
        if (value.textValue().indexOf('\u0000') >= 0) {
            throw RelationshipProblem.invalid(member, member + " must not contain a NUL character.");
        }
        return value.textValue();
    }
}
