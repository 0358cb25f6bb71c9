package nl.inzage.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.NamingSystems;

/**
 * The changes a client makes to one of her consents, as edits of its FHIR JSON: withdraw, give
 * again, exclude an organisation, an organisation type or a data category (a nested deny
 * provision), and undo such an exclusion. Pure functions: they return a changed copy.
 */
public final class ConsentEdits {

    public static final String IRCP_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /** What can be excluded. */
    public enum Target {
        ORGANIZATION, ORGANIZATION_TYPE, CATEGORY
    }

    private ConsentEdits() {
    }

    public static ObjectNode withdraw(JsonNode consent) {
        ObjectNode copy = consent.deepCopy();
        copy.put("status", "inactive");
        return copy;
    }

    /** Active again, sharing with the network as before (a refusal becomes a permit). */
    public static ObjectNode giveAgain(JsonNode consent) {
        ObjectNode copy = consent.deepCopy();
        copy.put("status", "active");
        ObjectNode provision = copy.has("provision") && copy.get("provision").isObject()
                ? (ObjectNode) copy.get("provision") : copy.putObject("provision");
        provision.put("type", "permit");
        return copy;
    }

    /** Adds a nested deny for the target unless an equal one is there already. */
    public static ObjectNode exclude(JsonNode consent, Target target, String value) {
        ObjectNode copy = consent.deepCopy();
        ObjectNode provision = copy.has("provision") && copy.get("provision").isObject()
                ? (ObjectNode) copy.get("provision") : copy.putObject("provision");
        ArrayNode nested = provision.has("provision") && provision.get("provision").isArray()
                ? (ArrayNode) provision.get("provision") : provision.putArray("provision");
        for (JsonNode existing : nested) {
            if ("deny".equals(existing.path("type").asText()) && target.equals(targetOf(existing)) && value.equals(valueOf(existing))) {
                return copy;
            }
        }
        ObjectNode deny = nested.addObject().put("type", "deny");
        switch (target) {
            case CATEGORY -> deny.putArray("class").addObject().put("system", DataCategories.SYSTEM).put("code", value);
            case ORGANIZATION, ORGANIZATION_TYPE -> {
                ObjectNode actor = deny.putArray("actor").addObject();
                actor.putObject("role").putArray("coding").addObject().put("system", IRCP_SYSTEM).put("code", "IRCP");
                actor.putObject("reference").putObject("identifier")
                        .put("system", target == Target.ORGANIZATION ? NamingSystems.URA : NamingSystems.ORGANIZATION_TYPE)
                        .put("value", value);
            }
            default -> throw new IllegalArgumentException(target.name());
        }
        return copy;
    }

    /** Removes the nested provision at {@code index} when it is a deny; anything else is refused. */
    public static ObjectNode allowAgain(JsonNode consent, int index) {
        ObjectNode copy = consent.deepCopy();
        JsonNode nested = copy.path("provision").path("provision");
        if (!nested.isArray() || index < 0 || index >= nested.size() || !"deny".equals(nested.get(index).path("type").asText())) {
            throw new IllegalArgumentException("no exclusion at " + index);
        }
        ((ArrayNode) nested).remove(index);
        return copy;
    }

    /** Which kind of target a nested provision names, or null when it is not one the portal edits. */
    public static Target targetOf(JsonNode nested) {
        String system = nested.path("actor").path(0).path("reference").path("identifier").path("system").asText(null);
        if (NamingSystems.URA.equals(system)) {
            return Target.ORGANIZATION;
        }
        if (NamingSystems.ORGANIZATION_TYPE.equals(system)) {
            return Target.ORGANIZATION_TYPE;
        }
        if (nested.path("class").size() > 0 && !nested.has("actor")) {
            return Target.CATEGORY;
        }
        return null;
    }

    /** The URA, type code or first category code a nested provision names. */
    public static String valueOf(JsonNode nested) {
        JsonNode identifier = nested.path("actor").path(0).path("reference").path("identifier");
        if (identifier.has("value")) {
            return identifier.path("value").asText();
        }
        return nested.path("class").path(0).path("code").asText(null);
    }

    /** The data category codes of a provision's {@code class}. */
    public static List<String> categoriesOf(JsonNode provision) {
        List<String> codes = new java.util.ArrayList<>();
        for (JsonNode coding : provision.path("class")) {
            if (DataCategories.SYSTEM.equals(coding.path("system").asText())) {
                codes.add(coding.path("code").asText());
            }
        }
        return codes;
    }
}
