package nl.inzage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What an {@code AccessDecided} payload says beyond the filter columns: who (name, organisation
 * type), which data, why (reason codes, purpose of use, the emergency reason when the gateway sends
 * one) and which consent and relationship versions the decision rested on. Read leniently: fields the
 * gateway adds later are ignored, missing ones are null or empty.
 */
public record AccessDetails(String practitionerName, String organizationType, String dataCategory, String action,
        String query, List<String> reasons, String purposeOfUse, String emergencyReason, List<String> consentIds,
        List<String> relationshipIds, String requestId, String sourceIp) {

    /** The details of a stored payload; all empty when it cannot be read (the log keeps what it got). */
    public static AccessDetails parse(ObjectMapper json, String payload) {
        try {
            return of(json.readTree(payload));
        } catch (JsonProcessingException e) {
            return of(json.createObjectNode());
        }
    }

    public static AccessDetails of(JsonNode event) {
        JsonNode practitioner = event.path("practitioner");
        return new AccessDetails(text(practitioner, "name"), text(practitioner, "organizationType"),
                text(event, "dataCategory"), text(event, "action"), text(event, "query"), texts(event, "reasons"),
                text(event, "purposeOfUse"), firstText(event, "emergencyReason", "breakTheGlassReason", "reason"),
                texts(event, "consentIds"), texts(event, "relationshipIds"), text(event, "requestId"),
                text(event, "sourceIp"));
    }

    /** On which basis access was given, in plain words: consent, relationship, emergency. */
    public List<String> basis(boolean emergency) {
        List<String> basis = new ArrayList<>(3);
        if (reasons.contains("consent-permit")) {
            basis.add("consent");
        }
        if (reasons.contains("relationship")) {
            basis.add("relationship");
        }
        if (emergency) {
            basis.add("emergency");
        }
        return basis;
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static List<String> texts(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isArray()) {
            return List.of();
        }
        List<String> list = new ArrayList<>(value.size());
        value.forEach(v -> {
            if (v.isValueNode() && !v.isNull()) {
                list.add(v.asText());
            }
        });
        return List.copyOf(list);
    }
}
